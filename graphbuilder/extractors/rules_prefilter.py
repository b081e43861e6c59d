"""The cheap lexical prefilter that decides which sentences the rules extractor parses.

Parsing is the costly step, so a sentence is parsed only when it holds a cue word of the lexicon (in
any inflection), a cue word with its preposition close after it ("role ... in"), or a cue phrase.
The lexicon (``rules_lexicon``) holds what each cue means; this module only asks whether a sentence
holds one, and over-generates on purpose: a spurious match costs a parse, a missed one a claim.
It stands alone because it reads word forms, not a parse, and the planner uses it on its own
(``planner.gaps``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from causemap.graphbuilder.extractors.rules_lexicon import Cue, CueLexicon

# Irregular forms of cue verbs that the regular inflection rules below would miss.
_IRREGULAR_FORMS = {
    "lead": ("led",),
    "give": ("gave", "given"),
    "bring": ("brought",),
    "arise": ("arose", "arisen"),
    "drive": ("drove", "driven"),
    "rise": ("rose", "risen"),
    "fall": ("fell", "fallen"),
    "cut": ("cut",),
    "underlie": ("underlying", "underlay", "underlain"),
}


def prefilter_words(
    data: dict,
    verbs: dict[str, Cue],
    particles: dict[str, tuple[tuple[str, Cue], ...]],
    copular: dict[str, tuple[tuple[Cue, tuple[str, ...]], ...]],
    frames: dict[str, tuple[Cue, tuple[tuple[str, str], ...]]],
    possessor: dict[str, tuple[str, ...]],
) -> tuple[frozenset[str], frozenset[str], dict[str, frozenset[str]]]:
    """Words, phrases and word + preposition pairs that let a sentence through the prefilter.

    Every cue word passes on its own, except the paired-only ones, which need one of their
    prepositions close after them ("resulted in", "treatment for").
    """
    pairs: dict[str, set[str]] = {}
    for verb, entries in particles.items():
        for prep, cue in entries:
            for word in cue.objects or (verb,):
                pairs.setdefault(word, set()).add(prep)
    for noun, entries in copular.items():
        for _, preps in entries:
            pairs.setdefault(noun, set()).update(preps)
    for noun, (_, noun_frames) in frames.items():
        pairs.setdefault(noun, set()).update(first for first, _ in noun_frames)
    for noun, preps in possessor.items():
        pairs.setdefault(noun, set()).update(preps)
    prefilter, connectives = data["prefilter"], data["connectives"]
    adjectives = {e["adj"] for e in data["adjectives"]["entries"]}
    for entry in data["adjectives"]["entries"]:
        pairs.setdefault(entry["adj"], set()).update(entry["preps"])
    hyphen = {k for k in data["hyphen_participles"] if not k.startswith("_")}
    triggers = (set(pairs) | set(verbs) | adjectives | hyphen) - set(prefilter["paired_only"])
    triggers |= set(prefilter["words"]) | set(connectives["subordinating"])
    triggers |= set(data["differences"]["nouns"]) | set(data["differences"]["verbs"])
    phrases = {" ".join(words) for words in connectives["prepositional"]}
    phrases |= set(prefilter["phrases"])
    paired = {w: frozenset(p) for w, p in pairs.items() if w not in triggers}
    return frozenset(triggers), frozenset(phrases), paired


def inflections(word: str) -> set[str]:
    """The word and its regular inflections and nominalisations.

    Over-generates on purpose ("reduce" -> reduces, reduced, reducing, reduction; "stop" ->
    stopped): the forms only feed a prefilter, where a spurious form costs nothing.
    """
    forms = {word, word + "s", word + "es", *_IRREGULAR_FORMS.get(word, ())}
    if word.endswith("e"):
        stem = word[:-1]
        noun = stem + "tion" if word.endswith("ce") else stem + "ion"  # reduction, stimulation
        if word.endswith(("ize", "ise")):
            noun = stem + "ation"  # minimisation
        forms |= {word + "d", stem + "ing", noun, noun + "s"}
    elif word.endswith("y") and len(word) > 2 and word[-2] not in "aeiou":
        forms |= {word[:-1] + "ies", word[:-1] + "ied", word + "ing"}
    else:
        forms |= {word + "ed", word + "ing"}
        if re.search(r"[^aeiou][aeiou][bdgklmnprt]$", word):  # stop -> stopped
            forms |= {word + word[-1] + "ed", word + word[-1] + "ing"}
    return forms


_WORDS = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")


@dataclass(frozen=True)
class CueWordIndex:
    """The cheap lexical prefilter: cue words in every inflection, cue words that need their
    preposition close after them ("role ... in"), and cue phrases.

    Words are split at spaces, hyphens and punctuation, so "drug-induced" holds "induced".
    """

    words: frozenset[str]
    pairs: dict[str, frozenset[str]]
    phrases: tuple[str, ...]
    reach: int = 2  # how many words after a paired cue its preposition may come

    def matches(self, sentence: str) -> bool:
        """Whether the sentence holds a cue word, a cue word with its preposition, or a phrase."""
        tokens = _WORDS.findall(sentence.lower())
        if not self.words.isdisjoint(tokens):
            return True
        for i, token in enumerate(tokens):
            preps = self.pairs.get(token)
            if preps and not preps.isdisjoint(tokens[i + 1 : i + 1 + self.reach]):
                return True
        padded = f" {' '.join(tokens)} "
        return any(phrase in padded for phrase in self.phrases)


def cue_word_index(lexicon: CueLexicon) -> CueWordIndex:
    """The prefilter index of a lexicon."""
    # imported here: the group words and the manifestations read the lexicon, which imports this module
    from causemap.graphbuilder.extractors.rules_group_words import (
        GROUP_PARTICIPLES,
        GROUP_PREPS,
        GROUP_VERBS,
        HYPHEN_GROUP_WORDS,
    )
    from causemap.graphbuilder.extractors.rules_manifestations import MANIFESTATION_VERBS

    words = frozenset(form for word in lexicon.trigger_words for form in inflections(word))
    pairs: dict[str, frozenset[str]] = {}
    for word, preps in lexicon.trigger_pairs.items():
        for form in inflections(word):
            if form not in words:
                pairs[form] = pairs.get(form, frozenset()) | preps
    # A group defined by what it has or was given ("patients with X", "rats receiving X") sets the
    # scene of an association ("Y occurred in patients receiving X"): the group noun with its
    # definer's first word passes.
    # (a gerund or a passive participle: "the treatment group received X" is a procedure)
    gerunds = {form for verb in GROUP_VERBS for form in inflections(verb) if form.endswith("ing")}
    shown = {form for verb in MANIFESTATION_VERBS for form in inflections(verb)}  # "mice displayed Y"
    definers = frozenset(GROUP_PREPS) | gerunds | GROUP_PARTICIPLES | shown
    groups: set[str] = set()
    for noun in lexicon.population_nouns:
        for form in inflections(noun):
            groups.add(form)
            if form not in words:
                pairs[form] = pairs.get(form, frozenset()) | definers
    # "Y in HIV patients", "Y among statin users": a setting whose group a noun defines; "Y in
    # IL-10-deficient mice": a hyphenated modifier defines it.
    for prep in ("in", "among", *HYPHEN_GROUP_WORDS):
        pairs[prep] = pairs.get(prep, frozenset()) | frozenset(groups)
    for prep in ("in", "among"):  # "Y in TAK1-deficient chondrocytes": cells a hyphen sets apart
        pairs[prep] = pairs[prep] | HYPHEN_GROUP_WORDS
    # "X is overexpressed in Y": an alteration passes with the preposition of its setting only
    # ("mutation" or "deletion" alone is in most genetics sentences, and states nothing)
    for verb in lexicon.alteration_verbs:
        for form in inflections(verb):
            pairs[form] = pairs.get(form, frozenset()) | lexicon.comparison_group_preps
    # "Y after X therapy", "Y during treatment with X": what followed an exposure.
    exposures = frozenset(form for noun in lexicon.exposure_heads for form in inflections(noun))
    for prep in ("after", "following", "during"):
        pairs[prep] = pairs.get(prep, frozenset()) | exposures
    phrases = tuple(sorted(f" {' '.join(_WORDS.findall(p.lower()))} " for p in lexicon.trigger_phrases))
    return CueWordIndex(words=words, pairs=pairs, phrases=phrases)
