"""PDF fixtures for the reader tests, BUILT here with fpdf2, pypdf and Pillow (no binary files).

The synthetic paper is a four-page, two-column article laid out line by line, so that the tests
know exactly where the layout breaks lines: a running header whose digits change per page, bare
page numbers in the footer, words hyphenated across line breaks, a sentence that continues from
the left column into the right one, numbered section headings, and a reference list that starts
on page 3 and continues on page 4.
"""

from __future__ import annotations

import io
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from types import SimpleNamespace

import pypdf
import pytest
from fpdf import FPDF
from PIL import Image, ImageDraw

TITLE_LINES = ("Coffee intake and sleep quality in adults:", "a prospective cohort study")
TITLE = " ".join(TITLE_LINES)
AUTHORS = ("Ada Lovelace", "Alan Turing", "Grace Hopper")
DOI = "10.1234/jse.2024.0042"
YEAR = 2024
ABSTRACT_LINES = (
    "Coffee is widely consumed, yet its effect on sleep in the general population is uncertain.",
    "We followed 2,400 adults for two years. Higher coffee intake increased sleep latency and",
    "reduced total sleep time (p < 0.05). Caffeine may therefore impair sleep quality.",
)
HEADER = "Journal of Synthetic Evidence 2024;12:e10{page} | doi: 10.1234/jse.2024.0042"


@dataclass
class PageLayout:
    """Lines of one page: full-width lines at the top, then a left and a right column.

    A line starting with ``"#"`` is a bold heading (the ``"#"`` is not printed).
    """

    top: list[str] = field(default_factory=list)
    left: list[str] = field(default_factory=list)
    right: list[str] = field(default_factory=list)


PAPER = [
    PageLayout(
        top=[
            "#" + TITLE_LINES[0],
            "#" + TITLE_LINES[1],
            "Ada Lovelace1, Alan Turing2 and Grace Hopper1",
            "1 Department of Epidemiology, University of Examples, Exampleton, UK",
            f"doi: {DOI}    Published: 3 March 2024",
            "#Abstract",
            *ABSTRACT_LINES,
        ],
        left=[
            "#1. Introduction",
            "Sleep problems are common among adults and are",
            "linked to poor health. Caffeine is an adenosine",
            "receptor antagonist, and its plasma concentra-",
            "tion peaks within an hour of intake. Several",
            "cohort studies used self-reported intake, but",
            "few followed participants for long periods.",
            "Earlier reviews of anti-",
            "TNF therapy noted similar sleep effects. The",
            "present study asks whether habitual coffee",
        ],
        right=[
            "intake predicts sleep quality two years later.",
            "We also examine whether the association differs",
            "between men and women.",
        ],
    ),
    PageLayout(
        left=[
            "#2. Methods",
            "We recruited 2,400 adults from primary care. Intake",
            "was self-",
            "reported in a food diary at baseline and every six",
            "months. Sleep latency was measured by actigraphy.",
            "Models were adjusted for age, sex and smoking.",
        ],
        right=[
            "#3. Results",
            "Each additional cup of coffee per day increased",
            "sleep latency by 4 minutes (95% CI 2 to 6). The",
            "association was stronger in women than in men.",
            "Total sleep time fell by 9 minutes per cup.",
        ],
    ),
    PageLayout(
        left=[
            "#4. Discussion",
            "Habitual coffee intake was associated with worse",
            "sleep, consistent with earlier trials. Reverse",
            "causation cannot be excluded.",
            "#5. Conclusion",
            "Reducing coffee intake may improve sleep quality.",
        ],
        right=[
            "#References",
            "1. Smith J, Jones K. Caffeine and sleep. Sleep Med",
            "2019;12:1-9.",
            "2. Brown A. Coffee in cohorts. Epidemiology 2018;",
            "29:100-8.",
            "3. Green P, White R. Actigraphy methods. J Sleep Res",
            "2020;5:44-50.",
        ],
    ),
    PageLayout(
        left=[
            "4. Black T. Adenosine receptors. Pharmacol Rev 2017;",
            "69:1-20.",
            "5. Gray S. Sex differences in caffeine metabolism.",
            "Clin Pharmacokinet 2021;60:11-19.",
        ],
    ),
]


