"""Variables: normalisation, synonym merging (blocked, guarded), ids, and the user's decisions."""

from __future__ import annotations

import math
import random
import re

import numpy as np
import pytest

from causemap.graphbuilder import variables as variables_module
from causemap.graphbuilder.normalise import NormalisedTerm, normalise, singular, slugify
from causemap.graphbuilder.variables import (
    assign_variables,
    can_merge,
    similar_pairs,
    synonym_groups,
)


@pytest.mark.parametrize(
    ("written", "term", "flipped"),
    [
        ("Blood pressure", "blood pressure", False),
        ("the serum levels of LDL cholesterol", "ldl cholesterol", False),
        ("higher concentrations of cortisol", "cortisol", False),
        ("the risk of developing type 2 diabetes", "type 2 diabetes", False),
        ("incidence of myocardial infarctions", "myocardial infarction", False),
        ("the development of insulin resistance", "insulin resistance", False),
        ("prevalence of obesity", "obesity", False),
        ("blood pressure levels", "blood pressure", False),
        ("statins", "statin", False),
        ("use of statins", "statin use", False),
        ("intake of sodium", "sodium intake", False),
        ("body mass index (BMI)", "body mass index", False),
        ("reduced sodium intake", "sodium intake", True),
        ("a reduction in the incidence of malaria", "malaria", True),
        # measures coordinated before one complement measure it, as one does
        ("the incidence and severity of psoriasis", "psoriasis", False),
        ("the onset, frequency and severity of migraine attacks", "migraine attack", False),
        ("invasion and survival of tumour cells", "invasion and survival of tumour cell", False),
        ("lower risk of all-cause mortality", "all-cause mortality", True),
        ("weight loss", "weight", True),
        # nouns of a thing's undoing measure it, downward; an impairment is a condition of its own
        ("degradation of the cIAP1 protein", "ciap1 protein", True),
        ("collagen breakdown", "collagen", True),
        ("bone destruction", "bone", True),
        ("hearing impairment", "hearing impairment", False),
        ("an increase in the number of hospital admissions", "hospital admission", False),
        ("socioeconomic status", "socioeconomic status", False),  # a lone adjective stays
        ("heart rate", "heart rate", False),
        ("low-fat diet", "low-fat diet", False),  # a compound is a name, not a direction
        ("SARS", "sars", False),
        ("Diabetes", "diabetes", False),
        # a genus's initial is no article; a symbol ending in a capital is no plural; a bracket
        # pair inside a token stays
        ("A. lwoffii", "a. lwoffii", False),
        ("the biofilms formed by A. baumannii", "biofilm formed by a. baumannii", False),
        ("mutations in AdeRS", "mutation in aders", False),
        ("FV/(FV) to maximum fluorescence", "fv/(fv) to maximum fluorescence", False),
        ("(NIS) expression", "nis expression", False),
        # a capitalised word after the first is a proper noun, whose final s is no plural
        ("Cholera outbreaks in Wales", "cholera outbreak in wales", False),
        ("Ticks of Texas", "tick of texas", False),
        ("relatively few unspliced transcripts", "unspliced transcript", False),
        # a citation cut at the end; a duration is no direction
        ("biofilm formation (14", "biofilm formation", False),
        ("premature death [2, 3", "premature death", False),
        ("long term smoking abstinence", "smoking abstinence", False),
        ("long exposure to dexamethasone", "dexamethasone exposure", False),
        # a count is no word of the head, and "within" a gene is no setting
        ("46 mutations in the PYGM gene", "46 mutation in the pygm gene", False),
        ("mutations within the PLCE1 gene", "mutation within the plce1 gene", False),
        ("mortality within the cohort", "mortality", False),
        # a change's size goes with the change; a size that is part of a name stays
        ("a small reduction in serum ferritin", "serum ferritin", True),
        ("complete loss of dystrophin", "dystrophin", True),
        # gain of function measures its variable upward, as loss of function does downward; a
        # change's cause named before it goes with the change
        ("upregulation of caspase-3", "caspase-3", False),
        ("KRAS amplification", "kras", False),
        ("the cisplatin-induced increase in caspase-3", "caspase-3", False),
        ("an LPS-mediated reduction in IL-10", "il-10", True),
        ("LPS-induced inflammation", "lps-induced inflammation", False),
        ("a statistically non-significant increase in pain", "pain", False),
        ("small cell lung cancer", "small cell lung cancer", False),
        ("minimal residual disease", "minimal residual disease", False),
        # 'clear' grades a difference; 'difference for' and 'distinction in' frame what differs
        ("a clear difference for root length", "root length", False),
        ("an obvious distinction in leaf colour", "leaf colour", False),
        ("a broad range of fungicides", "fungicide", False),
        # an adjective of a property towards something is named by its noun
        ("more susceptible to ampicillin", "susceptibility to ampicillin", False),
        ("resistant to heat", "resistance to heat", False),
        # a trailing change word after a preposition heads the complement, not the phrase
        (
            "memory deficits induced by scopolamine and tryptophan depletion",
            "memory deficit induced by scopolamine and tryptophan depletion",
            False,
        ),
        ("the response to steroid withdrawal", "response to steroid withdrawal", False),
        ("the risk of weight loss", "weight", True),
        ("Bach1 knockdown by siRNA", "bach1", True),  # a change by its means is the change
        # the size of a dose given is no level of the drug; a change of the dose, or a low level, is
        ("low doses of aspirin", "dose of aspirin", False),
        ("a lower lindane dose", "lindane dose", False),
        ("reduced doses of aspirin", "dose of aspirin", True),
        ("low vitamin D levels", "vitamin d", True),
    ],
)
def test_normalise(written, term, flipped):
    assert normalise(written) == NormalisedTerm(term, flipped)


