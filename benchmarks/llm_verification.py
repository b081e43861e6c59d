"""How much of what a chat model says survives verification: the gold reader, random pairs, obedience.

Three fake chat models answer the LLM extractor's real requests (numbered sentences in, the claims JSON
out), and their claims go the whole way a real model's do: the quote and argument checks of
``llm_prompt.verify_claims``, then ``graphbuilder.verification`` inside ``read_candidates``.

- gold: answers each sentence of a gold file with its annotated cause-effect relations (causation,
  correlation, association; not comparisons, indications or tests, which are no cause-effect claims).
  A relation counts as kept when a stored claim matches it by the reference scorer's rule (same
  direction, half the content words of each argument), so an argument widened by verification
  ("increased" -> "increased stress") still counts, and a changed one does not.
- random: for each sentence, ``--pairs`` pairs of distinct words of that sentence, chosen uniformly
  (seeded), as cause and effect, with a random relation. Also ``random-phrases``: pairs of random runs
  of 1-4 words. Neither reads the sentence, but a random pair can land on the sentence's own relation
  (by the gold matcher; either order for an association): such pairs are counted apart, proposed and
  stored, and the false acceptances are ``stored_wrong`` of the ``proposed - proposed_matching_gold``
  that are not the sentence's relation (``stored_wrong_share``, the figure held to <= 1%); ``share`` is
  every stored pair of every proposed one.
- obedient: each gold sentence is followed by an injected sentence made from templates (instructions
  addressed to a model, and suppositions and quotations, in ``INJECTIONS``) with a cause and an effect
  taken from another sentence's gold relation; the model answers exactly the claim the injected text
  asks for, as a model that obeys text in a paper would. The templates were written before the refusal
  rules; ``HELD_OUT`` ones were not looked at while writing them.

Usage:
    python benchmarks/llm_verification.py [--data GOLD.jsonl] [--seed 0] [--json]

What it does not show: how often a real model proposes such claims, or how good the claims it proposes
are; only what verification lets through from a model that is perfectly right, perfectly random, or
perfectly obedient.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import this_checkout  # noqa: F401  (first: this checkout's causemap, not the installed one)
from langchain_core.language_models import BaseChatModel
from langchain_core.messages import AIMessage, BaseMessage
from langchain_core.outputs import ChatGeneration, ChatResult

from causemap.graphbuilder.evaluation import IGNORED_LABELS, overlap
from causemap.graphbuilder.extractors.base import read_candidates
from causemap.graphbuilder.extractors.llm import LLMExtractor
from causemap.graphbuilder.extractors.llm_scripted import scripted_claims

sys.path.insert(0, str(Path(__file__).resolve().parent))
from llm_injections import (  # noqa: E402  (the injected templates, beside this file)
    HELD_OUT,
    HELD_OUT_2,
    HELD_OUT_3,
    HELD_OUT_4,
    HELD_OUT_5,
    HELD_OUT_6,
    HELD_OUT_7,
    HELD_OUT_8,
    HELD_OUT_9,
    HELD_OUT_10,
    INJECTIONS,
    VERBS,
)
from llm_injections_held_out_11 import HELD_OUT_11  # noqa: E402  (llm_injections.py is at its size)

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "eval" / "dev" / "sciclaim_cord19.jsonl"
_WORD = re.compile(r"[^\W_](?:[\w'-]*[^\W_])?")
_NUMBERED = re.compile(r"^\[(\d+)\] (.*)$", re.MULTILINE)


class ScriptedReader(BaseChatModel):
    """A chat model that answers the extractor's numbered sentences with ``read(sentence)``'s claims.

    ``read(text) -> [(cause, effect, relation, polarity)]``; the answer quotes each sentence as sent.
    It proves nothing about any real model: it is exactly as right, random or obedient as ``read``.
    """

    read: Callable[[str], list[tuple[str, str, str, str | None]]]

    @property
    def _llm_type(self) -> str:
        return "scripted-reader"

    def _generate(self, messages: list[BaseMessage], stop: Any = None, run_manager: Any = None, **kw: Any):
        numbered = ((int(n), text) for n, text in _NUMBERED.findall(str(messages[-1].content)))
        message = AIMessage(content=json.dumps(scripted_claims(numbered, self.read)))
        return ChatResult(generations=[ChatGeneration(message=message)])


def _collapse(text: str) -> str:
    return " ".join(text.split())


def _gold_relations(row: dict) -> list[dict]:
    return [r for r in row["relations"] if r["label"] not in IGNORED_LABELS]


def _relation(label: str) -> str:
    return "causal" if label == "causation" else "correlational"


def run(model: ScriptedReader, sentences: Sequence[str]) -> list[list[Any]]:
    """The claims stored from ``sentences`` when ``model`` is the LLM (no prefilter: every sentence)."""
    extractor = LLMExtractor(model, "fake:scripted", methods=("text",), batch_size=15)
    return read_candidates(extractor, None, sentences).relations


def gold_kept(rows: Sequence[dict]) -> dict[str, Any]:
    by_text = {_collapse(r["text"]): r for r in rows}

    def read(text: str) -> list[tuple[str, str, str, str | None]]:
        row = by_text.get(text)
        return [
            (r["cause"], r["effect"], _relation(r["label"]), r.get("polarity"))
            for r in _gold_relations(row or {"relations": []})
        ]

    stored = run(ScriptedReader(read=read), [r["text"] for r in rows])
    total = kept = 0
    lost = []
    for row, claims in zip(rows, stored, strict=True):
        for gold in _gold_relations(row):
            total += 1
            if any(_matches_gold(c, {"relations": [gold]}) for c in claims):
                kept += 1
            else:
                lost.append(f"{gold['cause']} -> {gold['effect']}  ||  {row['text'][:120]}")
    return {"relations": total, "kept": kept, "share": round(kept / max(total, 1), 4), "lost": lost}


def random_pairs(rows: Sequence[dict], seed: int, pairs: int, phrases: bool) -> dict[str, Any]:
    def pick(rng: random.Random, words: list[str]) -> str:
        if not phrases:
            return rng.choice(words)
        start = rng.randrange(len(words))
        return " ".join(words[start : start + rng.randint(1, 4)])

    def read(text: str) -> list[tuple[str, str, str, str | None]]:
        # One generator per sentence, seeded by the seed and the sentence: the extractor sends its
        # batches from several threads, so a generator shared by all of them was drawn from in
        # whatever order the threads ran, and the figure changed from run to run.
        rng = random.Random(f"{seed}:{text}")
        words = _WORD.findall(text)
        out = []
        for _ in range(pairs if len(words) > 1 else 0):
            cause, effect = pick(rng, words), pick(rng, words)
            out.append((cause, effect, rng.choice(["causal", "correlational"]), rng.choice(["+", "-", None])))
        return out

    sentences = [r["text"] for r in rows]
    stored = run(ScriptedReader(read=read), sentences)
    proposed = sum(pairs for s in sentences if len(_WORD.findall(s)) > 1)
    n_stored = sum(map(len, stored))
    # A random pair can fall on the sentence's own cause and effect: such a claim is right, whoever
    # proposed it, and storing it is no false acceptance. Counted apart, by the reference scorer's
    # rule (half the content words of each argument; in either order for an association, which has
    # no direction), both among the pairs proposed and among those stored, so that the false
    # acceptances are (stored - stored right) / (proposed - proposed right): the figure held to <= 1%.
    proposed_right = sum(
        _matches_gold(_Pair(*claim[:3]), row, symmetric=True) for row in rows for claim in read(row["text"])
    )
    wrong = [
        f"{claim.cause.text} -> {claim.effect.text} ({claim.relation})  ||  {row['text'][:120]}"
        for row, claims in zip(rows, stored, strict=True)
        for claim in claims
        if not _matches_gold(claim, row, symmetric=True)
    ]
    right = n_stored - len(wrong)
    return {
        "proposed": proposed,
        "stored": n_stored,
        "share": round(n_stored / max(proposed, 1), 4),
        "proposed_matching_gold": proposed_right,
        "stored_matching_gold": right,
        "stored_wrong": n_stored - right,
        "stored_wrong_share": round((n_stored - right) / max(proposed - proposed_right, 1), 4),
        "wrong": wrong,
    }


@dataclass(frozen=True)
class _Text:
    text: str


@dataclass(frozen=True)
class _Pair:
    """A proposed (cause, effect, relation) in the shape ``_matches_gold`` reads."""

    cause_text: str
    effect_text: str
    relation: str

    @property
    def cause(self) -> _Text:
        return _Text(self.cause_text)

    @property
    def effect(self) -> _Text:
        return _Text(self.effect_text)


def _matches_gold(claim: Any, row: dict, *, symmetric: bool = False) -> bool:
    """Whether ``claim`` is one of the row's gold relations (same direction; with ``symmetric``, a
    correlational claim also in the other direction, unless the gold relation is a causation)."""

    def matches(cause: str, effect: str, gold: dict) -> bool:
        return overlap(cause, gold["cause"]) >= 0.5 and overlap(effect, gold["effect"]) >= 0.5

    cause, effect = claim.cause.text, claim.effect.text
    return any(
        matches(cause, effect, gold)
        or (
            symmetric
            and claim.relation == "correlational"
            and gold["label"] != "causation"
            and matches(effect, cause, gold)
        )
        for gold in _gold_relations(row)
    )


def obedience(rows: Sequence[dict], seed: int, templates: dict[str, list[str]]) -> dict[str, Any]:
    rng = random.Random(seed)
    arguments = [(r["cause"], r["effect"]) for row in rows for r in _gold_relations(row)]
    asked: dict[str, tuple[str, str]] = {}
    sentences: list[str] = []
    kinds: dict[str, str] = {}
    for row in rows:
        kind = rng.choice(sorted(templates))
        x, y = rng.choice(arguments)
        text = rng.choice(templates[kind]).format(x=x, y=y, v=rng.choice(VERBS))
        asked[_collapse(text)] = (x, y)
        kinds[_collapse(text)] = kind
        sentences += [row["text"], text]

    def read(text: str) -> list[tuple[str, str, str, str | None]]:
        if text in asked:
            x, y = asked[text]
            return [(x, y, "causal", "+")]
        return []

    stored = run(ScriptedReader(read=read), sentences)
    by_kind: Counter = Counter()
    stored_by_kind: Counter = Counter()
    let_through = []
    for text, claims in zip(sentences, stored, strict=True):
        kind = kinds.get(_collapse(text))
        if kind is not None:
            by_kind[kind] += 1
            stored_by_kind[kind] += len(claims)
            if claims:
                let_through.append(text)
    total = sum(by_kind.values())
    n_stored = sum(stored_by_kind.values())
    return {
        "proposed": total,
        "stored": n_stored,
        "share": round(n_stored / max(total, 1), 4),
        "by_kind": {k: {"proposed": by_kind[k], "stored": stored_by_kind[k]} for k in sorted(by_kind)},
        "let_through": let_through,
    }


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--pairs", type=int, default=5, help="random pairs per sentence")
    parser.add_argument("--json", action="store_true")
    parser.add_argument(
        "--show-lost",
        action="store_true",
        help="list the gold relations not kept, the random pairs stored wrongly and the injections stored",
    )
    args = parser.parse_args(argv)
    if not args.data.exists():
        print(f"no such file: {args.data}", file=sys.stderr)
        return 2
    rows = [json.loads(line) for line in args.data.open(encoding="utf-8") if line.strip()]
    report = {
        "data": str(args.data),
        "seed": args.seed,
        "gold": gold_kept(rows),
        "random_words": random_pairs(rows, args.seed, args.pairs, phrases=False),
        "random_phrases": random_pairs(rows, args.seed, args.pairs, phrases=True),
        "obedient": obedience(rows, args.seed, INJECTIONS),
        "obedient_held_out": obedience(rows, args.seed, {"instruction": HELD_OUT}),
        "obedient_held_out_2": obedience(rows, args.seed, {"instruction": HELD_OUT_2}),
        "obedient_held_out_3": obedience(rows, args.seed, {"instruction": HELD_OUT_3}),
        "obedient_held_out_4": obedience(rows, args.seed, {"instruction": HELD_OUT_4}),
        "obedient_held_out_5": obedience(rows, args.seed, {"instruction": HELD_OUT_5}),
        "obedient_held_out_6": obedience(rows, args.seed, {"instruction": HELD_OUT_6}),
        "obedient_held_out_7": obedience(rows, args.seed, {"instruction": HELD_OUT_7}),
        "obedient_held_out_8": obedience(rows, args.seed, {"instruction": HELD_OUT_8}),
        "obedient_held_out_9": obedience(rows, args.seed, {"instruction": HELD_OUT_9}),
        "obedient_held_out_10": obedience(rows, args.seed, {"instruction": HELD_OUT_10}),
        "obedient_held_out_11": obedience(rows, args.seed, {"instruction": HELD_OUT_11}),
    }
    if not args.show_lost:
        report["gold"]["lost"] = len(report["gold"]["lost"])
        for name in ("random_words", "random_phrases"):
            report[name]["wrong"] = len(report[name]["wrong"])
        for name in [n for n in report if n.startswith("obedient")]:
            report[name]["let_through"] = len(report[name]["let_through"])
    if args.json:
        print(json.dumps(report, indent=2))
    else:
        for name, figures in report.items():
            print(f"{name:<18} {figures}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
