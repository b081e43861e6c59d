"""Does the sentence relate cause and effect? By the rules extractor's cues, read from the same parse.

A claim's cause and effect are related when a cue of the rules lexicon (``resources/causal_cues.json``,
found by ``rules_patterns.find_cues`` and the association frame "Y in patients with X") takes them as its
arguments: each argument's head is one the cue names, a conjunct or example of it, or the variable it
frames ("levels of X", "patients with X"). A causal cue relates them in its own direction only ("X causes
Y" makes no claim that Y causes X); a correlational one in either.

The cue finder reads the arguments a cue's grammar gives it; where the small parse attaches them
elsewhere, a cue word on the dependency path between the two phrases, governing both within a few
edges, relates them too (the arguments must then stand on opposite sides of it: subject and object, or
the two complements of a cue noun). Verbs that are no cue ("The cohort was followed for ten years")
relate nothing: a subject and an object of any verb are no cause-effect claim.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from causemap.graphbuilder.extractors.rules_arguments import group_definer, is_population, setting_matches
from causemap.graphbuilder.extractors.rules_heads import SUBJECT_DEPS, copular_subject, is_passive, subject_of
from causemap.graphbuilder.extractors.rules_lexicon import CueLexicon, load_lexicon
from causemap.graphbuilder.extractors.rules_patterns import find_cues
from causemap.graphbuilder.verification_phrases import (
    chain,
    head_of,
    misread_compound_verb,
    premodifier_conjunct,
    range_end,
)

# Where an argument's head may hang below the head a cue names and still be that argument: its
# conjuncts ("masks and distancing"), appositions, examples ("measures such as masks") and the
# complement of a noun of measure or kind ("levels of social support", "development of injury").
MEMBER_DEPS = frozenset({"conj", "appos"})
MEMBER_PREPS = frozenset({"of", "such", "as", "including", "like"})
MEASURE_PREPS = frozenset({"in", "among"})  # "a reduction in X", only after a noun of measure
MAX_MEMBER_DEPTH = 4
# The dependency path fallback: how far (edges, coordination not counted) an argument may be below
# the cue word relating it.
MAX_ARGUMENT_DEPTH = 2
# "ccomp": an object the small parse read as a clause ("X has caused the novel disease outbreak")
COMPLEMENT_DEPS = frozenset(
    {"dobj", "prep", "pobj", "attr", "acomp", "xcomp", "oprd", "dative", "pcomp", "ccomp"}
)
PASSIVE_CAUSE_DEPS = frozenset({"agent", "prep"})  # by the lexicon's agent prepositions
# How a verb without its own subject hangs below the noun that controls it.
CONTROL_DEPS = frozenset({"xcomp", "acomp", "acl", "relcl", "advcl"})
NOUN_COMPLEMENT_DEPS = COMPLEMENT_DEPS | {"poss", "compound", "amod", "npadvmod", "nmod"}


@dataclass(frozen=True)
class CueReading:
    """A cue of the sentence and the token indices that may head each of its arguments."""

    cue: Token
    cue_tokens: frozenset[int]
    causes: frozenset[int]
    effects: frozenset[int]
    symmetric: bool  # a correlational cue: its arguments are related in either order


def cue_readings(doc: Doc, lexicon: CueLexicon | None = None) -> list[CueReading]:
    """Every cue of ``doc`` with its arguments, as the rules extractor's cue finder reads them."""
    lexicon = lexicon or load_lexicon()
    readings = []
    for match in find_cues(doc, lexicon):
        readings.append(
            CueReading(
                cue=match.cue,
                cue_tokens=frozenset(match.cue_tokens),
                causes=_members(match.causes, lexicon),
                effects=_members(match.effects, lexicon),
                symmetric=match.relation == "correlational",
            )
        )
    for prep, group, definer, outcome in setting_matches(doc, lexicon):
        readings.append(
            CueReading(
                cue=group,
                cue_tokens=frozenset({prep.i, group.i}),
                causes=_members((definer,), lexicon),
                effects=_members((outcome,), lexicon),
                symmetric=True,
            )
        )
    return readings


