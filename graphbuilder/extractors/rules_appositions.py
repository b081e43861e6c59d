"""A kind noun and the name set beside it: "a novel variant (R123W)", "the missense mutation, G45S,",
"the cytokine IL-6", "the calcium channel blockers nifedipine and verapamil".

The noun says what kind of thing the name is; the name is the variable. "A novel variant" is no
variable a reader could look up, "R123W" is: the argument becomes the name (and each name of a
list in apposition, one claim each). A parenthesis that spells out the noun phrase's initials
("single nucleotide polymorphism (SNP)") is an abbreviation of the same words, not a name of its
instance, and leaves the phrase as it is.
"""

from __future__ import annotations

import re

from spacy.tokens import Token

from causemap.graphbuilder.extractors.rules_bracketed_names import name_goes_on_after_abbreviation
from causemap.graphbuilder.extractors.rules_spans import split_coordination

# A family member's letter: "B1", "C2", "Calpha", "H" (the kind noun before it is part of the name).
FAMILY_MEMBER = re.compile(r"[A-Z](?:\d{1,2}|alpha|beta|gamma|delta|epsilon|theta|zeta|[\u03b1-\u03c9])?")
# Tokens of an appositive beyond which it is a description, not a name ("G45S, a mutation that ...").
MAX_NAME_TOKENS = 4
# How many words before a parenthesis an abbreviation in it may spell out.
ABBREVIATED_WORDS = 8
NAME_POS = frozenset({"PROPN", "NOUN", "NUM", "X", "SYM"})
STATISTIC_MARKS = frozenset({"=", "<", "\u2264", "\u2265", "%", ";", "\u00b1", "+/-"})
STATISTIC_WORDS = frozenset({"p", "or", "ci", "hr", "rr", "n", "vs", "versus"})


def _looks_like_name(token: Token) -> bool:
    """A name rather than a common noun: a code with digits ("R123W", "IL-6", "rs12345"), capitals
    after the first letter ("FOXO3", "cMaf"), or a proper noun ("Amiodarone")."""
    text = token.text
    if not any(ch.isalpha() for ch in text):
        return False
    if any(ch.isdigit() for ch in text) or any(ch.isupper() for ch in text[1:]):
        return True  # whatever the tagger made of it ("IL-6" as a pronoun)
    return token.pos_ in NAME_POS and token.tag_ in ("NNP", "NNPS") and text[0].isupper()


def _spells_out(appos: Token) -> bool:
    """The appositive is the initials of the words before it ("polymorphism (SNP)" after "single
    nucleotide", "amyloid b-peptide (Ab)"): an abbreviation, with no digits, whose letters are the
    initials of those words (and word parts) in order."""
    doc = appos.doc
    # "(C/D)" parsed with "D" the appositive and "C/" its modifier: the abbreviation is the pair
    start = appos.left_edge.i if appos.i > 0 and doc[appos.i - 1].text == "/" else appos.i
    text = doc[start : appos.i + 1].text
    if any(ch.isdigit() for ch in text) or len(text) > 8:
        return False
    letters = [ch.lower() for ch in text if ch.isalpha()]
    before = doc[max(0, start - ABBREVIATED_WORDS) : start]
    initials = [part[0] for t in before for part in re.split(r"[-/]", t.lower_) if part[:1].isalpha()]
    found = 0
    for letter in initials:
        if found < len(letters) and letter == letters[found]:
            found += 1
    return len(letters) >= 2 and found == len(letters)


def _statistic(tokens: list[Token]) -> bool:
    """'(p=0.009)', '(25.6%)', '(OR 2.1; 95% CI ...)': a figure given beside the noun, no name."""
    return any(t.text in STATISTIC_MARKS or "=" in t.text or t.lower_ in STATISTIC_WORDS for t in tokens)


def _bare_noun_set_off(token: Token) -> bool:
    """A noun phrase without a determiner set off by a comma after a kind noun names
    the instance, written in lower case as drugs and compounds are ("a novel compound, maltolyl
    p-coumarate, ..."); with a determiner it describes ("the drug, a potent inhibitor of X")."""
    doc = token.doc
    edge = token.left_edge.i
    if (
        token.pos_ not in ("NOUN", "PROPN")
        or token.tag_ in ("NNS", "NNPS")
        or not token.is_alpha
        or edge == 0
    ):
        return False  # a plural common noun ("different secretion parameters") is no name
    if doc[edge - 1].text != ",":
        return False  # in brackets a lower-case word is an abbreviation or a gloss ("(indel)")
    others = {t.i for c in token.children if c.dep_ == "conj" for t in c.subtree}
    own = [t for t in token.subtree if t.i not in others]
    return not any(t.dep_ in ("det", "poss", "prep") or t.pos_ in ("DET", "PRON") for t in own)


