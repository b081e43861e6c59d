"""`causemap extract --extractor llm` run as a user runs it, against a scripted OpenAI-compatible server.

The real command (a subprocess) and the real openai client talk to a stub server on 127.0.0.1 whose
answers the test scripts. This proves how a run ends (summary on stdout, the run recorded, exit
status) whatever the server answers; it does not prove any model extracts claims well.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from typing import Any

import pytest
from openai_stub import answer_with, completion, numbered_sentences, stub_server
from user_runs import causemap_command, ingest_abstracts, llm_extract

from causemap.graphbuilder.extractors.llm_scripted import scripted_claims
from causemap.workspace import Workspace

pytest.importorskip("langchain_openai")

ABSTRACTS = [
    {
        "id": "trial",
        "title": "Sodium reduction trial",
        "text": "400 adults were randomly assigned to a low-sodium diet or their usual diet. "
        "Sodium reduction lowered systolic blood pressure by 5 mmHg.",
    },
    {
        "id": "cohort",
        "title": "Sleep and weight",
        "text": "We followed 2,000 children for ten years. "
        "Short sleep was associated with higher body mass index.",
    },
]
# What a careful reader finds in the sentences above: (sentence fragment, cause, effect, relation, polarity)
READINGS = [
    ("Sodium reduction lowered", "Sodium reduction", "systolic blood pressure", "causal", "-"),
    ("Short sleep was associated", "Short sleep", "higher body mass index", "correlational", "+"),
]


def reader(body: dict[str, Any]) -> tuple[int, dict[str, Any]]:
    """Answers each request with the READINGS of the sentences it was sent."""

    def read(text: str) -> list[tuple[str, str, str, str]]:
        return [(cause, effect, rel, sign) for part, cause, effect, rel, sign in READINGS if part in text]

    return answer_with(scripted_claims(numbered_sentences(body).items(), read))(body)


@pytest.fixture(scope="module")
def ingested(tmp_path_factory):
    """The abstracts ingested once (embedding them is the slow part); each test gets a copy."""
    return ingest_abstracts(tmp_path_factory.mktemp("ingested"), ABSTRACTS)


@pytest.fixture()
def workspace(ingested, tmp_path):
    return shutil.copytree(ingested, tmp_path / "ws")


def extract(workspace, base_url: str, *args: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("CAUSEMAP_", "OPENAI_"))}
    env |= {"CAUSEMAP_LLM": "openai:stub-model", "CAUSEMAP_EXTRACT__BASE_URL": base_url}
    env |= {"CAUSEMAP_EXTRACT__MAX_RETRIES": "1"}
    command = causemap_command(*llm_extract(workspace, *args))
    return subprocess.run(command, capture_output=True, text=True, env=env, timeout=300)


def last_run(workspace) -> dict[str, Any]:
    with Workspace.open(workspace) as ws:
        run = ws.store.last_run("extract")
        return {**run, "failures": ws.store.last_failures("extract"), "claims": ws.store.claims()}


def test_a_run_ends_with_its_summary_and_is_recorded_as_finished(workspace) -> None:
    with stub_server(reader) as server:
        result = extract(workspace, server.base_url)

    assert result.returncode == 0, result.stderr
    summary = json.loads(result.stdout)  # stdout holds exactly one JSON document
    llm = summary["llm"]
    assert llm["calls"] == len(server.requests) >= 1
    assert llm["input_tokens"] == 321 * llm["calls"] and llm["skipped_batches"] == 0
    assert summary["claims_stored"] == 2
    run = last_run(workspace)
    assert run["status"] == "ok" and run["summary"]["llm"]["calls"] == llm["calls"]
    assert {(c.cause, c.effect) for c in run["claims"]} == {(r[1], r[2]) for r in READINGS}


def test_malformed_output_is_retried_once_then_skipped_recorded_and_resumed(workspace) -> None:
    reply = '{claims: [{"sentence": 1, "quote": "Sodium'  # not JSON, and cut off

    def malformed(body: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        if body.get("tools"):
            return 200, completion(body, None, tool_args=reply)
        return 200, completion(body, reply)

    with stub_server(malformed) as server:
        result = extract(workspace, server.base_url)

    assert result.returncode == 3, result.stderr  # partial: the batches were skipped, the run finished
    summary = json.loads(result.stdout)
    llm = summary["llm"]
    # Each batch asked twice; the first also by the other structured-output methods, once each.
    assert llm["skipped_batches"] >= 1 and llm["malformed"] >= 2 * llm["skipped_batches"]
    assert all("malformed" in s["reason"] for s in llm["skipped"])
    assert summary["claims_stored"] == 0 and len(summary["incomplete"]) == 2
    run = last_run(workspace)
    assert run["status"] == "partial"
    assert {f["code"] for f in run["failures"]} == {"llm_batch_skipped"}
    assert {f["path"] for f in run["failures"]} == set(summary["incomplete"])

    # The next run, with a server that answers, reads what was skipped.
    with stub_server(reader) as answering:
        again = extract(workspace, answering.base_url)
    assert again.returncode == 0, again.stderr
    resumed = json.loads(again.stdout)
    assert resumed["claims_stored"] == 2 and resumed["incomplete"] == [] and resumed["papers_skipped"] == 0
    assert last_run(workspace)["status"] == "ok"


def test_estimate_says_what_a_run_would_send_and_sends_nothing(workspace) -> None:
    with stub_server(reader) as server:
        estimate = extract(workspace, server.base_url, "--estimate")
        assert estimate.returncode == 0, estimate.stderr
        assert server.requests == []  # nothing sent
        planned = json.loads(estimate.stdout)
        assert planned["papers"] == len(ABSTRACTS) and planned["candidates"] >= len(READINGS)
        assert planned["batches"] >= 1 and planned["cached_batches"] == 0 and planned["prompt_tokens"] > 0

        assert extract(workspace, server.base_url).returncode == 0
        sent = len(server.requests)
        again = json.loads(extract(workspace, server.base_url, "--estimate", "--force").stdout)
        assert len(server.requests) == sent  # still nothing sent

    # After the run, the same requests would be answered from the cache: they cost nothing.
    assert again["cached_batches"] == again["batches"] == planned["batches"] and again["prompt_tokens"] == 0
