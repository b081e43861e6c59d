"""Where a list really begins and ends when the parse cut an argument span short.

The small English parser often hangs the later items of "A, B, C and D" off the first as appositions,
or makes the last item of a listed subject the verb's subject and hangs the others elsewhere, so an
argument's span covers one item of the list. These functions read the punctuation on either side of
the span (separators, a final coordinator, short nominal items) to find the whole list, which
:func:`rules_lists.surface_list` then splits into items; a list that runs into a verb or a clause
word is a new clause, and the span stays as it was.
"""

from __future__ import annotations

from spacy.tokens import Doc

from causemap.graphbuilder.extractors.rules_heads import misread_name
from causemap.graphbuilder.extractors.rules_list_asides import (
    abbreviation_bracket,
    bracket_close,
    noun_modifier,
    read_over,
)
from causemap.graphbuilder.extractors.rules_lists import COORDINATORS, MAX_ITEM_TOKENS, MAX_ITEMS, SEPARATORS

NOMINAL_TAGS = frozenset({"NOUN", "PROPN", "ADJ", "NUM", "X", "SYM"})
# A preposition that continues the last item rather than set it in a place or time.
CONTINUING_PREPS = frozenset({"of", "with", "without", "to", "for"})
CLAUSE_WORDS = frozenset({"that", "which", "who", "whereas", "while", "but", "respectively"})


def list_end(doc: Doc, end: int, blocked: set[int]) -> int:
    """Where a list that an argument span only begins really ends.

    The parser often hangs the later items of "A, B, C and D" off the first as appositions, or
    off the wrong word, so the argument's span stops after "A". Read on over separators and short
    nominal items up to a final coordinator and its item; a list that runs into a verb (", and B
    decreased C") is a new clause, not a list, and the span stays as it was.
    """
    after = end
    close = bracket_close(doc, end) if end < len(doc) and doc[end].text in ("(", "[") else None
    if close is not None and read_over(doc, end, close):
        after = close + 1  # "A (-41%), B and C", "A (AB), C and D": the first item's own bracket
    if after >= len(doc) or not (doc[after].text in SEPARATORS or doc[after].lower_ in COORDINATORS):
        return end
    if any(k in blocked for k in range(end, after)):
        return end
    i, coordinated, item_tokens = after, False, 0
    while i < len(doc) and i - end <= MAX_ITEMS * (MAX_ITEM_TOKENS + 1):
        token = doc[i]
        if i in blocked or token.lower_ in CLAUSE_WORDS or token.text in (";", ":", "."):
            break
        if token.text in SEPARATORS or token.lower_ in COORDINATORS:
            if coordinated and item_tokens:
                break  # a second coordination after the list's own
            coordinated = coordinated or token.lower_ in COORDINATORS
            item_tokens = 0
        elif token.text in ("(", "[") and item_tokens and (close := bracket_close(doc, i)) is not None:
            if any(k in blocked for k in range(i, close + 1)):
                break
            i = close  # "A (P < 0.01), B (-41%) and C": an aside within an item, read over whole
            item_tokens += 1
        elif (
            token.pos_ in NOMINAL_TAGS
            or token.text in ("-", "/", "(", ")", "+")
            or misread_name(token)
            or noun_modifier(token)
        ):
            item_tokens += 1
            if item_tokens > MAX_ITEM_TOKENS:
                return end
        else:
            break
        i += 1
    if not coordinated or not item_tokens:
        return end
    if i < len(doc) and doc[i].pos_ in ("VERB", "AUX"):
        return end  # ", and B decreased C": a clause
    if i < len(doc) and doc[i].lower_ in CONTINUING_PREPS:
        return end  # "A and spread of B", "A and people with B": the item goes on
    if i < len(doc) and doc[i].lower_ in CLAUSE_WORDS:
        return end
    return i


# Words after which a clause's subject begins: a list read leftwards may start right after them.
CLAUSE_OPENERS = frozenset({"that", "whereas", "while", "both", "either", ":", ";"})
FRAME_WORD_POS = frozenset({"DET", "ADJ"})


def list_start(doc: Doc, start: int, blocked: set[int]) -> int:
    """Where a list begins that an argument span only ends ("A, B and [C] increased Y").

    The parser often makes the last item of a listed subject the verb's subject and hangs the
    others elsewhere (the first as the root, the rest as appositions), so the argument's span
    starts at the last item. Read back from the coordinator before the span over separators and
    short nominal items (the first may keep a frame: "levels of A, B and C"), to where a clause
    begins: the sentence's start, a subordinator ("that", "whereas") or a colon, or the comma
    that closes a fronted phrase ("In mice, A and B ..."). Anything else before the items (a
    preposition, a verb) makes them some other word's objects, and the span stays as it was.
    """
    i = start - 1
    if i < 0 or doc[i].lower_ not in COORDINATORS or i in blocked:
        return start
    i -= 1
    if i >= 0 and doc[i].text == ",":
        i -= 1
    item_tokens, framed, last_comma = 0, False, None
    while i >= 0:
        token = doc[i]
        if i in blocked or token.lower_ in COORDINATORS:
            return start
        if token.text == ",":
            if not item_tokens or framed:
                break
            last_comma, item_tokens = i, 0
        elif token.lower_ == "of" and item_tokens and not framed:
            framed = True  # "levels of A": the first item's frame; only its words may come before
        elif token.text in (")", "]"):
            opening = abbreviation_bracket(doc, i)
            if opening is None:
                return start  # an aside in brackets ("A (r = 0.8, P < 0.01) and B") is no list to read back
            i = opening  # "interleukin-6 (IL-6), A and B": the item's abbreviation, part of its name
            item_tokens += 1
        elif (
            token.pos_ in NOMINAL_TAGS
            or token.text in ("-", "/", "+")
            or misread_name(token)
            or (token.pos_ in FRAME_WORD_POS and item_tokens)
        ):
            item_tokens += 1
            if item_tokens > MAX_ITEM_TOKENS:
                return start
        else:
            break
        i -= 1
    if i < 0 or (doc[i].lower_ in CLAUSE_OPENERS and item_tokens):
        return i + 1
    if last_comma is not None and last_comma > i >= 0 and _fronted(doc, i, last_comma):
        return last_comma + 1
    return start


def _fronted(doc: Doc, inside: int, comma: int) -> bool:
    """Whether the words before ``comma`` (``inside`` among them) are a phrase fronted before the
    clause, set off by that comma from the sentence's start ("In 2010,", "Moreover,")."""
    return comma < len(doc) and not any(t.text in (",", ";") for t in doc[:comma]) and inside < comma
