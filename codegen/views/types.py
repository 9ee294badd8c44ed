"""The type of every member as the templates need it: annotation, type test, checks,
and the expressions converting values from and to the wire.

``TypeViews`` builds them for one module of the package (a shapes module or ``_checks``),
registering the constants their checks use (patterns, enum value sets) in a
``ChecksBuilder`` and what the module must import in its ``Uses``.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from ..model import (
    Constraints,
    ListShape,
    MapShape,
    Member,
    PrimitiveShape,
    Service,
    StructureShape,
)
from ..patterns import PatternError, translate_pattern


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
        """Condition true for a value ``_check_request`` rejects: of the wrong type or
        failing any check (not looking inside containers)."""
        return " or ".join([self.failed(value), *(c.on(value, module) for c in self.checks)])

    @property
    def one_test(self) -> bool:
        """Whether ``invalid`` is all ``_check_request`` does with the value."""
        if not self.checked or self.kind in ("structure", "timestamp", "blob"):
            return False
        inner = (self.element, self.key, self.value)
        return not any(t is not None and t.request_work for t in inner)

    @property
    def request_work(self) -> bool:
        """Whether ``_check_request`` does anything with the value."""
        return self.checked or self.converts


@dataclass
class Uses:
    """What a module being assembled refers to, so that it imports just that."""

    shapes: bool = False
    enums: bool = False
    datetime: bool = False
    streaming: bool = False


@dataclass
class ChecksBuilder:
    """The package's ``_checks`` module being assembled: one function per list, map and
    scalar shape, and the constants they use."""

    functions: dict[str, TypeView] = field(default_factory=dict)
    patterns: dict[str, str] = field(default_factory=dict)
    """Python pattern literal -> constant name."""
    enum_sets: dict[str, str] = field(default_factory=dict)
    """Constant name -> frozenset literal."""
    uses: Uses = field(default_factory=Uses)


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


class TypeViews:
    """Builds the ``TypeView`` of shapes for one module: the shapes module ``module``
    (structures in it by ``group_of`` are named bare, what it refers to goes in ``uses``)
    or, with no module, ``_checks``; registers in ``checks`` the constants their checks use
    and in ``notes`` what cannot be checked."""

    def __init__(
        self,
        service: Service,
        checks: ChecksBuilder,
        notes: list[str],
        module: str | None = None,
        uses: Uses | None = None,
        group_of: Mapping[str, str] | None = None,
    ) -> None:
        self.shapes = service.shapes
        self.outputs = frozenset(op.output for op in service.operations.values() if op.output)
        self.checks = checks
        self.notes = notes
        self.module = module
        self.uses = uses if uses is not None and module is not None else checks.uses
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

    def member(self, structure: str, member: Member) -> TypeView:
        """A member's type: its shape's, except that a blob bound to the whole HTTP body
        streams, as in botocore: a request's takes bytes, bytearray, memoryview, a binary
        file or an iterable of bytes; a response's is a ``StreamingBody``."""
        if takes_text(self.shapes, member):
            return self._text()
        shape = self.shapes[member.target]
        if not (streams(self.shapes, member) and isinstance(shape, PrimitiveShape)):
            return self.view(member.target)
        self.uses.streaming = True
        response = structure in self.outputs
        checker = f"_stream_{member.target}"  # shape names never start with "_"
        view = TypeView(
            "stream",
            "_streaming.StreamingBody" if response else "_streaming.StreamingInput",
            "bytes, a binary file or an iterable of bytes",
            _STREAM_TEST,
            # A file's size is unknown until it is read: lengths are checked on buffers only.
            tuple(
                Check(f"{_BUFFER_TEST} and {c.condition}", c.message)
                for c in self._primitive(shape).checks
            ),
            checker=checker,
        )
        self.checks.functions.setdefault(checker, view)
        return view

    def _text(self) -> TypeView:
        """A parameter whose type the docs leave unstated: text on the wire, so the natural
        Python values botocore writes as text are taken too (``True`` -> ``true``)."""
        checker = "_text"  # shape names never start with "_"
        view = TypeView(
            "text", "str | int | bool", "a string, integer or boolean", _TEXT_TEST, checker=checker
        )
        self.checks.functions.setdefault(checker, view)
        return view

    def _structure(self, shape: StructureShape) -> TypeView:
        if self.module is not None and self.group_of.get(shape.name) == self.module:
            cls = shape.name
        else:
            cls = f"_shapes.{shape.name}"
            self.uses.shapes = True
        return TypeView("structure", cls, f"a {shape.name}", f"isinstance({{v}}, {cls})", cls=cls)

    def _primitive(self, shape: PrimitiveShape) -> TypeView:
        kind, annotation, what, test = _SCALARS[shape.kind]
        if kind == "timestamp":
            # _checks imports datetime as soon as any module uses a timestamp.
            self.checks.uses.datetime = True
            self.uses.datetime = True
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
                self.uses.enums = True
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


