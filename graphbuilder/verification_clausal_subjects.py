"""A claim's clause that is itself the subject of a predicate after it: a statement talked about.

English lets a finite clause be a subject only as a "that" clause or a quotation ("That X causes Y is
known", "'X causes Y' was entered"). A bare clause followed at once by a predicate with no subject of
its own ("Guideline 4.2 requires that [X causes Y] be entered as an edge", "[X causes Y] be recorded")
is that predicate's subject: the sentence says what is to be done with the statement, or what holds of
it, and does not make it. So the claim is mentioned (``quoted``), as a quotation would be, whatever
verb the predicate has.

- The claim is one finite clause with its own subject: no punctuation or conjunction between its verb
  and its last word but inside an argument ("X leads to A and Y protects B" is two clauses), not a
  claim inside a noun phrase ("X-associated Y are rare": the phrase, not a statement, is the subject
  of "are"), nor an adjective the parse read as a verb ("basal and stimulated/VBD BCR signaling were
  increased").
- The predicate follows the claim's last word directly (only its own auxiliaries, negation or adverbs
  between) and heads a clause (not a participle or relative clause modifying a noun, an infinitive, a
  gerund, or a participle read as a preposition, "compared to").
- It has no subject of its own before the claim's verb ("Patients whose X increased Y were excluded":
  "were" has "Patients"). One after it is the small parse taking the claim's object for the subject
  ("X increases [the risk of Y] be recorded").

In a finding the words after its object open a phrase of their own: a conjunction, punctuation, a
preposition, a participle modifying the object ("the risk of Y seen in men"), an adverb of the claim's
verb.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

# Dependents that stand before a verb inside its own phrase: its auxiliaries, negation, adverbs.
_VERB_PREFIX_DEPS = frozenset({"aux", "auxpass", "neg", "advmod"})
_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "expl"})
# The deps of a verb heading a clause of its own: not one modifying a noun ("acl", "relcl"), an
# infinitive, a gerund or a participle read as a preposition ("compared to"), which have no subject by
# their own grammar.
_CLAUSE_DEPS = frozenset({"ROOT", "ccomp", "parataxis", "dep"})


def claim_as_subject(cause: Span, effect: Span, predicate: Token) -> bool:
    """Whether the clause holding the claim is the subject of a predicate right after it (module
    docstring)."""
    if not _finite(predicate):
        return False
    doc = cause.doc
    end = max(cause.end, effect.end, predicate.i + 1)
    inside = {t.i for span in (cause, effect) for t in span}  # "incidence or severity of Y" is one
    if end >= len(doc) or any(
        (t.is_punct or t.dep_ == "cc") and t.i not in inside for t in doc[predicate.i : end]
    ):
        return False
    first = doc[end]
    verb = first if first.pos_ in ("VERB", "AUX") and first.dep_ not in _VERB_PREFIX_DEPS else first.head
    if verb.pos_ not in ("VERB", "AUX") or verb.i < end or verb.dep_ not in _CLAUSE_DEPS:
        return False
    if verb.tag_ in ("VBG", "TO") or any(c.lower_ == "to" and c.i < verb.i for c in verb.children):
        return False
    prefix = [c for c in verb.children if c.i < verb.i]
    if first.i != verb.i and (first not in prefix or first.dep_ not in _VERB_PREFIX_DEPS):
        return False
    if any(c.i >= end and c.dep_ not in _VERB_PREFIX_DEPS for c in prefix):
        return False  # another word of the verb's own opens its phrase
    return not any(c.dep_ in _SUBJECT_DEPS and not predicate.i < c.i < end for c in verb.children)


def _finite(verb: Token) -> bool:
    """Whether ``verb`` is the finite verb of a clause with its own subject (by its tense or a finite
    auxiliary's)."""
    if verb.pos_ not in ("VERB", "AUX") or verb.dep_ in ("acl", "amod", "compound", "xcomp", "pcomp"):
        return False
    if not any(c.dep_ in _SUBJECT_DEPS for c in verb.children):
        return False
    finite = ("VBZ", "VBD", "VBP", "MD")
    return verb.tag_ in finite or any(
        c.dep_ in ("aux", "auxpass") and c.tag_ in finite for c in verb.children
    )
