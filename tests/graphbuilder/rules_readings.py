"""What the rules extractor reads in one sentence, keyed by (cause, effect) as written: the two forms
the rules tests compare against (imported as ``claims`` by each)."""

from __future__ import annotations

from causemap.graphbuilder.extractors.rules import RulesExtractor

Pair = tuple[str, str]


def relation_readings(extractor: RulesExtractor, sentence: str) -> dict[Pair, tuple[str, str | None]]:
    """(cause, effect) -> (relation, polarity) of every claim of ``sentence``."""
    return {(c.cause.text, c.effect.text): (c.relation, c.polarity) for c in extractor.extract([sentence])[0]}


def polarity_readings(extractor: RulesExtractor, sentence: str) -> dict[Pair, str | None]:
    """(cause, effect) -> polarity of every claim of ``sentence``."""
    return {(c.cause.text, c.effect.text): c.polarity for c in extractor.extract([sentence])[0]}
