"""Extract: claims with full provenance from every ingested paper of a workspace.

For each paper: read its sentences that can make claims (``extract_claims``), let the extractor read the
candidates the rules prefilter flags, keep the claims found verbatim in the page, resolve the arguments
that refer back ("this mutation", ``graphbuilder.references``), and store the paper's claims with its
"done" mark in one transaction, so a killed run resumes at the first unfinished paper.
"""

from __future__ import annotations

import sys
import threading
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from typing import Any

from tqdm import tqdm

from causemap.graphbuilder.extract_claims import (
    SentenceRef,
    claims_from_sentences,
    is_verbatim,
    keep_asserted,
    paper_design,
    paper_sentences,
    readable_sentences,
)
from causemap.graphbuilder.extractors.base import (
    BatchProgress,
    CandidateFilter,
    CandidateReading,
    SentenceExtractor,
    read_candidates,
)
from causemap.graphbuilder.pronouns import resolve_pronouns
from causemap.graphbuilder.references import resolve_references
from causemap.graphbuilder.roles import Zone
from causemap.models import Page, Paper, PaperState, StudyDesign
from causemap.workspace import Workspace

# ``on_stage(papers done, papers, what)``: progress inside a paper, e.g. "Title: 30/120 sentences answered".
StageCallback = Callable[[int, int, str], None]


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
                    reading = read_candidates(extractor, prefilter, texts, on_batch, keep_references=True)
                    _store_paper(store, extractor, job, reading, report, run_id)
                    stages.finished()
                    continue
                reading_job = pool.submit(
                    read_candidates, extractor, prefilter, texts, on_batch, keep_references=True
                )
                pending.append((job, reading_job))
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
    # "It reduced ...": the pronoun named by its antecedent, or no claim
    resolved = resolve_pronouns(job.body, resolve_references(job.body, claims))
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
