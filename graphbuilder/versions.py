"""Which papers are versions of one study: a preprint and its published version, the same file twice,
a JSONL record that repeats a PDF.

Evidence from several versions of one study is one vote, not several (``graphbuilder.belief``). Three
signals say two papers are one study, strongest first:

- the same DOI (``doi.org`` prefixes, case and an arXiv version suffix ``v2`` ignored);
- the same title, once normalised (case, accents, punctuation and spacing ignored), when it is long
  enough to be specific (``MIN_TITLE_WORDS``);
- near-duplicate text: the share of the shorter text's word 5-grams (shingles) found in the other.
  Containment rather than Jaccard similarity, because an abstract repeated from a PDF is a small part
  of it. Only a fixed subset of shingles is compared (those whose hash is 0 modulo
  ``SHINGLE_SAMPLE``), which estimates the same share without comparing every pair of papers: papers
  are paired through an index of their sampled shingles.

The user has the last word: ``separate`` decisions keep two papers apart however alike they look,
``same`` decisions join papers nothing detected. Groups are formed with a union-find that applies the
user's joins first, then the detected links strongest first, and never makes a join that would put a
separated pair into one group.

Everything here is pure: the graph service reads titles, DOIs and page text from the store and passes
them in. See docs/belief.md ("One study, one vote").
"""

from __future__ import annotations

import re
import unicodedata
import zlib
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

__all__ = [
    "MIN_SHINGLES",
    "MIN_TITLE_WORDS",
    "NEAR_DUPLICATE_CONTAINMENT",
    "PaperText",
    "StudyGroups",
    "VersionLink",
    "containment",
    "detect_versions",
    "normalise_doi",
    "normalise_title",
    "shingles",
]

MIN_TITLE_WORDS = 5  # "Introduction", "Editorial comment" or "Research article" identify nothing
SHINGLE_WORDS = 5
SHINGLE_SAMPLE = 4  # keep one shingle in four (by hash): containment is estimated, not computed
MIN_SHINGLES = 25  # sampled shingles the shorter text needs (about 100 words) to be compared at all
NEAR_DUPLICATE_CONTAINMENT = 0.5

LinkReason = Literal["same_doi", "same_title", "near_duplicate_text", "user"]
_STRENGTH: dict[str, int] = {"user": 0, "same_doi": 1, "same_title": 2, "near_duplicate_text": 3}
_WORD = re.compile(r"[^\W_]+")
_DOI = re.compile(r"10\.\d{4,9}/\S+", re.IGNORECASE)
_ARXIV_VERSION = re.compile(r"(arxiv\.\d{4}\.\d{4,5})v\d+$")


@dataclass(frozen=True)
class PaperText:
    """What versions are recognised by: a paper's metadata and its text (all pages, in order)."""

    paper_id: str
    title: str | None = None
    doi: str | None = None
    kind: str = "pdf"
    n_pages: int = 0
    year: int | None = None
    text: str = ""


@dataclass(frozen=True)
class VersionLink:
    """Two papers found to be one study, why, and how sure (containment, or 1.0)."""

    a: str
    b: str
    reason: LinkReason
    score: float = 1.0

    def to_dict(self) -> dict[str, Any]:
        return {"papers": [self.a, self.b], "reason": self.reason, "score": round(self.score, 3)}


@dataclass(frozen=True)
class StudyGroups:
    """Papers grouped into studies.

    Attributes
    ----------
    study_of
        Paper id -> the id of its study's primary paper (itself when it has no other version).
    links
        The links that joined papers (detected or the user's), strongest first.
    kept_apart
        Detected links the user's ``separate`` decisions overruled.
    """

    study_of: dict[str, str]
    links: list[VersionLink] = field(default_factory=list)
    kept_apart: list[VersionLink] = field(default_factory=list)

    def versions(self) -> dict[str, list[str]]:
        """Primary paper -> its other versions, for studies with more than one paper."""
        groups: dict[str, list[str]] = defaultdict(list)
        for paper, study in sorted(self.study_of.items()):
            if paper != study:
                groups[study].append(paper)
        return dict(sorted(groups.items()))

    def to_dict(self) -> dict[str, Any]:
        return {
            "studies": [{"primary": p, "versions": v} for p, v in self.versions().items()],
            "links": [link.to_dict() for link in self.links],
            "kept_apart": [link.to_dict() for link in self.kept_apart],
        }


def normalise_doi(doi: str | None) -> str | None:
    """A DOI in one spelling: lower case, no resolver prefix, no trailing punctuation.

    >>> normalise_doi("https://doi.org/10.1136/BMJ.h2145."), normalise_doi("doi: 10.48550/arXiv.2206.01062v3")
    ('10.1136/bmj.h2145', '10.48550/arxiv.2206.01062')
    >>> normalise_doi("not a doi") is None
    True
    """
    if not doi:
        return None
    found = _DOI.search(unicodedata.normalize("NFKC", doi))
    if not found:
        return None
    value = found.group(0).lower().rstrip(".,;)]}>'\"")
    return _ARXIV_VERSION.sub(r"\1", value)


def normalise_title(title: str | None) -> str | None:
    """A title as a string of its words (case, accents and punctuation ignored), None if too short.

    >>> normalise_title("Physical activity for smoking cessation in pregnancy: randomised controlled trial")
    'physical activity for smoking cessation in pregnancy randomised controlled trial'
    >>> normalise_title("Introduction") is None
    True
    """
    if not title:
        return None
    words = _words(title)
    return " ".join(words) if len(words) >= MIN_TITLE_WORDS else None


