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
clauses are read by their own cues.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from causemap.graphbuilder.extractors.rules_arguments import population_word
from causemap.graphbuilder.extractors.rules_heads import SUBJECT_DEPS as SUBJECTS
from causemap.graphbuilder.extractors.rules_heads import (
    children_with,
    copular_subject,
    explained_by_connective,
    is_passive,
    means_include,
    modified_noun,
    preposition_objects,
    resolve_relative,
    subject_of,
)
from causemap.graphbuilder.extractors.rules_lexicon import Cue, CueLexicon
from causemap.graphbuilder.extractors.rules_repairs import (
    NONFINITE_DEPS,
    NONFINITE_TAGS,
    is_infinitive,
    misparsed_verb_arguments,
    misread_present_verb,
    noun_before,
    object_after_preposition,
    participle_cue,
    prefixed_lemma,
    verbless_arguments,
)

VERB_POS = frozenset({"VERB", "AUX"})
NOUN_POS = frozenset({"NOUN", "PROPN"})
SETTING_PREPS = frozenset({"in", "among"})
# Verbs by which a relation noun as subject names its members: "the causes of Y are / include X".
LISTING_VERBS = frozenset({"be", "include", "comprise", "encompass"})
# Prepositions by which a change noun names what it followed ("an improvement in Y after X").
EXPOSURE_PREPS = frozenset({"with", "after", "following", "by"})
# Intransitive verbs that only state that their subject is there ("an association exists between").
EXISTENCE_VERBS = frozenset({"exist", "emerge", "persist", "appear", "occur"})
# Relation nouns whose noun modifier is the outcome ("a survival benefit"); "a side effect" is no
# "side", "a treatment effect" no effect on "treatment".
OUTCOME_COMPOUNDS = frozenset({"benefit"})


@dataclass(frozen=True)
class CueMatch:
    """A cue with the head tokens of its arguments, before spans and modality are worked out."""

    rule: str
    cue: Token
    cue_tokens: tuple[int, ...]
    causes: tuple[Token, ...]
    effects: tuple[Token, ...]
    relation: str
    polarity: str | None
    inherited: bool = False
    split_causes: bool = True  # False where coordinated causes are one grouping ("men and women")


def _match(rule, cue, cue_tokens, causes, effects, entry: Cue, inherited=False, swap=False):
    causes = tuple(resolve_relative(t) for t in causes if t is not None)
    effects = tuple(resolve_relative(t) for t in effects if t is not None)
    if entry.reverse != swap:
        causes, effects = effects, causes
    if not causes or not effects:
        return None
    return CueMatch(rule, cue, tuple(cue_tokens), causes, effects, entry.relation, entry.polarity, inherited)


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
    if subject is not None and subject.lemma_.lower() in lexicon.light_heads:
        actor, _ = copular_subject(subject)
        if actor is not None:
            return actor, True
    if subject is None and not (
        token.dep_ in NONFINITE_DEPS or token.tag_ in NONFINITE_TAGS or is_infinitive(token)
    ):
        return noun_before(token), True
    return subject, inherited


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
    return _match("verb", token, [token.i], [subject], [obj], entry, inherited)


def _outcomes(heads: list[Token], entry: Cue, lexicon: CueLexicon) -> list[Token]:
    """Effects of an unsigned cue that name a variable, not who was treated ("treated patients")."""
    if entry.polarity is not None:
        return heads
    return [h for h in heads if not population_word(resolve_relative(h), lexicon)]


def _verb_cue(token: Token, entry: Cue, lexicon: CueLexicon) -> CueMatch | None:
    """'X reduces Y', 'Y was reduced by X', 'infections caused by X'."""
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
        return _match("verb", token, [token.i], causes, effects, entry, inherited)
    objects = _outcomes(_direct_objects(token), entry, lexicon)
    if not objects:
        return None
    subject, inherited = _actor(token, lexicon)
    return _match("verb", token, [token.i], [subject], objects, entry, inherited)


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
            return _match("verb_particle", token, cue_tokens, [subject], others[:1], entry, inherited)
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
    return _match("verb_particle", token, cue_tokens, [subject], effects, entry, inherited, swap)


def _objects_before(token: Token, argument: Token) -> list[Token]:
    """Direct objects of an active verb that stand between it and its prepositional argument."""
    if is_passive(token):
        return []
    return [o for o in children_with(token, ("dobj",)) if token.i < o.i < argument.i]


def _has_modifier(token: Token, words: tuple[str, ...]) -> bool:
    """Whether a modifier of the token, or one coordinated with it ("a safe and effective
    method"), is one of ``words``."""
    modifiers = [c for c in token.children if c.dep_ in ("compound", "amod")]
    return any(m.lower_ in words for c in modifiers for m in (c, *c.conjuncts))


