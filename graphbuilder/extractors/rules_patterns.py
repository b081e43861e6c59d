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
clauses are read by their own cues. This module walks the sentence and hands each word to its
pattern; the patterns on verbs are in :mod:`rules_verb_cues`, those on relation nouns in
:mod:`rules_noun_cues`, those on adjectives, hyphens and connectives in :mod:`rules_modifier_cues`.
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Doc, Token

from causemap.graphbuilder.extractors.rules_heads import preposition_objects
from causemap.graphbuilder.extractors.rules_lexicon import CueLexicon
from causemap.graphbuilder.extractors.rules_match import NOUN_POS, VERB_POS, CueMatch, cue_match
from causemap.graphbuilder.extractors.rules_modifier_cues import (
    CONNECTIVE_CUE,
    adjective_cue,
    connective_cue,
    hyphen_cue,
)
from causemap.graphbuilder.extractors.rules_noun_cues import copular_noun_cue, noun_frame_cue
from causemap.graphbuilder.extractors.rules_repairs import (
    coordinated_misread_verb,
    coordinated_misread_verb_arguments,
    is_direction_word,
    misread_particle_verb,
    misread_present_verb,
    object_after_preposition,
    opens_with_cue_participle,
    participle_cue,
    prefixed_lemma,
    verbless_arguments,
)
from causemap.graphbuilder.extractors.rules_spans import split_coordination
from causemap.graphbuilder.extractors.rules_verb_cues import adjectival_verb_cue, particle_cue, verb_cue
from causemap.graphbuilder.extractors.rules_verbless import verbless_cues

__all__ = ["CueMatch", "find_cues"]


def _acts_as_verb(token: Token) -> bool:
    """A word the tagger got wrong but the parser read as a verb: it has a subject and a direct
    object ("Mutations in KCNQ1 underlie long QT syndrome" with "underlie" tagged an adjective)."""
    deps = {c.dep_ for c in token.children}
    return "nsubj" in deps and "dobj" in deps


def find_cues(doc: Doc, lexicon: CueLexicon) -> Iterator[CueMatch]:
    """Every cue in a parsed sentence with its argument heads."""
    matches = [*_token_cues(doc, lexicon), *verbless_cues(doc, lexicon)]
    yield from matches
    yield from _coordinated_participles(matches, lexicon)


def _coordinated_participles(matches: list[CueMatch], lexicon: CueLexicon) -> Iterator[CueMatch]:
    """'X enhanced A, and antagonized B and C' parsed as one list of objects: the conjunct that opens
    with a signed cue participle, which ``argument_heads`` leaves out of the first verb's objects, is
    the object of a second verb of the same subject, as is what follows; so is a noun coordinated with
    the verb itself ("X potentiated A, and antagonized B"). Not in a passive's subject, before it."""
    cues = {m.cue.i for m in matches}
    for match in matches:
        if match.rule != "verb":
            continue
        verb_conjuncts = [c for c in match.cue.children if c.dep_ == "conj" and c.pos_ in NOUN_POS]
        for head in (*match.effects, *verb_conjuncts):
            if head.i < match.cue.i:
                continue
            parts = [head] if head in verb_conjuncts else split_coordination(head)[1:]
            for part in parts:
                verb = opens_with_cue_participle(part, lexicon)
                if verb is None or is_direction_word(verb, lexicon):
                    continue  # "X caused A and reduced B": the noun phrase "reduced B" has its sign
                entry = participle_cue(verb, lexicon)
                if verb.i not in cues and entry is not None and not entry.reverse:
                    cues.add(verb.i)
                    found = cue_match("verb", verb, [verb.i], match.causes, [part], entry, inherited=True)
                    if found is not None:
                        yield found
                break  # what follows is that verb's


def _token_cues(doc: Doc, lexicon: CueLexicon) -> Iterator[CueMatch]:
    lowers = [t.lower_ for t in doc]
    for token in doc:
        lemma, lower = token.lemma_.lower(), token.lower_
        match = None
        if lower in lexicon.hyphen_participles and token.i >= 2 and lowers[token.i - 1] == "-":
            match = hyphen_cue(token, lexicon.hyphen_participles[lower], lexicon)
        elif (entry := coordinated_misread_verb(token, lexicon)) is not None:
            # "X triggers A and inhibits B" with "inhibits" read as a noun or an adjective
            found = coordinated_misread_verb_arguments(token)
            if found is not None:
                match = cue_match("verb", token, [token.i], [found[0]], [found[1]], entry, inherited=True)
        elif token.dep_ == "amod" and token.tag_ in ("VBN", "VBD", "JJ"):
            entry = participle_cue(token, lexicon)
            if entry is not None:
                match = adjectival_verb_cue(token, entry, lexicon)
        elif token.tag_ == "NNS" and (entry := misread_present_verb(token, lexicon)) is not None:
            # "The absence of p53 promotes instability" read as one noun phrase
            found = verbless_arguments(token, misread_noun=True)
            if found is not None:
                match = cue_match("verb", token, [token.i], [found[0]], [found[1]], entry, inherited=True)
        elif token.tag_ == "NNS" and (particle := misread_particle_verb(token, lexicon)) is not None:
            # "Deficiency of X results in Y" with "results" read as a plural noun
            entry, prep, subject = particle
            objects = preposition_objects(token, (prep,)) or object_after_preposition(token, prep)
            match = cue_match("verb_particle", token, [token.i], [subject], objects, entry, inherited=True)
        elif token.pos_ in VERB_POS or _acts_as_verb(token):
            # "drugs that lower Y": a verb tagged as an adjective has the adjective's lemma ("low")
            lemma = prefixed_lemma(token, lower if token.pos_ == "ADJ" else lemma, lexicon.verbs)
            for prep, entry in lexicon.particles.get(lemma, ()):
                match = particle_cue(token, entry, prep, lexicon)
                if match:
                    break
            if match is None and lemma in lexicon.verbs:
                match = verb_cue(token, lexicon.verbs[lemma], lexicon)
        if match is None and token.pos_ in ("NOUN", "PROPN"):
            for entry, preps in lexicon.copular_nouns.get(lemma, ()):
                match = copular_noun_cue(token, entry, preps)
                if match:
                    break
            if match is None and lemma in lexicon.noun_frames:
                entry, frames = lexicon.noun_frames[lemma]
                match = noun_frame_cue(token, entry, frames, lexicon.possessor_frames.get(lemma, ()), lexicon)
        if match is None and lower in lexicon.adjectives and token.pos_ in ("ADJ", "VERB"):
            entry, preps = lexicon.adjectives[lower]
            match = adjective_cue(token, entry, preps, lexicon)
        if match is None:
            for words in lexicon.prepositional_connectives:
                if tuple(lowers[token.i : token.i + len(words)]) == words:
                    match = connective_cue(doc, token.i, words, CONNECTIVE_CUE)
                    break
        if match is not None:
            yield match
