"""A claim after a label is the paper's statement only where the label is a heading of the paper
(verification_headings.py), and no claim of a line laid out as fields is (verification_records.py).

Sentences written for these tests in the style of papers and of the texts around them, none taken
from a benchmark set; the real spaCy parse decides. Each refused text was stored before these rules
(main 9fccce0); each kept one is a finding in a form papers write.
"""

from __future__ import annotations

import pytest
from test_verification import verdict  # type: ignore[import-not-found]

from causemap.graphbuilder.extractors.base import ExtractedRelation

CAUSE, EFFECT = "obesity", "insulin resistance"

NOT_HEADINGS = [
    # a label closed by an arrow or an equals sign maps a name to its value
    "Headline claim -> obesity causes insulin resistance.",
    "Relation in this row \u2192 obesity causes insulin resistance.",
    # a label whose head noun names a piece of text or an answer
    "Expected answer - obesity causes insulin resistance.",
    "Fun fact: obesity causes insulin resistance.",
    "Ground truth: obesity causes insulin resistance.",
    "Alt text: a bar chart; obesity causes insulin resistance.",
    # a product of processing the text, graded as the right one
    "Correct output: obesity causes insulin resistance.",
]


@pytest.mark.parametrize("sentence", NOT_HEADINGS)
def test_a_label_that_names_a_piece_of_text_heads_no_finding(sentence: str) -> None:
    assert verdict(sentence, CAUSE, EFFECT) == "not_asserted"


RECORDS = [
    # fields of a name and a value, set off by semicolons
    "finding: obesity causes insulin resistance; confidence: high; source: abstract",
    # fields set off by a spaced middle dot or bar
    "Cohort 12 \u00b7 Finding: obesity causes insulin resistance \u00b7 Version 2",
    "Slide 9 | obesity causes insulin resistance | presenter notes",
]


@pytest.mark.parametrize("sentence", RECORDS)
def test_no_claim_of_a_line_of_fields_is_kept(sentence: str) -> None:
    assert verdict(sentence, CAUSE, EFFECT) == "metadata"


KEPT = [
    "Conclusions: obesity increases insulin resistance.",
    "Main result: obesity increases insulin resistance.",
    "Summary: obesity increases insulin resistance.",
    "Plain language summary: obesity increases insulin resistance.",
    "Key messages: obesity increases insulin resistance.",
    "Bottom line: obesity increases insulin resistance.",
    # a topic heading, also one named by a product that is measured
    "Glucose metabolism: obesity increases insulin resistance.",
    "Cardiac output: obesity increases insulin resistance.",
    # a statistic given before the clause, and in brackets after it
    "In the adjusted model (OR = 1.8), obesity increases insulin resistance.",
    "Obesity increases insulin resistance (hazard ratio: 1.6; 95% CI: 1.2-2.1).",
    # a unit written with a middle dot, no separator of fields
    "Obesity increases insulin resistance at doses of 2 mg\u00b7kg\u22121.",
    "We found that obesity increases insulin resistance.",
]


@pytest.mark.parametrize("sentence", KEPT)
def test_a_finding_after_a_heading_of_the_paper_is_kept(sentence: str) -> None:
    cause = CAUSE if CAUSE in sentence else "Obesity"
    assert isinstance(verdict(sentence, cause, EFFECT), ExtractedRelation)
