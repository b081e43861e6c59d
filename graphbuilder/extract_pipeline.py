"""Extract: claims with full provenance from every ingested paper.

For each paper: split each page's cleaned text into sentences (leaving out the reference list), keep the
sentences the rules prefilter flags as candidates, let the extractor read them, and place every claim in
the page by character offsets. A claim whose sentence, cause or effect is not found verbatim at its
offsets in the stored page text is rejected and counted, never stored. A paper's claims are stored with
its "done" mark in one transaction, so a killed run resumes at the first unfinished paper.
"""

from __future__ import annotations

import sys
import threading
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from typing import Any

from tqdm import tqdm

from causemap.graphbuilder.extractors.base import (
    BatchProgress,
    CandidateFilter,
    CandidateReading,
    ExtractedRelation,
    SentenceExtractor,
    read_candidates,
)
from causemap.graphbuilder.extractors.rules import load_spacy
from causemap.graphbuilder.extractors.rules_heads import FINITE_TAGS, misread_name
from causemap.graphbuilder.references import resolve_references
from causemap.graphbuilder.roles import Zone, claim_role, is_presupposed, sentence_zones, split_at_caption
from causemap.graphbuilder.study_design import classify_design, design_text
from causemap.ingest.sentences import split_sentences
from causemap.models import Claim, ClaimRole, Page, Paper, PaperState, StudyDesign
from causemap.workspace import Workspace

# ``on_stage(papers done, papers, what)``: progress inside a paper, e.g. "Title: 30/120 sentences answered".
StageCallback = Callable[[int, int, str], None]


@dataclass(frozen=True)
class SentenceRef:
    """One sentence of one page: where it is and what section it belongs to."""

    page: int
    start: int
    end: int
    section: str | None
    text: str
    cut_by_caption: bool = False  # the words before a caption the text layer ran into the sentence


@dataclass
class ExtractReport:
    extractor: str
    papers: int = 0
    papers_skipped: int = 0  # already extracted by this extractor version
    sentences: int = 0
    no_claim: int = 0  # methods, captions, contributions, aims, procedures: not read (graphbuilder/roles.py)
    candidates: int = 0
    claims_stored: int = 0
    claims_existing: int = 0  # found again, already stored (idempotent rerun)
    rejected: int = 0  # evidence not found verbatim in the page: never stored
    refused: dict[str, int] = field(default_factory=dict)  # claims the sentence does not make, by reason
    incomplete: list[str] = field(default_factory=list)  # papers with batches the LLM never answered
    elsewhere: list[str] = field(default_factory=list)  # papers another live run is reading right now
    llm: dict[str, Any] = field(default_factory=dict)

    @property
    def partial(self) -> bool:
        return bool(self.incomplete)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


# Claims are read from the body. The reference list cites other papers' claims; the front matter
# (title, authors, affiliations) restates the abstract at best, and its lines run together at worst.
SKIPPED_SECTIONS = frozenset({"references", "front"})


def paper_sentences(
    pages: Sequence[Page], sections: dict[int, list[tuple[int, int, str]]]
) -> list[SentenceRef]:
    """Every sentence of the body (not the front matter or references), with offsets and section label;
    a caption the text layer ran into a sentence is a sentence of its own (``roles.split_at_caption``)."""
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


def extract_workspace(
    workspace: Workspace,
    extractor: SentenceExtractor,
    prefilter: CandidateFilter,
    *,
    force: bool = False,
    progress: bool = True,
    on_paper: Callable[[int, int, Paper], None] | None = None,
    on_stage: StageCallback | None = None,
) -> ExtractReport:
    """Run ``extractor`` over every ready paper not yet read by this extractor version.

    ``on_paper(done, total, paper)`` is told as each paper starts; ``on_stage(done, total, what)``
    hears the progress inside a paper from an extractor that reports it (the LLM's batches:
    ``"Title: 30/120 sentences answered"``), from whichever thread reads that paper.

    The run is recorded as finished whatever happens: "ok", "partial" (some LLM batches went
    unanswered; their papers are retried by the next run) or "failed" (with the error).
    Each paper is claimed first (``causemap.store.work``), so processes extracting at once divide the
    papers between them; a paper another live run holds is listed in ``elsewhere``.
    """
    store = workspace.store
    report = ExtractReport(extractor=extractor.name)
    run_id = store.start_run("extract")
    try:
        stages = _Progress(progress, on_paper, on_stage, f"extract ({extractor.name})")
        _extract_papers(workspace, extractor, prefilter, report, run_id, force, stages)
    except BaseException as exc:
        _add_llm_stats(report, extractor)
        store.finish_run(run_id, "failed", {**report.to_dict(), "error": f"{type(exc).__name__}: {exc}"})
        raise
    _add_llm_stats(report, extractor)
    store.finish_run(run_id, "partial" if report.partial else "ok", report.to_dict())
    return report


