"""The rules claim extractor on invented sentences, with the real spaCy pipeline."""

from __future__ import annotations

import fnmatch
import json
from importlib import resources

import pytest

from causemap.graphbuilder.extractors.base import CandidateFilter, ExtractedRelation, SentenceExtractor
from causemap.graphbuilder.extractors.rules import RulesExtractor
from causemap.graphbuilder.extractors.rules_lexicon import load_lexicon
from causemap.graphbuilder.extractors.rules_prefilter import inflections

NO_RELATION = [
    "The samples were stored at -80 degrees until analysis.",
    "Participants completed a questionnaire at baseline and after six months.",
    "Table 2 lists the characteristics of the included studies.",
    "The field station lies 40 km north of the river delta.",
]


def claims_of(extractor: RulesExtractor, sentence: str) -> list[ExtractedRelation]:
    return extractor.extract([sentence])[0]


def find(claims: list[ExtractedRelation], cause: str, effect: str) -> ExtractedRelation:
    """The claim whose cause and effect contain the given words (case-insensitive)."""
    for claim in claims:
        if cause.lower() in claim.cause.text.lower() and effect.lower() in claim.effect.text.lower():
            return claim
    raise AssertionError(f"no claim {cause!r} -> {effect!r} in {claims}")


def test_implements_both_protocols(extractor):
    assert isinstance(extractor, SentenceExtractor)
    assert isinstance(extractor, CandidateFilter)
    assert extractor.name == "rules" and extractor.version


@pytest.mark.parametrize(
    ("sentence", "cause", "effect", "polarity"),
    [
        ("Regular exercise lowers blood pressure in older adults.", "exercise", "blood pressure", "-"),
        ("Nitrogen fertiliser increases grain yield.", "fertiliser", "grain yield", "+"),
        ("Long droughts lead to crop failure.", "droughts", "crop failure", "+"),
        ("Vaccination prevents severe disease in older adults.", "Vaccination", "disease", "-"),
    ],
)
def test_active_causal_with_polarity(extractor, sentence, cause, effect, polarity):
    claim = find(claims_of(extractor, sentence), cause, effect)
    assert claim.relation == "causal"
    assert claim.polarity == polarity
    assert not claim.hedged and not claim.negated


@pytest.mark.parametrize(
    ("sentence", "cause", "effect", "polarity"),
    [
        ("Crop yield was reduced by prolonged drought.", "drought", "yield", "-"),
        ("Most infections were caused by contaminated water.", "water", "infections", "+"),
    ],
)
def test_passive_voice_puts_the_agent_first(extractor, sentence, cause, effect, polarity):
    claims = claims_of(extractor, sentence)
    claim = find(claims, cause, effect)
    assert claim.relation == "causal" and claim.polarity == polarity
    # The grammatical subject is the effect, never the cause.
    assert all(effect not in c.cause.text for c in claims)


@pytest.mark.parametrize(
    "sentence",
    [
        "Green tea may reduce the risk of stroke.",
        "Caffeine appears to improve alertness in shift workers.",
        "Air pollution could possibly worsen asthma in children.",
    ],
)
def test_hedged_claims(extractor, sentence):
    claims = claims_of(extractor, sentence)
    assert claims, sentence
    assert all(c.hedged and not c.negated and c.relation == "causal" for c in claims)


def test_unhedged_twin_is_not_hedged(extractor):
    claims = claims_of(extractor, "Green tea reduces the risk of stroke.")
    assert claims and not any(c.hedged for c in claims)


@pytest.mark.parametrize(
    ("sentence", "relation"),
    [
        ("Vitamin K supplements did not affect bone density.", "causal"),
        ("The new drug failed to lower cholesterol.", "causal"),
        ("Coffee intake was not associated with mortality.", "correlational"),
        ("There was no association between tea drinking and cancer.", "correlational"),
        ("Sleep duration had no effect on test scores.", "causal"),
    ],
)
def test_negated_claims_are_explicit_nulls(extractor, sentence, relation):
    claims = claims_of(extractor, sentence)
    assert claims, sentence
    for claim in claims:
        assert claim.negated and claim.polarity == "0" and claim.relation == relation


