"""What the package's templates need (shapes, enums, ``_checks``, ``__init__``), decided
once per service: every structure with its fields' types, checks and conversions, grouped
by module; every enum; the check functions and their constants; what could not be
checked faithfully (``notes``)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass

from ..model import ListShape, MapShape, Member, PrimitiveShape, Service, StructureShape
from .layout import imports, natural
from .names import Names
from .text import doc_text
from .types import ChecksBuilder, TypeView, TypeViews, Uses, parse_expr, wire_expr


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
    """``_parse``'s conversion of the member's wire ``value`` (``None``: taken as is)."""
    wire_expr: str | None
    """``to_dict`` conversion of local ``v<index>`` (``None``: sent as is)."""


@dataclass(frozen=True)
class StructView:
    name: str
    doc: str
    fields: tuple[FieldView, ...]
    wire_as_given: bool = False
    """An operation's input whose valid request dict is already its JSON body: the client
    sends such a dict once checked, building no objects (``_core.Shape._WIRE_AS_GIVEN``)."""

    def unset_lines(self, width: int = 80) -> list[str]:
        """``_parse``'s first statements: every field of a fresh ``obj`` set to ``None``,
        as chained assignments of at most ``width`` characters each."""
        lines: list[list[str]] = [[]]
        for f in self.fields:
            target = f"obj.{f.name}"
            if lines[-1] and len(" = ".join([*lines[-1], target, "None"])) > width:
                lines.append([])
            lines[-1].append(target)
        return [" = ".join([*targets, "None"]) for targets in lines if targets]

    @property
    def checks_anything(self) -> bool:
        return any(f.required or f.type.checked for f in self.fields)


@dataclass(frozen=True)
class EnumView:
    name: str
    doc: str
    members: tuple[tuple[str, str], ...]
    """(member name, value literal)."""


@dataclass(frozen=True)
class ModuleView:
    """One module of ``shapes``."""

    name: str
    structures: tuple[StructView, ...]
    uses_shapes: bool
    uses_enums: bool
    uses_datetime: bool
    uses_streaming: bool

    @property
    def uses_checks(self) -> bool:
        return any(
            f.type.checked and f.type.kind != "structure" for s in self.structures for f in s.fields
        )


@dataclass(frozen=True)
class ChecksView:
    """The package's ``_checks`` module: one function per list, map and scalar shape,
    and the constants they use."""

    functions: Mapping[str, TypeView]
    patterns: Mapping[str, str]
    """Python pattern literal -> constant name."""
    enum_sets: Mapping[str, str]
    """Constant name -> frozenset literal."""
    uses_datetime: bool
    uses_shapes: bool


@dataclass(frozen=True)
class LazyModuleView:
    """A package's lazy ``__init__`` (``shapes``, ``enums``): name -> defining module."""

    doc: str
    module_of: Mapping[str, str]
    imports: tuple[tuple[str, str], ...]
    names: tuple[str, ...]


@dataclass(frozen=True)
class PackageView:
    package: str
    service_name: str
    doc: str
    """The package's docstring."""
    checks: ChecksView
    shapes: LazyModuleView
    modules: tuple[ModuleView, ...]
    """The modules of ``shapes``, by name."""
    enums: LazyModuleView
    enum_groups: tuple[tuple[str, tuple[EnumView, ...]], ...]
    """The modules of ``enums``, by name, with their enums."""
    notes: tuple[str, ...]
    """What could not be rendered faithfully (e.g. an untranslatable pattern, whose check
    is left out), one line each."""


