"""Comparing two models service by service: every change, judged per direction."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Literal

from ...model import (
    ListShape,
    MapShape,
    Member,
    Operation,
    PrimitiveShape,
    Service,
    Shape,
    ShapeModel,
    StructureShape,
)
from .bounds import _Bound, _bounds

Direction = Literal["request", "response"]
Bump = Literal["major", "minor", "patch", "none"]

BOTH: frozenset[Direction] = frozenset(("request", "response"))


ADDITIONS = frozenset(
    {
        "service-added",
        "operation-added",
        "structure-added",
        "member-added",
        "enum-value-added",
        "error-added",
    }
)
"""Kinds that add API surface: a minor version when nothing breaks."""

_PYTHON_TYPE = {"integer": "int", "long": "int", "float": "float", "double": "float"}


@dataclass(frozen=True)
class Change:
    """One difference. ``path`` is ``Shape.Member`` (``[]`` for list elements, ``{key}`` and
    ``{value}`` for map parts) or an operation name; ``old``/``new`` describe each side."""

    kind: str
    path: str
    old: str | None
    new: str | None
    breaking: bool
    reason: str
    service: str = ""
    """The service's uid."""
    aspect: str = ""
    """For constraint and enum changes: which constraint (``max length``, ``pattern``,
    ``values``...)."""

    def describe(self) -> str:
        """``ContinuousParameterRange.ScalingType added (optional request member)``."""
        return f"{self._what()} ({self.reason})"

    def _what(self) -> str:
        if self.kind.startswith("enum-value-"):
            verb = self.kind.removeprefix("enum-value-")
            return f"{self.path} value {self.old if self.new is None else self.new!r} {verb}"
        if self.kind.startswith("error-"):
            verb = self.kind.removeprefix("error-")
            return f"{self.path} error {self.old if self.new is None else self.new} {verb}"
        if self.kind.endswith("-added"):
            return f"{self.path} added"
        if self.kind.endswith("-removed"):
            return f"{self.path} removed"
        return f"{self.path}: {self.old} -> {self.new}"

    def as_json(self) -> dict[str, object]:
        return {
            "kind": self.kind,
            "path": self.path,
            "old": self.old,
            "new": self.new,
            "breaking": self.breaking,
            "reason": self.reason,
            "aspect": self.aspect,
            "description": self.describe(),
        }


@dataclass(frozen=True)
class ServiceInfo:
    uid: str
    package: str
    name: str


@dataclass(frozen=True)
class ApiDiff:
    changes: tuple[Change, ...]
    services: tuple[ServiceInfo, ...] = ()
    """Every service in either version, by uid (the newer version's facts win)."""

    @property
    def breaking(self) -> tuple[Change, ...]:
        return tuple(c for c in self.changes if c.breaking)

    @property
    def bump(self) -> Bump:
        """Suggested semantic-version bump of the generated package."""
        if any(c.breaking for c in self.changes):
            return "major"
        if any(c.kind in ADDITIONS for c in self.changes):
            return "minor"
        return "patch" if self.changes else "none"

    def counts(self) -> dict[str, int]:
        breaking = len(self.breaking)
        added = sum(1 for c in self.changes if not c.breaking and c.kind in ADDITIONS)
        return {"breaking": breaking, "added": added, "other": len(self.changes) - breaking - added}


# ---------------------------------------------------------------------------------------
# Comparing.


def diff_models(old: ShapeModel, new: ShapeModel) -> ApiDiff:
    """Every API change from ``old`` to ``new``, services matched by uid."""
    old_services = {s.uid: s for s in old.services}
    new_services = {s.uid: s for s in new.services}
    changes: list[Change] = []
    for uid in sorted(old_services.keys() | new_services.keys()):
        before, after = old_services.get(uid), new_services.get(uid)
        if before is None:
            changes.append(Change("service-added", uid, None, uid, False, "new service", uid))
        elif after is None:
            changes.append(Change("service-removed", uid, uid, None, True, "service gone", uid))
        else:
            changes.extend(_ServiceDiff(before, after).changes())
    infos = {s.uid: ServiceInfo(s.uid, s.config.package, s.name) for s in old.services}
    infos.update({s.uid: ServiceInfo(s.uid, s.config.package, s.name) for s in new.services})
    ordered = sorted(changes, key=lambda c: (c.service, c.path, c.kind, c.old or "", c.new or ""))
    return ApiDiff(tuple(ordered), tuple(infos[uid] for uid in sorted(infos)))


