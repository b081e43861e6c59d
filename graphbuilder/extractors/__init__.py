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
    name: str,
    settings: ExtractSettings,
    store: Store | None = None,
    *,
    trust_workspace_settings: bool = False,
) -> tuple[SentenceExtractor, CandidateFilter]:
    """The extractor called ``name``, and its prefilter (always the rules extractor's cue check).

    ``trust_workspace_settings``: the user confirmed a ``base_url`` read from the workspace's
    settings.toml (see ``causemap.llm.check_base_url_trust``).
    """
    from causemap.graphbuilder.extractors.rules import RulesExtractor

    rules = RulesExtractor()
    if name == "rules":
        return rules, rules
    if name == "llm":
        from causemap.graphbuilder.extractors.llm import LLMExtractor
        from causemap.graphbuilder.extractors.llm_methods import method_order
        from causemap.llm import endpoint, make_chat_model, parse_model_spec

        chat_model = make_chat_model(settings, trust_workspace_settings=trust_workspace_settings)
        if chat_model is None:
            raise UsageError(
                "the llm extractor needs a model: pass --llm PROVIDER:MODEL, set CAUSEMAP_LLM, or set "
                "extract.llm in the workspace settings"
            )
        provider, _ = parse_model_spec(settings.llm or "")
        extractor = LLMExtractor(
            chat_model,
            model_name=settings.llm or "",
            store=store,
            endpoint=endpoint(settings),
            concurrency=settings.concurrency,
            max_retries=settings.max_retries,
            batch_size=settings.batch_size,
            max_batch_chars=settings.max_batch_chars,
            methods=method_order(settings.structured_method, provider, bool(settings.base_url)),
            max_response_chars=settings.max_response_chars,
            max_calls=settings.max_calls,
            max_tokens=settings.max_tokens,
        )
        return extractor, rules
    raise UsageError(f"unknown extractor {name!r}; choose one of {', '.join(EXTRACTORS)}")
