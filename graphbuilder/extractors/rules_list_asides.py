"""What a list item may carry besides its name: an abbreviation in brackets ("interleukin-6 (IL-6)"),
an aside of figures ("atherosclerosis (-41%)", "IL-5 (P = 0.007)") and a participle that modifies its
noun ("decreased urinary sodium excretion").

An abbreviation is part of the item's name and stays in its span; an aside of figures is said about
the item, not part of its name, and is left out of it (the bracket's separators are no separators
of the list). A participle the parser hangs on a noun as its modifier is inside the noun phrase, so
the list goes on over it; after the list's coordinator ("A, B and decreased C") it may be a second
verb with its own object, and the list stops there (:func:`rules_list_bounds.list_end`).
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from causemap.graphbuilder.extractors.rules_heads import misread_name

# An abbreviation in brackets is a few tokens, none of them a figure's mark ("(r = 0.8)", "(n = 12)").
MAX_ABBREVIATION_TOKENS = 4
# How far an aside in brackets may run within one item.
MAX_ASIDE_TOKENS = 16
ASIDE_MARKS = frozenset({"=", "<", ">", "%", "\u00b1", "+/-", "\u2264", "\u2265", ":", ",", ";"})
NAME_POS = frozenset({"NOUN", "PROPN", "ADJ", "NUM", "X", "SYM"})
CLOSERS = {"(": ")", "[": "]"}
OPENERS = {")": "(", "]": "["}


def bracket_close(doc: Doc, opening: int) -> int | None:
    """Where the bracket opened at ``opening`` closes, within a short aside; None when it does not."""
    closer, depth = CLOSERS[doc[opening].text], 0
    for i in range(opening, min(len(doc), opening + MAX_ASIDE_TOKENS + 2)):
        if doc[i].text == doc[opening].text:
            depth += 1
        elif doc[i].text == closer:
            depth -= 1
            if depth == 0:
                return i
        elif doc[i].text == ".":
            return None
    return None


def abbreviation_bracket(doc: Doc, close: int) -> int | None:
    """Where the bracket closed at ``close`` opens, when it holds an abbreviation or a short code
    of the name before it ("tumour necrosis factor (TNF)", "kidney injury molecule-1 (KIM-1)"): a
    few name words, no figure, comparison or separator; None for any other aside."""
    opener = OPENERS[doc[close].text]
    i = close - 1
    while i >= 0 and close - i <= MAX_ABBREVIATION_TOKENS + 1 and doc[i].text != opener:
        i -= 1
    if i < 0 or doc[i].text != opener or i == close - 1:
        return None
    if any(t.text in ASIDE_MARKS or t.pos_ in ("VERB", "AUX") for t in doc[i + 1 : close]):
        return None
    if i == 0 or not (doc[i - 1].pos_ in NAME_POS or misread_name(doc[i - 1])):
        return None  # a bracket after no name
    return i


def without_aside(doc: Doc, start: int, end: int) -> int:
    """The end of an item ``[start, end)`` without an aside of figures in brackets at its end
    ("IL-5 (P = 0.007)"); an abbreviation ("serum creatinine (SCr)") stays."""
    if end - start < 3 or doc[end - 1].text not in OPENERS:
        return end
    depth, i = 0, end - 1
    while i > start:
        if doc[i].text in OPENERS:
            depth += 1
        elif doc[i].text in CLOSERS:
            depth -= 1
            if depth == 0:
                break
        i -= 1
    if i <= start or doc[i].text not in CLOSERS:
        return end
    return i if figure_aside(doc, i, end - 1) else end


def read_over(doc: Doc, opening: int, close: int) -> bool:
    """Whether a bracket right after a list's first item is that item's own: figures said of it, or
    an acronym of its words ("lactate dehydrogenase (LDH)": letters only, two capitals or more). A
    code with digits in brackets ("c.185C>T (Thr60Met)") may as well open an aside of its own."""
    if figure_aside(doc, opening, close):
        return True
    if close != opening + 2:
        return False
    text = doc[opening + 1].text
    return text.isalpha() and sum(ch.isupper() for ch in text) >= 2


def figure_aside(doc: Doc, opening: int, close: int) -> bool:
    """The bracket ``[opening, close]`` holds figures said of the name before it ("(-41%)",
    "(P = 0.007)"), no abbreviation or code of the name ("(SCr)", "(Thr60Met)")."""
    inside = doc[opening + 1 : close]
    figures = any(t.text in ASIDE_MARKS or t.like_num for t in inside)
    return figures and abbreviation_bracket(doc, close) is None


def noun_modifier(token: Token) -> bool:
    """A participle the parser hangs on a later noun as its modifier ("decreased urinary sodium
    excretion", "activated T cells") that opens an item after a comma: part of a noun phrase, no
    verb of a clause. After the list's coordinator ("A, B and abolished C") it may as well be a
    second verb, after a noun ("and insulin improved lipid profiles") it is one, and a participle
    glued by a hyphen ("arsenic-induced") is a relation of its own."""
    doc = token.doc
    if token.i == 0 or doc[token.i - 1].text != ",":
        return False  # "A and B improved C": no item opens with it, it is the clause's verb
    return (
        token.pos_ == "VERB"
        and token.tag_ in ("VBN", "VBG", "VBD")  # the tagger takes many a participle for a past tense
        and token.dep_ in ("amod", "compound")
        and token.head.i > token.i
        and token.head.pos_ in ("NOUN", "PROPN")
    )
