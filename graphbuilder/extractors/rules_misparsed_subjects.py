"""Subjects the small parser takes from a neighbouring phrase, which no claim can stand on.

In long result sentences that list measurements and chain verb phrases ("X reduced the levels of
A (B, C; D) and decreased E", "cells increased A, upregulated B, produced C"), the parser often
hands a later verb a subject from inside the list before it. A claim built on such a subject relates
two measured outcomes that the sentence never relates. Three shapes give the misreading away:

- the subject sits inside a parenthesis that closes before its verb: a parenthetical belongs to
  the phrase it interrupts, and no verb outside it takes its subject from within it;
- the subject stands after its verb in a declarative clause ("..., decreased the elevations of A")
  with no inversion cue (an expletive "there", "so did", a fronted auxiliary): English subjects
  precede their verb, so a noun after it is the verb's object;
- the subject opens with a cue participle read as its modifier ("upregulated factor B, produced C")
  and its verb continues a series of verb phrases whose first verb has a subject of its own: the
  participle is the series' next verb and the noun its object.
"""

from __future__ import annotations

from spacy.tokens import Token

from causemap.graphbuilder.extractors.rules_heads import SUBJECT_DEPS
from causemap.graphbuilder.extractors.rules_lexicon import CueLexicon
from causemap.graphbuilder.extractors.rules_repairs import participle_cue

OPENING = frozenset({"(", "["})
CLOSING = frozenset({")", "]"})
# the words before a verb that license a subject after it ("so did X", "nor was X", "as did X")
INVERSION_WORDS = frozenset({"so", "nor", "neither", "as", "than", "only", "also"})
VERB_POS = ("VERB", "AUX")
CLIMB_DEPS = frozenset({"conj", "appos", "pobj", "prep", "compound", "nmod"})


def misparsed_subject(argument: Token, cue: Token, lexicon: CueLexicon) -> bool:
    """Whether ``argument`` is (a conjunct, apposition or framed object of) the subject of ``cue``,
    or of the verb whose subject ``cue`` shares in a coordination, that the parser took from a
    neighbouring phrase (see the module docstring). A subject misread for one verb may still be
    what another verb's clause is about, so only the cue's own subject is judged."""
    subject = argument
    # up from a list item, apposition or the object of a frame ("the elevations of A") to the noun
    # that stands in the clause
    while subject.dep_ in CLIMB_DEPS and subject.head.i != subject.i and subject.head.pos_ not in VERB_POS:
        subject = subject.head
    verb = subject.head
    if subject.dep_ not in SUBJECT_DEPS or verb.pos_ not in VERB_POS:
        return False
    if cue.i != verb.i and cue not in verb.conjuncts:
        return False
    return (
        _closed_before(subject, verb)
        or _after_verb(subject, verb)
        or _participle_opening(subject, verb, lexicon)
    )


def _closed_before(subject: Token, verb: Token) -> bool:
    """The subject's phrase stands inside a bracket opened before it that closes before its verb
    (a closer with no opener, "1)", does not count). The phrase starts with its written word: the
    brackets of "(+)-propranolol" or "(Over)expression" are part of a name, not a parenthesis."""
    text = subject.doc.text
    start = text.rfind(" ", 0, subject.left_edge.idx) + 1
    if verb.idx < start:
        return False
    opened = depth = _depth(text[:start])
    if not opened:
        return False
    for char in text[start : verb.idx]:
        depth += (char in OPENING) - (char in CLOSING)
        if depth < opened:
            return True
    return False


def _depth(text: str) -> int:
    """How many brackets are open at the end of ``text`` (an unmatched closer opens none)."""
    depth = 0
    for char in text:
        if char in OPENING:
            depth += 1
        elif char in CLOSING:
            depth = max(0, depth - 1)
    return depth


def _after_verb(subject: Token, verb: Token) -> bool:
    """A subject right of its verb, with nothing before the verb that inverts the clause."""
    if subject.i < verb.i or verb.lemma_ == "be":
        return False  # "Among them are A and B": a copula after a fronted phrase
    if any(c.dep_ == "expl" for c in verb.children):
        return False  # "there was an association of A with B"
    before = [c for c in verb.children if c.i < verb.i]
    if any(c.lower_ in INVERSION_WORDS or c.dep_ in ("aux", "auxpass") for c in before):
        return False  # "so did X", "nor was X affected": inversion; "was X" of a question
    # "Also increased were A and B": a fronted predicate, whose subject follows a copula
    return not any(c.lemma_ == "be" for c in verb.subtree if verb.i < c.i < subject.i)


def _participle_opening(subject: Token, verb: Token, lexicon: CueLexicon) -> bool:
    """A subject opened by a cue participle, of a verb that continues an earlier verb's series."""
    first = subject.doc[subject.left_edge.i]
    # the tagger takes some participles for adjectives ("upregulated" as JJ): the -ed form decides
    if first.dep_ != "amod" or first.head.i != subject.i or participle_cue(first, lexicon) is None:
        return False
    series = verb.head
    if verb.dep_ != "conj" or series.pos_ not in VERB_POS or series.i > first.i:
        return False
    return any(c.dep_ in SUBJECT_DEPS and c.i < series.i for c in series.children)
