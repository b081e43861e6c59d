"""Whole names and one claim per listed variable, and relation frames on nouns, hyphens and groups:
the rules extractor on sentences written for these tests, with the real spaCy pipeline."""

from __future__ import annotations

import pytest
from rules_readings import relation_readings as claims


@pytest.mark.parametrize(
    ("sentence", "causes", "effect"),
    [
        # the parser makes the last item the subject and hangs the others elsewhere
        (
            "Hypertension, diabetes and smoking increased the risk of stroke.",
            ("Hypertension", "diabetes", "smoking"),
            "the risk of stroke",
        ),
        # a fronted phrase before the list is no item of it
        (
            "In this cohort, hypertension, diabetes and smoking increased the risk of stroke.",
            ("hypertension", "diabetes", "smoking"),
            "the risk of stroke",
        ),
        # after "that"; a noun the tagger read as a verb ("dyslipidemia") is still an item
        (
            "We found that obesity, insulin resistance and dyslipidemia predicted cardiovascular events.",
            ("obesity", "insulin resistance", "dyslipidemia"),
            "cardiovascular events",
        ),
    ],
)
def test_each_listed_subject_is_a_cause_of_its_own(extractor, sentence, causes, effect):
    found = claims(extractor, sentence)
    for cause in causes:
        assert (cause, effect) in found, (cause, found)


def test_listed_outcomes_with_a_name_tagged_as_punctuation_are_each_an_effect(extractor):
    # the tagger gives "IL-1beta" the tag of a comma; the list still ends with it
    found = claims(extractor, "Levels of IL-6, TNF-alpha and IL-1beta were reduced by curcumin.")
    for effect in ("Levels of IL-6", "TNF-alpha", "IL-1beta"):
        assert found.get(("curcumin", effect)) == ("causal", "-"), (effect, found)


def test_items_that_are_objects_of_a_preposition_are_no_listed_subjects(extractor):
    # "aspirin" is given "with", not a subject of "reduced": no "aspirin -> thrombosis" read as a list
    # item on its own, only inside the whole treatment phrase
    found = claims(extractor, "Treatment with aspirin, clopidogrel and heparin reduced thrombosis.")
    assert ("aspirin", "thrombosis") not in found, found
    assert ("Treatment with aspirin", "thrombosis") in found, found


@pytest.mark.parametrize(
    ("sentence", "target"),
    [
        # the parser hangs every noun of the name on the agent noun: the target is the whole name
        ("Haloperidol is a dopamine D2 receptor antagonist.", "dopamine D2 receptor"),
        (
            "Losartan, an angiotensin II type 1 receptor blocker, lowered blood pressure.",
            "angiotensin II type 1 receptor",
        ),
        # a descriptive adjective is no part of the name
        ("Paroxetine is a potent and selective serotonin reuptake inhibitor.", "serotonin reuptake"),
    ],
)
def test_an_agent_noun_acts_on_the_whole_name_before_it(extractor, sentence, target):
    found = claims(extractor, sentence)
    assert any(effect == target and reading == ("causal", "-") for (_, effect), reading in found.items()), (
        found
    )


@pytest.mark.parametrize(
    ("sentence", "cause", "effect"),
    [
        # a hyphenated compound before the cause modifies the whole phrase, not the cause
        (
            "Exenatide restored first-phase glucose-stimulated insulin secretion.",
            "glucose",
            "insulin secretion",
        ),
        # a cue verb's participle read into the noun phrase is no part of the name
        (
            "Knockdown of either NOX4 or STAT3 inhibited VEGF-induced EC proliferation.",
            "VEGF",
            "EC proliferation",
        ),
        # the words that name the cause still join it
        ("Valproic acid-induced dementia was reversible.", "Valproic acid", "dementia"),
    ],
)
def test_a_hyphen_cause_is_its_whole_name_and_no_more(extractor, sentence, cause, effect):
    found = claims(extractor, sentence)
    assert (cause, effect) in found, found


@pytest.mark.parametrize(
    ("sentence", "cause", "effect"),
    [
        ("The drug blocked calcium-dependent apoptosis.", "calcium", "apoptosis"),
        ("Insulin-dependent glucose uptake was impaired in obese mice.", "Insulin", "glucose uptake"),
    ],
)
def test_a_dependent_modifier_says_what_the_noun_depends_on(extractor, sentence, cause, effect):
    assert claims(extractor, sentence).get((cause, effect)) == ("causal", None)


