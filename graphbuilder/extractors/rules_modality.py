"""Epistemic status of a cue: hedged or negated.

Each test looks at the cue and at the words that govern it within its clause complex (its
"governing chain"): "X may reduce Y" and "X appears to reduce Y" are hedged, "X did not appear
to increase Y" is negated. Whether the cue is asserted at all ("we examined whether X affects Y")
is in ``rules_assertion``; a denial of the evidence or a retraction after the cue ("no evidence
that X reduced Y") in ``rules_evidence_denials``; the claim's sign in ``rules_signs``.
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Token

from causemap.graphbuilder.extractors.rules_heads import is_complementiser
from causemap.graphbuilder.extractors.rules_lexicon import CueLexicon
from causemap.graphbuilder.extractors.rules_repairs import prefixed_lemma

# The chain stops where another clause's modality would begin.
CHAIN_STOP_DEPS = frozenset({"relcl", "acl", "advcl", "parataxis", "appos"})
MODIFIER_DEPS = frozenset({"aux", "advmod", "amod", "acomp", "npadvmod", "det", "neg"})
# Negation reaches a cue through these attachments without crossing into another claim.
NEGATION_CLIMB_DEPS = frozenset({"xcomp", "acomp", "attr", "pcomp", "pobj", "prep", "oprd"})
MAX_CHAIN = 12


def governing_chain(cue: Token) -> list[Token]:
    """The cue and the words governing it, nearest first, within its clause complex.

    An infinitive on a predicate noun belongs to the predicate's clause: "X may be a way to reduce
    Y" and "X could be the first drug to prevent Y" are as hedged as "X may reduce Y". A clause of
    content belongs to its noun's clause: "the hypothesis that X reduces Y" is an idea entertained.
    """
    chain = [cue]
    token = cue
    while token.head.i != token.i and len(chain) < MAX_CHAIN:
        on_predicate = token.dep_ in ("acl", "relcl") and is_predicate_nominal(token.head)
        # "the hypothesis that X reduces Y": a clause of content is governed by its noun
        content = token.dep_ in ("acl", "relcl") and any(is_complementiser(c) for c in token.children)
        if (
            token.dep_ in CHAIN_STOP_DEPS
            and not (on_predicate and is_infinitive_clause(token))
            and not content
        ):
            break
        token = token.head
        chain.append(token)
    return chain


def is_infinitive_clause(verb: Token) -> bool:
    """Whether a verb has its own infinitive marker ("to reduce")."""
    return any(c.dep_ == "aux" and c.tag_ == "TO" for c in verb.children)


def is_predicate_nominal(noun: Token) -> bool:
    """A noun said of a subject: "X is a way", "X was considered a target", "X as a tool"."""
    return noun.dep_ in ("attr", "oprd") or (noun.dep_ == "pobj" and noun.head.lower_ == "as")


def judged_predicates(verb: Token, lexicon: CueLexicon) -> list[Token]:
    """What a passive verb of judgement says of its own subject: "X should be considered a cause of
    Y", "X must be regarded as protective against Y", "X can be treated as a risk factor for Y". The
    object predicative (or the "as" phrase) of the passive is predicated of the subject, so a modal on
    the verb hedges that judgement; it orders no one to make it. Not with an agent ("X should be
    considered by readers as ..."), which names who is to judge; empty for any other verb."""
    children = list(verb.children)
    if (
        verb.pos_ != "VERB"
        or verb.lemma_.lower() not in lexicon.judgement_verbs
        or not any(c.dep_ == "auxpass" for c in children)
        or not any(c.dep_ == "nsubjpass" for c in children)
        or any(c.dep_ == "agent" for c in children)
    ):
        return []
    predicates = [c for c in children if c.dep_ in ("oprd", "acomp", "attr")]
    return predicates + [
        g for c in children if c.dep_ == "prep" and c.lower_ == "as" for g in c.children if g.dep_ == "pobj"
    ]


def is_judged(cue: Token, verb: Token, lexicon: CueLexicon) -> bool:
    """Whether ``cue`` stands in what a passive verb of judgement predicates of its subject
    (``judged_predicates``)."""
    return any(p.left_edge.i <= cue.i <= p.right_edge.i for p in judged_predicates(verb, lexicon))


def _is_comparative_likely(token: Token) -> bool:
    # "more likely to" compares groups; it does not hedge.
    return token.lower_ == "likely" and any(
        c.lower_ in ("more", "less", "as", "most", "least") for c in token.children
    )


def is_not_only(token: Token) -> bool:
    """'not only', 'not just', 'not merely': an addition, no denial."""
    nxt = token.nbor(1) if token.i + 1 < len(token.doc) else None
    return token.lower_ == "not" and nxt is not None and nxt.lower_ in ("only", "just", "merely")


def is_hedged(chain: Sequence[Token], lexicon: CueLexicon) -> bool:
    """Whether the claim is stated tentatively (may, might, appear to, possibly, potential).

    Reporting verbs ("these data suggest that ...") count only when the lexicon's
    ``reporting_verbs_hedge`` is true: they frame the evidence, not the claim.
    """
    for position, token in enumerate(chain):
        lower, lemma = token.lower_, token.lemma_.lower()
        if (
            position
            and not _is_comparative_likely(token)
            and (
                (token.pos_ in ("VERB", "AUX") and lemma in lexicon.hedge_verbs)
                or lower in lexicon.hedge_adjectives
                or lower in lexicon.hedge_adverbs
                or (
                    token.pos_ == "NOUN"
                    and lemma in lexicon.hedge_nouns
                    and not (token.dep_ == "dobj" and token.head.lemma_.lower() in lexicon.evidential_verbs)
                )
            )
        ):
            return True
        for child in token.children:
            if child.dep_ not in MODIFIER_DEPS:
                continue
            word = child.lower_
            if word in lexicon.hedge_modals and child.dep_ == "aux":
                return True
            if (
                child.dep_ == "aux"
                and word in lexicon.recommendation_modals
                and is_judged(chain[0], token, lexicon)
            ):
                return True  # "X should be considered a cause of Y": a judgement recommended, not found
            if (word in lexicon.hedge_adverbs or word in lexicon.hedge_adjectives) and not (
                _is_comparative_likely(child)
            ):
                return True
    return _hedged_noun_of_participle(chain[0], lexicon)


def _hedged_noun_of_participle(cue: Token, lexicon: CueLexicon) -> bool:
    """A participle's relation is as tentative as the noun it describes: "possible mechanisms
    underlying X", "a putative gene causing Y", "potential factors contributing to Y"."""
    if cue.dep_ != "acl" or cue.tag_ not in ("VBG", "VBN") or is_infinitive_clause(cue):
        return False
    return any(
        c.dep_ == "amod" and c.lower_ in lexicon.hedge_adjectives and not _is_comparative_likely(c)
        for c in cue.head.children
    )


def _negating_children(token: Token, lexicon: CueLexicon) -> bool:
    for child in token.children:
        if child.dep_ in ("neg", "det", "advmod", "preconj", "dep") and (
            child.lower_ in lexicon.negation_particles and not is_not_only(child)
        ):
            return True
        if null_magnitude(child, lexicon) or _denied_comparative(child, lexicon):
            return True
    return False


def null_magnitude(child: Token, lexicon: CueLexicon) -> bool:
    """'minimal effect', 'negligible impact', 'little influence', 'hardly affected': a relation
    of about no size. 'a little' is some size."""
    if child.dep_ == "advmod" and child.lower_ in lexicon.negation_adverbs:
        return True
    word = prefixed_lemma(child, child.lower_, lexicon.negation_magnitudes)  # "non", "-", "significant"
    if child.dep_ != "amod" or word not in lexicon.negation_magnitudes:
        return False
    before = child.doc[child.i - 1].lower_ if child.i else ""
    return not (child.lower_ == "little" and before == "a")


def _denied_comparative(child: Token, lexicon: CueLexicon) -> bool:
    """'no more effective than', 'not better than': a comparison denied by its own negator says
    the two compared are alike, no effect of the difference between them."""
    if child.tag_ not in ("RBR", "JJR") or child.dep_ not in ("advmod", "amod", "acomp"):
        return False
    return any(
        grand.lower_ in lexicon.comparative_negators
        for grand in child.children
        if grand.dep_ in ("neg", "det", "advmod") and grand.i < child.i
    )


def denied_coordination(token: Token) -> bool:
    """Whether a word is a member of a "neither A nor B" coordination, which denies each member:
    "neither smoking nor alcohol was associated with Y", "X affected neither A nor B", "X neither
    reduced A nor improved B"."""
    root = token
    while root.dep_ == "conj" and root.head.i != root.i:
        root = root.head
    members = [root, *root.conjuncts]
    for member in members:
        for child in member.children:
            if child.dep_ in ("preconj", "det", "cc", "advmod", "dep") and child.lower_ in ("neither", "nor"):
                return True
    return False


def is_negated(cue: Token, lexicon: CueLexicon) -> bool:
    """Whether the claim is denied ("did not reduce", "no association", "failed to affect")."""
    if denied_coordination(cue):
        return True
    token = cue
    for _ in range(MAX_CHAIN):
        if _negating_children(token, lexicon):
            return True
        if token is not cue:
            lemma = token.lemma_.lower()
            if token.pos_ in ("VERB", "AUX") and lemma in lexicon.negation_verbs:
                return True
            if token.pos_ == "NOUN" and lemma in lexicon.negation_nouns:
                return True
            if token.lower_ == "without" or token.lower_ in lexicon.negation_adjectives:
                return True  # "X is unlikely to reduce Y", "X was unable to prevent Y"
        head = token.head
        if head is token:
            return False
        if token.dep_ == "ccomp" and any(
            c.dep_ == "acomp" and c.lower_ in lexicon.negation_adjectives for c in head.children
        ):
            return True  # "it is unlikely that X reduces Y"
        climbs = token.dep_ in NEGATION_CLIMB_DEPS
        # a relation that is the subject is denied by "did not reach significance", not by "does
        # not support Z" (it is taken as given): only verbs of attaining report their subject
        verbs = lexicon.subject_reporting_verbs if token.dep_ == "nsubj" else lexicon.reporting_verbs
        reports = token.dep_ in ("dobj", "ccomp", "nsubjpass", "nsubj") and head.lemma_.lower() in verbs
        if not (climbs or reports):
            return False
        token = head
    return False


def stated_alike(subject: Token, lexicon: CueLexicon) -> bool:
    """Whether the clause says its subject is the same as elsewhere: "Y in patients with X was
    comparable to / similar to that in controls", "Y remained unchanged in patients with X"."""
    hops = 0
    while subject.dep_ == "pobj" and subject.head.lower_ == "of" and hops < 3:
        subject, hops = subject.head.head, hops + 1  # "the frequency of Y in ... was comparable"
    if subject.dep_ not in ("nsubj", "nsubjpass"):
        return False
    predicate = subject.head
    return predicate.lower_ in lexicon.sameness_adjectives or any(
        c.dep_ in ("acomp", "oprd", "attr") and c.lower_ in lexicon.sameness_adjectives
        for c in predicate.children
    )
