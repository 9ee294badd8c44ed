"""Stage 3: render a ``Service`` into the generated package's source files.

Python decides (names, groups, which checks and conversions each member needs, as
small view objects); the Jinja templates in ``templates/`` hold the shape of the output.
Output is unformatted Python; ``codegen.format`` runs black over it.

Generated layout for a package ``pkg``::

    pkg/__init__.py          lazy re-exports (ValidationError, shapes, enums, settings)
    pkg/_core.py             shared support (static: templates/package/_core.py)
    pkg/py.typed
    pkg/enums/__init__.py    lazy: enum name -> module
    pkg/enums/_group_NN.py   StrEnum classes, by a hash of the enum's name
    pkg/shapes/__init__.py   lazy: shape name -> module
    pkg/shapes/_op_<op>.py   an operation's Request/Response and the structures only it uses
    pkg/shapes/_common_NN.py structures several operations (or none) use, by a hash of the name

Grouping is stable: a shape moves only when the set of operations using it changes from
one to several (or back), or when the number of hash buckets (a power of two that grows
with the service) doubles.
"""

from __future__ import annotations

import re
import textwrap
import unicodedata
import zlib
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

import jinja2

from . import naming
from .model import (
    ListShape,
    MapShape,
    Member,
    PrimitiveShape,
    Service,
    StructureShape,
)
from .patterns import PatternError, translate_pattern
from .resources import TEMPLATES

STATIC_MODULES = ("_core.py",)
"""Modules copied verbatim from ``templates/package/`` into every package."""

SHAPES_PER_BUCKET = 16
ENUMS_PER_BUCKET = 8


# ---------------------------------------------------------------------------------------
# Documentation: Markdown -> readable text, and safe string literals.

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


# ---------------------------------------------------------------------------------------
# View objects: what the templates need, decided here.


@dataclass(frozen=True)
class Check:
    """One constraint check on a present value of the right type, in the order made."""

    condition: str
    """Python condition, true when the value is bad; ``{v}`` stands for the value and
    ``{m}`` for the module prefix of the ``_checks`` constants."""
    message: str = ""
    enum_values: str = ""
    """For an enum check, the name of the module constant holding the allowed values."""

    def on(self, value: str, module: str = "") -> str:
        """The condition on ``value``, in ``_checks`` (``module`` empty) or in a module
        that imports it (``module`` is ``_checks.``)."""
        return self.condition.replace("{v}", value).replace("{m}", module)


@dataclass(frozen=True)
class TypeView:
    kind: str
    """string, enum, integer, float, boolean, timestamp, blob, document, structure,
    list or map."""
    annotation: str
    what: str = ""
    """How a type error names the expected type (``a string``)."""
    type_test: str = ""
    """Condition true for a value of the right type (``{v}``: the value); empty: any."""
    checks: tuple[Check, ...] = ()
    cls: str = ""
    """For a structure, the expression naming its class."""
    enum_class: str = ""
    element: TypeView | None = None
    key: TypeView | None = None
    value: TypeView | None = None
    checker: str = ""
    """For a list, map or scalar, its check function in ``_checks`` (the shape's name)."""

    def test(self, value: str) -> str:
        return self.type_test.replace("{v}", value)

    def failed(self, value: str) -> str:
        """Condition true for a value of the wrong type."""
        test = self.test(value)
        return f"not ({test})" if " and " in test else f"not {test}"

    @property
    def checked(self) -> bool:
        return bool(self.type_test)

    @property
    def converts(self) -> bool:
        """Whether a request's value becomes another object (a shape, an enum member, a
        datetime, bytes), itself or inside its containers."""
        if self.kind in ("structure", "enum", "timestamp", "blob"):
            return True
        inner = (self.element, self.value)
        return any(t is not None and t.converts for t in inner)

    def invalid(self, value: str, module: str = "_checks.") -> str:
        """Condition true for a value ``_from_request`` rejects: of the wrong type or
        failing any check (not looking inside containers)."""
        return " or ".join([self.failed(value), *(c.on(value, module) for c in self.checks)])

    @property
    def one_test(self) -> bool:
        """Whether ``invalid`` is all ``_from_request`` does with the value."""
        if not self.checked or self.converts:
            return False
        inner = (self.element, self.key, self.value)
        return not any(t is not None and t.request_work for t in inner)

    @property
    def request_work(self) -> bool:
        """Whether ``_from_request`` does anything with the value."""
        return self.checked or self.converts


