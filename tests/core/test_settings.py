"""Settings: defaults, the workspace file, environment variables, and their order."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from causemap.settings import Settings


def test_defaults_are_offline_and_rules_based(tmp_path):
    settings = Settings.load(tmp_path)
    assert settings.extract.extractor == "rules"
    assert settings.extract.llm is None
    assert settings.workspace == tmp_path


def test_file_then_environment_then_arguments(tmp_path, monkeypatch):
    settings = Settings.load(tmp_path)
    settings.graph.candidates = 5
    settings.ingest.max_file_mb = 7
    settings.save()
    assert Settings.load(tmp_path).graph.candidates == 5
    monkeypatch.setenv("CAUSEMAP_GRAPH__CANDIDATES", "4")
    loaded = Settings.load(tmp_path)
    assert (loaded.graph.candidates, loaded.ingest.max_file_mb) == (4, 7)
    assert Settings.load(tmp_path, graph={"candidates": 2}).graph.candidates == 2


def test_llm_shortcut_and_workspace_variable(tmp_path, monkeypatch):
    monkeypatch.setenv("CAUSEMAP_LLM", "ollama:llama3.1")
    monkeypatch.setenv("CAUSEMAP_WORKSPACE", str(tmp_path / "ws"))
    settings = Settings.load()
    assert settings.extract.llm == "ollama:llama3.1"
    assert settings.workspace == tmp_path / "ws"


def test_unknown_keys_are_rejected(tmp_path):
    (tmp_path / "settings.toml").write_text("[graph]\ncandidatez = 3\n")
    with pytest.raises(ValidationError):
        Settings.load(tmp_path)
