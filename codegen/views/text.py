"""Text from the docs, made fit for Python source: plain docstring text and literals."""

from __future__ import annotations

import re
import textwrap
import unicodedata

_LINK = re.compile(r"\[([^\]]*)\]\(([^)\s]*)\)")
_EMPHASIS = re.compile(r"(\*\*|__)(.+?)\1")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|<>~\"'])")
DOC_WIDTH = 80


def doc_text(markdown: str) -> str:
    """The docs' Markdown as plain text: links become their text (with the address when
    it leads outside these docs), emphasis and escapes go, bullets become ``-``, long
    lines are wrapped."""
    lines: list[str] = []
    for line in markdown.strip().splitlines():
        text = _LINK.sub(_link_text, line)
        text = _EMPHASIS.sub(r"\2", text)
        text = _ESCAPE.sub(r"\1", text).rstrip()
        bullet = re.match(r"(\s*)[+*-]\s+", text)
        if bullet:
            body = text[bullet.end() :]
            lines.extend(
                textwrap.wrap(
                    body,
                    DOC_WIDTH,
                    initial_indent="- ",
                    subsequent_indent="  ",
                    break_long_words=False,
                    break_on_hyphens=False,
                )
            )
        elif text:
            lines.extend(
                textwrap.wrap(text, DOC_WIDTH, break_long_words=False, break_on_hyphens=False)
            )
        elif lines and lines[-1]:
            lines.append("")
    return "\n".join(lines).strip()


def _link_text(match: re.Match[str]) -> str:
    text, url = match.group(1).strip(), match.group(2)
    if url.startswith(("http://", "https://")):
        return f"{text} ({url})" if text else url
    return text


def string_literal(text: str, indent: int = 0) -> str:
    """A triple-quoted Python literal whose value is ``text`` (continuation lines indented
    by ``indent`` spaces): valid whatever the text holds, by construction."""
    out = []
    for char in text:
        if char == "\\":
            out.append("\\\\")
        elif char == "\n":
            out.append("\n" + " " * indent if indent else "\n")
        elif char != "\t" and unicodedata.category(char) in ("Cc", "Cs", "Zl", "Zp"):
            code = ord(char)
            out.append(f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")
        else:
            out.append(char)
    body = "".join(out).replace('"""', '\\"\\"\\"')
    if body.endswith('"'):
        body = body[:-1] + '\\"'
    return f'"""{body}"""'


def wrap(text: str) -> str:
    """Paragraphs (and ``- `` bullets) wrapped for a docstring."""
    lines: list[str] = []
    for line in text.split("\n"):
        indent = "  " if line.startswith("- ") else ""
        lines.extend(
            textwrap.wrap(
                line, 80, subsequent_indent=indent, break_long_words=False, break_on_hyphens=False
            )
            or [""]
        )
    return "\n".join(lines)


def first_sentence(text: str) -> str:
    flat = " ".join(text.split())
    end = flat.find(". ")
    return flat if end < 0 else flat[: end + 1]