def test_correlational_claims(extractor):
    claim = find(claims_of(extractor, "Obesity is associated with type 2 diabetes."), "Obesity", "diabetes")
    assert claim.relation == "correlational" and claim.polarity is None
    claim = find(
        claims_of(extractor, "Serum ferritin correlated with insulin resistance."),
        "ferritin",
        "insulin resistance",
    )
    assert claim.relation == "correlational"


def test_direction_words_stay_in_the_mentions_and_out_of_the_sign(extractor):
    # Polarity is between the mentions as written; the variable stage reads "higher"/"lower".
    sentence = "Higher salt intake was associated with lower kidney function."
    claim = find(claims_of(extractor, sentence), "salt intake", "kidney function")
    assert claim.relation == "correlational" and claim.polarity == "+"
    assert claim.cause.text.lower().startswith("higher") and "lower" in claim.effect.text.lower()
    inverse = "Salt intake was inversely associated with kidney function."
    assert find(claims_of(extractor, inverse), "salt", "kidney function").polarity == "-"
    causal = "A reduction in dietary sodium lowered blood pressure."
    claim = find(claims_of(extractor, causal), "sodium", "blood pressure")
    assert claim.polarity == "-" and "reduction" in claim.cause.text


@pytest.mark.parametrize(
    ("sentence", "cause", "effect", "relation"),
    [
        ("Heat-induced stress damaged the leaves.", "Heat", "stress", "causal"),
        ("The effect of caffeine on sleep quality was small.", "caffeine", "sleep quality", "causal"),
        ("Smoking is one of the main causes of lung cancer.", "Smoking", "lung cancer", "causal"),
        ("Hypertension is a major risk factor for stroke.", "Hypertension", "stroke", "correlational"),
        ("Low income is a strong predictor of poor health.", "income", "health", "correlational"),
    ],
)
def test_nominal_patterns(extractor, sentence, cause, effect, relation):
    claim = find(claims_of(extractor, sentence), cause, effect)
    assert claim.relation == relation


def test_coordinated_arguments_are_split(extractor):
    claims = claims_of(extractor, "Statins and aspirin reduced cardiovascular mortality.")
    causes = sorted(c.cause.text for c in claims)
    assert causes == ["Statins", "aspirin"]
    assert all(c.polarity == "-" for c in claims)


def test_group_comparisons_read_as_associations(extractor):
    claim = find(
        claims_of(extractor, "Outcomes were better in patients who received early surgery."),
        "early surgery",
        "Outcomes",
    )
    assert claim.relation == "correlational" and claim.polarity is None
    claim = find(claims_of(extractor, "Smokers were more likely to develop asthma."), "Smokers", "asthma")
    assert claim.relation == "correlational" and claim.polarity == "+"
    assert not claim.hedged  # "more likely" compares, it does not hedge


@pytest.mark.parametrize("sentence", NO_RELATION)
def test_sentences_without_relations_give_nothing(extractor, sentence):
    assert claims_of(extractor, sentence) == []


@pytest.mark.parametrize(
    "sentence",
    [
        "We investigated whether zinc reduces the duration of colds.",
        "Does caffeine improve memory?",
        "Further studies are needed to assess the effect of diet on acne.",
        "Little is known about the effect of noise on sleep.",
    ],
)
def test_questions_and_aims_are_not_claims(extractor, sentence):
    assert claims_of(extractor, sentence) == []


@pytest.mark.parametrize(
    "sentence",
    [
        "Masks were distributed to reduce transmission.",
        "Clinicians should prescribe statins to lower cholesterol.",
    ],
)
def test_intentions_and_recommendations_are_not_findings(extractor, sentence):
    assert claims_of(extractor, sentence) == []


