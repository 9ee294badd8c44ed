"""Reference docs: links resolve, examples are valid and runnable, doc text is inert."""

from __future__ import annotations

import ast
import datetime
import json
import re
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import unquote

import pytest
from markdown_it import MarkdownIt

from codegen.model import (
    Constraints,
    ErrorRef,
    Member,
    Operation,
    PrimitiveShape,
    Service,
    ServiceConfig,
    StructureShape,
)
from codegen.model.build import build_model
from codegen.patterns import PatternError, compile_checked
from codegen.render.docs import render_docs
from codegen.views import view_service
from codegen.views.docs.catalog import Catalog
from codegen.views.docs.examples import Example, build_example
from codegen.views.docs.markup import to_html, to_markdown
from codegen.views.docs.values import example_string

ROOT = Path(__file__).resolve().parents[1]
CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"


def _spec_roots() -> list[tuple[str, Path]]:
    roots = [("spec", ROOT / "spec")]
    if CORPUS.is_dir():
        roots += [(p.name, p / "docs") for p in sorted(CORPUS.iterdir()) if (p / "docs").is_dir()]
    return roots


_SERVICES: dict[str, tuple[Service, ...]] = {}
_RENDERED: dict[tuple[str, str], dict[str, str]] = {}


def services(name: str, folder: Path) -> tuple[Service, ...]:
    if name not in _SERVICES:
        _SERVICES[name] = build_model(folder).services
    return _SERVICES[name]


def rendered(corpus: str, service: Service) -> dict[str, str]:
    key = (corpus, service.uid)
    if key not in _RENDERED:
        _RENDERED[key] = render_docs(view_service(service))
    return _RENDERED[key]


# ---------------------------------------------------------------------------------------
# Links.


class _LinkCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value is None:
                continue
            if name in ("href", "src"):
                self.links.append(value)
            elif name == "id":
                self.ids.add(value)


_MD_ANCHOR = re.compile(r'<a id="([^"]+)"></a>')
_MARKDOWN = MarkdownIt("commonmark").enable("table")


def _markdown_links(text: str) -> list[str]:
    links = []
    for token in _MARKDOWN.parse(text):
        for child in token.children or []:
            if child.type in ("link_open", "image"):
                links.append(str(child.attrGet("href") or child.attrGet("src")))
    return links


def _links_and_ids(path: str, text: str) -> tuple[list[str], set[str]]:
    if path.endswith(".md"):
        return _markdown_links(text), set(_MD_ANCHOR.findall(text))
    collector = _LinkCollector()
    collector.feed(text)
    return collector.links, collector.ids


def check_links(files: dict[str, str]) -> tuple[int, list[str]]:
    """(internal links checked, broken ones) for one service's docs."""
    parsed = {
        p: _links_and_ids(p, t) for p, t in files.items() if p.endswith((".md", ".html", ".svg"))
    }
    checked = 0
    broken = []
    for path, (links, _) in parsed.items():
        for link in links:
            if re.match(r"^[a-z]+:", link):
                assert link.startswith(("http://", "https://")), f"{path}: scheme in {link!r}"
                continue
            checked += 1
            target_path, _, anchor = unquote(link).partition("#")
            resolved = str(PurePosixPath(_normalise(PurePosixPath(path).parent / target_path)))
            if not target_path:
                resolved = path
            if resolved not in files:
                broken.append(f"{path}: {link} (no file {resolved})")
            elif anchor and anchor not in parsed.get(resolved, ([], set()))[1]:
                broken.append(f"{path}: {link} (no anchor {anchor!r})")
    return checked, broken


def _normalise(path: PurePosixPath) -> str:
    parts: list[str] = []
    for part in path.parts:
        if part == "..":
            parts.pop()
        elif part != ".":
            parts.append(part)
    return "/".join(parts)


@pytest.mark.parametrize(("corpus", "folder"), _spec_roots(), ids=[n for n, _ in _spec_roots()])
def test_every_internal_link_resolves_to_a_generated_page_and_anchor(
    corpus: str, folder: Path
) -> None:
    for service in services(corpus, folder):
        files = rendered(corpus, service)
        checked, broken = check_links(files)
        assert checked > len(service.operations)  # the check saw the pages' links
        assert broken == [], "\n".join(broken[:20])