def takes_text(shapes: Mapping[str, object], member: Member) -> bool:
    """Whether a member is a parameter nothing on the page types or constrains: the client
    takes ``str``, ``int`` or ``bool`` for it."""
    shape = shapes.get(member.target)
    return (
        member.type_unstated
        and isinstance(shape, PrimitiveShape)
        and shape.kind == "string"
        and shape.constraints == Constraints()
    )


def streams(shapes: Mapping[str, object], member: Member) -> bool:
    """Whether a member is a blob bound to the whole HTTP body: it streams."""
    target = shapes.get(member.target)
    return member.payload and isinstance(target, PrimitiveShape) and target.kind == "blob"


_TEXT_TEST = "isinstance({v}, (str, int))"  # bool is an int
_BUFFER_TEST = "isinstance({v}, (bytes, bytearray, memoryview))"
_STREAM_TEST = (
    f"{_BUFFER_TEST} or hasattr({{v}}, 'read')"
    " or (hasattr({v}, '__iter__') and not isinstance({v}, (str, dict)))"
    " or hasattr({v}, '__aiter__')"  # an async iterable: AsyncClient spools it
)

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


def parse_expr(t: TypeView, v: str, depth: int = 0) -> str | None:
    """A value from a response (or a request dict read forgivingly) -> the field's value
    (``None``: as is). Values of unexpected types are kept for ``_check`` to report."""
    x, k = f"x{depth}", f"k{depth}"
    if t.kind in ("list", "map"):
        item = t.element if t.kind == "list" else t.value
        inner = parse_expr(item, x, depth + 1) if item is not None else None
        if inner is None:
            return None
        if t.kind == "list":
            return f"[{inner} for {x} in {v}] if isinstance({v}, list) else {v}"
        return f"{{{k}: {inner} for {k}, {x} in {v}.items()}} if isinstance({v}, dict) else {v}"
    if t.kind == "structure":
        return f"{t.cls}._parse({v})"
    if t.kind == "enum":
        return f"_core.enum_or_str({t.enum_class}, {v})"
    if t.kind == "timestamp":
        return f"_core.timestamp_from({v})"
    if t.kind in ("blob", "stream"):
        return f"_core.blob_from({v})"
    return None


def wire_expr(t: TypeView, v: str, depth: int = 0) -> str | None:
    """A field's value -> its JSON wire form (``None``: as is)."""
    if t.kind == "structure":
        return f"{v}.to_dict()"
    if t.kind == "timestamp":
        return f"_core.epoch_seconds({v})"
    if t.kind == "blob":
        return f"_core.b64({v})"
    if t.kind == "stream":  # a file or a StreamingBody has no wire form: kept as is
        return f"_core.b64(bytes({v})) if {_BUFFER_TEST.format(v=v)} else {v}"
    x, k = f"x{depth}", f"k{depth}"
    if t.kind == "list" and t.element is not None:
        inner = wire_expr(t.element, x, depth + 1)
        return None if inner is None else f"[{inner} for {x} in {v}]"
    if t.kind == "map" and t.value is not None:
        inner = wire_expr(t.value, x, depth + 1)
        return None if inner is None else f"{{{k}: {inner} for {k}, {x} in {v}.items()}}"
    return None