@dataclass(frozen=True)
class FieldView:
    index: int
    """Position in the structure: locals of the generated methods are named after it."""
    name: str
    wire: str
    required: bool
    type: TypeView
    doc: str
    parse_expr: str | None
    """Conversion of local ``v<index>`` from the wire (``None``: taken as is)."""
    wire_expr: str | None
    """``to_dict`` conversion of local ``v<index>`` (``None``: sent as is)."""


@dataclass(frozen=True)
class StructView:
    name: str
    doc: str
    fields: tuple[FieldView, ...]

    def present_count(self, local: str) -> str:
        """How many members a valid request holds, once ``_from_request`` has read member
        ``i`` into ``<local><i>`` (required ones are known to be there)."""
        optional = [f"{local}{f.index}" for f in self.fields if not f.required]
        if not optional:
            return str(len(self.fields))
        values = f"({optional[0]},)" if len(optional) == 1 else f"({', '.join(optional)})"
        return f"{len(self.fields)} - {values}.count(None)"

    @property
    def checks_anything(self) -> bool:
        return any(f.required or f.type.checked for f in self.fields)


@dataclass(frozen=True)
class EnumView:
    name: str
    doc: str
    members: tuple[tuple[str, str], ...]
    """(member name, value literal)."""


@dataclass
class _Module:
    """One shapes module being assembled."""

    name: str
    structures: list[StructView] = field(default_factory=list)
    uses_shapes: bool = False
    uses_enums: bool = False
    uses_datetime: bool = False

    @property
    def uses_checks(self) -> bool:
        return any(
            f.type.checked and f.type.kind != "structure" for s in self.structures for f in s.fields
        )


@dataclass
class _Checks:
    """The package's ``_checks`` module: one function per list, map and scalar shape,
    and the constants they use."""

    functions: dict[str, TypeView] = field(default_factory=dict)
    patterns: dict[str, str] = field(default_factory=dict)
    """Python pattern literal -> constant name."""
    enum_sets: dict[str, str] = field(default_factory=dict)
    """Constant name -> frozenset literal."""
    uses_datetime: bool = False
    uses_shapes: bool = False


@dataclass(frozen=True)
class Rendered:
    files: dict[str, str]
    notes: tuple[str, ...]
    """What could not be rendered faithfully (e.g. an untranslatable pattern, whose check
    is left out), one line each."""


# ---------------------------------------------------------------------------------------
# Types.

_SCALARS: Mapping[str, tuple[str, str, str, str]] = {
    # kind: (view kind, annotation, what, type test)
    "string": ("string", "str", "a string", "isinstance({v}, str)"),
    "integer": (
        "integer",
        "int",
        "an integer",
        "isinstance({v}, int) and not isinstance({v}, bool)",
    ),
    "long": ("integer", "int", "an integer", "isinstance({v}, int) and not isinstance({v}, bool)"),
    "float": (
        "float",
        "float",
        "a number",
        "isinstance({v}, (int, float)) and not isinstance({v}, bool)",
    ),
    "double": (
        "float",
        "float",
        "a number",
        "isinstance({v}, (int, float)) and not isinstance({v}, bool)",
    ),
    "boolean": ("boolean", "bool", "a boolean", "isinstance({v}, bool)"),
    "timestamp": (
        "timestamp",
        "_datetime.datetime",
        "a datetime",
        "isinstance({v}, _datetime.datetime)",
    ),
    "blob": ("blob", "bytes", "bytes", "isinstance({v}, bytes)"),
    "document": ("document", "_Any", "", ""),
}


