"""Every page renders, without an exception, on an empty workspace and on the sample one; Settings and
Ask do what they say."""

from __future__ import annotations

import tomllib

import pytest

from causemap.ui import jobs
from causemap.ui.settings_form import save_settings

PAGES = {
    "pages/library.py": "Library",
    "pages/claims.py": "Claims",
    "pages/graph.py": "Graph",
    "pages/plan.py": "Plan",
    "pages/ask.py": "Ask",
    "pages/settings.py": "Settings",
}


@pytest.mark.parametrize("which", ["empty", "sample"])
def test_every_page_renders(app, which, request):
    workspace = request.getfixturevalue(f"{which}_ws")
    at = app(workspace)
    assert not at.exception
    for page, title in PAGES.items():
        at.switch_page(page).run()
        graph_job = jobs.current_job(str(workspace.resolve()) + "#graph")
        if graph_job is not None:  # the Graph page builds the graph in the background, then shows it
            assert graph_job.wait(120) and graph_job.status == "done", graph_job.error
            at.run()
        assert not at.exception, f"{page}: {at.exception[0].value}"
        assert [t.value for t in at.title] == [title], page
        assert not at.error, f"{page}: {at.error[0].value}"


def test_the_sidebar_names_the_workspace(app, sample_ws, open_ws):
    at = app(sample_ws)
    counts = open_ws(sample_ws).store.counts()
    assert str(sample_ws.resolve()) in [c.value for c in at.sidebar.code]
    assert any(f"{counts['papers']} papers" in c.value for c in at.sidebar.caption)


def test_settings_are_saved_to_the_workspace(app, empty_ws, monkeypatch):
    # An override in the environment is shown and used, but never written to settings.toml.
    monkeypatch.setenv("CAUSEMAP_GRAPH__CANDIDATES", "5")
    at = app(empty_ws)
    at.switch_page("pages/settings.py").run()
    at.selectbox(key="settings_extractor").set_value("llm")
    at.text_input(key="settings_llm").input("openai:gpt-4o-mini")
    at.text_input(key="settings_base_url").input("http://127.0.0.1:8080/v1")
    at.number_input(key="settings_max_upload_mb").set_value(12.0)
    at.button(key="settings_save").click().run()
    assert not at.exception
    saved = tomllib.loads((empty_ws / "settings.toml").read_text())
    assert saved["extract"] == {
        "extractor": "llm",
        "llm": "openai:gpt-4o-mini",
        "base_url": "http://127.0.0.1:8080/v1",
    }
    assert saved["ui"] == {"max_upload_mb": 12.0}
    assert "graph" not in saved  # the environment's candidates=5 stays in the environment
    effective = at.dataframe[-1].value.set_index("setting")["in effect"]
    assert effective["extract.llm"] == "openai:gpt-4o-mini" and effective["graph.candidates"] == "5"
    assert any("CAUSEMAP_GRAPH__CANDIDATES=5" in i.value for i in at.info)


def test_api_keys_are_reported_but_never_shown(app, empty_ws, monkeypatch):
    monkeypatch.setenv("OPENAI_API_KEY", "sk-test-secret-value")
    monkeypatch.setenv("CAUSEMAP_LLM_API_KEY", "another-secret")
    at = app(empty_ws)
    at.switch_page("pages/settings.py").run()
    rendered = " ".join(str(e.proto) for e in at.main) + " ".join(df.value.to_string() for df in at.dataframe)
    assert "sk-test-secret-value" not in rendered and "another-secret" not in rendered
    keys = at.dataframe[0].value.set_index("provider (variable)")["set"]
    assert keys["openai (OPENAI_API_KEY)"] and not keys["anthropic (ANTHROPIC_API_KEY)"]


def test_invalid_settings_are_refused(empty_ws):
    empty_ws.mkdir()
    with pytest.raises(ValueError):
        save_settings(empty_ws, {"extract": {"extractor": "magic"}})
    assert not (empty_ws / "settings.toml").exists()


def test_ask_lists_passages_with_paper_and_page(app, sample_ws, open_ws):
    at = app(sample_ws)
    at.switch_page("pages/ask.py").run()
    assert at.checkbox(key="ask_use_llm").disabled  # no LLM configured: retrieval only
    at.text_input(key="ask_question").input("What lowers blood pressure?")
    at.number_input(key="ask_k").set_value(3)
    at.button(key="ask_submit").click().run()
    assert not at.exception
    headers = [m.value for m in at.markdown if m.value.startswith("**[")]
    assert len(headers) == 3
    titles = {p.title for p in open_ws(sample_ws).store.papers()}
    assert all(", p. " in h and any(t and t in h for t in titles) for h in headers)
    assert len(at.text) == 3 and all(t.value.strip() for t in at.text)


def test_ask_answers_with_the_configured_llm_citing_passages(app, sample_ws, monkeypatch):
    # The LLM is replaced at the client boundary: the factory returns LangChain's fake chat model.
    from langchain_core.language_models.fake_chat_models import FakeListChatModel

    import causemap.llm

    reply = "Reducing salt lowers blood pressure [2]. Nothing else is known [7]."
    monkeypatch.setattr(
        causemap.llm, "make_chat_model", lambda settings: FakeListChatModel(responses=[reply])
    )
    at = app(sample_ws)
    at.switch_page("pages/ask.py").run()
    assert at.checkbox(key="ask_use_llm").value
    at.text_input(key="ask_question").input("Does salt raise blood pressure?")
    at.number_input(key="ask_k").set_value(3)
    at.button(key="ask_submit").click().run()
    assert not at.exception
    answers = [m.value for m in at.markdown if m.value.startswith("Reducing salt")]
    assert answers == [
        "Reducing salt lowers blood pressure [2]. Nothing else is known."
    ]  # [7] does not exist
    headers = [m.value for m in at.markdown if m.value.startswith("**[")]
    assert [h.startswith("**[2]**") for h in headers if h.endswith("cited")] == [True]
