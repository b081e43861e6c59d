"""Reference resolution within a paper: "this mutation" named by what the paper named before."""

from __future__ import annotations

import json

import pytest

from causemap.graphbuilder.assemble import build_knowledge_graph
from causemap.graphbuilder.exporters import export_graph
from causemap.graphbuilder.extract_pipeline import SentenceRef, extract_workspace, is_verbatim
from causemap.graphbuilder.extractors import make_extractor
from causemap.graphbuilder.extractors.rules import RulesExtractor
from causemap.graphbuilder.pronouns import resolve_pronouns
from causemap.graphbuilder.references import resolve_references
from causemap.ingest.pipeline import ingest_paths
from causemap.models import Claim
from causemap.workspace import Workspace


def _paper(sentences: list[str], sections: list[str] | None = None, page: int = 1):
    """The page text of ``sentences`` and one SentenceRef per sentence."""
    refs, start = [], 0
    for i, text in enumerate(sentences):
        section = sections[i] if sections else "results"
        refs.append(SentenceRef(page, start, start + len(text), section, text))
        start += len(text) + 1
    return " ".join(sentences), refs


def _claim(ref: SentenceRef, cause: str, effect: str, paper: str = "p") -> Claim:
    c, e = ref.text.index(cause), ref.text.index(effect)
    return Claim(
        paper_id=paper,
        page=ref.page,
        sentence=ref.text,
        sentence_start=ref.start,
        sentence_end=ref.end,
        cause=cause,
        cause_start=ref.start + c,
        cause_end=ref.start + c + len(cause),
        effect=effect,
        effect_start=ref.start + e,
        effect_end=ref.start + e + len(effect),
        polarity="-",
        extractor="rules",
    )


def _resolved_cause(sentences: list[str], cause: str, effect: str, **paper: object) -> Claim:
    """The one claim of the last sentence after resolution, checked to stay verbatim in the page."""
    page, refs = _paper(sentences, **paper)  # type: ignore[arg-type]
    (claim,) = resolve_references(refs, [_claim(refs[-1], cause, effect)])
    assert is_verbatim(claim, page)
    assert claim.sentence == refs[-1].text and claim.sentence_start == refs[-1].start
    assert claim.effect == effect
    return claim


@pytest.mark.parametrize(
    ("first", "anaphor", "name"),
    [
        # a name among the modifiers
        ("We found the Kir6.2-S118L mutation in two families.", "This mutation", "Kir6.2-S118L mutation"),
        # a complement that names; plural with plural
        ("Mutations in SCN5A were found in five patients.", "These mutations", "Mutations in SCN5A"),
        # a name set beside the class noun
        ("We identified a novel variant, R123W, in three families.", "This variant", "R123W"),
        # the instance named before its class ("the SCN5A gene" ... "the gene")
        ("Variation in the HNF1A gene was studied in 40 families.", "This gene", "HNF1A gene"),
        # a comparative of the antecedent's sentence is no part of the thing's name
        ("Fewer mutations in SCN5A were found in women.", "These mutations", "mutations in SCN5A"),
        # "such", and a transparent adjective
        ("Patients with BRCA2 mutations were enrolled.", "Such patients", "Patients with BRCA2 mutations"),
        ("We found a novel mutation, Kir6.2-S118L, in two families.", "This novel mutation", "Kir6.2-S118L"),
        # an instance named before an appositive of its class
        ("Glibenclamide, a sulfonylurea drug, was given to 20 patients.", "This drug", "Glibenclamide"),
    ],
)
def test_a_description_takes_the_name_of_its_antecedent(first, anaphor, name):
    last = f"{anaphor} reduced the sodium current."
    claim = _resolved_cause([first, last], anaphor, "the sodium current")
    assert claim.cause == name
    assert claim.cause_end <= claim.sentence_start  # the offsets point at the earlier sentence


def test_a_reference_back_passes_the_search_on_to_its_own_antecedent():
    claim = _resolved_cause(
        [
            "We found the Kir6.2-S118L mutation in two families.",
            "The mutation was absent in 200 controls.",
            "This mutation reduced ATP sensitivity.",
        ],
        "This mutation",
        "ATP sensitivity",
    )
    assert claim.cause == "Kir6.2-S118L mutation"


