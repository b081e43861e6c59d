"""Whole-abstract pair scoring: hand-computed figures, agreement with score.py, and `causemap eval pairs`."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from reference_scorer import EVAL_DIR, needs_eval, reference_scores

from causemap.graphbuilder.evaluation import write_jsonl
from causemap.graphbuilder.evaluation_pairs import named_entities, score_pairs, variable_polarity

BIORED = EVAL_DIR / "dev" / "biored_train_dev.jsonl"


def entity(eid, *mentions):
    return {"id": eid, "type": "Thing", "mentions": list(mentions), "spans": []}


def claim(cause, effect, polarity=None):
    return {"cause": cause, "effect": effect, "relation": "causal", "polarity": polarity}


# Invented abstracts (not from any evaluation set), written to exercise every branch of the rules.
GOLD = [
    {
        "id": "d1",
        "title": "Frost and orchards.",
        "text": "Frost and orchards. Late frost reduced apple yield. Frost also raised bud mortality.",
        "entities": [
            entity("frost", "frost", "late frost"),
            entity("yield", "apple yield"),
            entity("buds", "bud mortality"),
            entity("apple", "apple"),
            entity("rain", "rain"),
        ],
        "relations": [
            {"a": "frost", "b": "yield", "label": "Negative_Correlation", "novel": "Novel"},
            {"a": "buds", "b": "frost", "label": "Positive_Correlation", "novel": "No"},
            {"a": "rain", "b": "apple", "label": "Bind", "novel": "No"},
            {"a": "rain", "b": "frost", "label": "Association", "novel": "Novel"},
        ],
    },
    {
        "id": "d2",
        "title": "Rain.",
        "text": "Rain. Heavy rain caused floods.",
        "entities": [entity("rain", "rain"), entity("flood", "floods"), entity("soil", "soil erosion")],
        "relations": [{"a": "rain", "b": "flood", "label": "Positive_Correlation", "novel": "Novel"}],
    },
]
PRED = [
    {
        "id": "d1",
        "claims": [
            claim("late frost", "apple yield", "-"),  # hit, sign right ("late frost" beats "frost")
            claim("bud mortality", "frost", "0"),  # hit on an undirected pair, 0 on a signed pair: wrong
            claim("rain", "apple", "+"),  # a Bind pair: neutral
            claim("frost", "the weather"),  # one entity only: not grounded
            claim("apple yield", "apple yield", "+"),  # one entity twice: not grounded
        ],
    },
    {"id": "d2", "claims": [claim("heavy rain", "soil erosion", "+")]},  # grounded, no pair: false alarm
]


def test_named_entities_prefers_the_most_specific_mention():
    entities = GOLD[0]["entities"]
    assert named_entities("the late frost of May", entities) == {"frost"}
    assert named_entities("apple yield", entities) == {"yield"}  # 2 words beat "apple"
    assert named_entities("apples", entities) == set()  # no stemming, as in score.py
    assert named_entities(None, entities) == set()


def test_pairs_hand_computed():
    result = score_pairs(GOLD, PRED)
    assert result["claims"] == 6
    assert result["hits"] == 2 and result["false_alarms"] == 1 and result["neutral"] == 1
    assert result["grounded_share"] == pytest.approx(4 / 6, abs=1e-4)
    assert result["precision"] == pytest.approx(2 / 3, abs=1e-4)
    # gold pairs with a cause-effect label: frost-yield, buds-frost, rain-frost, rain-flood
    assert result["gold_pairs"] == 4 and result["pairs_found"] == 2
    assert result["recall"] == 0.5
    assert result["novel_recall"] == pytest.approx(1 / 3, abs=1e-4)
    assert result["sign_scored"] == 2 and result["sign_accuracy"] == 0.5


@needs_eval
def test_agrees_with_score_py_on_hand_made_files(tmp_path):
    gold, pred = tmp_path / "gold.jsonl", tmp_path / "pred.jsonl"
    write_jsonl(GOLD, gold)
    write_jsonl(PRED, pred)
    assert score_pairs(GOLD, PRED) == reference_scores("pairs", gold, pred)


def _run_eval_pairs(
    gold: Path, workspace: Path, *options: str, timeout: int = 900
) -> subprocess.CompletedProcess[str]:
    """``causemap eval pairs --data GOLD --workspace WORKSPACE OPTIONS...`` in a process of its own."""
    command = ["eval", "pairs", "--data", str(gold), "--workspace", str(workspace), *options]
    return subprocess.run(
        [sys.executable, "-m", "causemap", *command], capture_output=True, text=True, timeout=timeout
    )


def _eval_pairs(gold: Path, tmp_path: Path, workspace: Path | None = None) -> tuple[dict, Path]:
    pred = tmp_path / "pred.jsonl"
    workspace = workspace or tmp_path / "ws"
    result = _run_eval_pairs(gold, workspace, "--pred-out", str(pred), "--json")
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout), pred


def test_eval_pairs_runs_the_pipeline_on_abstracts(tmp_path):
    gold = tmp_path / "gold.jsonl"
    write_jsonl(GOLD, gold)
    # An empty folder (made by `mkdir` or `mktemp -d`) becomes the workspace, as a missing one would.
    empty = tmp_path / "empty"
    empty.mkdir()
    document, pred = _eval_pairs(gold, tmp_path, workspace=empty)
    assert (empty / "causemap.db").is_file()
    assert document["task"] == "pairs" and document["extractor"] == "rules"
    assert document["run"]["abstracts"] == 2 and document["run"]["ingest_failed"] == []
    rows = {row["id"]: row for row in map(json.loads, pred.read_text().splitlines())}
    assert set(rows) == {"d1", "d2"}
    # "Heavy rain caused floods." is read through ingest and extraction, grouped under its abstract.
    assert any("rain" in c["cause"].lower() and c["effect"] == "floods" for c in rows["d2"]["claims"])
    assert all(c["role"] in ("finding", "background") for r in rows.values() for c in r["claims"])
    assert document["scores"] == score_pairs(GOLD, rows.values())
    assert document["scores"]["pairs_found"] >= 2  # frost-yield and rain-floods at least


def test_eval_pairs_refuses_a_folder_holding_other_files(tmp_path):
    gold = tmp_path / "gold.jsonl"
    write_jsonl(GOLD, gold)
    (tmp_path / "notes.txt").write_text("not a workspace")
    result = _run_eval_pairs(gold, tmp_path, timeout=300)
    assert result.returncode == 2 and "is not a causemap workspace" in result.stderr
    assert not (tmp_path / "causemap.db").exists()


def test_eval_pairs_names_a_bad_gold_line(tmp_path):
    gold = tmp_path / "gold.jsonl"
    gold.write_text(json.dumps({"id": "x", "text": "Rain caused floods."}) + "\n")
    result = _run_eval_pairs(gold, tmp_path, timeout=300)
    assert result.returncode == 2
    assert "line 1" in result.stderr and "entities" in result.stderr


@needs_eval
@pytest.mark.skipif(not BIORED.exists(), reason="BioRED dev abstracts not present")
def test_eval_pairs_agrees_with_score_py_on_real_abstracts(tmp_path):
    subset = tmp_path / "biored_head.jsonl"
    with open(BIORED, encoding="utf-8") as handle:
        subset.write_text("".join(next(handle) for _ in range(12)), encoding="utf-8")
    document, pred = _eval_pairs(subset, tmp_path)
    reference = reference_scores("pairs", subset, pred)
    assert document["scores"] == reference
    assert reference["claims"] > 0 and reference["hits"] > 0


@pytest.mark.parametrize(
    ("cause", "effect", "written", "between_variables"),
    [
        ("Knockdown of NOX4", "STAT3 activation", "-", "+"),
        ("Noggin siRNA", "renal fibrosis", "-", "+"),
        ("TLR4 deletion", "the inflammatory response", "-", "+"),
        ("Crocin", "inhibition of ERK activation", "-", "+"),
        ("withdrawal of the drug", "the rash", "-", "+"),
        ("Metformin", "reversal of insulin resistance", "+", "-"),
    ],
)
def test_loss_of_function_is_a_downward_change_of_the_named_variable(
    cause, effect, written, between_variables
):
    assert variable_polarity(cause, effect, written) == between_variables


def test_scores_by_polarity_split_null_findings_from_asserted_claims():
    from causemap.graphbuilder.evaluation_pairs import scores_by_polarity

    split = scores_by_polarity(GOLD, PRED)
    # the one null claim ("bud mortality" - "frost", 0) is a hit with a wrong sign
    assert split["null"]["claims"] == 1 and split["null"]["hits"] == 1
    assert split["null"]["sign_scored"] == 1 and split["null"]["sign_accuracy"] == 0.0
    assert split["asserted"]["claims"] == 5
    assert split["asserted"]["hits"] == 1 and split["asserted"]["false_alarms"] == 1
    assert split["asserted"]["sign_accuracy"] == 1.0


def test_scores_by_drawing_split_the_claims_the_graph_draws_from_those_it_does_not():
    from causemap.graphbuilder.evaluation_pairs import scores_by_drawing

    pred = [
        {
            "id": "d1",
            "claims": [
                claim("late frost", "apple yield", "-"),  # drawn, a hit
                claim("these effects", "apple yield", "+"),  # an anaphor names no variable: not drawn
                claim("frost", "CI 2.4-4.0", "+"),  # a statistic: not drawn
            ],
        }
    ]
    split = scores_by_drawing(GOLD, pred)
    assert split["drawn"]["claims"] == 1 and split["drawn"]["hits"] == 1
    assert split["not_drawn"]["claims"] == 2 and split["not_drawn"]["hits"] == 0
