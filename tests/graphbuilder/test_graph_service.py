"""The graph over a real workspace store: curation, variable decisions and their persistence."""

from __future__ import annotations

import json

import pytest

from causemap.graphbuilder.graph_service import (
    VariableDecisionError,
    build_workspace_graph,
    merge_variables,
    rename_variable,
    split_variable,
)
from causemap.models import Chunk, CurationState, Page, Paper
from causemap.settings import Settings
from causemap.store import Store

PAPERS = {"a" * 64: "Salt and pressure", "b" * 64: "Smoking and the heart"}


def _add_paper(store: Store, paper_id: str, sentences: list[str]) -> None:
    text = " ".join(sentences)
    paper = Paper(id=paper_id, source=f"{paper_id[:4]}.pdf", kind="pdf", title=PAPERS[paper_id])
    page = Page(paper_id=paper_id, number=1, text=text)
    chunk = Chunk(
        id=Chunk.make_id(paper_id, 1, 0, len(text)),
        paper_id=paper_id,
        page=1,
        section="body",
        start=0,
        end=len(text),
        text=text,
    )
    store.add_paper(paper, [page], [chunk])


def _extract(store: Store, make_claim, wording: dict[str, str]) -> None:
    """Store claims as an extractor would, with the given wording of each variable."""
    salt, smoke = "a" * 64, "b" * 64
    rows = [
        (salt, wording["salt"], "blood pressure", "+"),
        (salt, "hypertension", "stroke", "+"),
        (smoke, wording["smoking"], "heart disease", "+"),
        (smoke, "cigarette smoking", "blood pressure", "+"),
        (smoke, "tobacco", "stroke", "+"),
    ]
    designs = {salt: "rct", smoke: "case_control"}
    claims = [
        make_claim(p, c, e, pol, sentence=f"{c} affects {e}.", design=designs[p]) for p, c, e, pol in rows
    ]
    for paper_id in (salt, smoke):
        _add_paper(store, paper_id, [c.sentence for c in claims if c.paper_id == paper_id])
    store.add_claims(claims)


@pytest.fixture
def store(tmp_path, make_claim):
    with Store(tmp_path / "workspace.db") as s:
        _extract(s, make_claim, {"salt": "salt intake", "smoking": "smoking"})
        yield s


def _build(store: Store, **kwargs):
    return build_workspace_graph(store, Settings(workspace=store.path.parent), use_embeddings=False, **kwargs)


def test_builds_from_the_store_with_titles(store):
    graph = _build(store)
    edge = graph.edges[("salt_intake", "blood_pressure")]
    assert edge.evidence[0].title == "Salt and pressure"
    assert len(graph.candidates) >= 1


def test_curation_in_the_store_reaches_the_graph(store):
    graph = _build(store)
    (claim_id,) = [e.claim_id for e in graph.edges[("tobacco", "stroke")].evidence]
    store.set_claim_state([claim_id], CurationState.REJECTED)
    assert ("tobacco", "stroke") not in _build(store).edges
    (edited_id,) = [e.claim_id for e in graph.edges[("hypertension", "stroke")].evidence]
    store.edit_claim(edited_id, {"polarity": "-"})
    edited = _build(store).edges[("hypertension", "stroke")]
    assert edited.polarity == "-" and edited.evidence[0].state == CurationState.EDITED


def test_merge_rename_split_persist_and_survive_re_extraction(store, make_claim, tmp_path):
    graph = _build(store)
    merge_variables(store, graph, ["smoking", "cigarette_smoking", "tobacco"])
    graph = _build(store)
    assert {"cigarette_smoking", "tobacco"}.isdisjoint(graph.variables)
    rename_variable(store, graph, "smoking", "Tobacco smoking")
    graph = _build(store)
    assert graph.variables["tobacco_smoking"].label == "Tobacco smoking"
    split_variable(store, graph, "tobacco_smoking", ["tobacco"])
    graph = _build(store)
    assert ("tobacco", "stroke") in graph.edges
    assert ("tobacco_smoking", "heart_disease") in graph.edges
    assert [d["kind"] for d in store.variable_decisions()] == ["merge", "rename", "split"]

    # Re-extraction: the papers are re-read, and the extractor now words things differently.
    for paper_id in PAPERS:
        store.delete_paper(paper_id)
    _extract(store, make_claim, {"salt": "the salt intake", "smoking": "smoking status"})
    graph = _build(store)
    assert graph.variables["tobacco_smoking"].aliases == ["cigarette smoking", "smoking status"]
    assert ("tobacco", "stroke") in graph.edges
    assert [d["status"] for d in graph.report["decisions"]] == ["applied"] * 3


def test_decisions_are_checked_before_they_are_stored(store):
    graph = _build(store)
    with pytest.raises(VariableDecisionError):
        merge_variables(store, graph, ["smoking", "smoking"])
    with pytest.raises(VariableDecisionError):
        merge_variables(store, graph, ["smoking", "no_such_variable"])
    with pytest.raises(VariableDecisionError):
        rename_variable(store, graph, "smoking", "   ")
    with pytest.raises(VariableDecisionError):
        split_variable(store, graph, "smoking", ["smoking"])  # all of its aliases
    with pytest.raises(VariableDecisionError):
        split_variable(store, graph, "smoking", ["tobacco"])  # not one of its aliases
    assert store.variable_decisions() == []


