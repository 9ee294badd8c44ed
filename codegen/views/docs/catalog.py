"""What pages a service's docs have, and how shapes are named, typed and linked on them.

A *target* is a page path relative to the docs root without its extension
(``operations/CreateWidget``, ``shapes/Widget``), optionally with an anchor
(``operations/CreateWidget#request``). The Markdown and HTML renderers add ``.md`` or
``.html`` and the ``../`` a page needs to reach the root.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal

from ...model import (
    Constraints,
    ListShape,
    MapShape,
    Member,
    Operation,
    PrimitiveShape,
    Service,
    Shape,
    StructureShape,
)
from ..names import Names

PageKind = Literal["operation", "shape", "enum", "error"]
FOLDERS: dict[PageKind, str] = {
    "operation": "operations",
    "shape": "shapes",
    "enum": "enums",
    "error": "errors",
}


@dataclass(frozen=True)
class Segment:
    """A piece of inline text: plain, code, or a link to one of our pages."""

    text: str
    target: str | None = None
    code: bool = False


Inline = tuple[Segment, ...]


@dataclass(frozen=True)
class Use:
    """A member that refers to a shape (directly or through lists and maps)."""

    owner_title: str
    owner_target: str
    member: str


class Catalog:
    """Pages, links and back-links of one service."""

    def __init__(self, service: Service, names: Names) -> None:
        self.service = service
        self.python_names = names
        self.io_owner: dict[str, tuple[Operation, str]] = {}
        for operation in service.operations.values():
            if operation.input:
                self.io_owner[operation.input] = (operation, "request")
            if operation.output:
                self.io_owner[operation.output] = (operation, "response")
        self.pages: dict[str, tuple[PageKind, str]] = {}
        for name in sorted(service.operations):
            self.pages[f"operations/{name}"] = ("operation", name)
        for name, shape in sorted(service.shapes.items()):
            kind = self.page_kind(shape)
            if kind is not None:
                self.pages[f"{FOLDERS[kind]}/{name}"] = (kind, name)
        self._uses = self._collect_uses()
        self._error_classes = {e.shape: e.cls for e in names.errors if e.shape}

    # -- pages ---------------------------------------------------------------------

    def page_kind(self, shape: Shape) -> PageKind | None:
        if isinstance(shape, StructureShape):
            if shape.exception:
                return "error"
            return None if shape.name in self.io_owner else "shape"
        if isinstance(shape, PrimitiveShape) and shape.constraints.enum:
            return "enum"
        return None

    def names(self, kind: PageKind) -> list[str]:
        return [name for k, name in self.pages.values() if k == kind]

    def shape_target(self, name: str) -> str | None:
        """Where a shape is documented: its own page, or its operation's request or
        response section; None for lists, maps and plain scalars (described inline)."""
        if name in self.io_owner:
            operation, part = self.io_owner[name]
            return f"operations/{operation.name}#{part}"
        shape = self.service.shapes.get(name)
        kind = self.page_kind(shape) if shape is not None else None
        return None if kind is None else f"{FOLDERS[kind]}/{name}"

    def name_target(self, name: str) -> str | None:
        """A docs page name (``API_<name>.md``) -> our page for it, if we have one."""
        if name in self.service.operations:
            return f"operations/{name}"
        return self.shape_target(name)

    # -- structures and fields -------------------------------------------------------

    def structure(self, name: str | None) -> StructureShape | None:
        shape = self.service.shapes.get(name) if name else None
        return shape if isinstance(shape, StructureShape) else None

    def fields(self, structure: StructureShape) -> list[tuple[str, Member]]:
        """(Python field name, member) in the docs' order."""
        return list(zip(self.python_names.fields[structure.name], structure.members, strict=True))

    def error_class(self, shape: str) -> str:
        """The exception class the client raises for an error shape (in ``errors``)."""
        return self._error_classes.get(shape, shape)

    def method_name(self, operation: Operation) -> str:
        return self.python_names.methods[operation.name]

    # -- types in words --------------------------------------------------------------

    def type_inline(self, name: str) -> Inline:
        """``Array of [Channel] objects``, ``String to string map``, ``[Strategy]``..."""
        shape = self.service.shapes.get(name)
        if shape is None:
            return (Segment(name),)
        if isinstance(shape, ListShape):
            return (Segment("Array of "),) + self._element(shape.member)
        if isinstance(shape, MapShape):
            return (
                (Segment("Map of "),)
                + self._element(shape.key)
                + (Segment(" to "),)
                + self._element(shape.value)
            )
        target = self.shape_target(name)
        if target is not None:
            return (Segment(name, target),)
        assert isinstance(shape, PrimitiveShape)
        return (Segment(_KIND_WORDS[shape.kind]),)

    def _element(self, name: str) -> Inline:
        shape = self.service.shapes.get(name)
        if isinstance(shape, PrimitiveShape) and self.shape_target(name) is None:
            return (Segment(_KIND_WORDS[shape.kind].lower()),)
        return self.type_inline(name)

    def constraints_inline(self, name: str) -> Inline:
        """Constraints of a shape in plain words; lists and maps include their parts'."""
        shape = self.service.shapes.get(name)
        parts: list[Inline] = []
        if isinstance(shape, ListShape):
            parts.append(_bounds(shape.min_items, shape.max_items, "item"))
            parts.append(_prefixed("each item: ", self.constraints_inline(shape.member)))
        elif isinstance(shape, MapShape):
            parts.append(_bounds(shape.min_entries, shape.max_entries, "entry"))
            parts.append(_prefixed("keys: ", self.constraints_inline(shape.key)))
            parts.append(_prefixed("values: ", self.constraints_inline(shape.value)))
        elif isinstance(shape, PrimitiveShape):
            parts.extend(_scalar_constraints(shape.constraints, shape.kind))
        return _join([p for p in parts if p], "; ")

    # -- back-links ----------------------------------------------------------------------

    def uses(self, name: str) -> list[Use]:
        return self._uses.get(name, [])

    def raised_by(self, error: str) -> list[str]:
        return sorted(
            op.name
            for op in self.service.operations.values()
            if error in {ref.shape for ref in op.errors} or error in self.service.common_errors
        )

    def _collect_uses(self) -> dict[str, list[Use]]:
        uses: dict[str, set[Use]] = defaultdict(set)
        for owner, shape in self.service.shapes.items():
            if not isinstance(shape, StructureShape):
                continue
            owner_target = self.shape_target(owner)
            if owner_target is None:
                continue
            title = self._owner_title(owner)
            for member in shape.members:
                for reached in self.parts(member.target):
                    uses[reached].add(Use(title, owner_target, member.name))
        return {
            name: sorted(found, key=lambda u: (u.owner_title, u.member))
            for name, found in uses.items()
        }

    def _owner_title(self, owner: str) -> str:
        if owner in self.io_owner:
            operation, part = self.io_owner[owner]
            return f"{operation.name} ({part})"
        return owner

    def parts(self, name: str, seen: frozenset[str] = frozenset()) -> Iterator[str]:
        """``name`` and, through lists and maps, the shapes it is made of."""
        if name in seen:
            return
        yield name
        shape = self.service.shapes.get(name)
        if isinstance(shape, ListShape):
            yield from self.parts(shape.member, seen | {name})
        elif isinstance(shape, MapShape):
            yield from self.parts(shape.key, seen | {name})
            yield from self.parts(shape.value, seen | {name})


