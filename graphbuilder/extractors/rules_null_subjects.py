"""Arguments that deny or withdraw the claim they stand in.

- A quantifier of none makes the finding a null: "None of the SNPs showed an association with Y",
  "No polymorphism was associated with Y", "X caused no change in Y" report that nothing of the
  argument's kind is related, which is evidence against the edge (polarity 0), not for it.
- A method or assay that is the subject of a verb of showing is the evidence, not a cause:
  "Flow-cytometric analysis of X showed reduced Y", "Immunohistochemistry revealed increased Y".
  A claim it reports is in the verb's clausal complement ("our data showed that X reduced Y"),
  which the cue patterns read on their own.
- A research act named as a noun ("Analysis of X in patients with Y") states the topic of a study,
  not what it found: the setting it was done in is no association with what it analysed.
"""

from __future__ import annotations

from spacy.tokens import Token

from causemap.graphbuilder.extractors.rules_lexicon import CueLexicon

# Words of none heading a noun phrase ("none of the SNPs", "neither of the alleles") or
# determining its head ("no polymorphism", "neither allele").
NONE_HEADS = frozenset({"none", "nothing", "neither"})
NONE_DETERMINERS = frozenset({"no", "neither"})
# Only an argument the verb itself takes: "patients with no history of X" is a group so defined.
DENIABLE_DEPS = frozenset({"nsubj", "nsubjpass", "dobj"})


def denied_quantity(head: Token) -> bool:
    """Whether an argument the verb takes is quantified as none: "None of the SNPs showed an
    association with Y", "No polymorphism was associated with Y", "X produced no change in Y"."""
    if head.dep_ not in DENIABLE_DEPS:
        return False
    if head.lower_ in NONE_HEADS and any(c.dep_ == "prep" and c.lower_ == "of" for c in head.children):
        return True
    return any(c.dep_ == "det" and c.lower_ in NONE_DETERMINERS for c in head.children)


def partitive_wholes(head: Token) -> list[Token]:
    """The nouns a partitive of none is taken from: "None of the SNPs in X" names "the SNPs in X"
    (the quantifier is the finding's denial, no part of the variable), and "Neither of A nor B"
    both A and B (the parse may hang B on the quantifier); any other head is itself."""
    if head.lower_ not in NONE_HEADS:
        return [head]
    for prep in head.children:
        if prep.dep_ == "prep" and prep.lower_ == "of":
            for whole in prep.children:
                if whole.dep_ == "pobj":
                    return [whole, *head.conjuncts]
    return [head]


def names_technique(head: Token, lexicon: CueLexicon) -> bool:
    """Whether an argument's head is a laboratory technique ("PCR", "Western blot analysis"; the
    lexicon's ``evidence_sources``)."""
    return (
        head.text in lexicon.technique_abbreviations
        or head.lemma_.lower() in lexicon.technique_nouns
        or head.lower_ in lexicon.technique_nouns
    )


def names_research_act(noun: Token, lexicon: CueLexicon) -> bool:
    """Whether a noun, or the noun whose "of" object it is, names what the researchers did: a
    method, an analysis, a comparison ("Analysis of the X polymorphism in patients with Y",
    "Comparison of isolates in a patient with Y"). Such a phrase names the topic of a study, where
    it was done and on what; it states no finding about what it names."""
    if noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.i != noun.head.i:
        if names_research_act(noun.head.head, lexicon):
            return True
    words = lexicon.method_nouns
    return names_technique(noun, lexicon) or noun.lemma_.lower() in words or noun.lower_ in words


def is_method_subject(head: Token, lexicon: CueLexicon) -> bool:
    """Whether an argument is a method or assay that is the subject of a verb of showing: the
    evidence of what follows, never its cause ("Western blot analysis demonstrated decreased Y")."""
    if head.dep_ != "nsubj" or head.head.lemma_.lower() not in lexicon.showing_verbs:
        return False
    return (
        names_technique(head, lexicon)
        or head.lemma_.lower() in lexicon.method_nouns
        or head.lower_ in lexicon.method_nouns
    )
