"""`causemap papers`: which papers are versions of one study, and the user's say on it."""

from __future__ import annotations

from typing import Annotated

import typer

from causemap.cli import app
from causemap.cli.common import JsonOption, WorkspaceOption, emit_json, open_workspace, say, usage_errors

papers_app = typer.Typer(
    help="Papers that are versions of one study (preprint and published, a duplicate): list, link, unlink.",
    no_args_is_help=True,
)
app.add_typer(papers_app, name="papers", rich_help_panel="Curate")

PaperArgument = Annotated[str, typer.Argument(help="A paper id, or its first characters.")]


def _label(paper) -> str:
    return f"{paper.id[:12]}  {paper.title or '(no title)'}  [{paper.kind}, {paper.source}]"


@papers_app.command("versions")
def papers_versions(workspace: WorkspaceOption = None, json_output: JsonOption = False) -> None:
    """Studies with more than one paper: the primary paper, its other versions, and why."""
    from causemap.graphbuilder.graph_service import paper_versions

    with open_workspace(workspace) as ws:
        groups = paper_versions(ws.store)
        papers = {p.id: p for p in ws.store.papers()}
    if json_output:
        emit_json(groups.to_dict())
        return
    versions = groups.versions()
    if not versions:
        say("No paper is a version of another: every paper counts as its own study.")
    reasons = {frozenset((link.a, link.b)): link for link in groups.links}
    for primary, others in versions.items():
        say(f"study {_label(papers[primary])}")
        for other in others:
            link = reasons.get(frozenset((primary, other)))
            why = f"{link.reason} ({link.score:.2f})" if link else "linked through another version"
            say(f"    version {_label(papers[other])}: {why}")
    for link in groups.kept_apart:
        say(f"kept apart by you: {link.a[:12]} and {link.b[:12]} (detected {link.reason})")


@papers_app.command("unlink")
def papers_unlink(paper_a: PaperArgument, paper_b: PaperArgument, workspace: WorkspaceOption = None) -> None:
    """Two papers are different studies, however alike they look (kept for every later graph)."""
    from causemap.graphbuilder.graph_service import VersionDecisionError, set_versions

    with open_workspace(workspace) as ws, usage_errors(VersionDecisionError):
        a, b = set_versions(ws.store, "separate", paper_a, paper_b)
    say(f"{a[:12]} and {b[:12]} now count as two studies")


@papers_app.command("link")
def papers_link(paper_a: PaperArgument, paper_b: PaperArgument, workspace: WorkspaceOption = None) -> None:
    """Two papers are versions of one study: their evidence counts once."""
    from causemap.graphbuilder.graph_service import VersionDecisionError, set_versions

    with open_workspace(workspace) as ws, usage_errors(VersionDecisionError):
        a, b = set_versions(ws.store, "same", paper_a, paper_b)
    say(f"{a[:12]} and {b[:12]} now count as one study")
