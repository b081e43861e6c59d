"""Measure a knowledge graph against a known truth (``corpus_samples/truth.json``).

Our variables are mapped to the truth's through their aliases: each surface form of a variable is
normalised, and votes for the truth variable whose label, id or aliases normalise to the same term
(else the longest such term it contains as whole words). An inverse alias ("weight loss" for
obesity) votes with its sign reversed, so that polarities can be compared. Edges then score by
precision (our edges that map onto a truth edge) and recall (truth edges some edge of ours maps
onto), for the whole knowledge graph and for the top candidate DAG.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from causemap.graphbuilder.knowledge_graph import KnowledgeGraph
from causemap.graphbuilder.normalise import normalise
from causemap.models import Claim, StudyDesign

__all__ = [
    "edge_scores",
    "load_truth",
    "map_to_truth",
    "truth_claims",
    "variable_pair_scores",
]


def load_truth(path: str | Path) -> dict[str, Any]:
    """Read truth.json."""
    return json.loads(Path(path).read_text(encoding="utf-8"))


def truth_claims(truth: Mapping[str, Any], extractor: str = "truth") -> list[Claim]:
    """The truth's annotated claims as Claim records (offsets found in the sentence when present).

    They are a gold-standard extraction: building a graph from them tests normalisation, merging
    and aggregation apart from extraction.
    """
    designs = {d.value for d in StudyDesign}
    claims = []
    for record in truth["claims"]:
        sentence = record["sentence"]
        spans = {}
        for key in ("cause", "effect"):
            start = sentence.find(record[key])
            spans[key] = (start, start + len(record[key])) if start >= 0 else (0, 0)
        claims.append(
            Claim(
                paper_id=record["paper"],
                page=1,
                sentence=sentence,
                sentence_start=0,
                sentence_end=len(sentence),
                cause=record["cause"],
                cause_start=spans["cause"][0],
                cause_end=spans["cause"][1],
                effect=record["effect"],
                effect_start=spans["effect"][0],
                effect_end=spans["effect"][1],
                relation=record["relation"],
                polarity=record["polarity"],
                hedged=record["hedged"],
                negated=record["negated"],
                design=record["design"] if record["design"] in designs else "unknown",
                extractor=extractor,
                confidence=1.0,
            )
        )
    return claims


def _alias_index(truth: Mapping[str, Any]) -> dict[str, tuple[str, bool]]:
    """Normalised term -> (truth variable id, is an inverse alias)."""
    index: dict[str, tuple[str, bool]] = {}
    for var in truth["variables"]:
        names = [var["id"].replace("_", " "), var.get("label", ""), *var.get("aliases", [])]
        for name, inverse in [(n, False) for n in names] + [
            (n, True) for n in var.get("inverse_aliases", [])
        ]:
            term = normalise(name)
            if term.text:
                index.setdefault(term.text, (var["id"], inverse ^ term.flipped))
    return index


def _lookup(surface: str, index: Mapping[str, tuple[str, bool]]) -> tuple[str, bool] | None:
    term = normalise(surface)
    hit = index.get(term.text)
    if hit is None:  # the longest truth term found inside, as whole words
        padded = f" {term.text} "
        inside = [t for t in index if f" {t} " in padded]
        if not inside:
            return None
        hit = index[max(inside, key=lambda t: (len(t), t))]
    # Our variable is the term; the surface's own flip is already in the edge's polarity.
    return hit


def map_to_truth(graph: KnowledgeGraph, truth: Mapping[str, Any]) -> dict[str, tuple[str, bool] | None]:
    """Our variable id -> (truth variable id, inverse?) by a vote of its aliases; None if none."""
    index = _alias_index(truth)
    mapping: dict[str, tuple[str, bool] | None] = {}
    for var in graph.variables.values():
        votes: Counter[tuple[str, bool]] = Counter(
            hit for hit in (_lookup(a, index) for a in var.aliases) if hit is not None
        )
        mapping[var.id] = min(votes, key=lambda h: (-votes[h], h)) if votes else None
    return mapping


def _score_edges(
    edges: Iterable[tuple[str, str]],
    polarity: Mapping[tuple[str, str], str | None],
    mapping: Mapping[str, tuple[str, bool] | None],
    truth_edges: Mapping[tuple[str, str], Mapping[str, Any]],
) -> dict[str, Any]:
    edges = list(edges)
    found: set[tuple[str, str]] = set()
    hits = 0
    sign_checked = sign_agree = 0
    for s, t in edges:
        ms, mt = mapping.get(s), mapping.get(t)
        if ms is None or mt is None or (ms[0], mt[0]) not in truth_edges:
            continue
        hits += 1
        found.add((ms[0], mt[0]))
        ours = polarity.get((s, t))
        theirs = truth_edges[(ms[0], mt[0])]["polarity"]
        if ours in ("+", "-") and theirs in ("+", "-"):
            if ms[1] ^ mt[1]:
                ours = "-" if ours == "+" else "+"
            sign_checked += 1
            sign_agree += ours == theirs
    recall = len(found) / len(truth_edges) if truth_edges else 0.0
    precision = hits / len(edges) if edges else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "precision": round(precision, 4),
        "recall": round(recall, 4),
        "f1": round(f1, 4),
        "edges": len(edges),
        "edges_matching_truth": hits,
        "truth_edges": len(truth_edges),
        "truth_edges_found": len(found),
        "sign_agreement": round(sign_agree / sign_checked, 4) if sign_checked else None,
        "signs_compared": sign_checked,
    }


def edge_scores(graph: KnowledgeGraph, truth: Mapping[str, Any]) -> dict[str, Any]:
    """Edge precision, recall and sign agreement of the knowledge graph and its top candidate.

    Also which of the truth's contradictions (sign or effect-vs-null disagreements) the graph
    found; a contradiction split over finer variables than the truth's ("systolic blood pressure"
    vs "blood pressure") is only found once the user merges them.

    Truth edges whose polarity is "0" (only null results) are left out of the truth set, as our
    candidates leave them out too; the knowledge graph is scored on its non-null edges likewise.
    """
    mapping = map_to_truth(graph, truth)
    truth_edges = {(e["source"], e["target"]): e for e in truth["edges"] if e["polarity"] != "0"}
    polarity = {key: e.polarity for key, e in graph.edges.items()}
    live = [key for key, e in graph.edges.items() if e.polarity != "0"]
    top = graph.candidates[0].edges if graph.candidates else []
    truth_contradictions = {(c["source"], c["target"]) for c in truth.get("contradictions", [])}
    ours_contradictions = set()
    for c in graph.contradictions:
        ms, mt = mapping.get(c.source), mapping.get(c.target)
        if ms and mt and c.kind != "both_directions":
            ours_contradictions.add((ms[0], mt[0]))
    return {
        "knowledge_graph": _score_edges(live, polarity, mapping, truth_edges),
        "top_candidate": _score_edges(top, polarity, mapping, truth_edges),
        "variables_mapped": sum(m is not None for m in mapping.values()),
        "variables": len(mapping),
        "truth_contradictions_found": sorted(truth_contradictions & ours_contradictions),
        "truth_contradictions_missed": sorted(truth_contradictions - ours_contradictions),
        "contradictions_not_in_truth": sorted(ours_contradictions - truth_contradictions),
    }


def variable_pair_scores(graph: KnowledgeGraph, truth: Mapping[str, Any]) -> dict[str, Any]:
    """How well surface forms were grouped: pairwise precision and recall against the truth.

    Over the surface forms of the truth's claims: a pair is predicted together when both forms are
    aliases of one of our variables, and truly together when the truth gives them one variable.
    """
    truth_of: dict[str, str] = {}
    for record in truth["claims"]:
        truth_of.setdefault(record["cause"], record["source"])
        truth_of.setdefault(record["effect"], record["target"])
    ours_of = {a: v.id for v in graph.variables.values() for a in v.aliases}
    surfaces = sorted(s for s in truth_of if s in ours_of)
    by_ours: dict[str, list[str]] = defaultdict(list)
    for s in surfaces:
        by_ours[ours_of[s]].append(s)
    predicted = sum(len(g) * (len(g) - 1) // 2 for g in by_ours.values())
    correct = sum(
        1 for g in by_ours.values() for i, a in enumerate(g) for b in g[i + 1 :] if truth_of[a] == truth_of[b]
    )
    by_truth = Counter(truth_of[s] for s in surfaces)
    actual = sum(n * (n - 1) // 2 for n in by_truth.values())
    return {
        "surface_forms": len(surfaces),
        "pairs_merged": predicted,
        "pair_precision": round(correct / predicted, 4) if predicted else None,
        "pair_recall": round(correct / actual, 4) if actual else None,
        "variables": len(by_ours),
        "truth_variables": len(by_truth),
    }