def test_normalising_never_empties_a_name():
    for written in ["levels", "the risk", "higher", "reduction in", "the"]:
        assert normalise(written).text


@pytest.mark.parametrize(
    ("plural", "single"),
    [
        ("therapies", "therapy"),
        ("processes", "process"),
        ("approaches", "approach"),
        ("headaches", "headache"),
        ("mice", "mouse"),
        ("analyses", "analysis"),
        ("b-cells", "b-cell"),
        ("diabetes", "diabetes"),
        ("sepsis", "sepsis"),
        ("genetics", "genetics"),
        ("stress", "stress"),
        ("kidneys", "kidney"),
        ("boxes", "box"),
        ("covid-19", "covid-19"),
        # an -ics word is a field only when known as one; otherwise the plural of an -ic noun
        ("antibiotics", "antibiotic"),
        ("characteristics", "characteristic"),
        ("pharmacokinetics", "pharmacokinetics"),
        ("transcriptomics", "transcriptomics"),
        ("statistics", "statistics"),
    ],
)
def test_singular(plural, single):
    assert singular(plural) == single


def test_slugs_are_identifiers_and_stable():
    for label in [
        "Blood pressure",
        "TNF-\u03b1",
        "25(OH)D",
        "5-HT",
        "\u00e9tat de sant\u00e9",
        "x" * 200,
        "\u2014",
    ]:
        slug = slugify(label)
        assert re.fullmatch(r"[a-z][a-z0-9_]*", slug), slug
        assert len(slug) <= 64 and slug == slugify(label)
    assert slugify("TNF-\u03b1") != slugify("TNF-\u03b2")


def test_contrast_words_numbers_and_negating_prefixes_keep_names_apart():
    assert not can_merge("systolic blood pressure", "diastolic blood pressure")
    assert not can_merge("hdl cholesterol", "ldl cholesterol")
    assert not can_merge("type 1 diabetes", "type 2 diabetes")
    assert not can_merge("physical activity", "physical inactivity")
    assert not can_merge("covid-19 patient with comorbidity", "covid-19 patient without comorbidity")
    assert not can_merge("intron a", "intron b")
    assert not can_merge("complex i", "complex iii")
    assert can_merge("cigarette smoking", "smoking")
    assert can_merge("type 2 diabetes", "diabetes")


