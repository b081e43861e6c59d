"""Paper metadata (title, authors, year, DOI) from a PDF's info dictionary and its first page.

Never from the network. Pure functions: the PDF reader passes in the info dictionary, the first
page's text (with its line breaks) and the first page's text runs with their font sizes.
Document-info fields are often junk ("Microsoft Word - draft3.docx", "untitled", a file name, a
title cut after "in"), so each field is checked against what the first page shows.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import PurePath

from causemap.ingest.clean import normalize_characters
from causemap.ingest.hyphenation import fix_spaced_hyphens, join_hyphenated


@dataclass(frozen=True)
class PaperMetadata:
    title: str | None = None
    authors: list[str] = field(default_factory=list)
    year: int | None = None
    doi: str | None = None


_DOI = re.compile(r"\b10\.\d{4,9}/[^\s\"<>]+")
_JUNK_TITLE = re.compile(
    r"^(?:microsoft\s+\w+\s*-|untitled\b|document\d*$|layout\s*\d*$|slide\s*\d*$|no title$"
    r"|title$|manuscript$|article$|paper$|pdf$|main$|template$|full text$|powerpoint\b)"
    r"|\.(?:docx?|pdf|tex|dvi|rtf|odt|indd|qxd|ps|eps|txt)\s*$",
    re.IGNORECASE,
)
_NOT_TITLE_LINE = re.compile(
    r"^(?:(?:research|original|review|short|brief)?\s*(?:article|paper|letter|report|"
    r"communication|research)s?|open access|journal of\b.*|proceedings of\b.*|.*\bvol(?:ume)?\.?"
    r"\s*\d.*|.*\bdoi\b.*|https?://.*|.*@.*)$",
    re.IGNORECASE,
)
_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
# (pattern, tier): explicit publication evidence (copyright, citation line, volume) outranks an
# accepted date, which outranks received/revised dates and bare month-year mentions.
_YEAR_PATTERNS: tuple[tuple[re.Pattern[str], int], ...] = (
    (re.compile(r"(?:©|\(c\)|copyright|published(?: online)?)[^\n]{0,40}?\b((?:19|20)\d{2})\b", re.I), 3),
    (re.compile(r"\b((?:19|20)\d{2})\s*[;,]\s*\d+\s*[(:]"), 3),
    (re.compile(r"\(((?:19|20)\d{2})\)\s*\d+\s*[(:]"), 3),
    (re.compile(r"\b((?:19|20)\d{2}),\s*volume\b|\bvolume\s+((?:19|20)\d{2})\b", re.I), 3),
    (re.compile(r"\bvol(?:ume)?\.?\s*\d+\s*[(,]\s*((?:19|20)\d{2})\b", re.I), 3),
    (re.compile(r"proceedings[^\n]{0,60}?\b((?:19|20)\d{2})\b", re.I), 3),
    (re.compile(r"accepted[^\n]{0,40}?\b((?:19|20)\d{2})\b", re.I), 2),
    (re.compile(r"(?:received|revised)[^\n]{0,40}?\b((?:19|20)\d{2})\b", re.I), 1),
    (re.compile(rf"\b{_MONTH}\s+(?:\d{{1,2}},?\s+)?((?:19|20)\d{{2}})\b", re.I), 1),
)
_AFFILIATION = re.compile(
    r"universit|department|institut|college|school|hospital|cent(?:er|re)|laborator|faculty|"
    r"@|abstract|received|correspondence|\bdivision\b|\bdept\b|affiliation",
    re.IGNORECASE,
)
_MARKERS = r"[\d*†‡§☯¶#✉]+"
_PARTICLES = frozenset(
    {
        "van",
        "de",
        "der",
        "den",
        "von",
        "da",
        "di",
        "la",
        "le",
        "du",
        "dos",
        "del",
        "bin",
        "al",
        "el",
        "ter",
        "ten",
        "y",
    }
)


def _key(text: str) -> str:
    return re.sub(r"[^0-9a-z]", "", text.lower())


def clean_field(text: str) -> str:
    """A short multi-line field (a title) as one clean line."""
    joined = ""
    for line in normalize_characters(text).split("\n"):
        if not line.strip():
            continue
        joined = join_hyphenated(joined, line) or f"{joined.rstrip()} {line.strip()}"
    return re.sub(r"\s+", " ", fix_spaced_hyphens(joined)).strip()


# ------------------------------------------------------------------------------------ title


def is_junk_title(title: str | None, file_name: str = "") -> bool:
    """True for empty, placeholder, file-name-like or identifier-like titles."""
    text = (title or "").strip()
    if len(text) < 4 or not re.search(r"[A-Za-z]{2}", text) or _JUNK_TITLE.search(text):
        return True
    if " " not in text and re.search(r"\d", text):
        return True  # "s00125-024-06103-w", "N18-3011", "paper_v3"
    stem = PurePath(file_name).stem
    return bool(stem) and _key(stem) == _key(text)


def title_from_font_runs(runs: Sequence[tuple[float, str]]) -> str | None:
    """The first page's title: the largest-font block that reads like a title.

    ``runs`` are ``(font_size, text)`` in reading order. Consecutive runs of one size form a
    block; lines like "Research Article" or "Journal of ..." are dropped from a block; a block
    must be noticeably larger than the body text and have at least three words.
    """
    blocks: list[tuple[float, str]] = []
    for size, text in runs:
        if blocks and (not text.strip() or abs(blocks[-1][0] - size) < 0.6):
            blocks[-1] = (blocks[-1][0], blocks[-1][1] + text)
        elif text.strip():
            blocks.append((size, text))
    weight: Counter[float] = Counter()
    for size, text in blocks:
        weight[round(size)] += len(text.strip())
    if not weight:
        return None
    body_size = weight.most_common(1)[0][0]
    best: tuple[float, str] | None = None
    for size, text in blocks:
        lines = [ln for ln in text.split("\n") if ln.strip() and not _NOT_TITLE_LINE.match(ln.strip())]
        candidate = clean_field("\n".join(lines))
        if size < body_size * 1.15 or len(candidate.split()) < 3 or not 15 <= len(candidate) <= 300:
            continue
        if best is None or size > best[0] + 0.6:
            best = (size, candidate)
    return best[1] if best else None


def choose_title(
    info_title: str | None, visual_title: str | None, first_page: str, file_name: str = ""
) -> str | None:
    """Pick between the info-dictionary title and the title seen on the first page."""
    info = clean_field(info_title) if info_title and not is_junk_title(info_title, file_name) else None
    if info and visual_title:
        if _key(visual_title).startswith(_key(info)) and len(visual_title) > len(info):
            return visual_title  # the info title was cut short ("A loss-of-function mutation in")
        return info if _key(info) in _key(first_page) else visual_title
    return info or visual_title


# ---------------------------------------------------------------------------- doi and year


def _trim_doi(doi: str) -> str:
    doi = doi.rstrip(".,;:'\"’”")
    while doi.endswith((")", "]")) and doi.count(doi[-1]) > doi.count("(" if doi[-1] == ")" else "["):
        doi = doi[:-1].rstrip(".,;:")
    return doi


def find_dois(text: str) -> list[str]:
    """DOIs in ``text`` in order of appearance, trailing punctuation removed."""
    return [_trim_doi(match.group()) for match in _DOI.finditer(text)]


def choose_doi(info: Mapping[str, str], first_page: str) -> str | None:
    """The paper's DOI: from the info dictionary if present, else the first page's commonest."""
    for key in sorted(info, key=lambda k: k.lower().strip("/") != "doi"):
        found = find_dois(str(info[key]))
        if found:
            return found[0]
    candidates = find_dois(first_page)
    # A DOI broken at a line end ("10.1371/journal.") is a prefix of the whole one: ignore it.
    whole = [d for d in candidates if not any(o != d and o.startswith(d) for o in candidates)]
    if not whole:
        return None
    counts = Counter(whole)
    return max(whole, key=lambda d: (counts[d], -whole.index(d)))


def choose_year(info: Mapping[str, str], first_page: str, today: date | None = None) -> int | None:
    """Publication year from first-page evidence (copyright, citation line, dates), else info."""
    latest = (today or date.today()).year + 1
    found: dict[int, Counter[int]] = {}
    for pattern, tier in _YEAR_PATTERNS:
        for match in pattern.finditer(first_page):
            year = int(next(group for group in match.groups() if group)[:4])
            if 1900 <= year <= latest:
                found.setdefault(tier, Counter())[year] += 1
    if found:
        counts = found[max(found)]
        return max(counts, key=lambda year: (counts[year], year))
    created = re.search(r"(?:19|20)\d{2}", str(info.get("/CreationDate", "")))
    return int(created.group()) if created else None


# --------------------------------------------------------------------------------- authors


def split_author_names(text: str) -> list[str]:
    """Names from a byline such as ``"Ann Lee,1 Bo Chan2* and C. D. Ruiz3"``."""
    text = re.sub(r"\{?et al\.?\}?", "", normalize_characters(text))
    text = re.sub(rf"(?<=[^\W\d_])\s?{_MARKERS}(?:\s?,\s?{_MARKERS})*", ",", text)
    text = re.sub(rf",\s?{_MARKERS}(?:,{_MARKERS})*", ",", text)
    names = []
    for piece in re.split(r"\s*(?:[,;·•&|]|\band\b)\s*", text):
        name = " ".join(piece.split()).strip(" .")
        tokens = name.split()
        if not 2 <= len(tokens) <= 5 or re.search(r"[\d@()]", name):
            continue
        if all(t[:1].isupper() or t.lower() in _PARTICLES for t in tokens) and any(
            sum(c.islower() for c in t) >= 2 for t in tokens
        ):
            names.append(name)
    return names


def byline_after_title(first_page: str, title: str | None) -> str:
    """The lines right after the title on the first page, up to the affiliations."""
    lines = [ln.strip() for ln in first_page.split("\n")]
    title_key = _key(title or "")
    start = None
    if title_key:
        for first in range(len(lines)):
            acc = ""
            for last in range(first, min(first + 6, len(lines))):
                acc += _key(lines[last])
                if title_key in acc:
                    start = last + 1
                    break
                if not title_key.startswith(acc):
                    break
            if start is not None:
                break
    if start is None:
        return ""
    byline = []
    for line in lines[start : start + 5]:
        if not line or _AFFILIATION.search(line):
            break
        byline.append(line)
    return " ".join(byline)


def choose_authors(info: Mapping[str, str], first_page: str, title: str | None) -> list[str]:
    """Authors from the info dictionary, or from the byline when that lists more of them."""
    info_names = split_author_names(str(info.get("/Author", "")).replace(" ;", ";"))
    page_names = split_author_names(byline_after_title(first_page, title))
    if len(page_names) > len(info_names):
        first_surname = info_names[0].split()[-1].lower() if info_names else ""
        if not first_surname or first_surname in " ".join(page_names).lower():
            return page_names
    return info_names


def extract_metadata(
    info: Mapping[str, str],
    first_page: str,
    font_runs: Sequence[tuple[float, str]] = (),
    file_name: str = "",
) -> PaperMetadata:
    """Title, authors, year and DOI of one PDF.

    Parameters
    ----------
    info
        The PDF document-information dictionary as strings (keys like ``"/Title"``).
    first_page
        The first page's extracted text, with its line breaks, after character normalisation.
    font_runs
        ``(font_size, text)`` runs of the first page in reading order (may be empty).
    file_name
        The file's name, to reject an info title that merely repeats it.
    """
    page = normalize_characters(first_page)
    title = choose_title(info.get("/Title"), title_from_font_runs(font_runs), page, file_name)
    return PaperMetadata(
        title=title,
        authors=choose_authors(info, page, title),
        year=choose_year(info, page),
        doi=choose_doi(info, page),
    )
