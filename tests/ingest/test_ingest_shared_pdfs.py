"""Robustness on real published PDFs listed in ``shared/pdfs/MANIFEST.tsv`` (skipped if absent).

The folder is found as ``../shared/pdfs`` next to the repository, or through the environment
variable ``CAUSEMAP_SHARED_PDFS``. Files marked ``ok`` must parse into text with no residual
ligatures or line-break hyphen splits beyond a small tolerance; files marked ``fail`` must give
the failure code their manifest row describes.
"""

from __future__ import annotations

import csv
import os
import re
from pathlib import Path

import pytest

from causemap.ingest.readers import ParsedDocument, ReadFailure, read_path
from causemap.ingest.sentences import split_sentences

_REPO = Path(__file__).resolve().parents[2]
# NB: tests/conftest.py currently deletes every CAUSEMAP_* variable before test modules are
# imported, so under pytest the variable only works once that conftest exempts it.
_FOLDER = Path(os.environ.get("CAUSEMAP_SHARED_PDFS") or _REPO.parent / "shared" / "pdfs")
_MANIFEST = _FOLDER / "MANIFEST.tsv"
# How the manifest's "kind" / "expected_reason" columns name each failure code.
_EXPECTED_CODES = (
    ("encrypt", "encrypted"),
    ("scanned", "no_text"),
    ("no text", "no_text"),
    ("truncat", "corrupt"),
    ("corrupt", "corrupt"),
)
_LIGATURE = re.compile("[\ufb00-\ufb06]")
# What a line-break hyphen split looks like once lines are joined: "concentra- tion" or
# "concentra -tion" (suspended hyphens such as "pre- and post-" excluded).
_RESIDUAL_SPLIT = re.compile(r"\b[a-z]{2,}(?:- (?!(?:and|or|to|nor|versus)\b)| -)[a-z]{2,}\b")


def _rows() -> list[dict[str, str]]:
    if not _MANIFEST.is_file():
        return []
    with _MANIFEST.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t"))


def _expected_code(row: dict[str, str]) -> str:
    described = f"{row['kind']} {row['expected_reason']}".lower()
    return next(code for word, code in _EXPECTED_CODES if word in described)


ROWS = _rows()
pytestmark = pytest.mark.skipif(not ROWS, reason=f"no manifest at {_MANIFEST}")


@pytest.mark.parametrize("row", [r for r in ROWS if r["expect"] == "ok"], ids=lambda r: r["file"][:40])
def test_readable_pdfs_parse_into_clean_text(row):
    [document] = read_path(_FOLDER / row["file"])
    assert isinstance(document, ParsedDocument), document
    if row["pages"].isdigit():
        assert len(document.pages) == int(row["pages"])
    text = "\n\n".join(page.text for page in document.pages)
    assert len(text) / len(document.pages) > 100
    assert len(_LIGATURE.findall(text)) <= 2
    residual = _RESIDUAL_SPLIT.findall(text)
    assert len(residual) <= max(3, len(text) // 20000), residual[:10]
    for page in document.pages:
        assert "\n" not in page.text.replace("\n\n", "")
        assert not any("\n" in page.text[s:e] for s, e in split_sentences(page.text))


@pytest.mark.parametrize("row", [r for r in ROWS if r["expect"] == "fail"], ids=lambda r: r["file"][:40])
def test_unreadable_pdfs_fail_with_the_expected_code(row):
    [failure] = read_path(_FOLDER / row["file"])
    assert isinstance(failure, ReadFailure), failure
    assert failure.code == _expected_code(row), failure.message