def test_link_check_reports_a_missing_page_and_a_missing_anchor() -> None:
    files = {
        "site/p/index.html": '<a href="operations/Gone.html">x</a><a href="shapes/A.html#nope">y</a>',
        "site/p/shapes/A.html": '<p id="here"></p><a href="../index.html">up</a>',
    }
    checked, broken = check_links(files)
    assert checked == 3
    assert len(broken) == 2


def test_pages_exist_for_operations_structures_enums_and_errors() -> None:
    service = services("spec", ROOT / "spec")[0]
    files = rendered("spec", service)
    pkg = service.config.package
    for name in service.operations:
        assert f"docs/{pkg}/operations/{name}.md" in files
        assert f"site/{pkg}/operations/{name}.html" in files
    assert f"site/{pkg}/shapes/HyperParameterTuningJobConfig.html" in files
    assert f"site/{pkg}/enums/HyperParameterTuningJobStatus.html" in files
    assert f"site/{pkg}/errors/ResourceNotFound.html" in files
    assert f"site/{pkg}/search-index.js" in files
    # request/response structures live on their operation page, not on pages of their own
    assert not any("Request.html" in p or "Response.html" in p for p in files)


def test_rendering_is_deterministic() -> None:
    service = services("spec", ROOT / "spec")[0]
    assert render_docs(view_service(service)) == render_docs(view_service(service))
    assert not any(
        re.search(r"20\d\d-\d\d-\d\dT\d\d:\d\d:\d\d(?!Z\b)", t)
        for t in render_docs(view_service(service)).values()
    )


def test_operation_page_shows_python_and_wire_names_constraints_and_back_links() -> None:
    service = services("spec", ROOT / "spec")[0]
    files = rendered("spec", service)
    page = files["site/sagemaker/operations/CreateHyperParameterTuningJob.html"]
    assert "<code>hyper_parameter_tuning_job_name</code>" in page
    assert "<code>HyperParameterTuningJobName</code>" in page
    assert "1–32 characters" in page
    assert '<a href="../shapes/HyperParameterTuningJobConfig.html">' in page
    assert '<a href="../errors/ResourceInUse.html">' in page
    assert "<svg" in page and "HyperParameterTuningJobConfig" in page
    shape = files["site/sagemaker/shapes/ResourceLimits.html"]
    assert "HyperParameterTuningJobConfig" in shape.split('id="used-by"')[1]
    index = files["docs/sagemaker/index.md"]
    assert "### Create" in index and "### Describe" in index and "### List" in index


# ---------------------------------------------------------------------------------------
# Examples.


def _all_services() -> Iterator[tuple[str, Service]]:
    for corpus, folder in _spec_roots():
        for service in services(corpus, folder):
            yield corpus, service


def test_example_strings_satisfy_length_and_pattern_for_every_string_shape() -> None:
    checked = 0
    failures = []
    for _, service in _all_services():
        for shape in service.shapes.values():
            if not isinstance(shape, PrimitiveShape) or shape.kind != "string":
                continue
            c = shape.constraints
            try:
                compiled = compile_checked(c.pattern) if c.pattern else None
            except PatternError:
                continue
            value = example_string(c, shape.name)
            checked += 1
            ok = (c.min_length is None or len(value) >= c.min_length) and (
                c.max_length is None or len(value) <= c.max_length
            )
            ok = ok and (compiled is None or compiled.search(value) is not None)
            ok = ok and (not c.enum or value in c.enum)
            if not ok:
                failures.append(f"{service.uid} {shape.name}: {value!r} for {c}")
    assert checked > 50
    assert failures == [], "\n".join(failures)


def test_example_string_honours_a_fixed_length_digit_pattern() -> None:
    constraints = Constraints(min_length=12, max_length=12, pattern="^[0-9]{12}$")
    assert re.fullmatch(r"[0-9]{12}", example_string(constraints, "AccountId"))


