"""Graph exporters: one module per format behind the ``Exporter`` protocol, registered by name.

``export_graph(graph, "dot")`` is what ``causemap graph --export dot`` calls.
"""

from __future__ import annotations

from causemap.graphbuilder.exporters.base import Exporter, ExportError
from causemap.graphbuilder.exporters.dagitty import DagittyExporter
from causemap.graphbuilder.exporters.dot import DotExporter
from causemap.graphbuilder.exporters.gml import GmlExporter
from causemap.graphbuilder.exporters.graphml import GraphMLExporter
from causemap.graphbuilder.exporters.json_export import JsonExporter
from causemap.graphbuilder.knowledge_graph import CandidateDAG, KnowledgeGraph

__all__ = ["EXPORTERS", "ExportError", "Exporter", "export_graph"]

EXPORTERS: dict[str, Exporter] = {
    exporter.name: exporter
    for exporter in (JsonExporter(), GraphMLExporter(), DotExporter(), DagittyExporter(), GmlExporter())
}


def export_graph(graph: KnowledgeGraph, fmt: str, candidate: CandidateDAG | int | None = None) -> str:
    """The text of ``graph`` in format ``fmt`` (a key of ``EXPORTERS``).

    Raises
    ------
    ExportError
        For an unknown format, a missing candidate, or an acyclic format without candidates.
    """
    try:
        exporter = EXPORTERS[fmt]
    except KeyError:
        raise ExportError(f"unknown export format {fmt!r}; choose one of {', '.join(EXPORTERS)}") from None
    return exporter.export(graph, candidate)
