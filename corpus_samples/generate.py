"""Render the sample papers in ``papers/*.yaml`` to PDFs and write ``truth.json``.

Usage::

    python corpus_samples/generate.py                 # writes pdf/*.pdf and truth.json here
    python corpus_samples/generate.py --out-dir /tmp/x --truth /tmp/x/truth.json

The content of every paper lives in its YAML file; this module only lays it out. Output is
deterministic: a fixed creation date, no randomness, and nothing taken from the clock, so
regenerating with the same fpdf2 version gives identical bytes.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib.util
import json
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from fpdf import FPDF

HERE = Path(__file__).resolve().parent
PAPERS_DIR = HERE / "papers"
GRAPH_SPEC = HERE / "graph.yaml"
PDF_DIR = HERE / "pdf"
TRUTH_PATH = HERE / "truth.json"

# Fixed so that the bytes of a regenerated PDF do not depend on when it was made.
CREATION_DATE = dt.datetime(2026, 1, 15, 9, 0, 0, tzinfo=dt.UTC)
PRODUCER = "causemap corpus_samples/generate.py (fpdf2)"
HEADINGS = ("heading", "subheading")
# Room (mm) a heading needs below it for a few lines of its text before the page ends.
KEEP_MM = 25


@dataclass(frozen=True)
class Layout:
    """Typographic choices for one paper; papers differ so that readers meet variety."""

    columns: int
    body_font: str
    heading_font: str
    body_size: float
    line_height: float = 1.2
    gutter: float = 6.0
    margin: float = 18.0


def layout_for(paper: dict[str, Any]) -> Layout:
    """Return the layout a paper asks for (``columns`` and ``font`` keys of its YAML)."""
    columns = int(paper.get("columns", 1))
    font = paper.get("font", "Times")
    heading_font = "Helvetica" if font == "Times" else "Times"
    return Layout(
        columns=columns,
        body_font=font,
        heading_font=heading_font,
        body_size=9.5 if columns == 2 else 10.5,
    )


def footer_text(paper: dict[str, Any], page_no: int) -> str:
    """Page-number footer in one of three styles used by real journals."""
    style = paper.get("footer", "plain")
    if style == "page_of":
        return f"Page {page_no} of {{nb}}"
    if style == "journal":
        return str(int(paper["first_page"]) + page_no - 1)
    return str(page_no)


class PaperPDF(FPDF):
    """FPDF with the running header (journal line) and page-number footer of one paper."""

    def __init__(self, paper: dict[str, Any], layout: Layout) -> None:
        super().__init__(format="A4", unit="mm")
        self.paper = paper
        self.layout = layout
        self.set_margins(layout.margin, 20, layout.margin)
        self.set_auto_page_break(True, margin=18)

    def header(self) -> None:
        self.set_y(10)
        self.set_font(self.layout.heading_font, "I", 8)
        self.set_text_color(80, 80, 80)
        self.cell(0, 5, self.paper["journal"], align="L")
        self.set_x(self.l_margin)
        self.cell(0, 5, self.paper["volume"], align="R", new_x="LMARGIN", new_y="NEXT")
        self.line(self.l_margin, self.y + 0.5, self.w - self.r_margin, self.y + 0.5)
        self.set_text_color(0, 0, 0)
        self.set_y(self.t_margin)

    def footer(self) -> None:
        self.set_y(-13)
        self.set_font(self.layout.heading_font, "", 8)
        self.cell(0, 5, footer_text(self.paper, self.page_no()), align="C")


def render_front_matter(pdf: PaperPDF, paper: dict[str, Any]) -> None:
    """Title block, authors, affiliation, dates, DOI, abstract and keywords (full width)."""
    lay = pdf.layout
    full = {"new_x": "LMARGIN", "new_y": "NEXT"}
    if paper.get("article_type"):
        pdf.set_font(lay.heading_font, "B", 8.5)
        pdf.cell(0, 5, paper["article_type"].upper(), **full)
    pdf.set_font(lay.heading_font, "B", 15)
    pdf.multi_cell(0, 6.8, paper["title"], align="L", **full)
    pdf.ln(2)
    pdf.set_font(lay.body_font, "", 10.5)
    pdf.multi_cell(0, 5, ", ".join(paper["authors"]), **full)
    pdf.set_font(lay.body_font, "I", 8.5)
    for line in paper["affiliations"]:
        pdf.multi_cell(0, 4.2, line, **full)
    pdf.set_font(lay.body_font, "", 8.5)
    for line in (paper["dates"], f"DOI: {paper['doi']}"):
        pdf.multi_cell(0, 4.2, line, **full)
    pdf.ln(3)
    pdf.set_font(lay.heading_font, "B", 10)
    pdf.cell(0, 5.5, "Abstract", **full)
    pdf.set_font(lay.body_font, "", lay.body_size)
    for para in paper["abstract"]:
        pdf.multi_cell(0, lay.body_size * 0.45, para.strip(), align="J", **full)
        pdf.ln(1)
    pdf.set_font(lay.body_font, "I", 8.5)
    pdf.multi_cell(0, 4.2, "Keywords: " + "; ".join(paper["keywords"]), **full)
    pdf.ln(2)
    pdf.line(pdf.l_margin, pdf.y, pdf.w - pdf.r_margin, pdf.y)
    pdf.ln(3)


def section_heading(paper: dict[str, Any], index: int | None, heading: str) -> str:
    """Format a section heading in the paper's style (numbered, upper case or plain)."""
    style = paper.get("heading_style", "numbered")
    if style == "numbered" and index is not None:
        return f"{index}. {heading}"
    if style == "upper":
        return heading.upper()
    return heading


