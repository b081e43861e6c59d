"""Real servers for the tests: PostgreSQL (Debian's binaries, a throwaway cluster) and Chroma (`chroma run`).

Each server is started once per test session, on 127.0.0.1 and a free port, with its data in a temporary
folder, and stopped (its folder removed) when the session ends. PostgreSQL refuses to run as root, so
under root (CI, containers) the cluster belongs to the unprivileged ``nobody``.

Where the binaries are missing the tests that need the server skip, saying why; under CI (``CI`` set)
they fail instead, because CI installs the server (see ``.ci/run``) and a skip would hide that.
"""

from __future__ import annotations

import itertools
import os
import pwd
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

PG_USER = "causemap"
PG_PASSWORD = "causemap-test-password"
UNPRIVILEGED = "nobody"


def _stop_server(process: subprocess.Popen, root: Path, stop_signal: int) -> None:
    """Signal a server to stop, kill it after 30 s, and remove its folder."""
    if process.poll() is None:
        process.send_signal(stop_signal)
        try:
            process.wait(30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(10)
    shutil.rmtree(root, ignore_errors=True)


class ServerUnavailable(RuntimeError):
    """The server's programs are not installed here."""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def postgres_bin() -> Path:
    """The newest installed PostgreSQL's bin folder (Debian: /usr/lib/postgresql/N/bin)."""
    found = sorted(
        Path("/usr/lib/postgresql").glob("*/bin/initdb"), key=lambda p: int(p.parts[-3]), reverse=True
    )
    if found:
        return found[0].parent
    on_path = shutil.which("initdb")
    if on_path:
        return Path(on_path).parent
    raise ServerUnavailable("PostgreSQL is not installed (no initdb): apt-get install postgresql")


def _demote() -> dict[str, int]:
    """Popen arguments that run a child as the unprivileged user when we are root."""
    if os.geteuid() != 0:
        return {}
    user = pwd.getpwnam(UNPRIVILEGED)
    return {"user": user.pw_uid, "group": user.pw_gid}


@dataclass
class PostgresServer:
    root: Path
    port: int
    process: subprocess.Popen
    _names: itertools.count = field(default_factory=lambda: itertools.count(1))

    def url(self, database: str = "postgres", password: str | None = PG_PASSWORD) -> str:
        secret = f":{password}" if password is not None else ""
        return f"postgresql://{PG_USER}{secret}@127.0.0.1:{self.port}/{database}"

    def create_database(self, prefix: str = "test") -> str:
        """A new empty database; returns its URL."""
        import psycopg

        name = f"{prefix}_{os.getpid()}_{next(self._names)}"
        with psycopg.connect(self.url(), autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)

    def stop(self) -> None:
        _stop_server(self.process, self.root, signal.SIGINT)  # "fast" shutdown: don't wait for clients


def start_postgres() -> PostgresServer:
    """initdb a throwaway cluster and run it on 127.0.0.1 and a free port, with password auth over TCP."""
    bindir = postgres_bin()
    root = Path(tempfile.mkdtemp(prefix="causemap-pg-"))
    demote = _demote()
    if demote:
        os.chown(root, demote["user"], demote["group"])
    (root / "pw").write_text(PG_PASSWORD + "\n")
    if demote:
        os.chown(root / "pw", demote["user"], demote["group"])
    env = {**os.environ, "LC_ALL": "C", "HOME": str(root)}
    init = subprocess.run(
        [
            str(bindir / "initdb"),
            "-D",
            str(root / "data"),
            "-U",
            PG_USER,
            "--pwfile",
            str(root / "pw"),
            "--auth-local=trust",
            "--auth-host=scram-sha-256",
            "-E",
            "UTF8",
            "--locale=C",
            "--no-sync",
        ],
        capture_output=True,
        text=True,
        env=env,
        cwd=root,
        **demote,
    )
    if init.returncode != 0:
        shutil.rmtree(root, ignore_errors=True)
        raise RuntimeError(f"initdb failed: {init.stderr or init.stdout}")
    port = free_port()
    log_path = root / "server.log"
    log_path.touch()
    if demote:
        os.chown(log_path, demote["user"], demote["group"])
    with open(log_path, "w") as log:  # the child keeps its own descriptor
        process = _spawn_postgres(bindir, root, port, log, env, demote)
    server = PostgresServer(root=root, port=port, process=process)
    deadline = time.monotonic() + 60
    while True:
        ready = subprocess.run(
            [str(bindir / "pg_isready"), "-q", "-h", "127.0.0.1", "-p", str(port)], check=False
        )
        if ready.returncode == 0:
            return server
        if process.poll() is not None or time.monotonic() > deadline:
            text = log_path.read_text(errors="replace")
            server.stop()
            raise RuntimeError(f"PostgreSQL did not start on port {port}:\n{text[-2000:]}")
        time.sleep(0.2)


def _spawn_postgres(
    bindir: Path, root: Path, port: int, log: IO[str], env: dict[str, str], demote: dict[str, int]
) -> subprocess.Popen:
    return subprocess.Popen(
        [
            str(bindir / "postgres"),
            "-D",
            str(root / "data"),
            "-p",
            str(port),
            "-k",
            str(root),
            "-c",
            "listen_addresses=127.0.0.1",
            "-c",
            "fsync=off",  # a test cluster: durability against power loss is not what is tested
            "-c",
            "synchronous_commit=off",
            "-c",
            "full_page_writes=off",
            "-c",
            "max_connections=200",
        ],
        stdout=log,
        stderr=subprocess.STDOUT,
        env=env,
        cwd=root,
        start_new_session=True,  # Ctrl+C in the terminal reaches pytest, which stops the server itself
        **demote,
    )


@dataclass
class ChromaServer:
    root: Path
    port: int
    process: subprocess.Popen
    _names: itertools.count = field(default_factory=lambda: itertools.count(1))

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def collection_name(self, prefix: str = "test") -> str:
        """A collection name no other test of this session uses."""
        return f"{prefix}-{os.getpid()}-{next(self._names)}"

    def stop(self) -> None:
        _stop_server(self.process, self.root, signal.SIGTERM)


def chroma_bin() -> Path:
    """The `chroma` command of the chromadb package installed beside this Python."""
    beside = Path(sys.executable).parent / "chroma"
    if beside.exists():
        return beside
    on_path = shutil.which("chroma")
    if on_path:
        return Path(on_path)
    raise ServerUnavailable("the chromadb package's `chroma` command is not installed")


def start_chroma() -> ChromaServer:
    """`chroma run` on a temporary folder, 127.0.0.1 and a free port; returns once it answers."""
    binary = chroma_bin()
    root = Path(tempfile.mkdtemp(prefix="causemap-chroma-"))
    port = free_port()
    with open(root / "server.log", "w") as log:
        process = subprocess.Popen(
            [str(binary), "run", "--path", str(root / "data"), "--host", "127.0.0.1", "--port", str(port)],
            stdout=log,
            stderr=subprocess.STDOUT,
            env={**os.environ, "ANONYMIZED_TELEMETRY": "False"},
            cwd=root,
            start_new_session=True,
        )
    server = ChromaServer(root=root, port=port, process=process)
    deadline = time.monotonic() + 60
    while True:
        try:
            with urllib.request.urlopen(f"{server.url}/api/v2/heartbeat", timeout=2) as response:
                if response.status == 200:
                    return server
        except OSError:
            pass
        if process.poll() is not None or time.monotonic() > deadline:
            text = (root / "server.log").read_text(errors="replace")
            server.stop()
            raise RuntimeError(f"the Chroma server did not start on port {port}:\n{text[-2000:]}")
        time.sleep(0.2)
