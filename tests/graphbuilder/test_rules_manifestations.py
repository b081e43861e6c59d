"""What a defined group shows ("mice lacking X exhibited Y", "X-treated rats showed increases in Y"):
an association of what defines the group with what it shows. The rules extractor on invented
sentences, with the real spaCy pipeline."""

from __future__ import annotations

import pytest
from rules_readings import relation_readings as claims

from causemap.graphbuilder.extractors.rules import RulesExtractor


@pytest.mark.parametrize(
    ("sentence", "cause", "effect"),
    [
        (
            "Paraquat-treated rats showed significant increases in serum creatinine.",
            "Paraquat",
            "serum creatinine",
        ),
        (
            "Patients with the TT genotype of rs4242 showed a marked haemolytic crisis.",
            "genotype",
            "haemolytic crisis",
        ),
        ("Keap1-deficient mice displayed severe hepatic steatosis.", "Keap1", "hepatic steatosis"),
        ("Patients with gout presented with painful renal stones.", "gout", "renal stones"),
        (
            "Hepatoma cells treated with acetaminophen showed severe mitochondrial swelling.",
            "acetaminophen",
            "mitochondrial swelling",
        ),
    ],
)
def test_a_defined_group_shows_an_association(
    extractor: RulesExtractor, sentence: str, cause: str, effect: str
) -> None:
    found = claims(extractor, sentence)
    assert any(cause in c and effect in e for c, e in found), found
    assert all(relation == "correlational" for relation, _ in found.values()), found


@pytest.mark.parametrize(
    ("sentence", "cause", "effect", "polarity"),
    [
        (
            "Treatment with valproate showed a significant decrease in HDAC activity.",
            "valproate",
            "HDAC",
            "+",
        ),
        (
            "Administration of melatonin showed a marked reduction in lipid peroxidation.",
            "melatonin",
            "lipid",
            "+",
        ),
    ],
)
def test_a_named_exposure_shows_a_change(
    extractor: RulesExtractor, sentence: str, cause: str, effect: str, polarity: str
) -> None:
    # the sign as written: the exposure goes with "a decrease in Y" (the variable stage reverses it)
    found = claims(extractor, sentence)
    assert [p for (c, e), (_, p) in found.items() if cause in c and effect in e] == [polarity], found


def test_a_bare_exposure_shows_nothing(extractor: RulesExtractor) -> None:
    assert claims(extractor, "Treatment showed a significant decrease in heart weight.") == {}


def test_a_plural_change_noun_signs_what_is_shown(extractor: RulesExtractor) -> None:
    # "increases in Y" is a change as "an increase in Y" is: the association is signed
    found = claims(extractor, "Paraquat-treated rats showed significant increases in serum creatinine.")
    assert [p for (c, e), (_, p) in found.items() if c == "Paraquat" and "creatinine" in e] == ["+"], found


def test_the_sign_of_a_change_shown_by_a_group_lacking_its_definer(extractor: RulesExtractor) -> None:
    # lacking Keap1 goes with more steatosis: Keap1 against it, as "Keap1-deficient mice developed Y"
    found = claims(extractor, "Keap1-deficient mice displayed severe hepatic steatosis.")
    assert [p for (c, _), (_, p) in found.items() if c == "Keap1"] == ["-"], found


@pytest.mark.parametrize(
    "sentence",
    [
        "The patient showed marked weakness of the lower limbs.",  # no definer: who, not what
        "HeLa cells displayed a rounded morphology.",  # a sample named by itself
        "Western blot analysis showed a band at 45 kDa.",  # a method's evidence
        "Patients with asthma showed similar lung volumes.",  # alike: no association stated
        "Patients with asthma showed no exacerbations during the trial.",  # denied: left to null cues
        "Patients with asthma showed a mean age of 43 years.",  # an amount measured
        "Rats treated with cisplatin were shown to the examiners.",  # passive: no showing of a state
        "Patients with chronic wounds present a challenge to every clinic.",  # "present" without "with"
        "The whole cohort showed a significant change in arterial stiffness.",  # a group no noun names
    ],
)
def test_no_association_without_a_defined_group_showing_a_state(
    extractor: RulesExtractor, sentence: str
) -> None:
    assert claims(extractor, sentence) == {}, sentence


def test_a_hedged_or_denied_showing_keeps_its_modality(extractor: RulesExtractor) -> None:
    hedged = extractor.extract(["Tlr4-deficient mice may exhibit attenuated lung injury."])[0]
    denied = extractor.extract(["Tlr4-deficient mice did not exhibit attenuated lung injury."])[0]
    assert hedged and all(c.hedged for c in hedged), hedged
    assert denied and all(c.polarity == "0" for c in denied), denied


def test_a_relation_shown_by_a_group_is_read_by_its_own_cue(extractor: RulesExtractor) -> None:
    found = claims(
        extractor, "Patients with gout show a strong association between urate and nephrolithiasis."
    )
    assert ("urate", "nephrolithiasis") in found, found
    assert not any("gout" in c for c, _ in found), found


def test_little_or_no_change_shown_is_no_association(extractor: RulesExtractor) -> None:
    assert claims(extractor, "Mice treated with vehicle showed little or no change in heart weight.") == {}
