"""The API's curation verbs: the user's decisions on claims and variables, their history and undo.

Every decision is recorded in the workspace with what it replaced, so that it survives re-extraction
and can be undone from here, the command line or the app. ``causemap.api`` puts these together with
the pipeline verbs (``causemap.pipeline_verbs``) as ``Workspace``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from causemap.errors import UsageError
from causemap.models import Claim, CurationState
from causemap.workspace import Workspace

if TYPE_CHECKING:
    from causemap.graphbuilder.knowledge_graph import KnowledgeGraph
    from causemap.store.curation_history import CurationAction

__all__ = ["CURATION_SCOPES", "CurationVerbs"]

CURATION_SCOPES = ("claims", "variables")  # what undo() and history() take


class CurationVerbs(Workspace):
    """The stages' workspace with the verbs that curate claims and variables.

    A variable decision needs the graph its ids were read from; without one given, it is built by
    ``self.graph()``, the pipeline verb of the ``Workspace`` that has both sets of verbs.
    """

    def claims(self, state: CurationState | str | None = None, paper: str | None = None) -> list[Claim]:
        """Claims with the user's edits applied; ``paper`` matches a paper id or its first characters."""
        states = [_curation_state(state)] if state is not None else None
        return [c for c in self.store.claims(states=states) if not paper or c.paper_id.startswith(paper)]

    def set_claim_state(self, claim_ids: Sequence[str], state: CurationState | str) -> int:
        """Accept (counts as read correctly), reject (no longer counts) or reset claims to pending."""
        chosen = _curation_state(state)
        if chosen == CurationState.EDITED:
            raise UsageError("a claim becomes 'edited' by edit_claim(), not by a state change")
        ids = list(dict.fromkeys(claim_ids))
        missing = [i for i in ids if self.store.claim(i) is None]
        if missing:
            raise UsageError(f"no such claim(s) in {self.root}: {', '.join(missing)}")
        self.store.set_claim_state(ids, chosen)
        return len(ids)

    def edit_claim(self, claim_id: str, **fields: Any) -> Claim:
        """Correct a claim (cause, effect, relation, polarity, hedged, negated, design).

        The extractor's reading and the sentence stay on record; the claim's state becomes ``edited``.
        """
        from pydantic import ValidationError

        from causemap.store import WorkspaceError

        if not fields:
            raise UsageError("nothing to edit: give cause, effect, polarity, relation, hedged, negated ...")
        try:
            return self.store.edit_claim(claim_id, fields)
        except (WorkspaceError, ValidationError, ValueError) as exc:
            raise UsageError(str(exc)) from exc

    def merge_variables(
        self, variable_ids: Sequence[str], label: str | None = None, *, graph: KnowledgeGraph | None = None
    ) -> int:
        """Make several variables one (kept across re-extraction); returns the decision's id.

        ``graph`` is the graph the ids were read from (default: the graph as built now).
        """
        from causemap.graphbuilder.graph_service import merge_variables

        return self._variable_decision(merge_variables, graph, variable_ids, label)

    def rename_variable(self, variable_id: str, label: str, *, graph: KnowledgeGraph | None = None) -> int:
        """Give a variable a new label (its id follows the label on the next build)."""
        from causemap.graphbuilder.graph_service import rename_variable

        return self._variable_decision(rename_variable, graph, variable_id, label)

    def split_variable(
        self, variable_id: str, aliases: Sequence[str], *, graph: KnowledgeGraph | None = None
    ) -> int:
        """Move some of a variable's names (aliases) out into a variable of their own."""
        from causemap.graphbuilder.graph_service import split_variable

        return self._variable_decision(split_variable, graph, variable_id, aliases)

    def undo(self, scope: str) -> CurationAction | None:
        """Revert the latest curation action of ``scope`` not yet undone; None when there is none.

        ``scope`` is ``"claims"`` (accept, reject, back to pending, edit: each claim gets back its
        previous state and edit) or ``"variables"`` (merge, rename, split: the next graph is built
        without it). Undoing again reverts the action before it. The app's decisions are undone the
        same way: every decision is recorded in the workspace, wherever it was made.
        """
        if scope not in CURATION_SCOPES:
            raise UsageError(f"undo what? {scope!r} is neither 'claims' nor 'variables'")
        return self.store.undo_curation(scope)

    def history(self, scope: str | None = None, limit: int | None = 20) -> list[CurationAction]:
        """Curation actions, newest first (undone ones too, with ``undone_at``); ``scope`` as in undo."""
        if scope is not None and scope not in CURATION_SCOPES:
            raise UsageError(f"history of what? {scope!r} is neither 'claims' nor 'variables'")
        return self.store.curation_history(scope, limit)

    # -- internals ------------------------------------------------------------------------------
    def _variable_decision(self, decide: Callable[..., int], graph: KnowledgeGraph | None, *args: Any) -> int:
        from causemap.graphbuilder.graph_service import VariableDecisionError

        kg = graph if graph is not None else self.graph(min_belief=0.0)
        try:
            return decide(self.store, kg, *args)
        except VariableDecisionError as exc:
            raise UsageError(str(exc)) from exc


def _curation_state(value: CurationState | str) -> CurationState:
    try:
        return CurationState(value)
    except ValueError:
        raise UsageError(f"unknown state {value!r}: pending, accepted, rejected or edited") from None
