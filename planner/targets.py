"""Naming variables: a target "X -> Y" and data columns, matched to ids, labels or aliases."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from causemap.graphbuilder.knowledge_graph import KnowledgeGraph

__all__ = [
    "ColumnMatch",
    "TargetError",
    "column_matches",
    "match_columns",
    "name_index",
    "normalise_name",
    "parse_target",
    "resolve",
]

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
    return {m.column: m.variable for m in column_matches(columns, graph) if m.variable}


@dataclass(frozen=True)
class ColumnMatch:
    """How one data column was matched: to which variable, and by what (or why not)."""

    column: str
    variable: str | None
    how: str  # "mapping", "id", "label", "alias", or why it was left out

    def to_dict(self) -> dict[str, str | None]:
        return {"column": self.column, "variable": self.variable, "how": self.how}


def column_matches(
    columns: Iterable[str], graph: KnowledgeGraph, mapping: Mapping[str, str] | None = None
) -> list[ColumnMatch]:
    """Each column's match: through ``mapping`` (column -> variable id, label or alias) when it names
    the column, else by id, label or alias in any case. Raises ``TargetError`` for a mapping entry
    that names no column or no variable."""
    columns = [str(c) for c in columns]
    index = name_index(graph)
    mapping = dict(mapping or {})
    missing = sorted(set(mapping) - set(columns))
    if missing:
        raise TargetError(f"the column mapping names columns the table does not have: {', '.join(missing)}")
    found: list[ColumnMatch] = []
    taken: dict[str, str] = {}
    for column in columns:
        if column in mapping:
            variable, how = resolve(str(mapping[column]), graph, index), "mapping"
        elif column in graph.variables:
            variable, how = column, "id"
        else:
            hits = index.get(normalise_name(column), set())
            if len(hits) != 1:
                why = (
                    "names no variable"
                    if not hits
                    else f"names several variables ({', '.join(sorted(hits))})"
                )
                found.append(ColumnMatch(column, None, why))
                continue
            variable = next(iter(hits))
            label = graph.variables[variable].label
            how = "label" if normalise_name(label) == normalise_name(column) else "alias"
        if variable in taken:
            found.append(
                ColumnMatch(column, None, f"a second column for {variable} (first: {taken[variable]})")
            )
            continue
        taken[variable] = column
        found.append(ColumnMatch(column, variable, how))
    return found
