"""Verification a model cannot talk past: is the claim one the sentence itself makes?

Every extractor's claims pass through ``verify_sentences`` (called by ``extractors.base.read_candidates``,
the one function every extraction path shares). The sentence is parsed by the same spaCy pipeline the
rules extractor uses, and a claim is kept only when

1. cause and effect are distinct, non-overlapping whole noun phrases of the sentence: each headed by a
   noun or name (or a gerund with its object: "installing incinerators"), with none of its head's
   premodifiers left out ("cancer" of "lung cancer" is no phrase; "lung cancer" is) and no phrase cut
   in its middle ("cancer in" is none); a modifier given alone ("increased" of "increased stress") is
   widened to the phrase it modifies;
2. the sentence relates them: a cue of the rules lexicon takes them as its arguments, in its direction
   for a causal cue (``verification_relation``), or a construction does ("To reduce Y, use X", "seasonal
   variation in Y": ``verification_constructions``), or, kept as an association, a verb's own frame
   (``verification_frames``);
3. the relating words are not quoted, not under a supposition, and not an instruction
   (``verification_refusals``).

A claim refused where its arguments were placed is tried again at their other occurrences
(``verification_placements``). The word lists are in ``verification_lexicon``.

These are checks of form. A claim that passes can still be a wrong reading; one that fails is not a
claim this sentence makes, whoever proposed it.
"""

from __future__ import annotations

import re
import threading
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace

from spacy.tokens import Doc, Span, Token

from causemap.graphbuilder.extractors.base import ExtractedRelation, Mention
from causemap.graphbuilder.extractors.rules_evidence_denials import evidence_denied
from causemap.graphbuilder.extractors.rules_lexicon import CueLexicon, load_lexicon
from causemap.graphbuilder.extractors.rules_modality import governing_chain, is_hedged, is_negated
from causemap.graphbuilder.verification_assertion_context import unasserted
from causemap.graphbuilder.verification_constructions import (
    compared_groups,
    construction_readings,
    recommended_action,
)
from causemap.graphbuilder.verification_frames import controlled_frame, verb_frame
from causemap.graphbuilder.verification_identifiers import cut_from_identifier
from causemap.graphbuilder.verification_lexicon import VerificationLexicon, load_verification_lexicon
from causemap.graphbuilder.verification_mentions import named_as_content, quoted_stretches
from causemap.graphbuilder.verification_obligations import judging_verbs
from causemap.graphbuilder.verification_phrases import argument_phrase, chain, head_of, trimmed
from causemap.graphbuilder.verification_placements import mention_span, names_something, other_placements
from causemap.graphbuilder.verification_refusals import addresses_reader, refusal
from causemap.graphbuilder.verification_relation import cue_readings, relates_as_association, relating_cue
from causemap.graphbuilder.verification_sentences import sentence_refusal

REASONS = (
    "same_arguments",  # cause and effect are the same words
    "overlapping",  # one contains the other, or they share words
    "not_a_phrase",  # an argument is no whole noun phrase (a bare verb, a determiner, part of a name)
    "unrelated",  # no cue of the sentence relates the two, in the claimed direction
    "quoted",
    "hypothetical",
    "instruction",
    "not_english",  # the sentence is, in part, in another language: its frame cannot be read
    "markup",  # typesetting or markdown, not prose
    "metadata",  # a field of terms ("Keywords: ...; ..."), no finding
    "not_asserted",  # the claim's clause is embedded under a word that asserts nothing ("he wrote that")
)

_PARSE_LOCK = threading.Lock()  # one spaCy pipeline, shared by threads (papers read in parallel)
# A Roman numeral after a noun of kind or order is part of the name ("type I interferon", "class II
# antigens", "phase III trial"); the small parse reads "I" as the pronoun, even as the root of a second
# sentence, so no phrase holds the name. Verification parses a copy with such numerals written in
# digits of the same length: every offset stays, and kept mentions take their text from the sentence.
_NAMED_NUMERAL = re.compile(r"\b((?i:type|class|phase|grade|stage|complex)\s+)(I{1,3}|IV|VI{0,3}|IX|X)\b")


def text_to_parse(sentence: str) -> str:
    """``sentence`` with Roman numerals of names in digits (same length), for the parse only."""
    return _NAMED_NUMERAL.sub(lambda m: m.group(1) + "1" * len(m.group(2)), sentence)


@dataclass
class Verified:
    """Claims kept per sentence, and how many were refused for each reason."""

    relations: list[list[ExtractedRelation]]
    refused: Counter = field(default_factory=Counter)


