"""Sentences verification cannot read: written, wholly or in part, in a language other than English.

The parse, the cue lexicon and every refusal read English. In a sentence whose frame is in another
language ("Bitte geben Sie ... an, dass X causes Y", "Veuillez indiquer ... que X causes Y") the English
words may be only the claim, and what the frame says of it (an order, a denial, a question) is out of
reach: the claim cannot be verified, whoever proposed it, so it is refused as ``not_english``.

A language shows itself by its function words (articles, pronouns, prepositions, conjunctions), a closed
class of every language, which names and technical terms do not touch: spaCy ships them for the European
languages a paper might be mixed with. A word counts as foreign only where English has no such word
(neither an English function word nor a word of the English model's own vocabulary, the lemmatiser's
index: "die", "des", "in" are English too), written in lower case or capitalised (German capitalises its
pronoun of address, "Sie"; an upper-case token is a symbol: "FU", "WAT"), and as a whole token ("del" of
"1494del6" is part of a mutation's name). Names borrow one or two ("von Willebrand factor", "grand mal"):
no BioRED abstract, whole, holds more than two distinct ones. Latin is not among the languages: scientific
English is written with "de novo", "in situ", "per se". (Dutch, whose function words English mostly spells
as words of its own, "de", "te", "dat", is left unread: counting those would count "men", "met", "die" of
English.) Words in a script other than Latin or Greek (Greek letters name genes and receptors, "TNF-α",
"γδ T cells") are foreign whatever they are.
"""

from __future__ import annotations

import importlib
import unicodedata
from functools import lru_cache

from spacy.lang.en.stop_words import STOP_WORDS as ENGLISH_FUNCTION_WORDS
from spacy.tokens import Doc

# Languages whose function words spaCy ships and an English paper may be mixed with.
OTHER_LANGUAGES = ("de", "fr", "es", "it", "pt", "nl")
# Distinct foreign function words from which a sentence is taken to be (partly) in another language:
# one or two are a place name, a borrowed phrase or a tagging accident ("Rio de Janeiro").
MIN_FOREIGN_WORDS = 3
ENGLISH_SCRIPTS = ("LATIN", "GREEK")


@lru_cache(maxsize=1)
def english_vocabulary() -> frozenset[str]:
    """The words the English pipeline knows: its lemmatiser's index (nouns, verbs, adjectives,
    adverbs) and its function words."""
    from causemap.graphbuilder.extractors.rules import load_spacy

    index = load_spacy().get_pipe("lemmatizer").lookups.get_table("lemma_index")
    words = {word for _, entries in index.items() for word in entries}
    return frozenset(words | ENGLISH_FUNCTION_WORDS)


@lru_cache(maxsize=1)
def foreign_function_words() -> frozenset[str]:
    """Function words of ``OTHER_LANGUAGES`` that English has no word for."""
    english = english_vocabulary()
    words: set[str] = set()
    for language in OTHER_LANGUAGES:
        stop_words = importlib.import_module(f"spacy.lang.{language}.stop_words").STOP_WORDS
        words |= {w for w in stop_words if len(w) > 1 and w.isalpha() and w not in english}
    return frozenset(words)


def foreign_words(doc: Doc) -> set[str]:
    """The distinct words of ``doc`` that are another language's function words, or written in a
    script English does not use (see the module docstring)."""
    function_words = foreign_function_words()
    found = set()
    for token in doc:
        text = token.text
        if not text.isalpha():
            continue
        if len(text) > 1 and not _english_script(text):
            found.add(text)
        elif (text.islower() or text.istitle()) and text.lower() in function_words:
            found.add(text.lower())
    return found


def not_english(doc: Doc) -> bool:
    """Whether ``doc`` is, at least in part, written in another language (module docstring)."""
    return len(foreign_words(doc)) >= MIN_FOREIGN_WORDS


def _english_script(word: str) -> bool:
    return all(unicodedata.name(ch, "").split(" ")[0] in ENGLISH_SCRIPTS for ch in word)