def test_reporting_verbs_follow_the_lexicon_setting(extractor):
    text = resources.files("causemap.graphbuilder").joinpath("resources/causal_cues.json")
    counts_as_hedge = json.loads(text.read_text(encoding="utf-8"))["hedges"]["reporting_verbs_hedge"]
    sentence = "These results suggest that regular exercise lowers blood pressure."
    claim = find(claims_of(extractor, sentence), "exercise", "blood pressure")
    assert claim.hedged is counts_as_hedge
    # A modal inside the claim hedges it either way.
    hedged = "These results suggest that regular exercise may lower blood pressure."
    assert find(claims_of(extractor, hedged), "exercise", "blood pressure").hedged


def test_offsets_point_into_the_sentence(extractor):
    sentences = [
        "Regular exercise lowers blood pressure in older adults.",
        "  Higher salt intake (in adults) was associated with lower kidney function.",
        "Crop yield was reduced by prolonged drought, especially in sandy soils.",
        "Heat-induced stress damaged the leaves of young plants.",
    ]
    results = extractor.extract(sentences)
    assert all(results)
    for sentence, claims in zip(sentences, results, strict=True):
        for claim in claims:
            for mention in (claim.cause, claim.effect):
                assert sentence[mention.start : mention.end] == mention.text
                assert mention.text == mention.text.strip()
            assert 0.0 <= claim.confidence <= 1.0


def test_batch_keeps_order_and_is_deterministic(extractor):
    sentences = [
        "Regular exercise lowers blood pressure in older adults.",
        NO_RELATION[0],
        "Obesity is associated with type 2 diabetes.",
    ]
    first = extractor.extract(sentences)
    assert len(first) == 3 and first[1] == []
    assert first[0][0].relation == "causal" and first[2][0].relation == "correlational"
    assert extractor.extract(sentences) == first
    assert RulesExtractor().extract(sentences) == first


def test_prefilter(extractor):
    assert extractor.is_candidate("Drought reduced the harvest.")
    assert extractor.is_candidate("This was associated with higher costs.")
    assert extractor.is_candidate("Losses were due to frost.")
    assert extractor.is_candidate("A drug-induced rash appeared.")
    for sentence in NO_RELATION:
        assert not extractor.is_candidate(sentence)
    # Words common in papers in other senses pass only with their cue preposition.
    assert not extractor.is_candidate("The results are shown in Table 2.")
    assert not extractor.is_candidate("The treatment group received a placebo.")
    assert extractor.is_candidate("Early discharge resulted in fewer infections.")
    assert extractor.is_candidate("Metformin is a first-line treatment for diabetes.")


def test_sentences_failing_the_prefilter_are_not_parsed():
    fresh = RulesExtractor()
    assert fresh.extract(NO_RELATION) == [[] for _ in NO_RELATION]
    assert fresh._nlp is None  # spaCy is loaded only when a sentence needs parsing


def test_inflections_cover_regular_forms():
    assert {"reduce", "reduces", "reduced", "reducing", "reduction"} <= inflections("reduce")
    assert "stimulation" in inflections("stimulate")
    assert {"accompanies", "accompanied"} <= inflections("accompany")
    assert {"stopped", "stopping"} <= inflections("stop")
    assert "led" in inflections("lead")


def test_lexicon_file_is_consistent():
    text = resources.files("causemap.graphbuilder").joinpath("resources/causal_cues.json")
    data = json.loads(text.read_text(encoding="utf-8"))
    verbs = data["transitive_verbs"]
    increase, decrease = set(verbs["+"]), set(verbs["-"])
    assert not increase & decrease

    def lists(node):
        if isinstance(node, dict):
            for value in node.values():
                yield from lists(value)
        elif isinstance(node, list) and all(isinstance(item, str) for item in node):
            yield node

    for words in lists(data):
        assert len(words) == len(set(words)), f"repeated entries in {words}"
    lexicon = load_lexicon()
    assert lexicon.verbs["reduce"].polarity == "-"
    assert lexicon.verbs["increase"].polarity == "+"
    assert all(0.0 <= v <= 1.0 for k, v in lexicon.confidence.items() if k != "long_argument_tokens")


