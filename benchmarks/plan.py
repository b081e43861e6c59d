"""Time to plan a 200-variable, 600-edge knowledge graph with a target (goal: under 10 s).

The graph is synthetic and seeded: a random DAG with preferential attachment (so that a few
variables are hubs, as in literature graphs), ten feedback edges that make cycles, three candidate
DAGs that differ in their weakest edges, and 40 co-occurring pairs. The target is the variable with
the most ancestors and one of its ancestors half-way up. DoWhy's import (about 2-3 s, paid once per
process) is timed apart from planning.

    /work/venv/bin/python benchmarks/plan.py [--nodes 200] [--edges 600] [--repeat 3]
"""

from __future__ import annotations

import argparse
import random
import statistics
import time

import networkx as nx

from causemap.graphbuilder.knowledge_graph import CandidateDAG, DroppedEdge, KnowledgeGraph
from causemap.models import Edge, Evidence, Provenance, StudyDesign, Variable

FEEDBACK_EDGES = 10
VARIANT_DROPS = 8
COOCCURRING_PAIRS = 40


def synthetic_graph(n_nodes: int, n_edges: int, seed: int = 0) -> KnowledgeGraph:
    rng = random.Random(seed)
    nodes = [f"v{i:03d}" for i in range(n_nodes)]
    forward: set[tuple[str, str]] = set()
    weight = [1.0] * n_nodes
    while len(forward) < n_edges - FEEDBACK_EDGES:
        j = rng.randrange(1, n_nodes)
        i = rng.choices(range(j), weights=weight[:j])[0]  # hubs attract more out-edges
        if (nodes[i], nodes[j]) not in forward:
            forward.add((nodes[i], nodes[j]))
            weight[i] += 1.0
    feedback = set()
    while len(feedback) < FEEDBACK_EDGES:
        i, j = sorted(rng.sample(range(n_nodes), 2))
        if (nodes[i], nodes[j]) in forward:
            feedback.add((nodes[j], nodes[i]))
    edges = {}
    for s, t in sorted(forward | feedback):
        belief = round(rng.uniform(0.2, 0.95), 2)
        n_papers = rng.randint(1, 4)
        evidence = [
            Evidence(
                claim_id=f"{s}{t}{k}",
                provenance=Provenance(
                    paper_id=f"paper{rng.randrange(300)}",
                    title="T",
                    page=rng.randint(1, 12),
                    start=0,
                    end=len(f"{s} increases {t}."),
                    text=f"{s} increases {t}.",
                ),
                design=rng.choice(list(StudyDesign)),
                hedged=rng.random() < 0.3,
            )
            for k in range(n_papers)
        ]
        edges[(s, t)] = Edge(
            source=s,
            target=t,
            polarity="+",
            polarity_counts={"+": n_papers},
            belief=belief,
            n_papers=n_papers,
            n_claims=n_papers,
            evidence=evidence,
        )
    weakest = sorted(forward, key=lambda e: (edges[e].belief, e))[: VARIANT_DROPS * 3]
    candidates = []
    for rank in range(1, 4):
        drop = set(rng.sample(weakest, VARIANT_DROPS)) if rank > 1 else set()
        kept = sorted(forward - drop)
        dropped = [DroppedEdge(e, "breaks a cycle") for e in sorted(feedback)]
        dropped += [DroppedEdge(e, "alternative reading") for e in sorted(drop)]
        candidates.append(CandidateDAG(rank, -float(rank), kept, dropped))
    variables = {v: Variable(id=v, label=f"variable {v}") for v in nodes}
    return KnowledgeGraph(variables=variables, edges=edges, candidates=candidates)


def pick_target(graph: KnowledgeGraph) -> tuple[str, str]:
    dag = nx.DiGraph(graph.candidates[0].edges)
    y = max(dag, key=lambda v: (len(nx.ancestors(dag, v)), v))
    ancestors = sorted(nx.ancestors(dag, y), key=lambda v: (len(nx.ancestors(dag, v)), v))
    return ancestors[len(ancestors) // 2], y


def cooccurrences(graph: KnowledgeGraph, seed: int = 0) -> dict:
    rng = random.Random(seed)
    nodes = sorted(graph.variables)
    pairs = {}
    while len(pairs) < COOCCURRING_PAIRS:
        a, b = sorted(rng.sample(nodes, 2))
        if (a, b) not in graph.edges and (b, a) not in graph.edges:
            pairs[(a, b)] = [
                Provenance(paper_id="p", page=1, start=0, end=len(f"{a} and {b}"), text=f"{a} and {b}")
            ]
    return pairs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--nodes", type=int, default=200)
    parser.add_argument("--edges", type=int, default=600)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    graph = synthetic_graph(args.nodes, args.edges)
    target = pick_target(graph)
    pairs = cooccurrences(graph)
    dag = nx.DiGraph(graph.candidates[0].edges)
    print(
        f"graph: {len(graph.variables)} variables, {len(graph.edges)} edges, "
        f"{len(graph.candidates)} candidates; target {target[0]} -> {target[1]} "
        f"({len(nx.ancestors(dag, target[1])) + 1} variables in its ancestral subgraph)"
    )

    started = time.perf_counter()
    from causemap.planner import make_plan
    from causemap.planner.dowhy_tools import quiet_dowhy

    with quiet_dowhy():
        import dowhy.causal_identifier  # noqa: F401  (timed apart: paid once per process)
    print(f"import (planner + DoWhy): {time.perf_counter() - started:.2f} s")

    for use_dowhy in (False, True):
        times = []
        for _ in range(args.repeat):
            started = time.perf_counter()
            plan = make_plan(graph, target, cooccurrence=pairs, use_dowhy=use_dowhy)
            times.append(time.perf_counter() - started)
        label = "with DoWhy identification" if use_dowhy else "graph algorithms only    "
        print(
            f"make_plan {label}: median {statistics.median(times):.2f} s, "
            f"max {max(times):.2f} s over {args.repeat} runs; {len(plan.items)} items, "
            f"{len(plan.gaps)} gaps"
        )
    started = time.perf_counter()
    plan = make_plan(graph, cooccurrence=pairs, use_dowhy=False)
    print(
        f"make_plan without target: {time.perf_counter() - started:.2f} s; "
        f"{len(plan.items)} items, {len(plan.gaps)} gaps"
    )


if __name__ == "__main__":
    main()
