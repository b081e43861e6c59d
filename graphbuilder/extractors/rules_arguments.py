"""Which noun phrase an argument really names: groups, settings and coordinated complements.

- A group is named by what defines it: in "patients with diabetes had more strokes" the argument is
  "diabetes"; in "mice treated with cisplatin lost weight", "cisplatin". A group that nothing
  defines ("patients", "male rats") is who was studied, not a variable: no argument.
- A setting is not part of the variable: "arrhythmia in a patient with malaria" names arrhythmia
  (the setting itself states an association, read by :func:`setting_matches`).
- A coordination inside a measurement names several variables: "the levels of A, B and C" is
  "the levels of A", "... B", "... C", one claim each.
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Doc, Token

from causemap.graphbuilder.extractors.rules_findings import fronted_variant_finding, names_variant, observed
from causemap.graphbuilder.extractors.rules_group_words import (
    CELL_NOUNS,
    DEMOGRAPHIC,
    DEMOGRAPHIC_NOUNS,
    DONOR_WORDS,
    GROUP_PREPS,
    GROUP_VERBS,
    HYPHEN_GROUP_WORDS,
    NON_DEFINING_MODIFIERS,
    OCCURRENCE_ADJECTIVES,
    OF_GROUPS,
    QUANTIFIERS,
    SETTING_PREPS,
)
from causemap.graphbuilder.extractors.rules_heads import children_with, resolve_relative
from causemap.graphbuilder.extractors.rules_lexicon import CueLexicon
from causemap.graphbuilder.extractors.rules_lists import frame_direction
from causemap.graphbuilder.extractors.rules_null_subjects import names_research_act

NOMINAL = frozenset({"NOUN", "PROPN"})
# Nouns whose "of" complement is the variable measured ("levels of A, B and C").
MAX_CONJUNCTS = 8


def is_population(token: Token, lexicon: CueLexicon) -> bool:
    """Whether a noun names who was studied (patients, mice, carriers) rather than a variable."""
    return token.pos_ in NOMINAL and population_word(token, lexicon)


def population_word(token: Token, lexicon: CueLexicon) -> bool:
    """Whether the word is one of the lexicon's population nouns in its population sense: some name
    a group only in the plural ("controls"; "glycemic control" is what is controlled)."""
    lemma = token.lemma_.lower()
    if lemma in lexicon.plural_populations and token.tag_ in ("NN", "NNP"):
        return False
    return lemma in lexicon.population_nouns or token.lower_ in lexicon.population_nouns


def group_definer(group: Token) -> Token | None:
    """What defines a group: "patients with X", "mice treated with X", "carriers of X"."""
    for prep in [*children_with(group, ("prep",)), *_adjacent_group_prep(group)]:
        if prep.lower_ in GROUP_PREPS or (prep.lower_ == "of" and group.lemma_.lower() in OF_GROUPS):
            objects = children_with(prep, ("pobj",))
            if objects:
                return _substance(objects[0])
    for verb in children_with(group, ("acl", "relcl", "amod")):
        if verb.lemma_.lower() not in GROUP_VERBS or verb.i < group.i:
            continue
        objects = children_with(verb, ("dobj",))
        for prep in children_with(verb, ("prep", "agent")):
            if prep.lower_ in ("with", "to", "by", "from"):
                objects += children_with(prep, ("pobj",))
        if objects:
            return _substance(objects[0])
    return None


def _adjacent_group_prep(group: Token) -> list[Token]:
    """'lower in children with asthma' parsed with "with asthma" on the adjective: a "with" right
    after a group noun, hung on a word above the group, is the group's own modifier."""
    doc = group.doc
    at = group.right_edge.i + 1
    if at >= len(doc) or doc[at].lower_ not in GROUP_PREPS or doc[at].dep_ != "prep":
        return []
    return [doc[at]] if doc[at].head in group.ancestors else []


def _substance(token: Token) -> Token:
    """'50 mg/kg of metformin': metformin, not the dose."""
    if token.like_num or token.pos_ == "NUM" or any(ch.isdigit() for ch in token.text):
        for prep in children_with(token, ("prep",)):
            if prep.lower_ == "of":
                objects = children_with(prep, ("pobj",))
                if objects:
                    return objects[0]
    return token


