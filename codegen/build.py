"""Stage 2: interpret page records as a ``ShapeModel``.

Decides what each page is (operation, data type, index), which service it belongs to,
what each ``Type:`` line and constraint means, where each member travels on the wire,
and what the shapes the docs never name (scalars, lists, maps) are called.
"""

from __future__ import annotations

import gc
import keyword
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from types import MappingProxyType

from . import syntax
from .config import SpecConfig, load_config
from .errors import CodegenError
from .model import (
    Constraints,
    Diagnostic,
    ErrorRef,
    HttpBinding,
    ListShape,
    MapShape,
    Member,
    MemberLocation,
    Operation,
    PrimitiveKind,
    PrimitiveShape,
    Service,
    ServiceConfig,
    Shape,
    ShapeModel,
    SourceLocation,
    StructureShape,
)
from .parse import WORKERS, FieldLine, MemberEntry, Page, SyntaxBlock, read_pages

INDEX_PREFIXES = ("API_Operations", "API_Types", "API_Reference")

# ---------------------------------------------------------------------------------------
# Type expressions: what a `Type:` line says, before the shapes it implies are named.


@dataclass(frozen=True)
class Ref:
    """A documented structure, by name."""

    name: str


@dataclass(frozen=True)
class Prim:
    kind: PrimitiveKind
    constraints: Constraints = Constraints()


@dataclass(frozen=True)
class ListOf:
    element: TypeExpr
    min_items: int | None = None
    max_items: int | None = None


@dataclass(frozen=True)
class MapOf:
    key: TypeExpr
    value: TypeExpr
    min_entries: int | None = None
    max_entries: int | None = None


@dataclass(frozen=True)
class ExceptionOf:
    """``Type: Exception``: a member that is an error (event-stream unions)."""

    name: str


TypeExpr = Ref | Prim | ListOf | MapOf | ExceptionOf

_PRIMITIVE_WORDS: Mapping[str, PrimitiveKind] = {
    "string": "string",
    "integer": "integer",
    "long": "long",
    "float": "float",
    "double": "double",
    "boolean": "boolean",
    "timestamp": "timestamp",
    "json value": "document",
    "base64-encoded binary data object": "blob",
}
_PLURALS: Mapping[str, PrimitiveKind] = {
    "strings": "string",
    "integers": "integer",
    "longs": "long",
    "floats": "float",
    "doubles": "double",
    "booleans": "boolean",
    "timestamps": "timestamp",
    "json values": "document",
    "base64-encoded binary data objects": "blob",
}
_CANONICAL_NAMES: Mapping[PrimitiveKind, str] = {
    "string": "String",
    "integer": "Integer",
    "long": "Long",
    "float": "Float",
    "double": "Double",
    "boolean": "Boolean",
    "timestamp": "Timestamp",
    "blob": "Blob",
    "document": "Document",
}


class TypeFormError(ValueError):
    """A ``Type:`` value that is not one of the forms the docs use."""


def parse_type_text(text: str, resolve: Mapping[str, str]) -> TypeExpr:
    """Parse a ``Type:`` value such as ``Array of @API_Tag.md objects`` (links as ``@href``).

    ``resolve`` maps an href to the structure name of the page it points at."""
    words = text.split()
    expr, rest = _singular(words, resolve)
    if rest:
        raise TypeFormError(f"unexpected {' '.join(rest)!r} after the type")
    return expr


def _ref(word: str, resolve: Mapping[str, str]) -> Ref:
    href = word[1:]
    if href not in resolve:
        raise TypeFormError(f"link {href!r} does not lead to a data type page in this folder")
    return Ref(resolve[href])


def _take_words(
    words: list[str], table: Mapping[str, PrimitiveKind]
) -> tuple[PrimitiveKind, int] | None:
    for phrase, kind in table.items():
        n = len(phrase.split())
        if " ".join(words[:n]).lower() == phrase:
            return kind, n
    return None


def _singular(words: list[str], resolve: Mapping[str, str]) -> tuple[TypeExpr, list[str]]:
    if not words:
        raise TypeFormError("the type is missing")
    lowered = [w.lower() for w in words]
    if words[0].startswith("@") and lowered[1:2] == ["object"]:
        return _ref(words[0], resolve), words[2:]
    if lowered[:2] == ["array", "of"]:
        element, rest = _plural(words[2:], resolve)
        return ListOf(element), rest
    if lowered[:2] == ["string", "to"]:
        value, rest = _singular(words[2:], resolve)
        if [w.lower() for w in rest[:1]] != ["map"]:
            raise TypeFormError("a 'String to ...' type must end in 'map'")
        return MapOf(Prim("string"), value), rest[1:]
    if lowered[:1] == ["exception"]:
        return ExceptionOf(""), words[1:]
    taken = _take_words(words, _PRIMITIVE_WORDS)
    if taken is None:
        raise TypeFormError(f"unknown type {' '.join(words)!r}")
    kind, n = taken
    return Prim(kind), words[n:]


