"""Candidate DAGs: the k most credible ways to make the knowledge graph acyclic.

The knowledge graph keeps its cycles. A candidate removes a set of edges that breaks every cycle,
preferring to remove what is least believed. An edge's weight is its evidence, ``-log(1 - belief)``
(additive over independent papers under the noisy-OR), and a candidate's score is
``sum(log(1 - belief))`` over the edges it drops: the log-probability that all of them are wrong,
0 for a graph that needed no change, more negative the more belief a candidate throws away.

The best candidate drops a weighted minimum feedback arc set (``graphbuilder.feedback_arcs``). The
alternatives are the next-best *minimal* feedback arc sets (no dropped edge could be put back),
enumerated per strongly connected component by Lawler-Murty partitioning (the i-th branch keeps the
i-th dropped edge and drops the ones before it) and combined across components by cost. Edges whose
only evidence is "no effect" are not causal edges and are left out of every candidate.
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Mapping, Sequence

from causemap.graphbuilder.arc_graphs import (
    adjacency,
    find_path,
    strongly_connected_components,
    topological_positions,
)
from causemap.graphbuilder.feedback_arcs import (
    EXACT_LIMIT,
    FeedbackArcSet,
    minimalise,
    minimum_feedback_arc_set,
)
from causemap.graphbuilder.knowledge_graph import CandidateDAG, DroppedEdge

__all__ = ["candidate_dags", "edge_weight", "k_best_feedback_arc_sets"]

Arc = tuple[str, str]
_MAX_BELIEF = 1.0 - 1e-9  # keeps log(1 - belief) finite
_LARGE_COMPONENT_CHILDREN = 2  # branches explored per solution where solving is heuristic


def edge_weight(belief: float) -> float:
    """The evidence behind an edge, ``-log(1 - belief)``: what dropping it costs."""
    return -math.log1p(-min(max(belief, 0.0), _MAX_BELIEF))


def k_best_feedback_arc_sets(
    weights: Mapping[Arc, float], k: int, exact_limit: int = EXACT_LIMIT
) -> list[FeedbackArcSet]:
    """Up to ``k`` minimal feedback arc sets of one graph, cheapest first.

    Exact (in order of cost) when every strongly connected component has at most ``exact_limit``
    arcs; otherwise the large components contribute heuristic solutions and a few alternatives.
    """
    per_component = [
        _k_best_in_component(component, weights, k, exact_limit)
        for component in strongly_connected_components(list(weights))
    ]
    if not per_component:
        return [FeedbackArcSet((), 0.0, True)]
    exact = all(len(c) <= exact_limit for c in strongly_connected_components(list(weights)))
    start = (0,) * len(per_component)
    heap = [(sum(s[0].cost for s in per_component), start)]
    seen = {start}
    results: list[FeedbackArcSet] = []
    while heap and len(results) < k:
        cost, index = heapq.heappop(heap)
        arcs = frozenset().union(*(per_component[c][i] for c, i in enumerate(index)))
        results.append(FeedbackArcSet(arcs, cost, exact))
        for c in range(len(index)):
            if index[c] + 1 < len(per_component[c]):
                nxt = index[:c] + (index[c] + 1,) + index[c + 1 :]
                if nxt not in seen:
                    seen.add(nxt)
                    total = sum(per_component[j][i].cost for j, i in enumerate(nxt))
                    heapq.heappush(heap, (total, nxt))
    return results


def _k_best_in_component(
    component: list[Arc], weights: Mapping[Arc, float], k: int, exact_limit: int
) -> list[FeedbackArcSet]:
    w = {a: weights[a] for a in component}
    large = len(component) > exact_limit
    first = minimum_feedback_arc_set(w, exact_limit=exact_limit)
    assert first is not None  # nothing is forced: some feedback arc set always exists
    counter = 0
    heap = [(first.cost, tuple(sorted(first)), counter, first, frozenset(), frozenset())]
    found: list[FeedbackArcSet] = []
    seen: set[frozenset[Arc]] = set()
    budget = 20 * k  # subproblems expanded at most (non-minimal solutions are expanded, not kept)
    while heap and len(found) < k and budget > 0:
        budget -= 1
        cost, _, _, solution, keep, drop = heapq.heappop(heap)
        # Heuristic solutions are minimalised when made; exact ones may carry forced drops.
        if solution not in seen and (large or minimalise(component, solution, w) == solution):
            seen.add(solution)
            found.append(FeedbackArcSet(solution, cost, solution.exact))
            if len(found) == k:
                break
        free = sorted(solution - drop, key=lambda a: (w[a], a))
        if large:
            free = free[:_LARGE_COMPONENT_CHILDREN]
        for i, arc in enumerate(free):
            child_keep, child_drop = keep | {arc}, drop | frozenset(free[:i])
            rest = {a: w[a] for a in component if a not in child_drop}
            solved = minimum_feedback_arc_set(rest, keep=child_keep, exact_limit=exact_limit)
            if solved is None:
                continue
            arcs = child_drop | solved
            if large:  # heuristic branches: return unneeded forced drops at once
                arcs = minimalise(component, arcs, w)
            child = FeedbackArcSet(arcs, sum(w[a] for a in arcs), solved.exact)
            counter += 1
            heapq.heappush(heap, (child.cost, tuple(sorted(arcs)), counter, child, child_keep, child_drop))
    # Exact solutions come out in order of cost; heuristic ones need not (a branch that keeps an
    # arc can find a cheaper set than its parent's heuristic), so order them here.
    return sorted(found, key=lambda f: (f.cost, sorted(f)))


def candidate_dags(
    beliefs: Mapping[Arc, float],
    k: int = 3,
    excluded: Mapping[Arc, str] | None = None,
    exact_limit: int = EXACT_LIMIT,
) -> list[CandidateDAG]:
    """The ``k`` most credible acyclic candidates (fewer if the graph has fewer distinct ones).

    Parameters
    ----------
    beliefs
        Belief of every edge, by (source, target); self-loops are ignored.
    k
        How many candidates at most.
    excluded
        Edges that no candidate may contain, with the reason (e.g. only null evidence).
    exact_limit
        Components with at most this many edges are solved exactly.

    Examples
    --------
    >>> dags = candidate_dags({("a", "b"): 0.9, ("b", "a"): 0.3}, k=3)
    >>> [(d.rank, d.edges) for d in dags]
    [(1, [('a', 'b')]), (2, [('b', 'a')])]
    >>> dags[0].dropped[0].reason
    'breaks cycle b -> a -> b; least believed edge on it (belief 0.30)'
    """
    excluded = dict(excluded or {})
    eligible = {a: b for a, b in beliefs.items() if a[0] != a[1] and a not in excluded}
    weights = {a: edge_weight(b) for a, b in eligible.items()}
    left_out = [DroppedEdge(a, excluded[a]) for a in sorted(excluded)]
    candidates = []
    for rank, fas in enumerate(k_best_feedback_arc_sets(weights, k, exact_limit), start=1):
        kept = sorted(a for a in eligible if a not in fas)
        dropped = _explain(sorted(fas), kept, eligible)
        score = round(-fas.cost, 6) + 0.0  # + 0.0: no "-0.0" in the output
        candidates.append(CandidateDAG(rank, score, kept, dropped + left_out))
    return candidates


def _explain(dropped: Sequence[Arc], kept: Sequence[Arc], beliefs: Mapping[Arc, float]) -> list[DroppedEdge]:
    """Why each edge was dropped: a cycle it closes with the kept edges, and how it compares."""
    succ = adjacency(kept)
    position = topological_positions(list(kept), {})
    reasons = []
    for u, v in dropped:
        belief = beliefs[(u, v)]
        path = find_path(succ, v, u, position)
        if path is None:  # cannot happen for a minimal set; said plainly if it ever does
            reasons.append(DroppedEdge((u, v), f"breaks a cycle through {u} -> {v} (belief {belief:.2f})"))
            continue
        nodes = [u, *path]
        cycle = " -> ".join(nodes)
        weakest = min(zip(nodes, nodes[1:], strict=False), key=lambda a: (beliefs[a], a))
        if beliefs[weakest] >= belief:
            reason = f"breaks cycle {cycle}; least believed edge on it (belief {belief:.2f})"
        else:
            reason = (
                f"breaks cycle {cycle} (belief {belief:.2f}); its weakest edge "
                f"{weakest[0]} -> {weakest[1]} ({beliefs[weakest]:.2f}) is kept in this candidate"
            )
        reasons.append(DroppedEdge((u, v), reason))
    return reasons
