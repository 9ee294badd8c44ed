"""Stage 1: read reference pages into page records, using markdown-it-py's token stream.

This stage knows the page *layout* (headings, member entries, field lines such as
``Type:``, syntax blocks, index lists) but not what the fields mean: interpreting a
``Type:`` line or a constraint is the model builder's job (``codegen.build``).
"""

from __future__ import annotations

import keyword
import operator
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from markdown_it import MarkdownIt
from markdown_it.token import Token

from .errors import CodegenError
from .model import Diagnostic, SourceLocation
from .pool import map_on_processes, workers_are_forks

# The field lines a member entry may carry, longest first so that "Key Pattern" is not
# read as "Pattern".
FIELD_NAMES = (
    "Value Length Constraints",
    "Key Length Constraints",
    "Length Constraints",
    "Value Pattern",
    "Key Pattern",
    "Pattern",
    "Valid Values",
    "Valid Keys",
    "Valid Range",
    "Array Members",
    "Map Entries",
    "Required",
    "Type",
    "HTTP Status Code",
)

# Sections the builder looks up by title.
SECTION_TITLES = (
    "Request Syntax",
    "Request Parameters",
    "URI Request Parameters",
    "Request Body",
    "Response Syntax",
    "Response Elements",
    "Errors",
    "Contents",
)


def spelling_key(name: str) -> str:
    """What a field or section name means, whatever its casing, spacing or grammatical
    number: ``Length constraints``, ``Length Constraint`` -> ``length constraint``."""
    return " ".join(word.removesuffix("s") for word in name.lower().split())


_FIELD_BY_KEY = {spelling_key(name): name for name in FIELD_NAMES}
_SECTION_BY_KEY = {spelling_key(title): title for title in SECTION_TITLES}

_MARKDOWN = MarkdownIt("commonmark")
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
_LINE_END = re.compile(rb"\r\n|\r|\n")
# Real pages are under 30 KB; parsing time grows with size, so a runaway or hostile file
# is refused rather than parsed for minutes.
MAX_PAGE_BYTES = 2_000_000
PARALLEL_THRESHOLD = 32
"""From this many pages on, two forked processes parse faster than one, start-up included."""
PARALLEL_THRESHOLD_SPAWNED = 500
"""The same where workers start as fresh interpreters (``workers_are_forks()`` is false)."""
WORKERS = 2


@dataclass(frozen=True)
class FieldLine:
    """One ``Name: value`` line of a member entry, e.g. ``Type: Array of [Tag](API_Tag.md) objects``."""

    name: str
    text: str
    """The value as plain text, links replaced by ``@href`` and code spans by their content."""
    code: tuple[str, ...]
    """The verbatim content of each code span in the value (patterns, valid values)."""
    source: SourceLocation


@dataclass(frozen=True)
class MemberEntry:
    """A bold member name with its description and field lines (also used for errors)."""

    name: str
    anchor: str | None
    documentation: str
    fields: tuple[FieldLine, ...]
    source: SourceLocation

    def field(self, name: str) -> FieldLine | None:
        return next((f for f in self.fields if f.name == name), None)


@dataclass(frozen=True)
class SyntaxBlock:
    """A fenced code block (Request Syntax, Response Syntax) with its first line's location."""

    text: str
    source: SourceLocation


@dataclass(frozen=True)
class Section:
    """A ``##`` section: its title (without the anchor), prose, member entries, code blocks."""

    title: str
    source: SourceLocation
    prose: str
    members: tuple[MemberEntry, ...]
    blocks: tuple[SyntaxBlock, ...]


@dataclass(frozen=True)
class IndexList:
    """A bullet list of page links on an index page, under the sentence that names the service."""

    service_name: str
    hrefs: tuple[str, ...]
    source: SourceLocation


@dataclass(frozen=True)
class Page:
    file: str
    """The page's file name, e.g. ``API_Tag.md`` (what links refer to)."""
    path: str
    """The path as it is reported in diagnostics."""
    title: str
    anchor: str | None
    source: SourceLocation
    documentation: str
    sections: tuple[Section, ...]
    sdk_uids: tuple[str, ...]
    """Service uids named by the page's SDK links (``.../goto/boto3/<uid>/<Name>``)."""
    index_lists: tuple[IndexList, ...]

    def section(self, title: str) -> Section | None:
        return next((s for s in self.sections if s.title == title), None)


