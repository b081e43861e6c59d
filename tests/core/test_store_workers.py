"""Several processes on one workspace: claims on work, runs closed as interrupted, outcomes as files finish.

Real processes (``causemap`` subprocesses, SIGKILL) on both setups (``store_target``, ``team_workspace``).
"""

from __future__ import annotations

import json
import signal
import socket
import subprocess
import sys
import time

import pytest
import sqlalchemy as sa

from causemap.graphbuilder.extract_pipeline import extract_workspace
from causemap.graphbuilder.extractors import make_extractor
from causemap.ingest.pipeline import embedded_chunks, ingest_paths
from causemap.ingest.vectorstore import vector_store
from causemap.models import PaperState
from causemap.store import Store
from causemap.store.tables import claims, extractions, runs
from causemap.workspace import Workspace

_HOLD = """
import sys, time
from causemap.store import Store
store = Store(sys.argv[1])
run = store.start_run("ingest")
assert store.take_work("ingest", "paper-1", run) is None
print(run, flush=True)
time.sleep(600)
"""


def _embedded_ids(ws) -> set[str]:
    """The chunks that get vectors (reference lists do not, unless ingest.embed_references)."""
    return {c.id for c in embedded_chunks(ws, ws.store.chunks())}


_HOLD_IN_WORKSPACE = """
import sys, time
from causemap.workspace import Workspace
store = Workspace.open(sys.argv[1]).store
run = store.start_run("ingest")
assert store.take_work("ingest", "paper-1", run) is None
print(run, flush=True)
time.sleep(600)
"""


def _causemap(*args: str) -> list[str]:
    return [sys.executable, "-m", "causemap", *args]


def _race(command: list[str], n: int = 2) -> list[dict]:
    """Run ``n`` copies of ``command`` at once; each must exit 0; their JSON reports."""
    procs = [
        subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(n)
    ]
    results = [p.communicate(timeout=900) for p in procs]
    assert [p.returncode for p in procs] == [0] * n, [err[-1500:] for _, err in results]
    return [json.loads(out) for out, _ in results]


def test_work_held_by_a_live_run_is_refused_and_a_dead_runs_is_taken_over(store_target):
    holder = subprocess.Popen([sys.executable, "-c", _HOLD, store_target], stdout=subprocess.PIPE, text=True)
    try:
        held_by = int(holder.stdout.readline())
        with Store(store_target) as store:
            mine = store.start_run("ingest")
            taken = store.take_work("ingest", "paper-1", mine)
            assert taken is not None and (taken["id"], taken["pid"]) == (held_by, holder.pid)
            assert [w["id"] for w in store.workers()] == [held_by, mine]
            assert store.workers()[0]["working_on"][0]["paper_id"] == "paper-1"
            holder.send_signal(signal.SIGKILL)
            holder.wait(30)
            assert store.take_work("ingest", "paper-1", mine) is None  # its run died: taken over
            assert store.close_interrupted_runs() == [held_by]
            assert [w["id"] for w in store.workers()] == [mine]
            store.finish_run(mine, "ok", {})
            assert store.workers() == []
    finally:
        holder.kill()
        holder.wait(30)


def test_a_run_left_running_by_a_kill_is_closed_as_interrupted(store_target):
    holder = subprocess.Popen([sys.executable, "-c", _HOLD, store_target], stdout=subprocess.PIPE, text=True)
    run = int(holder.stdout.readline())
    holder.send_signal(signal.SIGKILL)
    holder.wait(30)
    with Store(store_target) as store:
        store.record_run("graph", {})  # any new run closes the dead ones first
        latest = store.latest_run("ingest")
        assert (latest["id"], latest["status"]) == (run, "interrupted") and latest["finished_at"]


def test_two_processes_racing_on_the_same_files_store_each_once(team_workspace, sample_pdfs):
    paths = [str(p) for p in sample_pdfs[:3]]
    Workspace.open(team_workspace).close()  # create the store, so both race on the papers only
    reports = _race(_causemap("ingest", *paths, "-w", str(team_workspace), "--json"))
    ingested = [row["paper_id"] for r in reports for row in r["ingested"]]
    assert len(ingested) == len(set(ingested)) == 3  # each paper stored by exactly one of them
    for report in reports:
        assert not report["failed"]
        for row in report["skipped"]:
            assert row["reason"] == "already ingested" or row["reason"].startswith("in progress elsewhere")
    with Workspace.open(team_workspace) as ws:
        assert ws.store.counts()["papers_by_state"] == {"ready": 3}
        assert vector_store(ws).ids() == _embedded_ids(ws)


def _wait_for(predicate, process: subprocess.Popen, timeout: float = 600) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and process.poll() is None:
        if predicate():
            return True
        time.sleep(0.02)
    return False