class _Types:
    """Builds the ``TypeView`` of shapes for one module (a shapes group or ``_checks``),
    registering in ``checks`` the constants their checks use."""

    def __init__(
        self,
        service: Service,
        checks: _Checks,
        notes: list[str],
        module: _Module | None = None,
        group_of: Mapping[str, str] | None = None,
    ) -> None:
        self.shapes = service.shapes
        self.checks = checks
        self.notes = notes
        self.module = module
        self.group_of = group_of or {}

    def view(self, name: str) -> TypeView:
        shape = self.shapes[name]
        if isinstance(shape, StructureShape):
            return self._structure(shape)
        if isinstance(shape, ListShape):
            element = self.view(shape.member)
            checks = _size_checks(shape.min_items, shape.max_items, "items")
            return TypeView(
                "list",
                f"list[{element.annotation}]",
                "a list",
                "isinstance({v}, list)",
                checks,
                element=element,
                checker=name,
            )
        if isinstance(shape, MapShape):
            key, value = self.view(shape.key), self.view(shape.value)
            checks = _size_checks(shape.min_entries, shape.max_entries, "entries")
            return TypeView(
                "map",
                f"dict[{key.annotation}, {value.annotation}]",
                "a dict",
                "isinstance({v}, dict)",
                checks,
                key=key,
                value=value,
                checker=name,
            )
        return self._primitive(shape)

    def _structure(self, shape: StructureShape) -> TypeView:
        if self.module is not None and self.group_of.get(shape.name) == self.module.name:
            cls = shape.name
        else:
            cls = f"_shapes.{shape.name}"
            if self.module is not None:
                self.module.uses_shapes = True
            else:
                self.checks.uses_shapes = True
        return TypeView("structure", cls, f"a {shape.name}", f"isinstance({{v}}, {cls})", cls=cls)

    def _primitive(self, shape: PrimitiveShape) -> TypeView:
        kind, annotation, what, test = _SCALARS[shape.kind]
        if kind == "timestamp":
            self.checks.uses_datetime = True
            if self.module is not None:
                self.module.uses_datetime = True
        c = shape.constraints
        checks: list[Check] = []
        if kind in ("string", "blob"):
            checks += _length_checks(c.min_length, c.max_length)
        if kind == "string" and c.pattern is not None:
            checks += self._pattern_check(shape, c.pattern)
        if kind in ("integer", "float"):
            if c.min_value is not None:
                checks.append(Check(f"{{v}} < {c.min_value!r}", f"must be >= {c.min_value}"))
            if c.max_value is not None:
                checks.append(Check(f"{{v}} > {c.max_value!r}", f"must be <= {c.max_value}"))
        enum_class = ""
        if kind == "string" and c.enum:
            constant = f"_VALUES_{shape.name}"
            self.checks.enum_sets[constant] = _frozenset_literal(c.enum)
            checks.append(Check(f"{{v}} not in {{m}}{constant}", enum_values=constant))
            enum_class = f"_enums.{shape.name}"
            annotation = f"{enum_class} | str"
            if self.module is not None:
                self.module.uses_enums = True
            kind = "enum"
        return TypeView(
            kind, annotation, what, test, tuple(checks), enum_class=enum_class, checker=shape.name
        )

    def _pattern_check(self, shape: PrimitiveShape, pattern: str) -> list[Check]:
        try:
            translated = translate_pattern(pattern)
        except PatternError as error:
            where = f" ({shape.source})" if shape.source else ""
            self.notes.append(f"{shape.name}{where}: pattern {pattern!r} not checked: {error}")
            return []
        if matches_every_string(translated):
            return []
        literal = repr(translated)
        if literal not in self.checks.patterns:
            # Named by a digest of the pattern: adding a pattern renames no other.
            base = f"_PATTERN_{zlib.crc32(literal.encode()):08x}"
            taken = set(self.checks.patterns.values())
            constant, n = base, 2
            while constant in taken:
                constant, n = f"{base}_{n}", n + 1
            self.checks.patterns[literal] = constant
        constant = self.checks.patterns[literal]
        return [Check(f"{{m}}{constant}.search({{v}}) is None", f"must match pattern {pattern}")]


