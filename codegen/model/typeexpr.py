"""Type expressions: what a ``Type:`` line says, before the shapes it implies are named.

``Array of [Tag](API_Tag.md) objects`` reads as ``ListOf(Ref("Tag"))``; the builder later
names the list shape after the member that uses it (``codegen.model.shape_names``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from ..errors import Slip
from . import Constraints, PrimitiveKind


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


# Words other docs use for the docs' primitives (singular; a plural "s" is dropped).
_SYNONYMS: Mapping[str, PrimitiveKind] = {
    "int": "integer",
    "int32": "integer",
    "int64": "long",
    "bool": "boolean",
    "number": "double",
    "decimal": "double",
    "date": "timestamp",
    "datetime": "timestamp",
    "binary": "blob",
    "blob": "blob",
    "bytes": "blob",
    "byte": "blob",
    "json": "document",
    "document": "document",
    "str": "string",
    "text": "string",
}


class TypeFormError(ValueError):
    """A ``Type:`` value of which nothing can be read."""


@dataclass(frozen=True)
class TypeReading:
    """What a ``Type:`` value says, and the slips read past on the way."""

    expr: TypeExpr
    slips: tuple[Slip, ...] = ()


def read_type(text: str, resolve: Mapping[str, str]) -> TypeReading:
    """Read a ``Type:`` value such as ``Array of @API_Tag.md objects`` (links as ``@href``).

    ``resolve`` maps an href to the structure name of the page it points at. Slips are read
    past, each a ``Slip``: a word in the other grammatical number, words after the type, a
    missing ``map``; a part that cannot be read inside a list or map becomes any JSON value
    (``document``), keeping the readable outside. Raises ``TypeFormError`` only when the
    phrase does not start with any type."""
    reader = _Reader(text, resolve)
    expr = reader.phrase(plural=False, outermost=True)
    if reader.pos < len(reader.words):
        extra = " ".join(reader.words[reader.pos :])
        reader.slip("type-phrase", f"ignored {extra!r} after the type in {text!r}")
    return TypeReading(expr, tuple(reader.slips))


class _Reader:
    """A cursor over the words of one ``Type:`` value."""

    def __init__(self, text: str, resolve: Mapping[str, str]) -> None:
        self.text = text
        # "Type: String." ends a sentence: the period is not part of the type.
        self.words = [w.rstrip(".,;") for w in text.split() if w.rstrip(".,;")]
        self.lowered = [w.lower() for w in self.words]
        self.resolve = resolve
        self.pos = 0
        self.open_maps = 0
        self.slips: list[Slip] = []

    def slip(self, kind: str, message: str) -> None:
        self.slips.append(Slip(kind, message))

    def phrase(self, plural: bool, outermost: bool = False) -> TypeExpr:
        """One type: a data type link, a list, a map, an exception or a primitive, in the
        grammatical number its place asks for (``Array of`` takes plurals)."""
        words = self.lowered[self.pos :]
        if not words:
            if outermost:
                raise TypeFormError("the type is missing")
            return self._unreadable()
        if self.words[self.pos].startswith("@"):
            return self._reference(plural)
        if words[:2] in (["array", "of"], ["arrays", "of"]):
            self._number(words[0], plural)
            self.pos += 2
            return ListOf(self.phrase(plural=True))
        primitive = _primitive(words)
        if primitive is not None and words[primitive[1] : primitive[1] + 1] == ["to"]:
            self.pos += primitive[1] + 1
            return self._map(primitive[0], plural)
        if words[0] == "exception":
            self.pos += 1
            return ExceptionOf("")
        if primitive is None:
            synonym = _SYNONYMS.get(words[0].removesuffix("s"))
            if synonym is not None:
                self.pos += 1
                self.slip("type-phrase", f"{self.words[self.pos - 1]!r} read as {synonym}")
                return Prim(synonym)
            if outermost:
                raise TypeFormError(f"unknown type {self.text!r}")
            return self._unreadable()
        kind, n, is_plural = primitive
        if is_plural != plural:
            self._number(" ".join(words[:n]), plural)
        self.pos += n
        return Prim(kind)

    def _reference(self, plural: bool) -> TypeExpr:
        href = self.words[self.pos][1:]
        noun = self.lowered[self.pos + 1 : self.pos + 2]
        if noun in (["object"], ["objects"]):
            self._number(noun[0], plural)
            self.pos += 2
        else:
            self.pos += 1
            self.slip("type-phrase", f"no 'object' after the link in {self.text!r}; read as one")
        if href not in self.resolve:
            self.slip(
                "link-unresolved",
                f"link {href!r} leads to no data type page in this folder; typed as any JSON "
                "value",
            )
            return Prim("document")
        return Ref(self.resolve[href])

    def _map(self, key: PrimitiveKind, plural: bool) -> TypeExpr:
        """``<key> to <value> map``, the key and ``to`` read already."""
        self.open_maps += 1
        value = self.phrase(plural=False)
        self.open_maps -= 1
        end = self.lowered[self.pos : self.pos + 1]
        if end in (["map"], ["maps"]):
            self._number(end[0], plural)
            self.pos += 1
        else:
            self.slip("type-phrase", f"a map type without 'map' at its end in {self.text!r}")
        return MapOf(Prim(key), value)

    def _number(self, word: str, plural: bool) -> None:
        """A word in the other grammatical number (``Array of string``) is read as meant.
        Every plural of the type grammar ends in ``s`` and no singular does."""
        if word.endswith("s") != plural:
            wanted = "plural" if plural else "singular"
            self.slip("type-phrase", f"{word!r} read as its {wanted} in {self.text!r}")

    def _unreadable(self) -> TypeExpr:
        """Skip the unreadable words up to the ``map`` that closes an open map."""
        closers = 0
        end = len(self.words)
        for n in range(len(self.words) - 1, self.pos - 1, -1):
            if closers == self.open_maps:
                break
            if self.lowered[n] in ("map", "maps"):
                closers += 1
                end = n
        skipped = " ".join(self.words[self.pos : end])
        why = f"unknown element type {skipped!r}" if skipped else "no element type"
        self.pos = max(self.pos, end)
        self.slip("type-unreadable", f"{why} in {self.text!r}; read as any JSON value")
        return Prim("document")


def _primitive(words: list[str]) -> tuple[PrimitiveKind, int, bool] | None:
    """The primitive the words start with: its kind, how many words, and whether plural."""
    for table, plural in ((_PRIMITIVE_WORDS, False), (_PLURALS, True)):
        for phrase, kind in table.items():
            n = phrase.count(" ") + 1
            if words[:n] == phrase.split():
                return kind, n, plural
    return None


def describe(expr: TypeExpr) -> str:
    if isinstance(expr, Prim):
        return expr.kind
    if isinstance(expr, ListOf):
        return "list"
    if isinstance(expr, MapOf):
        return "map"
    return "structure"
