"""Text clean-up and section labelling, on strings (pure functions)."""

from __future__ import annotations

from itertools import pairwise

import pytest

from causemap.ingest.clean import (
    assemble_paragraphs,
    clean_pages,
    clean_text,
    find_running_lines,
    normalize_characters,
)
from causemap.ingest.hyphenation import build_vocabulary, fix_spaced_hyphens, join_hyphenated
from causemap.ingest.sections import heading_label, label_pages

# ------------------------------------------------------------------------ characters


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("signi\ufb01cant \ufb02uid e\ufb00ect", "significant fluid effect"),
        ("e\ufb03cient ba\ufb04ing", "efficient baffling"),
        ("loss\u2011of\u2011function", "loss-of-function"),
        ("10\u00a0mg\u2009/\u202fday", "10 mg / day"),
        ("zero\u200bwidth\ufeff", "zerowidth"),
        ("p1\x00\x8d p2", "p1   p2"),
    ],
)
def test_normalize_characters(raw, clean):
    assert normalize_characters(raw) == clean


def test_no_ligature_survives_cleaning():
    text = clean_text("The \ufb01rst \ufb02ow was su\ufb03cient and \ufb00ective.")
    assert not any("\ufb00" <= ch <= "\ufb06" for ch in text)
    assert text == "The first flow was sufficient and ffective."


# ------------------------------------------------------------------------ hyphenation


@pytest.mark.parametrize(
    ("left", "right", "joined"),
    [
        ("the concentra-", "tion rose", "the concentration rose"),
        ("the concentra -", "tion rose", "the concentration rose"),  # BMJ style
        ("anti-", "TNF therapy", "anti-TNF therapy"),
        ("COVID-", "19 cases", "COVID-19 cases"),
        ("before splicing of pre- ", "mRNA occurs", "before splicing of pre-mRNA occurs"),
        ("both pre- ", "and post-operative", "both pre- and post-operative"),
        ("susceptibil\u00ad", "ity to", "susceptibility to"),
        ("no hyphen here", "next line", None),
    ],
)
def test_join_hyphenated(left, right, joined):
    assert join_hyphenated(left, right) == joined


def test_document_vocabulary_decides_between_compound_and_hyphenation():
    pages = [
        ["Intake was self-reported by most.", "Intake was self-", "reported again."],
        ["We used a treadmill daily.", "the tread-", "mill test"],
    ]
    vocabulary = build_vocabulary(pages)
    assert join_hyphenated("was self-", "reported again.", vocabulary) == "was self-reported again."
    assert join_hyphenated("the tread-", "mill test", vocabulary) == "the treadmill test"


def test_spaced_hyphens_are_closed_but_suspended_hyphens_stay():
    assert fix_spaced_hyphens("Post- transcriptional and slow- moving") == (
        "Post-transcriptional and slow-moving"
    )
    for suspended in ("co- or post-transcriptional", "pre- and post-test", "10- to 20-fold"):
        assert fix_spaced_hyphens(suspended) == suspended


# ------------------------------------------------------------------------- paragraphs


def test_lines_of_a_paragraph_join_with_single_spaces_and_blank_lines_break():
    text = clean_text("Caffeine is an adenosine\nreceptor  antagonist.\n\nA new paragraph\nstarts here.")
    assert text == "Caffeine is an adenosine receptor antagonist.\n\nA new paragraph starts here."


def test_headings_stand_alone_and_a_short_last_line_ends_a_paragraph():
    lines = [
        "Smoking in pregnancy is the main preventable cause of",
        "morbidity among women and infants in most countries.",
        "It is rising in low income countries.",
        "Use of nicotine replacement therapy during pregnancy",
        "seems to have little effect on quitting rates overall.",
        "2. Methods",
        "We recruited pregnant women by telephone after their",
        "first antenatal booking visit in thirteen hospitals.",
    ]
    paragraphs = assemble_paragraphs(lines).split("\n\n")
    assert paragraphs[0].endswith("in low income countries.")
    assert paragraphs[1].startswith("Use of nicotine") and paragraphs[2] == "2. Methods"
    assert paragraphs[3].startswith("We recruited")


def test_a_numbered_subsection_heading_is_its_own_paragraph():
    lines = [
        "3. Results",
        "3.1 Effects of body mass index on cardiometabolic outcomes",
        "Genetically predicted BMI increased the risk of type 2",
        "diabetes in adults.",
    ]
    assert assemble_paragraphs(lines).split("\n\n") == [
        "3. Results",
        "3.1 Effects of body mass index on cardiometabolic outcomes",
        "Genetically predicted BMI increased the risk of type 2 diabetes in adults.",
    ]


