"""Measure claim extractors on annotated sentences, by the rules of the reference scorer.

The figures and their keys are those of ``score.py`` (the evaluation data's reference scorer), so
numbers from ``causemap eval`` and from ``score.py`` on the same predictions agree:

- spans: a predicted claim matches a gold relation when, in the same direction, its cause shares
  at least half of the content words of the shorter of the two cause strings, and likewise for
  the effect; each gold relation matches at most one prediction (greedy, best overlap first);
  gold relations labelled comparison, indicates or test are neither hits nor false alarms.
- strength: a sentence's label follows from its claims (none or only negated: no_relation; any
  unhedged causal: direct_causal; only hedged causal: conditional_causal; else correlational).

Run as a module for quick measurements::

    python -m causemap.graphbuilder.evaluation spans GOLD.jsonl [--pred-out PRED.jsonl]
    python -m causemap.graphbuilder.evaluation strength GOLD.jsonl [--pred-out PRED.jsonl]
    python -m causemap.graphbuilder.evaluation prefilter GOLD.jsonl [GOLD.jsonl ...]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path

from causemap.graphbuilder.extractors.base import CandidateFilter, SentenceExtractor, extract_candidates

STOP_WORDS = frozenset(
    "a an the of in on at to for with by from and or as is are was were be been being that this "
    "these those its their his her our we it which who whom than then there here into onto over "
    "under about".split()
)
IGNORED_LABELS = frozenset({"comparison", "indicates", "test"})
STRENGTHS = ("no_relation", "correlational", "conditional_causal", "direct_causal")
_WORD = re.compile(r"[a-z0-9]+")


def load_gold(path: str | Path) -> list[dict]:
    """Read a JSONL file of annotated sentences (blank lines skipped)."""
    with open(path, encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def write_jsonl(rows: Iterable[dict], path: str | Path) -> None:
    """Write rows as JSON lines."""
    with open(path, "w", encoding="utf-8") as handle:
        for row in rows:
            handle.write(json.dumps(row, ensure_ascii=False) + "\n")


def unwrapped(text: str) -> str:
    """The sentence of a gold row whose whole text a CSV export wrapped in double quotes.

    A CSV writer quotes a field that holds a comma or a quote (doubling the quotes inside), and a
    copy that keeps the quotes delivers ``"X reduces Y, ..."``: that is the sentence, not a
    quotation of it, so the reader takes it off (and undoes the doubling); so is a lone unpaired
    quote at the start or the end, where a wrapped field was cut. A sentence with a quotation
    inside it (the so-called "gold standard") is left as it is.
    """
    stripped = text.strip()
    quotes = stripped.replace('""', "").count('"')
    if quotes == 1 and (stripped[0] == '"' or stripped[-1] == '"'):
        # a field cut where a wrapped one began or ended ('" Our findings ...', '... warranted."'):
        # one unpaired quote at an edge encloses nothing
        return stripped.strip('"').strip()
    if len(stripped) < 2 or stripped[0] != '"' or stripped[-1] != '"':
        return text
    inner = stripped[1:-1]
    if '"' in inner.replace('""', ""):
        return text  # "A" and "B": two quotations, not one wrapped field
    return inner.replace('""', '"')


def predict(
    extractor: SentenceExtractor, gold_rows: Sequence[dict], prefilter: CandidateFilter | None = None
) -> list[dict]:
    """Run ``extractor`` over the gold sentences (only those ``prefilter`` passes, as in use);
    one PRED row per sentence, in order. A sentence wrapped whole in quotes by its CSV export is
    read without them (:func:`unwrapped`)."""
    texts = [unwrapped(row["text"]) for row in gold_rows]
    results, _ = extract_candidates(extractor, prefilter, texts)
    return [
        {"id": row["id"], "claims": [relation.as_claim_dict() for relation in relations]}
        for row, relations in zip(gold_rows, results, strict=True)
    ]


def content_words(text: str | None) -> set[str]:
    """Lower-cased alphanumeric tokens minus the stop list."""
    return {w for w in _WORD.findall((text or "").lower()) if w not in STOP_WORDS}


def overlap(a: str | None, b: str | None) -> float:
    """Shared content words as a share of the shorter string's content words."""
    words_a, words_b = content_words(a), content_words(b)
    if not words_a or not words_b:
        return 0.0
    return len(words_a & words_b) / min(len(words_a), len(words_b))


