"""The API's pipeline verbs: ingest, extract, graph, plan, suggest targets, ask, answer, status.

Each verb imports its stage when it runs, so that importing the API loads no stage. ``causemap.api``
puts these together with the curation verbs (``causemap.curation_verbs``) as ``Workspace``.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from causemap.errors import UsageError
from causemap.progress import Progress, tell
from causemap.results import Status
from causemap.workspace import Workspace

if TYPE_CHECKING:
    import pandas as pd

    from causemap.graphbuilder.extract_pipeline import ExtractReport
    from causemap.graphbuilder.extractors.base import CandidateFilter, SentenceExtractor
    from causemap.graphbuilder.knowledge_graph import KnowledgeGraph
    from causemap.ingest.answer import Answer
    from causemap.ingest.pipeline import IngestReport
    from causemap.ingest.retrieval import Passage
    from causemap.planner.plan import Plan
    from causemap.planner.suggest import TargetSuggestion

__all__ = ["PipelineVerbs"]


class PipelineVerbs(Workspace):
    """The stages' workspace with one verb per stage of the pipeline, each returning a typed result."""

    def ingest(self, paths: Path | str | Sequence[Path | str], *, progress: Progress = None) -> IngestReport:
        """Read PDFs, ``.txt``/``.md`` abstracts and ``.jsonl`` exports (files or folders).

        A file already ingested (same bytes) is skipped; a file that cannot be read is listed in
        ``report.failed`` with the reason, and the rest are kept. ``progress`` is told of each file,
        and of the stages inside it (``"paper.pdf: embedding chunks 64/340"``), with the count of
        documents done.
        """
        targets = [paths] if isinstance(paths, str | Path) else list(paths)
        if not targets:
            raise UsageError("nothing to ingest: give at least one file or folder")
        return self._ingest(targets, progress)

    def resume_ingest(self, *, progress: Progress = None) -> IngestReport:
        """Finish what a killed or crashed ingest left: papers stored without their vectors get them
        (listed in ``report.resumed``); no new file is read. ``ingest`` does this too, first."""
        return self._ingest([], progress)

    def _ingest(self, targets: list[Path | str], progress: Progress) -> IngestReport:
        from causemap.ingest.pipeline import ingest_paths

        on_file = on_stage = None
        if callable(progress):
            callback = on_stage = progress
            on_file = lambda done, total, path: callback(done, total, Path(path).name)  # noqa: E731
        return ingest_paths(self, targets, progress=progress is True, on_file=on_file, on_stage=on_stage)

    def extract(
        self,
        extractor: str | SentenceExtractor | None = None,
        llm: str | None = None,
        *,
        force: bool = False,
        prefilter: CandidateFilter | None = None,
        progress: Progress = None,
        trust_workspace_settings: bool = False,
    ) -> ExtractReport:
        """Read cause-effect claims from every paper not yet read by this extractor version.

        Parameters
        ----------
        extractor
            ``"rules"`` (offline, the default unless the settings say otherwise), ``"llm"``, or an
            extractor object (``graphbuilder.extractors.base.SentenceExtractor``).
        llm
            ``provider:model`` for the llm extractor (implies ``extractor="llm"``).
        force
            Read papers again even when this extractor version has read them.
        prefilter
            Which sentences the extractor reads (default: the rules extractor's cue check).
        trust_workspace_settings
            Send LLM requests to a ``base_url`` that the workspace's settings.toml sets (a base URL
            from the environment or these settings is trusted anyway; see ``causemap.llm``).
        """
        from causemap.graphbuilder.extract_pipeline import extract_workspace
        from causemap.graphbuilder.extractors import make_extractor

        settings = self.settings.extract
        if llm:
            settings = settings.model_copy(update={"llm": llm})
        if extractor is None or isinstance(extractor, str):
            name = extractor or ("llm" if llm else settings.extractor)
            tell(progress, 0, 0, f"loading the {name} extractor")
            chosen, rules = make_extractor(
                name, settings, self.store, trust_workspace_settings=trust_workspace_settings
            )
        else:
            chosen, rules = extractor, None
        if prefilter is None:
            prefilter = rules if rules is not None else make_extractor("rules", settings)[1]
        on_paper = on_stage = None
        if callable(progress):  # each paper as it starts, and an LLM's answered sentences within it
            callback = on_stage = progress
            on_paper = lambda done, total, paper: callback(done, total, paper.title or paper.source)  # noqa: E731
        return extract_workspace(
            self,
            chosen,
            prefilter,
            force=force,
            progress=progress is True,
            on_paper=on_paper,
            on_stage=on_stage,
        )

    def graph(self, min_belief: float | None = None, *, progress: Progress = None) -> KnowledgeGraph:
        """The knowledge graph: variables, belief-weighted edges, contradictions, candidate DAGs.

        ``min_belief`` leaves out weaker edges (default: the ``graph.min_belief`` setting). The graph
        built at the settings' threshold is recorded, so that ``status()`` reports its size at once.
        """
        from causemap.graphbuilder.graph_service import build_workspace_graph

        if min_belief is not None and not 0.0 <= min_belief <= 1.0:
            raise UsageError(f"min_belief must be between 0 and 1, not {min_belief}")
        if callable(progress):  # progress=True: the graph stage draws its own bar
            progress(0, 1, "building the graph (variables, belief, candidate DAGs)")
        kg = build_workspace_graph(
            self.store, self.settings, min_belief=min_belief, progress=progress is True
        )
        if min_belief is None:
            self._record_graph(kg)
        if callable(progress):
            progress(1, 1, f"{len(kg.variables)} variables, {len(kg.edges)} edges")
        return kg

    def suggest_targets(self, n: int = 10, *, graph: KnowledgeGraph | None = None) -> list[TargetSuggestion]:
        """The ``n`` effects most worth a study, best first, each with why (for ``plan(target=...)``)."""
        from causemap.planner.suggest import suggest_targets

        if n < 1:
            raise UsageError(f"n must be at least 1, not {n}")
        kg = graph if graph is not None else self.graph()
        return suggest_targets(kg, n, self.settings.planner)

    def plan(
        self,
        target: str | tuple[str, str] | None = None,
        data: pd.DataFrame | Path | str | None = None,
        *,
        candidate: int | None = None,
        columns: dict[str, str] | Path | str | None = None,
        graph: KnowledgeGraph | None = None,
        use_llm: bool = True,
        progress: Progress = None,
    ) -> Plan:
        """Gaps and ranked proposals (refutation tests, identification, experiments) for the graph.

        Parameters
        ----------
        target
            The effect to settle, ``"EXPOSURE -> OUTCOME"`` (variable ids or labels).
        data
            A table (CSV path or DataFrame) whose columns are variables: DoWhy's identification,
            estimate, refuters and graph falsification are run on it.
        candidate
            The candidate DAG the data check uses (default 1, the most credible).
        columns
            Which variable each column of ``data`` measures, ``{"column": "variable"}`` (a dict or a JSON
            file), for columns not named like the variables.
        graph
            A graph from ``graph()`` to plan for (default: built now).
        use_llm
            With a configured LLM (``extract.llm``), add its grounded suggestions.
        """
        from causemap.planner.workspace_plan import PLAN_STEPS, plan_workspace

        table = Path(data) if isinstance(data, str) else data
        mapping = Path(columns) if isinstance(columns, str) else columns
        kg = graph if graph is not None else self.graph(progress=progress)
        chat_model = self._chat_model() if use_llm else None
        result = plan_workspace(
            self,
            target,
            table,
            candidate,
            graph=kg,
            chat_model=chat_model,
            columns=mapping,
            progress=progress is True,
            on_step=progress if callable(progress) else None,  # progress=True: the planner's own bar
        )
        if callable(progress):
            progress(PLAN_STEPS, PLAN_STEPS, f"{len(result.items)} proposals")
        return result

    def ask(self, question: str, k: int = 5, *, include_references: bool = False) -> list[Passage]:
        """The ``k`` passages closest to ``question``, each with its ``provenance`` and score."""
        from causemap.ingest.retrieval import retrieve

        _check_question(question)
        if k < 1:
            raise UsageError(f"k must be at least 1, not {k}")
        return retrieve(self, question, k, include_references=include_references)

    def answer(
        self,
        question: str,
        passages: Sequence[Passage] | None = None,
        k: int = 5,
        *,
        trust_workspace_settings: bool = False,
    ) -> Answer | None:
        """The configured LLM's answer from ``passages`` (default: ``ask(question, k)``), citing them.

        None when no LLM is configured (``extract.llm``) or nothing was retrieved. Every citation is one
        of the passages (``answer.citations``, each with its provenance); citations of anything else
        are removed and counted (``answer.removed``). ``trust_workspace_settings``: send the question
        to a ``base_url`` that the workspace's settings.toml sets (``causemap.llm``).
        """
        from causemap.ingest.answer import answer_question

        _check_question(question)
        chat_model = self._chat_model(trust_workspace_settings)
        if chat_model is None:
            return None
        found = list(passages) if passages is not None else self.ask(question, k)
        if not found:
            return None
        return answer_question(question, found, chat_model, model_name=self.settings.extract.llm or "")

    def status(self) -> Status:
        """What the workspace holds (instant: the graph's size is as of its last build)."""
        graph_run = self.store.last_run("graph")
        return Status(
            workspace=self.root.resolve(),
            schema_version=self.store.schema_version,
            counts=self.store.counts(),
            graph=dict(graph_run["summary"]) if graph_run else None,
            graph_built_at=graph_run["finished_at"] if graph_run else None,
            last_ingest_failures=self.store.last_failures("ingest"),
            workers=self.store.workers(),  # closes runs a kill left "running" first
            last_ingest=self.store.latest_run("ingest"),
        )

    # -- internals ------------------------------------------------------------------------------
    def _record_graph(self, kg: KnowledgeGraph) -> None:
        self.store.record_run(
            "graph",
            {
                "variables": len(kg.variables),
                "edges": len(kg.edges),
                "contradictions": len(kg.contradictions),
                "candidate_dags": len(kg.candidates),
            },
        )

    def _chat_model(self, trust_workspace_settings: bool = False) -> Any | None:
        if not self.settings.extract.llm:
            return None
        from causemap.llm import make_chat_model

        return make_chat_model(self.settings.extract, trust_workspace_settings=trust_workspace_settings)


def _check_question(question: str) -> None:
    if not question or not question.strip():
        raise UsageError('the question is empty: ask something, e.g. "what lowers blood pressure?"')
