"""The cue on the dependency path between two phrases (verification_paths.py): its direction.

Sentences written for these tests; the real spaCy parse decides. A cue verb with a correlational
particle ("Y increases with X") is undirected in that frame only; with its own subject and object
("X increases Y") it is causal, and the claim the other way round is no claim of the sentence.
"""

from __future__ import annotations

import pytest
from test_verification import verdict  # type: ignore[import-not-found]

from causemap.graphbuilder.extractors.base import ExtractedRelation

REVERSED = [
    ("Long working hours increase the risk of burnout.", "the risk of burnout", "Long working hours"),
    ("Regular exercise decreases resting heart rate.", "resting heart rate", "Regular exercise"),
]


@pytest.mark.parametrize(("sentence", "cause", "effect"), REVERSED)
def test_a_causal_verb_with_a_correlational_particle_is_directed_without_it(
    sentence: str, cause: str, effect: str
) -> None:
    assert verdict(sentence, cause, effect, "correlational") == "unrelated"


@pytest.mark.parametrize(("sentence", "effect", "cause"), REVERSED)
def test_the_same_verb_relates_its_subject_to_its_object(sentence: str, effect: str, cause: str) -> None:
    kept = verdict(sentence, cause, effect)
    assert isinstance(kept, ExtractedRelation) and kept.relation == "causal"


def test_a_causal_verb_is_controlled_by_the_subject_of_a_raising_verb() -> None:
    kept = verdict("Statins were shown to decrease cholesterol levels.", "Statins", "cholesterol levels")
    assert isinstance(kept, ExtractedRelation) and kept.relation == "causal"
