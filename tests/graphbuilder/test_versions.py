"""Versions of one study: same DOI, same title, near-duplicate text; the user's decisions win."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from causemap.graphbuilder.versions import (
    PaperText,
    containment,
    detect_versions,
    normalise_doi,
    normalise_title,
    shingles,
)

_FOLDER = Path(
    os.environ.get("CAUSEMAP_SHARED_PDFS") or Path(__file__).resolve().parents[3] / "shared" / "pdfs"
)
_BMJ = _FOLDER / "health_smoking-cessation-in-pregnancy_physical-activity_RCT_BMJ2015.pdf"
_KCNJ11 = _FOLDER / "health_kcnj11-mutation-sulfonylurea-sensitive-diabetes_Diabetologia2024.pdf"
_HEART = _FOLDER / "health_heart-failure-programmes-patient-experience_Hindawi2010.pdf"

# Two different texts of about 150 words each (written for this test).
SODIUM = (
    "We randomised two hundred adults with stage one hypertension to a diet low in sodium or to their usual "
    "diet for twelve weeks and measured office and ambulatory blood pressure at baseline, six weeks and "
    "twelve weeks. Adherence was checked with three twenty-four hour urine collections in every participant. "
    "The low sodium diet lowered systolic blood pressure by six millimetres of mercury and diastolic blood "
    "pressure by three millimetres of mercury compared with the usual diet, and the effect was larger in "
    "older participants and in those with the highest sodium excretion at baseline. Potassium excretion "
    "did not change. Adverse events were rare and similar in both groups, and no participant stopped the "
    "diet because of side effects. These results support advice to reduce dietary sodium in adults with "
    "raised blood pressure, alongside the other lifestyle measures that guidelines recommend for them."
)
SLEEP = (
    "In a cohort of nine thousand middle-aged workers followed for eight years, short sleep at the first "
    "visit predicted weight gain and the onset of obesity, after adjustment for age, sex, physical activity, "
    "diet, shift work and depressive symptoms. Workers who slept less than six hours a night gained on "
    "average two kilograms more than those who slept seven to eight hours, and their risk of becoming obese "
    "was forty percent higher. The association was stronger in women and in workers younger than forty "
    "five years, and it was not explained by snoring or daytime sleepiness. Extending sleep in short "
    "sleepers is a plausible target for trials that aim to prevent weight gain in working adults, who are "
    "rarely offered help with sleep by occupational health services or by their family doctors."
)


def test_doi_spellings_are_one_doi():
    assert normalise_doi("https://doi.org/10.1136/BMJ.H2145") == normalise_doi("doi:10.1136/bmj.h2145.")
    assert normalise_doi("arXiv DOI 10.48550/arXiv.2206.01062v2") == "10.48550/arxiv.2206.01062"
    assert normalise_doi("10.1000/abc.1") != normalise_doi("10.1000/abc.2")
    assert normalise_doi(None) is None and normalise_doi("no identifier here") is None


def test_titles_compare_by_their_words_and_short_titles_identify_nothing():
    a = normalise_title("Physical activity for smoking cessation in pregnancy: randomised controlled trial")
    b = normalise_title("PHYSICAL ACTIVITY FOR SMOKING CESSATION IN PREGNANCY — RANDOMISED CONTROLLED TRIAL.")
    assert a == b is not None
    assert normalise_title("Research article") is None and normalise_title("Introduction") is None


def test_same_doi_links_a_preprint_to_its_publication_and_the_publication_leads():
    preprint = PaperText(
        "pre", title="Salt and blood pressure (preprint)", doi="10.1101/2020.01.01.1", kind="pdf"
    )
    published = PaperText(
        "pub", title="Dietary salt and blood pressure", doi="https://doi.org/10.1101/2020.01.01.1", n_pages=9
    )
    groups = detect_versions([preprint, published])
    assert groups.study_of == {"pre": "pub", "pub": "pub"}
    assert [(link.reason, {link.a, link.b}) for link in groups.links] == [("same_doi", {"pre", "pub"})]
    assert groups.versions() == {"pub": ["pre"]}


def test_near_duplicate_text_links_a_jsonl_record_repeating_a_pdf():
    pdf = PaperText("pdf", title=None, kind="pdf", n_pages=3, text=SLEEP + " " + SODIUM + " " + SLEEP.upper())
    record = PaperText("rec", title="Low sodium diet in hypertension", kind="text", text=SODIUM)
    other = PaperText("other", kind="text", text=SLEEP.replace("short sleep", "long commutes"))
    groups = detect_versions([pdf, record])
    assert groups.study_of["rec"] == "pdf"
    (link,) = groups.links
    assert link.reason == "near_duplicate_text" and link.score >= 0.9
    # a text sharing a few phrases with another is not a version of it
    assert containment(shingles(SODIUM), shingles(SLEEP)) == 0.0
    assert detect_versions([record, PaperText("s", kind="text", text=SLEEP)]).study_of == {
        "rec": "rec",
        "s": "s",
    }
    assert detect_versions([pdf, other]).study_of["other"] in ("other", "pdf")  # same words, both ways


def test_short_texts_are_not_compared():
    a = PaperText("a", kind="text", text="Salt raised blood pressure in adults.")
    b = PaperText("b", kind="text", text="Salt raised blood pressure in adults.")
    assert detect_versions([a, b]).study_of == {"a": "a", "b": "b"}


def test_the_user_keeps_papers_apart_and_joins_papers():
    a = PaperText("a", title="Salt intake and blood pressure in older adults", n_pages=9)
    b = PaperText("b", title="Salt intake and blood pressure in older adults.", kind="text")
    c = PaperText("c", kind="text", text=SODIUM)
    d = PaperText("d", kind="text", text=SLEEP)
    apart = detect_versions([a, b], [{"kind": "separate", "papers": ["b", "a"]}])
    assert apart.study_of == {"a": "a", "b": "b"}
    assert [link.reason for link in apart.kept_apart] == ["same_title"]
    joined = detect_versions([c, d], [{"kind": "same", "papers": ["c", "d"]}])
    assert joined.study_of == {"c": "c", "d": "c"} and joined.links[0].reason == "user"
    # the later decision about a pair wins
    undone = detect_versions(
        [a, b], [{"kind": "separate", "papers": ["a", "b"]}, {"kind": "same", "papers": ["a", "b"]}]
    )
    assert undone.study_of["b"] == "a"


def test_a_separated_pair_is_not_joined_through_a_third_paper():
    a = PaperText("a", title="Salt intake and blood pressure in older adults", doi="10.1/x", n_pages=9)
    b = PaperText("b", title="Salt intake and blood pressure in older adults", kind="text")
    c = PaperText("c", doi="10.1/X", kind="text")
    groups = detect_versions([a, b, c], [{"kind": "separate", "papers": ["b", "c"]}])
    assert groups.study_of["b"] != groups.study_of["c"]
    assert groups.study_of["a"] in (groups.study_of["b"], groups.study_of["c"])


def test_detection_does_not_depend_on_the_order_of_papers():
    papers = [
        PaperText("a", title="Salt intake and blood pressure in older adults", n_pages=9),
        PaperText("b", title="Salt intake and blood pressure in older adults", kind="text"),
        PaperText("c", kind="text", text=SODIUM),
        PaperText("d", kind="pdf", n_pages=2, text=SODIUM + " " + SLEEP),
    ]
    reference = detect_versions(papers).to_dict()
    assert detect_versions(papers[::-1]).to_dict() == reference


def _pdf_text(path: Path) -> tuple[str, str | None, str | None, int]:
    from causemap.ingest.readers import ParsedDocument, read_path

    [document] = read_path(path)
    assert isinstance(document, ParsedDocument)
    return "\n".join(p.text for p in document.pages), document.title, document.doi, len(document.pages)


@pytest.mark.skipif(
    not (_BMJ.exists() and _KCNJ11.exists() and _HEART.exists()), reason="../shared/pdfs absent"
)
def test_real_papers_an_abstract_repeating_a_pdf_and_the_same_file_twice():
    bmj_text, bmj_title, bmj_doi, bmj_pages = _pdf_text(_BMJ)
    kcnj_text, kcnj_title, kcnj_doi, kcnj_pages = _pdf_text(_KCNJ11)
    heart_text, heart_title, heart_doi, heart_pages = _pdf_text(_HEART)
    # The abstract as a JSONL export would hold it: the text after "ABSTRACT", with its own
    # line breaks and spacing, and no DOI or title.
    start = bmj_text.index("ABSTRACT")
    abstract = " ".join(bmj_text[start : start + 1800].split())
    papers = [
        PaperText("bmj", bmj_title, bmj_doi, "pdf", bmj_pages, text=bmj_text),
        PaperText("bmj-again", None, None, "pdf", bmj_pages, text=bmj_text.replace("\n", " ")),
        PaperText("bmj-abstract", None, None, "text", 1, text=abstract),
        PaperText("kcnj11", kcnj_title, kcnj_doi, "pdf", kcnj_pages, text=kcnj_text),
        PaperText("heart", heart_title, heart_doi, "pdf", heart_pages, text=heart_text),
    ]
    groups = detect_versions(papers)
    assert groups.study_of["bmj-again"] == groups.study_of["bmj-abstract"] == groups.study_of["bmj"]
    assert groups.study_of["kcnj11"] == "kcnj11" and groups.study_of["heart"] == "heart"
    assert {link.reason for link in groups.links} == {"near_duplicate_text"}
