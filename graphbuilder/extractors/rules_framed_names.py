"""A name set after its kind noun inside a frame: "inhibition of the kinase ABC1", "acute expression
of the XYZ antagonist Q9", "higher levels of the cytokine IL-99".

The kind words say what the name is ("the kinase", "the XYZ antagonist", see
``rules_appositions.kind_premodifiers``); read whole, the argument names the kind's own words as
well ("XYZ" beside "Q9"), and "kinase abc1" is no variable anyone looks up. The name is the
variable, written bare, with the frame's direction ("inhibition of": down), as a bare item of a
framed list is (``rules_lists.frame_direction``).
"""

from __future__ import annotations

from spacy.tokens import Token

from causemap.graphbuilder.extractors.rules_appositions import kind_premodifiers
from causemap.graphbuilder.extractors.rules_lexicon import CueLexicon
from causemap.graphbuilder.extractors.rules_lists import FRAME_PREPS, frame_direction, frame_end


def framed_kind_name(tokens: list[Token], lexicon: CueLexicon) -> tuple[list[Token], Token, int] | None:
    """The name that ends a framed argument after its kind words, its head and the frame's
    direction; None when the span does not end so, or its opening is no frame of measurement,
    change or exposure."""
    if len(tokens) < 4:
        return None
    name = tokens[-1]
    if not kind_premodifiers(name, lexicon.kind_nouns, lexicon.drug_stems):
        return None
    prep = name.head
    if name.dep_ != "pobj" or prep.lower_ not in FRAME_PREPS or prep.i <= tokens[0].i:
        return None
    doc = name.doc
    if frame_end(doc, tokens[0].i, name.i + 1, lexicon) != prep.i + 1:
        return None
    return [name], name, frame_direction(doc[tokens[0].i : prep.i + 1], lexicon)
