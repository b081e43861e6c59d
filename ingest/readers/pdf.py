"""PDF reader on pypdf: per-page text, cleaned and labelled, plus metadata, or a specific failure.

Every way a PDF can be unreadable maps to one :class:`ReadFailure` code with a message a
researcher can act on: not a PDF at all (a renamed text file, a saved HTML error page), empty,
too large, truncated or corrupt, encrypted with a user password, or without a text layer (a scan
that needs OCR). Files encrypted with an empty user password open normally.

pypdf reports recoverable problems through the ``pypdf`` logger and ``warnings``; both are routed
to this module's logger at DEBUG level (and onto ``ParsedDocument.warnings``) instead of being
printed raw to users. The ones that mean a page's content was skipped (pypdf 7 stops after 5,000
nested form invocations per page, and skips a form it cannot decode) are told to the user as a
``PageWarning`` on that page, as is a page whose text could not be read at all or that is a scan.
"""

from __future__ import annotations

import hashlib
import io
import logging
import math
import warnings
from collections.abc import Iterator
from contextvars import ContextVar
from pathlib import Path
from typing import Any

import pypdf
from pypdf.errors import DependencyError

from causemap.ingest.clean import CLEAN_VERSION, clean_pages, normalize_characters
from causemap.ingest.metadata import extract_metadata
from causemap.ingest.readers.base import (
    DEFAULT_LIMITS,
    DEFAULT_MAX_BYTES,
    PageText,
    PageWarning,
    ParsedDocument,
    ReadFailure,
    ReadLimits,
    report_pages,
)
from causemap.ingest.sections import label_pages

PARSER_NAME = f"pypdf {pypdf.__version__} + causemap-clean {CLEAN_VERSION}"
# Below this many non-blank characters per page on average a PDF has no usable text layer.
MIN_TEXT_CHARS_PER_PAGE = 25
_SIGNATURES = (
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"PK\x03\x04", "a ZIP archive (e.g. a .docx or .epub)"),
    (b"{\\rtf", "an RTF document"),
    (b"\xd0\xcf\x11\xe0", "an old Microsoft Office document"),
)
_log = logging.getLogger(__name__)
_messages: ContextVar[list[str] | None] = ContextVar("pypdf_messages", default=None)
# pypdf's messages (parts of their templates, which do not vary with the file) saying it skipped some
# of a page's content while extracting its text and read on.
_SKIPPED_CONTENT = ("form XObject invocations", "Impossible to decode XFormObject")
_skipped: ContextVar[list[str] | None] = ContextVar("pypdf_skipped_content", default=None)


class _PypdfToDebug(logging.Handler):
    """Forward pypdf's log records to our logger at DEBUG and collect them per document."""

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage()
        _log.debug("pypdf %s: %s", record.levelname.lower(), message)
        collected = _messages.get()
        if collected is not None and len(collected) < 200:
            collected.append(message)
        skipped = _skipped.get()
        if skipped is not None and len(skipped) < 5 and any(t in str(record.msg) for t in _SKIPPED_CONTENT):
            skipped.append(message)


def route_pypdf_logging() -> None:
    """Stop pypdf's log records reaching the user's console; keep them at DEBUG here. Idempotent."""
    logger = logging.getLogger("pypdf")
    if not any(isinstance(handler, _PypdfToDebug) for handler in logger.handlers):
        logger.addHandler(_PypdfToDebug())
    logger.propagate = False


def describe_start(data: bytes) -> str:
    """Say what a non-PDF file looks like, from its first bytes."""
    head = data[:1024].lstrip(b"\xef\xbb\xbf \t\r\n")
    for signature, kind in _SIGNATURES:
        if head.startswith(signature):
            return f"it is {kind}"
    text = head[:400].decode("utf-8", errors="replace")
    first_line = " ".join(text.split())[:40]
    lowered = text.lower()
    if "<html" in lowered or "<!doctype html" in lowered or "<body" in lowered:
        return (
            f"the file starts with '{first_line}' (it looks like a saved web page, e.g. a "
            "login or error page, not the paper)"
        )
    printable = sum(ch.isprintable() or ch.isspace() for ch in text) / max(len(text), 1)
    if printable > 0.95:
        return f"the file starts with '{first_line}' (it looks like a text file)"
    return f"the file starts with bytes {head[:8].hex(' ')}"


