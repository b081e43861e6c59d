"""Stage 1, ingest: read papers into the workspace; and `ask`, which retrieves from them."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from causemap.cli import app
from causemap.cli.common import (
    EXIT_PARTIAL,
    JsonOption,
    WorkspaceOption,
    emit_json,
    open_workspace,
    say,
    warn,
)
from causemap.cli.extract_commands import TrustOption
from causemap.errors import UsageError


@app.command(rich_help_panel="Pipeline")
def ingest(
    paths: Annotated[list[Path], typer.Argument(help="PDF, .txt, .md or .jsonl files, or folders.")],
    workspace: WorkspaceOption = None,
    json_output: JsonOption = False,
) -> None:
    """Stage 1: read PDFs and abstracts into clean page text, sections, chunks and vectors.

    Starts the workspace if it does not exist yet.
    """
    missing = [str(p) for p in paths if not p.exists()]
    if missing and len(missing) == len(paths):
        raise UsageError(f"nothing to ingest: {', '.join(missing)} not found")
    with open_workspace(workspace, create=True) as ws:
        report = ws.ingest(paths, progress=True)
    if json_output:
        emit_json(report.to_dict())
    else:
        for row in report.ingested:
            say(f"ingested  {row['path']}  ({row['pages']} pages, {row['chunks']} chunks)")
            for page in row.get("warnings", []):
                warn(f"  page {page['page']}: {page['reason']}")
        for row in report.skipped:
            say(f"skipped   {row['path']}  ({row['reason']})")
        for row in report.failed:
            warn(f"failed    {row['path']}  {row['error']}")
        for row in report.passed_over:
            say(f"passed over  {row['path']}  ({row['reason']})")
        say(
            f"{len(report.ingested)} ingested, {len(report.skipped)} skipped, {len(report.failed)} failed"
            + (f", {len(report.passed_over)} passed over in folders" if report.passed_over else "")
        )
    if report.partial:
        raise typer.Exit(EXIT_PARTIAL)


@app.command(rich_help_panel="Explore")
def ask(
    question: Annotated[str, typer.Argument(help="A question about the corpus.")],
    workspace: WorkspaceOption = None,
    k: Annotated[int, typer.Option("-k", min=1, help="Passages to return.")] = 5,
    trust_workspace_settings: TrustOption = False,
    json_output: JsonOption = False,
) -> None:
    """Find the passages that answer a question (and, with an LLM configured, a cited answer)."""
    if not question.strip():
        raise UsageError(
            'the question is empty: ask something, e.g. causemap ask "what lowers blood pressure?"'
        )
    with open_workspace(workspace) as ws:
        passages = ws.ask(question, k)
        answer = (
            ws.answer(question, passages, trust_workspace_settings=trust_workspace_settings)
            if passages
            else None
        )
    if json_output:
        document = {"question": question, "passages": [p.to_dict() for p in passages]}
        if answer is not None:
            document["answer"] = answer.to_dict()
        emit_json(document)
        return
    if not passages:
        say("No passages: ingest some papers first (causemap ingest PATH).")
    if answer is not None:
        removed = (
            f"; {answer.removed} citation(s) of sources it was not given removed" if answer.removed else ""
        )
        say(f"{answer.text}\n\n(answer by {answer.model}; [n] cites passage n below{removed})\n")
    for i, p in enumerate(passages, 1):
        section = f"{p.section}; " if p.section else ""
        say(f"[{i}] {p.provenance.cite()} ({section}score {p.score:.2f})")
        say(f"    {p.text}\n")
