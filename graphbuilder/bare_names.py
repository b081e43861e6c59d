"""A generic name in a paper stands for the specific phrase the paper uses with the same head.

Writers shorten a phrase once they have introduced it: a paper about the KATP channel that reads
"glibenclamide enhanced surface expression of the KATP channel" goes on with "reduced temperature
enhanced surface expression", and one about strain AB18 writes "all AB18 mutants" and then "some
mutants". Read alone, the short form names nothing a researcher could place ("surface expression" of
what?); read in its paper, it is the long one. This is definite-description resolution at its
simplest: a short name whose head is a generic noun ("expression", "mutant", "level") takes the one
longer name of the same paper that extends it, by an 'of' complement ("surface expression of the KATP
channel") or by a premodifier ("AB18 mutant"). When the paper has several such longer names and none
holds two thirds of their mentions, the short name stays as written (and, naming nothing, draws no
edge).

A short name is bare only where its own sentence writes it bare. When the word before it there is a
premodifier the extractor left out of the name ("polarization-dependent effects", "M3 mutants"), the
sentence says which effects or mutants it means, and another sentence's "the effect of a difference
in laser power" would put a name in the claim that its sentence does not contain: such a mention keeps
its name (:func:`modified_in_sentence`).

Everything here is pure: names and paper ids in, a replacement per (paper, name) out.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable

from causemap.graphbuilder.normalise import NormalisationLexicon, load_lexicon, normalise
from causemap.graphbuilder.variable_names import names_a_variable

__all__ = ["modified_in_sentence", "resolve_bare_names"]

_MAX_BARE_WORDS = 2
_MAX_EXTRA_MODIFIERS = 2
_DOMINANT_SHARE = 2 / 3
# A premodifier written as a word of its own: a hyphen compound ("polarization-dependent", "heat-
# induced") or a name with a digit or an inner capital ("M3", "KATP", "hERG").
_PREMODIFIER = re.compile(r"(?:[^\W_]+-[^\W\d_]\w*|\w*\d\w*[^\W\d_]\w*|\w*[^\W\d_]\w*\d\w*|\w+[A-Z]\w*)$")


def modified_in_sentence(sentence: str, start: int) -> bool:
    """Whether the name that starts at ``start`` in ``sentence`` follows a premodifier of its own there
    ("polarization-dependent | effects", "M3 | mutants"): the sentence says which thing it is, so the
    name is not bare there.

    >>> modified_in_sentence("Models of polarization-dependent effects are planned.", 33)
    True
    >>> modified_in_sentence("Models of the effects are planned.", 14)
    False
    """
    before = sentence[:start]
    if not before or not before[-1].isspace():
        return False
    words = before.split()
    return bool(words) and bool(_PREMODIFIER.fullmatch(words[-1]))


def resolve_bare_names(
    mentions: Iterable[tuple[str, str]], lexicon: NormalisationLexicon | None = None
) -> dict[tuple[str, str], str]:
    """``(paper id, name) -> the paper's longer name`` for each short name with a generic head that
    the same paper's names resolve.

    ``mentions`` holds one ``(paper id, name)`` per use of a name in a claim.

    Examples
    --------
    >>> resolve_bare_names([("p", "surface expression"), ("p", "surface expression of the KATP channel"),
    ...                     ("q", "surface expression")])
    {('p', 'surface expression'): 'surface expression of the KATP channel'}
    >>> resolve_bare_names([("p", "some mutants"), ("p", "AB18 mutants"), ("p", "M3 mutants")])
    {}
    """
    lex = lexicon or load_lexicon()
    generic = lex.vague_alone | lex.trailing_wrappers | lex.relational_heads
    by_paper: dict[str, Counter[str]] = defaultdict(Counter)
    for paper, name in mentions:
        by_paper[paper][name] += 1
    resolved: dict[tuple[str, str], str] = {}
    for paper, counts in by_paper.items():
        term_uses: Counter[str] = Counter()
        written: dict[str, Counter[str]] = defaultdict(Counter)
        for name, n in counts.items():
            term = normalise(name, lex).text
            term_uses[term] += n
            written[term][name] += n
        for term in term_uses:
            words = term.split()
            if len(words) > _MAX_BARE_WORDS or words[-1] not in generic:
                continue
            alone = names_a_variable(term, lex)
            longer = Counter(
                {other: n for other, n in term_uses.items() if _extends(other.split(), words, alone, lex)}
            )
            if not longer:
                continue
            best, uses = longer.most_common(1)[0]
            if uses < _DOMINANT_SHARE * sum(longer.values()):
                continue  # "transcript": which of the paper's transcripts is not clear
            form = min(written[best], key=lambda w: (-written[best][w], w))
            for name in written[term]:
                resolved[(paper, name)] = form
    return dict(sorted(resolved.items()))


def _extends(other: list[str], short: list[str], alone: bool, lex: NormalisationLexicon) -> bool:
    """``other`` is ``short`` with an 'of' complement, or (when ``short`` names nothing ``alone``)
    with one or two more premodifiers, and names a variable itself. A premodifier is not added to a
    name that stands alone: "physical activity" is not the paper's "moderate physical activity"."""
    n = len(short)
    complement = len(other) > n + 1 and other[:n] == short and other[n] == "of"
    premodified = not alone and 0 < len(other) - n <= _MAX_EXTRA_MODIFIERS and other[-n:] == short
    return (complement or premodified) and names_a_variable(" ".join(other), lex)
