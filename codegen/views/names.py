"""Every Python name of a generated package, decided in one place.

``service_names`` computes them once per service as a ``Names`` value (fields, client
methods, paginator methods, error classes, enum members, the modules shapes and enums live
in) and settles collisions up front; views, templates and the docs only read it.

The rules (each is stable: a name depends only on the wire name and, for collisions, on
the names that come before it in the same class):

- Field: ``snake_case`` of the wire name (``KMSKeyId`` -> ``kms_key_id``, ``S3Uri`` ->
  ``s3_uri``); characters other than letters, digits and ``_`` become ``_``; a leading
  digit gets a ``f_`` prefix. A Python keyword, or a name the generated class body itself
  uses (builtins in annotations and decorators, the generated methods), gets a ``_``
  suffix (``Class`` -> ``class_``, ``Str`` -> ``str_``). Among the members of one
  structure, in the docs' order, a name already taken gets ``_2``, ``_3``, ...
- Enum member: ``UPPER_SNAKE`` of the value (``ml.m4.xlarge`` -> ``ML_M4_XLARGE``,
  ``InProgress`` -> ``IN_PROGRESS``); a name that would start with a digit or be empty
  gets a ``V_`` prefix; names colliding within one enum are numbered ``_2``, ``_3``, ...
  in the sorted order of their values (never the order of the docs' list).
- Module: snake_case of the operation name.
- Client method: snake_case of the operation name, ``_`` appended while it collides with
  a base client attribute or an earlier (sorted) operation's method; ``paginate_<method>``
  and ``<method>_items`` exist only when free.
- Error class: the error shape's name, ``_`` appended when it is a name the runtime's
  error module exports; a common error the docs do not define is named by its code.
"""

from __future__ import annotations

import keyword
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from ..model import PrimitiveShape, Service, StructureShape
from ..model.pagination import detect_pagination
from .layout import group_enums, group_structures

# Names the generated class body resolves itself (annotations, decorators, methods):
# a field with one of these names would shadow it for the rest of the class body.
CLASS_BODY_NAMES = frozenset(
    {
        "str",
        "int",
        "float",
        "bool",
        "bytes",
        "list",
        "dict",
        "object",
        "datetime",
        "Any",
        "Mapping",
        "Self",
        "ClassVar",
        "classmethod",
        "staticmethod",
        "property",
        "from_dict",
        "to_dict",
        "from_response",
        "validate",
    }
)

_ACRONYM_BOUNDARY = re.compile(r"([A-Z]+)([A-Z][a-z])")
_WORD_BOUNDARY = re.compile(r"([a-z0-9])([A-Z])")
_NOT_IDENTIFIER = re.compile(r"[^0-9A-Za-z_]+")


def _words(text: str) -> str:
    """Lower-case words joined by ``_``; may be empty or start with a digit."""
    text = _ACRONYM_BOUNDARY.sub(r"\1_\2", text)
    text = _WORD_BOUNDARY.sub(r"\1_\2", text)
    text = _NOT_IDENTIFIER.sub("_", text)
    return re.sub(r"_+", "_", text).strip("_").lower()


def snake_case(wire_name: str) -> str:
    """``HyperParameterTuningJobName`` -> ``hyper_parameter_tuning_job_name``."""
    text = _words(wire_name)
    return f"f_{text}" if not text or text[0].isdigit() else text


def field_name(wire_name: str) -> str:
    """The field name for one wire name, before collisions with sibling fields."""
    name = snake_case(wire_name)
    # Soft keywords are valid names (and differ between Python versions): not renamed.
    if keyword.iskeyword(name) or name in CLASS_BODY_NAMES:
        return f"{name}_"
    return name


def field_names(wire_names: Iterable[str]) -> list[str]:
    """Field names for a structure's members, in order; later duplicates are numbered."""
    taken: set[str] = set()
    names = []
    for wire_name in wire_names:
        name = _first_free(field_name(wire_name), taken)
        taken.add(name)
        names.append(name)
    return names


def enum_member_names(values: Iterable[str]) -> dict[str, str]:
    """value -> member name for one enum."""
    names: dict[str, str] = {}
    taken: set[str] = set()
    for value in sorted(set(values)):
        base = _words(value).upper()
        if not base or base[0].isdigit():
            base = f"V_{base}".rstrip("_")
        name = _first_free(base, taken)
        taken.add(name)
        names[value] = name
    return names


def module_name(name: str) -> str:
    """``CreateHyperParameterTuningJob`` -> ``create_hyper_parameter_tuning_job``."""
    return snake_case(name)


def _first_free(name: str, taken: set[str]) -> str:
    candidate, n = name, 2
    while candidate in taken:
        candidate = f"{name}_{n}"
        n += 1
    return candidate


