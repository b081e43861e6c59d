"""Sentence splitting and chunking: offsets, boundaries, sections, overlap."""

from __future__ import annotations

from itertools import pairwise

import pytest

from causemap.ingest.chunking import chunk_page, pack_sentences
from causemap.ingest.readers.base import PageText, SectionSpan
from causemap.ingest.sentences import split_sentences


def _sentences(text: str) -> list[str]:
    return [text[start:end] for start, end in split_sentences(text)]


# ---------------------------------------------------------------------------- sentences


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Coffee helps, e.g. at work. It also harms, i.e. sleep. Done.",
            ["Coffee helps, e.g. at work.", "It also harms, i.e. sleep.", "Done."],
        ),
        (
            "Smith et al. found this. Jones et al. did not.",
            ["Smith et al. found this.", "Jones et al. did not."],
        ),
        (
            "See Fig. 2 and Eq. 3 for details. Also see Figs. 4 and 5.",
            ["See Fig. 2 and Eq. 3 for details.", "Also see Figs. 4 and 5."],
        ),
        (
            "Intake rose (p < 0.05). BP fell by 1.5 mmHg vs. placebo. Sleep was approx. 7 h.",
            ["Intake rose (p < 0.05).", "BP fell by 1.5 mmHg vs. placebo.", "Sleep was approx. 7 h."],
        ),
        (
            "J. Smith and A. B. Jones wrote it. Dr. Lee agreed. No. 5 was missing.",
            ["J. Smith and A. B. Jones wrote it.", "Dr. Lee agreed.", "No. 5 was missing."],
        ),
        (
            "Coffee raises alertness [12]. Tea does too (Smith et al., 2019). Why?",
            ["Coffee raises alertness [12].", "Tea does too (Smith et al., 2019).", "Why?"],
        ),
        (
            "2. Methods\n\nWe enrolled adults. 2.1. Design was a cohort.",
            ["2. Methods", "We enrolled adults.", "2.1. Design was a cohort."],
        ),
        ("Levels of vitamin D. They fell.", ["Levels of vitamin D.", "They fell."]),
        (
            "Urges to smoke fall with exercise. 10 Again in smokers, it helps.",
            ["Urges to smoke fall with exercise. 10", "Again in smokers, it helps."],
        ),
        ('He said "stop." Then he left.', ['He said "stop."', "Then he left."]),
        (
            "Background: Salt raises blood pressure. Note: not a label here.",
            ["Background:", "Salt raises blood pressure.", "Note: not a label here."],
        ),
    ],
)
def test_split_sentences(text, expected):
    assert _sentences(text) == expected


def test_no_sentence_contains_a_paragraph_break_and_offsets_are_stripped():
    text = "  First paragraph has no full stop\n\nSecond one does.  Third one too.\n\n\n  "
    spans = split_sentences(text)
    assert _sentences(text) == ["First paragraph has no full stop", "Second one does.", "Third one too."]
    for start, end in spans:
        assert text[start:end] == text[start:end].strip() and "\n\n" not in text[start:end]
    assert all(a[1] <= b[0] for a, b in pairwise(spans))
    assert split_sentences("") == [] and split_sentences(" \n\n ") == []


# ----------------------------------------------------------------------------- chunking


def _page(paragraphs: list[tuple[str, str]]) -> PageText:
    """A page from (label, paragraph) pairs, with section spans tiling the text."""
    text, spans = "", []
    for label, paragraph in paragraphs:
        start = len(text) + (2 if text else 0)
        text = f"{text}\n\n{paragraph}" if text else paragraph
        if spans:
            spans[-1] = SectionSpan(spans[-1].start, start, spans[-1].label)
        spans.append(SectionSpan(start if spans else 0, len(text), label))
    return PageText(1, text, tuple(spans))


