"""The word lists of verification, read from ``resources/verification.json``.

Who a text addresses, which verbs direct a reader, what marks a supposition or a quotation, which
verbs relate a thing to its kind: the words by which verification (``verification``) and its checks
(``verification_*``) refuse a claim. A few lists are the rules lexicon's own (``aim_nouns``,
``hyphen_participles``), so that the two read the same words. It stands alone so that every check can
take the lexicon's type without importing verification itself.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from causemap.graphbuilder.extractors.rules_lexicon import load_lexicon
from causemap.graphbuilder.verification_resources import verification_json


@dataclass(frozen=True)
class VerificationLexicon:
    """The word lists of ``resources/verification.json`` (see the file for what each means)."""

    addressee_words: frozenset[str]
    addressee_phrases: tuple[str, ...]
    addressee_markers: tuple[str, ...]
    message_nouns: frozenset[str]
    directive_verbs: frozenset[str]
    verb_only_directives: frozenset[str]  # of those, the ones English has no noun for ("conclude")
    obligation_modals: frozenset[str]
    obligation_adjectives: frozenset[str]
    undertaking_verbs: frozenset[str]  # "agrees to report": an infinitive the subject commits to
    demand_verbs: frozenset[str]  # "requires that X be entered": a clause asked for, not found
    aim_nouns: frozenset[str]  # "the aim is to report": the rules lexicon's non-assertive nouns
    hypothetical_markers: frozenset[str]
    hypothetical_openings: tuple[tuple[str, ...], ...]  # "provided that", "as long as": word by word
    hypothetical_verbs: frozenset[str]
    hypothetical_nouns: frozenset[str]
    quote_pairs: tuple[tuple[str, str], ...]
    mention_nouns: frozenset[str]
    hyphen_participles: frozenset[str]  # "induced" of "X-induced Y" (the rules lexicon's)
    argument_preps: frozenset[str]  # prepositions marking a verb's argument, not a setting
    kind_verbs: frozenset[str]  # verbs relating a thing to its class, parts or name
    predisposition_nouns: frozenset[str]  # "a genetic predisposition to Y": what disposes to Y
    processing_verbs: frozenset[str]  # verbs of processing text: "parser", "indexing", "readers"
    processing_products: frozenset[str]  # what processing makes of a text: "summary", "output"
    processors: frozenset[str]  # machines that process a text: "machines", "software"


@lru_cache(maxsize=1)
def load_verification_lexicon() -> VerificationLexicon:
    """The packaged verification lexicon (read once)."""
    data = verification_json()
    return VerificationLexicon(
        addressee_words=frozenset(data["addressees"]["words"]),
        addressee_phrases=tuple(data["addressees"]["phrases"]),
        addressee_markers=tuple(data["addressees"]["markers"]),
        message_nouns=frozenset(data["addressees"]["message_nouns"]),
        directive_verbs=frozenset(data["directive_verbs"]["words"]),
        verb_only_directives=frozenset(data["directive_verbs"]["verb_only"]),
        obligation_modals=frozenset(data["obligation_modals"]),
        obligation_adjectives=frozenset(data["obligation_adjectives"]["words"]),
        undertaking_verbs=frozenset(data["undertaking_verbs"]["words"]),
        demand_verbs=frozenset(data["demand_verbs"]["words"]),
        aim_nouns=frozenset(load_lexicon().non_assertive_nouns),
        hypothetical_markers=frozenset(data["hypothetical"]["markers"]),
        hypothetical_openings=tuple(tuple(p.split()) for p in data["hypothetical"]["openings"]),
        hypothetical_verbs=frozenset(data["hypothetical"]["verbs"]),
        hypothetical_nouns=frozenset(data["hypothetical"]["nouns"]),
        quote_pairs=tuple(tuple(pair) for pair in data["quotes"]["pairs"]),  # type: ignore[misc]
        mention_nouns=frozenset(data["quotes"]["mention_nouns"]),
        hyphen_participles=frozenset(load_lexicon().hyphen_participles),
        argument_preps=frozenset(data["verb_frames"]["argument_preps"]),
        kind_verbs=frozenset(data["verb_frames"]["kind_verbs"]),
        predisposition_nouns=frozenset(data["predisposition_nouns"]["words"]),
        processing_verbs=frozenset(data["processing_verbs"]["words"]),
        processing_products=frozenset(data["processing_verbs"]["products"]),
        processors=frozenset(data["processing_verbs"]["processors"]),
    )
