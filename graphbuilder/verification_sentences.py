"""Sentences none of whose claims can be verified, whoever proposed them: checked once per sentence.

- written, in part, in another language (``verification_language``): ``not_english``;
- typesetting or markdown rather than prose (``verification_markup``): ``markup``;
- speaking of what is to be done with the text, anywhere in it (``verification_labels``): ``instruction``
  or ``quoted``; or a field of terms (``metadata``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Doc

from causemap.graphbuilder.verification_labels import acts_on_the_text
from causemap.graphbuilder.verification_language import not_english
from causemap.graphbuilder.verification_markup import typeset

if TYPE_CHECKING:
    from causemap.graphbuilder.verification import VerificationLexicon


def sentence_refusal(doc: Doc, lexicon: VerificationLexicon) -> str | None:
    """Why no claim of ``doc`` is verified (see the module docstring), or None."""
    if not_english(doc):
        return "not_english"
    if typeset(doc.text):
        return "markup"
    return acts_on_the_text(doc, lexicon)
