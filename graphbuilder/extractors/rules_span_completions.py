"""Noun phrases the parse ends or starts too early, completed so that the name stays in the span.

Four constructions of scientific prose that the small parser splits in a regular way:

- a complement shared by coordinated heads, written after the last of them ("the migration and
  invasion of glioma cells"): the parser hangs the "of" phrase on the first head, so the last head,
  split off as its own argument, stands bare ("invasion"). The phrase is contiguous with the last
  head and completes it ("invasion of glioma cells"); the earlier heads cannot take it without the
  words between, and keep their own span.
- a change written as its two states before the change noun ("a C to T conversion", "a valine (Val)
  to alanine (Ala) substitution"): the parser hangs the "to" phrase elsewhere (on the verb, or as a
  complement of the first state), and the argument ends at the first state ("a C"). The noun phrase
  runs to the change noun and what follows it.
- a long form whose abbreviation the parser glued to the word after it ("tumour necrosis factor
  (TNF)-alpha expression", "interleukin (IL)-6 production"): the token "TNF)-alpha" opens the span
  and the long form before the bracket is left out. The span starts at the long form.
- a plural noun the tagger read as a present-tense verb and the parser coordinated with the cue,
  without any "and" or comma ("the expression of the adhesion [molecules] ICAM9 and VCAM9"): the
  argument ended at the noun before it. The noun phrase runs on over the misread noun.
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Doc, Token

from causemap.graphbuilder.extractors.rules_bracketed_names import glued_rest_end

# Nouns of a change from one state to another, written after the two states ("a G to A substitution").
CHANGE_NOUNS = frozenset(
    {
        "substitution",
        "conversion",
        "transition",
        "transversion",
        "change",
        "switch",
        "shift",
        "exchange",
        "replacement",
        "mutation",
    }
)
# Parts of speech of the words between the first state and the change noun ("G to A or G to C").
_STATE_POS = frozenset({"NOUN", "PROPN", "ADJ", "NUM", "X", "DET", "CCONJ", "ADP", "SYM", "PUNCT"})
_STATE_PUNCT = frozenset({"(", ")", "-", "/"})
# Parts of speech of the words that name a state ("G", "valine", "aspartic acid").
_STATE_NAME_POS = frozenset({"NOUN", "PROPN", "ADJ", "NUM", "X", "SYM"})
# Words of a long form before its bracketed abbreviation.
_LONG_FORM_POS = frozenset({"NOUN", "PROPN", "NUM", "X", "ADJ"})
_MAX_STATE_WORDS = 9
_MAX_LONG_FORM_WORDS = 8
_MAX_ASIDE_WORDS = 6


def shared_complement_end(head: Token, end: int, blocked: set[int]) -> int:
    """Where the last of coordinated heads ends when the "of" phrase after it hangs on the first:
    "invasion" of "the migration and invasion of glioma cells" ends after "cells". ``end`` is
    exclusive."""
    doc = head.doc
    if head.dep_ != "conj" or end >= len(doc) or doc[end].lower_ != "of" or end in blocked:
        return end
    first = head
    while first.dep_ == "conj" and first.head.i < first.i:
        first = first.head
    of = doc[end]
    if of.head.i != first.i or of.dep_ != "prep" or any(c.i > head.i for c in first.conjuncts):
        return end
    words = list(of.subtree)
    if any(t.i in blocked for t in words) or words[0].i != of.i:
        return end
    return words[-1].i + 1


def change_of_states(head: Token, after: int | None = None) -> Token | None:
    """The change noun of which ``head`` is the first state ("a G to A substitution": the
    substitution of "G"), written from ``after`` (the token after the head unless given) on; or None."""
    doc = head.doc
    if head.lemma_.lower() in CHANGE_NOUNS or head.pos_ not in _STATE_NAME_POS:
        return None  # "them to undergo a transition": a pronoun is no state
    to = _after_aside(doc, head.i + 1 if after is None else after)
    if to is None or to >= len(doc) or doc[to].lower_ != "to":
        return None
    for i in range(to + 1, min(len(doc), to + 1 + _MAX_STATE_WORDS)):
        word = doc[i]
        # the second state read as an infinitive after "to" ("a glycine to [serine] substitution")
        infinitive = i == to + 1 and word.tag_ == "VB"
        if not infinitive and (
            word.pos_ not in _STATE_POS or (word.is_punct and word.text not in _STATE_PUNCT)
        ):
            return None
        if word.pos_ == "NOUN" and (word.lemma_.lower() in CHANGE_NOUNS or word.lower_ in CHANGE_NOUNS):
            return word
    return None


def change_states_end(
    head: Token, end: int, blocked: set[int], span_of: Callable[[Token], int | None]
) -> int:
    """Where an argument ends that the parse cut at the first of a change's two states: "a G" of "a
    G to A substitution at position 1138" runs to the end of the change noun's phrase, which
    ``span_of`` gives (exclusive). ``end`` is exclusive."""
    change = change_of_states(head, end)
    if change is None or any(i in blocked for i in range(end, change.i + 1)):
        return end
    stop = span_of(change)
    return max(end, stop if stop is not None else change.i + 1)


def _after_aside(doc: Doc, end: int) -> int | None:
    """The index after a bracketed aside that opens at ``end`` ("valine (Val) to"), or ``end``."""
    if end >= len(doc) or doc[end].text != "(":
        return end
    for i in range(end + 1, min(len(doc), end + 2 + _MAX_ASIDE_WORDS)):
        if doc[i].text == ")":
            return i + 1
        if doc[i].text == "(":
            return None
    return None


def change_states_start(head: Token, start: int, blocked: set[int]) -> int:
    """Where a change noun's argument starts when the parse hung its first state elsewhere: "C
    conversion" of "contains a G to C conversion, which causes deafness" starts at "a G"."""
    doc = head.doc
    if head.lemma_.lower() not in CHANGE_NOUNS or start < 2 or doc[start - 1].lower_ != "to":
        return start
    first = start
    for i in range(start - 1, max(-1, start - 1 - _MAX_STATE_WORDS), -1):
        word = doc[i]
        if i in blocked:
            break
        if word.pos_ == "DET":
            first = i
            break
        joining = word.lower_ in ("to", "or", "and") or word.text in _STATE_PUNCT
        if not joining and word.pos_ not in _STATE_NAME_POS:
            break
        if not joining:
            first = i
    return first


