"""Whether a cue is asserted at all: a question, an aim, a call for research, an open question, a
recommendation or a statement of purpose states no finding ("we examined whether X affects Y",
"X was given to reduce Y", "little is known about the effect of X on Y").

The test climbs from the cue through the words that govern it; clauses whose truth the sentence
takes for granted (a concession, a reason, a relative clause on a noun) are not under the
governor's question.
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Token

from causemap.graphbuilder.extractors.rules_heads import RELATIVE_PRONOUNS
from causemap.graphbuilder.extractors.rules_lexicon import CueLexicon
from causemap.graphbuilder.extractors.rules_modality import (
    MAX_CHAIN,
    is_infinitive_clause,
    is_judged,
    is_predicate_nominal,
)
from causemap.graphbuilder.extractors.rules_predictions import is_prediction

# Auxiliaries that open a condition by inversion: "Had X reduced Y, ...", "Were X to cause Y, ...".
INVERTING_AUXILIARIES = frozenset({"had", "were", "should"})
SUBJECT_OPENING_POS = frozenset({"DET", "NOUN", "PROPN", "PRON", "ADJ", "NUM"})
# Words opening a non-restrictive relative clause after its comma ("that" opens only restrictive ones).
RELATIVE_OPENINGS = RELATIVE_PRONOUNS - {"that"}


def in_inverted_condition(cue: Token) -> bool:
    """Whether the cue is inside a condition written by inversion, which supposes rather than
    states: "Had the drug reduced mortality, the trial would have stopped early" is "if the drug
    had reduced mortality" (it did not). The condition runs from the opening auxiliary, with a
    subject right after it, to the first comma."""
    sent = cue.sent
    opening = sent[0]
    if opening.lower_ not in INVERTING_AUXILIARIES or len(sent) < 3:
        return False
    subject = opening.nbor(1)
    if subject.pos_ not in SUBJECT_OPENING_POS and subject.tag_ != "VBG":
        return False
    comma = next((t for t in sent if t.text == "," and t.i > opening.i), None)
    return comma is not None and cue.i < comma.i


def _supposed_consequence(verb: Token) -> bool:
    """'If X were ordered, Y would increase Z', 'Were X ordered, Y would ...': the consequence of a
    supposed condition is supposed with it."""
    if not any(c.dep_ == "aux" and c.lower_ == "would" for c in verb.children):
        return False
    for clause in verb.children:
        if clause.dep_ != "advcl" or clause.i > verb.i:
            continue
        marked = any(c.dep_ == "mark" and c.lower_ in ("if", "unless") for c in clause.children)
        # a supposition contrary to fact ("if X were", "if X had"), not a generic condition ("if
        # untreated, diabetes would lead to blindness")
        if marked and any(t.lower_ in ("were", "had") for t in (clause, *clause.children)):
            return True
        if in_inverted_condition(clause.left_edge):
            return True
    return False


def is_purpose(cue: Token, lexicon: CueLexicon) -> bool:
    """Whether the cue is an infinitive of purpose ("X was given to reduce Y").

    An infinitive on a means noun predicated of a subject says what the subject does, not what
    someone intends: "X is an effective way to reduce Y", "X was proposed as a strategy to prevent
    Y" claim that X reduces or prevents Y (the cause is found past the light noun).
    """
    if cue.dep_ == "conj" and cue.head.pos_ in ("VERB", "AUX"):
        return is_purpose(cue.head, lexicon)  # "to reduce A and (to) prevent B"
    if not is_infinitive_clause(cue):
        return False
    if cue.head.lemma_.lower() in lexicon.infinitive_governors or any(
        c.dep_ == "acomp" and c.lower_ in lexicon.infinitive_governors for c in cue.head.children
    ):
        return False  # "X was shown to reduce Y", "X is necessary to reduce Y" (the infinitive on "is")
    if cue.dep_ in ("acl", "relcl", "xcomp") and _means_of_subject(cue.head, lexicon):
        return False
    return cue.dep_ in ("advcl", "acl", "relcl", "xcomp")


def _means_of_subject(noun: Token, lexicon: CueLexicon) -> bool:
    """'way' in "X is a way to ...", "X is one of the strategies to ...", "X as a means to ..."."""
    if not (noun.lemma_.lower() in lexicon.light_heads or noun.lower_ in lexicon.light_heads):  # "means"
        return False
    while noun.dep_ == "conj":
        noun = noun.head  # "X is a cheap and effective tool and an option to ..."
    if noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.lower_ in ("one", "some"):
        noun = noun.head.head
    return is_predicate_nominal(noun)


def _prospective_study(noun: Token, verb: Token, lexicon: CueLexicon) -> bool:
    """'future studies may show', 'further research could identify', 'additional trials will
    confirm': research not yet done, told by its modal ("further studies indicated that ..."
    reports studies the paper made)."""
    return (
        noun.lemma_.lower() in lexicon.non_assertive_nouns
        and any(c.dep_ == "amod" and c.lower_ in lexicon.prospective_modifiers for c in noun.children)
        and any(c.dep_ == "aux" and c.tag_ == "MD" for c in verb.children)
    )


def _is_open_question(token: Token, lexicon: CueLexicon) -> bool:
    """'little is known', 'remains poorly understood', 'is not clear', 'remains unclear'."""
    for child in token.children:
        if child.dep_ in ("acomp", "oprd", "xcomp") and (
            child.lower_ in lexicon.non_assertive_adjectives or _is_open_question(child, lexicon)
        ):
            return True
    if token.lemma_.lower() not in lexicon.unknown_heads:
        return False
    return any(
        c.lower_ in lexicon.unknown_modifiers
        for c in token.children
        if c.dep_ in ("neg", "advmod", "nsubj", "nsubjpass", "amod")
    )


def _is_non_restrictive(clause: Token) -> bool:
    """A relative clause set off by a comma ("X, which inhibits Y," "patients, who received X,"):
    it tells something more of a noun already named, as a statement of its own, rather than
    picking out which noun ("the drugs that reduce Y" is part of what the clause around it says)."""
    if clause.dep_ != "relcl" or is_infinitive_clause(clause) or clause.i < clause.head.i:
        return False
    opening = clause.left_edge
    return opening.i > 0 and opening.lower_ in RELATIVE_OPENINGS and clause.doc[opening.i - 1].text == ","


def _governors(token: Token, lexicon: CueLexicon) -> list[Token]:
    """The words above a cue that can make it part of a question or an aim, nearest first.

    Left out: a coordinate ("we assessed X and found that ...": "found" is not under "assessed"),
    a noun that a finite relative clause or a reporting participle asserts something of ("studies
    that found an association", "research showing that ..."; "a study to assess ..." is its aim);
    and the climb ends at a clause the sentence takes for true ("although X increased Y, further
    study is needed").
    """
    out: list[Token] = []
    hops = 0
    while token.head.i != token.i and hops < MAX_CHAIN:
        child, token, hops = token, token.head, hops + 1
        if child.dep_ == "advcl" and any(
            c.dep_ == "mark" and c.lower_ in lexicon.factive_markers for c in child.children
        ):
            break
        if child.dep_ == "conj":
            continue
        if _is_non_restrictive(child):
            break  # "we studied X, which reduces Y": an aside on X, asserted whatever is asked of X
        if (
            child.dep_ == "ccomp"
            and token.lemma_.lower() in lexicon.inquiry_verbs_with_findings
            and any(c.dep_ == "mark" and c.lower_ == "that" for c in child.children)
        ):
            continue  # "we determined that X ...": what an inquiry found, not what it asked
        finite_relative = child.dep_ == "relcl" and not is_infinitive_clause(child)
        if token.pos_ == "NOUN" and (
            finite_relative or (child.dep_ == "acl" and child.lemma_.lower() in lexicon.reporting_verbs)
        ):
            continue  # not "a trial to test whether ...", an infinitive relative stating an aim
        out.append(token)
    return out


def is_non_assertive(chain: Sequence[Token], lexicon: CueLexicon) -> bool:
    """Whether the cue sits in a question, an aim, a call for research, an open question, a
    recommendation or a statement of purpose, rather than in a claim."""
    if chain[0].doc.text.rstrip().endswith("?") or is_purpose(chain[0], lexicon):
        return True
    if in_inverted_condition(chain[0]) or any(_supposed_consequence(token) for token in chain):
        return True
    if is_prediction(chain[0], lexicon):
        return True  # "we predict that X will reduce Y": what is expected, not what was found
    for token in chain:
        for child in token.children:
            if child.dep_ == "mark" and child.lower_ in lexicon.non_assertive_markers:
                return True
            if child.dep_ in ("nsubj", "nsubjpass") and _prospective_study(child, token, lexicon):
                return True  # "further research may identify ...": what a study to come might find
            if (
                child.dep_ == "aux"
                and child.lower_ in lexicon.recommendation_modals
                and not is_judged(chain[0], token, lexicon)
            ):
                return True  # "X should be used to ...": a recommendation, not a finding
    # Aims, purposes and open questions reach down into their objects, relative clauses and
    # reduced relatives: "we examined the risks associated with X" asks, "a cohort would be useful
    # to identify the effects of X on Y" intends; neither claims. A purpose reaches only relation
    # nouns: the small parser reads a "to" before a name as an infinitive ("exposure to benzene").
    noun_cue = chain[0].pos_ == "NOUN"
    for token in _governors(chain[0], lexicon):
        lemma = token.lemma_.lower()
        if token.pos_ == "VERB" and lemma in lexicon.non_assertive_verbs:
            return True
        if token.pos_ == "NOUN" and lemma in lexicon.non_assertive_nouns:
            return True
        if token.pos_ in ("ADJ", "VERB") and token.lower_ in lexicon.non_assertive_adjectives:
            return True
        if _is_open_question(token, lexicon):
            return True
        if noun_cue and token.pos_ in ("VERB", "AUX") and is_purpose(token, lexicon):
            return (
                True  # a cue verb is left alone: "Exposure to benzene increased Y" parses "to benzene" as one
            )
    return False
