"""The word lists of ``resources/verification.json`` that the refusal modules read by key.

The file is read once, here: ``verification_lexicon.load_verification_lexicon`` builds from it the
lexicon most checks share; the lists a single refusal module needs are read by their key instead, so
that module alone knows them.
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from typing import Any


@lru_cache(maxsize=1)
def verification_json() -> dict[str, Any]:
    """The whole of ``verification.json`` (read once; callers must not change it)."""
    text = resources.files("causemap.graphbuilder").joinpath("resources/verification.json").read_text("utf-8")
    return json.loads(text)


def verification_section(key: str) -> dict[str, Any]:
    """The section ``key`` of ``verification.json`` (its "_about" included)."""
    return verification_json()[key]


def verification_words(key: str, field: str = "words") -> frozenset[str]:
    """The word list ``field`` of the section ``key`` of ``verification.json``."""
    return frozenset(verification_section(key)[field])