def _unit_rows(rng: np.random.Generator, n: int, dim: int = 8) -> np.ndarray:
    rows = rng.normal(size=(n, dim)).astype(np.float32)
    return rows / np.linalg.norm(rows, axis=1, keepdims=True)


def test_blocked_neighbour_search_equals_all_pairs(monkeypatch):
    rng = np.random.default_rng(3)
    vectors = _unit_rows(rng, 300, dim=4)  # low dimension: many close pairs
    monkeypatch.setattr(variables_module, "_BLOCK_CELLS", 1000)  # many small blocks
    found = {(i, j) for _, i, j in similar_pairs(vectors, 0.9, max_neighbours=10_000)}
    sims = vectors @ vectors.T
    expected = {(i, j) for i in range(300) for j in range(i + 1, 300) if sims[i, j] >= 0.9}
    assert found == expected and len(expected) > 100


def test_neighbours_are_capped_per_row():
    vectors = np.tile(np.array([[1.0, 0.0]], dtype=np.float32), (50, 1))
    pairs = similar_pairs(vectors, 0.9, max_neighbours=5)
    assert max(sum(1 for _, i, _ in pairs if i == row) for row in range(50)) == 5


def test_a_chain_of_near_neighbours_does_not_join_its_far_ends():
    # a~b and b~c at cosine 0.9, a~c at 0.62: single linkage would join all three.
    angle = math.acos(0.9)
    vectors = np.array([[math.cos(k * angle), math.sin(k * angle)] for k in range(3)], dtype=np.float32)
    groups = synonym_groups(["first", "second", "third"], vectors, 0.86)
    assert sorted(len(g) for g in groups) == [1, 2]


def test_real_embeddings_merge_synonyms_and_keep_contrasts(embedder):
    counts = {
        "cigarette smoking": 2,
        "smoking": 5,
        "systolic blood pressure": 1,
        "diastolic blood pressure": 1,
        "type 1 diabetes": 1,
        "type 2 diabetes": 1,
        "lung cancer": 1,
        "cancer of the lung": 1,
        "physical activity": 1,
        "physical inactivity": 1,
    }
    assignment = assign_variables(counts, embedder, threshold=0.86)
    of = assignment.variable_of
    assert of["cigarette smoking"] == of["smoking"] == "smoking"
    assert of["lung cancer"] == of["cancer of the lung"]
    assert of["systolic blood pressure"] != of["diastolic blood pressure"]
    assert of["type 1 diabetes"] != of["type 2 diabetes"]
    assert of["physical activity"] != of["physical inactivity"]
    assert of["smoking"] != of["lung cancer"]
    assert assignment.synonym_merges == 2


def test_label_is_the_most_used_form_and_aliases_are_kept():
    counts = {"Blood pressure": 3, "blood pressure levels": 2, "BP": 1}
    assignment = assign_variables(
        counts, decisions=[{"id": 1, "kind": "merge", "groups": [["BP"], ["blood pressure levels"]]}]
    )
    (variable,) = assignment.variables.values()
    assert variable.id == "blood_pressure" and variable.label == "blood pressure"
    assert variable.aliases == sorted(counts)


def test_assignment_is_deterministic_whatever_the_order(embedder):
    counts = {
        f"{w} levels": i + 1
        for i, w in enumerate(["cortisol", "insulin", "glucose", "serum cortisol", "blood glucose", "leptin"])
    }
    counts |= {"stress": 4, "psychological stress": 2, "sleep": 3, "sleep duration": 1}
    items = list(counts.items())
    reference = assign_variables(dict(items), embedder)
    for seed in range(3):
        random.Random(seed).shuffle(items)
        again = assign_variables(dict(items), embedder)
        assert again.variables == reference.variables
        assert again.variable_of == reference.variable_of


