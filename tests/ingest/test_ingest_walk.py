"""Folder walks say what they pass over, and why; progress counts documents, not files."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from causemap.ingest.pipeline import ingest_paths
from causemap.ingest.walk import walk_paths
from causemap.workspace import Workspace


@pytest.fixture
def messy_folder(tmp_path, sample_pdfs) -> Path:
    """A folder as researchers keep them: dot-files, a looping link, dead links, other file types."""
    root = tmp_path / "papers"
    (root / "sub").mkdir(parents=True)
    (root / "good.pdf").write_bytes(sample_pdfs[0].read_bytes())
    (root / "sub" / "other.pdf").write_bytes(sample_pdfs[1].read_bytes())
    (root / ".hidden.pdf").write_bytes(sample_pdfs[2].read_bytes())
    (root / ".git").mkdir()
    (root / ".git" / "inside.pdf").write_bytes(sample_pdfs[3].read_bytes())
    (root / "notes.docx").write_bytes(b"PK\x03\x04")
    (root / "sub" / "back").symlink_to(root, target_is_directory=True)  # a loop: sub/back/sub/back/...
    (root / "dead.pdf").symlink_to(root / "deleted.pdf")
    (root / "self.pdf").symlink_to(root / "self.pdf")
    (root / "again.pdf").symlink_to(root / "good.pdf")
    return root


def test_the_walk_reads_real_files_once_and_names_everything_it_passes_over(messy_folder):
    result = walk_paths([messy_folder])
    assert result.files == [messy_folder / "good.pdf", messy_folder / "sub" / "other.pdf"]
    reasons = {
        Path(row["path"]).relative_to(messy_folder).as_posix(): row["reason"] for row in result.passed_over
    }
    assert set(reasons) == {
        ".git",
        ".hidden.pdf",
        "again.pdf",
        "dead.pdf",
        "notes.docx",
        "self.pdf",
        "sub/back",
    }
    assert reasons[".git"].startswith("hidden folder") and reasons[".hidden.pdf"].startswith("hidden file")
    assert (
        reasons["dead.pdf"] == f"broken link: points to {messy_folder / 'deleted.pdf'}, which does not exist"
    )
    assert reasons["self.pdf"].startswith("symbolic link loop")
    assert reasons["sub/back"].startswith("link loop") and str(messy_folder.resolve()) in reasons["sub/back"]
    assert "same file as" in reasons["again.pdf"] and "good.pdf" in reasons["again.pdf"]
    assert "unsupported file type '.docx'" in reasons["notes.docx"]
    assert not result.unusable


def test_named_paths_are_read_even_when_hidden_and_fail_when_links_are_broken(messy_folder):
    result = walk_paths([messy_folder / ".hidden.pdf", messy_folder / "dead.pdf", messy_folder / "self.pdf"])
    assert result.files == [messy_folder / ".hidden.pdf"]
    failures = {path.name: (code, reason) for path, code, reason in result.unusable}
    assert failures["dead.pdf"][0] == "not_found" and "broken link" in failures["dead.pdf"][1]
    assert failures["self.pdf"][0] == "not_found" and "loop" in failures["self.pdf"][1]


def test_a_symlinked_folder_of_papers_is_followed(tmp_path, sample_pdfs):
    real = tmp_path / "library"
    real.mkdir()
    (real / "a.pdf").write_bytes(sample_pdfs[0].read_bytes())
    root = tmp_path / "project"
    root.mkdir()
    (root / "linked").symlink_to(real, target_is_directory=True)
    assert walk_paths([root]).files == [root / "linked" / "a.pdf"]


def test_the_ingest_json_report_lists_what_was_passed_over(messy_folder, tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith("CAUSEMAP_")}
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "causemap",
            "ingest",
            str(messy_folder),
            "--workspace",
            str(tmp_path / "ws"),
            "--json",
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=900,
    )
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert sorted(Path(row["path"]).name for row in report["ingested"]) == ["good.pdf", "other.pdf"]
    assert not report["failed"]
    passed = {Path(row["path"]).name: row["reason"] for row in report["passed_over"]}
    assert {".hidden.pdf", ".git", "dead.pdf", "self.pdf", "back", "again.pdf", "notes.docx"} == set(passed)


def _abstracts(n: int) -> list[dict]:
    exposures = ["coffee", "salt", "exercise", "smoking", "sleep loss", "alcohol"]
    outcomes = ["blood pressure", "insulin resistance", "mood", "weight", "heart rate"]
    return [
        {
            "id": f"r{i}",
            "title": f"Study {i} of {exposures[i % 6]} and {outcomes[i % 5]}",
            "text": f"In {100 + i} adults, {exposures[i % 6]} raised {outcomes[i % 5]}. "
            f"The effect was larger in women (p = 0.0{i % 9 + 1}). Follow-up lasted {i % 12 + 1} months.",
        }
        for i in range(n)
    ]


def test_progress_counts_the_abstracts_of_a_jsonl_export(tmp_path):
    path = tmp_path / "export.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in _abstracts(300)) + "\n")
    seen: list[tuple[int, int]] = []
    with Workspace.open(tmp_path / "ws") as ws:
        report = ingest_paths(
            ws, [path], progress=False, on_file=lambda done, total, _: seen.append((done, total))
        )
    assert len(report.ingested) == 300
    assert {total for _, total in seen} == {300}
    assert seen[-1] == (300, 300)
    steps = [done for done, _ in seen]
    assert steps == sorted(steps) and len(set(steps)) > 10  # it moves as abstracts finish, not 0 then 300


def test_the_command_line_bar_counts_documents(tmp_path):
    path = tmp_path / "export.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in _abstracts(120)) + "\n")
    env = {k: v for k, v in os.environ.items() if not k.startswith("CAUSEMAP_")}
    result = subprocess.run(
        [sys.executable, "-m", "causemap", "ingest", str(path), "--workspace", str(tmp_path / "ws")],
        capture_output=True,
        text=True,
        env=env,
        timeout=900,
    )
    assert result.returncode == 0, result.stderr
    assert "/120" in result.stderr and "120/120" in result.stderr
