"""Member entries: a bold name, its description and its field lines (``Type:``,
``Required:``, constraints), grouped from a section's tokens."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from functools import partial

from markdown_it.token import Token

from ..model import SourceLocation
from .records import FIELD_BY_KEY, FieldLine, MemberEntry, spelling_key
from .text import anchor_in, dedent, line_of, plain, unescape_markdown


def member_entries(body: list[Token], lines: list[str], path: str) -> list[MemberEntry]:
    """Group a section's tokens into member entries: each starts at a paragraph whose first
    line is a bold name, and runs to the next such paragraph."""
    starts: list[tuple[int, str, str | None]] = []
    for i, token in enumerate(body):
        if token.type == "inline" and body[i - 1].type == "paragraph_open":
            header = _member_header(token, partial(_fields_follow, body, i))
            if header is not None:
                starts.append((i, *header))
    entries = []
    for n, (i, name, anchor) in enumerate(starts):
        end = starts[n + 1][0] - 1 if n + 1 < len(starts) else len(body)
        entries.append(_member_entry(name, anchor, body[i:end], lines, path))
    return entries


def _member_entry(
    name: str, anchor: str | None, tokens: list[Token], lines: list[str], path: str
) -> MemberEntry:
    header_line = line_of(tokens[0])
    fields: list[FieldLine] = []
    for token in tokens:
        if token.type == "inline" and token.map is not None:
            fields.extend(_field_lines(token, path))
    field_lines = {f.source.line for f in fields}
    last = max((t.map[1] for t in tokens if t.map is not None), default=header_line)
    lead = _trailing_lead(tokens)
    if lead is not None:
        last = min(last, lead - 1)
    description = [
        lines[n - 1]
        for n in range(header_line + 1, last + 1)
        if n not in field_lines and n - 1 < len(lines)
    ]
    return MemberEntry(
        name=name,
        anchor=anchor,
        documentation=unescape_markdown(dedent("\n".join(description))),
        fields=tuple(fields),
        source=SourceLocation(path, header_line),
    )


def _trailing_lead(tokens: list[Token]) -> int | None:
    """The line of an entry's last paragraph if it announces what comes after the entry
    ("The response returns the following HTTP headers."): one line saying "the following",
    with nothing following it in the entry, speaks for the section, not for the member."""
    if len(tokens) < 4 or [t.type for t in tokens[-3:]] != [
        "paragraph_open",
        "inline",
        "paragraph_close",
    ]:
        return None
    opening, text = tokens[-3], tokens[-2].content.strip()
    if opening.hidden or opening.map is None or "\n" in text:
        return None
    if "the following" not in text.lower() or not text.endswith((".", ":")):
        return None
    return opening.map[0] + 1


def _field_lines(inline: Token, path: str) -> Iterator[FieldLine]:
    assert inline.map is not None
    raw_lines = inline.content.split("\n")
    for offset, children in enumerate(_split_lines(inline.children or [])):
        # Most lines are description; a field line has a colon in its text.
        if not any(":" in child.content for child in children):
            continue
        text = plain(children, link_marker=True).strip()
        written, sep, value = text.partition(":")
        name = FIELD_BY_KEY.get(spelling_key(written)) if sep else None
        if name is not None:
            code = tuple(c.content for c in children if c.type == "code_inline")
            if name.endswith("Pattern") and offset < len(raw_lines):
                code = _unbroken_pattern(raw_lines[offset]) or code
            yield FieldLine(
                name,
                value.strip(),
                code,
                SourceLocation(path, inline.map[0] + 1 + offset),
            )


def _unbroken_pattern(raw_line: str) -> tuple[str, ...] | None:
    """The pattern of a line whose pattern holds a backtick. The docs leave it unescaped, so
    Markdown ends the code span early; with an odd number of backticks on the line the
    pattern is everything between the first backtick and the last."""
    count = raw_line.count("`")
    if count < 3 or count % 2 == 0:
        return None
    return (raw_line[raw_line.index("`") + 1 : raw_line.rindex("`")],)


def _fields_follow(body: list[Token], i: int) -> bool:
    """Whether the paragraph after the inline token ``body[i]`` holds a field line
    (``Type:``, ``Required:``, a constraint, ``HTTP Status Code:``) on any line: a member
    whose empty description line split its entry (the fields first), or an entry whose
    name a blank line parted from its description (the fields after it). A list item is
    no such paragraph: a bold word above a list is a subheading of a description."""
    for j in range(i + 1, len(body)):
        if body[j].type == "inline":
            if body[j - 1].type != "paragraph_open" or body[j - 1].hidden:
                return False
            lines = body[j].content.split("\n")
            return any(spelling_key(line.partition(":")[0]) in FIELD_BY_KEY for line in lines)
    return False


def _member_header(
    inline: Token, fields_follow: Callable[[], bool] = lambda: False
) -> tuple[str, str | None] | None:
    """``**Name**`` or ``** [Name](#...) **`` alone on the first line, optionally followed by
    an ``<a name=...>`` anchor: the start of a member (or error) entry.

    Without an anchor the paragraph must go on after the name (an error entry's
    description), or the next paragraph start with a field line (a member whose empty
    description line split its entry): a bold word alone in its paragraph is otherwise a
    subheading inside a member's description, such as ``**Destinations**`` above a list."""
    children = inline.children or []
    first = _first_line(children)
    if not _starts_with_asterisk(first):  # most paragraphs: no need to build their text
        return None
    text = plain(first, strong_marker=True).strip()
    if len(text) < 5 or not (text.startswith("**") and text.endswith("**")):
        return None
    name = text[2:-2].strip()
    if name.split() != [name] or "*" in name:  # empty, or more than one word
        return None
    anchor = anchor_in(first)
    if anchor is None and not plain(children[len(first) + 1 :]).strip() and not fields_follow():
        return None
    return name, anchor


def _starts_with_asterisk(children: Sequence[Token]) -> bool:
    """Whether ``plain(children, strong_marker=True).strip()`` starts with ``*``."""
    for child in children:
        if child.type == "strong_open":
            return True
        if child.type in ("text", "code_inline") and child.content.strip():
            return child.content.lstrip().startswith("*")
    return False


def _first_line(children: Sequence[Token]) -> Sequence[Token]:
    for n, child in enumerate(children):
        if child.type in ("softbreak", "hardbreak"):
            return children[:n]
    return children


def _split_lines(children: Sequence[Token]) -> Iterator[list[Token]]:
    line: list[Token] = []
    for child in children:
        if child.type in ("softbreak", "hardbreak"):
            yield line
            line = []
        else:
            line.append(child)
    yield line
