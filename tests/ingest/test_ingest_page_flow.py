"""Text that is not prose in the text layer (a figure's labels, a table, a margin block, a summary box),
and sentences that a page break and such a block cut: on page texts written here and a PDF built with
fpdf2 (ingest/page_flow.py)."""

from __future__ import annotations

import textwrap
from pathlib import Path

from fpdf import FPDF

from causemap.ingest.clean import clean_pages, clean_text
from causemap.ingest.page_flow import join_page_breaks, label_run_lines
from causemap.ingest.readers import ParsedDocument
from causemap.ingest.readers.pdf import read_pdf
from causemap.ingest.sentences import split_sentences

_PROSE = (
    "Soil moisture was recorded every morning in each plot of the trial, and the readings were "
    "compared between the irrigated and the dry plots over the whole season of growth. The dry plots "
    "lost more leaves in the hot weeks than the irrigated plots did, and their roots grew deeper into "
    "the lower layers of the soil, where the water was kept for longer after the rain. "
)
_TABLE = [
    "Table 2. Leaf counts per plant in the irrigated and the dry plots at the end of the season.",
    "Plot Leaves P-value",
    "Irrigated 41.2 <0.001",
    "Dry 28.7 <0.001",
    "Shaded 33.0 0.04",
    "Open 30.1 0.02",
]


_CUT = "The earlier trial found that the loss of leaves in the dry plots under the strong heat"
_REST = "stress was related to a drop in yield [4]."
_CUT_FIRST = "It has been estimated by the earlier trials of this kind that every hot week of the season"
_REST_FIRST = "costs a tenth of the yield [2]."


def _prose(words: str, width: int = 90) -> list[str]:
    return textwrap.wrap(words, width)


def _sentences(page: str) -> list[str]:
    return [page[s:e] for s, e in split_sentences(page)]


def _cut_page(before: str, block: list[str], after: str) -> tuple[str, str]:
    """Two raw pages: prose whose last line ``before`` the column's edge cut, ``block``, and a page
    that opens with ``after``."""
    assert len(before) > 80  # a full line
    first = [*_prose(_PROSE * 2), before, *block]
    second = [*_prose(after + " " + _PROSE)]
    return "\n".join(first), "\n".join(second)


# ------------------------------------------------------------------------ a figure's labels


def test_a_run_of_short_lines_is_labels_each_its_own_paragraph():
    lines = [
        *_prose(_PROSE),
        "0",
        "10",
        "20",
        "distance to the root (mm)",
        "count",
        "dry plots",
        *_prose(_PROSE),
    ]
    assert label_run_lines(lines, 90.0) == frozenset(range(len(_prose(_PROSE)), len(_prose(_PROSE)) + 6))
    page = clean_text("\n".join(lines))
    sentences = _sentences(page)
    assert "distance to the root (mm)" in sentences and "dry plots" in sentences
    assert not any("count" in s and "10" in s for s in sentences)
    # the prose on either side is whole
    assert any(
        s.startswith("Soil moisture was recorded") and s.endswith("season of growth.") for s in sentences
    )


def test_a_paragraphs_short_last_line_or_a_heading_is_no_label_run():
    lines = [*_prose(_PROSE), "Results", *_prose(_PROSE), "end of it all.", *_prose(_PROSE)]
    assert label_run_lines(lines, 90.0) == frozenset()


# ------------------------------------------------------------- a sentence cut by a page break


def test_a_sentence_cut_by_a_table_and_a_page_break_is_joined_and_the_table_kept_apart():
    first, second = _cut_page(_CUT, _TABLE, _REST)
    page_one, page_two = clean_pages([first, second])
    sentences = _sentences(page_one)
    joined = [s for s in sentences if s.startswith("The earlier trial found")]
    assert joined == [f"{_CUT} {_REST}"]
    assert not any("Table 2" in s and "heat" in s for s in sentences)
    assert page_two.startswith("Soil moisture was recorded")
    assert "stress was related" not in page_two


def test_a_margin_block_of_the_first_page_is_kept_out_of_the_cut_sentence():
    margin = ["x1111111111"] * 5 + [
        "OPEN ACCESS",
        "Citation: Doe J, Roe R (2020) Leaves in",
        "dry plots. Journal of Plots 3(2): e12.",
        "Received: May 1, 2020",
        "Accepted: June 2, 2020",
    ]
    first, second = _cut_page(_CUT_FIRST, margin, _REST_FIRST)
    page_one, _ = clean_pages([first, second])
    sentences = _sentences(page_one)
    assert f"{_CUT_FIRST} {_REST_FIRST}" in sentences
    assert not any("x1111111111" in s and "season" in s for s in sentences)
    assert not any("OPEN ACCESS" in s and "yield" in s for s in sentences)


def test_a_summary_box_in_a_narrow_column_is_kept_out_of_the_cut_sentence():
    column = textwrap.wrap(_PROSE * 2, 52)
    box = [
        "What is already known on this topic",
        "Dry plots lose more leaves than irrigated plots in the hot weeks of summer",
        "Deeper roots have been shown to keep plants green for longer in dry soil",
    ]
    first = "\n".join([*column, "Yet most of the trials were small and they had other", *box])
    second = "\n".join(textwrap.wrap("flaws that made the results hard to read. 12 " + _PROSE, 52))
    page_one, _ = clean_pages([first, second])
    sentences = _sentences(page_one)
    assert (
        "Yet most of the trials were small and they had other flaws that made the results hard to read. 12"
        in sentences
    )
    assert not any("What is already known" in s and "trials" in s for s in sentences)


