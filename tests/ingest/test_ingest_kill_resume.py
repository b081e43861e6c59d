"""A kill at a random moment during ingest, several times, then a rerun: nothing partial, nothing twice."""

from __future__ import annotations

import json
import os
import random
import re
import signal
import subprocess
import sys
import threading
import time

import pytest

from causemap.ingest.vectorstore import vector_store
from causemap.workspace import Workspace

PROGRESS = re.compile(rb"(\d+)/(\d+)")


def _ingest(workspace, paths, stderr=subprocess.DEVNULL) -> subprocess.Popen:
    command = [sys.executable, "-m", "causemap", "ingest", *map(str, paths)]
    # Small embedding batches (a few papers each), so that a run has many moments worth killing at:
    # with the default, all twelve sample papers would be embedded in one call.
    env = {**os.environ, "CAUSEMAP_INGEST__EMBED_BATCH_SIZE": "8"}
    return subprocess.Popen(
        [*command, "--workspace", str(workspace), "--json"], stdout=subprocess.PIPE, stderr=stderr, env=env
    )


def _files_started(process: subprocess.Popen, seen: list[int]) -> None:
    """Follow the progress bar on stderr: the latest 'n/total' it drew."""
    buffer = b""
    while chunk := os.read(process.stderr.fileno(), 4096):
        buffer = (buffer + chunk)[-200:]
        found = PROGRESS.findall(buffer)
        if found:
            seen.append(int(found[-1][0]))


def _kill_during_file(workspace, paths, target: int, extra: float) -> bool:
    """Start an ingest, kill it ``extra`` seconds after it reaches file ``target``; True if killed."""
    process = _ingest(workspace, paths, stderr=subprocess.PIPE)
    seen: list[int] = []
    reader = threading.Thread(target=_files_started, args=(process, seen), daemon=True)
    reader.start()
    deadline = time.monotonic() + 300
    while process.poll() is None and time.monotonic() < deadline:
        if seen and seen[-1] >= target:
            time.sleep(extra)
            break
        time.sleep(0.02)
    killed = process.poll() is None
    if killed:
        process.send_signal(signal.SIGKILL)
    process.wait(timeout=60)
    return killed


@pytest.mark.slow
def test_killed_ingest_resumes_without_duplicates(tmp_path, sample_pdfs):
    folder = tmp_path / "papers"
    folder.mkdir()
    for pdf in sample_pdfs:  # a private copy: the same bytes for every run of this test
        (folder / pdf.name).write_bytes(pdf.read_bytes())
    paths = sorted(folder.glob("*.pdf"))
    workspace = tmp_path / "ws"
    rng = random.Random(20261128)
    kills = 0
    for _ in range(4):
        with Workspace.open(workspace) as ws:
            done = ws.store.counts()["papers_by_state"].get("ready", 0)
        if done >= len(paths) - 2:
            break
        # The bar counts papers finished (vectors written); readers work ahead of it, so a kill after
        # paper n lands while later papers are read, stored without vectors, or being embedded. The
        # target stays within a few papers of what is done, so that the readers' lead (finished by the
        # next run's resume) leaves papers for a second kill.
        target = rng.randint(done, min(done + 2, len(paths) - 3))
        kills += _kill_during_file(workspace, paths, target, rng.uniform(0, 0.5))
    assert kills >= 2, "the runs finished before they could be killed; the test proved nothing"

    final = _ingest(workspace, paths)
    out, _ = final.communicate(timeout=600)
    assert final.returncode == 0
    report = json.loads(out)
    assert not report["failed"]
    assert len(report["ingested"]) + len(report["skipped"]) == len(paths)
    with Workspace.open(workspace) as ws:
        counts = ws.store.counts()
        assert counts["papers_by_state"] == {"ready": len(paths)}
        ids = vector_store(ws).ids()
        embedded = {c.id for c in ws.store.chunks() if not c.is_references}  # references: stored only
        assert len(ids) == vector_store(ws).count() == len(embedded)
        assert ids == embedded

    # The interrupted workspace ends exactly where an uninterrupted one does.
    reference = _ingest(tmp_path / "reference", paths)
    reference.communicate(timeout=600)
    with Workspace.open(tmp_path / "reference") as ws:
        assert ws.store.counts() == counts
