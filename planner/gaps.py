"""Where the literature is thin: weak and contested edges, cycles, and links nobody claimed.

Pure functions over a ``KnowledgeGraph`` (and, for unclaimed links, over passages of the corpus).
Target-specific gaps (effects that are not identifiable, confounding nobody measured) come from
``causemap.planner.identification``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from typing import Any, Literal

import networkx as nx

from causemap.graphbuilder.knowledge_graph import CandidateDAG, KnowledgeGraph
from causemap.models import Edge, Provenance, Variable
from causemap.planner.scoring import citations_for, load_resource

__all__ = [
    "Gap",
    "Pair",
    "cooccurrence_gaps",
    "cycle_gaps",
    "contested_gaps",
    "find_cooccurrences",
    "find_gaps",
    "states_relation",
    "weak_edge_gaps",
    "weak_edge_reasons",
]

Pair = tuple[str, str]
# Names shorter than this match too much prose ("a", "x") to count as a mention.
MIN_NAME_CHARS = 2
# A quote is cut to this many characters around the two mentions.
MAX_QUOTE_CHARS = 300
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9(\[])")


@dataclass(frozen=True)
class Gap:
    kind: str  # weak_edge, contested_edge, cycle, cooccurrence, not_identifiable, ...
    variables: list[str]
    description: str
    citations: list[Provenance] = field(default_factory=list)
    reasons: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "variables": list(self.variables),
            "description": self.description,
            "reasons": list(self.reasons),
            "citations": [c.model_dump(mode="json") for c in self.citations],
        }


def label(graph: KnowledgeGraph, node: str) -> str:
    """A variable's label (its id when the graph does not know it)."""
    variable = graph.variables.get(node)
    return variable.label if variable else node


def weak_edge_reasons(edge: Edge, weak_belief: float) -> list[str]:
    """Why an edge's support is weak, in plain words (empty when it is not).

    >>> weak_edge_reasons(Edge(source="a", target="b", belief=0.9, n_papers=3), 0.5)
    []
    """
    evidence = [e for e in edge.evidence if e.state != "rejected"]
    weak_designs = set(load_resource("scoring.json")["weak_designs"])
    reasons = []
    if edge.belief < weak_belief:
        reasons.append(f"low belief ({edge.belief:.2f})")
    if edge.n_papers <= 1:
        reasons.append("a single paper" if edge.n_papers == 1 else "no paper")
    if evidence and all(e.relation == "correlational" for e in evidence):
        reasons.append("only correlational statements")
    if evidence and all(e.hedged for e in evidence):
        reasons.append("only hedged statements")
    designs = {e.design for e in evidence} or set(edge.designs)
    if designs and designs <= weak_designs:
        names = ", ".join(sorted(d.replace("_", "-") for d in designs))
        reasons.append(f"only weak designs ({names})")
    return reasons


def weak_edge_gaps(graph: KnowledgeGraph, weak_belief: float) -> list[Gap]:
    gaps = []
    for (s, t), edge in sorted(graph.edges.items()):
        reasons = weak_edge_reasons(edge, weak_belief)
        if reasons:
            gaps.append(
                Gap(
                    "weak_edge",
                    [s, t],
                    f"{label(graph, s)} → {label(graph, t)} rests on " + "; ".join(reasons) + ".",
                    citations_for(edge.evidence),
                    reasons,
                )
            )
    return gaps


def contested_gaps(graph: KnowledgeGraph) -> list[Gap]:
    gaps = []
    for c in graph.contradictions:
        citations = citations_for(c.supporting, 2) + citations_for(c.opposing, 2)
        gaps.append(Gap("contested_edge", [c.source, c.target], c.description, citations, [c.kind]))
    return gaps


def cycle_gaps(graph: KnowledgeGraph, candidates: Iterable[CandidateDAG]) -> list[Gap]:
    """One gap per strongly connected group of variables: a cycle in it and what candidates drop."""
    g = nx.DiGraph(sorted(graph.edges))
    dropped = {d.edge: d.reason for c in candidates for d in c.dropped}
    gaps = []
    for component in sorted(nx.strongly_connected_components(g), key=lambda c: sorted(c)):
        if len(component) < 2:
            continue
        # Start from the first variable so that the same graph always reads the same cycle.
        sub = g.subgraph(sorted(component))
        cycle = [(s, t) for s, t, *_ in nx.find_cycle(sub, source=min(component))]
        names = " → ".join([label(graph, s) for s, _ in cycle] + [label(graph, cycle[0][0])])
        reasons = [
            f"candidates drop {label(graph, s)} → {label(graph, t)}: {why}"
            for (s, t), why in sorted(dropped.items())
            if s in component and t in component
        ]
        gaps.append(
            Gap(
                "cycle",
                sorted(component),
                f"The literature supports a feedback loop: {names}. A DAG must break it; which "
                "direction holds (or over which time scale) is open.",
                [c for e in cycle for c in citations_for(graph.edges[e].evidence, 1)],
                reasons,
            )
        )
    return gaps