def defined_by_modifier(group: Token) -> bool:
    """'NASH patients', 'obese patients', 'the Dex + Ato group': the modifier names the group's condition."""
    for child in group.children:
        if child.i > group.i or child.lower_ in DEMOGRAPHIC or child.like_num:
            continue
        if child.dep_ in ("compound", "nmod") and child.pos_ in NOMINAL:
            return True
        if child.dep_ == "amod" and child.pos_ in ("ADJ", "VERB", "PROPN", "NOUN"):
            return True
    return False


def named_argument(head: Token, lexicon: CueLexicon) -> Token | None:
    """The head of the variable an argument names: a group's definer, None for a bare group.

    A counted group is the group ("up to 5% of patients": patients); a sample that only its donor
    sets apart ("the patient's cells", "patient-derived fibroblasts") is where something was
    measured, like a bare group; a group named by a noun before it ("HIV patients", "KC mice") is
    named by that noun, as "patients with HIV" is by "HIV"."""
    head = resolve_relative(head)
    counted = _counted(head)
    if is_population(counted, lexicon) and not children_with(counted, ("prep",)):
        # "up to 5% of patients": the patients; "one of the methods" stays a count, and "15% of
        # cases of the cold" the share its words name
        head = counted
    if is_sample(head, lexicon) or head.lemma_.lower() in CELL_NOUNS:
        if donor_sample(head, lexicon):
            return None
        if not is_sample(head, lexicon):
            return head
        # "T98G cells treated with X": a sample, like a group, is named by what defines it
        definer = group_definer(head)
        return definer if definer is not None and not is_population(definer, lexicon) else head
    if not is_population(head, lexicon):
        return head
    definer = group_definer(head) or _naming_modifier(head, lexicon)
    if definer is not None and not is_population(definer, lexicon):
        return definer
    return head if defined_by_modifier(head) and not _named_by_who(head, lexicon) else None


def _named_by_who(group: Token, lexicon: CueLexicon) -> bool:
    """'our patient cohort', 'control subjects': words before the group that say only who or
    which study it is set apart nothing, like a bare group."""
    words = [c for c in group.children if c.i < group.i and c.dep_ in ("compound", "nmod", "amod")]
    return all(population_word(w, lexicon) or w.lemma_.lower() in NON_DEFINING_MODIFIERS for w in words)


def donor_sample(head: Token, lexicon: CueLexicon) -> bool:
    """Whether only the donor sets a sample apart: "the patient's cells", "patient-derived
    fibroblasts", "cells from the patient" say where something was measured, not what varied
    (a named line, "HeLa cells", or a kind, "CD4 cells", does name something)."""
    donor = False
    for child in head.children:
        if child.dep_ == "det" or child.i > head.i and child.dep_ != "prep":
            continue
        if child.dep_ == "poss" and is_population(child, lexicon):
            donor = True  # "the patient's cells"
        elif child.dep_ == "prep" and child.lower_ == "from" and child.i > head.i:
            objects = children_with(child, ("pobj",))
            donor = donor or bool(objects) and is_population(objects[0], lexicon)
        elif child.i < head.i and child.lemma_.lower() in DONOR_WORDS:
            doc = head.doc
            # "patient-derived": the population before the hyphen
            donor = child.i >= 2 and doc[child.i - 1].text == "-" and is_population(doc[child.i - 2], lexicon)
            if not donor:
                return False
        elif child.i < head.i and child.dep_ in ("compound", "nmod", "amod") and child.pos_ != "PUNCT":
            if not (child.i + 1 < len(head.doc) and head.doc[child.i + 1].text == "-"):
                return False  # "HeLa cells", "CD4 cells": a line or kind named
    return donor


def compared_group(head: Token) -> Token | None:
    """A group compared with others is a variable when something names what sets it apart: a
    modifier ("older adults", "male rats") or a noun of age or sex ("men", "children"). "Patients
    had higher rates of Y" or "the patient showed elevated Y" compares nothing."""
    if any(c.dep_ in ("amod", "compound", "nmod") and c.i < head.i for c in head.children):
        return head
    if any(c.dep_ in ("relcl", "acl") and c.i > head.i for c in head.children):
        return head  # "patients who are super obese", "patients in whom X was not given"
    return head if head.lemma_.lower() in DEMOGRAPHIC_NOUNS or head.lower_ in DEMOGRAPHIC_NOUNS else None


def setting_children(head: Token, lexicon: CueLexicon) -> set[int]:
    """Token indices of a head's setting phrases ("in patients with X", "among older adults")."""
    out: set[int] = set()
    for prep in children_with(head, ("prep",)):
        if prep.lower_ not in SETTING_PREPS or prep.i < head.i:
            continue
        objects = children_with(prep, ("pobj",))
        if objects and (is_population(objects[0], lexicon) or is_sample(objects[0], lexicon)):
            out.update(t.i for t in prep.subtree)  # "in patients with X", "in HepG2 cells"
    return out


