"""Answers in the LLM extractor's reply format from a scripted reading, for tests and benchmarks.

Like LangChain's fake chat models: a stand-in for a model that proves how causemap handles what a model
says, never how well any model reads. One place builds the reply, validated by the reply's own schema
(``LLMClaims``), so a scripted answer cannot drift from what a real model is asked for.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from causemap.graphbuilder.extractors.llm_prompt import LLMClaims

# read(sentence text) -> [(cause, effect, relation, polarity)]
Reading = tuple[str, str, str, str | None]


def scripted_claims(
    numbered: Iterable[tuple[int, str]], read: Callable[[str], Iterable[Reading]]
) -> dict[str, list[dict]]:
    """The reply ``{"claims": [...]}`` to numbered sentences: ``read(text)``'s claims, each quoting its
    sentence exactly as sent, neither hedged nor negated.

    >>> salt = [("Salt", "blood pressure", "causal", "+")]
    >>> scripted_claims([(1, "Salt raises blood pressure.")], lambda text: salt)
    {'claims': [{'sentence': 1, 'quote': 'Salt raises blood pressure.', 'cause': 'Salt',
                 'effect': 'blood pressure', 'relation': 'causal', 'polarity': '+',
                 'hedged': False, 'negated': False}]}
    """
    claims = [
        {
            "sentence": int(number),
            "quote": text,
            "cause": cause,
            "effect": effect,
            "relation": relation,
            "polarity": polarity,
            "hedged": False,
            "negated": False,
        }
        for number, text in numbered
        for cause, effect, relation, polarity in read(text)
    ]
    return LLMClaims.model_validate({"claims": claims}).model_dump(mode="json")
