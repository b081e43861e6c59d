"""The heads of a cue's arguments: coordinations split into one argument per conjunct, names in
apposition to a kind noun, a group replaced by what defines it, a genotype by its gene, the
complements of a measure noun ("the levels of A, B and C") and lists of examples, each head with the
tokens its span must leave out (used by ``rules.RulesExtractor``)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace

from spacy.tokens import Token

from causemap.graphbuilder.extractors.rules_appositions import apposed_names
from causemap.graphbuilder.extractors.rules_arguments import (
    compared_group,
    complement_conjuncts,
    complement_direction,
    donor_sample,
    is_population,
    named_argument,
)
from causemap.graphbuilder.extractors.rules_framed_members import framed_members
from causemap.graphbuilder.extractors.rules_genotypes import genotype_variable
from causemap.graphbuilder.extractors.rules_lexicon import CueLexicon
from causemap.graphbuilder.extractors.rules_lists import outside_frame
from causemap.graphbuilder.extractors.rules_repairs import (
    opens_own_verb_phrase,
    opens_with_cue_participle,
)
from causemap.graphbuilder.extractors.rules_spans import (
    denied_conjunct,
    example_markers,
    examples,
    split_coordination,
)


@dataclass(frozen=True)
class Argument:
    """An argument head, the tokens its span must leave out, and the direction of the frame it was
    taken from when it stands bare (-1 for A in "reduced levels of A and B")."""

    head: Token
    blocked: frozenset[int] = frozenset()
    direction: int = 0
    denied: bool = False  # "but not B"
    genotype: bool = False  # "SOD1-deficient mice": the mention is the name, without its genotype


def argument_heads(
    heads: Iterable[Token],
    lexicon: CueLexicon,
    split: bool = True,
    groups: bool = False,
    own_verbs: bool = False,
    compound: bool = False,
) -> list[Argument]:
    """Argument heads after splitting coordinations and lists of examples.

    Each comes with the tokens its span must leave out ("such as ..." for the head
    "measures" in "measures such as masks and distancing"). With ``own_verbs`` (the objects
    of a cue verb), a conjunct that opens with a cue participle of its own ("X decreased A and
    increased B") is that verb's object, not this one's. With ``compound`` (the noun of "X-induced
    A"), a conjunct with a hyphen compound of its own ("X-induced A and Y-induced B") is its own.
    """
    out: list[Argument] = []
    seen: set[int] = set()
    for head in heads:
        parts = split_coordination(head) if split else [head]
        # "the cytokine IL-6", "the blockers A and B": the names in apposition are the variables
        parts = [name for p in parts for name in (apposed_names(p, lexicon.kind_nouns) or [p])]
        first = len(out)
        for index, part in enumerate(parts if split else parts[:1]):
            if own_verbs and index and _opens_with_verb(part, lexicon):
                # "X increased A, and reduced B and C", "X triggers A and inhibits B" (the verb
                # read as a noun): B and C are the second verb's
                break
            if compound and index and _own_hyphen_compound(part, lexicon):
                # "X-induced A and Y-induced B": B, and what follows, is Y's; no list read from
                # the words either may take it back
                start = part.left_edge.i
                while start > 0 and part.doc[start - 1].dep_ in ("cc", "punct"):
                    start -= 1  # the "and" or comma before it
                rest = frozenset(range(start, parts[-1].right_edge.i + 1))
                out[first:] = [replace(a, blocked=a.blocked | rest) for a in out[first:]]
                break
            denied = index > 0 and denied_conjunct(part)
            if denied or (index > 0 and _after_a_denial(head, part)):
                # "X affects A, but not B (, C or D)": each is a null finding, written without its "not"
                out.append(Argument(part, frozenset(denied or ()), denied=True))
                seen.add(part.i)
                continue
            genotype = genotype_variable(part, lexicon, is_population(part, lexicon))
            if genotype is not None:
                # "SOD1-deficient mice": SOD1, changed downward; its sign composes with the cue's
                name, change, left_out = genotype
                if name.i not in seen:
                    seen.add(name.i)
                    out.append(Argument(name, left_out, direction=change, genotype=True))
                continue
            named = named_argument(part, lexicon)
            if named is None and groups and not donor_sample(part, lexicon):
                # compared groups ("older adults were more likely to fall") are variables
                named = compared_group(part)
            if named is None:
                continue  # who was studied ("patients", "male rats"), not a variable
            if named is not part:
                part = named  # "patients with diabetes": diabetes
            elif split and (listed := complement_conjuncts(part, lexicon)):
                # "the levels of A, B and C": one argument per variable measured; "reduced
                # levels of A and B": each goes down, written bare
                framed = complement_direction(part, listed[0], lexicon)
                for token in listed:
                    if token.i not in seen:
                        seen.add(token.i)
                        own = token is not listed[0] and outside_frame(token, lexicon)
                        out.append(Argument(token, direction=0 if own else framed))
                continue
            elif split and (members := framed_members(part, lexicon)):
                # "the levels of the cytokines IL-6 and TNF": each name is a variable measured
                framed = complement_direction(part, members[0], lexicon)
                for token in members:
                    if token.i not in seen:
                        seen.add(token.i)
                        out.append(Argument(token, direction=framed))
                continue
            markers = example_markers(part, lexicon.exemplifiers)
            items = [Argument(part, frozenset(m.i for m in markers))]
            if not markers and (markers := _complement_markers(part, lexicon)):
                items = []  # "the risk of cancers such as A and B": A's risk and B's, not "cancers"
            for marker in markers:
                items.extend(Argument(example) for example in examples(marker))
            for item in items:
                if item.head.i not in seen:
                    seen.add(item.head.i)
                    out.append(item)
    return out


def _after_a_denial(head: Token, part: Token) -> bool:
    """Whether a conjunct of ``head``'s coordination before ``part`` is denied: in "A but not B, C or
    D" the "not" stands before B alone, and denies the rest of the list too (B may even be a word
    the split left out, such as "p21" tagged as an adjective)."""
    return any(c.i < part.i and denied_conjunct(c) for c in head.conjuncts)


def _complement_markers(part: Token, lexicon: CueLexicon) -> list[Token]:
    """Example markers on the "of" complement of a head ("the risk of cancers such as A and B",
    "the levels of cytokines including A and B"): the examples stand in the complement's place, each
    a variable the head's phrase is about."""
    for prep in part.children:
        if prep.dep_ == "prep" and prep.lower_ == "of" and prep.i > part.i:
            for complement in prep.children:
                if complement.dep_ == "pobj":
                    return example_markers(complement, lexicon.exemplifiers)
    return []


def _own_hyphen_compound(part: Token, lexicon: CueLexicon) -> bool:
    """Whether a noun is modified by a hyphen compound of its own ("Y-induced B")."""
    doc = part.doc
    return any(
        c.dep_ == "amod" and c.lower_ in lexicon.hyphen_participles and c.i > 1 and doc[c.i - 1].text == "-"
        for c in part.children
        if c.i < part.i
    )


def _opens_with_verb(part: Token, lexicon: CueLexicon) -> bool:
    """The conjunct opens with a cue participle ("and increased B") or is, or opens with, a
    present-tense cue verb the tagger misread ("and inhibits B")."""
    first = part.doc[part.left_edge.i]
    if opens_with_cue_participle(part, lexicon) is not None:
        return True
    return any(opens_own_verb_phrase(t, lexicon) for t in {part, first})
