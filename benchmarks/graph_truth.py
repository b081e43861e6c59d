"""The whole pipeline on the sample corpus, measured against the graph it was written to express.

    python benchmarks/graph_truth.py [--workspace DIR]

Ingests corpus_samples/pdf into a fresh workspace (or reuses DIR), extracts with the rules extractor,
builds the knowledge graph with the default settings and reports edge precision and recall of the
knowledge graph and of the top candidate DAG against corpus_samples/truth.json (our variables are
mapped to the truth's through its aliases; see graphbuilder/truth_eval.py), and the contradictions found.
"""

from __future__ import annotations

import argparse
import json
import tempfile
from pathlib import Path

import this_checkout  # noqa: F401  (first: this checkout's causemap, not the installed one)

from causemap.graphbuilder import truth_eval
from causemap.graphbuilder.extract_pipeline import extract_workspace
from causemap.graphbuilder.extractors import make_extractor
from causemap.graphbuilder.graph_service import build_workspace_graph
from causemap.ingest.pipeline import ingest_paths
from causemap.workspace import Workspace

REPO = Path(__file__).resolve().parents[1]


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--workspace", type=Path)
    args = parser.parse_args()
    root = args.workspace or Path(tempfile.mkdtemp()) / "ws"
    ws = Workspace.open(root)
    ingest_paths(ws, [REPO / "corpus_samples" / "pdf"], progress=False)
    extract_workspace(ws, *make_extractor("rules", ws.settings.extract, ws.store), progress=False)
    graph = build_workspace_graph(ws.store, ws.settings)
    scores = truth_eval.edge_scores(graph, truth_eval.load_truth(REPO / "corpus_samples" / "truth.json"))
    print(
        json.dumps(
            {"variables": len(graph.variables), "edges": len(graph.edges), **scores}, indent=2, default=str
        )
    )


if __name__ == "__main__":
    main()
