"""A kind noun written as an acronym ("an intronic SNP (rs1234567)") is a kind noun: the name beside it
is the variable (``rules_appositions``); a bracket that spells out the words before it, split by the
parser ("(C/D)"), stays an abbreviation. The rules extractor on sentences written for these tests."""

from __future__ import annotations

from rules_readings import polarity_readings as claims


def test_a_name_beside_an_acronym_kind_noun_is_the_variable(extractor):
    found = claims(
        extractor, "An intronic SNP (rs1234567) in ABCB1 was associated with response to imatinib."
    )
    assert ("rs1234567", "response to imatinib") in found, found


def test_an_abbreviation_split_by_the_parser_is_no_name(extractor):
    sentence = (
        "A SNP for cytosine insertion/deletion (C/D) in the promoter of the MMP3 gene was found to affect "
        "promoter activity."
    )
    found = claims(extractor, sentence)
    assert ("A SNP for cytosine insertion/deletion", "promoter activity") in found, found
    assert not any(cause in ("C/D", "D") for cause, _ in found), found