def test_the_antecedent_may_be_earlier_in_the_same_sentence():
    page, refs = _paper(
        ["We identified the R123W mutation in SCN5A, and this mutation reduced the sodium current."]
    )
    (claim,) = resolve_references(refs, [_claim(refs[0], "this mutation", "the sodium current")])
    assert claim.cause == "R123W mutation" and is_verbatim(claim, page)
    assert claim.sentence_start <= claim.cause_start < claim.cause_end <= refs[0].text.index("this mutation")


@pytest.mark.parametrize(
    ("sentences", "anaphor"),
    [
        # the antecedent is four sentences back, beyond the window of three
        (
            [
                "We found the Kir6.2-S118L mutation in two families.",
                "Both families lived in one valley.",
                "Their members were examined twice.",
                "Blood samples were taken at each visit.",
                "This mutation reduced ATP sensitivity.",
            ],
            "This mutation",
        ),
        # the head noun differs
        (
            ["We found the Kir6.2-S118L mutation in two families.", "This drug reduced ATP sensitivity."],
            "This drug",
        ),
        # the nearest mention says nothing itself, and blocks the one before it
        (
            [
                "We found the Kir6.2-S118L mutation in two families.",
                "A second mutation was found in one patient.",
                "This mutation reduced ATP sensitivity.",
            ],
            "This mutation",
        ),
        # the antecedent is vague
        (
            ["Some mutations were found in five patients.", "These mutations reduced ATP sensitivity."],
            "These mutations",
        ),
        # numbers disagree: which of the mutations?
        (
            ["Mutations in SCN5A were found in five patients.", "This mutation reduced ATP sensitivity."],
            "This mutation",
        ),
        # the description's modifier is not the antecedent's
        (
            [
                "We found the Kir6.2-S118L mutation in two families.",
                "This frameshift mutation reduced ATP sensitivity.",
            ],
            "This frameshift mutation",
        ),
        # a shell noun takes back an event, not a thing
        (
            ["Loss of TP53 had a marked effect on MDM2 levels.", "This effect reduced ATP sensitivity."],
            "This effect",
        ),
        # "that other" refers to something else (its "other" is no word of the antecedent)
        (
            [
                "We found the Kir6.2-S118L mutation in two families.",
                "That other mutation reduced ATP sensitivity.",
            ],
            "That other mutation",
        ),
        # a definite description may be the first mention of its thing: "the N" is not resolved
        (
            ["We found the Kir6.2-S118L mutation in two families.", "The mutation reduced ATP sensitivity."],
            "The mutation",
        ),
    ],
)
def test_references_that_must_stay_unresolved(sentences, anaphor):
    _, refs = _paper(sentences)
    claim = _claim(refs[-1], anaphor, "ATP sensitivity")
    assert resolve_references(refs, [claim]) == [claim]


def test_an_antecedent_in_another_section_or_page_is_not_used():
    sentences = [
        "We found the Kir6.2-S118L mutation in two families.",
        "This mutation reduced ATP sensitivity.",
    ]
    _, refs = _paper(sentences, sections=["introduction", "results"])
    claim = _claim(refs[-1], "This mutation", "ATP sensitivity")
    assert resolve_references(refs, [claim]) == [claim]
    _, same_section = _paper(sentences)
    next_page = [same_section[0], SentenceRef(2, 0, len(sentences[1]), "results", sentences[1])]
    claim = _claim(next_page[-1], "This mutation", "ATP sensitivity")
    assert resolve_references(next_page, [claim]) == [claim]


def test_an_antecedent_in_another_paper_is_not_used():
    """Each paper is resolved over its own sentences: another paper's names are not among them."""
    _, named = _paper(["We found the Kir6.2-S118L mutation in two families.", "Blood was sampled."])
    _, other = _paper(["Blood was sampled.", "This mutation reduced ATP sensitivity."])
    claim = _claim(other[-1], "This mutation", "ATP sensitivity", paper="q")
    assert resolve_references(other, [claim]) == [claim]
    assert resolve_references(named, [claim]) == [claim]  # its sentence is not this paper's


