"""The graph stage over a workspace: read claims and decisions from the store, build, decide.

This is the glue the command line and the app call. The algorithms it uses are pure functions
(``graphbuilder.assemble`` and the modules it calls); here is only reading from and writing to the
workspace's ``Store``: claims, titles, decisions, and each paper's text, from which the abbreviations
it defines (``graphbuilder.abbreviations``) and its other versions (``graphbuilder.versions``) are
found. Vectors of variable names are kept in the workspace (``graphbuilder.term_vectors``), so that a
rebuild embeds only new names.

Variable decisions name variables by their aliases (the surface forms behind them), not by their
ids: ids are derived from labels, which a re-extraction can change, while the user's intent, "these
names are one variable", survives it. ``build_workspace_graph`` replays every decision on each build.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from causemap.graphbuilder.abbreviations import paper_abbreviations
from causemap.graphbuilder.assemble import build_knowledge_graph
from causemap.graphbuilder.belief import BeliefParams
from causemap.graphbuilder.knowledge_graph import KnowledgeGraph
from causemap.graphbuilder.term_vectors import TermVectorCache, cache_path
from causemap.graphbuilder.variables import TextEmbedder
from causemap.graphbuilder.versions import PaperText, StudyGroups, detect_versions
from causemap.models import Claim, PaperState
from causemap.settings import Settings
from causemap.store import Store

__all__ = [
    "GraphInputs",
    "VariableDecisionError",
    "build_workspace_graph",
    "load_graph_inputs",
    "VersionDecisionError",
    "paper_versions",
    "set_versions",
    "merge_variables",
    "rename_variable",
    "split_variable",
]


class VariableDecisionError(ValueError):
    """A merge, rename or split that cannot be made (unknown variable, bad alias, ...)."""


class VersionDecisionError(ValueError):
    """A link or unlink of papers that cannot be made (unknown or ambiguous paper id, ...)."""


@dataclass(frozen=True)
class GraphInputs:
    """Everything the graph is built from, as read from the workspace."""

    claims: list[Claim]
    titles: dict[str, str | None]
    decisions: list[dict[str, Any]]
    abbreviations: dict[str, dict[str, str]] = field(default_factory=dict)
    studies: StudyGroups | None = None


def _paper_texts(store: Store) -> list[PaperText]:
    texts = []
    for paper in store.papers():
        if paper.state != PaperState.READY:
            continue
        text = "\n".join(page.text for page in store.pages(paper.id))
        texts.append(
            PaperText(
                paper_id=paper.id,
                title=paper.title,
                doi=paper.doi,
                kind=paper.kind,
                n_pages=paper.n_pages,
                year=paper.year,
                text=text,
            )
        )
    return texts


def paper_versions(store: Store, texts: Sequence[PaperText] | None = None) -> StudyGroups:
    """Which papers of the workspace are versions of one study, with the user's decisions applied."""
    return detect_versions(_paper_texts(store) if texts is None else texts, store.version_decisions())


def _paper_id(store: Store, prefix: str) -> str:
    """The one ready paper whose id starts with ``prefix``."""
    matches = [p.id for p in store.papers() if p.id.startswith(prefix.strip())] if prefix.strip() else []
    if not matches:
        raise VersionDecisionError(
            f"no paper with an id starting {prefix!r} (see `causemap papers versions`)"
        )
    if len(matches) > 1:
        raise VersionDecisionError(
            f"{len(matches)} papers have ids starting {prefix!r}: give more characters"
        )
    return matches[0]


def set_versions(store: Store, kind: str, paper_a: str, paper_b: str) -> tuple[str, str]:
    """Record that two papers (ids or unique id prefixes) are one study (``same``) or two (``separate``).

    Returns the two full ids. Raises ``VersionDecisionError`` for an unknown or ambiguous id, or a
    paper paired with itself.
    """
    a, b = _paper_id(store, paper_a), _paper_id(store, paper_b)
    if a == b:
        raise VersionDecisionError("a paper cannot be paired with itself")
    store.add_version_decision(kind, a, b)
    return a, b


def load_graph_inputs(store: Store) -> GraphInputs:
    """All claims (rejected ones included: the builder leaves them out), titles, decisions, the
    abbreviations each paper defines and the papers that are versions of one study."""
    texts = _paper_texts(store)
    return GraphInputs(
        claims=store.claims(),
        titles={p.id: p.title for p in store.papers()},
        decisions=store.variable_decisions(),
        abbreviations={t.paper_id: paper_abbreviations(t.text) for t in texts},
        studies=paper_versions(store, texts),
    )


