"""Normalise a cause or effect as written into the term that names its variable.

``"the serum levels of LDL cholesterol"`` and ``"LDL cholesterol concentrations"`` both name one
variable. ``normalise`` lower-cases, reduces plurals to the singular with a small rule-based
singulariser, and strips determiners, measurement wrappers ("levels of", "risk of") and direction
words ("higher", "a reduction in") from the edges of the phrase. (spaCy's lemmatiser agrees on 91%
of the -s words of argument phrases, errs more on them without context, and costs ~30x more: see
``benchmarks/graph.py`` and docs/belief.md.) The word lists live in
``resources/variables.json``.

Removing a downward word reverses the sign between the written argument and its variable ("reducing
sodium intake lowered blood pressure" is ``sodium intake -> blood pressure``, +), so a
``NormalisedTerm`` says whether it was ``flipped``.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from causemap.graphbuilder.lexicon import NormalisationLexicon, load_lexicon
from causemap.graphbuilder.normalise_abbreviations import without_inner_short_forms
from causemap.graphbuilder.normalise_measures import strip_coordinated_measures
from causemap.models import content_hash

__all__ = [
    "NormalisationLexicon",
    "NormalisedTerm",
    "load_lexicon",
    "normalise",
    "singular",
    "slugify",
    "term_numbers",
]

_NUMBER = re.compile(r"\d+(?:\.\d+)?")
_TRAILING_PARENTHESIS = re.compile(r"\s*[\(\[][^\)\]]*[\)\]]\s*$")
# A citation cut by the sentence's end or by extraction: "biofilm formation (14", "premature death [2"
_TRAILING_CITATION = re.compile(r"\s+[\(\[][\d,;\s\u2013-]*$")


@dataclass(frozen=True)
class NormalisedTerm:
    """A variable's name as normalised, and whether the written sign must be reversed to reach it."""

    text: str
    flipped: bool = False


def singular(word: str, lexicon: NormalisationLexicon | None = None) -> str:
    """Reduce an English plural noun to its singular by suffix rules and an exception list.

    Examples
    --------
    >>> singular("therapies"), singular("diabetes"), singular("processes"), singular("mice")
    ('therapy', 'diabetes', 'process', 'mouse')
    """
    lex = lexicon or load_lexicon()
    head, sep, last = word.rpartition("-")
    if head and last:  # "b-cells": the last part carries the number
        return head + sep + singular(last, lex)
    if word in lex.irregular_plurals:
        return lex.irregular_plurals[word]
    if len(word) <= 3 or not word.isalpha() or word in lex.plural_exceptions:
        return word
    if word.endswith(("ss", "us", "is", "ous", "as")) or not word.endswith("s"):
        return word
    if word.endswith(lex.field_suffixes):
        return word  # "pharmacokinetics", "transcriptomics": a field; "antibiotics" is a plural
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    aches = word.endswith("aches") and not word.endswith("oaches")  # headaches, not approaches
    if word.endswith(("sses", "shes", "xes")) or (word.endswith("ches") and not aches):
        return word[:-2]
    return word[:-1]


def normalise(text: str, lexicon: NormalisationLexicon | None = None) -> NormalisedTerm:
    """The normalised term of a cause or effect as written.

    Examples
    --------
    >>> normalise("the serum levels of LDL cholesterol")
    NormalisedTerm(text='ldl cholesterol', flipped=False)
    >>> normalise("a reduction in the incidence of malaria")
    NormalisedTerm(text='malaria', flipped=True)
    >>> normalise("intake of sodium").text
    'sodium intake'
    """
    if lexicon is None or lexicon is load_lexicon():
        return _normalise_default(text)
    return _normalise(text, lexicon)


@lru_cache(maxsize=1 << 16)
def _normalise_default(text: str) -> NormalisedTerm:
    # The graph normalises each name several times (filtering, merging, decisions): remember them.
    return _normalise(text, load_lexicon())


