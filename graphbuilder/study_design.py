"""Which study design a paper reports, read from its abstract and methods.

The design is what makes one paper's claim count more than another's (an RCT over a cross-sectional
survey), so it is read from where authors state it: the abstract and the methods section. Cue phrases
and their weights are data (resources/study_designs.json), not code.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from functools import lru_cache
from importlib import resources

from causemap.models import StudyDesign

# Where authors state their design; the whole paper is used only when neither section was found.
DESIGN_SECTIONS = frozenset({"front", "abstract", "methods"})


@lru_cache(maxsize=1)
def _cue_patterns() -> list[tuple[StudyDesign, list[tuple[re.Pattern[str], float]]]]:
    data = json.loads(
        resources.files("causemap.graphbuilder").joinpath("resources/study_designs.json").read_text()
    )
    return [
        (
            StudyDesign(entry["design"]),
            [(re.compile(rf"\b{re.escape(cue)}\b"), float(w)) for cue, w in entry["cues"].items()],
        )
        for entry in data["designs"]
    ]


def classify_design(text: str) -> StudyDesign:
    """The design whose cues weigh most in ``text``; ``unknown`` when no cue appears.

    >>> classify_design("Adults were randomly assigned to a low-sodium diet or usual diet.")
    <StudyDesign.RCT: 'rct'>
    >>> classify_design("We describe the history of the field.")
    <StudyDesign.UNKNOWN: 'unknown'>
    """
    lowered = text.lower()
    best, best_score = StudyDesign.UNKNOWN, 0.0
    for design, cues in _cue_patterns():
        score = sum(weight for pattern, weight in cues if pattern.search(lowered))
        if score > best_score:  # strict: ties keep the earlier, more specific design
            best, best_score = design, score
    return best


def design_text(sections: Iterable[tuple[str, str]]) -> str:
    """The text to classify from ``(label, text)`` pieces: abstract and methods, else everything."""
    pieces = list(sections)
    chosen = [text for label, text in pieces if label in DESIGN_SECTIONS]
    return "\n".join(chosen if chosen else [text for _, text in pieces])
