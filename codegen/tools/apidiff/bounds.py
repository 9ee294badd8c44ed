"""Constraint differences (lengths, values, item counts, patterns, enums) before their
direction decides whether they break anything."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Literal

from ...model import (
    ListShape,
    MapShape,
    PrimitiveShape,
    Shape,
)
from ...patterns import PatternError, compile_checked


@dataclass(frozen=True)
class _Bound:
    """A constraint difference before its direction decides whether it breaks anything."""

    kind: Literal["tightened", "loosened", "changed", "value-added", "value-removed"]
    position: str
    old: str | None
    new: str | None
    aspect: str


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
