"""Change words the normaliser reads inside a word or beside a variant's size."""

from __future__ import annotations

import pytest

from causemap.graphbuilder.normalise import NormalisedTerm, normalise


@pytest.mark.parametrize(
    ("written", "term", "flipped"),
    [
        # a change noun hyphened onto a name is that name's change, as written apart
        ("XYZ2-deficiency", "xyz2", True),
        ("ABC1-knockdown", "abc1", True),
        ("the TGF-beta1-overexpression", "tgf-beta1", False),
        # a lower-case compound is a word of its own
        ("self-inhibition", "self-inhibition", False),
        # a deletion named by its size or place is an allele, not the loss of what it names
        ("a 12-bp deletion", "12-bp deletion", False),
        ("the 7q11.23 deletion", "7q11.23 deletion", False),
        ("a 40 base-pair (bp40) deletion", "40 base-pair bp40 deletion", False),
        ("ABC1 deletion", "abc1", True),
        # "blockage" is "blockade" spelt otherwise: the same downward change
        ("the blockage of ABC receptors", "abc receptor", True),
        ("ABC receptor blockage", "abc receptor", True),
    ],
)
def test_normalise_reads_a_change_glued_to_a_name_and_a_sized_deletion(written, term, flipped):
    assert normalise(written) == NormalisedTerm(term, flipped)


def test_a_text_of_punctuation_alone_normalises_to_nothing():
    assert normalise("),") == NormalisedTerm("", False)