def is_sample(token: Token, lexicon: CueLexicon) -> bool:
    """Whether a noun names what was studied as a sample (cells, a cell line, slices, a model)."""
    return token.pos_ in NOMINAL and token.lemma_.lower() in lexicon.genotype_sample_heads


def complement_conjuncts(head: Token, lexicon: CueLexicon, depth: int = 0) -> list[Token]:
    """The coordinated complements of a measurement noun ("the levels of A, B and C": A, B, C).

    Only for nouns of measure or change (the lexicon's ``measure_heads``), whose complement is the
    variable; through a chain of them ("a reduction in the levels of A and B": A, B).
    """
    if head.lemma_.lower() not in lexicon.measure_heads and head.lower_ not in lexicon.measure_heads:
        return []
    for prep in children_with(head, ("prep",)):
        if prep.lower_ not in ("of", "in") or prep.i < head.i:
            continue
        objects = children_with(prep, ("pobj",))
        if not objects:
            return []
        first = objects[0]
        conjuncts = [c for c in first.conjuncts if c.i > first.i and c.pos_ in NOMINAL]
        if conjuncts and len(conjuncts) < MAX_CONJUNCTS:
            return [first, *conjuncts]
        if depth < 2:
            return complement_conjuncts(first, lexicon, depth + 1)
    return []


def complement_direction(head: Token, first: Token, lexicon: CueLexicon) -> int:
    """The direction the frame of a measurement gives its bare complements: the words between the
    phrase's start and its first complement ("reduced levels of A": -1)."""
    return frame_direction(head.doc[head.left_edge.i : first.i], lexicon)


def setting_matches(doc: Doc, lexicon: CueLexicon) -> Iterator[tuple[Token, Token, Token, Token]]:
    """ "Y in patients with X": (prep, group, X, Y) for each outcome noun Y found in a group defined by X.

    Y must be a noun with content (not a group, not a measurement word on its own) and X must not be
    a group itself.
    """
    for prep in doc:
        if prep.dep_ != "prep" or prep.lower_ not in SETTING_PREPS:
            continue
        outcome = prep.head
        if outcome.pos_ == "ADJ" or outcome.lemma_ == "be":
            outcome = _occurring(outcome)  # "Y is common in patients with X"
            if outcome is None:
                continue
        if outcome.pos_ in ("VERB", "AUX"):
            outcome = observed(outcome, lexicon)  # "Y occurred / was found in patients with X"
            if outcome is None:
                continue
        if outcome.pos_ not in NOMINAL or is_population(outcome, lexicon):
            continue
        if outcome.i > prep.i and not fronted_variant_finding(prep, outcome, lexicon):
            continue  # "In patients with X, we found mutations in Z" only: a setting set before a variant
        if outcome.lemma_.lower() in lexicon.vague_arguments or names_research_act(outcome, lexicon):
            continue  # "Analysis of X in patients with Y": a study's topic, no finding
        written = children_with(prep, ("pobj",))
        objects = [_counted(o) for o in written]
        if not objects:
            continue
        group = objects[0]
        if is_population(group, lexicon):
            definer = group_definer(group) or _condition_modifier(group, lexicon)
        else:
            # "Y in TAK1-deficient chondrocytes": what a hyphen says was done to or lacks in the
            # cells or tissue makes them a studied group too
            definer = _hyphen_definer(group, lexicon) if group.pos_ in NOMINAL else None
        if definer is None or is_population(definer, lexicon) or not _nominal(definer):
            continue
        exposed = definer.head.pos_ == "VERB" or definer.head.head.pos_ == "VERB"  # "patients receiving X"
        variant = names_variant(outcome, lexicon)  # "mutations found in 7 patients with Y"
        if not exposed and not variant and (group.i != written[0].i or _quantified(group)):
            # "Y in 30% of / in all patients with X": how often Y is among those with X (a
            # prevalence), no association; an event in those given X is still read as following it
            continue
        if any(c.dep_ == "prep" and c.lower_ == "without" for c in group.children):
            continue
        yield prep, group, definer, outcome