def test_version_follows_the_sources(tmp_path, monkeypatch):
    """Any change to what decides the stored claims (the rules, the verification every extractor's
    output passes, their lexicons) changes the version, so workspaces re-extract; other files do not."""
    import sys

    from causemap.graphbuilder.extractors import rules, source_digest

    package = tmp_path / "fakepkg"
    (package / "extractors").mkdir(parents=True)
    (package / "__init__.py").write_text("")
    (package / "extractors" / "rules.py").write_text("A = 1\n")
    (package / "extractors" / "llm.py").write_text("B = 1\n")
    (package / "verification_frames.py").write_text("C = 1\n")
    (package / "lexicon.json").write_text("{}")
    monkeypatch.syspath_prepend(str(tmp_path))
    sources = ("extractors/rules*.py", "verification*.py", "lexicon.json")
    first = source_digest.source_digest("fakepkg", sources)
    (package / "extractors" / "llm.py").write_text("B = 2\n")  # not a source: same version
    assert source_digest.source_digest("fakepkg", sources) == first
    for changed in ("extractors/rules.py", "verification_frames.py", "lexicon.json"):
        before = source_digest.source_digest("fakepkg", sources)
        (package / changed).write_text((package / changed).read_text() + "\n")
        assert source_digest.source_digest("fakepkg", sources) != before, changed
    sys.modules.pop("fakepkg", None)
    assert rules.RulesExtractor.version == f"{rules.RULES_RELEASE}+{source_digest.source_digest()}"


def test_version_sources_name_existing_files():
    """Each pattern names at least one file of the package, so a rename cannot drop a source silently."""
    from causemap.graphbuilder.extractors import source_digest

    root = resources.files("causemap.graphbuilder")
    for pattern in source_digest.VERSION_SOURCES:
        folder, _, name = pattern.rpartition("/")
        directory = root.joinpath(folder) if folder else root
        assert any(fnmatch.fnmatchcase(f.name, name) for f in directory.iterdir()), pattern


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # the whole noun phrase before "-induced", not its last word; the effect without the clause
        ("Valproic acid-induced dementia resolved after withdrawal.", [("Valproic acid", "dementia", "+")]),
        # null findings are claims with polarity 0, never signed
        (
            "There was no evidence that the intervention reduced hospital admissions.",
            # parsed as one noun phrase; the subject keeps its own determiner
            [("the intervention", "hospital admissions", "0")],
        ),
        (
            "Evidence that the intervention was effective in reducing falls was lacking.",
            [("the intervention", "falls", "0")],
        ),
        ("There were no problems with diagnosis caused by the drug.", [("the drug", "diagnosis", "0")]),
        # study artefacts and bare study populations are not variables
        ("An independent statistician generated the randomisation list.", []),
        ("Male rats were treated by dexamethasone.", []),
        # a group is named by what defines it
        ("Patients with diabetes had higher rates of stroke.", [("diabetes", "rates of stroke", "+")]),
        # one claim per variable of a coordinated measurement
        (
            "Cisplatin increased the levels of creatinine and urea.",
            [("Cisplatin", "creatinine", "+"), ("Cisplatin", "urea", "+")],
        ),
        # "Y in patients with X": an association, and the setting is not part of Y
        (
            "Rhabdomyolysis in a patient with hepatitis C treated with simvastatin.",
            [("hepatitis C", "Rhabdomyolysis", None)],
        ),
        ("Lithium caused tremor in patients with bipolar disorder.", [("Lithium", "tremor", "+")]),
        # a chain of measurements: each complement, with the frame's direction in its sign
        (
            "Quercetin caused a significant reduction in the levels of MDA and IL-1beta.",
            [("Quercetin", "MDA", "-"), ("Quercetin", "IL-1beta", "-")],
        ),
        (
            "Melatonin was associated with reduced levels of IL-6 and TNF-alpha.",
            [("Melatonin", "IL-6", "-"), ("Melatonin", "TNF-alpha", "-")],
        ),
        # coordinated modifiers of one head name two variables; coordinated adjectives do not
        (
            "Aspirin reduced serum creatinine and blood urea nitrogen levels.",
            [("Aspirin", "serum creatinine", "-"), ("Aspirin", "blood urea nitrogen levels", "-")],
        ),
        (
            "The virus caused respiratory and gastrointestinal symptoms.",
            [("The virus", "respiratory and gastrointestinal symptoms", "+")],
        ),
        # a combination is one exposure, not a list
        (
            "The combination of cisplatin and paclitaxel reduced tumour growth.",
            [("The combination of cisplatin and paclitaxel", "tumour growth", "-")],
        ),
        # what a predicate noun describes: the disorder caused by the mutations is the syndrome
        (
            "Gorlin syndrome is a rare hereditary disorder caused by mutations in PTCH1.",
            [("mutations in PTCH1", "Gorlin syndrome", "+")],
        ),
        (
            "IL-22 is a pleiotropic cytokine thought to play a role in the pathogenesis of psoriasis.",
            [("IL-22", "the pathogenesis of psoriasis", None)],
        ),
    ],
)
def test_arguments_a_researcher_recognises(extractor, sentence, expected):
    claims = extractor.extract([sentence])[0]
    assert sorted((c.cause.text, c.effect.text, c.polarity) for c in claims) == sorted(expected)