def directions(service: Service) -> dict[str, frozenset[Direction]]:
    """Structure name -> the directions it travels in: reachable from an operation's input
    (``request``), from its output or errors (``response``), or both."""
    found: dict[str, set[Direction]] = {}
    for operation in service.operations.values():
        roots: list[tuple[str | None, Direction]] = [(operation.input, "request")]
        roots.append((operation.output, "response"))
        roots.extend((ref.shape, "response") for ref in operation.errors)
        roots.extend((name, "response") for name in service.common_errors)
        for root, direction in roots:
            if root is not None:
                _mark(service.shapes, root, direction, found)
    return {name: frozenset(used) for name, used in found.items()}


def _mark(
    shapes: Mapping[str, Shape], root: str, direction: Direction, found: dict[str, set[Direction]]
) -> None:
    pending = [root]
    while pending:
        shape = shapes.get(pending.pop())
        if isinstance(shape, StructureShape):
            used = found.setdefault(shape.name, set())
            if direction in used:
                continue
            used.add(direction)
            pending.extend(m.target for m in shape.members)
        elif isinstance(shape, ListShape):
            pending.append(shape.member)
        elif isinstance(shape, MapShape):
            pending.extend((shape.key, shape.value))


def type_signature(shapes: Mapping[str, Shape], name: str, python: bool = False) -> str:
    """A member type without made-up names: ``list of map of string to Tag``. With
    ``python``, kinds that become the same Python type read the same (``long`` as ``int``)."""
    shape = shapes.get(name)
    if isinstance(shape, PrimitiveShape):
        return _PYTHON_TYPE.get(shape.kind, shape.kind) if python else shape.kind
    if isinstance(shape, ListShape):
        return f"list of {type_signature(shapes, shape.member, python)}"
    if isinstance(shape, MapShape):
        key = type_signature(shapes, shape.key, python)
        return f"map of {key} to {type_signature(shapes, shape.value, python)}"
    return name


_CONSTRAINT_WORDS = {
    "tightened": "tightened",
    "loosened": "loosened",
    "changed": "changed, may reject values",
}