def _normalise(text: str, lex: NormalisationLexicon) -> NormalisedTerm:
    tokens = _tokens(text, lex)
    flipped = False
    steps = (
        _strip_leading_word,
        strip_coordinated_measures,
        _strip_wrapper,
        _invert_wrapper,
        _strip_context,
        _strip_reporting,
        _strip_trailing_wrapper,
        _nominalise_property,
    )
    changed = True
    while changed:
        changed = False
        for step in steps:
            result = step(tokens, lex)
            if result is not None and result[0] and result[0] != tokens:
                tokens, flip = result
                flipped ^= flip
                changed = True
                break
    if not lex.flip_polarity_on_down:
        flipped = False
    return NormalisedTerm(" ".join(tokens), flipped)


def _nominalise_property(tokens: list[str], lex: NormalisationLexicon) -> tuple[list[str], bool] | None:
    """ "susceptible to antibiotic" -> "susceptibility to antibiotic": the property, named by its noun."""
    if len(tokens) > 2 and tokens[1] == "to" and tokens[0] in lex.property_adjectives:
        return [lex.property_adjectives[tokens[0]], *tokens[1:]], False
    return None


_GENUS_INITIAL = re.compile(r"[A-Z]\.")
PARTICIPLE = re.compile(r"[a-z]{2,}[^e]ed")
# "cisplatin-induced", "LPS-mediated": a compound naming a change's cause
_CAUSED = re.compile(r"\S+-(?:induced|mediated|evoked|elicited|triggered|stimulated|dependent|driven)")


def _tokens(text: str, lex: NormalisationLexicon) -> list[str]:
    cleaned = without_inner_short_forms(unicodedata.normalize("NFKC", text).strip())
    without_parenthesis = _TRAILING_PARENTHESIS.sub("", _TRAILING_CITATION.sub("", cleaned))
    if without_parenthesis.strip(lex.strip_chars + " "):
        cleaned = without_parenthesis
    tokens = []
    raws = cleaned.replace("\u2019", "'").split()
    for i, raw in enumerate(raws):
        if _GENUS_INITIAL.fullmatch(raw) and i + 1 < len(raws) and raws[i + 1][:1].islower():
            tokens.append(raw.lower())  # "A. lwoffii": the genus's initial, not the article
            continue
        token = _strip_brackets(raw.strip(lex.strip_chars))
        if not token:
            continue
        # An all-capitals token is an acronym ("SARS", "LDL"), and a symbol ending in a capital
        # ("AdeRS") is none either: its final s is not a plural ("mRNAs" is).
        acronym = any(ch.isalpha() for ch in token) and (token.isupper() or token[-1].isupper())
        # A capitalised word after the first is a proper noun ("England and Wales", "Athens"): its
        # final s is no plural either
        proper = bool(tokens) and token[:1].isupper() and token[1:].islower() and token.isalpha()
        token = token.lower()
        if token.endswith("'s"):
            token = token[:-2]
        token = token.rstrip("'")
        if not token:
            continue
        named, change = _glued_change(raw.strip(lex.strip_chars), token, lex)
        if named:
            tokens.extend((named, change))
        else:
            tokens.append(token if acronym or proper else singular(token, lex))
    return tokens


def _glued_change(raw: str, token: str, lex: NormalisationLexicon) -> tuple[str, str]:
    """("par2", "deficiency") for "PAR2-deficiency": a change noun hyphened onto a name is the change
    of that name, as "PAR2 deficiency" is (a "-" glues the two words of a suspended pair: "PAR1- and
    PAR2-deficiency"); ("", "") for any other token. Only after a name written with a capital or a
    digit: a lower-case compound ("self-inhibition", "weight-loss") is a word of its own."""
    named, _, change = token.rpartition("-")
    before = raw.rpartition("-")[0]
    if not named or change not in lex.trailing_down | lex.trailing_up:
        return "", ""
    if not any(ch.isdigit() or ch.isupper() for ch in before):
        return "", ""
    return named, change


