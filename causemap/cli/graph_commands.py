"""Stage 3, graph: variables, edges with belief, contradictions, candidate DAGs, and exports."""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from causemap.cli import app
from causemap.cli.common import (
    JsonOption,
    WorkspaceOption,
    check_choice,
    check_together,
    check_writable,
    emit_json,
    open_workspace,
    say,
    usage_errors,
)
from causemap.errors import CausemapError, UsageError

if TYPE_CHECKING:
    from causemap.graphbuilder.knowledge_graph import CandidateDAG, KnowledgeGraph

MinBeliefOption = Annotated[
    float | None, typer.Option("--min-belief", min=0.0, max=1.0, help="Leave out edges below this belief.")
]
SHOWN_EDGES = 25


@app.command(rich_help_panel="Pipeline")
def graph(
    workspace: WorkspaceOption = None,
    min_belief: MinBeliefOption = None,
    export: Annotated[
        str | None, typer.Option("--export", help="json, graphml, dot, dagitty or gml (needs --out).")
    ] = None,
    out: Annotated[Path | None, typer.Option("--out", help="File to write the export to.")] = None,
    candidate: Annotated[
        int | None, typer.Option("--candidate", min=1, help="Export candidate DAG N (1 = most credible).")
    ] = None,
    json_output: JsonOption = False,
) -> None:
    """Stage 3: variables, belief-weighted edges, contradictions and candidate DAGs."""
    from causemap.formats import EXPORT_FORMATS

    check_together("--export", export, "--out", out)
    check_choice("export format", export, EXPORT_FORMATS)
    if out is not None:
        check_writable(out)
    if candidate is not None and export is None:
        raise UsageError("--candidate chooses the DAG to export: give --export and --out too")
    with open_workspace(workspace) as ws:
        kg = ws.graph(min_belief, progress=True)
    if export is not None:
        if not kg.edges:
            raise CausemapError(
                f"the graph of {ws.root} has no edges{' at this --min-belief' if min_belief else ''}, so "
                f"{out} was not written (extract claims first: causemap extract)"
            )
        from causemap.graphbuilder.exporters import ExportError

        with usage_errors(ExportError):
            kg.export(export, out, candidate)
    if json_output:
        emit_json(kg.to_dict())
        return
    for line in describe_graph(kg):
        say(line)
    if export is not None:
        say(f"wrote {export} to {out}")


def describe_graph(kg: KnowledgeGraph, shown: int = SHOWN_EDGES) -> list[str]:
    """The graph as a researcher reads it: labels, belief, papers, what each candidate DAG dropped."""
    from causemap.labels import edge_polarity, polarity_breakdown

    def name(variable_id: str) -> str:
        variable = kg.variables.get(variable_id)
        return variable.label if variable is not None else variable_id

    lines = [
        f"{len(kg.variables)} variables, {len(kg.edges)} edges, {len(kg.contradictions)} contradictions, "
        f"{len(kg.candidates)} candidate DAGs"
    ]
    ranked = sorted(kg.edges.values(), key=lambda e: -e.belief)
    if ranked:
        lines.append(f"strongest {min(shown, len(ranked))} of {len(ranked)} edges:")
    for edge in ranked[:shown]:
        flag = "  CONTESTED" if edge.contradiction else ""
        sign = edge_polarity(edge.polarity, edge.polarity_counts)
        lines.append(
            f"  {name(edge.source)} -> {name(edge.target)}: {sign}, belief "
            f"{edge.belief:.2f}, {edge.n_papers} paper(s), {edge.n_claims} claim(s) "
            f"({polarity_breakdown(edge.polarity_counts)}){flag}"
        )
    for c in kg.candidates:
        lines.append(f"candidate DAG {c.rank}: {candidate_summary(c)}")
        for d in c.dropped:
            lines.append(f"    dropped {name(d.edge[0])} -> {name(d.edge[1])}: {_named(d.reason, name)}")
    return lines


def candidate_summary(candidate: CandidateDAG) -> str:
    """What a candidate keeps and leaves out, in words. Its score is a log-probability, 0 when no edge
    had to be dropped, which a reader would otherwise take for "no credibility".

    >>> from causemap.graphbuilder.knowledge_graph import CandidateDAG
    >>> candidate_summary(CandidateDAG(1, 0.0, [("a", "b")], []))
    '1 edge(s) kept, 0 left out; no cycle had to be broken'
    >>> candidate_summary(CandidateDAG(2, -1.2, [("a", "b")], []))
    '1 edge(s) kept, 0 left out; the edges dropped to break cycles are all wrong with probability 0.30'
    """
    if candidate.score == 0:
        tail = "no cycle had to be broken"
    else:
        all_wrong = math.exp(candidate.score)
        tail = f"the edges dropped to break cycles are all wrong with probability {all_wrong:.2f}"
    return f"{len(candidate.edges)} edge(s) kept, {len(candidate.dropped)} left out; {tail}"


def _named(text: str, name: Callable[[str], str]) -> str:
    """``text`` with the variable ids it mentions (``physical_activity``) replaced by their labels."""
    return re.sub(r"[\w-]+", lambda m: name(m.group(0)), text)