def long_form_start(doc: Doc, start: int, blocked: set[int]) -> int:
    """Where an argument starts whose first token closes a bracket it did not open ("TNF)-alpha
    expression"): at the long form written before the bracket ("tumour necrosis factor (TNF)-alpha
    expression"), else ``start``."""
    text = doc[start].text
    if text.count(")") <= text.count("(") or start < 2 or doc[start - 1].text != "(" or start - 1 in blocked:
        return start
    first = start - 1
    for i in range(start - 2, max(-1, start - 2 - _MAX_LONG_FORM_WORDS), -1):
        word = doc[i]
        glued = word.text in ("-", "/") and not word.whitespace_
        if i in blocked or not (glued or (word.pos_ in _LONG_FORM_POS and word.tag_ not in ("VBN", "VBD"))):
            break
        first = i
    return first if first < start - 1 else start


def completed_end(head: Token, end: int, blocked: set[int]) -> int:
    """``end`` (exclusive) past a shared complement or a change's second state (see the module)."""
    from causemap.graphbuilder.extractors.rules_spans import argument_span  # the change noun's own span

    def span_end(noun: Token) -> int | None:
        bounds = argument_span(noun, blocked, split=False)
        return None if bounds is None else bounds[1]

    end = misread_plural_end(head.doc, shared_complement_end(head, end, blocked), blocked)
    return change_states_end(head, end, blocked, span_end)


def misread_plural_end(doc: Doc, end: int, blocked: set[int]) -> int:
    """Where an argument ends whose last noun is followed by a plural noun the tagger read as a
    present-tense verb coordinated with an earlier verb ("the adhesion [molecules] ICAM9 and VCAM9"):
    verbs are coordinated by "and", "or" or a comma, so a "conjunct" verb written right after a noun,
    with no subject of its own, is the head of that noun's phrase, and the phrase runs on over what
    the parser hung on it. ``end`` is exclusive."""
    if end == 0 or end >= len(doc) or end in blocked:
        return end
    word, before = doc[end], doc[end - 1]
    if (
        word.tag_ != "VBZ"
        or word.dep_ != "conj"
        or not word.lower_.endswith("s")
        or before.pos_ not in ("NOUN", "PROPN")
        or not before.whitespace_
        or any(c.dep_ in ("nsubj", "nsubjpass", "aux", "neg") for c in word.children)
    ):
        return end
    words = list(word.subtree)
    if words[0].i != end or any(t.i in blocked for t in words):
        return end
    # "molecules ICAM9 and VCAM9, which ...": what follows a comma is an aside
    return next((t.i for t in words if t.text in (",", ";", ":")), words[-1].i + 1)


def unmarked_apposition(noun: Token, appos: Token) -> bool:
    """Whether an "apposition" the parser found right after ``noun`` has nothing to set it off (no
    comma, bracket or dash): "the serotonin [2C receptor]" is one name, misread."""
    edge = appos.left_edge
    if appos.i <= noun.i or edge.i != noun.i + 1 or not noun.whitespace_ or edge.is_punct:
        return False
    if appos.pos_ not in ("NOUN", "PROPN") or len(appos.text) < 2:
        return False  # "activation a": a stray letter
    # a measurement run on after the noun ("acitretin 0.5 mg/kg", "95% CI = 1.04-1.90") names
    # nothing, nor does a name after an amount ("a 40% reduction [in] LH pulse frequency")
    words = [*appos.subtree, *(t for t in noun.lefts)]
    return not any(t.text in ("=", "%") or (t.like_num and "." in t.text) for t in words)


def modifies_next_subject(head: Token, end: int, glued_end: int) -> bool:
    """Whether a name whose glued bracket ("Tumour necrosis factor (TNF)-alpha", the bracket taken
    from ``end`` to ``glued_end``) runs into the noun it modifies, which the parser made a second
    subject of the same verb ("... (TNF)-alpha expression was increased"): the name is part of that
    noun's argument, not one of its own."""
    doc = head.doc
    if glued_end == end or glued_end >= len(doc):
        return False
    noun = doc[glued_end]
    return (
        noun.pos_ in ("NOUN", "PROPN")
        and head.dep_ in ("nsubj", "nsubjpass")
        and noun.dep_ == head.dep_
        and noun.head.i == head.head.i
    )


def completed_bounds(head: Token, span: tuple[int, int], blocked: set[int]) -> tuple[int, int] | None:
    """An argument's token range ``[start, end)`` from the parse's ``span``, its edges completed
    (see the module), or None when it is a piece of another argument's name."""
    doc = head.doc
    start = change_states_start(head, long_form_start(doc, span[0], blocked), blocked)
    end = glued_rest_end(doc, span[1], blocked)  # "tumour necrosis factor (TNF)-alpha"
    if modifies_next_subject(head, span[1], end):
        return None  # "factor" of "Tumour necrosis factor (TNF)-alpha expression was increased"
    return start, completed_end(head, end, blocked)
