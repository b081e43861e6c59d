"""Epistemic status of a cue: hedged, negated, asserted at all; and the claim's sign.

Each test looks at the cue and at the words that govern it within its clause complex (its
"governing chain"): "X may reduce Y" and "X appears to reduce Y" are hedged, "X did not appear
to increase Y" is negated, "we examined whether X affects Y" is not a claim at all.
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


def _is_not_only(token: Token) -> bool:
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
            child.lower_ in lexicon.negation_particles and not _is_not_only(child)
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
        if token.lower_ in lexicon.negation_particles and not _is_not_only(token):
            return True
    return False


def direction(tokens: Sequence[Token], head: Token, lexicon: CueLexicon) -> int:
    """+1 / -1 when an argument is stated as a change ("higher X", "an increase in Y"), else 0.

    Only modifiers count, and a change noun only with its complement: "weight loss" names a
    variable, "a loss of weight" a change in one.
    """
    span = {t.i for t in tokens}
    candidates = [c for c in head.children if c.dep_ in ("amod", "advmod") and c.i in span]
    if any(c.dep_ == "prep" and c.lower_ in ("in", "of") for c in head.children):
        candidates.append(head)
    for token in candidates:
        word = token.lower_
        if token.tag_ == "NNS" and token.lemma_.lower() not in lexicon.variant_nouns:
            word = token.lemma_.lower()  # "increases in Y" as "an increase in Y"; "deletions" are variants
        if word in lexicon.up_words:
            return 1
        if word in lexicon.down_words:
            return -1
    return 0


def relation_sign(cue: Token, lexicon: CueLexicon, window: int = 2) -> int:
    """Sign the cue's own modifiers give ("inversely associated", "a negative correlation").

    Looks at the words next to the cue as well as its dependents, because the parser often
    attaches "positively" in "correlated positively with" to the preposition.
    """
    doc = cue.doc
    nearby = {*cue.children, *doc[max(0, cue.i - window) : cue.i + window + 1]}
    for token in sorted(nearby, key=lambda t: t.i):
        word = token.lower_
        if word in lexicon.negative_adverbs or word in lexicon.negative_adjectives:
            return -1
        if word in lexicon.positive_adverbs or word in lexicon.positive_adjectives:
            return 1
    return 0


def compose_polarity(
    base: str | None,
    relation: str,
    relation_modifier: int,
    cause_direction: int,
    effect_direction: int,
) -> str | None:
    """Polarity between the cause and the effect AS WRITTEN (direction words included).

    "X led to reduced Y" is "-"; "higher X is associated with lower Y" is a positive association
    between "higher X" and "lower Y": "+". Direction words stay in the mention text, and the
    variable stage (graphbuilder/normalise.py) removes them and reverses the sign for downward
    ones, for every extractor alike, so that no direction is counted twice. Unsigned causal cues
    ("affects", "improves") stay unsigned; an association stated between changes is signed.
    """
    sign = {"+": 1, "-": -1}.get(base or "", 0)
    if relation_modifier:
        sign = relation_modifier if not sign else sign * relation_modifier
    if not sign and relation == "correlational" and (cause_direction or effect_direction):
        sign = 1
    if not sign:
        return None
    return "+" if sign > 0 else "-"


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
