"""Speed and memory of the graph stage on synthetic claims, and the normalisation lemmatiser choice.

    python benchmarks/graph.py                      # 100,000 claims over 2,000 surface strings
    python benchmarks/graph.py --claims 20000 --json
    python benchmarks/graph.py --truth corpus_samples/truth.json   # also score the gold claims
    python benchmarks/graph.py --workspace W [--workspace W2]      # real corpora, after the model loads

``--workspace`` times the graph stage on a real workspace (ingested and extracted beforehand: the
500 BioRED dev abstracts as a JSONL export, or ``../shared/pdfs``), the way ``causemap graph`` runs it,
after the embedding model is loaded: reading claims and page text (abbreviations, versions), then the
build (variables, edges, belief, contradictions, 3 candidates), once with no name vectors cached (a first
``causemap graph``) and once with them cached in the workspace (every later build). Wall and CPU seconds
are both reported, with the load average: on a shared machine the wall clock says more about the
neighbours than about the code.

The synthetic literature: concepts joined by a random causal DAG, a few reversed edges (cycles), and
extraction noise (claims between random concepts). Each concept is written four ways, two of which
normalise to the same term and one of which is a near-synonym for the embedding model. Claims cite
edges with a Zipf-like skew (a few relations are studied in many papers), across 8,000 papers and all
designs, with hedges, nulls, opposite signs, associations and some curation.

Reported: embedding time (all surface strings, and the distinct normalised terms the builder really
embeds) apart from the build; build time (variables, edges, belief, contradictions, candidates) with
the embeddings cached; peak memory of the build (tracemalloc, in a second run) and of the process.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import sys
import time
import tracemalloc
from collections.abc import Sequence

import numpy as np
import this_checkout  # noqa: F401  (first: this checkout's causemap, not the installed one)

from causemap.graphbuilder.assemble import build_knowledge_graph
from causemap.graphbuilder.normalise import normalise, singular
from causemap.models import Claim, CurationState, StudyDesign

NOUNS = (
    "insulin",
    "cortisol",
    "leptin",
    "glucose",
    "sodium",
    "potassium",
    "calcium",
    "ferritin",
    "albumin",
    "creatinine",
    "uric acid",
    "homocysteine",
    "triglyceride",
    "cholesterol",
    "vitamin d",
    "vitamin b12",
    "folate",
    "zinc",
    "magnesium",
    "iron",
    "adiponectin",
    "interleukin-6",
    "fibrinogen",
    "thyroxine",
    "melatonin",
    "serotonin",
    "dopamine",
    "testosterone",
    "oestradiol",
    "prolactin",
    "blood pressure",
    "heart rate",
    "body weight",
    "waist circumference",
    "grip strength",
    "bone density",
    "sleep duration",
    "step count",
    "alcohol intake",
    "fibre intake",
    "sugar intake",
    "salt intake",
    "screen time",
    "noise exposure",
    "air pollution",
    "depression",
    "anxiety",
    "fatigue",
    "pain",
    "cognition",
)
CONTEXTS = (
    "",
    "hepatic",
    "renal",
    "cardiac",
    "muscle",
    "adipose",
    "neural",
    "maternal",
    "childhood",
    "nocturnal",
)
DESIGNS = [d.value for d in StudyDesign]


def concepts(n: int) -> list[str]:
    """``n`` distinct concept names (noun, optionally in a context)."""
    names = [f"{c} {n_}".strip() for c in CONTEXTS for n_ in NOUNS]
    if n > len(names):
        raise ValueError(f"at most {len(names)} concepts")
    return names[:n]


def surface_forms(concept: str) -> list[str]:
    """Four ways to write a concept: plain, two that normalise to it, one near-synonym ("circulating")."""
    return [concept, f"levels of {concept}", f"higher {concept}", f"circulating {concept}"]


def synthetic_claims(n_claims: int, n_surfaces: int, seed: int = 0) -> tuple[list[Claim], dict[str, str]]:
    """Claims over ``n_surfaces`` surface strings (four per concept), and paper titles."""
    rng = random.Random(seed)
    names = concepts(n_surfaces // 4)
    n = len(names)
    edges: list[tuple[int, int, str]] = []
    for child in range(1, n):
        for parent in rng.sample(range(child), min(child, 3)):
            edges.append((parent, child, rng.choice("++-")))
    for _ in range(max(4, n // 12)):  # reversed edges: feedback loops
        parent, child, sign = rng.choice(edges)
        edges.append((child, parent, sign))
    weights = [1.0 / (rank + 1) ** 0.8 for rank in range(len(edges))]
    rng.shuffle(weights)
    papers = [f"paper{i:05d}" for i in range(8000)]
    paper_design = {p: rng.choice(DESIGNS) for p in papers}
    picks = rng.choices(range(len(edges)), weights=weights, k=n_claims)
    claims = []
    for i, pick in enumerate(picks):
        source, target, sign = edges[pick]
        if rng.random() < 0.03:  # extraction noise
            source, target = rng.sample(range(n), 2)
        cause = rng.choice(surface_forms(names[source]))
        effect = rng.choice(surface_forms(names[target]))
        roll = rng.random()
        polarity = "0" if roll < 0.05 else ({"+": "-", "-": "+"}[sign] if roll < 0.12 else sign)
        paper = rng.choice(papers)
        sentence = f"{cause} changed {effect} (finding {i})."
        state = CurationState.PENDING
        if rng.random() < 0.04:
            state = CurationState.REJECTED if rng.random() < 0.5 else CurationState.ACCEPTED
        claims.append(
            Claim(
                paper_id=paper,
                page=1 + i % 12,
                sentence=sentence,
                sentence_start=0,
                sentence_end=len(sentence),
                cause=cause,
                cause_start=0,
                cause_end=len(cause),
                effect=effect,
                effect_start=len(cause) + 9,
                effect_end=len(cause) + 9 + len(effect),
                relation="correlational" if rng.random() < 0.2 else "causal",
                polarity=polarity,
                hedged=rng.random() < 0.1,
                negated=polarity == "0",
                design=paper_design[paper],
                extractor="rules",
                state=state,
            )
        )
    return claims, {p: f"Study {p}" for p in papers}


class CachedEmbedder:
    """Embeds once, then answers from memory: the build is timed apart from the model."""

    def __init__(self, embedder) -> None:
        self._embedder = embedder
        self._cache: dict[str, np.ndarray] = {}

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        missing = [t for t in texts if t not in self._cache]
        if missing:
            self._cache.update(zip(missing, self._embedder.embed(missing), strict=True))
        return np.stack([self._cache[t] for t in texts])


def lemmatiser_comparison(surfaces: Sequence[str]) -> dict[str, float]:
    """Rule-based normalisation against spaCy's lemmatiser on the same strings."""
    start = time.perf_counter()
    rule_terms = [normalise(s).text for s in surfaces]
    rules_s = time.perf_counter() - start
    from causemap.graphbuilder.extractors.rules import load_spacy

    start = time.perf_counter()
    nlp = load_spacy()
    load_s = time.perf_counter() - start
    start = time.perf_counter()
    # The lemmatiser needs the tagger, not the parser.
    with nlp.select_pipes(disable=[p for p in ("parser", "ner") if p in nlp.pipe_names]):
        docs = list(nlp.pipe(surfaces))
    spacy_s = time.perf_counter() - start
    plural_tokens = agree = 0
    differences: set[tuple[str, str, str]] = set()
    for doc in docs:
        for token in doc:
            word = token.text.lower()
            if word.endswith("s") and len(word) > 3 and word.isalpha():
                plural_tokens += 1
                ours, theirs = singular(word), token.lemma_.lower()
                agree += ours == theirs
                if ours != theirs:
                    differences.add((word, ours, theirs))
    return {
        "strings": len(surfaces),
        "rules_seconds": round(rules_s, 3),
        "spacy_load_seconds": round(load_s, 3),
        "spacy_seconds": round(spacy_s, 3),
        "distinct_rule_terms": len(set(rule_terms)),
        "s_final_words_compared": plural_tokens,
        "agreement_on_s_final_words": round(agree / plural_tokens, 3) if plural_tokens else None,
        "differences_word_rules_spacy": sorted(differences)[:10],
    }


