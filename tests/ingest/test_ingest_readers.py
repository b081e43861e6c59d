"""Readers on real files: PDFs built with fpdf2/pypdf/Pillow and parsed by pypdf, text and JSONL.

The expected values come from the layout the fixtures write (conftest.py), never from a run of the
program.
"""

from __future__ import annotations

import hashlib
import io
import json
import logging
import re
from itertools import pairwise
from pathlib import Path

import pypdf
import pytest

from causemap.ingest.metadata import (
    choose_doi,
    choose_title,
    choose_year,
    find_dois,
    is_junk_title,
    split_author_names,
    title_from_font_runs,
)
from causemap.ingest.readers import (
    SUPPORTED_SUFFIXES,
    ParsedDocument,
    ReadFailure,
    ReadLimits,
    read_document,
    read_path,
    reader_for,
)
from causemap.ingest.readers.pdf import PdfReader, read_pdf
from causemap.ingest.sentences import split_sentences


def _read_one(path: Path) -> ParsedDocument | ReadFailure:
    items = read_path(path)
    assert len(items) == 1
    return items[0]


@pytest.fixture(scope="module")
def paper(paper_pdf: Path) -> ParsedDocument:
    document = _read_one(paper_pdf)
    assert isinstance(document, ParsedDocument), document
    return document


def _label_of(document: ParsedDocument, phrase: str) -> tuple[int, str | None]:
    for page in document.pages:
        index = page.text.find(phrase)
        if index >= 0:
            return page.number, page.label_at(index)
    raise AssertionError(f"{phrase!r} not found in any page")


# ------------------------------------------------------------------- the synthetic paper


def test_paper_has_one_page_per_pdf_page_with_provenance_fields(paper, paper_pdf, spec):
    assert [p.number for p in paper.pages] == list(range(1, len(spec.PAPER) + 1))
    assert paper.kind == "pdf" and paper.source == str(paper_pdf)
    assert paper.sha256 == hashlib.sha256(paper_pdf.read_bytes()).hexdigest()
    assert paper.parser.startswith("pypdf ") and "causemap-clean" in paper.parser


def test_running_header_and_page_numbers_are_removed(paper, spec):
    header_start = spec.HEADER.split("{")[0].strip()
    for page in paper.pages:
        assert header_start not in page.text
        paragraphs = [p.strip() for p in page.text.split("\n\n")]
        assert str(page.number) not in paragraphs  # the bare page-number footer


def test_words_rejoin_across_line_breaks_and_compounds_keep_their_hyphen(paper):
    text = " ".join(page.text for page in paper.pages)
    assert "plasma concentration peaks" in text
    assert "concentra-" not in text and "concentra tion" not in text
    assert "was self-reported in a food diary" in text  # "self-reported" occurs mid-line too
    assert "anti-TNF therapy" in text  # a capital after the hyphen keeps it


def test_lines_join_into_paragraphs_without_newlines_inside(paper, spec):
    for page in paper.pages:
        assert "\n" not in page.text.replace("\n\n", "")
        assert "  " not in page.text
        for start, end in split_sentences(page.text):
            assert "\n" not in page.text[start:end]
    abstract = " ".join(spec.ABSTRACT_LINES)
    assert abstract in paper.pages[0].text


def test_left_column_is_read_before_the_right_and_a_sentence_crosses_them(paper):
    first = paper.pages[0].text
    assert first.index("Sleep problems are common") < first.index("We also examine whether")
    assert "habitual coffee intake predicts sleep quality two years later." in first


def test_sections_follow_the_headings_across_pages(paper):
    assert _label_of(paper, "Coffee intake and sleep") == (1, "front")
    assert _label_of(paper, "Coffee is widely consumed") == (1, "abstract")
    assert _label_of(paper, "Sleep problems are common") == (1, "introduction")
    assert _label_of(paper, "We recruited 2,400 adults") == (2, "methods")
    assert _label_of(paper, "Each additional cup") == (2, "results")
    assert _label_of(paper, "Reverse causation") == (3, "discussion")
    assert _label_of(paper, "Reducing coffee intake") == (3, "conclusion")
    assert _label_of(paper, "Smith J, Jones K") == (3, "references")
    assert {span.label for span in paper.pages[3].sections} == {"references"}


