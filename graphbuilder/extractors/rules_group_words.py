"""The words by which the rules tell a studied group from a variable: what defines a group
("patients with X", "mice treated with X"), where a setting begins, demographic words that only say
who was studied, and modifiers that do not define. General English and scientific-writing
vocabulary, written by hand (used by ``rules_arguments`` and the prefilter in ``rules_lexicon``)."""

from __future__ import annotations

# Modifiers that define a group by an exposure, a condition or a genotype.
GROUP_PREPS = ("with", "without")
GROUP_VERBS = frozenset(
    {
        "treat",
        "receive",
        "expose",
        "give",
        "carry",
        "harbor",
        "harbour",
        "have",
        "take",
        "use",
        "undergo",
        "lack",
        "bear",
        "develop",
        "suffer",
        "inject",
        "administer",
        "fed",
        "feed",
    }
)
# Participles of GROUP_VERBS that mostly define a group ("patients treated with X").
GROUP_PARTICIPLES = frozenset({"treated", "exposed", "given", "fed", "injected", "administered"})
# Words after a hyphen that make their first part a group's definer: "isoproterenol-treated rats",
# "IL-10-deficient mice", "HIV-infected patients", "Apoe-null mice".
HYPHEN_GROUP_WORDS = GROUP_PARTICIPLES | frozenset(
    {
        "infused",
        "infected",
        "transfected",
        "deficient",
        "null",
        "knockout",
        "lacking",
        "depleted",
        "overexpressing",
        "positive",
        "negative",
    }
)
SETTING_PREPS = frozenset({"in", "among", "amongst", "within"})
# Intransitive verbs that say their subject was there ("seizures occurred in patients receiving X").
# ("appear" is left out: "appear to" hedges.)
OCCURRENCE_VERBS = frozenset({"occur", "develop", "arise", "emerge", "recur", "predominate"})
# Verbs of what a group comes to have ("patients who developed X", "rats treated with X developed Y").
ACQUISITION_VERBS = frozenset({"develop", "acquire", "contract", "experience"})
# Adjectives that say, with a copula, that Y occurs among a group: "Y is common in patients with X".
OCCURRENCE_ADJECTIVES = frozenset({"common", "frequent", "prevalent", "present"})
# Modifiers that say only who the group is, not what defines it as exposed or affected.
DEMOGRAPHIC = frozenset(
    {
        "male",
        "female",
        "young",
        "old",
        "older",
        "elderly",
        "aged",
        "adult",
        "healthy",
        "normal",
        "human",
        "pregnant",
        "adolescent",
        "pediatric",
        "paediatric",
        "consecutive",
        "unrelated",
        "affected",
        "unaffected",
        "control",
        "wild",
        "type",
        "wild-type",
        "wildtype",
        "total",
        "all",
        "these",
        "those",
        "such",
        "both",
        "other",
        "several",
        "many",
        "most",
        "some",
        "eligible",
        "enrolled",
        "included",
        "remaining",
        "individual",
        "japanese",
        "chinese",
        "caucasian",
        "european",
        "african",
        "asian",
        "american",
        "white",
        "black",
        "hispanic",
        "korean",
        "indian",
    }
)
# Group nouns that name an age or a sex: compared, they are that variable ("men were more likely to").
DEMOGRAPHIC_NOUNS = frozenset(
    {
        "man",
        "men",
        "woman",
        "women",
        "boy",
        "girl",
        "child",
        "children",
        "adult",
        "infant",
        "adolescent",
        "male",
        "female",
        "elderly",
        "neonate",
        "newborn",
        "youth",
        "teenager",
        "girls",
        "boys",
    }
)
# Nouns before a group noun that say where or in what study it was, not what defines it.
NON_DEFINING_MODIFIERS = frozenset(
    {
        "study",
        "trial",
        "cohort",
        "clinic",
        "hospital",
        "icu",
        "outpatient",
        "inpatient",
        "community",
        "population",
        "registry",
        "placebo",
        "baseline",
        "sham",
        "vehicle",
        "test",
        "research",
        "university",
    }
)
# Group nouns whose "of" complement defines them ("users of aspirin", "carriers of the allele").
OF_GROUPS = frozenset({"user", "carrier", "consumer", "recipient", "survivor"})
# Words that count a group: "Y in all / most / many patients with X" says how often.
QUANTIFIERS = frozenset({"all", "most", "many", "some", "several", "few", "each", "every", "both"})
# Cells named by their kind: like a sample, what was measured in, when only their donor sets them apart.
CELL_NOUNS = frozenset(
    {
        "fibroblast",
        "lymphocyte",
        "leukocyte",
        "platelet",
        "erythrocyte",
        "monocyte",
        "neutrophil",
        "macrophage",
        "keratinocyte",
        "hepatocyte",
        "myocyte",
        "cardiomyocyte",
        "myoblast",
        "neuron",
    }
)
# Words by which a sample is said to come from its donor ("patient-derived cells").
DONOR_WORDS = frozenset({"derived", "derive", "isolated", "obtained"})
