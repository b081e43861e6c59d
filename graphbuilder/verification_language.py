"""Sentences verification cannot read: written, wholly or in part, in a language other than English.

The parse, the cue lexicon and every refusal read English. In a sentence whose frame is in another
language ("Bitte geben Sie ... an, dass X causes Y", "Veuillez indiquer ... que X causes Y") the English
words may be only the claim, and what the frame says of it (an order, a denial, a question) is out of
reach: the claim cannot be verified, whoever proposed it, so it is refused as ``not_english``.

A language shows itself by its function words (articles, pronouns, prepositions, conjunctions), a closed
class of every language, which names and technical terms barely touch: spaCy ships them for the European
languages a paper might be mixed with. A word counts as foreign only where English has no such word
(neither an English function word nor a word of the English model's own vocabulary, the lemmatiser's
index, by its form or its lemma: "die", "des", "met" are English too), nor the Latin English is written
with ("et", "per", "non"; "de novo", "in situ"); written in lower case or capitalised (German capitalises
its pronoun of address, "Sie"; an upper-case token is a symbol: "FU", "WAT"); as a whole token ("del" of
"1494del6" is part of a mutation's name); and not as a short particle before a capitalised word ("von
Willebrand", "Van der Woude"). A sentence is taken to be in part in another language with three such
words, or two of one language of which one is longer than a particle ("Sie ... dass", "usted ... que"): of
the 16,018 sentences of the dev sets (BioRED, sciclaim, yu2019, BECauSE, news), none holds two. Dutch,
whose function words English mostly spells as words of its own ("de", "te", "dat"), is mostly left unread.
A lower-case word with a letter English does not write (an accent or a cedilla: "à", "systèmes",
"plaît"), which the English vocabulary does not hold, counts too, of whatever class: English writes such
letters in names, which are capitalised ("Sjögren", "Ménière"), and in a few loans ("naïve", "café"),
never three distinct in one sentence. Words in a script other than Latin or Greek (Greek letters name
genes and receptors, "TNF-α", "γδ T cells") are foreign whatever they are. Scripts written without
spaces (Chinese, Japanese) give one token for a whole phrase, so there letters are counted too: as many
as three short words hold is enough.
"""

from __future__ import annotations

import importlib
import unicodedata
from functools import lru_cache

from spacy.lang.en.stop_words import STOP_WORDS as ENGLISH_FUNCTION_WORDS
from spacy.lang.la.stop_words import STOP_WORDS as LATIN_FUNCTION_WORDS
from spacy.tokens import Doc, Token

# Languages whose function words spaCy ships and an English paper may be mixed with.
OTHER_LANGUAGES = ("de", "fr", "es", "it", "pt", "nl")
# Distinct foreign words from which a sentence is taken to be (partly) in another language: one or
# two of different languages are a name, a borrowed phrase or an abbreviation ("novo", "del").
MIN_FOREIGN_WORDS = 3
# Two of one language do, where one is longer than a particle ("Sie ... dass", "usted ... que").
MIN_OWN_WORD = 4
# The length of the particles of names ("von", "der", "del", "da").
MAX_PARTICLE = 3
ENGLISH_SCRIPTS = ("LATIN", "GREEK")
# Letters of other scripts from which a sentence is taken to be (partly) in another language, however
# its tokens fall: a name in its own script ("黄芪", "Ким") stays below.
MIN_FOREIGN_SCRIPT_LETTERS = 6


@lru_cache(maxsize=1)
def english_vocabulary() -> frozenset[str]:
    """The words the English pipeline knows: its lemmatiser's index (nouns, verbs, adjectives,
    adverbs) and its function words."""
    from causemap.graphbuilder.extractors.rules import load_spacy

    index = load_spacy().get_pipe("lemmatizer").lookups.get_table("lemma_index")
    words = {word for _, entries in index.items() for word in entries}
    return frozenset(words | ENGLISH_FUNCTION_WORDS)