def render_body(pdf: PaperPDF, paper: dict[str, Any]) -> None:
    """Sections then references, flowing through the paper's columns.

    A table (single-column papers only) closes the running column region, is drawn at full
    width, and a new region continues below it.
    """
    lay = pdf.layout
    blocks: list[tuple[str, Any]] = []
    for index, section in enumerate(paper["sections"], start=1):
        blocks.append(("heading", section_heading(paper, index, section["heading"])))
        for item in section["paragraphs"]:
            if isinstance(item, str):
                blocks.append(("text", item.strip()))
            elif "subheading" in item:
                blocks.append(("subheading", item["subheading"]))
            else:
                blocks.append(("table", item["table"]))
    blocks.append(("heading", section_heading(paper, None, "References")))
    for number, reference in enumerate(paper["references"], start=1):
        blocks.append(("reference", f"[{number}] {reference.strip()}"))

    # Single-column text is flushed before each heading so that a heading left at the foot of a
    # page can be moved to the next one; fpdf2's column regions cannot keep it with its text.
    pending: list[tuple[str, Any]] = []
    previous = ""
    for kind, content in blocks:
        starts_heading = kind in HEADINGS and previous not in HEADINGS
        if kind == "table" or (lay.columns == 1 and starts_heading):
            render_columns(pdf, lay, pending)
            pending = []
        if kind == "table":
            render_table(pdf, lay, content)
        else:
            if lay.columns == 1 and starts_heading and pdf.y > pdf.h - pdf.b_margin - KEEP_MM:
                pdf.add_page()
            pending.append((kind, content))
        previous = kind
    render_columns(pdf, lay, pending)


def render_columns(pdf: PaperPDF, lay: Layout, blocks: list[tuple[str, Any]]) -> None:
    """Flow text blocks through ``lay.columns`` columns (fpdf2 keeps reading order per column)."""
    if not blocks:
        return
    styles = {
        "heading": (lay.heading_font, "B", lay.body_size + 0.5, 3.0, 1.0),
        "subheading": (lay.heading_font, "BI", lay.body_size, 1.5, 0.5),
        "text": (lay.body_font, "", lay.body_size, 0.0, 1.6),
        "reference": (lay.body_font, "", lay.body_size - 1.5, 0.0, 0.8),
    }
    with pdf.text_columns(
        ncols=lay.columns,
        gutter=lay.gutter,
        text_align="J",
        line_height=lay.line_height,
        balance=lay.columns > 1,
    ) as cols:
        for kind, content in blocks:
            family, style, size, top, bottom = styles[kind]
            pdf.set_font(family, style, size)
            align = "L" if kind in HEADINGS else "J"
            with cols.paragraph(text_align=align, top_margin=top, bottom_margin=bottom) as par:
                par.write(content)


