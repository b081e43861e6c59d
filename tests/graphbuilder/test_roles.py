"""Finding, background or no claim: sentence zones of invented papers and abstracts."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from causemap.graphbuilder.extract_claims import has_finite_verb
from causemap.graphbuilder.roles import (
    cites_earlier_work,
    claim_role,
    is_aim,
    is_layout,
    is_presupposed,
    is_procedure,
    lacks_sentence_shape,
    run_in_label,
    sentence_zones,
    states_indication,
)
from causemap.graphbuilder.roles_captions import caption_in, split_at_caption
from causemap.models import ClaimRole

FINDING, BACKGROUND = ClaimRole.FINDING, ClaimRole.BACKGROUND


@dataclass(frozen=True)
class S:
    text: str
    section: str | None = "abstract"


def roles(texts, section="abstract", title=None):
    return [z.role for z in sentence_zones([S(t, section) for t in texts], title)]


@pytest.mark.parametrize(
    "text",
    [
        "Figure 2. Mean blood pressure by group at each visit.",
        "Table 3 Baseline characteristics of the cohort.",
        "Supplementary Fig. S4 shows the dose-response curves.",
        "JS and KM designed the study, analysed the data and wrote the manuscript.",
        "All authors read and approved the final manuscript.",
        "This work was supported by grant R01-HL12345 from the National Institutes of Health.",
        "We thank the nurses of the cardiology ward for their help.",
        "The authors declare no competing interests.",
        "The trial is registered at ClinicalTrials.gov (NCT01234567).",
    ],
)
def test_layout_makes_no_claim(text):
    assert is_layout(text)
    assert roles([text], "results") == [None]


def test_a_panel_list_opens_a_caption_sentence():
    assert is_layout("(a, b) Traces of the arterial pressure of treated and control rats.")
    assert is_layout("(c\u2013e) Heart rate of the same rats after the first dose.")


def test_a_caption_run_in_after_the_figure_labels_makes_no_claim():
    # The text layer puts a figure's axis labels (and the body text it interrupts) before its caption.
    text = (
        "Blood pressure of treated and untreated 0 50 100 150 mmHg Control Losartan AT1R-KO "
        "Fig. 3 Reduction of blood pressure by losartan in hypertensive rats. (a, b) Traces recorded "
        "in conscious rats given losartan or saline (as indicated by the bars)."
    )
    assert caption_in(text) == "inside"
    assert roles([text], "results") == [None]


def test_the_title_after_a_caption_label_the_splitter_cut_off_is_the_caption():
    labels = "Plasma LDL (mmol/l) 0 2 4 6 Placebo Statin Figure 5."
    title = "Statins lower LDL cholesterol in older adults."
    assert caption_in(labels) == "end"
    assert roles([labels, title, "Statins lowered LDL cholesterol by a third."], "results") == [
        None,
        None,
        FINDING,
    ]
    assert roles(["Figure 5.", title], "results") == [None, None]


def _parts(text: str) -> list[str]:
    return [text[start:end] for start, end in split_at_caption(text, 0, len(text))]


@pytest.mark.parametrize(
    "text",
    [
        "The current rises with the applied field as shown FIG. 7 (a) Current density of three films.",
        "The resistance of the films fell as they cooled TABLE II. Parameters of the fitted model.",
    ],
)
def test_the_body_words_before_a_caption_in_capitals_are_read_and_the_caption_is_not(text):
    # Body text refers to "Fig. 7"; "FIG. 7" labels the caption the text layer ran into the sentence.
    assert caption_in(text) == "inside"
    body, caption = _parts(text)
    assert caption.startswith(("FIG", "TABLE")) and not body.endswith(" ")
    zones = sentence_zones([S(body, "results"), S(caption, "results")], None, has_finite_verb)
    assert [z.role for z in zones] == [FINDING, None]


def test_the_body_words_a_caption_interrupts_are_read_and_the_caption_is_not():
    text = "Salt intake raised blood pressure in older adults Figure 3: Blood pressure by salt group."
    assert _parts(text) == ["Salt intake raised blood pressure in older adults", text[text.index("Figure") :]]
    zones = sentence_zones([S(p, "results") for p in _parts(text)], None, has_finite_verb)
    assert [z.role for z in zones] == [FINDING, None]
    # The figure's own labels before its caption have no sentence shape: nothing is read there either.
    labels = (
        "Blood pressure 0 50 100 150 mmHg Control Losartan Fig. 3 Reduction of blood pressure by losartan."
    )
    zones = sentence_zones([S(p, "results") for p in _parts(labels)], None, has_finite_verb)
    assert len(zones) == 2 and [z.role for z in zones] == [None, None]


@pytest.mark.parametrize(
    "text",
    [
        "Statins lowered LDL cholesterol in both groups, as shown in Fig. 5 (a) and in Table II.",
        "Statins lowered LDL cholesterol in both groups (FIG. 5).",
        "Figure 5. Statins lowered LDL cholesterol in both groups.",
    ],
)
def test_a_reference_or_a_caption_of_its_own_is_not_split(text):
    assert _parts(text) == [text]


@pytest.mark.parametrize(
    "text",
    [
        "Statins lowered LDL cholesterol in both groups, as shown in Figure 5.",
        "Statins lowered LDL cholesterol in both groups (Fig. 5 Upper panel).",
        "In Fig. 5 Statin use lowered LDL cholesterol in both groups.",
        "Statins lowered LDL cholesterol (Table 2) and the effect lasted a year.",
    ],
)
def test_a_figure_reference_in_a_sentence_opens_no_caption(text):
    assert caption_in(text) is None
    assert roles([text, "Exercise raised HDL cholesterol."], "results") == [FINDING, FINDING]


def test_a_reference_ending_a_sentence_leaves_the_next_one_a_finding():
    first = "Doses are listed in Table 2."
    assert roles([first, "Statins lowered LDL cholesterol in older adults."], "results")[1] == FINDING


def test_text_of_no_sentence_shape_makes_no_claim():
    labels = "Rats without losartan rats with losartan AT1R KO D AT1R AT1RAT1R rat 2 E G"
    heading = "Exercise lowers blood pressure in older adults"
    zones = sentence_zones([S(labels, "results"), S(heading, "results")], None, has_finite_verb)
    assert [z.role for z in zones] == [None, FINDING]
    assert lacks_sentence_shape(labels, has_finite_verb)
    assert not lacks_sentence_shape("Rats without losartan and rats with it.", has_finite_verb)
    # Without a tagger nothing is read as shapeless.
    assert roles([labels], "results") == [FINDING]


@pytest.mark.parametrize(
    "text",
    [
        "We asked whether dietary sodium affects arterial stiffness.",
        "The aim of this study was to determine whether statins reduce fracture risk.",
        "This study aimed to assess the effect of shift work on sleep quality.",
        "To investigate whether vitamin D prevents falls in older adults.",
        "We hypothesized that lithium would increase bone density.",
    ],
)
def test_aims_assert_nothing(text):
    assert is_aim(text)
    (zone,) = sentence_zones([S(text)])
    assert zone.presupposed_only and zone.role == BACKGROUND


def test_an_aim_with_a_finding_is_a_finding():
    text = "We investigated whether exercise lowers glucose and found that it reduced fasting glucose."
    assert not is_aim(text)
    assert roles([text]) == [FINDING]


def test_presupposed_noun_phrase_relations():
    sentence = "We tested whether melatonin prevents cisplatin-induced nephrotoxicity."
    cause = (sentence.index("cisplatin"), sentence.index("cisplatin") + len("cisplatin"))
    effect = (sentence.index("nephrotoxicity"), sentence.index("nephrotoxicity") + len("nephrotoxicity"))
    assert is_presupposed(sentence, cause, effect)
    melatonin = (sentence.index("melatonin"), sentence.index("melatonin") + len("melatonin"))
    assert not is_presupposed(sentence, melatonin, effect)


@pytest.mark.parametrize(
    ("text", "procedure"),
    [
        ("Male rats were injected with streptozotocin on day 3.", True),
        ("Serum ferritin was measured by ELISA.", True),
        ("Participants were randomly assigned to metformin or placebo.", True),
        ("Rats injected with streptozotocin had higher glucose than controls.", False),
        ("Serum ferritin was increased in patients with sepsis.", False),
    ],
)
def test_procedures(text, procedure):
    assert is_procedure(text) is procedure


def test_structured_abstract_labels_hold_until_the_next():
    texts = [
        "Background: Obesity is known to raise the risk of gout.",
        "Methods: Adults were followed for ten years.",
        "Weight gain was associated with incident gout in a pilot.",
        "Results: Weight gain was associated with incident gout.",
        "Conclusions: Losing weight may reduce gout.",
    ]
    assert [run_in_label(t) for t in texts] == ["background", "methods", None, "results", "conclusions"]
    assert roles(texts) == [BACKGROUND, None, None, FINDING, FINDING]


def test_a_word_that_merely_starts_like_a_label_is_no_label():
    assert run_in_label("Patients with diabetes had more strokes.") is None
    assert run_in_label("Results of the trial were mixed.") is None
    assert run_in_label("RESULTS: Mortality fell.") == "results"


def test_unstructured_abstract_opening_is_background_until_the_paper_speaks_of_itself():
    title = "Coffee and liver fibrosis."
    texts = [
        "Coffee and liver fibrosis.",
        "Chronic alcohol use causes liver fibrosis.",
        "Caffeine inhibits stellate cell activation in vitro.",
        "Here we studied 2,000 adults with fatty liver disease.",
        "Coffee intake was associated with less fibrosis.",
    ]
    assert roles(texts, title=title) == [FINDING, BACKGROUND, BACKGROUND, FINDING, FINDING]


def test_an_abstract_that_never_speaks_of_itself_reports_findings():
    texts = ["Nitrate supplementation lowered blood pressure.", "The effect was larger in smokers."]
    assert roles(texts) == [FINDING, FINDING]


@pytest.mark.parametrize(
    "text",
    [
        "Smoking increases the risk of stroke [12].",
        "Smoking increases the risk of stroke [3, 7-9].",
        "Smoking increases the risk of stroke (Smith et al., 2010).",
        "Smoking increases the risk of stroke (Jones and Patel 2015; Wu 2019).",
        "Smoking has been shown to increase the risk of stroke.",
        "Previous studies reported that smoking increases the risk of stroke.",
        "It is well established that smoking raises stroke risk.",
    ],
)
def test_cited_statements_are_background(text):
    assert cites_earlier_work(text)
    assert roles([text], "discussion") == [BACKGROUND]


def test_own_results_in_the_discussion_are_findings():
    texts = [
        "In this study, smoking increased the risk of stroke, as reported before [12].",
        "Our data show that smoking increases stroke risk.",
    ]
    assert roles(texts, "discussion") == [FINDING, FINDING]


def test_sections():
    assert roles(["Salt raises blood pressure."], "introduction") == [BACKGROUND]
    assert roles(["Here we show that salt raises blood pressure."], "introduction") == [FINDING]
    assert roles(["Salt raised blood pressure in the trial."], "results") == [FINDING]
    assert roles(["Salt raised blood pressure in the pilot."], "methods") == [None]
    assert roles(["Salt raises blood pressure (Smith 2001)."], "references") == [None]


def _spans(sentence: str, cause: str, effect: str) -> tuple[tuple[int, int], tuple[int, int]]:
    start, at = sentence.index(cause), sentence.index(effect)
    return (start, start + len(cause)), (at, at + len(effect))


@pytest.mark.parametrize(
    ("sentence", "cause", "effect"),
    [
        ("Riluzole is used in the treatment of motor neurone disease.", "Riluzole", "motor neurone disease"),
        ("Riluzole is widely used to treat motor neurone disease.", "Riluzole", "motor neurone disease"),
        ("Riluzole is indicated for motor neurone disease.", "Riluzole", "motor neurone disease"),
        (
            "Riluzole, a drug approved for motor neurone disease, caused nausea.",
            "Riluzole",
            "motor neurone disease",
        ),
        (
            "Riluzole (RZ) is commonly prescribed for motor neurone disease.",
            "Riluzole",
            "motor neurone disease",
        ),
        (
            "Patients treated with riluzole for motor neurone disease had nausea.",
            "riluzole",
            "motor neurone disease",
        ),
    ],
)
def test_a_statement_of_use_or_indication_is_background(sentence, cause, effect):
    spans = _spans(sentence, cause, effect)
    assert states_indication(sentence, *spans)
    assert claim_role(sentence, *spans, FINDING) == BACKGROUND


@pytest.mark.parametrize(
    ("sentence", "cause", "effect"),
    [
        # efficacy is a finding, however it is phrased
        (
            "Riluzole is an effective treatment for motor neurone disease.",
            "Riluzole",
            "motor neurone disease",
        ),
        (
            "Riluzole was successfully used to treat motor neurone disease.",
            "Riluzole",
            "motor neurone disease",
        ),
        ("Riluzole reduced the progression of motor neurone disease.", "Riluzole", "motor neurone disease"),
        # the drug's effect in treated patients is not its indication
        ("Patients treated with riluzole for motor neurone disease had nausea.", "riluzole", "nausea"),
    ],
)
def test_efficacy_and_effects_keep_their_sentence_role(sentence, cause, effect):
    spans = _spans(sentence, cause, effect)
    assert not states_indication(sentence, *spans)
    assert claim_role(sentence, *spans, FINDING) == FINDING


def test_a_claim_under_a_summary_box_heading_takes_the_heading_role():
    # The text layer runs a journal's summary box into the sentence it interrupts; the box's
    # headings say which of its claims restate earlier work and which are the paper's own.
    sentence = (
        "Most earlier trials were small and had other design WHaT IS AlREady KNown ON THIS TOPIC "
        "Zinc has been shown to shorten colds in adults WHAT THIS STUDY ADDS Our trial suggests "
        "that vitamin C lowers fever in children"
    )
    known = _spans(sentence, "Zinc", "colds")
    adds = _spans(sentence, "vitamin C", "fever")
    assert claim_role(sentence, *known, FINDING) == BACKGROUND
    assert claim_role(sentence, *adds, BACKGROUND) == FINDING


def test_a_sentence_with_no_box_heading_keeps_its_role():
    sentence = "We already know what drives fever: vitamin C lowers fever in children."
    spans = _spans(sentence, "vitamin C", "fever in")
    assert claim_role(sentence, *spans, FINDING) == FINDING
    # A heading after the claim does not reach back to it.
    later = "Vitamin C lowers fever in children. What is already known on this topic"
    assert claim_role(later, *_spans(later, "Vitamin C", "fever"), FINDING) == FINDING


def test_a_caption_label_in_capitals_opens_a_caption_after_any_word():
    # Journals set caption labels in capitals; running text never refers to a figure so.
    run_in = "Spores germinated no faster in the mutant FIG 3 (a) Germination of spores at 30 C."
    assert caption_in(run_in) == "inside"
    assert caption_in("Spores germinated faster in the mutant FIG 3 Germination of spores.") == "inside"
    # the same label in brackets, or in title case after a lower-case word, is a reference
    assert caption_in("Spores germinated faster in the mutant (FIG 3).") is None
    assert caption_in("Spores germinated faster in the mutant, as shown in Fig. 3 Panels A and B.") is None


def test_a_verbless_line_saying_how_data_are_drawn_is_a_caption():
    title = S("Loss of pod number due to drought stress expressed as percent of control plants.", "results")
    finding = S("Drought stress lowered pod number, expressed as percent of control plants.", "results")
    zones = sentence_zones([title, finding], finite_verb=has_finite_verb)
    assert [z.reason for z in zones] == ["caption", "finding zone"]


def test_the_sentence_after_a_box_heading_set_as_its_own_line_takes_the_heading_role():
    # A summary box laid out apart from the body: its heading is a line, its items the next sentence.
    texts = [
        "We enrolled 200 children in the trial.",
        "WHaT IS AlREady KNown ON THIS TOPIC",
        "Zinc has been shown to shorten colds in adults WHAT THIS STUDY ADDS Our trial suggests "
        "that vitamin C lowers fever in children",
        "Vitamin C lowered fever in the treated children.",
    ]
    zones = sentence_zones([S(t, "results") for t in texts], None, has_finite_verb)
    assert [z.role for z in zones] == [FINDING, None, BACKGROUND, FINDING]
    assert zones[1].reason == "box heading"
    item = texts[2]
    # claims after the box's next heading inside the sentence are the study's own
    assert claim_role(item, *_spans(item, "vitamin C", "fever"), zones[2].role) == FINDING
    assert claim_role(item, *_spans(item, "Zinc", "colds"), zones[2].role) == BACKGROUND
