"""The app's presentation helpers: safe uploads, claim filtering and marking, the offline network, jobs."""

from __future__ import annotations

import json
import re
import threading

import pandas as pd
import pytest

from causemap.graphbuilder.knowledge_graph import CandidateDAG, DroppedEdge, KnowledgeGraph
from causemap.models import Claim, CurationState, Edge, Evidence, Provenance, StudyDesign, Variable
from causemap.ui import jobs
from causemap.ui.claims_view import (
    ClaimFilter,
    claims_frame,
    filter_claims,
    highlight_sentence,
    table_changes,
)
from causemap.ui.graph_view import (
    POLARITY_COLOURS,
    edge_choices,
    edge_width,
    network_data,
    network_html,
)
from causemap.ui.uploads import UploadRejected, safe_filename, save_upload


# -- uploads ------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "name",
    ["../../etc/passwd.pdf", "..\\..\\windows\\evil.pdf", "/abs/path/x.pdf", "a/../../b.pdf", "....pdf"],
)
def test_upload_names_cannot_leave_the_uploads_folder(tmp_path, name):
    uploads = tmp_path / "uploads"
    uploads.mkdir()
    saved = save_upload(uploads, name, b"%PDF-1.4 test", max_mb=1)
    assert saved.path.parent == uploads.resolve()
    assert saved.path.read_bytes() == b"%PDF-1.4 test"
    assert list(tmp_path.iterdir()) == [uploads]


def test_safe_filename_keeps_a_readable_name_and_lowercases_the_type():
    assert safe_filename("Smith et al. (2020).PDF") == "Smith et al. _2020_.pdf"
    assert safe_filename("résumé\x00;rm -rf.txt").endswith(".txt")
    assert "\x00" not in safe_filename("a\x00b.pdf") and ";" not in safe_filename("a;b.pdf")
    assert not safe_filename(".hidden.pdf").startswith(".")


@pytest.mark.parametrize("name", ["paper.exe", "paper.pdf.sh", "paper", "notes.docx", "script.html"])
def test_only_pdf_txt_md_jsonl_are_accepted(tmp_path, name):
    with pytest.raises(UploadRejected, match="not accepted"):
        save_upload(tmp_path, name, b"data", max_mb=1)
    assert not list(tmp_path.iterdir())


def test_uploads_over_the_size_limit_or_empty_are_refused(tmp_path):
    with pytest.raises(UploadRejected, match="upload limit"):
        save_upload(tmp_path, "big.pdf", b"x" * (1024 * 1024 + 1), max_mb=1)
    with pytest.raises(UploadRejected, match="empty"):
        save_upload(tmp_path, "empty.txt", b"", max_mb=1)
    assert save_upload(tmp_path, "ok.txt", b"x" * 1024, max_mb=1).path.exists()


def test_a_second_upload_under_one_name_never_overwrites_the_first(tmp_path):
    first = save_upload(tmp_path, "paper.txt", b"first", max_mb=1)
    again = save_upload(tmp_path, "paper.txt", b"first", max_mb=1)
    other = save_upload(tmp_path, "paper.txt", b"second", max_mb=1)
    assert again.already_there and again.path == first.path
    assert not other.already_there and other.path != first.path
    assert first.path.read_bytes() == b"first" and other.path.read_bytes() == b"second"


# -- claims ---------------------------------------------------------------------------------------------
SENTENCE = "In adults, high sodium intake increases systolic blood pressure."
PAGE_OFFSET = 100  # the sentence's position in its page: highlighting must use relative offsets


def make_claim(**overrides) -> Claim:
    cause, effect = "high sodium intake", "systolic blood pressure"
    fields = dict(
        paper_id="p1",
        page=2,
        sentence=SENTENCE,
        sentence_start=PAGE_OFFSET,
        sentence_end=PAGE_OFFSET + len(SENTENCE),
        cause=cause,
        cause_start=PAGE_OFFSET + SENTENCE.index(cause),
        cause_end=PAGE_OFFSET + SENTENCE.index(cause) + len(cause),
        effect=effect,
        effect_start=PAGE_OFFSET + SENTENCE.index(effect),
        effect_end=PAGE_OFFSET + SENTENCE.index(effect) + len(effect),
        polarity="+",
        design=StudyDesign.RCT,
        extractor="rules",
    )
    fields.update(overrides)
    return Claim(**fields)


def test_highlight_marks_cause_and_effect_at_their_offsets():
    html = highlight_sentence(make_claim())
    marks = re.findall(r'<mark title="(\w+)"[^>]*>([^<]*)</mark>', html)
    assert marks == [("cause", "high sodium intake"), ("effect", "systolic blood pressure")]
    assert re.sub(r"<[^>]+>", "", html) == SENTENCE


