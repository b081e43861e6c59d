"""Build the knowledge graph from claims: variables, edges with belief, contradictions, candidates.

``build_knowledge_graph`` is a pure function of its inputs (claims, paper titles, the abbreviations the
papers define, which papers are versions of one study, the user's variable decisions, an embedder): the
same inputs give the same graph, byte for byte once exported.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from causemap.graphbuilder.abbreviations import corpus_abbreviations, spell_out
from causemap.graphbuilder.bare_names import modified_in_sentence, resolve_bare_names
from causemap.graphbuilder.belief import (
    BeliefParams,
    edge_belief,
    evidence_reliability,
    is_null,
    load_belief_params,
)
from causemap.graphbuilder.candidates import candidate_dags
from causemap.graphbuilder.contradictions import contradicted_edges, find_contradictions
from causemap.graphbuilder.knowledge_graph import KnowledgeGraph
from causemap.graphbuilder.normalise import NormalisationLexicon, load_lexicon
from causemap.graphbuilder.variable_names import names_a_variable
from causemap.graphbuilder.variables import TextEmbedder, VariableAssignment, assign_variables
from causemap.models import Claim, CurationState, Edge, Evidence, Polarity, StudyDesign

__all__ = ["build_knowledge_graph", "claim_evidence", "edges_from_claims"]

_DESIGN_ORDER = {d: i for i, d in enumerate(StudyDesign)}
_FLIP: dict[Polarity | None, Polarity | None] = {"+": "-", "-": "+"}
NULL_ONLY_REASON = "only 'no effect' evidence: not a causal edge"


def claim_evidence(
    claim: Claim, title: str | None, flip: bool = False, study_id: str | None = None
) -> Evidence:
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
            # an argument the sentence refers back to is named where the paper wrote its name
            # (graphbuilder.references): the same shape of provenance, for those words
            "named_at": [
                {
                    "paper_id": claim.paper_id,
                    "title": title,
                    "page": claim.page,
                    "start": start,
                    "end": end,
                    "text": text,
                    "section": claim.section,
                }
                for text, start, end in (
                    (claim.cause, claim.cause_start, claim.cause_end),
                    (claim.effect, claim.effect_start, claim.effect_end),
                )
                if end <= claim.sentence_start
            ],
            "role": claim.role,
            "design": claim.design,
            "relation": claim.relation,
            "polarity": polarity,
            "hedged": claim.hedged,
            "negated": claim.negated,
            "extractor": claim.extractor,
            "confidence": claim.confidence,
            "state": claim.state,
            "study_id": study_id,
        }
    )


def _polarity_key(evidence: Evidence) -> str:
    return "0" if is_null(evidence) else (evidence.polarity or "none")


ClaimNames = Sequence[tuple[str, str]]  # each claim's (cause, effect) as the variable stage names them


def edges_from_claims(
    claims: Sequence[Claim],
    assignment: VariableAssignment,
    titles: Mapping[str, str | None],
    params: BeliefParams,
    names: ClaimNames | None = None,
    study_of: Mapping[str, str] | None = None,
) -> tuple[dict[tuple[str, str], Edge], list[dict[str, str]]]:
    """Aggregate claims into edges between variables; also return the self-loops left out.

    Parameters
    ----------
    names
        Each claim's (cause, effect), in the order of ``claims``, as the assignment knows them
        (default: as written).
    study_of
        Paper id -> its study (``graphbuilder.versions``); default: every paper is its own study.

    Returns
    -------
    edges
        By (source, target), sorted; ``polarity_counts`` keys are "+", "-", "0" (null or negated)
        and "none" (unsigned); ``n_papers`` counts independent studies.
    self_loops
        One entry per claim whose cause and effect became the same variable.
    """
    grouped: dict[tuple[str, str], list[Evidence]] = defaultdict(list)
    self_loops: list[dict[str, str]] = []
    study_of = study_of or {}
    for i, claim in enumerate(claims):
        cause, effect = names[i] if names is not None else (claim.cause, claim.effect)
        source = assignment.variable_of[cause]
        target = assignment.variable_of[effect]
        if source == target:
            self_loops.append(
                {"claim_id": claim.id, "variable": source, "cause": claim.cause, "effect": claim.effect}
            )
            continue
        flip = assignment.term_of[cause].flipped ^ assignment.term_of[effect].flipped
        study = study_of.get(claim.paper_id)
        evidence = claim_evidence(claim, titles.get(claim.paper_id), flip, study)
        evidence.reliability = round(evidence_reliability(evidence, params), 6)
        grouped[(source, target)].append(evidence)
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
            n_papers=len({e.study for e in evidence}),
            n_claims=len(evidence),
            designs=sorted({StudyDesign(e.design) for e in evidence}, key=_DESIGN_ORDER.get),
            evidence=evidence,
        )
    return edges, self_loops


def claim_names(
    claims: Sequence[Claim], abbreviations: Mapping[str, Mapping[str, str]] | None = None
) -> tuple[list[tuple[str, str]], dict[str, set[str]]]:
    """Each claim's (cause, effect) with the abbreviations its paper defines spelt out (in the order of
    ``claims``), and the short forms spelt out in each name.

    A short form the paper does not define takes the long form the other papers agree on
    (``abbreviations.corpus_abbreviations``). A short name with a generic head ("surface expression")
    takes the longer name its paper uses for it (``bare_names.resolve_bare_names``).
    """
    names: list[tuple[str, str]] = []
    short_forms: dict[str, set[str]] = defaultdict(set)
    abbreviations = abbreviations or {}
    corpus = corpus_abbreviations(abbreviations.values())
    for c in claims:
        own = abbreviations.get(c.paper_id, {})
        pair = []
        for written in (c.cause, c.effect):
            name, used = spell_out(written, own, corpus)
            short_forms[name].update(used)
            pair.append(name)
        names.append((pair[0], pair[1]))
    # "surface expression" in the paper that wrote "surface expression of the KATP channel" is that
    resolved = resolve_bare_names(
        (c.paper_id, n) for c, pair in zip(claims, names, strict=True) for n in pair
    )
    if resolved:
        names = [
            (
                _resolved(resolved, c, a, c.cause_start),
                _resolved(resolved, c, b, c.effect_start),
            )
            for c, (a, b) in zip(claims, names, strict=True)
        ]
        for (_, short), long in resolved.items():
            short_forms[long] |= short_forms.get(short, set())
    return names, {name: forms for name, forms in short_forms.items() if forms}


def _resolved(resolved: Mapping[tuple[str, str], str], claim: Claim, name: str, start: int) -> str:
    """A name's paper-wide resolution, unless the claim's own sentence modifies it there."""
    long = resolved.get((claim.paper_id, name))
    if long is None or start < claim.sentence_start:
        return name  # an antecedent named before the sentence (graphbuilder.references) is named fully
    if modified_in_sentence(claim.sentence, start - claim.sentence_start):
        return name
    return long


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
    abbreviations: Mapping[str, Mapping[str, str]] | None = None,
    study_of: Mapping[str, str] | None = None,
    on_stage: Callable[[str], None] | None = None,
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
    abbreviations
        Paper id -> the abbreviations it defines, short form -> long form
        (``abbreviations.paper_abbreviations``); names using them are spelt out.
    study_of
        Paper id -> its study (``versions.detect_versions(...).study_of``): versions of one study
        count once.
    on_stage
        Called with the name of each stage as it starts (for progress reports).
    """
    stage = on_stage or (lambda _: None)
    p = params or load_belief_params()
    lex = lexicon or load_lexicon()
    live = [c for c in claims if c.state != CurationState.REJECTED]
    stage("variables")
    names, short_forms = claim_names(live, abbreviations)
    # A claim about "this" or "CI 2.4-4.0" draws no edge, unless the user vouched for it.
    usable = {s: names_a_variable(s, lex) for pair in names for s in pair}
    kept = [
        i
        for i, c in enumerate(live)
        if c.state in (CurationState.ACCEPTED, CurationState.EDITED)
        or (usable[names[i][0]] and usable[names[i][1]])
    ]
    uninformative = len(live) - len(kept)
    spelt_out = sum(
        n != w for i in kept for n, w in zip(names[i], (live[i].cause, live[i].effect), strict=True)
    )
    live, names = [live[i] for i in kept], [names[i] for i in kept]
    surface_counts = Counter(s for pair in names for s in pair)
    assignment = assign_variables(
        surface_counts, embedder, threshold=synonym_threshold, decisions=decisions, lexicon=lexicon
    )
    variables = {
        vid: v.model_copy(
            update={"short_forms": sorted({sf for a in v.aliases for sf in short_forms.get(a, ())})}
        )
        if any(a in short_forms for a in v.aliases)
        else v
        for vid, v in assignment.variables.items()
    }
    stage("edges and belief")
    edges, self_loops = edges_from_claims(live, assignment, titles or {}, p, names, study_of)
    labels = {v.id: v.label for v in variables.values()}
    stage("contradictions")
    contradictions = find_contradictions(edges, labels)
    for key in contradicted_edges(contradictions):
        edges[key].contradiction = True  # edges were made above, here: flag them in place
    stage("candidate DAGs")
    null_only = {key: NULL_ONLY_REASON for key, e in edges.items() if e.polarity == "0"}
    candidates = candidate_dags({key: e.belief for key, e in edges.items()}, k, excluded=null_only)
    versions = sorted({p for p, s in (study_of or {}).items() if p != s})
    report = {
        "claims": len(claims),
        "claims_used": len(live) - len(self_loops),
        "rejected_ignored": sum(c.state == CurationState.REJECTED for c in claims),
        "uninformative_ignored": uninformative,
        "self_loops": len(self_loops),
        "self_loop_claims": self_loops,
        "variables": len(variables),
        "surface_forms": len(surface_counts),
        "synonym_merges": assignment.synonym_merges,
        "synonym_threshold": synonym_threshold if embedder is not None else None,
        "abbreviations_spelt_out": spelt_out,
        "papers_counted_as_versions": versions,
        "edges": len(edges),
        "decisions": assignment.decisions,
    }
    return KnowledgeGraph(
        variables=variables,
        edges=edges,
        contradictions=contradictions,
        candidates=candidates,
        report=report,
    )
