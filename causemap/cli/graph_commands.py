"""Stage 3, graph: variables, edges with belief, contradictions, candidate DAGs, exports; and curation."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from causemap.cli import app
from causemap.cli.common import JsonOption, WorkspaceOption, emit_json, open_workspace, say, usage_errors
from causemap.errors import UsageError
from causemap.models import CurationState

claims_app = typer.Typer(help="Curate claims: list, accept, reject, edit.", no_args_is_help=True)
variables_app = typer.Typer(help="Curate variables: list, merge, rename, split.", no_args_is_help=True)
app.add_typer(claims_app, name="claims", rich_help_panel="Curate")
app.add_typer(variables_app, name="variables", rich_help_panel="Curate")

MinBeliefOption = Annotated[
    float | None, typer.Option("--min-belief", min=0.0, max=1.0, help="Leave out edges below this belief.")
]


def _build(ws, min_belief: float | None = None, progress: bool = False):
    from causemap.graphbuilder.graph_service import build_workspace_graph

    return build_workspace_graph(ws.store, ws.settings, min_belief=min_belief, progress=progress)


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
    from causemap.graphbuilder.exporters import ExportError, export_graph

    if (export is None) != (out is None):
        raise UsageError("--export and --out go together")
    from causemap.cli.workflows import record_graph_run

    with open_workspace(workspace) as ws:
        kg = _build(ws, min_belief, progress=True)
        if min_belief is None:
            record_graph_run(ws, kg)
    if export is not None:
        with usage_errors(ExportError):
            text = export_graph(kg, export, candidate)
        out.write_text(text, encoding="utf-8")  # type: ignore[union-attr]
    if json_output:
        emit_json(kg.to_dict())
        return
    say(
        f"{len(kg.variables)} variables, {len(kg.edges)} edges, {len(kg.contradictions)} contradictions, "
        f"{len(kg.candidates)} candidate DAGs"
    )
    for edge in sorted(kg.edges.values(), key=lambda e: -e.belief)[:25]:
        flag = "  CONTESTED" if edge.contradiction else ""
        say(
            f"  {edge.source} -> {edge.target}  [{edge.polarity or '?'}] belief {edge.belief:.2f}, "
            f"{edge.n_papers} paper(s), {edge.n_claims} claim(s){flag}"
        )
    for c in kg.candidates:
        say(f"candidate {c.rank}: score {c.score:.2f}, {len(c.edges)} edges, dropped {len(c.dropped)}")
        for d in c.dropped:
            say(f"    dropped {d.edge[0]} -> {d.edge[1]}: {d.reason}")
    if export is not None:
        say(f"wrote {export} to {out}")


@claims_app.command("list")
def claims_list(
    workspace: WorkspaceOption = None,
    state: Annotated[str | None, typer.Option(help="pending, accepted, rejected or edited.")] = None,
    paper: Annotated[str | None, typer.Option(help="Paper id (or its first characters).")] = None,
    json_output: JsonOption = False,
) -> None:
    """Claims with their sentence, page and paper."""
    with open_workspace(workspace) as ws:
        states = [_state(state)] if state else None
        claims = [c for c in ws.store.claims(states=states) if not paper or c.paper_id.startswith(paper)]
        titles = {p.id: p.title for p in ws.store.papers()}
    if json_output:
        emit_json([{**c.model_dump(mode="json"), "title": titles.get(c.paper_id)} for c in claims])
        return
    for c in claims:
        say(
            f"{c.id}  [{c.state}] {c.cause} -> {c.effect} ({c.relation}, {c.polarity or '?'}"
            f"{', hedged' if c.hedged else ''}{', negated' if c.negated else ''})"
        )
        say(f"    {titles.get(c.paper_id) or c.paper_id[:12]}, p. {c.page}: {c.sentence}")


def _set_state(workspace: Path | None, claim_ids: list[str], state: CurationState) -> None:
    with open_workspace(workspace) as ws:
        missing = [i for i in claim_ids if ws.store.claim(i) is None]
        if missing:
            raise UsageError(f"no such claim(s): {', '.join(missing)}")
        ws.store.set_claim_state(claim_ids, state)
    say(f"{len(claim_ids)} claim(s) {state.value}")


@claims_app.command("accept")
def claims_accept(claim_ids: list[str], workspace: WorkspaceOption = None) -> None:
    """Mark claims as read correctly: they count as reliable evidence."""
    _set_state(workspace, claim_ids, CurationState.ACCEPTED)


@claims_app.command("reject")
def claims_reject(claim_ids: list[str], workspace: WorkspaceOption = None) -> None:
    """Mark claims as misread: they no longer count."""
    _set_state(workspace, claim_ids, CurationState.REJECTED)


@claims_app.command("edit")
def claims_edit(
    claim_id: str,
    workspace: WorkspaceOption = None,
    cause: Annotated[str | None, typer.Option(help="Corrected cause.")] = None,
    effect: Annotated[str | None, typer.Option(help="Corrected effect.")] = None,
    polarity: Annotated[str | None, typer.Option(help="+, - or 0.")] = None,
    relation: Annotated[str | None, typer.Option(help="causal or correlational.")] = None,
    hedged: Annotated[bool | None, typer.Option("--hedged/--not-hedged")] = None,
    negated: Annotated[bool | None, typer.Option("--negated/--not-negated")] = None,
) -> None:
    """Correct a claim; the extractor's reading and the sentence stay on record."""
    from pydantic import ValidationError

    from causemap.store import WorkspaceError

    fields = {
        k: v
        for k, v in dict(
            cause=cause, effect=effect, polarity=polarity, relation=relation, hedged=hedged, negated=negated
        ).items()
        if v is not None
    }
    if not fields:
        raise UsageError("nothing to edit: give --cause, --effect, --polarity, --relation, --hedged ...")
    with open_workspace(workspace) as ws, usage_errors(WorkspaceError, ValidationError, ValueError):
        claim = ws.store.edit_claim(claim_id, fields)
    say(f"{claim.id} edited: {claim.cause} -> {claim.effect} ({claim.relation}, {claim.polarity})")