def verify_sentences(
    sentences: Sequence[str],
    relations: Sequence[Sequence[ExtractedRelation]],
    *,
    found_by_parse: bool = False,
) -> Verified:
    """Keep the claims each sentence makes (see the module docstring); parse only sentences with claims.

    ``found_by_parse``: the claims were read from this same parse by the rules extractor's cues, which
    is itself the evidence that the sentence relates the two phrases; checks 1 and 2 are then not
    repeated (a second, simpler reading of the parse would only lose lists and settings the rules
    read), and only check 3 (quoted, hypothetical, instruction) applies."""
    out = Verified(relations=[[] for _ in sentences])
    todo = [i for i, found in enumerate(relations) if found]
    if not todo:
        return out
    from causemap.graphbuilder.extractors.rules import load_spacy

    lexicon = load_verification_lexicon()
    with _PARSE_LOCK:
        docs = list(load_spacy().pipe(text_to_parse(sentences[i]) for i in todo))
    for i, doc in zip(todo, docs, strict=True):
        kept, refused = verify_in_doc(
            doc, relations[i], lexicon, found_by_parse=found_by_parse, text=sentences[i]
        )
        out.relations[i] = kept
        out.refused.update(refused)
    return out


def verify_in_doc(
    doc: Doc,
    relations: Iterable[ExtractedRelation],
    lexicon: VerificationLexicon | None = None,
    *,
    found_by_parse: bool = False,
    text: str | None = None,
) -> tuple[list[ExtractedRelation], Counter]:
    """The claims ``doc`` makes among ``relations`` (widened where an argument was a bare modifier).
    ``text``: the sentence as written, when ``doc`` parses a copy of it (``text_to_parse``)."""
    lexicon = lexicon or load_verification_lexicon()
    text = doc.text if text is None else text
    kept: list[ExtractedRelation] = []
    refused: Counter = Counter()
    context = _Context(doc, lexicon, text)
    for relation in relations:
        verdict = _verify(context, relation, found_by_parse)
        if isinstance(verdict, str) and not found_by_parse and names_something(doc, relation):
            for placed in other_placements(text, relation):
                again = _verify(context, placed, found_by_parse)
                if not isinstance(again, str):
                    verdict = again
                    break
        if isinstance(verdict, str):
            refused[verdict] += 1
        else:
            kept.append(verdict)
    return kept, refused


class _Context:
    """What every claim of one sentence is checked against, worked out once."""

    def __init__(self, doc: Doc, lexicon: VerificationLexicon, text: str) -> None:
        self.doc, self.lexicon, self.text = doc, lexicon, text
        self.addressed = addresses_reader(doc, lexicon)
        self.quotes = quoted_stretches(doc.text, lexicon.quote_pairs)
        self.cues = load_lexicon()
        self.readings = cue_readings(doc) + construction_readings(
            doc, self.cues, lexicon.directive_verbs, lexicon.predisposition_nouns
        )
        self.copular_nouns = self.cues.copular_nouns
        self.unverifiable = sentence_refusal(doc, lexicon)  # refuses every claim of the sentence

    def refusal(self, cause: Span, effect: Span, predicate: Token, named: bool) -> str | None:
        judged = judging_verbs(cause, effect, self.cues)
        return self.unverifiable or refusal(
            cause, effect, predicate, self.lexicon, self.addressed, self.quotes, named=named, judged=judged
        )


def _verify(context: _Context, relation: ExtractedRelation, found_by_parse: bool) -> ExtractedRelation | str:
    if _normal(relation.cause.text) == _normal(relation.effect.text):
        return "same_arguments"
    cause, effect = mention_span(context.doc, relation.cause), mention_span(context.doc, relation.effect)
    if (
        cause is None
        or effect is None
        or _cut(context.doc, relation.cause)
        or _cut(context.doc, relation.effect)
    ):
        return "not_a_phrase"
    if _overlap(cause, effect):
        return "overlapping"
    # the arguments as proposed: a noun of saying right before them names them as its content
    named = named_as_content(min(cause, effect, key=lambda span: span.start), context.lexicon)
    if found_by_parse:
        # The rules' own reading: its relating word is its cue, else the nearest word above both.
        predicate = relating_cue(cause, effect, context.readings, path=False) or _governor(cause, effect)
        return context.refusal(cause, effect, predicate, named) or relation
    participles = context.lexicon.hyphen_participles
    if recommended_action(cause, context.lexicon.directive_verbs):
        # "To reduce Y, use X": the recommended action, no noun phrase, is the cause in that frame only
        cause, effect = trimmed(cause), argument_phrase(effect, cause, participles)
    else:
        cause, effect = (
            argument_phrase(cause, effect, participles) or _named_dimension(cause, context),
            argument_phrase(effect, cause, participles) or _named_dimension(effect, context),
        )
    if cause is None or effect is None or _names_a_role(cause, context) or _names_a_role(effect, context):
        return "not_a_phrase"
    if _overlap(cause, effect) or _complement_of(cause, effect) or _complement_of(effect, cause):
        return "overlapping"
    if _alias_of(cause, effect) or _alias_of(effect, cause):
        return "same_arguments"
    predicate = relating_cue(cause, effect, context.readings)
    signed = predicate is not None
    association = signed and relates_as_association(predicate, context.readings, context.cues)
    if predicate is None:
        # A verb that is no cue relates the two, but says neither that one acts on the other nor how.
        predicate = verb_frame(cause, effect, context.cues, context.lexicon) or controlled_frame(
            cause, effect, context.cues, context.lexicon
        )
        association = True
    if predicate is None:
        return "unrelated"
    # a model's claim must also stand where the sentence asserts it; the rules' own claims are not
    # held to this (on BioRED abstracts it refused 73 of 4,103 of their readings, long result sentences
    # whose later clauses the parse hangs as complements)
    refused = context.refusal(cause, effect, predicate, named) or unasserted(predicate)
    if refused:
        return refused
    kept = replace(relation, cause=_mention(cause, context.text), effect=_mention(effect, context.text))
    return _as_stated(kept, predicate, context.cues, association=association, signed=signed)


