"""Lines laid out as a record of fields, not written as a sentence: no claim of them is the paper's.

A paper's prose joins its clauses with words and punctuation of sentences. A line of fields is laid
out otherwise, and whatever one of its fields says is a value filed under a name:

- fields set off by a separator standing between spaces ("Journal name · Running head: ... · Page 7",
  "Slide 4 | ... | notes"): the middle dot, the bar and the bullet separate a running head's, a
  footer's, a table row's or a metadata line's fields; in prose they stand only inside a unit or a
  formula, without spaces ("kg·m−2", "|x|");
- two or more fields of a name and a value ("finding: ...; confidence: high; source: abstract"): a
  short verbless name closed by a colon, at the start or after a separator (";", "|", "·"); a
  paper's structured abstract gives one label to a sentence ("Results: ..."), and a statistic named
  in brackets or after a comma ("(hazard ratio: 0.62)") is no field.

Read from the tokens alone; held against a model's claims (``verification_assertion_context``), not
the rules' own.
"""

from __future__ import annotations

from spacy.tokens import Doc

# Separators of fields, when spaced on both sides.
FIELD_SEPARATORS = frozenset({"\u00b7", "|", "\u2022", "\u00a6", "\u2016", "\u2219", "\u22c5"})
# What may stand before a field's name: the start, or a separator of fields (not a comma or a bracket:
# "X reduced Y (hazard ratio: 0.62)" gives a statistic inside a sentence).
FIELD_STARTS = frozenset({";", *FIELD_SEPARATORS})
MAX_NAME_WORDS = 4
MIN_FIELDS = 2


def laid_out_as_fields(doc: Doc) -> bool:
    """Whether ``doc`` is a line of fields (module docstring)."""
    return _separated_fields(doc) or _named_fields(doc) >= MIN_FIELDS


def _separated_fields(doc: Doc) -> bool:
    for token in doc[1:-1]:
        if token.text not in FIELD_SEPARATORS or not token.whitespace_:
            continue
        before, after = doc[: token.i], doc[token.i + 1 :]
        spaced_before = bool(doc[token.i - 1].whitespace_)
        if spaced_before and _has_word(before) and _has_word(after):
            return True
    return False


def _named_fields(doc: Doc) -> int:
    """How many colons close a field's name: a few words with no verb, opening the line or right
    after a separator of fields."""
    count = 0
    for colon in (t for t in doc if t.text == ":"):
        start = colon.i
        while start > 0 and doc[start - 1].text not in FIELD_STARTS and doc[start - 1].text != ":":
            start -= 1
        name = [t for t in doc[start : colon.i] if any(ch.isalnum() for ch in t.text)]
        opens = start == 0 or doc[start - 1].text in FIELD_STARTS
        if opens and 0 < len(name) <= MAX_NAME_WORDS and not any(t.pos_ in ("VERB", "AUX") for t in name):
            count += 1
    return count


def _has_word(tokens: object) -> bool:
    return any(t.is_alpha for t in tokens)  # type: ignore[attr-defined]
