"""A variant and what it is at the protein level: no claim.

Genetics papers write one variant in two notations, linked by a verb of consequence: "c.310G>T
results in a change from glutamic acid to a stop codon", "the G1681A mutation led to an Ala467Thr
substitution", "a C-to-G transition causing a substitution of alanine for proline". The amino-acid
substitution, the frameshift or the premature stop codon is the same event as the nucleotide change,
read through the genetic code, not a second variable it brings about. (What the changed protein then
does, "the mutation impairs splicing" or "causes deafness", is a claim and stays one.)
"""

from __future__ import annotations

import re

from spacy.tokens import Token

from causemap.graphbuilder.extractors.rules_span_completions import change_of_states

# Heads of a protein-level description of a variant.
PROTEIN_CHANGE_HEADS = frozenset({"substitution", "replacement", "frameshift", "frame-shift"})
STOP_MODIFIERS = frozenset({"stop", "termination", "nonsense"})
# Nucleotide changes besides the lexicon's variant nouns.
NUCLEOTIDE_CHANGE_NOUNS = frozenset({"transition", "transversion", "change", "alteration"})
# Where in a genome something lies: a gene names where its variants are, not a cause of them.
GENOMIC_PLACES = frozenset({"gene", "locus", "exon", "intron", "codon", "position", "promoter"})
# A variant written in notation: "c.310G>T", "g.3455_3460del", "G1681A", "R124C", "1359 G/A".
VARIANT_CODE = re.compile(r"^(?:[cgp]\.\S+|\S*\d\S*(?:>|del|ins|dup)\S*|[ACGT]\d+[ACGT]|[A-Z]\d+[A-Z*X])$")


def _protein_change(head: Token) -> bool:
    lemma = head.lemma_.lower()
    if lemma in PROTEIN_CHANGE_HEADS or head.lower_ in PROTEIN_CHANGE_HEADS:
        return True
    if any(c.dep_ == "compound" and c.lower_ in PROTEIN_CHANGE_HEADS for c in head.children if c.i < head.i):
        return True  # "the substitution p.R962T", parsed with the code's last piece as the head
    if lemma == "codon":  # "a premature stop codon"
        return any(c.lower_ in STOP_MODIFIERS for c in head.children if c.i < head.i)
    if lemma == "change":  # "a change from glutamic acid to a stop codon" ("to" may hang elsewhere)
        preps = {c.lower_ for c in head.children if c.dep_ == "prep"}
        return "from" in preps
    return False


def _variant(head: Token, variant_nouns: frozenset[str]) -> bool:
    lemma = head.lemma_.lower()
    if lemma in variant_nouns or lemma in NUCLEOTIDE_CHANGE_NOUNS or change_of_states(head) is not None:
        return True  # "a C to T conversion" (headed by "C"): a change of a residue
    return any(VARIANT_CODE.match(t.text) for t in head.subtree if t.i <= head.i or t.dep_ == "appos")


def _described_by(token: Token, test) -> bool:
    """The token, or the noun it names in apposition ("the mutation, C417T", "amino acid substitution
    (R124C)"), passes ``test``."""
    return test(token) or (token.dep_ == "appos" and test(token.head))


def _amino_acid_pair(head: Token) -> bool:
    """ "a threonine to alanine substitution" parsed as "threonine [to alanine substitution]", or with
    the "to" hung elsewhere."""
    if (change := change_of_states(head)) is not None and _protein_change(change):
        return True
    return any(
        c.dep_ == "prep"
        and c.lower_ == "to"
        and any(o.dep_ == "pobj" and _protein_change(o) for o in c.children)
        for c in head.children
    )


def restates_variant(cause: Token, effect: Token, variant_nouns: frozenset[str]) -> bool:
    """Whether the claim only says what a variant (``cause``) is at the protein level (``effect``),
    or where in the genome a variant lies: "the PSA gene contains a G/A substitution", "a mutation in
    exon 17 of the POLG locus that led to a Glu873Stop mutation" (the relative hung on the locus)."""
    protein = _described_by(effect, _protein_change) or _amino_acid_pair(effect)
    if protein and _described_by(cause, lambda t: _variant(t, variant_nouns)):
        return True
    site = protein or _described_by(effect, lambda t: _variant(t, variant_nouns) or _site(t))
    return site and cause.lemma_.lower() in GENOMIC_PLACES


def _site(head: Token) -> bool:
    """A place in a sequence named by its number: "codon 435", "position 1359"."""
    return head.lemma_.lower() in GENOMIC_PLACES and any(c.like_num for c in head.children)