def test_section_spans_tile_each_page(paper):
    for page in paper.pages:
        offsets = [(span.start, span.end) for span in page.sections]
        assert offsets[0][0] == 0 and offsets[-1][1] == len(page.text)
        assert all(a[1] == b[0] for a, b in pairwise(offsets))


def test_metadata_comes_from_the_pdf_and_its_first_page(paper, spec):
    assert paper.title == spec.TITLE
    assert paper.authors == list(spec.AUTHORS)
    assert paper.year == spec.YEAR
    assert paper.doi == spec.DOI


def test_junk_info_title_falls_back_to_the_title_on_the_first_page(tmp_path, spec):
    path = tmp_path / "draft3.pdf"
    path.write_bytes(spec.build_paper_pdf(spec.PAPER[:1], info_title="Microsoft Word - draft3.docx"))
    document = _read_one(path)
    assert isinstance(document, ParsedDocument)
    assert document.title == spec.TITLE


# ------------------------------------------------------------------------ broken files


@pytest.mark.parametrize(
    ("name", "code", "words"),
    [
        ("encrypted_user_password", "encrypted", "password"),
        ("truncated", "corrupt", "truncated"),
        ("image_only", "no_text", "OCR"),
        ("empty", "empty", "0 bytes"),
        ("text_renamed", "not_pdf", "Coffee and sleep"),
        ("html_error_page", "not_pdf", "web page"),
    ],
)
def test_unreadable_pdfs_fail_with_a_specific_reason(broken_pdfs, name, code, words):
    failure = _read_one(broken_pdfs[name])
    assert isinstance(failure, ReadFailure), failure
    assert failure.code == code
    assert words in failure.message and str(failure) == failure.message


@pytest.mark.parametrize("name", ["encrypted_empty_password", "encrypted_empty_password_rc4"])
def test_pdfs_encrypted_with_an_empty_user_password_open(broken_pdfs, name):
    document = _read_one(broken_pdfs[name])
    assert isinstance(document, ParsedDocument), document
    assert "Coffee raises alertness in adults." in document.pages[0].text


def test_a_scanned_page_inside_a_text_pdf_is_reported_and_the_rest_is_read(spec):
    writer = pypdf.PdfWriter()
    for data in (spec.simple_pdf(), spec.image_only_pdf(), spec.simple_pdf()):
        for page in pypdf.PdfReader(io.BytesIO(data)).pages:
            writer.add_page(page)
    merged = io.BytesIO()
    writer.write(merged)
    document = read_pdf(Path("mixed.pdf"), merged.getvalue())
    assert isinstance(document, ParsedDocument), document
    texts = [page.text for page in document.pages]
    assert texts[1] == "" and texts[0] == texts[2]
    assert texts[0].count("Coffee raises alertness in adults.") == 20  # repeated pages stay whole
    assert any("2" in warning and "scanned" in warning for warning in document.warnings)
    assert [(w.page, w.code) for w in document.page_warnings] == [(2, "page_scanned")]
    assert "OCR" in document.page_warnings[0].reason


def test_a_page_cut_short_by_pypdfs_form_limit_keeps_what_was_read_and_says_so(spec):
    document = read_pdf(Path("table.pdf"), spec.form_invoked_pdf(5_003))
    assert isinstance(document, ParsedDocument), document
    [warning] = document.page_warnings
    assert (warning.page, warning.code) == (1, "page_cut_short")
    assert "5000 form XObject invocations" in warning.reason and "kept" in warning.reason
    text = document.pages[0].text
    assert text.startswith("The page begins with this sentence.")
    assert text.endswith("The page ends with this sentence.")  # the page's own text after the forms
    assert text.count("cell") == 5_000  # the forms read before pypdf stopped


def test_a_page_read_whole_has_no_page_warning(spec):
    document = read_pdf(Path("table.pdf"), spec.form_invoked_pdf(50))
    assert isinstance(document, ParsedDocument) and document.page_warnings == []
    assert document.pages[0].text.count("cell") == 50


