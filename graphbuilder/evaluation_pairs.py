"""Measure the whole pipeline on annotated abstracts: entity pairs, by the reference scorer's rules.

The gold (BioRED-style, see ``../shared/eval/README.md``) annotates every entity of an abstract and
every related pair of entities at the document level. The abstracts go through the pipeline a user's
papers go through: written as a JSONL export (``{"id", "title", "text"}``), ingested into a temporary
workspace, extracted, and the stored claims grouped by abstract. The figures are those of
``score.py pairs``, computed the same way, so the two agree on the same predictions:

- an argument names an entity when it holds at least 60% of the content words of one of its
  mentions (the most specific entity, the longest matched mention, wins; ties keep all);
- a claim whose cause and effect name two different annotated entities is grounded; it is a hit when
  they form a gold pair labelled Positive_Correlation, Negative_Correlation or Association (pairs
  are undirected), a false alarm when they form no pair, neither for other labels;
- recall counts gold pairs that at least one claim hits (also over "Novel" pairs); sign accuracy
  counts hits on signed pairs whose claim polarity is +, - or 0 (0 is wrong);
- ``grounded_share`` is the share of all claims that name two annotated entities.

A claim's polarity is the sign between cause and effect as written ("reduced sodium intake lowered
blood pressure": -); the pairs relate entities, so each PRED claim carries the sign between the
variables its arguments name, as the graph stage reads it (``normalise``: a downward word such as
"reduced" names the same variable, with the sign reversed: +). ``polarity_as_written`` keeps the other.
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

from causemap.graphbuilder.evaluation import content_words

PAIR_SIGNS: dict[str, str | None] = {
    "Positive_Correlation": "+",
    "Negative_Correlation": "-",
    "Association": None,
}


def grounds(argument: str | None, mention: str) -> bool:
    """An argument names an entity's mention when it holds at least 60% of its content words."""
    mention_words = content_words(mention)
    return bool(mention_words) and len(mention_words & content_words(argument)) / len(mention_words) >= 0.6


def named_entities(argument: str | None, entities: Sequence[dict]) -> set[str]:
    """The entities an argument names; where several, the most specific (longest matched mention)."""
    best, ids = 0, set()
    for entity in entities:
        size = max(
            (len(content_words(m)) for m in entity["mentions"] if grounds(argument, m)),
            default=0,
        )
        if size > best:
            best, ids = size, {entity["id"]}
        elif size and size == best:
            ids.add(entity["id"])
    return ids


def score_pairs(gold_rows: Iterable[dict], pred_rows: Iterable[dict]) -> dict:
    """Document-level pair figures (the keys and values of ``score.py pairs``)."""
    gold = {str(row["id"]): row for row in gold_rows}
    pred = {str(row["id"]): row for row in pred_rows}
    hits = false = neutral = grounded = total = 0
    found = n_gold = novel_found = novel_gold = 0
    sign_ok = sign_n = 0
    for gid, row in gold.items():
        entities = row.get("entities") or []
        relations = {frozenset((r["a"], r["b"])): r for r in row.get("relations") or [] if r["a"] != r["b"]}
        hit_pairs: set[frozenset] = set()
        for claim in (pred.get(gid) or {}).get("claims") or []:
            total += 1
            causes = named_entities(claim.get("cause"), entities)
            effects = named_entities(claim.get("effect"), entities)
            candidates = {frozenset((x, y)) for x in causes for y in effects if x != y}
            if not candidates:
                continue
            grounded += 1
            matched = [relations[k] for k in candidates if k in relations]
            scored = [r for r in matched if r["label"] in PAIR_SIGNS]
            if scored:
                hits += 1
                hit_pairs.update(frozenset((r["a"], r["b"])) for r in scored)
                # The reference scorer takes the first scored pair (set order); a claim naming
                # entities of two signed pairs with different signs is rare enough to share it.
                want = PAIR_SIGNS[scored[0]["label"]]
                if want and claim.get("polarity") in ("+", "-", "0"):
                    sign_n += 1
                    sign_ok += claim.get("polarity") == want
            elif matched:
                neutral += 1
            else:
                false += 1
        for key, relation in relations.items():
            if relation["label"] not in PAIR_SIGNS:
                continue
            n_gold += 1
            found += key in hit_pairs
            if relation.get("novel") == "Novel":
                novel_gold += 1
                novel_found += key in hit_pairs
    precision = hits / (hits + false) if hits + false else 0.0
    recall = found / n_gold if n_gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "precision": round(precision, 4),
        "recall": round(recall, 4),
        "f1": round(f1, 4),
        "novel_recall": round(novel_found / novel_gold, 4) if novel_gold else None,
        "sign_accuracy": round(sign_ok / sign_n, 4) if sign_n else None,
        "sign_scored": sign_n,
        "claims": total,
        "grounded_share": round(grounded / total, 4) if total else 0.0,
        "hits": hits,
        "false_alarms": false,
        "neutral": neutral,
        "gold_pairs": n_gold,
        "pairs_found": found,
    }


