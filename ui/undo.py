"""Undo of curation from the app: the workspace's own history of decisions (the store's
``curation_history``), the same actions ``causemap claims undo`` and ``causemap variables undo`` revert.

Every claim and variable decision is recorded by the store in the transaction that makes it, wherever it
is made (a page of the app, the command line, the Python API); undoing reverts the latest one not yet
undone, then the one before it.
"""

from __future__ import annotations

import streamlit as st

from causemap.store.curation_history import CurationAction
from causemap.ui import state
from causemap.ui.labels import count
from causemap.workspace import Workspace

HISTORY_LOOKBACK = 200  # recorded actions searched for the latest one not yet undone


def last_action(ws: Workspace, scope: str) -> CurationAction | None:
    """The action of ``scope`` ("claims" or "variables") that an undo would revert, if any."""
    return next((a for a in ws.store.curation_history(scope, HISTORY_LOOKBACK) if a.undone_at is None), None)


def action_label(action: CurationAction) -> str:
    """The action in words, without claim ids: "accepted 3 claims", "merged 'salt' and 'sodium'"."""
    if action.scope == "claims":
        return f"{action.action} {count(len(action.claim_ids), 'claim')}"
    return action.describe()


def undo_button(ws: Workspace, scope: str, key: str, disabled: bool = False) -> None:
    """A button that reverts the latest ``scope`` decision, naming it; the page is run again after."""
    last = last_action(ws, scope)
    label = f"Undo: {action_label(last)}" if last is not None else "Nothing to undo"
    if st.button(
        label,
        key=key,
        disabled=disabled or last is None,
        help=f"Reverts the latest {scope[:-1]} decision not yet undone, wherever it was made; "
        "click again for the one before it.",
    ):
        undone = ws.store.undo_curation(scope)
        state.mark_written()
        if undone is None:
            state.flash("info", "Nothing to undo.")
        else:
            state.flash("success", f"Undone: {action_label(undone)}.")
        st.rerun()