def _glued_to_a_modifier(appos: Token) -> bool:
    """ "epithelial sodium channel (ENaC)-dependent retention": the bracket is glued by a hyphen to
    the word after it, and the name is part of a modifier of something else."""
    doc = appos.doc
    end = appos.right_edge.i + 1
    return (
        end + 1 < len(doc)
        and doc[end].text in (")", "]")
        and not doc[end].whitespace_
        and doc[end + 1].text == "-"
    )


def _own_words(name: Token) -> list[Token]:
    """The words of a name's phrase, without the names coordinated with it."""
    others = {t.i for c in name.children if c.dep_ == "conj" for t in c.subtree}
    return [t for t in name.subtree if t.i not in others and not t.is_punct and t.dep_ != "cc"]


def _is_kind(head: Token, kinds: frozenset[str]) -> bool:
    return head.lemma_.lower() in kinds or head.lower_ in kinds or _acronym_kind(head, kinds)


def _acronym_kind(head: Token, kinds: frozenset[str]) -> bool:
    """A kind noun written as an acronym, which looks like a name by its capitals: "SNP", "SNPs"."""
    text = head.text[:-1] if head.text.endswith("s") else head.text
    return text.isupper() and text.lower() in kinds


def apposed_names(head: Token, kinds: frozenset[str]) -> list[Token]:
    """The names set in apposition to a kind noun, in sentence order; [] when there is none."""
    if not _is_kind(head, kinds) or (_looks_like_name(head) and not _acronym_kind(head, kinds)):
        return []  # "IL-6 (R123W)": a name is no kind noun; "SNP (rs1234567)" is one
    for child in head.children:
        if child.dep_ != "appos" or child.i < head.i:
            continue
        words = [t for t in child.subtree if not t.is_punct]
        if any(t.pos_ in ("VERB", "AUX") for t in words) or _statistic(list(child.subtree)):
            continue  # "G45S, which changes a glycine": a clause, no name
        if not (_looks_like_name(child) or _bare_noun_set_off(child)) or _spells_out(child):
            continue
        if _glued_to_a_modifier(child) or name_goes_on_after_abbreviation(head, child):
            continue  # "nuclear factor (NF)-kappaB": the rest of the kind noun's own name
        names = [t for t in split_coordination(child) if _looks_like_name(t) or _bare_noun_set_off(t)]
        if any(len(_own_words(n)) > MAX_NAME_TOKENS for n in names):
            continue  # "R123W, the variant most often found in ...": a description follows
        return names if names and names[0] is child else [child]
    return []


def _drug_name(token: Token, stems: tuple[str, ...]) -> bool:
    """A drug's name written in lower case: a word with the ending of a nonproprietary name
    ("rapamycin", "linezolid", "imatinib"), longer than the ending by a few letters."""
    text = token.lower_
    return (
        token.is_alpha
        and token.pos_ in NAME_POS
        and any(text.endswith(s) and len(text) > len(s) + 2 for s in stems)
    )


def kind_premodifiers(head: Token, kinds: frozenset[str], drug_stems: tuple[str, ...] = ()) -> set[int]:
    """The words before a coded name that say what kind of thing it is ("the COX-2 inhibitor NS-398",
    "the tumour suppressor gene p53", "the mTOR inhibitor rapamycin"): a kind noun right before the
    name, with its modifiers and the article, which the name's span leaves out; empty when there is
    none. The name is the variable, as it is when set off in apposition ("the cytokine, IL-6,")."""
    doc = head.doc
    named = _looks_like_name(head) or _drug_name(head, drug_stems)
    if head.i == 0 or not named or _is_kind(head, kinds):
        return set()
    if len(head.text) < 2 or set(head.text) <= set("IVX") or FAMILY_MEMBER.fullmatch(head.text):
        # "protein kinase B", "gene A", "collagen type VII", "liver kinase B1", "protein kinase
        # Calpha": a letter (with a number or a Greek letter) ends the name of a family's member
        return set()
    kind = doc[head.i - 1]
    if kind.head.i != head.i or kind.dep_ not in ("compound", "nmod", "amod") or not _is_kind(kind, kinds):
        return set()
    if _looks_like_name(kind):
        return set()
    return set(range(head.left_edge.i, head.i))