def _by_id(rows: Iterable[dict]) -> dict[str, dict]:
    # Same as the reference scorer: ids as strings, a repeated id keeps its last row.
    return {str(row["id"]): row for row in rows}


def _f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def _match_sentence(claims: list[dict], relations: list[dict]) -> list[tuple[int, int]]:
    """Greedy one-to-one matching of claims to gold relations, best overlap first."""
    pairs = []
    for i, claim in enumerate(claims):
        for j, relation in enumerate(relations):
            cause = overlap(claim.get("cause"), relation.get("cause"))
            effect = overlap(claim.get("effect"), relation.get("effect"))
            if cause >= 0.5 and effect >= 0.5:
                pairs.append((cause + effect, i, j))
    pairs.sort(reverse=True)
    used_claims: set[int] = set()
    used_gold: set[int] = set()
    matched = []
    for _, i, j in pairs:
        if i in used_claims or j in used_gold:
            continue
        used_claims.add(i)
        used_gold.add(j)
        matched.append((i, j))
    return matched


def score_spans(gold_rows: Iterable[dict], pred_rows: Iterable[dict]) -> dict:
    """Relation-level precision, recall and F1 (and polarity accuracy on matched pairs)."""
    gold, pred = _by_id(gold_rows), _by_id(pred_rows)
    hits = n_gold = n_pred = ignored = polarity_ok = polarity_n = 0
    for gid, row in gold.items():
        relations = row.get("relations") or []
        claims = (pred.get(gid) or {}).get("claims") or []
        n_gold += sum(1 for r in relations if r.get("label") not in IGNORED_LABELS)
        ignored_here = 0
        for i, j in _match_sentence(claims, relations):
            relation = relations[j]
            if relation.get("label") in IGNORED_LABELS:
                ignored_here += 1
                continue
            hits += 1
            if relation.get("polarity") in ("+", "-"):
                polarity_n += 1
                polarity_ok += claims[i].get("polarity") == relation.get("polarity")
        ignored += ignored_here
        n_pred += len(claims) - ignored_here
    precision = hits / n_pred if n_pred else 0.0
    recall = hits / n_gold if n_gold else 0.0
    return {
        "precision": round(precision, 4),
        "recall": round(recall, 4),
        "f1": round(_f1(precision, recall), 4),
        "hits": hits,
        "predicted": n_pred,
        "gold": n_gold,
        "ignored_matches": ignored,
        "polarity_accuracy": round(polarity_ok / polarity_n, 4) if polarity_n else None,
        "polarity_scored": polarity_n,
    }


def strength_of(claims: Iterable[dict] | None) -> str:
    """A sentence's claim strength, derived from its claims."""
    asserted = [c for c in claims or [] if not c.get("negated")]
    if not asserted:
        return "no_relation"
    causal = [c for c in asserted if c.get("relation") == "causal"]
    if any(not c.get("hedged") for c in causal):
        return "direct_causal"
    return "conditional_causal" if causal else "correlational"