def _plural(words: list[str], resolve: Mapping[str, str]) -> tuple[TypeExpr, list[str]]:
    lowered = [w.lower() for w in words]
    if words and words[0].startswith("@") and lowered[1:2] == ["objects"]:
        return _ref(words[0], resolve), words[2:]
    if lowered[:2] == ["arrays", "of"]:
        element, rest = _plural(words[2:], resolve)
        return ListOf(element), rest
    taken = _take_words(words, _PLURALS)
    if taken is None:
        raise TypeFormError(f"unknown element type {' '.join(words)!r}")
    kind, n = taken
    return Prim(kind), words[n:]


# ---------------------------------------------------------------------------------------
# Constraint lines.

_NUMBER = r"(-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?)"


def parse_bounds(text: str, unit: str) -> tuple[int | float | None, int | float | None]:
    """``Minimum length of 1. Maximum length of 32.`` -> (1, 32); ``Fixed number of 2 items``
    -> (2, 2). ``unit`` is ``length``, ``number`` or ``value``."""
    found: dict[str, int | float] = {}
    for word in ("Minimum", "Maximum", "Fixed"):
        match = re.search(rf"{word} {unit} of {_NUMBER}", text)
        if match:
            found[word] = _number(match.group(1))
    if not found:
        raise ValueError(f"expected 'Minimum/Maximum {unit} of N', got {text!r}")
    if "Fixed" in found:
        return found["Fixed"], found["Fixed"]
    return found.get("Minimum"), found.get("Maximum")


def _number(text: str) -> int | float:
    try:
        return int(text)
    except ValueError:
        return float(text)


def _int_bounds(text: str, unit: str) -> tuple[int | None, int | None]:
    low, high = parse_bounds(text, unit)
    if not all(v is None or isinstance(v, int) for v in (low, high)):
        raise ValueError(f"expected whole numbers, got {text!r}")
    return (None if low is None else int(low)), (None if high is None else int(high))


def _pattern(line: FieldLine) -> tuple[str, str | None]:
    """The pattern's code span verbatim; a pattern written as ``/.../`` loses the slashes."""
    if not line.code:
        raise ValueError("expected the pattern in a code span (`...`)")
    pattern = line.code[0]
    if len(pattern) > 2 and pattern.startswith("/") and pattern.endswith("/"):
        return pattern[1:-1], f"pattern written as /.../ at {line.source}: slashes removed"
    return pattern, None


def _enum(line: FieldLine) -> tuple[str, ...]:
    text = " ".join(line.code) if line.code else line.text
    values = tuple(v.strip() for v in text.split("|") if v.strip())
    if not values:
        raise ValueError("expected values separated by '|'")
    return values


def _with(c: Constraints, **changes: object) -> Constraints:
    return replace(c, **changes)  # type: ignore[arg-type]


def _apply_scalar_field(expr: TypeExpr, line: FieldLine, field: str) -> TypeExpr:
    """Apply a scalar constraint (Length, Pattern, Valid Values, Valid Range) to ``expr``."""
    if isinstance(expr, Prim):
        c = expr.constraints
        if field == "Length Constraints":
            low, high = _int_bounds(line.text, "length")
            c = _with(c, min_length=low, max_length=high)
        elif field == "Pattern":
            c = _with(c, pattern=_pattern(line)[0])
        elif field in ("Valid Values", "Valid Keys"):
            c = _with(c, enum=_enum(line))
        elif field == "Valid Range":
            low_v, high_v = parse_bounds(line.text, "value")
            c = _with(c, min_value=low_v, max_value=high_v)
        return Prim(expr.kind, c)
    if isinstance(expr, ListOf):
        return replace(expr, element=_apply_scalar_field(expr.element, line, field))
    if isinstance(expr, MapOf):
        return replace(expr, value=_apply_scalar_field(expr.value, line, field))
    raise ValueError(f"'{field}' does not apply to a {_describe(expr)}")


_KEY_FIELDS = {
    "Key Length Constraints": "Length Constraints",
    "Key Pattern": "Pattern",
    "Valid Keys": "Valid Values",
}
_VALUE_FIELDS = {
    "Value Length Constraints": "Length Constraints",
    "Value Pattern": "Pattern",
}
_SCALAR_FIELDS = ("Length Constraints", "Pattern", "Valid Values", "Valid Range")


