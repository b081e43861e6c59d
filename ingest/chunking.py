"""Split a page into retrieval chunks on sentence boundaries, one section label per chunk.

Chunks never leave their page (so a chunk's page is its provenance) and never cross a section
boundary (so each chunk has one label and references can be filtered out). Consecutive chunks of
a section share ``overlap_sentences`` sentences so that a claim split across two chunks is still
seen whole by at least one of them. A "sentence" longer than ``max_chars`` (a table, a list with no
full stops, one word repeated over megabytes) is cut at the last space before ``max_chars``: the
embedding model reads no further than about that, and one 5 MB chunk helps nobody.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from causemap.ingest.readers.base import PageText
from causemap.ingest.readers.text import JSONL_PARSER_PREFIX
from causemap.ingest.sentences import split_sentences

CHUNKING_LABEL = "chunks of sentences"  # how a paper's parser label names its chunking


def chunking_label(overlap_sentences: int) -> str:
    """How a paper's parser label records its chunking (JSONL abstracts: see ``worker.prepare``).

    >>> chunking_label(0)
    'chunks of sentences, overlap 0'
    """
    return f"{CHUNKING_LABEL}, overlap {overlap_sentences}"


def abstract_overlap(ingest: Any, stored_parsers: Callable[[], Iterable[str]] | None = None) -> int:
    """Sentences repeated between the chunks of a JSONL abstract (the one place this is decided):
    ``ingest.abstract_overlap_sentences`` where set; where unset (None), ``ingest.chunk_overlap_sentences``
    if ``stored_parsers()`` (the parser labels of the papers a workspace holds; asked only then) name JSONL
    abstracts chunked before the setting existed (their label names no chunking), else 0.

    The overlap exists so that a sentence cut off at a chunk's end is read whole in the next chunk; an
    abstract's sentences are short, extraction reads the stored page rather than chunks, and every
    repeated sentence is embedded twice: for 500 BioRED abstracts it is 10 % more tokens through the
    model (213,000 against 191,000), which is what ingest of an export costs. A workspace whose abstracts
    were chunked with overlap keeps it, so that its abstracts stay chunked one way (the vectors and
    passages of an export do not depend on which run stored which record).

    >>> from causemap.settings import IngestSettings
    >>> abstract_overlap(IngestSettings(chunk_overlap_sentences=1))
    0
    >>> abstract_overlap(IngestSettings(chunk_overlap_sentences=1), lambda: ["causemap-jsonl 1"])
    1
    """
    if ingest.abstract_overlap_sentences is not None:
        return int(ingest.abstract_overlap_sentences)
    legacy = stored_parsers is not None and any(
        parser.startswith(JSONL_PARSER_PREFIX) and CHUNKING_LABEL not in parser for parser in stored_parsers()
    )
    return int(ingest.chunk_overlap_sentences) if legacy else 0


@dataclass(frozen=True)
class ChunkSpan:
    """A chunk as ``[start, end)`` offsets into its page's cleaned text."""

    start: int
    end: int
    section: str
    is_references: bool


def _sentences_in(text: str, sentences: list[tuple[int, int]], start: int, end: int) -> list[tuple[int, int]]:
    """Sentences clipped to ``[start, end)`` (a sentence straddling a section edge is cut there)."""
    clipped = []
    for s, e in sentences:
        s, e = max(s, start), min(e, end)
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            clipped.append((s, e))
    return clipped


def split_long(text: str, spans: list[tuple[int, int]], max_chars: int) -> list[tuple[int, int]]:
    """Spans longer than ``max_chars`` cut into pieces at spaces (mid-word only if there is none).

    >>> text = "aaa bbb ccc ddd"
    >>> [text[s:e] for s, e in split_long(text, [(0, len(text))], 8)]
    ['aaa bbb', 'ccc ddd']
    """
    pieces = []
    for start, end in spans:
        while end - start > max_chars:
            cut = text.rfind(" ", start + 1, start + max_chars + 1)
            if cut <= start:
                cut = start + max_chars
            piece_end = cut
            while piece_end > start and text[piece_end - 1].isspace():
                piece_end -= 1
            pieces.append((start, piece_end))
            start = cut
            while start < end and text[start].isspace():
                start += 1
        if end > start:
            pieces.append((start, end))
    return pieces


def pack_sentences(
    sentences: list[tuple[int, int]], max_chars: int, overlap_sentences: int
) -> list[tuple[int, int]]:
    """Group consecutive sentences into ``(first_index, last_index_exclusive)`` windows.

    Each window spans at most ``max_chars`` characters (from its first sentence's start to its
    last sentence's end) unless it is a single sentence; consecutive windows share up to
    ``overlap_sentences`` sentences, and every window adds at least one new sentence.
    """
    windows: list[tuple[int, int]] = []
    first = 0
    while first < len(sentences):
        last = first + 1
        while last < len(sentences) and sentences[last][1] - sentences[first][0] <= max_chars:
            last += 1
        windows.append((first, last))
        if last >= len(sentences):
            break
        next_first = max(last - overlap_sentences, first + 1)
        # Drop the overlap if it would leave no room for the next new sentence.
        while next_first < last and sentences[last][1] - sentences[next_first][0] > max_chars:
            next_first += 1
        first = next_first
    return windows


def chunk_page(page: PageText, max_chars: int = 1000, overlap_sentences: int = 1) -> list[ChunkSpan]:
    """Chunks of one page, in reading order.

    Parameters
    ----------
    page
        A page with cleaned text and section spans.
    max_chars
        Largest chunk, in characters (a longer sentence is cut at spaces).
    overlap_sentences
        How many sentences a chunk repeats from the previous chunk of the same section.
    """
    if max_chars < 1 or overlap_sentences < 0:
        raise ValueError("max_chars must be >= 1 and overlap_sentences >= 0")
    sentences = split_sentences(page.text)
    chunks = []
    for span in page.sections:
        section_sentences = split_long(
            page.text, _sentences_in(page.text, sentences, span.start, span.end), max_chars
        )
        for first, last in pack_sentences(section_sentences, max_chars, overlap_sentences):
            chunks.append(
                ChunkSpan(
                    start=section_sentences[first][0],
                    end=section_sentences[last - 1][1],
                    section=span.label,
                    is_references=span.label == "references",
                )
            )
    return chunks
