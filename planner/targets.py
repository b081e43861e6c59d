"""Naming variables: a target "X -> Y" and data columns, matched to ids, labels or aliases."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable

from causemap.graphbuilder.knowledge_graph import KnowledgeGraph

__all__ = ["TargetError", "match_columns", "name_index", "normalise_name", "parse_target", "resolve"]

_ARROW = re.compile(r"\s*(?:->|→|=>|⟶)\s*")
_SEPARATORS = re.compile(r"[\s_\-]+")


class TargetError(ValueError):
    """A target or variable name that does not name exactly one variable."""


def normalise_name(name: str) -> str:
    """Lower case, with runs of spaces, underscores and hyphens as one space.

    >>> normalise_name("Blood_Pressure "), normalise_name("LDL-cholesterol")
    ('blood pressure', 'ldl cholesterol')
    """
    return _SEPARATORS.sub(" ", name.strip().lower()).strip()


def name_index(graph: KnowledgeGraph) -> dict[str, set[str]]:
    """Every normalised id, label and alias, with the variables it names."""
    index: dict[str, set[str]] = {}
    for vid, variable in graph.variables.items():
        for name in [vid, variable.label, *variable.aliases]:
            if name and name.strip():
                index.setdefault(normalise_name(name), set()).add(vid)
    return index


def resolve(name: str, graph: KnowledgeGraph, index: dict[str, set[str]] | None = None) -> str:
    """The id of the variable ``name`` names: an exact id first, then a label or alias in any case.

    Raises ``TargetError`` listing close matches when no variable, or several, fit.
    """
    if name in graph.variables:
        return name
    index = name_index(graph) if index is None else index
    hits = index.get(normalise_name(name), set())
    if len(hits) == 1:
        return next(iter(hits))
    if hits:
        raise TargetError(f"{name!r} names several variables: {', '.join(sorted(hits))}")
    close = difflib.get_close_matches(normalise_name(name), list(index), n=5, cutoff=0.6)
    suggestions = [f"{c!r} ({', '.join(sorted(index[c]))})" for c in close]
    hint = f"; close matches: {', '.join(suggestions)}" if suggestions else ""
    raise TargetError(f"no variable named {name!r}{hint}")


def parse_target(text: str, graph: KnowledgeGraph) -> tuple[str, str]:
    """``"X -> Y"`` (also ``→`` or ``=>``) as a pair of variable ids.

    Raises ``TargetError`` for a malformed target, an unknown name (with close matches), or X = Y.
    """
    parts = _ARROW.split(text.strip())
    if len(parts) != 2 or not all(p.strip() for p in parts):
        raise TargetError(f"a target reads 'EXPOSURE -> OUTCOME', got {text!r}")
    index = name_index(graph)
    x, y = (resolve(p.strip(), graph, index) for p in parts)
    if x == y:
        raise TargetError(f"exposure and outcome are the same variable ({x})")
    return x, y


def match_columns(columns: Iterable[str], graph: KnowledgeGraph) -> dict[str, str]:
    """Data columns matched to variables by id, label or alias (case-insensitive): column -> id.

    A column naming no variable, or several, is left out; so is a second column for one variable.
    """
    index = name_index(graph)
    matched: dict[str, str] = {}
    for column in columns:
        column = str(column)
        if column in graph.variables:
            hits = {column}
        else:
            hits = index.get(normalise_name(column), set())
        if len(hits) == 1 and next(iter(hits)) not in matched.values():
            matched[column] = next(iter(hits))
    return matched
