"""The layout of a list of tasks or of a program's fields, which a paper's prose never has.

- a check box opening an item ("\u2610 Confirm ...", "[x] Verified: ...", "- [ ] add ..."): a to-do or
  checklist item is a task for whoever works through the list, not a finding;
- a name in a program's snake case ("expected_output", "output_claim"): the field of a record or a
  variable, standing in the text as code does. Only lower-case words of two letters or more: a variant
  name in HGVS notation ("c.1546_1547insC") joins digits, an allele ("C_allele") or a scale typed
  with an underscore for its "and" ("Hoehn_Yahr score") joins capitalised words, and those are names of
  things papers report on.

Recognised by characters, before the parse (the small parse reads a box as a noun and an identifier as
one word), and only where a list item or a field stands: a box at the start of the sentence or of a
clause set off by a colon or semicolon.
"""

from __future__ import annotations

import re

# Check boxes: the ballot-box and check-mark characters, and a markdown task box ("[ ]", "[x]").
BOX_CHARACTERS = "\u2610\u2611\u2612\u2713\u2714\u2717\u2718\u274c\u2705"
CHECK_BOX = re.compile(
    rf"(?:^|[:;])\s*(?:[-*\u2022]\s*)?(?:[{BOX_CHARACTERS}]|\[[ xX{BOX_CHARACTERS}]\])\s*[A-Za-z]"
)
# An identifier of two or more lower-case words joined by underscores, not touching a digit, a dot or
# another word character ("c.1546_1547insC", "rs_12", "C_allele" are none).
IDENTIFIER = re.compile(r"(?<![\w.])[a-z]{2,}(?:_[a-z]{2,})+(?![\w.])")


def laid_out_as_tasks(text: str) -> bool:
    """Whether ``text`` has a check box opening an item, or a program's identifier (module docstring)."""
    return bool(CHECK_BOX.search(text) or IDENTIFIER.search(text))
