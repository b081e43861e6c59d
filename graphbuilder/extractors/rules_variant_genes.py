"""The gene a variant argument names: a second reading of the argument, the gene alone.

Genetics papers name a variable at two levels in one phrase: "the -930A>G polymorphism of the CYBA
gene", "a novel p.R229G mutation in the FRMD7 gene", "the GSTP1 Ile105Val polymorphism". A claim about
the variant ("... was associated with coronary disease") is also a claim about its gene, at the level a
reader of the graph asks about ("is CYBA related to coronary disease?"). The variant and the gene stay two
variables (two variants of one gene may act apart, so the variant is no alias of its gene): the claim
is stated once more with the gene's name as its argument, unsigned (:func:`with_gene_claims`).

The gene is read from the phrase's syntax, never from a list of names:

- the complement of "in", "of" or "within" on a variant noun ("the p.R229G mutation in the FRMD7 gene",
  "the rs1042522 variant of TP53"), one claim per gene of a list ("mutations in the BRCA1 and BRCA2
  genes"); a complement is a gene when it is written as a name (capitals or digits inside the word:
  "FRMD7", "caveolin-1"), or, before "gene" in a list, by any premodifier;
- a name premodifying a variant noun before a variant's code ("the GSTP1 Ile105Val polymorphism").

A second reading is given only when the phrase names more than the gene: a variant written as a code
("p.R229G", "-930A>G", "rs1042522", "Ile105Val"), or several genes in a list. "Mutations in SCN1A"
already names SCN1A alone, and a second reading would only state the claim twice.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import replace

from spacy.tokens import Doc, Span, Token

from causemap.graphbuilder.extractors.base import ExtractedRelation
from causemap.graphbuilder.extractors.rules_lexicon import CueLexicon
from causemap.graphbuilder.extractors.rules_mentions import mention
from causemap.graphbuilder.extractors.rules_variants import GENOMIC_PLACES, VARIANT_CODE

GENE_PREPS = frozenset({"in", "of", "within"})
# Codes the variant patterns of rules_variants leave out: SNP identifiers and amino-acid changes
# written with three-letter codes ("Ile105Val", "Pro12Ala", "Arg72Pro"), or as "Ile/Val".
_AMINO_ACIDS = "Ala|Arg|Asn|Asp|Cys|Gln|Glu|Gly|His|Ile|Leu|Lys|Met|Phe|Pro|Ser|Thr|Trp|Tyr|Val|Ter"
_MORE_CODES = re.compile(
    rf"^(?:rs\d+|(?:{_AMINO_ACIDS})\d+(?:{_AMINO_ACIDS}|X|\*)|(?:{_AMINO_ACIDS})/(?:{_AMINO_ACIDS}))$"
)
# Words that end a run of premodifiers: what stands before them is no part of the variant's name.
_PHRASE_BREAKS = frozenset({"DET", "VERB", "AUX", "ADP", "PRON", "SCONJ"})
# What may stand before a gene's name inside its phrase without being part of it.
_LEADING_POS = frozenset({"DET", "ADJ", "NUM", "PUNCT", "CCONJ"})


def is_variant_code_text(word: str) -> bool:
    """A variant written in notation: "c.310G>T", "R124C", "rs1042522", "Ile105Val"."""
    return bool(VARIANT_CODE.match(word) or _MORE_CODES.match(word))


def with_gene_claims(
    relations: Iterable[ExtractedRelation], doc: Doc, lexicon: CueLexicon
) -> Iterator[ExtractedRelation]:
    """Each claim, then the same claim for each gene its variant argument names. The gene's claim is
    unsigned: a variant's effect does not say which way its gene acts (a loss-of-function mutation
    that causes a disease says the gene protects from it); a null stays a null."""
    for relation in relations:
        yield relation
        for side in ("cause", "effect"):
            argument = getattr(relation, side)
            span = doc.char_span(argument.start, argument.end, alignment_mode="expand")
            if span is None or not len(span):
                continue
            # "the glutathione S-transferase omega (GSTO1) Ala140Asp polymorphism": the parse may
            # hang the phrase on a word of the name; the phrase's last word is its head noun
            head = span.root if _is_variant_noun(span.root, lexicon.variant_nouns) else span[-1]
            nouns = lexicon.variant_nouns
            for gene in _genes(list(span), head, nouns) or _apposed_genes(span, nouns):
                polarity = "0" if relation.polarity == "0" else None
                yield replace(relation, polarity=polarity, **{side: mention(gene)})


def _apposed_genes(span: Span, variant_nouns: frozenset[str]) -> list[list[Token]]:
    """The genes of a variant named by its code in apposition, the argument read as the code alone:
    "a novel mutation (R75W) in GJB2", "a GJB2 mutation, R75W, ...", "the mutations R75W and G12V in
    GJB2" name GJB2 on the variant noun the code stands beside."""
    code = span.root
    if not _in_code(code):
        return []
    named = code
    while named.dep_ == "conj" and named.head.i < named.i:
        named = named.head  # "the mutations R75W and G12V": G12V joins the first code
    noun = named.head
    if named.dep_ != "appos" or not _is_variant_noun(noun, variant_nouns):
        return []
    inside = {t.i for t in noun.subtree} - {t.i for t in named.subtree}
    return _variant_genes(noun, inside, True, variant_nouns) or [g for g in [_name_before(noun)] if g]


