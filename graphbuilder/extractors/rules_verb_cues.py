"""Cue patterns on verbs: "X reduces Y", "Y is reduced by X", "X leads to Y", "X is associated with Y".

A cue verb of the lexicon is read with its frame: active or passive, with its particle and object
("play a role in"), as a participle modifying its outcome ("the risks associated with smoking"), or
misread by the tagger as an adjective ("X improved A and reduced B"); an unhyphenated "X induced Y"
compound the parser took for a finite verb is read as the compound. The patterns on relation nouns
are in ``rules_noun_cues``, those on adjectives, hyphens and connectives in ``rules_modifier_cues``;
where a verb's subject, agent and objects are is in ``rules_verb_arguments``.
"""

from __future__ import annotations

from spacy.tokens import Token

from causemap.graphbuilder.extractors.rules_arguments import is_sample, population_word
from causemap.graphbuilder.extractors.rules_heads import (
    FINITE_TAGS,
    children_with,
    has_content_clause,
    is_passive,
    means_include,
    modified_noun,
    preposition_objects,
    resolve_relative,
    subject_of,
)
from causemap.graphbuilder.extractors.rules_heads import SUBJECT_DEPS as SUBJECTS
from causemap.graphbuilder.extractors.rules_lexicon import Cue, CueLexicon
from causemap.graphbuilder.extractors.rules_match import NOUN_POS, VERB_POS, CueMatch, cue_match
from causemap.graphbuilder.extractors.rules_repairs import (
    misparsed_verb_arguments,
    object_after_preposition,
    verbless_arguments,
)
from causemap.graphbuilder.extractors.rules_verb_arguments import (
    cue_subject,
    direct_objects,
    objects_before,
    passive_agents,
)

SETTING_PREPS = frozenset({"in", "among"})
# Prepositions that set a phrase in a condition ("the effect of Z in X induced Y", "effects against
# X induced Y", "during X induced Y"), not those that take a noun's own argument ("of", "to", "with").
COMPOUND_SETTING_PREPS = frozenset({"in", "against", "during", "on", "versus"})


def adjectival_verb_cue(token: Token, entry: Cue, lexicon: CueLexicon) -> CueMatch | None:
    """A cue verb the parser took for an adjective ("improved" in "X improved A and reduced B")."""
    found = misparsed_verb_arguments(token)
    # An unsigned participle is mostly an adjective in a verbless noun phrase ("nonsense mediated
    # decay"); of those only a verb of change in quality ("metformin improved insulin sensitivity")
    # is read as the verb, and only right after a whole noun (see verbless_arguments).
    unsigned = entry.polarity is None
    if found is None and (not unsigned or token.lemma_.lower() in lexicon.intransitive_change_verbs):
        verbless = verbless_arguments(token, after_noun=unsigned)
        found = (*verbless, True) if verbless else None
    if found is None:
        return None
    subject, obj, inherited = found
    return cue_match("verb", token, [token.i], [subject], [obj], entry, inherited)


def _outcomes(heads: list[Token], entry: Cue, lexicon: CueLexicon) -> list[Token]:
    """Effects of an unsigned cue that name a variable, not who was treated ("treated patients")."""
    if entry.polarity is not None:
        return heads
    return [h for h in heads if not population_word(resolve_relative(h), lexicon)]


def _unhyphenated_compound(token: Token, lexicon: CueLexicon) -> CueMatch | None:
    """'the effects of Z in X induced Y', 'Z exerts effects against X induced Y': the compound
    "X-induced Y" written without its hyphen, which the parser reads as the finite verb of the whole
    phrase before it. A participle with no auxiliary whose would-be subject phrase already holds two
    prepositional phrases or a finite verb of its own, right after the object of a preposition of
    setting, is the compound's: X is that object (not a group, a sample or an amount), Y the
    participle's object.
    """
    entry = lexicon.hyphen_participles.get(token.lower_)
    if entry is None or entry.relation != "causal" or token.tag_ not in ("VBD", "VBN") or token.i == 0:
        return None
    cause = token.doc[token.i - 1]
    if cause.pos_ not in NOUN_POS or cause.dep_ != "pobj" or children_with(token, ("aux", "auxpass")):
        return None
    if cause.head.lower_ not in COMPOUND_SETTING_PREPS:
        return None  # "addition of X to Y induced Z", "the region of X caused Z": the noun's own argument
    if cause.like_num or children_with(cause, ("nummod",)) or cause.lower_ in lexicon.quantity_nouns:
        return None  # "for 8 days induced": a time, no cause
    if (
        population_word(cause, lexicon)
        or is_sample(cause, lexicon)
        or cause.lower_ in lexicon.hyphen_cause_stoplist
    ):
        return None  # "treatment with X in rats induced Y": the rats are who was treated
    subjects = children_with(token, SUBJECTS)
    objects = direct_objects(token)
    if not subjects or not objects:
        return None
    phrase = token.doc[subjects[0].left_edge.i : token.i]
    preps = [t for t in phrase if t.dep_ == "prep"]
    if len(preps) < 2 and not any(t.pos_ in VERB_POS and t.tag_ in FINITE_TAGS for t in phrase):
        return None  # "treatment with X induced Y": the verb of its subject
    return cue_match("hyphen", token, [token.i], [cause], objects, entry)


