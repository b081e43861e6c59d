"""The data check on data simulated from a known linear SCM (fixed seed): the estimate recovers the
true total effect, the refuters pass, and a graph missing an edge is flagged."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from planner_graphs import make_graph

from causemap.planner import TargetError, make_plan
from causemap.planner.datacheck import partial_correlation_test

# age -> salt, age -> blood pressure, salt -> sodium -> blood pressure, region -> salt.
COEFFICIENTS = {("c", "x"): 0.8, ("c", "y"): 1.0, ("x", "m"): 1.5, ("m", "y"): 2.0, ("w", "x"): 0.5}
TRUE_EFFECT = 1.5 * 2.0  # salt -> blood pressure, all through sodium
LABELS = {"c": "age", "x": "salt intake", "m": "urinary sodium", "y": "blood pressure", "w": "region"}


def simulate(n: int = 3000, seed: int = 0) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    c, w = rng.normal(size=n), rng.normal(size=n)
    x = COEFFICIENTS[("c", "x")] * c + COEFFICIENTS[("w", "x")] * w + rng.normal(size=n)
    m = COEFFICIENTS[("x", "m")] * x + rng.normal(size=n)
    y = COEFFICIENTS[("c", "y")] * c + COEFFICIENTS[("m", "y")] * m + rng.normal(size=n)
    # Column names as a researcher would write them: labels, any case, underscores.
    return pd.DataFrame(
        {
            "AGE": c,
            "Salt_Intake": x,
            "urinary sodium": m,
            "Blood Pressure": y,
            "region": w,
            "notes": ["-"] * n,
        }
    )


def graph_of(edges):
    return make_graph({e: 0.9 for e in edges}, LABELS, candidates=[list(edges)])


@pytest.fixture(scope="module")
def data():
    return simulate()


@pytest.fixture(scope="module")
def true_graph_check(data):
    return make_plan(graph_of(COEFFICIENTS), "salt intake -> blood pressure", data=data).data_check


def test_estimate_recovers_the_true_total_effect(true_graph_check):
    check = true_graph_check
    assert check.identified and check.method == "backdoor.linear_regression"
    assert check.adjustment_set == ["c"]
    assert check.estimate == pytest.approx(TRUE_EFFECT, rel=0.03)
    low, high = check.confidence_interval
    assert low < TRUE_EFFECT < high


def test_refuters_pass_on_the_true_graph(true_graph_check):
    results = {r.name: r.passed for r in true_graph_check.refutations}
    assert results == {
        "placebo_treatment_refuter": True,
        "random_common_cause": True,
        "data_subset_refuter": True,
    }


def test_the_true_graph_survives_falsification(true_graph_check):
    falsification = true_graph_check.falsification
    assert falsification["lmc_tests"] > 0
    assert falsification["violations"] == []
    assert falsification["falsified"] is False


def test_columns_are_matched_and_the_rest_ignored(true_graph_check):
    assert true_graph_check.columns == {
        "AGE": "c",
        "Salt_Intake": "x",
        "urinary sodium": "m",
        "Blood Pressure": "y",
        "region": "w",
    }
    assert true_graph_check.latent == []


def test_a_deleted_confounding_edge_is_flagged(data):
    # Candidate 2 reads the literature without age -> blood pressure; the check runs on it.
    graph = make_graph(
        {e: 0.9 for e in COEFFICIENTS},
        LABELS,
        candidates=[list(COEFFICIENTS), [e for e in COEFFICIENTS if e != ("c", "y")]],
    )
    check = make_plan(graph, ("x", "y"), data=data, candidate=2).data_check
    assert check.candidate == 2
    # Without age -> blood pressure the graph sees no confounding, and the estimate is biased ...
    assert check.adjustment_set == []
    assert abs(check.estimate - TRUE_EFFECT) / TRUE_EFFECT > 0.05
    # ... but the data contradict what the graph implies about blood pressure.
    flagged = [v for v in check.falsification["violations"] if "y" in (v["node"], v["independent_of"])]
    failed = [r for r in check.refutations if not r.passed]
    assert flagged or failed
    assert any("contradict" in line for line in check.summary)


def test_unmeasured_confounder_falls_back_to_the_instrument(data):
    plan = make_plan(graph_of(COEFFICIENTS), ("x", "y"), data=data.drop(columns=["AGE"]))
    check = plan.data_check
    assert check.latent == ["c"]
    assert check.method == "iv.instrumental_variable" and check.adjustment_set == ["w"]
    assert check.estimate == pytest.approx(TRUE_EFFECT, rel=0.1)
    assert any(g.kind == "unmeasured_confounding" for g in plan.gaps)
    assert any(i.title == "Measure age" for i in plan.items)


def test_partial_correlation_test_separates_chain_from_fork():
    rng = np.random.default_rng(1)
    a = rng.normal(size=2000)
    b = a + rng.normal(size=2000)
    c = b + rng.normal(size=2000)
    assert partial_correlation_test(a, c) < 1e-6
    assert partial_correlation_test(a, c, b.reshape(-1, 1)) > 0.01


def test_an_unknown_candidate_rank_is_refused(data):
    with pytest.raises(TargetError, match="rank 5"):
        make_plan(graph_of(COEFFICIENTS), ("x", "y"), data=data, candidate=5, use_dowhy=False)


def test_confounding_through_an_unmeasured_variable_is_not_estimated(data):
    confounded = graph_of([("c", "x"), ("c", "y"), ("x", "y")])
    plan = make_plan(confounded, ("x", "y"), data=data[["Salt_Intake", "Blood Pressure"]])
    check = plan.data_check
    assert not check.identified and check.estimate is None and check.refutations == []
    assert check.latent == ["c"]
    assert {"not_identifiable", "unmeasured_confounding"} <= {g.kind for g in plan.gaps}
    assert any("not identifiable" in line for line in check.summary)


def test_the_estimate_is_within_a_fifth_of_the_true_total_effect_and_refuters_pass(true_graph_check):
    assert abs(true_graph_check.estimate - TRUE_EFFECT) <= 0.2 * TRUE_EFFECT
    assert true_graph_check.status == "estimated" and true_graph_check.failures == []
    assert all(r.passed for r in true_graph_check.refutations)


def test_the_placebo_refuter_flags_a_shuffled_treatment(data):
    shuffled = data.copy()
    shuffled["Salt_Intake"] = np.random.default_rng(7).permutation(shuffled["Salt_Intake"].to_numpy())
    check = make_plan(graph_of(COEFFICIENTS), "salt intake -> blood pressure", data=shuffled).data_check
    placebo = next(r for r in check.refutations if r.name == "placebo_treatment_refuter")
    assert placebo.passed is False, placebo.detail
    assert "interval includes the placebo effect" in placebo.detail


# A larger linear SCM, so that permuted DAGs imply different independences (with five variables
# too many permutations imply the same ones for DoWhy's test to be informative).
WIDE = [
    ("a", "b"),
    ("a", "c"),
    ("b", "d"),
    ("c", "d"),
    ("d", "e"),
    ("e", "f"),
    ("b", "g"),
    ("g", "f"),
    ("h", "c"),
]


def simulate_wide(n: int = 2000, seed: int = 1) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    values: dict[str, np.ndarray] = {}
    for node in "ahbcdgef":  # a topological order of WIDE
        parents = [s for s, t in WIDE if t == node]
        values[node] = sum(values[p] for p in parents) * 0.8 + rng.normal(size=n)
    return pd.DataFrame(values)


def test_falsification_rejects_the_dag_with_its_nodes_permuted_but_not_the_true_one():
    import random

    data = simulate_wide()
    nodes = sorted({v for e in WIDE for v in e})
    order = nodes[:]
    random.Random(5).shuffle(order)
    relabel = dict(zip(nodes, order, strict=True))
    permuted = [(relabel[s], relabel[t]) for s, t in WIDE]
    true_check = make_plan(graph_of(WIDE), "a -> f", data=data, use_dowhy=False).data_check
    assert true_check.falsification["falsified"] is False, true_check.falsification
    check = make_plan(
        graph_of(permuted), f"{relabel['a']} -> {relabel['f']}", data=data, use_dowhy=False
    ).data_check
    assert check.falsification["lmc_violations"] > 0
    assert check.falsification["falsified"] is True, check.falsification


def test_a_dag_without_a_path_is_reported_not_estimated_and_nothing_crashes(data):
    # Blood pressure does not descend from salt intake here: DoWhy would return no estimate.
    graph = graph_of([("c", "x"), ("c", "y"), ("w", "x")])
    check = make_plan(graph, "salt intake -> blood pressure", data=data).data_check
    assert check.status == "no causal path" and check.estimate is None and check.failures == []
    assert any("no directed path" in line for line in check.summary)


def test_an_estimate_dowhy_cannot_make_is_a_failure_in_plain_words(data):
    constant = data.copy()
    constant["Salt_Intake"] = 1.0  # no variation in the exposure: nothing to estimate
    check = make_plan(graph_of(COEFFICIENTS), "salt intake -> blood pressure", data=constant).data_check
    assert check.failures, check.summary
    assert check.status in {"failed", "no columns"}
    assert any(line.startswith("Could not run") for line in check.summary)


def test_a_column_mapping_names_columns_that_match_no_variable(data):
    renamed = data.rename(columns={"Salt_Intake": "col_a", "Blood Pressure": "col_b"})
    plan = make_plan(
        graph_of(COEFFICIENTS), "x -> y", data=renamed, columns={"col_a": "salt intake", "col_b": "y"}
    )
    matches = {m["column"]: m for m in plan.data_check.column_matches}
    assert matches["col_a"] == {"column": "col_a", "variable": "x", "how": "mapping"}
    assert matches["AGE"]["how"] == "label" and matches["notes"]["variable"] is None
    assert plan.data_check.estimate == pytest.approx(TRUE_EFFECT, rel=0.2)
    with pytest.raises(TargetError, match="no_such_column"):
        make_plan(graph_of(COEFFICIENTS), "x -> y", data=renamed, columns={"no_such_column": "x"})