def test_a_dependent_manner_or_a_named_kind_relates_nothing(extractor):
    found = claims(extractor, "Curcumin induced apoptosis in a p53-dependent manner.")
    assert not [pair for pair in found if pair[0] == "p53"], found
    found = claims(extractor, "Cyclin-dependent kinase 2 was inhibited by roscovitine.")
    assert not [pair for pair in found if pair[0] == "Cyclin"], found


@pytest.mark.parametrize(
    ("sentence", "definer", "outcome"),
    [
        (
            "Mitochondrial dysfunction was observed in isoproterenol-treated rats.",
            "isoproterenol",
            "Mitochondrial dysfunction",
        ),
        ("Severe colitis occurred in IL-10-deficient mice.", "IL-10-deficient", "Severe colitis"),
        ("Cardiac fibrosis was found in Apoe-null mice.", "Apoe-null", "Cardiac fibrosis"),
    ],
)
def test_a_hyphenated_modifier_of_exposure_or_genotype_defines_the_group(
    extractor, sentence, definer, outcome
):
    assert claims(extractor, sentence).get((definer, outcome)) == ("correlational", None)


def test_cells_a_hyphen_sets_apart_are_a_studied_group(extractor):
    found = claims(extractor, "Apoptosis was observed in TAK1-deficient chondrocytes.")
    assert found.get(("TAK1-deficient", "Apoptosis")) == ("correlational", None), found


def test_a_group_set_apart_by_a_plain_adjective_defines_no_setting(extractor):
    assert claims(extractor, "Cardiac fibrosis was found in old mice.") == {}
    assert claims(extractor, "Apoptosis was observed in cultured chondrocytes.") == {}


@pytest.mark.parametrize(
    ("sentence", "cause", "effect"),
    [
        (
            "Hyperkalemia is a known complication of spironolactone therapy.",
            "spironolactone therapy",
            "Hyperkalemia",
        ),
        ("Hepatotoxicity is a serious side effect of isoniazid.", "isoniazid", "Hepatotoxicity"),
        ("Nausea is the most common adverse effect of metformin.", "metformin", "Nausea"),
    ],
)
def test_a_complication_or_side_effect_of_x_is_caused_by_x(extractor, sentence, cause, effect):
    assert claims(extractor, sentence).get((cause, effect)) == ("causal", "+")


def test_a_side_effect_without_its_cause_named_gives_no_claim(extractor):
    assert claims(extractor, "The side effects of the drug were mild.") == {}


def test_a_name_ends_before_the_sentence_full_stop_and_keeps_its_code(extractor):
    # the tokeniser keeps the full stop on "A."; the parser takes "VIII" for an apposition
    found = claims(extractor, "Deficiency of factor VIII causes hemophilia A.")
    assert found.get(("Deficiency of factor VIII", "hemophilia A")) == ("causal", "+"), found


def test_listed_exposures_after_a_stimulation_are_each_a_cause(extractor):
    found = claims(extractor, "The level of PRMT5 was up-regulated by stimulation with IL-1b and TNF-a.")
    assert ("stimulation with IL-1b", "The level of PRMT5") in found, found
    assert ("TNF-a", "The level of PRMT5") in found, found


def test_a_change_in_a_defined_group_goes_with_what_defines_it(extractor):
    found = claims(extractor, "Serum creatinine increased in cisplatin-treated rats.")
    assert found.get(("cisplatin", "Serum creatinine")) == ("correlational", "+"), found
    # a place is no group: "increased in the liver" compares nothing
    assert claims(extractor, "Collagen expression increased in the liver.") == {}


def test_what_a_group_defined_by_a_condition_carries_goes_with_the_condition(extractor):
    found = claims(extractor, "All patients with Gitelman syndrome carried mutations in SLC12A3.")
    assert found.get(("Gitelman syndrome", "mutations in SLC12A3")) == ("correlational", None), found
    # a group that nothing defines relates nothing
    assert claims(extractor, "All patients carried mutations in SLC12A3.") == {}


