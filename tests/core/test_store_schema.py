"""The store's schema: migrations agree with the tables, old workspaces upgrade, bad databases are refused.

On real SQLite files and a real PostgreSQL server (``store_target``, ``postgres_server``).
"""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory

from causemap.models import CurationState, PaperState
from causemap.settings import Settings
from causemap.store import SCHEMA_VERSION, Store, StoreConnectionError, WorkspaceError
from causemap.store.migrate import MIGRATIONS
from causemap.store.tables import metadata
from causemap.workspace import Workspace

DATA = Path(__file__).parent / "data"
PAPER = "f" * 64


def test_schema_version_is_the_head_of_a_linear_alembic_history():
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    script = ScriptDirectory.from_config(config)
    assert script.get_heads() == [f"{SCHEMA_VERSION:04d}"]
    revisions = list(script.walk_revisions())  # newest first; a branch would make this fail
    assert [r.revision for r in revisions] == [f"{n:04d}" for n in range(SCHEMA_VERSION, 0, -1)]


def test_the_migrated_database_is_what_the_queries_expect(store_target):
    with Store(store_target) as store, sa.create_engine(store.url).connect() as conn:
        differences = compare_metadata(MigrationContext.configure(conn), metadata)
    assert differences == []


def _legacy_workspace(path: Path, version: int) -> None:
    """A workspace as causemap wrote it before the store used SQLAlchemy (schema in ``meta`` only)."""
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
    for n in range(1, version + 1):
        conn.executescript((DATA / f"legacy_schema_{n}.sql").read_text())
    conn.execute("INSERT INTO meta VALUES ('schema_version', ?)", (str(version),))
    conn.execute(
        "INSERT INTO papers(id, source, kind, title, authors, state) "
        "VALUES (?, 'a.pdf', 'pdf', 'Salt', ?, ?)",
        (PAPER, json.dumps(["A. Author"]), "ready"),
    )
    conn.execute(
        "INSERT INTO pages(paper_id, number, text, sections) VALUES (?, 1, 'Salt raises BP.', '[]')", (PAPER,)
    )
    conn.execute(
        "INSERT INTO chunks(id, paper_id, page, section, start, end, text, is_references) "
        "VALUES ('c1', ?, 1, 'abstract', 0, 15, 'Salt raises BP.', 1)",
        (PAPER,),
    )
    conn.execute(
        "INSERT INTO claims(id, paper_id, page, sentence, sentence_start, sentence_end, cause, "
        "cause_start, cause_end, effect, effect_start, effect_end, relation, polarity, hedged, negated, "
        "design, extractor, extractor_version, confidence, state) "
        "VALUES ('k1', ?, 1, 'Salt raises BP.', 0, 15, 'Salt', 0, 4, 'BP', 12, 14, 'causal', '+', "
        "1, 0, 'unknown', 'rules', '1', 0.7, 'edited')",
        (PAPER,),
    )
    conn.execute(
        "INSERT INTO claim_edits(claim_id, fields) VALUES ('k1', ?)", (json.dumps({"polarity": "-"}),)
    )
    conn.execute(
        "INSERT INTO extractions(paper_id, extractor, extractor_version) VALUES (?, 'rules', '1')", (PAPER,)
    )
    conn.execute(
        "INSERT INTO runs(command, finished_at, status, summary) VALUES ('graph', datetime('now'), 'ok', ?)",
        (json.dumps({"edges": 3}),),
    )
    conn.execute(
        "INSERT INTO variable_decisions(kind, payload) VALUES ('merge', ?)", (json.dumps({"a": "b"}),)
    )
    conn.commit()
    conn.close()


@pytest.mark.parametrize("version", [1, 2])
def test_a_workspace_from_before_sqlalchemy_upgrades_without_losing_anything(tmp_path, version):
    path = tmp_path / "causemap.db"
    _legacy_workspace(path, version)
    with Store(path) as store:
        assert store.schema_version == SCHEMA_VERSION
        paper = store.paper(PAPER)
        assert (paper.title, paper.authors, paper.state) == ("Salt", ["A. Author"], PaperState.READY)
        assert store.pages(PAPER)[0].text == "Salt raises BP."
        assert store.chunks(PAPER)[0].is_references is True
        claim = store.claim("k1")
        assert (claim.polarity, claim.hedged, claim.negated, claim.role, claim.state) == (
            "-",
            True,
            False,
            "finding",
            CurationState.EDITED,
        )
        assert store.extracted_version(PAPER, "rules") == "1"
        assert store.last_run("graph")["summary"] == {"edges": 3}
        assert store.variable_decisions() == [{"id": 1, "kind": "merge", "a": "b"}]
        # and it goes on working: new rows land beside the old ones
        assert store.record_run("graph", {"edges": 4}) == 2
        assert store.last_run("graph")["summary"] == {"edges": 4}
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchall() == [
            (f"{SCHEMA_VERSION:04d}",)
        ]


