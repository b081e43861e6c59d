"""The LLM extractor's machinery, driven by fake chat models and a stub OpenAI-compatible server.

What these tests prove: that whatever a model answers is verified against the sentences sent (offsets
point into the real sentences; invented quotes and arguments are rejected and counted), that malformed
answers are retried once then skipped with a record, that rate limits and timeouts are retried with
growing delays up to the bound, that the workspace cache spares a second call, that the concurrency
limit holds, and that tokens are counted.

What they do NOT prove: that a real model extracts claims well. The fake models answer what each test
scripts; extraction quality can only be measured with a real model on the gold set
(``causemap eval spans --extractor llm``).
"""

from __future__ import annotations

import itertools
import json
import threading
import time
from collections.abc import Callable
from typing import Any

import pytest
from langchain_core.language_models import BaseChatModel
from langchain_core.language_models.fake_chat_models import GenericFakeChatModel
from langchain_core.messages import AIMessage, BaseMessage
from langchain_core.outputs import ChatGeneration, ChatResult
from openai_stub import answer_with, stub_server

from causemap.graphbuilder.extractors import make_extractor
from causemap.graphbuilder.extractors.base import SentenceExtractor
from causemap.graphbuilder.extractors.llm import LLMExtractor
from causemap.graphbuilder.extractors.llm_prompt import llm_version
from causemap.llm import LLMCallError
from causemap.settings import ExtractSettings
from causemap.store import Store

SENTENCES = [
    "Smoking  increases\nthe risk of lung cancer in adults.",
    "The cohort was followed for ten years.",
    "Regular exercise did not reduce systolic blood pressure.",
]


def claim(n: int, quote: str, cause: str, effect: str, **kw: Any) -> dict[str, Any]:
    fields = {"relation": "causal", "polarity": "+", "hedged": False, "negated": False} | kw
    return {"sentence": n, "quote": quote, "cause": cause, "effect": effect, **fields}


def collapsed(text: str) -> str:
    return " ".join(text.split())


GOOD_CLAIMS = [
    claim(1, collapsed(SENTENCES[0]), "smoking", "the risk of lung cancer"),
    claim(3, SENTENCES[2], "Regular exercise", "systolic blood pressure", polarity="-", negated=True),
]


class ToolCallingFake(BaseChatModel):
    """A chat model that supports tool calling, answering with whatever ``respond`` returns.

    ``respond(messages)`` returns a claims payload (dict), raw text, or raises. Each call and the
    tools bound to it are recorded.
    """

    respond: Callable[[list[BaseMessage]], Any]
    calls: list[list[BaseMessage]] = []
    tools: list[Any] = []
    usage: dict[str, int] = {"input_tokens": 120, "output_tokens": 30, "total_tokens": 150}

    @property
    def _llm_type(self) -> str:
        return "tool-calling-fake"

    def bind_tools(self, tools: Any, *, tool_choice: Any = None, **kwargs: Any) -> Any:
        self.tools.extend(tools)
        return self.bind(tool_choice=tool_choice)

    def _generate(
        self, messages: list[BaseMessage], stop: Any = None, run_manager: Any = None, **kwargs: Any
    ) -> ChatResult:
        self.calls.append(messages)
        answer = self.respond(messages)
        if isinstance(answer, str):
            message = AIMessage(content=answer, usage_metadata=self.usage)
        else:
            call = {"name": "LLMClaims", "args": answer, "id": f"call-{len(self.calls)}"}
            message = AIMessage(content="", tool_calls=[call], usage_metadata=self.usage)
        return ChatResult(generations=[ChatGeneration(message=message)])


def fake(respond: Callable[[list[BaseMessage]], Any]) -> ToolCallingFake:
    return ToolCallingFake(respond=respond, calls=[], tools=[])


def extractor(model: BaseChatModel, **kw: Any) -> LLMExtractor:
    delays: list[float] = []
    ex = LLMExtractor(model, "fake:model", sleep=delays.append, **kw)
    ex.delays = delays  # type: ignore[attr-defined]
    return ex