def _words(text: str) -> list[str]:
    folded = unicodedata.normalize("NFKC", text).casefold()
    if not folded.isascii():  # accents off: "régime" and "regime" are one word
        decomposed = unicodedata.normalize("NFKD", folded)
        folded = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _WORD.findall(folded)


def shingles(text: str, sample: int = SHINGLE_SAMPLE) -> frozenset[int]:
    """Hashes of the text's word 5-grams, keeping those that are 0 modulo ``sample``.

    Hyphenation and line breaks do not matter: only the words are compared.
    """
    words = _words(text)
    found = set()
    for i in range(len(words) - SHINGLE_WORDS + 1):
        h = zlib.crc32(" ".join(words[i : i + SHINGLE_WORDS]).encode("utf-8"))
        if h % sample == 0:
            found.add(h)
    return frozenset(found)


def containment(a: frozenset[int], b: frozenset[int]) -> float:
    """The share of the smaller set found in the other (0 when either is empty)."""
    small, large = (a, b) if len(a) <= len(b) else (b, a)
    if not small:
        return 0.0
    return len(small & large) / len(small)


def _detected_links(papers: Sequence[PaperText]) -> list[VersionLink]:
    links: dict[tuple[str, str], VersionLink] = {}

    def add(a: str, b: str, reason: LinkReason, score: float = 1.0) -> None:
        key = (min(a, b), max(a, b))
        old = links.get(key)
        if old is None or _STRENGTH[reason] < _STRENGTH[old.reason]:
            links[key] = VersionLink(key[0], key[1], reason, score)

    for reason, key_of in (("same_doi", lambda p: normalise_doi(p.doi)), ("same_title", _title_key)):
        by_key: dict[str, list[str]] = defaultdict(list)
        for p in papers:
            value = key_of(p)
            if value:
                by_key[value].append(p.paper_id)
        for ids in by_key.values():
            ids.sort()
            for other in ids[1:]:
                add(ids[0], other, reason)  # type: ignore[arg-type]

    sets = {p.paper_id: shingles(p.text) for p in papers}
    index: dict[int, list[str]] = defaultdict(list)
    for paper_id in sorted(sets):
        for h in sets[paper_id]:
            index[h].append(paper_id)
    shared: dict[tuple[str, str], int] = defaultdict(int)
    for ids in index.values():
        if len(ids) > 50:  # boilerplate every paper shares (a licence, a journal's footer)
            continue
        for i, a in enumerate(ids):
            for b in ids[i + 1 :]:
                shared[(a, b)] += 1
    for (a, b), n in sorted(shared.items()):
        smaller = min(len(sets[a]), len(sets[b]))
        if smaller < MIN_SHINGLES:
            continue
        score = n / smaller
        if score >= NEAR_DUPLICATE_CONTAINMENT:
            add(a, b, "near_duplicate_text", score)
    return sorted(links.values(), key=lambda link: (_STRENGTH[link.reason], -link.score, link.a, link.b))


def _title_key(paper: PaperText) -> str | None:
    return normalise_title(paper.title)


def _primary(members: Iterable[PaperText]) -> str:
    """The version that stands for the study: a PDF over an abstract, then the published (more pages,
    with a DOI, later), then the smallest id, so the choice is stable."""
    return min(
        members,
        key=lambda p: (p.kind != "pdf", -p.n_pages, p.doi is None, -(p.year or 0), p.paper_id),
    ).paper_id


def detect_versions(papers: Sequence[PaperText], decisions: Sequence[Mapping[str, Any]] = ()) -> StudyGroups:
    """Group papers into studies.

    Parameters
    ----------
    papers
        Every paper, with its title, DOI and text.
    decisions
        The user's decisions, oldest first: ``{"kind": "separate" | "same", "papers": [a, b]}``. A
        later decision about the same pair replaces an earlier one. Papers not in ``papers`` are
        ignored.

    Examples
    --------
    >>> a = PaperText("a", title="Salt intake and blood pressure in older adults", kind="pdf", n_pages=9)
    >>> b = PaperText("b", title="Salt intake and blood pressure in older adults.", kind="text")
    >>> detect_versions([a, b]).study_of
    {'a': 'a', 'b': 'a'}
    >>> detect_versions([a, b], [{"kind": "separate", "papers": ["a", "b"]}]).study_of
    {'a': 'a', 'b': 'b'}
    """
    known = {p.paper_id: p for p in papers}
    pair_decision: dict[tuple[str, str], str] = {}
    for d in decisions:
        pair = [x for x in d.get("papers", []) if x in known]
        if len(pair) == 2 and pair[0] != pair[1]:
            pair_decision[(min(pair), max(pair))] = str(d.get("kind"))
    separate = {pair for pair, kind in pair_decision.items() if kind == "separate"}
    forced = [VersionLink(a, b, "user") for (a, b), kind in sorted(pair_decision.items()) if kind == "same"]

    parent = {pid: pid for pid in sorted(known)}
    members: dict[str, set[str]] = {pid: {pid} for pid in parent}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def apart(ra: str, rb: str) -> bool:
        return any((min(x, y), max(x, y)) in separate for x in members[ra] for y in members[rb])

    links: list[VersionLink] = []
    kept_apart: list[VersionLink] = []
    for link in [*forced, *_detected_links(papers)]:
        ra, rb = find(link.a), find(link.b)
        if ra == rb:
            continue
        if apart(ra, rb):
            kept_apart.append(link)
            continue
        keep, gone = min(ra, rb), max(ra, rb)
        parent[gone] = keep
        members[keep] |= members.pop(gone)
        links.append(link)
    study_of: dict[str, str] = {}
    for group in members.values():
        primary = _primary(known[pid] for pid in group)
        study_of.update((pid, primary) for pid in group)
    return StudyGroups(dict(sorted(study_of.items())), links, kept_apart)
