"""Extraction over a workspace: provenance offsets, verbatim check, references, idempotence, resume."""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass

import pytest

from causemap.graphbuilder.extract_claims import SentenceRef, claims_from_sentences, is_verbatim
from causemap.graphbuilder.extract_pipeline import extract_workspace
from causemap.graphbuilder.extractors import make_extractor
from causemap.graphbuilder.extractors.base import ExtractedRelation, Mention
from causemap.ingest.pipeline import ingest_paths
from causemap.models import ClaimRole, Paper, StudyDesign
from causemap.workspace import Workspace

ABSTRACTS = [
    {
        "id": "trial",
        "title": "Sodium reduction trial",
        "text": "In this randomised controlled trial, 400 adults were randomly assigned to a low-sodium diet "
        "or their usual diet for 12 weeks. Sodium reduction lowered systolic blood pressure by 5 mmHg. "
        "The diet did not affect body weight.",
    },
    {
        "id": "cohort",
        "title": "Sleep and weight",
        "text": "We followed 2,000 children in a prospective cohort study for ten years. Short sleep was "
        "associated with higher body mass index. Obesity may increase the risk of sleep apnea.",
    },
]


@pytest.fixture()
def abstracts_ws(tmp_path):
    path = tmp_path / "abstracts.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in ABSTRACTS) + "\n")
    ws = Workspace.open(tmp_path / "ws")
    ingest_paths(ws, [path], progress=False)
    yield ws
    ws.close()


def _rules(ws):
    return make_extractor("rules", ws.settings.extract, ws.store)


def test_claims_are_verbatim_in_the_stored_page_text(abstracts_ws):
    ws = abstracts_ws
    report = extract_workspace(ws, *_rules(ws), progress=False)
    claims = ws.store.claims()
    assert report.claims_stored == len(claims) > 0
    for claim in claims:
        assert is_verbatim(claim, ws.store.page_text(claim.paper_id, claim.page))
        assert claim.extractor == "rules" and claim.extractor_version


def test_design_is_read_from_the_abstract(abstracts_ws):
    ws = abstracts_ws
    extract_workspace(ws, *_rules(ws), progress=False)
    designs = {p.title: p.design for p in ws.store.papers()}
    assert designs == {"Sodium reduction trial": StudyDesign.RCT, "Sleep and weight": StudyDesign.COHORT}
    for claim in ws.store.claims():
        assert claim.design == designs[ws.store.paper(claim.paper_id).title]


def test_rerun_is_idempotent_and_force_finds_the_same_claims(abstracts_ws):
    ws = abstracts_ws
    first = extract_workspace(ws, *_rules(ws), progress=False)
    again = extract_workspace(ws, *_rules(ws), progress=False)
    assert again.papers_skipped == first.papers and again.claims_stored == 0
    forced = extract_workspace(ws, *_rules(ws), force=True, progress=False)
    assert forced.claims_stored == 0 and forced.claims_existing == first.claims_stored
    assert ws.store.counts()["claims"] == first.claims_stored


@dataclass
class _FirstAndLastWord:
    """A trivial extractor: the first word causes the last one (to test the pipeline, not extraction)."""

    name: str = "first-last"
    version: str = "1"

    def extract(self, sentences):
        out = []
        for s in sentences:
            first, last = s.split()[0], s.split()[-1]
            cause = Mention(first, 0, len(first))
            effect = Mention(last, len(s) - len(last), len(s))
            out.append([ExtractedRelation(cause, effect, "causal", "+", False, False, 0.5)])
        return out


def test_claims_whose_evidence_is_not_in_the_page_are_rejected():
    sentence = "Salt raises blood pressure."
    page = "Intro. " + sentence
    paper = Paper(id="p" * 64, source="x", kind="text")
    ref = SentenceRef(page=1, start=7, end=7 + len(sentence), section="abstract", text=sentence)
    relations = _FirstAndLastWord().extract([sentence])
    claims, rejected = claims_from_sentences(
        paper, StudyDesign.UNKNOWN, [ref], relations, _FirstAndLastWord(), {1: page}
    )
    assert (len(claims), rejected) == (1, 0)
    assert page[claims[0].cause_start : claims[0].cause_end] == "Salt"
    altered = {1: "Intro: " + sentence.replace("Salt", "Sugar")}
    claims, rejected = claims_from_sentences(
        paper, StudyDesign.UNKNOWN, [ref], relations, _FirstAndLastWord(), altered
    )
    assert (claims, rejected) == ([], 1)


def test_a_second_extractor_adds_beside_the_first(abstracts_ws):
    ws = abstracts_ws
    extract_workspace(ws, *_rules(ws), progress=False)
    n_rules = ws.store.counts()["claims"]
    rules, prefilter = _rules(ws)
    rules.name = "rules-again"  # a second extractor (the rules' reading, so that verification keeps it)
    report = extract_workspace(ws, rules, prefilter, progress=False)
    assert report.claims_stored > 0
    assert len(ws.store.claims(extractor="rules")) == n_rules
    assert ws.store.counts()["claims"] == n_rules + report.claims_stored


def test_no_claims_from_the_reference_list(tmp_path, sample_pdfs):
    ws = Workspace.open(tmp_path / "ws")
    ingest_paths(ws, sample_pdfs[:3], progress=False)
    extract_workspace(ws, *_rules(ws), progress=False)
    claims = ws.store.claims()
    assert claims
    for claim in claims:
        labels = [
            label
            for start, end, label in ws.store.page_sections(claim.paper_id, claim.page)
            if start <= claim.sentence_start < end
        ]
        assert labels != ["references"]


