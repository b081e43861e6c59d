"""What a DAG implies that data can check: conditional independences and negative controls.

Pure graph algorithms (networkx in, data out). Independences are listed as DAGitty's "missing edge"
implications: for each pair of non-adjacent variables, one minimal set that d-separates them. Negative
controls follow Lipsitch, Tchetgen Tchetgen & Cohen (2010): a negative-control outcome is not caused by
the exposure yet shares its confounders; a negative-control exposure does not cause the outcome yet
shares the exposure's confounders. Either should show no association once the adjustment set is
conditioned on, and an association betrays confounding the graph leaves out.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import networkx as nx

from causemap.planner.adjustment import ancestral_subgraph, d_connected, is_d_separated

__all__ = [
    "Implication",
    "NegativeControl",
    "confounders",
    "is_negative_control",
    "implication_for_pair",
    "missing_edge_implications",
    "negative_control_exposures",
    "negative_control_outcomes",
    "nearby_pairs",
]


@dataclass(frozen=True)
class Implication:
    """``u`` is independent of ``v`` given ``given``."""

    u: str
    v: str
    given: frozenset[str]

    def holds_in(self, dag: nx.DiGraph) -> bool:
        """Whether ``dag`` implies it too (False when a variable is missing from ``dag``)."""
        if not {self.u, self.v} | self.given <= set(dag):
            return False
        return is_d_separated(dag, self.u, self.v, self.given)

    def __str__(self) -> str:
        given = f" | {', '.join(sorted(self.given))}" if self.given else ""
        return f"{self.u} ⊥ {self.v}{given}"


@dataclass(frozen=True)
class NegativeControl:
    """A negative control for X -> Y: the test is ``variable`` independent of X (outcome control) or
    of Y (exposure control) given ``given``."""

    role: str  # "outcome" or "exposure"
    variable: str
    shared_confounders: frozenset[str]
    given: frozenset[str]


def implication_for_pair(
    dag: nx.DiGraph, u: str, v: str, observed: Iterable[str] | None = None
) -> Implication | None:
    """A minimal d-separator of ``u`` and ``v`` among ``observed`` variables, or None (adjacent, or
    no observed set separates them).

    >>> chain = nx.DiGraph([("x", "m"), ("m", "y")])
    >>> str(implication_for_pair(chain, "x", "y"))
    'x ⊥ y | m'
    """
    if dag.has_edge(u, v) or dag.has_edge(v, u):
        return None
    anc = ancestral_subgraph(dag, [u, v])
    restricted = set(anc) - {u, v}
    if observed is not None:
        restricted &= set(observed)
    given = nx.find_minimal_d_separator(anc, {u}, {v}, restricted=restricted)
    if given is None:
        return None
    first, second = sorted((u, v))
    return Implication(first, second, frozenset(given))


def missing_edge_implications(
    dag: nx.DiGraph, observed: Iterable[str] | None = None, pairs: Iterable[tuple[str, str]] | None = None
) -> list[Implication]:
    """One implied independence per non-adjacent pair (all pairs of ``dag`` unless ``pairs``).

    >>> collider = nx.DiGraph([("x", "c"), ("y", "c")])
    >>> [str(i) for i in missing_edge_implications(collider)]
    ['x ⊥ y']
    """
    observed_set = None if observed is None else set(observed)
    if pairs is None:
        nodes = sorted(dag) if observed_set is None else sorted(set(dag) & observed_set)
        pairs = ((u, v) for i, u in enumerate(nodes) for v in nodes[i + 1 :])
    found = []
    for u, v in pairs:
        implication = implication_for_pair(dag, u, v, observed_set)
        if implication is not None:
            found.append(implication)
    return found


def nearby_pairs(dag: nx.DiGraph, focus: Iterable[str], max_distance: int = 2) -> list[tuple[str, str]]:
    """Non-adjacent pairs with at least one variable in ``focus``, at most ``max_distance`` apart in
    the skeleton: the local implications, testable with few variables and close to the question.

    >>> chain = nx.DiGraph([("a", "b"), ("b", "c"), ("c", "d")])
    >>> nearby_pairs(chain, ["a"])
    [('a', 'c')]
    """
    skeleton = dag.to_undirected(as_view=True)
    pairs = set()
    for f in focus:
        if f not in dag:
            continue
        lengths = nx.single_source_shortest_path_length(skeleton, f, cutoff=max_distance)
        for other, distance in lengths.items():
            if distance >= 2:
                pairs.add(tuple(sorted((f, other))))
    return sorted(pairs)


def confounders(dag: nx.DiGraph, x: str, y: str) -> set[str]:
    """Common causes of ``x`` and ``y``: ancestors of X that reach Y other than through X.

    >>> g = nx.DiGraph([("c", "x"), ("c", "y"), ("x", "y"), ("a", "x")])
    >>> sorted(confounders(g, "x", "y"))
    ['c']
    """
    without_x = dag.subgraph(set(dag) - {x})
    return nx.ancestors(dag, x) & nx.ancestors(without_x, y)


def negative_control_outcomes(
    dag: nx.DiGraph, x: str, y: str, adjustment: Iterable[str] = ()
) -> list[NegativeControl]:
    """Variables N not caused by X (nor causing it) that descend from a confounder of X -> Y, and
    that the DAG says are independent of X given ``adjustment``: the best-connected first.

    >>> g = nx.DiGraph([("c", "x"), ("c", "y"), ("x", "y"), ("c", "n")])
    >>> [nc.variable for nc in negative_control_outcomes(g, "x", "y", {"c"})]
    ['n']
    """
    excluded = nx.descendants(dag, x) | nx.ancestors(dag, x) | {x, y}
    return _controls(dag, "outcome", x, confounders(dag, x, y), excluded, set(adjustment))


def negative_control_exposures(
    dag: nx.DiGraph, x: str, y: str, adjustment: Iterable[str] = ()
) -> list[NegativeControl]:
    """Variables E that do not cause Y (not even through X), are not caused by X or Y, descend from
    a confounder of X -> Y, and that the DAG says are independent of Y given ``adjustment``.

    >>> g = nx.DiGraph([("c", "x"), ("c", "y"), ("x", "y"), ("c", "e")])
    >>> [nc.variable for nc in negative_control_exposures(g, "x", "y", {"c"})]
    ['e']
    """
    excluded = nx.ancestors(dag, y) | nx.descendants(dag, x) | nx.descendants(dag, y) | {x, y}
    return _controls(dag, "exposure", y, confounders(dag, x, y), excluded, set(adjustment))


def is_negative_control(
    dag: nx.DiGraph, role: str, x: str, y: str, variable: str, adjustment: Iterable[str] = ()
) -> bool:
    """Whether ``variable`` is a negative-control ``role`` ("outcome" or "exposure") in ``dag``."""
    find = negative_control_outcomes if role == "outcome" else negative_control_exposures
    return variable in dag and any(nc.variable == variable for nc in find(dag, x, y, adjustment))


def _controls(
    dag: nx.DiGraph,
    role: str,
    tested_against: str,
    shared: set[str],
    excluded: set[str],
    adjustment: set[str],
) -> list[NegativeControl]:
    if not shared:
        return []
    downstream = set().union(*(nx.descendants(dag, c) for c in shared))
    connected = d_connected(dag, {tested_against}, adjustment)
    found = []
    for node in sorted(downstream - excluded - adjustment - connected):
        common = frozenset(nx.ancestors(dag, node) & shared)
        found.append(NegativeControl(role, node, common, frozenset(adjustment)))
    return sorted(found, key=lambda nc: (-len(nc.shared_confounders), nc.variable))