@pytest.mark.slow
def test_a_killed_batch_keeps_its_outcomes_and_the_next_run_resumes(team_workspace, sample_pdfs, tmp_path):
    folder = tmp_path / "papers"
    folder.mkdir()
    for pdf in sample_pdfs[:5]:
        (folder / pdf.name).write_bytes(pdf.read_bytes())
    (folder / "00_broken.pdf").write_bytes(b"")  # read first: a failure recorded before the kill
    store = Workspace.open(team_workspace).store

    def embedding_after_two_outcomes() -> bool:  # the broken file's failure, then papers between steps
        latest = store.latest_run("ingest")
        done = latest is not None and len(latest["ingested"]) + len(latest["failed"]) >= 1
        return done and bool(store.papers(PaperState.EMBEDDING))

    batch = subprocess.Popen(
        _causemap("ingest", str(folder), "-w", str(team_workspace), "--json"),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    caught = _wait_for(embedding_after_two_outcomes, batch)
    batch.send_signal(signal.SIGKILL)
    batch.wait(30)
    assert caught, "the batch finished before a paper was caught between rows and vectors"
    interrupted = sorted(p.id for p in store.papers(PaperState.EMBEDDING))  # several if embedded together

    status = subprocess.run(
        _causemap("status", "-w", str(team_workspace), "--json"), capture_output=True, text=True, timeout=300
    )
    last = json.loads(status.stdout)["last_ingest"]
    assert last["status"] == "interrupted"
    assert [row["path"] for row in last["failed"]] == [str(folder / "00_broken.pdf")]
    # papers are embedded several at a time, so the kill may come before any is ingested
    assert all(store.paper(row["paper_id"]) for row in last["ingested"])
    assert json.loads(status.stdout)["workers"] == []

    rerun = subprocess.run(
        _causemap("ingest", str(folder), "-w", str(team_workspace), "--json"),
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert rerun.returncode == 3, rerun.stderr[-1500:]  # the broken file fails again; the rest is kept
    report = json.loads(rerun.stdout)
    assert sorted(row["paper_id"] for row in report["resumed"]) == interrupted
    stored = {row["paper_id"] for row in report["ingested"] + report["skipped"]}
    assert len(stored) == 5
    with Workspace.open(team_workspace) as ws:
        assert ws.store.counts()["papers_by_state"] == {"ready": 5}
        assert vector_store(ws).ids() == _embedded_ids(ws)
    store.close()


def test_extract_reads_ready_papers_only(tmp_path, sample_pdfs):
    with Workspace.open(tmp_path / "ws") as ws:
        ingest_paths(ws, sample_pdfs[:2], progress=False)
        embedding, ready = ws.store.papers()
        ws.store.set_paper_state(embedding.id, PaperState.EMBEDDING)  # as a paper another process stores
        report = extract_workspace(
            ws, *make_extractor("rules", ws.settings.extract, ws.store), progress=False
        )
        assert report.papers == 1
        assert {c.paper_id for c in ws.store.claims()} == {ready.id}


def test_status_shows_who_works_on_what(team_workspace):
    holder = subprocess.Popen(
        [sys.executable, "-c", _HOLD_IN_WORKSPACE, str(team_workspace)], stdout=subprocess.PIPE, text=True
    )
    try:
        run = int(holder.stdout.readline())
        shown = subprocess.run(
            _causemap("status", "-w", str(team_workspace)), capture_output=True, text=True, timeout=300
        )
        assert shown.returncode == 0, shown.stderr[-1500:]
        line = next(x for x in shown.stdout.splitlines() if x.startswith(f"run {run} "))
        assert f"ingest on {socket.gethostname()}, process {holder.pid}: paper-1" in line
    finally:
        holder.kill()
        holder.wait(30)
    shown = subprocess.run(
        _causemap("status", "-w", str(team_workspace)), capture_output=True, text=True, timeout=300
    )
    assert not [x for x in shown.stdout.splitlines() if x.startswith("run ")]  # the killed run is gone


@pytest.mark.slow
def test_two_extract_processes_divide_the_papers(team_workspace, sample_pdfs):
    with Workspace.open(team_workspace) as ws:
        ingest_paths(ws, sample_pdfs[:4], progress=False)
        papers = {p.id for p in ws.store.papers(PaperState.READY)}
    reports = _race(_causemap("extract", "-w", str(team_workspace), "--json"))
    assert sum(r["papers"] for r in reports) == len(papers) == 4  # each paper read by one process only
    with Workspace.open(team_workspace) as ws:
        assert all(ws.store.extracted_version(p, "rules") for p in papers)
        assert {c.paper_id for c in ws.store.claims()} <= papers and ws.store.claims()
        assert ws.store.workers() == []


@pytest.mark.slow
def test_extract_killed_at_a_paper_boundary_resumes_to_the_uninterrupted_result(team_workspace, sample_pdfs):
    with Workspace.open(team_workspace) as ws:
        ingest_paths(ws, sample_pdfs[:5], progress=False)
        extract_workspace(ws, *make_extractor("rules", ws.settings.extract, ws.store), progress=False)
        uninterrupted = sorted((c.id, c.paper_id, c.cause, c.effect) for c in ws.store.claims())
        with ws.store.transaction() as conn:  # start again from no extraction at all
            conn.execute(sa.delete(claims))
            conn.execute(sa.delete(extractions))
    store = Workspace.open(team_workspace).store

    def some_papers_extracted() -> bool:
        return 1 <= len(store._rows(sa.select(extractions.c.paper_id))) < 5

    worker = subprocess.Popen(
        _causemap("extract", "-w", str(team_workspace), "--json"),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    caught = _wait_for(some_papers_extracted, worker)
    worker.send_signal(signal.SIGKILL)
    worker.wait(30)
    assert caught, "the extract run finished before it could be killed between papers"
    store.close()
    rerun = subprocess.run(
        _causemap("extract", "-w", str(team_workspace), "--json"), capture_output=True, text=True, timeout=900
    )
    assert rerun.returncode == 0, rerun.stderr[-1500:]
    report = json.loads(rerun.stdout)
    assert report["papers_skipped"] >= 1 and report["papers"] + report["papers_skipped"] == 5
    with Workspace.open(team_workspace) as ws:
        assert sorted((c.id, c.paper_id, c.cause, c.effect) for c in ws.store.claims()) == uninterrupted
        statuses = [
            r["status"] for r in ws.store._rows(sa.select(runs.c.status).where(runs.c.command == "extract"))
        ]
        assert statuses == ["ok", "interrupted", "ok"]  # the killed run was closed, not left running
