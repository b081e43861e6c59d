"""A lab's workspace: `causemap migrate` copies a laptop's workspace into PostgreSQL and a Chroma server.

The copy is verified (every table's row count, every vector id) before the workspace's ``settings.toml``
is switched to the servers; until then the workspace goes on using what it had, and the SQLite file and
the persistent Chroma folder stay where they were (a backup, no longer read once switched).
"""

from __future__ import annotations

from typing import Annotated

import typer

from causemap.cli import app
from causemap.cli.common import JsonOption, WorkspaceOption, emit_json, open_workspace, say


@app.command(rich_help_panel="Team")
def migrate(
    to: Annotated[
        str, typer.Option("--to", help="The database to copy into: postgresql://USER@HOST:PORT/DB (empty).")
    ],
    vector_url: Annotated[
        str | None,
        typer.Option("--vector-url", help="A Chroma server (http://HOST:PORT) to copy the vectors to."),
    ] = None,
    collection: Annotated[
        str | None, typer.Option(help="The collection on that server (default: the workspace's own name).")
    ] = None,
    workspace: WorkspaceOption = None,
    json_output: JsonOption = False,
) -> None:
    """Copy this workspace's store (and vectors) into PostgreSQL (and a Chroma server), verify, switch."""
    from causemap.store.workspace_migration import migrate_workspace  # SQLAlchemy: not for --help

    with open_workspace(workspace) as ws:
        report = migrate_workspace(ws, to, vector_url=vector_url, collection=collection)
    if json_output:
        emit_json(report)
        return
    say(f"copied {report['from']['store']} into {report['to']['store']}:")
    for table, n in report["tables"].items():
        say(f"  {table:<20} {n}")
    if report["vectors"] is not None:
        say(f"copied {report['vectors']} vectors to {report['to']['vectors']}")
    say(f"counts verified; {report['settings']} now points at the servers")
    if report["password_left_out"]:
        say("the password was not written to settings.toml: set PGPASSWORD or ~/.pgpass")
