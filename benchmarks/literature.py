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

Each measurement uses the same functions as the command line, with the default (rules) extractor, on
the checkout this script is in (not whichever causemap the environment installed).

    python benchmarks/literature.py --check            # spans and strength against figures_of_record.json
    python benchmarks/literature.py --check --only spans --only strength --only pairs   # BioRED too
    python benchmarks/literature.py --record --only spans --only strength   # write the record anew

``--check`` exits 1 when a figure of record fell by more than the record's tolerance, one line each.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import this_checkout  # noqa: F401  (first: this checkout's causemap, not the installed one)

REPO = Path(__file__).resolve().parents[1]
DEV = REPO.parent / "shared" / "eval" / "dev"
MEASUREMENTS = ("pairs", "spans", "strength", "samples")
RECORD = Path(__file__).with_name("figures_of_record.json")
# The figures of record, each higher-is-better: measurement -> its figures' names in the results.
CHECKED = {
    "spans": ("f1",),
    "strength": ("macro_f1",),
    "pairs": ("precision", "recall", "sign_accuracy", "grounded_share"),
}
CHECKED_BY_DEFAULT = ("spans", "strength")  # seconds; BioRED (pairs) takes minutes, so only when asked


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


def figures_of(results: dict[str, Any]) -> dict[str, float]:
    """The figures of record among measured results, named ``measurement.figure`` ("spans.f1")."""
    return {f"{m}.{f}": results[m][f] for m, names in CHECKED.items() if m in results for f in names}


def compare(measured: dict[str, float], record: dict[str, float], tolerance: float) -> tuple[list[str], bool]:
    """One line per measured figure against its record, and whether any fell by more than ``tolerance``.

    Only measured figures are compared (a check of spans says nothing about BioRED); a figure with no
    record is reported, not failed. A figure that rose is reported too, so that the record is updated
    (``--record``) and a later drop back is seen.
    """
    lines, dropped = [], False
    for name, value in sorted(measured.items()):
        if name not in record:
            lines.append(f"no record  {name} {value}")
        elif value < record[name] - tolerance:
            dropped = True
            fall = record[name] - value
            lines.append(f"DROPPED    {name} {value} < {record[name]} of record (by {fall:.4f})")
        elif value > record[name] + tolerance:
            lines.append(f"rose       {name} {value} > {record[name]} of record (update with --record)")
        else:
            lines.append(f"ok         {name} {value} (record {record[name]})")
    return lines, dropped


def _write_record(results: dict[str, Any], record: dict[str, Any]) -> None:
    """The record with the measured figures replaced (the others kept), written to ``RECORD``."""
    record["figures"] = {**record.get("figures", {}), **figures_of(results)}
    record["extractor_version"] = results["extractor_version"]
    record["recorded"] = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    RECORD.write_text(json.dumps(record, indent=2, sort_keys=True) + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", choices=MEASUREMENTS, action="append")
    parser.add_argument("--abstracts", type=int, help="score only the first N BioRED abstracts")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--check", action="store_true", help=f"compare with {RECORD.name}; exit 1 on a drop")
    parser.add_argument("--record", action="store_true", help=f"write the measured figures to {RECORD.name}")
    args = parser.parse_args(argv)
    default = CHECKED_BY_DEFAULT if args.check or args.record else MEASUREMENTS
    chosen = args.only or list(default)
    if (args.check or args.record) and args.abstracts is not None:
        parser.error("--check and --record compare whole sets: leave out --abstracts")
    if any(m != "samples" for m in chosen) and not DEV.exists():
        parser.error(f"the evaluation data is not at {DEV}")
    if "pairs" in chosen and (args.check or args.record) and os.environ.get("PYTHONHASHSEED") != "0":
        print("note: sign accuracy moves by ~0.003 with the hash seed: PYTHONHASHSEED=0", file=sys.stderr)
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
    record = json.loads(RECORD.read_text(encoding="utf-8")) if RECORD.exists() else {"tolerance": 0.005}
    if args.record:
        _write_record(results, record)
        print(f"recorded {', '.join(sorted(figures_of(results)))} in {RECORD}", file=sys.stderr)
    dropped = False
    if args.check:
        lines, dropped = compare(figures_of(results), record.get("figures", {}), record["tolerance"])
        print("\n".join(lines), file=sys.stderr if args.json else sys.stdout)
    if args.json:
        print(json.dumps(results, default=str))
    elif not args.check:
        print(f"Rules extractor version {results['extractor_version']}\n")
        print("\n".join(_rows(results)))
    return 1 if dropped else 0


if __name__ == "__main__":
    sys.exit(main())
