"""A plan as Markdown: a protocol a researcher can take to a lab meeting."""

from __future__ import annotations

from typing import TYPE_CHECKING

from causemap.models import PlanEvidence, PlanItem, Provenance

if TYPE_CHECKING:
    from causemap.planner.plan import Plan

__all__ = ["item_markdown", "plan_markdown"]

GAP_HEADINGS = {
    "no_causal_path": "No causal path in some candidates",
    "not_identifiable": "Effects that are not identifiable",
    "unmeasured_confounding": "Unmeasured confounding",
    "no_known_confounders": "No known confounders",
    "contested_edge": "Contested edges",
    "cycle": "Cycles",
    "weak_edge": "Weakly supported edges",
    "cooccurrence": "Discussed together, never linked",
}
# Gaps of one kind shown in full; the rest are counted.
GAPS_SHOWN = 8


def plan_markdown(plan: Plan) -> str:
    name = plan.labels.get
    lines: list[str] = []
    if plan.target:
        x, y = plan.target
        lines.append(f"# Research plan: {name(x, x)} → {name(y, y)}")
    else:
        lines.append("# Research plan")
    lines.append("")
    lines.append(
        f"From {len(plan.labels)} variables and {len(plan.candidates)} candidate DAG(s) "
        f"(weights {', '.join(f'{w:.0%}' for w in plan.weights)}). Priorities: expected "
        "information (bits over the candidate DAGs and the target's identification) × how "
        "decisive the item is, ÷ its cost; see docs/planner.md."
    )
    lines += _summary(plan)
    lines += _gaps(plan)
    lines += _identification(plan)
    lines += _items(plan)
    lines += _data_check(plan)
    lines += _model_prior(plan)
    if plan.notes:
        lines += ["", "## Notes", ""] + [f"- {n}" for n in plan.notes]
    return "\n".join(lines).rstrip() + "\n"


def _summary(plan: Plan) -> list[str]:
    out = ["", "## In brief", ""]
    ident = plan.identification
    if ident is not None:
        best = ident.recommended
        if best is not None:
            adjust = ", ".join(plan.labels.get(v, v) for v in sorted(best.variables))
            advice = f"Adjust for **{adjust}**" if adjust else "**No adjustment** needed"
            out.append(f"- {advice}: valid in {best.share:.0%} of the candidate weight.")
        x, y = plan.labels.get(ident.x, ident.x), plan.labels.get(ident.y, ident.y)
        if ident.causal_path_share <= 0:
            out.append(
                f"- No candidate DAG has a directed path from {x} to {y}: the literature "
                "gathered here implies no effect, or has not studied one."
            )
        else:
            where = (
                "wherever it exists"
                if ident.identifiable_share >= ident.causal_path_share - 1e-9
                else f"in {ident.identifiable_share:.0%}"
            )
            out.append(
                f"- A causal path from {x} to {y} exists in {ident.causal_path_share:.0%} "
                f"of the candidate weight; the effect is identifiable {where}."
            )
    else:
        out.append(
            "- No target effect given: the plan covers the whole graph. Name one "
            '("X -> Y") for identification, negative controls and a data check.'
        )
    check = plan.data_check
    if check and check.summary:
        out.append(f"- Data: {check.summary[0] if check.identified else check.summary[-1]}")
    for item in plan.items[:3]:
        out.append(f"- Next: {item.title} ({item.kind}, {item.cost} cost).")
    decisive = plan.target_experiment
    if decisive is not None and decisive not in plan.items[:3]:
        out.append(
            f"- The study that would settle the target: {decisive.title} ({decisive.cost} "
            f"cost, rank {plan.items.index(decisive) + 1})."
        )
    return out


def _gaps(plan: Plan) -> list[str]:
    if not plan.gaps:
        return ["", "## Gaps", "", "None found."]
    out = ["", "## Gaps"]
    kinds = list(dict.fromkeys(g.kind for g in plan.gaps))
    for kind in kinds:
        of_kind = [g for g in plan.gaps if g.kind == kind]
        out += ["", f"### {GAP_HEADINGS.get(kind, kind)} ({len(of_kind)})", ""]
        for gap in of_kind[:GAPS_SHOWN]:
            out.append(f"- {gap.description}")
            out += [f"  - {r}" for r in gap.reasons if kind == "cycle"]
            out += [f"  - {_cite(c)}" for c in gap.citations[:2]]
        if len(of_kind) > GAPS_SHOWN:
            out.append(f"- … and {len(of_kind) - GAPS_SHOWN} more (see the JSON output).")
    return out


