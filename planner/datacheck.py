"""Checking a candidate DAG and the target effect against a data table, with DoWhy.

Steps, each visible in the result: columns matched to variables (the rest are latent); DoWhy's
identification on X and Y's ancestral subgraph; an estimate (``settings.estimator``); DoWhy's placebo,
random-common-cause and data-subset refuters; and ``dowhy.gcm.falsify.falsify_graph`` on the same
subgraph with a partial-correlation test (fast, and right for the linear default). The outcome is
also told in plain language: what passed, what failed, what it means, what to do next.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import networkx as nx
import numpy as np
import pandas as pd

from causemap.planner.adjustment import ancestral_subgraph, minimal_adjustment_sets
from causemap.planner.dowhy_tools import (
    MAX_EXHAUSTIVE_BACKDOOR,
    MAX_EXHAUSTIVE_FRONTDOOR,
    SafeNames,
    quiet_dowhy,
)
from causemap.planner.refute import Refutation, falsify, partial_correlation_test, reason, refute_estimate
from causemap.settings import PlannerSettings

__all__ = ["DataCheck", "Refutation", "partial_correlation_test", "run_data_check"]


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
                check.failures.append(f"estimation: DoWhy failed ({reason(error)})")
                fitted = None
        if fitted is not None:
            check.refutations = refute_estimate(check, fitted, name(x, x), settings)
            check.failures += [f"{r.name}: {r.detail}" for r in check.refutations if r.passed is None]
        try:
            check.falsification = falsify(names.graph(sub), safe_table, names, settings)
        except Exception as error:
            check.falsification = {
                "method": "dowhy.gcm.falsify.falsify_graph",
                "evaluated": False,
                "detail": f"could not run ({reason(error)})",
            }
            check.failures.append(f"falsification: DoWhy's falsify_graph failed ({reason(error)})")
    _explain(check, x, y, name, settings)
    return check


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
