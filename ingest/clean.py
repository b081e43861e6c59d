"""Clean the text that PDF extraction gives back, one document at a time.

Pure functions on strings. The result of :func:`clean_pages` is the text that provenance offsets
point into, so it must read like the paper: ligatures expanded, words rejoined across line breaks,
running headers/footers and bare page numbers gone, and the lines of a paragraph joined with single
spaces so that no sentence contains a newline (an LLM is later asked to quote sentences verbatim).
Paragraph breaks are kept as ``"\\n\\n"`` where the layout shows them (blank lines, headings, a
short line ending a sentence, a list item, a reference entry).

How a hyphen at a line end is rejoined is in ``hyphenation``.

Bump ``CLEAN_VERSION`` whenever the output for some input changes: it is recorded on every chunk.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from collections.abc import Sequence

from causemap.ingest.hyphenation import (
    NO_VOCABULARY,
    SOFT_HYPHEN,
    Vocabulary,
    build_vocabulary,
    fix_spaced_hyphens,
    join_hyphenated,
)
from causemap.ingest.page_flow import join_page_breaks, label_run_lines
from causemap.ingest.sections import (
    is_heading_line,
    looks_like_reference_entry,
    run_in_label,
    split_inline_abstract,
)

CLEAN_VERSION = 2

_CHAR_MAP = {
    # Ligatures (Alphabetic Presentation Forms and friends).
    "\ufb00": "ff",
    "\ufb01": "fi",
    "\ufb02": "fl",
    "\ufb03": "ffi",
    "\ufb04": "ffl",
    "\ufb05": "st",
    "\ufb06": "st",
    "\u0132": "IJ",
    "\u0133": "ij",
    "\u0152": "OE",
    "\u0153": "oe",
    "\ua732": "AA",
    "\ua733": "aa",
    "\u1d6b": "ue",
    # Hyphen look-alikes that should compare equal to "-" (minus signs and dashes stay).
    "\u2010": "-",
    "\u2011": "-",
    "\u2043": "-",
    # Spaces of every width become one plain space; zero-width characters disappear.
    "\u00a0": " ",
    "\u2000": " ",
    "\u2001": " ",
    "\u2002": " ",
    "\u2003": " ",
    "\u2004": " ",
    "\u2005": " ",
    "\u2006": " ",
    "\u2007": " ",
    "\u2008": " ",
    "\u2009": " ",
    "\u200a": " ",
    "\u202f": " ",
    "\u205f": " ",
    "\u3000": " ",
    "\t": " ",
    "\u200b": "",
    "\u200c": "",
    "\u200d": "",
    "\u2060": "",
    "\ufeff": "",
    # Symbol-font bullets that land in the Private Use Area.
    "\uf0b7": "\u2022",
    "\uf0a7": "\u2022",
    "\uf06c": "\u2022",
    "\uf0d8": "\u2022",
    "\r": "\n",
    "\x0c": "\n",
    "\x0b": "\n",
}
_TRANSLATION = str.maketrans(_CHAR_MAP)
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f\ue000-\uf8ff]")
_SENTENCE_END = re.compile(r"[.?!:][\"'”’)\]]*(?:\s?\d{1,3}(?:[,–-]\d{1,3})*)?\s*$")
_STARTS_CAPITAL = re.compile(r"^[\"“‘(\[]?[A-Z0-9\u0391-\u03a9]")
_BULLET = re.compile(r"^(?:[•▪◦●■►▸✓]|\* |- |\(?[a-z]\) |\(?[ivx]{1,4}\) )")
_PAGE_NUMBER = re.compile(r"^(?:page\s*)?[-–]?\s*\d{1,4}\s*[-–]?(?:\s*(?:/|of)\s*\d{1,4})?$", re.I)
_ENDS_WITH_FUNCTION_WORD = re.compile(
    r"\b(?:the|of|and|in|to|a|an|with|for|on|by|from|or|as|at|that|is|are|was|were)$", re.I
)
_EDGE_LINES = 4
_JOIN_CONTEXT = 200  # characters at a paragraph's end that decide how the next line joins it
_MAX_RUNNING_PER_PAGE = 6  # headers and footers are a few lines; more means duplicated pages


def normalize_characters(text: str) -> str:
    """Unicode clean-up: NFC, ligatures, hyphen and space look-alikes, control characters.

    >>> normalize_characters("e\ufb03cient \ufb02uid\u00a0ﬁt")
    'efficient fluid fit'
    """
    text = unicodedata.normalize("NFC", text).translate(_TRANSLATION)
    text = _CONTROL.sub(" ", text)
    # A soft hyphen only matters where it ended a line (a hyphenation point); elsewhere it is
    # invisible, so drop it. The line-end ones are resolved when lines are joined.
    return re.sub(rf"{SOFT_HYPHEN}(?![ ]*\n)", "", text)


# ---------------------------------------------------------------- running headers and footers


def line_key(line: str) -> str:
    """Compare form of a line for header/footer detection: lower case, digits and spaces folded."""
    return re.sub(r"\s+", "", re.sub(r"\d+", "#", line.lower()))


def _edge_lines(lines: Sequence[str]) -> list[str]:
    content = [line for line in lines if line.strip()]
    return content[:_EDGE_LINES] + content[-_EDGE_LINES:]


def find_running_lines(pages: Sequence[Sequence[str]]) -> frozenset[str]:
    """Keys of lines that recur at the top or bottom of many pages (running headers/footers)."""
    if len(pages) < 2:
        return frozenset()
    counts = Counter(key for lines in pages for key in {line_key(x) for x in _edge_lines(lines)})
    needed = 2 if len(pages) <= 3 else max(3, math.ceil(0.3 * len(pages)))
    # Keys without letters ("#", "#/#") are page numbers or table cells: only the edge rule of
    # strip_running_lines may drop those, never a match anywhere on the page.
    return frozenset(key for key, count in counts.items() if count >= needed and re.search(r"[^\W\d_]", key))


def strip_running_lines(lines: Sequence[str], running: frozenset[str]) -> list[str]:
    """Drop running header/footer lines (anywhere on the page) and bare page numbers (at edges)."""
    content_index = [i for i, line in enumerate(lines) if line.strip()]
    edges = set(content_index[:2] + content_index[-2:])
    keys = [line_key(line) for line in lines]
    matched = sum(keys[i] in running for i in content_index)
    if matched > _MAX_RUNNING_PER_PAGE or (matched >= 5 and matched > 0.6 * len(content_index)):
        running = frozenset()  # a repeated page, not a page with headers: keep its text
    return [
        line
        for i, line in enumerate(lines)
        if keys[i] not in running and not (i in edges and _PAGE_NUMBER.match(line.strip()))
    ]


# ------------------------------------------------------------------------------ paragraphs


def _typical_length(lines: Sequence[str]) -> float:
    lengths = sorted(len(line.strip()) for line in lines if len(line.strip()) >= 10)
    if len(lengths) < 5:
        return 80.0
    return float(lengths[int(0.75 * (len(lengths) - 1))])


def _is_subheading(line: str, previous: str | None, following: str | None, typical: float) -> bool:
    """A short title-like line between a finished sentence and a capitalised line."""
    text = line.strip()
    return (
        following is not None
        and 2 <= len(text) <= min(70.0, max(25.0, 0.75 * typical))
        and len(text.split()) <= 10
        and text[0].isalnum()
        and not re.search(r"[/@=<>|]", text)
        and not text.endswith((".", ",", ";", ":", "-"))
        and not _ENDS_WITH_FUNCTION_WORD.search(text)
        and (previous is None or bool(_SENTENCE_END.search(previous)) or is_heading_line(previous))
        and bool(_STARTS_CAPITAL.match(following.strip()))
    )


def _prepare_lines(lines: Sequence[str]) -> list[tuple[str, bool]]:
    """Split inline abstract headings off and glue drop capitals; flag forced paragraph starts."""
    prepared: list[tuple[str, bool]] = []
    index = 0
    while index < len(lines):
        line = lines[index].strip()
        following = lines[index + 1].strip() if index + 1 < len(lines) else ""
        inline = split_inline_abstract(line)
        if inline:
            prepared += [(inline[0], True), (inline[1], True)]
        elif len(line) == 1 and line.isupper() and following[:1].islower():
            prepared.append((line + following, True))  # drop capital: "A" + "cinetobacter spp."
            index += 1
        else:
            prepared.append((lines[index].rstrip("\n"), False))
        index += 1
    return prepared


def _starts_paragraph(previous: str, line: str, typical: float, subheading: bool) -> bool:
    """Whether ``line`` opens a new paragraph after ``previous`` (``subheading``: either is one)."""
    text = line.strip()
    if subheading or is_heading_line(previous) or is_heading_line(text) or _BULLET.match(text):
        return True
    if not _SENTENCE_END.search(previous):
        return False
    short = len(previous.strip()) < 0.85 * typical
    return (
        (short and bool(_STARTS_CAPITAL.match(text)))
        or looks_like_reference_entry(text)
        or run_in_label(text) is not None
    )


def _subheading_flags(lines: Sequence[str], typical: float) -> list[bool]:
    flags = []
    for index, line in enumerate(lines):
        previous = lines[index - 1] if index > 0 and lines[index - 1].strip() else None
        following = lines[index + 1] if index + 1 < len(lines) else None
        flags.append(bool(line.strip()) and _is_subheading(line, previous, following, typical))
    return flags


def assemble_paragraphs(
    lines: Sequence[str], vocabulary: Vocabulary = NO_VOCABULARY, width: float | None = None
) -> str:
    """Join one page's lines into paragraphs separated by ``"\\n\\n"``; ``width`` is the document's
    prose line length (the page's own when not given): a run of lines far shorter than it (a figure's
    labels, a table's rows) is joined to nothing (``page_flow.label_run_lines``)."""
    prepared = _prepare_lines(lines)
    texts = [text for text, _ in prepared]
    typical = _typical_length(texts)
    labels = label_run_lines(texts, width or typical)
    subheadings = _subheading_flags(texts, typical)
    paragraphs: list[str] = []
    # The paragraph being built, as pieces (joining a growing string line by line is quadratic: a
    # page of 50,000 one-word lines took minutes). Only its last few characters decide a join.
    current: list[str] = []
    for index, (line, forced) in enumerate(prepared):
        forced = forced or index in labels or index - 1 in labels
        if not line.strip():
            if current:
                paragraphs.append("".join(current))
            current = []
            continue
        if current and not forced:
            previous = texts[index - 1]
            # ``current`` keeps its last line's trailing spaces: "pre- " + newline is a compound.
            subheading = subheadings[index] or subheadings[index - 1]
            tail = _take_tail(current)
            joined = None if is_heading_line(line) else join_hyphenated(tail, line, vocabulary)
            if joined is None and not _starts_paragraph(previous, line, typical, subheading):
                joined = f"{tail.rstrip()} {line.lstrip()}"
            if joined is not None:
                current.append(joined)
                continue
            current.append(tail)
        if current:
            paragraphs.append("".join(current))
        current = [line.lstrip()]
    if current:
        paragraphs.append("".join(current))
    return "\n\n".join(_tidy(p) for p in paragraphs if p.strip())


def _take_tail(pieces: list[str], size: int = _JOIN_CONTEXT) -> str:
    """Remove and return the last pieces of ``pieces`` joined, at least ``size`` characters of them."""
    taken: list[str] = []
    length = 0
    while pieces and length < size:
        taken.append(pieces.pop())
        length += len(taken[-1])
    return "".join(reversed(taken))


def _tidy(paragraph: str) -> str:
    """Whitespace and bracket spacing inside one paragraph."""
    text = fix_spaced_hyphens(paragraph.replace(SOFT_HYPHEN, ""))
    text = re.sub(r"\s+", " ", text).strip()
    text = re.sub(r"(?<=\S) +([,;)\]])", r"\1", text)
    text = re.sub(r"([(\[]) +", r"\1", text)
    return re.sub(r"(?<=[\w)\]]) +\.(?=\s|$)", ".", text)


# ------------------------------------------------------------------------------ entry points


def clean_pages(raw_pages: Sequence[str]) -> list[str]:
    """Clean every page of one document (running headers need the whole document).

    Parameters
    ----------
    raw_pages
        Text per page as the PDF library extracted it (lines separated by newlines).

    Returns
    -------
    list[str]
        Cleaned text per page, same length and order; paragraphs separated by ``"\\n\\n"``.
    """
    page_lines = [normalize_characters(page).split("\n") for page in raw_pages]
    running = find_running_lines(page_lines)
    page_lines = [strip_running_lines(lines, running) for lines in page_lines]
    vocabulary = build_vocabulary(page_lines)
    width = _typical_length([line for lines in page_lines for line in lines])
    page_lines = join_page_breaks(page_lines, width)
    return [assemble_paragraphs(lines, vocabulary, width) for lines in page_lines]


def clean_text(raw: str) -> str:
    """Clean a single page or a plain-text file (no running-header detection)."""
    lines = normalize_characters(raw).split("\n")
    return assemble_paragraphs(lines, build_vocabulary([lines]))
