"""The LLM factory, and the few things every LLM caller in causemap shares.

``make_chat_model(settings)`` is the only place a chat model is built. It returns None when no model is
configured, so that nothing in causemap reaches the network unless the user asked for it. API keys are
read from the environment variables each provider uses; causemap never stores them.

Retries are ours, not the provider client's: clients are built with their own retries off, and
``call_with_retries`` retries rate limits, timeouts and overloaded servers with exponential backoff, so
that the number of retries and the time waited are visible and testable.
"""

from __future__ import annotations

import importlib.util
import logging
import os
import random
import re
import time
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, TypeVar

from causemap.errors import UsageError
from causemap.settings import ExtractSettings

if TYPE_CHECKING:
    from langchain_core.language_models import BaseChatModel

log = logging.getLogger(__name__)

T = TypeVar("T")

# provider -> (module that provides it, pip package, environment variable holding the key or None)
_PROVIDERS: dict[str, tuple[str, str, str | None]] = {
    "openai": ("langchain_openai", "langchain-openai", "OPENAI_API_KEY"),
    "anthropic": ("langchain_anthropic", "langchain-anthropic", "ANTHROPIC_API_KEY"),
    "ollama": ("langchain_ollama", "langchain-ollama", None),
}
_IN_LLM_EXTRA = frozenset(_PROVIDERS)  # the providers `pip install 'causemap[llm]'` brings

# A key for OpenAI-compatible servers that need none (llama.cpp, vLLM, LM Studio): the openai
# client refuses to start without some key.
LOCAL_SERVER_KEY = "not-needed"
LOCAL_SERVER_KEY_ENV = "CAUSEMAP_LLM_API_KEY"

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
        "ReadTimeout",  # requests, used by some community integrations
        "ConnectTimeout",
        "TimeoutError",  # builtin; socket.timeout and asyncio.TimeoutError are aliases
    }
)


class LLMConfigError(UsageError):
    """The configured LLM cannot be used (no model, unknown provider, package or key missing)."""


def parse_model_spec(spec: str) -> tuple[str, str]:
    """Split ``"provider:model"`` (the model may itself contain colons, e.g. ``ollama:llama3.1:8b``)."""
    provider, sep, model = spec.partition(":")
    if not sep or not provider.strip() or not model.strip():
        raise LLMConfigError(
            f"LLM {spec!r} is not PROVIDER:MODEL; for example openai:gpt-4o-mini, "
            "anthropic:claude-3-5-haiku-latest or ollama:llama3.1"
        )
    return provider.strip().lower().replace("-", "_"), model.strip()


def make_chat_model(settings: ExtractSettings) -> BaseChatModel | None:
    """The chat model ``settings`` ask for, or None when no LLM is configured.

    Parameters
    ----------
    settings
        ``settings.llm`` is ``"provider:model"`` for LangChain's ``init_chat_model``; ``base_url``
        points the client at an OpenAI-compatible (or Ollama, or Anthropic-compatible) server.

    Raises
    ------
    LLMConfigError
        The LLM extractor is selected but no model is set, the provider's integration package is not
        installed (the message says what to pip install), or the provider's API key variable is unset.
    """
    if not settings.llm:
        if settings.extractor == "llm":
            raise LLMConfigError(
                "the llm extractor needs a model: set CAUSEMAP_LLM=openai:gpt-4o-mini (or pass "
                "--llm PROVIDER:MODEL)"
            )
        return None
    # Imported here: langchain.chat_models takes half a second to import, which commands that use
    # no LLM should not pay.
    from langchain.chat_models import init_chat_model

    provider, model = parse_model_spec(settings.llm)
    _require_package(provider)
    kwargs = _client_kwargs(provider, settings)
    try:
        return init_chat_model(model, model_provider=provider, **kwargs)
    except ImportError as exc:  # a dependency of the integration package itself is missing
        raise LLMConfigError(f"cannot load the {provider} integration: {exc}") from exc
    except Exception as exc:  # providers raise assorted validation errors
        raise LLMConfigError(f"cannot build the chat model {settings.llm!r}: {exc}") from exc


def _require_package(provider: str) -> None:
    module, package, _ = _PROVIDERS.get(provider, (f"langchain_{provider}", f"langchain-{provider}", None))
    if importlib.util.find_spec(module) is not None:
        return
    hint = f"pip install {package}"
    if provider in _IN_LLM_EXTRA:
        hint += " (or pip install 'causemap[llm]' for OpenAI, Anthropic and Ollama)"
    raise LLMConfigError(f"the {provider} LLM provider needs the {package} package: {hint}")


