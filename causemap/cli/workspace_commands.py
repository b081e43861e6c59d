"""Looking at a workspace: status, the app, and the demo on the bundled samples."""

from __future__ import annotations

import os
import subprocess
import sys
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
    from causemap import ui as ui_package

    script = Path(ui_package.__file__).with_name("app.py")
    if not script.exists():
        raise CausemapError("the app is not installed in this build (causemap/ui/app.py is missing)")
    env = {**os.environ, "CAUSEMAP_WORKSPACE": str(workspace.resolve())}
    command = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(script),
        "--server.address",
        host,
        "--server.port",
        str(port),
        "--server.headless",
        "true",
        "--browser.gatherUsageStats",
        "false",
        "--client.toolbarMode",
        "minimal",
    ]
    say(f"causemap app on http://{host}:{port}  (workspace {workspace}); Ctrl+C stops it")
    raise typer.Exit(subprocess.call(command, env=env))


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
