"""Identification of one effect X -> Y in one DAG: adjustment sets, instruments, front-door sets.

Pure graph algorithms (networkx in, data out); nothing here mutates its input. The criteria are Pearl's:

- a backdoor adjustment set Z holds no descendant of X and d-separates X from Y once the edges out of
  X are removed;
- an instrument Z (possibly conditional on W) is d-connected to X given W and d-separated from Y given W
  once the edges out of X are removed, with W free of descendants of X;
- a front-door set M intercepts every directed path X -> Y, has no open backdoor path from X, and X
  blocks every backdoor path from M to Y.

All minimal adjustment sets are listed the way DAGitty does: minimal d-separators lie among the
ancestors of X and Y (Tian, Paz & Pearl 1998), where d-separation is vertex separation in the moral
graph; variables that may not be adjusted for (descendants of X, unmeasured variables) are eliminated
from that graph, and its minimal X-Y vertex separators are listed by Kloks & Kratsch's (1998) walk
from the separator closest to X towards Y.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

import networkx as nx

__all__ = [
    "Instrument",
    "TargetIdentification",
    "ancestral_subgraph",
    "backdoor_graph",
    "d_connected",
    "is_d_separated",
    "frontdoor_sets",
    "identify_target",
    "instruments",
    "is_backdoor_set",
    "is_frontdoor_set",
    "is_instrument",
    "minimal_adjustment_sets",
    "minimal_vertex_separators",
]

# Listing is output-polynomial, but a dense graph can have very many minimal sets: keep the first few.
MAX_ADJUSTMENT_SETS = 24
# Instruments are searched among X's nearest ancestors: further ones are weak and slow to test.
MAX_INSTRUMENT_CANDIDATES = 25


@dataclass(frozen=True)
class Instrument:
    """Z instruments X -> Y given ``conditional_on`` (empty for an unconditional instrument)."""

    variable: str
    conditional_on: frozenset[str] = frozenset()


@dataclass(frozen=True)
class TargetIdentification:
    """What one DAG says about identifying X -> Y."""

    has_causal_path: bool
    adjustment_sets: list[frozenset[str]] = field(default_factory=list)
    adjustment_sets_truncated: bool = False
    instruments: list[Instrument] = field(default_factory=list)
    frontdoor_sets: list[frozenset[str]] = field(default_factory=list)

    @property
    def identifiable(self) -> bool:
        # With no causal path the effect is identified as zero.
        return (not self.has_causal_path) or bool(
            self.adjustment_sets or self.instruments or self.frontdoor_sets
        )


def ancestral_subgraph(dag: nx.DiGraph, nodes: Iterable[str]) -> nx.DiGraph:
    """The subgraph induced by ``nodes`` and all their ancestors (a copy).

    >>> g = nx.DiGraph([("a", "b"), ("b", "c"), ("c", "d")])
    >>> sorted(ancestral_subgraph(g, ["c"]).nodes)
    ['a', 'b', 'c']
    """
    keep = set(nodes)
    for node in list(keep):
        keep |= nx.ancestors(dag, node)
    return dag.subgraph(keep).copy()


def backdoor_graph(dag: nx.DiGraph, x: str) -> nx.DiGraph:
    """``dag`` without the edges out of ``x`` (a copy): what remains between X and Y is confounding."""
    g = dag.copy()
    g.remove_edges_from(list(dag.out_edges(x)))
    return g


def d_connected(
    dag: nx.DiGraph,
    sources: Iterable[str],
    given: Iterable[str] = (),
    without_edges_out_of: Iterable[str] = (),
) -> set[str]:
    """The variables d-connected to ``sources`` given ``given``, in ``dag`` without the edges out of
    ``without_edges_out_of`` (Koller & Friedman's reachability; one linear pass, no copy).

    >>> collider = nx.DiGraph([("x", "c"), ("y", "c")])
    >>> sorted(d_connected(collider, {"x"})), sorted(d_connected(collider, {"x"}, {"c"}))
    (['c', 'x'], ['x', 'y'])
    """
    given, cut = set(given), set(without_edges_out_of)
    pred, succ = dag.pred, dag.succ
    opens_colliders = set(given)  # given variables and their ancestors
    stack = list(given)
    while stack:
        for parent in pred[stack.pop()]:
            if parent not in cut and parent not in opens_colliders:
                opens_colliders.add(parent)
                stack.append(parent)
    reached: set[str] = set()
    visited: set[tuple[str, bool]] = set()
    queue = [(s, True) for s in sources]  # True: arrived from a child (or the start)
    while queue:
        node, upward = queue.pop()
        if (node, upward) in visited:
            continue
        visited.add((node, upward))
        if node not in given:
            reached.add(node)
        if upward and node not in given:
            queue += [(p, True) for p in pred[node] if p not in cut]
            if node not in cut:
                queue += [(c, False) for c in succ[node]]
        elif not upward:
            if node not in given and node not in cut:
                queue += [(c, False) for c in succ[node]]
            if node in opens_colliders:
                queue += [(p, True) for p in pred[node] if p not in cut]
    return reached


def is_d_separated(
    dag: nx.DiGraph,
    u: str,
    v: str,
    given: Iterable[str] = (),
    without_edges_out_of: Iterable[str] = (),
) -> bool:
    """Whether ``given`` d-separates ``u`` and ``v`` (in ``dag`` without the edges out of
    ``without_edges_out_of``)."""
    return v not in d_connected(dag, {u}, given, without_edges_out_of)


def is_backdoor_set(dag: nx.DiGraph, x: str, y: str, z: Iterable[str]) -> bool:
    """Whether ``z`` satisfies Pearl's backdoor criterion for ``x -> y`` in ``dag``.

    >>> confounder = nx.DiGraph([("z", "x"), ("z", "y"), ("x", "y")])
    >>> is_backdoor_set(confounder, "x", "y", {"z"}), is_backdoor_set(confounder, "x", "y", set())
    (True, False)
    """
    z = set(z)
    if z & {x, y} or not z <= set(dag) or z & nx.descendants(dag, x):
        return False
    return is_d_separated(dag, x, y, z, without_edges_out_of={x})


def minimal_vertex_separators(
    graph: nx.Graph, a: str, b: str, limit: int | None = None
) -> Iterator[frozenset[str]]:
    """The minimal ``a``-``b`` vertex separators of an undirected graph (none if a, b are adjacent).

    The separator closest to ``a`` comes first; each next one moves one vertex towards ``b``.
    ``a`` and ``b`` in different components give the single separator ``frozenset()``.

    >>> path = nx.Graph([("a", "m"), ("m", "n"), ("n", "b")])
    >>> sorted(sorted(s) for s in minimal_vertex_separators(path, "a", "b"))
    [['m'], ['n']]
    """
    if graph.has_edge(a, b):
        return
    first = _neighbourhood(graph, _component(graph, b, set(graph[a]) | {a}))
    seen = {first}
    queue = deque([first])
    produced = 0
    while queue and (limit is None or produced < limit):
        separator = queue.popleft()
        yield separator
        produced += 1
        for v in sorted(separator):
            if graph.has_edge(v, b):
                continue
            moved = _neighbourhood(graph, _component(graph, b, separator | set(graph[v])))
            if moved not in seen:
                seen.add(moved)
                queue.append(moved)


def minimal_adjustment_sets(
    dag: nx.DiGraph,
    x: str,
    y: str,
    observed: Iterable[str] | None = None,
    limit: int = MAX_ADJUSTMENT_SETS,
) -> tuple[list[frozenset[str]], bool]:
    """All minimal backdoor adjustment sets for ``x -> y`` made of ``observed`` variables.

    Returns the sets (smallest first) and whether the list was cut at ``limit``.

    >>> m_bias = nx.DiGraph([("a", "x"), ("a", "m"), ("b", "m"), ("b", "y"), ("x", "y")])
    >>> minimal_adjustment_sets(m_bias, "x", "y")
    ([frozenset()], False)
    """
    anc = ancestral_subgraph(dag, [x, y])
    allowed = set(anc) - nx.descendants(dag, x) - {x, y}
    if observed is not None:
        allowed &= set(observed)
    moral = nx.moral_graph(backdoor_graph(anc, x))
    moral = _eliminate(moral, set(moral) - allowed - {x, y})
    sets = list(minimal_vertex_separators(moral, x, y, limit=limit + 1))
    truncated = len(sets) > limit
    return sorted(sets[:limit], key=lambda s: (len(s), sorted(s))), truncated


def instruments(
    dag: nx.DiGraph,
    x: str,
    y: str,
    observed: Iterable[str] | None = None,
    limit: int = MAX_INSTRUMENT_CANDIDATES,
) -> list[Instrument]:
    """Instruments for ``x -> y`` among X's nearest observed ancestors, unconditional ones first.

    For each candidate Z the conditioning set W is a minimal d-separator of Z and Y in the backdoor
    graph restricted to observed non-descendants of X and Y; Z instruments X given W when Z and X
    stay d-connected given W.

    >>> iv = nx.DiGraph([("z", "x"), ("u", "x"), ("u", "y"), ("x", "y")])
    >>> instruments(iv, "x", "y", observed={"z", "x", "y"})
    [Instrument(variable='z', conditional_on=frozenset())]
    """
    observed_set = set(dag) if observed is None else set(observed)
    forbidden = nx.descendants(dag, x) | nx.descendants(dag, y) | {x, y}
    no_out = backdoor_graph(ancestral_subgraph(dag, [x, y]), x)
    found = []
    for z in _nearest_ancestors(dag, x, limit):
        if z not in observed_set or z in forbidden:
            continue
        restricted = (observed_set & set(no_out)) - forbidden - {z}
        w = nx.find_minimal_d_separator(no_out, {z}, {y}, restricted=restricted)
        if w is None:
            continue
        if not is_d_separated(dag, z, x, w):
            found.append(Instrument(z, frozenset(w)))
    return sorted(found, key=lambda i: (len(i.conditional_on), i.variable))


def is_instrument(dag: nx.DiGraph, x: str, y: str, z: str, given: Iterable[str] = ()) -> bool:
    """Whether ``z`` instruments ``x -> y`` given ``given`` in ``dag``.

    >>> iv = nx.DiGraph([("z", "x"), ("u", "x"), ("u", "y"), ("x", "y")])
    >>> is_instrument(iv, "x", "y", "z"), is_instrument(iv, "x", "y", "u")
    (True, False)
    """
    given = set(given)
    if not {x, y, z} | given <= set(dag) or z in given or z in {x, y}:
        return False
    if given & (nx.descendants(dag, x) | nx.descendants(dag, y)) or z in nx.descendants(dag, x):
        return False
    if is_d_separated(dag, z, x, given):
        return False
    return is_d_separated(dag, z, y, given, without_edges_out_of={x})


def is_frontdoor_set(dag: nx.DiGraph, x: str, y: str, m: Iterable[str]) -> bool:
    """Whether ``m`` satisfies the front-door criterion for ``x -> y`` in ``dag``.

    >>> fd = nx.DiGraph([("u", "x"), ("u", "y"), ("x", "m"), ("m", "y")])
    >>> is_frontdoor_set(fd, "x", "y", {"m"}), is_frontdoor_set(fd, "x", "y", {"u"})
    (True, False)
    """
    m = set(m)
    if not m or m & {x, y}:
        return False
    without_m = dag.subgraph(set(dag) - m)
    if nx.has_path(without_m, x, y):  # some directed path from X to Y avoids M
        return False
    if d_connected(dag, {x}, (), without_edges_out_of={x}) & m:
        return False
    return y not in d_connected(dag, m, {x}, without_edges_out_of=m)


def frontdoor_sets(
    dag: nx.DiGraph, x: str, y: str, observed: Iterable[str] | None = None
) -> list[frozenset[str]]:
    """Front-door sets among the natural candidates: X's mediating children, Y's mediating parents,
    and all mediators (restricted to ``observed``)."""
    observed_set = set(dag) if observed is None else set(observed)
    mediators = (nx.descendants(dag, x) & nx.ancestors(dag, y)) & observed_set
    candidates = [
        frozenset(set(dag.successors(x)) & mediators),
        frozenset(set(dag.predecessors(y)) & mediators),
        frozenset(mediators),
    ]
    unique = list(dict.fromkeys(c for c in candidates if c))
    return [m for m in unique if is_frontdoor_set(dag, x, y, m)]


def identify_target(
    dag: nx.DiGraph, x: str, y: str, observed: Iterable[str] | None = None
) -> TargetIdentification:
    """Adjustment sets, instruments and front-door sets for ``x -> y``, on X and Y's ancestral
    subgraph (everything identification needs lies there)."""
    observed_set = None if observed is None else set(observed)
    anc = ancestral_subgraph(dag, [x, y])
    if not nx.has_path(anc, x, y):
        return TargetIdentification(has_causal_path=False)
    sets, truncated = minimal_adjustment_sets(anc, x, y, observed_set)
    return TargetIdentification(
        has_causal_path=True,
        adjustment_sets=sets,
        adjustment_sets_truncated=truncated,
        instruments=instruments(anc, x, y, observed_set),
        frontdoor_sets=frontdoor_sets(anc, x, y, observed_set),
    )


def _component(graph: nx.Graph, start: str, removed: set[str]) -> set[str]:
    """The connected component of ``start`` once ``removed`` is taken out."""
    seen, stack = {start}, [start]
    while stack:
        for nbr in graph[stack.pop()]:
            if nbr not in seen and nbr not in removed:
                seen.add(nbr)
                stack.append(nbr)
    return seen


def _neighbourhood(graph: nx.Graph, nodes: set[str]) -> frozenset[str]:
    return frozenset({nbr for n in nodes for nbr in graph[n]} - nodes)


def _eliminate(graph: nx.Graph, nodes: set[str]) -> nx.Graph:
    """Remove ``nodes``, joining each one's neighbours: separation among the rest is unchanged for
    separators that may not contain them."""
    g = graph.copy()
    for node in sorted(nodes):
        nbrs = list(g[node])
        g.add_edges_from((u, v) for i, u in enumerate(nbrs) for v in nbrs[i + 1 :])
        g.remove_node(node)
    return g


def _nearest_ancestors(dag: nx.DiGraph, x: str, limit: int) -> list[str]:
    """X's ancestors in breadth-first order (parents first), at most ``limit``."""
    order: list[str] = []
    seen = {x}
    queue = deque([x])
    while queue and len(order) < limit:
        for parent in sorted(dag.predecessors(queue.popleft())):
            if parent not in seen:
                seen.add(parent)
                order.append(parent)
                queue.append(parent)
    return order[:limit]
