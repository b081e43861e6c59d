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


# -- real database servers (tests/servers.py) ---------------------------------------------------------
@pytest.fixture(scope="session")
def postgres_server():
    """One throwaway PostgreSQL cluster for the session; skips (fails under CI) where it is not installed."""
    from servers import start_postgres

    server = _start_server(start_postgres, "PostgreSQL (.ci/run installs it)")
    yield server
    server.stop()


def _start_server(start, what: str):
    """``start()``'s server, stopped by a SIGTERM too; where it cannot start, the test is skipped, or
    fails under CI, which must provide ``what``."""
    from servers import ServerUnavailable

    _teardown_on_sigterm()
    try:
        return start()
    except ServerUnavailable as exc:
        if os.environ.get("CI"):
            pytest.fail(f"CI must provide {what}: {exc}")
        pytest.skip(str(exc))


def _teardown_on_sigterm() -> None:
    """A SIGTERM (a CI timeout, a killed terminal) unwinds pytest like Ctrl+C, so servers are stopped."""
    import signal

    if signal.getsignal(signal.SIGTERM) is signal.SIG_DFL:

        def _interrupt(signum: int, frame: object) -> None:
            raise KeyboardInterrupt(f"signal {signum}")

        signal.signal(signal.SIGTERM, _interrupt)


@pytest.fixture(scope="session")
def chroma_server():
    """One Chroma server (`chroma run`) for the session; each test uses its own collection."""
    from servers import start_chroma

    server = _start_server(start_chroma, "the Chroma server (the chromadb package)")
    yield server
    server.stop()


@pytest.fixture(params=["sqlite", "postgresql"])
def store_target(request, tmp_path) -> str:
    """Where a store lives, once per backend: a SQLite file, or a new database on the test server."""
    if request.param == "sqlite":
        return str(tmp_path / "workspace.db")
    return request.getfixturevalue("postgres_server").create_database()


@pytest.fixture(params=["sqlite+chroma", "postgresql+chroma-server"])
def team_workspace(request, tmp_path) -> Path:
    """A workspace folder, once per setup: SQLite + persistent Chroma (a laptop), PostgreSQL + a Chroma
    server (a lab). The choice is in the folder's settings.toml, so a `causemap` process started on the
    folder uses it too."""
    from causemap.settings import Settings

    root = tmp_path / "ws"
    if request.param == "postgresql+chroma-server":
        chroma = request.getfixturevalue("chroma_server")
        settings = Settings.load(
            root,
            store={"url": request.getfixturevalue("postgres_server").create_database()},
            vector={"url": chroma.url, "collection": chroma.collection_name()},
        )
        settings.save()
    root.mkdir(exist_ok=True)
    return root


@pytest.fixture(scope="session")
def wheel_env(tmp_path_factory):
    """causemap installed from its wheel, non-editable, in a fresh venv (see tests/wheel_env.py)."""
    from wheel_env import make_wheel_env

    return make_wheel_env(tmp_path_factory.mktemp("wheel"))