def test_valid_answer_becomes_relations_with_offsets_into_the_real_sentences() -> None:
    model = fake(lambda messages: {"claims": GOOD_CLAIMS})
    ex = extractor(model)
    assert isinstance(ex, SentenceExtractor)
    assert ex.name == "llm:fake:model" and ex.version == llm_version()

    result = ex.extract(SENTENCES)

    assert [len(r) for r in result] == [1, 0, 1]
    smoking, exercise = result[0][0], result[2][0]
    # The model wrote "smoking"; the mention is the sentence's own "Smoking", at its offsets.
    assert SENTENCES[0][smoking.cause.start : smoking.cause.end] == "Smoking"
    assert smoking.cause.start == SENTENCES[0].index("Smoking")
    assert SENTENCES[0][smoking.effect.start : smoking.effect.end] == smoking.effect.text
    assert smoking.effect.text == "the risk of lung cancer"
    assert (smoking.relation, smoking.polarity, smoking.negated) == ("causal", "+", False)
    # A denied claim carries polarity "0" whatever sign the model gave.
    assert exercise.cause.start == 0 and exercise.negated and exercise.polarity == "0"
    assert exercise.effect.start == SENTENCES[2].index("systolic")
    # One request, carrying the numbered sentences and the claims schema as a tool.
    assert len(model.calls) == 1
    prompt = model.calls[0][-1].content
    assert "[1] Smoking increases the risk" in prompt and "[3] Regular exercise" in prompt
    assert [getattr(t, "__name__", t) for t in model.tools] == ["LLMClaims"]
    assert ex.stats.input_tokens == 120 and ex.stats.output_tokens == 30 and ex.stats.calls == 1


def test_claims_not_found_in_the_sentences_sent_are_rejected_and_counted() -> None:
    invented = [
        claim(1, "Coffee increases the risk of lung cancer in adults.", "Coffee", "lung cancer"),
        claim(2, SENTENCES[1], "the participants", "ten years"),  # an argument not in it
        claim(1, collapsed(SENTENCES[0]), "tobacco", "lung cancer"),  # a paraphrased cause
        claim(1, collapsed(SENTENCES[0]), "Smok", "lung cancer"),  # part of a word
        claim(1, "Smoking increases the risk", "Smoking", "risk"),  # a verbatim part: kept
    ]
    ex = extractor(fake(lambda messages: {"claims": invented}))

    result = ex.extract(SENTENCES)

    assert ex.stats.rejected_quotes == 1
    assert ex.stats.rejected_arguments == 3
    kept = [(r.cause.text, r.effect.text) for rs in result for r in rs]
    assert kept == [("Smoking", "risk")]


def test_malformed_output_is_retried_once_then_skipped_with_a_record() -> None:
    ex = extractor(fake(lambda messages: "Sure! Here are the claims: smoking -> cancer"), methods=["default"])

    result = ex.extract(SENTENCES)

    assert result == [[], [], []]
    assert ex.stats.calls == 2 and ex.stats.malformed == 2 and ex.stats.skipped_batches == 1
    assert ex.stats.skipped[0]["sentences"] == 3 and "malformed" in ex.stats.skipped[0]["reason"]


def test_malformed_output_then_a_good_answer_is_used() -> None:
    answers = iter(["not json", {"claims": GOOD_CLAIMS}])
    ex = extractor(fake(lambda messages: next(answers)))

    result = ex.extract(SENTENCES)

    assert ex.stats.malformed == 1 and ex.stats.calls == 2 and ex.stats.skipped_batches == 0
    assert sum(map(len, result)) == 2


class RateLimitError(Exception):
    """Named like the openai and anthropic SDKs' exception, as the extractor recognises it."""

    status_code = 429


def failing(times: int, error: Callable[[], Exception]) -> Callable[[list[BaseMessage]], Any]:
    count = {"n": 0}

    def respond(messages: list[BaseMessage]) -> Any:
        count["n"] += 1
        if count["n"] <= times:
            raise error()
        return {"claims": GOOD_CLAIMS}

    return respond


