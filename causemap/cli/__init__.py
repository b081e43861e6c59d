"""The `causemap` command: one command per pipeline stage, in the order a collection goes through them.

ingest -> extract -> graph -> plan        (ask, status, ui and demo look at the result)
"""

from __future__ import annotations

import os
import sys

import typer
from typer.core import TyperGroup

from causemap.errors import CausemapError

COMMAND_ORDER = [
    "ingest",
    "extract",
    "graph",
    "plan",
    "claims",
    "variables",
    "papers",
    "ask",
    "eval",
    "status",
    "ui",
    "demo",
]


class _Group(TyperGroup):
    """Turns causemap's domain errors into a message on stderr and their exit status, in one place."""

    def list_commands(self, ctx: typer.Context) -> list[str]:
        # pipeline order, not alphabetical: the help reads as the path a collection takes
        rank = {name: i for i, name in enumerate(COMMAND_ORDER)}
        return sorted(self.commands, key=lambda name: rank.get(name, len(rank)))

    def invoke(self, ctx: typer.Context) -> object:
        try:
            return super().invoke(ctx)
        except CausemapError as exc:
            typer.echo(f"causemap: {exc}", err=True)
            raise typer.Exit(exc.exit_code) from exc


app = typer.Typer(
    cls=_Group,
    name="causemap",
    help=(
        "Turn a collection of papers into a literature-backed causal graph and a research plan.\n\n"
        "Pipeline: ingest PDFs -> extract cause-effect claims -> graph (variables, belief, "
        "candidate DAGs) -> plan (gaps, refutation tests, experiments). Every edge keeps the "
        "sentences, pages and papers behind it."
    ),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)

# Registering a stage's commands is importing its module (each module adds its commands to `app`).
from causemap.cli import (  # noqa: E402,F401
    extract_commands,
    graph_commands,
    ingest_commands,
    paper_commands,
    plan_commands,
    workspace_commands,
)


def main() -> None:
    """Console entry point."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
    sys.exit(app())