def verb_cue(token: Token, entry: Cue, lexicon: CueLexicon) -> CueMatch | None:
    """'X reduces Y', 'Y was reduced by X', 'infections caused by X'."""
    compound = _unhyphenated_compound(token, lexicon)
    if compound is not None:
        return compound
    if (
        entry.relation == "correlational"
        and token.tag_ == "VBG"
        and token.i
        and token.nbor(-1).pos_ in NOUN_POS
    ):
        return None  # "mTOR signalling", "insulin signaling": a noun compound, not "X signals Y"
    if token.lemma_.lower() in lexicon.inclusion_verbs and (
        means_include(token, lexicon) or _counted_subject(token)
    ):
        return None
    if token.dep_ == "amod" or (token.tag_ in ("VBZ", "VBP") and token.dep_ in ("compound", "nmod")):
        return adjectival_verb_cue(token, entry, lexicon)
    if is_passive(token):
        causes = passive_agents(token, lexicon)
        effects = children_with(token, ("nsubjpass", "csubjpass"))
        inherited = False
        if not effects and token.dep_ in ("acl", "amod", "relcl"):
            effects, inherited = [modified_noun(token)], True
        elif not effects:
            subject, inherited = subject_of(token)
            effects = [subject] if subject is not None else []
        effects = _outcomes(effects, entry, lexicon)
        return cue_match("verb", token, [token.i], causes, effects, entry, inherited)
    # "X favours the idea that ...", "X raises the possibility that ...": a proposition, no variable
    objects = [o for o in _outcomes(direct_objects(token), entry, lexicon) if not has_content_clause(o)]
    if not objects:
        return None
    subject, inherited = cue_subject(token, lexicon)
    return cue_match("verb", token, [token.i], [subject], objects, entry, inherited)


def _counted_subject(verb: Token) -> bool:
    """'38% of sequences contained X', 'two of the strains contained X': a counted subject holds
    what the verb names (the include sense of "contain")."""
    subjects = children_with(verb, ("nsubj",))
    return bool(subjects) and (subjects[0].like_num or subjects[0].lower_ in ("%", "percent", "most", "half"))


def particle_cue(token: Token, entry: Cue, prep: str, lexicon: CueLexicon) -> CueMatch | None:
    """'X leads to Y', 'X is associated with Y', 'X plays a role in Y', 'Y increases with X'."""
    if entry.finite_only and token.tag_ == "VBG" and not children_with(token, SUBJECTS):
        return None  # "after accounting for age": a procedure
    holders = [token]
    cue_tokens = [token.i]
    if entry.objects:
        objects = [c for c in children_with(token, ("dobj", "attr")) if c.lemma_.lower() in entry.objects]
        if not objects:
            return None
        holders = [objects[0], token]
        cue_tokens.append(objects[0].i)
    effects = []
    for holder in holders:
        effects = preposition_objects(holder, (prep,))
        if prep in SETTING_PREPS and len(effects) > 1:
            # "X resulted in Y in women with Z": the "in" of a group is a setting, not an effect
            effects = [e for e in effects if not population_word(e, lexicon)] or effects
        if effects:
            break
    if not effects:
        effects = object_after_preposition(token, prep)
    if not effects and entry.relation == "correlational" and not (entry.objects or entry.reverse):
        # "X and Y were correlated": the coordinated subjects are the two arguments.
        subject, inherited = cue_subject(token, lexicon)
        others = [c for c in subject.conjuncts if c.i > subject.i] if subject is not None else []
        if others:
            return cue_match("verb_particle", token, cue_tokens, [subject], others[:1], entry, inherited)
    if not effects:
        return None
    if not entry.objects and entry.polarity and entry.reverse and children_with(token, ("dobj",)):
        return None  # "Y increases with X" is intransitive
    swap = False
    if token.dep_ in ("acl", "amod") and token.tag_ == "VBN" and not children_with(token, SUBJECTS):
        # "the risks associated with smoking": the modified noun is the outcome.
        subject, inherited = modified_noun(token), True
        swap = entry.relation == "correlational"
    elif (
        not entry.objects
        and (entry.relation == "correlational" or entry.reverse)
        and (objects := objects_before(token, effects[0]))
    ):
        # "studies have linked X to Y", "we attribute Y to X": the object, not the subject, is the
        # first argument of a verb that relates two things ("X predisposes subjects to Y" and "X
        # protects cells from Y" name who is affected by their object).
        subject, inherited = objects[0], False
    else:
        subject, inherited = cue_subject(token, lexicon)
    return cue_match("verb_particle", token, cue_tokens, [subject], effects, entry, inherited, swap)