def test_a_newer_legacy_workspace_is_refused(tmp_path):
    path = tmp_path / "causemap.db"
    _legacy_workspace(path, 2)
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'", (str(SCHEMA_VERSION + 5),))
    with pytest.raises(WorkspaceError, match=r"newer causemap \(schema"):
        Store(path)
    with sqlite3.connect(path) as conn:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert "alembic_version" not in tables


_OPEN = """
import sys
from causemap.store import Store
with Store(sys.argv[1]) as store:
    store.record_run("open", {})
    print(store.schema_version)
"""


def test_processes_opening_a_new_database_at_once_create_it_once(store_target):
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", _OPEN, store_target], stdout=subprocess.PIPE, stderr=subprocess.PIPE
        )
        for _ in range(3)
    ]
    results = [p.communicate(timeout=120) for p in procs]
    assert [p.returncode for p in procs] == [0, 0, 0], [err.decode()[-800:] for _, err in results]
    assert {out.decode().strip() for out, _ in results} == {str(SCHEMA_VERSION)}
    with Store(store_target) as store, sa.create_engine(store.url).connect() as conn:
        assert conn.execute(sa.text("SELECT count(*) FROM alembic_version")).scalar() == 1
        assert conn.execute(sa.text("SELECT count(*) FROM runs WHERE command = 'open'")).scalar() == 3


def test_an_unreachable_server_is_named_in_the_error():
    from servers import free_port

    port = free_port()  # nothing listens there
    with pytest.raises(
        StoreConnectionError, match=rf"PostgreSQL server 127\.0\.0\.1:{port}/lab .*cannot reach"
    ):
        Store(f"postgresql://someone:secret@127.0.0.1:{port}/lab", connect_timeout_s=2)


def test_wrong_credentials_are_an_error_that_does_not_show_the_password(postgres_server):
    url = postgres_server.create_database()
    wrong = url.replace(":causemap-test-password@", ":not-the-password@")
    with pytest.raises(StoreConnectionError, match="refused the credentials") as caught:
        Store(wrong)
    assert "not-the-password" not in str(caught.value)
    with sa.create_engine(url.replace("postgresql://", "postgresql+psycopg://")).connect() as conn:
        assert sa.inspect(conn).get_table_names() == []  # nothing was written


def test_a_database_that_is_not_a_causemap_store_is_refused(store_target):
    engine = sa.create_engine(_sa_url(store_target))
    with engine.begin() as conn:
        conn.execute(sa.text("CREATE TABLE papers (id TEXT PRIMARY KEY)"))
    engine.dispose()
    with pytest.raises(WorkspaceError, match="no causemap schema version"):
        Store(store_target)


def _sa_url(target: str) -> str:
    return (
        target.replace("postgresql://", "postgresql+psycopg://") if "://" in target else f"sqlite:///{target}"
    )


def test_store_url_setting_puts_the_workspace_store_on_the_server(tmp_path, monkeypatch, postgres_server):
    url = postgres_server.create_database()
    monkeypatch.setenv("CAUSEMAP_STORE__URL", url)
    with Workspace.open(tmp_path / "ws") as ws:
        assert ws.store.dialect == "postgresql"
        ws.store.record_run("graph", {"edges": 1})
    assert not (tmp_path / "ws" / "causemap.db").exists()
    monkeypatch.delenv("CAUSEMAP_STORE__URL")
    settings = Settings.load(tmp_path / "ws", store={"url": url})
    settings.save()
    assert "[store]" in (tmp_path / "ws" / "settings.toml").read_text()
    with Workspace.open(tmp_path / "ws") as ws:
        assert ws.store.last_run("graph")["summary"] == {"edges": 1}
