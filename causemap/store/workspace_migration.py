"""Copy a laptop's workspace into PostgreSQL (and its vectors into a Chroma server), verified.

Used by `causemap migrate` (``causemap/cli/team_commands.py``); kept out of the command's module so that
the command line's help and usage errors do not import SQLAlchemy.
"""

from __future__ import annotations

import sys
import tomllib
from pathlib import Path
from typing import Any

import sqlalchemy as sa
import tomli_w

from causemap.settings import SETTINGS_FILE, VectorSettings
from causemap.store import Store
from causemap.store.copy import MigrationError, copy_store, table_counts
from causemap.workspace import Workspace


def migrate_workspace(
    ws: Workspace,
    to: str,
    *,
    vector_url: str | None = None,
    collection: str | None = None,
    progress: bool = True,
) -> dict[str, Any]:
    """Copy ``ws``'s store into the database at ``to`` (and its vectors to a Chroma server), verified.

    Everything that can be refused is checked before a row is written: the target database (reachable,
    credentials, schema, empty) and the target collection (reachable, embedding model, workspace).
    Vectors are copied first (rewriting them is harmless), then the store in one verified transaction,
    then ``settings.toml`` is switched.
    """
    from tqdm import tqdm

    from causemap.ingest.vectorstore import ChromaVectorStore, copy_vectors, vector_store

    target_url = sa.make_url(to) if "://" in to else None
    if target_url is None or target_url.get_backend_name() != "postgresql":
        raise MigrationError(f"--to {to!r}: migrate copies into PostgreSQL (postgresql://USER@HOST:PORT/DB)")
    if ws.store.url.render_as_string(hide_password=False) == _driver(target_url):
        raise MigrationError(f"the workspace already uses {ws.store.name}")
    workspace_id = ws.store.workspace_id
    with Store(to, connect_timeout_s=ws.settings.store.connect_timeout_s) as target:
        source_vectors = target_vectors = None
        if vector_url is not None:
            source_vectors = vector_store(ws)
            settings = VectorSettings(url=vector_url, collection=collection or ws.settings.vector.collection)
            model = source_vectors.recorded_model  # the model and runtime that made the vectors copied
            target_vectors = ChromaVectorStore.open(settings, ws.root, model=model, workspace_id=workspace_id)
        total = sum(table_counts(ws.store).values()) + (source_vectors.count() if source_vectors else 0)
        with tqdm(total=total, desc="migrate", unit="row", file=sys.stderr, disable=not progress) as bar:
            vectors = None
            if source_vectors is not None and target_vectors is not None:
                vectors = copy_vectors(source_vectors, target_vectors, progress=bar.update)
            tables = copy_store(ws.store, target, progress=lambda _table, n: bar.update(n))
        target_name = target.name
    kept_out = target_url.password is not None
    settings_path = _switch_settings(ws.root, target_url, vector_url, collection)
    return {
        "from": {"store": ws.store.name, "vectors": source_vectors.where if source_vectors else None},
        "to": {
            "store": target_name,
            "vectors": f"collection {target_vectors.collection!r} on {target_vectors.where}"
            if target_vectors
            else None,
        },
        "tables": tables,
        "vectors": vectors,
        "verified": True,
        "settings": str(settings_path),
        "password_left_out": kept_out,
    }


def _driver(url: sa.URL) -> str:
    return url.set(drivername="postgresql+psycopg").render_as_string(hide_password=False)


def _switch_settings(root: Path, url: sa.URL, vector_url: str | None, collection: str | None) -> Path:
    """Point the workspace's settings.toml at the servers (its other settings untouched)."""
    path = root / SETTINGS_FILE
    data = tomllib.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
    without_password = sa.URL.create(
        url.drivername, url.username, None, url.host, url.port, url.database, url.query
    )  # URL.set(password=None) would keep it
    data.setdefault("store", {})["url"] = without_password.render_as_string(hide_password=False)
    if vector_url is not None:
        vector = data.setdefault("vector", {})
        vector["url"] = vector_url
        vector.pop("backend", None)
        if collection is not None:
            vector["collection"] = collection
    path.write_text(tomli_w.dumps(data), encoding="utf-8")
    return path
