"""Identification of the target effect across candidate DAGs: which adjustment sets, instruments and
front-door sets hold in how many candidates (weighted), and which edges decide them.

Pure: DAGs and weights in, a summary out. DoWhy's own identification, when wanted, is passed in as
``external`` (see ``causemap.planner.dowhy_tools.dowhy_identify``) so that this module stays free of
DoWhy's import time and logging.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import networkx as nx

from causemap.graphbuilder.knowledge_graph import KnowledgeGraph
from causemap.planner.adjustment import (
    Instrument,
    TargetIdentification,
    ancestral_subgraph,
    identify_target,
    is_backdoor_set,
    is_frontdoor_set,
    is_instrument,
    minimal_adjustment_sets,
)
from causemap.planner.implications import confounders

__all__ = [
    "CandidateIdentification",
    "IdentificationSummary",
    "Support",
    "adjustment_status",
    "identify_across",
    "target_relevant",
]

# Edges tried when looking for the ones that decide an adjustment set, and sets examined.
MAX_DECIDING_EDGES = 60
MAX_SETS_EXPLAINED = 5

External = Callable[[nx.DiGraph, str, str, set[str] | None], dict[str, Any]]


@dataclass(frozen=True)
class CandidateIdentification:
    rank: int
    weight: float
    result: TargetIdentification
    dowhy: dict[str, Any] | None = None

    def to_dict(self) -> dict[str, Any]:
        r = self.result
        return {
            "rank": self.rank,
            "weight": round(self.weight, 4),
            "has_causal_path": r.has_causal_path,
            "identifiable": r.identifiable,
            "adjustment_sets": [sorted(s) for s in r.adjustment_sets],
            "adjustment_sets_truncated": r.adjustment_sets_truncated,
            "instruments": [
                {"variable": i.variable, "given": sorted(i.conditional_on)} for i in r.instruments
            ],
            "frontdoor_sets": [sorted(s) for s in r.frontdoor_sets],
            "dowhy": self.dowhy,
        }


@dataclass(frozen=True)
class Support:
    """One adjustment set (or instrument, or front-door set) and the candidates it holds in."""

    variables: frozenset[str]
    valid_in: list[int]  # candidate ranks
    share: float  # summed candidate weight
    minimal_in: list[int] = field(default_factory=list)
    given: frozenset[str] = frozenset()  # instruments: the conditioning set
    deciding_edges: list[tuple[str, str]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "variables": sorted(self.variables),
            "valid_in": self.valid_in,
            "share": round(self.share, 4),
        }
        if self.minimal_in:
            out["minimal_in"] = self.minimal_in
        if self.given:
            out["given"] = sorted(self.given)
        if self.deciding_edges:
            out["deciding_edges"] = [list(e) for e in self.deciding_edges]
        return out


@dataclass
class IdentificationSummary:
    x: str
    y: str
    observed: set[str] | None
    candidates: list[CandidateIdentification]
    adjustment_sets: list[Support]
    instruments: list[Support]
    frontdoor_sets: list[Support]
    causal_path_share: float
    identifiable_share: float
    relevant: set[str]  # where the effect and its confounding can run (see ``target_relevant``)
    latent_confounding: set[str] = field(default_factory=set)  # confounding only unmeasured ones block
    known_confounders: set[str] = field(default_factory=set)

    @property
    def recommended(self) -> Support | None:
        """The adjustment set valid in most candidate weight, smallest first on ties."""
        return self.adjustment_sets[0] if self.adjustment_sets else None

    def to_dict(self) -> dict[str, Any]:
        return {
            "target": [self.x, self.y],
            "observed": sorted(self.observed) if self.observed is not None else None,
            "causal_path_share": round(self.causal_path_share, 4),
            "identifiable_share": round(self.identifiable_share, 4),
            "recommended_adjustment_set": (sorted(self.recommended.variables) if self.recommended else None),
            "adjustment_sets": [s.to_dict() for s in self.adjustment_sets],
            "instruments": [s.to_dict() for s in self.instruments],
            "frontdoor_sets": [s.to_dict() for s in self.frontdoor_sets],
            "known_confounders": sorted(self.known_confounders),
            "unmeasured_confounding_through": sorted(self.latent_confounding),
            "relevant_nodes": len(self.relevant),
            "candidates": [c.to_dict() for c in self.candidates],
        }


def identify_across(
    graph: KnowledgeGraph,
    dags: Sequence[nx.DiGraph],
    ranks: Sequence[int],
    weights: Sequence[float],
    x: str,
    y: str,
    observed: Iterable[str] | None = None,
    weak_belief: float = 0.5,
    external: External | None = None,
) -> IdentificationSummary:
    """Identify ``x -> y`` in every candidate and tally how often each answer holds."""
    observed_set = None if observed is None else set(observed)
    per_candidate = []
    relevant: set[str] = set()
    for dag, rank, weight in zip(dags, ranks, weights, strict=True):
        anc = ancestral_subgraph(dag, [x, y])
        relevant |= target_relevant(anc, x, y)
        result = identify_target(anc, x, y, observed_set)
        extra = external(anc, x, y, observed_set) if external and result.has_causal_path else None
        per_candidate.append(CandidateIdentification(rank, weight, result, extra))

    sets = _tally_sets(dags, ranks, weights, x, y, per_candidate)
    top = ancestral_subgraph(dags[0], [x, y])
    sets = [
        _with_deciding(s, graph, dags, top, x, y, weak_belief) if i < MAX_SETS_EXPLAINED else s
        for i, s in enumerate(sets)
    ]
    return IdentificationSummary(
        x=x,
        y=y,
        observed=observed_set,
        candidates=per_candidate,
        adjustment_sets=sets,
        instruments=_tally_instruments(dags, ranks, weights, x, y, per_candidate),
        frontdoor_sets=_tally_frontdoor(dags, ranks, weights, x, y, per_candidate),
        causal_path_share=sum(c.weight for c in per_candidate if c.result.has_causal_path),
        identifiable_share=sum(
            c.weight for c in per_candidate if c.result.has_causal_path and c.result.identifiable
        ),
        relevant=relevant,
        latent_confounding=_latent_confounding(dags, x, y, observed_set, per_candidate),
        known_confounders=set().union(*(confounders(d, x, y) for d in dags)),
    )


def target_relevant(dag: nx.DiGraph, x: str, y: str) -> set[str]:
    """The variables X -> Y's effect and confounding can run through: X, Y, the mediators, X's
    ancestors, and the ancestors of Y that descend from those (the variables of backdoor paths).

    >>> g = nx.DiGraph([("c", "x"), ("c", "y"), ("x", "m"), ("m", "y"), ("a", "b"), ("b", "y")])
    >>> sorted(target_relevant(g, "x", "y"))
    ['c', 'm', 'x', 'y']
    """
    ancestors_x = nx.ancestors(dag, x)
    ancestors_y = nx.ancestors(dag, y)
    reached, stack = set(ancestors_x), list(ancestors_x)
    while stack:  # everything downstream of X's ancestors
        for child in dag.successors(stack.pop()):
            if child not in reached:
                reached.add(child)
                stack.append(child)
    mediators = nx.descendants(dag, x) & ancestors_y
    return {x, y} | ancestors_x | mediators | (reached & ancestors_y)


def _tally_sets(dags, ranks, weights, x, y, per_candidate) -> list[Support]:
    distinct = list(dict.fromkeys(s for c in per_candidate for s in c.result.adjustment_sets))
    tallied = []
    for s in distinct:
        valid = [i for i, d in enumerate(dags) if nx.has_path(d, x, y) and is_backdoor_set(d, x, y, s)]
        minimal = [ranks[i] for i, c in enumerate(per_candidate) if s in c.result.adjustment_sets]
        tallied.append(Support(s, [ranks[i] for i in valid], sum(weights[i] for i in valid), minimal))
    return sorted(tallied, key=lambda t: (-round(t.share, 9), len(t.variables), sorted(t.variables)))


def _tally_instruments(dags, ranks, weights, x, y, per_candidate) -> list[Support]:
    distinct: list[Instrument] = list(dict.fromkeys(i for c in per_candidate for i in c.result.instruments))
    tallied = []
    for inst in distinct:
        valid = [i for i, d in enumerate(dags) if is_instrument(d, x, y, inst.variable, inst.conditional_on)]
        tallied.append(
            Support(
                frozenset({inst.variable}),
                [ranks[i] for i in valid],
                sum(weights[i] for i in valid),
                given=inst.conditional_on,
            )
        )
    return sorted(tallied, key=lambda t: (-round(t.share, 9), len(t.given), sorted(t.variables)))


def _tally_frontdoor(dags, ranks, weights, x, y, per_candidate) -> list[Support]:
    distinct = list(dict.fromkeys(m for c in per_candidate for m in c.result.frontdoor_sets))
    tallied = []
    for m in distinct:
        valid = [i for i, d in enumerate(dags) if is_frontdoor_set(d, x, y, m)]
        tallied.append(Support(m, [ranks[i] for i in valid], sum(weights[i] for i in valid)))
    return sorted(tallied, key=lambda t: (-round(t.share, 9), len(t.variables)))


def adjustment_status(dag: nx.DiGraph, x: str, y: str, s: frozenset[str]) -> str:
    """'invalid', 'needed' (valid and minimal) or 'redundant' (valid, but a smaller subset is too)."""
    if not is_backdoor_set(dag, x, y, s):
        return "invalid"
    if any(is_backdoor_set(dag, x, y, s - {v}) for v in s):
        return "redundant"
    return "needed"


def _with_deciding(
    support: Support,
    graph: KnowledgeGraph,
    dags: Sequence[nx.DiGraph],
    top: nx.DiGraph,
    x: str,
    y: str,
    weak_belief: float,
) -> Support:
    """Edges whose presence or absence in the top candidate changes whether the set is valid or
    needed: the edges a study would have to settle to settle the adjustment."""
    nodes = set(top)
    all_edges = [set(d.edges) for d in dags]
    varying = set().union(*all_edges) - set.intersection(*all_edges)
    weak = {k for k, e in graph.edges.items() if e.belief < weak_belief and k in top.edges}
    edges = [e for e in varying | weak if e[0] in nodes and e[1] in nodes]
    edges.sort(key=lambda e: (graph.edges[e].belief if e in graph.edges else 0.0, e))
    base = adjustment_status(top, x, y, support.variables)
    deciding = []
    for s, t in edges[:MAX_DECIDING_EDGES]:
        toggled = top.copy()
        if toggled.has_edge(s, t):
            toggled.remove_edge(s, t)
        else:
            toggled.add_edge(s, t)
            if not nx.is_directed_acyclic_graph(toggled):
                continue
        if not nx.has_path(toggled, x, y):
            continue
        if adjustment_status(toggled, x, y, support.variables) != base:
            deciding.append((s, t))
    return Support(
        support.variables,
        support.valid_in,
        support.share,
        support.minimal_in,
        support.given,
        sorted(deciding),
    )


def _latent_confounding(dags, x, y, observed, per_candidate) -> set[str]:
    """Variables through which confounding runs that no measured set blocks: members of the
    all-measured adjustment sets, in candidates where the measured variables give none."""
    if observed is None:
        return set()
    latent: set[str] = set()
    for dag, c in zip(dags, per_candidate, strict=True):
        if not c.result.has_causal_path or c.result.adjustment_sets:
            continue
        full, _ = minimal_adjustment_sets(ancestral_subgraph(dag, [x, y]), x, y, None)
        latent |= {v for s in full for v in s} - observed
    return latent
