"""The LLM factory, and the few things every LLM caller in causemap shares.

``make_chat_model(settings)`` is the only place a chat model is built. It returns None when no model is
configured, so that nothing in causemap reaches the network unless the user asked for it. API keys are
read from the environment variables each provider uses; causemap never stores them, and a provider's key
goes only to that provider's own endpoint: a custom ``base_url`` gets ``CAUSEMAP_LLM_API_KEY`` or a
placeholder. A ``base_url`` that only a workspace's settings.toml asks for (a file people share) is
refused unless the user confirms it.

Retries are ours, not the provider client's: clients are built with their own retries off, and
``call_with_retries`` retries rate limits, timeouts and overloaded servers with exponential backoff, so
that the number of retries and the time waited are visible and testable.
"""

from __future__ import annotations

import importlib.util
import logging
import os
import random
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar

from causemap.errors import CausemapError, UsageError
from causemap.settings import ExtractSettings

if TYPE_CHECKING:
    from langchain_core.language_models import BaseChatModel

log = logging.getLogger(__name__)

T = TypeVar("T")


@dataclass(frozen=True)
class Provider:
    """A LangChain chat-model integration: its module, pip package, key variable and own endpoint."""

    module: str
    package: str
    key_env: str | None
    endpoint: str  # where the provider's key may go
    base_url_arg: str = "base_url"


PROVIDERS: dict[str, Provider] = {
    "openai": Provider("langchain_openai", "langchain-openai", "OPENAI_API_KEY", "https://api.openai.com/v1"),
    "anthropic": Provider(
        "langchain_anthropic", "langchain-anthropic", "ANTHROPIC_API_KEY", "https://api.anthropic.com"
    ),
    "ollama": Provider("langchain_ollama", "langchain-ollama", None, "http://localhost:11434"),
}

# A key for OpenAI-compatible servers that need none (llama.cpp, vLLM, LM Studio): the openai
# client refuses to start without some key.
LOCAL_SERVER_KEY = "not-needed"
LOCAL_SERVER_KEY_ENV = "CAUSEMAP_LLM_API_KEY"
TRUST_ENV = "CAUSEMAP_TRUST_WORKSPACE_SETTINGS"

# Status codes worth retrying: rate limited, request timeout, overloaded/unavailable upstream.
_TRANSIENT_STATUS = frozenset({408, 429, 500, 502, 503, 504, 529})
_TRANSIENT_CLASS_NAMES = frozenset(
    {
        "RateLimitError",  # openai, anthropic
        "APITimeoutError",  # openai, anthropic
        "APIConnectionError",  # openai, anthropic: the server could not be reached (yet)
        "InternalServerError",
        "OverloadedError",  # anthropic 529
        "TimeoutException",  # httpx (base of ReadTimeout, ConnectTimeout, ...)
        "ConnectError",  # httpx
        "ReadTimeout",  # requests, used by some community integrations
        "ConnectTimeout",
        "ConnectionError",  # builtin (refused, reset); requests' too
        "TimeoutError",  # builtin; socket.timeout and asyncio.TimeoutError are aliases
    }
)
_UNREACHABLE_CLASS_NAMES = frozenset(
    {"APIConnectionError", "ConnectError", "ConnectTimeout", "ConnectionError"}
)


class LLMConfigError(UsageError):
    """The configured LLM cannot be used (no model, unknown provider, package or key missing)."""


class LLMCallError(CausemapError):
    """The LLM server refused or could not serve a request in a way that would fail every request alike
    (a wrong key, an unknown model, a server that cannot be reached)."""


def parse_model_spec(spec: str) -> tuple[str, str]:
    """Split ``"provider:model"`` (the model may itself contain colons, e.g. ``ollama:llama3.1:8b``)."""
    provider, sep, model = spec.partition(":")
    if not sep or not provider.strip() or not model.strip():
        raise LLMConfigError(
            f"LLM {spec!r} is not PROVIDER:MODEL; for example openai:gpt-4o-mini, "
            "anthropic:claude-3-5-haiku-latest or ollama:llama3.1"
        )
    return provider.strip().lower().replace("-", "_"), model.strip()


def endpoint(settings: ExtractSettings) -> str:
    """The URL the configured model's requests go to (the provider's own, or ``base_url``)."""
    provider, _ = parse_model_spec(settings.llm or "")
    if settings.base_url:
        return _normalise_url(settings.base_url)
    known = PROVIDERS.get(provider)
    return known.endpoint if known else f"{provider}:default"


def _normalise_url(url: str) -> str:
    return url.strip().rstrip("/")


