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
    if word.endswith(("ss", "us", "is", "ous", "ics", "as")) or not word.endswith("s"):
        return word
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


def names_a_variable(text: str, lexicon: NormalisationLexicon | None = None) -> bool:
    """False for arguments that name no variable: "this", "the estimates", "CI 2.4-4.0", "3.1", a clause
    ("CPS1 was chosen"), a generic noun alone ("activity", "phenotype"), a piece of the document, its
    code or its statistics ("the list specpar", "standard deviation", "fig 3f").

    >>> names_a_variable("higher LDL cholesterol"), names_a_variable("These estimates")
    (True, False)
    >>> names_a_variable("CI 2.4-4.0"), names_a_variable("95% of participants")
    (False, False)
    >>> names_a_variable("wheat production is declining"), names_a_variable("the standard deviation")
    (False, False)
    >>> names_a_variable("physical activity"), names_a_variable("activity"), names_a_variable("5-HT")
    (True, False, True)
    >>> names_a_variable("their absence"), names_a_variable("these efflux pumps")
    (False, True)
    """
    lex = lexicon or load_lexicon()
    words = normalise(text, lex).text.split()
    # "-521 C/T polymorphism": a position opens a variant's name
    position = len(words) > 1 and _POSITION.fullmatch(words[0]) and _SUBSTITUTION.fullmatch(words[1])
    if not words or not (position or any(ch.isalpha() for ch in words[0])) or words[0] in lex.statistic_words:
        return False
    if words[0] in _PREPOSITIONS - {"in"}:
        return False  # "(many) of the conclusions": a cut phrase ('in' opens "in vitro fertilisation")
    written = [w.strip(lex.strip_chars + "()").lower() for w in text.split()]
    if _is_quantity(written, words, lex) or _holds_phrase(words, lex.statistic_phrases):
        return False  # "at least 10% of women", "the root mean square error", "from 0.13 µm"
    if _holds_phrase(words, lex.causal_connectives) or _holds_phrase(written, lex.clause_phrases):
        # "datasets due to laser intensity", "arginine accumulation results in damage": a cause
        # and its effect read as one name
        return False
    if (
        len(written) >= 2
        and written[1] in _PREPOSITIONS | _CLAUSE_PREPOSITIONS
        and (_PARTICIPLE.fullmatch(written[0]) or written[0] in lex.irregular_participles)
    ):
        return False  # "broken into multiple parts", "treated with X": a predicate, not its noun
    generic = lex.vague_alone | lex.relational_heads | lex.referential_adjectives | lex.uninformative_words
    if any(w in lex.artefact_heads for w in words) and all(w in generic | lex.artefact_heads for w in words):
        return False  # "existing model types", "parameter relations": the study's tools, nothing it studies
    if len(words) >= 2 and all(w in lex.referential_adjectives for w in words[:-1]):
        # "the underlying system", "specific genes", "proper management": the adjective points at
        # an instance the text means, it does not say which kind
        return False
    if _anaphoric(written, lex):
        # "their absence", "even the same intron", "such an intervention offered in routine
        # healthcare": what is meant was named earlier in the text, and the label does not say it
        return False
    if len(words) >= 3 and words[-2] in _PREPOSITIONS and len(words[-1]) == 1 and words[-1].isalpha():
        return False  # "the diagonal elements of K": a formula's symbol
    if len(words) > lex.max_words or all(w in lex.uninformative_words for w in words):
        return False
    # "NO" in capitals is nitric oxide, not the negator
    nitric = re.search(r"\bNO\b", text) is not None
    clause = [w for w in words if w in lex.clause_words and not (w == "no" and nitric)]
    if (
        clause
        or any(w in lex.document_words for w in words)
        or any(ch in lex.code_characters for w in words if not _SUBSTITUTION.fullmatch(w) for ch in w)
    ):
        return False  # a clause ("X was chosen") or code ("kinpar[2"), not a name
    if len(words) == 1 and (
        words[0] in lex.vague_alone
        or words[0] in lex.trailing_wrappers
        or _PANEL.fullmatch(words[0])
        or _PARTICIPLE.fullmatch(words[0])
        or _ADVERB.fullmatch(words[0])
    ):
        # "activity", "phenotype"; a measure of nothing named ("this higher concentration"); "3f"
        # (a figure panel); "acquired" (a cut participle); "co-transcriptionally" (an adverb)
        return False
    if _SYMBOL.fullmatch(words[0]) or (
        len(words) == 2 and words[0] in lex.vague_alone and words[1].isdigit()
    ):
        return False  # a formula's symbol ("θ2", "ψq"), a numbered generic ("component 1")
    if words[0] in lex.infinitive_heads and "to" not in words:
        # "the increased opportunity of A. lwoffii", "the ability of cells": the noun's content is an
        # infinitive ("opportunity to get inside the body"), and without it the name says nothing
        return False
    if len(words) >= 3 and words[0] in lex.trailing_wrappers and words[1] in _PREPOSITIONS - {"of"}:
        return False  # "concentration in heat", "levels in plasma": a measure of nothing named
    if len(words) >= 2 and _SYMBOL.fullmatch(words[-1]) and words[-2].endswith("ing"):
        return False  # "fitting Θ", "estimating β": a procedure on a formula ("interferon γ" is a name)
    if len(words) >= 2 and _ORDINAL.fullmatch(words[0]) and words[1] in lex.vague_alone:
        return False  # "the 5th element of kinpar": an item picked from a list
    if len(words) == 2 and words[1] in lex.vague_alone and _PARTICIPLE.fullmatch(words[0]):
        return False  # "tested gene", "fixed effect": which one is not said
    if (
        len(words) >= 2
        and words[-1] in lex.member_heads
        and all(w in lex.class_modifiers for w in words[:-1])
    ):
        return False  # "gene variants", "genetic mutations": a member of a class, which one not said
    if len(words) == 2 and words[1] in lex.kind_heads and words[0] in lex.kind_adjectives:
        return False  # "phenotypic trait", "biological process": the field named, not which one
    if any(w in lex.exception_words for w in words):
        return False  # "physiological parameters except X": a set minus its exception
    joins = [i for i, w in enumerate(words) if w in _COORDINATORS and 0 < i < len(words) - 1]
    if joins:
        i = joins[0]
        opening = [k for k, w in enumerate(words[:i]) if w in _PREPOSITIONS | lex.context_prepositions]
        if not opening:
            # "virulence and resistance phenotype", "anxiety or depression": two variables joined
            # into one name (they should be two nodes), not a name of one
            return False
        if words[opening[-1]] == "of" and words[opening[-1] - 1] not in lex.joint_heads:
            return False  # "the sense of isolation and redundancy": the head goes with each part
        # "insulin resistance in adipocytes and myocytes": the coordination is inside the
        # setting; every part must name something, and a part is no preposition's phrase
        rest = words[i + 1 :]
        return (
            rest[0] not in _PREPOSITIONS
            and names_a_variable(" ".join(words[:i]), lex)
            and names_a_variable(" ".join(rest), lex)
        )
    if (
        len(words) == 2
        and words[1] in lex.relational_heads
        and words[0].endswith(lex.adjective_suffixes)
        and not (words[1] in lex.change_heads and words[0] not in lex.degree_adjectives)
    ):
        # "relative increase", "cellular context": the change or setting of what? ("cognitive
        # decline" says what declines)
        return False
    # The head noun (before the first preposition), and the ends: "the help functions of the
    # package", "the strings from the metadata", "the list specpar"
    first_prep = next((i for i, w in enumerate(words) if i and w in _PREPOSITIONS), None)
    head = words[first_prep - 1] if first_prep is not None else words[-1]
    ends = {head, words[-1]} | ({words[0]} if len(words) <= 2 else set())
    return not ends & lex.artefact_heads


