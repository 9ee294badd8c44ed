"""Reference docs generated from the model: Markdown pages and a static HTML site.

Layout, relative to the output folder ``OUT`` (one set per service package ``<pkg>``)::

    docs/<pkg>/index.md                      operations by verb, shapes, enums, errors
    docs/<pkg>/operations/<Operation>.md     (+ <Operation>.svg: the request diagram)
    docs/<pkg>/shapes/<Structure>.md
    docs/<pkg>/enums/<Enum>.md
    docs/<pkg>/errors/<Error>.md
    site/<pkg>/index.html                    the same pages as HTML, plus
    site/<pkg>/{operations,shapes,enums,errors}/<Name>.html
    site/<pkg>/style.css, search.js, search-index.js

Decisions:

- Pages exist for operations, documented structures (``shapes/``), enums (strings with
  ``Valid Values``) and errors. An operation's request and response structures are
  documented on the operation page (``#request``/``#response``); lists, maps and plain
  scalars are described inline ("Array of Channel objects", "1–32 characters, pattern
  ``^…``").
- Python names are the package's own (``codegen.views.names``): the same fields, client
  methods, error classes and enum members the code has.
- Descriptions are the docs' own Markdown, parsed by markdown-it-py with ``html=False``
  and written out again (``markup``): links to ``API_X.md`` go to our page for X, absolute
  http(s) links stay, every other link becomes plain text.
- Everything from the docs is escaped: HTML templates autoescape, and the Markdown
  environment escapes every value that is not explicitly rendered Markdown (raw HTML,
  link syntax and template syntax such as ``{{``/``{%`` come out as text).
- Examples (``examples``) use values built from the model's constraints; each is a
  standalone snippet plus a ``call`` that runs given ``client`` and the package.
- The site is fully offline: one stylesheet, no fetch() (the search index is a script
  file, so search works from ``file://``), diagrams are inline SVG drawn by a template.
- Output is deterministic: sorted, no timestamps.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any

import jinja2
from markupsafe import Markup

from .. import resources
from ..model import PrimitiveShape, StructureShape
from ..views import ServiceView
from ..views.docs import markup
from ..views.docs.catalog import Catalog, Inline
from ..views.docs.pages import enum_page, index_page, operation_page, shape_page

__all__ = ["TEMPLATES", "render_docs"]

TEMPLATES = resources.TEMPLATES / "docs"
_STATIC = ("style.css", "search.js")


def render_docs(view: ServiceView) -> dict[str, str]:
    """Every docs file of one service, keyed by path relative to the output folder."""
    service = view.service
    catalog = Catalog(service, view.names)
    files: dict[str, str] = {}
    package = service.config.package
    for target, (kind, name) in [("index", ("index", "")), *catalog.pages.items()]:
        context = _page_context(catalog, kind, name)
        files[f"docs/{package}/{target}.md"] = _render("md", kind, target, catalog, context)
        files[f"site/{package}/{target}.html"] = _render("html", kind, target, catalog, context)
        diagram = context.get("page") and getattr(context["page"], "diagram", None)
        if diagram is not None:
            # Seen from the .svg file, even the operation's own page is another file.
            files[f"docs/{package}/{target}.svg"] = _render_svg(diagram, f"{target}.svg", ".md")
    for static in _STATIC:
        files[f"site/{package}/{static}"] = (TEMPLATES / "html" / static).read_text("utf-8")
    files[f"site/{package}/search-index.js"] = _search_index(catalog)
    return dict(sorted(files.items()))


def _page_context(catalog: Catalog, kind: str, name: str) -> dict[str, Any]:
    service = catalog.service
    page: object
    if kind == "index":
        page = index_page(catalog)
    elif kind == "operation":
        page = operation_page(catalog, service.operations[name])
    elif kind == "enum":
        shape = service.shapes[name]
        assert isinstance(shape, PrimitiveShape)
        page = enum_page(catalog, shape)
    else:
        structure = service.shapes[name]
        assert isinstance(structure, StructureShape)
        page = shape_page(catalog, structure)
    title = name or f"{service.name} ({service.config.package})"
    return {"page": page, "service": service, "title": title, "kind": kind}


# ---------------------------------------------------------------------------------------
# Links relative to the page being written.


def _relative(target: str, current: str, extension: str) -> str:
    """``shapes/Channel#x`` seen from ``operations/CreateX`` -> ``../shapes/Channel.html#x``."""
    path, _, anchor = target.partition("#")
    prefix = "../" * current.count("/")
    if path == current and anchor:
        return f"#{anchor}"
    return f"{prefix}{path}{extension}" + (f"#{anchor}" if anchor else "")


def _resolver(catalog: Catalog, current: str, extension: str) -> markup.Resolve:
    def resolve(href: str) -> str | None:
        if markup.is_absolute(href):
            return href.strip()
        name = markup.api_page_name(href)
        target = catalog.name_target(name) if name else None
        return _relative(target, current, extension) if target else None

    return resolve


# ---------------------------------------------------------------------------------------
# Jinja environments.


