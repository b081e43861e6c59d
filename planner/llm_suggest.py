"""Suggestions from a language model (confounders, negative controls), grounded in the corpus.

In the manner of pywhy-llm: the model is asked, for the target X -> Y, which variables might confound
it and which could serve as negative controls. A suggestion becomes a plan item only when a passage
retrieved from the corpus names it together with X or Y, and that passage (with its page) is cited;
every other suggestion is kept apart and labelled as the model's prior, never mixed with evidence.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from causemap.graphbuilder.knowledge_graph import KnowledgeGraph
from causemap.models import PlanAction, PlanItem, Provenance
from causemap.planner.grounding import passage_evidence
from causemap.planner.scoring import binary_entropy, priority
from causemap.planner.targets import TargetError, resolve

__all__ = ["LLMSuggestion", "ask_model", "ground_suggestions", "suggestion_items"]

ROLES = ("confounder", "negative_control_outcome", "negative_control_exposure")
MAX_SUGGESTIONS = 8
Retrieve = Callable[[str], list[Provenance]]

PROMPT = """You help a researcher plan a causal analysis of the effect of "{x}" on "{y}".
Variables already in their causal graph: {known}.
Suggest up to {n} variables, each with one role:
- "confounder": a common cause of "{x}" and "{y}";
- "negative_control_outcome": not caused by "{x}", but sharing its confounders;
- "negative_control_exposure": does not cause "{y}", but shares the confounders of "{x}".
Answer with JSON only, in this form:
{{"suggestions": [{{"name": "...", "role": "confounder", "reason": "..."}}]}}"""


@dataclass
class LLMSuggestion:
    name: str
    role: str
    reason: str
    variable: str | None = None  # the graph's id when the name is a known variable
    citations: list[Provenance] = field(default_factory=list)

    @property
    def grounded(self) -> bool:
        return bool(self.citations)

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "role": self.role,
            "reason": self.reason,
            "variable": self.variable,
            "grounded": self.grounded,
            "citations": [c.model_dump(mode="json") for c in self.citations],
        }


def ask_model(llm: Any, graph: KnowledgeGraph, x: str, y: str) -> tuple[list[LLMSuggestion], str]:
    """The model's suggestions for ``x -> y`` (a LangChain chat model), and a note when its answer
    could not be read."""
    labels = sorted(v.label for v in graph.variables.values())
    prompt = PROMPT.format(
        x=_label(graph, x), y=_label(graph, y), known=", ".join(labels[:200]), n=MAX_SUGGESTIONS
    )
    reply = llm.invoke(prompt)
    text = reply.content if isinstance(reply.content, str) else json.dumps(reply.content)
    try:
        payload, _ = json.JSONDecoder().raw_decode(_json_block(text).strip())
        raw = payload["suggestions"] if isinstance(payload, dict) else payload
    except (ValueError, KeyError, TypeError):
        return [], "the model's answer was not the JSON asked for; no suggestions were used"
    suggestions = []
    for entry in raw[:MAX_SUGGESTIONS]:
        if not isinstance(entry, dict) or entry.get("role") not in ROLES or not entry.get("name"):
            continue
        name = str(entry["name"]).strip()
        try:
            variable = resolve(name, graph)
        except TargetError:
            variable = None
        if variable in (x, y):
            continue
        suggestions.append(LLMSuggestion(name, entry["role"], str(entry.get("reason", "")), variable))
    return suggestions, ""


def ground_suggestions(
    suggestions: list[LLMSuggestion],
    graph: KnowledgeGraph,
    x: str,
    y: str,
    retrieve: Retrieve | None,
) -> list[LLMSuggestion]:
    """Attach to each suggestion the retrieved passages that name it together with X or Y."""
    if retrieve is None:
        return suggestions
    target_names = _names(graph, x) + _names(graph, y)
    for s in suggestions:
        query = f"{s.name} {_label(graph, x)} {_label(graph, y)}"
        names = [s.name] + (_names(graph, s.variable) if s.variable else [])
        s.citations = [
            c for c in retrieve(query) if _mentions(c.text, names) and _mentions(c.text, target_names)
        ][:3]
    return suggestions


def suggestion_items(
    suggestions: list[LLMSuggestion],
    graph: KnowledgeGraph,
    x: str,
    y: str,
    unmeasured_prior: float,
    observed: set[str] | None,
) -> list[PlanItem]:
    """Plan items for the grounded suggestions (the others stay the model's prior)."""
    items = []
    lx, ly = _label(graph, x), _label(graph, y)
    for s in suggestions:
        if not s.grounded:
            continue
        nodes = [v for v in (s.variable, x, y) if v]
        cost = "low" if observed is not None and set(nodes) <= observed else "medium"
        if s.role == "confounder":
            kind, title = "measurement", f"Possible confounder to measure: {s.name}"
            what = f"may cause both {lx} and {ly}; if so, adjust for it"
        else:
            kind = "refutation"
            title = f"Possible {s.role.replace('_', ' ')}: {s.name}"
            what = (
                "could serve as a negative control; check in the graph that it is not "
                "caused by (or does not cause) the variables it must not"
            )
        rationale = (
            f"Suggested by the language model ({s.reason.rstrip('.')}) and found in the "
            f"corpus next to {lx} or {ly}: {s.name} {what}. A model suggestion, not a "
            "claim: read the cited passages before relying on it."
        )
        info = binary_entropy(unmeasured_prior)
        items.append(
            PlanItem(
                kind=kind,
                title=title,
                variables=nodes,
                edges=[(x, y)],
                action=PlanAction(
                    measure=nodes, adjust_for=[s.variable] if kind == "measurement" and s.variable else []
                ),
                rationale=rationale,
                evidence=passage_evidence(s.citations),
                cost=cost,
                information=round(info, 4),
                # Counted as off-target until curated: model suggestions weigh half.
                priority=priority(kind, cost, info, relevant=False),
            )
        )
    return items


def _json_block(text: str) -> str:
    fenced = re.search(r"```(?:json)?\s*(.*?)```", text, re.DOTALL)
    if fenced:
        return fenced.group(1)
    start = min((i for i in (text.find("{"), text.find("[")) if i != -1), default=-1)
    if start == -1:
        raise ValueError("no JSON in the answer")
    return text[start:]


def _label(graph: KnowledgeGraph, node: str) -> str:
    v = graph.variables.get(node)
    return v.label if v else node


def _names(graph: KnowledgeGraph, node: str) -> list[str]:
    v = graph.variables.get(node)
    return [node] + ([v.label, *v.aliases] if v else [])


def _mentions(text: str, names: list[str]) -> bool:
    return any(re.search(rf"(?<!\w){re.escape(n)}(?!\w)", text, re.IGNORECASE) for n in names if n.strip())
