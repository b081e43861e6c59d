"""The Python API: a workspace and the pipeline's verbs, the way the command line and the app use them.

One object, one verb per stage, each returning a typed result the next verb (or you) can read:

    ws = causemap.open(path)        the workspace (``create=True`` starts a new one)
    ws.ingest(paths)                -> IngestReport     papers in: pages, chunks, vectors
    ws.extract(extractor, llm)      -> ExtractReport    cause-effect claims with their provenance
    ws.graph(min_belief)            -> KnowledgeGraph   variables, edges with belief, candidate DAGs
    ws.plan(target, data)           -> Plan             gaps, refutation tests, experiments
    ws.suggest_targets(n)           -> list[TargetSuggestion]   effects worth a study, for plan(target)
    ws.ask(question, k)             -> list[Passage]    the passages closest to a question
    ws.status()                     -> Status           what the workspace holds

The long verbs take ``progress``: ``True`` draws a bar on stderr; a function ``progress(done, total,
what)`` is called as the work goes (each file or document, paper or step; ``total`` is 0 while it
is not known yet).

The whole pipeline on two abstracts (the embedding model and the parser load on first use):

>>> import tempfile, pathlib, causemap
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> _ = (folder / "abstracts.jsonl").write_text(
...     '{"id": "a1", "title": "Exercise trial", "text": "Regular exercise reduces blood pressure '
...     'in older adults. Lower blood pressure reduces the risk of stroke."}\\n'
...     '{"id": "a2", "title": "Salt cohort", "text": "High salt intake increases blood pressure. '
...     'Regular exercise did not affect salt intake."}\\n')
>>> ws = causemap.open(folder / "ws", create=True)
>>> len(ws.ingest(folder / "abstracts.jsonl").ingested)
2
>>> ws.extract().claims_stored >= 3
True
>>> kg = ws.graph()
>>> edge = max(kg.edges.values(), key=lambda e: e.belief)
>>> edge.evidence[0].provenance.cite().endswith("p. 1")
True
>>> plan = ws.plan()
>>> len(plan.items) > 0
True
>>> ws.ask("what raises blood pressure?", k=1)[0].title
'Salt cohort'
>>> ws.status().counts["papers"]
2
>>> ws.close()

The command line (``causemap ...``) and the app are thin layers over these verbs; no stage imports
this module, and importing it loads no stage: each verb imports its stage when it runs.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from causemap.demo import DEMO_WORKSPACE, DemoReport, demo, find_samples
from causemap.errors import UsageError
from causemap.formats import EXPORT_FORMATS
from causemap.models import Claim, CurationState
from causemap.results import Status
from causemap.workspace import Workspace as _StageWorkspace

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
    from causemap.store.curation_history import CurationAction

__all__ = [
    "DEMO_WORKSPACE",
    "EXPORT_FORMATS",
    "DemoReport",
    "Progress",
    "ProgressCallback",
    "Status",
    "Workspace",
    "demo",
    "find_samples",
    "open",
]

ProgressCallback = Callable[[int, int, str], None]
"""``progress(done, total, what)``: item ``done`` (0-based) of ``total`` starts; ``what`` names it."""
Progress = bool | ProgressCallback | None

CURATION_SCOPES = ("claims", "variables")  # what undo() and history() take


def open(path: Path | str | None = None, *, create: bool = False, **settings: Any) -> Workspace:  # noqa: A001
    """Open the workspace at ``path`` (default ``CAUSEMAP_WORKSPACE``, else ./causemap-workspace).

    Parameters
    ----------
    path
        The workspace folder.
    create
        Start a new workspace when ``path`` holds none. Without it, a folder that is not a workspace
        (a typo, an empty folder) raises ``NotAWorkspaceError`` naming it, and nothing is created.
    **settings
        Settings for this session, by section, over the workspace's settings.toml and the
        ``CAUSEMAP_*`` environment: ``causemap.open(p, graph={"min_belief": 0.3})``.

    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> open(folder / "typo")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    causemap.paths.NotAWorkspaceError: ... is not a causemap workspace (it does not exist). ...
    >>> with open(folder / "new", create=True, graph={"candidates": 2}) as ws:
    ...     ws.settings.graph.candidates, ws.status().counts["papers"]
    (2, 0)
    """
    return Workspace.open(path, create=create, **settings)


class Workspace(_StageWorkspace):
    """A workspace with the pipeline's verbs. Open one with ``causemap.open(path)``.

    It is the stages' ``causemap.workspace.Workspace`` (``.root``, ``.settings``, ``.store``), so
    it can be handed to any stage function as well.
    """

    # -- the pipeline ---------------------------------------------------------------------------
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
            _tell(progress, 0, 0, f"loading the {name} extractor")
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

    # -- curation -------------------------------------------------------------------------------
    def claims(self, state: CurationState | str | None = None, paper: str | None = None) -> list[Claim]:
        """Claims with the user's edits applied; ``paper`` matches a paper id or its first characters."""
        states = [_curation_state(state)] if state is not None else None
        return [c for c in self.store.claims(states=states) if not paper or c.paper_id.startswith(paper)]

    def set_claim_state(self, claim_ids: Sequence[str], state: CurationState | str) -> int:
        """Accept (counts as read correctly), reject (no longer counts) or reset claims to pending."""
        chosen = _curation_state(state)
        if chosen == CurationState.EDITED:
            raise UsageError("a claim becomes 'edited' by edit_claim(), not by a state change")
        ids = list(dict.fromkeys(claim_ids))
        missing = [i for i in ids if self.store.claim(i) is None]
        if missing:
            raise UsageError(f"no such claim(s) in {self.root}: {', '.join(missing)}")
        self.store.set_claim_state(ids, chosen)
        return len(ids)

    def edit_claim(self, claim_id: str, **fields: Any) -> Claim:
        """Correct a claim (cause, effect, relation, polarity, hedged, negated, design).

        The extractor's reading and the sentence stay on record; the claim's state becomes ``edited``.
        """
        from pydantic import ValidationError

        from causemap.store import WorkspaceError

        if not fields:
            raise UsageError("nothing to edit: give cause, effect, polarity, relation, hedged, negated ...")
        try:
            return self.store.edit_claim(claim_id, fields)
        except (WorkspaceError, ValidationError, ValueError) as exc:
            raise UsageError(str(exc)) from exc

    def merge_variables(
        self, variable_ids: Sequence[str], label: str | None = None, *, graph: KnowledgeGraph | None = None
    ) -> int:
        """Make several variables one (kept across re-extraction); returns the decision's id.

        ``graph`` is the graph the ids were read from (default: the graph as built now).
        """
        from causemap.graphbuilder.graph_service import merge_variables

        return self._variable_decision(merge_variables, graph, variable_ids, label)

    def rename_variable(self, variable_id: str, label: str, *, graph: KnowledgeGraph | None = None) -> int:
        """Give a variable a new label (its id follows the label on the next build)."""
        from causemap.graphbuilder.graph_service import rename_variable

        return self._variable_decision(rename_variable, graph, variable_id, label)

    def split_variable(
        self, variable_id: str, aliases: Sequence[str], *, graph: KnowledgeGraph | None = None
    ) -> int:
        """Move some of a variable's names (aliases) out into a variable of their own."""
        from causemap.graphbuilder.graph_service import split_variable

        return self._variable_decision(split_variable, graph, variable_id, aliases)

    def undo(self, scope: str) -> CurationAction | None:
        """Revert the latest curation action of ``scope`` not yet undone; None when there is none.

        ``scope`` is ``"claims"`` (accept, reject, back to pending, edit: each claim gets back its
        previous state and edit) or ``"variables"`` (merge, rename, split: the next graph is built
        without it). Undoing again reverts the action before it. The app's decisions are undone the
        same way: every decision is recorded in the workspace, wherever it was made.
        """
        if scope not in CURATION_SCOPES:
            raise UsageError(f"undo what? {scope!r} is neither 'claims' nor 'variables'")
        return self.store.undo_curation(scope)

    def history(self, scope: str | None = None, limit: int | None = 20) -> list[CurationAction]:
        """Curation actions, newest first (undone ones too, with ``undone_at``); ``scope`` as in undo."""
        if scope is not None and scope not in CURATION_SCOPES:
            raise UsageError(f"history of what? {scope!r} is neither 'claims' nor 'variables'")
        return self.store.curation_history(scope, limit)

    # -- internals ------------------------------------------------------------------------------
    def _variable_decision(self, decide: Callable[..., int], graph: KnowledgeGraph | None, *args: Any) -> int:
        from causemap.graphbuilder.graph_service import VariableDecisionError

        kg = graph if graph is not None else self.graph(min_belief=0.0)
        try:
            return decide(self.store, kg, *args)
        except VariableDecisionError as exc:
            raise UsageError(str(exc)) from exc

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


def _tell(progress: Progress, done: int, total: int, what: str) -> None:
    """Report a step: to the callback, or (``progress=True``) as a line on stderr."""
    if callable(progress):
        progress(done, total, what)
    elif progress is True:
        print(f"causemap: {what}", file=sys.stderr, flush=True)


def _check_question(question: str) -> None:
    if not question or not question.strip():
        raise UsageError('the question is empty: ask something, e.g. "what lowers blood pressure?"')


def _curation_state(value: CurationState | str) -> CurationState:
    try:
        return CurationState(value)
    except ValueError:
        raise UsageError(f"unknown state {value!r}: pending, accepted, rejected or edited") from None
