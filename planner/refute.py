"""Refuting an estimate and falsifying a candidate DAG on data, with DoWhy: the placebo,
random-common-cause and data-subset refuters on the estimate, and ``dowhy.gcm.falsify.falsify_graph``
with a partial-correlation test on the graph. ``datacheck.run_data_check`` calls them in turn."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np
from scipy import stats

from causemap.planner.scoring import load_resource
from causemap.settings import PlannerSettings

if TYPE_CHECKING:  # only for annotations: datacheck imports this module
    from causemap.planner.datacheck import DataCheck

__all__ = ["Refutation", "falsify", "partial_correlation_test", "reason", "refute_estimate"]

# The refuters run on data, by DoWhy name, with the keyword arguments they take here.
DATA_REFUTERS = {
    "placebo_treatment_refuter": {"placebo_type": "permute"},
    "random_common_cause": {},
    "data_subset_refuter": {"subset_fraction": 0.8},
}
# A re-estimate within this fraction of the estimate is no refutation, even when a tight simulation
# spread makes the difference statistically detectable.
NEGLIGIBLE_CHANGE = 0.02


@dataclass(frozen=True)
class Refutation:
    name: str
    passed: bool | None  # None: the refuter could not run
    detail: str
    new_effect: float | None = None
    p_value: float | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "passed": self.passed,
            "detail": self.detail,
            "new_effect": self.new_effect,
            "p_value": self.p_value,
        }


def partial_correlation_test(x: np.ndarray, y: np.ndarray, z: np.ndarray | None = None) -> float:
    """p-value of zero partial correlation of ``x`` and ``y`` given ``z`` (Fisher's z).

    >>> rng = np.random.default_rng(0); a = rng.normal(size=500)
    >>> partial_correlation_test(a, a + rng.normal(size=500)) < 0.01
    True
    """
    x, y = (np.asarray(v, dtype=float).reshape(len(v), -1) for v in (x, y))
    n = x.shape[0]
    design = np.ones((n, 1))
    if z is not None and np.size(z):
        design = np.hstack([design, np.asarray(z, dtype=float).reshape(n, -1)])
    resid_x, resid_y = (v - design @ np.linalg.lstsq(design, v, rcond=None)[0] for v in (x, y))
    dof = n - design.shape[1] - 2
    p_values = []
    for i in range(resid_x.shape[1]):
        for j in range(resid_y.shape[1]):
            r = np.corrcoef(resid_x[:, i], resid_y[:, j])[0, 1]
            if not np.isfinite(r) or dof < 1:
                p_values.append(1.0)
                continue
            statistic = math.sqrt(dof) * math.atanh(min(abs(r), 1 - 1e-12))
            p_values.append(2 * (1 - stats.norm.cdf(statistic)))
    # Several columns: Bonferroni over the pairs.
    return float(min(1.0, min(p_values) * len(p_values)))


def reason(error: Exception) -> str:
    return f"{type(error).__name__}: {error}" if str(error) else type(error).__name__


def refute_estimate(
    check: DataCheck, fitted: tuple, exposure: str, settings: PlannerSettings
) -> list[Refutation]:
    """DoWhy's data refuters on ``fitted`` (model, estimand, estimate), each told in plain words."""
    model, estimand, estimate = fitted
    texts = {r["name"]: r for r in load_resource("refuters.json")["refuters"]}
    results = []
    for name, kwargs in DATA_REFUTERS.items():
        try:
            refutation = model.refute_estimate(
                estimand,
                estimate,
                method_name=name,
                num_simulations=settings.refuter_simulations,
                random_seed=settings.seed,
                **kwargs,
            )
        except Exception as error:  # a refuter that cannot run is reported, not fatal
            results.append(
                Refutation(name, None, f"DoWhy could not run it with {check.method} ({reason(error)})")
            )
            continue
        if refutation.new_effect is None:
            results.append(Refutation(name, None, f"DoWhy returned no re-estimate with {check.method}"))
            continue
        new = float(np.mean(refutation.new_effect))
        p = float((refutation.refutation_result or {}).get("p_value", float("nan")))
        significant = bool(p <= settings.significance)
        if name == "placebo_treatment_refuter":
            # DoWhy tests that zero lies among the placebo estimates; the estimate must also stand
            # apart from them, or the data show no more effect of the exposure than of its shuffle.
            apart = _stands_apart(check, new)
            passed = (not significant) and apart is not False
            what = f"placebo effect {new:.3g} vs estimate {check.estimate:.3g} (p = {p:.2f})"
            if apart is False:
                what += "; the estimate's 95% interval includes the placebo effect"
        else:
            change = abs(new - check.estimate) / max(abs(check.estimate), 1e-12)
            passed = (not significant) or change <= NEGLIGIBLE_CHANGE
            what = f"re-estimate {new:.3g} vs {check.estimate:.3g}, change {change:.1%} (p = {p:.2f})"
        meaning = texts[name]["pass" if passed else "fail"].replace("{x}", exposure)
        results.append(Refutation(name, passed, f"{what}: {meaning}", new, p))
    return results


def _stands_apart(check: DataCheck, placebo: float) -> bool | None:
    """Whether the estimate's 95% interval excludes the placebo effect (None without an interval)."""
    if check.confidence_interval is None:
        return None
    low, high = sorted(check.confidence_interval)
    return not (low <= placebo <= high)


def falsify(dowhy_graph, table, names, settings) -> dict[str, Any]:
    """``falsify_graph`` on ``dowhy_graph`` (DoWhy-safe names) against ``table``: the local Markov
    tests, their violations in the user's variable names, and whether the graph is falsified."""
    from dowhy.gcm.falsify import FalsifyConst, falsify_graph

    if dowhy_graph.number_of_nodes() < 3:
        return {
            "method": "dowhy.gcm.falsify.falsify_graph",
            "evaluated": False,
            "detail": "fewer than three variables: the graph implies no independence to test",
        }
    np.random.seed(settings.seed)  # falsify_graph draws its permutations from numpy's global state
    result = falsify_graph(
        dowhy_graph,
        table,
        independence_test=partial_correlation_test,
        conditional_independence_test=partial_correlation_test,
        significance_level=settings.significance,
        significance_ci=settings.significance,
        n_permutations=settings.falsify_permutations,
        show_progress_bar=False,
        n_jobs=1,
    )
    lmc = result.summary.get(FalsifyConst.VALIDATE_LMC, {})
    tests = lmc.get(FalsifyConst.LOCAL_VIOLATION_INSIGHT, {})
    violations = [
        {
            "node": names.to_name[node],
            "independent_of": names.to_name[other],
            "given": names.back(dowhy_graph.predecessors(node)),
            "p_value": round(float(p), 6),
        }
        for (node, other), (p, violated) in sorted(tests.items())
        if violated
    ]
    return {
        "method": "dowhy.gcm.falsify.falsify_graph (partial-correlation tests)",
        "evaluated": bool(result.can_evaluate),
        "falsified": result.falsified,
        "falsifiable": result.falsifiable,
        "lmc_tests": int(lmc.get(FalsifyConst.N_TESTS, 0)),
        "lmc_violations": int(lmc.get(FalsifyConst.GIVEN_VIOLATIONS, len(violations))),
        "p_value": float(lmc[FalsifyConst.P_VALUE]) if FalsifyConst.P_VALUE in lmc else None,
        "permutations": settings.falsify_permutations,
        "violations": violations,
    }