def scores_by_polarity(gold_rows: Sequence[dict], pred_rows: Sequence[dict]) -> dict[str, dict]:
    """:func:`score_pairs` over the signed and unsigned claims alone, and over the null findings alone.

    A null finding ("X was not associated with Y", polarity 0) is evidence against an edge; the
    curators annotate a pair only where a relation holds, so a null claim between two entities is a
    false alarm when the pair is unrelated and a sign error when another sentence relates them. The
    split shows how much of each figure the null findings account for.
    """

    def null(claim: dict) -> bool:
        return claim.get("polarity") == "0"

    return {
        "asserted": score_pairs(gold_rows, _claims_where(pred_rows, lambda c: not null(c))),
        "null": score_pairs(gold_rows, _claims_where(pred_rows, null)),
    }


def _claims_where(pred_rows: Sequence[dict], keep: Callable[[dict], bool]) -> list[dict]:
    """The PRED rows with only the claims ``keep`` accepts."""
    return [{"id": row["id"], "claims": [c for c in row["claims"] if keep(c)]} for row in pred_rows]


def scores_by_drawing(gold_rows: Sequence[dict], pred_rows: Sequence[dict]) -> dict[str, dict]:
    """:func:`score_pairs` over the claims the graph draws an edge for, and over those it does not.

    The graph draws no edge for a claim whose cause or effect names no variable ("this", "the
    doses", "CI 2.4-4.0": ``variable_names.names_a_variable``), unless the user vouches for it; such
    claims stay in the store for curation. The split shows what the edges a researcher sees are made
    of (names are judged as written, before the graph spells out a paper's abbreviations).
    """
    from causemap.graphbuilder.variable_names import names_a_variable

    def drawn(claim: dict) -> bool:
        return names_a_variable(claim.get("cause") or "") and names_a_variable(claim.get("effect") or "")

    return {
        "drawn": score_pairs(gold_rows, _claims_where(pred_rows, drawn)),
        "not_drawn": score_pairs(gold_rows, _claims_where(pred_rows, lambda c: not drawn(c))),
    }


def variable_polarity(cause: str, effect: str, polarity: str | None) -> str | None:
    """The sign between the variables the arguments name (see the module docstring)."""
    from causemap.graphbuilder.normalise import normalise

    if polarity not in ("+", "-"):
        return polarity
    if normalise(cause).flipped != normalise(effect).flipped:
        return "-" if polarity == "+" else "+"
    return polarity


def abstracts_export(gold_rows: Iterable[dict], path: Path) -> Path:
    """Write the abstracts as the JSONL export a user would ingest: ``{"id", "title", "text"}``."""
    with open(path, "w", encoding="utf-8") as handle:
        for row in gold_rows:
            record = {"id": str(row["id"]), "title": row.get("title") or "", "text": row["text"]}
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    return path


def predict_pairs(
    gold_rows: Sequence[dict],
    extractor: Any,
    prefilter: Any,
    *,
    settings_overrides: dict[str, Any] | None = None,
    progress: bool = False,
) -> tuple[list[dict], dict[str, Any]]:
    """Run ingest and extraction over the gold abstracts in a temporary workspace.

    Returns one PRED row per abstract (``{"id", "claims": [...]}``, in gold order) and a summary of
    the run (ingest failures, sentences, candidates, claims, rejected). A sentence that occurs twice
    in one abstract (a title repeated in its text) gives its claims once.
    """
    from causemap.graphbuilder.extract_pipeline import extract_workspace
    from causemap.ingest.pipeline import ingest_paths
    from causemap.workspace import Workspace

    with tempfile.TemporaryDirectory(prefix="causemap-eval-pairs-") as tmp:
        export = abstracts_export(gold_rows, Path(tmp) / "abstracts.jsonl")
        with Workspace.open(Path(tmp) / "workspace", **(settings_overrides or {})) as workspace:
            ingested = ingest_paths(workspace, [export], progress=progress)
            report = extract_workspace(workspace, extractor, prefilter, progress=progress)
            record_of = {paper.id: paper.source.rpartition("#")[2] for paper in workspace.store.papers()}
            claims_by_record: dict[str, list[dict]] = {}
            seen: set[tuple] = set()
            for claim in workspace.store.claims(extractor=extractor.name):
                record = record_of.get(claim.paper_id)
                key = (record, claim.sentence, claim.cause, claim.effect, claim.polarity)
                if record is None or key in seen:
                    continue
                seen.add(key)
                claims_by_record.setdefault(record, []).append(
                    {
                        "cause": claim.cause,
                        "effect": claim.effect,
                        "relation": claim.relation,
                        "polarity": variable_polarity(claim.cause, claim.effect, claim.polarity),
                        "polarity_as_written": claim.polarity,
                        "hedged": claim.hedged,
                        "negated": claim.negated,
                        "role": str(claim.role),
                    }
                )
    rows = [{"id": str(row["id"]), "claims": claims_by_record.get(str(row["id"]), [])} for row in gold_rows]
    summary = {
        "abstracts": len(gold_rows),
        "ingest_failed": ingested.failed,
        "sentences": report.sentences,
        "candidates": report.candidates,
        "claims": sum(len(r["claims"]) for r in rows),
        "rejected": report.rejected,
    }
    return rows, summary
