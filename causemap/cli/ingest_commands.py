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


@app.command(rich_help_panel="Pipeline")
def ingest(
    paths: Annotated[list[Path], typer.Argument(help="PDF, .txt, .md or .jsonl files, or folders.")],
    workspace: WorkspaceOption = None,
    json_output: JsonOption = False,
) -> None:
    """Stage 1: read PDFs and abstracts into clean page text, sections, chunks and vectors."""
    from causemap.ingest.pipeline import ingest_paths

    with open_workspace(workspace) as ws:
        report = ingest_paths(ws, paths)
    if json_output:
        emit_json(report.to_dict())
    else:
        for row in report.ingested:
            say(f"ingested  {row['path']}  ({row['pages']} pages, {row['chunks']} chunks)")
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
    from causemap.ingest.answer import answer_question
    from causemap.ingest.retrieval import retrieve
    from causemap.llm import make_chat_model

    answer = None
    with open_workspace(workspace) as ws:
        passages = retrieve(ws, question, k)
        settings = ws.settings.extract
        chat_model = (
            make_chat_model(settings, trust_workspace_settings=trust_workspace_settings)
            if settings.llm
            else None
        )
        if chat_model is not None and passages:
            answer = answer_question(question, passages, chat_model, model_name=settings.llm or "")
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
        say(f"[{i}] {p.title or p.paper_id[:12]}, p. {p.page} ({p.section}; score {p.score:.2f})")
        say(f"    {p.text}\n")
