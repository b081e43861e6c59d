"""Vectors of variable names, kept in the workspace so that a rebuild embeds only names it has not seen.

Every ``causemap graph`` (and every merge, rename or split, which rebuilds the graph) embeds the distinct
normalised names of its claims for synonym merging. Most of them were embedded by the previous build: a
``TermVectorCache`` answers those from ``<workspace>/cache/term-vectors-<model>.npz`` and loads the model
only when a name is new, so a rebuild with nothing new needs neither torch nor the model.

The file is a cache, not a record: it is written whole to a temporary file and moved into place (a
reader never sees half a file; two processes writing at once lose at most the other's additions), and
a file that cannot be read is ignored and rewritten.
"""

from __future__ import annotations

import os
import tempfile
import zipfile
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np
from tqdm import tqdm

from causemap.graphbuilder.normalise import slugify

__all__ = ["TermVectorCache", "cache_path"]

_BATCH = 256  # names embedded per progress step


def cache_path(workspace: Path | str, model: str) -> Path:
    """Where the vectors of ``model`` are kept in ``workspace``."""
    return Path(workspace) / "cache" / f"term-vectors-{slugify(model)}.npz"


class TermVectorCache:
    """An embedder for variable names that remembers, in a file, every vector it has made.

    Parameters
    ----------
    path
        The cache file (``cache_path(workspace, model)``).
    load_embedder
        Returns the real embedder (anything with ``embed(texts) -> unit vectors``); called only when
        some name is not in the cache.
    progress
        Show a progress bar on stderr while new names are embedded.
    """

    def __init__(self, path: Path, load_embedder: Callable[[], object], progress: bool = False) -> None:
        self.path = Path(path)
        self._load_embedder = load_embedder
        self._embedder: object | None = None
        self._progress = progress
        self._vectors: dict[str, np.ndarray] = self._read()
        self._new = 0
        self.embedded = 0  # names embedded by the model in this process (the rest came from the file)

    def _read(self) -> dict[str, np.ndarray]:
        try:
            with np.load(self.path, allow_pickle=False) as data:
                terms, vectors = data["terms"], data["vectors"]
        except (OSError, KeyError, ValueError, zipfile.BadZipFile, EOFError):
            return {}
        if len(terms) != len(vectors):
            return {}
        return {str(t): v for t, v in zip(terms, vectors, strict=True)}

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        """Unit vectors, one row per text: from the cache, else from the model (and then cached)."""
        missing = sorted({t for t in texts if t not in self._vectors})
        if missing:
            if self._embedder is None:
                self._embedder = self._load_embedder()
            bar = tqdm(
                total=len(missing),
                desc="graph: embedding new variable names",
                unit="name",
                file=None,
                disable=not self._progress,
            )
            for start in range(0, len(missing), _BATCH):
                batch = missing[start : start + _BATCH]
                vectors = np.asarray(self._embedder.embed(batch), dtype=np.float32)  # type: ignore[attr-defined]
                self._vectors.update(zip(batch, vectors, strict=True))
                bar.update(len(batch))
            bar.close()
            self._new += len(missing)
            self.embedded += len(missing)
        if not texts:
            return np.zeros((0, 0), dtype=np.float32)
        return np.stack([self._vectors[t] for t in texts])

    def save(self) -> None:
        """Write the cache if this process added vectors to it (atomically: temporary file, then move)."""
        if not self._new:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        terms = sorted(self._vectors)
        vectors = np.stack([self._vectors[t] for t in terms]).astype(np.float32)
        fd, tmp = tempfile.mkstemp(dir=self.path.parent, prefix=".term-vectors-", suffix=".npz")
        try:
            with os.fdopen(fd, "wb") as handle:
                np.savez(handle, terms=np.array(terms, dtype=str), vectors=vectors)
            os.replace(tmp, self.path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        self._new = 0
