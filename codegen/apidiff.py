"""What changed between two versions of the docs, for code that uses the generated package.

``python -m codegen diff OLD_SPEC NEW_SPEC [--json]``. That code builds requests and reads
responses, so every change is judged per direction: a member added to a request is harmless
unless it is required, a member removed from a response breaks its readers, a tightened
constraint breaks callers (whose values may no longer validate) but not readers.

Lists, maps and constrained scalars have names the builder made up from their members, so
members are compared by the structure of their types, never by target name; only
structures (data type pages, errors) and operations are compared by name.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from .build import build_model
from .errors import CodegenError
from .model import (
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
from .patterns import PatternError, compile_checked

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


@dataclass(frozen=True)
class _Bound:
    """A constraint difference before its direction decides whether it breaks anything."""

    kind: Literal["tightened", "loosened", "changed", "value-added", "value-removed"]
    position: str
    old: str | None
    new: str | None
    aspect: str


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


# ---------------------------------------------------------------------------------------
# Constraints, walked through lists and maps in step.


def _bounds(
    position: str, old: Mapping[str, Shape], old_name: str, new: Mapping[str, Shape], new_name: str
) -> Iterator[_Bound]:
    before, after = old.get(old_name), new.get(new_name)
    if isinstance(before, PrimitiveShape) and isinstance(after, PrimitiveShape):
        c, d = before.constraints, after.constraints
        yield from _lower(position, "min length", c.min_length, d.min_length)
        yield from _upper(position, "max length", c.max_length, d.max_length)
        yield from _lower(position, "min value", c.min_value, d.min_value)
        yield from _upper(position, "max value", c.max_value, d.max_value)
        yield from _pattern(position, c.pattern, d.pattern)
        yield from _enum(position, c.enum, d.enum)
    elif isinstance(before, ListShape) and isinstance(after, ListShape):
        yield from _lower(position, "min items", before.min_items, after.min_items)
        yield from _upper(position, "max items", before.max_items, after.max_items)
        yield from _bounds(f"{position}[]", old, before.member, new, after.member)
    elif isinstance(before, MapShape) and isinstance(after, MapShape):
        yield from _lower(position, "min entries", before.min_entries, after.min_entries)
        yield from _upper(position, "max entries", before.max_entries, after.max_entries)
        yield from _bounds(f"{position}{{key}}", old, before.key, new, after.key)
        yield from _bounds(f"{position}{{value}}", old, before.value, new, after.value)


Number = int | float | None


def _lower(position: str, label: str, old: Number, new: Number) -> Iterator[_Bound]:
    if old != new:
        tighter = new is not None and (old is None or new > old)
        kind: Literal["tightened", "loosened"] = "tightened" if tighter else "loosened"
        yield _Bound(kind, position, _limit(label, old), _limit(label, new), label)


def _upper(position: str, label: str, old: Number, new: Number) -> Iterator[_Bound]:
    if old != new:
        tighter = new is not None and (old is None or new < old)
        kind: Literal["tightened", "loosened"] = "tightened" if tighter else "loosened"
        yield _Bound(kind, position, _limit(label, old), _limit(label, new), label)


def _limit(label: str, value: Number) -> str:
    return f"no {label}" if value is None else f"{label} {value}"


def _pattern(position: str, old: str | None, new: str | None) -> Iterator[_Bound]:
    old, new = effective_pattern(old), effective_pattern(new)
    if old == new:
        return
    kind: Literal["tightened", "loosened", "changed"] = (
        "tightened" if old is None else "loosened" if new is None else "changed"
    )
    yield _Bound(kind, position, _pattern_text(old), _pattern_text(new), "pattern")


_ASSERTIONS = ("^", "$", "\\b", "\\B", "\\A", "\\Z", "\\z", "\\G", "(?")


def effective_pattern(pattern: str | None) -> str | None:
    """``None`` for a pattern every value passes: the generated package validates with
    ``re.search``, so a pattern without assertions that matches the empty string (``.*``,
    ``[\\S\\s]*``) matches at the start of any value and constrains nothing."""
    if pattern is None or any(a in pattern for a in _ASSERTIONS):
        return pattern
    try:
        matches_empty = compile_checked(pattern).search("") is not None
    except PatternError:
        return pattern
    return None if matches_empty else pattern


def _pattern_text(pattern: str | None) -> str:
    return "no pattern" if pattern is None else f"pattern {pattern}"


def _enum(position: str, old: tuple[str, ...], new: tuple[str, ...]) -> Iterator[_Bound]:
    if set(old) == set(new):
        return
    if not old or not new:
        kind: Literal["tightened", "loosened"] = "tightened" if new else "loosened"
        yield _Bound(kind, position, _values_text(old), _values_text(new), "values")
        return
    for value in sorted(set(old) - set(new)):
        yield _Bound("value-removed", position, value, None, "values")
    for value in sorted(set(new) - set(old)):
        yield _Bound("value-added", position, None, value, "values")


def _values_text(values: tuple[str, ...]) -> str:
    return "values " + " | ".join(values) if values else "any value"


# ---------------------------------------------------------------------------------------
# Reports.


def render_text(diff: ApiDiff) -> str:
    """Grouped by service, breaking changes first; ends with the suggested bump."""
    lines: list[str] = []
    for info in diff.services:
        changes = [c for c in diff.changes if c.service == info.uid]
        if not changes:
            continue
        lines.append(f"{info.uid} ({info.name}, package {info.package})")
        for change in sorted(changes, key=lambda c: not c.breaking):
            flag = (
                "BREAKING"
                if change.breaking
                else "added" if change.kind in ADDITIONS else "changed"
            )
            lines.append(f"{flag:<10}{info.package}: {change.describe()}")
        lines.append("")
    if not diff.changes:
        lines.append("no API changes")
    counts = diff.counts()
    lines.append(
        f"suggested version bump: {diff.bump} ({counts['breaking']} breaking, "
        f"{counts['added']} added, {counts['other']} other)"
    )
    return "\n".join(lines)


def render_json(diff: ApiDiff) -> str:
    """A stable document: keys sorted, changes in the report's order."""
    document = {
        "format": 1,
        "bump": diff.bump,
        "counts": diff.counts(),
        "services": [
            {
                "uid": info.uid,
                "name": info.name,
                "package": info.package,
                "changes": [c.as_json() for c in diff.changes if c.service == info.uid],
            }
            for info in diff.services
        ],
    }
    return json.dumps(document, indent=2, sort_keys=True, ensure_ascii=False)