def _name_before(noun: Token) -> list[Token] | None:
    """ "a novel GJB2 mutation": the names written right before the variant noun."""
    at = noun.i
    while at > 0 and _name_like(noun.doc[at - 1]) and not _in_code(noun.doc[at - 1]):
        at -= 1
    return list(noun.doc[at : noun.i]) or None


def _genes(tokens: list[Token], head: Token, variant_nouns: frozenset[str]) -> list[list[Token]]:
    if not _is_variant_noun(head, variant_nouns):
        return []
    inside = {t.i for t in tokens}
    coded = any(_in_code(t) for t in tokens)
    return _variant_genes(head, inside, coded, variant_nouns)


def _variant_genes(
    head: Token, inside: set[int], coded: bool, variant_nouns: frozenset[str]
) -> list[list[Token]]:
    genes: list[list[Token]] = []
    if any(_name_like(t) and not _in_code(t) for t in head.doc[min(inside) : head.i]):
        # "GJB2 variants in Kenya": the gene is named before the variant noun; its "in" is a place
        return [g for g in [_premodifying_gene(head, inside)] if g] if coded else []
    for prep in head.children:
        if prep.dep_ != "prep" or prep.lower_ not in GENE_PREPS or prep.i not in inside:
            continue
        for obj in prep.children:
            if obj.dep_ == "pobj" and obj.i in inside:
                members = [obj, *(c for c in obj.conjuncts if c.i in inside)]
                if _is_variant_noun(obj, variant_nouns):  # "the G/C genotype of the G135C polymorphism of X"
                    genes.extend(_variant_genes(obj, inside, coded, variant_nouns))
                    continue
                names = [n for m in members for n in _gene_names(m, inside, len(members) > 1)]
                if coded or len(names) > 1:
                    genes.extend(names)
    if coded and not genes:
        genes.extend(g for g in [_premodifying_gene(head, inside)] if g)
    return genes


def _is_variant_noun(head: Token, variant_nouns: frozenset[str]) -> bool:
    return head.lemma_.lower() in variant_nouns or head.lower_ in variant_nouns


def _in_code(token: Token) -> bool:
    """Whether the token is part of a variant's code: the tokenizer cuts "p.R229G" and "-930A>G"
    into pieces, so the code is read in the whole word around the token."""
    text = token.doc.text
    start, end = token.idx, token.idx + len(token.text)
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    while end < len(text) and not text[end].isspace():
        end += 1
    word = text[start:end].strip("()[],;:")
    return is_variant_code_text(word)


