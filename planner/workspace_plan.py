"""The planner over a workspace: the graph, the corpus passages and an optional data table, read from
disk and handed to ``make_plan``. The command line and the app both plan through ``plan_workspace``."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from tqdm import tqdm

from causemap.errors import UsageError
from causemap.graphbuilder.knowledge_graph import KnowledgeGraph
from causemap.models import Provenance
from causemap.planner.gaps import find_cooccurrences
from causemap.planner.plan import Plan, make_plan
from causemap.planner.targets import TargetError
from causemap.workspace import Workspace

PLAN_STEPS = 3  # graph, co-mentions in the corpus, identification and proposals


def corpus_cooccurrences(ws: Workspace, graph: KnowledgeGraph) -> dict[tuple[str, str], list[Provenance]]:
    """Pairs of variables named in one sentence of the corpus (outside reference lists) with no claim."""
    titles = {p.id: p.title for p in ws.store.papers()}
    passages = (c.provenance(titles.get(c.paper_id)) for c in ws.store.chunks() if not c.is_references)
    return find_cooccurrences(passages, graph.variables, graph)


def label_vectors(ws: Workspace, graph: KnowledgeGraph) -> dict[str, np.ndarray]:
    """Unit vectors of the variables' labels, by id: from the workspace's cache of name vectors (which
    the graph stage fills), the embedding model loaded only for a label not in it."""
    from causemap.graphbuilder.graph_service import workspace_name_vectors

    cache = workspace_name_vectors(ws.settings)
    ids = sorted(graph.variables)
    if not ids:
        return {}
    vectors = cache.embed([graph.variables[v].label for v in ids])
    cache.save()
    return dict(zip(ids, np.asarray(vectors), strict=True))


def read_table(path: Path) -> pd.DataFrame:
    """A CSV (or TSV) data table, with a clear error for what cannot be read."""
    if not path.exists():
        raise UsageError(f"no such data file: {path}")
    try:
        return pd.read_csv(path, sep=None, engine="python")
    except (pd.errors.ParserError, pd.errors.EmptyDataError, UnicodeDecodeError) as exc:
        raise UsageError(f"cannot read {path} as a CSV table: {exc}") from exc


def read_column_map(path: Path) -> dict[str, str]:
    """A JSON object mapping data columns to variables (ids, labels or aliases)."""
    if not path.exists():
        raise UsageError(f"no such column mapping: {path}")
    try:
        mapping = json.loads(path.read_text(encoding="utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise UsageError(f"cannot read {path} as JSON: {exc}") from exc
    if not isinstance(mapping, dict) or not all(isinstance(v, str) for v in mapping.values()):
        raise UsageError(f"{path} must be a JSON object of column name -> variable name")
    return {str(k): v for k, v in mapping.items()}


def plan_workspace(
    ws: Workspace,
    target: str | None = None,
    data: pd.DataFrame | Path | None = None,
    candidate: int | None = None,
    graph: KnowledgeGraph | None = None,
    chat_model: Any | None = None,
    columns: dict[str, str] | Path | None = None,
    progress: bool = False,
    on_step: Callable[[int, int, str], None] | None = None,
) -> Plan:
    """Plan for the workspace's graph; ``chat_model`` adds grounded suggestions when given.

    ``columns`` maps data columns to variables (a dict, or a JSON file); ``progress`` shows each
    step on stderr (reading the graph and the corpus take seconds on a large collection), and
    ``on_step(done, total, what)`` is told as each of the three steps starts (the app's progress bar).
    """
    from causemap.graphbuilder.graph_service import build_workspace_graph
    from causemap.ingest.retrieval import retrieve

    table = read_table(data) if isinstance(data, Path) else data  # bad input fails before any work
    mapping = read_column_map(columns) if isinstance(columns, Path) else columns
    steps = tqdm(total=PLAN_STEPS, desc="plan", unit="step", file=sys.stderr, disable=not progress)

    started: list[str] = []

    def step(what: str) -> None:
        steps.set_postfix_str(what)
        if on_step is not None:
            on_step(len(started), PLAN_STEPS, what)
        started.append(what)

    step("graph")
    kg = graph if graph is not None else build_workspace_graph(ws.store, ws.settings)
    steps.update()

    def cited_passages(question: str) -> list[Provenance]:
        return [p.provenance for p in retrieve(ws, question, k=5)]

    step("co-mentions in the corpus")
    pairs = corpus_cooccurrences(ws, kg)
    steps.update()
    step("identification, proposals" + (", data check" if table is not None else ""))
    try:
        return make_plan(
            kg,
            target=target,
            data=table,
            candidate=candidate,
            settings=ws.settings.planner,
            cooccurrence=pairs,
            llm=chat_model,
            retrieve=cited_passages if chat_model is not None else None,
            columns=mapping,
            name_vectors=label_vectors(ws, kg),
        )
    except TargetError as exc:
        raise UsageError(str(exc)) from exc
    finally:
        steps.update()
        steps.close()
