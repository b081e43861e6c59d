"""Test graphs for the planner: textbook DAGs with known answers, and knowledge graphs built
directly from edges, as the graph stage would hand them to the planner. (A module with its own
name, not conftest, so that imports cannot pick another folder's conftest.)"""

from __future__ import annotations

from causemap.graphbuilder.knowledge_graph import CandidateDAG, DroppedEdge, KnowledgeGraph
from causemap.models import Edge, Evidence, Provenance, StudyDesign, Variable

TEXTBOOK = {
    # X <- Z -> Y, X -> Y
    "confounder": [("z", "x"), ("z", "y"), ("x", "y")],
    # X -> M -> Y
    "mediator": [("x", "m"), ("m", "y")],
    # X -> C <- Y, C -> D
    "collider": [("x", "c"), ("y", "c"), ("c", "d")],
    # X <- A -> M <- B -> Y, X -> Y (adjusting for M opens a path)
    "m_bias": [("a", "x"), ("a", "m"), ("b", "m"), ("b", "y"), ("x", "y")],
    # Z -> X -> Y, X <- U -> Y (U unmeasured)
    "instrument": [("z", "x"), ("u", "x"), ("u", "y"), ("x", "y")],
    # X <- U -> Y, X -> M -> Y (U unmeasured)
    "front_door": [("u", "x"), ("u", "y"), ("x", "m"), ("m", "y")],
    # C -> X, C -> Y, X -> Y, C -> N (negative-control outcome), C -> E (negative-control exposure)
    "negative_controls": [("c", "x"), ("c", "y"), ("x", "y"), ("c", "n"), ("c", "e")],
}


def evidence(
    s: str,
    t: str,
    paper: str = "paper-1",
    page: int = 1,
    design: str = "cohort",
    relation: str = "causal",
    hedged: bool = False,
    polarity: str = "+",
) -> Evidence:
    quote = f"{s.capitalize()} increases {t}."
    return Evidence(
        claim_id=f"{paper}-{s}-{t}-{page}",
        provenance=Provenance(
            paper_id=paper, title=f"Study {paper}", page=page, start=0, end=len(quote), text=quote
        ),
        design=StudyDesign(design),
        relation=relation,
        hedged=hedged,
        polarity=polarity,
    )


def make_graph(
    edges: dict[tuple[str, str], float],
    labels: dict[str, str] | None = None,
    candidates: list[list[tuple[str, str]]] | None = None,
    papers: dict[tuple[str, str], int] | None = None,
) -> KnowledgeGraph:
    """A knowledge graph whose edges have the given beliefs, each backed by ``papers[edge]`` cohort
    papers (default 2); ``candidates`` lists each candidate DAG's edges (default: none)."""
    labels = labels or {}
    nodes = sorted({v for e in edges for v in e} | set(labels))
    variables = {v: Variable(id=v, label=labels.get(v, v)) for v in nodes}
    kg_edges = {}
    for (s, t), belief in edges.items():
        n = (papers or {}).get((s, t), 2)
        ev = [evidence(s, t, paper=f"p{i}-{s}-{t}") for i in range(n)]
        kg_edges[(s, t)] = Edge(
            source=s,
            target=t,
            polarity="+",
            polarity_counts={"+": n},
            belief=belief,
            n_papers=n,
            n_claims=n,
            designs=[StudyDesign.COHORT],
            evidence=ev,
        )
    dags = []
    for rank, kept in enumerate(candidates or [], 1):
        dropped = [DroppedEdge(e, "breaks a cycle") for e in edges if e not in kept]
        dags.append(CandidateDAG(rank=rank, score=-float(rank), edges=list(kept), dropped=dropped))
    return KnowledgeGraph(variables=variables, edges=kg_edges, candidates=dags)
