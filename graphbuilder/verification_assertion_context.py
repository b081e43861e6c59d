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

Nor is a clause the paper's where the frame around it says it is given, named or foretold:

- a line laid out as fields (``verification_records``: "Journal · Running head: ... · Page 7",
  "finding: ...; confidence: high"): ``metadata``; an argument running into a web address
  (``verification_markup.in_a_web_address``): ``markup``;
- a label before it that is no heading of the paper (``verification_headings``: closed by an arrow or
  "=", inside brackets, or naming a piece of text or an answer, "Expected answer -", "Fun fact:");
- a clause of conformity with a verb of demand ("As requested, ...", "..., as the template requires"):
  ``instruction``, an answer to a request;
- a finite clause right after a finite copula with no "that" ("The reference answer is X causes Y"):
  ``quoted``, a sentence named as the copula's value;
- a verb of assertion in the future said of someone else ("Referees will conclude that ..."): it
  foretells what is to be said, and licenses nothing ("we will show that", "it will be shown that"
  are the authors').

This test holds a model's claims only. The rules extractor's own readings are not held to it: its cues
were read from the same parse, and on BioRED the test would refuse some of its correct readings of long
result sentences whose later clause the parse hangs as a complement (``benchmarks/README.md``, sessions
13 and 14).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Token

from causemap.graphbuilder.extractors.rules_lexicon import load_lexicon
from causemap.graphbuilder.verification_headings import label_before, not_a_heading
from causemap.graphbuilder.verification_lexicon import load_verification_lexicon
from causemap.graphbuilder.verification_markup import in_a_web_address
from causemap.graphbuilder.verification_obligations import FIRST_PERSON
from causemap.graphbuilder.verification_records import laid_out_as_fields
from causemap.graphbuilder.verification_resources import verification_words
from causemap.graphbuilder.verification_sequence import LABEL_ENDS
from causemap.graphbuilder.verification_tags import noun_read_as_verb

# Dependencies of a clause embedded as the content of a word (a verb's or a copula's complement
# clause, a noun's clause of content).
CONTENT_CLAUSE_DEPS = frozenset({"ccomp"})
NOUN_CONTENT_DEPS = frozenset({"acl", "ccomp", "appos"})
NOUNS = frozenset({"NOUN", "PROPN"})
FINITE = frozenset({"VBZ", "VBP", "VBD"})
SUBJECTS = ("nsubj", "nsubjpass")
FUTURE_MODALS = frozenset({"will", "shall", "'ll", "wo"})
# Where the parse hangs a clause that is a copula's value ("X is [Y causes Z]").
COPULA_VALUE_DEPS = frozenset({"attr", "advcl", "ccomp", "acomp", "xcomp", "parataxis"})


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
    verbs = (
        cues.reporting_verbs
        | cues.finding_verbs
        | cues.hedge_verbs
        | cues.evidential_verbs
        | cues.non_assertive_verbs
        | cues.evidence_framing_verbs
        | verification_words("assertion_context", "verbs")
    )
    nouns = cues.hedge_nouns | cues.non_assertive_nouns | verification_words("assertion_context", "nouns")
    return AssertionWords(verbs=verbs, nouns=nouns, adjectives=cues.hedge_adjectives)


def unasserted(predicate: Token) -> str | None:
    """Why the clause of ``predicate`` (the claim's relating word) is no statement of the paper's,
    "not_asserted" (embedded under a word that asserts nothing), or None where it stands in a context
    of assertion."""
    words = assertion_words()
    if laid_out_as_fields(predicate.doc):
        return "metadata"
    if in_a_web_address(predicate):
        return "markup"
    end = label_before(predicate.doc, predicate.i)
    if end is not None and not_a_heading(predicate.doc, end):
        return "not_asserted"
    token = predicate
    seen = set()
    while token.i not in seen:
        seen.add(token.i)
        if _complied_with(token):
            return "instruction"
        if _valued_by_copula(token, words):
            return "quoted"
        if token.dep_ == "ROOT" or token.head is token:
            break
        if _content_clause(token) and not _licensed(token, words):
            return "not_asserted"
        token = token.head
    return None


@lru_cache(maxsize=1)
def _demand_words() -> frozenset[str]:
    """Verbs of demand or order: the lexicon's, with the verbs of conformity ("as the template
    requires")."""
    conformity = verification_words("assertion_context", "conformity_verbs")
    return load_verification_lexicon().demand_verbs | conformity


def _complied_with(verb: Token) -> bool:
    """ "As requested, X causes Y", "X causes Y, as the template requires": a clause of conformity
    ("as" with a verb of demand or order) says the clause it modifies is given because it was asked
    for: an answer to a request, not a finding."""
    asked = _demand_words()
    return any(
        c.dep_ == "advcl"
        and c.lemma_.lower() in asked
        and any(m.dep_ == "mark" and m.lower_ == "as" for m in c.children)
        for c in verb.children
    )


def _valued_by_copula(verb: Token, words: AssertionWords) -> bool:
    """ "The reference answer is X causes Y", "the relation to report is X causes Y": a finite clause
    right after a finite copula, with no "that" (the parse hangs it on the copula as its complement,
    or the copula on the clause's verb as its auxiliary), is the value of the copula's subject, a
    sentence named; English says a finding after "is" with "that" ("the result is that ...")."""
    if verb.tag_ not in FINITE or verb.pos_ not in ("VERB", "AUX"):
        return False
    subjects = [c.left_edge.i for c in verb.children if c.dep_ in SUBJECTS]
    if not subjects:
        return False
    if any(
        c.dep_ in ("aux", "auxpass") and c.lemma_ == "be" and c.tag_ in FINITE and c.i < min(subjects)
        for c in verb.children
    ):
        return True
    copula = verb.head
    if copula.lemma_ != "be" or copula.tag_ not in FINITE or copula.i > min(subjects) or copula is verb:
        return False
    if verb.dep_ not in COPULA_VALUE_DEPS or any(c.dep_ == "mark" for c in verb.children):
        return False
    # "the main finding is X reduces Y": a noun of finding says what its value is
    return not any(c.dep_ in SUBJECTS and c.lemma_.lower() in words.nouns for c in copula.children)


def _foretold(verb: Token) -> bool:
    """ "Reviewers will conclude that ...": a verb of assertion in the future tells what someone is
    to say, not what was found; unless the authors say it of themselves ("we will show that") or the
    subject is the impersonal "it" ("it will be shown that")."""
    if not any(c.tag_ == "MD" and c.lower_ in FUTURE_MODALS for c in verb.children):
        return False
    subjects = [c for c in verb.children if c.dep_ in (*SUBJECTS, "expl")]
    return not any(s.lower_ in FIRST_PERSON or s.dep_ == "expl" or s.lower_ == "it" for s in subjects)


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
        return not _foretold(head)
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
