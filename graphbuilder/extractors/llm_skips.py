"""Why an LLM batch gets no answer: the exceptions by which the extractor skips a batch and goes on,
and the short excerpts of replies and errors its reasons quote."""

from __future__ import annotations

__all__ = ["METHOD_REFUSED_STATUS", "BatchSkipped", "MalformedAnswer", "MethodRefused", "excerpt"]

# Statuses by which a server says "not this way" to a structured-output method it does not support
# (llama.cpp answers a json_schema response format with a 500).
METHOD_REFUSED_STATUS = frozenset({400, 404, 405, 415, 422, 500, 501})


class BatchSkipped(Exception):
    """This batch gets no answer (its reason is the message); the run goes on."""


class MalformedAnswer(BatchSkipped):
    """The server answered, twice, with nothing usable; ``reason`` says what the last answer was."""

    def __init__(self, reason: str) -> None:
        super().__init__(f"malformed output: {reason}")
        self.reason = reason


class MethodRefused(Exception):
    """The server refused the structured-output method (not the request as such)."""


def excerpt(text: str, limit: int = 200) -> str:
    """``text`` on one line, cut at ``limit`` characters: enough of a reply or error to say what it was."""
    return " ".join(text.split())[:limit]
