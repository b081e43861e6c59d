"""A kill at a random moment during ingest, several times, then a rerun: nothing partial, nothing twice."""

from __future__ import annotations

import json
import random
import signal
import subprocess
import sys
import time

import pytest

from causemap.ingest.vectorstore import vector_store
from causemap.workspace import Workspace


def _ingest(workspace, paths) -> subprocess.Popen:
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "causemap",
            "ingest",
            *map(str, paths),
            "--workspace",
            str(workspace),
            "--json",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
    )


@pytest.mark.slow
def test_killed_ingest_resumes_without_duplicates(tmp_path, sample_pdfs):
    workspace = tmp_path / "ws"
    folder = tmp_path / "papers"
    folder.mkdir()
    for pdf in sample_pdfs:  # a private copy: the same bytes for every run of this test
        (folder / pdf.name).write_bytes(pdf.read_bytes())
    sample_pdfs = sorted(folder.glob("*.pdf"))
    rng = random.Random(20261128)
    # Time one full run in a scratch workspace, then kill real runs at random moments within it.
    started = time.monotonic()
    _ingest(tmp_path / "timing", sample_pdfs).wait(timeout=600)
    full = time.monotonic() - started
    kills = 0
    for _ in range(4):
        process = _ingest(workspace, sample_pdfs)
        time.sleep(rng.uniform(0.3, full))
        if process.poll() is None:
            process.send_signal(signal.SIGKILL)
            kills += 1
        process.wait(timeout=60)
    assert kills >= 2, "the runs finished before they could be killed; the test proved nothing"
    final = _ingest(workspace, sample_pdfs)
    out, _ = final.communicate(timeout=600)
    assert final.returncode == 0
    report = json.loads(out)
    assert not report["failed"]
    assert len(report["ingested"]) + len(report["skipped"]) == len(sample_pdfs)

    with Workspace.open(workspace) as ws:
        counts = ws.store.counts()
        assert counts["papers_by_state"] == {"ready": len(sample_pdfs)}
        ids = vector_store(ws).ids()
        assert len(ids) == vector_store(ws).count() == counts["chunks"]
        assert ids == ws.store.chunk_ids()
    with Workspace.open(tmp_path / "timing") as reference:
        # the interrupted workspace ends exactly where an uninterrupted one does
        assert reference.store.counts() == counts
