"""Targets and data columns named by id, label or alias."""

from __future__ import annotations

import pytest
from planner_graphs import make_graph

from causemap.models import Variable
from causemap.planner.targets import TargetError, match_columns, parse_target


@pytest.fixture
def graph():
    g = make_graph({("salt", "bp"): 0.9, ("age", "bp"): 0.9})
    g.variables["salt"] = Variable(id="salt", label="sodium intake", aliases=["salt", "NaCl"])
    g.variables["bp"] = Variable(id="bp", label="blood pressure", aliases=["SBP"])
    return g


@pytest.mark.parametrize(
    "text", ["salt -> bp", "Sodium Intake -> blood_pressure", "NaCl → sbp", "  sodium-intake=>BP "]
)
def test_targets_resolve_by_id_label_or_alias(graph, text):
    assert parse_target(text, graph) == ("salt", "bp")


def test_unknown_name_lists_close_matches(graph):
    with pytest.raises(TargetError) as error:
        parse_target("sodium intak -> blood pressure", graph)
    assert "sodium intake" in str(error.value) and "salt" in str(error.value)


@pytest.mark.parametrize("text", ["salt bp", "salt -> ", "-> bp", "a -> b -> c"])
def test_malformed_targets_are_refused(graph, text):
    with pytest.raises(TargetError):
        parse_target(text, graph)


def test_exposure_and_outcome_must_differ(graph):
    with pytest.raises(TargetError, match="same variable"):
        parse_target("salt -> sodium intake", graph)


def test_columns_match_case_insensitively_and_the_rest_stay_unmatched(graph):
    columns = ["Sodium_Intake", "SBP", "AGE", "weight", "salt"]  # "salt" repeats a variable
    assert match_columns(columns, graph) == {"Sodium_Intake": "salt", "SBP": "bp", "AGE": "age"}
