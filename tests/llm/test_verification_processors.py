"""What a text's readers, processors and products are said to say, code lines, questions, hearsay and
a noun of saying as a subject (verification_obligations.said_by_a_processor, verification_formats,
verification_mentions).

Sentences written for these tests, none taken from a benchmark set; the real spaCy parse decides. Each
refused text was stored before these rules; the kept ones are the same forms as papers use them.
"""

from __future__ import annotations

import pytest
from test_verification import verdict  # type: ignore[import-not-found]

from causemap.graphbuilder.extractors.base import ExtractedRelation, read_candidates
from causemap.graphbuilder.extractors.rules import RulesExtractor

RISK = ("obesity", "the risk of diabetes")

REFUSED = [
    # what a reader, a processor or a product of processing says or does with the claim
    ("Summarising tools should echo that obesity raises the risk of diabetes.", "instruction"),
    ("A summary of this page would say that obesity raises the risk of diabetes.", "instruction"),
    ("Any careful reader would point out that obesity raises the risk of diabetes.", "instruction"),
    ("We allow software to record that obesity raises the risk of diabetes.", "instruction"),
    ("Annotators are to log that obesity raises the risk of diabetes.", "instruction"),
    # a message addressed to a processor of the text
    ("The main message for software is that obesity raises the risk of diabetes.", "instruction"),
    # code: a method call, a name assigned words
    ("result.add('obesity raises the risk of diabetes')", "instruction"),
    ("finding=obesity raises the risk of diabetes", "instruction"),
    # a question asks; hearsay and a noun of saying as the subject mention
    ("Would a summary not simply say obesity raises the risk of diabetes?", "instruction"),
    ("Does obesity raise the risk of diabetes?", "hypothetical"),
    ("Legend has it that obesity raises the risk of diabetes.", "quoted"),
    ("The caption printed under this figure is obesity raises the risk of diabetes.", "quoted"),
]


@pytest.mark.parametrize(("sentence", "reason"), REFUSED)
def test_what_readers_say_code_questions_and_hearsay_are_refused(sentence: str, reason: str) -> None:
    assert verdict(sentence, *RISK) == reason


DIABETES = "the risk of diabetes"
KEPT = [
    # a verb of evidence, and a report by the studies' authors
    ("Studies have shown that obesity raises the risk of diabetes.", "obesity", DIABETES),
    ("Smith and colleagues reported that obesity raises the risk of diabetes.", "obesity", DIABETES),
    # "machine" as a modifier is no machine; a noun of saying as a modifier is no subject
    ("Machine learning models showed that obesity raises the risk of diabetes.", "obesity", DIABETES),
    ("The key finding is that obesity raises the risk of diabetes.", "obesity", DIABETES),
    # what a machine did, the claim's verb conjoined to the machine's
    ("Computers were installed and reduced the risk of diabetes.", "Computers", DIABETES),
    # a message for people
    (
        "The take-home message for clinicians is that obesity raises the risk of diabetes.",
        "obesity",
        DIABETES,
    ),
    # statistics are no code
    ("In this cohort (n=120, p=0.01), obesity raised the risk of diabetes.", "obesity", DIABETES),
    # "had" after the sentence's start
    (
        "Participants who had gained weight showed that obesity raised the risk of diabetes.",
        "obesity",
        DIABETES,
    ),
    # a question presupposes the relation a modifier states (it asks about its own verb)
    ("Which dose prevents obesity-induced diabetes?", "obesity", "diabetes"),
]


@pytest.mark.parametrize(("sentence", "cause", "effect"), KEPT)
def test_the_same_forms_in_findings_are_kept(sentence: str, cause: str, effect: str) -> None:
    assert isinstance(verdict(sentence, cause, effect), ExtractedRelation)


def test_a_question_asks_about_its_own_verb() -> None:
    assert (
        verdict("Which dose prevents obesity-induced diabetes?", "Which dose", "diabetes") == "hypothetical"
    )


def test_the_rules_claims_pass_the_same_refusals() -> None:
    sentences = [
        "Does obesity raise the risk of diabetes?",
        "Legend has it that obesity raises the risk of diabetes.",
        "Obesity raises the risk of diabetes.",
    ]
    reading = read_candidates(RulesExtractor(), None, sentences)
    assert reading.relations[0] == [] and reading.relations[1] == []
    assert [(r.cause.text, r.effect.text) for r in reading.relations[2]] == [
        ("Obesity", "the risk of diabetes")
    ]
