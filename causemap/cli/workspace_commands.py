"""Looking at a workspace: status, the app, and the demo on the bundled samples."""

from __future__ import annotations

import shlex
import subprocess
from pathlib import Path
from typing import Annotated

import typer

from causemap.cli import app
from causemap.cli.common import JsonOption, WorkspaceOption, emit_json, open_workspace, say
from causemap.errors import CausemapError

DEMO_WORKSPACE = Path("causemap-demo")  # the same as causemap.api.DEMO_WORKSPACE (a test keeps them equal)


@app.command(rich_help_panel="Explore")
def status(workspace: WorkspaceOption = None, json_output: JsonOption = False) -> None:
    """What the workspace holds: papers by state, pages, chunks, claims, graph."""
    with open_workspace(workspace) as ws:
        current = ws.status()
    if json_output:
        emit_json(current.to_dict())
        return
    for line in current.describe():
        say(line)


@app.command(rich_help_panel="Explore")
def ui(
    workspace: WorkspaceOption = None,
    port: Annotated[int | None, typer.Option(help="Port (default from settings, 8501).")] = None,
) -> None:
    """Open the Streamlit app on this workspace (on 127.0.0.1)."""
    with open_workspace(workspace) as ws:
        root, host, default_port = ws.root, ws.settings.ui.host, ws.settings.ui.port
    launch_ui(root, port or default_port, host)


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
    from causemap.api import demo as run_demo

    report = run_demo(workspace, progress=True)
    reopen = f"causemap ui -w {shlex.quote(str(workspace))}"
    if json_output:
        emit_json({**report.to_dict(), "open_again": reopen})
    else:
        for stage, line in report.stages().items():
            say(f"{stage:<8} {line}")
        say(f"workspace: {workspace}")
        say(f"open it again with: {reopen}   (or in Python: causemap.open({str(workspace)!r}))")
    if not no_ui:
        with open_workspace(workspace) as ws:
            root, host, port = ws.root, ws.settings.ui.host, ws.settings.ui.port
        launch_ui(root, port, host)
