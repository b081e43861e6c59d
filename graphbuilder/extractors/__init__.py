"""Claim extractors: one module per extractor, all returning the same ExtractedRelation records.

``make_extractor`` is the one place that turns a name from the settings or the command line into an
extractor and the prefilter that chooses which sentences it reads.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from causemap.errors import UsageError
from causemap.graphbuilder.extractors.base import CandidateFilter, SentenceExtractor

if TYPE_CHECKING:
    from causemap.settings import ExtractSettings
    from causemap.store import Store

EXTRACTORS = ("rules", "llm")


def make_extractor(
    name: str, settings: ExtractSettings, store: Store | None = None
) -> tuple[SentenceExtractor, CandidateFilter]:
    """The extractor called ``name``, and its prefilter (always the rules extractor's cue check)."""
    from causemap.graphbuilder.extractors.rules import RulesExtractor

    rules = RulesExtractor()
    if name == "rules":
        return rules, rules
    if name == "llm":
        from causemap.graphbuilder.extractors.llm import LLMExtractor
        from causemap.llm import make_chat_model

        chat_model = make_chat_model(settings)
        if chat_model is None:
            raise UsageError(
                "the llm extractor needs a model: pass --llm PROVIDER:MODEL, set CAUSEMAP_LLM, or set "
                "extract.llm in the workspace settings"
            )
        extractor = LLMExtractor(
            chat_model,
            model_name=settings.llm or "",
            store=store,
            concurrency=settings.concurrency,
            max_retries=settings.max_retries,
            structured_method=settings.structured_method,
        )
        return extractor, rules
    raise UsageError(f"unknown extractor {name!r}; choose one of {', '.join(EXTRACTORS)}")
