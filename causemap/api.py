"""The Python API: a workspace and the pipeline's verbs, the way the command line and the app use them.

One object, one verb per stage, each returning a typed result the next verb (or you) can read:

    ws = causemap.open(path)        the workspace (``create=True`` starts a new one)
    ws.ingest(paths)                -> IngestReport     papers in: pages, chunks, vectors
    ws.extract(extractor, llm)      -> ExtractReport    cause-effect claims with their provenance
    ws.graph(min_belief)            -> KnowledgeGraph   variables, edges with belief, candidate DAGs
    ws.plan(target, data)           -> Plan             gaps, refutation tests, experiments
    ws.suggest_targets(n)           -> list[TargetSuggestion]   effects worth a study, for plan(target)
    ws.ask(question, k)             -> list[Passage]    the passages closest to a question
    ws.status()                     -> Status           what the workspace holds

The long verbs take ``progress``: ``True`` draws a bar on stderr; a function ``progress(done, total,
what)`` is called as the work goes (each file or document, paper or step; ``total`` is 0 while it
is not known yet).

The whole pipeline on two abstracts (the embedding model and the parser load on first use):

>>> import tempfile, pathlib, causemap
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> _ = (folder / "abstracts.jsonl").write_text(
...     '{"id": "a1", "title": "Exercise trial", "text": "Regular exercise reduces blood pressure '
...     'in older adults. Lower blood pressure reduces the risk of stroke."}\\n'
...     '{"id": "a2", "title": "Salt cohort", "text": "High salt intake increases blood pressure. '
...     'Regular exercise did not affect salt intake."}\\n')
>>> ws = causemap.open(folder / "ws", create=True)
>>> len(ws.ingest(folder / "abstracts.jsonl").ingested)
2
>>> ws.extract().claims_stored >= 3
True
>>> kg = ws.graph()
>>> edge = max(kg.edges.values(), key=lambda e: e.belief)
>>> edge.evidence[0].provenance.cite().endswith("p. 1")
True
>>> plan = ws.plan()
>>> len(plan.items) > 0
True
>>> ws.ask("what raises blood pressure?", k=1)[0].title
'Salt cohort'
>>> ws.status().counts["papers"]
2
>>> ws.close()

The command line (``causemap ...``) and the app are thin layers over these verbs; no stage imports
this module, and importing it loads no stage: each verb imports its stage when it runs.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from causemap.curation_verbs import CurationVerbs
from causemap.demo import DEMO_WORKSPACE, DemoReport, demo, find_samples
from causemap.formats import EXPORT_FORMATS
from causemap.pipeline_verbs import PipelineVerbs
from causemap.progress import Progress, ProgressCallback
from causemap.results import Status

__all__ = [
    "DEMO_WORKSPACE",
    "EXPORT_FORMATS",
    "DemoReport",
    "Progress",
    "ProgressCallback",
    "Status",
    "Workspace",
    "demo",
    "find_samples",
    "open",
]


def open(path: Path | str | None = None, *, create: bool = False, **settings: Any) -> Workspace:  # noqa: A001
    """Open the workspace at ``path`` (default ``CAUSEMAP_WORKSPACE``, else ./causemap-workspace).

    Parameters
    ----------
    path
        The workspace folder.
    create
        Start a new workspace when ``path`` holds none. Without it, a folder that is not a workspace
        (a typo, an empty folder) raises ``NotAWorkspaceError`` naming it, and nothing is created.
    **settings
        Settings for this session, by section, over the workspace's settings.toml and the
        ``CAUSEMAP_*`` environment: ``causemap.open(p, graph={"min_belief": 0.3})``.

    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> open(folder / "typo")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    causemap.paths.NotAWorkspaceError: ... is not a causemap workspace (it does not exist). ...
    >>> with open(folder / "new", create=True, graph={"candidates": 2}) as ws:
    ...     ws.settings.graph.candidates, ws.status().counts["papers"]
    (2, 0)
    """
    return Workspace.open(path, create=create, **settings)


class Workspace(PipelineVerbs, CurationVerbs):
    """A workspace with the pipeline's verbs. Open one with ``causemap.open(path)``.

    It is the stages' ``causemap.workspace.Workspace`` (``.root``, ``.settings``, ``.store``), so
    it can be handed to any stage function as well. The verbs are defined by responsibility: the
    pipeline's in ``causemap.pipeline_verbs``, the curation's in ``causemap.curation_verbs``.
    """
