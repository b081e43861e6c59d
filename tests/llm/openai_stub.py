"""A scripted OpenAI-compatible HTTP server on 127.0.0.1, for driving the real openai client.

It stands in for what cannot run in a test, a paid API: the answers are whatever the test scripts, so
a test using it proves how causemap handles the replies, never how well a model reads papers.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

# respond(request body) -> (HTTP status, JSON payload)
Responder = Callable[[dict[str, Any]], tuple[int, dict[str, Any]]]


def completion(body: dict[str, Any], content: str | None, tool_args: str | None = None, **kw: Any) -> dict:
    """A chat.completion answering ``body`` with text, or with one call of its first tool."""
    message: dict[str, Any] = {"role": "assistant", "content": content}
    if tool_args is not None:
        name = body["tools"][0]["function"]["name"]
        message["tool_calls"] = [
            {"id": "call-1", "type": "function", "function": {"name": name, "arguments": tool_args}}
        ]
    return {
        "id": "chatcmpl-1",
        "object": "chat.completion",
        "created": 0,
        "model": body["model"],
        "choices": [{"index": 0, "message": message, "finish_reason": kw.get("finish_reason", "stop")}],
        "usage": {"prompt_tokens": 321, "completion_tokens": 54, "total_tokens": 375},
    }


def answer_with(payload: dict[str, Any]) -> Responder:
    """Answer every request with ``payload`` as JSON, in whatever form the request asks for."""
    text = json.dumps(payload)

    def respond(body: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        if body.get("tools"):
            return 200, completion(body, None, tool_args=text)
        return 200, completion(body, text)

    return respond


class StubServer:
    """The running server: its ``base_url``, the ``requests`` it received, and its ``respond``."""

    def __init__(self, respond: Responder) -> None:
        self.respond = respond
        self.requests: list[dict[str, Any]] = []
        stub = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 - http.server's naming
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                stub.requests.append({"path": self.path, "auth": self.headers.get("Authorization"), **body})
                status, payload = stub.respond(body)
                data = json.dumps(payload).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.send_header("Retry-After", "0")
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args: Any) -> None:
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.base_url = f"http://127.0.0.1:{self._server.server_address[1]}/v1"

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()


@contextmanager
def stub_server(respond: Responder) -> Iterator[StubServer]:
    server = StubServer(respond)
    thread = threading.Thread(target=server._server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.stop()


def numbered_sentences(body: dict[str, Any]) -> dict[int, str]:
    """The ``[n] sentence`` lines of a request's last message."""
    content = body["messages"][-1]["content"]
    found = {}
    for line in content.splitlines():
        if line.startswith("[") and "] " in line:
            number, _, text = line[1:].partition("] ")
            if number.isdigit():
                found[int(number)] = text
    return found
