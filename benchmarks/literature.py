"""Extraction quality on real literature, and on the sample corpus beside it.

    python benchmarks/literature.py                    # everything below, Markdown table on stdout
    python benchmarks/literature.py --json             # one JSON document
    python benchmarks/literature.py --only pairs       # one measurement (pairs, spans, strength, samples)
    python benchmarks/literature.py --abstracts 100    # the first 100 BioRED abstracts only

- pairs: ``causemap eval pairs`` on ``../shared/eval/dev/biored_train_dev.jsonl`` (500 real PubMed
  abstracts; the whole pipeline: JSONL export, ingest, extract, claims grouped by abstract), scored
  like ``score.py pairs``. BioRED measures; nothing is learnt from it.
- spans: ``causemap eval spans`` on ``sciclaim_cord19.jsonl`` (cause/effect spans of real sentences).
- strength: ``causemap eval strength`` on ``yu2019_strength_half_a.jsonl`` (claim strength of real
  conclusion sentences).
- samples: the whole pipeline on ``corpus_samples/pdf`` against ``corpus_samples/truth.json`` (the
  samples were written for this project: a regression check, not evidence of quality).

Each measurement uses the same functions as the command line, with the default (rules) extractor.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
DEV = REPO.parent / "shared" / "eval" / "dev"
MEASUREMENTS = ("pairs", "spans", "strength", "samples")


def _extractor(store=None):
    from causemap.graphbuilder.extractors import make_extractor
    from causemap.settings import ExtractSettings

    return make_extractor("rules", ExtractSettings(), store)


def measure_pairs(abstracts: int | None) -> dict[str, Any]:
    from causemap.graphbuilder.evaluation import load_gold
    from causemap.graphbuilder.evaluation_pairs import predict_pairs, score_pairs

    gold = load_gold(DEV / "biored_train_dev.jsonl")[:abstracts]
    extractor, prefilter = _extractor()
    predictions, run = predict_pairs(gold, extractor, prefilter)
    return {"data": "biored_train_dev.jsonl", "run": run, **score_pairs(gold, predictions)}


def measure_sentences(task: str, name: str) -> dict[str, Any]:
    from causemap.graphbuilder import evaluation

    gold = evaluation.load_gold(DEV / f"{name}.jsonl")
    extractor, prefilter = _extractor()
    predictions = evaluation.predict(extractor, gold, prefilter)
    scorer = evaluation.score_spans if task == "spans" else evaluation.score_strength
    scores = scorer(gold, predictions)
    scores.pop("confusion", None)
    return {"data": f"{name}.jsonl", **scores}


def measure_samples() -> dict[str, Any]:
    from causemap.graphbuilder import truth_eval
    from causemap.graphbuilder.extract_pipeline import extract_workspace
    from causemap.graphbuilder.graph_service import build_workspace_graph
    from causemap.ingest.pipeline import ingest_paths
    from causemap.workspace import Workspace

    with tempfile.TemporaryDirectory(prefix="causemap-samples-") as tmp:
        with Workspace.open(Path(tmp) / "ws") as ws:
            ingest_paths(ws, [REPO / "corpus_samples" / "pdf"], progress=False)
            report = extract_workspace(ws, *_extractor(ws.store), progress=False)
            graph = build_workspace_graph(ws.store, ws.settings)
            truth = truth_eval.load_truth(REPO / "corpus_samples" / "truth.json")
            scores = truth_eval.edge_scores(graph, truth)
            claims = ws.store.claims()
    findings = sum(1 for c in claims if str(c.role) == "finding")
    return {
        "claims": report.claims_stored + report.claims_existing,
        "finding_share": round(findings / len(claims), 4) if claims else None,
        "variables": len(graph.variables),
        "edges": len(graph.edges),
        **scores,
    }


def _rows(results: dict[str, Any]) -> list[str]:
    """The figures as Markdown table rows."""
    rows = ["| set | figure | value |", "|---|---|---|"]
    if "pairs" in results:
        r = results["pairs"]
        rows.append(
            f"| BioRED dev ({r['run']['abstracts']} abstracts), `eval pairs` | precision / recall / sign "
            f"accuracy | {r['precision']} / {r['recall']} / {r['sign_accuracy']} |"
        )
        rows.append(
            f"| BioRED dev | claims naming two annotated entities | {r['grounded_share']} "
            f"({r['claims']} claims; novel-pair recall {r['novel_recall']}) |"
        )
    if "spans" in results:
        r = results["spans"]
        rows.append(f"| sciclaim_cord19, spans | P / R / F1 | {r['precision']} / {r['recall']} / {r['f1']} |")
    if "strength" in results:
        r = results["strength"]
        rows.append(
            f"| yu2019_strength_half_a | accuracy / macro-F1 / detection P | {r['accuracy']} / "
            f"{r['macro_f1']} / {r['claim_detection']['precision']} |"
        )
    if "samples" in results:
        r = results["samples"]
        kg = r.get("knowledge_graph", r)
        rows.append(
            f"| corpus_samples (whole pipeline) | claims / findings share / variables | {r['claims']} / "
            f"{r['finding_share']} / {r['variables']} |"
        )
        if isinstance(kg, dict) and "precision" in kg:
            rows.append(
                f"| corpus_samples | edge precision / recall (knowledge graph) | {kg['precision']} / "
                f"{kg['recall']} |"
            )
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", choices=MEASUREMENTS, action="append")
    parser.add_argument("--abstracts", type=int, help="score only the first N BioRED abstracts")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    chosen = args.only or list(MEASUREMENTS)
    if any(m != "samples" for m in chosen) and not DEV.exists():
        parser.error(f"the evaluation data is not at {DEV}")
    from causemap.graphbuilder.extractors.rules import RulesExtractor

    results: dict[str, Any] = {"extractor_version": RulesExtractor.version}
    timings = {}
    for name in chosen:
        t0 = time.perf_counter()
        if name == "pairs":
            results[name] = measure_pairs(args.abstracts)
        elif name == "spans":
            results[name] = measure_sentences("spans", "sciclaim_cord19")
        elif name == "strength":
            results[name] = measure_sentences("strength", "yu2019_strength_half_a")
        else:
            results[name] = measure_samples()
        timings[name] = round(time.perf_counter() - t0, 1)
        print(f"{name}: {timings[name]} s", file=sys.stderr)
    results["seconds"] = timings
    if args.json:
        print(json.dumps(results, default=str))
    else:
        print(f"Rules extractor version {results['extractor_version']}\n")
        print("\n".join(_rows(results)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