def test_no_text_moves_when_the_page_ends_with_a_whole_sentence():
    first = "\n".join([*_prose(_PROSE * 2), *_TABLE])
    second = "\n".join(["dry 12.0 0.3", *_prose(_PROSE)])
    assert join_page_breaks([first.split("\n"), second.split("\n")], 90.0) == [
        first.split("\n"),
        second.split("\n"),
    ]


def test_no_text_moves_when_prose_goes_on_after_the_block_on_the_same_page():
    lines = [
        *_prose(_PROSE + "The dry plots were left"),
        *_TABLE,
        *_prose("bare in the winter. " + _PROSE * 2),
    ]
    second = _prose("and " + _PROSE)
    assert join_page_breaks([lines, second], 90.0)[1] == second


def test_a_caption_cut_by_the_page_takes_no_text_of_the_next_page():
    caption = _prose(
        "Figure 3. Leaf counts in the dry plots. (A) Counts per plant by week of the season, with the mean "
        "and the spread of the counts shown for every week of the trial, and (B) the counts of the plants"
    )
    lines = [*_prose(_PROSE * 2), "0", "10", "20", "week", *caption]
    second = _prose("that grew in the shade of the hedge. " + _PROSE)
    assert join_page_breaks([lines, second], 90.0)[1] == second


# -------------------------------------------------------------------------------- a PDF


def _pdf(pages: list[list[str]]) -> bytes:
    pdf = FPDF(unit="mm", format="A4")
    pdf.set_auto_page_break(False)
    pdf.set_font("Helvetica", size=9)
    for lines in pages:
        pdf.add_page()
        for number, line in enumerate(lines):
            pdf.text(12, 15 + 4.5 * number, line)
    return bytes(pdf.output())


def test_a_pdf_whose_sentence_a_table_and_page_break_cut_reads_as_one_sentence():
    first, second = _cut_page(_CUT, _TABLE, _REST)
    document = read_pdf(Path("cut.pdf"), _pdf([first.split("\n"), second.split("\n")]))
    assert isinstance(document, ParsedDocument), document
    sentences = _sentences(document.pages[0].text)
    assert f"{_CUT} {_REST}" in sentences
    assert document.pages[1].text.startswith("Soil moisture")


def test_a_sentence_cut_before_a_figure_and_its_caption_at_the_page_foot_is_joined():
    caption = _prose(
        "Figure 3. Leaf counts in the dry plots. (A) Counts per plant by week of the season, with the mean "
        "and the spread of the counts shown for every week of the trial. (B) Counts in the shade."
    )
    first, second = _cut_page(_CUT, ["0", "10", "20", "week", *caption], _REST)
    page_one, page_two = clean_pages([first, second])
    assert f"{_CUT} {_REST}" in _sentences(page_one)
    assert page_two.startswith("Soil moisture was recorded")


def test_a_margin_line_that_ends_with_a_colon_is_no_paragraphs_last_line():
    margin = [
        "*For correspondence:",
        "jo@example.org",
        "Funding: See page 9",
        "Received: 1 May",
        "Editor: R Roe",
    ]
    first, second = _cut_page(_CUT_FIRST, margin, _REST_FIRST)
    page_one, _ = clean_pages([first, second])
    assert f"{_CUT_FIRST} {_REST_FIRST}" in _sentences(page_one)


def test_a_sentence_goes_on_past_a_whole_page_of_figure():
    figure_page = "\n".join(
        ["0", "10", "20", "week", "dry plots", *_prose("Figure 4. Leaf counts. " + _PROSE[:200])]
    )
    first, second = _cut_page(_CUT, [], _REST)
    pages = clean_pages([first, figure_page, second])
    assert f"{_CUT} {_REST}" in _sentences(pages[0])
    assert "Figure 4. Leaf counts." in pages[1] and _REST not in pages[1]
    assert pages[2].startswith("Soil moisture was recorded")


def test_the_rest_of_a_sentence_may_open_with_a_bracket():
    rest = "(P < 0.01); the dry plots lost a third of their leaves."
    first, second = _cut_page(_CUT, _TABLE, rest)
    page_one, _ = clean_pages([first, second])
    assert f"{_CUT} {rest}" in _sentences(page_one)


def test_the_rest_of_a_sentence_ends_where_the_sentence_splitter_ends_it():
    # "Fig." ends no sentence; a citation after an initial's point ("L.) [25].") stays with it
    for rest in (
        "stress was related to a drop in yield (Fig. 2a).",
        "stress in barley (Hordeum vulgare L.) [25].",
    ):
        first, second = _cut_page(_CUT, _TABLE, rest)
        page_one, page_two = clean_pages([first, second])
        assert f"{_CUT} {rest}" in page_one
        assert page_two.startswith("Soil moisture was recorded")
