"""Arguments that deny or withdraw their claim: a quantifier of none (a null finding), a method
that is the subject of a verb of showing (the evidence, no cause), and a spread within one group
(no association). The rules extractor on invented sentences, with the real spaCy pipeline."""

from __future__ import annotations

import pytest

from causemap.graphbuilder.extractors.rules import RulesExtractor


def readings(extractor: RulesExtractor, sentence: str) -> list[tuple[str, str, str | None]]:
    return sorted((c.cause.text, c.effect.text, c.polarity) for c in extractor.extract([sentence])[0])


@pytest.mark.parametrize(
    ("sentence", "cause", "effect"),
    [
        (
            "None of the markers in the leptin gene showed an association with drought tolerance.",
            "leptin gene",
            "drought tolerance",
        ),
        (
            "None of the soil bacteria was associated with the yield of wheat.",
            "soil bacteria",
            "yield of wheat",
        ),
        ("No variant of the clock gene was associated with insomnia.", "clock gene", "insomnia"),
    ],
)
def test_a_subject_quantified_as_none_is_a_null(
    extractor: RulesExtractor, sentence: str, cause: str, effect: str
) -> None:
    found = readings(extractor, sentence)
    assert found, sentence
    assert any(cause in c and effect in e for c, e, _ in found), found
    assert all(polarity == "0" for _, _, polarity in found), found


def test_a_group_defined_by_none_is_no_null(extractor: RulesExtractor) -> None:
    # "no" inside the group's definer defines who was compared; it denies nothing
    found = readings(extractor, "Farmers with no history of pesticide use had lower rates of tremor.")
    assert all(polarity != "0" for _, _, polarity in found), found


@pytest.mark.parametrize(
    "sentence",
    [
        "Flow-cytometric analysis of the splenocytes showed reduced expression of CD8.",
        "Immunohistochemical staining showed increased infiltration of macrophages.",
        "Western blot analysis demonstrated decreased levels of cyclin D1.",
        "Magnetic resonance imaging showed reduced volume of the hippocampus.",
    ],
)
def test_a_method_that_shows_is_no_cause(extractor: RulesExtractor, sentence: str) -> None:
    assert readings(extractor, sentence) == []


def test_a_method_reports_the_claim_of_its_complement(extractor: RulesExtractor) -> None:
    found = readings(
        extractor, "Quantitative PCR demonstrated that hypoxia increased the expression of VEGF."
    )
    assert ("hypoxia", "the expression of VEGF", "+") in found, found
    assert all("PCR" not in c for c, _, _ in found), found


def test_a_group_that_shows_a_change_is_still_compared(extractor: RulesExtractor) -> None:
    found = readings(extractor, "Patients with psoriasis showed reduced expression of filaggrin.")
    assert found and all("psoriasis" in c for c, _, _ in found), found


@pytest.mark.parametrize(
    "sentence",
    [
        "Serum ferritin varied considerably among patients with thalassemia.",
        "Bone density varied widely among women with anorexia nervosa.",
        "Grain weight varied across mice with the dwarfing allele.",
    ],
)
def test_a_spread_within_one_group_is_no_association(extractor: RulesExtractor, sentence: str) -> None:
    assert readings(extractor, sentence) == []


@pytest.mark.parametrize(
    "sentence",
    [
        "Serum ferritin levels varied among patients with thalassemia and healthy donors.",
        "Serum ferritin differed between patients with thalassemia and healthy donors.",
        "Grip strength varied by sex.",
    ],
)
def test_groups_compared_are_still_an_association(extractor: RulesExtractor, sentence: str) -> None:
    assert readings(extractor, sentence), sentence


def test_a_partitive_of_none_names_the_whole(extractor: RulesExtractor) -> None:
    # the quantifier is the denial, no part of the variable
    found = readings(
        extractor, "None of the markers in the leptin gene showed an association with drought tolerance."
    )
    assert found and all(c == "the markers in the leptin gene" and p == "0" for c, _, p in found), found
    found = readings(extractor, "Nitrate affected none of the traits of the seedlings.")
    assert found and all(e == "the traits of the seedlings" and p == "0" for _, e, p in found), found


@pytest.mark.parametrize(
    "sentence",
    [
        "The promoter fragments of the rice gene were amplified by PCR.",
        "Gas chromatography is useful for the detection of pesticide residues.",
    ],
)
def test_a_laboratory_technique_is_no_variable(extractor: RulesExtractor, sentence: str) -> None:
    assert readings(extractor, sentence) == []


def test_screening_may_be_a_cause(extractor: RulesExtractor) -> None:
    # an intervention may bear a method's name: only laboratory techniques are never variables
    assert readings(extractor, "Colonoscopy screening reduced mortality from colorectal cancer."), "screening"


@pytest.mark.parametrize(
    "sentence",
    [
        # an analysis may be an intervention; "pCR" is a pathological complete response
        "Remote sound analysis reduces the need for clinic visits.",
        "pCR is an independent predictor of longer survival.",
    ],
)
def test_an_analysis_or_a_lowercase_abbreviation_may_be_a_cause(
    extractor: RulesExtractor, sentence: str
) -> None:
    assert readings(extractor, sentence), sentence


def test_a_partitive_of_none_in_a_coordination_keeps_its_members(extractor: RulesExtractor) -> None:
    sentence = (
        "Neither of the other dietary targets (salt and sugar) nor any lifestyle habit could be shown to be"
        " associated with gout."
    )
    found = readings(extractor, sentence)
    assert sorted(c for c, _, _ in found) == ["any lifestyle habit", "the other dietary targets"], found
    assert all(p == "0" for _, _, p in found), found
