"""The docs' Markdown descriptions, re-rendered for our pages.

Descriptions are parsed with markdown-it-py (``html=False``: raw HTML in a description is
text, never markup) and written out again as HTML or as Markdown, with links rewritten:

- ``API_X.md`` (with or without a fragment) -> our page for X, when we have one;
- absolute ``http(s)://`` links are kept;
- every other link (relative pages of the original site, bare anchors, other schemes)
  is dropped, leaving its text.

The Markdown writer escapes every character that could start markup, so text from the
docs cannot open HTML, links or template syntax (``{{``, ``{%``) in the output either.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from markdown_it import MarkdownIt
from markdown_it.token import Token

from .catalog import Inline

Resolve = Callable[[str], str | None]
"""href from the docs -> URL for the page being written, or None to drop the link."""

_PARSER = MarkdownIt("commonmark", {"html": False, "linkify": False})
_API_PAGE = re.compile(r"^(?:\./)?API_([A-Za-z0-9_.-]+?)\.md(?:#.*)?$")
_ABSOLUTE = re.compile(r"^https?://", re.IGNORECASE)


def api_page_name(href: str) -> str | None:
    """``API_Channel.md#frag`` -> ``Channel``."""
    match = _API_PAGE.match(href.strip())
    return match.group(1) if match else None


def is_absolute(href: str) -> bool:
    return bool(_ABSOLUTE.match(href.strip()))


# ---------------------------------------------------------------------------------------
# HTML


def to_html(text: str, resolve: Resolve) -> str:
    """Safe HTML for a description (markdown-it escapes all text)."""
    tokens = _PARSER.parse(text)
    for token in tokens:
        if token.children:
            token.children = _rewrite_links(token.children, resolve)
    return str(_PARSER.renderer.render(tokens, _PARSER.options, {}))


def _rewrite_links(children: list[Token], resolve: Resolve) -> list[Token]:
    kept: list[Token] = []
    dropping: list[bool] = []
    for child in children:
        if child.type == "link_open":
            url = resolve(str(child.attrGet("href") or ""))
            dropping.append(url is None)
            if url is None:
                continue
            child.attrSet("href", url)
        elif child.type == "link_close" and dropping.pop():
            continue
        kept.append(child)
    return kept


# ---------------------------------------------------------------------------------------
# Markdown

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|{}#~!&$%])")
_BLOCK_START = re.compile(r"^(\s*)([-+=]|\d+[.)])")


def escape_markdown(text: str) -> str:
    """Plain text -> Markdown that displays exactly that text, with no markup."""
    escaped = _MD_SPECIAL.sub(r"\\\1", text.replace("\n", " "))
    return _BLOCK_START.sub(lambda m: m.group(1) + "\\" + m.group(2), escaped)


def code_span(text: str) -> str:
    """A Markdown code span holding ``text`` verbatim."""
    text = text.replace("\n", " ")
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if text.startswith(("`", " ")) or text.endswith(("`", " ")) else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def inline_markdown(inline: Inline, link: Callable[[str], str]) -> str:
    """Our own inline segments (types, constraints) as Markdown."""
    out = []
    for segment in inline:
        if segment.code:
            out.append(code_span(segment.text))
        elif segment.target is not None:
            out.append(f"[{escape_markdown(segment.text)}]({link(segment.target)})")
        else:
            out.append(escape_markdown(segment.text))
    return "".join(out)


def to_markdown(text: str, resolve: Resolve) -> str:
    """Markdown for a description: same structure, links rewritten, text escaped."""
    writer = _MarkdownWriter(resolve)
    writer.blocks(_PARSER.parse(text))
    return "\n".join(writer.lines).strip("\n")


