"""Fixtures of the graph tests: a claim factory and the packaged embedding model (loaded once)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from causemap.graphbuilder.extractors.rules import RulesExtractor
from causemap.models import Claim


def _claim(paper: str, cause: str, effect: str, polarity: str | None = "+", **fields: object) -> Claim:
    sentence = fields.pop("sentence", None) or f"In {paper}, {cause} changed {effect}."
    cause_start = sentence.find(cause) if cause in sentence else 0
    effect_start = sentence.find(effect) if effect in sentence else 0
    return Claim(
        paper_id=paper,
        page=int(fields.pop("page", 1)),
        sentence=sentence,
        sentence_start=0,
        sentence_end=len(sentence),
        cause=cause,
        cause_start=cause_start,
        cause_end=cause_start + len(cause),
        effect=effect,
        effect_start=effect_start,
        effect_end=effect_start + len(effect),
        polarity=polarity,
        extractor=str(fields.pop("extractor", "rules")),
        **fields,
    )


@pytest.fixture
def make_claim() -> Callable[..., Claim]:
    """``make_claim(paper, cause, effect, polarity="+", **Claim fields)``."""
    return _claim


@pytest.fixture(scope="session")
def embedder():
    """The real packaged MiniLM model (about 5 s to load, once per session)."""
    from causemap.ingest.embedding import get_embedder

    return get_embedder()


@pytest.fixture(scope="module")
def extractor() -> RulesExtractor:
    """The rules extractor with the real spaCy pipeline, one per test module (as each module had made)."""
    return RulesExtractor()
