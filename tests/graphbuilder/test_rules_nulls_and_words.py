"""Null findings stated by size, modality or a denied comparison; premises; word senses; whole
words. The rules extractor on invented sentences, with the real spaCy pipeline."""

from __future__ import annotations

import pytest

from causemap.graphbuilder.extractors.rules import RulesExtractor


def readings(extractor: RulesExtractor, sentence: str) -> list[tuple[str, str, str | None, bool]]:
    return sorted(
        (c.cause.text, c.effect.text, c.polarity, c.negated) for c in extractor.extract([sentence])[0]
    )


@pytest.mark.parametrize(
    "sentence",
    [
        # a relation of about no size
        "Caffeine had minimal effect on reaction time.",
        "Nitrogen fertiliser had a negligible impact on tuber yield.",
        "Dietary fibre showed little influence on fasting glucose.",
        "Seedling height was hardly affected by soil salinity.",
        # a denied comparison: the two compared are alike
        "Group counselling was no more effective in reducing relapse than individual counselling.",
        # a modal adjective that denies its infinitive
        "The new dressing is unlikely to prevent wound infection.",
        "The vaccine was unable to prevent viral shedding.",
        # a relation said not to have been shown, or a change of no size
        "The effect of caffeine on reaction time was not statistically significant.",
        "The association between napping and obesity was non-significant.",
        "Nitrogen fertiliser had a non-significant effect on tuber yield.",
        "Dietary fibre was associated with a nonsignificant reduction in fasting glucose.",
        "Caffeine produced a negligible increase in heart rate.",
    ],
)
def test_null_findings_are_explicit_nulls(extractor, sentence):
    found = readings(extractor, sentence)
    assert found, sentence
    assert all(negated and polarity == "0" for _, _, polarity, negated in found), found


@pytest.mark.parametrize(
    ("sentence", "pair", "null"),
    [
        # a verb of attaining denies the relation that is its subject
        (
            "The association between napping and obesity did not reach significance.",
            ("napping", "obesity"),
            True,
        ),
        (
            "The effect of caffeine on reaction time did not achieve significance.",
            ("caffeine", "reaction time"),
            True,
        ),
        # other verbs take their subject's relation as given and deny something else
        (
            "The association between napping and obesity does not support a causal role of sleep.",
            ("napping", "obesity"),
            False,
        ),
        (
            "The link between napping and obesity did not show any sex difference.",
            ("napping", "obesity"),
            False,
        ),
    ],
)
def test_a_denied_predicate_denies_its_subjects_relation_only_when_it_says_it_was_not_attained(
    extractor, sentence, pair, null
):
    found = {(cause, effect): negated for cause, effect, _, negated in readings(extractor, sentence)}
    assert found.get(pair) is null, found


def test_some_size_is_an_effect(extractor):
    # "a little" and "a small" are some effect; only about none is a null
    found = readings(extractor, "Caffeine had a small effect on reaction time.")
    assert found and not any(negated for *_, negated in found)


def test_an_assumption_is_no_finding(extractor):
    sentence = "The model corrects for probe bias, assuming ethanol causes complete membrane lysis."
    assert readings(extractor, sentence) == []


@pytest.mark.parametrize(
    "sentence",
    [
        "Strain B contained many more plasmids than strain C.",
        "Each tray contained four seedlings.",
        "Cells were grown in medium containing 10 mM glucose.",
        "Colonies that contained only red signal were discarded.",
    ],
)
def test_contain_meaning_include_states_no_effect(extractor, sentence):
    assert readings(extractor, sentence) == []


def test_contain_meaning_restrain_is_a_downward_effect(extractor):
    assert readings(extractor, "Strict quarantine can contain the outbreak.") == [
        ("Strict quarantine", "the outbreak", "-", False)
    ]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # a name never begins or ends inside a written word
        (
            "Heat shock increased pre-rRNA accumulation.",
            [("Heat shock", "pre-rRNA accumulation", "+", False)],
        ),
        (
            "Anti-TNF therapy reduced joint swelling.",
            [("Anti-TNF therapy", "joint swelling", "-", False)],
        ),
        # "X-induced Y" keeps its hyphen with the participle
        (
            "Cisplatin-induced nephrotoxicity was frequent.",
            [("Cisplatin", "nephrotoxicity", "+", False)],
        ),
    ],
)
def test_names_are_whole_words(extractor, sentence, expected):
    assert readings(extractor, sentence) == expected


def test_a_cue_before_its_noun_phrase_takes_no_subject_after_it(extractor):
    # a legend fragment: "increased" modifies what follows it, nothing after it is its subject
    found = readings(extractor, "- raised pre-mRNA and retention near the locus")
    assert not any(cause.startswith("pre") for cause, *_ in found), found


def test_denied_existence_of_evidence_is_a_null(extractor):
    found = readings(
        extractor, "Nor was there any evidence that yoga classes were associated with lower anxiety."
    )
    assert found and all(negated and polarity == "0" for *_, polarity, negated in found), found


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # the parser hung "lowered" on the noun after the cue: it still belongs to the cause
        (
            "Likewise, lowered humidity enhanced spore germination.",
            [("lowered humidity", "spore germination", "+", False)],
        ),
        # "by 60%" says how much, it is no part of the effect
        (
            "The G12D mutation impaired membrane localisation of the receptor by 60%.",
            [("The G12D mutation", "membrane localisation of the receptor", "-", False)],
        ),
        # a connective hanging off a verb explains the verb's object, not its whole clause
        (
            "However, cultivars showed marked differences in leaf scorch due to drought.",
            [("drought", "marked differences in leaf scorch", None, False)],
        ),
    ],
)
def test_spans_without_misparsed_edges(extractor, sentence, expected):
    assert readings(extractor, sentence) == expected


def test_a_means_clause_is_not_part_of_a_name():
    from spacy.tokens import Doc

    from causemap.graphbuilder.extractors.rules import load_spacy
    from causemap.graphbuilder.extractors.rules_spans import argument_span

    # "Shade lowers yield by shortening grain filling", with "by" attached to "yield"
    words = ["Shade", "lowers", "yield", "by", "shortening", "grain", "filling", "."]
    heads = [1, 1, 1, 2, 3, 6, 4, 1]
    deps = ["nsubj", "ROOT", "dobj", "prep", "pcomp", "compound", "dobj", "punct"]
    tags = ["NN", "VBZ", "NN", "IN", "VBG", "NN", "NN", "."]
    doc = Doc(load_spacy().vocab, words=words, heads=heads, deps=deps, tags=tags)
    assert argument_span(doc[2], {1}) == (2, 3)


def test_due_to_on_a_passive_clause_does_not_make_its_subject_the_effect(extractor):
    # the bleeding caused the withdrawal, not the warfarin
    found = readings(extractor, "Warfarin was withdrawn due to recurrent bleeding.")
    assert all(effect != "Warfarin" for _, effect, *_ in found), found
    # the predicate adjective still reads "Y is due to X"
    assert readings(extractor, "The delay was due to staff shortages.") == [
        ("staff shortages", "The delay", "+", False)
    ]


@pytest.mark.parametrize(
    "sentence",
    [
        "The effect of caffeine on reaction time was statistically significant.",
        "Dietary fibre was associated with a significant reduction in fasting glucose.",
        "Nitrogen fertiliser increased minimal residual nitrate.",  # a name, not a size of no change
    ],
)
def test_a_relation_shown_or_a_change_of_some_size_is_no_null(extractor, sentence):
    found = readings(extractor, sentence)
    assert found and not any(negated for *_, negated in found), found
