"""Document readers: one module per input kind behind the :class:`Reader` protocol.

``reader_for(path)`` picks a reader by suffix (case-insensitive); ``read_document(path, data)``
reads bytes the caller already has; ``read_path(path)`` also reads the file and reports a missing,
unreadable or oversized file as a :class:`ReadFailure`. None of them raises for a bad input.
"""

from __future__ import annotations

from pathlib import Path

from causemap.ingest.readers.base import (
    DEFAULT_LIMITS,
    DEFAULT_MAX_BYTES,
    SECTION_LABELS,
    FailureCode,
    PageText,
    ParsedDocument,
    Reader,
    ReadFailure,
    ReadLimits,
    SectionSpan,
)
from causemap.ingest.readers.pdf import PdfReader
from causemap.ingest.readers.text import JsonlReader, TextReader

__all__ = [
    "SECTION_LABELS",
    "SUPPORTED_SUFFIXES",
    "FailureCode",
    "PageText",
    "ParsedDocument",
    "ReadFailure",
    "ReadLimits",
    "Reader",
    "SectionSpan",
    "load_bytes",
    "read_document",
    "read_path",
    "reader_for",
]

_READERS: tuple[Reader, ...] = (PdfReader(), TextReader(), JsonlReader())
SUPPORTED_SUFFIXES: tuple[str, ...] = tuple(s for reader in _READERS for s in reader.suffixes)


def reader_for(path: Path) -> Reader | None:
    """The reader for ``path``'s suffix (case-insensitive), or None if unsupported."""
    suffix = Path(path).suffix.lower()
    return next((reader for reader in _READERS if suffix in reader.suffixes), None)


def read_document(
    path: Path, data: bytes, limits: ReadLimits = DEFAULT_LIMITS
) -> list[ParsedDocument | ReadFailure]:
    """Read ``data`` (the bytes of ``path``) with the reader its suffix selects, within ``limits``.

    An unsupported suffix is a ``not_pdf`` failure unless the bytes are a PDF anyway. A reader
    bug becomes a ``corrupt`` failure rather than an exception, so one file never stops a run.
    """
    path = Path(path)
    reader = reader_for(path)
    if reader is None:
        if b"%PDF-" not in data[:1024]:
            supported = ", ".join(SUPPORTED_SUFFIXES)
            return [
                ReadFailure(
                    "not_pdf",
                    f"unsupported file type {path.suffix or '(no suffix)'!r}: causemap reads {supported}",
                )
            ]
        reader = _READERS[0]
    try:
        return list(reader.read(path, data, limits))
    except MemoryError:
        raise  # the memory limit, reported as such by the reader process
    except Exception as exc:  # defensive: readers map known problems themselves
        return [ReadFailure("corrupt", f"could not read the file ({type(exc).__name__}: {exc})")]


def load_bytes(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes | ReadFailure:
    """A file's bytes, or why they cannot be had (missing, unreadable, larger than ``max_bytes``)."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if not path.is_file():
            return ReadFailure("not_found", f"not a file: {path} is a directory or device")
        if size > max_bytes:
            return ReadFailure(
                "too_large",
                f"file too large: {size / 2**20:.1f} MiB, above the {max_bytes / 2**20:.0f} MiB limit "
                "(ingest.max_file_mb raises it)",
            )
        return path.read_bytes()
    except FileNotFoundError:
        return ReadFailure("not_found", f"file not found: {path}")
    except OSError as exc:
        return ReadFailure("not_found", f"cannot open {path}: {exc.strerror or exc}")


def read_path(path: Path, limits: ReadLimits = DEFAULT_LIMITS) -> list[ParsedDocument | ReadFailure]:
    """Read a file from disk, reporting a missing, unreadable or oversized file as a failure."""
    data = load_bytes(path, limits.max_bytes)
    return [data] if isinstance(data, ReadFailure) else read_document(Path(path), data, limits)
