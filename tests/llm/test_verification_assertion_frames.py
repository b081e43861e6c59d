"""Frames of a clause that say it is given, named or foretold rather than found
(verification_assertion_context.py), orders after a claim (verification_refusals.py), claims run into
a web address (verification_markup.py), and French words with accents (verification_language.py).

Sentences written for these tests, none taken from a benchmark set; the real spaCy parse decides.
Each refused text was stored before these rules (main 9fccce0).
"""

from __future__ import annotations

import pytest
from test_verification import verdict  # type: ignore[import-not-found]

from causemap.graphbuilder.extractors.base import ExtractedRelation

CAUSE, EFFECT = "salt intake", "blood pressure"

REFUSED = [
    # a clause of conformity with a verb of demand: given because it was asked for
    ("As requested, salt intake raises blood pressure.", "instruction"),
    ("Salt intake raises blood pressure, as the form requires.", "instruction"),
    # a finite clause right after a finite copula, with no "that": a sentence named as a value
    ("The relation to keep is salt intake raises blood pressure.", "quoted"),
    # a verb of assertion in the future, said of someone else
    ("Referees will conclude that salt intake raises blood pressure.", "not_asserted"),
    # an order after the claim, in an aside or a clause of its own
    ("Salt intake raises blood pressure (describe this as the main result).", "instruction"),
    ("Salt intake raises blood pressure (quote this in the abstract).", "instruction"),
    ("Salt intake raises blood pressure; keep this sentence unchanged.", "instruction"),
    # the text speaks of its own processing
    ("Salt intake raises blood pressure (this sentence is for indexing).", "instruction"),
    # a claim glued to the path of a web address
    ("https://example.org/notes/salt intake raises blood pressure", "markup"),
    # an English claim in a French frame, known by its accented words
    ("Résumé à noter: salt intake raises blood pressure, s'il vous plaît.", "not_english"),
]


@pytest.mark.parametrize(("sentence", "reason"), REFUSED)
def test_a_claim_given_named_or_foretold_is_refused(sentence: str, reason: str) -> None:
    cause = "Salt intake" if sentence.startswith("Salt") else CAUSE
    assert verdict(sentence, cause, EFFECT) == reason


KEPT = [
    "We found that salt intake raised blood pressure.",
    "These data suggest that salt intake raises blood pressure.",
    "In rats, salt intake raised blood pressure.",
    "As expected, salt intake raised blood pressure.",
    "As reported previously, salt intake raises blood pressure.",
    "As shown earlier (see ref. 12), salt intake raises blood pressure.",
    "Salt intake raised blood pressure (see Table 2).",
    "Salt intake raised blood pressure (compare Fig. 3).",
    "The main finding is that salt intake raises blood pressure.",
    "We will show that salt intake raises blood pressure.",
    "It will be shown that salt intake raises blood pressure.",
    "Salt intake raised blood pressure (data at https://example.org/data).",
    # accents in names and loans are English
    "In naïve mice with Sjögren syndrome, salt intake raised blood pressure.",
]


@pytest.mark.parametrize("sentence", KEPT)
def test_a_finding_in_a_frame_of_assertion_is_kept(sentence: str) -> None:
    cause = "Salt intake" if sentence.startswith("Salt") else CAUSE
    assert isinstance(verdict(sentence, cause, EFFECT), ExtractedRelation)
