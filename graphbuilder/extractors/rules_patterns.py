"""Cue patterns over a dependency parse: which words say that X causes or goes with Y.

Each pattern finds a cue word and the head tokens of its cause and effect:

- verb: "X reduces Y" / "Y is reduced by X" / "deaths caused by X"
- verb_particle: "X leads to Y", "X is associated with Y", "X plays a role in Y"
- copular_noun: "X is a (major) cause of Y", "X is a risk factor for Y"
- noun_frame: "the effect of X on Y", "X had an effect on Y", "the association between X and Y"
- adjective: "X is effective against Y", "Y is due to X"
- hyphen: "X-induced Y"
- connective: "Y because of X", "Y due to X"

"Y, because X happened" relates two clauses, and a clause names no variable: the claims inside the
clauses are read by their own cues. The verb patterns are here; those on relation nouns are in
:mod:`rules_noun_cues`, those on adjectives, hyphens and connectives in :mod:`rules_modifier_cues`.
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Doc, Token

from causemap.graphbuilder.extractors.rules_arguments import is_sample, population_word
from causemap.graphbuilder.extractors.rules_coordinated_subjects import coordinated_verb
from causemap.graphbuilder.extractors.rules_heads import (
    FINITE_TAGS,
    children_with,
    copular_subject,
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
from causemap.graphbuilder.extractors.rules_modifier_cues import (
    CONNECTIVE_CUE,
    adjective_cue,
    connective_cue,
    hyphen_cue,
)
from causemap.graphbuilder.extractors.rules_noun_cues import copular_noun_cue, noun_frame_cue
from causemap.graphbuilder.extractors.rules_repairs import (
    NONFINITE_DEPS,
    NONFINITE_TAGS,
    coordinated_misread_verb,
    coordinated_misread_verb_arguments,
    is_direction_word,
    is_infinitive,
    misparsed_verb_arguments,
    misread_particle_verb,
    misread_present_verb,
    noun_before,
    object_after_preposition,
    opens_with_cue_participle,
    participle_cue,
    prefixed_lemma,
    verbless_arguments,
)
from causemap.graphbuilder.extractors.rules_spans import split_coordination
from causemap.graphbuilder.extractors.rules_verbless import verbless_cues

__all__ = ["CueMatch", "find_cues"]

SETTING_PREPS = frozenset({"in", "among"})
# Prepositions that set a phrase in a condition ("the effect of Z in X induced Y", "effects against
# X induced Y", "during X induced Y"), not those that take a noun's own argument ("of", "to", "with").
# Words that date an event by another ("1 h before the injection"): their object is a time, no cause.
TIME_MARKS = frozenset({"before", "after", "until", "following"})
COMPOUND_SETTING_PREPS = frozenset({"in", "against", "during", "on", "versus"})


def _agent_heads(token: Token, lexicon: CueLexicon) -> list[Token]:
    """Causes of a passive cue: the "by" agent, else "after/with/following X"; no amounts."""
    for preps in (lexicon.agent_preps, lexicon.fallback_agent_preps):
        objects = [
            o
            for o in preposition_objects(token, preps)
            if not (o.like_num or o.lower_ in lexicon.quantity_nouns)
        ]
        if objects:
            return objects
    return []


def _actor(token: Token, lexicon: CueLexicon) -> tuple[Token | None, bool]:
    """Subject of a cue, looking past light nouns ("X was proposed as a way to reduce Y").

    When the parse gives a finite cue no subject at all (long or odd sentences defeat the small
    parser), the nearest noun phrase before the cue stands in, at lower confidence.
    """
    subject, inherited = subject_of(token)
    if subject is not None and (named := _before_a_time_clause(token, subject)) is not None:
        return named, True
    if subject is not None and (event := _event_of_a_population(token, subject, lexicon)) is not None:
        return event, True
    if subject is not None and subject.lemma_.lower() in lexicon.light_heads:
        actor, _ = copular_subject(subject)
        if actor is not None:
            return actor, True
    if subject is None and not (
        token.dep_ in NONFINITE_DEPS or token.tag_ in NONFINITE_TAGS or is_infinitive(token)
    ):
        first = coordinated_verb(token)  # "X decreases A and inhibits B": X, the first verb's, never A
        shared = _actor(first, lexicon)[0] if first is not None else None
        return shared or noun_before(token), True
    return subject, inherited


def _event_of_a_population(verb: Token, subject: Token, lexicon: CueLexicon) -> Token | None:
    """'Patients developed anaemia, resulting from blood loss': a participle clause whose main
    clause is about who was studied continues what happened to them, its object (anaemia), not
    them."""
    head = verb.head
    # the subject may be that of a verb the main verb is coordinated with ("rats fed X developed Y")
    if verb.dep_ != "advcl" or verb.tag_ != "VBG" or subject.head not in (head, *head.conjuncts):
        return None
    if not population_word(subject, lexicon):
        return None
    objects = _direct_objects(head)
    return objects[0] if objects else None


def _before_a_time_clause(verb: Token, subject: Token) -> Token | None:
    """'Pretreatment with X 1 h before Y prevented Z', parsed as "[before Y] prevented Z" hung on
    a verbless "Pretreatment": the time phrase dates the treatment, whose noun is the verb's subject
    (not Y, the object of "before")."""
    marks = [m for m in children_with(verb, ("mark",)) if m.lower_ in TIME_MARKS and m.i < subject.i]
    head = verb.head
    if not marks or verb.dep_ != "advcl" or head.pos_ not in NOUN_POS or head.i > marks[0].i:
        return None
    return head


def _direct_objects(token: Token) -> list[Token]:
    """Direct objects, shared with a coordinated verb ("could cure or improve Y")."""
    objects = children_with(token, ("dobj",))
    if objects:
        return objects
    for conj in children_with(token, ("conj",)):
        if conj.pos_ in VERB_POS and not children_with(conj, SUBJECTS):
            objects = children_with(conj, ("dobj",))
            if objects:
                return objects
    return []


def _adjectival_verb_cue(token: Token, entry: Cue, lexicon: CueLexicon) -> CueMatch | None:
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
    objects = _direct_objects(token)
    if not subjects or not objects:
        return None
    phrase = token.doc[subjects[0].left_edge.i : token.i]
    preps = [t for t in phrase if t.dep_ == "prep"]
    if len(preps) < 2 and not any(t.pos_ in VERB_POS and t.tag_ in FINITE_TAGS for t in phrase):
        return None  # "treatment with X induced Y": the verb of its subject
    return cue_match("hyphen", token, [token.i], [cause], objects, entry)


def _verb_cue(token: Token, entry: Cue, lexicon: CueLexicon) -> CueMatch | None:
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
        return _adjectival_verb_cue(token, entry, lexicon)
    if is_passive(token):
        causes = _agent_heads(token, lexicon)
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
    objects = [o for o in _outcomes(_direct_objects(token), entry, lexicon) if not has_content_clause(o)]
    if not objects:
        return None
    subject, inherited = _actor(token, lexicon)
    return cue_match("verb", token, [token.i], [subject], objects, entry, inherited)


def _counted_subject(verb: Token) -> bool:
    """'38% of sequences contained X', 'two of the strains contained X': a counted subject holds
    what the verb names (the include sense of "contain")."""
    subjects = children_with(verb, ("nsubj",))
    return bool(subjects) and (subjects[0].like_num or subjects[0].lower_ in ("%", "percent", "most", "half"))


def _particle_cue(token: Token, entry: Cue, prep: str, lexicon: CueLexicon) -> CueMatch | None:
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
        subject, inherited = _actor(token, lexicon)
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
        and (objects := _objects_before(token, effects[0]))
    ):
        # "studies have linked X to Y", "we attribute Y to X": the object, not the subject, is the
        # first argument of a verb that relates two things ("X predisposes subjects to Y" and "X
        # protects cells from Y" name who is affected by their object).
        subject, inherited = objects[0], False
    else:
        subject, inherited = _actor(token, lexicon)
    return cue_match("verb_particle", token, cue_tokens, [subject], effects, entry, inherited, swap)


def _objects_before(token: Token, argument: Token) -> list[Token]:
    """Direct objects of an active verb that stand between it and its prepositional argument."""
    if is_passive(token):
        return []
    return [o for o in children_with(token, ("dobj",)) if token.i < o.i < argument.i]


def _acts_as_verb(token: Token) -> bool:
    """A word the tagger got wrong but the parser read as a verb: it has a subject and a direct
    object ("Mutations in KCNQ1 underlie long QT syndrome" with "underlie" tagged an adjective)."""
    deps = {c.dep_ for c in token.children}
    return "nsubj" in deps and "dobj" in deps


def find_cues(doc: Doc, lexicon: CueLexicon) -> Iterator[CueMatch]:
    """Every cue in a parsed sentence with its argument heads."""
    matches = [*_token_cues(doc, lexicon), *verbless_cues(doc, lexicon)]
    yield from matches
    yield from _coordinated_participles(matches, lexicon)


def _coordinated_participles(matches: list[CueMatch], lexicon: CueLexicon) -> Iterator[CueMatch]:
    """'X enhanced A, and antagonized B and C' parsed as one list of objects: the conjunct that opens
    with a signed cue participle, which ``argument_heads`` leaves out of the first verb's objects, is
    the object of a second verb of the same subject, as is what follows; so is a noun coordinated with
    the verb itself ("X potentiated A, and antagonized B"). Not in a passive's subject, before it."""
    cues = {m.cue.i for m in matches}
    for match in matches:
        if match.rule != "verb":
            continue
        verb_conjuncts = [c for c in match.cue.children if c.dep_ == "conj" and c.pos_ in NOUN_POS]
        for head in (*match.effects, *verb_conjuncts):
            if head.i < match.cue.i:
                continue
            parts = [head] if head in verb_conjuncts else split_coordination(head)[1:]
            for part in parts:
                verb = opens_with_cue_participle(part, lexicon)
                if verb is None or is_direction_word(verb, lexicon):
                    continue  # "X caused A and reduced B": the noun phrase "reduced B" has its sign
                entry = participle_cue(verb, lexicon)
                if verb.i not in cues and entry is not None and not entry.reverse:
                    cues.add(verb.i)
                    found = cue_match("verb", verb, [verb.i], match.causes, [part], entry, inherited=True)
                    if found is not None:
                        yield found
                break  # what follows is that verb's


