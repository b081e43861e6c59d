"""Settings: the workspace, the extractor, the LLM and the embedding model; what is in effect."""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st
from pydantic import ValidationError

from causemap.graphbuilder.extractors import EXTRACTORS
from causemap.ui import state
from causemap.ui.settings_form import (
    default_settings,
    environment_overrides,
    key_status,
    save_settings,
    saved_settings,
)

st.title("Settings")
state.show_flashes()
root = state.workspace_path()

st.subheader("Workspace")
st.caption(f"This session works on **{root}**. `causemap ui --workspace W` chooses it at start.")
with st.form("settings_workspace_form"):
    new_root = st.text_input("Open another workspace folder", str(root), key="settings_workspace")
    if st.form_submit_button("Open workspace", key="settings_open_workspace"):
        state.choose_workspace(new_root.strip())
        state.flash("success", f"Opened {state.workspace_path()}.")
        st.rerun()

try:
    ws = state.workspace()
except Exception as exc:  # the app's entry script already showed why; keep the chooser usable
    st.error(f"This workspace cannot be opened: {exc}")
    st.stop()

saved = saved_settings(ws.root)
defaults = default_settings()


def saved_value(section: str, name: str) -> Any:
    """What settings.toml says, else the default: never a value that came from the environment."""
    return saved.get(section, {}).get(name, defaults[section][name])


st.subheader("Extraction, LLM and embeddings")
with st.form("settings_form"):
    left, right = st.columns(2)
    extractor = left.selectbox(
        "Extractor",
        EXTRACTORS,
        index=EXTRACTORS.index(saved_value("extract", "extractor")),
        key="settings_extractor",
        help="rules: offline, deterministic. llm: the model below, on the sentences the rules flag.",
    )
    llm = left.text_input(
        "LLM (provider:model)",
        saved_value("extract", "llm") or "",
        key="settings_llm",
        placeholder="openai:gpt-4o-mini · anthropic:claude-3-5-haiku-latest · ollama:llama3.1",
        help="Any model LangChain's init_chat_model knows. Keys are read from the environment "
        "(OPENAI_API_KEY, ANTHROPIC_API_KEY, ...) and never stored.",
    )
    base_url = left.text_input(
        "Base URL (OpenAI-compatible server)",
        saved_value("extract", "base_url") or "",
        key="settings_base_url",
        placeholder="http://127.0.0.1:8080/v1",
    )
    embedding = right.text_input(
        "Embedding model",
        saved_value("ingest", "embedding_model"),
        key="settings_embedding_model",
        help="'packaged:all-MiniLM-L6-v2' or a local sentence-transformers folder; nothing is downloaded. "
        "Changing it only affects papers ingested afterwards: use a new workspace to re-embed everything.",
    )
    min_belief = right.slider(
        "Default minimum belief on the Graph page",
        0.0,
        1.0,
        float(saved_value("graph", "min_belief")),
        0.05,
        key="settings_min_belief",
    )
    max_upload = right.number_input(
        "Upload size limit (MB)",
        1.0,
        2048.0,
        float(saved_value("ui", "max_upload_mb")),
        key="settings_max_upload_mb",
    )
    if st.form_submit_button("Save to settings.toml", key="settings_save", type="primary"):
        try:
            path = save_settings(
                ws.root,
                {
                    "extract": {
                        "extractor": extractor,
                        "llm": llm.strip() or None,
                        "base_url": base_url.strip(),
                    },
                    "ingest": {"embedding_model": embedding.strip()},
                    "graph": {"min_belief": float(min_belief)},
                    "ui": {"max_upload_mb": float(max_upload)},
                },
            )
        except ValidationError as exc:
            st.error(f"Not saved: {exc.errors()[0]['loc']}: {exc.errors()[0]['msg']}")
        except ValueError as exc:
            st.error(f"Not saved: {exc}")
        else:
            state.flash("success", f"Saved {path}.")
            st.rerun()

overrides = environment_overrides()
if overrides:
    st.info(
        "These environment variables override the saved settings while the app runs: "
        + ", ".join(f"`{k}={v}`" for k, v in overrides.items())
    )

st.subheader("API keys")
st.caption("Read from the environment only; causemap never stores them.")
st.dataframe(
    pd.DataFrame([{"provider (variable)": k, "set": v} for k, v in key_status().items()]),
    hide_index=True,
    key="settings_keys",
)

st.subheader("In effect")
effective = ws.settings.effective()
rows = [
    {"setting": f"{section}.{name}", "in effect": str(value), "default": str(defaults[section][name])}
    for section, fields in effective.items()
    if isinstance(fields, dict)
    for name, value in fields.items()
]
st.dataframe(pd.DataFrame(rows), hide_index=True, key="settings_effective")
