"""Whether an argument names a variable at all: "this", "the estimates", "CI 2.4-4.0", "3.1", a clause
("CPS1 was chosen"), a generic noun alone ("activity"), a piece of the document, its code or its
statistics name none, and the graph draws no edge for a claim about them (unless the user vouched for it).

Judged on the name as :func:`causemap.graphbuilder.normalise.normalise` leaves it, with the word lists of
``resources/variables.json`` (``not_a_name``, ``uninformative``).
"""

from __future__ import annotations

import re

from causemap.graphbuilder.lexicon import NormalisationLexicon, load_lexicon
from causemap.graphbuilder.normalise import PARTICIPLE, normalise


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
        and (PARTICIPLE.fullmatch(written[0]) or written[0] in lex.irregular_participles)
    ):
        return False  # "broken into multiple parts", "treated with X": a predicate, not its noun
    if len(written) >= 2 and _ADVERB.fullmatch(written[0]) and written[1] in lex.determiners:
        return False  # "potentially the wrong choice of therapy": a clause's tail, not a noun phrase
    generic = lex.vague_alone | lex.relational_heads | lex.referential_adjectives | lex.uninformative_words
    if any(w in lex.artefact_heads for w in words) and all(w in generic | lex.artefact_heads for w in words):
        return False  # "existing model types", "parameter relations": the study's tools, nothing it studies
    if len(words) >= 2 and all(w in lex.referential_adjectives for w in words[:-1]):
        # "the underlying system", "specific genes", "proper management": the adjective points at
        # an instance the text means, it does not say which kind
        return False
    if any(_anaphoric(written[i + 1 :], lex) for i in _preposition_places(written)):
        # "their absence", "even the same intron", "such an intervention offered in routine
        # healthcare", "the regulators of these systems": what is meant was named earlier in the
        # text, and the label does not say it
        return False
    if _generic_of_definite(words, lex):
        return False  # "some species within the genus", "expression of the gene": which one is not said
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
        or any("/(" in w or ")/" in w for w in written)
    ):
        # a clause ("X was chosen"), code ("kinpar[2") or a formula's ratio of bracketed terms
        # ("FV/(FV)"; "ATP/ADP" is a name), not a name
        return False
    if len(words) == 1 and (
        words[0] in lex.vague_alone
        or words[0] in lex.trailing_wrappers
        or _PANEL.fullmatch(words[0])
        or PARTICIPLE.fullmatch(words[0])
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
    if len(words) == 2 and words[1] in lex.vague_alone and PARTICIPLE.fullmatch(words[0]):
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
        and (words[0].endswith(lex.adjective_suffixes) or words[0] in lex.degree_adjectives)
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
    if head in lex.facet_heads:
        return False  # "intron characteristics", "several aspects of cellular physiology": which quality?
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


def _preposition_places(written: list[str]) -> list[int]:
    """-1 (the name's opening) and the place of each preposition after its first word."""
    prepositions = _PREPOSITIONS | _CLAUSE_PREPOSITIONS
    return [-1] + [i for i, w in enumerate(written) if i and w in prepositions]


def _generic_of_definite(words: list[str], lex: NormalisationLexicon) -> bool:
    """A generic head whose only specifier is a definite generic noun after a preposition: "species
    within the genus" says neither which species nor which genus (the one the text spoke of)."""
    generic = lex.vague_alone | lex.relational_heads
    places = _preposition_places(words)[1:]
    if len(places) != 1:
        return False
    i = places[0]
    head, tail = words[:i], words[i + 1 :]
    return (
        bool(head)
        and all(w in generic | lex.quantifiers for w in head)
        and len(tail) >= 2
        and tail[0] == "the"
        and all(w in generic for w in tail[1:])
    )


def _pre_head(written: list[str], lex: NormalisationLexicon) -> list[str]:
    """The words as written from the first after any article or count up to the head noun (before the
    first preposition or participle that follows it): ``["accelerated", "senescence"]``."""
    start = next((i for i, w in enumerate(written) if w not in lex.determiners | lex.quantifiers), 0)
    words = written[start:]
    for i, w in enumerate(words[1:], start=1):
        if w in _PREPOSITIONS or PARTICIPLE.fullmatch(w):
            return words[:i]
    return words


_PANEL = re.compile(r"\d{1,2}[a-z]?")


_DECIMAL = re.compile(r"\d*[.,]\d+")


_ORDINAL = re.compile(r"\d+(?:st|nd|rd|th)")


_COORDINATORS = frozenset({"and", "or"})


_SYMBOL = re.compile(
    r"[\u03b1-\u03c9\u0391-\u03a9\u03d1\u03d5\u03f5][0-9a-z]?"
)  # a Greek letter, maybe indexed


# A variant in substitution notation: "677c>t", "c.-930a>g" (lower-cased)
_SUBSTITUTION = re.compile(r"(?:[cgmnr]\.)?[-+*]?\d*(?:[-+]\d+)?[acgtu]+-?>[acgtu]+|[acgtu]/[acgtu]")


_POSITION = re.compile(r"[-+]?\d+")


# Adverbs by their suffix: no English noun ends so ("anomaly", "assembly", "family" do not match)
_ADVERB = re.compile(r"[a-z][a-z-]+(?:ally|ively|ously|edly|ingly|ently|antly|arly|ably|ibly|fully|lessly)")


_CLAUSE_PREPOSITIONS = frozenset({"as", "at", "onto", "within", "through", "over", "under", "after"})


_PREPOSITIONS = frozenset({"of", "in", "on", "for", "with", "by", "from", "to", "into", "between", "against"})
