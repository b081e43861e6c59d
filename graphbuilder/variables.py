"""From the causes and effects as written to variables: normalise, merge synonyms, apply decisions.

Each distinct surface string is normalised (``graphbuilder.normalise``); the distinct terms are
embedded once and near-synonyms merged when their cosine similarity reaches a threshold. Neighbours
are found with a matrix product over blocks of rows, so memory stays bounded and the work runs in
BLAS rather than in a Python loop over pairs; merging is a union-find that also requires the two
groups' centroids to stay above the threshold (so that chains a~b~c do not join dissimilar a and c)
and never joins names the contrast lists keep apart ("systolic" vs "diastolic", "type 1" vs "type 2").

The user's decisions (merge, rename, split) are then replayed in the order they were made. They name
variables by their aliases, not by their ids, so they still apply after a re-extraction has changed
which surface forms exist: a decision whose aliases no longer exist is reported as stale.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

import numpy as np

from causemap.graphbuilder.normalise import (
    NormalisationLexicon,
    NormalisedTerm,
    load_lexicon,
    normalise,
    slugify,
    term_numbers,
)
from causemap.models import Variable

__all__ = [
    "DECISION_KINDS",
    "VariableAssignment",
    "assign_variables",
    "can_merge",
    "similar_pairs",
    "synonym_groups",
]

DECISION_KINDS = ("merge", "rename", "split")
_BLOCK_CELLS = 1 << 22  # similarity cells computed at once (16 MiB of float32)


class TextEmbedder(Protocol):
    def embed(self, texts: Sequence[str]) -> np.ndarray: ...


@dataclass(frozen=True)
class VariableAssignment:
    """Which variable each surface string names.

    Attributes
    ----------
    variables
        Variables by id, sorted by id; ``aliases`` are the surface strings, sorted.
    variable_of
        Surface string -> variable id.
    term_of
        Surface string -> its normalised term (with the sign flip that normalising implies).
    decisions
        One entry per user decision: its id, kind, ``status`` ("applied" or "stale") and detail.
    synonym_merges
        How many normalised terms were joined to another by embedding similarity.
    """

    variables: dict[str, Variable]
    variable_of: dict[str, str]
    term_of: dict[str, NormalisedTerm]
    decisions: list[dict[str, Any]] = field(default_factory=list)
    synonym_merges: int = 0


def similar_pairs(
    vectors: np.ndarray, threshold: float, max_neighbours: int = 32
) -> list[tuple[float, int, int]]:
    """Pairs ``(similarity, i, j)`` with ``i < j`` and cosine similarity >= ``threshold``.

    Rows are unit vectors. Similarities are computed block by block (a few MiB at a time); each row
    keeps at most ``max_neighbours`` partners. Sorted by decreasing similarity, then ``i``, ``j``.
    """
    n = len(vectors)
    pairs: list[tuple[float, int, int]] = []
    if n < 2:
        return pairs
    block = max(1, _BLOCK_CELLS // n)
    columns = np.arange(n)
    for start in range(0, n, block):
        sims = vectors[start : start + block] @ vectors.T
        rows = np.arange(start, start + len(sims))
        mask = (sims >= threshold) & (columns[None, :] > rows[:, None])
        for r in np.flatnonzero(mask.any(axis=1)):
            hits = np.flatnonzero(mask[r])
            if len(hits) > max_neighbours:
                hits = hits[np.argsort(-sims[r, hits], kind="stable")[:max_neighbours]]
            pairs.extend((float(sims[r, j]), int(rows[r]), int(j)) for j in hits)
    pairs.sort(key=lambda p: (-p[0], p[1], p[2]))
    return pairs


def can_merge(a: str, b: str, lexicon: NormalisationLexicon | None = None) -> bool:
    """False when two terms differ by a number, by words of one contrast set, or by a direction word.

    Examples
    --------
    >>> can_merge("type 1 diabetes", "type 2 diabetes"), can_merge("smoking", "cigarette smoking")
    (False, True)
    >>> can_merge("physical activity", "physical inactivity"), can_merge("unconnected", "connected")
    (False, False)
    >>> can_merge("mobility", "limited mobility"), can_merge("secretion", "impaired secretion")
    (False, False)
    >>> can_merge("intron a", "intron b"), can_merge("hepatitis b", "hepatitis b virus")
    (False, True)
    """
    lex = lexicon or load_lexicon()
    numbers_a, numbers_b = term_numbers(a), term_numbers(b)
    if numbers_a and numbers_b and sorted(numbers_a) != sorted(numbers_b):
        return False
    words_a, words_b = _words(a), _words(b)
    only_a, only_b = words_a - words_b, words_b - words_a
    if any((only_a & contrast) and (only_b & contrast) for contrast in lex.contrast_sets):
        return False
    if any(map(_DESIGNATOR.fullmatch, only_a)) and any(map(_DESIGNATOR.fullmatch, only_b)):
        return False  # "intron a" / "intron b", "complex i" / "complex iii": named members of a set
    # "limited mobility" is mobility downward: joining it to "mobility" would lose the reversed sign
    direction = lex.up_words | lex.down_words
    if (only_a | only_b) & direction:
        return False
    # "activity" / "inactivity", "unconnected" / "interconnected": one word negates the other
    return not any(
        _negates(x, y, lex.negating_prefixes) or _negates(y, x, lex.negating_prefixes)
        for x in only_a
        for y in only_b
    )


# A letter or a Roman numeral that names one member of a series ("intron A", "complex III").
_DESIGNATOR = re.compile(r"[a-z]|(?:x{0,2})(?:ix|iv|v?i{0,3})")


def _negates(word: str, other: str, prefixes: Sequence[str]) -> bool:
    """``word`` is a negating prefix on a stem (5+ letters) that ``other`` ends with."""
    return any(
        word.startswith(p) and len(word) - len(p) >= 5 and other.endswith(word[len(p) :]) for p in prefixes
    )


def _words(term: str) -> set[str]:
    return set(term.replace("-", " ").split())


def synonym_groups(
    terms: Sequence[str],
    vectors: np.ndarray,
    threshold: float,
    lexicon: NormalisationLexicon | None = None,
) -> list[list[int]]:
    """Group terms whose embeddings are near (indices into ``terms``), each group sorted.

    Pairs are joined most similar first; two groups join only if their centroids' cosine is still
    >= ``threshold`` and no member of one is kept apart from a member of the other by ``can_merge``.
    """
    lex = lexicon or load_lexicon()
    parent = list(range(len(terms)))
    members: dict[int, list[int]] = {i: [i] for i in range(len(terms))}
    sums = {i: vectors[i].astype(np.float64) for i in range(len(terms))}

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for _, i, j in similar_pairs(vectors, threshold):
        ri, rj = find(i), find(j)
        if ri == rj:
            continue
        a, b = sums[ri], sums[rj]
        if float(a @ b) / (np.linalg.norm(a) * np.linalg.norm(b)) < threshold:
            continue
        if not all(can_merge(terms[x], terms[y], lex) for x in members[ri] for y in members[rj]):
            continue
        keep, gone = min(ri, rj), max(ri, rj)
        parent[gone] = keep
        members[keep].extend(members.pop(gone))
        sums[keep] = a + b
        del sums[gone]
    return sorted(sorted(group) for group in members.values())


def assign_variables(
    surface_counts: Mapping[str, int],
    embedder: TextEmbedder | None = None,
    *,
    threshold: float = 0.86,
    decisions: Sequence[Mapping[str, Any]] = (),
    lexicon: NormalisationLexicon | None = None,
) -> VariableAssignment:
    """Variables for the given surface strings (each with how many claims use it).

    Parameters
    ----------
    surface_counts
        Cause and effect strings as written, with their number of mentions.
    embedder
        Anything with ``embed(texts) -> unit vectors``; None merges only identical terms.
    threshold
        Cosine similarity at which two terms are synonyms.
    decisions
        The user's decisions as stored (``Store.variable_decisions()``), oldest first.
    """
    lex = lexicon or load_lexicon()
    surfaces = sorted(surface_counts)
    term_of = {s: normalise(s, lex) for s in surfaces}
    terms = sorted({t.text for t in term_of.values()})
    if embedder is not None and len(terms) > 1:
        groups = synonym_groups(terms, np.asarray(embedder.embed(terms)), threshold, lex)
    else:
        groups = [[i] for i in range(len(terms))]
    group_of_term = {terms[i]: g for g, group in enumerate(groups) for i in group}
    clusters: dict[int, set[str]] = defaultdict(set)
    for s in surfaces:
        clusters[group_of_term[term_of[s].text]].add(s)
    state = _Clusters(dict(clusters), {}, term_of, lex)
    report = [state.apply(d) for d in decisions]
    variables, variable_of = state.name(surface_counts)
    return VariableAssignment(
        variables=variables,
        variable_of=variable_of,
        term_of=term_of,
        decisions=report,
        synonym_merges=len(terms) - len(groups),
    )


@dataclass
class _Clusters:
    """Surface strings grouped into would-be variables, while decisions are replayed."""

    members: dict[int, set[str]]
    labels: dict[int, str]  # label chosen by the user
    term_of: dict[str, NormalisedTerm]
    lexicon: NormalisationLexicon

    def matching(self, aliases: Sequence[str]) -> Counter[int]:
        """Clusters holding each alias (as written, else by its normalised term) -> matches."""
        wanted = set(aliases)
        wanted_terms = {normalise(a, self.lexicon).text for a in aliases}
        hits: Counter[int] = Counter()
        for key, surfaces in self.members.items():
            for s in surfaces:
                if s in wanted or self.term_of[s].text in wanted_terms:
                    hits[key] += 1
        return hits

    def apply(self, decision: Mapping[str, Any]) -> dict[str, Any]:
        kind = decision.get("kind")
        entry = {"id": decision.get("id"), "kind": kind}
        if kind == "merge":
            found = sorted({k for group in decision.get("groups", []) for k in self.matching(group)})
            if len(found) < 2:
                return {**entry, "status": "stale", "detail": "fewer than two of its variables exist"}
            keep = found[0]
            for key in found[1:]:
                self.members[keep] |= self.members.pop(key)
                self.labels.pop(key, None)
            if decision.get("label"):
                self.labels[keep] = str(decision["label"])
            return {**entry, "status": "applied", "detail": f"merged {len(found)} variables"}
        if kind == "rename":
            hits = self.matching(decision.get("aliases", []))
            if not hits:
                return {**entry, "status": "stale", "detail": "none of its aliases exist"}
            key = min(hits, key=lambda k: (-hits[k], k))
            self.labels[key] = str(decision["label"])
            return {**entry, "status": "applied", "detail": f"renamed to {decision['label']!r}"}
        if kind == "split":
            return {**entry, **self._split(decision.get("aliases", []))}
        return {**entry, "status": "stale", "detail": f"unknown decision kind {kind!r}"}

    def _split(self, aliases: Sequence[str]) -> dict[str, str]:
        wanted = set(aliases)
        wanted_terms = {normalise(a, self.lexicon).text for a in aliases}
        moving = {
            s
            for surfaces in self.members.values()
            for s in surfaces
            if s in wanted or self.term_of[s].text in wanted_terms
        }
        if not moving:
            return {"status": "stale", "detail": "none of its aliases exist"}
        if any(surfaces == moving for surfaces in self.members.values()):
            return {"status": "stale", "detail": "those aliases already form a variable of their own"}
        for key in list(self.members):
            self.members[key] -= moving
            if not self.members[key]:
                del self.members[key]
                self.labels.pop(key, None)
        self.members[max(self.members, default=-1) + 1] = moving
        return {"status": "applied", "detail": f"moved {len(moving)} aliases to a new variable"}

    def name(self, surface_counts: Mapping[str, int]) -> tuple[dict[str, Variable], dict[str, str]]:
        """Label each cluster (the user's, else its most used term) and give it a unique slug id."""
        named = []
        for key, surfaces in self.members.items():
            label = self.labels.get(key) or _most_used_term(surfaces, self.term_of, surface_counts)
            named.append((label, sorted(surfaces)))
        named.sort(key=lambda item: (slugify(item[0]), item[0], item[1]))
        variables: dict[str, Variable] = {}
        variable_of: dict[str, str] = {}
        for label, surfaces in named:
            base = slugify(label)
            vid, n = base, 1
            while vid in variables:
                n += 1
                vid = f"{base}_{n}"
            variables[vid] = Variable(id=vid, label=label, aliases=surfaces)
            variable_of.update((s, vid) for s in surfaces)
        return dict(sorted(variables.items())), variable_of


def _most_used_term(
    surfaces: set[str], term_of: Mapping[str, NormalisedTerm], counts: Mapping[str, int]
) -> str:
    uses: Counter[str] = Counter()
    for s in surfaces:
        uses[term_of[s].text] += counts.get(s, 1)
    # Most mentions; then the shorter name; then alphabetical, so ties are settled the same way.
    return min(uses, key=lambda t: (-uses[t], len(t), t))