def test_a_treatment_complicated_by_a_condition_caused_it(extractor):
    found = claims(extractor, "Amiodarone therapy was complicated by pulmonary fibrosis.")
    assert found.get(("Amiodarone therapy", "pulmonary fibrosis")) == ("causal", "+"), found


def test_a_cue_the_tagger_took_for_an_adjective_is_a_verb_with_subject_and_object(extractor):
    found = claims(extractor, "Mutations in KCNQ1 underlie long QT syndrome.")
    assert ("Mutations in KCNQ1", "long QT syndrome") in found, found


def test_a_code_after_a_name_belongs_to_what_a_connective_explains(extractor):
    found = claims(extractor, "Congenital disorder of glycosylation Ic due to a de novo deletion.")
    assert ("a de novo deletion", "Congenital disorder of glycosylation Ic") in found, found


@pytest.mark.parametrize(
    ("sentence", "cause", "effect", "sign"),
    [
        (
            "We report the inhibition of receptor tyrosine kinases by imatinib.",
            "imatinib",
            "receptor tyrosine kinases",
            "-",
        ),
        ("Activation of NF-kappaB by TNF-alpha promoted survival.", "TNF-alpha", "NF-kappaB", "+"),
        ("Suppression of IL-6 by dexamethasone was dose-dependent.", "dexamethasone", "IL-6", "-"),
    ],
)
def test_a_cue_verbs_nominalisation_with_its_agent_states_the_verbs_relation(
    extractor, sentence, cause, effect, sign
):
    assert claims(extractor, sentence).get((cause, effect)) == ("causal", sign)


def test_objects_after_a_second_cue_participle_are_that_verbs_own(extractor):
    # "reduced" opens the second verb's objects: "tremor" goes down with "anxiety", not up
    found = claims(extractor, "Lithium increased locomotor activity, and reduced anxiety and tremor.")
    assert found.get(("Lithium", "locomotor activity")) == ("causal", "+"), found
    assert found.get(("Lithium", "anxiety")) == ("causal", "-"), found
    assert found.get(("Lithium", "tremor")) == ("causal", "-"), found


def test_a_second_cue_participle_read_as_an_adjective_is_still_a_verb_of_the_same_subject(extractor):
    # the parser makes the whole sentence one noun phrase and "abolished" an adjective of
    # "cocaine sensitization": its objects go down, they are no objects of "enhanced"
    found = claims(
        extractor, "The drug enhanced locomotion, and abolished cocaine sensitization and opioid withdrawal."
    )
    assert found.get(("The drug", "locomotion")) == ("causal", "+"), found
    assert found.get(("The drug", "cocaine sensitization")) == ("causal", "-"), found
    assert found.get(("The drug", "opioid withdrawal")) == ("causal", "-"), found
    assert not any(effect.startswith("abolished") for _, effect in found), found


@pytest.mark.parametrize(
    ("sentence", "framed", "own"),
    [
        # the second conjunct carries its own relation ("arsenic-induced"): "inhibition" is not its frame
        (
            "Selenium reduced inhibition of AMPK activation and arsenic-induced steatosis.",
            "AMPK activation",
            "arsenic-induced steatosis",
        ),
        # the second conjunct has its own determiner: a phrase coordinated with "the suppression of A"
        (
            "Selenium reduced the suppression of AMPK and the accumulation of lipids.",
            "AMPK",
            "the accumulation of lipids",
        ),
    ],
)
def test_a_conjunct_with_a_phrase_of_its_own_is_outside_the_frame(extractor, sentence, framed, own):
    found = claims(extractor, sentence)
    assert found.get(("Selenium", framed)) == ("causal", "+"), found  # reduced inhibition: up
    assert found.get(("Selenium", own)) == ("causal", "-"), found  # reduced, as written


def test_a_second_cue_participle_the_parser_coordinated_with_the_first_verb_keeps_its_subject(extractor):
    # "hypothermia" is parsed as a conjunct of the verb "potentiated", "antagonized" as its adjective
    found = claims(
        extractor, "Lithium potentiated amphetamine hyperactivity, and antagonized reserpine hypothermia."
    )
    assert found.get(("Lithium", "amphetamine hyperactivity")) == ("causal", "+"), found
    assert found.get(("Lithium", "reserpine hypothermia")) == ("causal", "-"), found