# ---------------------------------------------------------------------------------------
# Command line.


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m codegen diff",
        description="Report the API changes between two versions of the reference pages, "
        "each classified as breaking or not, with a suggested semantic-version bump.",
    )
    for name, which in (("old", "older"), ("new", "newer")):
        parser.add_argument(
            name,
            type=Path,
            help=f"folder of the {which} API_*.md pages (or a folder with them in docs/)",
        )
    parser.add_argument("--json", action="store_true", help="print a JSON document")
    return parser


def main(argv: Sequence[str]) -> int:
    """Exit 0 whatever changed (the diff is a report); 1 when either input cannot be read."""
    args = _parser().parse_args(list(argv))
    old = _load(args.old)
    new = _load(args.new) if old is not None else None
    if old is None or new is None:
        return 1
    diff = diff_models(old, new)
    print(render_json(diff) if args.json else render_text(diff))
    return 0


def _load(spec: Path) -> ShapeModel | None:
    folder = _pages_folder(spec)
    if folder is None:
        print(f"{spec}: error: not a folder of API_*.md reference pages", file=sys.stderr)
        return None
    try:
        model = build_model(folder)
    except CodegenError as error:
        for diagnostic in error.diagnostics:
            print(diagnostic, file=sys.stderr)
        return None
    except OSError as error:
        print(f"{error.filename or spec}: error: {error.strerror or error}", file=sys.stderr)
        return None
    for diagnostic in model.diagnostics:
        print(diagnostic, file=sys.stderr)
    return model


def _pages_folder(spec: Path) -> Path | None:
    """``spec`` itself, or ``spec/docs`` when the pages live there (as in a corpus)."""
    for folder in (spec, spec / "docs"):
        if folder.is_dir() and any(folder.glob("API_*.md")):
            return folder
    return None