def check_base_url_trust(settings: ExtractSettings, trust_workspace_settings: bool = False) -> None:
    """Refuse a ``base_url`` that only the workspace's settings.toml asks for, unless the user trusts it.

    The sentences of the user's papers (and any key) would go to that server; a shared workspace must
    not be able to choose it for them. The user confirms with ``--trust-workspace-settings`` or
    ``CAUSEMAP_TRUST_WORKSPACE_SETTINGS=1``, or sets the URL themselves (environment, command line).
    """
    if not settings.base_url or not settings.base_url_from_workspace_file:
        return
    if trust_workspace_settings or os.environ.get(TRUST_ENV, "").strip().lower() in ("1", "true", "yes"):
        return
    raise LLMConfigError(
        f"the workspace's settings.toml sends LLM requests to {settings.base_url}; the sentences of your "
        "papers would go there. If you trust it, pass --trust-workspace-settings (or set "
        f"{TRUST_ENV}=1), or set CAUSEMAP_EXTRACT__BASE_URL yourself"
    )


def make_chat_model(
    settings: ExtractSettings, *, trust_workspace_settings: bool = False
) -> BaseChatModel | None:
    """The chat model ``settings`` ask for, or None when no LLM is configured.

    Parameters
    ----------
    settings
        ``settings.llm`` is ``"provider:model"`` for LangChain's ``init_chat_model``; ``base_url``
        points the client at an OpenAI-compatible (or Ollama, or Anthropic-compatible) server.
    trust_workspace_settings
        The user confirmed a ``base_url`` read from the workspace's settings.toml.

    Raises
    ------
    LLMConfigError
        The LLM extractor is selected but no model is set, the provider's integration package is not
        installed (the message says what to pip install), the provider's API key variable is unset, or
        the ``base_url`` comes from the workspace file and was not confirmed.
    """
    if not settings.llm:
        if settings.extractor == "llm":
            raise LLMConfigError(
                "the llm extractor needs a model: set CAUSEMAP_LLM=openai:gpt-4o-mini (or pass "
                "--llm PROVIDER:MODEL)"
            )
        return None
    provider, model = parse_model_spec(settings.llm)
    check_base_url_trust(settings, trust_workspace_settings)
    _require_package(provider)
    kwargs = _client_kwargs(provider, settings)
    # Imported here: langchain.chat_models takes half a second to import, which commands that use
    # no LLM should not pay.
    from langchain.chat_models import init_chat_model

    try:
        return init_chat_model(model, model_provider=provider, **kwargs)
    except ImportError as exc:  # a dependency of the integration package itself is missing
        raise LLMConfigError(f"cannot load the {provider} integration: {exc}") from exc
    except Exception as exc:  # providers raise assorted validation errors
        raise LLMConfigError(f"cannot build the chat model {settings.llm!r}: {exc}") from exc


def _require_package(provider: str) -> None:
    known = PROVIDERS.get(provider)
    module, package = (
        (known.module, known.package) if known else (f"langchain_{provider}", f"langchain-{provider}")
    )
    if importlib.util.find_spec(module) is not None:
        return
    if not known:
        # Any LangChain chat integration works, but a typo must not read as a missing install.
        raise LLMConfigError(
            f"unknown LLM provider {provider!r}: causemap knows {', '.join(sorted(PROVIDERS))}; another "
            f"provider works if LangChain has a chat integration for it (pip install {package}, if it exists)"
        )
    hint = f"pip install {package} (or pip install 'causemap[llm]' for OpenAI, Anthropic and Ollama)"
    raise LLMConfigError(f"the {provider} LLM provider needs the {package} package: {hint}")


def _client_kwargs(provider: str, settings: ExtractSettings) -> dict[str, Any]:
    """Constructor arguments per provider: endpoint, key, timeout, output bound, no client retries.

    The endpoint is always passed explicitly, so that no ``*_BASE_URL`` variable can redirect a
    provider's key; a key variable goes only to its provider's own endpoint.
    """
    known = PROVIDERS.get(provider)
    if known is None:
        if settings.base_url:
            raise LLMConfigError(
                f"a base_url is supported for the openai (OpenAI-compatible), anthropic and ollama "
                f"providers, not {provider!r}: causemap cannot tell where that integration sends its key"
            )
        return {}  # other integrations: their own key, their own endpoint, their own defaults
    url = _normalise_url(settings.base_url) if settings.base_url else known.endpoint
    if provider == "ollama":
        # ChatOllama has no timeout field; its httpx client takes one. No key: Ollama runs locally.
        return {
            "base_url": url,
            "client_kwargs": {"timeout": settings.timeout_s},
            "num_predict": settings.max_output_tokens,
        }
    kwargs: dict[str, Any] = {
        "base_url": url,
        "timeout": settings.timeout_s,
        "max_retries": 0,
        "max_tokens": settings.max_output_tokens,
    }
    if url == known.endpoint:
        key = os.environ.get(known.key_env or "")
        if not key:
            raise LLMConfigError(
                f"{settings.llm} needs an API key in the {known.key_env} environment variable "
                "(causemap never stores keys)"
            )
    else:
        # Another server: never the provider's key. A server that needs none gets a placeholder,
        # because the client library will not start without some key.
        key = os.environ.get(LOCAL_SERVER_KEY_ENV) or LOCAL_SERVER_KEY
        if provider == "openai":
            # langchain-openai sends the bound as max_completion_tokens, which OpenAI-compatible
            # servers such as llama-cpp-python's ignore (their answers then run to the context's end);
            # the older max_tokens, which they read, goes in the body too.
            kwargs["extra_body"] = {"max_tokens": settings.max_output_tokens}
    kwargs["api_key"] = key
    return kwargs