# ---------------------------------------------------------------------------------------
# The names of one service.

# Attributes of the generated BaseClient: an operation's method must not take them.
BASE_CLIENT_NAMES = frozenset({"close", "region", "endpoint_url", "timeout", "validation"})

# Names the runtime's error module exports, re-exported by errors.py: an error shape of
# the same name gets a ``_`` suffix.
RUNTIME_ERROR_NAMES = frozenset(
    {
        "ClientError",
        "ConfigurationError",
        "ConnectTimeoutError",
        "ConnectionClosedError",
        "EndpointConnectionError",
        "NoCredentialsError",
        "NoRegionError",
        "ReadTimeoutError",
        "ResponseParseError",
        "ServiceError",
        "TransportError",
        "ERROR_CLASSES",
    }
)


@dataclass(frozen=True)
class ErrorName:
    cls: str
    code: str
    shape: str
    """The error's structure (empty for a common error the docs lack)."""


@dataclass(frozen=True)
class PaginatorNames:
    paginate: str
    items: str
    """Empty when the response has no single result list (or the name is taken)."""


@dataclass(frozen=True)
class Names:
    """The Python names of one service's package."""

    package: str
    fields: Mapping[str, tuple[str, ...]]
    """Structure -> its field names, in the order of its members."""
    methods: Mapping[str, str]
    """Operation -> client method."""
    paginators: Mapping[str, PaginatorNames]
    """Operation -> its paginator methods, for the operations that have them."""
    errors: tuple[ErrorName, ...]
    """Every error class of ``errors``, sorted by class name."""
    enum_members: Mapping[str, Mapping[str, str]]
    """Enum shape -> value -> member name."""
    structure_modules: Mapping[str, str]
    """Structure -> its module in ``shapes``."""
    enum_modules: Mapping[str, str]
    """Enum shape -> its module in ``enums``."""

    def field(self, structure: StructureShape, wire: str) -> str:
        """The field of ``structure`` for its member named ``wire`` on the wire."""
        pairs = zip(structure.members, self.fields[structure.name])
        return next(name for member, name in pairs if member.name == wire)


def service_names(service: Service, common_errors: Iterable[str]) -> Names:
    """``common_errors``: the codes every AWS API may return, classes when undefined."""
    methods = _methods(service)
    enums = {
        name: enum_member_names(shape.constraints.enum)
        for name, shape in sorted(service.shapes.items())
        if isinstance(shape, PrimitiveShape) and shape.kind == "string" and shape.constraints.enum
    }
    return Names(
        package=service.config.package,
        fields={
            name: tuple(field_names(m.name for m in shape.members))
            for name, shape in sorted(service.shapes.items())
            if isinstance(shape, StructureShape)
        },
        methods=methods,
        paginators=_paginators(service, methods),
        errors=_errors(service, common_errors),
        enum_members=enums,
        structure_modules=group_structures(service, module_name),
        enum_modules=group_enums(enums),
    )


def _methods(service: Service) -> dict[str, str]:
    taken = set(BASE_CLIENT_NAMES)
    names: dict[str, str] = {}
    for operation in sorted(service.operations):
        name = module_name(operation)
        while name in taken:
            name += "_"
        taken.add(name)
        names[operation] = name
    return names


def _paginators(service: Service, methods: Mapping[str, str]) -> dict[str, PaginatorNames]:
    taken = set(BASE_CLIENT_NAMES) | set(methods.values())
    paginators: dict[str, PaginatorNames] = {}
    for name in sorted(service.operations):
        op = service.operations[name]
        paging = detect_pagination(service, op)
        structures = [service.shapes.get(n) if n else None for n in (op.input, op.output)]
        if paging is None or not all(isinstance(s, StructureShape) for s in structures):
            continue
        method = methods[name]
        paginate, items = f"paginate_{method}", ""
        if paginate in taken:
            continue
        taken.add(paginate)
        if paging.result_key and f"{method}_items" not in taken:
            items = f"{method}_items"
            taken.add(items)
        paginators[name] = PaginatorNames(paginate, items)
    return paginators


def _errors(service: Service, common_errors: Iterable[str]) -> tuple[ErrorName, ...]:
    names: dict[str, ErrorName] = {}
    for name, shape in sorted(service.shapes.items()):
        if isinstance(shape, StructureShape) and shape.exception:
            code = shape.error_code or name
            cls = f"{name}_" if name in RUNTIME_ERROR_NAMES else name
            names[code] = ErrorName(cls, code, name)
    taken = {n.cls for n in names.values()}
    for code in [*sorted(service.common_errors), *common_errors]:
        if code not in names and code not in taken:
            names[code] = ErrorName(code, code, "")
    return tuple(sorted(names.values(), key=lambda n: n.cls))
