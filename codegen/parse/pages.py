"""Reading pages: files to ``Page`` records (title, sections, SDK links, index lists), on
worker processes for large folders."""

from __future__ import annotations

import keyword
import re
from collections.abc import Iterator, Sequence
from pathlib import Path

from markdown_it import MarkdownIt
from markdown_it.token import Token

from ..errors import CodegenError
from ..model import Diagnostic, SourceLocation
from ..pool import map_on_processes, workers_are_forks
from .entries import member_entries
from .records import (
    SECTION_BY_KEY,
    SECTION_TITLES,
    IndexList,
    Page,
    Section,
    SyntaxBlock,
    spelling_key,
)
from .text import anchor, line_of, markdown_of, plain

_MARKDOWN = MarkdownIt("commonmark")
_LINE_END = re.compile(rb"\r\n|\r|\n")
# Real pages are under 30 KB; parsing time grows with size, so a runaway or hostile file
# is refused rather than parsed for minutes.
MAX_PAGE_BYTES = 2_000_000
PARALLEL_THRESHOLD = 32
"""From this many pages on, two forked processes parse faster than one, start-up included."""
PARALLEL_THRESHOLD_SPAWNED = 500
"""The same where workers start as fresh interpreters (``workers_are_forks()`` is false)."""
WORKERS = 2


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
    text = _without_front_matter(text)
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
    intro = _without_anchor_lines(blocks[0][1]) if blocks and blocks[0][0] is None else []
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
        documentation=markdown_of(intro, lines),
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
    (``# CreateWidget operation``, ``# create-widget``), the name is in its anchor
    (``API_CreateWidget``), its first word or its file name."""
    if _NAME.fullmatch(title) and not keyword.iskeyword(title):
        return title, ()
    first = title.split()[0] if title.split() else ""
    for named in (_name_in(anchor or ""), _name_in(first), _name_in(file.removesuffix(".md"))):
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
    """The h1 heading's text, its anchor (on the heading's line, or alone on the next
    line as newer pages put it) and its line."""
    for i, token in enumerate(tokens):
        if token.type == "heading_open" and token.tag == "h1":
            inline = tokens[i + 1]
            found = anchor(inline)
            if found is None and i + 4 < len(tokens) and _anchor_line(tokens[i + 4]):
                found = anchor(tokens[i + 4])
            return plain(inline.children or []).strip(), found, line_of(token)
    return None


def _anchor_line(inline: Token) -> bool:
    """Whether a paragraph's text is an ``<a name=...></a>`` anchor and nothing else."""
    children = inline.children or []
    return (
        inline.type == "inline"
        and anchor(inline) is not None
        and all(c.type == "html_inline" or not c.content.strip() for c in children)
    )


def _without_anchor_lines(tokens: list[Token]) -> list[Token]:
    """Block tokens without the paragraphs that are only an anchor (newer pages put a
    heading's anchor on the line below it): they are no one's description."""
    dropped = {
        i + d
        for i, token in enumerate(tokens)
        if token.type == "inline" and _anchor_line(token) and i > 0
        for d in (-1, 0, 1)
    }
    return [t for i, t in enumerate(tokens) if i not in dropped]


def _without_placeholder_braces(block: str) -> str:
    """A syntax block in the older pages' notation: newer pages write each placeholder in
    double braces (``GET /functions/{{FunctionName}}?Qualifier={{Qualifier}}``,
    ``"Limit": {{number}}``, ``"Name": "{{string}}"``) where older ones write the bare word
    (``GET /functions/FunctionName``, ``"Limit": number``)."""
    return _PLACEHOLDER.sub(r"\1", block)


_PLACEHOLDER = re.compile(r"\{\{\s*([A-Za-z][A-Za-z0-9_+-]*)\s*\}\}")


def _without_front_matter(text: str) -> str:
    """The page with a leading YAML front matter block (``---``, ``title: ...``, ``---``,
    as newer pages start) blanked out, line for line, so that line numbers still hold."""
    if not text.startswith("---\n"):
        return text
    lines = text.split("\n")
    end = next((n for n in range(1, min(len(lines), 50)) if lines[n].strip() == "---"), None)
    if end is None:
        return text
    return "\n" * end + "\n".join(lines[end:]).removeprefix("---")


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
    title = plain(heading.children or []).strip()
    title = SECTION_BY_KEY.get(spelling_key(title), title)  # "Request syntax" is meant too
    members = member_entries(body, lines, path)
    if title != "Errors":
        # A member states at least one field (Type, Required, a constraint) or carries an
        # anchor; a bold word with neither is prose, such as the older pages' "**Note**"
        # above the list of members. (Error entries state only a description.)
        members = [m for m in members if m.anchor is not None or m.fields]
    first_member_line = members[0].source.line if members else None
    prose_tokens = [
        t
        for t in _without_anchor_lines(body)
        if t.map is None or first_member_line is None or t.map[0] + 1 < first_member_line
    ]
    return Section(
        title=title,
        source=SourceLocation(path, line_of(heading)),
        prose=markdown_of(prose_tokens, lines),
        members=tuple(members),
        blocks=tuple(
            SyntaxBlock(
                _without_placeholder_braces(t.content), SourceLocation(path, line_of(t) + 1)
            )
            for t in body
            if t.type in ("fence", "code_block")
        ),
    )


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
            text = plain(token.children or []) if "supported" in token.content else ""
            match = re.search(r"supported by (.+?):?\s*$", text.strip())
            lead = match.group(1).strip() if match else None
        elif token.type == "bullet_list_open" and lead is not None:
            hrefs, lines = [], []
            j = i + 1
            while tokens[j].type != "bullet_list_close" or tokens[j].level != token.level:
                for child in tokens[j].children or []:
                    if child.type == "link_open":
                        hrefs.append(str(child.attrs.get("href", "")))
                        lines.append(line_of(tokens[j]))
                j += 1
            yield IndexList(lead, tuple(hrefs), SourceLocation(path, line_of(token)), tuple(lines))
            lead = None
            i = j
        i += 1
