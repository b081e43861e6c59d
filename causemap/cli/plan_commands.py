"""Stage 4, plan: gaps, identification, refutation tests and experiments, ranked; and a data check."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from causemap.cli import app
from causemap.cli.common import WorkspaceOption, open_workspace, say
from causemap.errors import UsageError


@app.command(rich_help_panel="Pipeline")
def plan(
    workspace: WorkspaceOption = None,
    target: Annotated[
        str | None, typer.Option("--target", help='The effect to settle, "EXPOSURE -> OUTCOME".')
    ] = None,
    data: Annotated[
        Path | None, typer.Option("--data", help="CSV whose columns are variables: run DoWhy's checks.")
    ] = None,
    candidate: Annotated[
        int | None, typer.Option("--candidate", min=1, help="Candidate DAG for the data check (default 1).")
    ] = None,
    out: Annotated[
        Path | None, typer.Option("--out", help="Write FILE.md (protocol) or FILE.json; default: stdout.")
    ] = None,
    json_output: Annotated[bool, typer.Option("--json", help="Print the plan as JSON on stdout.")] = False,
) -> None:
    """Stage 4: gaps, refutation tests and experiments ranked by what they would settle."""
    from causemap.llm import make_chat_model
    from causemap.planner.workspace_plan import plan_workspace

    if out is not None and out.suffix.lower() not in (".md", ".json"):
        raise UsageError("--out must end in .md or .json")
    with open_workspace(workspace) as ws:
        chat_model = make_chat_model(ws.settings.extract) if ws.settings.extract.llm else None
        result = plan_workspace(ws, target, data, candidate, chat_model=chat_model)
    as_json = json_output or (out is not None and out.suffix.lower() == ".json")
    text = json.dumps(result.to_dict(), indent=2, ensure_ascii=False, default=str) if as_json else None
    text = text if text is not None else result.to_markdown()
    if out is None:
        typer.echo(text)
    else:
        out.write_text(text + "\n", encoding="utf-8")
        say(f"wrote the plan to {out}")
