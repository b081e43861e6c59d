"""A share of a population is how many had something, not a cause of it.

"28% of the men had a prolonged QT interval", "Among those treated, 12% patients developed a rash":
the percentage counts who showed the outcome (a prevalence), and the group it counts is who was
studied, not a variable. Such a subject gives no claim as a cause; as an effect ("X raised the
percentage of patients in remission") a share is a real outcome and stays.
"""

from __future__ import annotations

from spacy.tokens import Token

from causemap.graphbuilder.extractors.rules_arguments import is_population
from causemap.graphbuilder.extractors.rules_lexicon import CueLexicon

PERCENT_WORDS = frozenset({"%", "percent", "per cent", "percentage", "proportion"})


def share_of_population(head: Token, lexicon: CueLexicon) -> bool:
    """Whether ``head`` is a population counted by a percentage ("28% men") or a percentage of one
    ("28% of the men")."""
    if is_population(head, lexicon):
        return any(c.i < head.i and c.lower_ in PERCENT_WORDS for c in head.children)
    if head.lower_ not in PERCENT_WORDS or head.lower_ in ("percentage", "proportion"):
        return False  # "the proportion of patients" names a variable; "28%" counts one
    groups = [o for p in head.children if p.lower_ == "of" for o in p.children if o.dep_ == "pobj"]
    return any(is_population(g, lexicon) for g in groups)
