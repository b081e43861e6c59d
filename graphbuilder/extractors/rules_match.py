"""What a cue pattern finds: the cue and the head tokens of its cause and effect."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from causemap.graphbuilder.extractors.rules_heads import resolve_relative
from causemap.graphbuilder.extractors.rules_lexicon import Cue

VERB_POS = frozenset({"VERB", "AUX"})
NOUN_POS = frozenset({"NOUN", "PROPN"})


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


def cue_match(
    rule: str,
    cue: Token,
    cue_tokens,
    causes,
    effects,
    entry: Cue,
    inherited: bool = False,
    swap: bool = False,
) -> CueMatch | None:
    """The match of a cue, its arguments' relative pronouns resolved and its direction applied
    (``entry.reverse``, or ``swap`` for a construction that reverses it); None without both."""
    causes = tuple(resolve_relative(t) for t in causes if t is not None)
    effects = tuple(resolve_relative(t) for t in effects if t is not None)
    if entry.reverse != swap:
        causes, effects = effects, causes
    if not causes or not effects:
        return None
    return CueMatch(rule, cue, tuple(cue_tokens), causes, effects, entry.relation, entry.polarity, inherited)