def _botocore_models(corpus: str) -> list[dict[str, Any]]:
    folder = CORPUS / corpus / "botocore"
    return [json.loads(p.read_text("utf-8")) for p in sorted(folder.glob("*/service-2.json"))]


def _their_shape(model: dict[str, Any], shape: str, path: list[str]) -> dict[str, Any] | None:
    """botocore's shape at a dotted parameter path (list indexes and map keys skipped)."""
    shapes = model["shapes"]
    current = shapes[shape]
    for step in path:
        while current["type"] in ("list", "map"):
            current = shapes[current["member" if current["type"] == "list" else "value"]["shape"]]
        members = current.get("members", {})
        if step not in members:
            return None
        current = shapes[members[step]["shape"]]
    return current


def _our_member(service: Service, shape: str, path: list[str]) -> tuple[Member | None, Any]:
    current: Any = service.shapes[shape]
    member = None
    for step in path:
        while not isinstance(current, StructureShape):
            element = getattr(current, "member", None) or getattr(current, "value", None)
            if element is None:
                return None, None
            current = service.shapes[element]
        member = next((m for m in current.members if m.name == step), None)
        if member is None:
            return None, None
        current = service.shapes[member.target]
    return member, current


_BOTOCORE_KIND = {"integer": "integer", "long": "long", "string": "string", "boolean": "boolean"}


def _disagreement(
    service: Service, op: Operation, model: dict[str, Any], error: tuple[Any, ...]
) -> bool:
    """Whether a validation error is our model disagreeing with botocore's (a member's
    type or required flag, the builder's concern) rather than a bad example value."""
    kind, name = error[0], str(error[1])
    path = [p for p in re.sub(r"\[[^]]*\]", "", name).split(".") if p]
    their_input = model["operations"][op.name]["input"]["shape"]
    if kind == "missing required field":
        path = path + [str(error[2]["required_name"])]
        member, _ = _our_member(service, str(op.input), path)
        return member is None or not member.required
    member, ours = _our_member(service, str(op.input), path)
    theirs = _their_shape(model, their_input, path)
    if member is None or theirs is None:
        return True
    our_kind = getattr(ours, "kind", None) or type(ours).__name__
    their_kind = theirs["type"]
    return {"ListShape": "list", "MapShape": "map", "StructureShape": "structure"}.get(
        our_kind, our_kind
    ) != their_kind


def _corpora_with_models() -> list[str]:
    if not CORPUS.is_dir():
        return []
    return [p.name for p in sorted(CORPUS.iterdir()) if (p / "botocore").is_dir()]


@pytest.mark.parametrize("corpus", _corpora_with_models())
def test_example_requests_pass_botocore_parameter_validation(corpus: str) -> None:
    from botocore.model import ServiceModel
    from botocore.validate import ParamValidator

    from codegen.tools.conformance import match_model

    models = _botocore_models(corpus)
    validated = 0
    failures = []
    for service in services(corpus, CORPUS / corpus / "docs"):
        model = match_model(service, models)
        if model is None:
            continue
        service_model = ServiceModel(model)
        catalog = Catalog(service, view_service(service).names)
        for op in service.operations.values():
            if op.name not in service_model.operation_names:
                continue
            example = build_example(service, catalog, op)
            input_shape = service_model.operation_model(op.name).input_shape
            report = ParamValidator().validate(example.params, input_shape)
            validated += 1
            for error in report._errors:  # (kind, parameter path, details)
                if not _disagreement(service, op, model, error):
                    failures.append(f"{op.name}: {error}")
    assert validated > 0
    assert failures == [], "\n".join(failures)


class _FakePackage:
    """Stands in for the generated package: ``pkg.shapes.Shape(**fields)`` records the call."""

    def __getattr__(self, name: str) -> Any:
        if name == "shapes":
            return self
        return lambda **fields: ("structure", name, fields)


class _FakeClient:
    def __init__(self) -> None:
        self.calls: list[tuple[str, dict[str, Any]]] = []

    def __getattr__(self, method: str) -> Any:
        def call(**arguments: Any) -> dict[str, Any]:
            self.calls.append((method, arguments))
            return {}

        return call


