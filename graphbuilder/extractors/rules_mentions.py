"""A claim's arguments as written: the token spans the rules chose, made into mentions.

The span of an argument is chosen in ``rules.py`` and ``rules_spans.py``; what is decided here is
the span's edges as the claim states them: the whole modifier of an "X-induced Y" compound, the
noun phrase of its effect, and the characters a mention leaves out (a genotype's suffix, a
suspended hyphen, a full stop the tokeniser kept).
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Token

from causemap.graphbuilder.extractors.base import Mention
from causemap.graphbuilder.extractors.rules_lexicon import CueLexicon
from causemap.graphbuilder.extractors.rules_repairs import participle_cue
from causemap.graphbuilder.lexicon import load_lexicon


def whole_modifier(cause: list[Token], effect: list[Token], lexicon: CueLexicon) -> list[Token]:
    """'valproic acid-induced dementia': the words before the cause that modify into the phrase
    belong to it ("valproic acid"), however the parser attached them; a cue verb's participle
    ("X inhibited VEGF-induced Y" parsed as one noun phrase) is not part of a name."""
    doc = cause[0].doc
    first = cause[0].i
    while first > 0:
        before = doc[first - 1]
        if before.text == "-" and not before.whitespace_ and first >= 2:
            word = doc[first - 2]
            if word.whitespace_ or word.is_punct:
                break
            first -= 2  # "interferon-gamma-induced": the hyphens join one name
        elif (
            before.pos_ in ("ADJ", "NOUN", "PROPN")
            and before.dep_ in ("amod", "compound", "nmod", "npadvmod")
            and first - 1 < before.head.i <= effect[-1].i
        ):
            if participle_cue(before, lexicon) is not None:
                break
            if first >= 3 and doc[first - 2].text == "-" and not doc[first - 3].whitespace_:
                # "first-phase glucose-stimulated secretion": a hyphenated compound before the
                # cause is a modifier of its own, of the whole phrase ("first-phase secretion")
                break
            first -= 1
        else:
            break
    return [*doc[first : cause[0].i], *cause] if first < cause[0].i else cause


def with_property(effect: list[Token], cue: Token) -> list[Token]:
    """'X is (more) susceptible to Y': what varies with X is its susceptibility to Y, not Y, so the
    adjective and its 'to' begin the effect ("susceptible to Y"; normalising names it by its noun)."""
    doc = cue.doc
    adjacent = cue.i + 2 < len(doc) and doc[cue.i + 1].lower_ == "to" and effect[0].i == cue.i + 2
    if not adjacent or cue.lower_ not in load_lexicon().property_adjectives:
        return effect
    return [cue, doc[cue.i + 1], *effect]


def noun_phrase_only(tokens: list[Token], head: Token) -> list[Token]:
    """The noun phrase of an 'X-induced Y' effect, without a clause the parser hung on it."""
    clauses = [c.i for c in head.children if c.dep_ in ("acl", "relcl") and c.i > head.i]
    return [t for t in tokens if t.i < min(clauses)] if clauses else tokens


def overlaps(a: list[Token], b: list[Token]) -> bool:
    return a[0].i < b[-1].i + 1 and b[0].i < a[-1].i + 1


def mention(tokens: list[Token], genotype_suffixes: Sequence[str] = ()) -> Mention:
    start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
    text = tokens[0].doc.text
    written = text[start:end].lower()
    suffix = next((s for s in genotype_suffixes if written.endswith(s) and len(written) > len(s)), "")
    end -= len(suffix)  # "SOD1-/-", "SOD1-deficient": the gene SOD1 (its genotype is the claim's sign)
    if end - start > 1 and text[end - 1] == "-":
        end -= 1  # "cisplatin-" of a suspended hyphen ("cisplatin- and doxorubicin-induced")
    if end - start > 2 and text[end - 1] == "." and not text[end:].strip() and text[end - 2].isalnum():
        end -= 1  # "hemophilia A.": the tokeniser kept the sentence's full stop on the last word
    return Mention(text=text[start:end], start=start, end=end)
