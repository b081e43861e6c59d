"""What every proposal builder reads: the graph, its weighted candidates, the target, the data."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property

import networkx as nx

from causemap.graphbuilder.knowledge_graph import CandidateDAG, KnowledgeGraph
from causemap.models import CostClass, Expectation, PlanItem, PlanKind, Provenance
from causemap.planner.constructs import ConstructPair, construct_pairs, constructs
from causemap.planner.gaps import states_relation
from causemap.planner.grounding import DroppedItem, concept_problem, content_words, one_study, same_concept
from causemap.planner.identification import IdentificationSummary, adjustment_status
from causemap.planner.scoring import binary_entropy, edge_probability, entropy, load_resource, priority
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
    # Proposals a builder decided against, with the reason (the one thing builders add to).
    dropped: list[DroppedItem] = field(default_factory=list)
    # Unit vectors of variable names (by id), from the workspace's embedding model; None = none.
    name_vectors: Mapping[str, Sequence[float]] | None = None

    def label(self, node: str) -> str:
        variable = self.graph.variables.get(node)
        return variable.label if variable else node

    def labels(self, nodes: Iterable[str]) -> str:
        """Labels joined for prose: 'a', 'a and b', 'a, b and c'; 'nothing' when empty."""
        names = [self.label(n) for n in sorted(nodes)]
        if not names:
            return "nothing"
        return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]

    def concept_problem(self, node: str) -> str | None:
        """Why ``node`` names no concept a study could measure (None when it does); cached."""
        if node not in self._concept_problems:
            self._concept_problems[node] = concept_problem(self.label(node))
        return self._concept_problems[node]

    def is_concept(self, node: str) -> bool:
        return self.concept_problem(node) is None

    def same_concept(self, a: str, b: str) -> bool:
        """Whether ``a`` and ``b`` name one concept ("activity", "physical activity")."""
        return a == b or same_concept(self.label(a), self.label(b))

    @cached_property
    def _concept_problems(self) -> dict[str, str | None]:
        return {}

    @cached_property
    def one_study_contradictions(self) -> set[tuple[str, str]]:
        """Pairs (sorted) whose contradiction sets one study against itself (versions of one paper)."""
        return {tuple(sorted((c.source, c.target))) for c in self.graph.contradictions if one_study(c)}

    def item(
        self,
        kind: PlanKind,
        title: str,
        *,
        information: float,
        cost: CostClass,
        variables: Iterable[str],
        relevant: bool | None = None,
        **fields,
    ) -> PlanItem:
        """A plan item whose priority follows from its information, kind, cost and relevance."""
        variables = list(dict.fromkeys(variables))
        relevant = self.is_relevant(variables) if relevant is None else relevant
        return PlanItem(
            kind=kind,
            title=title,
            variables=variables,
            cost=cost,
            information=round(information, 4),
            priority=priority(kind, cost, information, relevant),
            **fields,
        )

    def expectations(self, results: Iterable[str]) -> tuple[list[Expectation], list[int]]:
        """Candidates grouped by what each predicts (``results``, one per candidate, in rank order);
        and the ranks it tells apart (all of them when the predictions differ, else none)."""
        groups: dict[str, list[int]] = {}
        weight: dict[str, float] = {}
        for candidate, w, result in zip(self.candidates, self.weights, results, strict=True):
            groups.setdefault(result, []).append(candidate.rank)
            weight[result] = weight.get(result, 0.0) + w
        expected = [
            Expectation(candidates=r, weight=round(weight[k], 4), result=k) for k, r in groups.items()
        ]
        expected.sort(key=lambda e: -e.weight)
        apart = sorted(c.rank for c in self.candidates) if len(groups) > 1 else []
        return expected, apart

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
        """A test on data: cheap when the table has the columns, else someone must measure them
        (a study measuring many variables costs more than one measuring a few)."""
        nodes = set(nodes)
        if self.measured(nodes):
            return "low"
        return (
            "high" if len(nodes) > load_resource("scoring.json")["variables_for_a_costly_study"] else "medium"
        )

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
        papers, stated = self.comention_papers(u, v)
        if papers:
            prior = scoring["cooccurrence_link_prior"]
            p = 1 - (1 - prior["per_paper"]) ** (papers - stated) * (1 - prior["stated_per_paper"]) ** stated
            return min(p, prior["max"])
        return scoring["missed_link_prior"]

    def comention_papers(self, u: str, v: str) -> tuple[int, int]:
        """Papers naming ``u`` and ``v`` in one sentence, and those of them with a cue word between
        the two names (a stated link the extraction did not turn into a claim)."""
        key = tuple(sorted((u, v)))
        cache = self.__dict__.setdefault("_comention_cache", {})
        if key not in cache:
            passages = [*self.cooccurrence.get((u, v), []), *self.cooccurrence.get((v, u), [])]
            names_u, names_v = self._names(u), self._names(v)
            stated = {p.paper_id for p in passages if states_relation(p.text, names_u, names_v)}
            cache[key] = (len({p.paper_id for p in passages}), len(stated))
        return cache[key]

    def _names(self, node: str) -> list[str]:
        variable = self.graph.variables.get(node)
        names = [node, *(([variable.label, *variable.aliases]) if variable else [])]
        return [n for n in dict.fromkeys(names) if len(n.strip()) >= 2]

    def shared_neighbours(self, a: str, b: str) -> tuple[int, int]:
        """Neighbours (causes and effects in the knowledge graph) ``a`` and ``b`` share, of all theirs."""
        na, nb = self._neighbours.get(a, set()) - {b}, self._neighbours.get(b, set()) - {a}
        return len(na & nb), len(na | nb)

    def synonyms(self, a: str, b: str) -> str | None:
        """Why ``a`` and ``b`` look like one concept under two names (None when they do not): one label
        inside the other, or most of their causes and effects shared, on both sides."""
        if self.same_concept(a, b):
            return f"“{self.label(a)}” and “{self.label(b)}” name one concept: merge them rather than search"
        if self.construct_of(a) == self.construct_of(b):
            return self._construct_reason(a, b)
        rule = load_resource("scoring.json")["synonym_neighbours"]
        shared, total = self.shared_neighbours(a, b)
        if shared >= rule["min"] and shared >= rule["share"] * total and self.shares_both_sides(a, b):
            return (
                f"“{self.label(a)}” and “{self.label(b)}” look like one concept under two names (they share "
                f"{shared} of their {total} causes and effects): merge them rather than search"
            )
        return None

    @cached_property
    def construct_pairs(self) -> dict[frozenset[str], ConstructPair]:
        """Pairs of concepts measuring one construct (planner/constructs.py); none without vectors."""
        if not self.name_vectors:
            return {}
        rule = load_resource("scoring.json")["construct"]
        candidates = [v for v in self.graph.variables if self.is_concept(v)]
        found = construct_pairs(
            self.graph, self.name_vectors, self.concept_of, rule["similar"], rule["min_shared"], candidates
        )
        return {frozenset((p.a, p.b)): p for p in found}

    @cached_property
    def _constructs(self) -> dict[str, str]:
        concepts = sorted({self.concept_of(v) for v in self.graph.variables})
        joined = [
            ConstructPair(self.concept_of(p.a), self.concept_of(p.b), p.similarity, p.shared)
            for p in self.construct_pairs.values()
        ]
        return constructs(concepts, joined)

    def construct_of(self, node: str) -> str:
        """One representative per construct: concepts (by words) joined by construct pairs, transitively."""
        concept = self.concept_of(node)
        return self._constructs.get(concept, concept)

    def _construct_reason(self, a: str, b: str) -> str:
        la, lb = self.label(a), self.label(b)
        pair = self.construct_pairs.get(frozenset((a, b)))
        if pair is None:
            why = "each measures the same construct as another name the collection treats alike"
        else:
            shared = ", ".join(self.label(v) for v in pair.shared[:4])
            why = (
                f"names close in meaning ({pair.similarity:.2f}), and the collection gives both the same "
                f"causes and effects with the same signs ({shared})"
            )
        return (
            f"“{la}” and “{lb}” look like measures of one construct ({why}): they are dependent whatever "
            "the causal graph, so testing or searching their relation settles nothing; merge them"
        )

    def family(self, node: str) -> set[str]:
        """``node`` and the variables naming the same concept ("sodium", "sodium intake")."""
        return self._families.get(node, set()) | {node}

    @cached_property
    def _families(self) -> dict[str, set[str]]:
        by_word: dict[str, set[str]] = {}
        words = {v: content_words(self.label(v)) for v in self.graph.variables}
        for v, ws in words.items():
            for w in ws:
                by_word.setdefault(w, set()).add(v)
        families: dict[str, set[str]] = {}
        for v, ws in words.items():
            near = set().union(*(by_word[w] for w in ws)) if ws else set()
            families[v] = {u for u in near if u != v and same_concept(self.label(u), self.label(v))}
        return families

    def concept_of(self, node: str) -> str:
        """One representative per concept: variables joined by "same concept" pairs, transitively."""
        return self._concepts.get(node, node)

    @cached_property
    def _concepts(self) -> dict[str, str]:
        parent = {v: v for v in self.graph.variables}

        def find(v: str) -> str:
            while parent[v] != v:
                parent[v] = parent[parent[v]]
                v = parent[v]
            return v

        for v, others in self._families.items():
            for u in others:
                a, b = find(u), find(v)
                if a != b:
                    parent[max(a, b)] = min(a, b)
        return {v: find(v) for v in parent}

    def family_edge(self, a: str, b: str) -> tuple[str, str] | None:
        """An edge of the graph between other names of ``a`` and ``b`` (either way), if any."""
        fa, fb = self.family(a), self.family(b)
        for s in fa:
            for t in fb:
                for key in ((s, t), (t, s)):
                    if key in self.graph.edges:
                        return key
        return None

    def shares_both_sides(self, a: str, b: str) -> bool:
        """Whether ``a`` and ``b`` share a cause and share an effect in the knowledge graph."""
        causes = [{s for s, t in self.graph.edges if t == v} - {a, b} for v in (a, b)]
        effects = [{t for s, t in self.graph.edges if s == v} - {a, b} for v in (a, b)]
        return bool(causes[0] & causes[1]) and bool(effects[0] & effects[1])

    @cached_property
    def papers_touching(self) -> dict[str, int]:
        """Papers behind the edges each variable takes part in (counted once per edge)."""
        found: dict[str, int] = {}
        for (s, t), edge in self.graph.edges.items():
            found[s] = found.get(s, 0) + edge.n_papers
            found[t] = found.get(t, 0) + edge.n_papers
        return found

    @cached_property
    def _neighbours(self) -> dict[str, set[str]]:
        found: dict[str, set[str]] = {}
        for s, t in self.graph.edges:
            found.setdefault(s, set()).add(t)
            found.setdefault(t, set()).add(s)
        return found

    def connected(self, a: str, b: str) -> bool:
        """Whether a directed path joins ``a`` and ``b`` (either way) in the top candidate."""
        return b in self._descendants(a) or a in self._descendants(b)

    def _descendants(self, node: str) -> set[str]:
        cache = self.__dict__.setdefault("_descendant_cache", {})
        if node not in cache:
            cache[node] = nx.descendants(self.dags[0], node) if node in self.dags[0] else set()
        return cache[node]

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
        if tuple(sorted(edge)) in self.one_study_contradictions:
            return presence  # one study against itself settles no sign question
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
