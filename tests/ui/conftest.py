"""Fixtures for the app's tests: an empty workspace, and a sample one built by the real pipeline.

The sample workspace is built once per session by really ingesting a few of the sample papers (PDFs
parsed by pypdf, embedded by the packaged model, stored in SQLite and Chroma) and running the rules
extractor. Tests that change it get their own copy.
"""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from causemap.graphbuilder.extract_pipeline import extract_workspace
from causemap.graphbuilder.extractors import make_extractor
from causemap.ingest.pipeline import ingest_paths
from causemap.ui import jobs
from causemap.workspace import Workspace

REPO = Path(__file__).resolve().parents[2]
APP = REPO / "ui" / "app.py"
SAMPLE_PDFS = REPO / "corpus_samples" / "pdf"
N_SAMPLE_PAPERS = 3
APP_TIMEOUT_S = 120  # the first run in a session loads the embedding model and spaCy

# Used only when the bundled corpus has not been generated: small papers written for these tests.
FALLBACK_PAPERS = {
    "salt_trial.pdf": (
        "Dietary sodium and blood pressure: a randomised controlled trial",
        "We randomly assigned 300 adults to a low-sodium diet or their usual diet for twelve weeks. "
        "Sodium reduction lowered systolic blood pressure. High sodium intake increases blood pressure. "
        "The intervention did not affect body weight. Higher blood pressure increases the risk of stroke.",
    ),
    "sleep_cohort.pdf": (
        "Sleep duration and obesity in a prospective cohort",
        "We followed 2,000 children in a prospective cohort study for ten years. Short sleep was "
        "associated with higher body mass index. Obesity increases blood pressure. Physical activity "
        "reduces body weight.",
    ),
    "exercise_review.pdf": (
        "Exercise and cardiovascular health: a review",
        "Physical activity lowers blood pressure. Regular exercise reduces the risk of stroke. "
        "Obesity may increase the risk of sleep apnea. Sodium intake did not increase body weight.",
    ),
}


def make_fallback_pdfs(folder: Path) -> list[Path]:
    """Write ``FALLBACK_PAPERS`` as real PDFs with fpdf2."""
    from fpdf import FPDF

    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, (title, body) in FALLBACK_PAPERS.items():
        pdf = FPDF()
        pdf.set_creation_date(dt.datetime(2026, 1, 1, tzinfo=dt.UTC))
        pdf.add_page()
        pdf.set_font("Helvetica", "B", 14)
        pdf.multi_cell(0, 8, title, new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("Helvetica", "", 11)
        pdf.ln(4)
        pdf.multi_cell(0, 6, "Results", new_x="LMARGIN", new_y="NEXT")
        pdf.multi_cell(0, 6, body, new_x="LMARGIN", new_y="NEXT")
        path = folder / name
        pdf.output(str(path))
        paths.append(path)
    return paths


@pytest.fixture(scope="session")
def sample_papers(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """A few sample PDFs: the bundled corpus if generated, else small PDFs made here."""
    pdfs = sorted(SAMPLE_PDFS.glob("*.pdf"))[:N_SAMPLE_PAPERS]
    return pdfs or make_fallback_pdfs(tmp_path_factory.mktemp("papers"))


@pytest.fixture(scope="session")
def sample_template(tmp_path_factory: pytest.TempPathFactory, sample_papers: list[Path]) -> Path:
    """A workspace holding the sample papers and their rules-extracted claims (do not modify)."""
    root = tmp_path_factory.mktemp("sample") / "workspace"
    with Workspace.open(root) as ws:
        report = ingest_paths(ws, sample_papers, progress=False)
        assert report.ingested, report.failed
        extract_workspace(ws, *make_extractor("rules", ws.settings.extract, ws.store), progress=False)
        assert ws.store.counts()["claims"] > 0
    return root


@pytest.fixture()
def sample_ws(tmp_path: Path, sample_template: Path) -> Path:
    """A private copy of the sample workspace, for tests that change it."""
    root = tmp_path / "workspace"
    shutil.copytree(sample_template, root)
    return root


@pytest.fixture()
def empty_ws(tmp_path: Path) -> Path:
    return tmp_path / "empty-workspace"


@pytest.fixture()
def app(monkeypatch: pytest.MonkeyPatch) -> Callable[[Path], AppTest]:
    """``app(workspace)``: the app, run once on ``workspace`` (as `causemap ui --workspace` would)."""

    def start(workspace: Path) -> AppTest:
        monkeypatch.setenv("CAUSEMAP_WORKSPACE", str(workspace))
        return AppTest.from_file(str(APP), default_timeout=APP_TIMEOUT_S).run()

    return start


@pytest.fixture()
def graph_page_of(app: Callable[[Path], AppTest]) -> Callable[[Path], AppTest]:
    """``graph_page_of(workspace)``: the Graph page once its background build of the graph has ended."""

    def open_graph(workspace: Path) -> AppTest:
        at = app(workspace)
        at.switch_page("pages/graph.py").run()
        job = jobs.current_job(str(workspace.resolve()) + "#graph")
        if job is not None:
            assert job.wait(APP_TIMEOUT_S), "the graph was not built in time"
            assert job.status == "done", job.error
        return at.run()

    return open_graph


@pytest.fixture()
def finished_job() -> Callable[..., jobs.Job]:
    """``finished_job(workspace, kind=None)``: the workspace's background job (its writing job, or the
    reading job of ``kind``: "graph", "plan"), once it has finished."""

    def wait(workspace: Path, timeout: float = APP_TIMEOUT_S, kind: str | None = None) -> jobs.Job:
        job = jobs.current_job(str(workspace.resolve()) + (f"#{kind}" if kind else ""))
        assert job is not None, "no job was started"
        assert job.wait(timeout), f"{job.label} did not finish within {timeout} s"
        return job

    return wait


@pytest.fixture()
def open_ws() -> Iterator[Callable[[Path], Workspace]]:
    """``open_ws(path)``: a second, independent view of a workspace, to check what the app stored."""
    opened: list[Workspace] = []

    def open_(path: Path) -> Workspace:
        ws = Workspace.open(path)
        opened.append(ws)
        return ws

    yield open_
    for ws in opened:
        ws.close()


@pytest.fixture()
def browser(tmp_path: Path) -> Iterator:
    """A headless Chromium page in a fresh profile, and the requests it tried to send off this machine."""
    from app_browser import chromium_page, need_chromium

    need_chromium()
    with chromium_page(tmp_path / "chromium-profile") as opened:
        yield opened
