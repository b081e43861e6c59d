"""An argument cut out of a string written without spaces: part of an identifier, not a word of prose.

A variable is named in prose by words, and the parse's tokens are those words. A mention that begins or
ends inside a token names a piece of a longer string: a file name ("fig2_smoking increases risk.tif":
"smoking" glued to "fig2_", "risk" to ".tif"), an address ("www.site.org/report?claim=..."), a field
of a program or a record ("row_id=3;exposure"), a citation key ("@smith2020_smoking"). Such text is
metadata or code standing in the sentence, and what it spells out is no statement of the paper, whatever
words it holds; a model that offers its pieces as cause and effect is reading an identifier.

Not every cut is one: a token may hold words that prose joins without a space, and a piece of it is
still a word of the sentence: a hyphen or dash ("ACE2" of "ACE2-mediated" where the tokenizer keeps it
whole), a slash between names ("IL-6" of "IL-6/STAT3"), a plus or a bracket, an apostrophe, and a
reference mark a PDF's text glues to the word it follows ("fever.3", "fever,3", "diabetes.[12"). What
marks an identifier is an underscore, an "=", "@", "#", "&" or "?" in the string, a dot followed by
lower-case letters (a file's extension, an address's domain: ".tif", ".org"; not "mortality.These",
two sentences run together), or a letter or digit right at the cut (a part of a word, "men" of "women").

The same check for every extractor: the rules extractor's arguments are whole tokens, so it refuses none
of them.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc

# Characters that join the parts of an identifier, never the words of prose.
_IDENTIFIER_JOINERS = re.compile(r"[_=@#&?]")
# A file's extension or an address's domain after the cut: a dot and a lower-case letter.
_EXTENSION = re.compile(r"^\.[a-z]")


def cut_from_identifier(doc: Doc, start: int, end: int) -> bool:
    """Whether the stretch ``start:end`` of ``doc``'s text (character offsets) begins or ends inside a
    token whose rest makes it an identifier, or cuts a word in two (module docstring)."""
    for token in doc:
        token_end = token.idx + len(token.text)
        if token.idx < start < token_end:  # the mention begins inside this token
            outside, joint = token.text[: start - token.idx], doc.text[start - 1]
            if _glued(outside, joint, after=False):
                return True
        if token.idx < end < token_end:  # the mention ends inside this token
            outside, joint = token.text[end - token.idx :], doc.text[end]
            if _glued(outside, joint, after=True):
                return True
    return False


def _glued(outside: str, joint: str, *, after: bool) -> bool:
    """Whether ``outside``, the part of a token beyond a mention (``joint`` its character at the cut),
    makes the token an identifier or the mention part of a word."""
    if joint.isalnum() or _IDENTIFIER_JOINERS.search(outside):
        return True
    return after and bool(_EXTENSION.match(outside))