_ASSERTIONS = re.compile(r"[\^$]|\\[bBAZ]|\(\?")


def matches_every_string(pattern: str) -> bool:
    """Whether ``re.search(pattern, s)`` succeeds for every string ``s`` (``.*``, say), so
    checking it is wasted work. True when the pattern matches the empty string and holds
    nothing that looks at context (anchors, boundaries, lookarounds; ``[^`` is only a
    negated class): its empty match then fits at the start of any string. Conservative:
    a literal ``$`` or any ``(?`` group makes it false."""
    if _ASSERTIONS.search(pattern.replace("[^", "[")):
        return False
    return re.match(pattern, "") is not None


def _frozenset_literal(values: Iterable[str]) -> str:
    return "frozenset({" + ", ".join(repr(v) for v in sorted(set(values))) + "})"


def _length_checks(low: int | None, high: int | None) -> list[Check]:
    checks = []
    if low is not None and low > 0:
        checks.append(Check(f"len({{v}}) < {low}", f"length must be >= {low}"))
    if high is not None:
        checks.append(Check(f"len({{v}}) > {high}", f"length must be <= {high}"))
    return checks


def _size_checks(low: int | None, high: int | None, unit: str) -> tuple[Check, ...]:
    checks = []
    if low is not None and low > 0:
        checks.append(Check(f"len({{v}}) < {low}", f"must have >= {low} {unit}"))
    if high is not None:
        checks.append(Check(f"len({{v}}) > {high}", f"must have <= {high} {unit}"))
    return tuple(checks)


# ---------------------------------------------------------------------------------------
# Conversions, as expressions over a local value. ``path`` is the inside of an f-string.


def parse_expr(t: TypeView, v: str, path: str, depth: int = 0) -> str | None:
    """A value from a request dict or a response -> the field's value (``None``: as is).
    ``issues`` is ``None`` when parsing a response."""
    if t.kind == "structure":
        return f'{t.cls}._from_dict({v}, f"{path}.", issues)'
    if t.kind == "enum":
        return f"_core.enum_or_str({t.enum_class}, {v})"
    if t.kind == "timestamp":
        return f"_core.timestamp_from({v}, issues)"
    if t.kind == "blob":
        return f'_core.blob_from({v}, f"{path}", issues)'
    x, i, k = f"x{depth}", f"i{depth}", f"k{depth}"
    if t.kind == "list" and t.element is not None:
        inner = parse_expr(t.element, x, f"{path}[{{{i}}}]", depth + 1)
        if inner is None:
            return None
        return f"[{inner} for {i}, {x} in enumerate({v})] if isinstance({v}, list) else {v}"
    if t.kind == "map" and t.value is not None:
        inner = parse_expr(t.value, x, f"{path}[{{{k}!r}}]", depth + 1)
        if inner is None:
            return None
        return f"{{{k}: {inner} for {k}, {x} in {v}.items()}} if isinstance({v}, dict) else {v}"
    return None


def wire_expr(t: TypeView, v: str, depth: int = 0) -> str | None:
    """A field's value -> its JSON wire form (``None``: as is)."""
    if t.kind == "structure":
        return f"{v}.to_dict()"
    if t.kind == "timestamp":
        return f"_core.epoch_seconds({v})"
    if t.kind == "blob":
        return f"_core.b64({v})"
    x, k = f"x{depth}", f"k{depth}"
    if t.kind == "list" and t.element is not None:
        inner = wire_expr(t.element, x, depth + 1)
        return None if inner is None else f"[{inner} for {x} in {v}]"
    if t.kind == "map" and t.value is not None:
        inner = wire_expr(t.value, x, depth + 1)
        return None if inner is None else f"{{{k}: {inner} for {k}, {x} in {v}.items()}}"
    return None


# ---------------------------------------------------------------------------------------
# Grouping.


