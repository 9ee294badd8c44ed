"""Constraint lines (``Length Constraints:``, ``Pattern:``, ``Valid Values:``, ``Valid Range:``,
``Array Members:``, ``Map Entries:`` and the key/value forms) applied to a type expression."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

from ..errors import Slip
from ..parse import FieldLine
from . import Constraints
from .typeexpr import ListOf, MapOf, Prim, TypeExpr, describe

# A number as the docs print it: ``-1``, ``0.5``, ``1E+3``, ``1,048,576``.
_NUMBER = r"(-?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?:[eE][-+]?\d+)?)"
_BOUND_WORDS = ("Minimum", "Maximum", "Fixed")


class ConstraintSlip(ValueError):
    """A constraint line that cannot be applied as written; ``kind`` names the slip."""

    def __init__(self, kind: str, message: str) -> None:
        super().__init__(message)
        self.kind = kind


@dataclass(frozen=True)
class Bounds:
    low: int | float | None
    high: int | float | None
    slips: tuple[Slip, ...] = ()


def parse_bounds(text: str, unit: str) -> Bounds:
    """``Minimum length of 1. Maximum length of 32.`` -> (1, 32); ``Fixed number of 2 items``
    -> (2, 2). ``unit`` (``length``, ``number``, ``value``) names the bound in messages; the
    docs' own word is not checked, as it changes nothing. A bound whose number is missing is
    dropped with a slip; a line with no bound at all, or whose minimum exceeds its maximum,
    is a ``ConstraintSlip``."""
    found: dict[str, int | float] = {}
    slips: list[Slip] = []
    for word in _BOUND_WORDS:
        match = re.search(rf"\b{word}\s+(?:[a-z]+\s+)?of\s+{_NUMBER}", text)
        if match:
            found[word] = _number(match.group(1))
        elif re.search(rf"\b{word}\b", text):
            slips.append(
                Slip("bound-unreadable", f"no number for the {word.lower()} in {text!r}; dropped")
            )
    if not found and slips:
        raise ConstraintSlip("bound-unreadable", f"no number in {text!r}")
    if not found:
        raise ConstraintSlip(
            "constraint-unreadable", f"expected 'Minimum/Maximum {unit} of N', got {text!r}"
        )
    if "Fixed" in found:
        return Bounds(found["Fixed"], found["Fixed"], tuple(slips))
    low, high = found.get("Minimum"), found.get("Maximum")
    if low is not None and high is not None and low > high:
        raise ConstraintSlip(
            "constraint-contradiction", f"the minimum exceeds the maximum in {text!r}"
        )
    return Bounds(low, high, tuple(slips))


def _number(text: str) -> int | float:
    text = text.replace(",", "")
    try:
        return int(text)
    except ValueError:
        return float(text)


def _count_bounds(text: str, unit: str) -> tuple[int | None, int | None, tuple[Slip, ...]]:
    """Bounds on lengths or numbers of items: whole numbers, not below zero."""
    bounds = parse_bounds(text, unit)
    counts: list[int | None] = []
    for value in (bounds.low, bounds.high):
        if value is not None and (not isinstance(value, int) or value < 0):
            raise ConstraintSlip(
                "constraint-unreadable", f"expected whole numbers of {unit} >= 0, got {text!r}"
            )
        counts.append(value)
    return counts[0], counts[1], bounds.slips


def pattern_of(line: FieldLine) -> tuple[str, str | None]:
    """The pattern's code span verbatim; a pattern written as ``/.../`` loses the slashes."""
    if not line.code:
        raise ConstraintSlip("constraint-unreadable", "expected the pattern in a code span (`...`)")
    pattern = line.code[0]
    if len(pattern) > 2 and pattern.startswith("/") and pattern.endswith("/"):
        return pattern[1:-1], f"pattern written as /.../ at {line.source}: slashes removed"
    return pattern, None


def _enum(line: FieldLine) -> tuple[str, ...]:
    """The values of one code span separated by ``|``; or each value in a code span of its
    own, separated by commas; or plain text separated by ``|`` or commas."""
    if len(line.code) > 1:
        parts = [v for span in line.code for v in span.split("|")]
    elif line.code:
        parts = line.code[0].split("|")
    else:
        parts = re.split(r"[|,]", line.text)
    values = tuple(dict.fromkeys(v.strip() for v in parts if v.strip()))
    if not values:
        raise ConstraintSlip("constraint-unreadable", "expected values separated by '|'")
    return values