def test_presupposed_relation_holds_inside_a_question(extractor):
    claims = extractor.extract(["We asked whether melatonin prevents cisplatin-induced nephrotoxicity."])[0]
    assert [(c.cause.text, c.effect.text, c.negated, c.hedged) for c in claims] == [
        ("cisplatin", "nephrotoxicity", False, False)
    ]


def test_a_list_the_parser_misreads_gives_one_claim_per_item(extractor):
    # The small parser hangs "NF-kB" and "caspase-9" off the first item; the commas list them.
    claims = extractor.extract(["Resveratrol reduced the expression of COX-2, NF-kB, caspase-9 and p21."])[0]
    effects = {c.effect.text for c in claims if c.cause.text == "Resveratrol" and c.polarity == "-"}
    assert {"the expression of COX-2", "NF-kB", "caspase-9", "p21"} <= effects
    # a clause after ", and" is no list item
    claims = extractor.extract(["Metformin lowered glucose, and insulin improved lipid profiles."])[0]
    assert sorted((c.cause.text, c.effect.text) for c in claims) == [
        ("Metformin", "glucose"),
        ("insulin", "lipid profiles"),
    ]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # a '+', '/' or '-' without a space before it joins one name; it coordinates nothing
        ("Heat stress increased cytosolic Ca2+ levels.", [("Heat stress", "cytosolic Ca2+ levels", "+")]),
        (
            "Pre-treatment of rats with the antagonist SR-141716 (10 mg/kg, i.p.) reversed the effects "
            "of anandamide.",
            [("Pre-treatment of rats with the antagonist SR-141716", "the effects of anandamide", "-")],
        ),
        # "in a dose-dependent manner" says how, it names nothing
        ("Vitamin D reduced bone loss in a dose-dependent manner.", [("Vitamin D", "bone loss", "-")]),
        # a conjunct opening with a cue participle is that verb's object, with its own sign
        (
            "Statins decreased LDL cholesterol and increased HDL cholesterol.",
            [("Statins", "LDL cholesterol", "-"), ("Statins", "HDL cholesterol", "+")],
        ),
        # ... but "and a heightened B" is an adjective, and "describe" is no cue
        (
            "Emerging reports describe an increased incidence and a heightened mortality in older patients.",
            [],
        ),
        # "-protection against": a downward relation, like "protection against"
        (
            "Resveratrol showed neuroprotection against ischemic injury.",
            [("Resveratrol", "ischemic injury", "-")],
        ),
        # a compound before the head is no coordinated clause, even when tagged as a verb
        (
            "Midline raphe serotonin neurons in rat brainstem are involved in the hypotensive effect "
            "of clonidine.",
            [
                (
                    "Midline raphe serotonin neurons in rat brainstem",
                    "the hypotensive effect of clonidine",
                    None,
                )
            ],
        ),
    ],
)
def test_names_the_parser_cuts(extractor, sentence, expected):
    claims = extractor.extract([sentence])[0]
    assert sorted((c.cause.text, c.effect.text, c.polarity) for c in claims) == sorted(expected)


