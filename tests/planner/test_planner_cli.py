"""`causemap plan` as a user runs it (a subprocess): target suggestions, the data check's column
mapping, and the exit statuses — 0 done, 2 bad input, 3 a requested step could not run."""

from __future__ import annotations

import json
import subprocess
import sys

import numpy as np
import pandas as pd
import pytest


def causemap(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "causemap", *args], capture_output=True, text=True, timeout=900
    )


@pytest.fixture(scope="module")
def workspace(tmp_path_factory, sample_pdfs):
    ws = tmp_path_factory.mktemp("plan-cli") / "ws"
    assert causemap("ingest", *map(str, sample_pdfs[:4]), "--workspace", str(ws)).returncode == 0
    assert causemap("extract", "--workspace", str(ws)).returncode == 0
    return ws


@pytest.fixture(scope="module")
def suggested(workspace):
    result = causemap("plan", "--workspace", str(workspace), "--suggest-targets", "-n", "3", "--json")
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)["targets"]  # stdout is exactly one JSON document


def test_suggested_targets_say_why_and_are_valid_targets(suggested):
    assert 1 <= len(suggested) <= 3
    for s in suggested:
        assert " -> " in s["target"] and s["why"] and 0 < s["identifiable_share"] <= 1


def test_a_requested_step_that_cannot_run_exits_3_with_the_reason(workspace, suggested, tmp_path):
    x, y = suggested[0]["exposure"], suggested[0]["outcome"]
    rng = np.random.default_rng(0)
    table = tmp_path / "data.csv"
    # The exposure does not vary: nothing can be estimated, and the plan says so instead of crashing.
    pd.DataFrame({"exposure column": np.ones(200), y: rng.normal(size=200)}).to_csv(table, index=False)
    mapping = tmp_path / "columns.json"
    mapping.write_text(json.dumps({"exposure column": x}))
    args = ["plan", "--workspace", str(workspace), "--target", f"{x} -> {y}", "--data", str(table)]
    result = causemap(*args, "--columns", str(mapping), "--json")
    assert result.returncode == 3, result.stderr
    check = json.loads(result.stdout)["data_check"]
    assert {"column": "exposure column", "variable": x, "how": "mapping"} in check["column_matches"]
    assert check["failures"] and "does not vary" in check["failures"][0]
    assert "data check:" in result.stderr


def test_a_column_mapping_naming_a_missing_column_is_a_usage_error(workspace, suggested, tmp_path):
    x, y = suggested[0]["exposure"], suggested[0]["outcome"]
    table = tmp_path / "data.csv"
    pd.DataFrame({x: [1.0, 2.0], y: [2.0, 3.0]}).to_csv(table, index=False)
    mapping = tmp_path / "columns.json"
    mapping.write_text(json.dumps({"no such column": x}))
    args = ["plan", "--workspace", str(workspace), "--target", f"{x} -> {y}", "--data", str(table)]
    result = causemap(*args, "--columns", str(mapping))
    assert result.returncode == 2
    assert "no such column" in result.stderr
