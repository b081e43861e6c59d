"""A change noun shared by the names coordinated before it: "BRCA1 and BRCA2 knockdown", "PAR1- and
PAR2-deficiency", "ABC1 or XYZ2 overexpression".

The list's last item carries the change in its words ("BRCA2 knockdown"), and the normaliser reads it
as BRCA2, changed downward. The names before it are written bare ("BRCA1"), though the change is
theirs too: each carries the change's direction, as a bare item of a list after a frame carries the
frame's ("reduced levels of A and B": B goes down), so that a claim's sign stays the sign as written
("BRCA1 and BRCA2 knockdown reduced Y" says that BRCA1 raises Y). A shared head that is no change
("HNF4A and HNF1A mutations", "IL-6 and TNF levels") gives the bare names no direction.
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Doc, Span, Token

from causemap.graphbuilder.normalise import load_lexicon

# Dependencies by which a premodifier hangs on the head it shares ("BRCA1" nmod of "knockdown",
# "BRCA2" conj of "BRCA1").
PREMODIFIER_DEPS = frozenset({"compound", "nmod", "amod", "conj", "appos", "npadvmod"})
NAME_POS = frozenset({"NOUN", "PROPN", "X", "NUM", "SYM"})


def change_direction(word: Token) -> int:
    """-1 for a trailing change noun of loss ("knockdown", "deficiency"), +1 for one of gain
    ("overexpression"), 0 for any other word (the normaliser's trailing change lists)."""
    lexicon = load_lexicon()
    forms = {word.lower_, word.lemma_.lower()}
    if forms & lexicon.trailing_down:
        return -1
    return 1 if forms & lexicon.trailing_up else 0


def _premodifies(doc: Doc, start: int, end: int, head: Token, shared: Token) -> bool:
    """The item is written before the shared head and modifies it: left hanging on a hyphen
    ("PAR1-"), or hung on it by premodifier links only."""
    if doc[end - 1].text.endswith("-"):
        return True
    if head.i >= shared.i or shared not in head.ancestors:
        return False
    token = head
    while token.i != shared.i:
        if token.dep_ not in PREMODIFIER_DEPS:
            return False
        token = token.head
    return True


def _named_change(modifiers: Span) -> bool:
    """The words before the last item's change noun name what changes ("XYZ2", "TGF - beta1"): no
    adjective or participle of a manner ("siRNA-mediated knockdown" names the means, not a thing
    the earlier names share a change with)."""
    words = [t for t in modifiers if not t.is_punct]
    return bool(words) and all(t.pos_ in NAME_POS and t.dep_ in PREMODIFIER_DEPS for t in words)


def shared_change(doc: Doc, segments: list[tuple[int, int]]) -> Callable[[int, int, Token, int], int]:
    """A function giving an item ``(start, end, head, frame direction)`` its direction: the frame's,
    composed with the change noun that ends the last item when the item is a bare premodifier of it."""
    last_start, last_end = segments[-1]
    shared = doc[last_end - 1]
    sign = change_direction(shared) if _named_change(doc[last_start : last_end - 1]) else 0

    def direction(start: int, end: int, head: Token, framed: int) -> int:
        if not sign or end == last_end or not _premodifies(doc, start, end, head, shared):
            return framed
        return sign * (framed or 1)

    return direction


def hanging_change(tokens: list[Token], reach: int = 12) -> int:
    """The direction of the change noun a name left hanging on its hyphen shares: "attenuated by
    PAR1- and, less, by PAR2-deficiency": PAR1 goes down as PAR2 does. The first word glued by a
    hyphen after the name, before any verb, says the change (0 when it is none, or there is none)."""
    if not tokens or not tokens[-1].text.endswith("-") or len(tokens[-1].text) < 2:
        return 0
    doc = tokens[-1].doc
    for token in doc[tokens[-1].i + 1 : min(len(doc), tokens[-1].i + 1 + reach)]:
        if token.pos_ in ("VERB", "AUX") or token.text in (";", ":"):
            return 0
        glued = token.i >= 2 and doc[token.i - 1].text == "-" and not doc[token.i - 2].whitespace_
        if glued and not doc[token.i - 1].whitespace_:
            return change_direction(token)
    return 0
