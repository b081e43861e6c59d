"""What every proposal builder reads: the graph, its weighted candidates, the target, the data."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property

import networkx as nx

from causemap.graphbuilder.knowledge_graph import CandidateDAG, KnowledgeGraph
from causemap.models import Provenance
from causemap.planner.identification import IdentificationSummary, adjustment_status
from causemap.planner.scoring import binary_entropy, edge_probability, entropy, load_resource
from causemap.settings import PlannerSettings

__all__ = ["PlanContext"]


@dataclass
class PlanContext:
    """Read-only once built: derived values are cached on first use."""

    graph: KnowledgeGraph
    candidates: list[CandidateDAG]
    dags: list[nx.DiGraph]
    weights: list[float]
    settings: PlannerSettings
    target: tuple[str, str] | None = None
    observed: set[str] | None = None  # measured columns; None = no data given
    cooccurrence: Mapping[tuple[str, str], list[Provenance]] = field(default_factory=dict)
    identification: IdentificationSummary | None = None

    def label(self, node: str) -> str:
        variable = self.graph.variables.get(node)
        return variable.label if variable else node

    def labels(self, nodes: Iterable[str]) -> str:
        """Labels joined for prose: 'a', 'a and b', 'a, b and c'; 'nothing' when empty."""
        names = [self.label(n) for n in sorted(nodes)]
        if not names:
            return "nothing"
        return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]

    @cached_property
    def relevant(self) -> set[str]:
        """Variables that bear on the target (``identification.target_relevant`` in any
        candidate); all of them without a target."""
        if self.identification is not None:
            return self.identification.relevant
        return set(self.graph.variables)

    def is_relevant(self, nodes: Iterable[str]) -> bool:
        return self.target is None or all(n in self.relevant for n in nodes)

    def measured(self, nodes: Iterable[str]) -> bool:
        return self.observed is not None and set(nodes) <= self.observed

    def data_cost(self, nodes: Iterable[str]) -> str:
        """A test on data: cheap when the table has the columns, else someone must measure them."""
        return "low" if self.measured(nodes) else "medium"

    def analysis_cost(self, nodes: Iterable[str]) -> str:
        """An analysis choice (what to adjust for): no extra cost in a study still to be run, cheap
        with a table that has the columns, else the columns must be measured first."""
        return "low" if self.observed is None or self.measured(nodes) else "medium"

    def share(self, holds: Iterable[bool]) -> float:
        """Summed weight of the candidates for which ``holds`` is true."""
        return sum(w for w, h in zip(self.weights, holds, strict=True) if h)

    def link_prior(self, u: str, v: str) -> float:
        """Prior that a direct link the graph does not have exists between ``u`` and ``v``."""
        scoring = load_resource("scoring.json")
        for key in ((u, v), (v, u)):
            if key in self.graph.edges:
                return edge_probability(self.graph.edges[key].belief)
        passages = len(self.cooccurrence.get((u, v), [])) + len(self.cooccurrence.get((v, u), []))
        if passages:
            prior = scoring["cooccurrence_link_prior"]
            return min(1 - (1 - prior["per_passage"]) ** passages, prior["max"])
        return scoring["missed_link_prior"]

    def edge_presence(self, edge: tuple[str, str]) -> float:
        """Probability the edge is real: its belief (0 for a pair the graph has no edge for)."""
        found = self.graph.edges.get(edge)
        return edge_probability(found.belief) if found else 0.0

    def edge_information(self, edge: tuple[str, str]) -> float:
        """Bits an experiment settling the edge yields: presence, and sign when contested."""
        found = self.graph.edges.get(edge)
        if found is None:
            return 0.0
        presence = binary_entropy(edge_probability(found.belief))
        counts = [found.polarity_counts.get(k, 0) for k in ("+", "-", "0")]
        sign = 0.0
        if sum(c > 0 for c in counts) > 1:
            sign = entropy(counts)
        return max(presence, sign)

    @cached_property
    def unmeasured_confounding_prior(self) -> float:
        priors = load_resource("scoring.json")["unmeasured_confounding_prior"]
        if self.identification is not None and not self.identification.known_confounders:
            return priors["no_known_confounders"]
        return priors["known_confounders"]

    def link_decides_target(self, a: str, b: str) -> bool:
        """Whether a direct link between ``a`` and ``b`` (either way), added to the top candidate,
        would change whether the recommended adjustment set is valid or needed."""
        ident = self.identification
        if ident is None or ident.recommended is None:
            return False
        x, y = self.target
        top = self.dags[0]
        ancestors, base = self._adjustment_baseline
        for u, v in ((a, b), (b, a)):
            if v not in ancestors or top.has_edge(u, v):
                continue  # a link into a non-ancestor of X and Y changes no identification
            linked = top.copy()
            linked.add_edge(u, v)
            if not nx.is_directed_acyclic_graph(linked) or not nx.has_path(linked, x, y):
                continue
            if adjustment_status(linked, x, y, ident.recommended.variables) != base:
                return True
        return False

    @cached_property
    def _adjustment_baseline(self) -> tuple[set[str], str]:
        """X, Y and their ancestors in the top candidate, and the recommended set's status there."""
        x, y = self.target
        top = self.dags[0]
        status = adjustment_status(top, x, y, self.identification.recommended.variables)
        return nx.ancestors(top, x) | nx.ancestors(top, y) | {x, y}, status

    @cached_property
    def deciding_edges(self) -> set[tuple[str, str]]:
        """Edges that decide the target's adjustment (any examined set)."""
        if self.identification is None:
            return set()
        return {e for s in self.identification.adjustment_sets for e in s.deciding_edges}
