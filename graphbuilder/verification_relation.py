"""Does the sentence relate cause and effect? By the rules extractor's cues, read from the same parse.

A claim's cause and effect are related when a cue of the rules lexicon (``resources/causal_cues.json``,
found by ``rules_patterns.find_cues`` and the association frame "Y in patients with X") takes them as its
arguments: each argument's head is one the cue names, a conjunct or example of it, or the variable it
frames ("levels of X", "patients with X"). A causal cue relates them in its own direction only ("X causes
Y" makes no claim that Y causes X); a correlational one in either.

The cue finder reads the arguments a cue's grammar gives it; where the small parse attaches them
elsewhere, a cue word on the dependency path between the two phrases, governing both within a few
edges, relates them too (``verification_paths``: the arguments must then stand on opposite sides of
it, subject and object, or the two complements of a cue noun). Which tokens stand for a cue's argument
head is ``verification_members``'s. Verbs that are no cue ("The cohort was followed for ten years")
relate nothing: a subject and an object of any verb are no cause-effect claim.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from causemap.graphbuilder.extractors.rules_arguments import setting_matches
from causemap.graphbuilder.extractors.rules_lexicon import CueLexicon, load_lexicon
from causemap.graphbuilder.extractors.rules_patterns import find_cues
from causemap.graphbuilder.verification_members import argument_members
from causemap.graphbuilder.verification_paths import cue_on_path, is_symmetric


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
                causes=argument_members(match.causes, lexicon),
                effects=argument_members(match.effects, lexicon),
                symmetric=match.relation == "correlational",
            )
        )
    for prep, group, definer, outcome in setting_matches(doc, lexicon):
        readings.append(
            CueReading(
                cue=group,
                cue_tokens=frozenset({prep.i, group.i}),
                causes=argument_members((definer,), lexicon),
                effects=argument_members((outcome,), lexicon),
                symmetric=True,
            )
        )
    return readings


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
    return cue_on_path(cause, effect, load_lexicon())


def relates_as_association(cue: Token, readings: Iterable[CueReading], lexicon: CueLexicon) -> bool:
    """Whether the relating word ``relating_cue`` found is correlational ("associated with", "linked
    to", "Y in patients with X"): it relates the two without saying that one acts on the other."""
    own = [r.symmetric for r in readings if r.cue.i == cue.i]
    return any(own) if own else is_symmetric(cue, lexicon)  # a cue read in its frame, else its word


def _stands_for(span: Span, heads: frozenset[int]) -> bool:
    """Whether ``span`` is (or holds, as its head or a member) one of a cue's argument heads. Every
    root of a span that passed as one phrase counts as its head: the parse broke the phrase up
    ("the cause of patients | ’ lymphopenia", the possessive hung as an apposition of "cause")."""
    return any(t.i in heads for t in span)
