"""Looking at a workspace: status, the app, and the demo on the bundled samples."""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Annotated

import typer

from causemap.cli import app
from causemap.cli.common import JsonOption, WorkspaceOption, emit_json, open_workspace, say
from causemap.errors import CausemapError

DEMO_WORKSPACE = Path("causemap-demo")


@app.command(rich_help_panel="Explore")
def status(workspace: WorkspaceOption = None, json_output: JsonOption = False) -> None:
    """What the workspace holds: papers by state, pages, chunks, claims, graph."""
    from causemap.cli.workflows import workspace_status

    with open_workspace(workspace) as ws:
        document = workspace_status(ws)
    if json_output:
        emit_json(document)
        return
    say(f"workspace  {document['workspace']}")
    for key, value in document["counts"].items():
        say(f"{key:<18} {value}")


@app.command(rich_help_panel="Explore")
def ui(
    workspace: WorkspaceOption = None,
    port: Annotated[int | None, typer.Option(help="Port (default from settings, 8501).")] = None,
) -> None:
    """Open the Streamlit app on this workspace (on 127.0.0.1)."""
    with open_workspace(workspace) as ws:
        launch_ui(ws.root, port or ws.settings.ui.port, ws.settings.ui.host)


def launch_ui(workspace: Path, port: int, host: str = "127.0.0.1") -> None:
    from causemap.ui.launch import APP_SCRIPT, app_command, app_environment

    if not APP_SCRIPT.exists():
        raise CausemapError("the app is not installed in this build (causemap/ui/app.py is missing)")
    say(f"causemap app on http://{host}:{port}  (workspace {workspace}); Ctrl+C stops it")
    raise typer.Exit(subprocess.call(app_command(port, host), env=app_environment(workspace)))


@app.command(rich_help_panel="Explore")
def demo(
    workspace: Annotated[
        Path, typer.Option("--workspace", "-w", help="Workspace for the demo.")
    ] = DEMO_WORKSPACE,
    no_ui: Annotated[bool, typer.Option("--no-ui", help="Run the pipeline only, without the app.")] = False,
    json_output: JsonOption = False,
) -> None:
    """Run the whole pipeline on the bundled sample papers, then open the app."""
    from causemap.cli.workflows import run_demo

    with open_workspace(workspace) as ws:
        summary = run_demo(ws)
        if json_output:
            emit_json(summary)
        else:
            for stage, line in summary["stages"].items():
                say(f"{stage:<8} {line}")
            say(f"workspace: {ws.root}")
        if not no_ui:
            launch_ui(ws.root, ws.settings.ui.port, ws.settings.ui.host)