def test_colliding_slugs_get_a_suffix():
    counts = {"TNF-\u03b1 level": 1, "tnf alpha": 1}
    ids = sorted(assign_variables(counts).variables)
    assert ids == ["tnf_alpha", "tnf_alpha_2"]


def test_merge_rename_and_split_are_replayed_in_order():
    counts = {"salt": 3, "sodium intake": 2, "dietary sodium": 1, "blood pressure": 4, "hypertension": 2}
    decisions = [
        {"id": 1, "kind": "merge", "groups": [["salt"], ["sodium intake", "dietary sodium"]]},
        {"id": 2, "kind": "merge", "groups": [["blood pressure"], ["hypertension"]]},
        {"id": 3, "kind": "rename", "aliases": ["salt", "sodium intake"], "label": "Sodium"},
        {"id": 4, "kind": "split", "aliases": ["hypertension"]},
    ]
    assignment = assign_variables(counts, decisions=decisions)
    of = assignment.variable_of
    assert of["salt"] == of["sodium intake"] == of["dietary sodium"] == "sodium"
    assert assignment.variables["sodium"].label == "Sodium"
    assert of["hypertension"] != of["blood pressure"]
    assert [d["status"] for d in assignment.decisions] == ["applied"] * 4


def test_decisions_survive_re_extraction_and_report_stale_ones():
    decisions = [
        {"id": 1, "kind": "merge", "groups": [["salt"], ["sodium intake"]]},
        {"id": 2, "kind": "rename", "aliases": ["coffee"], "label": "Coffee drinking"},
    ]
    # A re-extraction read "salt intake" and "the sodium intake", and no longer "coffee".
    counts = {"salt": 1, "the sodium intake": 2, "salt intake": 1, "tea": 1}
    assignment = assign_variables(counts, decisions=decisions)
    of = assignment.variable_of
    assert of["salt"] == of["the sodium intake"]  # matched through the normalised term
    assert [d["status"] for d in assignment.decisions] == ["applied", "stale"]


def test_a_split_of_a_whole_variable_changes_nothing():
    counts = {"obesity": 2, "adiposity": 1}
    decisions = [{"id": 1, "kind": "split", "aliases": ["adiposity"]}]
    assignment = assign_variables(counts, decisions=decisions)
    assert assignment.decisions[0]["status"] == "stale"
    assert len(assignment.variables) == 2


def test_every_word_list_says_why():
    import json
    from importlib import resources

    data = json.loads((resources.files("causemap.graphbuilder") / "resources" / "variables.json").read_text())
    sections = {k: v for k, v in data.items() if not k.startswith("_")}
    assert sections and all(v.get("_why") for v in sections.values())


@pytest.mark.parametrize(
    ("written", "term"),
    [
        ("blood pressure in adults with elevated blood pressure", "blood pressure"),
        ("lower coronary risk in older adults", "coronary risk"),
        ("higher LDL cholesterol at baseline", "ldl cholesterol"),
        ("CHD incidence in a graded manner", "chd"),
        ("insulin resistance in skeletal muscle", "insulin resistance in skeletal muscle"),
        # a qualifier over every case is a setting, not part of the variable
        ("complete lysis of the membrane in all samples", "complete lysis of the membrane"),
        # a classifier names the thing classified; "similar" changes nothing
        ("two types of ion channel", "ion channel"),
        ("a similar reduction in tree cover", "tree cover"),
        # a gerund's phrase is its complement: "feeding" alone would be a cut name
        ("feeding at night", "feeding at night"),
        # after a lone noun, 'in the ...' is its complement; how a variable is reported is not part of it
        ("some variability in the timing of flowering", "variability in the timing of flowering"),
        ("mortality in the cohort", "mortality"),
        ("high temperature stress presented as percent", "temperature stress"),
        ("a variety of infections", "infection"),
    ],
)
def test_the_setting_of_a_finding_is_not_part_of_the_variable(written, term):
    from causemap.graphbuilder.normalise import normalise

    assert normalise(written).text == term