def apply_constraint(expr: TypeExpr, line: FieldLine) -> TypeExpr:
    """Apply one constraint line to the type it constrains (the member, its elements, or a
    map's keys or values)."""
    field = line.name
    if field in _SCALAR_FIELDS:
        return _apply_scalar_field(expr, line, field)
    if field == "Array Members":
        target = expr.value if isinstance(expr, MapOf) else expr
        if not isinstance(target, ListOf):
            raise ValueError(f"'Array Members' does not apply to a {_describe(expr)}")
        low, high = _int_bounds(line.text, "number")
        updated = replace(target, min_items=low, max_items=high)
        return replace(expr, value=updated) if isinstance(expr, MapOf) else updated
    if isinstance(expr, MapOf):
        if field == "Map Entries":
            low, high = _int_bounds(line.text, "number")
            return replace(expr, min_entries=low, max_entries=high)
        if field in _KEY_FIELDS:
            return replace(expr, key=_apply_scalar_field(expr.key, line, _KEY_FIELDS[field]))
        if field in _VALUE_FIELDS:
            value = _apply_scalar_field(expr.value, line, _VALUE_FIELDS[field])
            return replace(expr, value=value)
    raise ValueError(f"'{field}' does not apply to a {_describe(expr)}")


def _describe(expr: TypeExpr) -> str:
    if isinstance(expr, Prim):
        return expr.kind
    if isinstance(expr, ListOf):
        return "list"
    if isinstance(expr, MapOf):
        return "map"
    return "structure"


# ---------------------------------------------------------------------------------------
# Building.

CONSTRAINT_FIELDS = (
    "Length Constraints",
    "Pattern",
    "Valid Values",
    "Valid Range",
    "Array Members",
    "Map Entries",
    "Key Length Constraints",
    "Key Pattern",
    "Valid Keys",
    "Value Length Constraints",
    "Value Pattern",
)


@dataclass(frozen=True)
class _Slot:
    """A member before its shapes are named."""

    owner: str
    member: Member
    expr: TypeExpr


class _Diagnostics:
    def __init__(self) -> None:
        self.items: list[Diagnostic] = []

    def error(self, location: SourceLocation, message: str) -> None:
        self.items.append(Diagnostic(location, message, "error"))

    def warning(self, location: SourceLocation, message: str) -> None:
        self.items.append(Diagnostic(location, message, "warning"))


def build_model(
    spec_dir: Path,
    config: SpecConfig | None = None,
    strict: bool = False,
    workers: int = WORKERS,
) -> ShapeModel:
    """Read a folder of reference pages into a ``ShapeModel``, parsing on ``workers``
    processes when there are many pages.

    Raises ``CodegenError`` with every error found (and, with ``strict``, every warning).
    """
    # Parsing and building make no reference cycles (tests hold us to it), so the cyclic
    # collector would find nothing here; its runs would cost time in proportion to the
    # caller's whole heap (up to a quarter of the parse in a long-lived process).
    with _collector_paused():
        return _build_model(spec_dir, config, strict, workers)


@contextmanager
def _collector_paused() -> Iterator[None]:
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _build_model(
    spec_dir: Path, config: SpecConfig | None, strict: bool, workers: int
) -> ShapeModel:
    pages, parse_diagnostics = read_pages(spec_dir, workers)
    config = config if config is not None else load_config(spec_dir)
    diagnostics = _Diagnostics()
    diagnostics.items.extend(parse_diagnostics)
    resolve = _link_targets(pages)
    services = tuple(
        _build_service(uid, name, service_pages, resolve, config, diagnostics)
        for uid, (name, service_pages) in sorted(_assign_services(pages, diagnostics).items())
    )
    _check_packages(services, config, diagnostics)
    failing = [
        d
        for d in diagnostics.items
        if d.severity == "error" or (strict and d.severity == "warning")
    ]
    if failing:
        raise CodegenError(sorted(failing, key=lambda d: (d.location, d.message)))
    ordered = tuple(sorted(diagnostics.items, key=lambda d: (d.location, d.message)))
    return ShapeModel(services=services, diagnostics=ordered)


def _check_packages(
    services: tuple[Service, ...], config: SpecConfig, diagnostics: _Diagnostics
) -> None:
    """Two services generating the same package would overwrite each other's files."""
    owner: dict[str, str] = {}
    for service in services:
        package = service.config.package
        if package in owner:
            diagnostics.error(
                _service_location(service, config),
                f"services {owner[package]} and {service.uid} would both generate package "
                f"{package!r}; give one a different 'package' in codegen.toml "
                f'([services."{service.uid}"] package = "...")',
            )
        owner.setdefault(package, service.uid)


