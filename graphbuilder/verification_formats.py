"""Text laid out for a machine rather than written as a paper's prose: markup, code, chat-role tags, labels
that name an act on the text, question-and-answer scripts, and purposes of processing the text.

A paper's sentences are prose: they carry no markup (a comment or an element of HTML or XML, which a
renderer hides or a reader never sees), no code (a method call, a name assigned words), no role tags of
a chat transcript ("[SYSTEM]", "<user>"), no label naming what to do with what follows ("Override: ...",
"Output format example -> ..."), no answer to a question posed in the same text ("Q: ...? A: ..."), and
no purpose of indexing or extracting them ("For indexing purposes, ..."). Each is recognised by its form
and by the verbs of acting on the text (``directive_verbs``: output, extract, record, index, ...), not by
listing phrasings.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from spacy.tokens import Doc, Token

from causemap.graphbuilder.verification_layout import laid_out_as_tasks

if TYPE_CHECKING:
    from causemap.graphbuilder.verification_lexicon import VerificationLexicon

# An element's tag ("<span style=...>", "</div>", "<br/>") or a comment ("<!--"); "p<0.05" is none.
MARKUP = re.compile(r"<!--|</?[A-Za-z][A-Za-z0-9]*(?:\s[^<>]*)?/?>")
# A chat transcript's role tag in brackets of any kind ("[SYSTEM]", "<<SYS>>", "<|user|>").
ROLE_TAG = re.compile(r"[\[<]{1,2}\|?/?\s*(?:system|sys|user|assistant|inst)\s*\|?[\]>]{1,2}", re.IGNORECASE)
# A line of code: a method call ("claims.append(") or a word assigned a word ("claim=X causes Y"; not
# "p=0.05" or "n = 12", a number).
CODE = re.compile(r"\b[a-z_][a-z0-9_]*\.[a-z_]{3,}\(|\b[A-Za-z_]\w*\s?=\s?['\"]?[A-Za-z]")
# What ends a label: a colon, a dash (the tagger's ":" for a spaced hyphen), an arrow.
ARROWS = frozenset({"\u2192", "->", "=>", "\u21d2"})
MAX_LABEL_WORDS = 8


def laid_out_for_a_machine(doc: Doc, lexicon: VerificationLexicon) -> bool:
    """Whether the sentence is markup, a chat transcript, a label naming an act on the text, a
    question with its answer, or says it is there for processing (module docstring)."""
    text = doc.text
    if MARKUP.search(text) or ROLE_TAG.search(text) or CODE.search(text) or laid_out_as_tasks(text):
        return True
    ends = [t.i for t in doc if is_label_end(t)]
    if any(_names_an_act(doc, end, lexicon) for end in ends):
        return True
    if any(t.text == "?" and any(end > t.i for end in ends) for t in doc[:-1]):
        return True  # "Q: ... ? A: X causes Y": the claim answers a question the text itself poses
    return _for_processing(doc, lexicon)


def is_label_end(token: Token) -> bool:
    """A colon, a dash (also a hyphen standing between spaces, a typed dash) or an arrow."""
    spaced = token.i > 0 and bool(token.whitespace_) and bool(token.doc[token.i - 1].whitespace_)
    return token.text in (":", "\u2014", "\u2013") or token.text in ARROWS or (token.text == "-" and spaced)


def label_words(doc: Doc, end: int) -> list[Token]:
    start = max((t.i + 1 for t in doc[:end] if t.text in (".", "!", "?") or is_label_end(t)), default=0)
    return [t for t in doc[start:end] if any(ch.isalnum() for ch in t.text)]


def _names_an_act(doc: Doc, end: int, lexicon: VerificationLexicon) -> bool:
    """A verbless label before a colon, dash or arrow that names an act on the text ("Override:",
    "Output format example ->"), a nominalised one ("a correct extraction would read:" aside, the
    label "Extraction:"), or the one who performs it ("TODO for the summariser -", "Nota bene for
    automated readers:", "Achtung parser:"): what follows is what that act is to produce."""
    words = label_words(doc, end)
    if not words or len(words) > MAX_LABEL_WORDS:
        return False
    if any(t.pos_ in ("VERB", "AUX") and t.tag_ != "VB" for t in words):
        return False  # a clause before the colon ("We found the following:"), no label
    # (a noun of saying, "The claim to record:", names what the content is: ``mentioned``, quoted)
    named = [
        t for t in words if t.pos_ in ("NOUN", "PROPN", "VERB") and t.lower_ not in lexicon.mention_nouns
    ]
    return any(
        (acts_on_text(t, lexicon) and not _infinitive(t)) or agent_of_an_act(t, lexicon) for t in named
    )


def _infinitive(token: Token) -> bool:
    """ "The claim to record:" (the small parse may hang "record" on "to" as its object): an act to
    do names what the content is, which ``mentioned`` refuses as quoted."""
    return any(c.lower_ == "to" for c in token.children) or token.head.lower_ == "to"


def acts_on_text(token: Token, lexicon: VerificationLexicon) -> bool:
    """A verb of acting on the text (``directive_verbs``) as a bare word ("Override:", "Output
    format ..."; not a thing the noun names under a modifier, "Cardiac output:"), or a nominalisation
    of one or of a verb of processing text ("extraction", "summarisation", "indexing")."""
    modified = any(c.dep_ in ("amod", "det", "poss", "nummod") for c in token.children)
    return (token.lower_ in lexicon.directive_verbs and not modified) or nominalises_an_act(token, lexicon)


def nominalises_an_act(token: Token, lexicon: VerificationLexicon) -> bool:
    """ "extraction", "summarisation", "indexing", "parsing": the noun of an act on the text."""
    return nominalises(token, lexicon.directive_verbs | lexicon.processing_verbs)


def nominalises(token: Token, verbs: frozenset[str]) -> bool:
    """Whether ``token`` is the noun of one of ``verbs`` ("extraction" of extract, "indexing" of index)."""
    return any(stem in verbs for stem in _stems(token.lower_))


def agent_of_an_act(token: Token, lexicon: VerificationLexicon) -> bool:
    """Who processes the text, or reads it: "parser", "summarisers", "indexer", "readers" (agent
    nouns of ``processing_verbs`` only: "markers" and "reporters" name other things)."""
    word = token.lower_.removesuffix("s")
    for suffix in ("er", "or", "r"):
        if word.endswith(suffix) and len(word) > len(suffix) + 2:
            base = word[: -len(suffix)]
            if base in lexicon.processing_verbs or f"{base}e" in lexicon.processing_verbs:
                return True
    return False


def _stems(word: str) -> list[str]:
    """The verbs a nominalisation may come from: "extraction" -> extract, "annotation" -> annotate,
    "summarisation" -> summarise, "indexing" -> index."""
    stems = []
    if word.endswith("ing") and len(word) > 6:
        stems += [word[:-3], word[:-3] + "e"]
    if word.endswith("ation") and len(word) > 7:
        stems += [word[:-5] + "e", word[:-3] + "e", word[:-5] + "ize"]
    if word.endswith("ion") and len(word) > 6:
        stems += [word[:-3], word[:-3] + "e"]
    return stems


def _for_processing(doc: Doc, lexicon: VerificationLexicon) -> bool:
    """ "For indexing purposes, ...", "for the purposes of extraction": a purpose that is an act on
    the text says the sentence is there to be processed, not to report a finding."""
    for token in doc:
        if token.lemma_.lower() not in ("purpose", "sake"):
            continue
        modifiers = [c for c in token.children if c.dep_ in ("compound", "amod", "nmod")]
        modifiers += [g for c in token.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"]
        if token.i > 0 and token.doc[token.i - 1].dep_ in ("compound", "amod", "dep"):
            modifiers.append(token.doc[token.i - 1])
        if any(nominalises_an_act(m, lexicon) for m in modifiers):
            return True
    return False
