"""Scoring of extractors: hand-computed figures on tiny files, and agreement with score.py."""

from __future__ import annotations

import pytest
from reference_scorer import EVAL_DIR, needs_eval, reference_scores

from causemap.graphbuilder.evaluation import (
    has_gold_relation,
    load_gold,
    overlap,
    predict,
    relation_sentence_recall,
    score_spans,
    score_strength,
    strength_of,
    unwrapped,
    write_jsonl,
)


def claim(cause, effect, relation="causal", polarity=None, hedged=False, negated=False):
    return {
        "cause": cause,
        "effect": effect,
        "relation": relation,
        "polarity": polarity,
        "hedged": hedged,
        "negated": negated,
    }


SPANS_GOLD = [
    {
        "id": "s1",
        "text": "…",
        "relations": [
            {"cause": "salt intake", "effect": "blood pressure", "label": "causation", "polarity": "+"},
            {"cause": "exercise", "effect": "weight", "label": "comparison", "polarity": "-"},
        ],
    },
    {"id": "s2", "text": "…", "relations": []},
    {
        "id": "s3",
        "text": "…",
        "relations": [
            {"cause": "smoking", "effect": "lung cancer", "label": "correlation", "polarity": "+"},
        ],
    },
    {
        "id": "s4",
        "text": "…",
        "relations": [
            {"cause": "drought", "effect": "yield", "label": "causation", "polarity": "-"},
        ],
    },
]
SPANS_PRED = [
    # hit (content words {high, salt, intake} vs {salt, intake}: 2/2), polarity right
    {
        "id": "s1",
        "claims": [
            claim("high salt intake", "systolic blood pressure", polarity="+"),
            # matches the comparison: neither a hit nor a false alarm
            claim("exercise", "body weight"),
        ],
    },
    {"id": "s2", "claims": [claim("rain", "floods")]},  # false alarm
    # hit, polarity wrong
    {"id": "s3", "claims": [claim("smoking habits", "cancer", "correlational", polarity="-")]},
    # s4 missing: no claims, one miss
]

STRENGTH_GOLD = [
    {"id": "a", "text": "…", "label": "direct_causal"},
    {"id": "b", "text": "…", "label": "conditional_causal"},
    {"id": "c", "text": "…", "label": "correlational"},
    {"id": "d", "text": "…", "label": "no_relation"},
    {"id": "e", "text": "…", "label": "no_relation"},
    {"id": "f", "text": "…", "label": "direct_causal"},
]
STRENGTH_PRED = [
    {"id": "a", "claims": [claim("x", "y"), claim("x", "z", hedged=True)]},
    {"id": "b", "claims": [claim("x", "y", hedged=True), claim("x", "z", "correlational")]},
    {"id": "c", "claims": [claim("x", "y", "correlational")]},
    {"id": "d", "claims": [claim("x", "y", polarity="0", negated=True)]},
    {"id": "e", "claims": [claim("x", "y", "correlational")]},
]


def test_overlap_uses_content_words_of_the_shorter_string():
    assert overlap("the high salt intake", "salt intake") == 1.0
    assert overlap("salt", "sugar intake") == 0.0
    assert overlap("intake of salt and sugar", "sugar intake levels") == pytest.approx(2 / 3)
    assert overlap("the", "the") == 0.0  # stop words only


def test_spans_hand_computed():
    result = score_spans(SPANS_GOLD, SPANS_PRED)
    assert result["hits"] == 2
    assert result["gold"] == 3
    assert result["predicted"] == 3  # the comparison match is not counted
    assert result["ignored_matches"] == 1
    assert result["precision"] == pytest.approx(0.6667, abs=1e-4)
    assert result["recall"] == pytest.approx(0.6667, abs=1e-4)
    assert result["f1"] == pytest.approx(0.6667, abs=1e-4)
    assert result["polarity_scored"] == 2 and result["polarity_accuracy"] == 0.5


def test_spans_direction_and_one_to_one():
    gold = [{"id": "x", "relations": [{"cause": "heat", "effect": "wilting", "label": "causation"}]}]
    swapped = [{"id": "x", "claims": [claim("wilting", "heat")]}]
    assert score_spans(gold, swapped)["hits"] == 0
    twice = [{"id": "x", "claims": [claim("heat", "wilting"), claim("summer heat", "leaf wilting")]}]
    result = score_spans(gold, twice)
    assert result["hits"] == 1 and result["predicted"] == 2 and result["precision"] == 0.5


def test_strength_of_claims():
    assert strength_of([]) == "no_relation"
    assert strength_of([claim("x", "y", negated=True)]) == "no_relation"
    assert strength_of([claim("x", "y", hedged=True), claim("x", "z")]) == "direct_causal"
    assert strength_of([claim("x", "y", hedged=True)]) == "conditional_causal"
    assert strength_of([claim("x", "y", "correlational", hedged=True)]) == "correlational"


