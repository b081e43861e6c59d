"""Whether a cue is asserted, and how firmly: infinitives of purpose against infinitives that say
what their subject does, the reach of aims and purposes into what they govern, and the clauses
and coordinates they do not reach. The rules extractor on invented sentences, with the real spaCy
pipeline."""

from __future__ import annotations

import pytest

from causemap.graphbuilder.extractors.rules import RulesExtractor


def claims(extractor: RulesExtractor, sentence: str) -> list:
    return extractor.extract([sentence])[0]


def pairs(extractor: RulesExtractor, sentence: str) -> set[tuple[str, str]]:
    return {(c.cause.text, c.effect.text) for c in claims(extractor, sentence)}


@pytest.mark.parametrize(
    ("sentence", "hedged"),
    [
        ("Crop rotation is a practical strategy to reduce pest pressure.", False),
        ("Cover cropping may be an effective way to reduce soil erosion.", True),
        ("Mulching could be one of the cheapest means to suppress weed growth.", True),
    ],
)
def test_an_infinitive_on_a_means_noun_says_what_its_subject_does(extractor, sentence, hedged):
    found = [c for c in claims(extractor, sentence) if c.relation == "causal" and not c.negated]
    assert found, sentence
    # the modal of "may be a way to" is the claim's own: "X may reduce Y"
    assert all(c.hedged is hedged for c in found), found


@pytest.mark.parametrize(
    "sentence",
    [
        "Farmers planted hedgerows to reduce pest pressure.",
        # a means noun that is the object, not said of a subject, still states an intention
        "We designed an intervention to reduce pest pressure.",
    ],
)
def test_an_infinitive_of_purpose_is_no_claim(extractor, sentence):
    # guards the means-noun reading above from reaching intentions
    assert pairs(extractor, sentence) == set()


def test_an_adjective_of_necessity_governs_an_infinitive_hung_on_its_copula(extractor):
    found = pairs(extractor, "A deep tillage pass is necessary to reduce soil compaction.")
    assert any("tillage" in c and e == "soil compaction" for c, e in found), found


def test_a_purpose_reaches_into_what_its_infinitive_governs(extractor):
    sentence = "Soil sensors are used to estimate the effect of irrigation on root growth."
    assert pairs(extractor, sentence) == set()


def test_a_concession_is_asserted_whatever_the_main_clause_asks(extractor):
    sentence = "Although nitrogen increased grain yield, further trials are warranted."
    assert ("nitrogen", "grain yield") in pairs(extractor, sentence)


def test_a_verb_coordinated_with_an_inquiry_verb_is_not_under_it(extractor):
    sentence = "We examined forty orchards and found that copper sprays reduced fungal infection."
    assert ("copper sprays", "fungal infection") in pairs(extractor, sentence)
    # what the inquiry verb itself governs stays a question
    assert pairs(extractor, "We examined whether copper sprays reduced fungal infection.") == set()


def test_a_relative_clause_asserts_what_earlier_studies_found(extractor):
    sentence = "Our data agree with earlier studies that showed that shade cloth reduced leaf temperature."
    assert ("shade cloth", "leaf temperature") in pairs(extractor, sentence)


def test_research_still_to_be_done_states_no_finding(extractor):
    finding = "severe drought reduces the seed weight of soybean."
    assert ("severe drought", "the seed weight of soybean") in pairs(
        extractor, f"This study found that {finding}"
    )
    assert pairs(extractor, f"Further research may show that {finding}") == set()
    assert pairs(extractor, f"Additional trials could confirm that {finding}") == set()
    # without a modal the further studies are the paper's own
    assert ("severe drought", "the seed weight of soybean") in pairs(
        extractor, f"Further studies showed that {finding}"
    )


def test_an_inquiry_verb_with_a_that_clause_reports_a_finding(extractor):
    finding = "severe drought reduced the seed weight of soybean."
    assert ("severe drought", "the seed weight of soybean") in pairs(
        extractor, f"We determined that {finding}"
    )
    assert pairs(extractor, f"We determined whether {finding}") == set()


