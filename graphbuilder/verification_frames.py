"""A verb that is no cue still relates its subject to its object: the sentence's own frame.

The cue lexicon lists the verbs that say how one thing acts on another ("X reduces Y"); a sentence
also relates two things by any verb whose subject is one and whose object, or the object of one of
the prepositions that mark a verb's argument ("presented with", "limited to", "responded to"), is the
other: "Health workers became anxious", "Patients presented with fever". Such a frame says that the two
go together, not that one acts on the other, so a claim kept by it is kept as correlational, unsigned
(see ``graphbuilder.verification``). The frame is narrow on purpose, as random pairs of a sentence's
words show (benchmarks/llm_verification.py): the cause heads the verb's subject (or its agent, the
effect then its passive subject), or is the noun its participle or relative clause modifies ("patients
presented with fever"), the effect heads its object, each directly or as a conjunct, and

- the verb is a lexical verb: not one of kind, membership, composition or naming ("a virus belonging
  to the coronavirus family"; ``resources/verification.json``), not a cue (a cue verb's frame is the
  lexicon's: "attributed Y to X" makes no claim that its subject causes Y), not the copula "be"
  (identity, not relation), not a verb of research or report ("show", "suggest", "examine": the rules
  lexicon's finding, hedging, reporting and non-assertive verbs, whose object is what was found or
  studied);
- no argument is a research noun or a placeholder ("the study", "these data", "factors": the rules
  lexicon's vague arguments) or an amount of time or measure ("for ten years");
- a prepositional object counts only after a preposition that marks an argument; "in", "at",
  "during", "for", "after" ... mark a setting ("The cohort was followed for ten years").
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Span, Token

from causemap.graphbuilder.extractors.rules_arguments import is_population
from causemap.graphbuilder.extractors.rules_heads import (
    RELATIVE_PRONOUNS,
    SUBJECT_DEPS,
    children_with,
    is_passive,
)
from causemap.graphbuilder.extractors.rules_lexicon import CueLexicon
from causemap.graphbuilder.verification_paths import controlled_verb, is_cue_word
from causemap.graphbuilder.verification_phrases import head_of, premodifier_conjunct, range_start

if TYPE_CHECKING:
    from causemap.graphbuilder.verification import VerificationLexicon

# Deps by which a verb's object hangs on it ("acomp": a predicative adjective, "became anxious").
OBJECT_DEPS = frozenset({"dobj", "attr", "oprd", "dative", "acomp"})
# How a verb without a subject of its own shares its governor's: "X was associated with A and
# improved B", "X seems to protect Y".
SHARED_SUBJECT_DEPS = frozenset({"conj", "xcomp"})
# The words of a noun's prepositional modifier, on which the parse may hang a clause that modifies
# the noun itself.
LOW_ATTACHMENT_DEPS = frozenset({"prep", "pobj", "nummod", "compound", "amod", "conj", "appos"})
# A conjunct or apposition stands where its first conjunct does ("A and B became anxious").
MEMBER_DEPS = frozenset({"conj", "appos"})


def verb_frame(cause: Span, effect: Span, lexicon: CueLexicon, words: VerificationLexicon) -> Token | None:
    """The verb whose subject (or agent) is ``cause`` and whose object is ``effect``, or None."""
    argument_preps = words.argument_preps
    effect_arm = _arm(head_of(effect), argument_preps)
    if effect_arm is None:
        return None
    verb, effect_role = effect_arm
    for cause_verb, cause_role in _cause_arms(head_of(cause), argument_preps):
        if (cause_role, effect_role) == ("agent", "subject") and cause_verb.i == verb.i and is_passive(verb):
            break
        if (cause_role, effect_role) == ("subject", "object") and _shares_subject(verb, cause_verb):
            break
    else:
        return None
    if verb.lemma_.lower() in words.kind_verbs:
        return None
    if not (_relating_verb(verb, lexicon) or _group_has(verb, head_of(cause), effect_role, lexicon)):
        return None
    if any(_names_no_variable(head_of(span), lexicon) for span in (cause, effect)):
        return None
    return verb


def controlled_frame(
    cause: Span, effect: Span, lexicon: CueLexicon, words: VerificationLexicon
) -> Token | None:
    """ "X may be an effective solution for managing Y", "X helps to manage Y": a verb that is no cue,
    without a subject of its own, whose object is the effect and which the cause controls (the same
    control a cue verb takes: ``verification_relation.controlled_verb``)."""

    def relates(verb: Token) -> bool:
        return _relating_verb(verb, lexicon) and verb.lemma_.lower() not in words.kind_verbs

    if any(_names_no_variable(head_of(span), lexicon) for span in (cause, effect)):
        return None
    return controlled_verb(cause, effect, lexicon, relates)


def _first_member(head: Token) -> Token:
    """The word a conjunct, an apposition or the end of a range "from A to B" stands for."""
    while True:
        if head.dep_ in MEMBER_DEPS and head.head.i != head.i and head.head.pos_ not in ("VERB", "AUX"):
            head = head.head
        elif premodifier_conjunct(head):
            head = head.head
        elif (start := range_start(head)) is not None:
            head = start
        else:
            return head


def _cause_arms(head: Token, argument_preps: frozenset[str]) -> list[tuple[Token, str]]:
    """The verbs of which the cause's head is the subject or agent: by its own dep, or as the noun a
    participle or relative clause modifies ("patients presented with fever", "patients who
    reported pain"), which is that clause's subject."""
    arm = _arm(head, argument_preps)
    arms = [arm] if arm is not None else []
    noun = _first_member(head)
    for clause in noun.subtree:
        if clause.pos_ != "VERB" or clause.i < noun.i or not _modifies(clause, noun):
            continue
        subjects = children_with(clause, SUBJECT_DEPS)
        if clause.dep_ == "acl" and not subjects:
            arms.append((clause, "subject"))
        elif clause.dep_ == "relcl" and subjects and subjects[0].lower_ in RELATIVE_PRONOUNS:
            arms.append((clause, "subject"))
    return arms


def _modifies(clause: Token, noun: Token) -> bool:
    """Whether a clause hangs on ``noun``, or on the last word of a prepositional phrase modifying it
    ("patients with COVID-19 | presented with fever"): the small parse attaches a reduced relative
    low, to the nearest word, where it may as well close the whole phrase."""
    token = clause.head
    while token.i != noun.i:
        if token.dep_ not in LOW_ATTACHMENT_DEPS or token.head.i == token.i:
            return False
        token = token.head
    before = [t.i for t in noun.subtree if t.i < clause.left_edge.i]
    return bool(before) and clause.left_edge.i - 1 <= max(before)  # none: the clause holds the noun


def _arm(head: Token, argument_preps: frozenset[str]) -> tuple[Token, str] | None:
    """The verb an argument's head belongs to, and as what: subject, object or agent."""
    head = _first_member(head)
    dep, governor = head.dep_, head.head
    if dep in SUBJECT_DEPS:
        return governor, "subject"
    if dep in OBJECT_DEPS:
        return governor, "object"
    if dep == "pobj" and governor.dep_ == "agent":
        return governor.head, "agent"
    if dep == "pobj" and governor.dep_ == "prep" and governor.lower_ in argument_preps:
        return governor.head, "object"
    return None


def _shares_subject(verb: Token, subject_verb: Token) -> bool:
    """Whether ``verb`` is ``subject_verb`` or, having no subject of its own, shares its subject."""
    while verb.i != subject_verb.i:
        if verb.dep_ not in SHARED_SUBJECT_DEPS or children_with(verb, SUBJECT_DEPS):
            return False
        if verb.head.i == verb.i:
            return False
        verb = verb.head
    return True


def _relating_verb(verb: Token, lexicon: CueLexicon) -> bool:
    lemma = verb.lemma_.lower()
    if verb.pos_ != "VERB" or lemma == "be" or is_cue_word(verb, lexicon):
        return False  # a cue verb's frame is the lexicon's (``verification_relation``), not this one
    research = (
        lexicon.finding_verbs | lexicon.hedge_verbs | lexicon.reporting_verbs | lexicon.non_assertive_verbs
    )
    return lemma not in research


def _group_has(verb: Token, cause_head: Token, effect_role: str, lexicon: CueLexicon) -> bool:
    """ "Most patients ... demonstrated bilateral mottling", "the mice showed weight loss": a verb by
    which a group has something (the rules lexicon's comparison verbs: have, show, exhibit, develop,
    ...) relates a population subject to its object. With a research subject ("the study showed X",
    "we demonstrated X") the same verbs report a finding, and relate nothing."""
    lemma = verb.lemma_.lower()
    if verb.pos_ != "VERB" or lemma not in lexicon.comparison_verbs or effect_role != "object":
        return False
    group = _first_member(cause_head)
    # a plural proper noun names a people ("Christians", "Asians"), whatever the lexicon lists
    return is_population(group, lexicon) or group.tag_ == "NNPS"


def _names_no_variable(head: Token, lexicon: CueLexicon) -> bool:
    """A research noun or placeholder ("the study", "factors"), a number, or an amount ("ten years");
    not a noun of amount framing its of-complement ("varying degrees of severity" names severity)."""
    words = {head.lemma_.lower(), head.lower_}
    if head.like_num or words & lexicon.vague_arguments:
        return True
    framed = any(c.dep_ == "prep" and c.lower_ == "of" and children_with(c, ("pobj",)) for c in head.children)
    return bool(words & lexicon.quantity_nouns) and not framed