def test_strength_hand_computed():
    result = score_strength(STRENGTH_GOLD, STRENGTH_PRED)
    assert result["n"] == 6
    assert result["accuracy"] == pytest.approx(4 / 6, abs=1e-4)
    # no_relation: P 1/2, R 1/2; correlational: P 1/2, R 1; conditional: 1; direct: P 1, R 1/2
    assert result["f1"] == pytest.approx(
        {"no_relation": 0.5, "correlational": 0.6667, "conditional_causal": 1.0, "direct_causal": 0.6667},
        abs=1e-4,
    )
    assert result["macro_f1"] == pytest.approx((0.5 + 0.6667 + 1.0 + 0.6667) / 4, abs=1e-4)
    assert result["claim_detection"] == {"precision": 0.75, "recall": 0.75}
    assert result["confusion"]["direct_causal"]["no_relation"] == 1
    assert result["confusion"]["no_relation"]["correlational"] == 1


class KeywordFilter:
    """A prefilter that keeps sentences containing 'cause'."""

    def is_candidate(self, sentence: str) -> bool:
        return "cause" in sentence


def test_relation_sentence_recall():
    rows = [
        {"id": 1, "text": "A causes B.", "relations": [{"label": "causation"}]},
        {"id": 2, "text": "A raises B.", "relations": [{"label": "causation"}]},
        {"id": 3, "text": "A is bigger than B.", "relations": [{"label": "comparison"}]},
        {"id": 4, "text": "After A, B.", "label": "no_relation"},
        {"id": 5, "text": "A may cause B.", "label": "conditional_causal"},
    ]
    assert [has_gold_relation(r) for r in rows] == [True, True, False, False, True]
    result = relation_sentence_recall(KeywordFilter(), rows)
    assert result["relation_sentences"] == 3 and result["relation_sentences_sent"] == 2
    assert result["recall"] == pytest.approx(2 / 3, abs=1e-4)
    assert result["send_rate"] == pytest.approx(2 / 5, abs=1e-4)
    assert result["no_relation_send_rate"] == 0.0


def test_predict_gives_one_row_per_sentence():
    from causemap.graphbuilder.extractors.rules import RulesExtractor

    rows = [
        {"id": "p1", "text": "Frost damaged the young shoots."},
        {"id": "p2", "text": "The orchard covers two hectares."},
    ]
    pred = predict(RulesExtractor(), rows)
    assert [p["id"] for p in pred] == ["p1", "p2"]
    assert pred[1]["claims"] == []
    assert pred[0]["claims"][0]["cause"] == "Frost"
    assert set(pred[0]["claims"][0]) == {"cause", "effect", "relation", "polarity", "hedged", "negated"}


@needs_eval
def test_agrees_with_score_py_on_hand_made_files(tmp_path):
    for task, gold, pred, scorer in (
        ("spans", SPANS_GOLD, SPANS_PRED, score_spans),
        ("strength", STRENGTH_GOLD, STRENGTH_PRED, score_strength),
    ):
        write_jsonl(gold, tmp_path / f"{task}_gold.jsonl")
        write_jsonl(pred, tmp_path / f"{task}_pred.jsonl")
        reference = reference_scores(task, tmp_path / f"{task}_gold.jsonl", tmp_path / f"{task}_pred.jsonl")
        assert scorer(gold, pred) == reference


@needs_eval
@pytest.mark.parametrize(
    ("task", "name"), [("spans", "sciclaim_cord19"), ("strength", "yu2019_strength_half_a")]
)
def test_agrees_with_score_py_on_rules_predictions(tmp_path, task, name):
    from causemap.graphbuilder.extractors.rules import RulesExtractor

    gold_path = EVAL_DIR / "dev" / f"{name}.jsonl"
    gold = load_gold(gold_path)
    pred = predict(RulesExtractor(), gold)
    write_jsonl(pred, tmp_path / "pred.jsonl")
    scorer = score_spans if task == "spans" else score_strength
    ours = scorer(gold, load_gold(tmp_path / "pred.jsonl"))
    assert ours == reference_scores(task, gold_path, tmp_path / "pred.jsonl")
    assert ours["f1" if task == "spans" else "macro_f1"] > 0


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('"Exercise lowered blood pressure, as expected."', "Exercise lowered blood pressure, as expected."),
        ('"He called it ""the cure"" for gout."', 'He called it "the cure" for gout.'),
        ('" Exercise lowered blood pressure.', "Exercise lowered blood pressure."),  # a cut field
        ('Exercise lowered blood pressure."', "Exercise lowered blood pressure."),
        # quotations inside a sentence stay quotations
        ('The so-called "miracle diet" lowered weight.', 'The so-called "miracle diet" lowered weight.'),
        ('"Smoking causes cancer" and "diet causes cancer" were slogans.', None),
        ("Plain text.", "Plain text."),
    ],
)
def test_a_sentence_wrapped_whole_by_its_export_is_read_without_the_quotes(text, expected):
    assert unwrapped(text) == (text if expected is None else expected)


def test_predict_reads_a_wrapped_sentence_as_the_sentence():
    from causemap.graphbuilder.extractors.rules import RulesExtractor

    extractor = RulesExtractor()
    rows = [{"id": "q", "text": '"Smoking increases the risk of stroke."'}]
    (row,) = predict(extractor, rows)
    assert [(c["cause"], c["effect"]) for c in row["claims"]] == [("Smoking", "the risk of stroke")]