def _service_location(service: Service, config: SpecConfig) -> SourceLocation:
    """Its codegen.toml table if it has one, else the first of its pages."""
    if service.uid in config.services:
        return SourceLocation(config.source, 1)
    parts = [*service.operations.values(), *service.shapes.values()]
    sources = [p.source for p in parts if p.source is not None]
    return min(sources, default=SourceLocation(config.source, 1))


def _is_index(page: Page) -> bool:
    return page.file.startswith(INDEX_PREFIXES)


def _assign_services(
    pages: Iterable[Page], diagnostics: _Diagnostics
) -> dict[str, tuple[str, list[Page]]]:
    """Which service each content page belongs to: its SDK links first, then the index
    pages that list it, then the only service there is."""
    pages = list(pages)
    listed_under: dict[str, str] = {}
    for page in pages:
        for index in page.index_lists:
            for href in index.hrefs:
                listed_under.setdefault(href.partition("#")[0], index.service_name)
    votes: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for page in pages:
        if len(page.sdk_uids) == 1 and page.file in listed_under:
            votes[listed_under[page.file]][page.sdk_uids[0]] += 1
    uid_of_name = {
        name: max(sorted(counts), key=lambda uid: counts[uid]) for name, counts in votes.items()
    }
    all_uids = sorted({uid for p in pages for uid in p.sdk_uids} | set(uid_of_name.values()))
    name_of_uid = {uid: name for name, uid in sorted(uid_of_name.items())}
    services: dict[str, tuple[str, list[Page]]] = {}
    for page in pages:
        if _is_index(page):
            continue
        uid = _page_uid(page, listed_under, uid_of_name, all_uids)
        if uid is None:
            diagnostics.error(
                page.source,
                "cannot tell which service this page belongs to: expected an SDK link "
                "(.../goto/boto3/<service-uid>/...) or an entry on an API_Operations/API_Types "
                "index page",
            )
            continue
        services.setdefault(uid, (name_of_uid.get(uid, uid), []))[1].append(page)
    files = {page.file for page in pages}
    for page in pages:
        for index in page.index_lists:
            for href in index.hrefs:
                if href.partition("#")[0] not in files:
                    diagnostics.warning(index.source, f"index lists {href}, which is not here")
    return services


def _page_uid(
    page: Page, listed_under: Mapping[str, str], uid_of_name: Mapping[str, str], uids: list[str]
) -> str | None:
    if len(page.sdk_uids) == 1:
        return page.sdk_uids[0]
    if page.file in listed_under and listed_under[page.file] in uid_of_name:
        return uid_of_name[listed_under[page.file]]
    return uids[0] if len(uids) == 1 else None


def _build_service(
    uid: str,
    name: str,
    pages: list[Page],
    resolve: Mapping[str, str],
    config: SpecConfig,
    diagnostics: _Diagnostics,
) -> Service:
    type_pages: dict[str, Page] = {}
    operation_pages: list[Page] = []
    for page in pages:
        if page.section("Request Syntax") is not None or page.section("Contents") is not None:
            _check_shape_name(page.title, page.source, diagnostics)
        if page.section("Request Syntax") is not None:
            operation_pages.append(page)
        elif page.section("Contents") is not None:
            if page.title in type_pages:
                other = type_pages[page.title].source
                diagnostics.error(page.source, f"duplicate data type {page.title!r} (also {other})")
                continue
            type_pages[page.title] = page
        else:
            diagnostics.warning(
                page.source,
                "not an operation page ('## Request Syntax') or a data type page "
                "('## Contents'); skipped",
            )
    slots: list[_Slot] = []
    structures: dict[str, StructureShape] = {}
    for title, page in sorted(type_pages.items()):
        contents = page.section("Contents")
        assert contents is not None
        members = [_slot(title, e, resolve, diagnostics) for e in contents.members]
        slots.extend(s for s in members if s is not None)
        structures[title] = StructureShape(
            name=title, documentation=page.documentation, source=page.source
        )
    protocol = _service_protocol(operation_pages, config.services.get(uid, {}))
    operations: dict[str, Operation] = {}
    errors: dict[str, ErrorRef] = {}
    for page in sorted(operation_pages, key=lambda p: p.title):
        if page.title in operations or page.title in structures:
            diagnostics.error(page.source, f"duplicate name {page.title!r}")
            continue
        operation, op_slots, op_structures = _operation(page, resolve, diagnostics)
        operations[operation.name] = operation
        slots.extend(op_slots)
        for shape in op_structures:
            if shape.name in structures:
                diagnostics.error(
                    page.source, f"{shape.name!r} is already the name of a data type page"
                )
            structures[shape.name] = shape
        for ref in operation.errors:
            errors.setdefault(ref.shape, ref)
    for slot in slots:
        if isinstance(slot.expr, ExceptionOf):
            errors.setdefault(slot.member.name, ErrorRef(slot.member.name, None, "", None))
    shapes = _name_shapes(slots, structures, errors, diagnostics)
    _check_references(uid, shapes, diagnostics)
    return Service(
        uid=uid,
        name=name,
        api_version=_api_version(uid),
        config=_service_config(uid, name, protocol, config, diagnostics, pages),
        operations=MappingProxyType(operations),
        shapes=MappingProxyType(dict(sorted(shapes.items()))),
    )


