"""Whether a label before a claim is a heading of the paper's, after which the claim is its statement.

A paper sets its findings after headings of its layout ("Conclusions: ...", "Main result: ...") or of
a topic ("Body mass index: ..."), and its text reads on as a main clause after them. A label of another
kind declares what follows to be a piece of text of its kind, which the paper only shows:

- a label closed by an arrow or an equals sign ("Main claim -> ...", "relation = ..."): a heading is
  closed by a colon, a dash or a full stop; an arrow or "=" maps a name to its value, as a record or a
  program does;
- a label inside brackets ("(primary conclusion: ...)"): an aside cannot head the sentence it sits in;
- a label whose head noun names a piece of text or an answer ("Expected answer -", "Alt text:", "Fun
  fact:", "Ground truth:", "Tweet of the day:"; the nouns of saying of ``quotes.mention_nouns`` and
  ``headings.text_nouns``), or the product of processing a text, bare or graded as the right one
  ("Output:", "Correct output:"; not "Cardiac output:", which is measured). The labels of structured
  abstracts ("Summary:", "Plain language summary:", the rhetoric lexicon's) are the paper's own.

A label with a finite verb is no label but a clause ("We found the following: ..."), judged by the
other checks.
"""

from __future__ import annotations

from functools import lru_cache

from spacy.tokens import Doc, Token

from causemap.graphbuilder.roles_rhetoric import load_rhetoric
from causemap.graphbuilder.verification_formats import ARROWS, is_label_end, label_words
from causemap.graphbuilder.verification_lexicon import load_verification_lexicon
from causemap.graphbuilder.verification_resources import verification_words

VALUE_SIGNS = ARROWS | {"="}
OPENING = frozenset({"(", "["})
CLOSING = frozenset({")", "]"})


@lru_cache(maxsize=1)
def _text_nouns() -> frozenset[str]:
    return load_verification_lexicon().mention_nouns | verification_words("headings", "text_nouns")


def label_before(doc: Doc, at: int) -> Token | None:
    """The label end (colon, dash, arrow, "=") closest before token ``at`` in its stretch of the
    sentence, bracketed asides skipped, or None. An arrow or "=" counts only right before the clause
    ("OR = 1.5, X increased Y" gives a value, then a clause)."""
    depth, comma = 0, False
    for token in reversed(doc[:at]):
        if token.text in CLOSING:
            depth += 1
        elif token.text in OPENING:
            depth = max(depth - 1, 0)
        if depth or token.text in OPENING:
            continue
        if token.text in (".", "!", "?"):
            return None  # (a label heads every clause after it: "Results: X rose; Y fell")
        comma = comma or token.text == ","
        if _value_sign(token):
            return None if comma else token
        if is_label_end(token):
            return token
    return None


def not_a_heading(doc: Doc, end: Token) -> bool:
    """Whether the label closed by ``end`` declares what follows a piece of text, not a heading of
    the paper (module docstring)."""
    if _value_sign(end):
        return True
    if _inside_brackets(doc, end.i):
        return True
    words = label_words(doc, end.i)
    if not words or any(t.pos_ in ("VERB", "AUX") and t.tag_ not in ("VB", "VBG", "VBN") for t in words):
        return False
    if _abstract_label(words):
        return False
    head = _head(words)
    if head is None:
        return False
    lower = head.lower_
    if lower in _text_nouns() or head.lemma_.lower() in _text_nouns():
        return True
    if lower not in load_verification_lexicon().processing_products:
        return False
    graded = verification_words("headings", "correctness")
    modifiers = [c for c in head.children if c.dep_ in ("amod", "compound", "nmod")]
    return all(m.lower_ in graded for m in modifiers)


def _value_sign(token: Token) -> bool:
    """An arrow or "=", also an arrow typed in two tokens ("-" ">", "=" ">")."""
    glued = token.i > 0 and not token.doc[token.i - 1].whitespace_
    return token.text in VALUE_SIGNS or (token.text == ">" and glued and token.doc[token.i - 1].text in "-=")


def _abstract_label(words: list[Token]) -> bool:
    labels = load_rhetoric().labels
    text = " ".join(t.lower_ for t in words)
    return text in labels or words[-1].lower_ in labels


def _head(words: list[Token]) -> Token | None:
    """The label's head noun: the noun none of whose governors is in the label ("Tweet" of "Tweet
    of the day"), else its last noun."""
    inside = {t.i for t in words}
    nouns = [t for t in words if t.pos_ in ("NOUN", "PROPN")]
    top = [t for t in nouns if not any(a.i in inside for a in t.ancestors)]
    if top:
        return top[0]
    return nouns[-1] if nouns else None


def _inside_brackets(doc: Doc, at: int) -> bool:
    depth = 0
    for token in doc[:at]:
        if token.text in OPENING:
            depth += 1
        elif token.text in CLOSING and depth:
            depth -= 1
    return depth > 0
