"""Curation: accept, reject and correct claims; merge, rename and split variables."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from causemap.cli import app
from causemap.cli.common import JsonOption, WorkspaceOption, check_choice, emit_json, open_workspace, say
from causemap.errors import UsageError

claims_app = typer.Typer(
    help="Curate claims: list, accept, reject, edit, undo, history.", no_args_is_help=True
)
variables_app = typer.Typer(
    help="Curate variables: list, merge, rename, split, undo, history.", no_args_is_help=True
)
app.add_typer(claims_app, name="claims", rich_help_panel="Curate")
app.add_typer(variables_app, name="variables", rich_help_panel="Curate")

STATES = ("pending", "accepted", "rejected", "edited")


@claims_app.command("list")
def claims_list(
    workspace: WorkspaceOption = None,
    state: Annotated[str | None, typer.Option(help="pending, accepted, rejected or edited.")] = None,
    paper: Annotated[str | None, typer.Option(help="Paper id (or its first characters).")] = None,
    json_output: JsonOption = False,
) -> None:
    """Claims with their sentence, page and paper."""
    check_choice("state", state, STATES)
    with open_workspace(workspace) as ws:
        claims = ws.claims(state=state, paper=paper)
        titles = {p.id: p.title for p in ws.store.papers()}
    if json_output:
        emit_json([{**c.model_dump(mode="json"), "title": titles.get(c.paper_id)} for c in claims])
        return
    from causemap.labels import polarity_label

    for c in claims:
        flags = [c.relation, polarity_label(c.polarity)]
        flags += [name for name, on in (("hedged", c.hedged), ("negated", c.negated)) if on]
        say(f"{c.id}  [{c.state}] {c.cause} -> {c.effect} ({', '.join(flags)})")
        say(f"    {c.provenance(titles.get(c.paper_id)).cite()}: {c.sentence}")


def _set_state(workspace: Path | None, claim_ids: list[str], state: str) -> None:
    with open_workspace(workspace) as ws:
        n = ws.set_claim_state(claim_ids, state)
    say(f"{n} claim(s) {state}")


@claims_app.command("accept")
def claims_accept(claim_ids: list[str], workspace: WorkspaceOption = None) -> None:
    """Mark claims as read correctly: they count as reliable evidence."""
    _set_state(workspace, claim_ids, "accepted")


@claims_app.command("reject")
def claims_reject(claim_ids: list[str], workspace: WorkspaceOption = None) -> None:
    """Mark claims as misread: they no longer count."""
    _set_state(workspace, claim_ids, "rejected")


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
    fields = {
        k: v
        for k, v in dict(
            cause=cause, effect=effect, polarity=polarity, relation=relation, hedged=hedged, negated=negated
        ).items()
        if v is not None
    }
    if not fields:
        raise UsageError("nothing to edit: give --cause, --effect, --polarity, --relation, --hedged ...")
    from causemap.labels import polarity_label

    with open_workspace(workspace) as ws:
        claim = ws.edit_claim(claim_id, **fields)
    sign = polarity_label(claim.polarity)
    say(f"{claim.id} edited: {claim.cause} -> {claim.effect} ({claim.relation}, {sign})")


@variables_app.command("list")
def variables_list(workspace: WorkspaceOption = None, json_output: JsonOption = False) -> None:
    """Variables, their ids (for merge, rename, split) and the names (aliases) the papers use."""
    with open_workspace(workspace) as ws:
        kg = ws.graph(min_belief=0.0)
    if json_output:
        emit_json([v.model_dump(mode="json") for v in kg.variables.values()])
        return
    for v in kg.variables.values():
        say(f"{v.label}  [id {v.id}]")
        say(f"    named: {'; '.join(v.aliases)}")


@variables_app.command("merge")
def variables_merge(
    variable_ids: Annotated[list[str], typer.Argument(help="Two or more variable ids.")],
    workspace: WorkspaceOption = None,
    label: Annotated[str | None, typer.Option(help="Label of the merged variable.")] = None,
) -> None:
    """Make several variables one (kept across re-extraction)."""
    if len(set(variable_ids)) < 2:
        raise UsageError("a merge needs at least two different variable ids")
    with open_workspace(workspace) as ws:
        kg = ws.graph(min_belief=0.0)
        names = _labels(kg, variable_ids)
        ws.merge_variables(variable_ids, label, graph=kg)
    say(f"merged {' and '.join(names)}" + (f" as {label!r}" if label else ""))


@variables_app.command("rename")
def variables_rename(variable_id: str, label: str, workspace: WorkspaceOption = None) -> None:
    """Give a variable a new label (kept across re-extraction)."""
    with open_workspace(workspace) as ws:
        kg = ws.graph(min_belief=0.0)
        (name,) = _labels(kg, [variable_id])
        ws.rename_variable(variable_id, label, graph=kg)
    say(f"renamed {name} to {label!r}")


@variables_app.command("split")
def variables_split(
    variable_id: str,
    aliases: Annotated[list[str], typer.Argument(help="Aliases that become a variable of their own.")],
    workspace: WorkspaceOption = None,
) -> None:
    """Move some of a variable's names out into a variable of their own."""
    with open_workspace(workspace) as ws:
        kg = ws.graph(min_belief=0.0)
        (name,) = _labels(kg, [variable_id])
        ws.split_variable(variable_id, aliases, graph=kg)
    say(f"split {', '.join(repr(a) for a in aliases)} out of {name} into a variable of their own")