def _copular_noun_cue(token: Token, entry: Cue, preps: tuple[str, ...]) -> CueMatch | None:
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
        return _match("copular_noun", token, [token.i], attributes, effects, entry, swap=False)
    effects = [e for e in effects if e.lower_ != "choice"]  # "the treatment of choice for Y"
    subject, inherited = copular_subject(token)
    if subject is None and token.dep_ == "pobj" and token.head.head.lemma_.lower() == "use":
        # "X is used in / for the treatment of Y"
        subject, inherited = subject_of(token.head.head)
    return _match("copular_noun", token, [token.i], [subject], effects, entry, inherited)


def _agent_noun_cue(token: Token, entry: Cue) -> CueMatch | None:
    """'X is a COX-2 inhibitor', 'X, a D2 receptor antagonist', 'the ACE inhibitor X': an agent
    noun whose noun modifier names what the agent acts on."""
    targets = [
        c
        for c in token.children
        if c.i < token.i
        and (
            (c.dep_ in ("compound", "nmod") and c.pos_ in NOUN_POS)
            or (c.dep_ == "amod" and any(ch.isdigit() or ch.isupper() for ch in c.text[1:]))  # "COX-2"
        )
    ]
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
    return _match("copular_noun", token, [token.i], [subject], targets[-1:], entry, inherited)


def _frame_objects(
    noun: Token, first: str, second: str, lexicon: CueLexicon
) -> tuple[list[Token], list[Token]]:
    causes = preposition_objects(noun, (first,))
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
            return causes[:1], others[:1]
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


def _noun_frame_cue(token: Token, entry: Cue, frames, possessor_preps, lexicon: CueLexicon):
    """'the effect of X on Y', 'X's effect on Y', 'X had an effect on Y', 'association between'."""
    for first, second in frames:
        causes, effects = _frame_objects(token, first, second, lexicon)
        if causes and effects:
            return _match("noun_frame", token, [token.i], causes, effects, entry)
    if not possessor_preps:
        return None
    effects = preposition_objects(token, possessor_preps)
    possessors = children_with(token, ("poss",))
    if effects and possessors:
        return _match("noun_frame", token, [token.i], possessors[:1], effects, entry)
    head = token.head
    if token.dep_ in ("dobj", "attr") and head.lemma_.lower() in lexicon.light_verbs:
        effects = effects or preposition_objects(head, possessor_preps)
        if token.lemma_.lower() in OUTCOME_COMPOUNDS and all(population_word(e, lexicon) for e in effects):
            # "X provides a survival benefit to patients": who benefits is no outcome; the noun
            # modifying the relation noun says in what.
            outcomes = [c for c in token.children if c.dep_ == "compound" and c.pos_ == "NOUN"]
            effects = outcomes[:1] or effects
        subject, inherited = subject_of(head)
        return _match("noun_frame", token, [token.i, head.i], [subject], effects, entry, inherited)
    return None


def _adjective_cue(token: Token, entry: Cue, preps: tuple[str, ...], lexicon: CueLexicon):
    """'X is effective against Y', 'X is protective against Y', 'Y is due to X'."""
    if token.dep_ == "prep":
        return None  # "X was stopped due to Y": a connective on a clause, not a predicate adjective
    objects = preposition_objects(token, set(preps))
    predicate = token
    while predicate.dep_ == "conj" and predicate.head.i < predicate.i:
        predicate = predicate.head  # "X is safe and effective in Y": the first adjective's place
    if not objects and predicate.dep_ == "acomp":
        # The parser often hangs the preposition on the copula: "X may be useful for Y".
        objects = [o for o in preposition_objects(predicate.head, set(preps)) if o.i > token.i]
    if not objects:
        return None
    effects = []
    for obj in objects:
        if obj.pos_ in VERB_POS:
            if obj.lemma_.lower() in lexicon.verbs:
                return None  # "effective in reducing Y": the verb pattern reads it
            obj = (children_with(obj, ("dobj",)) or [obj])[0]
        effects.append(obj)
    if token.dep_ == "amod":
        subject, inherited = token.head, False
    else:
        subject, inherited = subject_of(token)
    return _match("adjective", token, [token.i], [subject], effects, entry, inherited)


