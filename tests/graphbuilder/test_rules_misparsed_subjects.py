"""Subjects the parser takes from a neighbouring phrase give no claim (rules_misparsed_subjects).

The misreadings come from long result sentences; the small parser makes them on some wordings and
not others, so the checks are tested on the parses it gives there, written out token by token."""

from __future__ import annotations

import pytest
from spacy.tokens import Doc

from causemap.graphbuilder.extractors.rules import load_spacy
from causemap.graphbuilder.extractors.rules_misparsed_subjects import misparsed_subject

# (word, dependency, head index, part of speech, tag, lemma)
Parse = list[tuple[str, str, int, str, str, str]]


def parsed(tokens: Parse) -> Doc:
    words, deps, heads, pos, tags, lemmas = zip(*tokens, strict=True)
    return Doc(
        load_spacy().vocab,
        words=list(words),
        deps=list(deps),
        heads=list(heads),
        pos=list(pos),
        tags=list(tags),
        lemmas=list(lemmas),
    )


# "The extract lowered the markers (urea, creatinine; and cystatin) and decreased the release of
# cytokines.", with "creatinine" parsed as the subject of "decreased"
IN_BRACKETS: Parse = [
    ("The", "det", 1, "DET", "DT", "the"),
    ("extract", "nsubj", 2, "NOUN", "NN", "extract"),
    ("lowered", "ccomp", 13, "VERB", "VBD", "lower"),
    ("the", "det", 4, "DET", "DT", "the"),
    ("markers", "dobj", 2, "NOUN", "NNS", "marker"),
    ("(", "punct", 4, "PUNCT", "-LRB-", "("),
    ("urea", "appos", 4, "NOUN", "NN", "urea"),
    (",", "punct", 6, "PUNCT", ",", ","),
    ("creatinine", "nsubj", 13, "NOUN", "NN", "creatinine"),
    (";", "punct", 8, "PUNCT", ":", ";"),
    ("and", "cc", 8, "CCONJ", "CC", "and"),
    ("cystatin", "conj", 8, "NOUN", "NN", "cystatin"),
    (")", "punct", 8, "PUNCT", "-RRB-", ")"),
    ("decreased", "ROOT", 13, "VERB", "VBD", "decrease"),
    ("the", "det", 15, "DET", "DT", "the"),
    ("release", "dobj", 13, "NOUN", "NN", "release"),
    ("of", "prep", 15, "ADP", "IN", "of"),
    ("cytokines", "pobj", 16, "NOUN", "NNS", "cytokine"),
    (".", "punct", 13, "PUNCT", ".", "."),
]

# "Diabetic cardiomyopathy (DCM) is a complication of diabetes.", the abbreviation parsed as subject
ABBREVIATION: Parse = [
    ("Diabetic", "amod", 1, "ADJ", "JJ", "diabetic"),
    ("cardiomyopathy", "amod", 3, "NOUN", "NN", "cardiomyopathy"),
    ("(", "punct", 3, "PUNCT", "-LRB-", "("),
    ("DCM", "nsubj", 5, "PROPN", "NNP", "DCM"),
    (")", "punct", 3, "PUNCT", "-RRB-", ")"),
    ("is", "ROOT", 5, "AUX", "VBZ", "be"),
    ("a", "det", 7, "DET", "DT", "a"),
    ("complication", "attr", 5, "NOUN", "NN", "complication"),
    ("of", "prep", 7, "ADP", "IN", "of"),
    ("diabetes", "pobj", 8, "NOUN", "NN", "diabetes"),
    (".", "punct", 5, "PUNCT", ".", "."),
]

# "The extract restored catalase, decreased the elevations of interleukin-6, and attenuated the
# loss of glutathione.", with "the elevations" parsed as the subject of "decreased"
AFTER_ITS_VERB: Parse = [
    ("The", "det", 1, "DET", "DT", "the"),
    ("extract", "nsubj", 2, "NOUN", "NN", "extract"),
    ("restored", "ccomp", 5, "VERB", "VBD", "restore"),
    ("catalase", "dobj", 2, "NOUN", "NN", "catalase"),
    (",", "punct", 5, "PUNCT", ",", ","),
    ("decreased", "ROOT", 5, "VERB", "VBD", "decrease"),
    ("the", "det", 7, "DET", "DT", "the"),
    ("elevations", "nsubj", 5, "NOUN", "NNS", "elevation"),
    ("of", "prep", 7, "ADP", "IN", "of"),
    ("interleukin-6", "pobj", 8, "NOUN", "NN", "interleukin-6"),
    (",", "punct", 5, "PUNCT", ",", ","),
    ("and", "cc", 5, "CCONJ", "CC", "and"),
    ("attenuated", "conj", 5, "VERB", "VBD", "attenuate"),
    ("the", "det", 14, "DET", "DT", "the"),
    ("loss", "dobj", 12, "NOUN", "NN", "loss"),
    ("of", "prep", 14, "ADP", "IN", "of"),
    ("glutathione", "pobj", 15, "NOUN", "NN", "glutathione"),
    (".", "punct", 5, "PUNCT", ".", "."),
]

