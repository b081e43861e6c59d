"""What every command shares: the workspace and --json options, output, and exit statuses."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any

import typer

from causemap.errors import UsageError
from causemap.workspace import Workspace

EXIT_OK = 0
EXIT_USAGE = 2
EXIT_PARTIAL = 3  # some inputs failed; the rest were kept

WorkspaceOption = Annotated[
    Path | None,
    typer.Option(
        "--workspace",
        "-w",
        envvar="CAUSEMAP_WORKSPACE",
        show_envvar=True,
        help="Workspace folder (default ./causemap-workspace).",
    ),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print one JSON document on stdout, nothing else.")]


def open_workspace(path: Path | None, **overrides: Any) -> Workspace:
    return Workspace.open(path, **overrides)


def emit_json(document: Any) -> None:
    """The only thing a --json command writes to stdout."""
    sys.stdout.write(json.dumps(document, indent=2, ensure_ascii=False, default=str) + "\n")
    sys.stdout.flush()


def say(message: str) -> None:
    """Human-readable output (stdout, for commands run without --json)."""
    typer.echo(message)


def warn(message: str) -> None:
    typer.echo(message, err=True)


@contextmanager
def usage_errors(*types: type[Exception]) -> Iterator[None]:
    """Report a stage's own "you asked for something that isn't there" errors as usage errors (exit 2)."""
    try:
        yield
    except types as exc:
        raise UsageError(str(exc)) from exc
