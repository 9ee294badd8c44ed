"""Constraint lines (``Length Constraints:``, ``Pattern:``, ``Valid Values:``, ``Valid Range:``,
``Array Members:``, ``Map Entries:`` and the key/value forms) applied to a type expression."""

from __future__ import annotations

import re
from dataclasses import replace

from .model import Constraints
from .parse import FieldLine
from .typeexpr import ListOf, MapOf, Prim, TypeExpr, describe

_NUMBER = r"(-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?)"


def parse_bounds(text: str, unit: str) -> tuple[int | float | None, int | float | None]:
    """``Minimum length of 1. Maximum length of 32.`` -> (1, 32); ``Fixed number of 2 items``
    -> (2, 2). ``unit`` is ``length``, ``number`` or ``value``."""
    found: dict[str, int | float] = {}
    for word in ("Minimum", "Maximum", "Fixed"):
        match = re.search(rf"{word} {unit} of {_NUMBER}", text)
        if match:
            found[word] = _number(match.group(1))
    if not found:
        raise ValueError(f"expected 'Minimum/Maximum {unit} of N', got {text!r}")
    if "Fixed" in found:
        return found["Fixed"], found["Fixed"]
    return found.get("Minimum"), found.get("Maximum")


def _number(text: str) -> int | float:
    try:
        return int(text)
    except ValueError:
        return float(text)


def _int_bounds(text: str, unit: str) -> tuple[int | None, int | None]:
    low, high = parse_bounds(text, unit)
    if not all(v is None or isinstance(v, int) for v in (low, high)):
        raise ValueError(f"expected whole numbers, got {text!r}")
    return (None if low is None else int(low)), (None if high is None else int(high))


def pattern_of(line: FieldLine) -> tuple[str, str | None]:
    """The pattern's code span verbatim; a pattern written as ``/.../`` loses the slashes."""
    if not line.code:
        raise ValueError("expected the pattern in a code span (`...`)")
    pattern = line.code[0]
    if len(pattern) > 2 and pattern.startswith("/") and pattern.endswith("/"):
        return pattern[1:-1], f"pattern written as /.../ at {line.source}: slashes removed"
    return pattern, None


def _enum(line: FieldLine) -> tuple[str, ...]:
    text = " ".join(line.code) if line.code else line.text
    values = tuple(v.strip() for v in text.split("|") if v.strip())
    if not values:
        raise ValueError("expected values separated by '|'")
    return values


def _with(c: Constraints, **changes: object) -> Constraints:
    return replace(c, **changes)  # type: ignore[arg-type]


def _apply_scalar_field(expr: TypeExpr, line: FieldLine, field: str) -> TypeExpr:
    """Apply a scalar constraint (Length, Pattern, Valid Values, Valid Range) to ``expr``."""
    if isinstance(expr, Prim):
        c = expr.constraints
        if field == "Length Constraints":
            low, high = _int_bounds(line.text, "length")
            c = _with(c, min_length=low, max_length=high)
        elif field == "Pattern":
            c = _with(c, pattern=pattern_of(line)[0])
        elif field in ("Valid Values", "Valid Keys"):
            c = _with(c, enum=_enum(line))
        elif field == "Valid Range":
            low_v, high_v = parse_bounds(line.text, "value")
            c = _with(c, min_value=low_v, max_value=high_v)
        return Prim(expr.kind, c)
    if isinstance(expr, ListOf):
        return replace(expr, element=_apply_scalar_field(expr.element, line, field))
    if isinstance(expr, MapOf):
        return replace(expr, value=_apply_scalar_field(expr.value, line, field))
    raise ValueError(f"'{field}' does not apply to a {describe(expr)}")


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


def apply_constraint(expr: TypeExpr, line: FieldLine) -> TypeExpr:
    """Apply one constraint line to the type it constrains (the member, its elements, or a
    map's keys or values)."""
    field = line.name
    if field in _SCALAR_FIELDS:
        return _apply_scalar_field(expr, line, field)
    if field == "Array Members":
        target = expr.value if isinstance(expr, MapOf) else expr
        if not isinstance(target, ListOf):
            raise ValueError(f"'Array Members' does not apply to a {describe(expr)}")
        low, high = _int_bounds(line.text, "number")
        updated = replace(target, min_items=low, max_items=high)
        return replace(expr, value=updated) if isinstance(expr, MapOf) else updated
    if isinstance(expr, MapOf):
        if field == "Map Entries":
            low, high = _int_bounds(line.text, "number")
            return replace(expr, min_entries=low, max_entries=high)
        if field in _KEY_FIELDS:
            return replace(expr, key=_apply_scalar_field(expr.key, line, _KEY_FIELDS[field]))
        if field in _VALUE_FIELDS:
            value = _apply_scalar_field(expr.value, line, _VALUE_FIELDS[field])
            return replace(expr, value=value)
    raise ValueError(f"'{field}' does not apply to a {describe(expr)}")


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