def test_a_resolved_claim_is_a_claim_of_its_own():
    """Its identity is the new reading (other offsets), so it does not overwrite the unresolved one."""
    _, refs = _paper(
        ["We found the Kir6.2-S118L mutation in two families.", "This mutation reduced ATP sensitivity."]
    )
    claim = _claim(refs[-1], "This mutation", "ATP sensitivity")
    (resolved,) = resolve_references(refs, [claim])
    assert resolved.id != claim.id and resolved.id == resolved.identity()


def test_an_argument_after_its_sentence_is_not_verbatim():
    page, refs = _paper(["This mutation reduced ATP sensitivity.", "We found the Kir6.2-S118L mutation."])
    claim = _claim(refs[0], "This mutation", "ATP sensitivity")
    name = page.index("Kir6.2-S118L mutation")
    moved = claim.model_copy(
        update={"cause": "Kir6.2-S118L mutation", "cause_start": name, "cause_end": name + 21}
    )
    assert is_verbatim(claim, page) and not is_verbatim(moved, page)


def test_extraction_stores_the_claim_under_its_antecedent_with_the_stating_sentence(tmp_path):
    stating = "This mutation reduced the ATP sensitivity of the channel."
    record = {
        "id": "kir",
        "title": "A channel mutation",
        "text": f"We found the Kir6.2-S118L mutation in two families. {stating}",
    }
    path = tmp_path / "abstracts.jsonl"
    path.write_text(json.dumps(record) + "\n")
    with Workspace.open(tmp_path / "ws") as ws:
        ingest_paths(ws, [path], progress=False)
        extract_workspace(ws, *make_extractor("rules", ws.settings.extract, ws.store), progress=False)
        claims = [c for c in ws.store.claims() if c.sentence == stating]
        assert claims and all(c.cause == "Kir6.2-S118L mutation" for c in claims)
        for claim in claims:
            assert is_verbatim(claim, ws.store.page_text(claim.paper_id, claim.page))
            assert claim.cause_end <= claim.sentence_start


def test_the_export_carries_the_stating_sentence_and_where_the_name_was_written():
    page, refs = _paper(
        [
            "We found the Kir6.2-S118L mutation in two families.",
            "This mutation reduced ATP sensitivity.",
            "Glucose raised insulin secretion.",
        ]
    )
    claims = resolve_references(
        refs,
        [
            _claim(refs[1], "This mutation", "ATP sensitivity"),
            _claim(refs[2], "Glucose", "insulin secretion"),
        ],
    )
    document = json.loads(export_graph(build_knowledge_graph(claims, {"p": "Channels"}), "json"))
    items = {e["claim_id"]: e for edge in document["edges"] for e in edge["evidence"]}
    resolved, plain = items[claims[0].id], items[claims[1].id]
    assert resolved["provenance"]["text"] == refs[1].text and resolved["provenance"]["start"] == refs[1].start
    (named,) = resolved["named_at"]
    assert named["text"] == "Kir6.2-S118L mutation" == page[named["start"] : named["end"]]
    assert named["page"] == 1 and named["title"] == "Channels" and named["end"] <= refs[1].start
    assert plain["named_at"] == []
    labels = {v["id"]: v["label"] for v in document["nodes"]}
    edge = next(e for e in document["edges"] if e["evidence"][0]["claim_id"] == claims[0].id)
    assert "s118l" in labels[edge["source"]].lower()


# Pronoun arguments ("It reduced Y"): graphbuilder.pronouns


def _pronoun_claims(sentences: list[str], pronoun: str, effect: str, **paper: object) -> list[Claim]:
    """The claims of the last sentence after pronoun resolution, each checked to stay verbatim."""
    page, refs = _paper(sentences, **paper)  # type: ignore[arg-type]
    claims = resolve_pronouns(refs, [_claim(refs[-1], pronoun, effect)])
    for claim in claims:
        assert is_verbatim(claim, page)
        assert claim.sentence == refs[-1].text and claim.effect == effect
    return claims


