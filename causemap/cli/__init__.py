"""The `causemap` command: one command per pipeline stage, in the order a collection goes through them.

ingest -> extract -> graph -> plan        (claims and variables curate; ask, status, ui and demo look)

Every command is a thin layer over the Python API (``causemap.api``): it checks its arguments and the
workspace, calls one verb, and prints the result. Nothing heavy is imported until a command runs, so
``--help`` and usage errors answer at once.

A stage's commands live in one module of this package, which adds them to ``app`` when imported; a new
module is registered by adding it to ``COMMAND_MODULES`` (and its commands to ``COMMAND_ORDER`` to
place them in ``--help``).
"""

from __future__ import annotations

import importlib
import os
import sys

import typer
from typer.core import TyperGroup

from causemap.errors import CausemapError

EXIT_INTERRUPTED = 130

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
    "migrate",
    "ui",
    "demo",
]

COMMAND_MODULES = [
    "causemap.cli.ingest_commands",
    "causemap.cli.extract_commands",
    "causemap.cli.graph_commands",
    "causemap.cli.plan_commands",
    "causemap.cli.team_commands",
    "causemap.cli.curation_commands",
    "causemap.cli.paper_commands",
    "causemap.cli.workspace_commands",
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
        except KeyboardInterrupt:
            typer.echo("causemap: interrupted; what was stored is kept, and a rerun resumes", err=True)
            raise typer.Exit(EXIT_INTERRUPTED) from None


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

for _module in COMMAND_MODULES:
    importlib.import_module(_module)


def main() -> None:
    """Console entry point."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
    sys.exit(app())