ZONED = {
    "id": "zoned",
    "title": "Statins and gout",
    "text": "Statins and gout. Obesity is known to increase the risk of gout [4]. We asked whether statins "
    "reduce gout flares in patients with cisplatin-induced kidney injury. Participants were randomly "
    "assigned to statins or placebo. Figure 1 shows that statins reduced gout flares in men. Statins "
    "reduced gout flares. Statins did not increase muscle pain.",
}


def test_roles_and_text_that_makes_no_claim(tmp_path):
    """Each claim says finding or background; aims, procedures and captions give none."""
    path = tmp_path / "zoned.jsonl"
    path.write_text(json.dumps(ZONED) + "\n")
    with Workspace.open(tmp_path / "ws") as ws:
        ingest_paths(ws, [path], progress=False)
        report = extract_workspace(ws, *_rules(ws), progress=False)
        claims = ws.store.claims()
    by_pair = {(c.cause, c.effect): c for c in claims}
    assert report.no_claim == 2  # the allocation sentence and the caption
    background = by_pair[("Obesity", "the risk of gout")]
    assert background.role == "background" and background.design == StudyDesign.UNKNOWN
    finding = by_pair[("Statins", "gout flares")]
    assert finding.role == "finding" and finding.design == StudyDesign.RCT
    # The aim asserts nothing, but what its noun phrase presupposes holds, as background.
    assert by_pair[("cisplatin", "kidney injury")].role == "background"
    assert not any("men" in c.effect or "flares in patients" in c.effect for c in claims)
    aim_claims = [c for c in claims if c.sentence.startswith("We asked")]
    assert [(c.cause, c.effect) for c in aim_claims] == [("cisplatin", "kidney injury")]
    assert by_pair[("Statins", "muscle pain")].polarity == "0"


def test_a_body_sentence_a_caption_interrupts_keeps_its_claim_and_the_caption_gives_none(tmp_path):
    record = {
        "id": "interrupted",
        "title": "Salt and blood pressure",
        "text": "Salt intake raised systolic blood pressure and heart Figure 3: Alcohol intake raised "
        "pulse pressure in each group. rate in older adults. Exercise lowered blood pressure.",
    }
    path = tmp_path / "interrupted.jsonl"
    path.write_text(json.dumps(record) + "\n")
    with Workspace.open(tmp_path / "ws") as ws:
        ingest_paths(ws, [path], progress=False)
        extract_workspace(ws, *_rules(ws), progress=False)
        claims = ws.store.claims()
    pairs = {(c.cause, c.effect): c for c in claims}
    salt = pairs[("Salt intake", "systolic blood pressure")]
    assert salt.sentence == "Salt intake raised systolic blood pressure and heart"
    assert ("Exercise", "blood pressure") in pairs
    assert not [c for c in claims if "Alcohol" in c.cause or "pulse" in c.effect]  # the caption's
    assert not [c for c in claims if c.effect == "heart"]  # "heart rate", cut by the caption


def test_a_statement_of_indication_is_background_whatever_its_sentence():
    """Claim.role per claim: what a drug is given for restates practice, not the paper's finding,
    so the paper's design does not back it (roles.claim_role)."""
    paper = Paper(id="q" * 64, source="x", kind="text")
    sentences = ["Riluzole is used in the treatment of neuropathy.", "Riluzole slowed neuropathy."]
    page, refs = "", []
    for sentence in sentences:
        start = len(page)
        page += sentence + " "
        refs.append(
            SentenceRef(page=1, start=start, end=start + len(sentence), section="abstract", text=sentence)
        )
    relations = _FirstAndLastWord().extract(sentences)
    claims, _ = claims_from_sentences(
        paper, StudyDesign.RCT, refs, relations, _FirstAndLastWord(), {1: page}, [ClaimRole.FINDING] * 2
    )
    indication, finding = claims
    assert (indication.role, indication.design) == (ClaimRole.BACKGROUND, StudyDesign.UNKNOWN)
    assert (finding.role, finding.design) == (ClaimRole.FINDING, StudyDesign.RCT)


class _MeetsAnotherPaper:
    """An extractor that reads a paper only while another paper is being read (a barrier of two)."""

    name = "meets-another"
    version = "1"

    def __init__(self, paper_concurrency: int) -> None:
        self.paper_concurrency = paper_concurrency
        self.barrier = threading.Barrier(2, timeout=15)  # broken, not passed, when papers come one by one
        self.met: list[bool] = []

    def extract(self, sentences):
        try:
            self.barrier.wait()
            self.met.append(True)
        except threading.BrokenBarrierError:
            self.met.append(False)
        return [[] for _ in sentences]


@pytest.mark.parametrize("papers_at_once", [2, 1])
def test_an_extractor_that_allows_it_reads_several_papers_at_once(abstracts_ws, papers_at_once):
    # The LLM extractor's paper_concurrency (its `concurrency` setting): its requests wait on the network.
    extractor = _MeetsAnotherPaper(papers_at_once)
    _, prefilter = _rules(abstracts_ws)

    report = extract_workspace(abstracts_ws, extractor, prefilter, force=True, progress=False)

    assert report.papers == len(ABSTRACTS)
    assert extractor.met == ([True, True] if papers_at_once == 2 else [False, False])
