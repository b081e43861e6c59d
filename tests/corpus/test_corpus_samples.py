"""The sample corpus: committed PDFs match their sources, and truth.json meets its requirements.

Everything here is read from the corpus itself (papers/*.yaml, graph.yaml, pdf/*.pdf,
truth.json); no expected values are copied from the generator's output.
"""

from __future__ import annotations

import importlib.util
import json
import re
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import networkx as nx
import pytest
import yaml
from pypdf import PdfReader

CORPUS = Path(__file__).resolve().parents[2] / "corpus_samples"
SNAKE_CASE = re.compile(r"^[a-z][a-z0-9]*(_[a-z0-9]+)*$")
# Wording from which a reader of the abstract or methods can tell each study design.
DESIGN_CUES = {
    "rct": r"randomi[sz]ed controlled trial|randomi[sz]ed, placebo-controlled",
    "cohort": r"prospective cohort",
    "case_control": r"case-control study",
    "cross_sectional": r"cross-sectional",
    "mendelian_randomisation": r"mendelian randomi[sz]ation",
    "animal": r"mice were fed",
    "review": r"narrative review|systematic review",
}
REQUIRED_DESIGNS = {"rct", "cohort", "case_control", "cross_sectional", "mendelian_randomisation", "animal"}


def load_module(name: str) -> ModuleType:
    """Import a corpus_samples script by path (the folder is deliberately not a package)."""
    spec = importlib.util.spec_from_file_location(f"corpus_{name}", CORPUS / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    # dataclasses look their module up in sys.modules while the module executes.
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def normalise(text: str) -> str:
    return " ".join(text.split())


def page_texts(path: Path) -> list[str]:
    return [page.extract_text() for page in PdfReader(path).pages]


def body_text(pages: list[str]) -> str:
    """Whitespace-normalised text of all pages without each page's header and footer line."""
    return normalise(" ".join("\n".join(text.split("\n")[1:-1]) for text in pages))


def claims_on(truth: dict[str, Any], source: str, target: str) -> list[dict[str, Any]]:
    return [c for c in truth["claims"] if (c["source"], c["target"]) == (source, target)]


def paper_paragraphs(paper: dict[str, Any]) -> list[str]:
    """Abstract and section paragraphs (not headings, tables or references), normalised."""
    paragraphs = list(paper["abstract"])
    for section in paper["sections"]:
        paragraphs += [item for item in section["paragraphs"] if isinstance(item, str)]
    return [normalise(p) for p in paragraphs]


@pytest.fixture(scope="module")
def generator() -> ModuleType:
    return load_module("generate")


@pytest.fixture(scope="module")
def papers(generator: ModuleType) -> dict[str, dict[str, Any]]:
    return {paper["id"]: paper for paper in generator.load_papers()}


@pytest.fixture(scope="module")
def truth() -> dict[str, Any]:
    return json.loads((CORPUS / "truth.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def pdf_pages(papers: dict[str, dict[str, Any]]) -> dict[str, list[str]]:
    return {pid: page_texts(CORPUS / "pdf" / f"{pid}.pdf") for pid in papers}


def test_committed_pdfs_and_truth_match_a_fresh_generation(generator, tmp_path):
    written = generator.generate(out_dir=tmp_path, truth_path=tmp_path / "truth.json")
    committed = sorted(p.name for p in (CORPUS / "pdf").glob("*.pdf"))
    assert sorted(p.name for p in written) == committed
    for name in committed:
        assert page_texts(tmp_path / name) == page_texts(CORPUS / "pdf" / name), name
    fresh = json.loads((tmp_path / "truth.json").read_text(encoding="utf-8"))
    assert fresh == json.loads((CORPUS / "truth.json").read_text(encoding="utf-8"))


def test_every_page_has_text_and_the_first_page_the_doi(papers, pdf_pages):
    for pid, pages in pdf_pages.items():
        assert 2 <= len(pages) <= 4, pid
        assert all(len(text.strip()) > 100 for text in pages), pid
        assert papers[pid]["doi"].startswith("10.5555/")
        assert papers[pid]["doi"] in pages[0], pid
        assert normalise(papers[pid]["title"]) in normalise(pages[0]), pid


def test_pages_carry_a_running_header_and_consecutive_page_numbers(pdf_pages):
    for pid, pages in pdf_pages.items():
        lines = [text.strip().split("\n") for text in pages]
        assert len({page[0] for page in lines}) == 1, f"{pid}: header differs between pages"
        numbers = [int(re.search(r"\d+", page[-1]).group()) for page in lines]
        assert numbers == list(range(numbers[0], numbers[0] + len(pages))), pid


def test_paragraphs_read_in_order_in_one_and_two_column_papers(papers, pdf_pages):
    # A two-column page read across the columns would split every paragraph.
    assert sum(paper.get("columns", 1) == 2 for paper in papers.values()) >= 3
    for pid, paper in papers.items():
        text = body_text(pdf_pages[pid])
        position = 0
        for paragraph in paper_paragraphs(paper):
            found = text.find(paragraph, position)
            assert found >= 0, f"{pid}: paragraph not found in order: {paragraph[:60]!r}"
            position = found + len(paragraph)


def test_metadata_is_set_on_some_pdfs_and_empty_on_others(papers):
    flags = set()
    for pid, paper in papers.items():
        metadata = PdfReader(CORPUS / "pdf" / f"{pid}.pdf").metadata
        title = metadata.title if metadata else None
        if paper.get("pdf_metadata"):
            assert title == normalise(paper["title"]), pid
            assert metadata.author == ", ".join(paper["authors"]), pid
        else:
            assert not title, pid
        flags.add(bool(paper.get("pdf_metadata")))
    assert flags == {True, False}


def test_claim_sentences_occur_in_the_yaml_text_and_the_pdf_but_not_references(papers, pdf_pages, truth):
    for claim in truth["claims"]:
        paper = papers[claim["paper"]]
        sentence = claim["sentence"]
        assert sentence in " ".join(paper_paragraphs(paper)), sentence
        assert sentence in body_text(pdf_pages[claim["paper"]]), sentence
        assert sentence not in normalise(" ".join(paper["references"])), sentence


def test_claim_spans_are_in_the_sentence_and_name_their_variables(truth):
    variables = {v["id"]: v for v in truth["variables"]}
    for claim in truth["claims"]:
        for span, vid in ((claim["cause"], claim["source"]), (claim["effect"], claim["target"])):
            assert span.lower() in claim["sentence"].lower(), (span, claim["sentence"])
            var = variables[vid]
            forms = [var["label"], *var.get("aliases", []), *var.get("inverse_aliases", [])]
            assert any(form.lower() in span.lower() for form in forms), (span, vid)


def test_truth_has_the_papers_designs_and_claim_kinds_the_corpus_needs(papers, truth):
    assert len(truth["papers"]) >= 10
    assert {p["id"] for p in truth["papers"]} == set(papers)
    designs = {p["design"] for p in truth["papers"]}
    assert len(designs) >= 5 and REQUIRED_DESIGNS <= designs
    for paper in papers.values():
        methods = [s for s in paper["sections"] if "method" in s["heading"].lower()]
        text = " ".join(paper_paragraphs({"abstract": paper["abstract"], "sections": methods}))
        assert re.search(DESIGN_CUES[paper["design"]], text, re.IGNORECASE), paper["id"]
        assert 5 <= len(paper["references"]) <= 10, paper["id"]
        assert "\n".join(paper_paragraphs(paper)).encode("latin-1")
    claims = truth["claims"]
    assert any(c["hedged"] for c in claims)
    assert any(c["negated"] for c in claims)
    assert any(c["relation"] == "correlational" for c in claims)
    assert any(c["relation"] == "causal" for c in claims)
    assert all(c["negated"] == (c["polarity"] == "0") for c in claims)
    keys = [(c["paper"], c["sentence"], c["cause"], c["effect"]) for c in claims]
    assert len(keys) == len(set(keys))
    assert {c["paper"] for c in claims} == set(papers)


def test_every_edge_is_backed_by_claims_and_several_by_more_than_one_paper(truth):
    ids = [v["id"] for v in truth["variables"]]
    assert len(ids) == len(set(ids)) and all(SNAKE_CASE.match(i) for i in ids)
    for edge in truth["edges"]:
        backing = claims_on(truth, edge["source"], edge["target"])
        assert backing, edge
        assert sorted({c["paper"] for c in backing}) == edge["papers"]
        assert {c["edge_polarity"] for c in backing} == set(edge["evidence"])
    corroborated = [e for e in truth["edges"] if len(e["papers"]) >= 2 and not e["contested"]]
    assert len(corroborated) >= 5
    # Corroboration in different words: one edge stated with different surface forms.
    assert any(
        len({c["cause"].lower() for c in claims_on(truth, e["source"], e["target"])}) >= 3
        for e in corroborated
    )


def test_contradictions_are_exactly_the_edges_papers_disagree_on(truth):
    assert len(truth["contradictions"]) >= 2
    contested = {(e["source"], e["target"]) for e in truth["edges"] if e["contested"]}
    listed = {(c["source"], c["target"]) for c in truth["contradictions"]}
    assert listed == contested
    for contradiction in truth["contradictions"]:
        on_edge = claims_on(truth, contradiction["source"], contradiction["target"])
        signs_by_paper = {
            paper: {c["edge_polarity"] for c in on_edge if c["paper"] == paper}
            for paper in contradiction["papers"]
        }
        assert all(signs_by_paper.values()), contradiction
        # At least two different papers state different signs for the edge.
        assert any(a != b for a in signs_by_paper.values() for b in signs_by_paper.values())


def test_the_literature_contains_the_declared_feedback_loops(truth):
    graph = nx.DiGraph((e["source"], e["target"]) for e in truth["edges"] if e["polarity"] != "0")
    assert next(nx.simple_cycles(graph), None) is not None
    for cycle in truth["cycles"]:
        assert len(cycle) >= 2
        for source, target in zip(cycle, cycle[1:] + cycle[:1], strict=True):
            assert graph.has_edge(source, target), (source, target)


def test_only_the_sample_pdfs_are_ingestable(papers):
    files = [p for p in CORPUS.rglob("*") if p.is_file() and "__pycache__" not in p.parts]
    assert not [p for p in files if p.suffix.lower() in {".txt", ".md", ".jsonl"}]
    pdfs = sorted(p for p in files if p.suffix.lower() == ".pdf")
    assert pdfs == sorted(CORPUS / "pdf" / f"{pid}.pdf" for pid in papers)
    readers = pytest.importorskip("causemap.ingest.readers")
    ingestable = sorted(p for p in files if p.suffix.lower() in readers.SUPPORTED_SUFFIXES)
    assert ingestable == pdfs


def test_graph_spec_declares_every_variable_the_claims_use(truth):
    spec = yaml.safe_load((CORPUS / "graph.yaml").read_text(encoding="utf-8"))
    declared = {v["id"] for v in spec["variables"]}
    used = {c["source"] for c in truth["claims"]} | {c["target"] for c in truth["claims"]}
    assert used <= declared
