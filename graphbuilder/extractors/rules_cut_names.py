"""A name the span left out before a head that names nothing alone: "Vitamin Q10 treatment",
"KCa3.1 expression", "ADAM12 knockdown", "Interleukin-99F gene polymorphism".

The small parser often hangs the premodifiers of a subject on the verb, or tags a coded name as a
number, so that the argument's span keeps only its head ("treatment", "expression",
"knockdown"), which names no variable (``variable_names.names_a_variable``). The words written right
before it, when they are names or nouns (no determiner, verb, preposition or comma between), are
that head's premodifiers: the argument begins where they do. A written name the parser could not fit
into the phrase at all, and hung on the verb as a list marker or a symbol ("CuCl(2) pretreatment",
"eNOS mRNA expression"), is put back also when the head names a variable alone.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from causemap.graphbuilder.extractors.rules_heads import misread_name
from causemap.graphbuilder.variable_names import names_a_variable

NOMINAL_POS = frozenset({"NOUN", "PROPN", "NUM", "X", "SYM"})
# Premodifiers a name may have before its head ("Vitamin Q10", "Interleukin-99F gene").
MAX_PREMODIFIERS = 4


def _written_name(token: Token) -> bool:
    """A code or a name: a digit, or a capital after the first letter ("Q10", "KCa3.1", "IP(3")."""
    text = token.text
    return any(ch.isalpha() for ch in text) and (
        any(ch.isdigit() for ch in text) or any(ch.isupper() for ch in text[1:])
    )


def _premodifier(doc: Doc, i: int) -> bool:
    """Whether ``doc[i]`` can be a word of the name before a head: a noun or a written name, or the
    closing bracket glued to one ("IP(3" ")")."""
    token = doc[i]
    if token.text in (")", "]"):
        return i > 0 and not doc[i - 1].whitespace_ and _written_name(doc[i - 1])
    if token.pos_ in ("VERB", "AUX", "ADP", "DET", "CCONJ", "PRON", "PUNCT") and not misread_name(token):
        return False
    return token.pos_ in NOMINAL_POS or _written_name(token)


def name_start(doc: Doc, start: int, end: int, blocked: set[int]) -> int:
    """Where the argument ``[start, end)`` begins once the name its head needs is put back; ``start``
    when the span names a variable as it is, or nothing written before it could be its name."""
    if not any(ch.isalnum() for ch in doc[start:end].text):
        return start
    if names_a_variable(doc[start:end].text):
        return misattached_name_start(doc, start, blocked)
    begin = start
    while begin > 0 and start - begin < MAX_PREMODIFIERS and begin - 1 not in blocked:
        if not _premodifier(doc, begin - 1) or doc[begin - 1].text in (",", ";", ":"):
            break
        begin -= 1
    if begin == start or not any(_written_name(t) for t in doc[begin:start]):
        return start  # no code before it: "drug treatment" may be the verb's object, "fit res" a table's
    return begin if names_a_variable(doc[begin:end].text) else start


# Labels the parser gives a word it could not fit into a phrase: a list marker, a stray symbol.
MISFIT_DEPS = frozenset({"meta", "punct", "dep"})


def misattached_name_start(doc: Doc, start: int, blocked: set[int]) -> int:
    """Where an argument begins whose first word, a written name, the parser could not fit into the
    phrase and hung on the verb as a marker or symbol, or cut off as a sentence of its own
    ("CuCl(2) pretreatment", "eNOS mRNA expression" with "CuCl(2" a list marker, "eNOS"
    punctuation): nothing but a space stands between it and the argument, so it is the argument's
    premodifier. ``start`` when the word before is no such name."""
    i = start - 1
    if i > 0 and doc[i].text in (")", "]") and not doc[i - 1].whitespace_:
        i -= 1  # "CuCl(2" ")": the bracket closes inside the name
    if i < 0 or not doc[start - 1].whitespace_ or {i, start - 1} & blocked:
        return start
    word = doc[i]
    if i > 0 and not doc[i - 1].whitespace_:
        return start  # a piece of a longer written word
    # the parser's last resort: the name cut off as a sentence of its own ("ZnCl(2" ")" as a root)
    fragment = word.dep_ == "ROOT" and word.sent.end <= start
    if not _written_name(word) or not (word.dep_ in MISFIT_DEPS or fragment):
        return start
    return i