def render_table(pdf: PaperPDF, lay: Layout, table: dict[str, Any]) -> None:
    """A captioned table at full width, with an optional note underneath."""
    full = {"new_x": "LMARGIN", "new_y": "NEXT"}
    # Keep the caption with its table: a rough height (rows may wrap once) decides the page.
    needed = 12 + 6 * (len(table["rows"]) + 1)
    if pdf.y + needed > pdf.h - pdf.b_margin:
        pdf.add_page()
    pdf.ln(1)
    pdf.set_font(lay.heading_font, "B", 8.5)
    pdf.multi_cell(0, 4.5, table["caption"], **full)
    pdf.set_font(lay.body_font, "", 8.5)
    with pdf.table(text_align="LEFT", line_height=4.5, first_row_as_headings=True) as grid:
        for row in [table["header"], *table["rows"]]:
            cells = grid.row()
            for value in row:
                cells.cell(str(value))
    if table.get("note"):
        pdf.set_font(lay.body_font, "I", 8)
        pdf.multi_cell(0, 4, table["note"], **full)
    pdf.ln(3)


def build_pdf(paper: dict[str, Any]) -> bytes:
    """Lay out one paper and return the PDF bytes."""
    layout = layout_for(paper)
    pdf = PaperPDF(paper, layout)
    pdf.set_creation_date(CREATION_DATE)
    pdf.set_producer(PRODUCER)
    # Some papers carry title/author metadata; others leave it empty, as many real PDFs do,
    # so that metadata must be read from the first page.
    if paper.get("pdf_metadata", False):
        pdf.set_title(paper["title"])
        pdf.set_author(", ".join(paper["authors"]))
    pdf.add_page()
    render_front_matter(pdf, paper)
    render_body(pdf, paper)
    return bytes(pdf.output())


def load_papers(papers_dir: Path = PAPERS_DIR) -> list[dict[str, Any]]:
    """All paper sources, sorted by file name (``NN_short-name.yaml``)."""
    papers = []
    for path in sorted(papers_dir.glob("*.yaml")):
        paper = yaml.safe_load(path.read_text(encoding="utf-8"))
        if paper.get("id") != path.stem:
            raise ValueError(f"{path.name}: id {paper.get('id')!r} must equal the file stem")
        papers.append(paper)
    return papers


def write_pdfs(out_dir: Path, papers: list[dict[str, Any]]) -> list[Path]:
    """Write ``<id>.pdf`` for every paper into ``out_dir``; return the paths written."""
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for paper in papers:
        path = out_dir / f"{paper['id']}.pdf"
        path.write_bytes(build_pdf(paper))
        written.append(path)
    return written


def load_sibling(name: str) -> Any:
    """Import ``<name>.py`` from this folder, which is deliberately not a package."""
    spec = importlib.util.spec_from_file_location(f"corpus_samples_{name}", HERE / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def generate(out_dir: Path = PDF_DIR, truth_path: Path | None = TRUTH_PATH) -> list[Path]:
    """Regenerate all PDFs into ``out_dir`` and, unless ``truth_path`` is None, truth.json."""
    papers = load_papers()
    written = write_pdfs(out_dir, papers)
    if truth_path is not None:
        spec = yaml.safe_load(GRAPH_SPEC.read_text(encoding="utf-8"))
        truth = load_sibling("truth").build_truth(papers, spec)
        truth_path.write_text(json.dumps(truth, indent=1, ensure_ascii=True) + "\n", "utf-8")
    return written


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out-dir", type=Path, default=PDF_DIR, help="where the PDFs go")
    parser.add_argument("--truth", type=Path, default=TRUTH_PATH, help="where truth.json goes")
    parser.add_argument("--no-truth", action="store_true", help="only write the PDFs")
    args = parser.parse_args(argv)
    written = generate(args.out_dir, None if args.no_truth else args.truth)
    print(f"wrote {len(written)} PDFs to {args.out_dir}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