def _nominal(token: Token) -> bool:
    """A noun, or a name the tagger took for a number ("IL-10"), or the object of a preposition the
    tagger took for an adjective ("with cardiomyopathy": an adjective is no object of "with")."""
    if token.pos_ == "ADJ":
        return token.dep_ == "pobj" and not any(c.dep_ in ("det", "amod") for c in token.children)
    return token.pos_ in NOMINAL or (token.pos_ == "NUM" and any(ch.isalpha() for ch in token.text))


def _hyphen_definer(group: Token, lexicon: CueLexicon) -> Token | None:
    """The first part of a hyphenated modifier of exposure or genotype: "isoproterenol" of
    "isoproterenol-treated rats", "IL-10" of "IL-10-deficient mice"."""
    doc = group.doc
    for child in group.children:
        if (
            child.dep_ in ("amod", "compound")
            and child.i < group.i
            and child.lower_ in HYPHEN_GROUP_WORDS
            and child.i >= 2
            and doc[child.i - 1].text == "-"
            and not doc[child.i - 2].whitespace_
            and (_nominal(doc[child.i - 2]) or doc[child.i - 2].pos_ == "ADJ")
            and not is_population(doc[child.i - 2], lexicon)
        ):
            return doc[child.i - 2]
    return None


def _condition_modifier(group: Token, lexicon: CueLexicon) -> Token | None:
    """'Y in HIV patients', 'Y among statin users': a noun before the group names what defines it
    (not who: "control subjects", "study patients"); so does the first part of a hyphenated
    modifier of exposure or genotype ("Y in isoproterenol-treated rats", "in IL-10-deficient mice")."""
    hyphenated = _hyphen_definer(group, lexicon)
    if hyphenated is not None:
        return hyphenated
    for child in group.children:
        if (
            child.dep_ in ("compound", "nmod")
            and child.i < group.i
            and child.pos_ in NOMINAL
            and child.lower_ not in DEMOGRAPHIC
            and child.lemma_.lower() not in lexicon.vague_arguments
            and child.lemma_.lower() not in NON_DEFINING_MODIFIERS
            and not is_population(child, lexicon)
        ):
            return child
    return None


def _naming_modifier(group: Token, lexicon: CueLexicon) -> Token | None:
    """What names a group written before it, when one word does: "HIV patients", "KC mice",
    "isoproterenol-treated rats". A name of several words ("CYP2C19 variant allele carriers")
    keeps its group noun: one of its words alone would cut the name."""
    modifier = _condition_modifier(group, lexicon)
    if modifier is None or modifier.i + 1 < group.i and group.doc[modifier.i + 1].text == "-":
        return modifier  # none, or a hyphenated exposure ("X-treated rats")
    words = [c for c in group.children if c.i < group.i and c.dep_ in ("compound", "nmod", "amod")]
    return modifier if words == [modifier] and not list(modifier.children) else None


# Degree words that make an occurrence adjective compare groups ("more common in A than in B").
COMPARING = frozenset({"more", "less", "most", "least", "as", "equally", "similarly", "so"})


def _occurring(word: Token) -> Token | None:
    """The subject of a copula whose complement says it occurs: "Y" of "Y was common / present in
    ...", the place on the adjective or on the copula. None for a comparison ("more common in ...
    than in ..."), read by the comparison patterns, and for a denied one ("Y was not present in ...")."""
    if word.lemma_ == "be":
        word = next((c for c in word.children if c.dep_ == "acomp"), word)
    adjective = word
    if adjective.lower_ not in OCCURRENCE_ADJECTIVES or adjective.dep_ != "acomp":
        return None
    if any(c.dep_ == "neg" or c.lower_ in COMPARING for c in adjective.children) or any(
        c.dep_ == "neg" for c in adjective.head.children
    ):
        return None
    subjects = children_with(adjective.head, ("nsubj",))
    return subjects[0] if subjects else None


def _quantified(group: Token) -> bool:
    """'1,023 patients', 'all four families', 'most patients': a group counted or quantified."""
    return any(
        c.i < group.i and (c.dep_ == "nummod" or (c.dep_ in ("det", "amod") and c.lower_ in QUANTIFIERS))
        for c in group.children
    )


def _counted(token: Token) -> Token:
    """'in 12 of 40 patients', 'in 30% of patients': the group counted, not the count."""
    if token.like_num or token.lower_ in (
        "%",
        "percent",
        "proportion",
        "half",
        "third",
        "majority",
        "minority",
    ):
        for prep in children_with(token, ("prep",)):
            if prep.lower_ == "of" and (objects := children_with(prep, ("pobj",))):
                return objects[0]
    return token