class _Stages:
    """Progress on stderr: each stage as it starts, and how long the slow ones took."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled
        self.current: tuple[str, float] | None = None

    def __call__(self, name: str) -> None:
        self.finish()
        if self.enabled:
            print(f"graph: {name} ...", file=sys.stderr, flush=True)
        self.current = (name, time.perf_counter())

    def finish(self) -> None:
        if self.current is not None and self.enabled:
            name, started = self.current
            elapsed = time.perf_counter() - started
            if elapsed >= 2.0:
                print(f"graph: {name} took {elapsed:.1f} s", file=sys.stderr, flush=True)
        self.current = None


def build_workspace_graph(
    store: Store,
    settings: Settings | None = None,
    *,
    embedder: TextEmbedder | None = None,
    use_embeddings: bool = True,
    min_belief: float | None = None,
    params: BeliefParams | None = None,
    progress: bool = False,
) -> KnowledgeGraph:
    """The knowledge graph of a workspace, with its candidate DAGs.

    Parameters
    ----------
    store
        The workspace store.
    settings
        Graph settings (threshold, number of candidates, minimum belief) and the embedding model.
    embedder
        The embedder for synonym merging; by default the workspace's configured model, behind the
        workspace's cache of name vectors (the model is loaded only if a name is new).
    use_embeddings
        False: merge only names that normalise identically (no model is loaded).
    min_belief
        Leave out edges below this belief (default: ``settings.graph.min_belief``).
    progress
        Report each stage on stderr (and how long it took, when over two seconds).
    """
    settings = settings or Settings()
    stages = _Stages(progress)
    cache: TermVectorCache | None = None
    if embedder is None and use_embeddings:
        cache = workspace_name_vectors(settings, stages)
        embedder = cache
    stages("reading claims and papers")
    inputs = load_graph_inputs(store)
    graph = build_knowledge_graph(
        inputs.claims,
        inputs.titles,
        embedder=embedder if use_embeddings else None,
        synonym_threshold=settings.graph.synonym_threshold,
        decisions=inputs.decisions,
        params=params,
        k=settings.graph.candidates,
        abbreviations=inputs.abbreviations,
        study_of=inputs.studies.study_of if inputs.studies else None,
        on_stage=stages,
    )
    stages.finish()
    if cache is not None:
        cache.save()
    threshold = settings.graph.min_belief if min_belief is None else min_belief
    return graph.filtered(threshold) if threshold > 0 else graph


def name_embedder(settings: Settings) -> TextEmbedder:
    """The embedder of variable names: the configured model's float vectors through its ONNX copy
    (the same vectors as PyTorch's, for a fraction of its CPU, and torch is not imported), or PyTorch
    for a model that copy cannot run."""
    from causemap.ingest.embedding import get_embedder
    from causemap.ingest.onnx_copies import OnnxCopyError

    ingest = settings.ingest
    try:
        return get_embedder(
            ingest.embedding_model,
            ingest.embed_batch_size,
            "onnx-float",
            ingest.model_cache,
            ingest.embed_threads,
        )
    except OnnxCopyError:  # not a mean-pooled sentence-transformers model
        return get_embedder(ingest.embedding_model, ingest.embed_batch_size)


def workspace_name_vectors(settings: Settings, stages: _Stages | None = None) -> TermVectorCache:
    """The workspace's cache of variable-name vectors over its configured embedding model, which is
    loaded only when a name is new (the graph stage and the planner read the same file)."""

    def load() -> TextEmbedder:
        if stages is not None and stages.enabled:
            print("graph: loading the embedding model ...", file=sys.stderr, flush=True)
        return name_embedder(settings)

    progress = stages is not None and stages.enabled
    return TermVectorCache(cache_path(settings.workspace, settings.ingest.embedding_model), load, progress)


def _aliases(graph: KnowledgeGraph, variable_id: str) -> list[str]:
    variable = graph.variables.get(variable_id)
    if variable is None:
        raise VariableDecisionError(f"no variable {variable_id!r} in the graph")
    return list(variable.aliases)


def merge_variables(
    store: Store, graph: KnowledgeGraph, variable_ids: Sequence[str], label: str | None = None
) -> int:
    """Record that ``variable_ids`` are one variable (optionally named ``label``).

    Returns the decision's id. Raises ``VariableDecisionError`` for fewer than two distinct
    variables or an id not in ``graph`` (the graph the user was looking at).
    """
    ids = sorted(set(variable_ids))
    if len(ids) < 2:
        raise VariableDecisionError("a merge needs at least two different variables")
    groups = [_aliases(graph, v) for v in ids]
    payload: dict[str, Any] = {"variables": ids, "groups": groups}
    if label is not None:
        payload["label"] = _clean_label(label)
    return store.add_variable_decision("merge", payload)


def rename_variable(store: Store, graph: KnowledgeGraph, variable_id: str, label: str) -> int:
    """Record a new label for a variable (its id becomes the label's slug on the next build)."""
    payload = {"variable": variable_id, "aliases": _aliases(graph, variable_id), "label": _clean_label(label)}
    return store.add_variable_decision("rename", payload)


def split_variable(store: Store, graph: KnowledgeGraph, variable_id: str, aliases: Sequence[str]) -> int:
    """Record that ``aliases`` of a variable name a variable of their own.

    Raises ``VariableDecisionError`` if an alias does not belong to the variable, or if all of
    them would move (which would change nothing).
    """
    current = _aliases(graph, variable_id)
    moving = sorted(set(aliases))
    unknown = [a for a in moving if a not in current]
    if unknown:
        raise VariableDecisionError(
            f"{unknown} are not aliases of {variable_id!r}; its aliases are {current}"
        )
    if not moving or len(moving) == len(current):
        raise VariableDecisionError("a split moves some, not all, of a variable's aliases")
    return store.add_variable_decision("split", {"variable": variable_id, "aliases": moving})


def _clean_label(label: str) -> str:
    cleaned = " ".join(label.split())
    if not cleaned:
        raise VariableDecisionError("a label cannot be empty")
    return cleaned
