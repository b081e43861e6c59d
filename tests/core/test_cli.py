"""The command-line contract, run as a user runs it: a subprocess, stdout JSON, exit statuses."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest


def causemap(*args: str, check_json: bool = False, cwd: Path | None = None) -> subprocess.CompletedProcess:
    result = subprocess.run(
        [sys.executable, "-m", "causemap", *args], capture_output=True, text=True, timeout=600, cwd=cwd
    )
    if check_json:
        json.loads(result.stdout)  # --json: stdout is exactly one JSON document
    return result


@pytest.fixture(scope="module")
def workspace(tmp_path_factory, sample_pdfs):
    ws = tmp_path_factory.mktemp("cli") / "ws"
    folder = ws.parent / "papers"
    folder.mkdir()
    for pdf in sample_pdfs[:3]:
        (folder / pdf.name).write_bytes(pdf.read_bytes())
    (folder / "broken.pdf").write_bytes(b"")
    ingest = causemap("ingest", str(folder), "--workspace", str(ws), "--json", check_json=True)
    assert ingest.returncode == 3, ingest.stderr  # partial success: one file failed, the rest kept
    report = json.loads(ingest.stdout)
    assert len(report["ingested"]) == 3
    assert report["failed"] == [
        {"path": str(folder / "broken.pdf"), "error": report["failed"][0]["error"], "code": "empty"}
    ]
    extract = causemap("extract", "--workspace", str(ws), "--json", check_json=True)
    assert extract.returncode == 0, extract.stderr
    return ws


def test_help_reads_as_the_pipeline():
    result = causemap("--help")
    assert result.returncode == 0
    order = [result.stdout.index(f"  {name} ") for name in ("ingest", "extract", "graph", "plan")]
    assert order == sorted(order)


def test_status_counts_what_was_stored(workspace):
    result = causemap("status", "--workspace", str(workspace), "--json", check_json=True)
    status = json.loads(result.stdout)
    assert status["counts"]["papers"] == 3 and status["counts"]["claims"] > 0
    assert status["last_ingest_failures"][0]["code"] == "empty"


def test_ask_returns_cited_passages(workspace):
    result = causemap(
        "ask",
        "what lowers blood pressure?",
        "-k",
        "3",
        "--workspace",
        str(workspace),
        "--json",
        check_json=True,
    )
    document = json.loads(result.stdout)
    assert document["question"] == "what lowers blood pressure?"
    assert len(document["passages"]) == 3
    for passage in document["passages"]:
        assert set(passage) >= {"provenance", "score", "chunk_id"}
        assert set(passage["provenance"]) >= {"paper_id", "title", "page", "start", "end", "text", "section"}


def test_graph_json_and_exports(workspace, tmp_path):
    result = causemap("graph", "--workspace", str(workspace), "--json", check_json=True)
    graph = json.loads(result.stdout)
    assert graph["nodes"] and graph["edges"] and graph["candidates"]
    evidence = graph["edges"][0]["evidence"][0]
    assert set(evidence) >= {"claim_id", "provenance", "role", "design", "extractor"}
    assert set(evidence["provenance"]) >= {"paper_id", "title", "page", "start", "end", "text", "section"}
    out = tmp_path / "g.dagitty"
    result = causemap("graph", "--workspace", str(workspace), "--export", "dagitty", "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert out.read_text().lstrip().startswith("dag")


def test_usage_errors_exit_2_with_a_reason(workspace):
    bad_extractor = causemap("extract", "--workspace", str(workspace), "--extractor", "magic")
    assert bad_extractor.returncode == 2 and "unknown extractor" in bad_extractor.stderr
    no_model = causemap("extract", "--workspace", str(workspace), "--extractor", "llm")
    assert no_model.returncode == 2 and "needs a model" in no_model.stderr
    bad_target = causemap("plan", "--workspace", str(workspace), "--target", "unicorns -> rainbows")
    assert bad_target.returncode == 2 and "unicorns" in bad_target.stderr
    bad_export = causemap("graph", "--workspace", str(workspace), "--export", "pdf", "--out", "x.pdf")
    assert bad_export.returncode == 2 and "unknown export format" in bad_export.stderr


def test_claims_curation_from_the_command_line(workspace):
    listed = json.loads(causemap("claims", "list", "--workspace", str(workspace), "--json").stdout)
    first, second = listed[0]["id"], listed[1]["id"]
    assert causemap("claims", "reject", first, "--workspace", str(workspace)).returncode == 0
    assert (
        causemap("claims", "edit", second, "--polarity", "-", "--workspace", str(workspace)).returncode == 0
    )
    rejected = json.loads(
        causemap("claims", "list", "--state", "rejected", "--workspace", str(workspace), "--json").stdout
    )
    edited = json.loads(
        causemap("claims", "list", "--state", "edited", "--workspace", str(workspace), "--json").stdout
    )
    assert [c["id"] for c in rejected] == [first]
    assert [(c["id"], c["polarity"]) for c in edited] == [(second, "-")]
    assert causemap("claims", "accept", "no-such-claim", "--workspace", str(workspace)).returncode == 2


def test_extract_sentences_file_keeps_input_order(tmp_path):
    lines = [
        {"id": "a", "text": "Regular exercise reduces insulin resistance in adults."},
        {"id": "b", "text": "The weather was pleasant during the study."},
        {"id": "c", "text": "Smoking did not affect fasting glucose."},
    ]
    source, target = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    source.write_text("\n".join(json.dumps(line) for line in lines) + "\n")
    result = causemap(
        "extract",
        "--input",
        str(source),
        "--output",
        str(target),
        "--json",
        check_json=True,
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    rows = [json.loads(line) for line in target.read_text().splitlines()]
    assert [r["id"] for r in rows] == ["a", "b", "c"]
    assert rows[1]["claims"] == []
    assert not (tmp_path / "causemap-workspace").exists()  # no workspace needed, none created
    for claim in rows[0]["claims"] + rows[2]["claims"]:
        assert set(claim) == {
            "cause",
            "effect",
            "relation",
            "polarity",
            "hedged",
            "negated",
            "cause_span",
            "effect_span",
            "confidence",
        }
        text = lines[0]["text"] if claim in rows[0]["claims"] else lines[2]["text"]
        assert text[slice(*claim["cause_span"])] == claim["cause"]


def test_a_bad_line_of_a_json_lines_file_is_named(tmp_path):
    """--input and eval's --data name the line (blank lines counted) that is not JSON or lacks a field."""
    sentences = tmp_path / "in.jsonl"
    sentences.write_text('{"id": "a", "text": "Salt raises blood pressure."}\n\n{"id": "b", "text":\n')
    not_json = causemap(
        "extract", "--input", str(sentences), "--output", str(tmp_path / "o.jsonl"), cwd=tmp_path
    )
    assert not_json.returncode == 2 and f"{sentences}, line 3: not JSON" in not_json.stderr
    sentences.write_text('{"id": "a", "text": "Salt raises blood pressure."}\n{"id": "b"}\n')
    no_text = causemap(
        "extract", "--input", str(sentences), "--output", str(tmp_path / "o.jsonl"), cwd=tmp_path
    )
    assert no_text.returncode == 2 and "line 2: an input line needs the field(s) text" in no_text.stderr
    gold = tmp_path / "gold.jsonl"
    gold.write_text('{"id": "a", "text": "Salt raises blood pressure.", "label": "causal"}\n["a"]\n')
    no_label = causemap("eval", "strength", "--data", str(gold), cwd=tmp_path)
    assert no_label.returncode == 2 and "line 2: strength gold needs the field(s) id, text, label" in (
        no_label.stderr
    )
    gold.write_text('\n{"id": "a", "text": "Salt raises blood pressure.", "label": "causal"\n')
    bad_gold = causemap("eval", "strength", "--data", str(gold), cwd=tmp_path)
    assert bad_gold.returncode == 2 and f"{gold}, line 2: not JSON" in bad_gold.stderr


