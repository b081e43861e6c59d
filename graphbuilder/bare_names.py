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

A process noun said alone is short in the same way when the paper names what undergoes the process
with a noun before it: "intron dispersal" and then "dispersal", "glucose metabolism" and then
"metabolism". Such a noun (a nominalised verb: "-al", "-ion", "-ism", ...) leaves its verb's object
unsaid, and the paper's one compound that says it is the name it means. Only a noun fills that place
(:func:`_names_theme`): "neonatal diabetes" or "supervised exercise" is a kind of the thing, not what
undergoes it, and a word that stands alone keeps its name.

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

from causemap.graphbuilder.normalise import PARTICIPLE, NormalisationLexicon, load_lexicon, normalise
from causemap.graphbuilder.variable_names import names_a_variable

__all__ = ["modified_in_sentence", "resolve_bare_names"]

_MAX_BARE_WORDS = 2
_MAX_EXTRA_MODIFIERS = 2
_DOMINANT_SHARE = 2 / 3
# Suffixes of nouns made from verbs ("dispersal", "transcription", "metabolism"), which leave the
# verb's object unsaid; at least three letters must come before the suffix. A gerund is left out: it
# names an activity that stands alone ("smoking" beside the paper's "cigarette smoking").
_PROCESS_SUFFIXES = ("al", "ion", "ment", "ance", "ence", "ism", "sis", "age")
_PROCESS_STEM = 3
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
            process = len(words) == 1 and _process_noun(words[0])
            if len(words) > _MAX_BARE_WORDS or not (words[-1] in generic or process):
                continue
            alone = names_a_variable(term, lex)
            longer = Counter(
                {
                    other: n
                    for other, n in term_uses.items()
                    if _extends(other.split(), words, alone, lex)
                    or (process and _names_theme(other.split(), words[0], lex))
                }
            )
            if process:
                longer = _same_theme(longer, words[0], lex)
            if not longer:
                continue
            best, uses = longer.most_common(1)[0]
            if uses < _DOMINANT_SHARE * sum(longer.values()):
                continue  # "transcript": which of the paper's transcripts is not clear
            form = min(written[best], key=lambda w: (-written[best][w], w))
            for name in written[term]:
                resolved[(paper, name)] = form
    return dict(sorted(resolved.items()))


def _process_noun(word: str) -> bool:
    """A noun made from a verb, by its suffix: "dispersal", "metabolism" ("heat", "yield" are not)."""
    return any(word.endswith(s) and len(word) - len(s) >= _PROCESS_STEM for s in _PROCESS_SUFFIXES)


def _names_theme(other: list[str], process: str, lex: NormalisationLexicon) -> bool:
    """``other`` is ``process`` after one noun that says what undergoes it ("intron dispersal"), not
    an adjective or participle saying which kind ("neonatal", "supervised", "high"), and names a
    variable itself."""
    if len(other) != 2 or other[1] != process:
        return False
    modifier = other[0]
    describing = lex.degree_adjectives | lex.referential_adjectives | lex.kind_adjectives | lex.quantifiers
    return (
        modifier not in describing
        and not modifier.endswith(lex.adjective_suffixes + ("ing", "ed"))
        and not PARTICIPLE.fullmatch(modifier)
        and names_a_variable(" ".join(other), lex)
    )


def _same_theme(longer: Counter[str], process: str, lex: NormalisationLexicon) -> Counter[str]:
    """The uses of "dispersal of (some) introns" counted with the paper's "intron dispersal": one name,
    the process and what undergoes it, written two ways."""
    merged: Counter[str] = Counter()
    for name, n in longer.items():
        words = name.split()
        theme = [w for w in words[2:] if w not in lex.determiners | lex.quantifiers]
        compound = f"{theme[0]} {process}" if words[1:2] == ["of"] and len(theme) == 1 else name
        merged[compound if compound in longer else name] += n
    return merged


def _extends(other: list[str], short: list[str], alone: bool, lex: NormalisationLexicon) -> bool:
    """``other`` is ``short`` with an 'of' complement, or (when ``short`` names nothing ``alone``)
    with one or two more premodifiers, and names a variable itself. A premodifier is not added to a
    name that stands alone: "physical activity" is not the paper's "moderate physical activity".
    Premodifiers stand before the head without a preposition: in "trafficking of transcripts" the
    short "transcripts" is the complement of another head, not the head premodified."""
    n = len(short)
    complement = len(other) > n + 1 and other[:n] == short and other[n] == "of"
    added = other[: len(other) - n]
    premodified = (
        not alone
        and 0 < len(added) <= _MAX_EXTRA_MODIFIERS
        and other[-n:] == short
        and not lex.complement_prepositions.intersection(added)  # another head's complement
    )
    return (complement or premodified) and names_a_variable(" ".join(other), lex)
