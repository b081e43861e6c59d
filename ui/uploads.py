"""Files handed to the app: checked, renamed safely and kept under the workspace's uploads folder.

A browser upload carries a name chosen by whoever sent it. Nothing of that name is trusted: folders are
stripped (no ``../`` escapes the uploads folder), only letters, digits and a few punctuation marks are
kept, and only the file types causemap reads are accepted, within the size limit in ``ui.max_upload_mb``.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

ACCEPTED_SUFFIXES = (".pdf", ".txt", ".md", ".jsonl")
MAX_NAME_CHARS = 120
_UNSAFE = re.compile(r"[^A-Za-z0-9._ -]+")


class UploadRejected(ValueError):
    """An upload that is not stored; the message says why."""


@dataclass(frozen=True)
class SavedUpload:
    name: str  # as the browser sent it
    path: Path  # where it now lives, inside the uploads folder
    already_there: bool  # the same bytes were uploaded before under this name


def safe_filename(name: str) -> str:
    """A file name that is safe to create in one folder: no folders, no control or shell characters.

    >>> safe_filename("../../etc/passwd.pdf")
    'passwd.pdf'
    >>> safe_filename("C:\\\\temp\\\\Smith et al. (2020).PDF")
    'Smith et al. _2020_.pdf'
    """
    base = re.split(r"[\\/]", unicodedata.normalize("NFKC", name))[-1]
    stem, dot, suffix = base.rpartition(".")
    if not dot:
        stem, suffix = base, ""
    stem = _UNSAFE.sub("_", stem).strip(" .")  # a leading dot would hide the file
    suffix = _UNSAFE.sub("", suffix).lower()
    stem = stem[: MAX_NAME_CHARS - len(suffix) - 1] or "upload"
    return f"{stem}.{suffix}" if suffix else stem


def check_upload(name: str, size: int, max_mb: float) -> str:
    """The safe name for an upload, or ``UploadRejected`` saying why it is refused."""
    safe = safe_filename(name)
    suffix = Path(safe).suffix.lower()
    if suffix not in ACCEPTED_SUFFIXES:
        raise UploadRejected(
            f"{name!r}: {suffix or 'no extension'} is not accepted; upload "
            f"{', '.join(s.lstrip('.').upper() for s in ACCEPTED_SUFFIXES)} files"
        )
    if size > max_mb * 1024 * 1024:
        raise UploadRejected(
            f"{name!r}: {size / 1024 / 1024:.1f} MB exceeds the {max_mb:g} MB upload limit "
            "(ui.max_upload_mb in the settings)"
        )
    if size == 0:
        raise UploadRejected(f"{name!r}: the file is empty")
    return safe


def save_upload(folder: Path, name: str, data: bytes, max_mb: float) -> SavedUpload:
    """Store ``data`` in ``folder`` under a safe version of ``name``; never overwrite other bytes.

    Raises ``UploadRejected`` for a refused type, size or empty file.
    """
    safe = check_upload(name, len(data), max_mb)
    folder = folder.resolve()
    target = folder / safe
    digest = hashlib.sha256(data).hexdigest()
    if target.exists():
        if hashlib.sha256(target.read_bytes()).hexdigest() == digest:
            return SavedUpload(name, target, already_there=True)
        # Same name, different bytes: keep both, the new one tagged with its content hash.
        target = folder / f"{target.stem}-{digest[:8]}{target.suffix}"
        if target.exists():
            return SavedUpload(name, target, already_there=True)
    if target.resolve().parent != folder:  # belt and braces: safe_filename already prevents this
        raise UploadRejected(f"{name!r}: refused, it would be stored outside the uploads folder")
    partial = target.with_name(f".{target.name}.part")
    partial.write_bytes(data)
    partial.replace(target)  # atomic: an interrupted upload never leaves half a file under its name
    return SavedUpload(name, target, already_there=False)