def _strip_brackets(token: str) -> str:
    """``token`` without brackets that enclose it or have no partner in it: "(NIS)" is "NIS", "(from"
    is "from", and "FV/(FV)" keeps its pair."""
    while token:
        if token[0] == "(" and token[-1] == ")":
            token = token[1:-1]
        elif token[0] == "(" and ")" not in token:
            token = token[1:]
        elif token[-1] == ")" and "(" not in token:
            token = token[:-1]
        else:
            break
    return token.strip(")(") if token.count("(") != token.count(")") else token


def _starts_with(tokens: list[str], phrase: tuple[str, ...]) -> bool:
    return len(tokens) > len(phrase) and tuple(tokens[: len(phrase)]) == phrase


def _strip_leading_word(tokens: list[str], lex: NormalisationLexicon) -> tuple[list[str], bool] | None:
    if len(tokens) < 2 or any(_starts_with(tokens, p) for p in lex.leading_wrappers):
        return None  # "long term X": the phrase goes whole (_strip_wrapper), not its "long"
    first = tokens[0]
    if (
        first in lex.determiners
        or first in lex.neutral_words
        or first in lex.up_words
        or first in lex.quantifiers
    ):
        return tokens[1:], False
    if first in lex.down_words:
        # "low doses of aspirin": the size of what was given, not a low level of aspirin
        return tokens[1:], not (first in lex.dose_sizes and _heads_a_dose(tokens[1:], lex))
    if (first in lex.change_sizes or _CAUSED.fullmatch(first)) and _opens_change(tokens[1:], lex):
        # "a small reduction in X", "the cisplatin-induced increase in X": a change of X, whatever
        # its size or cause (the cause is a claim of its own)
        return tokens[1:], False
    return None


def _heads_a_dose(tokens: list[str], lex: NormalisationLexicon) -> bool:
    """Whether a dose noun is among the words before the first preposition ("dose of X", "X dose")."""
    for token in tokens:
        if token in lex.complement_prepositions:
            return False
        if token in lex.dose_heads:
            return True
    return False


def _opens_change(tokens: list[str], lex: NormalisationLexicon) -> bool:
    """Whether the words open a change phrase after sizes ("statistically significant reduction in")."""
    rest = list(tokens)
    while rest and (rest[0] in lex.change_sizes or rest[0] in lex.neutral_words):
        rest = rest[1:]
    return any(_starts_with(rest, p) for p in (*lex.up_wrappers, *lex.down_wrappers))


def _strip_wrapper(tokens: list[str], lex: NormalisationLexicon) -> tuple[list[str], bool] | None:
    for phrases, flip in ((lex.leading_wrappers, False), (lex.up_wrappers, False), (lex.down_wrappers, True)):
        for phrase in phrases:
            if _starts_with(tokens, phrase):
                return tokens[len(phrase) :], flip
    return None


def _strip_context(tokens: list[str], lex: NormalisationLexicon) -> tuple[list[str], bool] | None:
    """Cut a trailing setting ("... in older adults", "... at baseline") from the first preposition on."""
    for i, token in enumerate(tokens[1:], start=1):
        setting = token in lex.context_prepositions or (
            token in ("in", "within") and i + 1 < len(tokens) and _setting_after_in(tokens, i, lex)
        )
        if setting and not (i == 1 and tokens[0].endswith("ing")):
            # "growing at cooler temperatures": a gerund's phrase is its complement, not its setting
            return tokens[:i], False
    return None


def _setting_after_in(tokens: list[str], i: int, lex: NormalisationLexicon) -> bool:
    """'in' at ``i`` opens a setting: a population or manner word follows, or an article does after a
    head of two or more words. After a lone noun, "in the timing ..." is the noun's complement
    ("variability in the timing"), and cutting it would leave a generic noun."""
    following = tokens[i + 1]
    if following not in lex.in_before:
        return False
    # a count is no word of the head ("46 mutations in the PYGM gene": the gene is the complement)
    head = [t for t in tokens[:i] if not (t.isdigit() or t in lex.quantifiers)]
    if following not in lex.determiners or len(head) > 1:
        return True
    return i + 2 < len(tokens) and tokens[i + 2] in lex.in_before


