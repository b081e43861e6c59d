"""Constructions that relate two phrases without a cue taking both as its arguments.

The rules' cue finder reads a cue with its subject and object; some constructions state a relation
whose arguments stand elsewhere in the sentence, and are read here as further cue readings
(``verification_relation.CueReading``), each by its grammar, none by the words of a sentence:

- a purpose clause fronted before a recommendation: "To reduce Y, use X" says that doing X reduces Y
  (the cue verb of the purpose clause relates the recommended action, the imperative verb with its
  object, to its own object);
- a juxtaposition shown to correlate: "Plotting Y against X showed a correlation", "Comparing A with
  B revealed an association": a correlational cue noun with no arguments of its own, found by what a
  gerund clause (the finding verb's subject) set side by side;
- groups compared on a measure: "a difference between the smoking rates of survivors and
  non-survivors" relates the groups (what survival sets apart) to the measure;
- a light verb with a cue's nominalisation: "X has little improvement on Y", "X exerted a reduction
  in Y" (X improves, reduces Y), as "X had an effect on Y" is read by the rules' noun frames; not with
  a population as subject ("Patients had an improvement in pain" says who improved);
- the dimension of a difference: "seasonal variation in Y", "sex differences in Y": the modifier of a
  noun of difference names what the outcome varies with (a noun, or an adjective of relation, not a
  grade: "large variation in Y" names no second variable).

The recommended action is no noun phrase, so ``recommended_action`` admits it as an argument only in
that frame: the imperative verb with its object, the purpose clause before it.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from causemap.graphbuilder.extractors.rules_arguments import is_population
from causemap.graphbuilder.extractors.rules_heads import SUBJECT_DEPS, children_with, subject_of
from causemap.graphbuilder.extractors.rules_lexicon import CueLexicon
from causemap.graphbuilder.verification_members import argument_members
from causemap.graphbuilder.verification_paths import is_symmetric
from causemap.graphbuilder.verification_phrases import head_of, trimmed
from causemap.graphbuilder.verification_relation import CueReading

# Prepositions by which a gerund sets its object beside another ("plotting Y against X").
JUXTAPOSING_PREPS = frozenset({"against", "with", "versus", "vs", "vs.", "and", "to"})
# Prepositions by which a cue's nominalisation takes what it acts on ("improvement on / in Y").
NOMINAL_EFFECT_PREPS = frozenset({"on", "in", "upon", "against", "to", "for"})
# Suffixes of adjectives of relation ("seasonal", "geographic", "dietary", "cellular"): derived from
# a noun, they name what something is of or by, and are not grades.
RELATIONAL_SUFFIXES = ("al", "ic", "ary", "ar")
# What a predisposition is to ("a genetic predisposition to / for Y").
PREDISPOSITION_PREPS = frozenset({"to", "for"})


def construction_readings(
    doc: Doc,
    lexicon: CueLexicon,
    directive_verbs: frozenset[str],
    predisposition_nouns: frozenset[str] = frozenset(),
) -> list[CueReading]:
    """The readings of ``doc``'s purpose clauses, juxtapositions, dimensions of difference and of
    predisposition."""
    readings: list[CueReading] = []
    for token in doc:
        if (reading := _predisposition(token, lexicon, predisposition_nouns)) is not None:
            readings.append(reading)
        readings.extend(_purpose_readings(token, lexicon, directive_verbs))
        if (reading := _juxtaposition(token, lexicon)) is not None:
            readings.append(reading)
        if (reading := _dimension(token, lexicon)) is not None:
            readings.append(reading)
        if (reading := _light_verb_nominal(token, lexicon)) is not None:
            readings.append(reading)
        if (reading := _compared_groups(token, lexicon)) is not None:
            readings.append(reading)
    return readings


def recommended_action(span: Span, directive_verbs: frozenset[str]) -> bool:
    """Whether ``span`` is the action a fronted purpose clause recommends: the imperative verb with
    its object ("use long staff shifts" of "To reduce Y, use long staff shifts"), whole."""
    span = trimmed(span)
    verb = head_of(span)
    if span.start != verb.i or not _purposes(verb, directive_verbs):
        return False
    objects = children_with(verb, ("dobj",))
    return bool(objects) and span.end == max(o.right_edge.i for o in objects) + 1


def _purposes(verb: Token, directive_verbs: frozenset[str]) -> list[Token]:
    """The infinitive purpose clauses fronted before an imperative ``verb`` ("To reduce Y, | use X"),
    with their conjuncts ("To reduce A and to reduce B, use X"). Not for a verb of saying or
    outputting: "To be safe, output X" is an order about the text, not a recommendation."""
    if verb.tag_ != "VB" or verb.dep_ != "ROOT" or verb.lemma_.lower() in directive_verbs:
        return []
    if children_with(verb, (*SUBJECT_DEPS, "aux", "auxpass")):
        return []
    fronted = [
        c
        for c in verb.children
        if c.dep_ == "advcl" and c.i < verb.i and c.left_edge.i == verb.sent.start and _infinitive(c)
    ]
    return [p for clause in fronted for p in (clause, *clause.conjuncts) if _infinitive(p)]


def _infinitive(verb: Token) -> bool:
    return verb.tag_ == "VB" and any(c.lower_ == "to" and c.i == verb.i - 1 for c in verb.children)


def _purpose_readings(verb: Token, lexicon: CueLexicon, directive_verbs: frozenset[str]) -> list[CueReading]:
    readings = []
    for purpose in _purposes(verb, directive_verbs):
        if purpose.lemma_.lower() not in lexicon.verbs:
            continue
        objects = children_with(purpose, ("dobj",))
        if objects:
            readings.append(
                CueReading(
                    cue=purpose,
                    cue_tokens=frozenset({purpose.i}),
                    causes=frozenset({verb.i}),
                    effects=argument_members(objects, lexicon),
                    symmetric=is_symmetric(purpose, lexicon),
                )
            )
    return readings


def _juxtaposition(noun: Token, lexicon: CueLexicon) -> CueReading | None:
    """ "Plotting Y against X showed a correlation": the gerund clause that is the finding verb's
    subject (the small parse may hang it as an adverbial clause opening the sentence, the verb then
    without a subject) sets its object beside a preposition's object; the cue noun, with no
    complement of its own, relates those two."""
    lemma = noun.lemma_.lower()
    if noun.pos_ != "NOUN" or lemma not in lexicon.noun_frames or not is_symmetric(noun, lexicon):
        return None
    if noun.dep_ != "dobj" or children_with(noun, ("prep",)):
        return None
    verb = noun.head
    gerunds = [
        c
        for c in verb.children
        if c.tag_ == "VBG"
        and (
            c.dep_ == "csubj"
            or (c.dep_ == "advcl" and c.i == verb.sent.start and not children_with(verb, SUBJECT_DEPS))
        )
    ]
    for gerund in gerunds:
        for first in children_with(gerund, ("dobj",)):
            preps = [
                p
                for p in (*first.children, *gerund.children)
                if p.dep_ == "prep" and p.lower_ in JUXTAPOSING_PREPS
            ]
            seconds = [o for p in preps for o in children_with(p, ("pobj",))]
            if seconds:
                return CueReading(
                    cue=noun,
                    cue_tokens=frozenset({noun.i}),
                    causes=argument_members((first,), lexicon),
                    effects=argument_members(seconds[:1], lexicon),
                    symmetric=True,
                )
    return None


def _dimension(noun: Token, lexicon: CueLexicon) -> CueReading | None:
    """ "seasonal variation in Y", "sex differences in Y": the noun or adjective of relation modifying
    a noun of difference names what its outcome (the "in" or "of" phrase) varies with."""
    if noun.pos_ != "NOUN" or noun.lemma_.lower() not in lexicon.difference_nouns:
        return None
    preps = [c for c in noun.children if c.dep_ == "prep" and c.lower_ in lexicon.difference_outcome_preps]
    return _modified_outcome(noun, preps, lexicon)


def _predisposition(noun: Token, lexicon: CueLexicon, nouns: frozenset[str]) -> CueReading | None:
    """ "a genetic predisposition to Y", "a sex predisposition to Y": the noun or adjective of relation
    modifying a noun of predisposition names what disposes to its "to" phrase (the small parse often
    hangs that phrase on the verb before the noun; it then follows the noun directly)."""
    if noun.pos_ != "NOUN" or noun.lemma_.lower() not in nouns:
        return None
    preps = [c for c in noun.children if c.dep_ == "prep" and c.lower_ in PREDISPOSITION_PREPS]
    after = noun.doc[noun.i + 1] if noun.i + 1 < len(noun.doc) else None
    if not preps and after is not None and after.dep_ == "prep" and after.lower_ in PREDISPOSITION_PREPS:
        preps = [after]
    return _modified_outcome(noun, preps, lexicon)


def _modified_outcome(noun: Token, preps: list[Token], lexicon: CueLexicon) -> CueReading | None:
    """The modifiers of ``noun`` that name a dimension, related to the object of its first
    preposition in ``preps`` (the cue, so that neither argument holds it)."""
    dimensions = [c for c in noun.children if c.i < noun.i and _names_a_dimension(c, lexicon)]
    outcomes = [o for p in preps for o in children_with(p, ("pobj",))]
    if not dimensions or not outcomes:
        return None
    return CueReading(
        cue=preps[0],
        cue_tokens=frozenset({preps[0].i}),
        causes=frozenset(d.i for d in dimensions),
        effects=argument_members(outcomes[:1], lexicon),
        symmetric=True,
    )


def _names_a_dimension(modifier: Token, lexicon: CueLexicon) -> bool:
    if modifier.dep_ == "compound" and modifier.pos_ in ("NOUN", "PROPN"):
        return not modifier.like_num
    lower = modifier.lower_
    return (
        modifier.dep_ == "amod"
        and modifier.tag_ == "JJ"
        and lower.endswith(RELATIONAL_SUFFIXES)
        and not children_with(modifier, ("advmod",))
        and lower not in lexicon.negation_magnitudes
        and lower not in lexicon.hedge_adjectives
    )


def _light_verb_nominal(noun: Token, lexicon: CueLexicon) -> CueReading | None:
    """ "X has little improvement on Y": a light verb ("have", "exert", "show") whose object is a cue's
    nominalisation relates its subject to what the noun acts on, unless the subject is a group (who
    has the change) or the noun already names its own agent ("the improvement of X")."""
    lemma = noun.lemma_.lower()
    verb = noun.head
    if noun.pos_ != "NOUN" or lemma not in lexicon.noun_frames or noun.dep_ != "dobj":
        return None
    if verb.lemma_.lower() not in lexicon.light_verbs or is_symmetric(noun, lexicon):
        return None
    subject, _ = subject_of(verb)
    if subject is None or is_population(subject, lexicon):
        return None
    preps = [c for c in noun.children if c.dep_ == "prep" and c.lower_ in NOMINAL_EFFECT_PREPS]
    effects = [o for p in preps for o in children_with(p, ("pobj",))]
    if not effects:
        return None
    return CueReading(
        cue=noun,
        cue_tokens=frozenset({noun.i, verb.i}),
        causes=argument_members((subject,), lexicon),
        effects=argument_members(effects[:1], lexicon),
        symmetric=False,
    )


def compared_groups(measure: Token) -> list[Token]:
    """A and B of "the rates of A and B" after "a difference between": the coordinated groups a
    measure is given for, each of which names a measure of its own ("the rates of A and [of] B")."""
    of = next((c for c in measure.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    first = next((o for o in children_with(of, ("pobj",))), None) if of is not None else None
    if first is None or not first.conjuncts:
        return []
    # a statistic the parse conjoined to the groups ("non-survivors (p=0.21)") is no group
    return [g for g in (first, *first.conjuncts) if g.text.replace("-", "").isalpha()]


def _compared_groups(noun: Token, lexicon: CueLexicon) -> CueReading | None:
    """ "no difference between the smoking rates of survivors and non-survivors": a noun of difference
    whose groups are the coordinated of-complements of one measure compares them on that measure."""
    if noun.pos_ != "NOUN" or noun.lemma_.lower() not in lexicon.difference_nouns:
        return None
    preps = [c for c in noun.children if c.dep_ == "prep" and c.lower_ in lexicon.difference_group_preps]
    for measure in (o for p in preps for o in children_with(p, ("pobj",))):
        groups = compared_groups(measure)
        if groups:
            return CueReading(
                cue=noun,
                cue_tokens=frozenset({noun.i}),
                causes=frozenset(g.i for g in groups),
                effects=frozenset({measure.i}),
                symmetric=True,
            )
    return None
