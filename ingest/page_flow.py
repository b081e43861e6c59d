"""Where the text layer's reading order is not the paper's: lines that are not prose, and sentences
that go on over a page break past them.

Pure functions on one document's lines (after running headers and footers are gone), used by
``clean.py`` before lines are joined into paragraphs:

- :func:`label_run_lines`: a run of lines much shorter than the document's prose lines is the text of
  a figure (axis labels, tick numbers, panel letters), the rows of a table, or the short lines of a
  margin box (a publisher's marks, "OPEN ACCESS"). Each such line stays a paragraph of its own, so
  that no "sentence" is made of a whole figure's labels, nor a body sentence runs into them.
- :func:`join_page_breaks`: a page whose last prose line stops mid-sentence, with only text that is
  not prose after it (a table and its caption, a figure, a summary box, a margin block of the first
  page), while the next page opens with the rest of the sentence in lower case. The rest is moved to
  the page where the sentence starts, right after its first half, and the block after it stays a
  paragraph of its own. A quote then gives the page where its sentence begins, as a reader cites it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from causemap.ingest.sentences import split_sentences

# A line at most this share of the document's prose width is a label, a cell or a margin line...
_SHORT_SHARE = 0.4
# ...when at least this many such lines stand together (a paragraph's last line stands alone).
_MIN_RUN = 4
# A prose line wrapped at the column's edge is this close to the document's prose width.
_WIDTH_TOLERANCE = 0.15
# Prose goes on after a line when this many lines of prose width follow together.
_PROSE_RUN = 3
# The rest of a sentence cut by a page break ends within this many lines of the next page.
_MAX_CONTINUATION_LINES = 6
# A sentence's end at a line's end: its mark, closing quotes or brackets, a citation number ("smoke. 10").
_END_TAIL = r"[\"'”’)\]]*(?:\s?\d{1,3}(?:[,–-]\d{1,3})*)?\s*$"
_ENDS_SENTENCE = re.compile(r"[.?!:;]" + _END_TAIL)  # or of a clause, which a block may follow
_ENDS_PROSE = re.compile(r"[.?!]" + _END_TAIL)
_OPENS_LOWER = re.compile(r"^[(\[\"“‘]?[a-z\u00df-\u00ff][A-Za-z\u00c0-\u024f]*(?!\d)")
# A sentence's rest opens in lower case, or with a bracket ("(P < 0.0001); the mean ...") or a comma.
_OPENS_REST = re.compile(r"^(?:[(\[,;]|[\"“‘]?[a-z\u00df-\u00ff][A-Za-z\u00c0-\u024f]*(?!\d))")
_ENDS_OPEN = re.compile(r"[\w,)\]%’”-]$")
# "Table 3. Fold change ...", "Figure 2 Transcripts ...", "table 4 | Maternal ...": a caption opens its
# block ("Table 1 is presenting ..." is prose).
_CAPTION_OPENS = re.compile(r"^(?i:table|fig(?:ure)?\.?|box)\s*[A-Z]?\d+[A-Za-z]?(?:\s*[.:|]|\s+[A-Z(])")
# "1The name of the package ...": a footnote's number run into its first word.
_FOOTNOTE_OPENS = re.compile(r"^\d{1,2}[A-Z][a-z]")
_MAX_CAPTION_LINES = 30
_CITATION_OPENS = re.compile(r"^[\[(]\d{1,3}(?:\s?[,;–-]\s?\d{1,3})*[\])]\.(?=\s|$)")
# A sentence cut by a page break goes on at most this many pages later (after pages of figures).
_MAX_PAGES_PAST = 3
_WORD_TOKEN = re.compile(r"^[(\[\"“‘]?[A-Za-z\u00c0-\u024f][A-Za-z\u00c0-\u024f'’-]*[.,;:)\]\"”’]*$")
_WORD_SHARE = 0.6
_MIN_TOLERANCE = 9.0


def label_run_lines(lines: Sequence[str], width: float) -> frozenset[int]:
    """Indices of the lines in runs of at least ``_MIN_RUN`` consecutive short lines (at most
    ``_SHORT_SHARE`` of the prose ``width``): a figure's labels, a table's rows, a margin block.

    >>> lines = ["A full line of running prose that goes on to the edge of its column here.",
    ...          "0", "10", "20", "distance (um)", "count", "Another line of prose, full width."]
    >>> sorted(label_run_lines(lines, 75.0))
    [1, 2, 3, 4, 5]
    """
    limit = _SHORT_SHARE * width
    found: set[int] = set()
    run: list[int] = []
    for index, line in enumerate([*lines, ""]):
        text = line.strip()
        if text and len(text) <= limit and index < len(lines):
            run.append(index)
            continue
        before = lines[run[0] - 1].strip() if run and run[0] > 0 else ""
        if before and not _ENDS_SENTENCE.search(before) and _ENDS_PROSE.search(lines[run[0]]):
            run = run[1:]  # the last line of the paragraph before: "... kept" | "for longer."
        if len(run) >= _MIN_RUN:
            found.update(run)
        run = []
    return frozenset(found)


def _tolerance(width: float) -> float:
    """How far a line of prose may fall short of (or pass) the prose width, in characters: justified
    lines of a narrow column vary more, as a share of it, than those of a wide one."""
    return max(_WIDTH_TOLERANCE * width, _MIN_TOLERANCE)


def _is_prose(line: str, width: float) -> bool:
    """A line of running text: about the prose width, and mostly words (a table's row is mostly
    numbers)."""
    text = line.strip()
    tokens = text.split()
    words = sum(bool(_WORD_TOKEN.match(token)) for token in tokens)
    return abs(len(text) - width) <= _tolerance(width) and words >= _WORD_SHARE * len(tokens)


def _is_wrapped_prose(line: str, width: float) -> bool:
    """A line of running text that the column's edge cut: prose, open at its end."""
    text = line.strip()
    return (
        _is_prose(text, width)
        and bool(_ENDS_OPEN.search(text))
        and not _ENDS_SENTENCE.search(text)
        and len(text.split()) >= 4
    )