def _structure_refs(service: Service, name: str) -> Iterable[str]:
    """Structures a shape refers to directly (through lists and maps)."""
    shape = service.shapes.get(name)
    if isinstance(shape, StructureShape):
        for member in shape.members:
            yield from _through_containers(service, member.target)
    elif shape is not None:
        yield from _through_containers(service, name)


def _through_containers(service: Service, name: str) -> Iterable[str]:
    shape = service.shapes.get(name)
    if isinstance(shape, StructureShape):
        yield name
    elif isinstance(shape, ListShape):
        yield from _through_containers(service, shape.member)
    elif isinstance(shape, MapShape):
        yield from _through_containers(service, shape.key)
        yield from _through_containers(service, shape.value)


def _closure(service: Service, roots: Iterable[str]) -> set[str]:
    seen: set[str] = set()
    pending = [r for r in roots if isinstance(service.shapes.get(r), StructureShape)]
    while pending:
        name = pending.pop()
        if name in seen:
            continue
        seen.add(name)
        pending.extend(_structure_refs(service, name))
    return seen


def _bucket(name: str, buckets: int) -> int:
    return zlib.crc32(name.encode()) % buckets


def _bucket_count(count: int, per_bucket: int) -> int:
    buckets = 1
    while buckets * per_bucket < count:
        buckets *= 2
    return buckets


def group_structures(service: Service) -> dict[str, str]:
    """Structure name -> module name (see the module docstring for the rule)."""
    users: dict[str, set[str]] = defaultdict(set)
    for op in service.operations.values():
        roots = [n for n in (op.input, op.output) if n is not None]
        for name in _closure(service, roots):
            users[name].add(op.name)
    structures = sorted(n for n, s in service.shapes.items() if isinstance(s, StructureShape))
    shared = [n for n in structures if len(users[n]) != 1]
    buckets = _bucket_count(len(shared), SHAPES_PER_BUCKET)
    group_of = {}
    for name in structures:
        if len(users[name]) == 1:
            (op_name,) = users[name]
            group_of[name] = f"_op_{naming.module_name(op_name)}"
        else:
            group_of[name] = f"_common_{_bucket(name, buckets):02d}"
    return group_of


def group_enums(names: Iterable[str]) -> dict[str, str]:
    ordered = sorted(names)
    buckets = _bucket_count(len(ordered), ENUMS_PER_BUCKET)
    return {name: f"_group_{_bucket(name, buckets):02d}" for name in ordered}


# ---------------------------------------------------------------------------------------
# Rendering.


def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATES)),
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        autoescape=False,
    )
    env.filters["pyrepr"] = repr
    env.filters["docstring"] = string_literal
    return env


_ENV: jinja2.Environment | None = None


def environment() -> jinja2.Environment:
    global _ENV
    if _ENV is None:
        _ENV = _environment()
    return _ENV


def render_service(service: Service) -> dict[str, str]:
    """Relative path -> source of every file of the service's package."""
    return render(service).files


