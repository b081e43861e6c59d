"""The spans an argument of a cue stands for: its whole phrase, or one span per item of a list.

A cue match gives only the head token of each argument ("reduced" ... "levels"); the claim needs the
phrase ("serum levels of IL-6"), cut where another argument, a setting ("in patients with X") or a
kind word ("the COX-2 inhibitor NS-398") begins, and split into its items when it reads as a list the
parse missed ("reduced A, B and C"). A phrase that names no variable (a pronoun alone, "these
findings", function words) gives none. The extractor (``rules``) reads each pair of these readings
as a claim; where a phrase ends is decided by ``rules_spans`` and the modules it calls.
"""

from __future__ import annotations

import re

from spacy.tokens import Token

from causemap.graphbuilder.extractors.rules_agreement import dangling_complement_end
from causemap.graphbuilder.extractors.rules_appositions import kind_premodifiers
from causemap.graphbuilder.extractors.rules_argument_heads import Argument
from causemap.graphbuilder.extractors.rules_arguments import is_population, setting_children
from causemap.graphbuilder.extractors.rules_cut_names import name_start
from causemap.graphbuilder.extractors.rules_framed_names import framed_kind_name
from causemap.graphbuilder.extractors.rules_lexicon import CueLexicon
from causemap.graphbuilder.extractors.rules_list_bounds import list_end, list_start
from causemap.graphbuilder.extractors.rules_list_changes import hanging_change
from causemap.graphbuilder.extractors.rules_lists import surface_list
from causemap.graphbuilder.extractors.rules_span_edges import verb_held_complement_end
from causemap.graphbuilder.extractors.rules_spans import argument_span
from causemap.graphbuilder.pronouns import is_referring_pronoun

_HAS_WORD = re.compile(r"[^\W_]")
CORRELATIVES = frozenset({"neither", "either", "both"})


def argument_readings(
    argument: Argument,
    blocked: set[int],
    lexicon: CueLexicon,
    split: bool = True,
    group: bool = False,
    misparsed: bool = False,
) -> list[tuple[list[Token], Token, int]]:
    """The spans an argument stands for: its own, or one per item when it reads as a list
    the parse missed. Each comes with its head and its frame's direction."""
    tokens = argument_tokens(argument.head, blocked | argument.blocked, lexicon, split, group, misparsed)
    if tokens is None:
        return []
    doc = tokens[0].doc
    items = None
    if split:
        around = blocked | set(argument.blocked)
        end = list_end(doc, tokens[-1].i + 1, around)
        start = list_start(doc, tokens[0].i, around)
        items = surface_list(doc, start, end, lexicon)
        if items is None and start < tokens[0].i:
            items = surface_list(doc, tokens[0].i, end, lexicon)
    if not items and (named := framed_kind_name(tokens, lexicon)):
        return [(named[0], named[1], argument.direction or named[2])]  # "inhibition of the kinase X": X
    if not items:  # a name hanging on its hyphen has the change it shares ("PAR1- and PAR2-deficiency")
        return [(tokens, argument.head, argument.direction or hanging_change(tokens))]
    out = []
    # a conjunct the parse found, read with its list's frame ("inhibition of A" of "inhibition
    # of A, B or C"), would carry the frame's sign twice: in its words and as the list's
    conjuncts = {t.i for t in argument.head.conjuncts}
    for item in items:
        if is_population(item.head, lexicon):
            continue  # "the elderly and people with X": who, not what
        edge = item.head.left_edge.i
        if item.head.i in conjuncts and item.start < edge and doc[edge - 1].pos_ == "ADP":
            continue
        item_tokens = checked_tokens(list(doc[item.start : item.end]), item.head, lexicon)
        if item_tokens is not None:
            out.append((item_tokens, item.head, argument.direction or item.direction))
    return out


def argument_tokens(
    head: Token,
    blocked: set[int],
    lexicon: CueLexicon,
    split: bool = True,
    group: bool = False,
    misparsed: bool = False,
) -> list[Token] | None:
    """The tokens of the phrase an argument's head stands for, within the words ``blocked`` leaves
    it, or None when they name no variable (``checked_tokens``)."""
    blocked = blocked | setting_children(head, lexicon)  # "Y in patients with X": Y
    blocked |= kind_premodifiers(head, lexicon.kind_nouns, lexicon.drug_stems)  # "the COX-2 inhibitor NS-398"
    bounds = argument_span(head, blocked, split, group, misparsed)
    if bounds is None:
        return None
    start, end = bounds[0], dangling_complement_end(head, bounds[1], blocked)
    start = name_start(head.doc, start, end, blocked)  # "Vitamin Q10 treatment", not "treatment"
    end = verb_held_complement_end(head, end, blocked)  # "susceptibility to X" read with the verb
    return checked_tokens(list(head.doc[start:end]), head, lexicon)


def checked_tokens(tokens: list[Token], head: Token, lexicon: CueLexicon) -> list[Token] | None:
    """The tokens, unless they name no variable (pronouns, "these findings", study artefacts)."""
    while tokens and tokens[0].dep_ in ("preconj", "det", "cc") and tokens[0].lower_ in CORRELATIVES:
        tokens = tokens[1:]  # "neither A nor B", "both A and B": the correlative is no part of A
    if not tokens:
        return None
    text = head.doc[tokens[0].i : tokens[-1].i + 1].text.lower()
    if text in lexicon.excluded_arguments or head.lower_ in lexicon.excluded_arguments:
        return None
    content = [t for t in tokens if not t.is_stop and _HAS_WORD.search(t.text)]
    if len(tokens) == 1 and is_referring_pronoun(head.text) and head.dep_ != "det":
        return tokens  # "It", "they": kept for resolution in the paper (see ``extract``)
    if not content:
        return None  # nothing but function words ("this", "it")
    if all(
        t.lemma_.lower() in lexicon.vague_arguments or t.lower_ in lexicon.vague_arguments for t in content
    ):
        return None  # "factors", "these findings": no variable named
    return tokens
