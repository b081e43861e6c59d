"""What each sentence of a paper does: report the paper's own finding, restate earlier work, or
make no claim at all.

Papers mark this in their layout and their wording (argumentative zoning: Teufel & Moens 2002; the
IMRaD layout; the labels of structured abstracts):

- **no claim** (the sentence is not read): the methods section and structured-abstract labels for
  methods, design, participants, objectives; figure and table captions (also where the text layer
  runs a figure's labels into its caption, and the caption's title after a "Figure 4." split off by
  the sentence splitter), text with no sentence shape (figure labels, headings: no terminal
  punctuation and no finite verb), author contributions,
  funding, acknowledgements, conflicts, registration and licence lines; statements of aims and
  questions ("We asked whether X affects Y", "The aim of this study was ..."); descriptions of
  procedures with nothing found in them ("Rats were injected with X on day 3").
- **background**: the introduction, the opening sentences of an abstract before the paper first
  speaks of itself, and sentences that cite ("[12]", "(Smith et al., 2010)") or report others'
  results ("has been shown", "previous studies") without speaking of this study.
- **finding**: results, conclusions, discussion and the abstract's result sentences, "we found",
  "our data show"; and the title of an abstract record.

A claim takes its sentence's role, except a statement of use or indication ("X is used in the
treatment of Y", "patients treated with X for Y"): it says what X is given for, not what this paper
found X to do, so it is background wherever it stands (:func:`claim_role`); and a claim read under a
heading of a journal's summary box, which the text layer runs into the body ("What is already known on
this topic": background; "What this study adds": finding), takes the heading's role (:func:`box_role`).

The cues are data (``resources/rhetoric.json``). Every extractor's claims get their role here (the
workspace pipeline calls :func:`sentence_zones` before extraction and gives each claim its
sentence's role), so a paper's study design lends its weight only to its own findings.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Protocol

from causemap.models import ClaimRole

RESOURCE = "resources/rhetoric.json"


class SentenceLike(Protocol):
    """A sentence with the section label ingest gave its place in the paper."""

    @property
    def text(self) -> str: ...

    @property
    def section(self) -> str | None: ...


@dataclass(frozen=True)
class Zone:
    """What one sentence does: ``role`` is None when it makes no claim; ``reason`` says why."""

    role: ClaimRole | None
    reason: str
    presupposed_only: bool = False  # an aim or hypothesis: only what its noun phrases presuppose holds

    @property
    def makes_claims(self) -> bool:
        return self.role is not None


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


def run_in_label(text: str, rhetoric: Rhetoric | None = None) -> str | None:
    """The structured-abstract label that opens a sentence ("Methods: ..."), lower-cased, or None."""
    rules = rhetoric or load_rhetoric()
    match = rules.label_pattern.match(text)
    if match is None:
        return None
    word = match.group(1)
    # A label is written as a label: capitalised or upper case ("Results", "RESULTS").
    return word.lower() if word[:1].isupper() else None


def is_layout(text: str, rhetoric: Rhetoric | None = None) -> bool:
    """Captions, contributions, funding, acknowledgements, conflicts, registration, licences."""
    rules = rhetoric or load_rhetoric()
    return any(p.search(text) for p in rules.layout)


_OPEN_BRACKETS, _CLOSE_BRACKETS = "([", ")]"
# The caption's title, perhaps after the letter of its first panel ("FIG 7 (a) The survival ...").
_CAPTION_TITLE = re.compile(r"[.:|]?\s+(?:\([a-z](?:\s?[,\u2013-]\s?[a-z])*\)\s+)?[A-Z][a-z]")
_CAPTION_PUNCT = re.compile(r"\s*[:|]")
_LABEL_ENDS = re.compile(r"\.?\s*$")
# The end of a sentence of prose: a full stop, question or exclamation mark, perhaps closing quotes or
# brackets, perhaps the citation numbers the splitter keeps with it ("... to smoke. 10").
_TERMINATED = re.compile(r"[.?!\u2026][\"'\u201d\u2019)\]]*(?:\s*\d{1,3}(?:\s?[,\u2013-]\s?\d{1,3})*)?\s*$")


def caption_in(text: str, rhetoric: Rhetoric | None = None) -> str | None:
    """Whether a caption label opens a caption inside ``text`` (``"inside"``: "... HomS118L Fig. 2
    Activation of ...") or ends it (``"end"``: "... (IF-FISH) Figure 4.", or "Figure 4." alone), else
    None. A label written as a reference ("(Fig. 2)", "shown in Figure 2.", "In Fig. 2 ...") opens
    nothing, unless it is in capitals before a title ("... invasion FIG 7 (a) The survival ..."): running
    text does not refer to a figure in capitals (``rhetoric.json``, "captions")."""
    found = _caption(text, rhetoric or load_rhetoric())
    return found[0] if found is not None else None


def caption_start(text: str, rhetoric: Rhetoric | None = None) -> int | None:
    """Where a caption that the text layer ran into ``text`` after other words begins (its label's
    offset): the words before it are the figure's labels or the body sentence the caption
    interrupts, to be read on their own. None when no caption opens after the first word."""
    found = _caption(text, rhetoric or load_rhetoric())
    return found[1] if found is not None and text[: found[1]].strip() else None


def split_at_caption(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The sentence ``text[start:end]`` as the words before a caption run into it and the caption
    (``caption_start``), or whole: ``(start, end)`` spans stripped of whitespace."""
    at = caption_start(text[start:end])
    if at is None:
        return [(start, end)]
    head = start + len(text[start : start + at].rstrip())
    return [(start, head), (start + at, end)]


def _caption(text: str, rules: Rhetoric) -> tuple[str, int] | None:
    """``caption_in``'s answer and the offset of the label that gives it."""
    for match in rules.caption_label.finditer(text):
        before, after = text[: match.start()], text[match.end() :]
        words = before.split()
        if sum(before.count(b) for b in _OPEN_BRACKETS) > sum(before.count(b) for b in _CLOSE_BRACKETS):
            continue  # "(see Fig. 2 Activation ...)": a reference in brackets
        if _LABEL_ENDS.match(after) and not (words and _refers(words)):
            return "end", match.start()
        capitals = match.group(0).lstrip()[:3].isupper()  # "FIG 7": set as a caption, never a reference
        if words and (
            _CAPTION_PUNCT.match(after) or (_CAPTION_TITLE.match(after) and (capitals or not _refers(words)))
        ):
            return "inside", match.start()
    return None


def _refers(words: list[str]) -> bool:
    """The words before a label write it as a reference: a lower-case word ("shown in"), or only the
    sentence's first word ("In Fig. 2 ...", "As Figure 3 shows")."""
    last = words[-1]
    return (last.isalpha() and last.islower()) or (len(words) == 1 and last.isalpha())


def lacks_sentence_shape(text: str, finite_verb: Callable[[str], bool]) -> bool:
    """Text with no terminal punctuation and no finite verb (``finite_verb`` says whether it has
    one): the labels of a figure run together ("Bintrons without splicing inhibitor introns with
    splicing inhibitor EEF2 TM4SF1 D"), a heading, a table row. It asserts nothing."""
    return not _TERMINATED.search(text) and not finite_verb(text)


def is_aim(text: str, rhetoric: Rhetoric | None = None) -> bool:
    """A statement of what the study set out to learn, with no finding in it."""
    rules = rhetoric or load_rhetoric()
    return any(p.search(text) for p in rules.aims) and not rules.aim_findings.search(text)


def is_procedure(text: str, rhetoric: Rhetoric | None = None) -> bool:
    """A description of what was done (dosing, allocation, measurement) with nothing found in it."""
    rules = rhetoric or load_rhetoric()
    return any(p.search(text) for p in rules.procedures) and not rules.procedure_findings.search(text)


def cites_earlier_work(text: str, rhetoric: Rhetoric | None = None) -> bool:
    """Citation markers or reports of others' results ("has been shown", "previous studies")."""
    rules = rhetoric or load_rhetoric()
    return any(p.search(text) for p in rules.citations) or any(p.search(text) for p in rules.reports)


def speaks_of_itself(text: str, rhetoric: Rhetoric | None = None) -> bool:
    """The sentence speaks of this study ("we", "our data", "in this study", "here")."""
    return bool((rhetoric or load_rhetoric()).own_work.search(text))


def sentence_role(text: str, background_zone: bool, rhetoric: Rhetoric | None = None) -> ClaimRole:
    """Finding or background for a sentence that makes claims, given whether its zone is background."""
    rules = rhetoric or load_rhetoric()
    own = speaks_of_itself(text, rules)
    if background_zone:
        return ClaimRole.FINDING if own else ClaimRole.BACKGROUND
    if cites_earlier_work(text, rules) and not own:
        return ClaimRole.BACKGROUND
    return ClaimRole.FINDING


def is_presupposed(sentence: str, cause: tuple[int, int], effect: tuple[int, int]) -> bool:
    """Whether a claim is packed into one noun phrase ("X-induced Y"), given its sentence offsets."""
    (_, cause_end), (effect_start, _) = cause, effect
    if cause_end > effect_start:
        return False
    return bool(load_rhetoric().presupposed.match(sentence[cause_end:effect_start]))


def states_indication(sentence: str, cause: tuple[int, int], effect: tuple[int, int]) -> bool:
    """Whether a claim is a statement of use or indication ("X is used in the treatment of Y",
    "X is indicated for Y", "patients treated with X for Y"), given its sentence offsets: what X is
    given for, not what it was found to do. Words of efficacy between them make it a finding
    ("X is effectively used for Y")."""
    rules = load_rhetoric()
    (cause_start, cause_end), (effect_start, _) = cause, effect
    if cause_end > effect_start:
        return False
    between = sentence[cause_end:effect_start]
    if rules.efficacy.search(between):
        return False
    if rules.indication.match(between):
        return True
    return bool(
        rules.indication_after.match(between) and rules.indication_before.search(sentence[:cause_start])
    )


def box_role(sentence: str, position: int) -> ClaimRole | None:
    """The role a summary box's heading gives the text at ``position`` of ``sentence``: the role of
    the last heading before it ("What is already known on this topic ...": background; "What this
    study adds ...": finding), or None when no heading precedes it (``rhetoric.json``,
    "summary_boxes")."""
    last: tuple[int, ClaimRole] | None = None
    for pattern, role in load_rhetoric().box_headings:
        for match in pattern.finditer(sentence, 0, position):
            if match.end() <= position and (last is None or match.start() > last[0]):
                last = (match.start(), role)
    return last[1] if last else None


def claim_role(sentence: str, cause: tuple[int, int], effect: tuple[int, int], role: ClaimRole) -> ClaimRole:
    """A claim's role: its sentence's, except that a statement of use or indication restates
    practice and is background in any zone (:func:`states_indication`), and that a claim read
    under a summary box's heading takes the heading's role (:func:`box_role`)."""
    if states_indication(sentence, cause, effect):
        return ClaimRole.BACKGROUND
    return box_role(sentence, min(cause[0], effect[0])) or role


def _same_text(a: str, b: str) -> bool:
    def squash(s: str) -> str:
        return " ".join(re.findall(r"\w+", s.lower()))

    return bool(a) and squash(a) == squash(b)


def sentence_zones(
    sentences: Sequence[SentenceLike],
    title: str | None = None,
    finite_verb: Callable[[str], bool] | None = None,
) -> list[Zone]:
    """What each sentence of one paper does, in order.

    ``title`` is the paper's title: an abstract record whose first sentence is its title states its
    result there. ``finite_verb`` says whether a text has a finite verb (a tagger's reading); with
    it, text of no sentence shape makes no claim (:func:`lacks_sentence_shape`).
    """
    rules = load_rhetoric()
    zones: list[Zone] = []
    caption_title = False  # the previous sentence ended with a caption label: this is its title
    label_kind: str | None = None  # the structured-abstract label in force
    previous_section: str | None = None
    # In an unstructured abstract, the sentences before the paper first speaks of itself are background.
    opening = True
    for index, sentence in enumerate(sentences):
        text, section = sentence.text, sentence.section
        follows_label, caption = caption_title, caption_in(text, rules)
        caption_title = caption == "end"
        if section != previous_section:
            label_kind, opening, previous_section = None, True, section
        label = run_in_label(text, rules)
        if label is not None:
            label_kind = rules.labels[label]
            opening = False
        if index == 0 and title and _same_text(text, title):
            zones.append(Zone(ClaimRole.FINDING, "title"))
            continue
        if section in rules.skip_sections:
            zones.append(Zone(None, f"section:{section}"))
            continue
        if label_kind == "skip":
            zones.append(Zone(None, f"label:{label}" if label else "label"))
            continue
        if is_layout(text, rules):
            zones.append(Zone(None, "layout"))
            continue
        if caption is not None or follows_label:
            zones.append(Zone(None, "caption"))
            continue
        if finite_verb is not None and lacks_sentence_shape(text, finite_verb):
            zones.append(Zone(None, "no sentence"))
            continue
        if finite_verb is not None and rules.presentation.search(text) and not finite_verb(text):
            zones.append(Zone(None, "caption"))  # "X due to Y presented as percent of control."
            continue
        if is_aim(text, rules):
            opening = False
            zones.append(Zone(ClaimRole.BACKGROUND, "aim", presupposed_only=True))
            continue
        if is_procedure(text, rules):
            opening = False
            zones.append(Zone(None, "procedure"))
            continue
        if opening and rules.own_start.search(text):
            opening = False
        background_zone = (
            section in rules.background_sections
            or label_kind == "background"
            or (label_kind is None and section == "abstract" and opening)
        )
        role = sentence_role(text, background_zone, rules)
        zones.append(Zone(role, "background zone" if background_zone else "finding zone"))
    return _close_opening(sentences, zones)


def _close_opening(sentences: Sequence[SentenceLike], zones: list[Zone]) -> list[Zone]:
    """An abstract that never speaks of itself has no opening: its sentences are its findings."""
    if not any(z.reason == "background zone" for z in zones):
        return zones
    by_section: dict[str | None, list[int]] = {}
    for i, sentence in enumerate(sentences):
        by_section.setdefault(sentence.section, []).append(i)
    rules = load_rhetoric()
    out = list(zones)
    for section, indices in by_section.items():
        if section != "abstract":
            continue
        if any(
            rules.own_start.search(sentences[i].text) or zones[i].reason in ("aim", "procedure")
            for i in indices
        ):
            continue
        if any(run_in_label(sentences[i].text, rules) for i in indices):
            continue
        for i in indices:
            if zones[i].reason == "background zone":
                out[i] = Zone(sentence_role(sentences[i].text, False, rules), "finding zone")
    return out
