"""What a cue pattern finds: the cue and the head tokens of its cause and effect."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from spacy.tokens import Token

from causemap.graphbuilder.extractors.rules_heads import resolve_relative
from causemap.graphbuilder.extractors.rules_lexicon import Cue, CueLexicon

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


def through_compounds(matches: Sequence[CueMatch]) -> list[CueMatch]:
    """Other cues' arguments that are the cause of an unhyphenated compound stand for its effect.

    "Z protects against X induced Y" (written without the hyphen): the parser gives "against" the
    object X, but what Z protects against is Y, the compound's noun, as with "X-induced Y".
    """
    compounds = {
        m.causes[0].i: m.effects[0]
        for m in matches
        if m.rule == "hyphen" and len(m.causes) == 1 and m.cue.i == m.causes[0].i + 1
    }
    if not compounds:
        return list(matches)

    def noun(heads: tuple[Token, ...]) -> tuple[Token, ...]:
        return tuple(compounds.get(h.i, h) for h in heads)

    return [
        m if m.rule == "hyphen" else replace(m, causes=noun(m.causes), effects=noun(m.effects))
        for m in matches
    ]


def through_gerunds(matches: Sequence[CueMatch], lexicon: CueLexicon) -> list[CueMatch]:
    """An unsigned cue whose effect is a gerund of a signed cue verb relates its cause to the
    gerund's object, with the gerund's sign: "X plays a role in preventing Y" is X preventing Y
    (X -> Y, -), not X -> "preventing Y"."""
    out = []
    for m in matches:
        gerund = m.effects[0] if len(m.effects) == 1 else None
        entry = (
            lexicon.verbs.get(gerund.lemma_.lower()) if gerund is not None and gerund.tag_ == "VBG" else None
        )
        objects = tuple(c for c in gerund.children if c.dep_ == "dobj") if entry is not None else ()
        if m.polarity is not None or entry is None or entry.polarity is None or entry.objects or not objects:
            out.append(m)
            continue
        out.append(replace(m, cue_tokens=(*m.cue_tokens, gerund.i), effects=objects, polarity=entry.polarity))
    return out