def _token_cues(doc: Doc, lexicon: CueLexicon) -> Iterator[CueMatch]:
    lowers = [t.lower_ for t in doc]
    for token in doc:
        lemma, lower = token.lemma_.lower(), token.lower_
        match = None
        if lower in lexicon.hyphen_participles and token.i >= 2 and lowers[token.i - 1] == "-":
            match = hyphen_cue(token, lexicon.hyphen_participles[lower], lexicon)
        elif (entry := coordinated_misread_verb(token, lexicon)) is not None:
            # "X triggers A and inhibits B" with "inhibits" read as a noun or an adjective
            found = coordinated_misread_verb_arguments(token)
            if found is not None:
                match = cue_match("verb", token, [token.i], [found[0]], [found[1]], entry, inherited=True)
        elif token.dep_ == "amod" and token.tag_ in ("VBN", "VBD", "JJ"):
            entry = participle_cue(token, lexicon)
            if entry is not None:
                match = _adjectival_verb_cue(token, entry, lexicon)
        elif token.tag_ == "NNS" and (entry := misread_present_verb(token, lexicon)) is not None:
            # "The absence of p53 promotes instability" read as one noun phrase
            found = verbless_arguments(token, misread_noun=True)
            if found is not None:
                match = cue_match("verb", token, [token.i], [found[0]], [found[1]], entry, inherited=True)
        elif token.tag_ == "NNS" and (particle := misread_particle_verb(token, lexicon)) is not None:
            # "Deficiency of X results in Y" with "results" read as a plural noun
            entry, prep, subject = particle
            objects = preposition_objects(token, (prep,)) or object_after_preposition(token, prep)
            match = cue_match("verb_particle", token, [token.i], [subject], objects, entry, inherited=True)
        elif token.pos_ in VERB_POS or _acts_as_verb(token):
            # "drugs that lower Y": a verb tagged as an adjective has the adjective's lemma ("low")
            lemma = prefixed_lemma(token, lower if token.pos_ == "ADJ" else lemma, lexicon.verbs)
            for prep, entry in lexicon.particles.get(lemma, ()):
                match = _particle_cue(token, entry, prep, lexicon)
                if match:
                    break
            if match is None and lemma in lexicon.verbs:
                match = _verb_cue(token, lexicon.verbs[lemma], lexicon)
        if match is None and token.pos_ in ("NOUN", "PROPN"):
            for entry, preps in lexicon.copular_nouns.get(lemma, ()):
                match = copular_noun_cue(token, entry, preps)
                if match:
                    break
            if match is None and lemma in lexicon.noun_frames:
                entry, frames = lexicon.noun_frames[lemma]
                match = noun_frame_cue(token, entry, frames, lexicon.possessor_frames.get(lemma, ()), lexicon)
        if match is None and lower in lexicon.adjectives and token.pos_ in ("ADJ", "VERB"):
            entry, preps = lexicon.adjectives[lower]
            match = adjective_cue(token, entry, preps, lexicon)
        if match is None:
            for words in lexicon.prepositional_connectives:
                if tuple(lowers[token.i : token.i + len(words)]) == words:
                    match = connective_cue(doc, token.i, words, CONNECTIVE_CUE)
                    break
        if match is not None:
            yield match
