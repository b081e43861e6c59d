"""Sentences carrying typesetting commands or markdown: source, not the paper's prose.

A paper's sentence as its readers see it carries no typesetting commands: a LaTeX command with its
argument in braces or brackets ("\\textcolor{white}{...}", "\\emph{...}", "\\iffalse ... \\fi") is source
that a renderer turns into layout (or hides: white text), the markdown of emphasis, quotation or
headings ("**Note:**", "> ...", "## ...") and markdown comments ("[//]: #") are the same.
What such text holds is not a sentence of the paper, so no claim of it is verified (``markup``). HTML and
XML elements and comments, and code, are ``verification_formats``' (``laid_out_for_a_machine``); the
identifiers of code, ``verification_layout``'s.
"""

from __future__ import annotations

import re

# A LaTeX command: a backslash, letters, then its argument ("{", "[") or a conditional that hides text.
LATEX_COMMAND = re.compile(r"\\[A-Za-z]+\*?\s*[{\[]|\\if[a-z]*\b")
# Markdown: emphasis by doubled marks around words (not the stars of significance, "(**P < 0.01) and
# (**"), a quotation or heading mark opening the text (not "> 65 years", nor "# of cases"), a
# link-reference comment.
MARKDOWN = re.compile(
    r"\*\*[A-Za-z][^*\n]{0,80}?[A-Za-z:.]\*\*|__[A-Za-z][^_\n]{0,80}?[A-Za-z:.]__"
    r"|^\s*(?:>\s+(?!\d)|#{1,6}\s+(?!of\b)[A-Za-z])|\[//\]:"
)


def typeset(text: str) -> bool:
    """Whether ``text`` carries typesetting commands or markdown."""
    return bool(LATEX_COMMAND.search(text) or MARKDOWN.search(text))