def test_plan_writes_markdown_and_json(workspace, tmp_path):
    md, js = tmp_path / "plan.md", tmp_path / "plan.json"
    assert causemap("plan", "--workspace", str(workspace), "--out", str(md)).returncode == 0
    assert causemap("plan", "--workspace", str(workspace), "--out", str(js)).returncode == 0
    assert md.read_text().startswith("#")
    plan = json.loads(js.read_text())
    assert {"target", "gaps", "items"} <= set(plan)


# -- a command line that answers fast and never surprises ------------------------------------------

# pydantic is not among them: typer itself imports it to show a command's help. SQLAlchemy is: the store
# alone takes about a second to import on a loaded machine.
HEAVY_MODULES = (
    "torch",
    "spacy",
    "chromadb",
    "streamlit",
    "dowhy",
    "langchain_core",
    "networkx",
    "pandas",
    "sqlalchemy",
)


def imported_modules(*args: str, cwd: Path | None = None) -> tuple[subprocess.CompletedProcess, set[str]]:
    """Run the command with ``-X importtime``: its result, and every module it imported."""
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "causemap", *args],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=cwd,
    )
    modules = {
        line.rsplit("|", 1)[1].strip().split(".")[0]
        for line in result.stderr.splitlines()
        if line.startswith("import time:") and "|" in line
    }
    return result, modules