def _members(heads: Iterable[Token], lexicon: CueLexicon) -> frozenset[int]:
    """The heads and every token that may stand for them (see MEMBER_DEPS)."""
    found: set[int] = set()
    todo = [(head, 0) for head in heads]
    while todo:
        token, depth = todo.pop()
        if token.i in found or depth > MAX_MEMBER_DEPTH:
            continue
        found.add(token.i)
        if is_population(token, lexicon) and (definer := group_definer(token)) is not None:
            todo.append((definer, depth + 1))
        if (alias := _bracketed_after(token)) is not None:
            todo.append((alias, depth + 1))
        if token.dep_ == "nsubj" and token.head.lemma_ == "be":
            # "The treatment (that was shown to help) is X": the copula of identity names one thing
            # (X itself, not what its own phrase frames: "X is a cause of Y" makes Y no treatment).
            # A name or noun after it is its attribute whatever dep the small parse gave it.
            found.update(
                c.i
                for c in token.head.children
                if c.i > token.i and (c.dep_ == "attr" or (c.dep_ == "acomp" and c.pos_ in ("NOUN", "PROPN")))
            )
        if (end := range_end(token)) is not None:
            todo.append((end, depth + 1))
        if (subject := _sentential_antecedent(token)) is not None:
            todo.append((subject, depth + 1))
        todo.extend((c, depth + 1) for c in _misread_conjuncts(token))
        for child in token.children:
            if (child.dep_ in MEMBER_DEPS and child.i > token.i) or premodifier_conjunct(child):
                todo.append((child, depth + 1))
            elif (
                child.dep_ in ("prep", "amod", "acl") and child.i > token.i and _frames(token, child, lexicon)
            ):
                # "pcomp": a gerund clause ("reports of nurses being subjected to abuse")
                objects = (obj for obj in child.children if obj.dep_ in ("pobj", "dobj", "pcomp"))
                todo.extend((obj, depth + 1) for obj in objects)
    return frozenset(found)


def _misread_conjuncts(token: Token) -> list[Token]:
    """ "cytokine storm" of "associated with ARDS and cytokine storm", hung as a verb conjoined to the
    verb governing ARDS: a noun phrase the tagger misread as a verb is the conjunct of the object
    before it."""
    if token.dep_ == "dobj":
        verb = token.head
    elif token.dep_ == "pobj" and token.head.dep_ == "prep":
        verb = token.head.head
    else:
        return []
    return [c for c in verb.children if c.dep_ == "conj" and c.i > token.i and misread_compound_verb(c)]


def _sentential_antecedent(token: Token) -> Token | None:
    """The subject of the clause that ", which" continues ("X ranged from A to B, which resulted in
    Y"): a non-restrictive "which" the parse hung on a verb (not on a noun, as a relative clause)
    refers to what that clause says, whose subject is what acts in it."""
    clause = token.head
    if token.lower_ != "which" or token.dep_ not in SUBJECT_DEPS or clause.dep_ != "advcl":
        return None
    if not token.i or not token.doc[token.i - 1].is_punct:
        return None
    subject, _ = subject_of(clause.head)
    return subject


def _frames(token: Token, prep: Token, lexicon: CueLexicon) -> bool:
    """Whether ``prep``'s object stands for ``token``: "levels of X", "measures such as X", and "a
    reduction in X" after a noun of measure or change."""
    if prep.lower_ in MEMBER_PREPS:
        return True
    measure = token.lemma_.lower() in lexicon.measure_heads or token.lower_ in lexicon.measure_heads
    return prep.lower_ in MEASURE_PREPS and measure


def _bracketed_after(token: Token) -> Token | None:
    """The head of a bracketed phrase right after the token's phrase ("coronavirus 2 (SARS-CoV-2)"):
    an abbreviation or alias of it, wherever the parse hung it."""
    doc = token.doc
    at = token.right_edge.i + 1
    while at < len(doc) and doc[at].is_quote:
        at += 1  # "'severe acute respiratory syndrome' (SARS-CoV-2)": a closing quotation mark between
    if at >= len(doc) or doc[at].text not in ("(", "["):
        return None
    close = next((t.i for t in doc[at + 1 : at + 12] if t.text in (")", "]")), None)
    if close is None or close == at + 1:
        return None
    inner = doc[at + 1 : close]
    return min(
        (t for t in inner if not inner.start <= t.head.i < inner.end or t.head.i == t.i), key=lambda t: t.i
    )


