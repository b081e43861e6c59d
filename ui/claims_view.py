"""How the Claims page shows claims: filtering, the table, and sentences with cause and effect marked.

Presentation only: which claims to show and how. Storing a decision is ``Store.set_claim_state`` and
``Store.edit_claim``, the same calls as the command line's.
"""

from __future__ import annotations

import hashlib
import html
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import pandas as pd

from causemap.models import Claim, CurationState, Paper, StudyDesign
from causemap.store import EDITABLE_CLAIM_FIELDS
from causemap.ui.labels import UNKNOWN_POLARITY, design_label, polarity_code, polarity_label

TABLE_COLUMNS = [
    "state",
    "cause",
    "effect",
    "relation",
    "polarity",
    "hedged",
    "negated",
    "design",
    "paper",
    "page",
    "extractor",
    "confidence",
    "sentence",
    "id",
]
CAUSE_STYLE = "background:#ffe0b2;border-radius:3px;padding:0 2px"
EFFECT_STYLE = "background:#bbdefb;border-radius:3px;padding:0 2px"
NO_POLARITY = UNKNOWN_POLARITY  # how a claim without a polarity is filtered (and shown)
_DESIGN_BY_LABEL = {design_label(d): d.value for d in StudyDesign}


@dataclass(frozen=True)
class ClaimFilter:
    """What the user narrowed the claims to; an empty tuple means "any"."""

    variable: str = ""
    papers: tuple[str, ...] = ()
    relations: tuple[str, ...] = ()
    polarities: tuple[str, ...] = ()
    hedged: bool | None = None
    negated: bool | None = None
    designs: tuple[str, ...] = ()
    states: tuple[str, ...] = ()
    extractors: tuple[str, ...] = ()

    def accepts(self, claim: Claim) -> bool:
        needle = self.variable.strip().lower()
        checks = (
            not needle or needle in claim.cause.lower() or needle in claim.effect.lower(),
            _any_of(self.papers, claim.paper_id),
            _any_of(self.relations, claim.relation),
            _any_of(self.polarities, claim.polarity or NO_POLARITY),
            self.hedged is None or claim.hedged == self.hedged,
            self.negated is None or claim.negated == self.negated,
            _any_of(self.designs, claim.design.value),
            _any_of(self.states, claim.state.value),
            _any_of(self.extractors, claim.extractor),
        )
        return all(checks)


def _any_of(allowed: tuple[str, ...], value: str) -> bool:
    return not allowed or value in allowed


def filter_claims(claims: Iterable[Claim], flt: ClaimFilter) -> list[Claim]:
    return [c for c in claims if flt.accepts(c)]


def paper_label(paper: Paper | None, paper_id: str = "") -> str:
    """A short human name for a paper: its title, else its file name, else its id."""
    if paper is None:
        return paper_id[:12]
    if paper.title:
        return paper.title if len(paper.title) <= 80 else paper.title[:77] + "..."
    return paper.source.replace("\\", "/").rsplit("/", 1)[-1] or paper.id[:12]


def claims_frame(claims: Sequence[Claim], papers: Mapping[str, Paper]) -> pd.DataFrame:
    """One row per claim, in ``TABLE_COLUMNS`` order; polarity and design in words (see ``labels``)."""
    rows = [
        {
            "state": c.state.value,
            "cause": c.cause,
            "effect": c.effect,
            "relation": c.relation,
            "polarity": polarity_label(c.polarity),
            "hedged": c.hedged,
            "negated": c.negated,
            "design": design_label(c.design),
            "paper": paper_label(papers.get(c.paper_id), c.paper_id),
            "page": c.page,
            "extractor": c.extractor,
            "confidence": round(c.confidence, 2),
            "sentence": c.sentence,
            "id": c.id,
        }
        for c in claims
    ]
    return pd.DataFrame(rows, columns=TABLE_COLUMNS)


def table_key(claim_ids: Iterable[str]) -> str:
    """The claims table's widget key: it follows the rows shown, so that edits pending in the browser
    never land on a different claim after the filter changes."""
    return "claims_table_" + hashlib.sha1("".join(claim_ids).encode()).hexdigest()[:10]


def table_changes(
    frame: pd.DataFrame, edited_rows: Mapping[int | str, Mapping[str, Any]]
) -> tuple[dict[str, list[str]], dict[str, dict[str, Any]]]:
    """Turn ``st.data_editor``'s edited rows into state changes and field corrections.

    Returns ``({state: [claim ids]}, {claim id: {field: value}})``; a row whose fields changed is an
    edit (its state becomes ``edited``), so its state change, if any, is not listed separately.
    """
    states: dict[str, list[str]] = {}
    edits: dict[str, dict[str, Any]] = {}
    for position, changes in edited_rows.items():
        row = frame.iloc[int(position)]
        fields = {
            name: _field_value(name, value)
            for name, value in changes.items()
            if name in EDITABLE_CLAIM_FIELDS and _field_value(name, value) != _field_value(name, row[name])
        }
        if fields:
            edits[row["id"]] = fields
        elif "state" in changes and changes["state"] != row["state"]:
            states.setdefault(CurationState(changes["state"]).value, []).append(row["id"])
    return states, edits


def _field_value(name: str, value: Any) -> Any:
    """A table cell as the store keeps it: words back to codes."""
    if name == "polarity":
        return None if value is None else polarity_code(str(value))
    if name == "design":
        return _DESIGN_BY_LABEL.get(value, value)
    if name in ("hedged", "negated"):
        return bool(value)
    return value.strip() if isinstance(value, str) else value


def highlight_sentence(claim: Claim) -> str:
    """The claim's sentence as HTML (escaped), with the cause and the effect marked in two colours."""
    sentence = claim.sentence
    spans, earlier = [], []
    for text, start, end, style, role in (
        (claim.cause, claim.cause_start, claim.cause_end, CAUSE_STYLE, "cause"),
        (claim.effect, claim.effect_start, claim.effect_end, EFFECT_STYLE, "effect"),
    ):
        if end <= claim.sentence_start:  # the sentence refers back to it ("this mutation")
            title = f"{role}, named earlier in the page"
            earlier.append(f'<mark title="{title}" style="{style}">{html.escape(text)}</mark>')
            continue
        span = _locate(sentence, text, start - claim.sentence_start, end - claim.sentence_start)
        if span is not None:
            spans.append((*span, style, role))
    spans.sort()
    out, position = [f"{' '.join(earlier)} \u2026 "] if earlier else [], 0
    for start, end, style, role in spans:
        if start < position:  # overlapping spans: mark only the first
            continue
        out.append(html.escape(sentence[position:start]))
        out.append(f'<mark title="{role}" style="{style}">{html.escape(sentence[start:end])}</mark>')
        position = end
    out.append(html.escape(sentence[position:]))
    return "".join(out)


def _locate(sentence: str, text: str, start: int, end: int) -> tuple[int, int] | None:
    """Where ``text`` is in the sentence: at its offsets, or (after a user's edit) its first match."""
    if 0 <= start < end <= len(sentence) and sentence[start:end] == text:
        return start, end
    found = sentence.lower().find(text.lower()) if text else -1
    return (found, found + len(text)) if found >= 0 else None


def state_counts(claims: Iterable[Claim]) -> dict[str, int]:
    counts = {s.value: 0 for s in CurationState}
    for claim in claims:
        counts[claim.state.value] += 1
    return counts
