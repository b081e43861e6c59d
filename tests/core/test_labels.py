"""The command line and the app describe an edge with the same words (issue 14: one name for one
thing, counts that agree), because both read them from ``causemap.labels``."""

from __future__ import annotations

from causemap.cli.graph_commands import describe_graph
from causemap.graphbuilder.knowledge_graph import KnowledgeGraph
from causemap.models import Edge, Variable
from causemap.ui.graph_view import network_data


def _graph(polarity: str | None, counts: dict[str, int]) -> KnowledgeGraph:
    variables = {v: Variable(id=v, label=v.replace("_", " ")) for v in ("salt_intake", "blood_pressure")}
    edge = Edge(
        source="salt_intake",
        target="blood_pressure",
        polarity=polarity,
        polarity_counts=counts,
        belief=0.6,
        n_papers=2,
        n_claims=sum(counts.values()),
    )
    return KnowledgeGraph(variables=variables, edges={("salt_intake", "blood_pressure"): edge})


def test_the_cli_and_the_app_use_the_same_words_for_an_edge():
    for polarity, counts, word, breakdown in (
        ("+", {"+": 3, "none": 1}, "increases", "3 increases, 1 unknown"),
        (None, {"+": 2, "-": 2}, "mixed", "2 increases, 2 decreases"),
        (None, {"none": 2}, "unknown", "2 unknown"),
    ):
        graph = _graph(polarity, counts)
        line = next(line for line in describe_graph(graph) if "salt intake -> blood pressure" in line)
        (panel,) = network_data(graph)["evidence"].values()
        assert f": {word}, belief" in line and panel["polarity"] == word
        assert f"({breakdown})" in line and panel["breakdown"] == breakdown
