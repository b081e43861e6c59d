"""A chat model's answer to a question, from the retrieved passages only, with checked citations.

The model sees the question and the passages numbered ``[1]``, ``[2]``, ... and is asked to cite them by
number. Its answer is not trusted: every citation must be one of the passages it was given, and so a
paper and page the researcher can open (each passage's ``Provenance``). A citation of anything else (a
number out of range, an author-year reference, a bracketed source that is none of the passages) is
removed from the text and counted.
"""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from causemap.ingest.retrieval import Passage

if TYPE_CHECKING:
    from langchain_core.language_models import BaseChatModel

log = logging.getLogger(__name__)

ANSWER_SYSTEM_PROMPT = (
    "You answer a researcher's question using only the numbered passages from their papers. "
    "After each statement, cite the passages that support it by number in square brackets, "
    "e.g. [2] or [1][3]. Cite nothing else. Do not use outside knowledge. If the passages do not "
    "answer the question, say so plainly."
)
# [3], [1, 4], [2-5], [2–5]
_NUMBERED = re.compile(r"\[\s*(\d+(?:\s*(?:,|;|-|–)\s*\d+)*)\s*\]")
# Other bracketed sources: [Smith 2020], [ref. 4a], [Passage 2 of the trial]
_OTHER_BRACKETS = re.compile(r"\[[^\[\]]{1,120}\]")
# (Smith et al., 2019), (Smith and Jones 2020; Lee 2018a)
_AUTHOR_YEAR = re.compile(
    r"\s?\((?:[A-Z][\w'’-]+(?:\s+et\s+al\.?)?(?:\s+(?:and|&)\s+[A-Z][\w'’-]+)?,?\s+(?:19|20)\d{2}[a-z]?[;,]?\s*)+\)"
)


@dataclass(frozen=True)
class Answer:
    """An answer whose every citation is one of ``passages``.

    Attributes
    ----------
    text
        The answer; ``[n]`` refers to ``passages[n - 1]``.
    passages
        The passages the model was given, in the numbering it saw.
    cited
        The numbers (1-based) of the passages cited, in order of first citation.
    removed
        Citations removed because they pointed at nothing the model was given.
    model
        ``provider:model`` of the chat model that answered.
    """

    text: str
    passages: tuple[Passage, ...]
    cited: tuple[int, ...] = ()
    removed: int = 0
    model: str = ""
    usage: dict[str, int] = field(default_factory=dict)

    @property
    def citations(self) -> list[Passage]:
        """The cited passages, each with its paper and page (``Passage.provenance``)."""
        return [self.passages[n - 1] for n in self.cited]

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "cited": list(self.cited),
            "citations": [p.provenance.model_dump(mode="json") for p in self.citations],
            "removed_citations": self.removed,
            "model": self.model,
        }


def answer_question(
    question: str,
    passages: Sequence[Passage],
    chat_model: BaseChatModel,
    *,
    model_name: str = "",
    max_retries: int = 2,
    sleep: Callable[[float], None] = time.sleep,
) -> Answer:
    """Ask ``chat_model`` to answer ``question`` from ``passages``; keep only citations of them.

    Raises
    ------
    causemap.llm.LLMCallError
        The request failed in a way retrying does not mend (a wrong key, an unreachable server).
    """
    from langchain_core.messages import HumanMessage, SystemMessage

    from causemap.llm import LLMCallError, call_with_retries, describe_call_error

    numbered = "\n\n".join(f"[{i}] {' '.join(p.text.split())}" for i, p in enumerate(passages, 1))
    messages = [
        SystemMessage(ANSWER_SYSTEM_PROMPT),
        HumanMessage(f"Passages:\n\n{numbered}\n\nQuestion: {question}"),
    ]
    try:
        reply = call_with_retries(lambda: chat_model.invoke(messages), max_retries, sleep=sleep)
    except Exception as exc:
        raise LLMCallError(describe_call_error(exc, model_name or "the model", "the LLM server")) from exc
    text, cited, removed = check_citations(reply.text, len(passages))
    if removed:
        log.warning("the answer cited %d source(s) it was not given (removed)", removed)
    usage = dict(getattr(reply, "usage_metadata", None) or {})
    return Answer(text, tuple(passages), tuple(cited), removed, model_name, usage)


def check_citations(answer: str, n_passages: int) -> tuple[str, list[int], int]:
    """``answer`` with only citations of passages ``1..n_passages`` left; the cited numbers in order
    of first citation; and how many citations were removed."""
    cited: list[int] = []
    removed = 0

    def numbers(group: str) -> list[int]:
        out: list[int] = []
        for part in re.split(r"\s*[,;]\s*", group):
            bounds = [int(b) for b in re.split(r"\s*[-–]\s*", part)]
            if len(bounds) == 2 and 0 <= bounds[1] - bounds[0] < 50:
                out.extend(range(bounds[0], bounds[1] + 1))
            else:
                out.extend(bounds)
        return out

    def keep_valid(match: re.Match[str]) -> str:
        nonlocal removed
        found = numbers(match.group(1))
        valid = [n for n in found if 1 <= n <= n_passages]
        removed += len(found) - len(valid)
        for n in valid:
            if n not in cited:
                cited.append(n)
        return "".join(f"[{n}]" for n in dict.fromkeys(valid))

    def drop(match: re.Match[str]) -> str:
        nonlocal removed
        removed += 1
        return ""

    text = _NUMBERED.sub(keep_valid, answer)
    text = _AUTHOR_YEAR.sub(drop, text)
    text = _OTHER_BRACKETS.sub(lambda m: m.group(0) if _is_kept(m.group(0)) else drop(m), text)
    if removed:
        text = re.sub(r"[ \t]+([.,;:])", r"\1", text)  # no stray space where a citation was
        text = re.sub(r"[ \t]{2,}", " ", text)
    return text.strip(), cited, removed


def _is_kept(bracketed: str) -> bool:
    """A bracket left by ``keep_valid`` ("[2]"), or one that cites nothing (no digit, e.g. "[sic]")."""
    return bool(re.fullmatch(r"\[\d+\]", bracketed)) or not re.search(r"\d", bracketed) or len(bracketed) > 60