class _ServiceDiff:
    def __init__(self, old: Service, new: Service) -> None:
        self.old = old
        self.new = new
        self.uid = new.uid
        old_used, new_used = directions(old), directions(new)
        self.used = {
            name: old_used.get(name, frozenset()) | new_used.get(name, frozenset())
            for name in old_used.keys() | new_used.keys()
        }

    def change(
        self, kind: str, path: str, old: str | None, new: str | None, breaking: bool, reason: str
    ) -> Change:
        return Change(kind, path, old, new, breaking, reason, self.uid)

    def changes(self) -> Iterator[Change]:
        yield from self.operations()
        old_named, new_named = _named_structures(self.old), _named_structures(self.new)
        for name in sorted(old_named.keys() | new_named.keys()):
            what = "error" if (new_named.get(name) or old_named[name]).exception else "data type"
            if name not in old_named:
                yield self.change("structure-added", name, None, name, False, f"new {what}")
            elif name not in new_named:
                yield self.change("structure-removed", name, name, None, True, f"{what} gone")
            else:
                yield from self.members(name, old_named[name], new_named[name])

    # -- operations ----------------------------------------------------------------------

    def operations(self) -> Iterator[Change]:
        old_ops, new_ops = self.old.operations, self.new.operations
        for name in sorted(old_ops.keys() | new_ops.keys()):
            if name not in old_ops:
                yield self.change("operation-added", name, None, name, False, "new operation")
            elif name not in new_ops:
                yield self.change("operation-removed", name, name, None, True, "operation gone")
            else:
                yield from self.operation(old_ops[name], new_ops[name])

    def operation(self, old: Operation, new: Operation) -> Iterator[Change]:
        before, after = _http_text(old), _http_text(new)
        if before != after:
            reason = "HTTP binding changed: requests go to a different place"
            yield self.change("binding-changed", new.name, before, after, True, reason)
        old_errors = {ref.shape for ref in old.errors}
        new_errors = {ref.shape for ref in new.errors}
        for error in sorted(new_errors - old_errors):
            reason = "callers may now see this exception"
            yield self.change("error-added", new.name, None, error, False, reason)
        for error in sorted(old_errors - new_errors):
            reason = "no longer documented; handlers for it keep working"
            yield self.change("error-removed", new.name, error, None, False, reason)
        for old_name, new_name in ((old.input, new.input), (old.output, new.output)):
            name = new_name or old_name
            if name is not None:
                yield from self.members(
                    name, _structure(self.old, old_name), _structure(self.new, new_name)
                )

    # -- members -------------------------------------------------------------------------

    def members(self, owner: str, old: StructureShape, new: StructureShape) -> Iterator[Change]:
        used = self.used.get(owner, BOTH)
        old_members = {m.name: m for m in old.members}
        new_members = {m.name: m for m in new.members}
        for name in sorted(old_members.keys() | new_members.keys()):
            path = f"{owner}.{name}"
            before, after = old_members.get(name), new_members.get(name)
            if before is None:
                assert after is not None
                yield self.member_added(path, after, used)
            elif after is None:
                yield self.change("member-removed", path, name, None, True, _role(used, before))
            else:
                yield from self.member(path, before, after, used)

    def member_added(self, path: str, member: Member, used: frozenset[Direction]) -> Change:
        breaking = member.required and "request" in used
        reason = _role(used, member)
        if breaking:
            reason += ": callers must now set it"
        return self.change("member-added", path, None, member.name, breaking, reason)

    def member(
        self, path: str, old: Member, new: Member, used: frozenset[Direction]
    ) -> Iterator[Change]:
        before = type_signature(self.old.shapes, old.target)
        after = type_signature(self.new.shapes, new.target)
        if before != after:
            yield self.type_changed(path, old, new, before, after)
            return
        if old.required != new.required:
            yield self.required_changed(path, old, new, used)
        if _binding(old) != _binding(new):
            reason = "wire binding changed: the member travels in a different place"
            yield self.change("binding-changed", path, _binding(old), _binding(new), True, reason)
        for bound in _bounds(path, self.old.shapes, old.target, self.new.shapes, new.target):
            yield self.constraint_changed(bound, used, new)

    def type_changed(self, path: str, old: Member, new: Member, before: str, after: str) -> Change:
        same = type_signature(self.old.shapes, old.target, python=True) == type_signature(
            self.new.shapes, new.target, python=True
        )
        reason = "same Python type" if same else "values of the old type no longer fit"
        return self.change("type-changed", path, before, after, not same, reason)

    def required_changed(
        self, path: str, old: Member, new: Member, used: frozenset[Direction]
    ) -> Change:
        if new.required:
            breaking = "request" in used
            reason = "callers must now set it" if breaking else "readers can rely on it"
        else:
            breaking = "response" in used
            reason = "readers must now handle None" if breaking else "callers may leave it out"
        old_text, new_text = _requiredness(old), _requiredness(new)
        reason = f"{_role(used, new)}: {reason}"
        return self.change("required-changed", path, old_text, new_text, breaking, reason)

    def constraint_changed(
        self, bound: _Bound, used: frozenset[Direction], member: Member
    ) -> Change:
        role = _role(used, member)
        for_callers = "request" in used
        if bound.kind == "value-added":
            kind, breaking = "enum-value-added", False
            reason = role + (": readers may see a new value" if "response" in used else "")
        elif bound.kind == "value-removed":
            kind, breaking = "enum-value-removed", for_callers
            reason = role + (": callers that send it now fail validation" if for_callers else "")
        else:
            kind, breaking = f"constraint-{bound.kind}", for_callers and bound.kind != "loosened"
            reason = f"{_CONSTRAINT_WORDS[bound.kind]}, {role}"
        return Change(
            kind, bound.position, bound.old, bound.new, breaking, reason, self.uid, bound.aspect
        )


def _named_structures(service: Service) -> dict[str, StructureShape]:
    """Structures the package exposes by name: data type pages and errors (operation
    requests and responses are compared with their operations)."""
    return {
        name: shape
        for name, shape in service.shapes.items()
        if isinstance(shape, StructureShape) and (shape.exception or not shape.synthetic)
    }


def _structure(service: Service, name: str | None) -> StructureShape:
    """An operation's input or output; a missing one compares as empty."""
    shape = service.shapes.get(name) if name is not None else None
    return shape if isinstance(shape, StructureShape) else StructureShape(name or "")


def _http_text(operation: Operation) -> str:
    http = operation.http
    status = "" if http.response_code is None else f" -> {http.response_code}"
    return f"{http.method} {http.request_uri}{status}"


def _binding(member: Member) -> str:
    where = member.location + ("" if member.location_name is None else f" {member.location_name}")
    return where + (" (payload)" if member.payload else "")


def _requiredness(member: Member) -> str:
    return "required" if member.required else "optional"


def _role(used: frozenset[Direction], member: Member) -> str:
    if used == frozenset({"request"}):
        return f"{_requiredness(member)} request member"
    if used == frozenset({"response"}):
        return "response member"
    if used:
        return f"{_requiredness(member)} member of a type used in requests and responses"
    return f"{_requiredness(member)} member of a type no operation uses"