def _identification(plan: Plan) -> list[str]:
    ident = plan.identification
    if ident is None:
        return []
    name = plan.labels.get

    def names(nodes) -> str:
        return ", ".join(name(v, v) for v in sorted(nodes)) or "∅ (none)"

    out = ["", f"## Identification of {name(ident.x, ident.x)} → {name(ident.y, ident.y)}", ""]
    if ident.adjustment_sets:
        out += ["| Adjustment set | Valid in candidates | Weight | Decided by |", "|---|---|---|---|"]
        for s in ident.adjustment_sets:
            decided = "; ".join(f"{name(a, a)} → {name(b, b)}" for a, b in s.deciding_edges) or "—"
            out.append(
                f"| {names(s.variables)} | {', '.join(map(str, s.valid_in)) or '—'} | "
                f"{s.share:.0%} | {decided} |"
            )
    else:
        out.append("No adjustment set of measured variables exists in any candidate.")
    out.append("")
    for s in ident.instruments:
        given = f" given {names(s.given)}" if s.given else ""
        out.append(
            f"- Instrument: {names(s.variables)}{given} (candidates "
            f"{', '.join(map(str, s.valid_in))}, weight {s.share:.0%})"
        )
    for s in ident.frontdoor_sets:
        out.append(
            f"- Front-door set: {names(s.variables)} (candidates "
            f"{', '.join(map(str, s.valid_in))}, weight {s.share:.0%})"
        )
    dowhy = [(c.rank, c.dowhy) for c in ident.candidates if c.dowhy]
    if dowhy:
        out += ["", "DoWhy's identification per candidate:", ""]
        for rank, d in dowhy:
            parts = [
                f"backdoor {names(d['backdoor'])}" if d.get("backdoor") is not None else None,
                f"general adjustment {names(d['general_adjustment'])}"
                if d.get("general_adjustment") is not None
                else None,
                f"instruments {names(d['instruments'])}" if d.get("instruments") else None,
                f"front-door {names(d['frontdoor'])}" if d.get("frontdoor") else None,
            ]
            found = "; ".join(p for p in parts if p) or "not identified"
            out.append(f"- candidate {rank}: {found} ({d['method']})")
    return out


def _items(plan: Plan) -> list[str]:
    out = ["", "## Proposals, most informative for their cost first"]
    if not plan.items:
        return out + ["", "None."]
    for number, item in enumerate(plan.items, 1):
        out += ["", f"### {number}. {item.title}", ""]
        out += item_markdown(item, plan.labels)
    if plan.dropped:
        out += ["", f"## Left out ({len(plan.dropped)})", ""]
        out += [f"- {d.title}: {d.reason}" for d in plan.dropped[:GAPS_SHOWN]]
        if len(plan.dropped) > GAPS_SHOWN:
            out.append(f"- … and {len(plan.dropped) - GAPS_SHOWN} more (see the JSON output).")
    return out


def item_markdown(item: PlanItem, labels: dict[str, str]) -> list[str]:
    """One proposal as Markdown lines: the same fields the JSON and the app show."""
    name = labels.get
    out = [
        f"*{item.kind} · cost {item.cost} · {item.information:.2f} bits · priority {item.priority:.3f}*",
        "",
        item.rationale,
    ]
    action = item.action
    steps = [
        f"method `{action.method}`" if action.method else None,
        "arguments " + ", ".join(f"{k}={v!r}" for k, v in action.arguments.items())
        if action.arguments
        else None,
        f"design {action.design.replace('_', ' ')}" if action.design else None,
        "intervene on " + ", ".join(name(v, v) for v in action.intervene) if action.intervene else None,
        "measure " + ", ".join(name(v, v) for v in action.measure) if action.measure else None,
        "adjust for " + ", ".join(name(v, v) for v in action.adjust_for) if action.adjust_for else None,
        f"search `{action.query}`" if action.query else None,
    ]
    steps = [s for s in steps if s]
    if steps:
        out += ["", "Action: " + "; ".join(steps) + "."]
    if item.expected:
        out += ["", "Expected result by candidate DAG:"]
        out += [
            f"- candidate(s) {', '.join(map(str, e.candidates))} (weight {e.weight:.0%}): {e.result}"
            for e in item.expected
        ]
    if item.existing:
        out += ["", "Already in the collection:"] + [f"- {_evidence(e)}" for e in item.existing]
    if item.adds:
        out += ["", f"What a new study adds: {item.adds}."]
    for caveat in item.caveats:
        out += ["", f"Caveat: {caveat}."]
    if item.evidence:
        out += ["", "Evidence:"] + [f"- {_evidence(e)}" for e in item.evidence]
    return out


def _evidence(e: PlanEvidence) -> str:
    details = [
        d
        for d in (
            f"claim {e.claim_id}" if e.claim_id else "passage",
            e.role.value if e.role else None,
            e.design.value.replace("_", "-") if e.design and e.design.value != "unknown" else None,
            f"sign {e.polarity}" if e.polarity else None,
            "hedged" if e.hedged else None,
        )
        if d
    ]
    return f"{_cite(e.provenance)} ({', '.join(details)})"


def _data_check(plan: Plan) -> list[str]:
    check = plan.data_check
    if check is None:
        return []
    out = ["", f"## Data check (candidate DAG {check.candidate}, {check.rows} rows)", ""]
    out += [f"- {line}" for line in check.summary]
    if check.refutations:
        out += ["", "| Refuter | Result | Detail |", "|---|---|---|"]
        verdicts = {True: "pass", False: "FAIL", None: "not run"}
        out += [f"| {r.name} | {verdicts[r.passed]} | {r.detail} |" for r in check.refutations]
    if check.next_steps:
        out += ["", "What to do next:", ""] + [f"- {s}" for s in check.next_steps]
    return out


def _model_prior(plan: Plan) -> list[str]:
    if not plan.model_suggestions:
        return []
    out = [
        "",
        "## The language model's prior (not found in the corpus)",
        "",
        "Suggestions the model made that no retrieved passage supports. They are the model's "
        "prior belief, not evidence; check them before use.",
        "",
    ]
    for s in plan.model_suggestions:
        out.append(f"- {s.name} ({s.role.replace('_', ' ')}): {s.reason}")
    return out


def _cite(c: Provenance) -> str:
    title = c.title or c.paper_id[:12]
    return f"“{c.text.strip()}” — {title}, p. {c.page}"
