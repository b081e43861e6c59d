"""The quality check of benchmarks/literature.py: its comparison with the figures of record, on figures
written here (the evaluation data it measures is not in the repository), and the committed record.
"""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def _literature():
    sys.path.insert(0, str(REPO / "benchmarks"))  # as `python benchmarks/literature.py` has it
    spec = importlib.util.spec_from_file_location("literature", REPO / "benchmarks" / "literature.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


literature = _literature()
RECORD = {"spans.f1": 0.70, "strength.macro_f1": 0.75}


def test_a_drop_beyond_the_tolerance_fails_with_its_own_line():
    lines, dropped = literature.compare({"spans.f1": 0.68, "strength.macro_f1": 0.75}, RECORD, 0.005)
    assert dropped
    assert [line.split()[:2] for line in lines] == [["DROPPED", "spans.f1"], ["ok", "strength.macro_f1"]]


def test_a_drop_within_the_tolerance_passes():
    lines, dropped = literature.compare({"spans.f1": 0.697}, RECORD, 0.005)
    assert not dropped
    assert lines[0].startswith("ok")


def test_a_rise_passes_and_asks_for_a_new_record():
    lines, dropped = literature.compare({"spans.f1": 0.72}, RECORD, 0.005)
    assert not dropped
    assert lines[0].startswith("rose") and "--record" in lines[0]


def test_a_figure_without_record_is_reported_not_failed():
    lines, dropped = literature.compare({"pairs.recall": 0.1}, RECORD, 0.005)
    assert not dropped
    assert lines == ["no record  pairs.recall 0.1"]


def test_only_the_figures_of_record_are_taken_from_results():
    results = {"extractor_version": "x", "spans": {"f1": 0.6, "precision": 0.9}, "seconds": {"spans": 1.0}}
    assert literature.figures_of(results) == {"spans.f1": 0.6}


def test_the_committed_record_names_only_checked_figures():
    record = json.loads(literature.RECORD.read_text(encoding="utf-8"))
    names = {f"{m}.{f}" for m, figures in literature.CHECKED.items() for f in figures}
    assert set(record["figures"]) <= names
    assert {"spans.f1", "strength.macro_f1"} <= set(record["figures"])
    assert 0 < record["tolerance"] < 0.05
