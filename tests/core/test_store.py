"""The workspace database: schema versioning, atomic writes, claims and curation, on both backends.

Every test runs twice (``store_target``): on a SQLite file and on a database of a real PostgreSQL server.
"""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from causemap.models import Chunk, Claim, CurationState, Page, Paper, PaperState
from causemap.store import SCHEMA_VERSION, NewerSchemaError, Store

SENTENCE = "Dietary sodium raises blood pressure."


def _paper(store: Store, paper_id: str = "a" * 64) -> Paper:
    paper = Paper(id=paper_id, source="x.pdf", kind="pdf", title="Salt", state=PaperState.READY)
    page = Page(paper_id=paper.id, number=1, text="Intro. " + SENTENCE)
    chunk = Chunk(
        id="c-" + paper_id[:4],
        paper_id=paper.id,
        page=1,
        section="abstract",
        start=0,
        end=len(page.text),
        text=page.text,
    )
    store.add_paper(paper, [page], [chunk])
    return paper


def _claim(paper: Paper, extractor: str = "rules") -> Claim:
    s = 7
    return Claim(
        paper_id=paper.id,
        page=1,
        sentence=SENTENCE,
        sentence_start=s,
        sentence_end=s + len(SENTENCE),
        cause="Dietary sodium",
        cause_start=s,
        cause_end=s + 14,
        effect="blood pressure",
        effect_start=s + 22,
        effect_end=s + 36,
        polarity="+",
        extractor=extractor,
    )


def test_new_workspace_gets_current_schema_and_reopens(store_target):
    Store(store_target).close()
    with Store(store_target) as store:
        assert store.schema_version == SCHEMA_VERSION
        assert store.counts()["papers"] == 0


def test_refuses_a_newer_schema_and_writes_nothing(store_target):
    with Store(store_target) as store:
        _paper(store)
        engine = sa.create_engine(store.url)
    with engine.begin() as conn:
        conn.execute(
            sa.text("UPDATE alembic_version SET version_num = :v"), {"v": f"{SCHEMA_VERSION + 1:04d}"}
        )
    with pytest.raises(NewerSchemaError, match="newer causemap"):
        Store(store_target)
    with engine.connect() as conn:
        assert conn.execute(sa.text("SELECT version_num FROM alembic_version")).scalar() == (
            f"{SCHEMA_VERSION + 1:04d}"
        )
        assert conn.execute(sa.text("SELECT count(*) FROM papers")).scalar() == 1
        schema = conn.execute(sa.text("SELECT value FROM meta WHERE key = 'schema_version'")).scalar()
        assert schema == str(SCHEMA_VERSION)
    engine.dispose()


def test_failed_transaction_leaves_nothing(store_target):
    store = Store(store_target)
    with pytest.raises(RuntimeError):
        with store.transaction():
            _paper(store)
            raise RuntimeError("killed")
    assert store.counts() == Store(store_target).counts()
    assert store.counts()["papers"] == 0 and store.counts()["chunks"] == 0


def test_a_paper_stored_by_another_process_is_not_stored_again(store_target):
    store, other = Store(store_target), Store(store_target)
    paper = _paper(store)
    page = Page(paper_id=paper.id, number=1, text="Other text.")
    chunk = Chunk(
        id="c-other", paper_id=paper.id, page=1, section="abstract", start=0, end=11, text="Other text."
    )
    assert other.add_paper(paper, [page], [chunk]) is False  # no crash, nothing written
    assert other.counts()["papers"] == 1 and other.counts()["chunks"] == 1
    assert other.pages(paper.id)[0].text.startswith("Intro.")


def test_a_transaction_reads_its_own_writes_and_others_see_them_after_commit(store_target):
    store, other = Store(store_target), Store(store_target)
    with store.transaction():
        paper = _paper(store)
        assert store.paper(paper.id) is not None
        assert other.paper(paper.id) is None
    assert other.paper(paper.id) == paper


def test_same_claim_is_stored_once_and_other_extractors_add_beside(store_target):
    store = Store(store_target)
    paper = _paper(store)
    assert store.add_claims([_claim(paper)]) == 1
    assert store.add_claims([_claim(paper)]) == 0
    assert store.add_claims([_claim(paper, extractor="llm:openai:gpt-4o-mini")]) == 1
    assert sorted(c.extractor for c in store.claims()) == ["llm:openai:gpt-4o-mini", "rules"]


def test_a_new_reading_updates_pending_claims_but_not_curated_ones(store_target):
    store = Store(store_target)
    paper = _paper(store)
    claim = _claim(paper)
    store.add_claims([claim])
    reread = claim.model_copy(update={"polarity": "-", "extractor_version": "2"})
    assert store.add_claims([reread]) == 0
    assert (store.claim(claim.id).polarity, store.claim(claim.id).extractor_version) == ("-", "2")
    store.set_claim_state([claim.id], CurationState.ACCEPTED)
    store.add_claims([claim.model_copy(update={"polarity": "0"})])
    assert store.claim(claim.id).polarity == "-"


def test_curation_persists_and_edits_overlay_the_reading(store_target):
    store = Store(store_target)
    paper = _paper(store)
    claim = _claim(paper)
    store.add_claims([claim])
    store.edit_claim(claim.id, {"polarity": "-", "hedged": True})
    store.close()
    reopened = Store(store_target)
    edited = reopened.claim(claim.id)
    assert edited is not None
    assert (edited.polarity, edited.hedged, edited.state) == ("-", True, CurationState.EDITED)
    assert edited.sentence == SENTENCE  # provenance is never edited away
    reopened.set_claim_state([claim.id], CurationState.REJECTED)
    assert reopened.claims(states=[CurationState.REJECTED])[0].id == claim.id
    with pytest.raises(ValueError, match="cannot edit"):
        reopened.edit_claim(claim.id, {"sentence": "made up"})


def test_deleting_a_paper_removes_everything_derived(store_target):
    store = Store(store_target)
    paper = _paper(store)
    other = _paper(store, "b" * 64)
    store.add_claims([_claim(paper), _claim(other)])
    assert store.delete_paper(paper.id)
    counts = store.counts()
    assert (counts["papers"], counts["pages"], counts["chunks"], counts["claims"]) == (1, 1, 1, 1)


def test_stale_claims_go_but_curated_ones_stay(store_target):
    store = Store(store_target)
    paper = _paper(store)
    claim = _claim(paper)
    store.add_claims([claim])
    assert store.delete_stale_claims(paper.id, "rules", keep=[claim.id]) == 0  # found again: kept
    store.set_claim_state([claim.id], CurationState.ACCEPTED)
    assert store.delete_stale_claims(paper.id, "rules", keep=[]) == 0  # curated: kept
    store.set_claim_state([claim.id], CurationState.PENDING)
    assert store.delete_stale_claims(paper.id, "rules", keep=[]) == 1
    assert store.counts()["claims"] == 0
