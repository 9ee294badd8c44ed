"""Text out of markdown-it tokens: plain text with links marked, anchors, the source
Markdown of blocks, escapes and invisible characters removed."""

from __future__ import annotations

import operator
import re
from collections.abc import Sequence

from markdown_it.token import Token

# Backslash escapes of ASCII punctuation (CommonMark), as the docs write `\.` and `\(`.
_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")
_escaped = operator.itemgetter(1)  # the escaped character; faster than the template r"\1"
_CODE_SPAN = re.compile(r"(`+)(.+?)\1", re.DOTALL)
# Descriptions are display text that ends up in docstrings, Markdown and HTML. Control
# characters (terminal escapes) and bidirectional overrides ("Trojan Source",
# CVE-2021-42574) would make that output read differently from what it is, so they are
# dropped when a description is read; tabs and line ends stay.
_INVISIBLE = dict.fromkeys(
    [
        *range(0x09),
        *range(0x0B, 0x20),
        *range(0x7F, 0xA0),
        *range(0x202A, 0x202F),
        *range(0x2066, 0x206A),
    ]
)


def plain(children: Sequence[Token], link_marker: bool = False, strong_marker: bool = False) -> str:
    """Text of inline tokens. Links become ``@href`` (with link_marker) so that a
    ``Type:`` value keeps which page it refers to; code spans keep their content."""
    parts: list[str] = []
    in_link = False
    for child in children:
        if child.type == "link_open":
            href = str(child.attrs.get("href", ""))
            if link_marker:
                parts.append(f"@{href}")
                in_link = True
        elif child.type == "link_close":
            in_link = False
        elif child.type in ("strong_open", "strong_close") and strong_marker:
            parts.append("**")
        elif in_link:
            continue
        elif child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
    return "".join(parts)


def anchor(inline: Token) -> str | None:
    return anchor_in(inline.children or [])


def anchor_in(children: Sequence[Token]) -> str | None:
    for child in children:
        if child.type == "html_inline":
            match = re.match(r'<a\s+name="([^"]+)"', child.content)
            if match:
                return match.group(1)
    return None


def markdown_of(tokens: Sequence[Token], lines: list[str]) -> str:
    """The source Markdown of top-level block tokens, escapes removed, blocks separated by a
    blank line."""
    blocks = []
    for token in tokens:
        if token.map is not None and token.level == 0 and token.type != "inline":
            start, end = token.map
            blocks.append(dedent("\n".join(lines[start:end])))
    return unescape_markdown("\n\n".join(b for b in blocks if b.strip()))


def dedent(text: str) -> str:
    return "\n".join(line.strip() for line in text.strip().split("\n"))


def unescape_markdown(text: str) -> str:
    """Remove Markdown backslash escapes from prose, leaving code spans verbatim, and the
    invisible control characters no description needs (see ``_INVISIBLE``)."""
    text = text.translate(_INVISIBLE)
    if "`" not in text:
        return _ESCAPE.sub(_escaped, text).strip()
    out = []
    pos = 0
    for match in _CODE_SPAN.finditer(text):
        out.append(_ESCAPE.sub(_escaped, text[pos : match.start()]))
        out.append(match.group(0))
        pos = match.end()
    out.append(_ESCAPE.sub(_escaped, text[pos:]))
    return "".join(out).strip()


def line_of(token: Token) -> int:
    return token.map[0] + 1 if token.map else 0