def _client_kwargs(provider: str, settings: ExtractSettings) -> dict[str, Any]:
    """Constructor arguments per provider: key, server, timeout, and the client's own retries off."""
    if provider == "ollama":
        # ChatOllama has no timeout field; its httpx client takes one. No key: Ollama runs locally.
        kwargs: dict[str, Any] = {"client_kwargs": {"timeout": settings.timeout_s}}
        if settings.base_url:
            kwargs["base_url"] = settings.base_url
        return kwargs
    if provider not in _PROVIDERS:  # other integrations: pass only what all of them accept
        return {"base_url": settings.base_url} if settings.base_url else {}
    kwargs = {"timeout": settings.timeout_s, "max_retries": 0}
    key_env = _PROVIDERS[provider][2]
    if settings.base_url:
        kwargs["base_url"] = settings.base_url
        # A local server usually wants no key, but the client insists on one.
        key = os.environ.get(LOCAL_SERVER_KEY_ENV) or (key_env and os.environ.get(key_env))
        kwargs["api_key"] = key or LOCAL_SERVER_KEY
    elif key_env and not os.environ.get(key_env):
        raise LLMConfigError(
            f"{settings.llm} needs an API key in the {key_env} environment variable "
            "(causemap never stores keys)"
        )
    return kwargs


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
    return _status_code(exc) in _TRANSIENT_STATUS


def _status_code(exc: BaseException) -> int | None:
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
) -> T:
    """``call()``, retried up to ``max_retries`` times on transient errors with exponential backoff.

    Other errors, and the last transient one, are raised. ``on_retry(exc, delay)`` is told about each
    retry before its pause.
    """
    attempt = 0
    while True:
        try:
            return call()
        except Exception as exc:
            if attempt >= max_retries or not is_transient_error(exc):
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


# -- question answering ----------------------------------------------------------------------------
ANSWER_SYSTEM_PROMPT = (
    "You answer a researcher's question using only the numbered passages from their papers. "
    "After each statement, cite the passages that support it by number in square brackets, "
    "e.g. [2] or [1][3]. Do not use outside knowledge. If the passages do not answer the "
    "question, say so plainly."
)
_CITATION = re.compile(r"\[(\d+(?:\s*,\s*\d+)*)\]")


def answer_question(
    chat_model: BaseChatModel,
    question: str,
    passages: Sequence[str],
    *,
    max_retries: int = 2,
    sleep: Callable[[float], None] = time.sleep,
) -> tuple[str, list[int]]:
    """Answer ``question`` from ``passages`` with citations that point at passages that exist.

    Returns
    -------
    answer, cited
        The model's answer, in which ``[n]`` refers to ``passages[n - 1]`` and citations of passages
        that do not exist have been removed; and the 0-based indices into ``passages`` of the
        passages cited, in order of first citation.
    """
    from langchain_core.messages import HumanMessage, SystemMessage

    numbered = "\n\n".join(f"[{i}] {' '.join(p.split())}" for i, p in enumerate(passages, 1))
    messages = [
        SystemMessage(ANSWER_SYSTEM_PROMPT),
        HumanMessage(f"Passages:\n\n{numbered}\n\nQuestion: {question}"),
    ]
    reply = call_with_retries(lambda: chat_model.invoke(messages), max_retries, sleep=sleep)
    return verify_citations(reply.text, len(passages))


def verify_citations(answer: str, n_passages: int) -> tuple[str, list[int]]:
    """Drop citations of passages outside ``1..n_passages``; return the text and 0-based indices."""
    cited: list[int] = []
    dropped: list[int] = []

    def keep_valid(match: re.Match[str]) -> str:
        numbers = [int(n) for n in match.group(1).split(",")]
        valid = [n for n in numbers if 1 <= n <= n_passages]
        dropped.extend(n for n in numbers if n not in valid)
        for n in valid:
            if n - 1 not in cited:
                cited.append(n - 1)
        return f"[{', '.join(map(str, valid))}]" if valid else ""

    text = _CITATION.sub(keep_valid, answer)
    if dropped:
        log.warning("the answer cited passages that do not exist: %s (removed)", dropped)
        text = re.sub(r"[ \t]+([.,;:])", r"\1", text)  # no stray space where a citation was
    return text.strip(), cited
