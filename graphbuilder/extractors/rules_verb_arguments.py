"""Who a cue verb relates: its subject, its passive's agent, its direct objects.

The parse gives each verb its dependents, but a cue's arguments are often further away: a light
noun stands before the actor ("X was proposed as a way to reduce Y"), a participle clause continues
what happened to its main clause's object ("patients developed anaemia, resulting from blood loss"),
a coordinated verb shares its objects ("could cure or improve Y"), and a finite verb the small
parser left without a subject takes the noun phrase before it. These readings of a verb's frame
stand apart from the cue patterns (``rules_verb_cues``) that decide which verb is a cue.
"""

from __future__ import annotations

from spacy.tokens import Token

from causemap.graphbuilder.extractors.rules_arguments import population_word
from causemap.graphbuilder.extractors.rules_coordinated_subjects import coordinated_verb
from causemap.graphbuilder.extractors.rules_heads import SUBJECT_DEPS as SUBJECTS
from causemap.graphbuilder.extractors.rules_heads import (
    children_with,
    copular_subject,
    is_passive,
    preposition_objects,
    subject_of,
)
from causemap.graphbuilder.extractors.rules_lexicon import CueLexicon
from causemap.graphbuilder.extractors.rules_match import NOUN_POS, VERB_POS
from causemap.graphbuilder.extractors.rules_repairs import (
    NONFINITE_DEPS,
    NONFINITE_TAGS,
    is_infinitive,
    noun_before,
)

# Words that date an event by another ("1 h before the injection"): their object is a time, no cause.
TIME_MARKS = frozenset({"before", "after", "until", "following"})


def passive_agents(token: Token, lexicon: CueLexicon) -> list[Token]:
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


def cue_subject(token: Token, lexicon: CueLexicon) -> tuple[Token | None, bool]:
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
        shared = cue_subject(first, lexicon)[0] if first is not None else None
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
    objects = direct_objects(head)
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


def direct_objects(token: Token) -> list[Token]:
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


def objects_before(token: Token, argument: Token) -> list[Token]:
    """Direct objects of an active verb that stand between it and its prepositional argument."""
    if is_passive(token):
        return []
    return [o for o in children_with(token, ("dobj",)) if token.i < o.i < argument.i]
