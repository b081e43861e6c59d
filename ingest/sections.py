"""Section headings and section labels for cleaned page text.

Two jobs, both pure:

* recognise heading lines (``heading_label``, ``is_heading_line``), which the cleaner uses to put
  paragraph breaks around headings;
* label every character of a document's cleaned pages with a section (``label_pages``): front,
  abstract, introduction, methods, results, discussion, conclusion, references or other. A section
  continues across page breaks until the next heading; the references section is found from its
  heading (or, failing that, from a numbered reference list) and runs to the end of the paper
  unless an appendix-like heading follows it.

The heading lexicon lives in ``section_headings.json`` next to this module.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from itertools import pairwise
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from causemap.ingest.readers.base import SectionSpan

# "2.", "2.1", "2.1.", "II.", "A." style numbering in front of a heading.
_NUMBERING = re.compile(r"^(?:(\d{1,2}(?:\.\d{1,2})*)\.?|([IVX]{1,4})\.|([A-Z])\.)\s+")
# A stateless "looks like a numbered section heading": number, capitalised words, no sentence end.
_NUMBERED_HEADING = re.compile(r"^(\d{1,2}(?:\.\d{1,2})*)\.?\s+([A-Z][^\n]{1,80})$")
_LETTERED_HEADING = re.compile(r"^(?:Appendix\s+)?([A-H])(?:\.\d+)*[.:]?\s+([A-Z][^\n]{2,80})$")
_YEAR = re.compile(r"\b(?:19|20)\d{2}[a-z]?\b")
# Vancouver / bracketed reference entries: "1 Kallen K.", "12. Smith J", "[3] A. Jones".
_REFERENCE_ENTRY = re.compile(
    r"^(?:\[(\d{1,3})\]|(\d{1,3})\.?)\s+(?:[A-Z][\w'’\-]+,?\s+(?:[A-Z]{1,3}\b|[A-Z]\.)|[A-Z]\.)"
)
_ABSTRACT_BUDGET = 3000  # a structured abstract is shorter than this; headings after it are body
_REFERENCES_LOOKAHEAD = 1500


@dataclass(frozen=True)
class _Lexicon:
    headings: dict[str, str]  # normalised heading text -> label
    front_only: dict[str, str]
    inline_abstract: tuple[str, ...]
    run_in_abstract_starts: frozenset[str]
    structured_abstract_labels: frozenset[str]
    keywords: tuple[str, ...]


@cache
def _lexicon() -> _Lexicon:
    raw = json.loads(resources.files("causemap.ingest").joinpath("section_headings.json").read_text("utf-8"))
    headings = {_normalise(text): label for label, texts in raw["headings"].items() for text in texts}
    return _Lexicon(
        headings=headings,
        front_only={_normalise(k): v for k, v in raw["front_only"].items()},
        inline_abstract=tuple(raw["inline_abstract"]),
        run_in_abstract_starts=frozenset(raw["run_in_abstract_starts"]),
        structured_abstract_labels=frozenset(raw["structured_abstract_labels"]),
        keywords=tuple(raw["keywords"]),
    )


def _normalise(text: str) -> str:
    text = text.replace("&", " and ").strip().rstrip(":.").lower()
    return " ".join(text.split())


def split_numbering(line: str) -> tuple[str | None, str]:
    """Split a heading's leading numbering off: ``"2.1 Methods"`` -> ``("2.1", "Methods")``."""
    match = _NUMBERING.match(line.strip())
    if not match:
        return None, line.strip()
    number = next(group for group in match.groups() if group)
    return number, line.strip()[match.end() :]


def heading_label(line: str) -> str | None:
    """Return the section label of a known heading line, else None.

    >>> heading_label("2. Materials and Methods"), heading_label("METHODS"), heading_label("Aim")
    ('methods', 'methods', None)
    """
    if len(line) > 60 or "\n" in line:
        return None
    _, text = split_numbering(line)
    key = _normalise(text)
    lexicon = _lexicon()
    return lexicon.headings.get(key) or lexicon.front_only.get(key)