def _starts_block(line: str, width: float, label: bool) -> bool:
    """Whether ``line``, after a prose line cut mid-sentence, opens a block that is not its
    paragraph: a caption or a footnote, a run of labels (``label``), or a line not as wide as the
    column's prose (a box, a sidebar) that neither goes on in lower case nor ends the sentence."""
    text = line.strip()
    if _CAPTION_OPENS.match(text) or _FOOTNOTE_OPENS.match(text) or (label and not _OPENS_LOWER.match(text)):
        return True
    if _OPENS_LOWER.match(text) or (_ENDS_SENTENCE.search(text) and len(text) <= width + _tolerance(width)):
        return False
    return abs(len(text) - width) > _tolerance(width)


def _in_caption(lines: Sequence[str], content: Sequence[int], position: int, width: float) -> bool:
    """Whether the lines of at least prose width that end at ``content[position]`` open with a
    caption's label: a caption's last line is cut by the page, not a sentence of the body."""
    for back in range(position, max(position - _MAX_CAPTION_LINES, -1), -1):
        text = lines[content[back]].strip()
        if _CAPTION_OPENS.match(text):
            return True
        if len(text) < width - _tolerance(width):
            return False
    return False


def _caption_lines(lines: Sequence[str], content: Sequence[int], width: float) -> frozenset[int]:
    """The lines of the page's captions: a caption's label opens its first line, and it goes on
    while its lines are as wide as prose, to its last, shorter line. A caption at the page's foot
    is not the prose that goes on after a cut sentence."""
    found: set[int] = set()
    inside = False
    for index in content:
        text = lines[index].strip()
        if _CAPTION_OPENS.match(text):
            inside = True
        if inside:
            found.add(index)
            inside = len(text) >= width - _tolerance(width)
    return frozenset(found)