def relating_cue(
    cause: Span, effect: Span, readings: Iterable[CueReading], *, path: bool = True
) -> Token | None:
    """The cue by which the sentence relates ``cause`` to ``effect`` (in that direction), or None;
    with ``path``, failing a cue reading, a cue word on the dependency path between them."""
    inside = {t.i for t in cause} | {t.i for t in effect}
    for reading in readings:
        if reading.cue_tokens & inside:
            continue  # an argument that holds its own relating word is a clause, not a variable
        if _stands_for(cause, reading.causes) and _stands_for(effect, reading.effects):
            return reading.cue
        if reading.symmetric and _stands_for(cause, reading.effects) and _stands_for(effect, reading.causes):
            return reading.cue
    if not path:
        return None
    lexicon = load_lexicon()
    return (
        _cue_on_path(cause, effect, lexicon)
        or _controlled_cue(cause, effect, lexicon)
        or _participle_cue(cause, effect, lexicon)
    )


def relates_as_association(cue: Token, readings: Iterable[CueReading], lexicon: CueLexicon) -> bool:
    """Whether the relating word ``relating_cue`` found is correlational ("associated with", "linked
    to", "Y in patients with X"): it relates the two without saying that one acts on the other."""
    own = [r.symmetric for r in readings if r.cue.i == cue.i]
    return any(own) if own else _is_symmetric(cue, lexicon)  # a cue read in its frame, else its word


def _stands_for(span: Span, heads: frozenset[int]) -> bool:
    """Whether ``span`` is (or holds, as its head or a member) one of a cue's argument heads. Every
    root of a span that passed as one phrase counts as its head: the parse broke the phrase up
    ("the cause of patients | ’ lymphopenia", the possessive hung as an apposition of "cause")."""
    return any(t.i in heads for t in span)


# -- the fallback: a cue word on the dependency path -----------------------------------------------
def is_cue_word(word: Token, lexicon: CueLexicon) -> bool:
    """Whether a word is one of the lexicon's cues (verb, noun, adjective or participle), any form."""
    lemma, lower = word.lemma_.lower(), word.lower_
    return (
        lemma in lexicon.verbs
        or lemma in lexicon.particles
        or lemma in lexicon.noun_frames
        or lemma in lexicon.copular_nouns
        or lower in lexicon.adjectives
        or lower in lexicon.hyphen_participles
    )


def _cue_on_path(cause: Span, effect: Span, lexicon: CueLexicon) -> Token | None:
    c_head, e_head = head_of(cause), head_of(effect)
    up, down = chain(c_head), chain(e_head)
    below_effect = {t.i for t in down}
    lca_at = next((k for k, t in enumerate(up) if t.i in below_effect), None)
    if lca_at is None:
        return None
    lca = up[lca_at]
    inside = {t.i for t in cause} | {t.i for t in effect}
    if lca.i in (c_head.i, e_head.i):
        return None  # one argument governs the other: see _controlled_cue and _participle_cue
    if lca.i in inside or not is_cue_word(lca, lexicon):
        return None
    c_side, e_side = _side(lca, up), _side(lca, down)
    if c_side is None or e_side is None:
        return None
    (c_arm, c_depth), (e_arm, e_depth) = c_side, e_side
    c_dep, e_dep = c_arm.dep_, e_arm.dep_
    if max(c_depth, e_depth) > MAX_ARGUMENT_DEPTH or c_dep == e_dep:
        return None
    symmetric = _is_symmetric(lca, lexicon)
    if lca.pos_ in ("VERB", "AUX"):
        c_role, e_role = _verb_roles(lca, c_arm, e_arm, lexicon)
        forward = (c_role, e_role) == ("cause", "effect")
        return lca if forward or (symmetric and (c_role, e_role) == ("effect", "cause")) else None
    if {c_dep, e_dep} <= NOUN_COMPLEMENT_DEPS:  # "the effect of X on Y", "X-related Y"
        return lca
    return None


def controlled_verb(
    cause: Span, effect: Span, lexicon: CueLexicon, relates: Callable[[Token], bool]
) -> Token | None:
    """A verb that ``relates`` accepts, with the effect as object and no subject of its own, controlled
    by the cause as a cue verb is in ``_controlled_cue`` ("X is a solution for managing Y")."""
    return _controlled_cue(cause, effect, lexicon, relates)


