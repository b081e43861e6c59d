"""Curation has a history in the workspace, and undo reverts it one action at a time (both backends).

The store records every claim and variable decision in the transaction that makes it, so a decision made
in the app is undone from the command line as well; the CLI test at the end runs it as a user would.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from causemap.models import Chunk, Claim, CurationState, Page, Paper, PaperState
from causemap.store import Store

SENTENCE = "Dietary sodium raises blood pressure. Exercise lowers blood pressure."


@pytest.fixture
def store(store_target):
    with Store(store_target) as opened:
        paper = Paper(id="a" * 64, source="x.pdf", kind="pdf", title="Salt", state=PaperState.READY)
        page = Page(paper_id=paper.id, number=1, text=SENTENCE)
        chunk = Chunk(
            id="c1", paper_id=paper.id, page=1, section="abstract", start=0, end=len(SENTENCE), text=SENTENCE
        )
        opened.add_paper(paper, [page], [chunk])
        opened.add_claims([_claim(paper, "Dietary sodium", "+"), _claim(paper, "Exercise", "-")])
        yield opened


def _claim(paper: Paper, cause: str, polarity: str) -> Claim:
    start = SENTENCE.index(cause)
    end = SENTENCE.index(".", start) + 1
    effect_start = SENTENCE.index("blood pressure", start)
    return Claim(
        paper_id=paper.id,
        page=1,
        sentence=SENTENCE[start:end],
        sentence_start=start,
        sentence_end=end,
        cause=cause,
        cause_start=start,
        cause_end=start + len(cause),
        effect="blood pressure",
        effect_start=effect_start,
        effect_end=effect_start + 14,
        polarity=polarity,
        extractor="rules",
    )


def _state(store: Store) -> list[tuple[str, str, str | None]]:
    return [(c.cause, c.state.value, c.polarity) for c in store.claims()]


def test_undo_reverts_claim_decisions_newest_first(store):
    salt, exercise = (c.id for c in store.claims())
    original = _state(store)
    store.set_claim_state([salt, exercise], CurationState.ACCEPTED)
    store.edit_claim(exercise, {"polarity": "+"})
    store.edit_claim(exercise, {"cause": "Regular exercise"})
    after_edits = _state(store)
    assert ("Regular exercise", "edited", "+") in after_edits

    second_edit = store.undo_curation("claims")
    assert second_edit is not None and second_edit.action == "edited" and second_edit.claim_ids == [exercise]
    assert ("Exercise", "edited", "+") in _state(store)  # the first edit is still there
    store.undo_curation("claims")
    assert ("Exercise", "accepted", "-") in _state(store)  # the extractor's reading, as accepted
    accepted = store.undo_curation("claims")
    assert accepted is not None and sorted(accepted.claim_ids) == sorted([salt, exercise])
    assert _state(store) == original
    assert store.undo_curation("claims") is None  # nothing left

    history = store.curation_history("claims")
    assert [a.action for a in history] == ["edited", "edited", "accepted"]
    assert all(a.undone_at for a in history)


def test_a_decision_after_an_undo_is_undone_next(store):
    salt, _ = (c.id for c in store.claims())
    store.set_claim_state([salt], CurationState.REJECTED)
    store.undo_curation("claims")
    store.set_claim_state([salt], CurationState.ACCEPTED)
    store.set_claim_state([salt], CurationState.PENDING)
    store.undo_curation("claims")
    assert store.claim(salt).state == CurationState.ACCEPTED
    store.undo_curation("claims")
    assert store.claim(salt).state == CurationState.PENDING
    assert store.undo_curation("claims") is None  # the rejection was undone already


def test_undo_reverts_variable_decisions_and_keeps_their_record(store):
    first = store.add_variable_decision(
        "rename", {"variable": "salt", "aliases": ["salt"], "label": "Sodium"}
    )
    second = store.add_variable_decision(
        "merge", {"variables": ["bp", "sbp"], "groups": [["blood pressure"], ["systolic blood pressure"]]}
    )
    assert [d["id"] for d in store.variable_decisions()] == [first, second]
    undone = store.undo_curation("variables")
    assert undone is not None and undone.payload["decision"] == second
    assert undone.describe() == "merged 'blood pressure' and 'systolic blood pressure'"
    assert [d["id"] for d in store.variable_decisions()] == [first]
    assert store.undo_curation("claims") is None  # scopes are apart
    assert store.undo_curation("variables").describe() == "renamed 'salt' to 'Sodium'"
    assert store.variable_decisions() == []
    assert [a.payload["decision"] for a in store.curation_history("variables")] == [second, first]


def test_an_unknown_scope_is_refused(store):
    with pytest.raises(ValueError, match="unknown curation scope 'papers'"):
        store.undo_curation("papers")


def causemap(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "causemap", *args], capture_output=True, text=True, timeout=600
    )


def test_claims_and_variables_undo_from_the_command_line(tmp_path):
    source = tmp_path / "abstracts.jsonl"
    source.write_text(
        json.dumps(
            {
                "id": "a1",
                "title": "Exercise trial",
                "text": "Regular exercise reduces blood pressure in older adults. "
                "High salt intake increases blood pressure.",
            }
        )
        + "\n"
    )
    ws = str(tmp_path / "ws")
    assert causemap("ingest", str(source), "--workspace", ws).returncode == 0
    assert causemap("extract", "--workspace", ws).returncode == 0
    claims = json.loads(causemap("claims", "list", "--workspace", ws, "--json").stdout)
    assert len(claims) >= 2
    first = claims[0]["id"]

    nothing = causemap("claims", "undo", "--workspace", ws)
    assert nothing.returncode == 0 and "nothing to undo" in nothing.stdout
    assert causemap("claims", "reject", first, "--workspace", ws).returncode == 0
    undone = causemap("claims", "undo", "--workspace", ws, "--json")
    assert undone.returncode == 0, undone.stderr
    record = json.loads(undone.stdout)["undone"]
    assert record["action"] == "rejected" and record["payload"]["claims"][0]["id"] == first
    states = {
        c["id"]: c["state"]
        for c in json.loads(causemap("claims", "list", "--workspace", ws, "--json").stdout)
    }
    assert states[first] == "pending"
    history = causemap("claims", "history", "--workspace", ws).stdout
    assert f"rejected 1 claim ({first})" in history and "undone" in history

    variables = json.loads(causemap("variables", "list", "--workspace", ws, "--json").stdout)
    target = next(v for v in variables if "blood pressure" in v["aliases"])
    renamed = causemap("variables", "rename", target["id"], "arterial pressure", "--workspace", ws)
    assert renamed.returncode == 0, renamed.stderr
    assert renamed.stdout.strip() == "renamed 'blood pressure' to 'arterial pressure'"  # labels, not ids
    unknown = causemap("variables", "rename", "no_such_variable", "x", "--workspace", ws)
    assert unknown.returncode == 2 and "no variable 'no_such_variable'" in unknown.stderr
    labels = {
        v["label"] for v in json.loads(causemap("variables", "list", "--workspace", ws, "--json").stdout)
    }
    assert "arterial pressure" in labels
    undo = causemap("variables", "undo", "--workspace", ws)
    assert undo.returncode == 0 and "undid: renamed 'blood pressure' to 'arterial pressure'" in undo.stdout
    labels = {
        v["label"] for v in json.loads(causemap("variables", "list", "--workspace", ws, "--json").stdout)
    }
    assert "arterial pressure" not in labels
