"""A name that goes on after the abbreviation defined inside it: "interleukin (IL)-8 production",
"heat shock protein (HSP) 70", "nuclear factor (NF)-kappaB".

Authors define an abbreviation where its long form is written, also when the long form is only the
first part of a longer name; the name then goes on right after the closing bracket ("(IL)-8",
"(HSP) 70"). The small parser reads what follows the bracket as an apposition of the long form, and
an apposition is an aside that an argument's span leaves out, so the argument kept only the long
form ("interleukin"), a different variable. The bracket is no aside when it holds only the
abbreviation and the apposition's own word stands after it (used by ``rules_spans`` and
``rules_appositions``). When the parser hangs the glued rest ("TNF)-alpha") on the verb, the span
takes it back. A glued participle ("(CYP)-induced") makes the name a modifier of something else and
is no rest of the name.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from causemap.graphbuilder.extractors.rules_span_edges import RELATION_ADJECTIVES

# Endings of the participles and adjectives that make a name a modifier ("X-induced", "X-inducible").
RELATING_ENDINGS = ("ed", "ing", "ible", "able")
# Words that may stand between the bracket and the rest of the name ("(PI) 3-kinase"); a
# preposition ("(MHC) on chromosome 6p21") begins a phrase about the named thing.
NAME_WORD_POS = frozenset({"NOUN", "PROPN", "NUM", "ADJ", "X", "SYM"})
# Tokens an abbreviation may take inside its brackets ("(IL)", "(NF)", "(PI 3)").
MAX_ABBREVIATION_TOKENS = 3


def closes_inside(text: str) -> bool:
    """A token that closes a bracket and goes on ("IL)-8", "TNF)-alpha"): the tokeniser keeps the
    abbreviation, the bracket and the rest of the name as one token."""
    depth = text.count("(") + text.count("[") - text.count(")") - text.count("]")
    return depth < 0 and text[0] not in ")]" and text[-1] not in ")]"


def rest_of_name(text: str) -> bool:
    """Whether what a token has after its closing bracket goes on with the name ("IL)-8",
    "TNF)-alpha") rather than making the name a modifier ("CYP)-induced", "BM)-derived",
    "PKC)-dependent") or starting the next name of a list ("IS)/transient")."""
    rest = text[max(text.rfind(")"), text.rfind("]")) + 1 :]
    last = rest.rsplit("-", 1)[-1].lower()
    return (
        rest.startswith("-")
        and "/" not in rest
        and any(ch.isalnum() for ch in last)
        and not last.endswith(RELATING_ENDINGS)
        and last not in RELATION_ADJECTIVES
    )


def name_goes_on_after_abbreviation(noun: Token, appos: Token) -> bool:
    """Whether ``appos``, parsed as an apposition of ``noun``, is the rest of ``noun``'s name after
    an abbreviation in brackets: the bracket opens right after ``noun``, holds a short
    abbreviation (a capital letter) and closes before ``appos``; what stands between the bracket
    and ``appos`` are words of the name ("(PI) 3-kinase"), no comma or other aside."""
    doc = noun.doc
    opening = noun.i + 1
    if doc[opening].text not in ("(", "["):
        return False
    if appos.i == opening + 1:  # "(NF)-kappaB": the apposition is the abbreviation and the rest
        return (
            closes_inside(appos.text) and rest_of_name(appos.text) and any(ch.isupper() for ch in appos.text)
        )
    if appos.i < opening + 1:
        return False
    closing = next(
        (i for i in range(opening + 1, appos.i) if doc[i].text in (")", "]") or closes_inside(doc[i].text)),
        None,
    )
    if closing is None:
        return False
    abbreviation = doc[opening + 1 : closing + 1 if closes_inside(doc[closing].text) else closing]
    between = doc[closing + 1 : appos.i]
    return (
        0 < len(abbreviation) <= MAX_ABBREVIATION_TOKENS
        and len(between) <= MAX_ABBREVIATION_TOKENS
        and any(ch.isupper() for ch in abbreviation.text)
        and not any(t.text in (",", ";", ":", "(", "[") for t in abbreviation)
        and all(t.pos_ in NAME_WORD_POS or t.text in ("-", "/") for t in between)
    )


def glued_rest_end(doc: Doc, end: int, blocked: set[int]) -> int:
    """Where an argument ends whose name goes on in the token after its bracket ("tumour necrosis
    factor (TNF)-alpha", where the parser hung "TNF)-alpha" on the verb): past that token when it
    closes the bracket with an abbreviation and the rest of the name; ``end`` (exclusive) when not."""
    if end + 1 >= len(doc) or doc[end].text not in ("(", "[") or {end, end + 1} & blocked:
        return end
    word = doc[end + 1].text
    glued = closes_inside(word) and rest_of_name(word) and any(ch.isupper() for ch in word)
    return end + 2 if glued else end