def _gene_names(noun: Token, inside: set[int], listed: bool) -> list[list[Token]]:
    """The names of the genes a complement names: "the FRMD7 gene" -> "FRMD7", "the tumour suppressor
    gene MEN1" -> "MEN1", "the BRCA1 and BRCA2 genes" -> both, "renin (REN)" -> "renin", "exon 3" ->
    none (a place, no gene). Before "gene" a word written as a name names it; in a list any
    premodifier does, since the list tells its genes apart by their names."""
    lemma = noun.lemma_.lower()
    if lemma == "gene":
        named = [c for c in noun.children if c.dep_ == "appos" and c.i in inside and c.i > noun.i]
        if named:
            return [g for g in [_phrase(named[0], inside, stop=None)] if g]
        premodifiers = [c for c in noun.children if c.dep_ in ("compound", "nmod", "amod") and c.i < noun.i]
        if not premodifiers:
            return []
        last = premodifiers[-1]
        conjuncts = [c for c in last.conjuncts if c.i in inside]
        if conjuncts:  # "the BRCA1 and BRCA2 genes": each premodifier names a gene
            return [[t] for t in sorted([last, *conjuncts], key=lambda t: t.i)]
        if not (listed or any(_name_like(c) or c.pos_ == "PROPN" for c in premodifiers)):
            return []  # "the tumour suppressor gene": a kind of gene, no name
        first = min(c.left_edge.i for c in premodifiers)
        return [g for g in [_trimmed([t for t in noun.doc[first : noun.i] if t.i in inside])] if g]
    if lemma in GENOMIC_PLACES or noun.pos_ not in ("NOUN", "PROPN") or noun.like_num or _in_code(noun):
        return []  # "mutations of R123W": a variant, no gene
    if not _name_like(noun):
        return []  # "a variant in linkage disequilibrium with ...", "alterations of sensitivity": no name
    return [g for g in [_phrase(noun, inside, stop="(")] if g]


def _phrase(noun: Token, inside: set[int], stop: str | None) -> list[Token] | None:
    """The noun with its premodifiers (to the left), inside the argument."""
    start = min([noun.i, *(c.left_edge.i for c in noun.children if c.i < noun.i and c.dep_ != "det")])
    tokens = [t for t in noun.doc[start : noun.i + 1] if t.i in inside and t.text != stop]
    return _trimmed(tokens)


def _premodifying_gene(head: Token, inside: set[int]) -> list[Token] | None:
    """ "the GSTP1 Ile105Val polymorphism", "the CASP8 -652 6N del variant": the words before the
    variant's code that premodify the variant noun, when they hold a name."""
    words = [head.doc[i] for i in sorted(inside) if i < head.i]  # the argument's, whatever the parse
    code_at = next((k for k, t in enumerate(words) if _in_code(t)), None)
    if code_at is None:
        return None
    before = words[:code_at]
    # only the premodifiers next to the code: "OGT bearing the p.R284P mutation" names the protein
    # that bears the variant by a clause, not as the variant's gene
    # (a name the tagger took for a pronoun or verb, "caveolin-1", breaks nothing)
    breaks = [k for k, t in enumerate(before) if t.pos_ in _PHRASE_BREAKS and not _name_like(t)]
    before = _abbreviated(before[breaks[-1] + 1 :] if breaks else before)
    if not before or not any(_name_like(t) for t in before):
        return None
    if before[-1].lower_ == "gene":
        before = _trimmed(before[:-1])  # "the PI3-kinase gene Met326Ile polymorphism"
    return before or None


def _abbreviated(tokens: list[Token] | None) -> list[Token] | None:
    """A name written out and then abbreviated in brackets ("X-ray repair cross-complementing (XRCC1)")
    is named by its abbreviation, the words the argument's start cannot cut."""
    if not tokens or tokens[-1].text != ")":
        return _trimmed(tokens) if tokens else None
    opening = [k for k, t in enumerate(tokens) if t.text == "("]
    return _trimmed(tokens[opening[-1] + 1 : -1]) if opening else _trimmed(tokens[:-1])


def _trimmed(tokens: list[Token]) -> list[Token] | None:
    while tokens and (tokens[0].pos_ in _LEADING_POS or tokens[0].is_stop) and not _name_like(tokens[0]):
        tokens = tokens[1:]
    while tokens and (tokens[-1].is_punct or tokens[-1].lower_ == "gene"):
        tokens = tokens[:-1]
    return tokens or None


def _name_like(token: Token) -> bool:
    """A word written as a gene's or product's name: capitals or digits after its first letter
    ("FRMD7", "GSTP1", "p53", "alpha-B"), not a common word ("novel", "common")."""
    text = token.text
    return any(ch.isalpha() for ch in text) and (
        any(ch.isdigit() for ch in text) or any(ch.isupper() for ch in text[1:])
    )
