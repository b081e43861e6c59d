"""causemap: literature-backed causal graphs and research plans from a collection of papers.

    >>> import causemap
    >>> ws = causemap.open("my-review", create=True)     # doctest: +SKIP
    >>> ws.ingest("papers/"); ws.extract(); kg = ws.graph(); plan = ws.plan()  # doctest: +SKIP

The API (``causemap.open`` and the verbs of the ``Workspace`` it returns) is in ``causemap.api``; its
names are available here, and importing ``causemap`` loads none of them (nor any stage) until used.

The stages live in sibling folders of this one in the repository (``ingest/``, ``graphbuilder/``,
``planner/``, ``ui/``) and are installed under this package (``causemap.ingest``, ...). A Python started
in a checkout finds this folder first, before the installed package, and would then miss the stages; so
when the stages are not inside this folder but beside it, the folder that holds them joins this package's
search path. Installed or not, from any working directory, ``causemap.graphbuilder`` is importable.
"""

from pathlib import Path as _Path

_here = _Path(__file__).resolve().parent
if not (_here / "graphbuilder").is_dir() and (_here.parent / "graphbuilder" / "__init__.py").is_file():
    __path__.append(str(_here.parent))  # noqa: F821 (a package's __path__ is defined by the import system)

del _Path, _here

# name -> module that defines it; resolved on first use (PEP 562), so `import causemap` stays instant.
_LAZY = {
    "open": "causemap.api",
    "demo": "causemap.demo",
    "Workspace": "causemap.api",
    "Status": "causemap.results",
    "Answer": "causemap.ingest.answer",
    "DemoReport": "causemap.demo",
    "ProgressCallback": "causemap.api",
    "NotAWorkspaceError": "causemap.paths",
    "CausemapError": "causemap.errors",
    "UsageError": "causemap.errors",
    "Settings": "causemap.settings",
    "Claim": "causemap.models",
    "Edge": "causemap.models",
    "Evidence": "causemap.models",
    "Provenance": "causemap.models",
    "Variable": "causemap.models",
    "PlanItem": "causemap.models",
    "IngestReport": "causemap.ingest.pipeline",
    "ExtractReport": "causemap.graphbuilder.extract_pipeline",
    "KnowledgeGraph": "causemap.graphbuilder.knowledge_graph",
    "CandidateDAG": "causemap.graphbuilder.knowledge_graph",
    "Contradiction": "causemap.graphbuilder.knowledge_graph",
    "Passage": "causemap.ingest.retrieval",
    "Plan": "causemap.planner.plan",
    "CurationAction": "causemap.store.curation_history",
}
__all__ = sorted(_LAZY)


def __getattr__(name: str) -> object:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'causemap' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(module), name)
    globals()[name] = value  # later lookups skip this function
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *_LAZY])
