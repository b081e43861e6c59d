"""Spreads within one group, which relate nothing: "Y varied among patients with X" says that Y
differed from one patient to another, all of whom had X; a difference between groups ("Y differed
between smokers and non-smokers", "Y varied by sex", "across the three groups") is an association
of what sets the groups apart with Y."""

from __future__ import annotations

from spacy.tokens import Token

from causemap.graphbuilder.extractors.rules_arguments import group_definer, is_population
from causemap.graphbuilder.extractors.rules_heads import preposition_objects
from causemap.graphbuilder.extractors.rules_lexicon import CueLexicon

# Prepositions that range over the members of one group; "between" and "by" set groups apart.
WITHIN_PREPS = frozenset({"among", "amongst", "across", "within"})


def spread_within_group(group: Token, lexicon: CueLexicon) -> bool:
    """Whether a difference verb's group is one population ranged over ("varied among patients
    with X"), not groups compared: no coordination ("among patients with X and controls"), no
    number of groups, and one thing that defines it."""
    if group.head.lower_ not in WITHIN_PREPS or not is_population(group, lexicon):
        return False
    if group.conjuncts or any(c.dep_ == "nummod" for c in group.children):
        return False
    definer = group_definer(group)
    return definer is not None and not definer.conjuncts


def states_spread(cue: Token, lexicon: CueLexicon) -> bool:
    """Whether a difference verb states a spread within one group, whichever pattern read it:
    "Y varied among patients with X" (the parse may hang "with X" on the verb, which then reads
    as "Y varied with X")."""
    if cue.pos_ != "VERB" or cue.lemma_.lower() not in lexicon.difference_verbs:
        return False
    return any(spread_within_group(group, lexicon) for group in preposition_objects(cue, WITHIN_PREPS))
