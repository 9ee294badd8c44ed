"""Naming the shapes the docs leave unnamed (scalars, lists, maps) and defining them."""

from __future__ import annotations

import keyword
import re
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import replace

from ..errors import Diagnostics, Slip
from . import (
    Constraints,
    ErrorRef,
    ListShape,
    MapShape,
    Member,
    PrimitiveShape,
    Shape,
    SourceLocation,
    StructureShape,
)
from .members import Slot
from .typeexpr import CANONICAL_NAMES, ExceptionOf, ListOf, MapOf, Prim, Ref, TypeExpr


def name_shapes(
    slots: list[Slot],
    structures: dict[str, StructureShape],
    errors: Mapping[str, ErrorRef],
    diagnostics: Diagnostics,
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


def _dedupe(members: list[Member], diagnostics: Diagnostics) -> tuple[Member, ...]:
    seen: dict[str, Member] = {}
    for member in members:
        if member.name in seen:
            assert member.source is not None
            diagnostics.slip(
                member.source,
                Slip(
                    "duplicate",
                    f"member {member.name!r} is also listed at {seen[member.name].source}; "
                    "this entry is ignored",
                ),
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
        return CANONICAL_NAMES[expr.kind]
    return derived_shape_name(member)


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
