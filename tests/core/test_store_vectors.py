"""Vectors on a persistent Chroma store and on a real Chroma server (`chroma run`), through the pipeline.

``team_workspace`` runs each test on SQLite + persistent Chroma and on PostgreSQL + a Chroma server.
"""

from __future__ import annotations

import subprocess
import sys
import time

import chromadb
import pytest
from chromadb.config import Settings as ChromaSettings

from causemap.ingest.pipeline import delete_paper, embedded_chunks, ingest_paths
from causemap.ingest.retrieval import retrieve
from causemap.ingest.vectorstore import (
    MODEL_KEY,
    EmbeddingModelMismatch,
    VectorStoreConnectionError,
    vector_store,
)
from causemap.settings import Settings
from causemap.store import WorkspaceError
from causemap.workspace import Workspace


def _embedded_ids(ws) -> set[str]:
    """The chunks that get vectors (reference lists do not, unless ingest.embed_references)."""
    return {c.id for c in embedded_chunks(ws, ws.store.chunks())}


def test_ingest_stores_rows_and_vectors_that_agree_and_retrieve(team_workspace, sample_pdfs):
    with Workspace.open(team_workspace) as ws:
        report = ingest_paths(ws, sample_pdfs[:2], progress=False)
        assert len(report.ingested) == 2 and not report.failed
        assert ws.store.counts()["papers_by_state"] == {"ready": 2}
        vectors = vector_store(ws)
        assert vectors.ids() == _embedded_ids(ws) and vectors.count() > 0
        chunk = next(c for c in ws.store.chunks() if not c.is_references and len(c.text) > 200)
        assert retrieve(ws, chunk.text, k=3)[0].chunk_id == chunk.id
        again = ingest_paths(ws, sample_pdfs[:2], progress=False)
        assert not again.ingested and len(again.skipped) == 2
        assert vectors.count() == len(_embedded_ids(ws))  # nothing written twice
        paper = ws.store.papers()[0]
        assert delete_paper(ws, paper.id)
        assert vectors.ids() == _embedded_ids(ws)
        server = ws.settings.vector.server
    if server is not None:  # the vectors really are on the server, not in the folder
        assert not (team_workspace / "chroma").exists()
        client = chromadb.HttpClient(host=server[0], port=server[1], settings=ChromaSettings())
        collection = client.get_collection(ws.settings.vector.collection)
        assert collection.count() == len(_embedded_ids(ws))


def test_a_collection_made_with_another_embedding_model_is_refused_before_anything_is_written(
    team_workspace, sample_pdfs
):
    with Workspace.open(team_workspace) as ws:
        ingest_paths(ws, sample_pdfs[:1], progress=False)
        # the model and the runtime that ran it (a new collection: the int8 one)
        assert vector_store(ws)._col.metadata[MODEL_KEY] == "packaged:all-MiniLM-L6-v2 [runtime onnx-int8]"
        before, n_vectors = ws.store.counts(), vector_store(ws).count()
    with Workspace.open(team_workspace, ingest={"embedding_model": "/models/another-model"}) as ws:
        with pytest.raises(EmbeddingModelMismatch, match="packaged:all-MiniLM-L6-v2.*another-model"):
            ingest_paths(ws, sample_pdfs[1:2], progress=False)
        assert ws.store.counts() == before
    with Workspace.open(team_workspace) as ws:
        assert vector_store(ws).count() == n_vectors


def test_the_command_line_reports_the_mismatch_without_a_traceback(team_workspace, sample_pdfs):
    with Workspace.open(team_workspace) as ws:
        ws.store.workspace_id  # noqa: B018 - made here, recorded by the collection below
        vector_store(ws)
    settings = Settings.load(team_workspace)
    settings.ingest.embedding_model = "/models/another-model"
    settings.save()
    result = subprocess.run(
        [sys.executable, "-m", "causemap", "ingest", str(sample_pdfs[0]), "-w", str(team_workspace)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 1
    assert "embedding model" in result.stderr and "Traceback" not in result.stderr
    with Workspace.open(team_workspace, ingest={"embedding_model": "packaged:all-MiniLM-L6-v2"}) as ws:
        assert ws.store.counts()["papers"] == 0


def test_an_unreachable_chroma_server_is_named_and_nothing_is_written(tmp_path, sample_pdfs):
    from servers import free_port

    port = free_port()  # nothing listens there
    with Workspace.open(tmp_path / "ws", vector={"url": f"http://127.0.0.1:{port}"}) as ws:
        with pytest.raises(VectorStoreConnectionError, match=rf"Chroma server http://127\.0\.0\.1:{port}"):
            ingest_paths(ws, sample_pdfs[:1], progress=False)
        assert ws.store.counts()["papers"] == 0


def test_another_workspaces_collection_on_a_shared_server_is_refused(tmp_path, chroma_server):
    vector = {"url": chroma_server.url, "collection": chroma_server.collection_name()}
    with Workspace.open(tmp_path / "one", vector=vector) as ws:
        vector_store(ws)
    with Workspace.open(tmp_path / "two", vector=vector) as ws:
        with pytest.raises(WorkspaceError, match="belongs to another workspace"):
            vector_store(ws)


def test_vector_url_setting_means_a_server(tmp_path, monkeypatch):
    monkeypatch.setenv("CAUSEMAP_VECTOR__URL", "http://chroma.lab.example:8123")
    assert Settings.load(tmp_path).vector.server == ("chroma.lab.example", 8123)
    monkeypatch.delenv("CAUSEMAP_VECTOR__URL")
    assert Settings.load(tmp_path).vector.server is None
    assert Settings.load(tmp_path, vector={"backend": "chroma-http", "port": 9}).vector.server == (
        "127.0.0.1",
        9,
    )
    with pytest.raises(ValueError, match="not http://HOST:PORT"):
        Settings.load(tmp_path, vector={"url": "chroma.lab.example:8123"})


_OPEN_VECTORS = """
import sys, time
import chromadb
from causemap.ingest.vectorstore import vector_store
from causemap.workspace import Workspace
with Workspace.open(sys.argv[1]) as ws:
    time.sleep(max(0.0, float(sys.argv[2]) - time.time()))  # all open the new folder at the same moment
    print(vector_store(ws).count(), flush=True)
"""


def test_processes_opening_a_new_persistent_store_at_once_all_open_it(tmp_path):
    root = tmp_path / "ws"
    Workspace.open(root).close()
    start_at = str(time.time() + 20)  # after every process has imported chromadb and opened the store
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", _OPEN_VECTORS, str(root), start_at],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(4)
    ]
    results = [p.communicate(timeout=300) for p in procs]
    assert [p.returncode for p in procs] == [0] * 4, [err[-800:] for _, err in results]
    assert [out.strip() for out, _ in results] == ["0"] * 4
