"""Hyphens at line ends and after a typesetter's space: which to keep when lines are rejoined.

"concentra-" + "tion" is one word broken by the layout; "self-" + "reported" a compound; "pre- and
post-operative" a suspended hyphen. The document's own words decide first (``build_vocabulary``),
then the layout. Used by the paragraph assembly of ``clean`` and by the title and author fields of
``metadata``; it stands alone because it reads words, not pages.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

SOFT_HYPHEN = "\u00ad"
_SUSPENDED_NEXT = frozenset({"and", "or", "to", "nor", "versus", "vs", "but", "through"})
_LETTER = r"A-Za-z\u00c0-\u024f\u0370-\u03ff"
_WORD = re.compile(rf"[{_LETTER}]+")
# "self-reported", and "self- reported" where a typesetter put a space after every hyphen.
_COMPOUND = re.compile(
    rf"(?<![{_LETTER}-])([{_LETTER}]+)- ?(?!(?:and|or|to|nor)\b)([{_LETTER}]+)(?![{_LETTER}])"
)
_LINE_END_HYPHEN = re.compile(rf"([{_LETTER}0-9]*)( ?)-( *)$")
_SPACED_HYPHEN = re.compile(
    rf"(?<=[{_LETTER}0-9])- +(?!(?:and|or|to|nor|versus|vs|but|through)\b)(?=[{_LETTER}0-9])"
)


@dataclass(frozen=True)
class Vocabulary:
    """Words and hyphenated compounds seen inside lines of a document (not across breaks)."""

    words: frozenset[str] = frozenset()
    compounds: frozenset[str] = frozenset()


NO_VOCABULARY = Vocabulary()  # a text read alone: only the layout decides


def build_vocabulary(pages: Sequence[Sequence[str]]) -> Vocabulary:
    """Collect the document's own words, to decide how a hyphen at a line end is rejoined."""
    words: set[str] = set()
    compounds: set[str] = set()
    for lines in pages:
        previous_hyphenated = False
        for line in lines:
            stripped = line.rstrip()
            tokens = _WORD.findall(stripped)
            hyphenated = stripped.endswith(("-", SOFT_HYPHEN))
            # Fragments on either side of a line-end hyphen are not words of the document.
            words.update(t.lower() for t in tokens[previous_hyphenated : len(tokens) - hyphenated])
            compounds.update(f"{a}-{b}".lower() for a, b in _COMPOUND.findall(stripped))
            previous_hyphenated = hyphenated
    return Vocabulary(frozenset(words), frozenset(compounds))


def join_hyphenated(left: str, right: str, vocabulary: Vocabulary = NO_VOCABULARY) -> str | None:
    """Join two lines if ``left`` ends in a hyphenation; None if it does not end with a hyphen.

    The document's own vocabulary decides first (``self-reported`` seen elsewhere keeps its
    hyphen, ``treadmill`` seen elsewhere loses it); then the layout: ``"pre- "`` + newline keeps
    the hyphen (a compound typeset as "pre- mRNA"), ``"concentra -"`` (BMJ style) and plain
    ``"concentra-"`` drop it, except before a capital or digit (``"anti-"`` + ``"TNF"``).

    >>> join_hyphenated("the concentra-", "tion was"), join_hyphenated("anti-", "TNF therapy")
    ('the concentration was', 'anti-TNF therapy')
    """
    right = right.lstrip()
    if left.endswith(SOFT_HYPHEN):
        return left[:-1] + right
    if not left.rstrip(" ").endswith("-"):
        return None  # cheap: most lines end otherwise, and the search below scans the whole left
    match = _LINE_END_HYPHEN.search(left)
    if not match or not right:
        return None
    head, space_before, space_after = match.groups()
    if not head and not space_before:
        return None  # a lone dash, not a word break
    stem = left[: match.start()] + head
    next_word = (_WORD.match(right) or [""])[0]
    if space_after and next_word.lower() in _SUSPENDED_NEXT:
        return f"{stem}- {right}"  # "pre- and post-operative"
    joined, compound = f"{head}{next_word}".lower(), f"{head}-{next_word}".lower()
    if next_word and compound in vocabulary.compounds and joined not in vocabulary.words:
        keep = True
    elif next_word and joined in vocabulary.words and compound not in vocabulary.compounds:
        keep = False
    elif space_after:
        keep = True
    elif space_before:
        keep = not right[:1].islower()
    else:
        keep = not right[:1].islower() or len(head) <= 1 or head[-1:].isdigit()
    return f"{stem}-{right}" if keep else f"{stem}{right}"


def fix_spaced_hyphens(text: str) -> str:
    """``"Post- transcriptional"`` -> ``"Post-transcriptional"``; ``"pre- and post-"`` stays.

    >>> fix_spaced_hyphens("Post- transcriptional splicing, co- or post- transcriptionally")
    'Post-transcriptional splicing, co- or post-transcriptionally'
    """
    return _SPACED_HYPHEN.sub("-", text)
