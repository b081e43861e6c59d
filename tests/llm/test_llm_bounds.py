"""The LLM extractor's bounds, each driven by a fake chat model: an answer too long or cut off at the
output-token limit is malformed (retried once, then the batch skipped with its reason), and the
``--max-calls`` / ``--max-tokens`` budgets skip what is left once spent, each batch with its reason.

They prove how the extractor treats such answers, not how often a real model gives them.
"""

from __future__ import annotations

import json
from typing import Any

from langchain_core.language_models.fake_chat_models import GenericFakeChatModel
from langchain_core.messages import AIMessage

from causemap.graphbuilder.extractors.llm import LLMExtractor
from causemap.graphbuilder.extractors.llm_scripted import scripted_claims

SENTENCES = [
    "Smoking increases the risk of lung cancer in adults.",
    "Regular exercise lowers systolic blood pressure.",
    "Short sleep raises body mass index.",
]
# One claim on the first sentence, in the reply format (the scripted reply builder the benchmarks use).
CLAIMS = json.dumps(
    scripted_claims([(1, SENTENCES[0])], lambda text: [("Smoking", "the risk of lung cancer", "causal", "+")])
)
USAGE = {"input_tokens": 120, "output_tokens": 30, "total_tokens": 150}


def answers(text: str, first: str | None = None, **metadata: Any) -> GenericFakeChatModel:
    """A model answering every request with ``text`` (JSON text; no tool calling), the first with
    ``first`` when given (a usable answer, so that the method is chosen before the bound is met)."""
    reply = AIMessage(content=text, usage_metadata=USAGE, response_metadata=metadata)
    opening = [AIMessage(content=first, usage_metadata=USAGE)] if first is not None else []
    return GenericFakeChatModel(messages=iter(opening + [reply] * 20))


def extractor(model: GenericFakeChatModel, **kw: Any) -> LLMExtractor:
    return LLMExtractor(model, "fake:model", sleep=lambda s: None, methods=["text"], **kw)


NONE = json.dumps({"claims": []})


def test_an_answer_longer_than_the_bound_is_retried_once_then_skipped_with_its_size() -> None:
    text = CLAIMS
    one_by_one = {"batch_size": 1, "concurrency": 1}
    ex = extractor(answers(text, first=NONE), max_response_chars=len(text) - 1, **one_by_one)

    result = ex.extract(SENTENCES)

    assert result == [[], [], []]
    assert ex.stats.calls == 1 + 2 * 2 and ex.stats.malformed == 4 and ex.stats.skipped_batches == 2
    assert all(
        f"answer of {len(text)} characters (max {len(text) - 1})" in s["reason"] for s in ex.stats.skipped
    )
    # Within the bound, the same answer is a claim.
    within = extractor(answers(text), max_response_chars=len(text))
    assert [len(r) for r in within.extract(SENTENCES)] == [1, 0, 0]


def test_a_skip_while_the_method_is_chosen_says_why_each_answer_was_unusable() -> None:
    # No usable first answer: the first batch is skipped while the structured-output method is still
    # being chosen, and its reason names the method and the bound, as the later batches' reasons do.
    text = CLAIMS
    ex = extractor(answers(text), max_response_chars=len(text) - 1, batch_size=1, concurrency=1)

    assert ex.extract(SENTENCES) == [[], [], []]

    reasons = [s["reason"] for s in ex.stats.skipped]
    bound = f"answer of {len(text)} characters (max {len(text) - 1})"
    assert len(reasons) == 3 and all(bound in reason for reason in reasons)
    assert reasons[0] == f"malformed output: text: {bound}"


def test_an_answer_cut_off_at_the_output_token_limit_is_retried_once_then_skipped() -> None:
    model = answers(CLAIMS, first=NONE, finish_reason="length")
    ex = extractor(model, batch_size=1, concurrency=1)

    result = ex.extract(SENTENCES)

    assert result == [[], [], []]
    assert ex.stats.calls == 1 + 2 * 2 and ex.stats.skipped_batches == 2
    assert all("cut off at the output-token limit" in s["reason"] for s in ex.stats.skipped)


def test_max_calls_skips_the_batches_left_once_spent() -> None:
    ex = extractor(answers(CLAIMS), batch_size=1, max_calls=1)

    result = ex.extract(SENTENCES)

    assert ex.stats.calls == 1 and ex.stats.skipped_batches == 2
    assert sum(map(len, result)) <= 1
    assert all("--max-calls" in s["reason"] for s in ex.stats.skipped)


def test_max_tokens_skips_the_batches_left_once_spent() -> None:
    # One batch at a time, so that the first answer's 150 tokens are counted before the next request.
    ex = extractor(answers(json.dumps({"claims": []})), batch_size=1, concurrency=1, max_tokens=100)

    ex.extract(SENTENCES)

    assert ex.stats.calls == 1 and ex.stats.skipped_batches == 2
    assert all("150 of 100 tokens (--max-tokens)" in s["reason"] for s in ex.stats.skipped)
