"""A change noun shared by the names coordinated before it gives each name its direction: the rules
extractor on sentences written for these tests, with the real spaCy pipeline."""

from __future__ import annotations

import pytest

from causemap.graphbuilder.extractors.rules import RulesExtractor
from causemap.graphbuilder.normalise import normalise


def signs(extractor: RulesExtractor, sentence: str) -> dict[tuple[str, str], str | None]:
    """The claims of a sentence as (cause, effect) -> the sign between the variables they name."""
    out = {}
    for c in extractor.extract([sentence])[0]:
        polarity = c.polarity
        if polarity in ("+", "-") and normalise(c.cause.text).flipped != normalise(c.effect.text).flipped:
            polarity = "-" if polarity == "+" else "+"
        out[(c.cause.text, c.effect.text)] = polarity
    return out


@pytest.mark.parametrize(
    ("sentence", "first", "last", "effect", "sign"),
    [
        # a loss shared by both names: each of them raises what its loss lowers
        ("ABC1 and XYZ2 knockdown reduced glucose uptake.", "ABC1", "XYZ2 knockdown", "glucose uptake", "+"),
        (
            "Glucose uptake was reduced by ABC1 and XYZ2 inhibition.",
            "ABC1",
            "XYZ2 inhibition",
            "Glucose uptake",
            "+",
        ),
        # a gain shared by both: each raises what its gain raises
        (
            "ABC1 and XYZ2 overexpression reduced glucose uptake.",
            "ABC1",
            "XYZ2 overexpression",
            "glucose uptake",
            "-",
        ),
        # a name left hanging on its hyphen shares the next word's change
        (
            "Glucose uptake was reduced by ABC1- or XYZ2-inhibition.",
            "ABC1",
            "XYZ2-inhibition",
            "Glucose uptake",
            "+",
        ),
    ],
)
def test_names_before_a_shared_change_noun_each_carry_its_direction(
    extractor, sentence, first, last, effect, sign
):
    found = signs(extractor, sentence)
    assert found.get((first, effect)) == sign, found
    assert found.get((last, effect)) == sign, found


def test_a_shared_head_that_is_no_change_gives_the_bare_names_no_direction(extractor):
    found = signs(extractor, "ABC1 and XYZ2 mutations reduced glucose uptake.")
    assert found.get(("ABC1", "glucose uptake")) == "-", found
    found = signs(extractor, "Alcohol increased IL-6 and TNF levels.")
    assert found.get(("Alcohol", "IL-6")) == "+", found


def test_a_name_hanging_on_its_hyphen_alone_shares_the_change_written_later(extractor):
    found = signs(
        extractor, "The fever was strongly attenuated by ABC1- and to a lesser extent by XYZ2-deficiency."
    )
    assert found.get(("ABC1", "The fever")) == "+", found


def test_a_change_named_by_its_means_is_no_change_of_the_names_before_it(extractor):
    # "siRNA-mediated knockdown" says how, not of what: the inhibitor before it keeps its own sign
    found = signs(
        extractor, "Inhibition of ABC1 by XY2345 and siRNA-mediated knockdown reduced IL-8 production."
    )
    assert found.get(("XY2345", "ABC1")) == "-", found
