"""Stage 2, extract: cause-effect claims from the workspace's papers, or from a file of sentences."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any

import typer

from causemap.cli import app
from causemap.cli.common import (
    EXIT_PARTIAL,
    JsonOption,
    WorkspaceOption,
    check_choice,
    check_file,
    check_together,
    check_writable,
    emit_json,
    open_workspace,
    say,
    warn,
)
from causemap.errors import UsageError

ExtractorOption = Annotated[
    str | None,
    typer.Option("--extractor", "-e", help="rules (default, offline) or llm.", show_default=False),
]
LLMOption = Annotated[
    str | None,
    typer.Option("--llm", help="PROVIDER:MODEL for the llm extractor, e.g. openai:gpt-4o-mini."),
]


TrustOption = Annotated[
    bool,
    typer.Option(
        "--trust-workspace-settings",
        help="Send LLM requests to a base_url that the workspace's settings.toml sets.",
    ),
]


@app.command(rich_help_panel="Pipeline")
def extract(
    workspace: WorkspaceOption = None,
    extractor: ExtractorOption = None,
    llm: LLMOption = None,
    base_url: Annotated[
        str | None, typer.Option("--base-url", help="OpenAI-compatible server for the llm extractor.")
    ] = None,
    input_path: Annotated[
        Path | None, typer.Option("--input", help="JSONL of {id, text} sentences (no workspace needed).")
    ] = None,
    output_path: Annotated[
        Path | None, typer.Option("--output", help="JSONL of claims, with --input.")
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Re-read papers already extracted.")] = False,
    max_calls: Annotated[
        int | None, typer.Option("--max-calls", min=1, help="Send at most this many LLM requests.")
    ] = None,
    max_tokens: Annotated[
        int | None, typer.Option("--max-tokens", min=1, help="Spend at most this many LLM tokens.")
    ] = None,
    estimate: Annotated[
        bool,
        typer.Option(
            "--estimate", help="Print what an llm run would send (sentences, tokens); send nothing."
        ),
    ] = False,
    trust_workspace_settings: TrustOption = False,
    json_output: JsonOption = False,
) -> None:
    """Stage 2: read cause-effect claims, with sentence, page and offsets, from every paper."""
    from causemap.graphbuilder.extractors import EXTRACTORS, make_extractor

    check_together("--input", input_path, "--output", output_path)
    check_choice("extractor", extractor, EXTRACTORS)
    if estimate and (input_path is not None or (extractor or ("llm" if llm else None)) not in (None, "llm")):
        raise UsageError("--estimate goes with --extractor llm over a workspace")
    if input_path is not None:
        check_file(input_path, "--input")
        check_writable(output_path)  # type: ignore[arg-type]
    overrides: dict[str, Any] = {
        key: value
        for key, value in {
            "llm": llm,
            "extractor": extractor,
            "base_url": base_url,
            "max_calls": max_calls,
            "max_tokens": max_tokens,
        }.items()
        if value
    }
    partial = False
    if input_path is not None:
        with settings_workspace(workspace) as (settings, store):
            settings = settings.model_copy(update=overrides)
            name = extractor or ("llm" if llm else settings.extractor)
            chosen, prefilter = make_extractor(
                name, settings, store, trust_workspace_settings=trust_workspace_settings
            )
            summary = extract_file(chosen, prefilter, input_path, output_path)  # type: ignore[arg-type]
        partial = bool(summary.get("llm", {}).get("skipped_batches"))
    else:
        with open_workspace(workspace, **({"extract": overrides} if overrides else {})) as ws:
            if estimate:
                if (extractor or ("llm" if llm else ws.settings.extract.extractor)) != "llm":
                    raise UsageError("--estimate goes with --extractor llm over a workspace")
                summary = _estimate(ws, force)
            else:
                report = ws.extract(
                    force=force, progress=True, trust_workspace_settings=trust_workspace_settings
                )
                summary, partial = report.to_dict(), report.partial
    if json_output:
        emit_json(summary)
    else:
        for line in describe_summary(summary):
            say(line)
        if partial:
            warn(
                f"{summary.get('llm', {}).get('skipped_batches', 0)} batch(es) the LLM did not answer "
                "(listed under llm.skipped); rerun to retry them"
            )
    if partial:
        raise typer.Exit(EXIT_PARTIAL)


def _estimate(ws: Any, force: bool) -> dict[str, Any]:
    """What an llm run would send; builds no client and opens no connection."""
    from causemap.graphbuilder.extract_pipeline import pending_sentences
    from causemap.graphbuilder.extractors.llm_estimate import estimate_requests
    from causemap.graphbuilder.extractors.llm_prompt import llm_version
    from causemap.graphbuilder.extractors.rules import RulesExtractor
    from causemap.llm import LLMConfigError, endpoint

    settings = ws.settings.extract
    if not settings.llm:
        raise LLMConfigError("--estimate needs a model: pass --llm PROVIDER:MODEL or set CAUSEMAP_LLM")
    prefilter = RulesExtractor()
    papers = list(pending_sentences(ws, f"llm:{settings.llm}", llm_version(), force))
    candidates = [[s for s in sentences if prefilter.is_candidate(s)] for sentences in papers]
    result = estimate_requests(candidates, settings, endpoint(settings), ws.store)
    result.sentences = sum(map(len, papers))
    return result.to_dict()


@contextmanager
def settings_workspace(path: Path | None, *, create_missing: bool = False) -> Iterator[tuple[Any, Any]]:
    """The extract settings and store of workspace ``path`` when given (or the default one when it
    exists); otherwise the default settings and no store (no LLM cache). Nothing is created, except,
    with ``create_missing``, a workspace at a ``path`` that does not exist yet or is an empty folder (a
    folder holding other files is still refused: it is more likely a mistyped path than a new workspace)."""
    from causemap.paths import is_workspace, workspace_path

    if path is not None or is_workspace(workspace_path(None)):
        create = create_missing and path is not None and (not path.exists() or _is_empty_folder(path))
        with open_workspace(path, create=create) as ws:
            yield ws.settings.extract, ws.store
        return
    from causemap.settings import Settings

    yield Settings().extract, None


def _is_empty_folder(path: Path) -> bool:
    return path.is_dir() and next(path.iterdir(), None) is None


def describe_summary(summary: dict[str, Any]) -> list[str]:
    """An extraction summary as lines to read (lists as counts, nested figures as "name value")."""
    lines = []
    for key, value in summary.items():
        label = key.replace("_", " ")
        if isinstance(value, dict):
            if value:
                lines.append(
                    f"{label:<16} " + ", ".join(f"{k.replace('_', ' ')} {v}" for k, v in value.items())
                )
        elif isinstance(value, list):
            lines.append(f"{label:<16} {len(value)}")
        else:
            lines.append(f"{label:<16} {value}")
    return lines


def extract_file(extractor: Any, prefilter: Any, input_path: Path, output_path: Path) -> dict[str, Any]:
    """Claims for each {"id", "text"} line, written in input order, one line per input."""
    from causemap.graphbuilder.extract_claims import relation_record
    from causemap.graphbuilder.extractors.base import read_candidates

    rows = _read_rows(input_path, ("text",), "an input line")
    reading = read_candidates(extractor, prefilter, [str(r.get("text", "")) for r in rows])
    per_row, n_candidates = reading.relations, reading.candidates
    n_claims = 0
    with output_path.open("w", encoding="utf-8") as out:
        for row, relations in zip(rows, per_row, strict=True):
            claims = [relation_record(r) for r in relations]
            n_claims += len(claims)
            out.write(json.dumps({"id": row.get("id"), "claims": claims}, ensure_ascii=False) + "\n")
    return {
        "extractor": extractor.name,
        "sentences": len(rows),
        "candidates": n_candidates,
        "claims": n_claims,
        "refused": reading.refused,
        "output": str(output_path),
        **_llm_stats(extractor),
    }


def _llm_stats(extractor: Any) -> dict[str, Any]:
    stats = getattr(extractor, "stats", None)
    return {"llm": stats.to_dict()} if stats is not None else {}


def _read_rows(path: Path, fields: tuple[str, ...], kind: str) -> list[dict[str, Any]]:
    """The objects of a JSON-lines file, each checked for the fields it needs (a clear error names
    the line and the missing fields)."""
    rows = []
    for number, row in _json_lines(path):
        missing = [f for f in fields if not isinstance(row, dict) or f not in row]
        if missing:
            raise UsageError(f"{path}, line {number}: {kind} needs the field(s) {', '.join(missing)}")
        rows.append(row)
    return rows


def _json_lines(path: Path) -> Iterator[tuple[int, Any]]:
    """(line number, value) for each non-blank line of a JSON-lines file; a line that is not JSON
    is a UsageError naming it."""
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            try:
                yield number, json.loads(line)
            except json.JSONDecodeError as exc:
                raise UsageError(f"{path}, line {number}: not JSON ({exc.msg})") from exc


@app.command(name="eval", rich_help_panel="Measure")
def evaluate(
    task: Annotated[
        str,
        typer.Argument(
            help="spans (cause/effect matching), strength (sentence labels) or pairs (whole abstracts "
            "through ingest and extract, scored on annotated entity pairs)."
        ),
    ],
    data: Annotated[Path, typer.Option("--data", help="Gold JSONL, as in ../shared/eval.")],
    extractor: ExtractorOption = None,
    llm: LLMOption = None,
    workspace: WorkspaceOption = None,
    pred_out: Annotated[
        Path | None, typer.Option("--pred-out", help="Also write the predictions (score.py's PRED).")
    ] = None,
    json_output: JsonOption = False,
) -> None:
    """Score an extractor on annotated sentences or abstracts, by the same rules as the reference scorer."""
    check_choice("task", task, ("spans", "strength", "pairs"))
    check_file(data, "--data")
    if pred_out is not None:
        check_writable(pred_out, "--pred-out")
    gold = _read_rows(data, _GOLD_FIELDS[task], f"{task} gold")  # a bad line is named before anything loads
    from causemap.graphbuilder import evaluation, evaluation_pairs
    from causemap.graphbuilder.extractors import make_extractor

    summary: dict[str, Any] = {}
    # a new --workspace is started here: it keeps the LLM's answers, so that a rerun asks nothing twice
    with settings_workspace(workspace, create_missing=True) as (settings, store):
        if llm:
            settings = settings.model_copy(update={"llm": llm})
        name = extractor or ("llm" if llm else "rules")
        chosen, prefilter = make_extractor(name, settings, store)
        if task == "pairs":
            predictions, summary = evaluation_pairs.predict_pairs(
                gold,
                chosen,
                prefilter,
                settings_overrides={"extract": settings.model_dump()},
                progress=not json_output,
            )
        else:
            predictions = evaluation.predict(chosen, gold, prefilter)
    if pred_out is not None:
        evaluation.write_jsonl(predictions, pred_out)
    scorers = {
        "spans": evaluation.score_spans,
        "strength": evaluation.score_strength,
        "pairs": evaluation_pairs.score_pairs,
    }
    scores = scorers[task](gold, predictions)
    document = {
        "task": task,
        "data": str(data),
        "extractor": chosen.name,
        "extractor_version": chosen.version,
        "scores": scores,
        # the same figures over asserted claims and null findings apart (see scores_by_polarity)
        # ... and over the claims the graph draws an edge for and those it does not (scores_by_drawing)
        **(
            {
                "by_polarity": evaluation_pairs.scores_by_polarity(gold, predictions),
                "by_drawing": evaluation_pairs.scores_by_drawing(gold, predictions),
            }
            if task == "pairs"
            else {}
        ),
        **({"run": summary} if summary else {}),
        **_llm_stats(chosen),
    }
    if json_output:
        emit_json(document)
    else:
        say(f"{task} on {data.name} with {chosen.name} {chosen.version}")
        for key, value in scores.items():
            say(f"  {key:<24} {value}")
    sys.stdout.flush()


_GOLD_FIELDS = {
    "spans": ("id", "text"),
    "strength": ("id", "text", "label"),
    "pairs": ("id", "text", "entities", "relations"),
}
