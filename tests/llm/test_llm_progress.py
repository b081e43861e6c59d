"""Progress inside one paper while an LLM reads it: its batches are told as they are answered.

A fake chat model (answering no claims) stands in for the server; what is proved is the reporting
path (extractor -> pipeline -> API callback), not anything about a model's answers.
"""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from langchain_core.messages import BaseMessage
from test_llm_extractor import extractor, fake

import causemap

# Eleven sentences with a causal cue each, so the rules prefilter sends them all to the model.
SENTENCES = [f"Exposure {n} increased the risk of outcome {n} in adults." for n in range(1, 12)]


def no_claims(messages: list[BaseMessage]) -> dict[str, Any]:
    return {"claims": []}


@pytest.mark.parametrize("concurrency", [1, 3])
def test_extract_outcome_tells_each_answered_batch(concurrency: int) -> None:
    told: list[tuple[int, int]] = []
    ex = extractor(fake(no_claims), batch_size=3, concurrency=concurrency)
    ex.extract_outcome(SENTENCES, on_batch=lambda done, sent: told.append((done, sent)))
    # 11 sentences in batches of 3: told at the start, then after each of the 4 batches
    assert told[0] == (0, 11) and told[-1] == (11, 11) and len(told) == 5
    counts = [done for done, _ in told]
    assert counts == sorted(counts) and all(sent == 11 for _, sent in told)
    assert sorted(b - a for a, b in zip(counts, counts[1:], strict=False)) == [2, 3, 3, 3]


def test_the_api_tells_the_answered_sentences_of_a_paper_before_it_is_done(tmp_path) -> None:
    source = tmp_path / "abstracts.jsonl"
    record = {"id": "one", "title": "Exposures and outcomes", "text": " ".join(SENTENCES)}
    source.write_text(json.dumps(record) + "\n")
    steps: list[tuple[int, int, str]] = []
    with causemap.open(tmp_path / "ws", create=True) as ws:
        ws.ingest(source)
        report = ws.extract(
            extractor(fake(no_claims), batch_size=4, concurrency=1), progress=lambda *s: steps.append(s)
        )
    assert report.papers == 1
    inside = [
        (done, total, what) for done, total, what in steps if what.startswith("Exposures and outcomes: ")
    ]
    answered = [re.fullmatch(r".*: (\d+)/(\d+) sentences answered", what) for _, _, what in inside]
    assert all(answered), inside
    counts = [(int(m[1]), int(m[2])) for m in answered if m]
    sent = counts[-1][1]
    assert sent == len(SENTENCES)  # every sentence went to the model, 4 per batch
    assert counts == [(0, sent), (4, sent), (8, sent), (sent, sent)]
    assert all(done == 0 and total == 1 for done, total, _ in inside)  # told while the paper is not done