@dataclass
class _PaperJob:
    """One paper's sentences, read from the store, waiting for the extractor."""

    paper: Paper
    pages: list[Page]
    design: StudyDesign
    sentences: list[SentenceRef]  # those that can make claims (see readable_sentences)
    zones: list[Zone]
    body: list[SentenceRef]  # every sentence of the body: where earlier names are found
    no_claim: int  # sentences left out as making no claim


class _Progress:
    """The papers done (a bar on stderr, ``on_paper``) and, inside a paper, its answered sentences
    (``on_stage`` and the bar's postfix). Batch reports come from the reading threads: one lock."""

    def __init__(
        self,
        bar: bool,
        on_paper: Callable[[int, int, Paper], None] | None,
        on_stage: StageCallback | None,
        desc: str,
    ) -> None:
        self.show_bar, self.on_paper, self.on_stage, self.desc = bar, on_paper, on_stage, desc
        self.done = self.total = 0
        self.bar: Any = None
        self._lock = threading.Lock()

    def __enter__(self) -> _Progress:
        self.bar = tqdm(
            total=self.total, desc=self.desc, unit="paper", file=sys.stderr, disable=not self.show_bar
        )
        return self

    def __exit__(self, *exc: object) -> None:
        self.bar.close()

    def starting(self, index: int, paper: Paper) -> None:
        if self.on_paper is not None:
            self.on_paper(index, self.total, paper)

    def finished(self) -> None:
        with self._lock:
            self.done += 1
            self.bar.update()

    def within(self, paper: Paper) -> BatchProgress | None:
        """The ``on_batch`` reporter for one paper, or None when nobody is listening."""
        if self.on_stage is None and not self.show_bar:
            return None
        name = paper.title or paper.source

        def answered(done: int, sent: int) -> None:
            what = f"{name}: {done}/{sent} sentences answered"
            with self._lock:
                self.bar.set_postfix_str(f"{name[:30]}: {done}/{sent} sentences")
                if self.on_stage is not None:
                    self.on_stage(self.done, self.total, what)

        return answered


def _extract_papers(
    workspace: Workspace,
    extractor: SentenceExtractor,
    prefilter: CandidateFilter,
    report: ExtractReport,
    run_id: int,
    force: bool,
    stages: _Progress,
) -> None:
    """Read the papers; an extractor that allows it (the LLM's requests wait on the network) reads
    several papers at once, while the store is written from this thread alone, paper by paper."""
    store = workspace.store
    papers = store.papers(PaperState.READY)  # not those another process is still storing
    work = _work(extractor)
    workers = max(1, int(getattr(extractor, "paper_concurrency", 1)))
    stages.total = len(papers)
    pending: deque[tuple[_PaperJob, Future[CandidateReading]]] = deque()
    pool = ThreadPoolExecutor(max_workers=workers) if workers > 1 else None

    def store_next() -> None:
        job, future = pending.popleft()
        _store_paper(store, extractor, job, future.result(), report, run_id)
        stages.finished()

    with stages:
        try:
            for index, paper in enumerate(papers):
                stages.starting(index, paper)
                if not force and store.extracted_version(paper.id, extractor.name) == extractor.version:
                    report.papers_skipped += 1
                    stages.finished()
                    continue
                if store.take_work(work, paper.id, run_id) is not None:
                    report.elsewhere.append(paper.id)
                    stages.finished()
                    continue
                if not force and store.extracted_version(paper.id, extractor.name) == extractor.version:
                    store.release_work(work, paper.id, run_id)  # another run finished it meanwhile
                    report.papers_skipped += 1
                    stages.finished()
                    continue
                job = _paper_job(store, paper)
                texts = [s.text for s in job.sentences]
                on_batch = stages.within(paper)
                if pool is None:
                    reading = read_candidates(extractor, prefilter, texts, on_batch)
                    _store_paper(store, extractor, job, reading, report, run_id)
                    stages.finished()
                    continue
                pending.append((job, pool.submit(read_candidates, extractor, prefilter, texts, on_batch)))
                while len(pending) >= 2 * workers:  # keep the workers busy, not every paper in memory
                    store_next()
            while pending:
                store_next()
        finally:
            if pool is not None:
                pool.shutdown(wait=True, cancel_futures=True)


