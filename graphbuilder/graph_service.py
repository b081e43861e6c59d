"""The graph stage over a workspace: read claims and decisions from the store, build, decide.

This is the glue the command line and the app call. The algorithms it uses are pure functions
(``graphbuilder.assemble`` and the modules it calls); here is only reading from and writing to the
workspace's ``Store``.

Variable decisions name variables by their aliases (the surface forms behind them), not by their
ids: ids are derived from labels, which a re-extraction can change, while the user's intent, "these
names are one variable", survives it. ``build_workspace_graph`` replays every decision on each build.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from causemap.graphbuilder.assemble import build_knowledge_graph
from causemap.graphbuilder.belief import BeliefParams
from causemap.graphbuilder.knowledge_graph import KnowledgeGraph
from causemap.graphbuilder.variables import TextEmbedder
from causemap.models import Claim
from causemap.settings import Settings
from causemap.store import Store

__all__ = [
    "GraphInputs",
    "VariableDecisionError",
    "build_workspace_graph",
    "load_graph_inputs",
    "merge_variables",
    "rename_variable",
    "split_variable",
]


class VariableDecisionError(ValueError):
    """A merge, rename or split that cannot be made (unknown variable, bad alias, ...)."""


@dataclass(frozen=True)
class GraphInputs:
    """Everything the graph is built from, as read from the workspace."""

    claims: list[Claim]
    titles: dict[str, str | None]
    decisions: list[dict[str, Any]]


def load_graph_inputs(store: Store) -> GraphInputs:
    """All claims (rejected ones included: the builder leaves them out), titles and decisions."""
    return GraphInputs(
        claims=store.claims(),
        titles={p.id: p.title for p in store.papers()},
        decisions=store.variable_decisions(),
    )


def build_workspace_graph(
    store: Store,
    settings: Settings | None = None,
    *,
    embedder: TextEmbedder | None = None,
    use_embeddings: bool = True,
    min_belief: float | None = None,
    params: BeliefParams | None = None,
) -> KnowledgeGraph:
    """The knowledge graph of a workspace, with its candidate DAGs.

    Parameters
    ----------
    store
        The workspace store.
    settings
        Graph settings (threshold, number of candidates, minimum belief) and the embedding model.
    embedder
        The embedder for synonym merging; by default the workspace's configured model is loaded.
    use_embeddings
        False: merge only names that normalise identically (no model is loaded).
    min_belief
        Leave out edges below this belief (default: ``settings.graph.min_belief``).
    """
    settings = settings or Settings()
    if embedder is None and use_embeddings:
        from causemap.ingest.embedding import get_embedder

        embedder = get_embedder(settings.ingest.embedding_model, settings.ingest.embed_batch_size)
    inputs = load_graph_inputs(store)
    graph = build_knowledge_graph(
        inputs.claims,
        inputs.titles,
        embedder=embedder if use_embeddings else None,
        synonym_threshold=settings.graph.synonym_threshold,
        decisions=inputs.decisions,
        params=params,
        k=settings.graph.candidates,
    )
    threshold = settings.graph.min_belief if min_belief is None else min_belief
    return graph.filtered(threshold) if threshold > 0 else graph


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