# "Among them are inhibitors of the transporter.": a copula after a fronted phrase
INVERTED_COPULA: Parse = [
    ("Among", "prep", 2, "ADP", "IN", "among"),
    ("them", "pobj", 0, "PRON", "PRP", "they"),
    ("are", "ROOT", 2, "AUX", "VBP", "be"),
    ("inhibitors", "nsubj", 2, "NOUN", "NNS", "inhibitor"),
    ("of", "prep", 3, "ADP", "IN", "of"),
    ("the", "det", 6, "DET", "DT", "the"),
    ("transporter", "pobj", 4, "NOUN", "NN", "transporter"),
    (".", "punct", 2, "PUNCT", ".", "."),
]

# "The cells increased CD28, upregulated factor FOXP3, produced interleukin-4.", with "upregulated"
# read as a modifier and "factor" as the subject of "produced"
PARTICIPLE_IN_A_SERIES: Parse = [
    ("The", "det", 1, "DET", "DT", "the"),
    ("cells", "nsubj", 2, "NOUN", "NNS", "cell"),
    ("increased", "ROOT", 2, "VERB", "VBD", "increase"),
    ("CD28", "dobj", 2, "PROPN", "NNP", "CD28"),
    (",", "punct", 9, "PUNCT", ",", ","),
    ("upregulated", "amod", 6, "ADJ", "JJ", "upregulated"),
    ("factor", "nsubj", 9, "NOUN", "NN", "factor"),
    ("FOXP3", "appos", 6, "PROPN", "NNP", "FOXP3"),
    (",", "punct", 6, "PUNCT", ",", ","),
    ("produced", "conj", 2, "VERB", "VBD", "produce"),
    ("interleukin-4", "dobj", 9, "NOUN", "NN", "interleukin-4"),
    (".", "punct", 2, "PUNCT", ".", "."),
]

# "In patients, increased interleukin-6 predicted mortality.": a participle modifying a real subject
PARTICIPLE_OF_A_SUBJECT: Parse = [
    ("In", "prep", 5, "ADP", "IN", "in"),
    ("patients", "pobj", 0, "NOUN", "NNS", "patient"),
    (",", "punct", 5, "PUNCT", ",", ","),
    ("increased", "amod", 4, "VERB", "VBN", "increase"),
    ("interleukin-6", "nsubj", 5, "NOUN", "NN", "interleukin-6"),
    ("predicted", "ROOT", 5, "VERB", "VBD", "predict"),
    ("mortality", "dobj", 5, "NOUN", "NN", "mortality"),
    (".", "punct", 5, "PUNCT", ".", "."),
]


@pytest.mark.parametrize(
    ("tokens", "word", "cue", "misparsed"),
    [
        (IN_BRACKETS, "creatinine", "decreased", True),
        (IN_BRACKETS, "cystatin", "decreased", True),  # a list item of that subject
        (IN_BRACKETS, "extract", "lowered", False),
        (ABBREVIATION, "DCM", "is", False),  # the bracket is inside the subject's own phrase
        (AFTER_ITS_VERB, "elevations", "decreased", True),
        (AFTER_ITS_VERB, "interleukin-6", "decreased", True),  # the object of the misread subject's frame
        (AFTER_ITS_VERB, "elevations", "attenuated", True),  # a conjunct verb sharing that subject
        (AFTER_ITS_VERB, "extract", "restored", False),
        (INVERTED_COPULA, "inhibitors", "are", False),
        (PARTICIPLE_IN_A_SERIES, "factor", "produced", True),
        (PARTICIPLE_IN_A_SERIES, "FOXP3", "produced", True),  # its apposition
        (PARTICIPLE_IN_A_SERIES, "cells", "increased", False),
        (PARTICIPLE_OF_A_SUBJECT, "interleukin-6", "predicted", False),
    ],
)
def test_subjects_taken_from_a_neighbouring_phrase(extractor, tokens, word, cue, misparsed):
    doc = parsed(tokens)
    token = next(t for t in doc if t.text == word)
    verb = next(t for t in doc if t.text == cue)
    assert misparsed_subject(token, verb, extractor.lexicon) is misparsed


def test_only_the_cues_own_subject_is_judged(extractor):
    # the misread subject of "decreased" is no argument of "restored" to judge here
    doc = parsed(AFTER_ITS_VERB)
    assert not misparsed_subject(doc[7], doc[2], extractor.lexicon)


def test_brackets_of_a_written_name_are_no_parenthesis(extractor):
    # "(Over)expression of catalase lowered damage.", the opening bracket attached to the verb
    words = ["(", "Over", ")", "expression", "of", "catalase", "lowered", "damage", "."]
    spaces = [False, False, False, True, True, True, True, False, False]
    heads = [6, 3, 1, 6, 3, 4, 6, 6, 6]
    deps = ["punct", "compound", "punct", "nsubj", "prep", "pobj", "ROOT", "dobj", "punct"]
    pos = ["PUNCT", "NOUN", "PUNCT", "NOUN", "ADP", "NOUN", "VERB", "NOUN", "PUNCT"]
    doc = Doc(load_spacy().vocab, words=words, spaces=spaces, heads=heads, deps=deps, pos=pos)
    assert doc.text.startswith("(Over)expression of")
    assert not misparsed_subject(doc[3], doc[6], extractor.lexicon)
    assert not misparsed_subject(doc[5], doc[6], extractor.lexicon)