def _is_quantity(written: list[str], words: list[str], lex: NormalisationLexicon) -> bool:
    """A percentage, a decimal value, or a comparison before a number ("at least 10 patients")."""
    if any("%" in w or _DECIMAL.fullmatch(w) for w in words):
        return True
    return any(
        tuple(written[: len(p)]) == p and len(written) > len(p) and written[len(p)][:1].isdigit()
        for p in lex.comparative_quantities
    )


def _holds_phrase(words: list[str], phrases: tuple[tuple[str, ...], ...]) -> bool:
    return any(tuple(words[i : i + len(p)]) == p for p in phrases for i in range(len(words) - len(p) + 1))


def _anaphoric(written: list[str], lex: NormalisationLexicon) -> bool:
    """An anaphoric determiner among the words opening the name, before a bare head noun."""
    opening = lex.determiners | lex.quantifiers | lex.neutral_words
    for i, w in enumerate(written):
        if w in lex.anaphoric_determiners:
            return len(_pre_head(written[i + 1 :], lex)) == 1
        if w not in opening:
            return False
    return False


def _pre_head(written: list[str], lex: NormalisationLexicon) -> list[str]:
    """The words as written from the first after any article or count up to the head noun (before the
    first preposition or participle that follows it): ``["accelerated", "senescence"]``."""
    start = next((i for i, w in enumerate(written) if w not in lex.determiners | lex.quantifiers), 0)
    words = written[start:]
    for i, w in enumerate(words[1:], start=1):
        if w in _PREPOSITIONS or _PARTICIPLE.fullmatch(w):
            return words[:i]
    return words