def is_heading_line(line: str) -> bool:
    """True if ``line`` is a known heading or looks like a numbered section heading."""
    line = line.strip()
    if heading_label(line) is not None:
        return True
    match = _NUMBERED_HEADING.match(line)
    if not match:
        return False
    title = match.group(2)
    return (
        len(title.split()) <= 10
        and title.count(",") < 2
        and not title.rstrip().endswith((".", ",", ";", ":"))
        and ". " not in title  # "1 Kallen K. The impact of ..." is a reference entry
        and not _YEAR.search(title)
    )


def split_inline_abstract(line: str) -> tuple[str, str] | None:
    """Split a line that starts with an abstract heading run into its text.

    >>> split_inline_abstract("ABSTRACT The two species that account for most cases")
    ('ABSTRACT', 'The two species that account for most cases')
    """
    for word in _lexicon().inline_abstract:
        match = re.match(rf"({word})[.:\u2014\u2013]?\s+(?=[A-Z])", line, flags=re.IGNORECASE)
        if match and match.group(1)[0].isupper():
            return match.group(1), line[match.end() :]
    return None


def run_in_label(line: str) -> str | None:
    """Return the label word of a run-in heading such as ``"Methods. We ..."`` (else None)."""
    match = re.match(r"([A-Z][A-Za-z/ ]{2,40}?)\s?[.:]\s+(?=[A-Z(])", line)
    if not match:
        return None
    key = _normalise(match.group(1))
    return key if key in _lexicon().structured_abstract_labels else None


def looks_like_reference_entry(line: str) -> bool:
    """True for the first line of a numbered reference entry (``"12 Smith J, ..."``, ``"[3] ..."``)."""
    return bool(_REFERENCE_ENTRY.match(line.strip()))


def structured_abstract_labels() -> frozenset[str]:
    """Lower-cased run-in labels of structured abstracts ("background", "results", ...)."""
    return _lexicon().structured_abstract_labels


def _starts_keywords(paragraph: str) -> bool:
    head = paragraph[:20].lower()
    return any(head.startswith(word) for word in _lexicon().keywords)


@dataclass(frozen=True)
class _Paragraph:
    page: int
    start: int
    end: int
    text: str


def _paragraphs(pages: Sequence[str]) -> list[_Paragraph]:
    found = []
    for page_index, text in enumerate(pages):
        for match in re.finditer(r"[^\n]+(?:\n(?!\n)[^\n]*)*", text):
            found.append(_Paragraph(page_index, match.start(), match.end(), match.group()))
    return found


def _lookahead(paragraphs: Sequence[_Paragraph], index: int, size: int) -> str:
    parts, total = [], 0
    for paragraph in paragraphs[index + 1 :]:
        parts.append(paragraph.text)
        total += len(paragraph.text)
        if total >= size:
            break
    return " ".join(parts)[:size]


def _looks_like_references(following: str) -> bool:
    """References list years densely; a slide or sentence merely saying 'References' does not."""
    years = len(_YEAR.findall(following))
    return years >= 3 or (len(following) < 400 and years >= 1)


def _reference_list_start(paragraphs: Sequence[_Paragraph], total_chars: int) -> int | None:
    """Index of the first entry of a numbered reference list (1, 2, 3, ...) in the back half."""
    seen = 0
    for index, paragraph in enumerate(paragraphs):
        seen += len(paragraph.text)
        match = _REFERENCE_ENTRY.match(paragraph.text)
        if not match or int(match.group(1) or match.group(2)) != 1 or seen < total_chars * 0.4:
            continue
        expected = 2
        for later in paragraphs[index + 1 : index + 12]:
            later_match = _REFERENCE_ENTRY.match(later.text)
            if later_match and int(later_match.group(1) or later_match.group(2)) == expected:
                expected += 1
        if expected >= 4 and _YEAR.search(paragraph.text + _lookahead(paragraphs, index, 200)):
            return index
    return None


@dataclass
class _State:
    label: str = "front"
    last_number: int = 0
    abstract_chars: int = 0
    intro_pending: bool = False