def _state(value: str) -> CurationState:
    try:
        return CurationState(value)
    except ValueError:
        raise UsageError(f"unknown state {value!r}: pending, accepted, rejected or edited") from None


@variables_app.command("list")
def variables_list(workspace: WorkspaceOption = None, json_output: JsonOption = False) -> None:
    """Variables and the names (aliases) the papers use for them."""
    with open_workspace(workspace) as ws:
        kg = _build(ws)
    if json_output:
        emit_json([v.model_dump(mode="json") for v in kg.variables.values()])
        return
    for v in kg.variables.values():
        say(f"{v.id:<32} {v.label}  (aliases: {', '.join(v.aliases)})")


@variables_app.command("merge")
def variables_merge(
    variable_ids: Annotated[list[str], typer.Argument(help="Two or more variable ids.")],
    workspace: WorkspaceOption = None,
    label: Annotated[str | None, typer.Option(help="Label of the merged variable.")] = None,
) -> None:
    """Make several variables one (kept across re-extraction)."""
    from causemap.graphbuilder.graph_service import VariableDecisionError, merge_variables

    with open_workspace(workspace) as ws, usage_errors(VariableDecisionError):
        merge_variables(ws.store, _build(ws), variable_ids, label)
    say(f"merged {', '.join(variable_ids)}")


@variables_app.command("rename")
def variables_rename(variable_id: str, label: str, workspace: WorkspaceOption = None) -> None:
    """Give a variable a new label (kept across re-extraction)."""
    from causemap.graphbuilder.graph_service import VariableDecisionError, rename_variable

    with open_workspace(workspace) as ws, usage_errors(VariableDecisionError):
        rename_variable(ws.store, _build(ws), variable_id, label)
    say(f"renamed {variable_id} to {label!r}")


@variables_app.command("split")
def variables_split(
    variable_id: str,
    aliases: Annotated[list[str], typer.Argument(help="Aliases that become a variable of their own.")],
    workspace: WorkspaceOption = None,
) -> None:
    """Move some of a variable's names out into a variable of their own."""
    from causemap.graphbuilder.graph_service import VariableDecisionError, split_variable

    with open_workspace(workspace) as ws, usage_errors(VariableDecisionError):
        split_variable(ws.store, _build(ws), variable_id, aliases)
    say(f"split {', '.join(aliases)} out of {variable_id}")
