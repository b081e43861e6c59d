"""Denials outside the cue's own words: the evidence for the claim denied, or its difference retracted.

"No evidence that X reduced Y", "evidence that X was effective was lacking", "no problems with Y
caused by X": the cue stands under a noun of evidence (or a noun phrase) that the sentence denies, so
the claim is a null finding though no negator modifies the cue itself. "Y tended to be higher in A
than in B, although this difference did not reach significance" takes the difference back after the
claim. Both read words beyond the cue's governing chain (``rules_modality``), so they stand apart.
"""

from __future__ import annotations

from spacy.tokens import Token

from causemap.graphbuilder.extractors.rules_lexicon import CueLexicon
from causemap.graphbuilder.extractors.rules_modality import is_not_only

EVIDENCE_NOUNS = frozenset({"evidence", "proof", "indication", "sign", "support", "suggestion"})
DENYING_DETERMINERS = frozenset({"no", "little", "insufficient", "scant", "scarce", "without"})
DENYING_PREDICATES = frozenset(
    {"lacking", "absent", "missing", "insufficient", "scarce", "inconclusive", "weak", "inadequate"}
)


def difference_retracted(cue: Token, lexicon: CueLexicon) -> bool:
    """Whether a clause after the cue takes the claim's difference back: "Y tended to be higher in A
    than in B, although this difference did not reach significance" shows no difference (a null)."""
    return lexicon.retraction is not None and bool(lexicon.retraction.search(cue.doc[cue.i :].text))


def evidence_denied(cue: Token, lexicon: CueLexicon) -> bool:
    """Whether the claim is what evidence is denied for: "no evidence that X reduced Y",
    "evidence that X was effective was lacking", "no problems with Y caused by X".

    The cue follows an evidence noun that is negated, or that is the subject of a denying predicate,
    and the noun introduces it ("evidence that / of / for ..."); or the cue is a participle
    modifying a noun phrase that "no" denies.
    """
    doc = cue.doc
    for noun in doc[: cue.i]:
        if noun.lemma_.lower() not in EVIDENCE_NOUNS or noun.i + 1 >= len(doc):
            continue
        if not _in_scope(cue, noun):
            continue  # "no evidence for X; moreover, Z was higher": the denial ends with its clause
        if doc[noun.i + 1].lower_ not in ("that", "of", "for", "to"):
            continue
        denied = any(c.lower_ in DENYING_DETERMINERS for c in noun.children if c.dep_ in ("det", "amod"))
        denied = denied or (noun.i > 0 and doc[noun.i - 1].lower_ in ("no", "little", "insufficient"))
        denied = denied or _denied_before(noun, lexicon)
        denied = denied or (
            noun.i > 1 and doc[noun.i - 2].lower_ == "lack" and doc[noun.i - 1].lower_ == "of"
        )
        if not denied and noun.dep_ in ("attr", "nsubj", "dobj"):
            # "Nor was there any evidence that ...", "There was never evidence that ..."
            denied = any(
                c.lower_ in lexicon.negation_particles and c.dep_ in ("neg", "cc", "advmod", "preconj")
                for c in noun.head.children
            )
        if not denied:
            # "Evidence that X ... was lacking": the noun is the subject of a denying predicate (or,
            # misparsed, the root with the predicate's verb as its clause after the cue).
            verbs = [noun.head] if noun.dep_ in ("nsubj", "nsubjpass") else []
            if noun.dep_ == "ROOT":
                verbs = [c for c in noun.children if c.dep_ in ("ccomp", "acl", "relcl") and c.i > cue.i]
            denied = any(
                c.lower_ in DENYING_PREDICATES
                for verb in verbs
                for c in verb.children
                if c.dep_ in ("acomp", "attr", "xcomp")
            )
        if denied:
            return True
    if cue.dep_ in ("acl", "amod", "relcl"):
        noun = cue.head
        for _ in range(3):  # "no problems with diagnosis caused by X"
            if any(c.dep_ == "det" and c.lower_ in ("no", "neither") for c in noun.children):
                return True
            if noun.dep_ == "pobj" and noun.head.dep_ == "prep":
                noun = noun.head.head
            else:
                break
    return False


def _in_scope(cue: Token, noun: Token) -> bool:
    """Whether a cue is what an evidence noun is about: below the noun ("no evidence that X ..."),
    or below the noun's verb through a complement ("did not lend support to the view that X ..."),
    not in a clause coordinated after it ("..., but Y was due to X")."""
    if noun in cue.ancestors:
        return True
    verb = noun.head.i
    token = cue
    while token.head.i != token.i and token.head.i != verb:
        token = token.head
    coordinated = token.dep_ in ("conj", "parataxis", "cc", "advcl")
    return token.head.i == verb and token.i != cue.i and not coordinated


def _denied_before(noun: Token, lexicon: CueLexicon, window: int = 4) -> bool:
    """A negator a few words before an evidence noun, in its clause: "Neither was there evidence
    that", "we did not find any evidence that", "there was not enough evidence that"."""
    doc = noun.doc
    for token in reversed(doc[max(0, noun.i - window) : noun.i]):
        if token.is_punct or token.dep_ == "mark":
            return False
        if token.lower_ in lexicon.negation_particles and not is_not_only(token):
            return True
    return False
