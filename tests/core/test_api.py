"""The Python API on a real workspace: the verbs, their typed results, progress, and refusals."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import causemap
from causemap.api import EXPORT_FORMATS, Status
from causemap.errors import UsageError
from causemap.paths import NotAWorkspaceError

REPO = Path(__file__).resolve().parents[2]
ABSTRACTS = [
    {
        "id": "trial",
        "title": "Exercise trial",
        "text": "Regular exercise reduces systolic blood pressure in older adults. "
        "Lower blood pressure reduces the risk of stroke.",
    },
    {
        "id": "cohort",
        "title": "Salt cohort",
        "text": "High salt intake increases systolic blood pressure. Smoking did not affect salt intake.",
    },
]


@pytest.fixture(scope="module")
def ingested(tmp_path_factory):
    folder = tmp_path_factory.mktemp("api")
    source = folder / "abstracts.jsonl"
    source.write_text("".join(json.dumps(a) + "\n" for a in ABSTRACTS))
    workspace = causemap.open(folder / "ws", create=True)
    seen: list[tuple[int, int, str]] = []
    report = workspace.ingest(source, progress=lambda *step: seen.append(step))
    assert [r["title"] for r in report.ingested] == ["Exercise trial", "Salt cohort"]
    # the ingest stage decides the unit (files, or the documents of an export); each step names its file
    assert seen and {name.split(": ")[0] for *_, name in seen} == {"abstracts.jsonl"}
    assert all(0 <= done <= total for done, total, _ in seen)
    yield workspace
    workspace.close()


@pytest.fixture(scope="module")
def first_extract(ingested):
    """The workspace's first extraction, and the progress it told: whichever test runs first."""
    steps: list[tuple[int, int, str]] = []
    report = ingested.extract(progress=lambda *step: steps.append(step))
    return report, steps


@pytest.fixture
def ws(ingested, first_extract):
    """The ingested and extracted workspace (so that each test can run alone)."""
    return ingested


