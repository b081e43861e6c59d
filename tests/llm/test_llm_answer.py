"""Cited answers (ingest/answer.py): every citation kept is a passage the model was given.

The chat model is LangChain's fake, answering what each test scripts: this proves the checking, not
that any model answers well (tests/llm/test_llama_server.py runs the same path against a real server).
"""

from __future__ import annotations

from langchain_core.language_models.fake_chat_models import FakeListChatModel

from causemap.ingest.answer import answer_question, check_citations
from causemap.ingest.retrieval import Passage
from causemap.models import Provenance

TEXTS = ["Smoking raises lung cancer risk.", "The cohort was large.", "Exercise lowers blood pressure."]
PASSAGES = [
    Passage(
        Provenance(paper_id=f"paper{i}", title=f"Paper {i}", page=i + 1, start=0, end=len(t), text=t), 0.5
    )
    for i, t in enumerate(TEXTS)
]


def test_citations_of_passages_not_given_are_removed_and_counted() -> None:
    reply = (
        "Smoking raises risk [1], and exercise lowers pressure [3, 9] (Smith et al., 2019). "
        "Also [7] and [Lee 2020]; see [1-3]."
    )
    model = FakeListChatModel(responses=[reply])

    answer = answer_question("What lowers blood pressure?", PASSAGES, model, model_name="fake:m")

    assert answer.cited == (1, 3, 2)
    assert answer.removed == 4  # 9, Smith et al. 2019, 7, Lee 2020
    assert "[9]" not in answer.text and "Smith" not in answer.text and "Lee" not in answer.text
    assert "[1]" in answer.text and "[3]" in answer.text
    assert [(p.paper_id, p.page) for p in answer.citations] == [("paper0", 1), ("paper2", 3), ("paper1", 2)]
    document = answer.to_dict()
    assert document["removed_citations"] == 4 and document["citations"][0]["paper_id"] == "paper0"


class Recording(FakeListChatModel):
    """The fake chat model, keeping the messages it was sent."""

    seen: list = []

    def _call(self, messages, stop=None, run_manager=None, **kwargs):  # noqa: ANN001, ANN003
        self.seen.append(messages)
        return super()._call(messages, stop, run_manager, **kwargs)


def test_the_model_sees_the_numbered_passages_and_the_question() -> None:
    model = Recording(responses=["Exercise lowers it [3]."], seen=[])

    answer = answer_question("What lowers blood pressure?", PASSAGES, model)

    prompt = model.seen[0][-1].content
    assert "[1] Smoking raises lung cancer risk." in prompt and "[3] Exercise lowers" in prompt
    assert prompt.rstrip().endswith("Question: What lowers blood pressure?")
    assert answer.cited == (3,) and answer.removed == 0


def test_brackets_that_cite_nothing_stay() -> None:
    text, cited, removed = check_citations("Blood pressure [sic] fell [2].", 2)
    assert text == "Blood pressure [sic] fell [2]." and cited == [2] and removed == 0