def package_view(service: Service, names: Names) -> PackageView:
    notes: list[str] = []
    checks = ChecksBuilder()
    all_types = TypeViews(service, checks, notes)
    for name, shape in sorted(service.shapes.items()):
        if not isinstance(shape, StructureShape):
            checks.functions[name] = all_types.view(name)
    group_of = names.structure_modules
    as_given = _inputs_sent_as_given(service)
    structures: dict[str, list[StructView]] = defaultdict(list)
    uses: dict[str, Uses] = defaultdict(Uses)
    for name in sorted(group_of, key=natural):
        module = group_of[name]
        shape = service.shapes[name]
        assert isinstance(shape, StructureShape)
        types = TypeViews(service, checks, notes, module, uses[module], group_of)
        structures[module].append(_struct_view(shape, names, types, name in as_given))
    modules = tuple(
        ModuleView(
            m,
            tuple(structures[m]),
            uses[m].shapes,
            uses[m].enums,
            uses[m].datetime,
            uses[m].streaming,
        )
        for m in sorted(structures)
    )
    by_group: dict[str, list[EnumView]] = defaultdict(list)
    for name, group in names.enum_modules.items():
        by_group[group].append(_enum_view(service, name, names))
    return PackageView(
        package=names.package,
        service_name=service.name,
        doc=_service_doc(service),
        checks=ChecksView(
            checks.functions,
            checks.patterns,
            checks.enum_sets,
            checks.uses.datetime,
            checks.uses.shapes,
        ),
        shapes=_lazy(
            group_of,
            f"Data types of {service.name}: one dataclass per structure, loaded on first use.",
        ),
        modules=modules,
        enums=_lazy(
            names.enum_modules,
            f"Documented value lists of {service.name} as str enums, loaded on first use.",
        ),
        enum_groups=tuple((g, tuple(views)) for g, views in sorted(by_group.items())),
        notes=tuple(notes),
    )


def _lazy(module_of: Mapping[str, str], doc: str) -> LazyModuleView:
    return LazyModuleView(
        doc, module_of, tuple(imports(module_of)), tuple(sorted(module_of, key=natural))
    )


def _service_doc(service: Service) -> str:
    text = doc_text(service.documentation)
    title = f"{service.name} ({service.uid}), generated from its API reference by codegen."
    return f"{title}\n\n{text}" if text else title


def _inputs_sent_as_given(service: Service) -> set[str]:
    """The inputs of a JSON service whose valid request dict is its own body: all but
    those holding a timestamp (a dict may give epoch seconds with a fraction, which the
    wire form drops, as botocore does)."""
    if service.config.protocol != "json":
        return set()
    inputs = {op.input for op in service.operations.values() if op.input}
    return {name for name in inputs if not _holds_timestamp(service, name, set())}


def _holds_timestamp(service: Service, name: str, seen: set[str]) -> bool:
    if name in seen:
        return False
    seen.add(name)
    shape = service.shapes.get(name)
    if isinstance(shape, PrimitiveShape):
        return shape.kind == "timestamp"
    if isinstance(shape, StructureShape):
        return any(_holds_timestamp(service, m.target, seen) for m in shape.members)
    if isinstance(shape, ListShape):
        return _holds_timestamp(service, shape.member, seen)
    if isinstance(shape, MapShape):
        return _holds_timestamp(service, shape.key, seen) or _holds_timestamp(
            service, shape.value, seen
        )
    return False


def _struct_view(
    shape: StructureShape, names: Names, types: TypeViews, wire_as_given: bool = False
) -> StructView:
    fields = []
    for index, (name, member) in enumerate(zip(names.fields[shape.name], shape.members)):
        t = types.member(shape.name, member)
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
                parse_expr=parse_expr(t, "value"),
                wire_expr=wire_expr(t, local),
            )
        )
    doc = doc_text(shape.documentation) or _default_doc(shape)
    return StructView(shape.name, doc, tuple(fields), wire_as_given)


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


def _enum_view(service: Service, name: str, names: Names) -> EnumView:
    shape = service.shapes[name]
    assert isinstance(shape, PrimitiveShape)
    members = names.enum_members[name]
    return EnumView(
        name,
        f"Documented values of {name}.",
        tuple((members[v], repr(v)) for v in dict.fromkeys(shape.constraints.enum)),
    )