def cooccurrence_gaps(graph: KnowledgeGraph, cooccurrence: Mapping[Pair, list[Provenance]]) -> list[Gap]:
    """Pairs mentioned together in passages with no claim between them, either way."""
    gaps = []
    for pair in sorted({tuple(sorted(p)) for p in cooccurrence}):
        a, b = pair
        if (a, b) in graph.edges or (b, a) in graph.edges:
            continue
        if a not in graph.variables or b not in graph.variables:
            continue
        citations = list(cooccurrence.get((a, b), [])) + list(cooccurrence.get((b, a), []))
        gaps.append(
            Gap(
                "cooccurrence",
                [a, b],
                f"{label(graph, a)} and {label(graph, b)} are discussed together in "
                f"{len(citations)} passage(s), but no paper states how one affects the other.",
                citations[: load_resource("scoring.json")["max_citations"]],
            )
        )
    return gaps


def find_gaps(
    graph: KnowledgeGraph,
    candidates: Iterable[CandidateDAG],
    cooccurrence: Mapping[Pair, list[Provenance]] | None = None,
    weak_belief: float = 0.5,
) -> list[Gap]:
    """All graph-level gaps: contested edges, cycles, weak edges, unclaimed co-occurring pairs."""
    return (
        contested_gaps(graph)
        + cycle_gaps(graph, candidates)
        + weak_edge_gaps(graph, weak_belief)
        + cooccurrence_gaps(graph, cooccurrence or {})
    )


def find_cooccurrences(
    passages: Iterable[Provenance],
    variables: dict[str, Variable],
    graph: KnowledgeGraph | None = None,
    within: Literal["sentence", "passage"] = "sentence",
) -> dict[Pair, list[Provenance]]:
    """Pairs of variables named together, each with the passages (page and quote) that name both.

    Each quote is the Provenance of the sentence within its passage (offsets into the same page).

    A variable is named by its label or an alias (whole words, any case). ``within`` is where both
    must appear: the same sentence (default: prose that relates them) or anywhere in the passage.
    Pairs joined by an edge of ``graph`` (either way) are left out: those are claims, not gaps. So
    are two names that are only items of one list ("adjusted for age, smoking and BMI", "sleep,
    vitamin D and blood pressure"): a list relates its items to something else, not to each other.
    Keys are sorted pairs of ids; a quote repeated (overlapping chunks) is kept once.

    >>> v = {"salt": Variable(id="salt", label="salt intake"), "bp": Variable(id="bp",
    ...      label="blood pressure", aliases=["BP"])}
    >>> c = Provenance(paper_id="p1", page=2, start=10, end=58,
    ...                text="Salt intake went with a higher BP. BP rose.")
    >>> hits = find_cooccurrences([c], v)
    >>> quote = hits[("bp", "salt")][0]
    >>> list(hits), quote.text, quote.start, quote.end
    ([('bp', 'salt')], 'Salt intake went with a higher BP.', 10, 44)
    >>> find_cooccurrences([c.model_copy(update={"text": "We recorded age, salt intake and BP."})], v)
    {}
    """
    pattern, owner = _name_pattern(variables)
    linked = {tuple(sorted(k)) for k in graph.edges} if graph is not None else set()
    found: dict[Pair, list[Provenance]] = {}
    if pattern is None:
        return found
    for passage in passages:
        text = passage.text
        spans = _sentences(text) if within == "sentence" else [(0, len(text))]
        for start, end in spans:
            first_hit: dict[str, re.Match[str]] = {}
            for match in pattern.finditer(text, start, end):
                first_hit.setdefault(owner[match.group(0).lower()], match)
            ids = sorted(first_hit)
            for i, a in enumerate(ids):
                for b in ids[i + 1 :]:
                    if (a, b) in linked or _listed(text, first_hit[a], first_hit[b]):
                        continue
                    q_start, q_end = _quote(text, first_hit[a], first_hit[b])
                    quote = passage.model_copy(
                        update={
                            "start": passage.start + q_start,
                            "end": passage.start + q_end,
                            "text": text[q_start:q_end],
                        }
                    )
                    cited = found.setdefault((a, b), [])
                    if not any(c.text == quote.text and c.paper_id == quote.paper_id for c in cited):
                        cited.append(quote)
    return found


