"""Checking a candidate DAG and the target effect against a data table, with DoWhy.

Steps, each visible in the result: columns matched to variables (the rest are latent); DoWhy's
identification on X and Y's ancestral subgraph; an estimate (``settings.estimator``); DoWhy's placebo,
random-common-cause and data-subset refuters; and ``dowhy.gcm.falsify.falsify_graph`` on the same
subgraph with a partial-correlation test (fast, and right for the linear default). The outcome is
also told in plain language: what passed, what failed, what it means, what to do next.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

import networkx as nx
import numpy as np
import pandas as pd
from scipy import stats

from causemap.planner.adjustment import ancestral_subgraph, minimal_adjustment_sets
from causemap.planner.dowhy_tools import (
    MAX_EXHAUSTIVE_BACKDOOR,
    MAX_EXHAUSTIVE_FRONTDOOR,
    SafeNames,
    quiet_dowhy,
)
from causemap.planner.scoring import load_resource
from causemap.settings import PlannerSettings

__all__ = ["DataCheck", "Refutation", "partial_correlation_test", "run_data_check"]

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


@dataclass
class DataCheck:
    candidate: int
    columns: dict[str, str]  # column -> variable id
    latent: list[str]  # unmeasured variables among X, Y and their ancestors
    rows: int
    identified: bool
    estimate: float | None = None
    confidence_interval: tuple[float, float] | None = None
    method: str | None = None
    identification_method: str | None = None
    adjustment_set: list[str] = field(default_factory=list)
    refutations: list[Refutation] = field(default_factory=list)
    falsification: dict[str, Any] = field(default_factory=dict)
    summary: list[str] = field(default_factory=list)
    next_steps: list[str] = field(default_factory=list)
    # Steps that were asked for and could not run, each in plain words (exit status 3).
    failures: list[str] = field(default_factory=list)
    # What became of the estimate: estimated, not identifiable, no causal path, no columns, failed.
    status: str = "not run"
    column_matches: list[dict[str, Any]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "candidate": self.candidate,
            "columns": self.columns,
            "column_matches": self.column_matches,
            "status": self.status,
            "failures": self.failures,
            "latent": self.latent,
            "rows": self.rows,
            "identified": self.identified,
            "estimate": self.estimate,
            "confidence_interval": list(self.confidence_interval) if self.confidence_interval else None,
            "method": self.method,
            "identification_method": self.identification_method,
            "adjustment_set": self.adjustment_set,
            "refutations": [r.to_dict() for r in self.refutations],
            "falsification": self.falsification,
            "summary": self.summary,
            "next_steps": self.next_steps,
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


def run_data_check(
    dag: nx.DiGraph,
    data: pd.DataFrame,
    x: str,
    y: str,
    columns: dict[str, str],
    labels: dict[str, str],
    candidate: int = 1,
    settings: PlannerSettings | None = None,
) -> DataCheck:
    """Identify, estimate, refute and falsify ``x -> y`` on ``dag`` with ``data``.

    ``columns`` maps data columns to variable ids (see ``targets.match_columns``); ``labels`` gives
    the variables' labels for the plain-language report.
    """
    settings = settings or PlannerSettings()
    table = _numeric_table(data, columns)
    measured = set(table.columns)
    sub = ancestral_subgraph(dag, [x, y])  # all that identification and estimation need
    # Unmeasured variables outside X and Y's ancestry do not matter here, so they are not listed.
    latent = sorted(set(sub) - measured)
    check = DataCheck(candidate, dict(columns), latent, len(table), identified=False)
    name = labels.get
    if x not in measured or y not in measured:
        missing = [name(v, v) for v in (x, y) if v not in measured]
        check.summary.append(f"No column for {' and '.join(missing)}: nothing can be estimated.")
        check.next_steps.append(
            "Add the exposure and outcome to the table (column names matching variable names or "
            "aliases), or map the columns with --columns MAP.json."
        )
        check.status = "no columns"
        check.failures.append(f"estimation: the table has no column for {' and '.join(missing)}")
        return check
    names = SafeNames(sub.nodes)
    safe_table = table[[c for c in table.columns if c in sub]].rename(columns=names.to_safe)
    with quiet_dowhy():
        constant = [v for v in (x, y) if table[v].nunique() < 2]
        if constant:
            fitted = None
            check.status = "failed"
            check.failures.append(
                f"estimation: {' and '.join(name(v, v) for v in constant)} "
                f"{'does' if len(constant) == 1 else 'do'} not vary in the table, "
                "so no effect can be estimated"
            )
        elif not nx.has_path(sub, x, y):
            check.summary.append(
                f"Candidate DAG {candidate} has no directed path from {name(x, x)} to {name(y, y)}: it "
                "implies no effect, so there is nothing to estimate; the data can still test the DAG."
            )
            check.status = "no causal path"
            fitted = None
        else:
            try:
                fitted = _estimate(check, names.graph(sub), safe_table, names, sub, x, y, settings)
            except Exception as error:  # DoWhy's failures are reported, never raised
                check.identified = False
                check.status = "failed"
                check.failures.append(f"estimation: DoWhy failed ({_reason(error)})")
                fitted = None
        if fitted is not None:
            check.refutations = _refute(check, fitted, name(x, x), settings)
            check.failures += [f"{r.name}: {r.detail}" for r in check.refutations if r.passed is None]
        try:
            check.falsification = _falsify(names.graph(sub), safe_table, names, settings)
        except Exception as error:
            check.falsification = {
                "method": "dowhy.gcm.falsify.falsify_graph",
                "evaluated": False,
                "detail": f"could not run ({_reason(error)})",
            }
            check.failures.append(f"falsification: DoWhy's falsify_graph failed ({_reason(error)})")
    _explain(check, x, y, name, settings)
    return check


def _reason(error: Exception) -> str:
    return f"{type(error).__name__}: {error}" if str(error) else type(error).__name__


def _numeric_table(data: pd.DataFrame, columns: dict[str, str]) -> pd.DataFrame:
    table = pd.DataFrame({vid: pd.to_numeric(data[col], errors="coerce") for col, vid in columns.items()})
    table = table.loc[:, table.notna().any()]
    return table.dropna().astype(float)


def _estimate(check, dowhy_graph, table, names, sub, x, y, settings) -> tuple | None:
    """Fill in the identification and estimate; the DoWhy objects the refuters need, or None."""
    from dowhy import CausalModel
    from dowhy.causal_identifier import IdentifiedEstimand

    sx, sy = names.to_safe[x], names.to_safe[y]
    model = CausalModel(data=table, treatment=sx, outcome=sy, graph=dowhy_graph)
    observed = set(table.columns)
    eligible = observed - set(nx.descendants(dowhy_graph, sx)) - {sx, sy}
    mediators = observed & nx.descendants(dowhy_graph, sx) & nx.ancestors(dowhy_graph, sy)
    if len(eligible) <= MAX_EXHAUSTIVE_BACKDOOR and len(mediators) <= MAX_EXHAUSTIVE_FRONTDOOR:
        estimand = model.identify_effect(proceed_when_unidentifiable=False)
        check.identification_method = "DoWhy CausalModel.identify_effect (default)"
    else:
        sets, _ = minimal_adjustment_sets(sub, x, y, {names.to_name[c] for c in observed}, limit=1)
        chosen = sorted(names.to_safe[v] for v in sets[0]) if sets else None
        estimand = IdentifiedEstimand(
            None,
            [sx],
            [sy],
            estimands={"backdoor": None},
            backdoor_variables={"backdoor": chosen} if chosen is not None else {},
            instrumental_variables=[],
            frontdoor_variables=[],
        )
        check.identification_method = (
            f"causemap minimal adjustment set ({len(eligible)} candidate "
            "covariates: DoWhy's exhaustive search skipped)"
        )
    backdoor = (estimand.backdoor_variables or {}).get("backdoor")
    method = settings.estimator
    if backdoor is None and method.startswith("backdoor"):
        if estimand.instrumental_variables:
            method = "iv.instrumental_variable"
        elif estimand.frontdoor_variables:
            method = "frontdoor.two_stage_regression"
        else:
            check.status = "not identifiable"
            return None
    check.identified = True
    check.method = method
    check.adjustment_set = (
        names.back(backdoor)
        if method.startswith("backdoor")
        else (names.back(estimand.instrumental_variables or estimand.frontdoor_variables))
    )
    estimate = model.estimate_effect(estimand, method_name=method, confidence_intervals=True)
    value = getattr(estimate, "value", None)
    if value is None or not np.isfinite(np.ravel(value)[0]):
        check.identified = False
        check.status = "failed"
        check.failures.append(
            f"estimation: DoWhy identified the effect ({method}) but returned no estimate; the "
            "columns may be constant or collinear, or the estimand needs variables the table lacks"
        )
        return None
    check.estimate = float(np.ravel(value)[0])
    check.status = "estimated"
    try:
        low, high = np.ravel(estimate.get_confidence_intervals())[:2]
        check.confidence_interval = (float(low), float(high))
    except Exception:  # not every estimator has intervals; the estimate stands without one
        check.confidence_interval = None
    return model, estimand, estimate


def _refute(check: DataCheck, fitted: tuple, exposure: str, settings: PlannerSettings) -> list[Refutation]:
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
                Refutation(name, None, f"DoWhy could not run it with {check.method} ({_reason(error)})")
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


def _falsify(dowhy_graph, table, names, settings) -> dict[str, Any]:
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


def _explain(check: DataCheck, x: str, y: str, name, settings: PlannerSettings) -> None:
    """The plain-language summary and next steps."""
    lx, ly = name(x, x), name(y, y)
    if check.latent:
        check.summary.append(
            f"Not in the table, so treated as unmeasured: {', '.join(name(v, v) for v in check.latent)}."
        )
    if check.status == "not identifiable":
        check.summary.append(
            f"With the measured columns, the effect of {lx} on {ly} is not "
            "identifiable in this candidate DAG: confounding runs through "
            "unmeasured variables."
        )
        check.next_steps.append(
            "Measure a confounder on each open backdoor path, or find an "
            f"instrument for {lx} (see the identification items)."
        )
    elif check.status == "estimated":
        adjust = ", ".join(name(v, v) for v in check.adjustment_set) or "nothing"
        ci = ""
        if check.confidence_interval:
            ci = f" (95% CI {check.confidence_interval[0]:.3g} to {check.confidence_interval[1]:.3g})"
        basis = "adjusting for" if check.method.startswith("backdoor") else "using"
        check.summary.append(
            f"Estimate ({check.method}, {basis} {adjust}): a unit increase in {lx} "
            f"changes {ly} by {check.estimate:.3g}{ci}, over {check.rows} rows."
        )
        failed = [r for r in check.refutations if r.passed is False]
        passed = [r.name for r in check.refutations if r.passed]
        if passed:
            check.summary.append(f"Passed: {', '.join(passed)}.")
        for r in failed:
            check.summary.append(f"Failed: {r.name} — {r.detail}.")
        if failed:
            check.next_steps.append(
                "Treat the estimate as unreliable until the failed refuters are "
                "understood (outliers, collinearity, model form)."
            )
    f = check.falsification
    if f.get("violations"):
        shown = "; ".join(
            f"{name(v['node'], v['node'])} ⊥ {name(v['independent_of'], v['independent_of'])}"
            + (f" | {', '.join(name(g, g) for g in v['given'])}" if v["given"] else "")
            for v in f["violations"][:5]
        )
        check.summary.append(
            f"The data contradict {f['lmc_violations']} of {f['lmc_tests']} "
            f"independences this DAG implies: {shown}."
        )
        check.next_steps.append(
            "Look for a missing edge or confounder between the variables of each "
            "contradicted independence (literature items), then re-run the check."
        )
    elif f.get("lmc_tests"):
        what = (
            "the one local independence"
            if f["lmc_tests"] == 1
            else f"all {f['lmc_tests']} local independences"
        )
        check.summary.append(
            f"The data agree with {what} the DAG implies (each tested at level {settings.significance:.2g})."
        )
    if not f.get("lmc_tests"):
        check.summary.append(
            "No independence this DAG implies can be tested with the measured "
            "columns, so the data cannot contradict the graph here."
        )
    if f.get("evaluated"):
        verdict = (
            "rejects the DAG"
            if f["falsified"]
            else "does not reject the DAG (it asks "
            "whether the DAG fits better than random relabellings of its nodes, not whether "
            "every implication holds)"
        )
        informative = (
            ""
            if f["falsifiable"]
            else (" (not informative: too many permuted DAGs imply the same independences)")
        )
        check.summary.append(f"DoWhy's permutation test {verdict}{informative}.")
    for failure in check.failures:
        check.summary.append(f"Could not run: {failure}.")
    if check.identified and not check.next_steps:
        check.next_steps.append(
            "Run add_unobserved_common_cause to see how strong an unmeasured "
            "confounder would have to be to overturn the estimate."
        )
