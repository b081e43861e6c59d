"""What an LLM extraction run would send, computed without sending anything.

``causemap extract --extractor llm --estimate`` reads the same papers, sentences, prefilter and batches
a run would, looks each batch up in the workspace's LLM cache, and counts what is left to send. Tokens
are estimated from characters (about four per token for English), since counting them exactly needs
the provider's tokenizer, which causemap does not download.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Any

from causemap.graphbuilder.extractors.llm_prompt import (
    PROMPT_VERSION,
    SYSTEM_PROMPT,
    LLMClaims,
    batch_sentences,
    cache_key,
    render_sentences,
    user_message,
)

if TYPE_CHECKING:
    from causemap.settings import ExtractSettings
    from causemap.store import Store

CHARS_PER_TOKEN = 4


@dataclass
class LLMEstimate:
    model: str
    endpoint: str
    prompt_version: str
    papers: int = 0
    sentences: int = 0
    candidates: int = 0  # sentences the prefilter would send
    batches: int = 0  # requests, one per batch
    cached_batches: int = 0  # answered before: they cost nothing
    prompt_chars: int = 0  # of the requests still to send
    prompt_tokens: int = 0  # estimated: prompt_chars / 4
    max_output_tokens: int = 0  # the most the answers could take (max_output_tokens per request)
    note: str = "tokens estimated as characters / 4; nothing was sent"

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def estimate_requests(
    papers_sentences: Iterable[Sequence[str]],
    settings: ExtractSettings,
    endpoint: str,
    store: Store | None,
) -> LLMEstimate:
    """Count the requests a run over ``papers_sentences`` (each paper's candidate sentences) would send."""
    estimate = LLMEstimate(model=settings.llm or "", endpoint=endpoint, prompt_version=PROMPT_VERSION)
    # The schema travels with each structured request (as a tool or a response format).
    overhead = len(SYSTEM_PROMPT) + len(json.dumps(LLMClaims.model_json_schema()))
    for sentences in papers_sentences:
        estimate.papers += 1
        estimate.candidates += len(sentences)
        for batch in batch_sentences(sentences, settings.batch_size, settings.max_batch_chars):
            texts = [sentences[i] for i in batch]
            estimate.batches += 1
            key = cache_key(settings.llm or "", endpoint, render_sentences(texts))
            if store is not None and store.cache_get(key) is not None:
                estimate.cached_batches += 1
                continue
            estimate.prompt_chars += overhead + len(user_message(texts, json_text=True))
            estimate.max_output_tokens += settings.max_output_tokens
    estimate.prompt_tokens = round(estimate.prompt_chars / CHARS_PER_TOKEN)
    return estimate
