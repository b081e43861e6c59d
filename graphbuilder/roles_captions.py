"""Where a figure or table caption stands in a sentence of the text layer: inside it ("... HomS118L
Fig. 2 Activation of ..."), at its end ("... (IF-FISH) Figure 4."), or nowhere, a label written as a
reference ("(Fig. 2)", "shown in Figure 2.") opening no caption. A caption run into a sentence is split
off (:func:`split_at_caption`), so the words before it are read on their own (``roles.py``)."""

from __future__ import annotations

import re

from causemap.graphbuilder.roles_rhetoric import Rhetoric, load_rhetoric

_OPEN_BRACKETS, _CLOSE_BRACKETS = "([", ")]"
# The caption's title, perhaps after the letter of its first panel ("FIG 7 (a) The survival ...").
_CAPTION_TITLE = re.compile(r"[.:|]?\s+(?:\([a-z](?:\s?[,\u2013-]\s?[a-z])*\)\s+)?[A-Z][a-z]")
_CAPTION_PUNCT = re.compile(r"\s*[:|]")
_LABEL_ENDS = re.compile(r"\.?\s*$")


def caption_in(text: str, rhetoric: Rhetoric | None = None) -> str | None:
    """Whether a caption label opens a caption inside ``text`` (``"inside"``: "... HomS118L Fig. 2
    Activation of ...") or ends it (``"end"``: "... (IF-FISH) Figure 4.", or "Figure 4." alone), else
    None. A label written as a reference ("(Fig. 2)", "shown in Figure 2.", "In Fig. 2 ...") opens
    nothing, unless it is in capitals before a title ("... invasion FIG 7 (a) The survival ..."): running
    text does not refer to a figure in capitals (``rhetoric.json``, "captions")."""
    found = _caption(text, rhetoric or load_rhetoric())
    return found[0] if found is not None else None


def caption_start(text: str, rhetoric: Rhetoric | None = None) -> int | None:
    """Where a caption that the text layer ran into ``text`` after other words begins (its label's
    offset): the words before it are the figure's labels or the body sentence the caption
    interrupts, to be read on their own. None when no caption opens after the first word."""
    found = _caption(text, rhetoric or load_rhetoric())
    return found[1] if found is not None and text[: found[1]].strip() else None


def split_at_caption(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The sentence ``text[start:end]`` as the words before a caption run into it and the caption
    (``caption_start``), or whole: ``(start, end)`` spans stripped of whitespace."""
    at = caption_start(text[start:end])
    if at is None:
        return [(start, end)]
    head = start + len(text[start : start + at].rstrip())
    return [(start, head), (start + at, end)]


def _caption(text: str, rules: Rhetoric) -> tuple[str, int] | None:
    """``caption_in``'s answer and the offset of the label that gives it."""
    for match in rules.caption_label.finditer(text):
        before, after = text[: match.start()], text[match.end() :]
        words = before.split()
        if sum(before.count(b) for b in _OPEN_BRACKETS) > sum(before.count(b) for b in _CLOSE_BRACKETS):
            continue  # "(see Fig. 2 Activation ...)": a reference in brackets
        if _LABEL_ENDS.match(after) and not (words and _refers(words)):
            return "end", match.start()
        capitals = match.group(0).lstrip()[:3].isupper()  # "FIG 7": set as a caption, never a reference
        if words and (
            _CAPTION_PUNCT.match(after) or (_CAPTION_TITLE.match(after) and (capitals or not _refers(words)))
        ):
            return "inside", match.start()
    return None


def _refers(words: list[str]) -> bool:
    """The words before a label write it as a reference: a lower-case word ("shown in"), or only the
    sentence's first word ("In Fig. 2 ...", "As Figure 3 shows")."""
    last = words[-1]
    return (last.isalpha() and last.islower()) or (len(words) == 1 and last.isalpha())
