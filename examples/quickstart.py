"""causemap from Python: papers in, a causal graph with its evidence, a plan, and answers out.

    python examples/quickstart.py [PAPERS] [WORKSPACE]

PAPERS defaults to the bundled sample papers (corpus_samples/pdf), WORKSPACE to ./quickstart-workspace.
Running it again is quick: what is already stored is skipped.
"""

from __future__ import annotations

import sys
from pathlib import Path

import causemap

HERE = Path(__file__).resolve().parent


def main(papers: Path, workspace: Path) -> None:
    ws = causemap.open(workspace, create=True)

    # 1. ingest: PDFs (or .txt/.md/.jsonl abstracts) -> pages, chunks, vectors
    ingested = ws.ingest(
        papers, progress=lambda done, total, name: print(f"  reading {done + 1}/{total} {name}")
    )
    new, known, failed = len(ingested.ingested), len(ingested.skipped), len(ingested.failed)
    print(f"ingest: {new} new, {known} already there, {failed} failed")

    # 2. extract: cause-effect claims, each with its sentence, page and character offsets
    extracted = ws.extract("rules")
    print(f"extract: {extracted.claims_stored} new claims from {extracted.sentences} sentences")

    # 3. graph: variables, edges whose belief combines the papers behind them, candidate DAGs
    kg = ws.graph()
    print(f"graph: {len(kg.variables)} variables, {len(kg.edges)} edges, {len(kg.candidates)} candidate DAGs")
    strongest = sorted(kg.edges.values(), key=lambda e: -e.belief)[:3]
    if not strongest:
        sys.exit(f"no cause-effect claims were read from {papers}: nothing to draw or plan")
    for edge in strongest:
        source, target = kg.variables[edge.source].label, kg.variables[edge.target].label
        print(f"  {source} -> {target}  belief {edge.belief:.2f}, {edge.n_papers} paper(s)")
        for evidence in edge.evidence[:2]:
            print(f"      {evidence.provenance.cite()}: {evidence.provenance.text[:100]}")
    dot_file = kg.export("dot", ws.root / "graph.dot")
    print(f"  the graph as DOT: {ws.root / 'graph.dot'} ({len(dot_file)} characters)")
    dag = kg.candidates[0].to_networkx(kg)  # a networkx DiGraph, ready for DoWhy
    print(f"  candidate DAG 1 as networkx: {dag.number_of_nodes()} nodes, {dag.number_of_edges()} edges")

    # 4. plan: gaps and proposals for the strongest edge's effect
    first = strongest[0]
    plan = ws.plan(target=f"{first.source} -> {first.target}", graph=kg, use_llm=False)
    effect = f"{kg.variables[first.source].label} -> {kg.variables[first.target].label}"
    print(f"plan for {effect}: {len(plan.gaps)} gaps, {len(plan.items)} proposals")
    for item in plan.items[:3]:
        print(f"  [{item.kind}] {item.title}")

    # ask: the passages closest to a question, with where they were read
    for passage in ws.ask("what lowers blood pressure?", k=2):
        print(f"ask: {passage.provenance.cite()} (score {passage.score:.2f})")

    print(f"status: {ws.status().counts['claims']} claims in {ws.root}")
    ws.close()


if __name__ == "__main__":
    main(
        Path(sys.argv[1]) if len(sys.argv) > 1 else HERE.parent / "corpus_samples" / "pdf",
        Path(sys.argv[2]) if len(sys.argv) > 2 else Path("quickstart-workspace"),
    )
