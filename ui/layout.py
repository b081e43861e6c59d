"""Where the Graph page puts each variable: computed here, once, so the browser only draws.

Deterministic (the same graph is drawn the same way on every visit):

- ``layered_layout``: causes to the left of their effects, in columns (a Sugiyama-style drawing).
  A cycle cannot be drawn left to right: its weakest edges (a minimum feedback arc set weighted by
  belief, the graph stage's own algorithm) are the ones drawn pointing back. Within a column,
  variables are ordered by the barycentre of their neighbours to reduce crossings. It stays readable
  at a thousand edges because nearly every arrow points the same way. A real collection has few
  columns (chains of claims are short) and tall ones: a column taller than the drawing's shape
  allows is wrapped into several side by side, so that the drawing fills a wide canvas instead of a
  narrow strip whose labels, fitted to the screen, are too small to read.

The other layout the page offers, force-directed, is vis-network's physics in the browser (a spring
layout here took seconds at a thousand edges). Laying out in Python keeps the page's load time flat in
the size of the graph: the browser receives coordinates and draws them in one pass.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from typing import Literal

import networkx as nx

from causemap.graphbuilder.feedback_arcs import minimum_feedback_arc_set

__all__ = ["LAYOUTS", "LayoutName", "layered_layout"]

LayoutName = Literal["layered", "force"]
LAYOUTS: dict[LayoutName, str] = {
    "layered": "Layered (causes → effects)",
    "force": "Force-directed",
}
Position = tuple[float, float]


def layered_layout(
    nodes: Iterable[str],
    edges: Iterable[tuple[str, str]],
    *,
    weights: Mapping[tuple[str, str], float] | None = None,
    column_gap: float = 260.0,
    row_gap: float = 70.0,
    sweeps: int = 6,
    aspect: float = 1.2,
) -> dict[str, Position]:
    """Columns from causes to effects; every edge points right or stays within a column (a cycle).

    Parameters
    ----------
    nodes, edges
        The graph to draw; edges between unknown nodes add them.
    weights
        How much each edge should point forwards (its belief); on a cycle, the lightest edges are
        drawn backwards. Missing edges weigh 1.
    column_gap, row_gap
        Distance between columns and between the variables of a column, in the drawing's units.
    sweeps
        Passes of the barycentre heuristic (alternately left-to-right and right-to-left).
    aspect
        The width / height the drawing should have (the Graph page's canvas): columns taller than it
        allows are wrapped into several, still right of their causes and left of their effects.

    Examples
    --------
    >>> pos = layered_layout(["a", "b", "c"], [("a", "b"), ("b", "c"), ("a", "c")])
    >>> pos["a"][0] < pos["b"][0] < pos["c"][0]
    True
    >>> cycle = layered_layout(["x", "y"], [("x", "y"), ("y", "x")], weights={("y", "x"): 0.2})
    >>> cycle["x"][0] < cycle["y"][0]  # y -> x, the weaker edge, is the one drawn backwards
    True
    """
    graph = nx.DiGraph()
    graph.add_nodes_from(nodes)
    graph.add_edges_from(edges)
    if not graph:
        return {}
    column = _columns(graph, weights or {})
    columns: dict[int, list[str]] = {}
    for node in sorted(graph, key=str):
        columns.setdefault(column[node], []).append(node)
    order = [columns[c] for c in sorted(columns)]
    _reduce_crossings(graph.to_undirected(as_view=True), order, sweeps)
    rows = _rows_per_column([len(m) for m in order], column_gap, row_gap, aspect)
    positions: dict[str, Position] = {}
    x = 0
    for members in order:
        for start in range(0, len(members), rows):  # a tall column wrapped into several
            part = members[start : start + rows]
            middle = (len(part) - 1) / 2
            for row, node in enumerate(part):
                positions[node] = (x * column_gap, (row - middle) * row_gap)
            x += 1
    return positions


def _rows_per_column(sizes: list[int], column_gap: float, row_gap: float, aspect: float) -> int:
    """The most variables one drawn column holds: the count whose wrapped drawing is closest in shape to
    ``aspect`` (never fewer than 6 rows, so a small graph is not spread thin)."""
    tallest = max(sizes)

    def misfit(rows: int) -> float:
        width = sum(math.ceil(n / rows) for n in sizes) * column_gap
        return abs(math.log(width / (rows * row_gap) / aspect))

    return min(range(min(6, tallest), tallest + 1), key=lambda rows: (misfit(rows), -rows))


def _columns(graph: nx.DiGraph, weights: Mapping[tuple[str, str], float]) -> dict[str, int]:
    """Each node's column: the longest chain of forward edges leading to it."""
    arcs = {edge: float(weights.get(edge, 1.0)) for edge in graph.edges if edge[0] != edge[1]}
    backwards = minimum_feedback_arc_set(arcs) or frozenset()
    forward = nx.DiGraph()
    forward.add_nodes_from(graph)
    forward.add_edges_from(edge for edge in arcs if edge not in backwards)
    ordered = list(nx.topological_sort(forward))
    depth: dict[str, int] = {}
    for node in ordered:
        depth[node] = max((depth[p] + 1 for p in forward.predecessors(node)), default=0)
    # Pull causes towards their first effect, so that a lone cause is not stranded in column 0.
    for node in reversed(ordered):
        successors = list(forward.successors(node))
        if successors and not forward.in_degree(node):
            depth[node] = min(depth[s] for s in successors) - 1
    return depth


def _reduce_crossings(graph: nx.Graph, order: list[list[str]], sweeps: int) -> None:
    """Reorder each column by the mean row of its neighbours in the column before (or after)."""

    def rows() -> dict[str, float]:
        out: dict[str, float] = {}
        for members in order:
            middle = (len(members) - 1) / 2
            out.update((node, row - middle) for row, node in enumerate(members))
        return out

    column_of = {node: index for index, members in enumerate(order) for node in members}
    for sweep in range(sweeps):
        forward = sweep % 2 == 0
        indices = range(1, len(order)) if forward else range(len(order) - 2, -1, -1)
        for index in indices:
            current = rows()
            side = index - 1 if forward else index + 1

            def barycentre(node: str, side: int = side, current: Mapping[str, float] = current) -> float:
                near = [current[n] for n in graph[node] if column_of[n] == side]
                return sum(near) / len(near) if near else current[node]

            order[index].sort(key=lambda node: (barycentre(node), current[node]))