def test_a_noun_of_capacity_governs_its_infinitive(extractor):
    sentence = "We confirmed the ability of soil moisture to predict wheat yield."
    assert any(e == "wheat yield" for _, e in pairs(extractor, sentence)), pairs(extractor, sentence)


@pytest.mark.parametrize(
    ("tentative", "plain"),
    [
        (
            "These data reveal possible mechanisms underlying drought tolerance in sorghum.",
            "These data reveal the mechanisms underlying drought tolerance in sorghum.",
        ),
        (
            "We identified a putative gene causing leaf curl in tomato.",
            "We identified a gene causing leaf curl in tomato.",
        ),
    ],
)
def test_a_participle_is_as_tentative_as_the_noun_it_describes(extractor, tentative, plain):
    hedged, asserted = claims(extractor, tentative), claims(extractor, plain)
    assert hedged and all(c.hedged for c in hedged), hedged
    assert asserted and not any(c.hedged for c in asserted), asserted


@pytest.mark.parametrize(
    ("sentence", "cause", "effect"),
    [
        (
            "Nitrogen runoff should be considered a major cause of algal blooms.",
            "Nitrogen runoff",
            "algal blooms",
        ),
        (
            "Soil compaction must be regarded as a cause of poor root growth.",
            "Soil compaction",
            "poor root growth",
        ),
        ("Hedgerows should be considered protective against soil erosion.", "Hedgerows", "soil erosion"),
    ],
)
def test_a_modal_on_a_passive_judgement_of_the_subject_hedges_the_claim(extractor, sentence, cause, effect):
    from causemap.graphbuilder.extractors.base import read_candidates

    # "should" on "be considered" recommends a judgement of the subject, not an action: the claim is
    # kept, hedged, through verification's refusals too (no order to the reader)
    (claim,) = read_candidates(extractor, None, [sentence]).relations[0]
    assert (claim.cause.text, claim.effect.text, claim.hedged) == (cause, effect, True)


def test_an_order_to_judge_and_a_recommendation_to_act_are_no_claims(extractor):
    from causemap.graphbuilder.extractors.base import read_candidates

    sentences = [
        "You should consider that nitrogen runoff causes algal blooms.",
        "Consider that nitrogen runoff causes algal blooms.",
        "Buffer strips should be used to reduce algal blooms.",
    ]
    reading = read_candidates(extractor, None, sentences)
    assert reading.relations == [[], [], []]


@pytest.mark.parametrize(
    "sentence",
    [
        # a condition by inversion supposes; so does the consequence of a condition contrary to fact
        "Had the fertiliser raised grain yield, the trial would have been extended.",
        "Were caffeine to impair sleep directly, we would expect a dose effect.",
        "Should the vaccine reduce transmission, herd immunity would follow.",
        "If the splicing events were ordered, intron retention would increase the delay.",
    ],
)
def test_a_supposition_states_no_claim(extractor, sentence):
    assert claims(extractor, sentence) == []


@pytest.mark.parametrize(
    "sentence",
    [
        "If untreated, diabetes would lead to blindness.",  # a generic condition: the claim holds in it
        "Obesity had increased the risk of infection, as we would expect.",
        # an opening gerund read as the root has no verb of its own, whatever clause follows
        "Smoking increased cancer risk, as we would expect.",
    ],
)
def test_conditions_that_suppose_nothing_keep_their_claims(extractor, sentence):
    assert claims(extractor, sentence), sentence


def test_an_effect_tested_for_modification_is_no_claim_of_the_effect(extractor):
    # an interaction test asks whether A changes X's effect on Y; it does not state that X affects Y
    sentence = (
        "There was no significant interaction between baseline fitness and the effect of the programme "
        "on weight loss."
    )
    assert claims(extractor, sentence) == []
    assert pairs(extractor, "The effect of the programme on weight loss was large.") == {
        ("the programme", "weight loss")
    }
