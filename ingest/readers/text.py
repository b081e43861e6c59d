"""Plain-text readers: ``.txt`` / ``.md`` files and ``.jsonl`` abstract exports.

A text or Markdown file becomes one document with a single "page". A JSONL file holds one record
per line, ``{"id", "title", "text", "year"?, "doi"?, "authors"?}`` (what a PubMed export becomes);
each record becomes one document whose page is labelled "abstract", with source ``path#<id>``. A
bad line yields a ``bad_record`` failure naming its line number and the other lines still load.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from causemap.ingest.clean import CLEAN_VERSION, clean_text
from causemap.ingest.metadata import clean_field, find_dois, split_author_names
from causemap.ingest.readers.base import (
    DEFAULT_LIMITS,
    PageText,
    ParsedDocument,
    ReadFailure,
    ReadLimits,
    SectionSpan,
)
from causemap.ingest.sections import label_pages

TEXT_PARSER_NAME = f"causemap-text 1 + causemap-clean {CLEAN_VERSION}"
JSONL_PARSER_PREFIX = "causemap-jsonl "
JSONL_PARSER_NAME = f"{JSONL_PARSER_PREFIX}1 + causemap-clean {CLEAN_VERSION}"
_MD_HEADING = re.compile(r"^ {0,3}(#{1,6})\s+(.*?)\s*#*\s*$")
_FRONT_MATTER = re.compile(r"\A---\s*\n(.*?)\n---\s*\n", re.DOTALL)


def decode_text(data: bytes) -> tuple[str, str | None]:
    """Decode text bytes: UTF-8 (with or without BOM), else Windows-1252; second item warns."""
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace"), "not valid UTF-8; read as Windows-1252"


def _front_matter(text: str) -> tuple[dict[str, str], str]:
    """Simple ``key: value`` YAML front matter of a Markdown file, and the text after it."""
    match = _FRONT_MATTER.match(text)
    if not match:
        return {}, text
    fields = {}
    for line in match.group(1).splitlines():
        key, _, value = line.partition(":")
        if value.strip():
            fields[key.strip().lower()] = value.strip().strip("\"'")
    return fields, text[match.end() :]


def markdown_to_plain(text: str) -> tuple[str, str | None]:
    """Turn Markdown headings into heading paragraphs; return the text and the first heading."""
    lines, title = [], None
    for line in text.split("\n"):
        match = _MD_HEADING.match(line)
        if match:
            title = title or match.group(2)
            lines += ["", match.group(2), ""]
        else:
            lines.append(line)
    return "\n".join(lines), title


def _year(value: Any) -> int | None:
    match = re.search(r"\b(1[5-9]\d{2}|20\d{2})\b", str(value)) if value is not None else None
    return int(match.group(1)) if match else None


def _single_page(text: str) -> PageText:
    """One cleaned page; text with no heading at all is labelled "other", not "front"."""
    sections = label_pages([text])[0]
    if all(span.label == "front" for span in sections):
        sections = (SectionSpan(0, len(text), "other"),) if text else ()
    return PageText(1, text, sections)


def read_text_file(path: Path, data: bytes) -> ParsedDocument | ReadFailure:
    """A ``.txt`` or ``.md`` file as one single-page document."""
    if not data:
        return ReadFailure("empty", "empty file (0 bytes)")
    if b"\x00" in data[:8192]:
        return ReadFailure("corrupt", "not a text file: it contains binary data (NUL bytes)")
    raw, warning = decode_text(data)
    fields, body = _front_matter(raw)
    title = fields.get("title")
    if path.suffix.lower() in (".md", ".markdown"):
        body, heading = markdown_to_plain(body)
        title = title or heading
    if not title:
        first_line = next((line.strip() for line in body.split("\n") if line.strip()), "")
        title = first_line if len(first_line) <= 200 else None
    text = clean_text(body)
    if not text:
        return ReadFailure("empty", "the file has no text (only whitespace)")
    dois = find_dois(fields.get("doi", "") or text)
    return ParsedDocument(
        source=str(path),
        sha256=hashlib.sha256(data).hexdigest(),
        kind="text",
        parser=TEXT_PARSER_NAME,
        title=clean_field(title) if title else None,
        authors=split_author_names(fields.get("authors", fields.get("author", ""))),
        year=_year(fields.get("year", fields.get("date"))),
        doi=dois[0] if dois else None,
        pages=[_single_page(text)],
        warnings=[warning] if warning else [],
    )


def _authors(value: Any) -> list[str]:
    if isinstance(value, list):
        return [" ".join(str(name).split()) for name in value if str(name).strip()]
    if isinstance(value, str):
        parts = value.split(";") if ";" in value else value.split(",")
        return [" ".join(part.split()) for part in parts if part.strip()]
    return []


def parse_record(line: bytes, number: int, path: Path) -> ParsedDocument | ReadFailure:
    """One JSONL line as a document, or a ``bad_record`` failure naming the line."""

    def bad(reason: str) -> ReadFailure:
        return ReadFailure("bad_record", f"line {number}: {reason}")

    try:
        record = json.loads(line.decode("utf-8-sig"))
    except UnicodeDecodeError:
        return bad("not valid UTF-8")
    except json.JSONDecodeError as exc:
        return bad(f"invalid JSON ({exc.msg} at column {exc.colno})")
    if not isinstance(record, dict):
        return bad(f"expected a JSON object, got {type(record).__name__}")
    record_id = record.get("id")
    if not isinstance(record_id, str | int) or isinstance(record_id, bool) or not str(record_id):
        return bad('missing "id" (a non-empty string or number)')
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        return bad(f'record {record_id!s}: missing or empty "text"')
    year = record.get("year")
    if year is not None and _year(year) is None:
        return bad(f'record {record_id!s}: "year" must be a year, got {year!r}')
    dois = find_dois(str(record.get("doi") or ""))
    cleaned = clean_text(text)
    title = record.get("title")
    return ParsedDocument(
        source=f"{path}#{record_id}",
        sha256=hashlib.sha256(line).hexdigest(),
        kind="text",
        parser=JSONL_PARSER_NAME,
        title=clean_field(title) if isinstance(title, str) and title.strip() else None,
        authors=_authors(record.get("authors")),
        year=_year(year),
        doi=dois[0] if dois else None,
        pages=[PageText(1, cleaned, (SectionSpan(0, len(cleaned), "abstract"),))],
    )


def is_abstract_record(document: ParsedDocument) -> bool:
    """Whether a document is a record of a JSONL export (an abstract), as its parser label says."""
    return document.parser.startswith(JSONL_PARSER_PREFIX)


def count_records(data: bytes) -> int:
    """How many records (non-blank lines) a JSONL export holds, without parsing them."""
    return sum(1 for line in data.split(b"\n") if line.strip())


def jsonl_records(
    data: bytes, limits: ReadLimits = DEFAULT_LIMITS
) -> Iterator[tuple[int, bytes, str | None] | ReadFailure]:
    """The records of a JSONL export as ``(line number, line, id)``, before any is parsed.

    What needs the whole file is decided here: an empty file, a line over ``limits.max_record_bytes``
    (refused unparsed: one 21 MB line once became 22,581 chunks), and a repeated id (the first line
    with an id keeps it). Each record can then be parsed on its own, anywhere (:func:`parse_record`).
    """
    if not data.strip():
        yield ReadFailure("empty", "empty file (0 bytes)" if not data else "no records (blank)")
        return
    first_line_of: dict[str, int] = {}
    for number, line in enumerate(data.split(b"\n"), start=1):
        line = line.strip()
        if not line:
            continue
        if len(line) > limits.max_record_bytes:
            yield ReadFailure(
                "record_size_limit",
                f"line {number}: a record of {len(line) / 1024:,.0f} KB, above the limit of "
                f"{limits.max_record_bytes / 1024:,.0f} KB per record (ingest.max_record_kb)",
            )
            continue
        record_id = _record_id(line)
        if record_id is not None:
            if record_id in first_line_of:
                first = first_line_of[record_id]
                yield ReadFailure(
                    "bad_record", f"line {number}: duplicate id {record_id!r} (first on line {first})"
                )
                continue
            first_line_of[record_id] = number
        yield number, line, record_id


def _record_id(line: bytes) -> str | None:
    """The id of a well-formed record, else None (parse_record says what is wrong with it)."""
    try:
        record = json.loads(line.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        return None
    record_id = record.get("id") if isinstance(record, dict) else None
    if not isinstance(record_id, str | int) or isinstance(record_id, bool):
        return None
    return str(record_id) or None


def read_jsonl(
    path: Path, data: bytes, limits: ReadLimits = DEFAULT_LIMITS
) -> Iterator[ParsedDocument | ReadFailure]:
    """One document (or ``bad_record`` failure) per non-blank line; duplicate ids are failures."""
    for item in jsonl_records(data, limits):
        yield item if isinstance(item, ReadFailure) else parse_record(item[1], item[0], path)


class TextReader:
    """The ``Reader`` for ``.txt`` and ``.md`` files."""

    suffixes: tuple[str, ...] = (".txt", ".md")

    def read(
        self, path: Path, data: bytes, limits: ReadLimits = DEFAULT_LIMITS
    ) -> Iterator[ParsedDocument | ReadFailure]:
        yield read_text_file(path, data)


class JsonlReader:
    """The ``Reader`` for ``.jsonl`` files of abstracts."""

    suffixes: tuple[str, ...] = (".jsonl",)

    def read(
        self, path: Path, data: bytes, limits: ReadLimits = DEFAULT_LIMITS
    ) -> Iterator[ParsedDocument | ReadFailure]:
        yield from read_jsonl(path, data, limits)
