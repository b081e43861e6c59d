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
this topic": background; "What this study adds": finding), takes the heading's role (:func:`box_role`),
as does the sentence after such a heading set as a line of its own (:func:`box_heading`).

The cues are data (``resources/rhetoric.json``, compiled by ``roles_rhetoric.py``); where a caption
stands in a sentence is ``roles_captions.py``'s. Every extractor's claims get their role here (the
workspace pipeline calls :func:`sentence_zones` before extraction and gives each claim its
sentence's role), so a paper's study design lends its weight only to its own findings.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Protocol

from causemap.graphbuilder.roles_captions import caption_in
from causemap.graphbuilder.roles_rhetoric import Rhetoric, load_rhetoric
from causemap.models import ClaimRole


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


# The end of a sentence of prose: a full stop, question or exclamation mark, perhaps closing quotes or
# brackets, perhaps the citation numbers the splitter keeps with it ("... to smoke. 10").
_TERMINATED = re.compile(r"[.?!\u2026][\"'\u201d\u2019)\]]*(?:\s*\d{1,3}(?:\s?[,\u2013-]\s?\d{1,3})*)?\s*$")


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


def box_heading(text: str) -> ClaimRole | None:
    """The role of a summary box's heading when ``text`` is that heading alone ("What is already known
    on this topic"), set as a line of its own: the box's next sentence is read under it."""
    stripped = text.strip().rstrip(".:")
    for pattern, role in load_rhetoric().box_headings:
        match = pattern.match(stripped)
        if match is not None and match.end() == len(stripped):
            return role
    return None


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
    under_box: ClaimRole | None = None  # the role of a box heading just before, set as its own line
    for index, sentence in enumerate(sentences):
        text, section = sentence.text, sentence.section
        heading, under_box = under_box, box_heading(text)
        if under_box is not None:
            zones.append(Zone(None, "box heading"))
            continue
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
        if heading is not None:  # the box's text under a heading set on its own line
            zones.append(Zone(heading, "summary box"))
            continue
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