def test_highlight_shows_a_name_the_sentence_refers_back_to_before_it():
    """A resolved reference ("This mutation ...", graphbuilder.references): the name is marked apart."""
    name = "the <R123W> mutation"
    claim = make_claim(cause=name, cause_start=PAGE_OFFSET - 40, cause_end=PAGE_OFFSET - 40 + len(name))
    html = highlight_sentence(claim)
    marks = re.findall(r'<mark title="([\w ,]+)"[^>]*>([^<]*)</mark>', html)
    assert marks == [
        ("cause, named earlier in the page", "the &lt;R123W&gt; mutation"),
        ("effect", "systolic blood pressure"),
    ]
    assert re.sub(r"<[^>]+>", "", html).endswith(SENTENCE)


def test_highlight_escapes_the_sentence_text():
    sentence = "<script>alert(1)</script> smoking causes cancer"
    claim = make_claim(
        sentence=sentence,
        sentence_start=0,
        sentence_end=len(sentence),
        cause="smoking",
        cause_start=sentence.index("smoking"),
        cause_end=sentence.index("smoking") + 7,
        effect="cancer",
        effect_start=sentence.index("cancer"),
        effect_end=sentence.index("cancer") + 6,
    )
    html = highlight_sentence(claim)
    assert "<script>" not in html and "&lt;script&gt;" in html


def test_filters_combine():
    claims = [
        make_claim(),
        make_claim(page=3, polarity="-", hedged=True),
        make_claim(page=4, paper_id="p2", design=StudyDesign.COHORT, relation="correlational"),
    ]
    assert len(filter_claims(claims, ClaimFilter())) == 3
    assert [c.page for c in filter_claims(claims, ClaimFilter(hedged=True))] == [3]
    assert [c.page for c in filter_claims(claims, ClaimFilter(papers=("p2",)))] == [4]
    assert [c.page for c in filter_claims(claims, ClaimFilter(polarities=("+",), designs=("rct",)))] == [2]
    assert filter_claims(claims, ClaimFilter(variable="BLOOD PRESSURE")) == claims
    assert filter_claims(claims, ClaimFilter(variable="cholesterol")) == []


def test_table_changes_separate_corrections_from_state_changes():
    claims = [make_claim(), make_claim(page=3), make_claim(page=4)]
    frame = claims_frame(claims, {})
    edited_rows = {
        0: {"state": "accepted"},
        1: {"effect": "diastolic blood pressure", "state": "rejected"},
        2: {"polarity": "none", "hedged": True},
    }
    states, edits = table_changes(frame, edited_rows)
    assert states == {"accepted": [claims[0].id]}
    assert edits == {
        claims[1].id: {"effect": "diastolic blood pressure"},
        claims[2].id: {"polarity": None, "hedged": True},
    }
    assert table_changes(frame, {0: {"state": "pending"}, 1: {"cause": "high sodium intake"}}) == ({}, {})


# -- the network ----------------------------------------------------------------------------------------
def evidence(quote: str, paper: str = "p1", page: int = 1) -> Evidence:
    where = Provenance(paper_id=paper, title=f"Paper {paper}", page=page, start=0, end=len(quote), text=quote)
    return Evidence(claim_id=quote[:8], provenance=where)


@pytest.fixture()
def triangle() -> KnowledgeGraph:
    variables = {v: Variable(id=v, label=v.replace("_", " ")) for v in ("salt", "bp", "stroke")}
    edges = {
        ("salt", "bp"): Edge(source="salt", target="bp", polarity="+", belief=0.9, evidence=[evidence("a")]),
        ("bp", "stroke"): Edge(
            source="bp",
            target="stroke",
            polarity="-",
            belief=0.2,
            contradiction=True,
            evidence=[evidence("b")],
        ),
        ("stroke", "salt"): Edge(source="stroke", target="salt", polarity=None, belief=0.1),
    }
    return KnowledgeGraph(variables=variables, edges=edges)


def test_edges_are_coloured_by_polarity_wide_by_belief_dashed_when_contested(triangle):
    data = network_data(triangle)
    by_pair = {(e["from"], e["to"]): e for e in data["edges"]}
    assert by_pair[("salt", "bp")]["color"]["color"] == POLARITY_COLOURS["+"]
    assert by_pair[("bp", "stroke")]["color"]["color"] == POLARITY_COLOURS["-"]
    assert (
        by_pair[("salt", "bp")]["width"]
        > by_pair[("bp", "stroke")]["width"]
        > by_pair[("stroke", "salt")]["width"]
    )
    assert by_pair[("bp", "stroke")]["dashes"] is True and by_pair[("salt", "bp")]["dashes"] is False
    assert edge_width(0.0) < edge_width(0.5) < edge_width(1.0)