_PANEL = re.compile(r"\d{1,2}[a-z]?")
_GENUS_INITIAL = re.compile(r"[A-Z]\.")
_DECIMAL = re.compile(r"\d*[.,]\d+")
_ORDINAL = re.compile(r"\d+(?:st|nd|rd|th)")
_COORDINATORS = frozenset({"and", "or"})
_SYMBOL = re.compile(
    r"[\u03b1-\u03c9\u0391-\u03a9\u03d1\u03d5\u03f5][0-9a-z]?"
)  # a Greek letter, maybe indexed
_PARTICIPLE = re.compile(r"[a-z]{2,}[^e]ed")
# A variant in substitution notation: "677c>t", "c.-930a>g" (lower-cased)
_SUBSTITUTION = re.compile(r"(?:[cgmnr]\.)?[-+*]?\d*(?:[-+]\d+)?[acgtu]+-?>[acgtu]+|[acgtu]/[acgtu]")
_POSITION = re.compile(r"[-+]?\d+")
# "cisplatin-induced", "LPS-mediated": a compound naming a change's cause
_CAUSED = re.compile(r"\S+-(?:induced|mediated|evoked|elicited|triggered|stimulated|dependent|driven)")
# Adverbs by their suffix: no English noun ends so ("anomaly", "assembly", "family" do not match)
_ADVERB = re.compile(r"[a-z][a-z-]+(?:ally|ively|ously|edly|ingly|ently|antly|arly|ably|ibly|fully|lessly)")
_CLAUSE_PREPOSITIONS = frozenset({"as", "at", "onto", "within", "through", "over", "under", "after"})
_PREPOSITIONS = frozenset({"of", "in", "on", "for", "with", "by", "from", "to", "into", "between", "against"})


def _tokens(text: str, lex: NormalisationLexicon) -> list[str]:
    cleaned = unicodedata.normalize("NFKC", text).strip()
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
        if token:
            tokens.append(token if acronym or proper else singular(token, lex))
    return tokens


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
        return tokens[1:], True
    if (first in lex.change_sizes or _CAUSED.fullmatch(first)) and _opens_change(tokens[1:], lex):
        # "a small reduction in X", "the cisplatin-induced increase in X": a change of X, whatever
        # its size or cause (the cause is a claim of its own)
        return tokens[1:], False
    return None


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
        if tokens[i + 1] == "as" and _PARTICIPLE.fullmatch(token):
            return tokens[:i], False
    return None


def _strip_trailing_wrapper(tokens: list[str], lex: NormalisationLexicon) -> tuple[list[str], bool] | None:
    last = tokens[-1]
    if len(tokens) >= 2 and last in lex.trailing_participles:
        return tokens[:-1], False  # "the strains tested", "the cell line used": cut where the study acts
    if len(tokens) < 2 or not (
        last in lex.trailing_wrappers or last in lex.trailing_up or last in lex.trailing_down
    ):
        return None
    rest = tokens[:-1]
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
