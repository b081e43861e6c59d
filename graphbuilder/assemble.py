"""Build the knowledge graph from claims: variables, edges with belief, contradictions, candidates.

``build_knowledge_graph`` is a pure function of its inputs (claims, paper titles, the user's variable
decisions, an embedder): the same inputs give the same graph, byte for byte once exported.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from typing import Any

from causemap.graphbuilder.belief import BeliefParams, edge_belief, is_null, load_belief_params
from causemap.graphbuilder.candidates import candidate_dags
from causemap.graphbuilder.contradictions import contradicted_edges, find_contradictions
from causemap.graphbuilder.knowledge_graph import KnowledgeGraph
from causemap.graphbuilder.normalise import NormalisationLexicon, load_lexicon, names_a_variable
from causemap.graphbuilder.variables import TextEmbedder, VariableAssignment, assign_variables
from causemap.models import Claim, CurationState, Edge, Evidence, Polarity, StudyDesign

__all__ = ["build_knowledge_graph", "claim_evidence", "edges_from_claims"]

_DESIGN_ORDER = {d: i for i, d in enumerate(StudyDesign)}
_FLIP: dict[Polarity | None, Polarity | None] = {"+": "-", "-": "+"}
NULL_ONLY_REASON = "only 'no effect' evidence: not a causal edge"


def claim_evidence(claim: Claim, title: str | None, flip: bool = False) -> Evidence:
    """The Evidence one claim gives its edge (its sign reversed when normalising flipped it)."""
    polarity = claim.polarity
    if flip and not claim.negated:
        polarity = _FLIP.get(polarity, polarity)
    # model_validate from a dict is pydantic's fastest way in (faster than model_construct).
    return Evidence.model_validate(
        {
            "claim_id": claim.id,
            "provenance": {
                "paper_id": claim.paper_id,
                "title": title,
                "page": claim.page,
                "start": claim.sentence_start,
                "end": claim.sentence_end,
                "text": claim.sentence,
                "section": claim.section,
            },
            "role": claim.role,
            "design": claim.design,
            "relation": claim.relation,
            "polarity": polarity,
            "hedged": claim.hedged,
            "negated": claim.negated,
            "extractor": claim.extractor,
            "state": claim.state,
        }
    )


def _polarity_key(evidence: Evidence) -> str:
    return "0" if is_null(evidence) else (evidence.polarity or "none")


def edges_from_claims(
    claims: Sequence[Claim],
    assignment: VariableAssignment,
    titles: Mapping[str, str | None],
    params: BeliefParams,
) -> tuple[dict[tuple[str, str], Edge], list[dict[str, str]]]:
    """Aggregate claims into edges between variables; also return the self-loops left out.

    Returns
    -------
    edges
        By (source, target), sorted; ``polarity_counts`` keys are "+", "-", "0" (null or negated)
        and "none" (unsigned).
    self_loops
        One entry per claim whose cause and effect became the same variable.
    """
    grouped: dict[tuple[str, str], list[Evidence]] = defaultdict(list)
    self_loops: list[dict[str, str]] = []
    for claim in claims:
        source = assignment.variable_of[claim.cause]
        target = assignment.variable_of[claim.effect]
        if source == target:
            self_loops.append(
                {"claim_id": claim.id, "variable": source, "cause": claim.cause, "effect": claim.effect}
            )
            continue
        flip = assignment.term_of[claim.cause].flipped ^ assignment.term_of[claim.effect].flipped
        grouped[(source, target)].append(claim_evidence(claim, titles.get(claim.paper_id), flip))
    edges: dict[tuple[str, str], Edge] = {}
    for (source, target), evidence in sorted(grouped.items()):
        evidence.sort(key=lambda e: (e.paper_id, e.page, e.claim_id))
        belief = edge_belief(evidence, params)
        edges[(source, target)] = Edge(
            source=source,
            target=target,
            polarity=belief.polarity,
            polarity_counts=dict(sorted(Counter(_polarity_key(e) for e in evidence).items())),
            belief=round(belief.belief, 6),
            n_papers=len({e.paper_id for e in evidence}),
            n_claims=len(evidence),
            designs=sorted({StudyDesign(e.design) for e in evidence}, key=_DESIGN_ORDER.get),
            evidence=evidence,
        )
    return edges, self_loops


def build_knowledge_graph(
    claims: Sequence[Claim],
    titles: Mapping[str, str | None] | None = None,
    *,
    embedder: TextEmbedder | None = None,
    synonym_threshold: float = 0.86,
    decisions: Sequence[Mapping[str, Any]] = (),
    params: BeliefParams | None = None,
    k: int = 3,
    lexicon: NormalisationLexicon | None = None,
) -> KnowledgeGraph:
    """The knowledge graph of a set of claims.

    Parameters
    ----------
    claims
        All claims; rejected ones are left out entirely, accepted and edited ones count as read
        correctly.
    titles
        Paper id -> title, copied into each Evidence.
    embedder
        Embeds variable names for synonym merging (None: only identical normalised names merge).
    synonym_threshold
        Cosine similarity at which two names are synonyms (settings: ``graph.synonym_threshold``).
    decisions
        The user's variable decisions (``Store.variable_decisions()``), replayed in order.
    params
        Belief reliabilities (default: the packaged ``resources/belief.json``).
    k
        Candidate DAGs to build.
    """
    p = params or load_belief_params()
    live = [c for c in claims if c.state != CurationState.REJECTED]
    # A claim about "this" or "CI 2.4-4.0" draws no edge, unless the user vouched for it.
    lex = lexicon or load_lexicon()
    names = {s: names_a_variable(s, lex) for s in {t for c in live for t in (c.cause, c.effect)}}
    informative = [
        c
        for c in live
        if c.state in (CurationState.ACCEPTED, CurationState.EDITED) or (names[c.cause] and names[c.effect])
    ]
    uninformative, live = len(live) - len(informative), informative
    surface_counts = Counter(s for c in live for s in (c.cause, c.effect))
    assignment = assign_variables(
        surface_counts, embedder, threshold=synonym_threshold, decisions=decisions, lexicon=lexicon
    )
    edges, self_loops = edges_from_claims(live, assignment, titles or {}, p)
    labels = {v.id: v.label for v in assignment.variables.values()}
    contradictions = find_contradictions(edges, labels)
    for key in contradicted_edges(contradictions):
        edges[key].contradiction = True  # edges were made above, here: flag them in place
    null_only = {key: NULL_ONLY_REASON for key, e in edges.items() if e.polarity == "0"}
    candidates = candidate_dags({key: e.belief for key, e in edges.items()}, k, excluded=null_only)
    report = {
        "claims": len(claims),
        "claims_used": len(live) - len(self_loops),
        "rejected_ignored": sum(c.state == CurationState.REJECTED for c in claims),
        "uninformative_ignored": uninformative,
        "self_loops": len(self_loops),
        "self_loop_claims": self_loops,
        "variables": len(assignment.variables),
        "surface_forms": len(surface_counts),
        "synonym_merges": assignment.synonym_merges,
        "synonym_threshold": synonym_threshold if embedder is not None else None,
        "edges": len(edges),
        "decisions": assignment.decisions,
    }
    return KnowledgeGraph(
        variables=assignment.variables,
        edges=edges,
        contradictions=contradictions,
        candidates=candidates,
        report=report,
    )
