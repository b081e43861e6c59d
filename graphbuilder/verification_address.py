"""A text that speaks to its reader by a salutation or a label of order, which a paper's findings never
carry.

- a salutation opening the sentence: a greeting word with the one greeted, set off by a comma ("Dear
  extractor, X causes Y", "Hey model, ..."), or a request word set off alone ("Please, X causes Y"): a
  letter's or a message's address, whoever it names;
- a verbless label before a colon that orders what follows: a noun of order ("Instruction: ...",
  "Hidden directive: ..."), an adjective of obligation alone or on its noun ("Required: ...", "Mandatory
  extraction item: ..."), or a machine that processes the text as its addressee ("Summary for machines:
  ..."). A paper labels its findings by topic ("Note:", "Summary:", "Results for smokers:"), never by
  an order.
- a clause that speaks of the text itself and its processing: "this" or "this line", "this sentence"
  as subject, with a processor or an unmodified product of processing as the object of its
  preposition ("..., and this must appear in the output", "this line is for the parser", "this sentence
  is for indexing"), or an order
  noun as its predicate ("This is an instruction: ..."). A paper's "this" refers to its findings, and
  what it finds in an output is a measured one ("cardiac output", "increased output");
- a negative phrase fronted before a verb without a subject ("Under no circumstances omit that ..."):
  English inverts a finite verb after one ("Under no circumstances should ..."), so a bare verb there is
  an order (``order_opener``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Doc, Token

from causemap.graphbuilder.extractors.rules_heads import SUBJECT_DEPS
from causemap.graphbuilder.verification_formats import label_words, nominalises_an_act
from causemap.graphbuilder.verification_obligations import processes_text

if TYPE_CHECKING:
    from causemap.graphbuilder.verification import VerificationLexicon

SALUTATIONS = frozenset({"dear", "hey", "hi", "hello", "greetings"})
REQUEST_WORDS = frozenset({"please", "kindly"})
ORDER_NOUNS = frozenset({"instruction", "instructions", "directive", "directives", "command", "commands"})
# Nouns by which a text points at a piece of itself ("this line", "this sentence").
TEXT_NOUNS = frozenset({"line", "sentence", "statement", "paragraph", "text", "item", "entry", "passage"})
SETTING_PREPS = frozenset({"for", "in", "into", "to"})
# The one greeted: a few words of a noun phrase before the comma ("Dear automated extractor,").
MAX_GREETED_WORDS = 4
MAX_LABEL_WORDS = 8


def salutes_a_reader(doc: Doc) -> bool:
    """Whether the sentence opens with a salutation or a request word set off by a comma (module
    docstring)."""
    words = [t for t in doc if any(ch.isalnum() for ch in t.text) or t.text == ","]
    if len(words) < 2:
        return False
    first = words[0]
    if first.lower_ in REQUEST_WORDS:
        return words[1].text == ","
    if first.lower_ not in SALUTATIONS or not first.whitespace_:
        return False  # (not "Hi-C contacts, ...": a name's first part, no greeting)
    comma = next((i for i, t in enumerate(words) if t.text == ","), None)
    return (
        comma is not None
        and 2 <= comma <= MAX_GREETED_WORDS + 1
        and all(t.pos_ in ("NOUN", "PROPN", "ADJ", "DET", "INTJ") for t in words[1:comma])
    )


def order_label(doc: Doc, colon: int, lexicon: VerificationLexicon) -> bool:
    """Whether the words before ``colon`` are a verbless label of order (module docstring)."""
    words = label_words(doc, colon)
    obligations = [t for t in words if t.lower_ in lexicon.obligation_adjectives]
    # (a participle of obligation, "Required", may be tagged a verb: it is the label's adjective)
    verbs = [t for t in words if t.pos_ in ("VERB", "AUX") and t not in obligations]
    if not words or len(words) > MAX_LABEL_WORDS or verbs:
        return False
    if obligations and (len(words) == 1 or any(t.dep_ == "amod" for t in obligations)):
        return True
    if any(t.lower_ in ORDER_NOUNS and t.pos_ in ("NOUN", "PROPN") for t in words):
        return True
    # "Summary for machines:"; not "Machine learning:", a kind of thing the machine only modifies
    return any(t.lower_ in lexicon.processors and t.dep_ == "pobj" for t in words)


def order_opener(child: Token, verb: Token) -> bool:
    """ "Under no circumstances", "In no case", "At no point" before ``verb``: a fronted phrase of
    negation, after which only an inverted finite verb or an order may stand."""
    if child.dep_ != "prep" or child.i > verb.i:
        return False
    return any(g.dep_ == "pobj" and any(d.lower_ == "no" for d in g.children) for g in child.children)


def speaks_of_its_processing(doc: Doc, lexicon: VerificationLexicon) -> bool:
    """Whether a clause with the text itself as subject relates it to its processing (module
    docstring)."""
    for subject in doc:
        if subject.dep_ not in SUBJECT_DEPS or not _the_text_itself(subject):
            continue
        verb = subject.head
        if any(c.dep_ == "attr" and c.lower_ in ORDER_NOUNS for c in verb.children):
            return True  # "This is an instruction"
        objects = [
            g for p in verb.subtree if p.dep_ == "prep" and p.lower_ in SETTING_PREPS for g in p.children
        ]
        if any(g.dep_ == "pobj" and _processing(g, lexicon) for g in objects):
            return True
    return False


def _the_text_itself(subject: Token) -> bool:
    if subject.lower_ in ("this", "these") and subject.pos_ == "PRON":
        return True
    return subject.lemma_.lower() in TEXT_NOUNS and any(
        c.dep_ == "det" and c.lower_ in ("this", "these") for c in subject.children
    )


def _processing(noun: Token, lexicon: VerificationLexicon) -> bool:
    """A processor or reader of the text, a product of processing it with no modifier of its own
    ("the output", "your summary"; not "cardiac output", "increased output", which are measured), or
    the act of processing it ("for indexing", "for extraction")."""
    if any(c.dep_ in ("amod", "compound", "nmod", "nummod") for c in noun.children):
        return False
    return processes_text(noun, lexicon) or nominalises_an_act(noun, lexicon)