def run(n_claims: int, n_surfaces: int, k: int, seed: int) -> dict[str, object]:
    from causemap.ingest.embedding import get_embedder

    start = time.perf_counter()
    claims, titles = synthetic_claims(n_claims, n_surfaces, seed)
    generate_s = time.perf_counter() - start
    surfaces = sorted({s for c in claims for s in (c.cause, c.effect)})
    model = get_embedder()
    model.embed(["warm-up"])
    start = time.perf_counter()
    model.embed(surfaces)
    embed_surfaces_s = time.perf_counter() - start
    cached = CachedEmbedder(model)
    terms = sorted({normalise(s).text for s in surfaces})
    start = time.perf_counter()
    cached.embed(terms)
    embed_terms_s = time.perf_counter() - start

    start = time.perf_counter()
    graph = build_knowledge_graph(claims, titles, embedder=cached, k=k)
    build_s = time.perf_counter() - start
    tracemalloc.start()
    build_knowledge_graph(claims, titles, embedder=cached, k=k)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    cycles_dropped = [sum(1 for d in c.dropped if d.reason.startswith("breaks")) for c in graph.candidates]
    return {
        "claims": n_claims,
        "surface_strings": len(surfaces),
        "normalised_terms": len(terms),
        "papers": len(titles),
        "generate_seconds": round(generate_s, 2),
        "embed_surface_strings_seconds": round(embed_surfaces_s, 2),
        "embed_normalised_terms_seconds": round(embed_terms_s, 2),
        "build_seconds": round(build_s, 2),
        "build_peak_traced_mib": round(peak / 2**20, 1),
        "process_peak_rss_mib": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "variables": len(graph.variables),
        "edges": len(graph.edges),
        "contradictions": len(graph.contradictions),
        "self_loops": graph.report["self_loops"],
        "candidates": len(graph.candidates),
        "candidate_scores": [c.score for c in graph.candidates],
        "edges_dropped_to_break_cycles": cycles_dropped,
        "lemmatiser": lemmatiser_comparison(surfaces),
    }