def _to_params(catalog: Catalog, shape: str, fields: dict[str, Any]) -> dict[str, Any]:
    structure = catalog.structure(shape)
    assert structure is not None
    wire = {python: member.name for python, member in catalog.fields(structure)}
    return {wire[k]: _param(catalog, v) for k, v in fields.items()}


def _param(catalog: Catalog, value: Any) -> Any:
    if isinstance(value, tuple) and value[:1] == ("structure",):
        return _to_params(catalog, value[1], value[2])
    if isinstance(value, list):
        return [_param(catalog, v) for v in value]
    if isinstance(value, dict):
        return {k: _param(catalog, v) for k, v in value.items()}
    if isinstance(value, datetime.datetime):
        return value.strftime("%Y-%m-%dT%H:%M:%SZ")
    return value


def _run_call(example: Example, service: Service) -> tuple[str, dict[str, Any]]:
    client = _FakeClient()
    namespace = {service.config.package: _FakePackage(), "client": client, "datetime": datetime}
    exec(compile(example.call, "<example>", "exec"), namespace)  # noqa: S102  (our own snippet)
    assert len(client.calls) == 1
    return client.calls[0]


def test_every_example_snippet_is_valid_python_and_calls_the_client_with_its_wire_params() -> None:
    ran = 0
    for _, service in _all_services():
        catalog = Catalog(service, view_service(service).names)
        for op in service.operations.values():
            example = build_example(service, catalog, op)
            ast.parse(example.snippet)
            method, arguments = _run_call(example, service)
            assert method == catalog.method_name(op)
            if op.input:
                assert _to_params(catalog, op.input, arguments) == example.params, op.name
            ran += 1
    assert ran > 100 if CORPUS.is_dir() else ran == 4


# ---------------------------------------------------------------------------------------
# Escaping.

PAYLOAD = (
    "Bad </script><script>alert(1)</script> <img src=x onerror=alert(1)> "
    "{{ 7*7 }} {% raw %}x{% endraw %} [js](javascript:alert(1)) [rel](other.html) "
    '<a href="javascript:alert(2)">a</a> `code </script>` & |pipe|'
)


def _injected_service() -> Service:
    enum = PrimitiveShape("Mode", "string", Constraints(enum=("</script>", "{{ x }}")), PAYLOAD)
    name = PrimitiveShape(
        "Name", "string", Constraints(min_length=1, max_length=9, pattern="^<[a-z]+>$")
    )
    widget = StructureShape(
        "Widget",
        (
            Member("Mode", "Mode", documentation=PAYLOAD),
            Member("Name", "Name", True, documentation=PAYLOAD),
        ),
        documentation=PAYLOAD,
    )
    request = StructureShape(
        "MakeWidgetRequest",
        (Member("Widget", "Widget", True, documentation=PAYLOAD),),
        synthetic=True,
    )
    error = StructureShape("Broken", documentation=PAYLOAD, exception=True, http_status=400)
    operation = Operation(
        "MakeWidget",
        input="MakeWidgetRequest",
        errors=(ErrorRef("Broken", 400, PAYLOAD),),
        documentation=PAYLOAD,
    )
    return Service(
        uid="demo-2020-01-01",
        name="Demo </script> <b>Service</b> {{ 7*7 }}",
        api_version="2020-01-01",
        config=ServiceConfig(package="demo", target_prefix="Demo"),
        operations={"MakeWidget": operation},
        shapes={s.name: s for s in (enum, name, widget, request, error)},
        documentation=PAYLOAD,
    )


_ALLOWED_TAGS = {
    "html", "head", "meta", "title", "link", "body", "header", "a", "span", "div", "input",
    "ul", "li", "main", "p", "h1", "h2", "h3", "nav", "pre", "code", "table", "thead", "tbody",
    "tr", "th", "td", "section", "svg", "g", "path", "rect", "text", "script", "strong", "em",
    "ol", "blockquote", "br", "hr",
}  # fmt: skip


