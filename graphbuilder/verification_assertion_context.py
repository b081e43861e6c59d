"""Whether the clause that carries a claim stands where English asserts it.

The other refusal modules recognise kinds of non-claim one at a time (orders, addresses, labels, markup,
quotations). This one turns the test around for the claim's own clause: a claim is the paper's statement
only if the clause that carries it is

- the main clause of its sentence, also after a heading or topic set off by a colon ("Conclusions:
  ...", "Body mass index: ..."; labels by form alone cannot be told from a paper's own headings, so
  labels of order are left to ``verification_address``);
- or a clause embedded under a predicate of assertion: a verb of finding, showing, evidence, belief or
  hedged assertion ("we found / these data suggest / it is thought that ..."), a copula with an
  adjective ("it is clear / likely that ...") or with a noun of finding as its subject ("the result is
  that ..."), or a noun of finding or of an idea entertained ("evidence / the hypothesis that ...");
- or a relative, participial, adverbial or infinitival clause, or a conjunct, of such a clause: the walk
  goes up through them to the clause they belong to.

A clause embedded under anything else (a verb of saying, writing or listing: "print that", "he wrote
that"; a noun used as a label: "the output that", "the answer is that") is no statement of the paper's,
whichever words the register uses; no list of such words is kept. A clause under a word of a question or
an aim ("we tested whether ...") is left to the modality rules, which read it already.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from spacy.tokens import Token

from causemap.graphbuilder.extractors.rules_lexicon import load_lexicon
from causemap.graphbuilder.verification_sequence import LABEL_ENDS
from causemap.graphbuilder.verification_tags import noun_read_as_verb

# Dependencies of a clause embedded as the content of a word (a verb's or a copula's complement
# clause, a noun's clause of content).
CONTENT_CLAUSE_DEPS = frozenset({"ccomp"})
NOUN_CONTENT_DEPS = frozenset({"acl", "ccomp", "appos"})
NOUNS = frozenset({"NOUN", "PROPN"})


@dataclass(frozen=True)
class AssertionWords:
    verbs: frozenset[str]
    nouns: frozenset[str]
    adjectives: frozenset[str]


@lru_cache(maxsize=1)
def assertion_words() -> AssertionWords:
    """The words that put a clause in a context of assertion: the cue lexicon's reporting, hedging,
    evidential and non-assertive verbs, hedge nouns and adjectives (one list each, read where they are
    kept), with the words of assertion those lists do not hold (``verification.json``)."""
    cues = load_lexicon()
    package = resources.files("causemap.graphbuilder")
    extra = json.loads(package.joinpath("resources/verification.json").read_text("utf-8"))[
        "assertion_context"
    ]
    verbs = (
        cues.reporting_verbs
        | cues.finding_verbs
        | cues.hedge_verbs
        | cues.evidential_verbs
        | cues.non_assertive_verbs
        | cues.evidence_framing_verbs
        | frozenset(extra["verbs"])
    )
    nouns = cues.hedge_nouns | cues.non_assertive_nouns | frozenset(extra["nouns"])
    return AssertionWords(verbs=verbs, nouns=nouns, adjectives=cues.hedge_adjectives)


def unasserted(predicate: Token) -> str | None:
    """Why the clause of ``predicate`` (the claim's relating word) is no statement of the paper's,
    "not_asserted" (embedded under a word that asserts nothing), or None where it stands in a context
    of assertion."""
    words = assertion_words()
    token = predicate
    seen = set()
    while token.dep_ != "ROOT" and token.head is not token and token.i not in seen:
        seen.add(token.i)
        head = token.head
        if _content_clause(token) and not _licensed(token, words):
            return "not_asserted"
        token = head
    return None


def _content_clause(token: Token) -> bool:
    """A clause with a verb of its own, embedded as a word's content: a complement clause, or a
    noun's clause of content ("the claim that X causes Y"; also one the parse hung as a relative
    clause, whose "that" is then a complementizer, not a relative pronoun); not a participle
    modifying a noun ("patients treated with X")."""
    if token.pos_ not in ("VERB", "AUX"):
        return False
    if token.dep_ in CONTENT_CLAUSE_DEPS:
        return True
    if token.dep_ not in NOUN_CONTENT_DEPS and token.dep_ != "relcl" or token.head.pos_ not in NOUNS:
        return False
    if any(c.dep_ == "mark" and c.lower_ == "that" for c in token.children):
        return True
    finite_with_subject = token.tag_ in ("VBZ", "VBP", "VBD") and any(
        c.dep_ in ("nsubj", "nsubjpass") for c in token.children
    )
    return token.dep_ != "relcl" and finite_with_subject


def _licensed(clause: Token, words: AssertionWords) -> bool:
    """Whether the word ``clause`` is embedded under asserts it. A noun's clause set off by a colon
    is the main clause after a heading, as the paper's own headings and topics are written
    ("Conclusions: ...", "Body mass index: ..."); a "that"-clause after a noun in a phrase of place
    ("scribbled in the margin that ...") is the content of the verb the phrase belongs to."""
    head = clause.head
    if noun_read_as_verb(head) and clause.left_edge.i == head.i + 1:
        return True  # "Higher genomes/VBZ values indicate ...": a noun of the clause's subject
    if head.pos_ not in NOUNS:
        return _licenses(head, words)
    if any(t.text in LABEL_ENDS for t in clause.doc[head.i + 1 : clause.left_edge.i + 1]):
        return True  # a run-in heading or topic ("Body mass index: X increased Y"): a main clause
    if _licenses(head, words):
        return True
    governor = head.head.head if head.dep_ == "pobj" else None
    return governor is not None and governor.pos_ in ("VERB", "AUX") and _licenses(governor, words)


def _licenses(head: Token, words: AssertionWords) -> bool:
    lemma = head.lemma_.lower()
    if head.pos_ in NOUNS:
        return lemma in words.nouns or head.lower_ in words.nouns
    if lemma in words.verbs or head.lower_ in words.verbs:
        return True
    if head.pos_ == "ADJ":
        return lemma in words.adjectives or head.dep_ in ("acomp", "amod")
    if lemma == "be":
        # "it is clear / likely that ...", "the result is that ...", not "the answer is that ..."
        for child in head.children:
            if child.dep_ in ("acomp", "expl"):
                return True
            if (
                child.dep_ in ("nsubj", "attr")
                and child.pos_ in NOUNS
                and child.lemma_.lower() in words.nouns
            ):
                return True
    return False
