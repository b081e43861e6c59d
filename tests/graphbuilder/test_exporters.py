"""Every export format loads back (networkx, pydot, DoWhy) into the graph it came from."""

from __future__ import annotations

import io
import json
import re

import networkx as nx
import numpy as np
import pandas as pd
import pydot
import pytest

from causemap.graphbuilder.assemble import build_knowledge_graph
from causemap.graphbuilder.exporters import EXPORTERS, Exporter, ExportError, export_graph
from causemap.graphbuilder.exporters.dot import POLARITY_COLOURS
from causemap.graphbuilder.knowledge_graph import KnowledgeGraph
from causemap.models import Claim


def _claims(make_claim):
    quote = 'Salt "raised" <blood pressure> & stroke risk \u2014 in r\u00e9gime A.'
    return [
        make_claim("p1", "salt", "blood pressure", "+", sentence=quote, design="rct"),
        make_claim("p2", "salt", "blood pressure", "+", design="cohort"),
        make_claim("p3", "salt", "blood pressure", "0", negated=True),
        make_claim("p1", "blood pressure", "stroke", "+", page=2),
        make_claim("p4", "stroke", "salt", "+"),  # closes a cycle
        make_claim("p5", "potassium", "blood pressure", "-", relation="correlational"),
        make_claim("p6", "coffee", "stroke", "0"),
        make_claim("p7", "r\u00e9gime A", "stroke", "-"),
    ]


@pytest.fixture
def kg(make_claim) -> KnowledgeGraph:
    return build_knowledge_graph(_claims(make_claim), {"p1": "A trial & a <title>"})


def test_registry_holds_every_format_behind_the_protocol():
    assert set(EXPORTERS) == {"json", "graphml", "dot", "dagitty", "gml"}
    for name, exporter in EXPORTERS.items():
        assert isinstance(exporter, Exporter) and exporter.name == name
        assert exporter.suffix.startswith(".")


def _expected_provenance(claims, titles) -> dict[str, dict]:
    """Each claim's provenance as the claim itself states it (not as any exporter writes it)."""
    return {
        c.id: {
            "paper_id": c.paper_id,
            "title": titles.get(c.paper_id),
            "page": c.page,
            "start": c.sentence_start,
            "end": c.sentence_end,
            "text": c.sentence,
            "section": c.section,
        }
        for c in claims
    }


def _assert_evidence_carries_provenance(items: list[dict], expected: dict[str, dict], claims) -> None:
    roles = {c.id: c.role.value for c in claims}
    assert items
    for item in items:
        # one nested object with exactly the Provenance fields, not copies flattened into the item
        assert item["provenance"] == expected[item["claim_id"]]
        assert set(item["provenance"]) == {"paper_id", "title", "page", "start", "end", "text", "section"}
        assert not {"paper_id", "page", "quote", "text", "start"} & set(item)
        assert item["role"] == roles[item["claim_id"]]


def test_json_keeps_full_provenance(make_claim):
    claims = _claims(make_claim)
    claims[0] = Claim.model_validate({**claims[0].model_dump(), "section": "results"})
    claims[3] = Claim.model_validate(
        {**claims[3].model_dump(), "section": "introduction", "role": "background"}
    )
    titles = {"p1": "A trial & a <title>"}
    document = json.loads(export_graph(build_knowledge_graph(claims, titles), "json"))
    items = [e for edge in document["edges"] for e in edge["evidence"]]
    assert {e["claim_id"] for e in items} == {c.id for c in claims}
    _assert_evidence_carries_provenance(items, _expected_provenance(claims, titles), claims)
    quoted = next(e for e in items if e["provenance"]["paper_id"] == "p1" and e["provenance"]["page"] == 1)
    assert (
        quoted["provenance"]["text"]
        == 'Salt "raised" <blood pressure> & stroke risk \u2014 in r\u00e9gime A.'
    )
    assert quoted["provenance"]["section"] == "results" and quoted["provenance"]["title"] == titles["p1"]
    background = next(e for e in items if e["provenance"]["section"] == "introduction")
    assert background["role"] == "background"


def test_json_of_a_candidate_has_only_its_edges(kg):
    second = kg.candidates[1]
    document = json.loads(export_graph(kg, "json", candidate=2))
    assert [(e["source"], e["target"]) for e in document["edges"]] == sorted(second.edges)
    assert document["candidates"] == [second.to_dict()]


def test_graphml_round_trip_keeps_attributes(kg):
    loaded = nx.read_graphml(io.BytesIO(export_graph(kg, "graphml").encode()))
    assert set(loaded.nodes) == set(kg.variables)
    assert set(loaded.edges) == set(kg.edges)
    for v in kg.variables.values():
        assert loaded.nodes[v.id]["label"] == v.label
        assert json.loads(loaded.nodes[v.id]["aliases"]) == v.aliases
    for key, edge in kg.edges.items():
        attrs = loaded.edges[key]
        assert attrs["belief"] == pytest.approx(edge.belief)
        assert attrs["polarity"] == (edge.polarity or "")
        assert attrs["contradiction"] == edge.contradiction
        assert attrs["n_claims"] == edge.n_claims and attrs["n_papers"] == edge.n_papers
        assert json.loads(attrs["evidence"]) == [e.model_dump(mode="json") for e in edge.evidence]
        assert json.loads(attrs["polarity_counts"]) == edge.polarity_counts
    assert loaded.edges[("potassium", "blood_pressure")]["association_only"] is True


