"""DoWhy at arm's length: silenced, with safe variable names, and bounded in the work it does.

DoWhy is imported inside the functions (it takes seconds to import) and run under ``quiet_dowhy()``,
which silences its loggers, warnings and progress bars. Variables are renamed ``v0, v1, ...`` before
DoWhy sees them, since labels with spaces or symbols break its formula-based estimators.
"""

from __future__ import annotations

import logging
import warnings
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any

import networkx as nx

__all__ = ["SafeNames", "dowhy_identify", "quiet_dowhy"]

# DoWhy's identify_effect_auto enumerates subsets for backdoor and front-door sets; beyond these
# sizes only its polynomial parts run (generalised adjustment, instruments).
MAX_EXHAUSTIVE_BACKDOOR = 12
MAX_EXHAUSTIVE_FRONTDOOR = 8
_LOGGERS = ("dowhy", "causalml", "econml", "statsmodels", "sklearn")


@contextmanager
def quiet_dowhy() -> Iterator[None]:
    """Silence DoWhy's logging, warnings and progress bars for the duration."""
    from dowhy.gcm import config

    saved = {name: logging.getLogger(name).level for name in _LOGGERS}
    progress = config.show_progress_bars
    for name in _LOGGERS:
        logging.getLogger(name).setLevel(logging.CRITICAL)
    config.disable_progress_bars()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            yield
    finally:
        config.show_progress_bars = progress
        for name, level in saved.items():
            logging.getLogger(name).setLevel(level)


class SafeNames:
    """A reversible renaming of variable ids to ``v0, v1, ...``."""

    def __init__(self, names: Iterable[str]):
        self.to_safe = {name: f"v{i}" for i, name in enumerate(sorted(set(names)))}
        self.to_name = {safe: name for name, safe in self.to_safe.items()}

    def graph(self, dag: nx.DiGraph) -> nx.DiGraph:
        """``dag`` renamed, without attributes (DoWhy copies and sometimes serialises them)."""
        renamed = nx.DiGraph()
        renamed.add_nodes_from(self.to_safe[n] for n in dag.nodes)
        renamed.add_edges_from((self.to_safe[s], self.to_safe[t]) for s, t in dag.edges)
        return renamed

    def back(self, names: Iterable[str] | None) -> list[str] | None:
        if names is None:
            return None
        return sorted(self.to_name[n] for n in names)


def dowhy_identify(anc: nx.DiGraph, x: str, y: str, observed: set[str] | None = None) -> dict[str, Any]:
    """DoWhy's identification of ``x -> y`` on X and Y's ancestral subgraph ``anc``.

    Runs ``dowhy.causal_identifier.identify_effect_auto`` when its subset searches are small; on
    larger subgraphs, its polynomial parts: ``identify_generalized_adjustment_set`` (a minimal set
    under the generalised adjustment criterion) and ``get_instruments``.
    """
    names = SafeNames(anc.nodes)
    dag = names.graph(anc)
    obs = set(anc) if observed is None else set(observed) & set(anc)
    sx, sy, sobs = names.to_safe[x], names.to_safe[y], [names.to_safe[v] for v in obs]
    descendants = nx.descendants(anc, x)
    eligible = obs - descendants - {x, y}
    mediators = obs & descendants & nx.ancestors(anc, y)
    with quiet_dowhy():
        from dowhy.causal_identifier import EstimandType, identify_effect_auto
        from dowhy.causal_identifier.auto_identifier import identify_generalized_adjustment_set
        from dowhy.graph import get_instruments

        if len(eligible) <= MAX_EXHAUSTIVE_BACKDOOR and len(mediators) <= MAX_EXHAUSTIVE_FRONTDOOR:
            estimand = identify_effect_auto(dag, [sx], [sy], sobs, EstimandType.NONPARAMETRIC_ATE)
            backdoor = (estimand.backdoor_variables or {}).get("backdoor")
            general = (estimand.general_adjustment_variables or {}).get("general_adjustment")
            return {
                "method": "dowhy.causal_identifier.identify_effect_auto",
                "backdoor": names.back(backdoor),
                "general_adjustment": names.back(general),
                "instruments": names.back(estimand.instrumental_variables or []),
                "frontdoor": names.back(estimand.frontdoor_variables or None),
            }
        general_sets = identify_generalized_adjustment_set(dag, [sx], [sy], sobs)
        instruments = get_instruments(dag, [sx], [sy])
        return {
            "method": "dowhy identify_generalized_adjustment_set + get_instruments "
            f"({len(eligible)} candidate covariates: exhaustive search skipped)",
            "backdoor": None,
            "general_adjustment": (
                names.back(general_sets[0].get_adjustment_variables()) if general_sets else None
            ),
            "instruments": names.back([i for i in instruments if i in set(sobs)]),
            "frontdoor": None,
        }
