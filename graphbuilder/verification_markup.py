"""Sentences carrying typesetting commands or markdown: source, not the paper's prose.

A paper's sentence as its readers see it carries no typesetting commands: a LaTeX command with its
argument in braces or brackets ("\\textcolor{white}{...}", "\\emph{...}", "\\iffalse ... \\fi") is source
that a renderer turns into layout (or hides: white text), the markdown of emphasis, quotation or
headings ("**Note:**", "> ...", "## ...") and markdown comments ("[//]: #") are the same.
What such text holds is not a sentence of the paper, so no claim of it is verified (``markup``). HTML and
XML elements and comments, and code, are ``verification_formats``' (``laid_out_for_a_machine``); the
identifiers of code, ``verification_layout``'s. A model's claim whose arguments run into a web
address (``in_a_web_address``) is refused the same way.
"""

from __future__ import annotations

import re

from spacy.tokens import Token

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


# Where a verb's arguments hang: its subjects and objects, and the objects of its prepositions.
ARGUMENT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj", "csubjpass", "dobj", "attr", "oprd", "dative"})


def in_a_web_address(verb: Token) -> bool:
    """Whether an argument of ``verb`` runs into a web address ("https://host/path/X causes Y/..."):
    words glued to a URL's path are part of the address, a string a browser reads, not a phrase of
    the paper's; a paper writes its addresses apart from its clauses ("... (https://...)")."""
    heads = [c for c in verb.children if c.dep_ in ARGUMENT_DEPS]
    heads += [g for c in verb.children if c.dep_ in ("prep", "agent") for g in c.children if g.dep_ == "pobj"]
    if any(_url(t) for head in heads for t in head.subtree if not _bracketed(t, head)):
        return True
    # the parse may hang the address itself on the verb, before it, in the subject's place
    return any(_url(c) and c.i < verb.i and not _bracketed(c, verb) for c in verb.children)


def _url(token: Token) -> bool:
    return token.like_url or "://" in token.text or token.lower_.startswith("www.")


def _bracketed(token: Token, head: Token) -> bool:
    """Whether ``token`` stands in brackets within the phrase of ``head`` (a cited address)."""
    doc = token.doc
    depth = 0
    for t in doc[head.left_edge.i : token.i]:
        depth += t.text in ("(", "[")
        depth -= t.text in (")", "]") and depth > 0
    return depth > 0
