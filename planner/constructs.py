"""Names of one construct that word overlap misses: "obesity", "adiposity", "body mass index".

``same_concept`` (planner/grounding.py) joins names by their words ("activity", "physical
activity"). A literature also measures one construct under names that share no word: obesity as
adiposity, as BMI, as weight; alcohol intake as drinking. Two such names are *measures of one
construct* when both of these hold:

- their names are close in meaning: the cosine of their name vectors (the workspace's embedding
  model, the one the graph stage merges synonyms with) is at least ``similar``;
- the collection treats them alike: they share at least ``min_shared`` causes or effects (as
  concepts, on the same side), each claimed with the same sign for both, none with opposite signs,
  at least one of them a cause and one an effect, and no claim has one cause the other.

Neither alone suffices: names of a cause and its effect can be close ("high-fat diet", "adiposity":
0.51), and two risk factors share effects ("smoking", "obesity"). A measure of a construct inherits
both the construct's causes and its effects; a cause of the construct shares only its effects, hence
both sides. A measure of a construct is
dependent on its other measures whatever the causal graph, so an implied independence between them
tests nothing, a search for their relation finds a definition, and an experiment or search asked of
each measure asks one question. Pure: vectors and graph in, pairs out.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from causemap.graphbuilder.knowledge_graph import KnowledgeGraph

__all__ = ["ConstructPair", "construct_pairs", "constructs"]


@dataclass(frozen=True)
class ConstructPair:
    """``a`` and ``b`` (variable ids) measure one construct: names ``similarity`` apart, the same
    signs on ``shared`` (labels of their common causes and effects)."""

    a: str
    b: str
    similarity: float
    shared: tuple[str, ...]


def _sides(graph: KnowledgeGraph, concept_of: Callable[[str], str]) -> dict[str, dict[tuple, set]]:
    """For each variable: (side, neighbouring concept) -> the signs claimed."""
    sides: dict[str, dict[tuple, set]] = {}
    for (s, t), edge in graph.edges.items():
        sign = edge.polarity if edge.polarity in ("+", "-") else None
        sides.setdefault(s, {}).setdefault(("effect", concept_of(t)), set()).add(sign)
        sides.setdefault(t, {}).setdefault(("cause", concept_of(s)), set()).add(sign)
    return sides


def construct_pairs(
    graph: KnowledgeGraph,
    vectors: Mapping[str, Sequence[float]],
    concept_of: Callable[[str], str],
    similar: float,
    min_shared: int,
    candidates: Sequence[str] | None = None,
) -> list[ConstructPair]:
    """Pairs of variables (of different concepts) that measure one construct, most similar first.

    ``vectors`` maps variable ids to unit name vectors (variables without one take part in no
    pair); ``candidates`` limits the variables considered (default: all with a vector).
    """
    ids = [v for v in (candidates if candidates is not None else graph.variables) if v in vectors]
    if len(ids) < 2:
        return []
    matrix = np.asarray([vectors[v] for v in ids], dtype=float)
    sims = matrix @ matrix.T
    sides = _sides(graph, concept_of)
    found = []
    rows, cols = np.nonzero(np.triu(sims >= similar, k=1))
    for i, j in zip(rows.tolist(), cols.tolist(), strict=True):
        a, b = ids[i], ids[j]
        ca, cb = concept_of(a), concept_of(b)
        if ca == cb or (a, b) in graph.edges or (b, a) in graph.edges:
            continue
        sa, sb = sides.get(a, {}), sides.get(b, {})
        common = [k for k in sa.keys() & sb.keys() if k[1] not in (ca, cb)]
        if any({"+", "-"} <= (sa[k] | sb[k]) for k in common):
            continue  # one of them raises what the other lowers: not one construct
        same = [k for k in common if sa[k] == sb[k] and None not in sa[k]]
        both_sides = {side for side, _ in same} == {"cause", "effect"}
        if len(same) >= min_shared and both_sides:
            shared = tuple(sorted(k[1] for k in same))
            found.append(ConstructPair(a, b, round(float(sims[i, j]), 3), shared))
    found.sort(key=lambda p: (-p.similarity, p.a, p.b))
    return found


def constructs(nodes: Sequence[str], pairs: Sequence[ConstructPair]) -> dict[str, str]:
    """One representative per construct (the smallest id), joining ``pairs`` transitively."""
    parent = {v: v for v in nodes}

    def find(v: str) -> str:
        while parent[v] != v:
            parent[v] = parent[parent[v]]
            v = parent[v]
        return v

    for pair in pairs:
        if pair.a in parent and pair.b in parent:
            ra, rb = find(pair.a), find(pair.b)
            if ra != rb:
                parent[max(ra, rb)] = min(ra, rb)
    return {v: find(v) for v in parent}