class _MarkdownWriter:
    """Writes markdown-it block tokens back as Markdown (the subset descriptions use:
    paragraphs, lists, block quotes, code; anything else degrades to escaped text)."""

    def __init__(self, resolve: Resolve) -> None:
        self.resolve = resolve
        self.lines: list[str] = []
        self.prefixes: list[str] = []
        self.first_prefix: str | None = None
        self.ordinals: list[int | None] = []

    def emit(self, text: str) -> None:
        for index, line in enumerate(text.split("\n")):
            prefix = "".join(self.prefixes)
            if index == 0 and self.first_prefix is not None:
                prefix = "".join(self.prefixes[:-1]) + self.first_prefix
                self.first_prefix = None
            self.lines.append((prefix + line).rstrip())

    def blank(self) -> None:
        if self.lines and self.lines[-1].strip(" >") != "":
            self.lines.append("".join(self.prefixes).rstrip())

    def blocks(self, tokens: Sequence[Token]) -> None:
        for token in tokens:
            self.block(token)

    def block(self, token: Token) -> None:
        kind = token.type
        if kind == "inline":
            self.emit(self.inline(token.children or []))
        elif kind in ("paragraph_close", "heading_close"):
            if not token.hidden:
                self.blank()
        elif kind in ("bullet_list_open", "ordered_list_open"):
            self.blank()
            start = token.attrGet("start")
            self.ordinals.append(None if kind == "bullet_list_open" else int(start or 1))
        elif kind in ("bullet_list_close", "ordered_list_close"):
            self.ordinals.pop()
            self.blank()
        elif kind == "list_item_open":
            self._open_item()
        elif kind == "list_item_close":
            self.prefixes.pop()
        elif kind == "blockquote_open":
            self.blank()
            self.prefixes.append("> ")
        elif kind == "blockquote_close":
            self.prefixes.pop()
            self.blank()
        elif kind in ("fence", "code_block"):
            self._code_block(token.content)
        elif kind == "hr":
            self.emit("* * *")
            self.blank()

    def _open_item(self) -> None:
        ordinal = self.ordinals[-1]
        if ordinal is None:
            marker = "- "
        else:
            marker = f"{ordinal}. "
            self.ordinals[-1] = ordinal + 1
        self.prefixes.append(" " * len(marker))
        self.first_prefix = marker

    def _code_block(self, content: str) -> None:
        longest = max((len(run) for run in re.findall(r"^`{3,}", content, re.MULTILINE)), default=2)
        fence = "`" * (longest + 1)
        self.emit(f"{fence}\n{content.rstrip(chr(10))}\n{fence}")
        self.blank()

    def inline(self, children: Sequence[Token]) -> str:
        out: list[str] = []
        open_links: list[str | None] = []
        for child in children:
            kind = child.type
            if kind == "text":
                out.append(escape_markdown(child.content))
            elif kind == "code_inline":
                out.append(code_span(child.content))
            elif kind in ("softbreak", "hardbreak"):
                out.append(" ")
            elif kind in ("strong_open", "strong_close"):
                out.append("**")
            elif kind in ("em_open", "em_close"):
                out.append("*")
            elif kind == "link_open":
                url = self.resolve(str(child.attrGet("href") or ""))
                open_links.append(url)
                if url is not None:
                    out.append("[")
            elif kind == "link_close":
                closed = open_links.pop()
                if closed is not None:
                    out.append(f"]({markdown_url(closed)})")
            else:
                out.append(escape_markdown(child.content))
        return "".join(out)


def markdown_url(url: str) -> str:
    """A link destination that cannot break out of ``(...)``."""
    return url.replace(" ", "%20").replace("(", "%28").replace(")", "%29").replace("<", "%3C")


def plain_text(text: str) -> str:
    """A description as one line of plain text (for summaries and the search index)."""
    words: list[str] = []
    for token in _PARSER.parse(text):
        for child in token.children or []:
            if child.type in ("text", "code_inline"):
                words.append(child.content)
            elif child.type in ("softbreak", "hardbreak"):
                words.append(" ")
        if token.type in ("paragraph_close", "list_item_close"):
            words.append(" ")
    return re.sub(r"\s+", " ", "".join(words)).strip()


def summary(text: str, limit: int = 160) -> str:
    """The first sentence of a description, cut to ``limit`` characters."""
    plain = plain_text(text)
    match = re.search(r"(?<=[.!?])\s", plain)
    first = plain[: match.start()] if match else plain
    return first if len(first) <= limit else first[: limit - 1].rstrip() + "…"