@lru_cache(maxsize=1)
def function_words_by_language() -> dict[str, frozenset[str]]:
    """Function words of each of ``OTHER_LANGUAGES`` that neither English nor the Latin written in
    English ("et", "per", "non") has."""
    english = english_vocabulary() | LATIN_FUNCTION_WORDS
    out = {}
    for language in OTHER_LANGUAGES:
        stop_words = importlib.import_module(f"spacy.lang.{language}.stop_words").STOP_WORDS
        out[language] = frozenset(w for w in stop_words if len(w) > 1 and w.isalpha() and w not in english)
    return out


@lru_cache(maxsize=1)
def foreign_function_words() -> frozenset[str]:
    return frozenset().union(*function_words_by_language().values())


def foreign_words(doc: Doc) -> set[str]:
    """The distinct words of ``doc`` that are another language's function words, or written in a
    script English does not use (see the module docstring). A word whose lemma is English is English
    ("met", "tens")."""
    function_words, english = foreign_function_words(), english_vocabulary()
    found = set()
    for token in doc:
        text = token.text
        if not text.isalpha():
            continue
        if len(text) > 1 and not _english_script(text):
            found.add(text)
        elif text.islower() and _accented_latin(text) and text not in english and token.lemma_ not in english:
            found.add(text)  # "à", "systèmes", "plaît": a lower-case word with a letter English lacks
        elif (
            (text.islower() or text.istitle())
            and text.lower() in function_words
            and token.lemma_.lower() not in english
            and not _particle_of_a_name(token)
        ):
            found.add(text.lower())
    return found


def not_english(doc: Doc) -> bool:
    """Whether ``doc`` is, at least in part, written in another language (module docstring): three
    foreign words, or two function words of one language, one of them longer than the short words
    names and symbols abbreviate to ("del", "von": "dass", "que", "usted")."""
    found = foreign_words(doc)
    if len(found) >= MIN_FOREIGN_WORDS:
        return True
    # counted over the text, not the tokens: a token of an unspaced script can hold its punctuation
    if sum(_letter_of_another_script(ch) for ch in doc.text) >= MIN_FOREIGN_SCRIPT_LETTERS:
        return True
    return any(
        len(found & words) >= 2 and any(len(w) >= MIN_OWN_WORD for w in found & words)
        for words in function_words_by_language().values()
    )


def _particle_of_a_name(token: Token) -> bool:
    """ "von Willebrand", "Van der Woude", "del Nido": a short function word before a capitalised
    word is a particle of a name (a conjunction before a name, "que Paris ...", is lost with them; the
    clause keeps its other function words)."""
    after = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
    return len(token.text) <= MAX_PARTICLE and after is not None and after.text[:1].isupper()


def _letter_of_another_script(ch: str) -> bool:
    return ch.isalpha() and not _english_letter(ch)


def _accented_latin(word: str) -> bool:
    """Whether ``word`` has a Latin letter beyond English's 26 ("à", "ç", "ø"; not Greek "α", the
    micro sign "µ", nor a ligature of a PDF's text layer, "ﬁ", which is two English letters)."""
    return any(
        not unicodedata.normalize("NFKC", ch).isascii() and unicodedata.name(ch, "").startswith("LATIN")
        for ch in word
        if ch.isalpha()
    )


def _english_script(word: str) -> bool:
    return all(_english_letter(ch) for ch in word)


def _english_letter(ch: str) -> bool:
    """Latin or Greek, or a unit or symbol that is a letter to Unicode: "µ" (MICRO SIGN), "º" (below
    U+0250, with Latin's own extensions) and the letterlike symbols "ℓ", "Å", "Ω" (U+2100-214F)."""
    code = ord(ch)
    return (
        code <= 0x24F or 0x2100 <= code <= 0x214F or unicodedata.name(ch, "").split(" ")[0] in ENGLISH_SCRIPTS
    )