@pytest.mark.parametrize("error", [RateLimitError, TimeoutError])
def test_rate_limits_and_timeouts_are_retried_with_growing_delays(error: type) -> None:
    ex = extractor(fake(failing(3, error)), max_retries=4)

    result = ex.extract(SENTENCES)

    assert sum(map(len, result)) == 2
    assert ex.stats.retries == 3 and ex.stats.calls == 4
    assert len(ex.delays) == 3
    assert all(later > earlier for earlier, later in itertools.pairwise(ex.delays))


def test_retries_stop_at_the_bound_and_the_batch_is_recorded() -> None:
    ex = extractor(fake(failing(100, RateLimitError)), max_retries=2, batch_size=2)

    result = ex.extract(SENTENCES)

    assert result == [[], [], []]
    # Two batches, each tried once and retried twice.
    assert ex.stats.calls == 6 and ex.stats.retries == 4 and ex.stats.skipped_batches == 2
    assert all("RateLimitError" in s["reason"] for s in ex.stats.skipped)


def test_other_errors_stop_the_run_with_one_clear_line() -> None:
    class AuthenticationError(Exception):
        status_code = 401

    ex = extractor(fake(failing(1, lambda: AuthenticationError("Incorrect API key provided"))))

    with pytest.raises(LLMCallError, match="refused the API key .HTTP 401.*Incorrect API key"):
        ex.extract(SENTENCES)
    assert ex.stats.calls == 1 and ex.stats.retries == 0


def test_the_workspace_cache_spares_a_second_call(tmp_path) -> None:
    with Store(tmp_path / "ws.sqlite") as store:
        first_model = fake(lambda messages: {"claims": GOOD_CLAIMS})
        first = extractor(first_model, store=store).extract(SENTENCES)

        second_model = fake(lambda messages: pytest.fail("the cache should have answered"))
        rerun = extractor(second_model, store=store)
        again = rerun.extract(SENTENCES)

        assert again == first and sum(map(len, again)) == 2
        assert rerun.stats.calls == 0 and rerun.stats.cache_hits == 1
        assert rerun.stats.input_tokens == 0  # a cached answer costs nothing

        other_model = fake(lambda messages: {"claims": []})
        other = LLMExtractor(other_model, "fake:other-model", store=store)
        other.extract(SENTENCES)
        assert other.stats.calls == 1  # another model's answers are not reused


def test_a_change_to_verification_re_extracts_from_the_cache(tmp_path, monkeypatch) -> None:
    """The version records what decided the stored claims (prompt, prefilter, verification), so a
    change to verification makes workspaces extract again; the answers stay cached (keyed on the
    prompt), so that costs no call."""
    from causemap.graphbuilder.extractors import llm_prompt

    with Store(tmp_path / "ws.sqlite") as store:
        first = extractor(fake(lambda messages: {"claims": GOOD_CLAIMS}), store=store)
        first.extract(SENTENCES)
        assert first.version.startswith(llm_prompt.PROMPT_VERSION + "+")

        monkeypatch.setattr(llm_prompt, "source_digest", lambda: "verification-changed")
        rerun = extractor(fake(lambda messages: pytest.fail("the cache should have answered")), store=store)
        assert rerun.version != first.version
        rerun.extract(SENTENCES)
        assert rerun.stats.calls == 0 and rerun.stats.cache_hits == 1


def test_no_more_requests_in_flight_than_the_concurrency_limit() -> None:
    limit = 2
    lock = threading.Lock()
    in_flight = {"now": 0, "max": 0}
    gate = threading.Event()  # holds every request until the test has looked

    def respond(messages: list[BaseMessage]) -> Any:
        with lock:
            in_flight["now"] += 1
            in_flight["max"] = max(in_flight["max"], in_flight["now"])
        gate.wait(timeout=10)
        with lock:
            in_flight["now"] -= 1
        return {"claims": []}

    ex = extractor(fake(respond), concurrency=limit, batch_size=1)
    run = threading.Thread(target=ex.extract, args=([f"Sentence {i} raises x." for i in range(8)],))
    run.start()
    # Wait until the limit is reached, then give any request beyond it the chance to start.
    for _ in range(1000):
        if in_flight["now"] >= limit:
            break
        time.sleep(0.01)
    time.sleep(0.3)
    held = in_flight["now"]
    gate.set()
    run.join(timeout=10)

    assert held == limit  # all the workers were busy, and no more
    assert in_flight["max"] == limit and ex.stats.calls == 8