def _controlled_cue(
    cause: Span, effect: Span, lexicon: CueLexicon, relates: Callable[[Token], bool] | None = None
) -> Token | None:
    """ "X adequate to reduce Y", "X, reducing Y", "X is an approach for treating Y", "X was shown to
    reduce Y": a cue verb with no subject of its own, whose object is the effect, hanging (by complement
    or modifying clauses, or as the gerund of a preposition: "for treating") below a word that the
    cause controls: the cause itself, a predicate of it (``copular_subject``: "X is a way to", "X,
    a treatment for"), a verb whose subject it is (by a complement clause only: "X helps to reduce";
    a purpose clause "patients received A to reduce Y" says nothing of what the patients do), or
    the noun of which it is the complement ("the ability of X to reduce Y")."""
    cause_head, down = head_of(cause), chain(head_of(effect))
    inside = {t.i for t in cause}
    for k in range(1, min(len(down), 4)):
        word = down[k]
        if word.i in inside:
            return None
        if relates is not None:
            if word.pos_ != "VERB" or not relates(word):
                continue
        elif word.pos_ != "VERB" or not is_cue_word(word, lexicon) or _is_symmetric(word, lexicon):
            continue
        if is_passive(word) or any(c.dep_ in SUBJECT_DEPS for c in word.children):
            continue
        if down[k - 1].dep_ not in ("dobj", "prep", "pobj"):
            continue
        at, steps = k, 0
        while at + 1 < len(down) and steps < 3:
            dep = down[at].dep_
            if dep == "pcomp" and at + 2 < len(down) and down[at + 1].dep_ == "prep":
                at += 2  # "an approach for | treating Y", "effective in | reducing Y"
            elif dep in CONTROL_DEPS:
                at += 1
            else:
                break
            steps += 1
            if _controls(down[at], cause_head, dep, lexicon):
                return word
        before = _noun_before_infinitive(word)
        if before is not None and _controls(before, cause_head, "acl", lexicon):
            return word
    return None


def _noun_before_infinitive(verb: Token) -> Token | None:
    """The noun right before "to" of an infinitive the parse hung on a verb as an adverbial clause
    ("the potential of X | to improve Y", "innovations | to reduce Y"): an infinitive closes on the
    nearest noun, which it modifies or which (as the object before a purpose clause) is its means."""
    to = next((c for c in verb.children if c.lower_ == "to" and c.i == verb.i - 1), None)
    if verb.dep_ != "advcl" or to is None or not to.i:
        return None
    before = verb.doc[to.i - 1]
    return before if before.pos_ in ("NOUN", "PROPN") else None


def _controls(controller: Token, cause_head: Token, dep: str, lexicon: CueLexicon) -> bool:
    """Whether the cause is who does what the clause hanging (by ``dep``) on ``controller`` says."""
    cause_head = _first_conjunct(cause_head)
    if controller.i == cause_head.i:
        return True
    if controller.pos_ in ("VERB", "AUX"):
        # Subject control ("X helps to reduce Y"), or object control: a verb with an object of its own
        # hands its complement clause to that object, not to its subject ("Doctors used X to reduce Y").
        objects = {c.i for c in controller.children if c.dep_ == "dobj"}
        return dep == "xcomp" and cause_head.i in (objects or _subjects(controller, lexicon))
    subject, _ = copular_subject(controller)
    if subject is not None and _first_conjunct(subject).i == cause_head.i:
        return True
    governor = controller.head.head if controller.dep_ == "pobj" and controller.head.lower_ == "as" else None
    if governor is not None and cause_head.i in _subjects(governor, lexicon):
        return True  # "X ... have been discussed as ways to reduce Y"
    of = cause_head.head
    return cause_head.dep_ == "pobj" and of.lower_ == "of" and of.head.i == controller.i


def _subjects(verb: Token, lexicon: CueLexicon) -> set[int]:
    """The heads of a verb's subject, with its conjuncts and examples. A verb the parse hung as the
    conjunct of a noun (which no verb can be: "Measures such as A, B, and C have been discussed")
    has for subject the whole list that noun closes, whatever the parse made its subject."""
    subject, _ = subject_of(verb)
    found = {_first_conjunct(subject).i} if subject is not None else set()
    if verb.dep_ == "conj" and verb.head.pos_ in ("NOUN", "PROPN"):
        top = verb.head
        while top.dep_ in ("conj", "appos") and top.head.i != top.i:
            top = top.head
        found |= _members((top,), lexicon)
    return found


def _first_conjunct(token: Token) -> Token:
    while token.dep_ == "conj" and token.head.i != token.i:
        token = token.head
    return token