def _check_references(uid: str, shapes: Mapping[str, Shape], diagnostics: _Diagnostics) -> None:
    """Links resolve against every page in the folder, so a member can name a data type
    that another service's pages define: this service has no such shape."""
    for shape in shapes.values():
        for name, source in _references(shape):
            if name not in shapes and source is not None:
                diagnostics.error(
                    source,
                    f"{name!r} is a data type of another service, not of {uid} (its page's "
                    "SDK links name a different service uid)",
                )


def _references(shape: Shape) -> Iterable[tuple[str, SourceLocation | None]]:
    if isinstance(shape, StructureShape):
        return [(m.target, m.source or shape.source) for m in shape.members]
    if isinstance(shape, ListShape):
        return [(shape.member, shape.source)]
    if isinstance(shape, MapShape):
        return [(shape.key, shape.source), (shape.value, shape.source)]
    return []


def _link_targets(pages: Iterable[Page]) -> dict[str, str]:
    """href -> structure name, for every way the docs link to a data type page."""
    targets: dict[str, str] = {}
    for page in pages:
        if page.section("Contents") is None:
            continue
        targets[page.file] = page.title
        if page.anchor:
            targets[f"#{page.anchor}"] = page.title
            targets[f"{page.file}#{page.anchor}"] = page.title
    return _LinkTable(targets)


class _LinkTable(dict[str, str]):
    """Resolves ``API_X.md#fragment`` by its file when the exact href is unknown."""

    def __contains__(self, href: object) -> bool:
        return isinstance(href, str) and (
            dict.__contains__(self, href) or dict.__contains__(self, href.partition("#")[0])
        )

    def __getitem__(self, href: str) -> str:
        if dict.__contains__(self, href):
            return dict.__getitem__(self, href)
        return dict.__getitem__(self, href.partition("#")[0])


def _api_version(uid: str) -> str:
    match = re.search(r"(\d{4}-\d{2}-\d{2})$", uid)
    return match.group(1) if match else ""


def _service_protocol(pages: list[Page], settings: Mapping[str, str]) -> str:
    if "protocol" in settings:
        return settings["protocol"]
    for page in pages:
        section = page.section("Request Syntax")
        if section and section.blocks and syntax.request_line(section.blocks[0].text):
            return "rest-json"
    return "json"


def _service_config(
    uid: str,
    name: str,
    protocol: str,
    config: SpecConfig,
    diagnostics: _Diagnostics,
    pages: list[Page],
) -> ServiceConfig:
    settings = config.services.get(uid, {})
    sdk_id = re.sub(r"-\d{4}-\d{2}-\d{2}$", "", uid)
    location = pages[0].source if pages else SourceLocation(config.source, 1)
    if protocol not in ("json", "rest-json"):
        diagnostics.error(
            SourceLocation(config.source, 1),
            f"services.{uid}.protocol: expected 'json' or 'rest-json', got {protocol!r}",
        )
        protocol = "json"
    if protocol == "json" and "target_prefix" not in settings:
        diagnostics.warning(
            location,
            f"service {uid}: no target_prefix in {config.source} "
            f'([services."{uid}"] target_prefix = "..."); the client cannot send requests '
            "without the X-Amz-Target prefix",
        )
    return ServiceConfig(
        package=settings.get("package") or default_package_name(name, sdk_id),
        protocol="rest-json" if protocol == "rest-json" else "json",
        json_version=settings.get("json_version", "1.1"),
        target_prefix=settings.get("target_prefix"),
        signing_name=settings.get("signing_name", sdk_id.split(".")[-1]),
        endpoint_prefix=settings.get("endpoint_prefix", sdk_id),
    )