MarkdownText = Markup
"""Text that is already Markdown. The Markdown environment reuses Jinja's autoescaping
machinery: every value that is not ``Markup`` (and macro output is) is escaped as
Markdown by ``_finalize_markdown``, and never HTML-escaped afterwards."""

_SAFE_ID = re.compile(r"^[A-Za-z0-9_.-]+$")


def _finalize_markdown(value: object) -> Markup:
    if isinstance(value, Markup):
        return value
    return Markup(markup.escape_markdown("" if value is None else str(value)))


def _loader() -> jinja2.FileSystemLoader:
    return jinja2.FileSystemLoader(str(TEMPLATES))


_ENVIRONMENTS: dict[str, jinja2.Environment] = {
    "html": jinja2.Environment(
        loader=_loader(),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    ),
    "md": jinja2.Environment(
        loader=_loader(),
        autoescape=True,
        finalize=_finalize_markdown,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    ),
}


def _render(fmt: str, kind: str, current: str, catalog: Catalog, context: dict[str, Any]) -> str:
    env = _ENVIRONMENTS[fmt]
    extension = f".{fmt}"
    helpers = _html_helpers if fmt == "html" else _markdown_helpers
    template = env.get_template(f"{fmt}/{kind}.{fmt}.j2")
    text = template.render(
        **context,
        **helpers(catalog, current, extension),
        root="../" * current.count("/"),
        current=current,
    )
    return text.rstrip("\n") + "\n"


def _html_helpers(catalog: Catalog, current: str, extension: str) -> dict[str, Callable[..., Any]]:
    resolve = _resolver(catalog, current, extension)

    def url(target: str) -> str:
        return _relative(target, current, extension)

    def inline(segments: Inline) -> Markup:
        out = []
        for segment in segments:
            if segment.code:
                out.append(Markup("<code>{}</code>").format(segment.text))
            elif segment.target is not None:
                out.append(Markup('<a href="{}">{}</a>').format(url(segment.target), segment.text))
            else:
                out.append(Markup("{}").format(segment.text))
        return Markup("").join(out)

    def describe(text: str) -> Markup:
        return Markup(markup.to_html(text, resolve))  # markdown-it escaped all text

    def svg(diagram: object) -> Markup:
        return Markup(_render_svg(diagram, current, extension))

    return {"url": url, "inline": inline, "describe": describe, "svg": svg}


def _markdown_helpers(
    catalog: Catalog, current: str, extension: str
) -> dict[str, Callable[..., Any]]:
    resolve = _resolver(catalog, current, extension)

    def url(target: str) -> MarkdownText:
        return MarkdownText(markup.markdown_url(_relative(target, current, extension)))

    def link(text: str, target: str) -> MarkdownText:
        return MarkdownText(f"[{markup.escape_markdown(text)}]({url(target)})")

    def inline(segments: Inline) -> MarkdownText:
        return MarkdownText(markup.inline_markdown(segments, url))

    def cell(text: str) -> MarkdownText:
        """Markdown for a table cell: pipes escaped (also inside code spans, as GFM wants)."""
        return MarkdownText(str(text).replace("\\|", "|").replace("|", "\\|"))

    def describe(text: str) -> MarkdownText:
        return MarkdownText(markup.to_markdown(text, resolve))

    def code(text: str) -> MarkdownText:
        return MarkdownText(markup.code_span(text))

    def codeblock(language: str, text: str) -> MarkdownText:
        return MarkdownText(_code_block(language, text))

    def anchor(text: str) -> MarkdownText:
        if not _SAFE_ID.match(text):
            raise ValueError(f"unsafe anchor {text!r}")
        return MarkdownText(text)

    return {
        "anchor": anchor,
        "url": url,
        "link": link,
        "inline": inline,
        "cell": cell,
        "describe": describe,
        "code": code,
        "codeblock": codeblock,
    }


def _code_block(language: str, text: str) -> str:
    """A fenced code block longer than any backtick run at a line start in ``text``."""
    longest = max((len(line) - len(line.lstrip("`")) for line in text.splitlines()), default=0)
    fence = "`" * max(3, longest + 1)
    return f"{fence}{language}\n{text.rstrip(chr(10))}\n{fence}"


def _render_svg(diagram: object, current: str, extension: str) -> str:
    template = _ENVIRONMENTS["html"].get_template("diagram.svg.j2")

    def url(target: str) -> str:
        return _relative(target, current, extension)

    return template.render(diagram=diagram, url=url).strip() + "\n"


def _search_index(catalog: Catalog) -> str:
    entries = [
        {
            "name": name,
            "kind": kind,
            "url": f"{folder}.html",
            "summary": _entry_summary(catalog, kind, name),
        }
        for folder, (kind, name) in catalog.pages.items()
    ]
    data = json.dumps(entries, ensure_ascii=True, sort_keys=True, indent=0)
    # Safe in any script context: no '<', '>' or '&' can end or open markup.
    data = data.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return f"window.DOCS_SEARCH_INDEX = {data};\n"


def _entry_summary(catalog: Catalog, kind: str, name: str) -> str:
    if kind == "operation":
        return markup.summary(catalog.service.operations[name].documentation, 120)
    return markup.summary(catalog.service.shapes[name].documentation, 120)
