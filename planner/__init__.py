"""The planner: gaps, identification, refutation tests, experiments and their ranking, data checks.

``make_plan(graph, target, data, ...)`` is the entry point; ``Plan.to_dict()`` and
``Plan.to_markdown()`` are its two renderings. Graph algorithms live in ``adjustment`` and
``implications`` (pure); DoWhy is confined to ``dowhy_tools`` and ``datacheck``.
"""

from causemap.planner.gaps import Gap, find_cooccurrences, find_gaps
from causemap.planner.plan import Plan, make_plan
from causemap.planner.targets import TargetError, match_columns, parse_target

__all__ = [
    "Gap",
    "Plan",
    "TargetError",
    "find_cooccurrences",
    "find_gaps",
    "make_plan",
    "match_columns",
    "parse_target",
]
