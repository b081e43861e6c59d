"""A claim is the paper's statement only where its clause stands in a context of assertion
(verification_assertion_context.py): the main clause, or a clause embedded
under a predicate of finding, showing, evidence, belief or hedged assertion.

Sentences written for these tests in the style of papers, none taken from a benchmark set; the real
spaCy parse decides. Each refused text was stored before the rule (checked on main 5a46884); each kept
one is a finding in one of the forms the rule lets through.
"""

from __future__ import annotations

import pytest
from test_verification import verdict  # type: ignore[import-not-found]

from causemap.graphbuilder.extractors.base import ExtractedRelation
from causemap.graphbuilder.verification_assertion_context import assertion_words

RISK = "the risk of lung cancer"

NOT_ASSERTED = [
    # content clauses under verbs of telling, guessing, reading or writing down: someone's words
    "My grandmother always told me that smoking increases the risk of lung cancer.",
    "A first-year student once guessed that smoking increases the risk of lung cancer.",
    "The database entry reads that smoking increases the risk of lung cancer.",
    "Patients were reminded that smoking increases the risk of lung cancer.",
    "The nurse jotted down that smoking increases the risk of lung cancer.",
    # a "that"-clause the parse hung on the noun of a phrase of place belongs to the verb before it
    "Someone scribbled in the margin that smoking increases the risk of lung cancer.",
]


@pytest.mark.parametrize("sentence", NOT_ASSERTED)
def test_a_clause_under_a_word_that_asserts_nothing_is_refused(sentence: str) -> None:
    assert verdict(sentence, "smoking", RISK) == "not_asserted"


KEPT = [
    ("We found that smoking increases the risk of lung cancer.", "smoking"),
    ("These data suggest that smoking increases the risk of lung cancer.", "smoking"),
    ("It is likely that smoking increases the risk of lung cancer.", "smoking"),
    ("It has been shown that smoking increases the risk of lung cancer.", "smoking"),
    ("There is strong evidence that smoking increases the risk of lung cancer.", "smoking"),
    ("Previous cohort studies have demonstrated that smoking increases the risk of lung cancer.", "smoking"),
    ("Our results support the hypothesis that smoking increases the risk of lung cancer.", "smoking"),
    ("The main finding is that smoking increases the risk of lung cancer.", "smoking"),
    # a heading set off by a colon is the paper's layout: the clause after it is a main clause
    ("Conclusions: smoking increases the risk of lung cancer.", "smoking"),
    ("Interpretation: smoking increases the risk of lung cancer.", "smoking"),
    ("Highlights: smoking increases the risk of lung cancer.", "smoking"),
    ("The take-home message is that smoking increases the risk of lung cancer.", "smoking"),
    ("In conclusion, smoking increases the risk of lung cancer.", "smoking"),
    # relative and adverbial clauses go with the clause they belong to
    ("Smoking increased the risk of lung cancer, which was confirmed in two cohorts.", "Smoking"),
    ("Because smoking increases the risk of lung cancer, screening is offered to smokers.", "smoking"),
]


@pytest.mark.parametrize(("sentence", "cause"), KEPT)
def test_a_clause_in_a_context_of_assertion_is_kept(sentence: str, cause: str) -> None:
    assert isinstance(verdict(sentence, cause, RISK), ExtractedRelation)


def test_the_words_of_assertion_are_the_cue_lexicons_own() -> None:
    words = assertion_words()
    # read from causal_cues.json's reporting, hedging and evidential lists, not copied
    assert {"show", "suggest", "hypothesize", "corroborate"} <= words.verbs
    assert "hypothesis" in words.nouns
    assert not {"tell", "write", "say", "read"} & words.verbs