def test_min_belief_filters_edges(store):
    graph = _build(store)
    cut = sorted(e.belief for e in graph.edges.values())[-1]
    filtered = _build(store, min_belief=cut)
    assert set(filtered.edges) == {k for k, e in graph.edges.items() if e.belief >= cut}
    assert len(filtered.edges) < len(graph.edges)


def test_the_packaged_model_merges_synonyms_in_a_workspace(store, embedder):
    graph = build_workspace_graph(store, Settings(workspace=store.path.parent), embedder=embedder)
    assert graph.report["synonym_merges"] >= 1
    smoking = next(v for v in graph.variables.values() if "smoking" in v.aliases)
    assert "cigarette smoking" in smoking.aliases


# A results paragraph of about 120 words (written for this test).
_RESULTS = (
    "Salt intake raised blood pressure in the trial. Two hundred adults with stage one hypertension were "
    "randomised to a diet low in sodium or to their usual diet for twelve weeks, and office and ambulatory "
    "blood pressure were measured at baseline, six weeks and twelve weeks. Adherence was checked with three "
    "urine collections in every participant. The low sodium diet lowered systolic blood pressure by six "
    "millimetres of mercury and diastolic blood pressure by three millimetres of mercury, and the effect "
    "was larger in older participants and in those with the highest sodium excretion at baseline. Adverse "
    "events were rare and similar in both groups, and no participant stopped the diet because of them."
)


def _add_version(store: Store, paper_id: str, kind: str, title: str | None, text: str) -> None:
    paper = Paper(id=paper_id, source=f"{paper_id[:4]}.{kind}", kind=kind, title=title, n_pages=1)
    page = Page(paper_id=paper_id, number=1, text=text)
    chunk = Chunk(
        id=Chunk.make_id(paper_id, 1, 0, len(text)),
        paper_id=paper_id,
        page=1,
        section="results",
        start=0,
        end=len(text),
        text=text,
    )
    store.add_paper(paper, [page], [chunk])


def test_versions_of_one_study_count_once_until_the_user_unlinks_them(tmp_path, make_claim):
    from typer.testing import CliRunner

    from causemap.cli import app

    published, again, record = "c" * 64, "d" * 64, "e" * 64
    sentence = "Salt intake raised blood pressure in the trial."
    with Store(tmp_path / "ws" / "causemap.db") as store:
        _add_version(store, published, "pdf", "Salt and pressure in adults with hypertension", _RESULTS)
        _add_version(store, again, "pdf", "Salt and pressure in adults with hypertension", _RESULTS)
        _add_version(store, record, "text", None, _RESULTS)  # a JSONL export repeating the PDF's text
        store.add_claims(
            make_claim(p, "Salt intake", "blood pressure", "+", sentence=sentence, section="results")
            for p in (published, again, record)
        )
        settings = Settings(workspace=tmp_path / "ws")
        graph = build_workspace_graph(store, settings, use_embeddings=False)
        edge = graph.edges[("salt_intake", "blood_pressure")]
        assert (edge.n_papers, edge.n_claims) == (1, 3)
        assert {e.study_id for e in edge.evidence} == {published}
        assert graph.report["papers_counted_as_versions"] == sorted([again, record])
        single = edge.belief

    runner = CliRunner()
    listed = runner.invoke(app, ["papers", "versions", "-w", str(tmp_path / "ws"), "--json"])
    assert listed.exit_code == 0, listed.output
    document = json.loads(listed.stdout)
    assert document["studies"] == [{"primary": published, "versions": sorted([again, record])}]
    assert {link["reason"] for link in document["links"]} == {"same_title", "near_duplicate_text"}

    unlinked = runner.invoke(app, ["papers", "unlink", record[:8], published[:8], "-w", str(tmp_path / "ws")])
    assert unlinked.exit_code == 0, unlinked.output
    assert (
        runner.invoke(app, ["papers", "unlink", "zzz", published, "-w", str(tmp_path / "ws")]).exit_code == 2
    )
    with Store(tmp_path / "ws" / "causemap.db") as store:
        # the record repeats both PDFs, so it is kept apart from both: two studies now
        assert [d["kind"] for d in store.version_decisions()] == ["separate"]
        edge = build_workspace_graph(store, settings, use_embeddings=False).edges[
            ("salt_intake", "blood_pressure")
        ]
        assert edge.n_papers == 2 and edge.belief > single

    # ... and the user takes that back: linked again, the two count as one study once more.
    linked = runner.invoke(app, ["papers", "link", record[:8], published[:8], "-w", str(tmp_path / "ws")])
    assert linked.exit_code == 0, linked.output
    with Store(tmp_path / "ws" / "causemap.db") as store:
        assert [d["kind"] for d in store.version_decisions()] == ["separate", "same"]  # the latest holds
        edge = build_workspace_graph(store, settings, use_embeddings=False).edges[
            ("salt_intake", "blood_pressure")
        ]
        assert edge.n_papers == 1 and edge.belief == pytest.approx(single)
