"""The LLM claim extractor: any LangChain chat model, asked about batches of numbered sentences.

The caller decides which sentences are worth a call (the rules extractor's prefilter) and passes only
those. Each batch of about fifteen sentences is one request, asking for structured output in the
``LLMClaims`` schema (or, for models without tool calling, for JSON text). Every claim in the answer is
verified against the sentences sent before it is returned (see ``llm_prompt.verify_claims``).

Costs are bounded and visible: answers are cached in the workspace store, so a rerun makes no calls;
rate limits and timeouts are retried a bounded number of times with exponential backoff; at most
``concurrency`` requests are in flight; and ``stats`` counts calls, cache hits, retries, malformed
answers, rejected claims and tokens for the caller to report.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field, fields
from typing import TYPE_CHECKING, Any

from langchain_core.messages import AIMessage, HumanMessage, SystemMessage
from pydantic import ValidationError

from causemap.graphbuilder.extractors.base import ExtractedRelation
from causemap.graphbuilder.extractors.llm_prompt import (
    PROMPT_VERSION,
    SYSTEM_PROMPT,
    LLMClaims,
    cache_key,
    parse_claims_text,
    render_sentences,
    user_message,
    verify_claims,
)
from causemap.llm import call_with_retries, is_malformed_output_error, is_transient_error
from causemap.store import Store

if TYPE_CHECKING:
    from langchain_core.language_models import BaseChatModel

log = logging.getLogger(__name__)

# An LLM's own view of how sure it is is poorly calibrated, so every verified LLM claim gets the
# same prior confidence; belief comes from aggregating evidence, not from this number.
DEFAULT_CONFIDENCE = 0.7
MALFORMED_ATTEMPTS = 2  # a malformed answer is asked again once, then the batch is skipped


@dataclass
class LLMStats:
    """Running totals of what the LLM extractor spent and threw away (thread-safe)."""

    calls: int = 0
    cache_hits: int = 0
    retries: int = 0
    malformed: int = 0
    rejected_quotes: int = 0
    rejected_arguments: int = 0
    skipped_batches: int = 0
    input_tokens: int = 0
    output_tokens: int = 0
    skipped: list[dict[str, Any]] = field(default_factory=list)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False, compare=False)

    def add(self, **counts: int) -> None:
        with self._lock:
            for name, n in counts.items():
                setattr(self, name, getattr(self, name) + n)

    def skip(self, batch: Sequence[str], reason: str) -> None:
        """Record a batch whose sentences got no answer, and why."""
        record = {"sentences": len(batch), "first_sentence": batch[0][:120], "reason": reason}
        log.warning("LLM batch skipped (%s): %s", reason, record["first_sentence"])
        with self._lock:
            self.skipped_batches += 1
            self.skipped.append(record)

    def to_dict(self) -> dict[str, Any]:
        """The totals as plain data, for run summaries and ``--json`` output.

        Built field by field: ``dataclasses.asdict`` would deep-copy the lock, which cannot be copied.
        """
        with self._lock:
            data = {f.name: getattr(self, f.name) for f in fields(self) if not f.name.startswith("_")}
            data["skipped"] = [dict(record) for record in self.skipped]
        return data


class LLMExtractor:
    """Claims from sentences by a chat model, verified against the sentences sent.

    Parameters
    ----------
    chat_model
        Any LangChain chat model (``causemap.llm.make_chat_model`` builds one from the settings;
        ``causemap.graphbuilder.extractors.make_extractor`` builds this extractor around it).
    model_name
        ``"provider:model"``; names the extractor (``llm:<provider:model>``) and keys the cache.
    store
        The workspace store whose LLM cache answers repeated requests; None disables caching.
    concurrency
        Requests in flight at once, across all threads using this extractor.
    max_retries
        Retries of one request on rate limits and timeouts; then its batch is skipped and recorded.
    batch_size, max_batch_chars
        Sentences (and at most this many characters) per request.
    structured
        Ask for tool-call structured output (True), JSON text (False), or structured when the model
        supports tool calling (None).
    structured_method
        Passed to ``with_structured_output(method=...)``, e.g. ``"function_calling"`` for servers
        without JSON-schema response formats.
    sleep
        Waits between retries; tests inject a recorder.
    """

    def __init__(
        self,
        chat_model: BaseChatModel,
        model_name: str,
        store: Store | None = None,
        *,
        concurrency: int = 4,
        max_retries: int = 4,
        batch_size: int = 15,
        max_batch_chars: int = 8000,
        confidence: float = DEFAULT_CONFIDENCE,
        structured: bool | None = None,
        structured_method: str | None = None,
        sleep: Callable[[float], None] = time.sleep,
        backoff_base_s: float = 1.0,
    ) -> None:
        if concurrency < 1 or batch_size < 1 or max_retries < 0:
            raise ValueError("concurrency and batch_size must be >= 1, max_retries >= 0")
        self.name = f"llm:{model_name}"
        self.version = PROMPT_VERSION
        self.model_name = model_name
        self.chat_model = chat_model
        self.store = store
        self.concurrency = concurrency
        self.max_retries = max_retries
        self.batch_size = batch_size
        self.max_batch_chars = max_batch_chars
        self.confidence = confidence
        self.stats = LLMStats()
        self._sleep = sleep
        self._backoff_base_s = backoff_base_s
        self._in_flight = threading.BoundedSemaphore(concurrency)
        self._structured = self._bind_structured(structured, structured_method)

    def _bind_structured(self, structured: bool | None, method: str | None) -> Any:
        if structured is False:
            return None
        kwargs: dict[str, Any] = {"include_raw": True}
        if method is not None:
            kwargs["method"] = method
        try:
            return self.chat_model.with_structured_output(LLMClaims, **kwargs)
        except NotImplementedError:  # no tool calling: ask for JSON text instead
            if structured:
                raise
            log.info("%s has no structured output; asking for JSON text", self.model_name)
            return None

    # -- SentenceExtractor ----------------------------------------------------------------------
    def extract(self, sentences: Sequence[str]) -> list[list[ExtractedRelation]]:
        """Claims per sentence, in order. Sentences of skipped batches get none (see ``stats``).

        Raises whatever the model raises that is not a rate limit or timeout (a wrong key, an unknown
        model): such errors would fail every batch alike.
        """
        results: list[list[ExtractedRelation]] = [[] for _ in sentences]
        batches = self._batches(sentences)
        if not batches:
            return results
        pool = ThreadPoolExecutor(max_workers=min(self.concurrency, len(batches)))
        try:
            futures = {
                pool.submit(self._extract_batch, [sentences[i] for i in batch]): batch for batch in batches
            }
            for future in as_completed(futures):
                for i, relations in zip(futures[future], future.result(), strict=True):
                    results[i] = relations
        finally:
            # On an error, drop the batches not yet started rather than spend money on them.
            pool.shutdown(wait=True, cancel_futures=True)
        return results

    def _batches(self, sentences: Sequence[str]) -> list[list[int]]:
        """Indices of the non-blank sentences, grouped into requests."""
        batches: list[list[int]] = []
        current: list[int] = []
        chars = 0
        for i, sentence in enumerate(sentences):
            if not sentence.strip():
                continue
            if current and (len(current) >= self.batch_size or chars + len(sentence) > self.max_batch_chars):
                batches.append(current)
                current, chars = [], 0
            current.append(i)
            chars += len(sentence)
        if current:
            batches.append(current)
        return batches

    def _extract_batch(self, batch: list[str]) -> list[list[ExtractedRelation]]:
        key = cache_key(self.model_name, render_sentences(batch))
        claims = self._cached(key)
        if claims is None:
            claims = self._ask(batch, key)
            if claims is None:
                return [[] for _ in batch]
        verdicts = verify_claims(claims, batch, self.confidence)
        self.stats.add(
            rejected_quotes=verdicts.rejected_quotes,
            rejected_arguments=verdicts.rejected_arguments,
        )
        return verdicts.relations

    # -- the model, the cache -------------------------------------------------------------------
    def _cached(self, key: str) -> LLMClaims | None:
        if self.store is None:
            return None
        row = self.store.cache_get(key)
        if row is None:
            return None
        try:
            claims = LLMClaims.model_validate_json(row["response"])
        except ValidationError:  # written by an incompatible version: ask again
            return None
        self.stats.add(cache_hits=1)
        return claims

    def _ask(self, batch: list[str], key: str) -> LLMClaims | None:
        """The model's claims for ``batch`` (and cached), or None when the batch had to be skipped."""
        reply: AIMessage | None = None
        for _ in range(MALFORMED_ATTEMPTS):
            try:
                reply, claims = call_with_retries(
                    lambda: self._call_model(batch),
                    self.max_retries,
                    sleep=self._sleep,
                    on_retry=lambda exc, delay: self.stats.add(retries=1),
                    base_s=self._backoff_base_s,
                )
            except Exception as exc:
                if not is_transient_error(exc):
                    raise
                self.stats.skip(
                    batch, f"gave up after {self.max_retries} retries: {type(exc).__name__}: {exc}"
                )
                return None
            if claims is not None:
                if self.store is not None:
                    self.store.cache_put(
                        key,
                        self.model_name,
                        PROMPT_VERSION,
                        claims.model_dump_json(),
                        _tokens(reply),
                    )
                return claims
            self.stats.add(malformed=1)
        excerpt = reply.text[:200] if reply is not None else ""
        self.stats.skip(batch, f"malformed output {MALFORMED_ATTEMPTS} times: {excerpt!r}")
        return None

    def _call_model(self, batch: list[str]) -> tuple[AIMessage, LLMClaims | None]:
        """One request; the reply and its claims, or None for the claims when they are malformed."""
        messages = [
            SystemMessage(SYSTEM_PROMPT),
            HumanMessage(user_message(batch, json_text=self._structured is None)),
        ]
        with self._in_flight:
            self.stats.add(calls=1)
            try:
                if self._structured is not None:
                    out = self._structured.invoke(messages)
                    reply, parsed = out["raw"], out.get("parsed")
                else:
                    reply, parsed = self.chat_model.invoke(messages), None
            except Exception as exc:
                if not is_malformed_output_error(exc):
                    raise
                # The client itself failed to parse the reply (the openai SDK validates JSON-schema
                # answers, and refuses truncated ones): the answer is malformed, not the request.
                return AIMessage(content=f"{type(exc).__name__}: {exc}"), None
        input_tokens, output_tokens = _tokens(reply)
        self.stats.add(input_tokens=input_tokens, output_tokens=output_tokens)
        if not isinstance(parsed, LLMClaims):
            # Structured output can fail to parse while the text still holds the JSON asked for.
            parsed = parse_claims_text(reply.text)
        return reply, parsed


def _tokens(reply: AIMessage) -> tuple[int, int]:
    usage = getattr(reply, "usage_metadata", None) or {}
    return int(usage.get("input_tokens", 0)), int(usage.get("output_tokens", 0))