def test_a_page_whose_text_cannot_be_read_is_reported_and_the_others_are_kept(spec):
    document = read_pdf(Path("two.pdf"), spec.unreadable_second_page_pdf())
    assert isinstance(document, ParsedDocument), document
    [warning] = document.page_warnings
    assert (warning.page, warning.code) == (2, "page_not_read")
    assert "10001 > 10000" in warning.reason
    assert document.pages[1].text == "" and document.pages[0].text.count("Coffee raises") == 5


def test_missing_file_too_large_and_unsupported_type(tmp_path, spec):
    [missing] = read_path(tmp_path / "nope.pdf")
    assert isinstance(missing, ReadFailure) and missing.code == "not_found"
    [large] = PdfReader().read(Path("x.pdf"), spec.simple_pdf(), ReadLimits(max_bytes=100))
    assert isinstance(large, ReadFailure) and large.code == "too_large"
    [unsupported] = read_document(Path("paper.docx"), b"PK\x03\x04 zipped")
    assert isinstance(unsupported, ReadFailure) and ".docx" in unsupported.message


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


def test_pypdf_log_noise_is_routed_to_debug_not_shown(caplog, spec):
    data = spec.simple_pdf()
    pointer = re.search(rb"startxref\s+(\d+)", data)
    assert pointer is not None
    broken_pointer = data[: pointer.start(1)] + b"999" + data[pointer.end(1) :]
    console = _Collect()  # stands in for a console handler on the root logger
    logging.getLogger().addHandler(console)
    try:
        with caplog.at_level(logging.DEBUG, logger="causemap.ingest.readers.pdf"):
            document = read_pdf(Path("x.pdf"), broken_pointer)
    finally:
        logging.getLogger().removeHandler(console)
    assert isinstance(document, ParsedDocument)
    assert not [r for r in console.records if r.name.startswith("pypdf")]
    ours = [r for r in console.records if r.name == "causemap.ingest.readers.pdf"]
    assert ours and all(r.levelno == logging.DEBUG for r in ours)
    assert any("startxref" in w for w in document.warnings)


# ---------------------------------------------------------------------- text and JSONL


def test_registry_picks_readers_by_suffix_case_insensitively():
    assert set(SUPPORTED_SUFFIXES) == {".pdf", ".txt", ".md", ".jsonl"}
    assert reader_for(Path("A.PDF")) is reader_for(Path("b.pdf")) is not None
    assert reader_for(Path("notes.Md")) is not None and reader_for(Path("x.docx")) is None


def test_markdown_file_is_one_page_with_its_heading_as_title(tmp_path):
    path = tmp_path / "notes.md"
    path.write_text(
        "# Coffee and sleep\n\n## Methods\n\nWe asked 40 people\nabout their coffee.\n\n"
        "## Results\n\nCoffee delayed sleep onset.\n",
        encoding="utf-8",
    )
    document = _read_one(path)
    assert isinstance(document, ParsedDocument)
    assert document.kind == "text" and document.title == "Coffee and sleep"
    [page] = document.pages
    assert "We asked 40 people about their coffee." in page.text
    assert page.label_at(page.text.index("We asked")) == "methods"
    assert page.label_at(page.text.index("Coffee delayed")) == "results"


def test_text_file_title_from_first_line_and_empty_text_file(tmp_path):
    path = tmp_path / "abstract.txt"
    path.write_text("Caffeine and sleep\n\nCaffeine delays sleep onset.\n", encoding="utf-8")
    document = _read_one(path)
    assert isinstance(document, ParsedDocument) and document.title == "Caffeine and sleep"
    (tmp_path / "blank.txt").write_text(" \n\n", encoding="utf-8")
    failure = _read_one(tmp_path / "blank.txt")
    assert isinstance(failure, ReadFailure) and failure.code == "empty"