def _as_stated(
    relation: ExtractedRelation, predicate: Token, cues: CueLexicon, *, association: bool, signed: bool
) -> ExtractedRelation:
    """The claim as strong as the sentence states it, whatever the model said: an association where
    the relating words are correlational ("associated with", or a verb that is no cue), denied where
    they are negated ("did not reduce", "no association"), hedged where they are ("may reduce"), and
    unsigned where they carry no sign or the model's sign was its denial's."""
    negated = is_negated(predicate, cues) or evidence_denied(predicate, cues)
    hedged = relation.hedged or is_hedged(governing_chain(predicate), cues)
    if negated:
        polarity = "0"
    else:
        polarity = relation.polarity if signed and not relation.negated else None
    kind = "correlational" if association else relation.relation
    return replace(relation, relation=kind, polarity=polarity, negated=negated, hedged=hedged)


def _governor(cause: Span, effect: Span) -> Token:
    """The lowest word above both arguments' heads (the sentence's root at worst)."""
    up = chain(head_of(cause))
    above_effect = {t.i for t in chain(head_of(effect))}
    return next((t for t in up if t.i in above_effect), up[-1])


def _named_dimension(argument: Span, context: _Context) -> Span | None:
    """ "sex" of "a sex predisposition to Y" or of "sex differences in Y": a noun modifier that a
    construction reads as what the outcome varies with (its cue the preposition) names that variable
    by itself, though a noun modifier alone is otherwise no phrase ("lung" of "lung cancer")."""
    argument = trimmed(argument)
    if len(argument) != 1 or argument[0].dep_ != "compound":
        return None
    token = argument[0]
    return argument if any(r.cue.pos_ == "ADP" and token.i in r.causes for r in context.readings) else None


def _names_a_role(argument: Span, context: _Context) -> bool:
    """ "a major cause", "a risk factor": a noun that names the role one argument plays for another
    (the lexicon's copular nouns, where the sentence uses it as a cue) is the relation, not a variable."""
    head = head_of(argument)
    return head.lemma_.lower() in context.copular_nouns and any(r.cue.i == head.i for r in context.readings)


def _complement_of(inner: Span, outer: Span) -> bool:
    """ "genetic diversity" of "accumulation of genetic diversity": the of-complement of the other
    argument's head is part of that argument's phrase, not a second variable."""
    head = head_of(inner)
    if head.i in {g.i for g in compared_groups(head_of(outer))}:
        return False  # "the rates of A and B": one measure of each group, compared
    return head.dep_ == "pobj" and head.head.lower_ == "of" and head.head.head.i == head_of(outer).i


def _alias_of(alias: Span, named: Span) -> bool:
    """ "severe acute respiratory syndrome (SARS)": a bracketed phrase right after the other argument
    names the same thing (closing quotation marks may stand between)."""
    doc = alias.doc
    between = doc[named.end : alias.start]
    return (
        alias.start >= named.end
        and any(t.text in ("(", "[") for t in between)
        and all(t.is_punct for t in between)
        and alias.end < len(doc)
        and doc[alias.end].text in (")", "]")
    )


def _cut(doc: Doc, mention: Mention) -> bool:
    """Whether the mention is a piece of a string written without spaces: an identifier's, or a word's."""
    return cut_from_identifier(doc, mention.start, mention.end)


def _overlap(a: Span, b: Span) -> bool:
    return a.start < b.end and b.start < a.end


def _normal(text: str) -> str:
    return " ".join(text.lower().split())


def _mention(span: Span, text: str) -> Mention:
    return Mention(text=text[span.start_char : span.end_char], start=span.start_char, end=span.end_char)
