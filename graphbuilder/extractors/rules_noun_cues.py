"""Cue patterns on relation nouns: "X is a cause of Y", "X is a COX-2 inhibitor", "the effect of X
on Y", "X had an effect on Y", "the association between X and Y"."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from spacy.tokens import Token

from causemap.graphbuilder.extractors.rules_arguments import is_sample, population_word
from causemap.graphbuilder.extractors.rules_heads import (
    children_with,
    copular_subject,
    preposition_objects,
    subject_of,
)
from causemap.graphbuilder.extractors.rules_lexicon import Cue, CueLexicon
from causemap.graphbuilder.extractors.rules_match import NOUN_POS, CueMatch, cue_match

# Verbs by which a relation noun as subject names its members: "the causes of Y are / include X".
LISTING_VERBS = frozenset({"be", "include", "comprise", "encompass"})
# Prepositions by which a change noun names what it followed ("an improvement in Y after X").
EXPOSURE_PREPS = frozenset({"with", "after", "following", "by"})
# Intransitive verbs that only state that their subject is there ("an association exists between").
EXISTENCE_VERBS = frozenset({"exist", "emerge", "persist", "appear", "occur"})
# Relation nouns whose noun modifier is the outcome ("a survival benefit"); "a side effect" is no
# "side", "a treatment effect" no effect on "treatment".
OUTCOME_COMPOUNDS = frozenset({"benefit"})


def _has_modifier(token: Token, words: tuple[str, ...]) -> bool:
    """Whether a modifier of the token, or one coordinated with it ("a safe and effective
    method"), is one of ``words``."""
    modifiers = [c for c in token.children if c.dep_ in ("compound", "amod")]
    return any(m.lower_ in words for c in modifiers for m in (c, *c.conjuncts))


def copular_noun_cue(token: Token, entry: Cue, preps: tuple[str, ...]) -> CueMatch | None:
    """'X is a major cause of Y', 'X, a risk factor for Y', 'The cause of Y is X'."""
    if entry.needs_modifier and not _has_modifier(token, entry.needs_modifier):
        return None
    effects = preposition_objects(token, set(preps))
    if not effects and entry.compound_target:
        return _agent_noun_cue(token, entry)
    if not effects:
        return None
    if token.dep_ in ("nsubj", "nsubjpass") and token.head.lemma_ in LISTING_VERBS:
        # "The causes of Y are A and B", "Risk factors for Y include A, B and C"
        attributes = children_with(token.head, ("attr", "dobj"))
        return cue_match("copular_noun", token, [token.i], attributes, effects, entry, swap=False)
    effects = [e for e in effects if e.lower_ != "choice"]  # "the treatment of choice for Y"
    subject, inherited = copular_subject(token)
    if subject is None and token.dep_ == "pobj" and token.head.head.lemma_.lower() == "use":
        # "X is used in / for the treatment of Y"
        subject, inherited = subject_of(token.head.head)
    return cue_match("copular_noun", token, [token.i], [subject], effects, entry, inherited)


def _agent_noun_cue(token: Token, entry: Cue) -> CueMatch | None:
    """'X is a COX-2 inhibitor', 'X, a D2 receptor antagonist', 'the ACE inhibitor X': an agent
    noun whose noun modifier names what the agent acts on."""
    targets = _premodifiers(token, token.children)
    if not targets and token.dep_ == "compound" and token.head.i > token.i:
        # "the ALK inhibitor crizotinib" parsed flat, every word a compound of the name: the
        # target is among the name's premodifiers before the agent noun
        targets = _premodifiers(token, token.head.children)
    if not targets:
        return None
    doc = token.doc
    named = [  # "the ACE inhibitor captopril", not "X, an agonist, lowered Y"
        c
        for c in token.children
        if c.dep_ == "appos"
        and c.i > token.i
        and c.pos_ in NOUN_POS
        and not any(t.is_punct for t in doc[token.i : c.i])
    ]
    if named:
        subject, inherited = named[0], False  # "the ACE inhibitor captopril"
    elif token.dep_ == "compound" and token.head.i > token.i and token.head.pos_ in NOUN_POS:
        subject, inherited = token.head, False  # parsed as one name: "[ACE inhibitor] captopril"
    else:
        subject, inherited = copular_subject(token)
    return cue_match("copular_noun", token, [token.i], [subject], targets[-1:], entry, inherited)


def _premodifiers(token: Token, candidates: Iterable[Token]) -> list[Token]:
    """The noun modifiers among ``candidates`` written before the agent noun ``token`` ("COX-2",
    "ALK"): what it acts on."""
    return [
        c
        for c in candidates
        if c.i < token.i
        and (
            (c.dep_ in ("compound", "nmod") and c.pos_ in NOUN_POS)
            or (c.dep_ == "amod" and any(ch.isdigit() or ch.isupper() for ch in c.text[1:]))  # "COX-2"
        )
    ]


def _frame_objects(
    noun: Token, first: str, second: str, lexicon: CueLexicon
) -> tuple[list[Token], list[Token]]:
    causes = preposition_objects(noun, (first,))
    if not causes and first == "by":
        # "the inhibition of X by Y" is often parsed with "by Y" attached to X
        causes = [c for o in preposition_objects(noun, (second,)) for c in preposition_objects(o, (first,))]
    head = noun.head
    if (
        not causes
        and noun.dep_ in ("nsubj", "nsubjpass", "dobj")
        and (
            head.lemma_.lower() in lexicon.reporting_verbs
            or (noun.dep_ == "nsubj" and head.lemma_.lower() in EXISTENCE_VERBS)
        )
    ):
        # "an improvement in Y was observed after X", "an association exists between X and Y":
        # the arguments hang off the verb.
        causes = preposition_objects(head, (first,))
    if first in EXPOSURE_PREPS:
        # "an improvement in Y after 6 months": a time or an amount is not what Y followed
        causes = [c for c in causes if not (c.like_num or c.lower_ in lexicon.quantity_nouns)]
    if not causes:
        return [], []
    if second == "and":  # "between X and Y"
        others = [c for c in causes[0].conjuncts if c.i > causes[0].i]
        if others:
            # "between A, B, C and Z": the last "and" parts the two sides; each of A, B, C is
            # related to Z, not to one another
            return causes[:1], others[-1:]
        # Often parsed as "between [X and] Y" with X modifying Y: the modifier that carries
        # the "and" is the first argument.
        for child in causes[0].children:
            if child.dep_ in ("nmod", "compound", "amod") and any(
                c.dep_ == "cc" and c.lower_ == "and" for c in child.children
            ):
                return [child], causes[:1]
        return [], []
    effects = preposition_objects(noun, (second,))
    if not effects:
        # "the effect of X on Y" is often parsed with "on Y" attached to X.
        effects = preposition_objects(causes[0], (second,))
    if not effects and first in EXPOSURE_PREPS:
        # "a 30% LDL reduction with statins": a change noun's noun modifier is what changed
        effects = [c for c in noun.children if c.dep_ == "compound" and c.pos_ in ("NOUN", "PROPN")][:1]
    return causes[:1], effects


# Nouns of an effect, whose "in" phrase may name where it was seen (a "benefit in patients with X"
# names who benefits by what they have, read by the frames as it stands).
EFFECT_NOUNS = frozenset({"effect", "impact", "influence"})
# Nouns of a part something plays, in a process or a condition; a population after "in" is where
# it was seen. Its parts are not read as settings: "a role in the pathogenesis of X in mice" is a
# role in the pathogenesis, whatever the tissue or the animal.
ROLE_NOUNS = frozenset({"role"})


def _setting(noun: Token, lexicon: CueLexicon) -> bool:
    """Whether the object of "in" after a relation noun says where or in whom the relation was seen:
    a population or a sample ("in women", "in cultured cells"), or a part of one ("in the leaves of
    wheat plants", "in the brains of mice"). A condition ("the effect of X in induced oedema") is
    what the effect is on."""
    if noun.head.lower_ != "in":
        return False
    owners = preposition_objects(noun, ("of",))
    if noun.tag_ == "NNS" and any(o.tag_ == "NNS" for o in owners):
        return True  # "in the roots of maize seedlings": parts of many individuals, where it was seen
    return any(population_word(o, lexicon) or is_sample(o, lexicon) for o in (noun, *owners))


def noun_frame_cue(token: Token, entry: Cue, frames, possessor_preps, lexicon: CueLexicon):
    """'the effect of X on Y', 'X's effect on Y', 'X had an effect on Y', 'association between'."""
    match = _noun_frame_cue(token, entry, frames, possessor_preps, lexicon)
    lemma = token.lemma_.lower()
    if match is not None and _changed_property(token, entry, lexicon):
        return None
    if match is None or lemma not in EFFECT_NOUNS | ROLE_NOUNS:
        return match
    if lemma in ROLE_NOUNS:
        # "X plays a role in Y in patients with Z": the second "in" says in whom, not in what
        effects = [e for e in match.effects if not (e.head.lower_ == "in" and population_word(e, lexicon))]
    else:
        effects = [e for e in match.effects if not _setting(e, lexicon)]
    return replace(match, effects=tuple(effects)) if effects else None


def _changed_property(token: Token, entry: Cue, lexicon: CueLexicon) -> bool:
    """Whether a noun of a signed property ("susceptibility to Y", "predisposition to Y") carries a
    word of change of its own ("decreased susceptibility to Y"). The change's reading keeps the
    property as what changed, with the change's sign ("X ~ susceptibility to Y", -); the frame's
    would drop the head and relate X with Y itself, signed as if the property had risen."""
    if entry.relation != "correlational" or entry.polarity is None:
        return False
    words = lexicon.up_words | lexicon.down_words
    return any(c.dep_ == "amod" and c.lower_ in words for c in token.children)


def _noun_frame_cue(token: Token, entry: Cue, frames, possessor_preps, lexicon: CueLexicon):
    for first, second in frames:
        causes, effects = _frame_objects(token, first, second, lexicon)
        if causes and effects:
            return cue_match("noun_frame", token, [token.i], causes, effects, entry)
    if not possessor_preps:
        return None
    effects = preposition_objects(token, possessor_preps)
    possessors = children_with(token, ("poss",))
    if effects and possessors:
        return cue_match("noun_frame", token, [token.i], possessors[:1], effects, entry)
    head = token.head
    if token.dep_ in ("dobj", "attr") and head.lemma_.lower() in lexicon.light_verbs:
        effects = effects or preposition_objects(head, possessor_preps)
        if token.lemma_.lower() in OUTCOME_COMPOUNDS and all(population_word(e, lexicon) for e in effects):
            # "X provides a survival benefit to patients": who benefits is no outcome; the noun
            # modifying the relation noun says in what.
            outcomes = [c for c in token.children if c.dep_ == "compound" and c.pos_ == "NOUN"]
            effects = outcomes[:1] or effects
        subject, inherited = subject_of(head)
        return cue_match("noun_frame", token, [token.i, head.i], [subject], effects, entry, inherited)
    return None
