"""Extract, on data: a paper's pages to the sentences that can make claims, and an extractor's relations
to claims placed in the page by character offsets.

The sentences are the body's (not the reference list or front matter), with captions the text layer ran
into a sentence split off; those that make no claim (methods, captions, aims: ``graphbuilder/roles.py``)
are left out. A claim whose sentence, cause or effect is not found verbatim at its offsets in the page
text is rejected and counted, never kept. No store and no threads here: the run over a workspace is
``extract_pipeline``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from causemap.graphbuilder.extractors.base import ExtractedRelation, SentenceExtractor
from causemap.graphbuilder.extractors.rules import load_spacy
from causemap.graphbuilder.extractors.rules_heads import FINITE_TAGS, misread_name
from causemap.graphbuilder.roles import Zone, claim_role, is_presupposed, sentence_zones
from causemap.graphbuilder.roles_captions import split_at_caption
from causemap.graphbuilder.study_design import classify_design, design_text
from causemap.ingest.sentences import split_sentences
from causemap.models import Claim, ClaimRole, Page, Paper, StudyDesign


@dataclass(frozen=True)
class SentenceRef:
    """One sentence of one page: where it is and what section it belongs to."""

    page: int
    start: int
    end: int
    section: str | None
    text: str
    cut_by_caption: bool = False  # the words before a caption the text layer ran into the sentence


# Claims are read from the body. The reference list cites other papers' claims; the front matter
# (title, authors, affiliations) restates the abstract at best, and its lines run together at worst.
SKIPPED_SECTIONS = frozenset({"references", "front"})


def paper_sentences(
    pages: Sequence[Page], sections: dict[int, list[tuple[int, int, str]]]
) -> list[SentenceRef]:
    """Every sentence of the body (not the front matter or references), with offsets and section label;
    a caption the text layer ran into a sentence is a sentence of its own
    (``roles_captions.split_at_caption``)."""
    refs = []
    for page in pages:
        spans = sections.get(page.number, [])
        for start, end in split_sentences(page.text):
            label = _label_at(spans, start)
            if label in SKIPPED_SECTIONS:
                continue
            parts = split_at_caption(page.text, start, end)
            for index, (part_start, part_end) in enumerate(parts):
                text = page.text[part_start:part_end]
                cut = index < len(parts) - 1
                refs.append(SentenceRef(page.number, part_start, part_end, label, text, cut))
    return refs


def has_finite_verb(text: str) -> bool:
    """Whether the tagger reads a finite verb in ``text`` (a gene name it takes for one does not count)."""
    return any(t.tag_ in FINITE_TAGS and not misread_name(t) for t in load_spacy()(text))


def readable_sentences(
    sentences: Sequence[SentenceRef], title: str | None
) -> tuple[list[SentenceRef], list[Zone], int]:
    """The sentences that make claims, each with its zone, and how many were left out as making none."""
    kept, zones = [], []
    for sentence, zone in zip(sentences, sentence_zones(sentences, title, has_finite_verb), strict=True):
        if zone.role is not None:
            kept.append(sentence)
            zones.append(zone)
    return kept, zones, len(sentences) - len(kept)


def keep_asserted(
    sentences: Sequence[SentenceRef],
    zones: Sequence[Zone],
    relations: Sequence[Sequence[ExtractedRelation]],
) -> list[list[ExtractedRelation]]:
    """Drop the claims an aim or hypothesis does not assert (all but "X-induced Y" noun phrases), and
    those with a cause or effect that runs into a caption cutting the sentence: the phrase goes on after
    the caption ("... correlated with yield and FV/" | caption | "Fm."), so it is not whole."""
    return [
        [
            r
            for r in found
            if (
                not zone.presupposed_only
                or is_presupposed(sentence.text, (r.cause.start, r.cause.end), (r.effect.start, r.effect.end))
            )
            and not (sentence.cut_by_caption and max(r.cause.end, r.effect.end) >= len(sentence.text))
        ]
        for sentence, zone, found in zip(sentences, zones, relations, strict=True)
    ]


def paper_design(pages: Sequence[Page], sections: dict[int, list[tuple[int, int, str]]]) -> StudyDesign:
    pieces = [
        (label, page.text[start:end])
        for page in pages
        for start, end, label in sections.get(page.number, [(0, len(page.text), "other")])
    ]
    return classify_design(design_text(pieces))


def claims_from_sentences(
    paper: Paper,
    design: StudyDesign,
    sentences: Sequence[SentenceRef],
    relations: Sequence[Sequence[ExtractedRelation]],
    extractor: SentenceExtractor,
    page_texts: dict[int, str],
    roles: Sequence[ClaimRole] | None = None,
) -> tuple[list[Claim], int]:
    """Place each extracted relation in its page; returns the verified claims and the rejected count.

    ``roles`` gives each sentence's role (finding or background, see graphbuilder/roles.py). A
    background claim restates another study, so the paper's own design is not its design.
    """
    claims, rejected = [], 0
    roles = roles if roles is not None else [ClaimRole.FINDING] * len(sentences)
    for sentence, found, sentence_role in zip(sentences, relations, roles, strict=True):
        for rel in found:
            role = claim_role(
                sentence.text,
                (rel.cause.start, rel.cause.end),
                (rel.effect.start, rel.effect.end),
                sentence_role,
            )
            claim = Claim(
                paper_id=paper.id,
                page=sentence.page,
                section=sentence.section,
                sentence=sentence.text,
                sentence_start=sentence.start,
                sentence_end=sentence.end,
                cause=rel.cause.text,
                cause_start=sentence.start + rel.cause.start,
                cause_end=sentence.start + rel.cause.end,
                effect=rel.effect.text,
                effect_start=sentence.start + rel.effect.start,
                effect_end=sentence.start + rel.effect.end,
                relation=rel.relation,
                polarity=rel.polarity,
                hedged=rel.hedged,
                negated=rel.negated,
                design=design if role == ClaimRole.FINDING else StudyDesign.UNKNOWN,
                role=role,
                extractor=extractor.name,
                extractor_version=extractor.version,
                confidence=rel.confidence,
            )
            if is_verbatim(claim, page_texts.get(claim.page, "")):
                claims.append(claim)
            else:
                rejected += 1
    return claims, rejected


def relation_record(rel: ExtractedRelation) -> dict[str, Any]:
    """An extracted relation as one claim of `causemap extract --output` (spans are sentence offsets)."""
    return {
        **rel.as_claim_dict(),
        "cause_span": [rel.cause.start, rel.cause.end],
        "effect_span": [rel.effect.start, rel.effect.end],
        "confidence": rel.confidence,
    }


def is_verbatim(claim: Claim, page_text: str) -> bool:
    """The claim's sentence, cause and effect occur exactly at their offsets in the stored page text.

    An argument lies in the sentence, or, where the sentence refers back to it ("this mutation"),
    earlier in the page, where the paper named it (``graphbuilder.references``).
    """
    return (
        page_text[claim.sentence_start : claim.sentence_end] == claim.sentence
        and page_text[claim.cause_start : claim.cause_end] == claim.cause
        and page_text[claim.effect_start : claim.effect_end] == claim.effect
        and all(
            0 <= start < end
            and (end <= claim.sentence_start or claim.sentence_start <= start)
            and end <= claim.sentence_end
            for start, end in ((claim.cause_start, claim.cause_end), (claim.effect_start, claim.effect_end))
        )
        and bool(claim.cause.strip())
        and bool(claim.effect.strip())
    )


def _label_at(spans: Sequence[tuple[int, int, str]], offset: int) -> str | None:
    for start, end, label in spans:
        if start <= offset < end:
            return label
    return None