@pytest.mark.parametrize(
    ("sentences", "pronoun", "names"),
    [
        # the subject of the sentence before, of the same number
        (
            ["Metformin lowered fasting glucose in obese adults.", "It reduced body weight."],
            "It",
            ["Metformin"],
        ),
        # through a clause of reporting
        (["We found that SIRT1 is expressed in the liver.", "It reduced body weight."], "It", ["SIRT1"]),
        # the thing named in the complement of the subject's noun
        (
            ["Overexpression of SIRT1 was achieved by transfection.", "It reduced body weight."],
            "It",
            ["Overexpression of SIRT1"],
        ),
        # a coordination: one claim per member
        (
            ["Aspirin and clopidogrel were given to the rats.", "They reduced body weight."],
            "They",
            ["Aspirin", "clopidogrel"],
        ),
        # a name in the object does not compete with the subject
        (["Metformin activates the LKB1 kinase.", "It reduced body weight."], "It", ["Metformin"]),
        # a pronoun before it passes the search on to its own antecedent
        (
            ["Metformin lowered fasting glucose.", "It reduced hepatic fat.", "It also reduced body weight."],
            "It",
            ["Metformin"],
        ),
    ],
)
def test_a_pronoun_takes_the_name_of_its_antecedent(sentences, pronoun, names):
    claims = _pronoun_claims(sentences, pronoun, "body weight")
    assert [c.cause for c in claims] == names
    assert all(c.cause_end <= c.sentence_start for c in claims)  # where the paper named it


def test_a_pronoun_may_take_back_the_subject_of_an_earlier_clause_of_its_sentence():
    page, refs = _paper(["Statins lowered cholesterol and they reduced mortality."])
    (claim,) = resolve_pronouns(refs, [_claim(refs[0], "they", "mortality")])
    assert claim.cause == "Statins" and claim.cause_start == refs[0].start and is_verbatim(claim, page)


@pytest.mark.parametrize(
    "sentences",
    [
        # number does not agree
        ["Aspirin and clopidogrel were given to the rats.", "It reduced body weight."],
        ["Metformin lowered fasting glucose.", "They reduced body weight."],
        # who was studied, the writers, and a description that names nothing itself
        ["Patients received metformin for a year.", "They reduced body weight."],
        ["We gave metformin to the rats.", "It reduced body weight."],
        ["The drug was given to obese mice.", "It reduced body weight."],
        # a rival of the same number between: the subject of another clause
        ["Metformin was given while insulin was withheld.", "It reduced body weight."],
        # no sentence before in the same section
        ["It reduced body weight."],
    ],
)
def test_a_pronoun_without_one_clear_antecedent_gives_no_claim(sentences):
    pronoun = sentences[-1].split()[0]
    assert _pronoun_claims(sentences, pronoun, "body weight") == []


def test_a_pronoun_in_another_section_or_page_is_not_resolved():
    sentences = ["Metformin lowered fasting glucose.", "It reduced body weight."]
    assert _pronoun_claims(sentences, "It", "body weight", sections=["intro", "results"]) == []
    page, refs = _paper(sentences[:1])
    _, later = _paper(sentences[1:], page=2)
    assert resolve_pronouns([*refs, *later], [_claim(later[0], "It", "body weight")]) == []


def test_a_claim_between_two_pronouns_or_of_a_thing_about_itself_is_dropped():
    _, refs = _paper(["Metformin lowered fasting glucose.", "It reduced them."])
    assert resolve_pronouns(refs, [_claim(refs[1], "It", "them")]) == []
    _, refs = _paper(["Metformin lowered fasting glucose.", "It raised Metformin clearance."])
    claim = _claim(refs[1], "It", "Metformin")
    assert resolve_pronouns(refs, [claim]) == []


def test_the_extractor_gives_a_pronoun_argument_only_to_a_reader_that_resolves_it():
    extractor = RulesExtractor()
    sentence = "It reduced hepatic glucose output."
    assert extractor.extract([sentence]) == [[]]
    (kept,) = extractor.extract([sentence], keep_references=True)
    assert [(r.cause.text, r.effect.text) for r in kept] == [("It", "hepatic glucose output")]
    # "this" alone takes back the event or proposition of the clause before, not a thing it names
    assert extractor.extract(["This reduced hepatic glucose output."], keep_references=True) == [[]]


