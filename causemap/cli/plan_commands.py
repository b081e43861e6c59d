"""Stage 4, plan: gaps, identification, refutation tests and experiments, ranked; and a data check."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from causemap.cli import app
from causemap.cli.common import (
    EXIT_PARTIAL,
    WorkspaceOption,
    check_file,
    check_writable,
    open_workspace,
    warn,
)
from causemap.errors import UsageError

# How a target is written (the planner's parser accepts these arrows; checked here before anything loads).
TARGET_ARROWS = ("->", "→", "=>", "⟶")


@app.command(rich_help_panel="Pipeline")
def plan(
    workspace: WorkspaceOption = None,
    target: Annotated[
        str | None, typer.Option("--target", help='The effect to settle, "EXPOSURE -> OUTCOME".')
    ] = None,
    data: Annotated[
        Path | None, typer.Option("--data", help="CSV whose columns are variables: run DoWhy's checks.")
    ] = None,
    columns: Annotated[
        Path | None,
        typer.Option("--columns", help='JSON {"column": "variable"} for columns not named like variables.'),
    ] = None,
    candidate: Annotated[
        int | None, typer.Option("--candidate", min=1, help="Candidate DAG for the data check (default 1).")
    ] = None,
    suggest_targets: Annotated[
        bool, typer.Option("--suggest-targets", help="List effects worth studying, with why, and stop.")
    ] = False,
    number: Annotated[int, typer.Option("-n", min=1, help="How many targets --suggest-targets lists.")] = 10,
    out: Annotated[
        Path | None, typer.Option("--out", help="Write FILE.md (protocol) or FILE.json; default: stdout.")
    ] = None,
    json_output: Annotated[bool, typer.Option("--json", help="Print the plan as JSON on stdout.")] = False,
) -> None:
    """Stage 4: gaps, refutation tests and experiments ranked by what they would settle."""
    if out is not None:
        if out.suffix.lower() not in (".md", ".json"):
            raise UsageError("--out must end in .md or .json")
        check_writable(out)
    if columns is not None and data is None:
        raise UsageError("--columns maps the columns of --data: give the data table too")
    check_file(data, "--data")
    check_file(columns, "--columns")
    if target is not None and not any(arrow in target for arrow in TARGET_ARROWS):
        raise UsageError(f"a target reads 'EXPOSURE -> OUTCOME', got {target!r}")
    as_json = json_output or (out is not None and out.suffix.lower() == ".json")
    if suggest_targets:
        if target is not None or data is not None:
            raise UsageError("--suggest-targets lists targets; it takes no --target or --data")
        _suggest(workspace, number, as_json, out)
        return
    with open_workspace(workspace) as ws:
        result = ws.plan(target, data, candidate=candidate, columns=columns, progress=True)
    text = json.dumps(result.to_dict(), indent=2, ensure_ascii=False, default=str) if as_json else None
    _write(text if text is not None else result.to_markdown(), out, "the plan")
    failures = result.data_check.failures if result.data_check else []
    for failure in failures:
        warn(f"data check: {failure}")
    if failures:
        raise typer.Exit(EXIT_PARTIAL)


def _suggest(workspace: Path | None, number: int, as_json: bool, out: Path | None) -> None:
    with open_workspace(workspace) as ws:
        found = ws.suggest_targets(number)
    if as_json:
        text = json.dumps({"targets": [s.to_dict() for s in found]}, indent=2, ensure_ascii=False)
    else:
        lines = ["# Targets worth studying", ""]
        if not found:
            lines.append("None: the graph has no edge between two concepts that a study could identify.")
        for rank, s in enumerate(found, 1):
            lines.append(f'{rank}. `causemap plan --target "{s.text}"` (score {s.score:.2f})')
            lines += [f"   - {w}" for w in s.why]
        text = "\n".join(lines)
    _write(text, out, "the suggested targets")


def _write(text: str, out: Path | None, what: str) -> None:
    if out is None:
        typer.echo(text)
    else:
        out.write_text(text + "\n", encoding="utf-8")
        warn(f"wrote {what} to {out}")