def build_paper_pdf(
    pages: list[PageLayout], *, header: str | None = HEADER, info_title: str = TITLE
) -> bytes:
    """Lay out ``pages`` line by line with fpdf2 core fonts and return the PDF bytes."""
    pdf = FPDF(unit="mm", format="A4")
    pdf.set_auto_page_break(False)
    pdf.set_title(info_title)
    pdf.set_author(", ".join(AUTHORS))
    for number, layout in enumerate(pages, start=1):
        pdf.add_page()
        if header:
            pdf.set_font("Helvetica", size=8)
            pdf.text(15, 10, header.format(page=number))
        y = 22.0
        for line in layout.top:
            is_title = line.startswith("#") and line[1:] in TITLE_LINES
            size = 16 if is_title else (11 if line.startswith("#") else 10)
            pdf.set_font("Helvetica", "B" if line.startswith("#") else "", size)
            y += size * 0.5
            pdf.text(15, y, line.lstrip("#"))
        column_top = y + 8
        for x, column in ((15, layout.left), (110, layout.right)):
            y = column_top
            for line in column:
                pdf.set_font("Helvetica", "B" if line.startswith("#") else "", 10)
                y += 5
                pdf.text(x, y, line.lstrip("#"))
        pdf.set_font("Helvetica", size=9)
        pdf.text(104, 288, str(number))
    return bytes(pdf.output())


def simple_pdf(text: str = "Coffee raises alertness in adults. " * 20) -> bytes:
    """A one-page PDF of flowing text."""
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    pdf.multi_cell(0, 5, text)
    return bytes(pdf.output())


def encrypt(data: bytes, user_password: str, algorithm: str = "AES-128") -> bytes:
    """Encrypt a PDF with pypdf."""
    writer = pypdf.PdfWriter(clone_from=pypdf.PdfReader(io.BytesIO(data)))
    writer.encrypt(user_password=user_password, owner_password="owner-secret", algorithm=algorithm)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def image_only_pdf() -> bytes:
    """A 'scanned' page: a Pillow image of text-like strokes saved as a PDF (no text layer)."""
    image = Image.new("L", (850, 1100), 255)
    draw = ImageDraw.Draw(image)
    for row in range(40):
        y = 80 + row * 24
        draw.rectangle((70, y, 70 + 600 + (row * 37) % 110, y + 9), fill=30)
    out = io.BytesIO()
    image.save(out, format="PDF", resolution=100.0)
    return out.getvalue()


HTML_ERROR_PAGE = (
    b"<!DOCTYPE html>\n<html><head><title>403 Forbidden</title></head>\n"
    b"<body><h1>Access denied</h1><p>Please log in to download this article.</p></body></html>\n"
)


def raw_pdf(contents: list[bytes], objects: dict[int, bytes] | None = None, resources: bytes = b"") -> bytes:
    """A PDF written byte by byte (catalog 1, pages 2, Helvetica 3, then a page and its content
    stream per entry of ``contents``), with a correct cross-reference table: for files no layout
    library would produce. ``objects`` adds numbered objects; ``resources`` goes into each page's
    resource dictionary."""
    body = {
        1: b"<< /Type /Catalog /Pages 2 0 R >>",
        3: b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    }
    kids = []
    for index, content in enumerate(contents):
        page, stream = 4 + 2 * index, 5 + 2 * index
        kids.append(b"%d 0 R" % page)
        body[page] = (
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> "
            + resources
            + b" >> /Contents %d 0 R >>" % stream
        )
        packed = zlib.compress(content)
        body[stream] = b"<< /Length %d /Filter /FlateDecode >>\nstream\n%s\nendstream" % (len(packed), packed)
    body[2] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (b" ".join(kids), len(kids))
    body.update(objects or {})
    out = bytearray(b"%PDF-1.7\n")
    offsets = {}
    for number in sorted(body):
        offsets[number] = len(out)
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body[number])
    size = max(body) + 1
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % size
    for number in range(1, size):
        out += b"%010d 00000 n \n" % offsets[number] if number in offsets else b"0000000000 65535 f \n"
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (size, xref)
    return bytes(out)


def repeated_word_pdf(word: str = "lorem", megabytes: float = 1.0) -> bytes:
    """One page whose text layer is one word repeated over ``megabytes`` (one text-showing string)."""
    repeat = int(megabytes * 2**20) // (len(word) + 1)
    return raw_pdf([b"BT /F1 10 Tf 50 700 Td (" + f"{word} ".encode() * repeat + b") Tj ET"])