def _hyphen_cue(token: Token, entry: Cue, lexicon: CueLexicon) -> CueMatch | None:
    """'X-induced Y': the word before the hyphen causes the noun the participle modifies."""
    doc = token.doc
    if token.i < 2 or doc[token.i - 1].text != "-" or doc[token.i - 1].whitespace_:
        return None
    cause = doc[token.i - 2]
    if cause.text in (")", "]"):
        # "Kras(G12D)-induced": the word before the bracket names the cause.
        opening = next((t for t in reversed(doc[: cause.i]) if t.text in ("(", "[")), None)
        if opening is None or opening.i == 0 or doc[opening.i - 1].whitespace_:
            return None
        cause = doc[opening.i - 1]
    if cause.whitespace_ and cause.i == token.i - 2:
        return None
    if cause.lower_ in lexicon.hyphen_cause_stoplist or cause.is_punct:
        return None
    effect = token.head
    hops = 0
    while effect.pos_ not in ("NOUN", "PROPN") and effect.head.i != effect.i and hops < 3:
        effect, hops = effect.head, hops + 1
    if effect.pos_ not in ("NOUN", "PROPN") or effect.i <= token.i:
        return None
    if any(
        t.lemma_.lower() in lexicon.hyphen_class_heads
        or t.lower_ in lexicon.hyphen_class_heads
        or (t.lower_.endswith("ase") and len(t) > 5)  # an enzyme: "lipoprotein-associated phospholipase"
        for t in doc[token.i + 1 : effect.i + 1]
    ):
        return None  # "microtubule-associated protein (levels)": the name of a kind of protein
    causes = [cause]
    if cause.i >= 2 and doc[cause.i - 1].lower_ in ("and", "or"):
        # "cisplatin- and doxorubicin-induced": a suspended hyphen ("cisplatin-" one token or two)
        first = doc[cause.i - 2]
        if first.text == "-" and cause.i >= 3 and not doc[cause.i - 3].whitespace_:
            first = doc[cause.i - 3]
        elif not (first.text.endswith("-") and len(first.text) > 1):
            first = None
        if first is not None and first.pos_ in ("NOUN", "PROPN", "ADJ"):
            causes.insert(0, first)
    return _match("hyphen", token, [token.i - 1, token.i], causes, [effect], entry)


def _connective_cue(doc: Doc, start: int, words: tuple[str, ...], entry: Cue):
    """'Y because of X', 'Y due to X', 'as a result of X, Y'."""
    first = doc[start]
    if first.dep_ == "acomp":
        return None  # "Y is due to X": the adjective pattern reads it
    span = set(range(start, start + len(words)))
    # The object may hang off any word of the connective ("because of X" parsed either way).
    causes = [
        c for i in sorted(span) for c in doc[i].children if c.dep_ in ("pobj", "pcomp") and c.i not in span
    ]
    if not causes:
        return None
    governor = first.head
    hops = 0
    while governor.i in span and governor.head.i != governor.i and hops < 4:
        governor, hops = governor.head, hops + 1
    if governor.i in span:
        return None
    explained = [e for e in explained_by_connective(governor) if e.pos_ not in VERB_POS]
    # "the drug was withdrawn due to X": a passive clause names no variable, so no claim
    return _match("connective", first, list(span), causes, explained, entry)


CONNECTIVE_CUE = Cue("causal", None)


def find_cues(doc: Doc, lexicon: CueLexicon) -> Iterator[CueMatch]:
    """Every cue in a parsed sentence with its argument heads."""
    lowers = [t.lower_ for t in doc]
    for token in doc:
        lemma, lower = token.lemma_.lower(), token.lower_
        match = None
        if lower in lexicon.hyphen_participles and token.i >= 2 and lowers[token.i - 1] == "-":
            match = _hyphen_cue(token, lexicon.hyphen_participles[lower], lexicon)
        elif token.dep_ == "amod" and token.tag_ in ("VBN", "VBD", "JJ"):
            entry = participle_cue(token, lexicon)
            if entry is not None:
                match = _adjectival_verb_cue(token, entry, lexicon)
        elif token.tag_ == "NNS" and (entry := misread_present_verb(token, lexicon)) is not None:
            # "The absence of p53 promotes instability" read as one noun phrase
            found = verbless_arguments(token, misread_noun=True)
            if found is not None:
                match = _match("verb", token, [token.i], [found[0]], [found[1]], entry, inherited=True)
        elif token.pos_ in VERB_POS:
            lemma = prefixed_lemma(token, lemma, lexicon.verbs)
            for prep, entry in lexicon.particles.get(lemma, ()):
                match = _particle_cue(token, entry, prep, lexicon)
                if match:
                    break
            if match is None and lemma in lexicon.verbs:
                match = _verb_cue(token, lexicon.verbs[lemma], lexicon)
        if match is None and token.pos_ in ("NOUN", "PROPN"):
            for entry, preps in lexicon.copular_nouns.get(lemma, ()):
                match = _copular_noun_cue(token, entry, preps)
                if match:
                    break
            if match is None and lemma in lexicon.noun_frames:
                entry, frames = lexicon.noun_frames[lemma]
                match = _noun_frame_cue(
                    token, entry, frames, lexicon.possessor_frames.get(lemma, ()), lexicon
                )
        if match is None and lower in lexicon.adjectives and token.pos_ in ("ADJ", "VERB"):
            entry, preps = lexicon.adjectives[lower]
            match = _adjective_cue(token, entry, preps, lexicon)
        if match is None:
            for words in lexicon.prepositional_connectives:
                if tuple(lowers[token.i : token.i + len(words)]) == words:
                    match = _connective_cue(doc, token.i, words, CONNECTIVE_CUE)
                    break
        if match is not None:
            yield match