def test_a_cue_participle_in_a_passive_subject_is_no_verb_of_the_agent(extractor):
    # "increased appetite" is one of the subjects the drug reduced; the drug did not increase appetite
    found = claims(extractor, "Body weight and increased appetite were reduced by the drug.")
    assert found.get(("the drug", "increased appetite")) == ("causal", "-"), found
    assert ("the drug", "appetite") not in found, found


def test_a_conjunct_with_a_hyphen_compound_of_its_own_is_not_the_first_compounds(extractor):
    # "TNF-induced anorexia" is TNF's: LPS induced the fever only
    found = claims(extractor, "We studied LPS-induced fever and TNF-induced anorexia in rats.")
    assert found.get(("LPS", "fever")) == ("causal", "+"), found
    assert found.get(("TNF", "anorexia")) == ("causal", "+"), found
    assert not [effect for cause, effect in found if cause == "LPS" and "anorexia" in effect], found
    # a bare conjunct is still the compound's
    found = claims(extractor, "Selenium prevented arsenic-induced steatosis and fibrosis.")
    assert found.get(("arsenic", "fibrosis")) == ("causal", "+"), found


def test_bare_conjuncts_keep_the_frame_of_the_list(extractor):
    found = claims(extractor, "Selenium reduced the inhibition of AMPK and ACC.")
    assert found.get(("Selenium", "ACC")) == ("causal", "+"), found


def test_an_opening_direction_word_is_the_first_items_when_others_have_modifiers_of_their_own(extractor):
    # items written with adjectives of their own are whole phrases: "impaired" is not theirs
    found = claims(
        extractor, "Heavy drinking leads to impaired liver function, oxidative damage, fibrosis and jaundice."
    )
    assert found.get(("Heavy drinking", "impaired liver function")) == ("causal", "+"), found
    assert found.get(("Heavy drinking", "oxidative damage")) == ("causal", "+"), found
    assert found.get(("Heavy drinking", "jaundice")) == ("causal", "+"), found
    # bare names share it: "reduced A, B and C" lowers all three
    found = claims(extractor, "Fasting led to reduced glucose, leptin and triglycerides.")
    assert found.get(("Fasting", "leptin")) == ("causal", "-"), found


@pytest.mark.parametrize(
    ("sentence", "agent", "cause", "effect", "agent_sign"),
    [
        # a title: the parser makes "induced" the verb of "Effects of aspirin in carrageenan"
        (
            "Effects of aspirin in carrageenan induced paw edema in rats.",
            "aspirin",
            "carrageenan",
            "paw edema",
            None,
        ),
        # the parser hangs "exerts" under "induced": the subject phrase holds a finite verb
        (
            "Melatonin exerts protective effects against cisplatin induced nephrotoxicity in rats.",
            "Melatonin",
            "cisplatin",
            "nephrotoxicity",
            "-",
        ),
    ],
)
def test_an_unhyphenated_induced_compound_is_read_as_the_hyphenated_one(
    extractor, sentence, agent, cause, effect, agent_sign
):
    found = claims(extractor, sentence)
    assert found.get((cause, effect)) == ("causal", "+"), found
    assert found.get((agent, effect)) == ("causal", agent_sign), found  # what protects, against what
    assert not any(c.startswith(("Effects of", "Melatonin exerts")) for c, _ in found), found


@pytest.mark.parametrize(
    ("sentence", "cause"),
    [
        ("Treatment with cisplatin induced apoptosis.", "cisplatin"),  # the verb of its subject
        ("Treatment with cisplatin in rats induced apoptosis.", "Treatment with cisplatin"),  # a group
        # "to": the exposure noun's own argument
        (
            "Administration of cisplatin to the cultures induced apoptosis.",
            "Administration of cisplatin to the cultures",
        ),
    ],
)
def test_induced_stays_the_verb_of_a_subject_with_an_exposure_phrase(extractor, sentence, cause):
    found = claims(extractor, sentence)
    assert found.get((cause, "apoptosis")) == ("causal", "+"), found