def _heading_transition(state: _State, paragraph: str, following: str) -> str | None:
    """The label a heading paragraph switches to, or None if it does not switch."""
    label = heading_label(paragraph)
    number, _ = split_numbering(paragraph)
    top_number = int(number) if number and number.isdigit() else None
    if top_number is not None and (label or is_heading_line(paragraph)):
        if top_number != state.last_number + 1 and label is None:
            return None
        state.last_number = top_number
    if label is None:
        if state.label == "references" and _LETTERED_HEADING.match(paragraph) and "," not in paragraph:
            return "other"  # "A. Partitioned vs. unpartitioned ..." appendix after the references
        if top_number is not None and is_heading_line(paragraph):
            # An unknown numbered section ends the front matter or the introduction; after the
            # methods or results it is usually a thematic sub-section of them.
            return "other" if state.label in ("front", "abstract", "introduction") else None
        return None
    if label == "references":
        return label if _looks_like_references(following) else None
    if _normalise(split_numbering(paragraph)[1]) in _lexicon().front_only:
        return label if state.label == "front" else None  # "Summary" opens a paper, or is a section
    if (
        state.label == "abstract"
        and label in ("methods", "results", "discussion", "conclusion")
        and top_number is None
        and state.abstract_chars < _ABSTRACT_BUDGET
    ):
        return None  # a structured abstract's own "Results" / "Conclusion" sub-heading
    return label


def label_paragraph_sequence(pages: Sequence[str]) -> list[tuple[int, int, str]]:
    """Label every paragraph of a document: ``(page_index, start, label)`` in reading order."""
    paragraphs = _paragraphs(pages)
    total_chars = sum(len(p.text) for p in paragraphs)
    has_reference_heading = any(
        heading_label(p.text) == "references"
        and _looks_like_references(_lookahead(paragraphs, i, _REFERENCES_LOOKAHEAD))
        for i, p in enumerate(paragraphs)
    )
    list_start = None if has_reference_heading else _reference_list_start(paragraphs, total_chars)
    state = _State()
    labelled = []
    for index, paragraph in enumerate(paragraphs):
        text = paragraph.text
        new_label: str | None = None
        if index == list_start:
            new_label = "references"
        elif "\n" not in text and len(text) <= 90:
            following = _lookahead(paragraphs, index, _REFERENCES_LOOKAHEAD)
            new_label = _heading_transition(state, text, following)
        if new_label is None and state.label == "front":
            word = run_in_label(text)
            if word in _lexicon().run_in_abstract_starts:
                new_label = "abstract"  # "Objectives. Patient experiences of ..." (no heading)
        if new_label is None and state.intro_pending and not is_heading_line(text):
            new_label = "introduction"  # text after the keywords line and before any heading
        if new_label is not None:
            if new_label == "abstract" and state.label != "abstract":
                state.abstract_chars = 0
            state.label = new_label
            state.intro_pending = False
        if state.label == "abstract":
            state.abstract_chars += len(text)
            if _starts_keywords(text):
                state.intro_pending = True
        labelled.append((paragraph.page, paragraph.start, state.label))
    return labelled


def label_pages(pages: Sequence[str]) -> list[tuple[SectionSpan, ...]]:
    """Section spans for each cleaned page; spans tile ``[0, len(page))`` without gaps.

    Parameters
    ----------
    pages
        The cleaned text of every page of one document, in order.
    """
    # Imported here: the readers package imports the cleaner, which imports this module.
    from causemap.ingest.readers.base import SectionSpan

    starts: list[list[tuple[int, str]]] = [[] for _ in pages]
    carried = "front"
    for page_index, start, label in label_paragraph_sequence(pages):
        starts[page_index].append((start, label))
    result = []
    for page_index, text in enumerate(pages):
        spans: list[SectionSpan] = []
        if text:
            boundaries = starts[page_index]
            if not boundaries or boundaries[0][0] > 0:
                boundaries = [(0, carried), *boundaries]
            for (start, label), nxt in pairwise([*boundaries, (len(text), "")]):
                if spans and spans[-1].label == label:
                    spans[-1] = SectionSpan(spans[-1].start, nxt[0], label)
                elif nxt[0] > start:
                    spans.append(SectionSpan(start, nxt[0], label))
            carried = spans[-1].label if spans else carried
        result.append(tuple(spans))
    return result