def test_each_edge_carries_its_quotes_with_paper_and_page(triangle):
    data = network_data(triangle)
    ids = {(e["from"], e["to"]): e["id"] for e in data["edges"]}
    panel = data["evidence"][ids[("salt", "bp")]]
    assert panel["evidence"] == [
        {
            "quote": "a",
            "paper": "Paper p1",
            "page": 1,
            "design": "design unknown",
            "role": "the paper's own finding",
            "polarity": "unknown",
            "hedged": False,
            "negated": False,
            "state": "pending",
        }
    ]


def test_a_candidate_dag_shows_its_edges_and_greys_what_it_dropped(triangle):
    dag = CandidateDAG(
        rank=1,
        score=1.0,
        edges=[("salt", "bp"), ("bp", "stroke")],
        dropped=[DroppedEdge(("stroke", "salt"), "cycle")],
    )
    data = network_data(triangle, dag)
    dropped = [e for e in data["edges"] if e["title"].startswith("dropped")]
    assert [(e["from"], e["to"]) for e in dropped] == [("stroke", "salt")]
    assert data["evidence"][dropped[0]["id"]]["dropped"] == "cycle"


def test_the_page_works_offline_and_keeps_paper_text_out_of_the_markup(triangle):
    triangle.edges[("salt", "bp")].evidence.append(evidence("</script><img src=x onerror=alert(1)>"))
    html = network_html(triangle)
    assert not re.search(r"<(script|link|img)[^>]+(src|href)\s*=", html, re.I), "nothing may be fetched"
    assert "vis.Network" in html and "vis-network" in html
    assert "</script><img" not in html  # the quote is JSON-escaped inside the script
    payload = re.search(r"const data = (\{.*?\});\n", html, re.S).group(1)
    assert "</script><img src=x onerror=alert(1)>" in json.dumps(json.loads(payload))


def test_edge_choices_list_the_strongest_first(triangle):
    assert list(edge_choices(triangle).values()) == [("salt", "bp"), ("bp", "stroke"), ("stroke", "salt")]


# -- jobs -------------------------------------------------------------------------------------------------
def test_a_job_reports_progress_and_refuses_a_second_writer():
    release = threading.Event()

    def work(progress):
        progress(0, 2, "first.pdf")
        release.wait(10)
        progress(1, 2, "second.pdf")
        return "result"

    job = jobs.start_job("ws-jobs-test", "ingest", "Ingest", work)
    with pytest.raises(jobs.JobBusy):
        jobs.start_job("ws-jobs-test", "extract", "Extract", lambda progress: None)
    release.set()
    assert job.wait(10)
    assert (job.status, job.result, job.log) == ("done", "result", ["first.pdf", "second.pdf"])
    assert jobs.current_job("ws-jobs-test") is job


def test_a_job_starts_its_work_once_a_page_has_shown_it_or_after_a_second():
    started = threading.Event()
    job = jobs.start_job("ws-jobs-shown", "extract", "Extract", lambda progress: started.set())
    assert not started.wait(jobs.SHOWN_WAIT_S / 4)  # no page has drawn the job's progress yet
    job.shown.set()  # what the page's progress bar does
    assert started.wait(5) and job.wait(5)

    unseen = threading.Event()
    job = jobs.start_job("ws-jobs-unseen", "extract", "Extract", lambda progress: unseen.set())
    assert unseen.wait(jobs.SHOWN_WAIT_S + 5), "a job nobody watches must still run"
    assert job.wait(5) and job.status == "done"


def test_a_failing_job_records_the_error():
    def work(progress):
        raise ValueError("bad file")

    job = jobs.start_job("ws-jobs-fail", "ingest", "Ingest", work)
    assert job.wait(10)
    assert job.status == "failed" and "bad file" in job.error


def test_frame_has_one_row_per_claim():
    frame = claims_frame([make_claim(), make_claim(page=5, state=CurationState.ACCEPTED)], {})
    assert isinstance(frame, pd.DataFrame) and list(frame["state"]) == ["pending", "accepted"]


def test_the_ingest_table_tells_a_paper_with_a_page_cut_short():
    from types import SimpleNamespace

    from causemap.ui.actions import ingest_rows

    cut = {
        "page": 3,
        "code": "page_cut_short",
        "reason": "cut short by pypdf (a limit); the text read is kept",
    }
    report = SimpleNamespace(
        ingested=[
            {
                "path": "/x/a.pdf",
                "paper_id": "a" * 64,
                "title": "A",
                "pages": 4,
                "chunks": 9,
                "warnings": [cut],
            },
            {"path": "/x/b.pdf", "paper_id": "b" * 64, "title": "B", "pages": 2, "chunks": 5, "warnings": []},
        ]
    )
    details = [row["detail"] for row in ingest_rows(report)]
    assert details == [f"4 pages, 9 chunks; page 3: {cut['reason']}", "2 pages, 5 chunks"]
