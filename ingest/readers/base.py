"""Types shared by every document reader: parsed documents, pages, section spans, failures.

A reader turns the bytes of one file into :class:`ParsedDocument` objects (one per paper) or
:class:`ReadFailure` values that say, specifically, why a file could not be read. Readers never
raise for a bad input file: one broken PDF must not stop an ingest run over a thousand others.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal, Protocol, runtime_checkable

FailureCode = Literal[
    "not_found",
    "not_pdf",
    "empty",
    "corrupt",
    "encrypted",
    "no_text",
    "too_large",
    "bad_record",
    "unsupported",
    # A limit of ``IngestSettings`` was hit; the message names the setting.
    "time_limit",
    "memory_limit",
    "page_chars_limit",
    "chunk_limit",
    "record_size_limit",
    "crashed",  # the reader process died (a library bug, or the system killing it)
]

DEFAULT_MAX_BYTES = 200 * 1024 * 1024
DEFAULT_MAX_PAGES = 2000
DEFAULT_MAX_PAGE_CHARS = 200_000
DEFAULT_MAX_RECORD_BYTES = 1024 * 1024

# ``(pages read, pages)``, as a reader goes through a long document; see ``report_pages``.
PageReporter = Callable[[int, int], None]
_page_reporter: PageReporter | None = None


def set_page_reporter(reporter: PageReporter | None) -> None:
    """Where ``report_pages`` goes in this process (a reader process: to its parent), or nowhere.

    A hook rather than an argument of every reader, like logging: readers stay ``read(path, data,
    limits)``, and only the process that wants the counts installs one."""
    global _page_reporter
    _page_reporter = reporter


def report_pages(done: int, total: int) -> None:
    """A reader has read ``done`` of the ``total`` pages of the document it is reading."""
    if _page_reporter is not None:
        _page_reporter(done, total)


SECTION_LABELS: tuple[str, ...] = (
    "front",
    "abstract",
    "introduction",
    "methods",
    "results",
    "discussion",
    "conclusion",
    "references",
    "other",
)


class ReadFailure(Exception):
    """Why one input could not be read.

    Parameters
    ----------
    code
        A stable machine-readable reason (see ``FailureCode``).
    message
        A specific, human sentence saying what is wrong and, where possible, what to do.
    """

    def __init__(self, code: FailureCode, message: str) -> None:
        super().__init__(message)
        self.code: FailureCode = code
        self.message = message

    def __reduce__(self) -> tuple[type[ReadFailure], tuple[str, str]]:
        return (ReadFailure, (self.code, self.message))  # failures travel back from reader processes

    def __repr__(self) -> str:
        return f"ReadFailure({self.code!r}, {self.message!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, ReadFailure) and (self.code, self.message) == (other.code, other.message)

    def __hash__(self) -> int:
        return hash((self.code, self.message))


@dataclass(frozen=True)
class ReadLimits:
    """What one input may hold before it is refused (each limit is named when it is hit).

    ``max_page_chars`` applies to PDF pages (a text file's single "page" is its whole text, bounded by
    the file size instead); ``max_record_bytes`` to one line of a JSONL export.
    """

    max_bytes: int = DEFAULT_MAX_BYTES
    max_pages: int = DEFAULT_MAX_PAGES
    max_page_chars: int = DEFAULT_MAX_PAGE_CHARS
    max_record_bytes: int = DEFAULT_MAX_RECORD_BYTES


DEFAULT_LIMITS = ReadLimits()


@dataclass(frozen=True)
class SectionSpan:
    """A labelled character range ``[start, end)`` of one page's cleaned text."""

    start: int
    end: int
    label: str


@dataclass(frozen=True)
class PageText:
    """One page: its cleaned text and the section spans that tile it.

    Provenance offsets (claims, chunks) point into ``text``. ``sections`` cover
    ``[0, len(text))`` without gaps or overlap (empty for an empty page).
    """

    number: int
    text: str
    sections: tuple[SectionSpan, ...]

    def label_at(self, offset: int) -> str | None:
        """Return the section label of the character at ``offset`` (None if out of range)."""
        for span in self.sections:
            if span.start <= offset < span.end:
                return span.label
        return None


PageWarningCode = Literal[
    "page_cut_short",  # the reader skipped part of the page's content; what it read is kept
    "page_not_read",  # reading the page's text failed: the page is stored empty
    "page_scanned",  # the page is an image without text (OCR would read it): stored empty
]


@dataclass(frozen=True)
class PageWarning:
    """A page of a stored paper whose text is not all there, and why: told with the paper's outcome."""

    page: int
    code: PageWarningCode
    reason: str

    def to_dict(self) -> dict[str, object]:
        return {"page": self.page, "code": self.code, "reason": self.reason}


@dataclass
class ParsedDocument:
    """One paper read from a file (or one record of a JSONL file)."""

    source: str
    sha256: str
    kind: Literal["pdf", "text"]
    parser: str
    title: str | None
    authors: list[str]
    year: int | None
    doi: str | None
    pages: list[PageText]
    # Non-fatal problems worth showing at debug level (pages that failed to extract, pypdf
    # warnings, a missing end-of-file marker, ...). Never needed to use the document.
    warnings: list[str] = field(default_factory=list)
    # Pages whose text is not all there: reported with the paper's outcome (``ingest --json``).
    page_warnings: list[PageWarning] = field(default_factory=list)

    @property
    def text_chars(self) -> int:
        """Total number of characters of cleaned text over all pages."""
        return sum(len(page.text) for page in self.pages)


@runtime_checkable
class Reader(Protocol):
    """Reads the bytes of one file into documents or failures (one item per paper)."""

    suffixes: tuple[str, ...]

    def read(
        self, path: Path, data: bytes, limits: ReadLimits = DEFAULT_LIMITS
    ) -> Iterator[ParsedDocument | ReadFailure]:
        """Yield one item per document held by ``data`` (the bytes of ``path``), within ``limits``."""
        ...