def _open_line(lines: Sequence[str], width: float) -> int | None:
    """The page's line of prose cut mid-sentence with only non-prose text after it, or None: the
    first line that the column's edge cut (:func:`_is_wrapped_prose`), not in a caption, after which
    the next line opens a block (:func:`_starts_block`), with no prose after it (``_PROSE_RUN`` lines
    of prose width together): the rows of a table may be as wide as prose, but few of them are."""
    content = [i for i, line in enumerate(lines) if line.strip()]
    captions = _caption_lines(lines, content, width)
    prose = [_is_prose(lines[i], width) and i not in captions for i in content]
    labels = label_run_lines(lines, width)
    last_run = max(
        (p for p in range(len(content) - _PROSE_RUN + 1) if all(prose[p : p + _PROSE_RUN])), default=-1
    )
    for position in range(max(last_run, 0), len(content)):
        if not _is_wrapped_prose(lines[content[position]], width):
            continue
        following = content[position + 1 : position + 2]
        if (
            not following or _starts_block(lines[following[0]], width, following[0] in labels)
        ) and not _in_caption(lines, content, position, width):
            return content[position]
    return None


def _continuation(lines: Sequence[str], width: float) -> tuple[list[str], list[str]] | None:
    """The next page's opening lines up to the end of the sentence they finish, and the rest of the
    page (the finishing line cut after its sentence end); None when the page does not open in lower
    case or its sentence does not end within a few lines."""
    content = [i for i, line in enumerate(lines) if line.strip()]
    first = lines[content[0]].strip() if content else ""
    label = len(first) <= _SHORT_SHARE * width and not _ENDS_PROSE.search(first)
    if not _OPENS_REST.match(first) or label:
        return None  # no lower-case opening, or a label ("time", a figure's axis) at the page's top
    texts = [lines[index].strip() for index in content[:_MAX_CONTINUATION_LINES]]
    joined = " ".join(texts)
    spans = split_sentences(joined)  # abbreviations ("Fig.", "et al.") end no sentence
    if not spans or (spans[0][1] == len(joined) and not _ENDS_PROSE.search(joined)):
        return None
    end, offset = spans[0][1], 0
    for number, text in enumerate(texts):
        if end <= offset + len(text):
            head, tail = text[: end - offset], text[end - offset :].strip()
            citation = _CITATION_OPENS.match(tail)  # "... vulgare L.)" | "[25]. Differing ..."
            if citation is not None:
                head, tail = f"{head} {citation.group().strip()}", tail[citation.end() :].strip()
            moved = [*(lines[i] for i in content[:number]), head]
            return moved, ([tail] if tail else []) + list(lines[content[number] + 1 :])
        offset += len(text) + 1
    return None


def _has_prose(lines: Sequence[str], width: float) -> bool:
    """Whether a page holds any line of prose outside its captions (a page of a figure holds none)."""
    content = [i for i, line in enumerate(lines) if line.strip()]
    captions = _caption_lines(lines, content, width)
    return any(_is_prose(lines[i], width) and i not in captions for i in content)


def join_page_breaks(pages: Sequence[Sequence[str]], width: float) -> list[list[str]]:
    """Each page's lines, with the rest of a sentence that a page break (and whatever non-prose
    block came after its first half) cut moved back after its first half; a blank line then parts it
    from the block. Pages without such a break are returned as they are."""
    result = [list(lines) for lines in pages]
    for number in range(len(result) - 1):
        at = _open_line(result[number], width)
        if at is None:
            continue
        following = number + 1  # past whole pages of figures or tables: the prose goes on after them
        while following < min(len(result) - 1, number + _MAX_PAGES_PAST) and not _has_prose(
            result[following], width
        ):
            following += 1
        found = _continuation(result[following], width)
        if found is None:
            continue
        moved, rest = found
        page = result[number]
        block = page[at + 1 :]
        result[number] = page[: at + 1] + moved + ([""] + block if block else [])
        result[following] = rest
    return result
