"""The planner's entry point: ``make_plan`` turns a knowledge graph (and optionally a target effect,
a data table, co-occurrences and a language model) into a ranked ``Plan``."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

import networkx as nx
import pandas as pd

from causemap.graphbuilder.knowledge_graph import CandidateDAG, KnowledgeGraph
from causemap.models import PlanItem, Provenance
from causemap.planner.analysis_items import (
    identification_items,
    implication_items,
    negative_control_items,
    refuter_items,
)
from causemap.planner.context import PlanContext
from causemap.planner.datacheck import DataCheck, run_data_check
from causemap.planner.edge_checks import edge_check_items
from causemap.planner.gaps import Gap, find_gaps
from causemap.planner.identification import IdentificationSummary, identify_across
from causemap.planner.llm_suggest import (
    LLMSuggestion,
    ask_model,
    ground_suggestions,
    suggestion_items,
)
from causemap.planner.ranking import DroppedItem, screen
from causemap.planner.ranking import rank as rank_items
from causemap.planner.scoring import candidate_weights, ensure_candidates
from causemap.planner.search_items import contradiction_items, literature_items, renamed_contradiction_items
from causemap.planner.study_items import experiment_items
from causemap.planner.targets import TargetError, column_matches, parse_target, resolve
from causemap.settings import PlannerSettings

__all__ = ["Plan", "make_plan"]


@dataclass
class Plan:
    target: tuple[str, str] | None
    gaps: list[Gap]
    items: list[PlanItem]
    labels: dict[str, str]
    candidates: list[CandidateDAG]
    weights: list[float]
    identification: IdentificationSummary | None = None
    data_check: DataCheck | None = None
    model_suggestions: list[LLMSuggestion] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    dropped: list[DroppedItem] = field(default_factory=list)

    @property
    def target_experiment(self) -> PlanItem | None:
        """The experiment on the target effect itself (None without a target)."""
        return next((i for i in self.items if i.about_target), None)

    def to_dict(self) -> dict[str, Any]:
        """The JSON document of ``causemap plan --json``."""
        target = None
        if self.target:
            x, y = self.target
            target = {
                "exposure": x,
                "outcome": y,
                "text": f"{self.labels.get(x, x)} -> {self.labels.get(y, y)}",
            }
        return {
            "target": target,
            "gaps": [g.to_dict() for g in self.gaps],
            "items": [i.model_dump(mode="json") for i in self.items],
            "identification": self.identification.to_dict() if self.identification else {},
            "data_check": self.data_check.to_dict() if self.data_check else None,
            "candidates": [
                {
                    "rank": c.rank,
                    "weight": round(w, 4),
                    "edges": len(c.edges),
                    "dropped": [{"edge": list(d.edge), "reason": d.reason} for d in c.dropped],
                }
                for c, w in zip(self.candidates, self.weights, strict=True)
            ],
            "model_suggestions": [s.to_dict() for s in self.model_suggestions],
            "notes": list(self.notes),
            "dropped": [d.to_dict() for d in self.dropped],
        }

    def to_markdown(self) -> str:
        """A readable protocol for a lab meeting."""
        from causemap.planner.report import plan_markdown

        return plan_markdown(self)


def make_plan(
    graph: KnowledgeGraph,
    target: tuple[str, str] | str | None = None,
    data: pd.DataFrame | None = None,
    candidate: int | None = None,
    settings: PlannerSettings | None = None,
    cooccurrence: Mapping[tuple[str, str], list[Provenance]] | None = None,
    llm: Any | None = None,
    retrieve: Callable[[str], list[Provenance]] | None = None,
    use_dowhy: bool = True,
    columns: Mapping[str, str] | None = None,
    name_vectors: Mapping[str, Sequence[float]] | None = None,
) -> Plan:
    """Gaps, ranked proposals, identification of ``target`` and a data check, for ``graph``.

    Parameters
    ----------
    target : (exposure id, outcome id), or "X -> Y" naming ids, labels or aliases.
    data : a table whose columns are matched to variables by id, label or alias; the data check
        (identification, estimate, refuters, falsification) runs when a target is given.
    candidate : the rank of the candidate DAG the data check uses (default: the top one).
    cooccurrence : sorted variable-id pairs named together in passages, with those passages.
    llm : a LangChain chat model; its suggestions need ``retrieve`` (question -> cited passages)
        to count as grounded, and are otherwise kept apart as the model's prior.
    use_dowhy : also run DoWhy's identification on each candidate (it costs DoWhy's import).
    columns : data column -> variable (id, label or alias), for columns not named like variables.
    name_vectors : variable id -> unit vector of its label (``workspace_plan.label_vectors``); with
        them, names that measure one construct ("obesity", "body mass index") are recognised.
    """
    settings = settings or PlannerSettings()
    if not graph.variables:
        raise TargetError("the graph has no variables: extract claims first")
    candidates = ensure_candidates(graph)
    weights = candidate_weights(graph, candidates)
    dags = [_dag(graph, c) for c in candidates]
    x_y = _target(graph, target)
    matches = column_matches(data.columns, graph, columns) if data is not None else []
    matched = {m.column: m.variable for m in matches if m.variable}
    observed = set(matched.values()) if data is not None else None
    identification = None
    if x_y is not None:
        external = None
        if use_dowhy:
            from causemap.planner.dowhy_tools import dowhy_identify

            external = dowhy_identify
        identification = identify_across(
            graph,
            dags,
            [c.rank for c in candidates],
            weights,
            *x_y,
            observed,
            settings.weak_belief,
            external,
        )
    # The context is complete before any proposal reads it (it caches what it derives).
    ctx = PlanContext(
        graph,
        candidates,
        dags,
        weights,
        settings,
        x_y,
        observed,
        dict(cooccurrence or {}),
        identification,
        name_vectors=name_vectors,
    )
    notes = []
    gaps = find_gaps(graph, candidates, ctx.cooccurrence, settings.weak_belief)
    if ctx.identification is not None:
        gaps = _target_gaps(ctx) + gaps
    gaps = [replace(g, description=_sentence(g.description)) for g in gaps]
    items = (
        identification_items(ctx)
        + implication_items(ctx)
        + negative_control_items(ctx)
        + refuter_items(ctx)
        + edge_check_items(ctx)
        + experiment_items(ctx, gaps)
        + literature_items(ctx, gaps)
        + contradiction_items(ctx)
        + renamed_contradiction_items(ctx)
    )
    suggestions: list[LLMSuggestion] = []
    if llm is not None and x_y is not None:
        suggestions, problem = ask_model(llm, graph, *x_y)
        suggestions = ground_suggestions(suggestions, graph, *x_y, retrieve)
        items += suggestion_items(suggestions, graph, *x_y, ctx.unmeasured_confounding_prior, observed)
        notes += [problem] if problem else []
        if retrieve is None and suggestions:
            notes.append("no retrieval was given, so no model suggestion could be grounded")
    data_check = None
    if data is not None and x_y is not None:
        rank = candidate or candidates[0].rank
        index = next((i for i, c in enumerate(candidates) if c.rank == rank), None)
        if index is None:
            raise TargetError(
                f"no candidate DAG of rank {rank} (ranks: {', '.join(str(c.rank) for c in candidates)})"
            )
        labels = {v: ctx.label(v) for v in graph.variables}
        data_check = run_data_check(dags[index], data, *x_y, matched, labels, rank, settings)
        data_check.column_matches = [m.to_dict() for m in matches]
    elif data is not None:
        notes.append("data were given without a target: the data check needs 'X -> Y'")
    items, dropped = screen(ctx, items)
    return Plan(
        target=x_y,
        gaps=gaps,
        items=rank_items(items, settings.max_items),
        labels={v.id: v.label for v in graph.variables.values()},
        candidates=candidates,
        weights=weights,
        identification=ctx.identification,
        data_check=data_check,
        model_suggestions=[s for s in suggestions if not s.grounded],
        notes=notes,
        dropped=dropped,
    )


def _dag(graph: KnowledgeGraph, candidate: CandidateDAG) -> nx.DiGraph:
    """A candidate as a plain DiGraph over all variables (attributes are read from the graph)."""
    dag = nx.DiGraph()
    dag.add_nodes_from(graph.variables)
    dag.add_edges_from(candidate.edges)
    return dag


def _target(graph: KnowledgeGraph, target: tuple[str, str] | str | None) -> tuple[str, str] | None:
    if target is None:
        return None
    if isinstance(target, str):
        return parse_target(target, graph)
    x, y = (resolve(t, graph) for t in target)
    if x == y:
        raise TargetError(f"exposure and outcome are the same variable ({x})")
    return x, y


def _target_gaps(ctx: PlanContext) -> list[Gap]:
    ident = ctx.identification
    x, y = ctx.target
    lx, ly = ctx.label(x), ctx.label(y)
    n = len(ident.candidates)
    gaps = []
    no_path = [c.rank for c in ident.candidates if not c.result.has_causal_path]
    if no_path:
        gaps.append(
            Gap(
                "no_causal_path",
                [x, y],
                f"In {len(no_path)} of {n} candidate DAGs (ranks "
                f"{', '.join(map(str, no_path))}) no directed path leads from {lx} to {ly}: "
                "on that reading of the literature the effect is zero.",
            )
        )
    stuck = [c.rank for c in ident.candidates if c.result.has_causal_path and not c.result.identifiable]
    if stuck:
        gaps.append(
            Gap(
                "not_identifiable",
                [x, y],
                f"With the measured variables, {lx} → {ly} is not identifiable in "
                f"{len(stuck)} of {n} candidate DAGs (ranks {', '.join(map(str, stuck))}): "
                "no adjustment set, instrument or front-door set exists.",
            )
        )
    if ident.latent_confounding:
        gaps.append(
            Gap(
                "unmeasured_confounding",
                sorted(ident.latent_confounding | {x, y}),
                f"Confounding of {lx} → {ly} runs through {ctx.labels(ident.latent_confounding)}, "
                "which the data do not measure.",
            )
        )
    if not ident.known_confounders and ident.causal_path_share > 0:
        gaps.append(
            Gap(
                "no_known_confounders",
                [x, y],
                f"The literature names no common cause of {lx} and {ly}. Confounding nobody "
                "has studied cannot be ruled out: the estimate rests on its absence.",
            )
        )
    return gaps


def _sentence(text: str) -> str:
    """``text`` with a capital first letter (labels are lower case and often open a sentence)."""
    return text[:1].upper() + text[1:]