@pytest.mark.parametrize(
    ("text", "causes"),
    [
        (
            "Metformin lowered fasting glucose in obese adults. It also reduced hepatic glucose output.",
            {"Metformin"},
        ),
        ("The drug was given to obese mice. It also reduced hepatic glucose output.", set()),
    ],
)
def test_extraction_stores_a_pronoun_claim_under_its_antecedent_or_not_at_all(tmp_path, text, causes):
    stating = "It also reduced hepatic glucose output."
    path = tmp_path / "abstracts.jsonl"
    path.write_text(json.dumps({"id": "m", "title": "Metformin and the liver", "text": text}) + "\n")
    with Workspace.open(tmp_path / "ws") as ws:
        ingest_paths(ws, [path], progress=False)
        extract_workspace(ws, *make_extractor("rules", ws.settings.extract, ws.store), progress=False)
        claims = [c for c in ws.store.claims() if c.sentence == stating]
        assert {c.cause for c in claims} == causes
        for claim in claims:
            assert is_verbatim(claim, ws.store.page_text(claim.paper_id, claim.page))


# A class word standing for a list named before ("A, B and C ... these drugs")


@pytest.mark.parametrize(
    ("first", "anaphor", "names"),
    [
        (
            "We gave aspirin, ibuprofen and naproxen to the rats.",
            "These drugs",
            ["aspirin", "ibuprofen", "naproxen"],
        ),
        # a counting quantifier the extractor leaves out of the argument, and a count that agrees
        ("Variants of BRCA1 and BRCA2 were sequenced.", "genes", ["BRCA1", "BRCA2"]),
        ("We gave aspirin and naproxen to the rats.", "These two drugs", ["aspirin", "naproxen"]),
    ],
)
def test_a_plural_class_word_stands_for_each_member_of_a_list_named_before(first, anaphor, names):
    last = f"{'Both genes' if anaphor == 'genes' else anaphor} reduced gastric blood flow."
    page, refs = _paper([first, last])
    claims = resolve_references(refs, [_claim(refs[-1], anaphor, "gastric blood flow")])
    assert [c.cause for c in claims] == names
    for claim in claims:
        assert is_verbatim(claim, page) and claim.sentence == last and claim.cause_end <= claim.sentence_start


@pytest.mark.parametrize(
    ("first", "anaphor"),
    [
        # as many members as the description counts
        ("We gave aspirin, ibuprofen and naproxen to the rats.", "These two drugs"),
        # who was studied stands for no list
        ("Aspirin and naproxen were given to the rats.", "These patients"),
        # the nearest list names no things
        ("We gave aspirin and naproxen to the men and women.", "These drugs"),
        # a mention of the head itself that says nothing stops the search
        ("We gave aspirin and naproxen with two other drugs.", "These drugs"),
    ],
)
def test_a_class_word_without_a_list_it_can_stand_for_stays_as_written(first, anaphor):
    _, refs = _paper([first, f"{anaphor} reduced gastric blood flow."])
    claim = _claim(refs[-1], anaphor, "gastric blood flow")
    assert resolve_references(refs, [claim]) == [claim]


def test_a_class_word_for_a_list_related_to_a_list_of_its_own_names_no_member():
    # "these drugs" stands for three drugs and is related to each of two outcomes: the sentence pairs
    # no drug with any one outcome, so its claims stay as written (and draw no edge)
    first = "We gave aspirin, ibuprofen and naproxen to the rats."
    last = "These drugs reduced gastric blood flow and mucosal thickness."
    _, refs = _paper([first, last])
    claims = [
        _claim(refs[-1], "These drugs", "gastric blood flow"),
        _claim(refs[-1], "These drugs", "mucosal thickness"),
    ]
    assert resolve_references(refs, claims) == claims
    # one outcome: one claim per drug, as before
    assert len(resolve_references(refs, claims[:1])) == 3
