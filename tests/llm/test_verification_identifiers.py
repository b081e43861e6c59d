"""An argument cut out of a string written without spaces is part of an identifier, not a variable
(verification_identifiers.py): a file name, an address, a record's field, a part of a word.

Sentences written for these tests, none taken from a benchmark set or a paper; the real spaCy parse
decides. Each refused text was stored before the rule (as "scan04_Asbestos exposure" ->
"mesothelioma.jpg", the expanded tokens); the same cuts that prose makes (a reference mark
glued to a word, a name written with an underscore given whole) are kept.
"""

from __future__ import annotations

import pytest
from test_verification import verdict  # type: ignore[import-not-found]

from causemap.graphbuilder.extractors.base import ExtractedRelation
from causemap.graphbuilder.extractors.rules import load_spacy
from causemap.graphbuilder.verification_identifiers import cut_from_identifier

RISK = "the risk of lung cancer"

REFUSED = [
    # a file name: the cause glued to "scan04_", the effect to ".jpg"; an extension after the effect
    (
        "Panel B (source: scan04_Asbestos exposure causes mesothelioma.jpg)",
        "Asbestos exposure",
        "mesothelioma",
    ),
    ("Image source: panel3_obesity causes type 2 diabetes.png", "obesity", "type 2 diabetes"),
    ("Smoking increases the risk of lung cancer.pdf", "Smoking", RISK),
    # an address's fragment, an e-mail address
    ("Archive: https://repo.example.net/item#Smoking increases the risk of lung cancer", "Smoking", RISK),
    ("Contact: lab@Smoking increases the risk of lung cancer", "Smoking", RISK),
    # a part of a word
    ("Nonsmoking increased the risk of lung cancer.", "smoking", RISK),
]


@pytest.mark.parametrize(("sentence", "cause", "effect"), REFUSED)
def test_an_argument_cut_from_an_identifier_is_no_phrase(sentence: str, cause: str, effect: str) -> None:
    assert verdict(sentence, cause, effect) == "not_a_phrase"


KEPT = [
    # a reference mark a PDF's text glues to the word before it
    ("Smoking increased the risk of lung cancer,3 as reported before.", "Smoking", RISK),
    ("Smoking increased the risk of diabetes.[12]", "Smoking", "the risk of diabetes"),
    # a name written with an underscore, given whole
    ("The C_allele increased the risk of lung cancer.", "The C_allele", RISK),
]


@pytest.mark.parametrize(("sentence", "cause", "effect"), KEPT)
def test_the_cuts_of_prose_are_kept(sentence: str, cause: str, effect: str) -> None:
    assert isinstance(verdict(sentence, cause, effect), ExtractedRelation)


def test_a_cut_at_a_hyphen_or_a_slash_is_between_words() -> None:
    doc = load_spacy()("Na+/K+-ATPase activity and p53-/- mice")
    text = doc.text
    assert not cut_from_identifier(doc, 0, text.index("/"))  # "Na+" of "Na+/K+-ATPase"
    assert not cut_from_identifier(doc, text.index("p53"), text.index("p53") + 3)  # "p53" of "p53-/-"
    assert cut_from_identifier(doc, 1, text.index("/"))  # "a+": part of a word