def describe_call_error(exc: BaseException, model: str, where: str) -> str:
    """One line saying why a request of ``model`` to ``where`` failed and what to check."""
    status = http_status(exc)
    detail = " ".join(str(exc).split())[:300]
    if status in (401, 403):
        known = PROVIDERS.get(model.partition(":")[0])
        key = known.key_env if known and where == known.endpoint else LOCAL_SERVER_KEY_ENV
        return f"{where} refused the API key (HTTP {status}); check {key}: {detail}"
    if status == 404:
        return f"{where} does not serve {model!r} (HTTP 404); check the model name and base_url: {detail}"
    if is_unreachable_error(exc):
        return f"cannot reach the LLM server at {where}: {detail}"
    label = f"HTTP {status}" if status else type(exc).__name__
    return f"the LLM request to {where} failed ({label}): {detail}"


# Errors a client raises when the reply itself is unusable (invalid or truncated JSON): the answer is
# malformed, and asking again may help; they say nothing about the request or the server.
_MALFORMED_CLASS_NAMES = frozenset(
    {
        "ValidationError",  # pydantic, raised by the openai SDK's parse of a JSON-schema answer
        "JSONDecodeError",
        "OutputParserException",  # langchain-core's parsers
        "LengthFinishReasonError",  # openai: the answer was cut off at the token limit
        "ContentFilterFinishReasonError",
    }
)


def is_malformed_output_error(exc: BaseException) -> bool:
    """Whether ``exc`` says the model's reply could not be read (as opposed to a failed request)."""
    return any(cls.__name__ in _MALFORMED_CLASS_NAMES for cls in type(exc).__mro__)


# -- retries ---------------------------------------------------------------------------------------
def is_transient_error(exc: BaseException) -> bool:
    """Whether ``exc`` is a rate limit, timeout or overloaded server: worth retrying after a pause.

    Recognised by class name (so that no provider SDK has to be imported) or by HTTP status.
    """
    if any(cls.__name__ in _TRANSIENT_CLASS_NAMES for cls in type(exc).__mro__):
        return True
    return http_status(exc) in _TRANSIENT_STATUS


def is_unreachable_error(exc: BaseException) -> bool:
    """Whether ``exc`` says the server could not be reached at all (refused, unknown host)."""
    if any(cls.__name__ == "APITimeoutError" for cls in type(exc).__mro__):
        return False  # a subclass of APIConnectionError, but the server was there
    return any(cls.__name__ in _UNREACHABLE_CLASS_NAMES for cls in type(exc).__mro__)


def http_status(exc: BaseException) -> int | None:
    """The HTTP status a provider client's error carries (on itself or on its response), if any."""
    status = getattr(exc, "status_code", None)
    if status is None:
        status = getattr(getattr(exc, "response", None), "status_code", None)
    return status if isinstance(status, int) else None


def _retry_after_s(exc: BaseException) -> float | None:
    """The server's Retry-After (seconds), when it sent one."""
    headers = getattr(getattr(exc, "response", None), "headers", None)
    try:
        value = headers.get("retry-after") if headers is not None else None
        return float(value) if value is not None else None
    except (TypeError, ValueError, AttributeError):
        return None


def backoff_delay(
    attempt: int,
    base_s: float = 1.0,
    cap_s: float = 60.0,
    jitter: Callable[[], float] = random.random,
) -> float:
    """Seconds to wait before retry number ``attempt + 1``: ``base * 2**attempt``, plus up to 50%.

    The jitter spreads out workers that were rate-limited together; being under 100% it keeps each
    delay longer than the one before, until the cap.
    """
    return min(cap_s, base_s * 2**attempt * (1.0 + 0.5 * jitter()))


def call_with_retries(
    call: Callable[[], T],
    max_retries: int,
    *,
    sleep: Callable[[float], None] = time.sleep,
    on_retry: Callable[[BaseException, float], None] | None = None,
    base_s: float = 1.0,
    cap_s: float = 60.0,
    retry_if: Callable[[BaseException], bool] = is_transient_error,
) -> T:
    """``call()``, retried up to ``max_retries`` times on transient errors with exponential backoff.

    Other errors, and the last transient one, are raised. ``on_retry(exc, delay)`` is told about each
    retry before its pause; ``retry_if`` decides what is worth retrying.
    """
    attempt = 0
    while True:
        try:
            return call()
        except Exception as exc:
            if attempt >= max_retries or not retry_if(exc):
                raise
            delay = backoff_delay(attempt, base_s, cap_s)
            retry_after = _retry_after_s(exc)
            if retry_after is not None:
                delay = min(cap_s, max(delay, retry_after))
            if on_retry is not None:
                on_retry(exc, delay)
            log.info("LLM call failed (%s); retrying in %.1fs", type(exc).__name__, delay)
            sleep(delay)
            attempt += 1
