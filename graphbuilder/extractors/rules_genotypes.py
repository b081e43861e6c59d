"""Groups and samples defined by a change in a named gene or substance: "SOD1-deficient mice",
"SOD1-/- mice", "mice lacking SOD1", "cells overexpressing SOD1". What was changed in the group is
the variable, and the direction of the change composes with the cue's sign."""

from __future__ import annotations

from spacy.tokens import Token

from causemap.graphbuilder.extractors.rules_lexicon import CueLexicon


def _zygous_name(token: Token, lexicon: CueLexicon) -> bool:
    """'SOD1-/-' written as one word: a name with its null genotype."""
    return any(token.text.endswith(s) and len(token.text) > len(s) for s in lexicon.zygosity_suffixes)


def _genotype_word(token: Token, lexicon: CueLexicon) -> int:
    word = token.lower_
    if word in lexicon.genotype_down or _zygous_name(token, lexicon):
        return -1
    return 1 if word in lexicon.genotype_up else 0


def _name_before(modifier: Token, head: Token) -> Token | None:
    """The name a prenominal genotype word is about: 'SOD1' in "SOD1-deficient mice", "SOD1
    knockout mice" (written right before it, a hyphen between, and inside the same noun phrase)."""
    doc = modifier.doc
    at = modifier.i - 1
    if at >= 0 and doc[at].text == "-" and not doc[at].whitespace_:
        at -= 1
    if at < 0:
        return None
    name = doc[at]
    if name.is_stop or name.is_punct or name.like_num:
        return None
    glued = at < modifier.i - 1  # "Nrf7-deficient": a hyphen makes one word, whatever its tag
    if not glued and name.pos_ not in ("NOUN", "PROPN", "ADJ", "X"):
        return None
    return name if name.head in (modifier, head) or head in name.ancestors else None


def _genotype_before(head: Token, lexicon: CueLexicon) -> int:
    """'mice lacking Nrf7' parsed with the name as the head ("Mice" and "lacking" its modifiers):
    a group noun and a genotype word written right before the name's phrase."""
    doc = head.doc
    at = head.i - 1
    while at >= 0 and doc[at].head.i == head.i and doc[at].dep_ in ("compound", "nmod", "det"):
        at -= 1  # "mice lacking the Nrf7 gene"
    if at < 1 or doc[at - 1].lemma_.lower() not in lexicon.population_nouns:
        return 0
    word = doc[at]
    if word.lemma_.lower() in lexicon.genotype_down_verbs or word.lower_ in lexicon.genotype_down:
        return -1
    return 1 if word.lemma_.lower() in lexicon.genotype_up_verbs or word.lower_ in lexicon.genotype_up else 0


def genotype_variable(
    head: Token, lexicon: CueLexicon, group: bool
) -> tuple[Token, int, frozenset[int]] | None:
    """The named variable of a group defined by a genotype, the direction of its change, and the
    words its span leaves out (the group and the genotype word, where the parse hung them on it).

    "SOD1-deficient mice", "SOD1 knockout mice", "SOD1-/- mice", "mice deficient in SOD1", "mice
    lacking SOD1", "mice without SOD1": SOD1, changed downward (-1); "mice overexpressing SOD1":
    upward (+1). The group is who was studied; what was changed in it is the variable, so the
    claim's sign composes the change with the cue's ("SOD1-deficient mice were protected from Y":
    SOD1 raises Y). A genotype written after the head defines only a group (``group``) or a sample
    ("cells lacking X"): "surgery without X" names surgery.
    """
    if _zygous_name(head, lexicon):
        return head, -1, frozenset()  # "reduced in Abc1(-/-) cells" parsed with the name as the object
    group = group or head.lemma_.lower() in lexicon.genotype_sample_heads
    if not group and (sign := _genotype_before(head, lexicon)):
        return (
            head,
            sign,
            frozenset(t.i for t in head.subtree if t.i < head.i and t.dep_ not in ("compound", "det")),
        )
    for child in head.children:
        if child.i < head.i and child.dep_ in ("amod", "compound", "nmod", "npadvmod", "nummod"):
            if _zygous_name(child, lexicon):
                return child, -1, frozenset()
            sign = _genotype_word(child, lexicon)
            name = _name_before(child, head) if sign else None
            if name is not None:
                return name, sign, frozenset()
        elif group and child.i > head.i and child.dep_ in ("amod", "acl", "prep"):
            lemma = child.lemma_.lower()
            if child.dep_ == "prep":
                sign = -1 if child.lower_ in lexicon.genotype_down_preps else 0
                objects = [c for c in child.children if c.dep_ == "pobj"]
            else:
                verb_sign = -1 if lemma in lexicon.genotype_down_verbs else 0
                verb_sign = verb_sign or (1 if lemma in lexicon.genotype_up_verbs else 0)
                sign = verb_sign or _genotype_word(child, lexicon)
                objects = [c for c in child.children if c.dep_ == "dobj"]
                for prep in (c for c in child.children if c.dep_ == "prep" and c.lower_ in ("in", "of")):
                    objects += [c for c in prep.children if c.dep_ == "pobj"]
            if sign and objects:
                return objects[0], sign, frozenset()
    return None
