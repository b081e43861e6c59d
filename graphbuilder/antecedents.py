"""What names an antecedent: the word lists of reference resolution and the spans of names.

Shared by ``graphbuilder.references`` (descriptions that refer back: "this mutation") and
``graphbuilder.pronouns`` ("it", "they"): a name or symbol by its spelling, the whole words of a
stretch of tokens, number, and the lexicon of ``resources/references.json``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Protocol

from spacy.tokens import Doc, Token

Parse = Callable[[str], Doc]

# A name or symbol: a digit among letters ("SCN5A", "R123W", "Kir6.2"), two capitals ("KATP", "ACE"),
# or a capital after the first letter ("hERG", "mTOR").
_NOUNS = frozenset({"NOUN", "PROPN"})
_LEFT_MODIFIERS = frozenset({"compound", "amod", "nmod", "nummod", "npadvmod"})
_NAME_LIKE = re.compile(r"(?=.*[^\W\d_])(?=.*\d)|[A-Z].*[A-Z]|.[A-Z]")


class SentenceLike(Protocol):
    """One sentence of a paper: its page, its offsets in the page text, its section and its text."""

    page: int
    start: int
    end: int
    section: str | None
    text: str


@dataclass(frozen=True)
class ReferenceLexicon:
    """The word lists of ``resources/references.json``."""

    determiners: frozenset[str]  # a mention with one refers back
    resolved: frozenset[str]  # an argument with one is resolved
    quantifiers: frozenset[str]
    transparent: frozenset[str]
    shell_nouns: frozenset[str]
    prepositions: frozenset[str]
    window: int
    max_name_words: int
    counted: dict[str, int]  # a quantifier that counts what it refers back to ("both")
    numbers: dict[str, int]  # "these two genes"


@lru_cache(maxsize=1)
def load_reference_lexicon() -> ReferenceLexicon:
    """The packaged reference-resolution word lists."""
    text = (resources.files("causemap.graphbuilder") / "resources" / "references.json").read_text("utf-8")
    data = json.loads(text)
    return ReferenceLexicon(
        determiners=frozenset(data["referring_determiners"]["words"]),
        resolved=frozenset(data["resolved_determiners"]["words"]),
        quantifiers=frozenset(data["leading_quantifiers"]["words"]),
        transparent=frozenset(data["transparent_adjectives"]["words"]),
        shell_nouns=frozenset(data["shell_nouns"]["words"]),
        prepositions=frozenset(data["specifying_prepositions"]["words"]),
        window=int(data["window_sentences"]),
        max_name_words=int(data["max_name_words"]),
        counted={k: int(v) for k, v in data["counting_quantifiers"]["words"].items()},
        numbers={k: int(v) for k, v in data["number_words"]["words"].items()},
    )


def paper_reader(
    sentences: Sequence[SentenceLike], parse: Parse | None = None
) -> tuple[dict[tuple[int, int], int], Callable[[int], Doc]]:
    """Each sentence's index by (page, start), and the parse of sentence ``i``, parsed once when asked."""
    if parse is None:
        from causemap.graphbuilder.extractors.rules import load_spacy

        parse = load_spacy()
    docs: dict[int, Doc] = {}

    def doc_of(i: int) -> Doc:
        if i not in docs:
            docs[i] = parse(sentences[i].text)
        return docs[i]

    return {(s.page, s.start): i for i, s in enumerate(sentences)}, doc_of


def says_which(token: Token) -> bool:
    """A name or symbol, by its spelling ("SCN5A", "R123W", "KATP", "hERG")."""
    return bool(_NAME_LIKE.match(token.text)) and any(ch.isalpha() for ch in token.text)


def _word_span(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """The character span of tokens ``start:end``, widened to whole words ("Kir6.2-S118L", not "S118L";
    not a bracket or comma written against it)."""
    while start > 0 and not doc[start - 1].whitespace_ and doc[start - 1].text not in _OPENING:
        start -= 1
    while end < len(doc) and not doc[end - 1].whitespace_ and doc[end].text not in _CLOSING:
        end += 1
    return doc[start].idx, doc[end - 1].idx + len(doc[end - 1])


_OPENING = frozenset('([{,;:/"')
_CLOSING = frozenset(')]},;:.!?/"')


def balanced(doc: Doc, start: int, end: int) -> tuple[int, int] | None:
    """The whole words of tokens ``start:end``, or None when a bracket in them is not closed there."""
    first, last = _word_span(doc, start, end)
    text = doc.text[first:last]
    if any(text.count(a) != text.count(b) for a, b in ("()", "[]", "{}")):
        return None
    return first, last


def plural(noun: Token) -> bool:
    return noun.tag_ in ("NNS", "NNPS")


def lemma(token: Token) -> str:
    return token.lemma_.lower()


def named_members(head: Token, wanted_plural: bool, lex: ReferenceLexicon) -> list[tuple[int, int]] | None:
    """The character span of each thing a noun phrase names, when it names things a plural (or a
    singular) reference can stand for: one noun of that number, or, for a plural one, a coordination
    of nouns, each a name, a noun that says which ("overexpression of SIRT1") or a bare noun ("aspirin")
    that is no study artefact; None when it does not."""
    conjuncts = [head, *head.conjuncts] if head.dep_ != "conj" else [head]
    if wanted_plural != (len(conjuncts) > 1 or plural(head)):
        return None
    spans = []
    for noun in conjuncts:
        if noun.pos_ not in _NOUNS or is_artefact(noun, lex):
            return None
        left = [c for c in noun.lefts if c.dep_ in _LEFT_MODIFIERS]
        first = min((c.left_edge.i for c in left), default=noun.i)
        last = noun.i + 1
        of = next((c for c in noun.rights if c.dep_ == "prep" and c.lower_ == "of"), None)
        if of is not None and not any(t.pos_ in ("VERB", "AUX") for t in of.subtree):
            last = of.right_edge.i + 1  # "overexpression of SIRT1": the thing is named in the complement
        determined = any(c.dep_ in ("det", "poss") for c in noun.children)
        if determined and not any(says_which(t) for t in noun.doc[first:last]):
            return None  # "the drug", "a mutation", "its target": it names nothing itself
        if last - first > lex.max_name_words:
            return None
        span = balanced(noun.doc, first, last)
        if span is None:
            return None
        spans.append(span)
    return spans


def is_artefact(noun: Token, lex: ReferenceLexicon) -> bool:
    """Who was studied, the study and its records, or a shell noun: nothing a pronoun's claim is about."""
    from causemap.graphbuilder.extractors.rules_arguments import is_population, is_sample
    from causemap.graphbuilder.extractors.rules_lexicon import load_lexicon

    cues = load_lexicon()
    lemma = noun.lemma_.lower()
    return (
        lemma in lex.shell_nouns
        or lemma in cues.vague_arguments
        or noun.lower_ in cues.excluded_arguments
        or is_population(noun, cues)
        or is_sample(noun, cues)
    )
