"""The LLM claim extractor: any LangChain chat model, asked about batches of numbered sentences.

The caller decides which sentences are worth a call (the rules extractor's prefilter) and passes only
those. Each batch of about fifteen sentences is one request for the ``LLMClaims`` schema, by the first
structured-output method the server accepts (see ``llm_methods``). Every claim in the answer is checked
against the sentences sent before it is returned (``llm_prompt.verify_claims``); every extractor's
claims then pass ``graphbuilder.verification``.

Costs are bounded and visible: answers are cached in the workspace store (keyed by provider, model,
server, prompt version and sentences), so a rerun makes no calls; rate limits and timeouts are retried a
bounded number of times with exponential backoff; answers are bounded in size; at most ``concurrency``
requests are in flight; ``max_calls``/``max_tokens`` stop a run's spending; and ``stats`` counts calls,
cache hits, retries, malformed answers, rejected claims and tokens for the caller to report
(``llm_stats``). Why a batch got no answer is said by the exceptions of ``llm_skips``.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor, as_completed
from typing import TYPE_CHECKING

from langchain_core.messages import AIMessage, HumanMessage, SystemMessage
from pydantic import ValidationError

from causemap.graphbuilder.extractors.base import BatchProgress, ExtractedRelation, ExtractOutcome
from causemap.graphbuilder.extractors.llm_methods import (
    BoundMethod,
    bind_method,
    reply_size,
    was_truncated,
)
from causemap.graphbuilder.extractors.llm_prompt import (
    PROMPT_VERSION,
    SYSTEM_PROMPT,
    LLMClaims,
    batch_sentences,
    cache_key,
    llm_version,
    render_sentences,
    user_message,
    verify_claims,
)
from causemap.graphbuilder.extractors.llm_skips import (
    METHOD_REFUSED_STATUS,
    BatchSkipped,
    MalformedAnswer,
    MethodRefused,
    excerpt,
)
from causemap.graphbuilder.extractors.llm_stats import LLMStats, reply_tokens
from causemap.llm import (
    LLMCallError,
    call_with_retries,
    describe_call_error,
    http_status,
    is_malformed_output_error,
    is_transient_error,
    is_unreachable_error,
)

if TYPE_CHECKING:
    from langchain_core.language_models import BaseChatModel

    from causemap.store import Store

log = logging.getLogger(__name__)

# An LLM's own view of how sure it is is poorly calibrated, so every verified LLM claim gets the
# same prior confidence; belief comes from aggregating evidence, not from this number.
DEFAULT_CONFIDENCE = 0.7
MALFORMED_ATTEMPTS = 2  # a malformed answer is asked again once, then the batch is skipped


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
    endpoint
        The server the requests go to; keys the cache, so that one server's answers are never
        served for another's.
    concurrency
        Requests in flight at once, across all threads (and papers) using this extractor.
    max_retries
        Retries of one request on rate limits and timeouts; then its batch is skipped and recorded.
    batch_size, max_batch_chars
        Sentences (and at most this many characters) per request.
    methods
        Structured-output methods to try in order (``llm_methods.method_order``); the first the
        server accepts is kept for the extractor's life and reported in ``stats.structured_method``.
    max_response_chars
        Longer answers count as malformed (as do answers cut off at the output-token limit).
    max_calls, max_tokens
        Budgets: once spent, the remaining batches are skipped and recorded.
    sleep
        Waits between retries; tests inject a recorder.
    """

    def __init__(
        self,
        chat_model: BaseChatModel,
        model_name: str,
        store: Store | None = None,
        *,
        endpoint: str = "",
        concurrency: int = 4,
        max_retries: int = 4,
        batch_size: int = 15,
        max_batch_chars: int = 8000,
        confidence: float = DEFAULT_CONFIDENCE,
        methods: Sequence[str] = ("default", "text"),
        max_response_chars: int = 60000,
        max_calls: int | None = None,
        max_tokens: int | None = None,
        sleep: Callable[[float], None] = time.sleep,
        backoff_base_s: float = 1.0,
    ) -> None:
        if concurrency < 1 or batch_size < 1 or max_retries < 0 or not methods:
            raise ValueError("concurrency and batch_size must be >= 1, max_retries >= 0, methods not empty")
        self.name = f"llm:{model_name}"
        self.version = llm_version()
        self.model_name = model_name
        self.endpoint = endpoint
        self.chat_model = chat_model
        self.store = store
        self.concurrency = concurrency
        self.max_retries = max_retries
        self.batch_size = batch_size
        self.max_batch_chars = max_batch_chars
        self.confidence = confidence
        self.max_response_chars = max_response_chars
        self.max_calls = max_calls
        self.max_tokens = max_tokens
        self.stats = LLMStats()
        self._sleep = sleep
        self._backoff_base_s = backoff_base_s
        self._in_flight = threading.BoundedSemaphore(concurrency)
        self._methods = list(dict.fromkeys(methods))
        self._method: BoundMethod | None = None  # the method the server accepted
        self._choosing = threading.Lock()
        self._budget = threading.Lock()
        self._answered = 0  # requests the server answered; 0 means it was never reached
        self._unreachable = False  # the server stopped answering: later batches make one attempt

    @property
    def paper_concurrency(self) -> int:
        """How many papers the pipeline may hand this extractor at once."""
        return self.concurrency

    # -- SentenceExtractor ----------------------------------------------------------------------
    def extract(self, sentences: Sequence[str]) -> list[list[ExtractedRelation]]:
        """Claims per sentence, in order. Sentences of skipped batches get none (see ``stats``)."""
        return self.extract_outcome(sentences).relations

    def extract_outcome(
        self, sentences: Sequence[str], on_batch: BatchProgress | None = None
    ) -> ExtractOutcome:
        """Claims per sentence, and the batches that got no answer (with their reasons).
        ``on_batch(answered, len(sentences))`` is called as each batch is answered or skipped.

        Raises ``LLMCallError`` for what would fail every batch alike: a wrong key, an unknown model, a
        server that was never reached, a server that accepts none of the structured-output methods.
        """
        outcome = ExtractOutcome(relations=[[] for _ in sentences])
        batches = batch_sentences(sentences, self.batch_size, self.max_batch_chars)
        if not batches:
            return outcome
        pool = ThreadPoolExecutor(max_workers=min(self.concurrency, len(batches)))
        try:
            futures = {
                pool.submit(self._extract_batch, [sentences[i] for i in batch]): batch for batch in batches
            }
            answered = 0
            if on_batch is not None:
                on_batch(0, len(sentences))
            for future in as_completed(futures):
                relations, skipped = future.result()
                for i, found in zip(futures[future], relations, strict=True):
                    outcome.relations[i] = found
                if skipped is not None:
                    outcome.skipped.append(skipped)
                answered += len(futures[future])
                if on_batch is not None:
                    on_batch(answered, len(sentences))
        finally:
            # On an error, drop the batches not yet started rather than spend money on them.
            pool.shutdown(wait=True, cancel_futures=True)
        return outcome

    def _extract_batch(self, batch: list[str]) -> tuple[list[list[ExtractedRelation]], dict | None]:
        key = cache_key(self.model_name, self.endpoint, render_sentences(batch))
        claims = self._cached(key)
        if claims is None:
            try:
                claims = self._ask(batch, key)
            except BatchSkipped as skip:
                return [[] for _ in batch], self.stats.skip(batch, str(skip))
        verdicts = verify_claims(claims, batch, self.confidence)
        self.stats.add(
            rejected_quotes=verdicts.rejected_quotes,
            rejected_arguments=verdicts.rejected_arguments,
        )
        return verdicts.relations, None

    # -- the cache ------------------------------------------------------------------------------
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

    def _remember(self, key: str, claims: LLMClaims, reply: AIMessage) -> None:
        if self.store is not None:
            self.store.cache_put(
                key, self.model_name, PROMPT_VERSION, claims.model_dump_json(), reply_tokens(reply)
            )

    # -- the model --------------------------------------------------------------------------------
    def _ask(self, batch: list[str], key: str) -> LLMClaims:
        """The model's claims for ``batch`` (and cached). Raises BatchSkipped when the batch gets none."""
        if self._method is None:
            with self._choosing:  # the first batch finds the method; the others wait for it
                if self._method is None:
                    return self._choose_method(batch, key)
        return self._ask_with(self._method, batch, key)

    def _choose_method(self, batch: list[str], key: str) -> LLMClaims:
        refused: list[str] = []
        answered: list[tuple[BoundMethod, str]] = []  # methods the server took, with why each answer failed
        for name in self._methods:
            try:
                method = bind_method(self.chat_model, name)
            except (NotImplementedError, ValueError) as exc:  # the integration cannot do it at all
                refused.append(f"{name}: {type(exc).__name__}: {exc}")
                continue
            try:
                # A malformed answer is asked again once; twice malformed, the next method is tried.
                claims = self._ask_with(method, batch, key, choosing=True)
            except MethodRefused as exc:
                refused.append(f"{name}: {exc}")
                continue
            except MalformedAnswer as exc:
                answered.append((method, f"{name}: {exc.reason}"))  # taken, but the answer was unusable
                continue
            self._keep(method, refused)
            return claims
        if answered:
            self._keep(answered[0][0], refused)
            # the skip says why each method's answer was unusable ("answer of N characters (max M)"),
            # as a skip after the method is chosen does
            raise MalformedAnswer("; ".join(reason for _, reason in answered))
        raise LLMCallError(
            f"{self.endpoint or self.model_name} accepted none of the structured-output methods tried: "
            + "; ".join(refused)
        )

    def _keep(self, method: BoundMethod, refused: list[str]) -> None:
        self._method = method
        self.stats.structured_method = method.name
        if refused:
            log.warning("structured output: %s refused; using %s", "; ".join(refused), method.name)
        log.info("%s: structured output by %s", self.model_name, method.name)

    def _ask_with(
        self,
        method: BoundMethod,
        batch: list[str],
        key: str,
        choosing: bool = False,
        attempts: int = MALFORMED_ATTEMPTS,
    ) -> LLMClaims:
        reason = ""
        for _ in range(attempts):
            try:
                reply, claims, reason = call_with_retries(
                    lambda: self._call_model(method, batch, choosing),
                    0 if self._unreachable else self.max_retries,
                    sleep=self._sleep,
                    on_retry=lambda exc, delay: self.stats.add(retries=1),
                    base_s=self._backoff_base_s,
                    retry_if=lambda exc: is_transient_error(exc) and not isinstance(exc, MethodRefused),
                )
            except (MethodRefused, BatchSkipped):
                raise
            except Exception as exc:
                raise self._failure(exc) from exc
            if claims is not None:
                self._remember(key, claims, reply)
                return claims
            self.stats.add(malformed=1)
        raise MalformedAnswer(reason)

    def _failure(self, exc: Exception) -> Exception:
        """What a failed request means for the run: skip this batch, or stop the run."""
        if not is_transient_error(exc) or (is_unreachable_error(exc) and self._answered == 0):
            return LLMCallError(describe_call_error(exc, self.model_name, self.endpoint or "the server"))
        if is_unreachable_error(exc):
            self._unreachable = True
        return BatchSkipped(
            f"gave up after {self.max_retries} retries: {type(exc).__name__}: {excerpt(str(exc))}"
        )

    def _call_model(
        self, method: BoundMethod, batch: list[str], choosing: bool
    ) -> tuple[AIMessage, LLMClaims | None, str]:
        """One request: the reply, its claims (None when malformed) and why they are malformed."""
        messages = [SystemMessage(SYSTEM_PROMPT), HumanMessage(user_message(batch, method.json_in_prompt))]
        self._spend()
        with self._in_flight:
            try:
                reply, claims = method.invoke(messages)
            except Exception as exc:
                if is_malformed_output_error(exc):
                    # The client itself failed to parse the reply (the openai SDK validates JSON-schema
                    # answers, and refuses truncated ones): the answer is malformed, not the request.
                    self._answered += 1
                    return AIMessage(content=""), None, f"{type(exc).__name__}: {excerpt(str(exc))}"
                if choosing and http_status(exc) in METHOD_REFUSED_STATUS:
                    raise MethodRefused(f"HTTP {http_status(exc)}: {excerpt(str(exc))}") from exc
                raise
        self._answered += 1
        self._unreachable = False
        input_tokens, output_tokens = reply_tokens(reply)
        self.stats.add(input_tokens=input_tokens, output_tokens=output_tokens)
        if was_truncated(reply):
            return reply, None, f"cut off at the output-token limit: {excerpt(reply.text)!r}"
        if reply_size(reply) > self.max_response_chars:
            return reply, None, f"answer of {reply_size(reply)} characters (max {self.max_response_chars})"
        if claims is None:
            return reply, None, f"not the claims JSON: {excerpt(reply.text)!r}"
        return reply, claims, ""

    def _spend(self) -> None:
        """Count one request against the budgets, or skip the batch when they are spent."""
        with self._budget:
            if self.max_calls is not None and self.stats.calls >= self.max_calls:
                raise BatchSkipped(f"budget spent: {self.max_calls} calls (--max-calls)")
            spent = self.stats.input_tokens + self.stats.output_tokens
            if self.max_tokens is not None and spent >= self.max_tokens:
                raise BatchSkipped(f"budget spent: {spent} of {self.max_tokens} tokens (--max-tokens)")
            self.stats.add(calls=1)
