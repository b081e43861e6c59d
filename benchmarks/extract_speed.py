"""Speed of the rules claim extractor: start-up (spaCy load) apart from sentences per second.

    python benchmarks/extract_speed.py                         # the dev sets in ../shared/eval/dev
    python benchmarks/extract_speed.py --data FILE.jsonl ...   # any JSONL files with a "text" field
    python benchmarks/extract_speed.py --repeat 3 --json
    python benchmarks/extract_speed.py --papers ../shared/pdfs   # also the prefilter on real papers

Throughput counts every input sentence, including those the lexical prefilter dismisses without
parsing (that is how the extractor is used on papers); the share that was parsed is reported, and
so is the rate on parsed sentences alone (the worst case, every sentence a candidate). The machine
is shared, so the best of ``--repeat`` runs is reported next to the median.

With ``--papers DIR`` the PDFs there are read with pypdf and split into sentences with
causemap's splitter, and the share of sentences the prefilter sends on (the LLM's workload) and
the share with rules claims are reported: the evaluation sets are rich in claims, papers are not.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

import this_checkout  # noqa: F401  (first: this checkout's causemap, not the installed one)

REPO = Path(__file__).resolve().parents[1]
DEV = REPO.parent / "shared" / "eval" / "dev"
# Invented sentences, used when no data file is at hand.
FALLBACK = [
    "Regular exercise lowers resting blood pressure in older adults.",
    "Soil moisture was reduced by prolonged drought.",
    "Higher sugar intake was associated with a greater risk of tooth decay.",
    "The samples were stored at -80 degrees until analysis.",
    "Vitamin K supplements did not affect bone density.",
    "Participants completed a questionnaire at baseline and after six months.",
    "Nitrogen fertiliser may increase grain yield under irrigation.",
    "Table 2 lists the characteristics of the included studies.",
]


def load_sentences(paths: list[Path]) -> list[str]:
    """The "text" of every JSON line in ``paths``."""
    sentences = []
    for path in paths:
        with open(path, encoding="utf-8") as handle:
            sentences.extend(json.loads(line)["text"] for line in handle if line.strip())
    return sentences


def paper_sentences(pdf_dir: Path) -> list[str]:
    """Sentences of every readable PDF in ``pdf_dir`` (unreadable ones are skipped)."""
    import logging

    import pypdf

    from causemap.ingest.sentences import split_sentences

    logging.getLogger("pypdf").setLevel(logging.CRITICAL)  # the corrupt sample files are noisy
    sentences = []
    for path in sorted(pdf_dir.glob("*.pdf")):
        try:
            text = "\n\n".join(page.extract_text() or "" for page in pypdf.PdfReader(path).pages)
        except Exception:  # encrypted, truncated, image-only: not this benchmark's concern
            continue
        text = " ".join(text.split())
        sentences.extend(text[a:b] for a, b in split_sentences(text) if b - a > 20)
    return sentences


def prefilter_on_papers(pdf_dir: Path) -> dict:
    """How much of real papers the prefilter sends on, and how much yields rules claims."""
    from causemap.graphbuilder.extractors.rules import RulesExtractor

    sentences = paper_sentences(pdf_dir)
    extractor = RulesExtractor()
    sent = sum(extractor.is_candidate(s) for s in sentences)
    with_claims = sum(1 for claims in extractor.extract(sentences) if claims)
    n = len(sentences) or 1
    return {
        "paper_sentences": len(sentences),
        "paper_send_rate": round(sent / n, 4),
        "paper_claim_share": round(with_claims / n, 4),
    }


def run(sentences: list[str], repeat: int) -> dict:
    """Time start-up and extraction; return the figures."""
    t0 = time.perf_counter()
    from causemap.graphbuilder.extractors.rules import RulesExtractor, load_spacy

    imported = time.perf_counter() - t0
    load_spacy()
    startup = time.perf_counter() - t0
    extractor = RulesExtractor()
    extractor.extract(sentences[:50])  # warm-up: first batches allocate
    candidates = [s for s in sentences if extractor.is_candidate(s)]
    totals, parsed_only = [], []
    claims = 0
    for _ in range(repeat):
        t0 = time.perf_counter()
        results = extractor.extract(sentences)
        totals.append(time.perf_counter() - t0)
        claims = sum(len(r) for r in results)
        t0 = time.perf_counter()
        extractor.extract(candidates)
        parsed_only.append(time.perf_counter() - t0)
    n = len(sentences)
    return {
        "sentences": n,
        "parsed_share": round(len(candidates) / n, 4) if n else 0.0,
        "claims": claims,
        "startup_s": round(startup, 3),  # import (spaCy included) + model load
        "import_s": round(imported, 3),
        "sentences_per_s_best": round(n / min(totals), 1),
        "sentences_per_s_median": round(n / statistics.median(totals), 1),
        "parsed_sentences_per_s_best": round(len(candidates) / min(parsed_only), 1),
        "runs": repeat,
        "extractor_version": RulesExtractor.version,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", nargs="*", type=Path, help="JSONL files (default: the dev sets)")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--json", action="store_true", help="print one JSON document")
    parser.add_argument("--papers", type=Path, help="a folder of PDFs for the prefilter figures")
    args = parser.parse_args(argv)
    paths = args.data if args.data else sorted(DEV.glob("*.jsonl"))
    sentences = load_sentences(paths) if paths else FALLBACK * 200
    figures = run(sentences, args.repeat)
    figures["data"] = [p.name for p in paths] or ["invented fallback sentences"]
    if args.papers:
        figures.update(prefilter_on_papers(args.papers))
    if args.json:
        print(json.dumps(figures))
    else:
        for key, value in figures.items():
            print(f"{key:28s} {value}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
