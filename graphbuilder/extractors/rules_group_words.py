"""The words by which the rules tell a studied group from a variable: what defines a group
("patients with X", "mice treated with X"), where a setting begins, demographic words that only say
who was studied, and modifiers that do not define (used by ``rules_arguments`` and the prefilter,
``rules_prefilter``).

The word lists are data, in the ``group_words`` table of ``resources/causal_cues.json`` (see it for
what each list means); only the closed classes (prepositions, quantifiers) are written here. The
tables are read once, through ``rules_lexicon.load_lexicon_data``.
"""

from __future__ import annotations

from causemap.graphbuilder.extractors.rules_lexicon import load_lexicon_data

_WORDS = load_lexicon_data()["group_words"]

# Modifiers that define a group by an exposure, a condition or a genotype.
GROUP_PREPS = ("with", "without")
GROUP_VERBS = frozenset(_WORDS["verbs"])
# Participles of GROUP_VERBS that mostly define a group ("patients treated with X").
GROUP_PARTICIPLES = frozenset(_WORDS["participles"])
# Words after a hyphen that make their first part a group's definer ("IL-10-deficient mice").
HYPHEN_GROUP_WORDS = GROUP_PARTICIPLES | frozenset(_WORDS["hyphen_words"])
SETTING_PREPS = frozenset({"in", "among", "amongst", "within"})
OCCURRENCE_VERBS = frozenset(_WORDS["occurrence_verbs"])  # "seizures occurred in patients ..."
ACQUISITION_VERBS = frozenset(_WORDS["acquisition_verbs"])  # "patients who developed X"
OCCURRENCE_ADJECTIVES = frozenset(_WORDS["occurrence_adjectives"])  # "Y is common in patients with X"
DEMOGRAPHIC = frozenset(_WORDS["demographic"])  # who the group is, not what defines it
DEMOGRAPHIC_NOUNS = frozenset(_WORDS["demographic_nouns"])  # an age or a sex ("men", "children")
NON_DEFINING_MODIFIERS = frozenset(_WORDS["non_defining_modifiers"])  # "study patients", "ICU patients"
OF_GROUPS = frozenset(_WORDS["of_groups"])  # "users of aspirin"
# Words that count a group: "Y in all / most / many patients with X" says how often.
QUANTIFIERS = frozenset({"all", "most", "many", "some", "several", "few", "each", "every", "both"})
CELL_NOUNS = frozenset(_WORDS["cell_nouns"])  # cells named by their kind, set apart by their donor
DONOR_WORDS = frozenset(_WORDS["donor_words"])  # "patient-derived cells"