def _invert_wrapper(tokens: list[str], lex: NormalisationLexicon) -> tuple[list[str], bool] | None:
    for phrase, head in lex.inverted_wrappers:
        if _starts_with(tokens, phrase):
            return [*tokens[len(phrase) :], head], False
    return None


def _strip_reporting(tokens: list[str], lex: NormalisationLexicon) -> tuple[list[str], bool] | None:
    """Cut a participle before 'as' ("temperature stress presented as percent", "X expressed as a
    ratio"): the rest says how the variable was reported, not what it is."""
    for i, token in enumerate(tokens[1:-1], start=1):
        if tokens[i + 1] == "as" and PARTICIPLE.fullmatch(token):
            return tokens[:i], False
    return None


def _strip_trailing_wrapper(tokens: list[str], lex: NormalisationLexicon) -> tuple[list[str], bool] | None:
    if not tokens:
        return None  # a text of punctuation alone ("),"): no word to strip
    last = tokens[-1]
    if len(tokens) >= 2 and last in lex.trailing_participles:
        return tokens[:-1], False  # "the strains tested", "the cell line used": cut where the study acts
    if len(tokens) < 2 or not (
        last in lex.trailing_wrappers or last in lex.trailing_up or last in lex.trailing_down
    ):
        return None
    for i, token in enumerate(tokens[1:-1], start=1):
        if token not in lex.complement_prepositions:
            continue
        if token == "by" and tokens[i - 1] in lex.trailing_up | lex.trailing_down:
            return tokens[:i], False  # "Bach1 knockdown by siRNA": the change, without its means
        return None  # "deficits induced by tryptophan depletion": the last word heads a complement
    rest = tokens[:-1]
    if last in lex.sized_variants and rest[0][:1].isdigit():
        return None  # "a 32-bp deletion", "the 22q11.2 deletion": an allele by its size or place
    if rest[-1].endswith(lex.adjective_suffixes) and (
        len(rest) == 1 or last not in lex.trailing_up | lex.trailing_down
    ):
        # "socioeconomic status": the adjective alone names nothing; "minimum inhibitory
        # concentration": a name would end in an adjective
        return None
    return rest, last in lex.trailing_down


def term_numbers(term: str) -> tuple[str, ...]:
    """The numbers in a term, in order ("type 2 diabetes" -> ("2",))."""
    return tuple(_NUMBER.findall(term))


def slugify(label: str, max_length: int = 64) -> str:
    """A readable identifier: ASCII letters, digits and underscores, starting with a letter.

    Examples
    --------
    >>> slugify("Blood pressure"), slugify("TNF-\u03b1"), slugify("5-HT levels")
    ('blood_pressure', 'tnf_alpha', 'v_5_ht_levels')
    """
    parts: list[str] = []
    for ch in unicodedata.normalize("NFKC", label).lower():
        if ch.isascii():
            parts.append(ch if ch.isalnum() else " ")
            continue
        folded = unicodedata.normalize("NFKD", ch).encode("ascii", "ignore").decode()
        if folded:
            parts.append(folded)
        elif ch.isalpha():  # a Greek letter keeps its name: "tnf-alpha"
            parts.append(" " + unicodedata.name(ch, "").split()[-1].lower() + " ")
        else:
            parts.append(" ")
    words = "".join(parts).split()
    slug = ""
    for word in words:
        candidate = f"{slug}_{word}" if slug else word
        if len(candidate) > max_length and slug:
            break
        slug = candidate[:max_length]
    if not slug:
        return "v_" + content_hash(label, length=8)
    return slug if slug[0].isalpha() else f"v_{slug}"