@pytest.mark.parametrize(
    ("written", "names"),
    [
        ("higher LDL cholesterol", True),
        ("insulin resistance in adipocytes, hepatocytes and myocytes", True),
        ("These estimates", False),
        ("CI 2.4-4.0", False),
        ("older adults", False),
        ("obesity causes sleep apnea and sleep apnea in turn leads to short sleep and weight gain", False),
        # clauses, generic nouns alone, the document, its code and statistics
        ("serum ferritin was measured", False),
        ("the drug cannot", False),
        ("activity", False),
        ("physical activity", True),
        ("the phenotype", False),
        ("disease phenotype", True),
        ("the standard deviation", False),
        ("Table 2", False),
        ("the legend of the figure", False),
        ("x[i] = 2", False),
        ("kinpar[2", False),  # code, not a citation cut short
        ("fig 3b", False),
        ("2b", False),
        ("5-HT", True),
        ("renal function", True),
        ("QT interval", True),
        ("waist-to-hip ratio", True),
        ("loss-of-function mutation in KCNJ11", True),
        ("the questionnaire", False),
        ("the length of the lag phase", True),
        # two variables joined into one name should be two nodes
        ("motility and adhesion phenotypes", False),
        ("fatigue or insomnia", False),
        ("an increased awareness of drought risk and for seed banking", False),
        # a change, operation or setting of nothing named
        ("a perturbation", False),
        ("partial knockdown", False),
        ("the relative increase", False),
        ("neuronal context", False),
        ("insulin increase", True),
        ("knockdown of TP53", True),
        # the head is the noun before the first preposition; an adjective does not specify a
        # generic noun
        ("the tables from the annual report", False),
        ("clinical parameters", False),
        ("parameters of root growth", True),
        # a cut participle, a participle before a generic noun, a formula's symbol, a numbered
        # generic noun, a statistic
        ("inherited", False),
        ("the sampled cells", False),
        ("λ3", False),
        ("element 4", False),
        ("the residual", False),
        ("IL-1β", True),
        ("channel", False),
        ("potassium channel", True),
        ("type 1 diabetes", True),
        # an anaphoric determiner before a bare head: what is meant was named earlier
        ("their absence", False),
        ("such an intervention offered in routine healthcare", False),
        ("these efflux pumps", True),
        ("this accelerated senescence", True),
        ("her diabetes", True),
        # a percentage, a compared quantity, a statistic's phrase anywhere in the name
        ("at least 10% of women", False),
        ("more than 20 cigarettes", False),
        ("the root mean square error", False),
        ("adjusted odds ratios", False),
        # the head of an 'of' complement goes with each coordinated part, unless it relates them
        ("the sense of isolation and redundancy", False),
        ("a combination of metformin and insulin", True),
        # a difference compares what follows; 'distinct' tells instances apart like a count
        ("the difference in phenotype", False),
        ("the difference in blood pressure", True),
        ("two distinct groups", False),
        ("even the same intron", False),
        ("other risk factors", True),
        # a causal connective inside a name holds a cause and its effect; a decimal is a value
        ("datasets due to laser intensity", False),
        ("hypertension induced by salt", True),
        ("varying the threshold from 0.13 µm", False),
        ("Kir6.2 mutation", True),
        # a formula's symbol as the complement, an ordinal item of a list
        ("the diagonal elements of K", False),
        ("deficiency of vitamin D", True),
        ("the 5th element of kinpar", False),
        # a noun phrase opens with no preposition but 'in' ("in vitro fertilisation")
        ("many of the conclusions", False),
        ("in vitro fertilisation", True),
        # a measure of nothing named, an adverb, a reporting verb, a cue verb inside the name
        ("this greater level", False),
        ("cortisol concentration", True),
        ("post-translationally", False),
        ("assembly", True),
        ("the earlier reports indicating hypoxia", False),
        ("higher fibre intake resulting in weight loss", False),
        ("weight loss", True),
        # a formula's scalar, vector or matrix; a capital letter designates a member of a set
        ("a scalar n", False),
        ("vitamin c", True),
        ("intron B", True),
        ("vitamin D deficiency", True),
        # a pointing adjective before a lone noun: the instance the text means, not a kind
        ("the underlying disorder", False),
        ("particular specific proteins", False),
        ("appropriate control", False),
        ("underlying renal disease", True),
        ("significant damage to the retina", True),
        # a figure's drawing and a data format are pieces of the document
        ("the arrows", False),
        ("the input format", False),
        # a participle opening its phrase is a predicate without its noun; a participle after the
        # noun or a gerund's phrase is part of a name
        ("broken into two fragments", False),
        ("treated with metformin", False),
        ("cells treated with metformin", True),
        ("growing at high altitude", True),
        # the study's tools with generic words only; the statistics of a design
        ("existing model types", False),
        ("the model constraints", False),
        ("drug resistance", True),
        ("the main effect", False),
        ("the treatment effect", False),
        ("the side effects", True),
        # a procedure on a formula's symbol; a Greek letter after a name designates its form
        ("fitting Θ", False),
        # a measure word with a setting but no complement; an institution of the study's conduct
        ("levels in plasma", False),
        ("levels of ferritin in plasma", True),
        ("the national statistics agency", False),
        # a noun whose content is an infinitive, written without it
        ("the increased opportunity of the pathogen", False),
        ("the ability of the cells", False),
        ("the ability to walk unaided", True),
        ("the efflux capacity of the strain", True),
        ("interferon γ", True),
        # a generic noun of kind with only its field's adjective; a set minus its exception; a
        # bare class of molecule
        ("morphological traits", False),
        ("cellular processes", False),
        ("physical activity", True),
        ("renal function", True),
        ("stress hormones except cortisol", False),
        ("RNA", False),
        ("viral RNA", True),
        # a change noun with an adjective of its domain says what changes; one of degree does not
        ("cognitive decline", True),
        ("functional decline", True),
        ("relative decline", False),
        # a variant in substitution notation is a name, not code
        ("the 677C>T polymorphism", True),
        ("c.-930A>G", True),
        ("x > y", False),
        ("the -521 C/T polymorphism", True),
        ("an Ag-globin G->A gene polymorphism", True),
        # "NO" in capitals is nitric oxide, not the negator
        ("the removal of NO", True),
        # an adverb before a determiner opens a clause's tail; before an adjective it grades it
        ("potentially the wrong choice of therapy", False),
        ("highly active antiretroviral therapy", True),
        ("no removal", False),
        # a quality of a thing, not which one
        ("bone characteristics", False),
        ("several aspects of liver physiology", False),
        ("the attributes of the donor", False),
        ("bone density", True),
        # a generic head whose only specifier is a definite generic noun; an anaphor after a preposition
        ("some strains within the species", False),
        ("strains within the species Listeria monocytogenes", True),
        ("the inhibitors of these enzymes", False),
        ("the inhibitors of ACE", True),
        # a procedure of the study named as its head
        ("the classification of distal tubule lesions", False),
        # a change said only by its size or degree
        ("percent increase", False),
        ("relative damage", False),
        ("oxidative damage", True),
        # a ratio of bracketed terms is a formula; a ratio of two names is a name
        ("Fm/(Fm+Fo)", False),
        ("the NAD/NADH ratio", True),
    ],
)
def test_arguments_that_name_no_variable(written, names):
    from causemap.graphbuilder.variable_names import names_a_variable

    assert names_a_variable(written) is names