def score_strength(gold_rows: Iterable[dict], pred_rows: Iterable[dict]) -> dict:
    """Sentence-level strength: accuracy, macro-F1 over four classes, claim detection P/R."""
    gold, pred = _by_id(gold_rows), _by_id(pred_rows)
    confusion = {a: {b: 0 for b in STRENGTHS} for a in STRENGTHS}
    for gid, row in gold.items():
        confusion[row["label"]][strength_of((pred.get(gid) or {}).get("claims"))] += 1
    n = sum(sum(r.values()) for r in confusion.values())
    accuracy = sum(confusion[k][k] for k in STRENGTHS) / n if n else 0.0
    f1s = {}
    for label in STRENGTHS:
        tp = confusion[label][label]
        fp = sum(confusion[o][label] for o in STRENGTHS if o != label)
        fn = sum(confusion[label][o] for o in STRENGTHS if o != label)
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / (tp + fn) if tp + fn else 0.0
        f1s[label] = round(_f1(precision, recall), 4)
    claims = STRENGTHS[1:]
    tp = sum(confusion[g][p] for g in claims for p in claims)
    fp = sum(confusion["no_relation"][p] for p in claims)
    fn = sum(confusion[g]["no_relation"] for g in claims)
    return {
        "accuracy": round(accuracy, 4),
        "macro_f1": round(sum(f1s.values()) / len(f1s), 4),
        "f1": f1s,
        "claim_detection": {
            "precision": round(tp / (tp + fp) if tp + fp else 0.0, 4),
            "recall": round(tp / (tp + fn) if tp + fn else 0.0, 4),
        },
        "confusion": confusion,
        "n": n,
    }


def has_gold_relation(row: dict) -> bool:
    """Whether an annotated sentence carries a cause-effect or correlational relation."""
    if "relations" in row:
        return any(r.get("label") not in IGNORED_LABELS for r in row["relations"] or [])
    return row.get("label", "no_relation") != "no_relation"


def relation_sentence_recall(candidate_filter: CandidateFilter, gold_rows: Sequence[dict]) -> dict:
    """How well a prefilter keeps relation sentences and how many sentences it sends on.

    Returns ``recall`` (share of gold-relation sentences kept), ``send_rate`` (share of all
    sentences kept) and ``no_relation_send_rate`` (share of sentences without a relation kept),
    with the counts behind them.
    """
    n = kept = n_relation = kept_relation = 0
    for row in gold_rows:
        is_relation = has_gold_relation(row)
        sent = candidate_filter.is_candidate(row["text"])
        n += 1
        n_relation += is_relation
        kept += sent
        kept_relation += sent and is_relation
    n_other, kept_other = n - n_relation, kept - kept_relation
    return {
        "recall": round(kept_relation / n_relation, 4) if n_relation else None,
        "send_rate": round(kept / n, 4) if n else None,
        "no_relation_send_rate": round(kept_other / n_other, 4) if n_other else None,
        "sentences": n,
        "relation_sentences": n_relation,
        "sent": kept,
        "relation_sentences_sent": kept_relation,
    }


def main(argv: Sequence[str] | None = None) -> int:
    """Score the rules extractor (or its prefilter) on gold files; print JSON."""
    from causemap.graphbuilder.extractors.rules import RulesExtractor

    parser = argparse.ArgumentParser(prog="python -m causemap.graphbuilder.evaluation")
    parser.add_argument("task", choices=["spans", "strength", "prefilter"])
    parser.add_argument("gold", nargs="+", type=Path)
    parser.add_argument("--pred-out", type=Path, help="also write the predictions (spans/strength)")
    args = parser.parse_args(argv)
    extractor = RulesExtractor()
    if args.task == "prefilter":
        per_file = {p.stem: relation_sentence_recall(extractor, load_gold(p)) for p in args.gold}
        rows = [row for p in args.gold for row in load_gold(p)]
        per_file["overall"] = relation_sentence_recall(extractor, rows)
        print(json.dumps(per_file))
        return 0
    if len(args.gold) != 1:
        parser.error("spans and strength take one gold file")
    gold = load_gold(args.gold[0])
    pred = predict(extractor, gold)
    if args.pred_out:
        write_jsonl(pred, args.pred_out)
    scorer = score_spans if args.task == "spans" else score_strength
    print(json.dumps(scorer(gold, pred)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