def test_a_denied_conjunct_is_a_null_finding(extractor):
    claims = extractor.extract(["Zinc supplementation reduced diarrhoea duration, but not its incidence."])[0]
    assert sorted((c.effect.text, c.polarity, c.negated) for c in claims) == [
        ("diarrhoea duration", "-", False),
        ("its incidence", "0", True),
    ]


@pytest.mark.parametrize(
    "sentence",
    [
        "Cisplatin increased the expression of p53 but not p21, Bax or Puma.",
        "Exercise lowered blood pressure, but not cholesterol, triglycerides or glucose.",
    ],
)
def test_a_denial_holds_to_the_end_of_its_list(extractor, sentence):
    # "but not" stands before the first denied item only; none of the items after it is an effect
    claims = extractor.extract([sentence])[0]
    signed = [c.effect.text for c in claims if c.polarity in ("+", "-")]
    assert len(signed) == 1, [(c.effect.text, c.polarity) for c in claims]
    assert all(c.negated for c in claims if c.polarity not in ("+", "-"))


@pytest.mark.parametrize(
    ("sentence", "cause", "effect", "polarity"),
    [
        ("Pre-treatment with ketamine reduced pain scores.", "Pre-treatment", "pain scores", "-"),
        ("Exposure to benzene increased leukemia risk.", "Exposure to benzene", "leukemia risk", "+"),
    ],
)
def test_a_sentence_the_parser_gave_no_verb_has_the_cue_for_its_verb(
    extractor, sentence, cause, effect, polarity
):
    claims = extractor.extract([sentence])[0]
    assert [(c.cause.text, c.effect.text, c.polarity) for c in claims] == [(cause, effect, polarity)]


def test_a_verbless_title_with_an_unsigned_participle_gives_no_claim(extractor):
    # a title is a noun phrase: "mediated" there is an adjective, not the sentence's verb
    title = "Receptor haploinsufficiency by nonsense mediated decay, adrenal hyperplasia and salt wasting."
    assert extractor.extract([title])[0] == []


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # the hyphens before "-induced" join one name, however many there are
        (
            "Tumor necrosis factor-alpha-induced apoptosis was rare.",
            [("Tumor necrosis factor-alpha", "apoptosis", "+")],
        ),
        # a present-tense verb is never a noun modifier, whatever the parser made of it
        ("Our results suggest that AMPK suppresses proliferation.", [("AMPK", "proliferation", "-")]),
    ],
)
def test_claims_inside_compounds_and_clauses(extractor, sentence, expected):
    claims = extractor.extract([sentence])[0]
    assert [(c.cause.text, c.effect.text, c.polarity) for c in claims] == expected


def test_a_participle_clause_after_a_comma_is_not_part_of_the_noun(extractor):
    claims = extractor.extract(["The drug inhibited ERK phosphorylation, thus reducing cell proliferation."])[
        0
    ]
    assert ("The drug", "ERK phosphorylation", "-") in [
        (c.cause.text, c.effect.text, c.polarity) for c in claims
    ]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # "results"/"leads" tagged as plural nouns: the cue's own preposition after it makes it the verb
        ("Shortage of folate results in anaemia.", ("Shortage of folate", "anaemia")),
        ("Smoking results in gum disease.", ("Smoking", "gum disease")),
        ("After surgery, removal of the spleen leads to infection.", ("removal of the spleen", "infection")),
        ("Bone loss results from deficiency of calcium.", ("deficiency of calcium", "Bone loss")),
    ],
)
def test_a_prepositional_cue_verb_read_as_a_noun_is_the_verb(extractor, sentence, expected):
    claims = claims_of(extractor, sentence)
    assert [(c.cause.text, c.effect.text, c.polarity) for c in claims] == [(*expected, "+")]