def default_package_name(service_name: str, sdk_id: str) -> str:
    """``Amazon SageMaker Runtime`` -> ``sagemaker_runtime``; a keyword gets a ``_`` suffix."""
    if re.search(r"\d{4}-\d{2}-\d{2}$", service_name):
        service_name = sdk_id  # no index page named the service: its uid stands in
    words = [w for w in re.split(r"[^A-Za-z0-9]+", service_name) if w]
    words = [w for w in words if w not in ("Amazon", "AWS")]
    if words and words[-1] == "Service" and len(words) > 1:
        words = words[:-1]
    base = "_".join(w.lower() for w in words) or re.sub(r"[^a-z0-9]+", "_", sdk_id.lower())
    if not base or base[0].isdigit():
        base = f"service_{base}"
    return f"{base}_" if keyword.iskeyword(base) else base


# ---------------------------------------------------------------------------------------
# Members.


def _slot(
    owner: str,
    entry: MemberEntry,
    resolve: Mapping[str, str],
    diagnostics: _Diagnostics,
    location: MemberLocation = "body",
    location_name: str | None = None,
    hint: str | None = None,
) -> _Slot | None:
    """One member entry -> its type expression with constraints applied."""
    inferred: list[str] = []
    type_line = entry.field("Type")
    try:
        if type_line is not None:
            expr = parse_type_text(type_line.text, resolve)
        else:
            expr, reason = _infer_type(entry, hint)
            inferred.append(reason)
    except TypeFormError as error:
        where = type_line.source if type_line else entry.source
        diagnostics.error(
            where,
            f"{error}; expected a type such as String, Integer, "
            "'[Shape](API_Shape.md) object', 'Array of ...' or 'String to ... map'",
        )
        return None
    if isinstance(expr, ExceptionOf):
        _check_shape_name(entry.name, entry.source, diagnostics)
        expr = ExceptionOf(entry.name)
    for line in entry.fields:
        if line.name not in CONSTRAINT_FIELDS:
            continue
        try:
            expr = apply_constraint(expr, line)
        except ValueError as error:
            diagnostics.error(line.source, str(error))
        if line.name.endswith("Pattern") and line.code:
            note = _pattern(line)[1]
            if note:
                inferred.append(note)
    required_line = entry.field("Required")
    required = required_line is not None and required_line.text.strip().lower() == "yes"
    if required_line is not None and required_line.text.strip().lower() not in ("yes", "no"):
        diagnostics.error(required_line.source, "expected 'Required: Yes' or 'Required: No'")
    if required_line is None and location == "uri":
        # A request path cannot be built without its labels.
        required = True
        inferred.append("no Required line: required, as a label of the request path")
    member = Member(
        name=entry.name,
        target="",
        required=required,
        location=location,
        location_name=location_name,
        documentation=entry.documentation,
        source=entry.source,
        inferred=tuple(inferred),
    )
    return _Slot(owner, member, expr)


def _infer_type(entry: MemberEntry, hint: str | None) -> tuple[TypeExpr, str]:
    """Type of a member printed without a ``Type:`` line, from its constraints or from the
    value the syntax block shows for it."""
    names = {f.name for f in entry.fields}
    if hint == "blob":
        # The syntax block shows the member as the whole body: binary data, whatever its
        # length constraint (SageMaker Runtime's InvokeEndpoint Body).
        return Prim("blob"), "no Type line: blob, the whole body in the syntax block"
    if "Valid Range" in names:
        return Prim("integer"), "no Type line: integer, from its Valid Range"
    if names & {"Length Constraints", "Pattern", "Valid Values"}:
        return Prim("string"), "no Type line: string, from its length, pattern or values"
    if hint is not None:
        kinds: dict[str, PrimitiveKind] = {
            "number": "integer",
            "boolean": "boolean",
            "blob": "blob",
        }
        kind = kinds.get(hint, "string")
        return Prim(kind), f"no Type line: {kind}, from the syntax block ({hint})"
    return Prim("string"), "no Type line and no other clue: string"


# ---------------------------------------------------------------------------------------
# Operations.