def _timed(fn):
    wall, cpu = time.perf_counter(), time.process_time()
    value = fn()
    return value, round(time.perf_counter() - wall, 2), round(time.process_time() - cpu, 2)


def run_workspace(path: str, k: int) -> dict[str, object]:
    """The graph stage on one real workspace (see the module docstring)."""
    import os
    import tempfile
    from pathlib import Path

    from causemap.graphbuilder.graph_service import build_workspace_graph, load_graph_inputs, name_embedder
    from causemap.graphbuilder.term_vectors import TermVectorCache
    from causemap.workspace import Workspace

    ws = Workspace.open(path)
    # the name embedder `causemap graph` loads (the float model through ONNX Runtime)
    model, load_wall, load_cpu = _timed(lambda: name_embedder(ws.settings))
    model.embed(["warm-up"])
    inputs, read_wall, read_cpu = _timed(lambda: load_graph_inputs(ws.store))
    with tempfile.TemporaryDirectory() as tmp:
        cache = TermVectorCache(Path(tmp) / "vectors.npz", lambda: model)

        def build(embedder):
            return build_knowledge_graph(
                inputs.claims,
                inputs.titles,
                embedder=embedder,
                decisions=inputs.decisions,
                k=k,
                abbreviations=inputs.abbreviations,
                study_of=inputs.studies.study_of if inputs.studies else None,
            )

        graph, cold_wall, cold_cpu = _timed(lambda: build(cache))
        embedded = cache.embedded
        cache.save()
        warm_cache = TermVectorCache(Path(tmp) / "vectors.npz", lambda: model)
        _, warm_wall, warm_cpu = _timed(lambda: build(warm_cache))
    build_workspace_graph(ws.store, ws.settings)  # fills the workspace's own cache
    _, service_wall, service_cpu = _timed(lambda: build_workspace_graph(ws.store, ws.settings))
    return {
        "workspace": path,
        "load_average_1_5_15": [round(x, 1) for x in os.getloadavg()],
        "papers": len(inputs.titles),
        "claims": len(inputs.claims),
        "variables": len(graph.variables),
        "edges": len(graph.edges),
        "contradictions": len(graph.contradictions),
        "candidates": len(graph.candidates),
        "papers_counted_as_versions": len(graph.report["papers_counted_as_versions"]),
        "abbreviations_spelt_out": graph.report["abbreviations_spelt_out"],
        "name_embedder": getattr(model, "runtime", "torch"),
        "model_load_wall_cpu_s": [round(load_wall, 2), round(load_cpu, 2)],
        "read_inputs_wall_cpu_s": [read_wall, read_cpu],
        "names_embedded_cold": embedded,
        "build_cold_wall_cpu_s": [cold_wall, cold_cpu],
        "build_cached_wall_cpu_s": [warm_wall, warm_cpu],
        "graph_first_run_wall_s": round(read_wall + cold_wall, 2),
        "graph_first_run_cpu_s": round(read_cpu + cold_cpu, 2),
        "causemap_graph_cached_wall_cpu_s": [service_wall, service_cpu],
    }


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, default=100_000)
    parser.add_argument("--surfaces", type=int, default=2_000)
    parser.add_argument("-k", type=int, default=3, help="candidate DAGs")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--truth", help="truth.json: also score a graph built from its claims")
    parser.add_argument("--json", action="store_true", help="one JSON document on stdout")
    parser.add_argument(
        "--workspace", action="append", help="time the graph stage on this real workspace instead"
    )
    args = parser.parse_args(argv)
    if args.workspace:
        results = [run_workspace(w, args.k) for w in args.workspace]
        print(json.dumps(results, indent=2))
        return 0
    result = run(args.claims, args.surfaces, args.k, args.seed)
    if args.truth:
        from causemap.graphbuilder.truth_eval import (
            edge_scores,
            load_truth,
            truth_claims,
            variable_pair_scores,
        )
        from causemap.ingest.embedding import get_embedder

        truth = load_truth(args.truth)
        gold = build_knowledge_graph(truth_claims(truth), embedder=get_embedder())
        result["truth_gold_claims"] = {
            **edge_scores(gold, truth),
            "variable_pairs": variable_pair_scores(gold, truth),
        }
        result["lemmatiser_on_truth_surfaces"] = lemmatiser_comparison(
            sorted({s for c in truth["claims"] for s in (c["cause"], c["effect"])})
        )
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        for key, value in result.items():
            print(f"{key:>32}: {value}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