def test_every_format_with_edge_attributes_carries_the_provenance(make_claim):
    claims = _claims(make_claim)
    titles = {"p1": "A trial & a <title>"}
    graph = build_knowledge_graph(claims, titles)
    expected = _expected_provenance(claims, titles)
    graphml = nx.read_graphml(io.BytesIO(export_graph(graph, "graphml").encode()))
    items = [e for _, _, attrs in graphml.edges(data=True) for e in json.loads(attrs["evidence"])]
    _assert_evidence_carries_provenance(items, expected, claims)
    assert {e["claim_id"] for e in items} == {c.id for c in claims}
    gml = nx.parse_gml(export_graph(graph, "gml"))
    items = [e for _, _, attrs in gml.edges(data=True) for e in json.loads(attrs["evidence"])]
    _assert_evidence_carries_provenance(items, expected, claims)
    (dot,) = pydot.graph_from_dot_data(export_graph(graph, "dot"))
    items = [e for edge in dot.get_edges() for e in json.loads(_dot_unquote(edge.get("evidence")))]
    _assert_evidence_carries_provenance(items, expected, claims)
    assert {e["claim_id"] for e in items} == {c.id for c in claims}


def _dot_unquote(value: str) -> str:
    assert value.startswith('"') and value.endswith('"')
    return re.sub(r"\\(.)", r"\1", value[1:-1])


@pytest.mark.filterwarnings("ignore::DeprecationWarning")  # pydot's use of pyparsing
def test_dot_parses_and_draws_sign_belief_and_contest(kg):
    (parsed,) = pydot.graph_from_dot_data(export_graph(kg, "dot"))
    edges = {(e.get_source().strip('"'), e.get_destination().strip('"')): e for e in parsed.get_edges()}
    assert set(edges) == set(kg.edges)
    nodes = {n.get_name().strip('"') for n in parsed.get_nodes()} - {"node", "edge", "graph"}
    assert nodes == set(kg.variables)
    widths = []
    for key, edge in kg.edges.items():
        drawn = edges[key]
        assert drawn.get("color").strip('"') == POLARITY_COLOURS[edge.polarity]
        assert (drawn.get("style") == "dashed") == edge.contradiction
        widths.append((edge.belief, float(drawn.get("penwidth"))))
    widths.sort()
    assert [w for _, w in widths] == sorted(w for _, w in widths)
    assert widths[0][1] < widths[-1][1]


def _dagitty_edges(text: str) -> tuple[set[str], set[tuple[str, str]]]:
    body = re.fullmatch(r"dag \{\n(.*)\n\}\n", text, flags=re.S)
    assert body, text
    nodes, edges = set(), set()
    for line in body.group(1).splitlines():
        if "->" in line:
            s, t = (part.strip() for part in line.split("->"))
            edges.add((s, t))
        else:
            assert re.fullmatch(r"[A-Za-z][A-Za-z0-9_]*", line), line
            nodes.add(line)
    return nodes, edges


def test_dagitty_is_the_top_candidate_by_default(kg):
    nodes, edges = _dagitty_edges(export_graph(kg, "dagitty"))
    assert nodes == set(kg.variables)
    assert edges == set(kg.candidates[0].edges)
    assert nx.is_directed_acyclic_graph(nx.DiGraph(list(edges)))
    _, second = _dagitty_edges(export_graph(kg, "dagitty", candidate=kg.candidates[1]))
    assert second == set(kg.candidates[1].edges) and second != edges


def test_gml_loads_in_networkx_and_as_dowhys_graph(kg):
    from dowhy import CausalModel

    text = export_graph(kg, "gml")
    loaded = nx.parse_gml(text)
    assert set(loaded.nodes) == set(kg.variables)
    assert set(loaded.edges) == set(kg.candidates[0].edges)
    assert nx.is_directed_acyclic_graph(loaded)
    for key in loaded.edges:
        assert loaded.edges[key]["belief"] == pytest.approx(kg.edges[key].belief)
    rng = np.random.default_rng(0)
    data = pd.DataFrame(rng.normal(size=(50, len(kg.variables))), columns=list(kg.variables))
    model = CausalModel(data=data, treatment="salt", outcome="stroke", graph=text)
    dowhy_graph = model._graph._graph
    assert set(dowhy_graph.nodes) == set(loaded.nodes)
    assert set(dowhy_graph.edges) == set(loaded.edges)


def test_acyclic_formats_need_a_candidate_and_unknown_requests_fail(kg):
    with pytest.raises(ExportError):
        export_graph(KnowledgeGraph(variables=kg.variables, edges=kg.edges), "gml")
    with pytest.raises(ExportError):
        export_graph(kg, "dagitty", candidate=99)
    with pytest.raises(ExportError):
        export_graph(kg, "svg")