def _operation(
    page: Page, resolve: Mapping[str, str], diagnostics: _Diagnostics
) -> tuple[Operation, list[_Slot], list[StructureShape]]:
    name = page.title
    request_block = _first_block(page, "Request Syntax")
    response_block = _first_block(page, "Response Syntax")
    uri_section = page.section("URI Request Parameters")
    uri_members = {e.name for e in uri_section.members} if uri_section else set()
    request = syntax.parse_request(request_block.text if request_block else "", uri_members)
    response = syntax.parse_response(response_block.text if response_block else "")
    slots: list[_Slot] = []
    input_name = f"{name}Request"
    structures = [StructureShape(name=input_name, source=page.source, synthetic=True)]
    for title in ("Request Parameters", "URI Request Parameters", "Request Body"):
        for entry in _entries(page, title):
            binding = request.binding(entry.name)
            if entry.name in uri_members and binding.location == "body":
                diagnostics.warning(
                    entry.source,
                    f"URI parameter {entry.name!r} appears nowhere in the request line or headers",
                )
            slots.extend(_bound_slot(input_name, entry, binding, resolve, diagnostics))
    output_name: str | None = None
    response_entries = _entries(page, "Response Elements")
    if response_entries or response.has_body:
        output_name = f"{name}Response"
        structures.append(StructureShape(name=output_name, source=page.source, synthetic=True))
        for entry in response_entries:
            binding = response.binding(entry.name)
            slots.extend(_bound_slot(output_name, entry, binding, resolve, diagnostics))
    if request_block is None:
        diagnostics.error(page.source, "operation page without a Request Syntax code block")
    for problem in request.problems + response.problems:
        where = (request_block or response_block or page).source
        diagnostics.warning(where, problem)
    for label in request.unbound_labels():
        diagnostics.warning(
            request_block.source if request_block else page.source,
            f"path label {label!r} matches no URI request parameter",
        )
    operation = Operation(
        name=name,
        http=HttpBinding(
            method=request.method,
            request_uri=request.request_uri,
            response_code=response.status_code,
        ),
        input=input_name,
        output=output_name,
        errors=tuple(_errors(page, diagnostics)),
        documentation=page.documentation,
        source=page.source,
    )
    return operation, slots, structures


def _entries(page: Page, title: str) -> tuple[MemberEntry, ...]:
    section = page.section(title)
    return section.members if section else ()


def _bound_slot(
    owner: str,
    entry: MemberEntry,
    binding: syntax.Binding,
    resolve: Mapping[str, str],
    diagnostics: _Diagnostics,
) -> list[_Slot]:
    """A member with its wire location from the syntax block."""
    slot = _slot(
        owner, entry, resolve, diagnostics, binding.location, binding.location_name, binding.hint
    )
    if slot is None:
        return []
    member = slot.member
    if binding.payload:
        member = replace(member, payload=True)
    if binding.note:
        member = replace(member, inferred=member.inferred + (binding.note,))
    anchored = _anchor_member_name(entry)
    if binding.location == "uri" and anchored is not None and anchored != entry.name:
        note = f"the page prints the path label {entry.name!r}; its anchor names the member"
        member = replace(
            member,
            name=anchored,
            location_name=member.location_name or entry.name,
            inferred=member.inferred + (note,),
        )
    return [replace(slot, member=member)]


def _anchor_member_name(entry: MemberEntry) -> str | None:
    """The member name an entry's anchor carries (``SSS-ListTags-request-Resource``): where
    the docs print a URI label (``ARN``) as the entry's name, the anchor keeps the member's."""
    match = re.search(r"-request-([A-Za-z][A-Za-z0-9_]*)$", entry.anchor or "")
    return match.group(1) if match else None


def _first_block(page: Page, title: str) -> SyntaxBlock | None:
    section = page.section(title)
    return section.blocks[0] if section and section.blocks else None


def _errors(page: Page, diagnostics: _Diagnostics) -> Iterable[ErrorRef]:
    section = page.section("Errors")
    for entry in section.members if section else ():
        status_line = entry.field("HTTP Status Code")
        status: int | None = None
        if status_line is not None:
            try:
                status = int(status_line.text.split()[0])
            except (ValueError, IndexError):
                diagnostics.error(status_line.source, "expected 'HTTP Status Code: <number>'")
        _check_shape_name(entry.name, entry.source, diagnostics)
        yield ErrorRef(entry.name, status, entry.documentation, entry.source)


# ---------------------------------------------------------------------------------------
# Naming the shapes the docs leave unnamed.


def _name_shapes(
    slots: list[_Slot],
    structures: dict[str, StructureShape],
    errors: Mapping[str, ErrorRef],
    diagnostics: _Diagnostics,
) -> dict[str, Shape]:
    """Give every list, map and constrained scalar a name from the member that uses it:
    the member's name when every member of that name has the same type, otherwise the
    owner's name before it. Names never depend on the order of files."""
    for name, ref in sorted(errors.items()):
        existing = structures.get(name)
        if existing is not None:
            structures[name] = replace(
                existing, exception=True, error_code=name, http_status=ref.http_status
            )
        else:
            structures[name] = StructureShape(
                name=name,
                documentation=ref.documentation,
                source=ref.source,
                synthetic=True,
                exception=True,
                error_code=name,
                http_status=ref.http_status,
            )
    uses: dict[str, dict[TypeExpr, set[str]]] = defaultdict(lambda: defaultdict(set))
    for slot in slots:
        _collect_uses(slot.expr, slot.member.name, slot.owner, uses)
    taken = set(structures)
    names: dict[tuple[str, TypeExpr], str] = {}
    for base in sorted(uses):
        variants = uses[base]
        for expr in sorted(variants, key=repr):
            owners = sorted(variants[expr])
            candidate = base if len(variants) == 1 else f"{owners[0]}{base}"
            names[(base, expr)] = _unique(candidate, taken)
    shapes: dict[str, Shape] = dict(structures)
    members: dict[str, list[Member]] = defaultdict(list)
    for slot in slots:
        target = _define(slot.expr, slot.member.name, names, shapes, slot.member.source)
        members[slot.owner].append(replace(slot.member, target=target))
    for owner, owner_members in members.items():
        structure = shapes[owner]
        assert isinstance(structure, StructureShape)
        shapes[owner] = replace(structure, members=_dedupe(owner_members, diagnostics))
    return shapes


