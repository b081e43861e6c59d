"""Directed graphs given as their arcs: successor lists, strongly connected components, shortest
paths and topological positions.

The routines every use of a graph of candidate edges needs, whatever it does with cycles: the
feedback arc sets (``feedback_arcs``) split the problem over the components and keep an order
topological, and ``candidates`` asks whether an edge would close a cycle. Deterministic: successors
are visited in sorted order, and ties in an order are broken by vertex names.
"""

from __future__ import annotations

import heapq
from collections import defaultdict, deque
from collections.abc import Collection, Hashable, Iterable, Mapping

__all__ = ["Arc", "adjacency", "find_path", "strongly_connected_components", "topological_positions"]

Arc = tuple[Hashable, Hashable]


def adjacency(arcs: Iterable[Arc]) -> dict[Hashable, list[Hashable]]:
    """Successor lists, each sorted (so that searches visit vertices in a fixed order)."""
    succ: dict[Hashable, list[Hashable]] = defaultdict(list)
    for u, v in sorted(arcs):
        succ[u].append(v)
    return succ


def strongly_connected_components(arcs: Collection[Arc]) -> list[list[Arc]]:
    """The arcs inside each strongly connected component with a cycle (iterative Tarjan), sorted."""
    succ = adjacency(arcs)
    nodes = sorted({n for arc in arcs for n in arc})
    index: dict[Hashable, int] = {}
    low: dict[Hashable, int] = {}
    on_stack: set[Hashable] = set()
    stack: list[Hashable] = []
    component_of: dict[Hashable, int] = {}
    counter = 0
    for root in nodes:
        if root in index:
            continue
        work = [(root, 0)]
        while work:
            node, i = work.pop()
            if i == 0:
                index[node] = low[node] = counter
                counter += 1
                stack.append(node)
                on_stack.add(node)
            children = succ.get(node, [])
            if i < len(children):
                work.append((node, i + 1))
                child = children[i]
                if child not in index:
                    work.append((child, 0))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            if low[node] == index[node]:
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component_of[member] = index[node]
                    if member == node:
                        break
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
    inside: dict[int, list[Arc]] = defaultdict(list)
    for u, v in arcs:
        if component_of[u] == component_of[v] and u != v:
            inside[component_of[u]].append((u, v))
    return sorted(sorted(group) for group in inside.values())


def find_path(
    succ: Mapping[Hashable, list[Hashable]],
    start: Hashable,
    goal: Hashable,
    position: Mapping[Hashable, float] | None = None,
) -> list[Hashable] | None:
    """A shortest path from ``start`` to ``goal`` (breadth first), or None.

    With ``position``, a topological order of the graph, vertices past the goal are not visited.
    """
    limit = position[goal] if position is not None and goal in position else None
    parent: dict[Hashable, Hashable] = {start: start}
    queue = deque([start])
    while queue:
        node = queue.popleft()
        if node == goal:
            path = [node]
            while path[-1] != start:
                path.append(parent[path[-1]])
            return path[::-1]
        for nxt in succ.get(node, []):
            if nxt in parent or (limit is not None and position.get(nxt, limit) > limit):
                continue
            parent[nxt] = node
            queue.append(nxt)
    return None


def topological_positions(arcs: list[Arc], previous: Mapping[Hashable, float]) -> dict[Hashable, float]:
    """Positions in a topological order of an acyclic ``arcs`` (Kahn's algorithm).

    Ready vertices are taken in their ``previous`` order, then by name, so that little moves.
    """
    succ = adjacency(arcs)
    indegree: dict[Hashable, int] = defaultdict(int)
    nodes = {n for arc in arcs for n in arc} | set(previous)
    for _, v in arcs:
        indegree[v] += 1
    ready = [(previous.get(n, 0.0), str(n), n) for n in nodes if indegree[n] == 0]
    heapq.heapify(ready)
    order: list[Hashable] = []
    while ready:
        _, _, node = heapq.heappop(ready)
        order.append(node)
        for nxt in succ.get(node, []):
            indegree[nxt] -= 1
            if indegree[nxt] == 0:
                heapq.heappush(ready, (previous.get(nxt, 0.0), str(nxt), nxt))
    return {n: float(i) for i, n in enumerate(order)}
