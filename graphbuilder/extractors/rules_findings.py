"""What a verb of occurrence or finding says was there; a variant found in a group.

"Y occurred in ...", "Y was found in ...", "we identified Y in ..." name what was there (read with
the group of their "in" phrase as a setting by ``rules_arguments.setting_matches``). A variant found
in a group is how a genetics paper states that a gene goes with a condition.

"Mutations in X were found in 7 patients with Y" reports a variant among those with Y. Two ways of
writing it need the variant told apart from any other finding:

- the setting may come first: "In two families with Y, we identified a novel mutation in X". A
  fronted "in" phrase on a verb of finding sets the scene of what was found; only a variant makes it
  an association ("In patients with Y, we found a correlation between A and B" finds a correlation,
  no feature of those with Y);
- the variant may be named by its code, which the tokenizer cuts into pieces and the parser may hang
  apart from its noun: "The c.1234G>A variant was found in ..." parsed with "c.1234G" as one subject
  and "variant" as another. The variant noun, not the code's first piece, is what was found.
"""

from __future__ import annotations

from spacy.tokens import Token

from causemap.graphbuilder.extractors.rules_group_words import OCCURRENCE_VERBS
from causemap.graphbuilder.extractors.rules_heads import children_with, is_passive
from causemap.graphbuilder.extractors.rules_lexicon import CueLexicon
from causemap.graphbuilder.extractors.rules_variant_genes import is_variant_code_text

# The dependencies by which a verb of finding takes what was found.
FOUND_DEPS = frozenset({"dobj", "nsubjpass"})


def names_variant(token: Token, lexicon: CueLexicon) -> bool:
    """A variant noun ("mutations", "the polymorphism") or a variant written as a code ("R75W")."""
    words = lexicon.variant_nouns
    return token.lemma_.lower() in words or token.lower_ in words or is_variant_code_text(token.text)


def found_variant(found: list[Token], lexicon: CueLexicon) -> Token:
    """What a verb of finding found, among its objects: the variant noun when there is one (the
    parse may give a variant's code its own dependency: "The c.1234G>A variant was found ...")."""
    nouns = [t for t in found if t.lemma_.lower() in lexicon.variant_nouns]
    return nouns[0] if nouns else found[0]


def fronted_variant_finding(prep: Token, found: Token, lexicon: CueLexicon) -> bool:
    """ "In two families with Y, we found mutations in X": a setting before its verb of finding,
    whose object is a variant."""
    verb = prep.head
    if prep.i > found.i or verb.lemma_.lower() not in lexicon.finding_verbs:
        return False
    return found.head == verb and found.dep_ in FOUND_DEPS and names_variant(found, lexicon)


def observed(verb: Token, lexicon: CueLexicon) -> Token | None:
    """What a verb of occurrence or finding says was there: "Y occurred in ...", "Y was found in ...",
    "we identified Y in ...". None for any other verb ("patients were followed in the clinic"), and for
    a denied one ("no Y was found", "Y did not occur"), which is no association."""
    lemma = verb.lemma_.lower()
    if lemma in OCCURRENCE_VERBS and not is_passive(verb):
        found = children_with(verb, ("nsubj",))
    elif lemma in lexicon.finding_verbs:
        found = children_with(verb, ("nsubjpass",) if is_passive(verb) else ("dobj",))
    else:
        return None
    if not found or any(c.dep_ == "neg" for c in verb.children):
        return None
    what = found_variant(found, lexicon)
    if any(c.dep_ == "det" and c.lower_ in ("no", "neither") for c in what.children):
        return None
    if any(c.lower_ in lexicon.up_words or c.lower_ in lexicon.down_words for c in what.children):
        return None  # "reduced levels of Y were found in ...": a group comparison, read as such
    return what