def _dedupe(members: list[Member], diagnostics: _Diagnostics) -> tuple[Member, ...]:
    seen: dict[str, Member] = {}
    for member in members:
        if member.name in seen:
            assert member.source is not None
            diagnostics.error(
                member.source, f"duplicate member {member.name!r} (also {seen[member.name].source})"
            )
            continue
        seen[member.name] = member
    return tuple(seen.values())


def _unique(candidate: str, taken: set[str]) -> str:
    name = candidate
    n = 2
    while name in taken:
        name = f"{candidate}{n}"
        n += 1
    taken.add(name)
    return name


def _base_name(expr: TypeExpr, member: str) -> str:
    if isinstance(expr, Prim) and expr.constraints == Constraints():
        return _CANONICAL_NAMES[expr.kind]
    return derived_shape_name(member)


# Shape names become class names in the generated code. Starting with a capital keeps
# them clear of every lowercase builtin and module name (``int``, ``getattr``, ``importlib``).
_SHAPE_NAME = re.compile(r"[A-Z][A-Za-z0-9_]*")


def _check_shape_name(name: str, where: SourceLocation, diagnostics: _Diagnostics) -> None:
    """A shape name the docs give (page title, error name) must be a class name: real docs
    use PascalCase ASCII."""
    if not _SHAPE_NAME.fullmatch(name) or keyword.iskeyword(name):
        diagnostics.error(
            where,
            f"{name!r} cannot name a shape: expected ASCII letters, digits and '_', starting "
            "with a capital letter, and not a Python keyword",
        )


def derived_shape_name(member: str) -> str:
    """The name of a shape the docs leave unnamed, from the member that uses it: its ASCII
    letters, digits and ``_``, the first letter capitalised, with ``Member`` before them when
    they do not start with a letter and ``_`` after a keyword (``Foo-Bar`` -> ``FooBar``,
    ``int`` -> ``Int``, ``1Foo`` -> ``Member1Foo``, ``None`` -> ``None_``)."""
    name = re.sub(r"[^A-Za-z0-9_]", "", member)
    name = name[:1].upper() + name[1:] if name[:1].isalpha() else f"Member{name}"
    return f"{name}_" if keyword.iskeyword(name) else name


def _collect_uses(
    expr: TypeExpr, member: str, owner: str, uses: dict[str, dict[TypeExpr, set[str]]]
) -> None:
    if isinstance(expr, (Ref, ExceptionOf)):
        return
    uses[_base_name(expr, member)][expr].add(owner)
    if isinstance(expr, ListOf):
        _collect_uses(expr.element, f"{member}Member", owner, uses)
    elif isinstance(expr, MapOf):
        _collect_uses(expr.key, f"{member}Key", owner, uses)
        _collect_uses(expr.value, f"{member}Value", owner, uses)


def _define(
    expr: TypeExpr,
    member: str,
    names: Mapping[tuple[str, TypeExpr], str],
    shapes: dict[str, Shape],
    source: SourceLocation | None,
) -> str:
    """The name of ``expr``'s shape, adding the shape (and its parts) to ``shapes``."""
    if isinstance(expr, (Ref, ExceptionOf)):
        return expr.name
    name = names[(_base_name(expr, member), expr)]
    if name in shapes:
        return name
    shape: Shape
    if isinstance(expr, Prim):
        shape = PrimitiveShape(name, expr.kind, expr.constraints, source=source)
    elif isinstance(expr, ListOf):
        element = _define(expr.element, f"{member}Member", names, shapes, source)
        shape = ListShape(name, element, expr.min_items, expr.max_items, source=source)
    else:
        key = _define(expr.key, f"{member}Key", names, shapes, source)
        value = _define(expr.value, f"{member}Value", names, shapes, source)
        shape = MapShape(name, key, value, expr.min_entries, expr.max_entries, source=source)
    shapes[name] = shape
    return name