def render(service: Service) -> Rendered:
    env = environment()
    package = service.config.package
    notes: list[str] = []
    checks = _Checks()
    all_types = _Types(service, checks, notes)
    for name, shape in sorted(service.shapes.items()):
        if not isinstance(shape, StructureShape):
            checks.functions[name] = all_types.view(name)
    group_of = group_structures(service)
    modules: dict[str, _Module] = {}
    for name in sorted(group_of, key=_natural):
        module = modules.setdefault(group_of[name], _Module(group_of[name]))
        shape = service.shapes[name]
        assert isinstance(shape, StructureShape)
        types = _Types(service, checks, notes, module, group_of)
        module.structures.append(_struct_view(shape, types))
    enums = _enum_views(service)
    enum_group_of = group_enums(enums)
    context = {"service": service, "package": package}
    files: dict[str, str] = {}

    def emit(path: str, template: str, **values: object) -> None:
        files[f"{package}/{path}"] = env.get_template(template).render(**context, **values)

    emit("__init__.py", "package_init.py.j2", doc=_service_doc(service))
    for static in STATIC_MODULES:
        files[f"{package}/{static}"] = (TEMPLATES / "package" / static).read_text(encoding="utf-8")
    files[f"{package}/py.typed"] = ""
    emit("_checks.py", "checks.py.j2", checks=checks)
    emit(
        "shapes/__init__.py",
        "lazy_init.py.j2",
        module_of=group_of,
        imports=_imports(group_of),
        names=sorted(group_of, key=_natural),
        doc=f"Data types of {service.name}: one dataclass per structure, loaded on first use.",
    )
    for module in sorted(modules.values(), key=lambda m: m.name):
        emit(f"shapes/{module.name}.py", "shapes.py.j2", module=module)
    emit(
        "enums/__init__.py",
        "lazy_init.py.j2",
        module_of=enum_group_of,
        imports=_imports(enum_group_of),
        names=sorted(enum_group_of, key=_natural),
        doc=f"Documented value lists of {service.name} as str enums, loaded on first use.",
    )
    by_group: dict[str, list[EnumView]] = defaultdict(list)
    for name, group in enum_group_of.items():
        by_group[group].append(enums[name])
    for group, views in sorted(by_group.items()):
        emit(f"enums/{group}.py", "enums.py.j2", enums=views)
    return Rendered(dict(sorted(files.items())), tuple(notes))


def _natural(name: str) -> tuple[int, list[object]]:
    """ruff's (isort-style) order for ``__all__``: CONSTANTS, then Classes, then others,
    numbers compared by value."""
    group = 0 if name.isupper() else 1 if name[:1].isupper() else 2
    return group, [int(p) if p.isdigit() else p for p in re.split(r"(\d+)", name)]


def _imports(module_of: Mapping[str, str]) -> list[tuple[str, str]]:
    """(module, name) in the order isort wants them."""
    pairs = sorted(module_of.items(), key=lambda item: (item[1], _natural(item[0])))
    return [(module, name) for name, module in pairs]


def _service_doc(service: Service) -> str:
    text = doc_text(service.documentation)
    title = f"{service.name} ({service.uid}), generated from its API reference by codegen."
    return f"{title}\n\n{text}" if text else title


def _struct_view(shape: StructureShape, types: _Types) -> StructView:
    names = naming.field_names(m.name for m in shape.members)
    fields = []
    for index, (name, member) in enumerate(zip(names, shape.members)):
        t = types.view(member.target)
        local = f"v{index}"
        fields.append(
            FieldView(
                index=index,
                name=name,
                wire=member.name,
                # The client fills an idempotency token the caller leaves out: never missing.
                required=member.required and not member.idempotency_token,
                type=t,
                doc=_field_doc(member),
                parse_expr=parse_expr(t, local, f"{{prefix}}{name}"),
                wire_expr=wire_expr(t, local),
            )
        )
    doc = doc_text(shape.documentation) or _default_doc(shape)
    return StructView(shape.name, doc, tuple(fields))


def _field_doc(member: Member) -> str:
    text = doc_text(member.documentation)
    if not member.idempotency_token:
        return text
    note = "Idempotency token: when left out, the client sends a fresh UUID."
    return f"{text}\n\n{note}" if text else note


def _default_doc(shape: StructureShape) -> str:
    if shape.exception:
        return f"The {shape.name} error."
    for suffix, what in (("Request", "input"), ("Response", "output")):
        if shape.synthetic and shape.name.endswith(suffix):
            return f"The {what} of {shape.name[: -len(suffix)]}."
    return f"The {shape.name} structure."


def _enum_views(service: Service) -> dict[str, EnumView]:
    views = {}
    for shape in service.shapes.values():
        if isinstance(shape, PrimitiveShape) and shape.kind == "string" and shape.constraints.enum:
            members = naming.enum_member_names(shape.constraints.enum)
            views[shape.name] = EnumView(
                shape.name,
                f"Documented values of {shape.name}.",
                tuple((members[v], repr(v)) for v in dict.fromkeys(shape.constraints.enum)),
            )
    return views