def pending_sentences(
    workspace: Workspace, name: str, version: str, force: bool = False
) -> Iterator[list[str]]:
    """The sentences of each paper that a run of extractor ``name`` at ``version`` would read."""
    store = workspace.store
    for paper in store.papers(PaperState.READY):
        if force or store.extracted_version(paper.id, name) != version:
            yield [s.text for s in _paper_job(store, paper).sentences]


def _paper_job(store: Any, paper: Paper) -> _PaperJob:
    pages = store.pages(paper.id)
    sections = {p.number: store.page_sections(paper.id, p.number) for p in pages}
    body = paper_sentences(pages, sections)
    sentences, zones, no_claim = readable_sentences(body, paper.title)
    return _PaperJob(paper, pages, paper_design(pages, sections), sentences, zones, body, no_claim)


def _store_paper(
    store: Any,
    extractor: SentenceExtractor,
    job: _PaperJob,
    reading: CandidateReading,
    report: ExtractReport,
    run_id: int,
) -> None:
    """Store one paper's claims with its "done" mark in one transaction.

    A paper with batches the LLM never answered keeps its claims but is not marked done, so the next
    run retries just those (the answered batches come from the cache); each skipped batch is
    recorded as a failure of the run, with its reason.
    """
    paper, design = job.paper, job.design
    relations = keep_asserted(job.sentences, job.zones, reading.relations)
    roles = [zone.role for zone in job.zones]
    page_texts = {p.number: p.text for p in job.pages}
    claims, rejected = claims_from_sentences(
        paper, design, job.sentences, relations, extractor, page_texts, roles
    )
    # "This mutation reduced ...": the argument named by what the paper named before
    resolved = resolve_references(job.body, claims)
    claims = [c for c in resolved if is_verbatim(c, page_texts.get(c.page, ""))]
    rejected += len(resolved) - len(claims)
    with store.transaction():
        if paper.design != design:
            store.set_paper_design(paper.id, design.value)
        store.delete_stale_claims(paper.id, extractor.name, keep=[c.id for c in claims])
        stored = store.add_claims(claims)
        stats = {
            "sentences": len(job.sentences) + job.no_claim,
            "no_claim": job.no_claim,
            "candidates": reading.candidates,
            "claims": len(claims),
            "rejected": rejected,
            "refused": reading.refused,
        }
        if not reading.skipped:
            store.mark_extracted(paper.id, extractor.name, extractor.version, stats)
        else:
            report.incomplete.append(paper.id)
            for skipped in reading.skipped:
                store.record_failure(run_id, paper.id, "llm_batch_skipped", skipped["reason"])
        store.release_work(_work(extractor), paper.id, run_id)
    report.papers += 1
    report.sentences += len(job.sentences) + job.no_claim
    report.no_claim += job.no_claim
    report.candidates += reading.candidates
    report.claims_stored += stored
    report.claims_existing += len(claims) - stored
    report.rejected += rejected
    for reason, n in reading.refused.items():
        report.refused[reason] = report.refused.get(reason, 0) + n


def _work(extractor: SentenceExtractor) -> str:
    """What an extract run claims a paper for: one claim per extractor (see causemap.store.work)."""
    return f"extract:{extractor.name}"


def _add_llm_stats(report: ExtractReport, extractor: SentenceExtractor) -> None:
    stats = getattr(extractor, "stats", None)
    if stats is not None:
        report.llm = stats.to_dict() if hasattr(stats, "to_dict") else dict(vars(stats))


def _label_at(spans: Sequence[tuple[int, int, str]], offset: int) -> str | None:
    for start, end, label in spans:
        if start <= offset < end:
            return label
    return None
