"""The cues by which a sentence's role is read (``resources/rhetoric.json``), compiled once:
section names, structured-abstract labels, layout and caption patterns, aims, procedures, citations,
the paper speaking of itself, presupposed and indication phrases, summary-box headings. ``roles.py``
reads sentences with them; ``roles_captions.py`` finds captions with them."""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from causemap.models import ClaimRole

RESOURCE = "resources/rhetoric.json"


@dataclass(frozen=True)
class Rhetoric:
    """The compiled cues of ``rhetoric.json``."""

    skip_sections: frozenset[str]
    background_sections: frozenset[str]
    labels: dict[str, str]  # run-in label -> "skip" | "background" | "finding"
    label_pattern: re.Pattern[str]
    layout: tuple[re.Pattern[str], ...]
    caption_label: re.Pattern[str]
    presentation: re.Pattern[str]
    aims: tuple[re.Pattern[str], ...]
    aim_findings: re.Pattern[str]
    procedures: tuple[re.Pattern[str], ...]
    procedure_findings: re.Pattern[str]
    citations: tuple[re.Pattern[str], ...]
    reports: tuple[re.Pattern[str], ...]
    own_work: re.Pattern[str]
    own_start: re.Pattern[str]
    presupposed: re.Pattern[str]
    indication: re.Pattern[str]
    indication_before: re.Pattern[str]
    indication_after: re.Pattern[str]
    efficacy: re.Pattern[str]
    box_headings: tuple[tuple[re.Pattern[str], ClaimRole], ...]


def _compile(patterns: Sequence[str], flags: int = re.IGNORECASE) -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(p, flags) for p in patterns)


@lru_cache(maxsize=1)
def load_rhetoric() -> Rhetoric:
    """The packaged cues (read once)."""
    data = json.loads(resources.files("causemap.graphbuilder").joinpath(RESOURCE).read_text("utf-8"))
    labels = {
        label: kind for kind in ("skip", "background", "finding") for label in data["run_in_labels"][kind]
    }
    # Longest label first, so "methods and results" wins over "methods".
    alternatives = "|".join(re.escape(label) for label in sorted(labels, key=len, reverse=True))
    background = data["background"]
    return Rhetoric(
        skip_sections=frozenset(data["sections"]["skip"]),
        background_sections=frozenset(data["sections"]["background"]),
        labels=labels,
        # "Results:", "RESULTS.", "Conclusions Exercise reduced ..." (run in before a capital).
        label_pattern=re.compile(rf"^\s*((?i:{alternatives}))(?:\s*[:.\u2014\u2013](?:\s|$)|\s+(?=[A-Z]))"),
        layout=_compile(data["layout"]["patterns"]),
        caption_label=re.compile(data["captions"]["label"]),
        presentation=re.compile(data["captions"]["presentation"], re.I),
        aims=_compile(data["aims"]["patterns"]),
        aim_findings=re.compile(data["aims"]["finding_markers"], re.I),
        procedures=_compile(data["procedures"]["patterns"]),
        procedure_findings=re.compile(data["procedures"]["finding_markers"], re.I),
        # Citations are matched case-sensitively: author names are capitalised.
        citations=_compile(background["citations"], 0),
        reports=_compile(background["patterns"]),
        own_work=re.compile(background["own_work"], re.I),
        own_start=re.compile(data["opening"]["own_start"], re.I),
        presupposed=re.compile(data["presupposed"]["between"], re.I),
        indication=re.compile(data["indication"]["between"], re.I),
        indication_before=re.compile(data["indication"]["before_cause"], re.I),
        indication_after=re.compile(data["indication"]["between_after"], re.I),
        efficacy=re.compile(data["indication"]["efficacy"], re.I),
        box_headings=tuple(
            (re.compile(data["summary_boxes"][kind], re.I), role)
            for kind, role in (("background", ClaimRole.BACKGROUND), ("finding", ClaimRole.FINDING))
        ),
    )