def _labels(kg: Any, variable_ids: list[str]) -> list[str]:
    """How the researcher reads each variable (its label, quoted), or a usage error naming unknown ids."""
    unknown = [v for v in variable_ids if v not in kg.variables]
    if unknown:
        raise UsageError(
            f"no variable {', '.join(map(repr, unknown))} in the graph: "
            "`causemap variables list` shows each variable's id"
        )
    return [repr(kg.variables[v].label) for v in variable_ids]


HistoryLimit = Annotated[int, typer.Option("-n", min=1, help="How many actions to list, newest first.")]


def _undo(workspace: Path | None, scope: str, json_output: bool) -> None:
    with open_workspace(workspace) as ws:
        action = ws.undo(scope)
    if json_output:
        emit_json({"undone": action.to_dict() if action else None})
    elif action is None:
        say(f"nothing to undo: no {scope[:-1]} decision in this workspace that is not undone already")
    else:
        say(f"undid: {action.describe()} (decided {action.created_at[:19]} UTC)")


def _history(workspace: Path | None, scope: str, limit: int, json_output: bool) -> None:
    with open_workspace(workspace) as ws:
        actions = ws.history(scope, limit)
    if json_output:
        emit_json([a.to_dict() for a in actions])
        return
    if not actions:
        say(f"no {scope[:-1]} decision recorded yet")
    for a in actions:
        undone = f"  (undone {a.undone_at[:19]})" if a.undone_at else ""
        say(f"{a.created_at[:19]}  {a.describe()}{undone}")


@claims_app.command("undo")
def claims_undo(workspace: WorkspaceOption = None, json_output: JsonOption = False) -> None:
    """Revert the latest accept, reject or edit (from here or the app); again for the one before."""
    _undo(workspace, "claims", json_output)


@claims_app.command("history")
def claims_history(
    workspace: WorkspaceOption = None, n: HistoryLimit = 20, json_output: JsonOption = False
) -> None:
    """Claim decisions, newest first, and which were undone."""
    _history(workspace, "claims", n, json_output)


@variables_app.command("undo")
def variables_undo(workspace: WorkspaceOption = None, json_output: JsonOption = False) -> None:
    """Revert the latest merge, rename or split (from here or the app); again for the one before."""
    _undo(workspace, "variables", json_output)


@variables_app.command("history")
def variables_history(
    workspace: WorkspaceOption = None, n: HistoryLimit = 20, json_output: JsonOption = False
) -> None:
    """Variable decisions, newest first, and which were undone."""
    _history(workspace, "variables", n, json_output)
