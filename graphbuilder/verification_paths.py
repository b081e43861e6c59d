"""The second route of ``verification_relation``: a cue word on the dependency path between two phrases.

Where the rules' cue finder attaches a cue's arguments elsewhere than the claim's, a cue word governing
both within a few edges relates them, with the arguments in the roles of its frame (subject and object,
passive subject and agent, a particle's object, the means "by doing Z"); a cue verb with no subject of
its own relates what controls it ("X is an approach for treating Y", "X was shown to reduce Y"); a cue
participle modifying the effect relates its agent ("the infection caused by X").
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Span, Token

from causemap.graphbuilder.extractors.rules_heads import SUBJECT_DEPS, copular_subject, is_passive, subject_of
from causemap.graphbuilder.extractors.rules_lexicon import CueLexicon
from causemap.graphbuilder.verification_members import argument_members
from causemap.graphbuilder.verification_phrases import chain, head_of

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


def cue_on_path(cause: Span, effect: Span, lexicon: CueLexicon) -> Token | None:
    """The cue word by which the parse relates ``cause`` to ``effect`` (in that direction), or None."""
    return (
        _cue_on_path(cause, effect, lexicon)
        or _controlled_cue(cause, effect, lexicon)
        or _participle_cue(cause, effect, lexicon)
    )


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
    particle = next((a.lower_ for a in (c_arm, e_arm) if a.dep_ == "prep"), None)
    symmetric = is_symmetric(lca, lexicon, particle)
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
        elif word.pos_ != "VERB" or not is_cue_word(word, lexicon) or is_symmetric(word, lexicon):
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
        found |= argument_members((top,), lexicon)
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
    if not (is_symmetric(verb, lexicon, prep.lower_) or prep.lower_ in lexicon.agent_preps):
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


def is_symmetric(word: Token, lexicon: CueLexicon, particle: str | None = None) -> bool:
    """Whether ``word`` relates its arguments without direction (a correlational cue). A verb with a
    particle of its own (``particle``, "increases with") is read in that particle's frame; without
    one, in its own ("X increases Y" is causal, though "Y increases with X" is not)."""
    lemma, lower = word.lemma_.lower(), word.lower_
    particles = lexicon.particles.get(lemma, ())
    framed = dict(particles).get(particle) if particle is not None else None
    if framed is not None:
        return framed.relation == "correlational"
    if lemma in lexicon.verbs and word.pos_ in ("VERB", "AUX"):
        return lexicon.verbs[lemma].relation == "correlational"
    if lemma in lexicon.verbs and lexicon.verbs[lemma].relation == "correlational":
        return True
    if particles and all(cue.relation == "correlational" for _, cue in particles):
        return True  # "associated with", "linked to"
    if lemma in lexicon.noun_frames and lexicon.noun_frames[lemma][0].relation == "correlational":
        return True
    return lower in lexicon.adjectives and lexicon.adjectives[lower][0].relation == "correlational"