def test_jsonl_yields_one_document_per_line_and_names_the_bad_line(tmp_path):
    records = [
        {
            "id": "pm1",
            "title": "Coffee and sleep",
            "text": "Coffee delays\nsleep onset.",
            "year": 2019,
            "doi": "https://doi.org/10.1000/xyz.1",
            "authors": ["Ann Lee", "Bo Chan"],
        },
        "{not json",
        {"id": 7, "title": "Tea", "text": "Tea reduces stress.", "year": "2020"},
        {"id": "pm1", "title": "Duplicate", "text": "Same id again."},
        {"id": "pm9", "title": "No text"},
    ]
    lines = [r if isinstance(r, str) else json.dumps(r) for r in records]
    path = tmp_path / "pubmed.jsonl"
    path.write_text("\n".join(lines[:2]) + "\n\n" + "\n".join(lines[2:]) + "\n", encoding="utf-8")
    items = read_path(path)
    documents = [i for i in items if isinstance(i, ParsedDocument)]
    failures = [i for i in items if isinstance(i, ReadFailure)]
    assert [d.source for d in documents] == [f"{path}#pm1", f"{path}#7"]
    assert [f.code for f in failures] == ["bad_record"] * 3
    assert [f.message.split(":")[0] for f in failures] == ["line 2", "line 5", "line 6"]
    first = documents[0]
    assert first.sha256 == hashlib.sha256(lines[0].encode()).hexdigest()
    assert (first.title, first.year, first.doi, first.authors) == (
        "Coffee and sleep",
        2019,
        "10.1000/xyz.1",
        ["Ann Lee", "Bo Chan"],
    )
    assert first.pages[0].text == "Coffee delays sleep onset."
    assert [s.label for s in first.pages[0].sections] == ["abstract"]
    assert documents[1].year == 2020


# ----------------------------------------------------------------------- metadata rules


@pytest.mark.parametrize(
    "title",
    ["Microsoft Word - draft3.docx", "untitled", "paper_v3.pdf", "s00125-024-06103-w", "", "Slide 1"],
)
def test_junk_titles_are_rejected(title):
    assert is_junk_title(title, "paper_v3.pdf")


def test_real_titles_are_kept_and_a_cut_info_title_yields_to_the_page_title():
    assert not is_junk_title("Coffee and sleep in adults", "x.pdf")
    page_title = "A loss-of-function mutation in KCNJ11 causing diabetes"
    assert choose_title("A loss-of-function mutation in", page_title, page_title) == page_title
    assert choose_title("untitled", page_title, page_title) == page_title


def test_title_from_font_runs_skips_journal_banners_and_drop_capitals():
    runs = [
        (27.9, "Journal of Statistical Software\n"),
        (10.0, "January 2007, Volume 18"),
        (17.2, "TIMP: An R Package for Modeling\nMulti-way Spectroscopic Measurements"),
        (26.0, "A"),
        (10.0, "cinetobacter body text " * 30),
    ]
    assert title_from_font_runs(runs) == (
        "TIMP: An R Package for Modeling Multi-way Spectroscopic Measurements"
    )


def test_doi_and_year_from_the_first_page():
    page = (
        "PLOS ONE | https://doi.org/10.1371/journal.pone.0197919 June 13, 2018 1 / 21\n"
        "Citation: ... https://doi.org/10.1371/journal.\npone.0197919\n"
        "Copyright: © 2018 Thomason et al.\nsamples from 2009 to 2014 were used"
    )
    assert choose_doi({}, page) == "10.1371/journal.pone.0197919"
    assert choose_doi({"/doi": "10.1136/bmj.h2145"}, page) == "10.1136/bmj.h2145"
    assert find_dois("(see doi:10.1016/S0140-6736(20)30183-5).") == ["10.1016/S0140-6736(20)30183-5"]
    assert choose_year({}, page) == 2018
    assert choose_year({"/CreationDate": "D:20110206152826"}, "no dates here") == 2011


def test_author_bylines_with_affiliation_markers_split_into_names():
    assert split_author_names("Michael Ussher,1 Sarah Lewis,2 Paul Aveyard,3 and Tim Coleman10") == [
        "Michael Ussher",
        "Sarah Lewis",
        "Paul Aveyard",
        "Tim Coleman",
    ]
    assert split_author_names("Natascia Vedovato1  · Maria V. Salguero2  · Arjun Raj1,8*") == [
        "Natascia Vedovato",
        "Maria V. Salguero",
        "Arjun Raj",
    ]
