"""The LLM factory, retry policy and cited answers (causemap/llm.py), without any network.

These tests prove how models are configured and how answers are checked; they do not prove that any
real model answers well (the fake model answers what the test scripts).
"""

from __future__ import annotations

import importlib.util
import itertools
import socket

import httpx
import pytest

import causemap.llm as llm
from causemap.errors import UsageError
from causemap.settings import ExtractSettings, Settings

ABSENT_PROVIDERS = [p for p in ("anthropic", "ollama") if importlib.util.find_spec(f"langchain_{p}") is None]


@pytest.fixture
def no_network(monkeypatch):
    """Fail any attempt to open a connection or build a chat model."""

    def refuse(*args, **kwargs):
        raise AssertionError("tried to reach the network")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr("langchain.chat_models.init_chat_model", refuse)


def test_no_llm_configured_builds_nothing(no_network) -> None:
    assert llm.make_chat_model(ExtractSettings()) is None
    assert llm.make_chat_model(ExtractSettings(extractor="rules", base_url="http://x:1/v1")) is None


def test_the_llm_extractor_without_a_model_is_a_clear_error(no_network) -> None:
    with pytest.raises(llm.LLMConfigError, match="CAUSEMAP_LLM=") as error:
        llm.make_chat_model(ExtractSettings(extractor="llm"))
    assert isinstance(error.value, UsageError) and error.value.exit_code == 2


@pytest.mark.parametrize("spec", ["gpt-4o-mini", ":gpt-4o", "openai:"])
def test_a_model_must_be_provider_colon_model(spec: str, no_network) -> None:
    with pytest.raises(llm.LLMConfigError, match="PROVIDER:MODEL"):
        llm.make_chat_model(ExtractSettings(llm=spec))


def test_model_names_may_contain_colons() -> None:
    assert llm.parse_model_spec("ollama:llama3.1:8b") == ("ollama", "llama3.1:8b")


@pytest.mark.skipif(not ABSENT_PROVIDERS, reason="every provider package is installed")
def test_a_missing_provider_package_names_what_to_install(no_network) -> None:
    provider = ABSENT_PROVIDERS[0]
    with pytest.raises(llm.LLMConfigError) as error:
        llm.make_chat_model(ExtractSettings(llm=f"{provider}:some-model"))
    assert f"pip install langchain-{provider}" in str(error.value)
    assert "causemap[llm]" in str(error.value)


def test_an_unknown_provider_is_called_unknown_and_named_with_the_known_ones(no_network) -> None:
    with pytest.raises(llm.LLMConfigError) as raised:
        llm.make_chat_model(ExtractSettings(llm="nosuchprovider:m"))
    message = str(raised.value)
    assert message.startswith("unknown LLM provider 'nosuchprovider'")
    assert all(name in message for name in llm.PROVIDERS) and "langchain-nosuchprovider" in message


def test_a_missing_api_key_is_named(monkeypatch) -> None:
    pytest.importorskip("langchain_openai")
    monkeypatch.delenv("OPENAI_API_KEY", raising=False)
    with pytest.raises(llm.LLMConfigError, match="OPENAI_API_KEY"):
        llm.make_chat_model(ExtractSettings(llm="openai:gpt-4o-mini"))


def test_a_local_server_gets_a_placeholder_key_and_our_timeout(monkeypatch) -> None:
    pytest.importorskip("langchain_openai")
    # Building the client is allowed; connecting is not.
    monkeypatch.setattr(socket.socket, "connect", lambda *a, **k: pytest.fail("connected"))
    monkeypatch.delenv("OPENAI_API_KEY", raising=False)
    monkeypatch.delenv(llm.LOCAL_SERVER_KEY_ENV, raising=False)
    settings = ExtractSettings(
        extractor="llm", llm="openai:qwen2.5-7b", base_url="http://127.0.0.1:8080/v1", timeout_s=12
    )

    model = llm.make_chat_model(settings)

    assert type(model).__name__ == "ChatOpenAI"
    assert model.openai_api_base == "http://127.0.0.1:8080/v1"
    assert model.openai_api_key.get_secret_value() == llm.LOCAL_SERVER_KEY
    assert model.model_name == "qwen2.5-7b"
    assert model.request_timeout == 12 and model.max_retries == 0


@pytest.mark.parametrize(
    "exc, transient",
    [
        (TimeoutError("read timed out"), True),
        (httpx.ReadTimeout("slow"), True),
        (type("RateLimitError", (Exception,), {})("429"), True),
        (type("APIStatusError", (Exception,), {"status_code": 503})("busy"), True),
        (type("AuthenticationError", (Exception,), {"status_code": 401})("bad key"), False),
        (ValueError("bad request"), False),
    ],
)
def test_which_errors_are_worth_retrying(exc: Exception, transient: bool) -> None:
    assert llm.is_transient_error(exc) is transient


