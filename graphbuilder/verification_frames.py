"""A verb that is no cue still relates its subject to its object: the sentence's own frame.

The cue lexicon lists the verbs that say how one thing acts on another ("X reduces Y"); a sentence
also relates two things by any verb whose subject is one and whose object, or the object of one of
the prepositions that mark a verb's argument ("presented with", "limited to", "responded to"), is the
other: "Health workers became anxious", "Patients presented with fever". Such a frame says that the two
go together, not that one acts on the other, so a claim kept by it is kept as correlational, unsigned
(see ``graphbuilder.verification``). The frame is narrow on purpose, as random pairs of a sentence's
words show (benchmarks/llm_verification.py): the cause heads the verb's subject (or its agent, the
effect then its passive subject), the effect heads its object, each directly or as a conjunct, and

- the verb is a lexical verb, not a cue (a cue verb's frame is the lexicon's: "attributed Y to X"
  makes no claim that its subject causes Y), not the copula "be" (identity, not relation), not a verb
  of research or report ("show", "suggest", "examine": the rules lexicon's finding, hedging, reporting
  and non-assertive verbs, whose object is what was found or studied);
- no argument is a research noun or a placeholder ("the study", "these data", "factors": the rules
  lexicon's vague arguments) or an amount of time or measure ("for ten years");
- a prepositional object counts only after a preposition that marks an argument; "in", "at",
  "during", "for", "after" ... mark a setting ("The cohort was followed for ten years").
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from causemap.graphbuilder.extractors.rules_heads import SUBJECT_DEPS, children_with, is_passive
from causemap.graphbuilder.extractors.rules_lexicon import CueLexicon
from causemap.graphbuilder.verification_phrases import head_of, range_start
from causemap.graphbuilder.verification_relation import is_cue_word

# Deps by which a verb's object hangs on it ("acomp": a predicative adjective, "became anxious").
OBJECT_DEPS = frozenset({"dobj", "attr", "oprd", "dative", "acomp"})
# How a verb without a subject of its own shares its governor's: "X was associated with A and
# improved B", "X seems to protect Y".
SHARED_SUBJECT_DEPS = frozenset({"conj", "xcomp"})
# A conjunct or apposition stands where its first conjunct does ("A and B became anxious").
MEMBER_DEPS = frozenset({"conj", "appos"})


def verb_frame(
    cause: Span, effect: Span, lexicon: CueLexicon, argument_preps: frozenset[str]
) -> Token | None:
    """The verb whose subject (or agent) is ``cause`` and whose object is ``effect``, or None."""
    cause_arm, effect_arm = _arm(head_of(cause), argument_preps), _arm(head_of(effect), argument_preps)
    if cause_arm is None or effect_arm is None:
        return None
    (cause_verb, cause_role), (verb, effect_role) = cause_arm, effect_arm
    if (cause_role, effect_role) == ("agent", "subject") and cause_verb.i == verb.i and is_passive(verb):
        pass
    elif cause_role != "subject" or effect_role != "object" or not _shares_subject(verb, cause_verb):
        return None
    if not _relating_verb(verb, lexicon):
        return None
    if any(_names_no_variable(head_of(span), lexicon) for span in (cause, effect)):
        return None
    return verb


def _arm(head: Token, argument_preps: frozenset[str]) -> tuple[Token, str] | None:
    """The verb an argument's head belongs to, and as what: subject, object or agent."""
    while True:
        if head.dep_ in MEMBER_DEPS and head.head.i != head.i and head.head.pos_ not in ("VERB", "AUX"):
            head = head.head
        elif (start := range_start(head)) is not None:
            head = start  # B of "from A to B" stands where A does
        else:
            break
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


def _names_no_variable(head: Token, lexicon: CueLexicon) -> bool:
    words = {head.lemma_.lower(), head.lower_}
    return head.like_num or bool(words & (lexicon.vague_arguments | lexicon.quantity_nouns))
