"""Language-model suggestions, with LangChain's fake chat model.

What this proves: the prompt reaches the model, its JSON answer is read, each suggestion is grounded
only by a retrieved passage that names it with the exposure or outcome, grounded ones become cited
plan items and the rest are kept apart as the model's prior, and an unreadable answer is reported.
What it does not prove: that a real model answers in this JSON, or that its suggestions are any good
— the fake model says what the test tells it to.
"""

from __future__ import annotations

import json

import pytest
from langchain_core.language_models.fake_chat_models import GenericFakeChatModel
from langchain_core.messages import AIMessage
from planner_graphs import make_graph

from causemap.models import Provenance
from causemap.planner import make_plan

LABELS = {"x": "coffee", "y": "insomnia", "c": "stress"}


@pytest.fixture
def graph():
    return make_graph({("x", "y"): 0.8, ("c", "y"): 0.7}, LABELS, candidates=[[("x", "y"), ("c", "y")]])


def fake_model(payload) -> GenericFakeChatModel:
    text = payload if isinstance(payload, str) else json.dumps(payload)
    return GenericFakeChatModel(messages=iter([AIMessage(content=text)]))


SUGGESTIONS = {
    "suggestions": [
        {"name": "shift work", "role": "confounder", "reason": "shift workers drink coffee and sleep badly"},
        {"name": "stress", "role": "confounder", "reason": "stress raises both"},
        {"name": "tea drinking", "role": "negative_control_exposure", "reason": "similar habit"},
        {"name": "moon phase", "role": "confounder", "reason": "folklore"},
        {"name": "anything", "role": "not-a-role", "reason": "ignored"},
    ]
}

PASSAGES = {
    "shift work": [
        Provenance(
            paper_id="p7",
            title="Night shifts",
            page=3,
            start=0,
            end=len("Shift work was associated with both coffee use and insomnia."),
            text="Shift work was associated with both coffee use and insomnia.",
        )
    ],
    "stress": [
        Provenance(
            paper_id="p2",
            title="Stress",
            page=9,
            start=0,
            end=len("Perceived stress predicted insomnia in the cohort."),
            text="Perceived stress predicted insomnia in the cohort.",
        )
    ],
    # Retrieved, but names neither coffee nor insomnia: not grounding.
    "tea drinking": [
        Provenance(
            paper_id="p4",
            title="Tea",
            page=1,
            start=0,
            end=len("Tea drinking is common."),
            text="Tea drinking is common.",
        )
    ],
}


def retrieve(question: str) -> list[Provenance]:
    return next((hits for name, hits in PASSAGES.items() if question.startswith(name)), [])


def test_grounded_suggestions_become_cited_items(graph):
    plan = make_plan(
        graph, "coffee -> insomnia", llm=fake_model(SUGGESTIONS), retrieve=retrieve, use_dowhy=False
    )
    titles = {i.title: i for i in plan.items}
    shift = titles["Possible confounder to measure: shift work"]
    assert shift.kind == "measurement"
    assert [c.page for c in shift.citations] == [3] and shift.citations[0].paper_id == "p7"
    assert "language model" in shift.rationale
    stress = titles["Possible confounder to measure: stress"]
    assert "c" in stress.variables  # the suggestion named a variable the graph knows


def test_ungrounded_suggestions_are_kept_apart_as_the_models_prior(graph):
    plan = make_plan(graph, ("x", "y"), llm=fake_model(SUGGESTIONS), retrieve=retrieve, use_dowhy=False)
    prior = {s.name for s in plan.model_suggestions}
    assert prior == {"tea drinking", "moon phase"}
    assert not any("moon phase" in i.title or "tea drinking" in i.title for i in plan.items)
    text = plan.to_markdown()
    assert "## The language model's prior (not found in the corpus)" in text
    assert "moon phase (confounder): folklore" in text
    doc = plan.to_dict()
    assert {s["name"] for s in doc["model_suggestions"]} == prior
    assert all(not s["grounded"] for s in doc["model_suggestions"])


def test_without_retrieval_nothing_is_grounded(graph):
    plan = make_plan(graph, ("x", "y"), llm=fake_model(SUGGESTIONS), use_dowhy=False)
    assert not any(i.title.startswith("Possible") for i in plan.items)
    assert len(plan.model_suggestions) == 4
    assert any("no retrieval" in n for n in plan.notes)


def test_fenced_json_with_trailing_prose_is_read(graph):
    answer = "Here you go:\n```json\n" + json.dumps(SUGGESTIONS) + "\n```\nHope this helps."
    plan = make_plan(graph, ("x", "y"), llm=fake_model(answer), retrieve=retrieve, use_dowhy=False)
    assert any(i.title == "Possible confounder to measure: shift work" for i in plan.items)


def test_an_unreadable_answer_is_reported_not_fatal(graph):
    plan = make_plan(
        graph, ("x", "y"), llm=fake_model("I think stress matters."), retrieve=retrieve, use_dowhy=False
    )
    assert plan.model_suggestions == []
    assert any("not the JSON" in n for n in plan.notes)


def test_everything_works_without_a_model(graph):
    plan = make_plan(graph, ("x", "y"), use_dowhy=False)
    assert plan.model_suggestions == [] and plan.items
