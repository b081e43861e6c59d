"""`causemap migrate`: a SQLite workspace copied into PostgreSQL and a Chroma server, verified, switched.

Real servers (tests/servers.py), real `causemap` processes, real ingest and extraction of sample PDFs.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tomllib

import pytest
from servers import PG_PASSWORD

from causemap.graphbuilder.extract_pipeline import extract_workspace
from causemap.graphbuilder.extractors import make_extractor
from causemap.ingest.pipeline import embedded_chunks, ingest_paths
from causemap.ingest.retrieval import retrieve
from causemap.ingest.vectorstore import ChromaVectorStore, vector_store
from causemap.models import CurationState
from causemap.settings import VectorSettings
from causemap.store import Store
from causemap.workspace import Workspace

_HOLD = """
import sys, time
from causemap.store import Store
store = Store(sys.argv[1])
print(store.start_run("ingest"), flush=True)
time.sleep(600)
"""


def _embedded_ids(ws) -> set[str]:
    """The chunks that get vectors (reference lists do not, unless ingest.embed_references)."""
    return {c.id for c in embedded_chunks(ws, ws.store.chunks())}


def _migrate(workspace, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "causemap", "migrate", "-w", str(workspace), *args],
        capture_output=True,
        text=True,
        timeout=600,
        env={**os.environ, **(env or {})},
    )


def _settings_file(workspace) -> dict:
    path = workspace / "settings.toml"
    return tomllib.loads(path.read_text()) if path.exists() else {}


@pytest.mark.slow
def test_migrate_copies_everything_verifies_it_and_switches_the_workspace(
    tmp_path, sample_pdfs, postgres_server, chroma_server, monkeypatch
):
    root = tmp_path / "laptop"
    with Workspace.open(root) as ws:
        ingest_paths(ws, sample_pdfs[:2], progress=False)
        extract_workspace(ws, *make_extractor("rules", ws.settings.extract, ws.store), progress=False)
        claims = ws.store.claims()
        assert claims, "the sample papers should yield claims to copy"
        ws.store.set_claim_state([claims[0].id], CurationState.ACCEPTED)
        ws.store.edit_claim(claims[-1].id, {"cause": "edited cause"})
        ws.store.add_variable_decision("rename", {"from": "bp", "to": "blood pressure"})
        before = {
            "counts": ws.store.counts(),
            "claims": sorted((c.id, c.state, c.cause, c.effect) for c in ws.store.claims()),
            "chunk_ids": ws.store.chunk_ids(),
            "vector_ids": vector_store(ws).ids(),
            "decisions": ws.store.variable_decisions(),
            "workspace_id": ws.store.workspace_id,
            "top": [p.provenance for p in retrieve(ws, "Does sodium raise blood pressure?", 3)],
            "last_run": ws.store.latest_run("ingest")["id"],
        }
    target = postgres_server.create_database()
    collection = chroma_server.collection_name("migrated")

    done = _migrate(
        root, "--to", target, "--vector-url", chroma_server.url, "--collection", collection, "--json"
    )
    assert done.returncode == 0, done.stderr[-2000:]
    report = json.loads(done.stdout)
    assert report["tables"]["papers"] == before["counts"]["papers"] == 2
    assert report["tables"]["chunks"] == before["counts"]["chunks"] == len(before["chunk_ids"])
    assert report["tables"]["claims"] == len(before["claims"])
    assert report["vectors"] == len(before["vector_ids"])
    assert report["password_left_out"] is True

    written = _settings_file(root)
    assert written["store"]["url"] == target.replace(f":{PG_PASSWORD}@", "@")  # no password on disk
    assert (written["vector"]["url"], written["vector"]["collection"]) == (chroma_server.url, collection)

    monkeypatch.setenv("PGPASSWORD", PG_PASSWORD)  # libpq's way to the password
    with Workspace.open(root) as ws:
        assert ws.store.dialect == "postgresql"
        assert ws.settings.vector.server is not None
        assert ws.store.counts() == before["counts"]
        assert sorted((c.id, c.state, c.cause, c.effect) for c in ws.store.claims()) == before["claims"]
        assert ws.store.variable_decisions() == before["decisions"]
        assert ws.store.workspace_id == before["workspace_id"]
        assert vector_store(ws).ids() == before["vector_ids"] == _embedded_ids(ws)
        assert [p.provenance for p in retrieve(ws, "Does sodium raise blood pressure?", 3)] == before["top"]
        # The server hands out ids after the copied ones: a new run is the latest run.
        new_run = ws.store.start_run("ingest")
        assert new_run > before["last_run"]
        ws.store.finish_run(new_run, "ok", {})
        assert ws.store.latest_run("ingest")["id"] == new_run
        # The workspace goes on working on the servers: a third paper is ingested beside the copied ones.
        report = ingest_paths(ws, sample_pdfs[2:3], progress=False)
        assert len(report.ingested) == 1 and not report.failed
        assert vector_store(ws).ids() == _embedded_ids(ws)


def test_a_target_that_holds_data_is_refused_and_nothing_changes(tmp_path, postgres_server):
    root = tmp_path / "laptop"
    with Workspace.open(root) as ws:
        ws.store.record_run("graph", {"n": 1})
    target = postgres_server.create_database()
    with Store(target) as other:
        other.record_run("ingest", {})  # another workspace's history
    done = _migrate(root, "--to", target)
    assert done.returncode == 1
    assert "already holds data (1 runs)" in done.stderr and "nothing was copied" in done.stderr
    assert "Traceback" not in done.stderr
    with Store(target) as other:
        assert other.latest_run("ingest")["id"] == 1 and other.latest_run("graph") is None
    assert "store" not in _settings_file(root)


def test_a_workspace_with_a_live_run_is_refused(tmp_path, postgres_server):
    root = tmp_path / "laptop"
    Workspace.open(root).close()
    holder = subprocess.Popen(
        [sys.executable, "-c", _HOLD, str(root / "causemap.db")], stdout=subprocess.PIPE, text=True
    )
    try:
        run = int(holder.stdout.readline())
        target = postgres_server.create_database()
        done = _migrate(root, "--to", target)
        assert done.returncode == 1
        assert f"in use by run {run} (ingest on" in done.stderr and f"process {holder.pid}" in done.stderr
        with Store(target) as other:
            assert other.counts()["papers"] == 0 and not other.latest_run("ingest")
    finally:
        holder.kill()
        holder.wait(30)


def test_wrong_credentials_name_the_server_and_change_nothing(tmp_path, postgres_server):
    root = tmp_path / "laptop"
    Workspace.open(root).close()
    target = postgres_server.create_database().replace(PG_PASSWORD, "not-the-password")
    done = _migrate(root, "--to", target, env={"PGPASSWORD": ""})
    assert done.returncode == 1
    assert f"127.0.0.1:{postgres_server.port}" in done.stderr and "refused the credentials" in done.stderr
    assert "not-the-password" not in done.stderr
    assert _settings_file(root) == {}


def test_a_collection_of_another_embedding_model_is_refused_before_a_row_is_copied(
    tmp_path, postgres_server, chroma_server
):
    root = tmp_path / "laptop"
    with Workspace.open(root) as ws:
        ws.store.record_run("graph", {})
    collection = chroma_server.collection_name("other-model")
    settings = VectorSettings(url=chroma_server.url, collection=collection)
    ChromaVectorStore.open(settings, root, model="some-other-model")
    target = postgres_server.create_database()
    done = _migrate(root, "--to", target, "--vector-url", chroma_server.url, "--collection", collection)
    assert done.returncode == 1
    assert "some-other-model" in done.stderr and "nothing was written" in done.stderr
    with Store(target) as other:
        assert other.latest_run("graph") is None
    assert _settings_file(root) == {}


def test_migrate_accepts_postgresql_only(tmp_path):
    root = tmp_path / "laptop"
    Workspace.open(root).close()
    done = _migrate(root, "--to", str(tmp_path / "other.db"))
    assert done.returncode == 1 and "migrate copies into PostgreSQL" in done.stderr
