"""How the LLM tests run causemap as a user does, written once: a workspace of ingested abstracts, and
the command lines (``python -m causemap ...``; the LLM extraction ``extract -w WORKSPACE -e llm --json``)."""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from pathlib import Path

from causemap.ingest.pipeline import ingest_paths
from causemap.workspace import Workspace


def ingest_abstracts(root: Path, abstracts: Sequence[dict]) -> Path:
    """A workspace under ``root`` holding ``abstracts`` (``id``/``title``/``text`` records), ingested."""
    path = root / "abstracts.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in abstracts) + "\n")
    with Workspace.open(root / "ws") as ws:
        ingest_paths(ws, [path], progress=False)
    return root / "ws"


def causemap_command(*args: str) -> list[str]:
    """``python -m causemap ARGS`` with this interpreter (the one the tests installed causemap into)."""
    return [sys.executable, "-m", "causemap", *args]


def llm_extract(workspace: Path | str, *args: str) -> tuple[str, ...]:
    """The arguments of an LLM extraction of ``workspace`` that prints its summary as JSON."""
    return ("extract", "-w", str(workspace), "-e", "llm", "--json", *args)
