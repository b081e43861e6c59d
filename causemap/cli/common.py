"""What every command shares: the workspace and --json options, output, and exit statuses.

Only typer is imported here: a command checks its arguments and its workspace before it loads the API
(``open_workspace``), and the API loads a stage only when one of its verbs runs.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from causemap.errors import UsageError

if TYPE_CHECKING:
    from causemap.api import Workspace

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


def open_workspace(path: Path | None, *, create: bool = False, **settings: Any) -> Workspace:
    """The workspace at ``path``. Unless ``create``, a folder that is not a workspace is refused (exit 2),
    naming it, before anything is loaded or created."""
    from causemap.paths import require_workspace

    if not create:
        require_workspace(path)
    from causemap import api

    return api.open(path, create=create, **settings)


def check_writable(path: Path, what: str = "--out") -> None:
    """Refuse an output file whose folder does not exist, before any work is done."""
    parent = path.expanduser().parent
    if not parent.is_dir():
        raise UsageError(f"{what} {path}: the folder {parent} does not exist")
    if path.is_dir():
        raise UsageError(f"{what} {path} is a folder; give a file name")


def check_file(path: Path | None, what: str) -> None:
    """Refuse an input file that is not there (None: the option was not given)."""
    if path is not None and not path.is_file():
        raise UsageError(f"{what} {path}: no such file")


def check_choice(what: str, value: str | None, choices: Sequence[str]) -> None:
    """Refuse a value that is not one of ``choices`` (None: not given), naming every choice."""
    if value is not None and value not in choices:
        raise UsageError(f"unknown {what} {value!r}; choose one of {', '.join(choices)}")


def check_together(first: str, first_value: object, second: str, second_value: object) -> None:
    """Refuse one of two options that only work together given without the other."""
    if (first_value is None) != (second_value is None):
        raise UsageError(f"{first} and {second} go together")


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
