"""Where a claim's arguments stand in its sentence: their span in the parse, and their other places.

A model names its arguments by their words, and verification places each at one occurrence; where a
word occurs twice ("higher temperature ... lower incidence ... and higher") that place is only a guess,
so a refused claim is tried again at the arguments' other whole-word occurrences. Kept apart from the
checks themselves (``verification``), which take a placed claim as given.
"""

from __future__ import annotations

import re
from dataclasses import replace

from spacy.tokens import Doc, Span

from causemap.graphbuilder.extractors.base import ExtractedRelation, Mention


def mention_span(doc: Doc, mention: Mention) -> Span | None:
    """The parse's tokens that cover a mention's characters (widened to whole tokens), if any."""
    return doc.char_span(mention.start, mention.end, alignment_mode="expand")


def names_something(doc: Doc, relation: ExtractedRelation) -> bool:
    """Whether both arguments hold a content word: only a word that names something is worth looking
    for elsewhere ("higher"; not "the" or "this", which a second occurrence would widen to whatever
    phrase it opens there)."""
    spans = (mention_span(doc, relation.cause), mention_span(doc, relation.effect))
    return all(span is not None and any(t.is_alpha and not t.is_stop for t in span) for span in spans)


def other_placements(text: str, relation: ExtractedRelation) -> list[ExtractedRelation]:
    """The same claim with its arguments at their other whole-word occurrences in the sentence, the
    closest pairs first: a model names its arguments by their words, and where a word occurs twice
    ("higher temperature ... lower incidence ... and higher") the nearest occurrence is only a guess."""

    def places(mention: Mention) -> list[tuple[int, int]]:
        found = re.finditer(rf"(?<!\w){re.escape(mention.text)}(?!\w)", text, flags=re.IGNORECASE)
        return [(m.start(), m.end()) for m in found]

    own = (relation.cause.start, relation.effect.start)
    pairs = [
        (c, e)
        for c in places(relation.cause)
        for e in places(relation.effect)
        if (c[1] <= e[0] or e[1] <= c[0]) and (c[0], e[0]) != own
    ]
    pairs.sort(key=lambda p: abs(p[0][0] - p[1][0]))
    return [
        replace(relation, cause=Mention(text[c[0] : c[1]], *c), effect=Mention(text[e[0] : e[1]], *e))
        for c, e in pairs
    ]