SENTENCE = "Coffee intake of {n} cups per day increased sleep latency in adults."
PAGE = _page(
    [
        ("methods", " ".join(SENTENCE.format(n=n) for n in range(12))),
        ("results", " ".join(SENTENCE.format(n=n) for n in range(12, 20))),
        ("references", "1. Smith J. Coffee. Sleep Med 2019;12:1-9. 2. Lee K. Tea. J Ex 2020;1:2-3."),
    ]
)


def test_chunks_stay_in_the_page_on_sentence_boundaries_within_the_size_limit():
    chunks = chunk_page(PAGE, max_chars=300, overlap_sentences=1)
    starts = {s for s, _ in split_sentences(PAGE.text)}
    ends = {e for _, e in split_sentences(PAGE.text)}
    assert chunks
    for chunk in chunks:
        assert 0 <= chunk.start < chunk.end <= len(PAGE.text)
        assert chunk.start in starts and chunk.end in ends
        assert chunk.end - chunk.start <= 300


def test_chunks_never_cross_a_section_boundary_and_flag_references():
    for chunk in chunk_page(PAGE, max_chars=5000):
        [span] = [s for s in PAGE.sections if s.start <= chunk.start < s.end]
        assert chunk.end <= span.end and chunk.section == span.label
        assert chunk.is_references == (span.label == "references")
    assert [c.section for c in chunk_page(PAGE, max_chars=5000)] == ["methods", "results", "references"]


def test_consecutive_chunks_share_the_overlap_and_cover_every_sentence():
    chunks = [c for c in chunk_page(PAGE, max_chars=300, overlap_sentences=1) if c.section == "methods"]
    sentences = split_sentences(PAGE.text[: PAGE.sections[0].end])
    for first, second in pairwise(chunks):
        shared = [
            s
            for s in sentences
            if first.start <= s[0] and s[1] <= first.end and second.start <= s[0] and s[1] <= second.end
        ]
        assert len(shared) == 1
    covered = {s for s in sentences for c in chunks if c.start <= s[0] and s[1] <= c.end}
    assert covered == set(sentences)
    no_overlap = [c for c in chunk_page(PAGE, 300, 0) if c.section == "methods"]
    assert all(a.end < b.start for a, b in pairwise(no_overlap))


def test_a_sentence_longer_than_the_limit_is_cut_at_spaces():
    long_sentence = "Coffee " + "and tea " * 60 + "raised alertness."
    page = _page([("results", f"Short one. {long_sentence} Short two.")])
    chunks = chunk_page(page, max_chars=100, overlap_sentences=0)
    texts = [page.text[c.start : c.end] for c in chunks]
    assert all(len(t) <= 100 for t in texts)
    assert " ".join(texts).split() == page.text.split()  # nothing lost, words never cut
    assert texts[0].startswith("Short one.") and texts[-1].endswith("Short two.")


def test_one_word_repeated_over_megabytes_is_cut_into_bounded_chunks():
    page = _page([("other", "lorem " * 200_000)])
    chunks = chunk_page(page, max_chars=1000)
    assert len(chunks) >= 1200 and max(c.end - c.start for c in chunks) <= 1000
    without_spaces = "".join(page.text[c.start : c.end] for c in chunks).replace(" ", "")
    assert without_spaces == page.text.replace(" ", "")


def test_chunking_is_deterministic_and_handles_empty_pages():
    assert chunk_page(PAGE, 250, 2) == chunk_page(PAGE, 250, 2)
    assert chunk_page(PageText(3, "", ())) == []
    with pytest.raises(ValueError):
        chunk_page(PAGE, max_chars=0)


def test_pack_sentences_always_advances():
    sentences = [(i * 10, i * 10 + 9) for i in range(20)]
    windows = pack_sentences(sentences, max_chars=25, overlap_sentences=5)
    assert windows[0][0] == 0 and windows[-1][1] == len(sentences)
    assert all(b[0] > a[0] and b[1] > a[1] for a, b in pairwise(windows))
