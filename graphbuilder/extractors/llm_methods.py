"""The ways a chat model can be asked for the claims schema, and how each answer is read.

Servers differ in what they accept: OpenAI takes JSON-schema response formats, llama.cpp's server takes
only ``json_object`` (with a ``schema``), some servers only tool calls, some only text. The extractor
tries the methods in order and keeps the first that the server accepts (see ``LLMExtractor``); a method
the server refuses is a clear error there, never a guess.

``invoke`` returns the raw reply and the claims, or None for the claims when the reply is malformed.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from langchain_core.messages import AIMessage, BaseMessage

from causemap.graphbuilder.extractors.llm_prompt import LLMClaims, parse_claims_text

if TYPE_CHECKING:
    from langchain_core.language_models import BaseChatModel

# with_structured_output methods; "default" lets the integration choose its own.
STRUCTURED_METHODS = ("default", "json_schema", "function_calling", "json_mode")
# Methods whose prompt must spell out the JSON wanted (the server does not pass the schema on).
JSON_IN_PROMPT = frozenset({"json_mode", "json_object", "text"})
# json_object first: a server that has it constrains the answer to the schema.
FALLBACKS = ("json_object", "function_calling", "text")


def method_order(first: str | None, provider: str, custom_server: bool) -> tuple[str, ...]:
    """The methods to try, in order: the configured one (or the provider's default), then fallbacks.

    ``json_object`` is an OpenAI-compatible server's extension (llama.cpp, vLLM), tried only there.
    """
    order = [first or ("json_schema" if provider == "openai" else "default")]
    for method in FALLBACKS:
        if method == "json_object" and not (provider == "openai" and custom_server):
            continue
        order.append(method)
    return tuple(dict.fromkeys(order))


@dataclass
class BoundMethod:
    """One method bound to one chat model."""

    name: str
    runnable: Any

    @property
    def json_in_prompt(self) -> bool:
        return self.name in JSON_IN_PROMPT

    def invoke(self, messages: Sequence[BaseMessage]) -> tuple[AIMessage, LLMClaims | None]:
        if self.name in STRUCTURED_METHODS:
            out = self.runnable.invoke(list(messages))
            reply, parsed = out["raw"], out.get("parsed")
            if isinstance(parsed, LLMClaims):
                return reply, parsed
            return reply, _claims_from_reply(reply)
        reply = self.runnable.invoke(list(messages))
        return reply, parse_claims_text(reply.text)


def bind_method(chat_model: BaseChatModel, name: str) -> BoundMethod:
    """``name`` bound to ``chat_model``. Raises NotImplementedError or ValueError when the
    integration cannot do it at all (no tool calling, an unknown method)."""
    if name in STRUCTURED_METHODS:
        kwargs: dict[str, Any] = {"include_raw": True}
        if name != "default":
            kwargs["method"] = name
        return BoundMethod(name, chat_model.with_structured_output(LLMClaims, **kwargs))
    if name == "json_object":
        schema = LLMClaims.model_json_schema()
        return BoundMethod(name, chat_model.bind(response_format={"type": "json_object", "schema": schema}))
    if name == "text":
        return BoundMethod(name, chat_model)
    raise ValueError(f"unknown structured-output method {name!r}")


def _claims_from_reply(reply: AIMessage) -> LLMClaims | None:
    """Structured output that failed to parse may still hold the JSON asked for, in the text or in a
    tool call's arguments."""
    for call in getattr(reply, "tool_calls", None) or []:
        claims = parse_claims_text(json.dumps(call.get("args") or {}))
        if claims is not None:
            return claims
    for call in getattr(reply, "invalid_tool_calls", None) or []:
        claims = parse_claims_text(str(call.get("args") or ""))
        if claims is not None:
            return claims
    return parse_claims_text(reply.text)


def reply_size(reply: AIMessage) -> int:
    """Characters of the answer: its text and any tool-call arguments."""
    size = len(reply.text)
    for call in getattr(reply, "tool_calls", None) or []:
        size += len(json.dumps(call.get("args") or {}))
    for call in getattr(reply, "invalid_tool_calls", None) or []:
        size += len(str(call.get("args") or ""))
    return size


def was_truncated(reply: AIMessage) -> bool:
    """The answer stopped at the output-token limit (OpenAI, Anthropic and Ollama say so differently)."""
    meta = getattr(reply, "response_metadata", None) or {}
    reasons = {meta.get("finish_reason"), meta.get("stop_reason"), meta.get("done_reason")}
    return bool(reasons & {"length", "max_tokens"})