def _participle_cue(cause: Span, effect: Span, lexicon: CueLexicon) -> Token | None:
    """ "the infection caused by X", "the risks associated with X": a cue participle modifying the
    effect, whose agent (or, for a correlational cue, whose object) is the cause. The participle is
    read as modifying the noun its parse hangs it on or the noun right before it (a reduced relative
    clause closes on the nearest noun; the small parse often hangs it higher)."""
    up = chain(head_of(cause))
    if len(up) < 3 or up[0].dep_ != "pobj" or up[1].dep_ not in PASSIVE_CAUSE_DEPS:
        return None
    prep, verb = up[1], up[2]
    if verb.tag_ != "VBN" or verb.dep_ != "acl" or not is_cue_word(verb, lexicon):
        return None
    if not (_is_symmetric(verb, lexicon) or prep.lower_ in lexicon.agent_preps):
        return None
    before = verb.doc[verb.i - 1] if verb.i else None
    modified = {verb.head.i} | (
        {before.i} if before is not None and before.pos_ in ("NOUN", "PROPN") else set()
    )
    return verb if _first_conjunct(head_of(effect)).i in modified else None


def _side(word: Token, path: list[Token]) -> tuple[Token, int] | None:
    """The word by which the argument's branch hangs on ``word``, and its depth (coordination not
    counted); None when the branch passes through a coordinated clause (a verb conjoined below
    ``word`` has arguments of its own: "reduces anxiety and reassures the population")."""
    at = [t.i for t in path]
    k = at.index(word.i)
    if not k or any(t.dep_ == "conj" and t.pos_ in ("VERB", "AUX") for t in path[:k]):
        return None
    return path[k - 1], sum(1 for t in path[:k] if t.dep_ not in ("conj", "cc", "appos"))


def _verb_roles(verb: Token, one: Token, other: Token, lexicon: CueLexicon) -> tuple[str | None, str | None]:
    """The roles ("cause", "effect" or None) of the arguments hanging on a cue verb by ``one`` and
    ``other``, by the verb's frame in the lexicon. Active: the subject is the cause, the object the
    effect if the verb takes one ("causes Y"; "attributed Y" takes none: its subject attributes), the
    object of the verb's particle the effect, or the cause where the particle reverses ("results from
    X", "is attributed to X"), and the means ("by leveling Z") a cause; a prepositional phrase the
    verb takes as no particle is a setting ("caused pneumonia | in monkeys"). Passive: the subject is
    the effect, the agent the cause."""
    lemma = verb.lemma_.lower()
    particles = dict(lexicon.particles.get(lemma, ()))
    passive = is_passive(verb)

    def role(arm: Token) -> str | None:
        if arm.dep_ in SUBJECT_DEPS:
            return "effect" if passive else "subject"
        if arm.dep_ == "agent" and passive:
            return "cause"
        if arm.dep_ == "prep":
            if passive and arm.lower_ in _agent_preps(lexicon):
                return "cause"
            if not passive and arm.lower_ == "by" and _means(arm):
                return "means"
            cue = particles.get(arm.lower_)
            if cue is None:
                return None
            return "cause" if cue.reverse else (None if passive else "effect")
        return "effect" if not passive and arm.dep_ in COMPLEMENT_DEPS and lemma in lexicon.verbs else None

    roles = [role(one), role(other)]
    if "subject" in roles:
        rest = roles[1 - roles.index("subject")]
        subject = {"effect": "cause", "cause": "effect"}.get(rest or "")
        roles = [subject if r == "subject" else r for r in roles]
    roles = ["cause" if r == "means" else r for r in roles]  # a means and a subject are both causes
    return roles[0], roles[1]


def _means(by: Token) -> bool:
    return any(c.dep_ == "pcomp" and c.tag_ == "VBG" for c in by.children)


def _agent_preps(lexicon: CueLexicon) -> frozenset[str]:
    return frozenset(lexicon.agent_preps) | frozenset(lexicon.fallback_agent_preps)


def _is_symmetric(word: Token, lexicon: CueLexicon) -> bool:
    lemma, lower = word.lemma_.lower(), word.lower_
    if lemma in lexicon.verbs and lexicon.verbs[lemma].relation == "correlational":
        return True
    particles = lexicon.particles.get(lemma, ())
    if particles and all(cue.relation == "correlational" for _, cue in particles):
        return True  # "associated with", "linked to"
    if lemma in lexicon.noun_frames and lexicon.noun_frames[lemma][0].relation == "correlational":
        return True
    return lower in lexicon.adjectives and lexicon.adjectives[lower][0].relation == "correlational"