@pytest.mark.parametrize(
    ("sentence", "effects"),
    [
        # adjectives coordinated before a noun phrase share its head: no bare "acute"
        (
            "Alcohol is linked to many harms, such as injuries, liver disease, chronic pancreatitis, and "
            "acute or sudden cardiac death.",
            {"injuries", "liver disease", "chronic pancreatitis", "acute or sudden cardiac death"},
        ),
        # "relative" may modify "protein" or the shared "content": the coordination stays one name
        (
            "Drought reduced relative protein and starch content in grains.",
            {"relative protein and starch content in grains"},
        ),
    ],
)
def test_coordinated_premodifiers_give_no_bare_modifier(extractor, sentence, effects):
    found = {effect for _, effect in claims(extractor, sentence)}
    assert effects <= found, found
    assert not found & {"acute", "relative protein"}, found


@pytest.mark.parametrize(
    ("sentence", "joint", "bare"),
    [
        # a common noun alone before the shared head names no deficit of its own
        ("Ketamine caused learning and memory deficits in rats.", "learning and memory deficits", "learning"),
        ("Toxin B was associated with heart and kidney failure.", "heart and kidney failure", "heart"),
    ],
)
def test_a_bare_common_noun_premodifier_keeps_the_coordination_one_name(extractor, sentence, joint, bare):
    found = {effect for _, effect in claims(extractor, sentence)}
    assert joint in found and bare not in found, found


def test_names_before_an_exposure_noun_still_split(extractor):
    sentence = "Smoking and alcohol use increase the risk of oral cancer."
    found = {cause for cause, _ in claims(extractor, sentence)}
    assert {"Smoking", "alcohol use"} <= found, found


def test_two_items_that_each_open_with_an_adjective_stay_two(extractor):
    found = {
        e
        for _, e in claims(
            extractor, "Heat was correlated with average kernel weight and physiological function."
        )
    }
    assert {"average kernel weight", "physiological function"} <= found, found


def test_a_list_item_cut_inside_a_bracket_is_no_name(extractor):
    sentence = (
        "Null mutations cause persistent and unregulated acid secretion and chronic gastritis [2–4], "
        "whereas other mutations prevent pump closure."
    )
    found = {e for _, e in claims(extractor, sentence)}
    assert not any("[" in e and "]" not in e for e in found), found


def test_a_list_of_the_things_measured_still_splits(extractor):
    found = {effect for _, effect in claims(extractor, "Drought reduced grain protein and starch content.")}
    assert found == {"grain protein", "starch content"}, found


@pytest.mark.parametrize(
    ("sentence", "cause", "effect", "dated_by"),
    [
        (
            "Pretreatment with curcumin 1 h before cocaine injection prevented convulsions.",
            "Pretreatment with curcumin 1 h",
            "convulsions",
            "cocaine injection",
        ),
        (
            "Pretreatment with lithium 2 h before the injection of ketamine attenuated hyperlocomotion.",
            "Pretreatment with lithium",
            "hyperlocomotion",
            "the injection of ketamine",
        ),
    ],
)
def test_what_a_time_clause_dates_is_the_subject_not_the_event_it_dates_by(
    extractor, sentence, cause, effect, dated_by
):
    # the parser makes "before Y" the clause of "prevented", with Y its subject
    found = claims(extractor, sentence)
    assert found.get((cause, effect)) == ("causal", "-"), found
    assert (dated_by, effect) not in found, found


def test_a_framed_list_gives_each_item_the_frames_sign_once(extractor):
    # "Inhibition of A, B or C blocks Y": A, B and C each promote Y; the first item is read bare like
    # the others, not also with the frame's words and the frame's sign a second time
    found = claims(extractor, "Inhibition of caspases, RIP1, or RIP3 blocks cell death.")
    assert found == {(name, "cell death"): ("causal", "+") for name in ("caspases", "RIP1", "RIP3")}


@pytest.mark.parametrize(
    ("sentence", "effect"),
    [
        (
            "Curcumin reduced the expression of pro- and anti-inflammatory cytokines.",
            "the expression of pro- and anti-inflammatory cytokines",
        ),
        ("Obesity increased both short- and long-term mortality.", "short- and long-term mortality"),
    ],
)
def test_a_suspended_prefix_shares_the_next_word_and_is_no_item(extractor, sentence, effect):
    # "pro-" is "pro-inflammatory" cut short: no bare "pro" (or "short") is a variable of its own
    found = claims(extractor, sentence)
    assert [e for _, e in found] == [effect], found
