"""Belief: noisy-OR over independent papers, curation, hedges, nulls and opposite signs."""

from __future__ import annotations

import json
from importlib import resources

import pytest

from causemap.graphbuilder.assemble import claim_evidence
from causemap.graphbuilder.belief import (
    consensus_polarity,
    edge_belief,
    evidence_reliability,
    is_association_only,
    load_belief_params,
    noisy_or,
)
from causemap.models import CurationState, Evidence, StudyDesign


@pytest.fixture
def evidence(make_claim):
    """``evidence(paper, polarity="+", **claim fields)``: the Evidence of one claim a -> b."""
    counter = iter(range(1000))

    def make(paper: str, polarity: str | None = "+", **fields) -> Evidence:
        # A different page per claim: two claims of one paper are still two claims.
        fields.setdefault("page", next(counter) + 1)
        return claim_evidence(make_claim(paper, "salt", "blood pressure", polarity, **fields), None)

    return make


def _belief(evidence_list) -> float:
    return edge_belief(evidence_list).belief


def test_every_number_in_belief_json_has_a_reason():
    data = json.loads((resources.files("causemap.graphbuilder") / "resources" / "belief.json").read_text())
    for name, section in data.items():
        if name.startswith("_"):
            continue
        assert section.get("_why"), f"{name} has no _why note"
    params = load_belief_params()
    assert set(params.design) == {d.value for d in StudyDesign}
    assert all(0.0 < v <= 1.0 for v in [*params.design.values(), *params.extractor.values()])


def test_more_independent_papers_raise_belief(evidence):
    beliefs = [_belief([evidence(f"p{i}") for i in range(n)]) for n in range(1, 6)]
    assert beliefs == sorted(beliefs) and len(set(beliefs)) == len(beliefs)
    assert beliefs[-1] < 1.0


def test_a_second_claim_from_the_same_paper_changes_nothing(evidence):
    one = [evidence("p1"), evidence("p2")]
    assert _belief(one + [evidence("p1")]) == pytest.approx(_belief(one))
    # ... while the same claim from a new paper does raise it
    assert _belief(one + [evidence("p3")]) > _belief(one)


def test_a_paper_counts_with_its_strongest_claim(evidence):
    hedged_only = [evidence("p1", hedged=True)]
    both = [evidence("p1", hedged=True), evidence("p1")]
    assert _belief(both) == pytest.approx(_belief([evidence("p1")]))
    assert _belief(both) > _belief(hedged_only)


def test_a_null_result_lowers_belief_and_more_nulls_lower_it_more(evidence):
    support = [evidence("p1"), evidence("p2")]
    one_null = _belief(support + [evidence("p3", "0", negated=True)])
    two_nulls = _belief(support + [evidence("p3", "0", negated=True), evidence("p4", "0")])
    assert _belief(support) > one_null > two_nulls > 0.0


def test_an_opposite_sign_lowers_belief_less_than_a_null(evidence):
    support = [evidence("p1"), evidence("p2")]
    opposite = _belief(support + [evidence("p3", "-")])
    null = _belief(support + [evidence("p3", "0")])
    assert _belief(support) > opposite > null


def test_rejected_claims_count_for_nothing(evidence):
    support = [evidence("p1"), evidence("p2")]
    rejected = [
        evidence("p3", state=CurationState.REJECTED),
        evidence("p4", "0", state=CurationState.REJECTED),
        evidence("p5", "-", state=CurationState.REJECTED),
    ]
    assert edge_belief(support + rejected) == edge_belief(support)
    assert evidence_reliability(rejected[0]) == 0.0


def test_curated_claims_count_as_read_correctly(evidence):
    pending = evidence("p1")
    accepted = evidence("p1", state=CurationState.ACCEPTED)
    edited = evidence("p1", state=CurationState.EDITED)
    assert evidence_reliability(accepted) == evidence_reliability(edited)
    assert evidence_reliability(accepted) > evidence_reliability(pending)
    design_only = load_belief_params().design["unknown"]
    assert evidence_reliability(accepted) == pytest.approx(design_only)


def test_design_hedging_and_association_order_reliability(evidence):
    rct = evidence_reliability(evidence("p", design="rct"))
    cross = evidence_reliability(evidence("p", design="cross_sectional"))
    assert rct > cross
    plain = evidence_reliability(evidence("p"))
    assert evidence_reliability(evidence("p", hedged=True)) < plain
    assert evidence_reliability(evidence("p", relation="correlational")) < plain
    assert evidence_reliability(evidence("p", extractor="llm:openai:gpt-4o")) != plain


def test_consensus_follows_the_better_supported_sign(evidence):
    assert consensus_polarity([evidence("p1", "+"), evidence("p2", "+"), evidence("p3", "-")]) == "+"
    assert (
        consensus_polarity([evidence("p1", "+", design="cross_sectional"), evidence("p2", "-", design="rct")])
        == "-"
    )
    assert consensus_polarity([evidence("p1", "+"), evidence("p2", "-")]) is None
    assert consensus_polarity([evidence("p1", "0"), evidence("p2", "0", negated=True)]) == "0"
    assert consensus_polarity([evidence("p1", None)]) is None


def test_only_nulls_means_no_belief(evidence):
    assert _belief([evidence("p1", "0"), evidence("p2", "0")]) == 0.0


def test_association_only_flag(evidence):
    assert is_association_only([evidence("p1", relation="correlational")])
    assert not is_association_only([evidence("p1", relation="correlational"), evidence("p2")])
    assert not is_association_only([])


def test_noisy_or():
    assert noisy_or([]) == 0.0
    assert noisy_or([0.5, 0.5]) == pytest.approx(0.75)


def test_a_papers_design_lends_weight_to_its_findings_only(evidence):
    rct_finding = evidence_reliability(evidence("p", design="rct", role="finding"))
    rct_background = evidence_reliability(evidence("p", design="rct", role="background"))
    cohort_background = evidence_reliability(evidence("p", design="cohort", role="background"))
    unknown_finding = evidence_reliability(evidence("p", role="finding"))
    assert rct_background == cohort_background  # the cited work's design is not the citing paper's
    assert rct_background < unknown_finding < rct_finding


def test_sections_that_state_findings_count_more_than_methods(evidence):
    by_section = {
        s: evidence_reliability(evidence("p", section=s))
        for s in ("abstract", "results", "conclusion", "discussion", "introduction", "methods")
    }
    assert by_section["results"] == by_section["abstract"] == by_section["conclusion"]
    assert (
        by_section["results"] > by_section["discussion"] > by_section["introduction"] > by_section["methods"]
    )
    assert evidence_reliability(evidence("p", section=None)) == by_section["abstract"]  # a JSONL abstract
    assert evidence_reliability(evidence("p", section="a heading nobody knows")) == evidence_reliability(
        evidence("p", section="other")
    )


def test_a_surer_pattern_counts_more_up_to_certainty(evidence):
    weak, strong = (evidence_reliability(evidence("p", confidence=c)) for c in (0.6, 0.85))
    assert weak < strong
    certain = evidence_reliability(evidence("p", confidence=1.0, design="rct", section="results"))
    assert certain <= load_belief_params().design["rct"]


def test_versions_of_one_study_count_once(make_claim):
    one = [make_claim("pre", "salt", "blood pressure", "+"), make_claim("pub", "salt", "blood pressure", "+")]
    versions = [claim_evidence(c, None, study_id="pub") for c in one]
    independent = [claim_evidence(c, None) for c in one]
    assert _belief(versions) == pytest.approx(_belief(independent[:1]))
    assert _belief(independent) > _belief(versions)
