"""The gene a variant argument names gets a claim of its own, unsigned ("the c.1234C>T mutation in the
KCNQ2 gene causes seizures": KCNQ2 -> seizures beside the variant's claim); a phrase that names only
its gene, a place or a population gives no second claim. Invented sentences, the real spaCy pipeline."""

from __future__ import annotations

import pytest
from rules_readings import relation_readings as claims

from causemap.graphbuilder.extractors.base import extract_candidates


@pytest.mark.parametrize(
    ("sentence", "variant", "gene", "effect", "relation"),
    [
        # the complement of "in" / "of" on a variant noun
        (
            "The c.1234C>T mutation in the KCNQ2 gene causes neonatal seizures.",
            "The c.1234C>T mutation in the KCNQ2 gene",
            "KCNQ2",
            "neonatal seizures",
            "causal",
        ),
        (
            "Carriers of the Pro12Ala variant of PPARG had a reduced risk of type 2 diabetes.",
            "the Pro12Ala variant of PPARG",
            "PPARG",
            "risk of type 2 diabetes",
            "correlational",
        ),
        # a name premodifying the variant noun before the variant's code
        (
            "The APOE rs429358 polymorphism was associated with cognitive decline.",
            "The APOE rs429358 polymorphism",
            "APOE",
            "cognitive decline",
            "correlational",
        ),
        # a name written out and abbreviated in brackets is named by its abbreviation
        (
            "The glutathione S-transferase omega (GSTO1) Ala140Asp polymorphism raised the risk of asthma.",
            "The glutathione S-transferase omega (GSTO1) Ala140Asp polymorphism",
            "GSTO1",
            "the risk of asthma",
            "causal",
        ),
    ],
)
def test_a_variant_argument_also_gives_its_gene_an_unsigned_claim(
    extractor, sentence, variant, gene, effect, relation
):
    found = claims(extractor, sentence)
    assert (variant, effect) in found  # the variant's own claim stays
    # a variant's effect does not say which way its gene acts: the gene's claim has no sign
    assert found[(gene, effect)] == (relation, None)


def test_each_gene_of_a_list_in_the_complement_gets_a_claim(extractor):
    found = claims(extractor, "Mutations in the PKD1 and PKD2 genes cause polycystic kidney disease.")
    assert ("PKD1", "polycystic kidney disease") in found
    assert ("PKD2", "polycystic kidney disease") in found


def test_a_null_finding_about_a_variant_is_a_null_about_its_gene(extractor):
    found = claims(extractor, "The MTHFR rs1801133 polymorphism was not associated with stroke.")
    assert found[("MTHFR", "stroke")][1] == "0"


@pytest.mark.parametrize(
    "sentence",
    [
        # the phrase names its gene alone: a second claim would only say the same twice
        "Mutations in LMNA were associated with cardiomyopathy.",
        # places, genomic sites and a protein that bears the variant by a clause are no genes
        "MTHFR variants in Japan and Korea were associated with stroke.",
        "Mutations in exon 5 cause deafness.",
        "Recombinant OGT bearing the p.Arg284Pro mutation was prone to unfolding.",
        "A variant in linkage disequilibrium with the Lys198Asn polymorphism was linked to hypertension.",
    ],
)
def test_no_second_claim_without_a_variant_and_a_gene_named_apart(extractor, sentence):
    found = claims(extractor, sentence)
    assert len(found) == 1, found


def test_the_gene_claim_passes_verification(extractor):
    sentence = "The c.1234C>T mutation in the KCNQ2 gene causes neonatal seizures."
    found, _ = extract_candidates(extractor, extractor, [sentence])
    assert ("KCNQ2", "neonatal seizures") in {(c.cause.text, c.effect.text) for c in found[0]}


def test_a_gene_name_the_tagger_misreads_still_names_the_gene(extractor):
    # "caveolin-1"-like names with a digit after a hyphen are tagged as pronouns or numbers
    found = claims(extractor, "Smad signaling was higher in patients with the caveolin-1 c.474delA mutation.")
    genes = {cause for cause, _ in found} | {effect for _, effect in found}
    assert "caveolin-1" in genes, found