def word_per_line_pdf(lines: int = 5000) -> bytes:
    """One page of ``lines`` short lines and no sentence end (text once quadratic to clean)."""
    return raw_pdf([b"BT /F1 10 Tf 50 700 Td 12 TL " + b"(lorem ipsum) ' " * lines + b"ET"])


def many_operators_pdf(count: int) -> bytes:
    """A page of one sentence and then ``count`` save/restore operators (``q Q``), which draw nothing:
    pypdf parses each of them, at a few hundred thousand a second."""
    page = b"BT /F1 10 Tf 50 750 Td (A page that draws nothing more.) Tj ET " + b"q Q " * count
    return raw_pdf([page], {})


def form_invoked_pdf(invocations: int) -> bytes:
    """One page: a sentence, a form showing the word "cell" invoked ``invocations`` times (a table drawn
    cell by cell), then another sentence. pypdf 7 stops reading forms after 5,000 invocations a page."""
    form = b"BT /F1 10 Tf 50 700 Td (cell) Tj ET"
    xobject = (
        b"<< /Type /XObject /Subtype /Form /BBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> "
        b"/Length %d >>\nstream\n%s\nendstream" % (len(form), form)
    )
    page = (
        b"BT /F1 10 Tf 50 750 Td (The page begins with this sentence.) Tj ET "
        + b"/Fm0 Do " * invocations
        + b"BT /F1 10 Tf 50 100 Td (The page ends with this sentence.) Tj ET"
    )
    return raw_pdf([page], {6: xobject}, resources=b"/XObject << /Fm0 6 0 R >>")


def unreadable_second_page_pdf() -> bytes:
    """Two pages of text, the second's content an array of 10,001 streams (pypdf refuses over 10,000)."""
    text = b"BT /F1 10 Tf 50 750 Td (" + b"Coffee raises alertness in adults. " * 5 + b") Tj ET"
    part = b"BT /F1 10 Tf 50 700 Td (A part.) Tj ET"
    stream = b"<< /Length %d >>\nstream\n%s\nendstream" % (len(part), part)
    return raw_pdf([text, text], {7: b"[" + b"9 0 R " * 10_001 + b"]", 9: stream})


@pytest.fixture(scope="session")
def spec() -> SimpleNamespace:
    """What the synthetic paper contains, and the builders (tests import nothing from here)."""
    return SimpleNamespace(
        TITLE=TITLE,
        AUTHORS=AUTHORS,
        DOI=DOI,
        YEAR=YEAR,
        HEADER=HEADER,
        PAPER=PAPER,
        ABSTRACT_LINES=ABSTRACT_LINES,
        build_paper_pdf=build_paper_pdf,
        simple_pdf=simple_pdf,
        image_only_pdf=image_only_pdf,
        raw_pdf=raw_pdf,
        repeated_word_pdf=repeated_word_pdf,
        word_per_line_pdf=word_per_line_pdf,
        many_operators_pdf=many_operators_pdf,
        form_invoked_pdf=form_invoked_pdf,
        unreadable_second_page_pdf=unreadable_second_page_pdf,
    )


@pytest.fixture(scope="session")
def paper_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("pdfs") / "coffee_sleep_cohort.pdf"
    path.write_bytes(build_paper_pdf(PAPER))
    return path


@pytest.fixture(scope="session")
def broken_pdfs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Unreadable (or awkward) PDFs by name, each built into a temporary folder."""
    folder = tmp_path_factory.mktemp("broken")
    good = simple_pdf()
    files = {
        "encrypted_user_password": encrypt(good, "secret", "AES-128"),
        "encrypted_empty_password": encrypt(good, "", "AES-128"),
        "encrypted_empty_password_rc4": encrypt(good, "", "RC4-128"),
        "truncated": good[: int(len(good) * 0.6)],
        "image_only": image_only_pdf(),
        "empty": b"",
        "text_renamed": b"Coffee and sleep: notes for the journal club.\nBring the papers.\n",
        "html_error_page": HTML_ERROR_PAGE,
    }
    paths = {}
    for name, data in files.items():
        paths[name] = folder / f"{name}.pdf"
        paths[name].write_bytes(data)
    return paths