def test_models_without_tool_calling_are_asked_for_json_text() -> None:
    reply = "```json\n" + json.dumps({"claims": GOOD_CLAIMS[:1]}) + "\n```"
    usage = {"input_tokens": 80, "output_tokens": 20, "total_tokens": 100}
    model = GenericFakeChatModel(messages=iter([AIMessage(content=reply, usage_metadata=usage)]))
    ex = extractor(model)

    result = ex.extract(SENTENCES)

    assert [r.cause.text for r in result[0]] == ["Smoking"]
    assert (ex.stats.input_tokens, ex.stats.output_tokens) == (80, 20)


# -- a real OpenAI client against a local OpenAI-compatible server (as llama.cpp or vLLM) -----------
def rate_limited_once(body: dict[str, Any]) -> tuple[int, dict[str, Any]]:
    """The first request gets a 429, the others the good claims."""
    rate_limited_once.calls += 1  # type: ignore[attr-defined]
    if rate_limited_once.calls == 1:  # type: ignore[attr-defined]
        return 429, {"error": {"message": "slow down", "type": "rate_limit_error"}}
    return answer_with({"claims": GOOD_CLAIMS})(body)


@pytest.fixture
def openai_compatible_server():
    pytest.importorskip("langchain_openai")
    rate_limited_once.calls = 0  # type: ignore[attr-defined]
    with stub_server(rate_limited_once) as server:
        yield server.base_url, server.requests


def test_a_local_openai_compatible_server_end_to_end(openai_compatible_server, monkeypatch, tmp_path) -> None:
    base_url, requests = openai_compatible_server
    monkeypatch.delenv("OPENAI_API_KEY", raising=False)
    monkeypatch.delenv("CAUSEMAP_LLM_API_KEY", raising=False)
    settings = ExtractSettings(extractor="llm", llm="openai:local-model", base_url=base_url)
    with Store(tmp_path / "ws.sqlite") as store:
        ex, _ = make_extractor("llm", settings, store)
        assert isinstance(ex, LLMExtractor)
        ex._sleep = lambda seconds: None  # the real back-off would wait a second

        result = ex.extract(SENTENCES)

    assert [[r.cause.text for r in rs] for rs in result] == [["Smoking"], [], ["Regular exercise"]]
    # The 429 was the openai SDK's own RateLimitError, retried by us (the client's retries are off).
    assert len(requests) == 2 and ex.stats.retries == 1 and ex.stats.calls == 2
    assert (ex.stats.input_tokens, ex.stats.output_tokens) == (321, 54)
    assert requests[1]["path"] == "/v1/chat/completions"
    assert requests[1]["model"] == "local-model"
    assert requests[1]["auth"] == "Bearer not-needed"


def test_the_stats_are_plain_data_for_the_run_summary() -> None:
    ex = extractor(fake(lambda messages: "no JSON here"), methods=["default"])
    ex.extract(SENTENCES)

    summary = ex.stats.to_dict()

    assert json.loads(json.dumps(summary)) == summary  # what `causemap extract --json` prints
    assert summary["skipped_batches"] == 1 and summary["skipped"][0]["sentences"] == 3
    assert not any(name.startswith("_") for name in summary)


def test_a_client_that_cannot_parse_the_reply_is_a_malformed_answer_not_a_failed_run() -> None:
    from pydantic import ValidationError

    from causemap.graphbuilder.extractors.llm_prompt import LLMClaims

    def sdk_parse_error(messages: list[BaseMessage]) -> Any:
        # What the openai SDK raises when a JSON-schema answer is not the schema's JSON.
        try:
            LLMClaims.model_validate_json('{claims: [{"sentence": 1, "quote": "Smok')
        except ValidationError as exc:
            raise exc from None

    answers = iter([sdk_parse_error, lambda messages: {"claims": GOOD_CLAIMS}])
    ex = extractor(fake(lambda messages: next(answers)(messages)))

    result = ex.extract(SENTENCES)

    assert ex.stats.malformed == 1 and ex.stats.skipped_batches == 0 and sum(map(len, result)) == 2
