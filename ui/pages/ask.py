"""Ask: a question over the corpus; the closest passages with paper and page, and an LLM answer if set."""

from __future__ import annotations

import streamlit as st

from causemap.ingest.answer import answer_question
from causemap.ingest.retrieval import retrieve
from causemap.llm import LLMConfigError, make_chat_model
from causemap.ui import state

RESULT = "ask_result"

ws = state.workspace()
st.title("Ask")
st.caption("Retrieval over the ingested papers, the same as `causemap ask`.")

if not ws.store.counts()["chunks"]:
    st.info("Nothing to search yet: ingest papers on the Library page first.")
    st.stop()

try:
    chat_model = make_chat_model(ws.settings.extract)
    llm_problem = None
except LLMConfigError as exc:
    chat_model, llm_problem = None, str(exc)

with st.form("ask_form"):
    question = st.text_input(
        "Question", key="ask_question", placeholder="Does smoking increase blood pressure?"
    )
    k_col, llm_col = st.columns([1, 3])
    k = k_col.number_input("Passages", 1, 20, 5, key="ask_k")
    use_llm = llm_col.checkbox(
        f"Answer with {ws.settings.extract.llm or 'the configured LLM'}"
        if chat_model is not None
        else "Answer with an LLM",
        value=chat_model is not None,
        disabled=chat_model is None,
        key="ask_use_llm",
        help=llm_problem or "Set an LLM on the Settings page (keys come from the environment only).",
    )
    asked = st.form_submit_button("Ask", key="ask_submit", type="primary")

if asked:
    if not question.strip():
        st.warning("Type a question first.")
    else:
        with st.spinner("Searching the papers…"):
            passages = retrieve(ws, question, int(k))
        answer, cited, error = None, [], None
        if use_llm and chat_model is not None and passages:
            with st.spinner("Asking the model…"):
                try:
                    reply = answer_question(
                        question, passages, chat_model, model_name=ws.settings.extract.llm or ""
                    )
                    answer, cited = reply.text, [n - 1 for n in reply.cited]
                except Exception as exc:  # the provider's errors vary; show them rather than crash
                    error = f"{type(exc).__name__}: {exc}"
        st.session_state[RESULT] = {
            "question": question,
            "passages": passages,
            "answer": answer,
            "cited": cited,
            "error": error,
        }

result = st.session_state.get(RESULT)
if result is None:
    st.stop()

st.subheader(result["question"])
if result["error"]:
    st.error(f"The model could not answer: {result['error']}")
if result["answer"]:
    with st.container(border=True):
        st.markdown(result["answer"])
        st.caption("Numbers in brackets refer to the passages below.")
if not result["passages"]:
    st.info("No passage matched.")
for number, passage in enumerate(result["passages"], 1):
    cited = number - 1 in result["cited"]
    with st.container(border=True):
        st.markdown(
            f"**[{number}]** {passage.title or passage.paper_id[:12]}, p. {passage.page}"
            + (f" · {passage.section}" if passage.section else "")
            + f" · similarity {passage.score:.2f}"
            + (" · cited" if cited else "")
        )
        st.text(passage.text)