def test_backoff_grows_until_the_cap() -> None:
    delays = [llm.backoff_delay(n, base_s=1, cap_s=20, jitter=lambda: 0.99) for n in range(7)]
    assert all(later > earlier for earlier, later in itertools.pairwise(delays[:5]))
    assert delays[-1] == 20


def test_retries_honour_retry_after() -> None:
    class Throttled(Exception):
        status_code = 429
        response = httpx.Response(429, headers={"Retry-After": "7"})

    outcomes = iter([Throttled(), "ok"])

    def call() -> str:
        outcome = next(outcomes)
        if isinstance(outcome, Exception):
            raise outcome
        return outcome

    waits: list[float] = []
    assert llm.call_with_retries(call, 3, sleep=waits.append, base_s=0.1) == "ok"
    assert waits == [7.0]


def test_a_provider_key_goes_only_to_its_own_endpoint(monkeypatch) -> None:
    pytest.importorskip("langchain_openai")
    monkeypatch.setattr(socket.socket, "connect", lambda *a, **k: pytest.fail("connected"))
    monkeypatch.setenv("OPENAI_API_KEY", "sk-users-own-secret")
    monkeypatch.setenv("OPENAI_BASE_URL", "http://elsewhere.invalid/v1")  # must not redirect the key
    monkeypatch.delenv(llm.LOCAL_SERVER_KEY_ENV, raising=False)

    official = llm.make_chat_model(ExtractSettings(llm="openai:gpt-4o-mini"))
    custom = llm.make_chat_model(ExtractSettings(llm="openai:m", base_url="http://127.0.0.1:9/v1"))
    monkeypatch.setenv(llm.LOCAL_SERVER_KEY_ENV, "key-for-that-server")
    keyed = llm.make_chat_model(ExtractSettings(llm="openai:m", base_url="http://127.0.0.1:9/v1/"))

    assert official.openai_api_base == "https://api.openai.com/v1"
    assert official.openai_api_key.get_secret_value() == "sk-users-own-secret"
    assert custom.openai_api_base == "http://127.0.0.1:9/v1"
    assert custom.openai_api_key.get_secret_value() == llm.LOCAL_SERVER_KEY
    assert keyed.openai_api_key.get_secret_value() == "key-for-that-server"
    # The answer's bound also as the max_tokens that OpenAI-compatible servers read (not only the
    # max_completion_tokens langchain-openai sends); OpenAI itself gets only its own parameter.
    assert custom.extra_body == {"max_tokens": ExtractSettings().max_output_tokens}
    assert not official.extra_body


def test_a_base_url_from_the_workspace_file_needs_the_users_confirmation(tmp_path, monkeypatch) -> None:
    pytest.importorskip("langchain_openai")
    monkeypatch.setattr(socket.socket, "connect", lambda *a, **k: pytest.fail("connected"))
    monkeypatch.delenv(llm.TRUST_ENV, raising=False)
    (tmp_path / "settings.toml").write_text(
        '[extract]\nllm = "openai:m"\nbase_url = "http://10.9.8.7:80/v1"\n'
    )
    from_file = Settings.load(tmp_path).extract

    with pytest.raises(llm.LLMConfigError, match="settings.toml sends LLM requests to http://10.9.8.7"):
        llm.make_chat_model(from_file)
    assert llm.make_chat_model(from_file, trust_workspace_settings=True) is not None
    # The same URL given by the user (environment or command line) needs no confirmation.
    monkeypatch.setenv("CAUSEMAP_EXTRACT__BASE_URL", "http://10.9.8.7:80/v1")
    assert llm.make_chat_model(Settings.load(tmp_path).extract) is not None
    monkeypatch.delenv("CAUSEMAP_EXTRACT__BASE_URL")
    assert llm.make_chat_model(Settings.load(tmp_path, extract={"base_url": "http://10.9.8.7:80/v1"}).extract)


def test_an_unknown_provider_with_a_base_url_is_refused(no_network) -> None:
    with pytest.raises(llm.LLMConfigError, match="cannot tell where that integration sends its key"):
        llm._client_kwargs("groq", ExtractSettings(llm="groq:m", base_url="http://127.0.0.1:1/v1"))


def test_the_cache_key_names_provider_model_server_prompt_and_text() -> None:
    from causemap.graphbuilder.extractors.llm_prompt import cache_key

    base = cache_key("openai:m", "http://127.0.0.1:1/v1", "[1] X raises Y.")
    assert base == cache_key("openai:m", "http://127.0.0.1:1/v1/", "[1] X raises Y.")
    others = [
        cache_key("ollama:m", "http://127.0.0.1:1/v1", "[1] X raises Y."),
        cache_key("openai:n", "http://127.0.0.1:1/v1", "[1] X raises Y."),
        cache_key("openai:m", "http://127.0.0.1:2/v1", "[1] X raises Y."),
        cache_key("openai:m", "http://127.0.0.1:1/v1", "[1] X lowers Y."),
    ]
    assert len({base, *others}) == 5