def sniff_pdf(data: bytes, max_bytes: int = DEFAULT_MAX_BYTES) -> ReadFailure | None:
    """Cheap checks before parsing: empty, too large, not a PDF."""
    if not data:
        return ReadFailure("empty", "empty file (0 bytes)")
    if not data.strip():
        return ReadFailure("empty", f"empty file ({len(data)} bytes of whitespace only)")
    if len(data) > max_bytes:
        return ReadFailure(
            "too_large",
            f"file too large: {len(data) / 2**20:.1f} MiB, above the {max_bytes / 2**20:.0f} MiB "
            "limit for one PDF",
        )
    if b"%PDF-" not in data[:1024]:
        return ReadFailure("not_pdf", f"not a PDF: {describe_start(data)}")
    return None


def _short_reason(exc: BaseException) -> str:
    text = " ".join(str(exc).split()) or "no details"
    return f"{type(exc).__name__}: {text[:160]}"


def _has_images(page: Any) -> bool:
    """Whether a page draws image XObjects (directly or inside one level of forms)."""
    try:
        xobjects = page["/Resources"].get_object().get("/XObject")
        if xobjects is None:
            return False
        for reference in xobjects.get_object().values():
            xobject = reference.get_object()
            if xobject.get("/Subtype") == "/Image":
                return True
            inner = xobject.get("/Resources")
            inner_x = inner.get_object().get("/XObject") if inner is not None else None
            if inner_x is not None and any(
                x.get_object().get("/Subtype") == "/Image" for x in inner_x.get_object().values()
            ):
                return True
    except Exception:  # a malformed resource dictionary just means "no images we can see"
        return False
    return False


def _info_strings(reader: pypdf.PdfReader) -> dict[str, str]:
    try:
        info = reader.metadata or {}
        return {str(key): str(value) for key, value in info.items()}
    except Exception as exc:
        _log.debug("unreadable document info: %s", _short_reason(exc))
        return {}


def _open(data: bytes) -> pypdf.PdfReader | ReadFailure:
    """Open and, if needed, decrypt with the empty password."""
    start = data.find(b"%PDF-")
    reader = pypdf.PdfReader(io.BytesIO(data[start:] if start > 0 else data), strict=False)
    if not reader.is_encrypted:
        return reader
    try:
        outcome = reader.decrypt("")
    except DependencyError as exc:
        return ReadFailure(
            "encrypted", f"encrypted: decrypting needs an extra package ({_short_reason(exc)})"
        )
    except Exception as exc:
        return ReadFailure("encrypted", f"encrypted: could not decrypt ({_short_reason(exc)})")
    if outcome == pypdf.PasswordType.NOT_DECRYPTED:
        return ReadFailure(
            "encrypted",
            "encrypted: the PDF needs a user password (decrypt it first, e.g. "
            "qpdf --password=PASSWORD --decrypt in.pdf out.pdf)",
        )
    return reader


