"""Forms of real papers that state less than their cue verbs suggest: a reduced relative the parser
read as the main clause, an effect "in" a place or a population, an epistemic frame around a
hypothesis, the reason for an act of the authors; and names of a class member that say not which.
The rules extractor on invented sentences, with the real spaCy pipeline."""

from __future__ import annotations

import pytest

from causemap.graphbuilder.extractors.rules import RulesExtractor
from causemap.graphbuilder.variable_names import names_a_variable


def relations(extractor: RulesExtractor, sentence: str) -> dict[tuple[str, str], tuple[str | None, bool]]:
    """(cause, effect) -> (polarity, hedged) of every relation read in the sentence."""
    return {(r.cause.text, r.effect.text): (r.polarity, r.hedged) for r in extractor.extract([sentence])[0]}


@pytest.mark.parametrize(
    ("sentence", "head"),
    [
        # the parser makes "found" the root and "K. pneumoniae" the subject of "raise"
        (
            "The majority of plasmids (>50%) found in E. coli and K. pneumoniae raise the host's "
            "tolerance to copper.",
            "plasmids",
        ),
        # ... or hangs "increase" on "found" as an unlabelled dependent
        (
            "The majority of toxins (>60%) found in C. atrox and C. adamanteus increase the clotting "
            "time of human blood.",
            "toxins",
        ),
    ],
)
def test_what_was_found_in_a_host_is_the_cause_not_the_host(extractor, sentence, head):
    found = relations(extractor, sentence)
    assert found, sentence
    causes = {cause for cause, _ in found}
    assert all(head in cause for cause in causes), found
    assert not any(cause.split()[-1] in sentence.split(" and ")[1] for cause in causes), found


def test_a_relative_the_parser_read_right_keeps_its_host_in_the_name(extractor):
    found = relations(
        extractor, "Most efflux pumps found in P. aeruginosa and S. aureus lower the cell's sensitivity."
    )
    assert [c for c, _ in found] == ["Most efflux pumps found in P. aeruginosa and S. aureus"], found


@pytest.mark.parametrize(
    "sentence",
    [
        "Nitrogen fertiliser showed a clear effect in the roots of maize seedlings.",
        "The effect of ozone in the needles of pine seedlings was small.",
        "The treatments demonstrated an effect in the leaves of bean plants.",
        "The effect of caffeine in older women was small.",
    ],
)
def test_an_effect_in_a_place_or_population_names_no_effect(extractor, sentence):
    assert relations(extractor, sentence) == {}


def test_an_effect_on_something_or_in_a_condition_is_read(extractor):
    assert ("Caffeine", "alertness") in relations(
        extractor, "Caffeine had a strong effect on alertness in older women."
    )
    found = relations(extractor, "Metformin had a beneficial effect in polycystic ovary syndrome.")
    assert ("Metformin", "polycystic ovary syndrome") in found, found


@pytest.mark.parametrize(
    "sentence",
    [
        "The decrease in ZIP1 protein we detected favours the view that transporter folding is affected, "
        "preventing zinc uptake.",
        "The fall in total PIN2 protein we observed supports the idea that carrier assembly is affected, "
        "preventing auxin efflux.",
    ],
)
def test_a_participle_after_an_epistemic_frame_has_no_subject_of_the_main_clause(extractor, sentence):
    # "favours the view that A is affected, preventing B": whose doing the preventing is, is not said,
    # and the view is no effect of the protein
    assert not any("protein" in cause for cause, _ in relations(extractor, sentence)), sentence


def test_a_participle_after_a_plain_clause_has_its_subject(extractor):
    found = relations(extractor, "Ozone inhibits root growth, thereby reducing phosphate uptake.")
    assert ("Ozone", "phosphate uptake") in found, found


def test_a_claim_inside_an_idea_is_hedged_and_the_idea_is_no_effect(extractor):
    found = relations(extractor, "The hypothesis that auxin transport reduces phosphate uptake remains open.")
    assert found.get(("auxin transport", "phosphate uptake")) == ("-", True), found
    found = relations(extractor, "Some authors hold the idea that ethylene inhibits root elongation.")
    assert found.get(("ethylene", "root elongation")) == ("-", True), found
    # data supporting the idea report the claim, as a reporting verb does; the idea is no effect
    found = relations(
        extractor, "These data favour the hypothesis that auxin transport reduces phosphate uptake."
    )
    assert found.get(("auxin transport", "phosphate uptake")) == ("-", False), found
    assert not any("hypothesis" in effect for _, effect in found), found
    # a plain claim is not hedged, and "favour" with a variable as object is a cue
    assert relations(extractor, "Ethylene inhibits root elongation.")[("Ethylene", "root elongation")] == (
        "-",
        False,
    )
    assert ("Nitrate", "the growth of grasses") in relations(
        extractor, "Nitrate favours the growth of grasses."
    )


def test_the_reason_for_an_act_of_the_authors_is_no_claim(extractor):
    assert relations(extractor, "We excluded the second harvest due to frost damage.") == {}
    assert relations(extractor, "We report 'yield' instead of 'recall' due to the cost of annotation.") == {}
    # what the authors observed is a finding
    assert ("frost damage", "lower yields") in relations(
        extractor, "We observed lower yields due to frost damage."
    )


@pytest.mark.parametrize(
    ("name", "usable"),
    [
        ("gene variants", False),
        ("genetic mutations", False),
        ("protein isoforms", False),
        ("receptor subtypes", False),
        ("KCNJ11 variants", True),
        ("loss-of-function mutations", True),
        ("the HNF1A mutation", True),
        ("somatic mutations", True),
        ("gene expression", True),
        ("drug resistance", True),
    ],
)
def test_a_class_member_named_only_by_its_class_names_no_variable(name, usable):
    assert names_a_variable(name) is usable


@pytest.mark.parametrize(
    "sentence",
    [
        "Step counts tended to be higher in the coaching group than in the control group, although this "
        "difference did not reach significance (P=0.41).",
        "Step counts were higher in the coaching group than in the control group, but the trend was not "
        "statistically significant.",
    ],
)
def test_a_difference_taken_back_as_not_significant_is_a_null(extractor, sentence):
    found = relations(extractor, sentence)
    assert found and all(polarity == "0" for polarity, _ in found.values()), found


def test_a_clause_about_something_else_or_a_small_difference_takes_nothing_back(extractor):
    for sentence in (
        "The drug increased step counts, but the effect on sleep was not significant.",
        "The drug increased step counts, although this difference was small.",
    ):
        assert relations(extractor, sentence) == {("The drug", "step counts"): ("+", False)}, sentence