_KIND_WORDS = {
    "string": "String",
    "integer": "Integer",
    "long": "Long",
    "float": "Float",
    "double": "Double",
    "boolean": "Boolean",
    "timestamp": "Timestamp",
    "blob": "Binary (bytes)",
    "document": "JSON value",
}


def _plural(count: float, noun: str) -> str:
    if count == 1:
        return f"{count} {noun}"
    return f"{count} {'entries' if noun == 'entry' else noun + 's'}"


def _bounds(low: float | None, high: float | None, noun: str) -> Inline:
    if low is not None and high is not None:
        if low == high:
            return (Segment(f"exactly {_plural(low, noun)}"),)
        return (Segment(f"{low}–{_plural(high, noun)}"),)
    if low is not None:
        return (Segment(f"at least {_plural(low, noun)}"),)
    if high is not None:
        return (Segment(f"at most {_plural(high, noun)}"),)
    return ()


def _range(low: float | None, high: float | None) -> Inline:
    if low is not None and high is not None:
        return (Segment(f"{low} to {high}"),)
    if low is not None:
        return (Segment(f"at least {low}"),)
    if high is not None:
        return (Segment(f"at most {high}"),)
    return ()


def _scalar_constraints(c: Constraints, kind: str) -> list[Inline]:
    parts = [_bounds(c.min_length, c.max_length, "byte" if kind == "blob" else "character")]
    if c.pattern is not None:
        parts.append((Segment("pattern "), Segment(c.pattern, code=True)))
    if c.enum:
        parts.append((Segment(f"one of {_plural(len(c.enum), 'value')}"),))
    parts.append(_range(c.min_value, c.max_value))
    return parts


def _prefixed(prefix: str, inline: Inline) -> Inline:
    return (Segment(prefix),) + inline if inline else ()


def _join(parts: list[Inline], separator: str) -> Inline:
    joined: list[Segment] = []
    for index, part in enumerate(parts):
        if index:
            joined.append(Segment(separator))
        joined.extend(part)
    return tuple(joined)