def _with(c: Constraints, **changes: object) -> Constraints:
    return replace(c, **changes)  # type: ignore[arg-type]


@dataclass(frozen=True)
class Applied:
    """A type expression with one constraint line applied, and what was read past."""

    expr: TypeExpr
    slips: tuple[Slip, ...] = ()


def _scalar(prim: Prim, line: FieldLine, field: str) -> Applied:
    """Apply a scalar constraint (Length, Pattern, Valid Values, Valid Range) to ``prim``."""
    c = prim.constraints
    slips: tuple[Slip, ...] = ()
    if field == "Length Constraints":
        low, high, slips = _count_bounds(line.text, "length")
        c = _with(c, min_length=low, max_length=high)
    elif field == "Pattern":
        c = _with(c, pattern=pattern_of(line)[0])
    elif field == "Valid Values":
        c = _with(c, enum=_enum(line))
    elif field == "Valid Range":
        bounds = parse_bounds(line.text, "value")
        c, slips = _with(c, min_value=bounds.low, max_value=bounds.high), bounds.slips
    return Applied(Prim(prim.kind, c), slips)


def _items(target: ListOf, line: FieldLine) -> Applied:
    low, high, slips = _count_bounds(line.text, "number")
    return Applied(replace(target, min_items=low, max_items=high), slips)


def _entries(target: MapOf, line: FieldLine) -> Applied:
    low, high, slips = _count_bounds(line.text, "number")
    return Applied(replace(target, min_entries=low, max_entries=high), slips)


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


def apply_constraint(expr: TypeExpr, line: FieldLine, repeat: int = 0) -> Applied:
    """Apply one constraint line to the part of ``expr`` it constrains: the first list
    (``Array Members``), map (``Map Entries``, ``Key ...``, ``Value ...``) or scalar (the
    rest) met going into ``expr`` through list elements and map values, outermost first; so
    ``Key Length Constraints`` of an ``Array of string to ... maps`` reach the maps' keys.
    A list or map line printed again (``repeat`` times before) is the next list or map's in:
    a map of maps prints the outer map's lines, then the inner map's.

    Raises ``ConstraintSlip`` when the line cannot be read or applies to nothing in ``expr``
    (a ``Pattern`` on a structure): the caller drops the line."""
    field = line.name
    if field in _SCALAR_FIELDS:
        return _inside(expr, line, Prim, lambda p: _scalar(p, line, field))
    if field == "Array Members":
        return _inside(expr, line, ListOf, lambda lst: _items(lst, line), repeat)
    if field == "Map Entries":
        return _inside(expr, line, MapOf, lambda m: _entries(m, line), repeat)
    if field in _KEY_FIELDS:
        key_field = _KEY_FIELDS[field]
        return _inside(expr, line, MapOf, lambda m: _map_part(m, line, key_field, "key"), repeat)
    if field in _VALUE_FIELDS:
        scalar = _VALUE_FIELDS[field]
        return _inside(expr, line, MapOf, lambda m: _map_part(m, line, scalar, "value"), repeat)
    raise ConstraintSlip("constraint-misplaced", f"{field!r} is not a constraint")


def _map_part(target: MapOf, line: FieldLine, field: str, part: str) -> Applied:
    inner = target.key if part == "key" else target.value
    applied = _inside(inner, line, Prim, lambda p: _scalar(p, line, field))
    if part == "key":
        return Applied(replace(target, key=applied.expr), applied.slips)
    return Applied(replace(target, value=applied.expr), applied.slips)


def _inside(
    expr: TypeExpr,
    line: FieldLine,
    kind: type[Prim | ListOf | MapOf],
    change: Callable[[Any], Applied],
    skip: int = 0,
) -> Applied:
    """Apply ``change`` to the first part of ``kind`` going in, or past ``skip`` of them."""
    if isinstance(expr, kind) and skip == 0:
        return change(expr)
    skip -= isinstance(expr, kind)
    if isinstance(expr, ListOf):
        applied = _inside(expr.element, line, kind, change, skip)
        return Applied(replace(expr, element=applied.expr), applied.slips)
    if isinstance(expr, MapOf):
        applied = _inside(expr.value, line, kind, change, skip)
        return Applied(replace(expr, value=applied.expr), applied.slips)
    raise ConstraintSlip(
        "constraint-misplaced", f"'{line.name}' does not apply to a {describe(expr)}"
    )


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