_LIST_SEPARATOR = re.compile(r"\s*(?:[,;/]|\band\b|\bor\b|\bnor\b)\s*", re.IGNORECASE)
# Items of a list are short: a longer stretch between two names says something about them.
MAX_LIST_ITEM_WORDS = 3


def _listed(text: str, a: re.Match[str], b: re.Match[str]) -> bool:
    """Whether the two mentions are items of one list: a separator right after the first and right
    before the second, and only short items between them.

    >>> import re; t = "adjusted for age, smoking, alcohol intake and BMI"
    >>> _listed(t, re.search("smoking", t), re.search("BMI", t))
    True
    >>> t = "obesity induces inflammation, and inflammation causes diabetes"
    >>> _listed(t, re.search("obesity", t), re.search("diabetes", t))
    False
    """
    first, second = sorted((a, b), key=lambda m: m.start())
    between = text[first.end() : second.start()]
    separators = list(_LIST_SEPARATOR.finditer(between))
    if not separators or separators[0].start() != 0 or separators[-1].end() != len(between):
        return False
    pieces = _LIST_SEPARATOR.split(between.strip())
    return all(len(piece.split()) <= MAX_LIST_ITEM_WORDS for piece in pieces)


@cache
def _cues():
    from causemap.graphbuilder.extractors.rules_lexicon import load_lexicon
    from causemap.graphbuilder.extractors.rules_prefilter import cue_word_index

    return cue_word_index(load_lexicon())


def states_relation(text: str, names_a: Iterable[str], names_b: Iterable[str]) -> bool:
    """Whether ``text`` names both with a causal or associative cue word between them ("X
    contributes to Y", "Y is common in people with X"): a stated link, not a bare co-mention.

    >>> states_relation("Inflammation plausibly contributes to diabetes.", ["inflammation"], ["diabetes"])
    True
    >>> states_relation("Inflammation and diabetes were recorded.", ["inflammation"], ["diabetes"])
    False
    """
    spans = []
    for names in (names_a, names_b):
        alternation = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True) if n.strip())
        match = re.search(rf"(?<!\w)(?:{alternation})(?!\w)", text, re.IGNORECASE) if alternation else None
        if match is None:
            return False
        spans.append(match)
    first, second = sorted(spans, key=lambda m: m.start())
    return first.end() <= second.start() and _cues().matches(text[first.end() : second.start()])


def _sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans: a stop followed by space and a capital, digit or bracket ends one."""
    spans, start = [], 0
    for boundary in _SENTENCE_END.finditer(text):
        spans.append((start, boundary.start()))
        start = boundary.end()
    spans.append((start, len(text)))
    return [(a, b) for a, b in spans if b > a]


def _name_pattern(variables: dict[str, Variable]) -> tuple[re.Pattern[str] | None, dict[str, str]]:
    owner: dict[str, str] = {}
    for vid, variable in sorted(variables.items()):
        for name in [variable.label, *variable.aliases, vid]:
            key = name.strip().lower()
            if len(key) >= MIN_NAME_CHARS:
                owner.setdefault(key, vid)
    if not owner:
        return None, owner
    names = sorted(owner, key=len, reverse=True)  # longest first: "blood pressure" before "blood"
    alternation = "|".join(re.escape(n) for n in names)
    return re.compile(rf"(?<!\w)(?:{alternation})(?!\w)", re.IGNORECASE), owner


def _quote(text: str, a: re.Match[str], b: re.Match[str]) -> tuple[int, int]:
    """Offsets of the sentence(s) spanning both mentions, cut to ``MAX_QUOTE_CHARS``."""
    start, end = min(a.start(), b.start()), max(a.end(), b.end())
    sentence_start = max(text.rfind(". ", 0, start) + 2, 0) if ". " in text[:start] else 0
    next_stop = text.find(". ", end)
    sentence_end = next_stop + 1 if next_stop != -1 else len(text)
    if sentence_end - sentence_start > MAX_QUOTE_CHARS:
        sentence_start, sentence_end = max(start - 40, 0), min(end + 40, len(text))
    sentence_end = min(sentence_end, sentence_start + MAX_QUOTE_CHARS)
    while sentence_start < sentence_end and text[sentence_start].isspace():
        sentence_start += 1
    while sentence_end > sentence_start and text[sentence_end - 1].isspace():
        sentence_end -= 1
    return sentence_start, sentence_end
