"""The Claims page: extraction with progress, filters, and decisions that persist in the workspace."""

from __future__ import annotations

import pytest

from causemap.ingest.pipeline import ingest_paths
from causemap.models import CurationState
from causemap.ui.claims_view import table_key
from causemap.workspace import Workspace


@pytest.fixture()
def claims_page(app, sample_ws):
    at = app(sample_ws)
    at.switch_page("pages/claims.py").run()
    assert not at.exception
    return at


def test_each_claim_shows_its_sentence_with_cause_and_effect_marked(claims_page, sample_ws, open_ws):
    claims = open_ws(sample_ws).store.claims()
    shown = [m.value for m in claims_page.markdown if '<mark title="cause"' in m.value]
    assert len(shown) == min(len(claims), 10)  # one page of sentence cards
    first = claims[0]
    assert f">{first.cause}</mark>" in shown[0] and f">{first.effect}</mark>" in shown[0]
    assert any(f"p. {first.page}" in c.value for c in claims_page.caption)


def test_accept_and_reject_one_claim(claims_page, sample_ws, open_ws):
    store = open_ws(sample_ws).store
    first, second = store.claims()[:2]
    claims_page.button(key=f"claims_accept_{first.id}").click().run()
    claims_page.button(key=f"claims_reject_{second.id}").click().run()
    assert not claims_page.exception
    assert store.claim(first.id).state == CurationState.ACCEPTED
    assert store.claim(second.id).state == CurationState.REJECTED
    assert claims_page.button(key=f"claims_accept_{first.id}").disabled  # the page shows the new state


def test_bulk_actions_apply_to_the_filtered_claims_only(claims_page, sample_ws, open_ws):
    store = open_ws(sample_ws).store
    claims = store.claims()
    target = claims[0].paper_id
    claims_page.multiselect(key="claims_f_paper").set_value([target]).run()
    claims_page.button(key="claims_bulk_reject").click().run()
    assert not claims_page.exception
    for claim in store.claims():
        expected = CurationState.REJECTED if claim.paper_id == target else CurationState.PENDING
        assert claim.state == expected
    assert any(c.paper_id != target for c in claims), "the sample needs claims from two papers"


def test_undo_reverts_the_latest_claim_decision_then_the_one_before(claims_page, sample_ws, open_ws):
    store = open_ws(sample_ws).store
    first = store.claims()[0]
    assert claims_page.button(key="claims_undo").disabled  # nothing decided yet
    claims_page.button(key=f"claims_accept_{first.id}").click().run()
    claims_page.button(key="claims_bulk_reject").click().run()
    n = len(store.claims())
    undo = claims_page.button(key="claims_undo")
    assert undo.label == f"Undo: rejected {n} claims" and first.id not in undo.label  # words, no ids
    undo.click().run()
    assert not claims_page.exception
    assert store.claim(first.id).state == CurationState.ACCEPTED
    assert {c.state for c in store.claims() if c.id != first.id} == {CurationState.PENDING}
    claims_page.button(key="claims_undo").click().run()
    assert {c.state for c in store.claims()} == {CurationState.PENDING}
    assert claims_page.button(key="claims_undo").disabled


def test_filter_by_state_after_decisions(claims_page, sample_ws, open_ws):
    store = open_ws(sample_ws).store
    first = store.claims()[0]
    claims_page.button(key=f"claims_accept_{first.id}").click().run()
    claims_page.multiselect(key="claims_f_state").set_value(["accepted"]).run()
    marked = [m.value for m in claims_page.markdown if '<mark title="cause"' in m.value]
    assert len(marked) == 1
    assert claims_page.button(key=f"claims_accept_{first.id}").disabled


def test_edit_in_place_records_the_correction(claims_page, sample_ws, open_ws):
    store = open_ws(sample_ws).store
    claim = store.claims()[0]
    new_polarity = "-" if claim.polarity != "-" else "+"
    claims_page.text_input(key=f"claims_edit_effect_{claim.id}").input("a corrected effect")
    claims_page.selectbox(key=f"claims_edit_polarity_{claim.id}").set_value(new_polarity)
    claims_page.button(key=f"claims_edit_save_{claim.id}").click().run()
    assert not claims_page.exception
    edited = store.claim(claim.id)
    assert (edited.effect, edited.polarity, edited.state) == ("a corrected effect", new_polarity, "edited")
    assert edited.sentence == claim.sentence  # the evidence itself never changes


def test_extraction_runs_in_the_background_and_stores_claims(
    app, empty_ws, sample_papers, finished_job, open_ws
):
    with Workspace.open(empty_ws) as ws:
        ingest_paths(ws, sample_papers[:1], progress=False)
    at = app(empty_ws)
    at.switch_page("pages/claims.py").run()
    assert any("No claims yet" in i.value for i in at.info)
    assert at.selectbox(key="claims_extractor").value == "rules"
    at.button(key="claims_run_extract").click().run()
    job = finished_job(empty_ws)
    assert job.status == "done", job.error
    assert (job.kind, job.result.papers) == ("extract", 1)
    at.run()
    assert not at.exception
    stored = open_ws(empty_ws).store.claims()
    assert len(stored) == job.result.claims_stored > 0
    assert any(f"{job.result.claims_stored} new claim(s)" in s.value for s in at.success)


def edit_table(at, claims, edited_rows):
    """What the browser's data editor sends when the user edits cells: ``{row: {column: value}}``."""
    key = table_key([c.id for c in claims])
    at.session_state[key] = {"edited_rows": edited_rows, "added_rows": [], "deleted_rows": []}
    return at.run()


def test_table_edits_are_saved(claims_page, sample_ws, open_ws):
    store = open_ws(sample_ws).store
    claims = store.claims()
    first, second, third = claims[:3]
    edit_table(
        claims_page,
        claims,
        {0: {"state": "rejected"}, 1: {"cause": "a corrected cause"}, 2: {"state": "pending"}},
    )
    claims_page.button(key="claims_table_save").click().run()
    assert not claims_page.exception
    assert store.claim(first.id).state == CurationState.REJECTED
    assert (store.claim(second.id).cause, store.claim(second.id).state) == ("a corrected cause", "edited")
    assert store.claim(third.id).state == CurationState.PENDING  # unchanged value: nothing to save


def test_ticked_rows_are_accepted_together(claims_page, sample_ws, open_ws):
    store = open_ws(sample_ws).store
    claims = store.claims()
    edit_table(claims_page, claims, {1: {"select": True}, 2: {"select": True}})
    assert claims_page.button(key="claims_table_save").disabled  # ticking is not an edit
    claims_page.button(key="claims_table_accept").click().run()
    states = {c.id: c.state for c in store.claims()}
    assert [states[c.id] for c in claims[:4]] == ["pending", "accepted", "accepted", "pending"]
