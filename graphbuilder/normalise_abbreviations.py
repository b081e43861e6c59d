"""A short form defined inside a name goes: "interleukin (IL)-8 production" is "interleukin-8 production".

A paper that defines an abbreviation in the middle of a name ("interleukin (IL)-8", "heat shock
protein (HSP) 27", "sodium/iodide symporter (NIS) expression") writes the same variable as its long
form without the bracket, and as the short form later ("IL-8 production", which the graph spells
out with the paper's definitions as "interleukin-8 production"). Kept, the bracket makes a third
spelling that merges with neither. Only a bracket whose content abbreviates the words before it
(Schwartz-Hearst, ``abbreviations.find_abbreviations``) goes; "IL-6 (pg/ml)" and "FV/(FV)" stay.
"""

from __future__ import annotations

import re

from causemap.graphbuilder.abbreviations import find_abbreviations

# A bracketed short form followed by more of the name: glued ("(IL)-8") or after a space ("(HSP) 27").
_INNER_SHORT_FORM = re.compile(r"\s+\(([^()\s][^()]{0,9})\)(?=[-\s]\S)")


def without_inner_short_forms(text: str) -> str:
    """``text`` without the brackets inside it that define a short form of the words before them.

    >>> without_inner_short_forms("interleukin (IL)-8 production")
    'interleukin-8 production'
    >>> without_inner_short_forms("heat shock protein (HSP) 27 levels")
    'heat shock protein 27 levels'
    >>> without_inner_short_forms("IL-6 (pg/ml) levels")
    'IL-6 (pg/ml) levels'
    """
    if "(" not in text:
        return text
    defined = {short for short, _ in find_abbreviations(text)}
    if not defined:
        return text
    return _INNER_SHORT_FORM.sub(lambda m: "" if m.group(1) in defined else m.group(0), text)
