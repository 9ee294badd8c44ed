"""Type expressions: what a ``Type:`` line says, before the shapes it implies are named.

``Array of [Tag](API_Tag.md) objects`` reads as ``ListOf(Ref("Tag"))``; the builder later
names the list shape after the member that uses it (``codegen.shape_names``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from .model import Constraints, PrimitiveKind


@dataclass(frozen=True)
class Ref:
    """A documented structure, by name."""

    name: str


@dataclass(frozen=True)
class Prim:
    kind: PrimitiveKind
    constraints: Constraints = Constraints()


@dataclass(frozen=True)
class ListOf:
    element: TypeExpr
    min_items: int | None = None
    max_items: int | None = None


@dataclass(frozen=True)
class MapOf:
    key: TypeExpr
    value: TypeExpr
    min_entries: int | None = None
    max_entries: int | None = None


@dataclass(frozen=True)
class ExceptionOf:
    """``Type: Exception``: a member that is an error (event-stream unions)."""

    name: str


TypeExpr = Ref | Prim | ListOf | MapOf | ExceptionOf

_PRIMITIVE_WORDS: Mapping[str, PrimitiveKind] = {
    "string": "string",
    "integer": "integer",
    "long": "long",
    "float": "float",
    "double": "double",
    "boolean": "boolean",
    "timestamp": "timestamp",
    "json value": "document",
    "base64-encoded binary data object": "blob",
}
_PLURALS: Mapping[str, PrimitiveKind] = {
    "strings": "string",
    "integers": "integer",
    "longs": "long",
    "floats": "float",
    "doubles": "double",
    "booleans": "boolean",
    "timestamps": "timestamp",
    "json values": "document",
    "base64-encoded binary data objects": "blob",
}
CANONICAL_NAMES: Mapping[PrimitiveKind, str] = {
    "string": "String",
    "integer": "Integer",
    "long": "Long",
    "float": "Float",
    "double": "Double",
    "boolean": "Boolean",
    "timestamp": "Timestamp",
    "blob": "Blob",
    "document": "Document",
}


class TypeFormError(ValueError):
    """A ``Type:`` value that is not one of the forms the docs use."""


def parse_type_text(text: str, resolve: Mapping[str, str]) -> TypeExpr:
    """Parse a ``Type:`` value such as ``Array of @API_Tag.md objects`` (links as ``@href``).

    ``resolve`` maps an href to the structure name of the page it points at."""
    words = text.split()
    expr, rest = _singular(words, resolve)
    if rest:
        raise TypeFormError(f"unexpected {' '.join(rest)!r} after the type")
    return expr


def _ref(word: str, resolve: Mapping[str, str]) -> Ref:
    href = word[1:]
    if href not in resolve:
        raise TypeFormError(f"link {href!r} does not lead to a data type page in this folder")
    return Ref(resolve[href])


def _take_words(
    words: list[str], table: Mapping[str, PrimitiveKind]
) -> tuple[PrimitiveKind, int] | None:
    for phrase, kind in table.items():
        n = len(phrase.split())
        if " ".join(words[:n]).lower() == phrase:
            return kind, n
    return None


def _singular(words: list[str], resolve: Mapping[str, str]) -> tuple[TypeExpr, list[str]]:
    if not words:
        raise TypeFormError("the type is missing")
    lowered = [w.lower() for w in words]
    if words[0].startswith("@") and lowered[1:2] == ["object"]:
        return _ref(words[0], resolve), words[2:]
    if lowered[:2] == ["array", "of"]:
        element, rest = _plural(words[2:], resolve)
        return ListOf(element), rest
    if lowered[:2] == ["string", "to"]:
        value, rest = _singular(words[2:], resolve)
        if [w.lower() for w in rest[:1]] != ["map"]:
            raise TypeFormError("a 'String to ...' type must end in 'map'")
        return MapOf(Prim("string"), value), rest[1:]
    if lowered[:1] == ["exception"]:
        return ExceptionOf(""), words[1:]
    taken = _take_words(words, _PRIMITIVE_WORDS)
    if taken is None:
        raise TypeFormError(f"unknown type {' '.join(words)!r}")
    kind, n = taken
    return Prim(kind), words[n:]


def _plural(words: list[str], resolve: Mapping[str, str]) -> tuple[TypeExpr, list[str]]:
    lowered = [w.lower() for w in words]
    if words and words[0].startswith("@") and lowered[1:2] == ["objects"]:
        return _ref(words[0], resolve), words[2:]
    if lowered[:2] == ["arrays", "of"]:
        element, rest = _plural(words[2:], resolve)
        return ListOf(element), rest
    taken = _take_words(words, _PLURALS)
    if taken is None:
        raise TypeFormError(f"unknown element type {' '.join(words)!r}")
    kind, n = taken
    return Prim(kind), words[n:]


def describe(expr: TypeExpr) -> str:
    if isinstance(expr, Prim):
        return expr.kind
    if isinstance(expr, ListOf):
        return "list"
    if isinstance(expr, MapOf):
        return "map"
    return "structure"
