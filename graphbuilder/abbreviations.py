"""Abbreviations a paper defines ("sodium/iodide symporter (NIS)"), found the Schwartz–Hearst way.

Schwartz and Hearst (2003, "A simple algorithm for identifying abbreviation definitions in biomedical
text", PSB) take each parenthesis after a phrase, ``long form (SF)``, or before one, ``SF (long form)``,
as a candidate; the short form is 2–10 characters, at most two words, starts with a letter or digit
and holds a letter. The long form is the shortest run of the words before the parenthesis (at most
``min(|SF| + 5, 2 |SF|)`` of them) in which the short form's letters and digits occur in order, matched
from the right, its first character at the start of a word. They report 96% precision and 82% recall on
the Medstract gold standard.

A name that uses a short form the paper defined is the long form's name: "NIS expression" in a paper
that wrote "sodium/iodide symporter (NIS)" is "sodium/iodide symporter expression". A short form the
paper does not define takes the long form the rest of the corpus gives it, when the papers that define
it agree (``corpus_abbreviations``). Everything here is pure: the graph service passes page text in.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping

__all__ = [
    "corpus_abbreviations",
    "expand_abbreviations",
    "find_abbreviations",
    "paper_abbreviations",
    "spell_out",
]

_PARENTHESIS = re.compile(r"\(([^()]{1,120})\)")
_SENTENCE_BREAK = re.compile(r"[.;:!?](?:\s|$)|[\[\]{}]")
_AGREEMENT = 0.75  # share of the defining papers that must agree on a short form's long form


def _valid_short_form(candidate: str) -> bool:
    """2-10 characters, at most two words, starting with a letter or digit, with a letter, and with a
    capital or a digit: "(see above)" and "(in vivo)" define nothing."""
    return (
        2 <= len(candidate) <= 10
        and len(candidate.split()) <= 2
        and candidate[0].isalnum()
        and any(ch.isalpha() for ch in candidate)
        and any(ch.isupper() or ch.isdigit() for ch in candidate)
    )


_STOPWORDS = frozenset("a an and as at by for from in into of on or the to with".split())


def _initials_long_form(short: str, before: str) -> str | None:
    """The fallback for symbols: as many words as the short form has letters, their initials matching
    it but for one ("sodium/iodide symporter (NIS)": N is sodium's chemical symbol)."""
    letters = [ch.lower() for ch in short if ch.isalnum()]
    if len(letters) < 3:
        return None
    parts = re.split(r"([\s/-]+)", before)
    words = [(i, w) for i, w in enumerate(parts) if w and not re.fullmatch(r"[\s/-]+", w)]
    if len(words) < len(letters):
        return None
    chosen = words[-len(letters) :]
    if any(w.lower() in _STOPWORDS for _, w in chosen):
        return None
    mismatches = sum(w[0].lower() != c for (_, w), c in zip(chosen, letters, strict=True))
    if mismatches > 1:
        return None
    return "".join(parts[chosen[0][0] :]).strip() or None


def _best_long_form(short: str, long: str) -> str | None:
    """Schwartz–Hearst: the shortest end of ``long`` holding the short form's characters in order."""
    s, i = len(short) - 1, len(long) - 1
    while s >= 0:
        c = short[s].lower()
        if not c.isalnum():
            s -= 1
            continue
        # the first character of the short form must start a word of the long form
        while i >= 0 and (long[i].lower() != c or (s == 0 and i > 0 and long[i - 1].isalnum())):
            i -= 1
        if i < 0:
            return None
        i -= 1
        s -= 1
    start = max(long.rfind(" ", 0, i + 1) + 1, 0)
    found = long[start:].strip()
    return found or None


def _words_before(text: str, end: int, limit: int) -> str:
    """Up to ``limit`` words before ``end``, not reaching back across a sentence break."""
    head = text[max(0, end - 400) : end]
    breaks = list(_SENTENCE_BREAK.finditer(head))
    if breaks:
        head = head[breaks[-1].end() :]
    words = head.split()
    return " ".join(words[-limit:])


def find_abbreviations(text: str) -> list[tuple[str, str]]:
    """Every ``(short form, long form)`` definition in ``text``, in order.

    Examples
    --------
    >>> find_abbreviations("Uptake by the sodium/iodide symporter (NIS) fell; NIS levels rose.")
    [('NIS', 'sodium/iodide symporter')]
    >>> find_abbreviations("With obstructive sleep apnoea (OSA, n = 12) and C-reactive protein (CRP).")
    [('OSA', 'obstructive sleep apnoea'), ('CRP', 'C-reactive protein')]
    >>> find_abbreviations("TNF (tumour necrosis factor) rose in 2019 (95% CI)")
    [('TNF', 'tumour necrosis factor')]
    """
    found: list[tuple[str, str]] = []
    for match in _PARENTHESIS.finditer(text):
        inside = match.group(1).strip()
        short = re.split(r"[,;]\s", inside, maxsplit=1)[0].strip()
        if _valid_short_form(short):
            limit = min(len(short) + 5, 2 * len(short))
            before = _words_before(text, match.start(), limit)
            long = (_best_long_form(short, before) or _initials_long_form(short, before)) if before else None
            if long and _acceptable(short, long):
                found.append((short, long))
            continue
        # "SF (long form)": the word before the parenthesis is the short form
        words = text[max(0, match.start() - 40) : match.start()].split()
        if not words or len(inside.split()) < 2:
            continue
        short = words[-1].strip(",;:")
        if _valid_short_form(short) and len(inside) > len(short):
            long = _best_long_form(short, inside)
            if long and long == inside and _acceptable(short, long):
                found.append((short, long))
    return found


def _acceptable(short: str, long: str) -> bool:
    words = long.split()
    return (
        len(long) > len(short)
        and short.lower() not in (w.lower() for w in words)
        and len(words) <= min(len(short) + 5, 2 * len(short))
        and any(ch.isalpha() for ch in long)
    )


def paper_abbreviations(text: str) -> dict[str, str]:
    """Short form -> long form as the paper first defines it."""
    defined: dict[str, str] = {}
    for short, long in find_abbreviations(text):
        defined.setdefault(short, long)
    return defined


def corpus_abbreviations(per_paper: Iterable[Mapping[str, str]]) -> dict[str, str]:
    """Short forms whose defining papers agree on one long form (case and spacing ignored)."""
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    spelled: dict[tuple[str, str], str] = {}
    for defined in per_paper:
        for short, long in defined.items():
            key = " ".join(long.lower().split())
            votes[short][key] += 1
            spelled.setdefault((short, key), long)
    agreed = {}
    for short, counter in votes.items():
        (key, n), total = counter.most_common(1)[0], sum(counter.values())
        if n / total >= _AGREEMENT:
            agreed[short] = spelled[(short, key)]
    return dict(sorted(agreed.items()))


def expand_abbreviations(
    name: str, defined: Mapping[str, str], fallback: Mapping[str, str] | None = None
) -> str:
    """``name`` with each short form in ``defined`` (a whole word, or its plural) replaced by its long form.

    ``fallback`` holds the short forms to use where ``defined`` has none (the corpus's). A name that
    already spells the long form keeps it, and a trailing "(SF)" goes.

    >>> expand_abbreviations("NIS expression", {"NIS": "sodium/iodide symporter"})
    'sodium/iodide symporter expression'
    >>> expand_abbreviations("sodium/iodide symporter (NIS)", {"NIS": "sodium/iodide symporter"})
    'sodium/iodide symporter'
    >>> expand_abbreviations("ANISOTROPY", {"NIS": "x"})
    'ANISOTROPY'
    """
    return spell_out(name, defined, fallback)[0]


def spell_out(
    name: str, defined: Mapping[str, str], fallback: Mapping[str, str] | None = None
) -> tuple[str, tuple[str, ...]]:
    """``expand_abbreviations``, and the short forms it spelt out."""
    if not defined and not fallback:
        return name, ()
    fallback = fallback or {}
    out: list[str] = []
    used: list[str] = []
    for token in _TOKENS.split(name):
        base = token
        if token not in defined and token not in fallback and token.endswith("s"):
            base = token[:-1]
        long = defined.get(base) or fallback.get(base) if base else None
        if long is None:
            out.append(token)
            continue
        used.append(base)
        if long.lower() in name.lower():
            out.append("")  # "C-reactive protein (CRP)": the long form is already there
        else:
            out.append(long + ("s" if base != token else ""))
    if not used:
        return name, ()
    expanded = re.sub(r"\s*\(\s*\)", "", "".join(out))  # "interleukin (IL)-8" -> "interleukin-8"
    return " ".join(expanded.split()).strip(" ,;"), tuple(dict.fromkeys(used))


_TOKENS = re.compile(r"(\W+)")