def _extract(
    reader: pypdf.PdfReader, path: Path, sha256: str, limits: ReadLimits
) -> ParsedDocument | ReadFailure:
    page_count = len(reader.pages)
    if page_count == 0:
        return ReadFailure("empty", "the PDF has no pages")
    if page_count > limits.max_pages:
        return ReadFailure(
            "too_large", f"too many pages: {page_count}, above the limit of {limits.max_pages}"
        )
    font_runs: list[tuple[float, str]] = []

    def collect_run(text: str, cm: list[float], tm: list[float], _font: Any, size: float) -> None:
        scale = math.sqrt(abs(tm[0] * tm[3] - tm[1] * tm[2]) * abs(cm[0] * cm[3] - cm[1] * cm[2]))
        font_runs.append((round(size * scale, 1), text))

    raw_pages: list[str] = []
    problems: list[str] = []
    page_warnings: list[PageWarning] = []
    for index, page in enumerate(reader.pages):
        report_pages(index, page_count)
        skipped: list[str] = []
        token = _skipped.set(skipped)
        try:
            text = page.extract_text(visitor_text=collect_run if index == 0 else None)
        except MemoryError:
            raise  # the memory limit, reported as such by the reader process
        except Exception as exc:  # one bad page must not lose the others
            problems.append(f"page {index + 1}: text extraction failed ({_short_reason(exc)})")
            reason = f"its text could not be read ({_short_reason(exc)}): stored empty"
            page_warnings.append(PageWarning(index + 1, "page_not_read", reason))
            text = ""
        finally:
            _skipped.reset(token)
        for message in dict.fromkeys(skipped):
            reason = f"cut short by pypdf ({message.rstrip('.')}); the text read is kept"
            page_warnings.append(PageWarning(index + 1, "page_cut_short", reason))
        if len(text or "") > limits.max_page_chars:
            # Checked before cleaning: megabytes of one repeated word are not a page of a paper.
            return ReadFailure(
                "page_chars_limit",
                f"page {index + 1} holds {len(text):,} characters of text, above the limit of "
                f"{limits.max_page_chars:,} per page (ingest.max_page_chars)",
            )
        raw_pages.append(text or "")
    report_pages(page_count, page_count)
    if len(problems) == page_count:
        return ReadFailure("corrupt", f"truncated or corrupt PDF: {problems[0]}")
    text_chars = sum(len("".join(text.split())) for text in raw_pages)
    if text_chars < MIN_TEXT_CHARS_PER_PAGE * page_count:
        if any(_has_images(page) for page in reader.pages):
            return ReadFailure(
                "no_text",
                f"no text layer: the PDF looks scanned (image-only, {text_chars} characters of "
                f"text on {page_count} page(s)); run OCR (e.g. ocrmypdf) first",
            )
        return ReadFailure(
            "no_text",
            f"no text layer: {text_chars} characters of text on {page_count} page(s), and no "
            "page images either (vector drawings or blank pages?)",
        )
    scanned = [
        index + 1
        for index, text in enumerate(raw_pages)
        if len(text.strip()) < MIN_TEXT_CHARS_PER_PAGE and _has_images(reader.pages[index])
    ]
    if scanned:
        problems.append(f"page(s) {', '.join(map(str, scanned))} look scanned (images, no text): not read")
    for number in scanned:
        reason = "it looks scanned (an image, no text): not read; run OCR (e.g. ocrmypdf) to read it"
        page_warnings.append(PageWarning(number, "page_scanned", reason))
    cleaned = clean_pages(raw_pages)
    spans = label_pages(cleaned)
    meta = extract_metadata(_info_strings(reader), normalize_characters(raw_pages[0]), font_runs, path.name)
    return ParsedDocument(
        source=str(path),
        sha256=sha256,
        kind="pdf",
        parser=PARSER_NAME,
        title=meta.title,
        authors=meta.authors,
        year=meta.year,
        doi=meta.doi,
        pages=[PageText(i + 1, text, spans[i]) for i, text in enumerate(cleaned)],
        warnings=problems,
        page_warnings=sorted(page_warnings, key=lambda w: w.page),
    )


def read_pdf(path: Path, data: bytes, limits: ReadLimits = DEFAULT_LIMITS) -> ParsedDocument | ReadFailure:
    """Read one PDF's bytes into a document, or say specifically why it cannot be read.

    Never raises for a bad file: every pypdf exception becomes a :class:`ReadFailure`.
    """
    failure = sniff_pdf(data, limits.max_bytes)
    if failure is not None:
        return failure
    route_pypdf_logging()
    sha256 = hashlib.sha256(data).hexdigest()
    collected: list[str] = []
    token = _messages.set(collected)
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            opened = _open(data)
            result = opened if isinstance(opened, ReadFailure) else _extract(opened, path, sha256, limits)
        for warning in caught:
            _log.debug("pypdf warning: %s", warning.message)
            collected.append(str(warning.message))
    except MemoryError:
        raise  # the memory limit, reported as such by the reader process
    except Exception as exc:
        hint = "" if b"%%EOF" in data[-2048:] else " (no %%EOF marker: the file looks truncated)"
        result = ReadFailure("corrupt", f"truncated or corrupt PDF: {_short_reason(exc)}{hint}")
    finally:
        _messages.reset(token)
    if isinstance(result, ParsedDocument):
        if b"%%EOF" not in data[-2048:]:
            result.warnings.append("no %%EOF marker at the end: the file may be truncated")
        result.warnings.extend(dict.fromkeys(collected))  # unique, in order
    return result


class PdfReader:
    """The ``Reader`` for ``.pdf`` files."""

    suffixes: tuple[str, ...] = (".pdf",)

    def read(
        self, path: Path, data: bytes, limits: ReadLimits = DEFAULT_LIMITS
    ) -> Iterator[ParsedDocument | ReadFailure]:
        """Yield exactly one document or failure for the PDF ``data``."""
        yield read_pdf(path, data, limits)
