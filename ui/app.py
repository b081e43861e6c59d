"""causemap's Streamlit app: `causemap ui` runs this script.

It opens the workspace named by ``CAUSEMAP_WORKSPACE`` (default ./causemap-workspace) and lays out the
pages. Each page is a thin script over the functions the command line calls.
"""

from __future__ import annotations

import streamlit as st

from causemap.errors import CausemapError
from causemap.store import WorkspaceError
from causemap.ui import jobs, state
from causemap.ui.labels import count

# An emoji, not a :material: icon: Streamlit fetches material favicons from fonts.gstatic.com.
st.set_page_config(page_title="causemap", page_icon="🕸️", layout="wide")

PAGES = [
    st.Page("pages/library.py", title="Library", icon=":material/library_books:", default=True),
    st.Page("pages/claims.py", title="Claims", icon=":material/format_quote:"),
    st.Page("pages/graph.py", title="Graph", icon=":material/hub:"),
    st.Page("pages/plan.py", title="Plan", icon=":material/science:"),
    st.Page("pages/ask.py", title="Ask", icon=":material/question_answer:"),
    st.Page("pages/settings.py", title="Settings", icon=":material/settings:"),
]
navigation = st.navigation(PAGES)

try:
    ws = state.workspace()
except (CausemapError, WorkspaceError, ValueError, OSError) as exc:
    # A workspace we cannot open (newer schema, invalid settings.toml, unreadable folder) is reported,
    # not raised: the Settings page still lets the user pick another folder.
    st.error(f"Cannot open the workspace {state.workspace_path()}: {exc}")
    if navigation.title != "Settings":
        st.stop()
else:
    with st.sidebar:
        st.caption("Workspace")
        st.code(str(ws.root), language=None)
        counts = ws.store.counts()
        st.caption(" · ".join(count(counts[name + "s"], name) for name in ("paper", "chunk", "claim")))
        job = jobs.current_job(state.job_key(ws))
        if job is not None and job.running:
            st.caption(f"Running: {job.label} ({job.done}/{job.total or '?'})")

navigation.run()
