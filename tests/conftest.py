"""Shared fixtures. Tests run on real components: SQLite files, Chroma stores, the packaged model, PDFs."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
# A developer's own settings must not leak into tests (where to find shared test data may).
for _name in [k for k in os.environ if k.startswith("CAUSEMAP_") and k != "CAUSEMAP_SHARED_PDFS"]:
    del os.environ[_name]

REPO = Path(__file__).resolve().parents[1]
SAMPLES = REPO / "corpus_samples" / "pdf"
SHARED = REPO.parent / "shared"


@pytest.fixture(scope="session")
def sample_pdfs() -> list[Path]:
    pdfs = sorted(SAMPLES.glob("*.pdf"))
    if not pdfs:
        pytest.fail(f"no sample PDFs in {SAMPLES}: run python corpus_samples/generate.py")
    return pdfs
