"""Build ``truth.json``: the causal graph the sample papers were written to express.

The claims are annotated next to the text they come from (the ``claims`` list of each paper's
YAML); variables, the intended contradictions and the intended feedback loops are declared once
in ``graph.yaml``. Edges are aggregated from the claims here, so that an edge can never exist
without a sentence behind it.

Conventions
-----------
``cause`` and ``effect`` are spans copied from the sentence (case aside), without comparative
modifiers such as "higher" or "lower" ("Higher BMI led to lower physical activity": ``BMI`` ->
``physical activity``). Action phrases stay whole ("reducing dietary sodium").
``polarity`` is the sign between cause and effect *as written*: what raising the cause does to
the effect ("reducing dietary sodium lowered blood pressure" is ``-``). ``edge_polarity`` is the
sign between the normalised ``source`` and ``target`` variables (the same sentence is
``sodium_intake -> blood_pressure``, ``+``); it defaults to ``polarity``. ``0`` marks an explicit
null result ("did not affect", "was not associated with", "no evidence that"). A sentence gets
one record per claim it states. The same edge stated twice in one sentence with the same sign,
relation and hedging ("... associated with a higher BMI ... predicted weight gain") is recorded
once; it is recorded twice when the two differ in one of these or one is phrased as an action
("smoking increases ..., and smoking cessation reduces ...").
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

CLAIM_KEYS = ("cause", "effect", "source", "target", "relation", "polarity")
SIGNS = ("+", "-", "0")


def claim_records(papers: list[dict[str, Any]], variable_ids: set[str]) -> list[dict[str, Any]]:
    """Flatten the annotated claims of all papers into truth.json claim records.

    Each paper's ``claims`` is a list of ``{sentence, claims: [...]}``: one sentence may state
    several claims. ``hedged`` defaults to false and ``negated`` to ``polarity == "0"``.

    Raises
    ------
    ValueError
        If a claim lacks a key, names an undeclared variable or uses an unknown sign.
    """
    records = []
    for paper in papers:
        for group in paper.get("claims", []):
            sentence = " ".join(group["sentence"].split())
            for claim in group["claims"]:
                where = f"{paper['id']}: {sentence[:60]!r}"
                missing = [key for key in CLAIM_KEYS if key not in claim]
                if missing:
                    raise ValueError(f"{where} lacks {missing}")
                unknown = {claim["source"], claim["target"]} - variable_ids
                if unknown:
                    raise ValueError(f"{where} names undeclared variables {sorted(unknown)}")
                polarity = str(claim["polarity"])
                edge_polarity = str(claim.get("edge_polarity", polarity))
                if polarity not in SIGNS or edge_polarity not in SIGNS:
                    raise ValueError(f"{where} has an unknown polarity")
                records.append(
                    {
                        "paper": paper["id"],
                        "design": paper["design"],
                        "sentence": sentence,
                        "cause": claim["cause"],
                        "effect": claim["effect"],
                        "relation": claim["relation"],
                        "polarity": polarity,
                        "hedged": bool(claim.get("hedged", False)),
                        "negated": bool(claim.get("negated", polarity == "0")),
                        "source": claim["source"],
                        "target": claim["target"],
                        "edge_polarity": edge_polarity,
                        "variables": [claim["source"], claim["target"]],
                    }
                )
    return records


def aggregate_edges(claims: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One edge per (source, target) with the papers behind each sign.

    An edge is ``contested`` when its claims disagree in sign (including an effect against a
    null result); its ``polarity`` is then ``"mixed"``. It is ``causal`` if any claim states
    causation, else ``correlational``.
    """
    grouped: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for claim in claims:
        grouped[(claim["source"], claim["target"])].append(claim)
    edges = []
    for (source, target), group in sorted(grouped.items()):
        by_sign = {sign: sorted({c["paper"] for c in group if c["edge_polarity"] == sign}) for sign in SIGNS}
        signs = [sign for sign in SIGNS if by_sign[sign]]
        edges.append(
            {
                "source": source,
                "target": target,
                "polarity": signs[0] if len(signs) == 1 else "mixed",
                "relation": ("causal" if any(c["relation"] == "causal" for c in group) else "correlational"),
                "papers": sorted({c["paper"] for c in group}),
                "evidence": {sign: papers for sign, papers in by_sign.items() if papers},
                "n_claims": len(group),
                "all_hedged": all(c["hedged"] for c in group),
                "contested": len(signs) > 1,
            }
        )
    return edges


def build_truth(papers: list[dict[str, Any]], spec: dict[str, Any]) -> dict[str, Any]:
    """Assemble truth.json from the paper sources and ``graph.yaml`` (``spec``)."""
    variables = spec["variables"]
    claims = claim_records(papers, {v["id"] for v in variables})
    return {
        "description": spec["description"].strip(),
        "papers": [
            {
                "id": paper["id"],
                "file": f"pdf/{paper['id']}.pdf",
                "title": paper["title"],
                "authors": paper["authors"],
                "year": paper["year"],
                "doi": paper["doi"],
                "journal": paper["journal"],
                "design": paper["design"],
                "columns": int(paper.get("columns", 1)),
                "pdf_metadata": bool(paper.get("pdf_metadata", False)),
            }
            for paper in papers
        ],
        "variables": variables,
        "edges": aggregate_edges(claims),
        "contradictions": spec["contradictions"],
        "cycles": spec["cycles"],
        "claims": claims,
    }