def read_pages(
    spec_dir: Path, workers: int = WORKERS
) -> tuple[tuple[Page, ...], tuple[Diagnostic, ...]]:
    """Parse every ``API_*.md`` page below ``spec_dir``, sorted by file name.

    Pages are independent, so a large folder is parsed on ``workers`` processes; the result
    is the same as in one process, in the same order."""
    files = sorted(spec_dir.glob("API_*.md"), key=lambda p: p.name)
    if not files:
        location = SourceLocation(str(spec_dir), 0)
        raise CodegenError([Diagnostic(location, "no API_*.md reference pages in this folder")])
    if len(files) >= (PARALLEL_THRESHOLD if workers_are_forks() else PARALLEL_THRESHOLD_SPAWNED):
        # Small chunks keep both workers busy to the end; pages differ in size by 100x.
        chunksize = max(1, len(files) // (workers * 8))
        results = map_on_processes(_read_page, files, workers, chunksize)
    else:
        results = [_read_page(path) for path in files]
    pages = tuple(page for page, _ in results if page is not None)
    diagnostics = tuple(d for _, found in results for d in found)
    return pages, diagnostics


def _read_page(path: Path) -> tuple[Page | None, tuple[Diagnostic, ...]]:
    """One page and what is wrong with it: values, so that they cross process lines."""
    try:
        text, slips = read_text(path)
        page, more = parse_page(path.name, str(path), text)
        return page, slips + more
    except CodegenError as error:
        return None, tuple(error.diagnostics)
    except OSError as error:  # a folder, a broken link, no permission: report them all
        reason = error.strerror or str(error)
        return None, (Diagnostic(SourceLocation(str(path), 1), f"cannot read: {reason}"),)


def read_text(path: Path) -> tuple[str, tuple[Diagnostic, ...]]:
    """Read a page as UTF-8 with LF endings. Bytes that are not UTF-8 are replaced (a
    warning at their first line): one stray byte must not cost the page."""
    data = path.read_bytes()
    if len(data) > MAX_PAGE_BYTES:
        raise CodegenError(
            [
                Diagnostic(
                    SourceLocation(str(path), 1),
                    f"page is {len(data):,} bytes, over the {MAX_PAGE_BYTES:,}-byte limit "
                    "for one reference page; refusing to parse it",
                )
            ]
        )
    slips: tuple[Diagnostic, ...] = ()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = len(_LINE_END.split(data[: error.start]))
        text = data.decode("utf-8", errors="replace")
        message = f"not valid UTF-8 ({error.reason}); undecodable bytes replaced by U+FFFD"
        slips = (Diagnostic(SourceLocation(str(path), line), message, "warning", "encoding"),)
    return text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff"), slips


def parse_page(file: str, path: str, text: str) -> tuple[Page, tuple[Diagnostic, ...]]:
    """Parse one page's Markdown into a ``Page`` record, with the slips found on the way."""
    env: dict[str, object] = {}
    tokens = _MARKDOWN.parse(text, env)
    lines = text.split("\n")
    slips: tuple[Diagnostic, ...] = ()
    heading = _page_title(tokens)
    if heading is None:
        title = _name_in(file.removesuffix(".md")) or file.removesuffix(".md")
        heading = (title, None, 1)
        message = f"no '# Title' heading; the title is taken from the file name: {title!r}"
        slips = (Diagnostic(SourceLocation(path, 1), message, "warning", "title-missing"),)
    title, anchor, title_line = heading
    blocks = list(_split_sections(tokens))
    intro = blocks[0][1] if blocks and blocks[0][0] is None else []
    sections = tuple(
        _section(heading, body, lines, path) for heading, body in blocks if heading is not None
    )
    if any(s.title in SECTION_TITLES or s.members for s in sections):
        title, unusable = _usable_title(title, anchor, file, SourceLocation(path, title_line))
        slips += unusable
    page = Page(
        file=file,
        path=path,
        title=title,
        anchor=anchor,
        source=SourceLocation(path, title_line),
        documentation=_markdown_of(intro, lines),
        sections=sections,
        sdk_uids=tuple(sorted(set(_sdk_uids(tokens, bool(env.get("references")))))),
        index_lists=tuple(_index_lists(tokens, path)),
    )
    return page, slips


_NAME = re.compile(r"[A-Z][A-Za-z0-9_]*")


def _usable_title(
    title: str, anchor: str | None, file: str, where: SourceLocation
) -> tuple[str, tuple[Diagnostic, ...]]:
    """A defining page's title is the name of what it defines. Where it is not a name
    (``# CreateWidget operation``, ``# create-widget``), the name is in its first word, its
    anchor (``API_CreateWidget``) or its file name."""
    if _NAME.fullmatch(title):
        return title, ()
    first = title.split()[0] if title.split() else ""
    for named in (_name_in(first), _name_in(anchor or ""), _name_in(file.removesuffix(".md"))):
        if named is not None:
            message = f"title {title!r} is not a name; read as {named!r}"
            return named, (Diagnostic(where, message, "warning", "title-unusable"),)
    return title, ()  # the builder reports the name it cannot use


def _name_in(text: str) -> str | None:
    """The shape name in ``API_dax_CreateCluster``, ``CreateCluster`` or ``API_Tag``: the
    part from the first capitalised ``_``-separated word on, if it is a name."""
    parts = text.removeprefix("API_").split("_")
    for n, part in enumerate(parts):
        if part[:1].isupper():
            name = "_".join(parts[n:])
            return name if _NAME.fullmatch(name) and not keyword.iskeyword(name) else None
    return None


def _page_title(tokens: Sequence[Token]) -> tuple[str, str | None, int] | None:
    for i, token in enumerate(tokens):
        if token.type == "heading_open" and token.tag == "h1":
            inline = tokens[i + 1]
            return _plain(inline.children or []).strip(), _anchor(inline), _line(token)
    return None


def _split_sections(
    tokens: Sequence[Token],
) -> Iterator[tuple[Token | None, list[Token]]]:
    """Yield (h2 inline token or None for the intro, tokens up to the next h2).

    The h1 heading itself is left out of the intro."""
    heading: Token | None = None
    body: list[Token] = []
    i = 0
    while i < len(tokens):
        token = tokens[i]
        if token.type == "heading_open" and token.tag in ("h1", "h2"):
            if heading is not None or body:
                yield heading, body
            heading = tokens[i + 1] if token.tag == "h2" else None
            body = []
            i += 3
            continue
        body.append(token)
        i += 1
    if heading is not None or body:
        yield heading, body


def _section(heading: Token, body: list[Token], lines: list[str], path: str) -> Section:
    title = _plain(heading.children or []).strip()
    title = _SECTION_BY_KEY.get(spelling_key(title), title)  # "Request syntax" is meant too
    members = _member_entries(body, lines, path)
    if title != "Errors":
        # A member states at least one field (Type, Required, a constraint) or carries an
        # anchor; a bold word with neither is prose, such as the older pages' "**Note**"
        # above the list of members. (Error entries state only a description.)
        members = [m for m in members if m.anchor is not None or m.fields]
    first_member_line = members[0].source.line if members else None
    prose_tokens = [
        t
        for t in body
        if t.map is None or first_member_line is None or t.map[0] + 1 < first_member_line
    ]
    return Section(
        title=title,
        source=SourceLocation(path, _line(heading)),
        prose=_markdown_of(prose_tokens, lines),
        members=tuple(members),
        blocks=tuple(
            SyntaxBlock(t.content, SourceLocation(path, _line(t) + 1))
            for t in body
            if t.type in ("fence", "code_block")
        ),
    )


def _member_entries(body: list[Token], lines: list[str], path: str) -> list[MemberEntry]:
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
    header_line = _line(tokens[0])
    fields: list[FieldLine] = []
    for token in tokens:
        if token.type == "inline" and token.map is not None:
            fields.extend(_field_lines(token, path))
    field_lines = {f.source.line for f in fields}
    last = max((t.map[1] for t in tokens if t.map is not None), default=header_line)
    description = [
        lines[n - 1]
        for n in range(header_line + 1, last + 1)
        if n not in field_lines and n - 1 < len(lines)
    ]
    return MemberEntry(
        name=name,
        anchor=anchor,
        documentation=_unescape_markdown(_dedent("\n".join(description))),
        fields=tuple(fields),
        source=SourceLocation(path, header_line),
    )


def _field_lines(inline: Token, path: str) -> Iterator[FieldLine]:
    assert inline.map is not None
    raw_lines = inline.content.split("\n")
    for offset, children in enumerate(_split_lines(inline.children or [])):
        # Most lines are description; a field line has a colon in its text.
        if not any(":" in child.content for child in children):
            continue
        text = _plain(children, link_marker=True).strip()
        written, sep, value = text.partition(":")
        name = _FIELD_BY_KEY.get(spelling_key(written)) if sep else None
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
    """Whether the paragraph after the inline token ``body[i]`` starts with a field line
    (``Type:``, ``Required:``, a constraint)."""
    for j in range(i + 1, len(body)):
        if body[j].type == "inline":
            first = body[j].content.split("\n", 1)[0]
            return body[j - 1].type == "paragraph_open" and (
                spelling_key(first.partition(":")[0]) in _FIELD_BY_KEY
            )
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
    text = _plain(first, strong_marker=True).strip()
    if len(text) < 5 or not (text.startswith("**") and text.endswith("**")):
        return None
    name = text[2:-2].strip()
    if name.split() != [name] or "*" in name:  # empty, or more than one word
        return None
    anchor = _anchor_in(first)
    if anchor is None and not _plain(children[len(first) + 1 :]).strip() and not fields_follow():
        return None
    return name, anchor


def _starts_with_asterisk(children: Sequence[Token]) -> bool:
    """Whether ``_plain(children, strong_marker=True).strip()`` starts with ``*``."""
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


def _plain(
    children: Sequence[Token], link_marker: bool = False, strong_marker: bool = False
) -> str:
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


def _anchor(inline: Token) -> str | None:
    return _anchor_in(inline.children or [])


def _anchor_in(children: Sequence[Token]) -> str | None:
    for child in children:
        if child.type == "html_inline":
            match = re.match(r'<a\s+name="([^"]+)"', child.content)
            if match:
                return match.group(1)
    return None


def _sdk_uids(tokens: Sequence[Token], link_definitions: bool) -> Iterator[str]:
    for token in tokens:
        # Only a link written inline with "goto" in it, or one defined elsewhere, is one.
        if "goto" not in token.content and not link_definitions:
            continue
        for child in token.children or []:
            if child.type == "link_open":
                parts = str(child.attrs.get("href", "")).split("/")
                if "goto" in parts and len(parts) > parts.index("goto") + 3:
                    yield parts[parts.index("goto") + 2]


def _index_lists(tokens: Sequence[Token], path: str) -> Iterator[IndexList]:
    """Bullet lists of page links preceded by 'The following ... are supported by NAME:'."""
    lead: str | None = None
    i = 0
    while i < len(tokens):
        token = tokens[i]
        if token.type == "inline" and tokens[i - 1].type == "paragraph_open" and token.level == 1:
            # Most paragraphs do not say "supported by": their text is not worth building.
            text = _plain(token.children or []) if "supported" in token.content else ""
            match = re.search(r"supported by (.+?):?\s*$", text.strip())
            lead = match.group(1).strip() if match else None
        elif token.type == "bullet_list_open" and lead is not None:
            hrefs = []
            j = i + 1
            while tokens[j].type != "bullet_list_close" or tokens[j].level != token.level:
                for child in tokens[j].children or []:
                    if child.type == "link_open":
                        hrefs.append(str(child.attrs.get("href", "")))
                j += 1
            yield IndexList(lead, tuple(hrefs), SourceLocation(path, _line(token)))
            lead = None
            i = j
        i += 1


def _markdown_of(tokens: Sequence[Token], lines: list[str]) -> str:
    """The source Markdown of top-level block tokens, escapes removed, blocks separated by a
    blank line."""
    blocks = []
    for token in tokens:
        if token.map is not None and token.level == 0 and token.type != "inline":
            start, end = token.map
            blocks.append(_dedent("\n".join(lines[start:end])))
    return _unescape_markdown("\n\n".join(b for b in blocks if b.strip()))


def _dedent(text: str) -> str:
    return "\n".join(line.strip() for line in text.strip().split("\n"))


def _unescape_markdown(text: str) -> str:
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


def _line(token: Token) -> int:
    return token.map[0] + 1 if token.map else 0