@pytest.mark.parametrize(
    "args",
    [
        ("--help",),
        ("graph", "--help"),
        ("ask", ""),
        ("graph", "--export", "pdf", "--out", "g.pdf"),
        ("graph", "--export", "dot"),
        ("plan", "--target", "exercise causes health"),
        ("plan", "--out", "plan.txt"),
        ("status", "--workspace", "no-such-workspace"),
        ("ingest", "no-such-folder"),
        ("claims", "undo", "--workspace", "no-such-workspace"),
        ("variables", "history", "--help"),
    ],
)
def test_help_and_usage_errors_load_nothing_heavy(args, tmp_path):
    result, modules = imported_modules(*args, cwd=tmp_path)
    assert result.returncode in (0, 2), result.stderr
    assert "Traceback" not in result.stderr
    assert modules.isdisjoint(HEAVY_MODULES), sorted(modules & set(HEAVY_MODULES))
    assert list(tmp_path.iterdir()) == []  # nothing created


@pytest.mark.parametrize(
    "args",
    [
        ("extract",),
        ("graph",),
        ("graph", "--export", "dagitty", "--out", "g.txt"),
        ("plan",),
        ("ask", "what lowers blood pressure?"),
        ("status",),
        ("claims", "list"),
        ("claims", "accept", "abc"),
        ("variables", "list"),
        ("ui",),
    ],
)
def test_commands_refuse_a_folder_that_is_not_a_workspace(args, tmp_path):
    typo = tmp_path / "workspce"
    result = causemap(*args, "--workspace", str(typo), cwd=tmp_path)
    assert result.returncode == 2
    assert f"{typo} is not a causemap workspace (it does not exist)" in result.stderr
    assert "Traceback" not in result.stderr
    assert not typo.exists() and not (tmp_path / "g.txt").exists()
    empty = tmp_path / "empty"
    empty.mkdir()
    result = causemap(*args, "--workspace", str(empty), cwd=tmp_path)
    assert result.returncode == 2 and "has no causemap.db or settings.toml" in result.stderr
    assert list(empty.iterdir()) == []


def test_default_workspace_is_refused_when_missing(tmp_path):
    result = causemap("graph", cwd=tmp_path)
    assert result.returncode == 2 and "causemap-workspace is not a causemap workspace" in result.stderr
    assert not (tmp_path / "causemap-workspace").exists()


def test_an_export_of_an_empty_graph_keeps_the_good_file(tmp_path):
    import causemap

    causemap.open(tmp_path / "ws", create=True).close()  # a real workspace with nothing in it
    good = tmp_path / "g.txt"
    good.write_text("dag { a -> b }\n")
    result = causemap_cli(
        "graph", "--workspace", str(tmp_path / "ws"), "--export", "dagitty", "--out", str(good)
    )
    assert result.returncode == 1 and "has no edges" in result.stderr and str(good) in result.stderr
    assert good.read_text() == "dag { a -> b }\n"


causemap_cli = causemap


def test_ask_with_an_empty_question_is_a_usage_error(workspace):
    result = causemap("ask", "   ", "--workspace", str(workspace))
    assert result.returncode == 2 and "the question is empty" in result.stderr
    assert "Traceback" not in result.stderr


def test_human_output_has_labels_not_codes(workspace):
    graph = causemap("graph", "--workspace", str(workspace)).stdout
    lines = graph.splitlines()
    edge_lines = [line for line in lines if line.startswith("  ") and not line.startswith("   ")]
    assert edge_lines and all(" -> " in line and "belief" in line for line in edge_lines)
    for line in edge_lines:
        assert "{" not in line and "[" not in line  # no raw dicts or codes
        assert any(word in line for word in ("increases", "decreases", "no effect", "mixed", "unknown"))
    dropped = [line for line in lines if line.startswith("    dropped ")]
    assert all("_" not in line for line in dropped)  # variable labels, not their ids
    status = causemap("status", "--workspace", str(workspace)).stdout
    assert "{" not in status and "papers     3 (3 ready)" in status
    claims = causemap("claims", "list", "--workspace", str(workspace)).stdout
    assert "None" not in claims and "?" not in claims.split("\n")[0]