class _TagAudit(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self.in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        our_diagram = tag == "img" and str(dict(attrs).get("src", "")).endswith(".svg")
        if tag not in _ALLOWED_TAGS and not our_diagram:
            self.problems.append(f"tag <{tag}>")
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"attribute {name}")
            if name in ("href", "src") and value and value.lower().startswith("javascript"):
                self.problems.append(f"{name}={value}")
        if tag == "script":
            if not dict(attrs).get("src"):
                self.problems.append("inline script")
            self.in_script = True

    def handle_endtag(self, tag: str) -> None:
        self.in_script = False

    def handle_data(self, data: str) -> None:
        if self.in_script and data.strip():
            self.problems.append(f"script content {data[:40]!r}")


def _audit_html(html: str) -> list[str]:
    audit = _TagAudit()
    audit.feed(html)
    return audit.problems


def test_text_from_the_docs_cannot_inject_markup_into_html_pages() -> None:
    files = render_docs(view_service(_injected_service()))
    pages = {p: t for p, t in files.items() if p.endswith((".html", ".svg"))}
    assert len(pages) >= 5
    for path, text in pages.items():
        assert _audit_html(text) == [], path
        assert "49" not in text, f"{path}: template syntax was evaluated"
        assert text.count("</script>") == text.count("<script src="), path
    operation = files["site/demo/operations/MakeWidget.html"]
    assert "&lt;img src=x onerror=alert(1)&gt;" in operation
    assert "{{ 7*7 }}" in operation and "{% raw %}" in operation
    assert "other.html" not in operation  # relative links of the original site are dropped
    assert "<" not in files["site/demo/search-index.js"]


def test_text_from_the_docs_stays_text_in_markdown_pages() -> None:
    files = render_docs(view_service(_injected_service()))
    raw_html = MarkdownIt("commonmark", {"html": True}).enable("table")
    our_tags = re.compile(r'<a id="[A-Za-z0-9_.-]+"></a>')
    for path, text in files.items():
        if not path.endswith(".md"):
            continue
        # Template syntax may remain only inside code spans, where Markdown shows it verbatim.
        outside_code = re.sub(r"(`+)[^`].*?\1", "", text)
        assert "{{" not in outside_code and "{%" not in outside_code, path
        html = raw_html.render(our_tags.sub("", text))
        assert _audit_html(html) == [], path
        assert "<script" not in html, path
    operation = files["docs/demo/operations/MakeWidget.md"]
    assert "\\<img src=x onerror=alert(1)\\>" in operation  # shown as text


def test_description_links_to_api_pages_are_rewritten_and_others_dropped() -> None:
    def resolve(href: str) -> str | None:
        return {
            "API_Widget.md": "../shapes/Widget.html",
            "https://a.example/x": "https://a.example/x",
        }.get(href)

    text = (
        "See [Widget](API_Widget.md), [guide](https://a.example/x) and [there](how-it-works.html)."
    )
    html = to_html(text, resolve)
    assert '<a href="../shapes/Widget.html">Widget</a>' in html
    assert '<a href="https://a.example/x">guide</a>' in html
    assert "how-it-works" not in html and "there" in html
    markdown = to_markdown(text, resolve)
    assert "[Widget](../shapes/Widget.html)" in markdown and "how-it-works" not in markdown


def test_diagram_is_capped_and_says_so_when_the_request_reaches_many_structures() -> None:
    from codegen.views.docs.diagram import MAX_NODES, request_diagram

    chain = [
        StructureShape(f"S{i}", (Member("Next", f"S{i + 1}"),) if i < 49 else ()) for i in range(50)
    ]
    service = Service(
        uid="demo-2020-01-01",
        name="Demo",
        api_version="2020-01-01",
        config=ServiceConfig(package="demo"),
        operations={"Go": Operation("Go", input="S0")},
        shapes={s.name: s for s in chain},
    )
    diagram = request_diagram(Catalog(service, view_service(service).names), "S0", "t")
    assert diagram is not None
    assert len(diagram.boxes) == MAX_NODES
    assert len(diagram.edges) == MAX_NODES - 1
    assert diagram.note == f"Showing {MAX_NODES} of 50 structures"