@pytest.mark.parametrize(
    "sentence",
    [
        # a present-tense cue verb tagged a plural noun, parsed as the root with an object, or as
        # the subject of a gerund read as the root
        "Metformin suppresses toll-like receptor 4 signaling.",
        "Metformin suppresses TLR4 signaling.",
    ],
)
def test_a_misread_present_verb_with_its_object_is_the_verb(extractor, sentence):
    claims = claims_of(extractor, sentence)
    assert [(c.cause.text, c.polarity) for c in claims] == [("Metformin", "-")]
    assert claims[0].effect.text.endswith("signaling")


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # an opening gerund tagged as the root, with the cue verb as its object's adjective
        ("Smoking increased mortality.", ("Smoking", "mortality", "+")),
        ("Walking lowered resting heart rate.", ("Walking", "resting heart rate", "-")),
        # ... with the verb itself tagged an adjective
        ("Running reduced blood pressure in older adults.", ("Running", "blood pressure", "-")),
    ],
)
def test_an_opening_gerund_is_the_subject_of_a_misparsed_cue_verb(extractor, sentence, expected):
    claims = claims_of(extractor, sentence)
    assert [(c.cause.text, c.effect.text, c.polarity) for c in claims] == [expected]


@pytest.mark.parametrize(
    "sentence",
    [
        "Using reduced doses, we repeated the assay.",  # the gerund opens a phrase, not the subject
        "Following increased exposure, the cells were harvested.",
    ],
)
def test_a_gerund_before_a_participle_adjective_is_no_subject(extractor, sentence):
    assert claims_of(extractor, sentence) == []


@pytest.mark.parametrize(
    "sentence",
    [
        "Our results in the second cohort were similar.",  # a possessive: the noun
        "Similar results in older rats were reported.",  # an adjective before it, and a finite verb
        "Three leads to the suspect came from the same caller.",  # a number: the noun
    ],
)
def test_a_plural_noun_before_a_cue_preposition_stays_a_noun(extractor, sentence):
    assert claims_of(extractor, sentence) == []


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # the second verb tagged a plural noun coordinated with the first verb's object
        (
            "Smoking triggers inflammation and inhibits wound healing.",
            [("Smoking", "inflammation", "+"), ("Smoking", "wound healing", "-")],
        ),
        # ... or an adjective of its own object
        (
            "Alcohol causes liver damage and impairs cognition.",
            [("Alcohol", "liver damage", "+"), ("Alcohol", "cognition", "-")],
        ),
    ],
)
def test_a_coordinated_present_tense_verb_the_tagger_misread_is_a_verb(extractor, sentence, expected):
    claims = claims_of(extractor, sentence)
    assert sorted((c.cause.text, c.effect.text, c.polarity) for c in claims) == sorted(expected)


@pytest.mark.parametrize(
    ("sentence", "cause"),
    [
        ("The COX-2 inhibitor NS-398 reduced tumour growth.", "NS-398"),
        ("The tumour suppressor gene p53 reduced cell growth.", "p53"),
    ],
)
def test_a_coded_name_after_its_kind_noun_is_the_variable(extractor, sentence, cause):
    # (an agent noun's claim on its target, "NS-398 -> COX-2", has the same cause)
    claims = extractor.extract([sentence])[0]
    assert {c.cause.text for c in claims} == {cause}, [(c.cause.text, c.effect.text) for c in claims]


def test_a_letter_after_a_kind_noun_ends_the_name_and_is_no_name_alone(extractor):
    claims = extractor.extract(["Protein kinase B increased cell survival."])[0]
    assert [c.cause.text for c in claims] == ["Protein kinase B"], [
        (c.cause.text, c.effect.text) for c in claims
    ]