def test_import_causemap_loads_no_stage():
    code = (
        "import sys, causemap; causemap.open; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in "
        "('torch','spacy','chromadb','streamlit','dowhy','networkx','pandas','langchain_core') "
        "or m.startswith(('causemap.ingest', 'causemap.graphbuilder', 'causemap.planner', 'causemap.ui'))))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_every_exported_name_resolves():
    for name in causemap.__all__:
        assert getattr(causemap, name) is not None, name
    assert causemap.open is causemap.api.open and causemap.Workspace is causemap.api.Workspace
    with pytest.raises(AttributeError):
        causemap.no_such_name  # noqa: B018


def test_export_formats_are_the_exporters():
    from causemap.cli.workspace_commands import DEMO_WORKSPACE
    from causemap.graphbuilder.exporters import EXPORTERS

    assert set(EXPORT_FORMATS) == set(EXPORTERS)
    assert DEMO_WORKSPACE == causemap.api.DEMO_WORKSPACE


def test_open_refuses_a_folder_that_is_not_a_workspace(tmp_path):
    with pytest.raises(NotAWorkspaceError, match="does not exist"):
        causemap.open(tmp_path / "typo")
    assert not (tmp_path / "typo").exists()
    (tmp_path / "empty").mkdir()
    with pytest.raises(NotAWorkspaceError, match="has no causemap.db"):
        causemap.open(tmp_path / "empty")
    assert list((tmp_path / "empty").iterdir()) == []


def test_settings_are_given_by_section(ws):
    with causemap.open(ws.root, graph={"candidates": 1}) as other:
        assert other.settings.graph.candidates == 1
    with pytest.raises(ValueError, match="no_such_section"):
        causemap.open(ws.root, no_such_section={"x": 1})


def test_extract_graph_and_status(ws, first_extract):
    report, steps = first_extract
    assert report.extractor == "rules" and report.claims_stored >= 3
    assert steps[0] == (0, 0, "loading the rules extractor")
    assert [s[2] for s in steps[1:]] == ["Exercise trial", "Salt cohort"]
    again = ws.extract()
    assert again.papers_skipped == 2 and again.claims_stored == 0

    kg = ws.graph()
    assert isinstance(kg, causemap.KnowledgeGraph)
    assert any("blood pressure" in v.label for v in kg.variables.values())
    for edge in kg.edges.values():
        for evidence in edge.evidence:
            page = ws.store.page_text(evidence.paper_id, evidence.page)
            assert page[evidence.provenance.start : evidence.provenance.end] == evidence.provenance.text
    nx_graph = kg.to_networkx()
    assert set(nx_graph.edges) == set(kg.edges)

    status = ws.status()
    assert isinstance(status, Status)
    assert status.graph == {
        "variables": len(kg.variables),
        "edges": len(kg.edges),
        "contradictions": len(kg.contradictions),
        "candidate_dags": len(kg.candidates),
    }
    assert status.to_dict()["counts"]["edges"] == len(kg.edges)
    assert status.counts["papers"] == 2


def test_a_filtered_graph_is_not_recorded_as_the_graph(ws):
    full = ws.graph()
    before = ws.status().graph_built_at
    assert len(ws.graph(min_belief=1.0).edges) == 0
    assert ws.status().graph["edges"] == len(full.edges)
    assert ws.status().graph_built_at == before
    with pytest.raises(UsageError, match="between 0 and 1"):
        ws.graph(min_belief=2)


def test_export_writes_each_format(ws, tmp_path):
    kg = ws.graph()
    for fmt in EXPORT_FORMATS:
        path = tmp_path / f"graph.{fmt}"
        text = kg.export(fmt, path)
        assert path.read_text(encoding="utf-8") == text and text
    assert (tmp_path / "graph.dagitty").read_text().lstrip().startswith("dag")
    assert json.loads((tmp_path / "graph.json").read_text())
    assert not list(tmp_path.glob(".*partial"))


def test_ingest_tells_the_stages_inside_a_file_before_it_is_done(tmp_path, sample_pdfs):
    """One PDF: reading, storing and embedding chunk by chunk are told while the file counts 0 of 1."""
    pdf = sample_pdfs[0]
    steps: list[tuple[int, int, str]] = []
    with causemap.open(tmp_path / "ws", create=True, ingest={"embed_batch_size": 4}) as ws:
        report = ws.ingest(pdf, progress=lambda *step: steps.append(step))
        stored = ws.store.chunks(report.ingested[0]["paper_id"])
        inside = [
            what.removeprefix(f"{pdf.name}: ") for done, total, what in steps if done == 0 and ": " in what
        ]
        assert inside[0] == "reading"
        inside = [w for w in inside if not w.startswith("reading page ")]  # told while it reads, if slow
        pages, chunks = report.ingested[0]["pages"], report.ingested[0]["chunks"]
        assert inside[1] == f"storing {pages} pages, {chunks} chunks" and pages > 1
        embedded = [tuple(map(int, s.removeprefix("embedding chunks ").split("/"))) for s in inside[2:]]
        total = embedded[-1][1]
        # one model batch (4 chunks) at a time, up to every chunk outside the reference list
        assert embedded == [(n, total) for n in range(0, total, 4)] + [(total, total)]
        assert total == sum(not c.is_references for c in stored) and total > 4
        assert steps[-1] == (1, 1, pdf.name)  # the file is done after its stages
        # embedded batch by batch, each vector is still its own chunk's: a chunk's text finds that chunk
        chunk = max((c for c in stored if not c.is_references), key=lambda c: len(c.text))
        assert ws.ask(chunk.text, k=1)[0].chunk_id == chunk.id


def test_resume_ingest_finishes_a_paper_left_without_vectors(tmp_path, sample_pdfs):
    """What a kill between storing a paper and writing its vectors leaves, finished by resume_ingest."""
    from causemap.ingest.vectorstore import vector_store
    from causemap.models import PaperState

    with causemap.open(tmp_path / "ws", create=True) as ws:
        paper_id = ws.ingest(sample_pdfs[0]).ingested[0]["paper_id"]
        vectors = vector_store(ws)
        embedded = sorted(vectors.ids())
        vectors.delete(embedded)
        ws.store.set_paper_state(paper_id, PaperState.EMBEDDING)
        report = ws.resume_ingest()
        assert [r["paper_id"] for r in report.resumed] == [paper_id]
        assert not report.ingested and not report.failed
        assert ws.store.paper(paper_id).state == PaperState.READY
        assert sorted(vector_store(ws).ids()) == embedded
        assert ws.resume_ingest().resumed == []  # nothing left to finish


def test_plan_and_ask(ws):
    kg = ws.graph()
    steps: list[tuple[int, int, str]] = []
    plan = ws.plan(graph=kg, progress=lambda *step: steps.append(step))
    assert isinstance(plan, causemap.Plan) and plan.items
    # the planner's steps, in order, then what it made
    assert [(d, t, w.split(",")[0]) for d, t, w in steps[:3]] == [
        (0, 3, "graph"),
        (1, 3, "co-mentions in the corpus"),
        (2, 3, "identification"),
    ]
    assert steps[3:] == [(3, 3, f"{len(plan.items)} proposals")]
    assert all(c.paper_id for item in plan.items for c in item.citations)
    with pytest.raises(UsageError, match="unicorns"):
        ws.plan(target="unicorns -> rainbows", graph=kg)
    passages = ws.ask("what raises blood pressure?", k=2)
    assert len(passages) == 2 and all(isinstance(p, causemap.Passage) for p in passages)
    assert passages[0].title == "Salt cohort"
    for bad in ("", "   "):
        with pytest.raises(UsageError, match="the question is empty"):
            ws.ask(bad)
    assert ws.answer("what raises blood pressure?") is None  # no LLM configured


def test_curation_through_the_api(ws):
    claims = ws.claims()
    first, second = claims[0].id, claims[1].id
    assert ws.set_claim_state([first], "rejected") == 1
    assert [c.id for c in ws.claims(state="rejected")] == [first]
    edited = ws.edit_claim(second, polarity="-")
    assert edited.polarity == "-" and edited.state == "edited"
    with pytest.raises(UsageError, match="no such claim"):
        ws.set_claim_state(["nope"], "accepted")
    with pytest.raises(UsageError, match="unknown state"):
        ws.claims(state="maybe")
    with pytest.raises(UsageError, match="nothing to edit"):
        ws.edit_claim(second)
    ws.set_claim_state([first], "pending")


def test_undo_and_history_through_the_api(ws):
    claim = ws.claims()[0]
    ws.set_claim_state([claim.id], "accepted")
    ws.edit_claim(claim.id, cause="regular exercise")
    assert [a.action for a in ws.history("claims", limit=2)] == ["edited", "accepted"]
    edit = ws.undo("claims")
    assert edit is not None and edit.claim_ids == [claim.id] and edit.undone_at
    assert ws.claims()[0].cause == claim.cause and ws.claims()[0].state.value == "accepted"
    assert ws.undo("claims").action == "accepted"
    assert ws.claims()[0].state == claim.state
    with pytest.raises(UsageError, match="neither 'claims' nor 'variables'"):
        ws.undo("papers")


def test_quickstart_example_runs_on_the_samples(tmp_path, sample_pdfs):
    papers = tmp_path / "papers"
    papers.mkdir()
    for pdf in sample_pdfs[:4]:
        (papers / pdf.name).write_bytes(pdf.read_bytes())
    result = subprocess.run(
        [sys.executable, str(REPO / "examples" / "quickstart.py"), str(papers), str(tmp_path / "ws")],
        capture_output=True,
        text=True,
        timeout=1200,
        env={**os.environ, "HF_HUB_OFFLINE": "1"},
    )
    assert result.returncode == 0, result.stderr[-3000:]
    out = result.stdout
    assert "ingest: 4 new, 0 already there, 0 failed" in out
    assert (tmp_path / "ws" / "graph.dot").read_text().startswith(("digraph", "strict digraph"))
    assert ", p. " in out and "plan for " in out and "ask: " in out
