"""Fast sentence splitting for scientific prose, as character offsets.

A regular expression finds every candidate end (``.``, ``?`` or ``!``, closing quotes or
brackets, then whitespace before something that can start a sentence); a few cheap checks reject
the candidates that are abbreviations (``e.g.``, ``et al.``, ``Fig.``, ``vs.``), initials
(``J. Smith``), or the numbering of a heading or list item (``2. Methods``). Decimals and
p-values (``p < 0.05``, ``1.5 mmHg``) never match, because no whitespace follows their point.
Paragraph breaks (a blank line) always end a sentence. Superscript-style citation numbers after a
full stop (``... to smoke. 10 Again``) stay with the sentence they support, and the run-in label
of a structured abstract (``Results: ...``) is a span of its own.

Pure Python with ``re``; it runs on every page.
"""

from __future__ import annotations

import json
import re
from functools import cache
from importlib import resources

from causemap.ingest.sections import structured_abstract_labels

_PARAGRAPH = re.compile(r"[^\n]+(?:\n(?!\s*\n)[^\n]*)*")
_CANDIDATE = re.compile(r"[.?!]+[\"'”’)\]]*(?:\s+|$)(?=[\"“‘(\[]?[A-Z0-9\u0370-\u03ff]|$)")
_CITATION_TAIL = re.compile(r"\d{1,3}(?:\s?[,–-]\s?\d{1,3})*(?:\s+(?=[A-Z])|\s*$)")
_ENUMERATOR = re.compile(r"^[(\[]?(?:\d{1,3}(?:\.\d{1,3})*|[IVXivx]{1,4}|[A-Za-z])[)\]]?$")
_INITIAL_AHEAD = re.compile(r"[A-Z]\.")
_NAME_CONTEXT = frozenset({"and", "by", "of", "with", "from", "to", "for", "per", "see"})
_RUN_IN_LABEL = re.compile(r"([A-Z][A-Za-z/ ]{2,40}?)\s?:\s+(?=[\"“(\[]?[A-Z0-9])")
_DOTTED = re.compile(r"^(?:[A-Za-z]\.)+[A-Za-z]$")  # e.g, i.e, U.S, a.m


@cache
def abbreviations() -> frozenset[str]:
    """Lower-cased abbreviations (without the final point) that do not end a sentence."""
    raw = resources.files("causemap.ingest").joinpath("abbreviations.json").read_text("utf-8")
    return frozenset(word.lower().rstrip(".") for word in json.loads(raw)["abbreviations"])


def _previous_token(text: str, position: int, floor: int) -> tuple[str, str]:
    """The token ending at ``position`` and the one before it (within ``[floor, position)``)."""
    window = text[max(floor, position - 40) : position].split()
    token = window[-1] if window else ""
    before = window[-2] if len(window) > 1 else ""
    return token.lstrip("([\"“‘'"), before


def _is_boundary(text: str, dot: int, sentence_start: int, abbreviations: frozenset[str]) -> bool:
    """Whether the full stop at ``dot`` ends the sentence that began at ``sentence_start``."""
    token, before = _previous_token(text, dot, sentence_start)
    if not token:
        return False
    lowered = token.lower()
    if lowered in abbreviations or _DOTTED.match(token):
        return False
    if len(token) == 1 and token.isupper():
        # An initial ("J. Smith", "A. B. Jones", "Smith J. ...") unless it closes a phrase like
        # "vitamin D." or "group B." (a lower-case word before it, no initial after it).
        following = text[dot + 1 : dot + 5].lstrip()
        return (
            before.isalpha()
            and before.islower()
            and before not in _NAME_CONTEXT
            and not _INITIAL_AHEAD.match(following)
        )
    # "2." or "2.1." or "(iv)." opening a heading or a list item is numbering, not a sentence.
    return not _ENUMERATOR.match(text[sentence_start:dot].strip())


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans of ``text`` as ``(start, end)`` offsets, stripped of surrounding whitespace.

    >>> text = "Smoking (p < 0.05) raised risk, e.g. in Fig. 2. J. Smith et al. agreed. Next?"
    >>> [text[s:e] for s, e in split_sentences(text)]
    ['Smoking (p < 0.05) raised risk, e.g. in Fig. 2.', 'J. Smith et al. agreed.', 'Next?']
    """
    known = abbreviations()
    spans: list[tuple[int, int]] = []
    for paragraph in _PARAGRAPH.finditer(text):
        start = paragraph.start()
        end_of_paragraph = paragraph.end()
        for match in _CANDIDATE.finditer(text, start, end_of_paragraph):
            punctuation_end = match.start() + len(match.group().rstrip())
            if punctuation_end <= start:
                continue
            if text[match.start()] == "." and not _is_boundary(text, match.start(), start, known):
                continue
            end = punctuation_end
            tail = _CITATION_TAIL.match(text, match.end(), end_of_paragraph)
            if tail and tail.group().strip() and match.end() < end_of_paragraph:
                end = match.end() + len(tail.group().rstrip())
            _add_span(text, start, end, spans)
            start = max(end, match.end())
        _add_span(text, start, end_of_paragraph, spans)
    return spans


def _add_span(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    """Append ``[start, end)`` stripped of whitespace, if anything is left.

    A structured-abstract label that runs into the sentence ("Results: Smoking was ...") becomes
    a span of its own, so that the sentence proper starts where a reader would quote it.
    """
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end <= start:
        return
    label = _RUN_IN_LABEL.match(text, start, end)
    if label and " ".join(label.group(1).lower().split()) in structured_abstract_labels():
        spans.append((start, label.start() + len(label.group().rstrip())))
        start = label.end()
    spans.append((start, end))