def test_no_single_newline_ever_survives():
    raw = "\n".join(f"line {i} of text with words" + ("." if i % 3 == 0 else "") for i in range(60))
    text = clean_text(raw + "\n\n\n\nlast   paragraph\n")
    assert "\n" not in text.replace("\n\n", "")
    assert "\n\n\n" not in text and "  " not in text


def test_inline_abstract_heading_and_drop_capital():
    text = clean_text(
        "ABSTRACT The two species differ.\nKEYWORDS resistance\nA\ncinetobacter spp. are common."
    )
    assert text.startswith("ABSTRACT\n\nThe two species differ.")
    assert "Acinetobacter spp. are common." in text


TOPICS = ["coffee", "tea", "sleep", "naps", "stress"]


def test_running_headers_and_page_numbers_are_removed_from_every_page():
    pages = []
    for n, topic in enumerate(TOPICS, start=1):
        body = [f"Sentence {k} on {topic} and its effect number {k * n} on health." for k in range(8)]
        body.insert(4, "42")  # a number in a table, mid-page: not a page number
        pages.append([f"Journal of Examples 2024;12:{100 + n}", *body, str(n)])
    cleaned = clean_pages(["\n".join(lines) for lines in pages])
    assert len(cleaned) == len(TOPICS)
    for n, (topic, text) in enumerate(zip(TOPICS, cleaned, strict=True), start=1):
        assert "Journal of Examples" not in text
        assert not text.endswith(str(n))
        assert f"Sentence 0 on {topic}" in text and "Sentence 7" in text and "42" in text.split()
    assert find_running_lines([["Only one page"]]) == frozenset()


# --------------------------------------------------------------------------- sections


@pytest.mark.parametrize(
    ("line", "label"),
    [
        ("2. Methods", "methods"),
        ("2 Methods", "methods"),
        ("METHODS", "methods"),
        ("Materials and methods", "methods"),
        ("Study design", "methods"),
        ("Methodology", "methods"),
        ("III. RESULTS", "results"),
        ("Discussion", "discussion"),
        ("6 Conclusions", "conclusion"),
        ("References", "references"),
        ("Bibliography", "references"),
        ("Literature cited", "references"),
        ("1. Introduction", "introduction"),
        ("Abstract", "abstract"),
        ("Acknowledgements", "other"),
        ("Statistical analysis", None),
        ("The methods we used were new", None),
    ],
)
def test_heading_labels(line, label):
    assert heading_label(line) == label


def _labels(pages: list[str]) -> list[list[str]]:
    return [[span.label for span in spans] for spans in label_pages(pages)]


def _years(n: int) -> str:
    return "\n\n".join(f"{i}. Author A. Title {i}. J Ex {2000 + i};1:1-2." for i in range(1, n + 1))


def test_sections_carry_across_pages_and_references_run_to_the_end():
    pages = [
        "Title of the paper\n\nAbstract\n\nWe studied coffee.\n\nIntroduction\n\nCoffee is common.",
        "More introduction.\n\nMethods\n\nWe measured sleep.",
        "Results\n\nSleep got worse.\n\nDiscussion\n\nIt matters.\n\nReferences\n\n" + _years(3),
        _years(5),
    ]
    assert _labels(pages) == [
        ["front", "abstract", "introduction"],
        ["introduction", "methods"],
        ["results", "discussion", "references"],
        ["references"],
    ]
    for text, spans in zip(pages, label_pages(pages), strict=True):
        assert spans[0].start == 0 and spans[-1].end == len(text)
        assert all(a.end == b.start for a, b in pairwise(spans))


def test_structured_abstract_subheadings_stay_in_the_abstract():
    page = (
        "ABSTRACT\n\nObjective\n\nTo test coffee.\n\nResults\n\nNo effect.\n\nConclusion\n\n"
        "None.\n\nIntroduction\n\nCoffee is common."
    )
    assert _labels(["Title\n\n" + page]) == [["front", "abstract", "introduction"]]


def test_a_numbered_reference_list_without_heading_is_found():
    body = "\n\n".join(f"Body paragraph {i} discussing coffee and sleep at length." for i in range(30))
    refs = "\n\n".join(f"{i} Smith{i} J. A study of things. J Ex {2000 + i};1:1-9." for i in range(1, 8))
    labels = label_pages([body, refs])
    assert [s.label for s in labels[1]] == ["references"]
    assert "references" not in [s.label for s in labels[0]]


def test_a_references_slide_without_citations_is_not_a_reference_list():
    pages = ["Overview\n\nReferences\n\nextraction\n\nof metadata", "Results\n\nIt works well."]
    assert "references" not in {label for page in _labels(pages) for label in page}


def test_an_appendix_after_the_references_is_other():
    page = "References\n\n" + _years(4) + "\n\nAppendix\n\nExtra tables."
    assert _labels([page]) == [["references", "other"]]
