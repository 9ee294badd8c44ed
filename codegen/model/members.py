"""One member entry (a data type's member or an operation's parameter) -> a ``Slot``: the
member with its type expression, constraints applied, before its shapes are named."""

from __future__ import annotations

import keyword
import re
from collections.abc import Mapping
from dataclasses import dataclass

from ..errors import Diagnostics, Slip
from ..parse import FieldLine, MemberEntry
from . import Member, MemberLocation, PrimitiveKind, SourceLocation
from .constraints import CONSTRAINT_FIELDS, ConstraintSlip, apply_constraint, pattern_of
from .typeexpr import (
    ExceptionOf,
    ListOf,
    MapOf,
    Prim,
    TypeExpr,
    TypeFormError,
    describe,
    read_type,
)


@dataclass(frozen=True)
class Slot:
    """A member before its shapes are named."""

    owner: str
    member: Member
    expr: TypeExpr


def member_slot(
    owner: str,
    entry: MemberEntry,
    resolve: Mapping[str, str],
    diagnostics: Diagnostics,
    location: MemberLocation = "body",
    location_name: str | None = None,
    hint: str | None = None,
) -> Slot:
    """One member entry -> its type expression with constraints applied.

    Never refuses: a type phrase that cannot be read, a constraint line that cannot be read
    or applied, an unclear ``Required`` line each become a warning with a safe reading."""
    inferred: list[str] = []
    type_line = entry.field("Type")
    expr: TypeExpr
    if type_line is not None:
        try:
            reading = read_type(type_line.text, resolve)
            expr = reading.expr
            for slip in reading.slips:
                diagnostics.slip(type_line.source, slip)
        except TypeFormError as error:
            expr, reason = infer_type(entry, hint, location)
            inferred.append(reason)
            diagnostics.slip(
                type_line.source,
                Slip("type-unreadable", f"{error}; read as {describe_expr(expr)} ({reason})"),
            )
    else:
        expr, reason = infer_type(entry, hint, location)
        inferred.append(reason)
        if location == "body" and hint != "blob":
            # URI, query and header parameters and whole-body payloads are printed without a
            # Type line by convention; a JSON member without one is a slip.
            diagnostics.slip(entry.source, Slip("type-missing", f"{entry.name}: {reason}"))
    if isinstance(expr, ExceptionOf):
        check_shape_name(entry.name, entry.source, diagnostics)
        expr = ExceptionOf(entry.name)
    printed: dict[str, int] = {}
    for line in entry.fields:
        if line.name not in CONSTRAINT_FIELDS:
            continue
        repeat = printed.get(line.name, 0)
        printed[line.name] = repeat + 1
        try:
            applied = apply_constraint(expr, line, repeat)
        except ConstraintSlip as unusable:
            message = f"{unusable}; the line is ignored"
            diagnostics.slip(line.source, Slip(unusable.kind, message))
            continue
        expr = applied.expr
        for slip in applied.slips:
            diagnostics.slip(line.source, slip)
        if line.name.endswith("Pattern") and line.code:
            note = pattern_of(line)[1]
            if note:
                inferred.append(note)
    required, note = _required(entry, location, diagnostics)
    if note:
        inferred.append(note)
    member = Member(
        name=entry.name,
        target="",
        required=required,
        location=location,
        location_name=location_name,
        documentation=entry.documentation,
        source=entry.source,
        inferred=tuple(inferred),
        type_unstated=UNSTATED_TEXT in inferred,
    )
    return Slot(owner, member, expr)


def _required(
    entry: MemberEntry, location: MemberLocation, diagnostics: Diagnostics
) -> tuple[bool, str | None]:
    line = entry.field("Required")
    if line is None:
        if location == "uri":  # a request path cannot be built without its labels
            return True, "no Required line: required, as a label of the request path"
        return False, None
    said = [f for f in entry.fields if f.name == "Required"]
    if len({_words(f.text) for f in said}) > 1:
        # One entry per case its description tells apart ("NTTS-only voices: Yes",
        # "Standard voices: No"): some calls may leave the member out.
        texts = ", ".join(repr(f.text) for f in said)
        diagnostics.slip(
            said[1].source,
            Slip(
                "required-conflicting", f"Required lines disagree ({texts}); read as not required"
            ),
        )
        return False, None
    words = _words(line.text)
    if words in (("yes",), ("no",)):  # "Yes", "yes.", "No"
        return words == ("yes",), None
    # "Conditional", "Yes, when Foo is set" or nothing: not required is the safe reading,
    # as the service still checks what it needs and the client never refuses a call the
    # service would accept.
    diagnostics.slip(
        line.source,
        Slip(
            "required-unreadable",
            f"expected 'Required: Yes' or 'Required: No', got {line.text!r}; read as not "
            "required",
        ),
    )
    return False, None


def _words(text: str) -> tuple[str, ...]:
    return tuple(re.findall(r"[a-z]+", text.lower()))


_MAP_FIELDS = frozenset(
    {
        "Map Entries",
        "Key Length Constraints",
        "Key Pattern",
        "Valid Keys",
        "Value Length Constraints",
        "Value Pattern",
    }
)
_NUMBERS_IN_TEXT = re.compile(r"-?\d[\d,]*(\.\d+)?(?:[eE][-+]?\d+)?")


def infer_type(
    entry: MemberEntry, hint: str | None, location: MemberLocation = "body"
) -> tuple[TypeExpr, str]:
    """The type of a member whose ``Type:`` line is missing or unreadable, from the other
    evidence on the page, most specific first: the syntax block showing it as the whole
    body (binary), container constraints (``Array Members`` -> list, ``Map Entries`` and
    key/value constraints -> map), what the syntax block shows (``[...]`` -> list,
    ``{...}`` -> any JSON, ``number``, ``boolean``, ``"string"``), scalar constraints
    (``Valid Range`` -> number, ``Valid Values``/``Length Constraints``/``Pattern`` ->
    string), and last the description's first words ("A list of ..." -> list, "When
    `true`, ..." -> boolean). A URI, query or header parameter is text on the wire, so the
    syntax block shows nothing of its type. With no evidence at all: a string there, any
    JSON value in a body. Returns the type and the reason, for ``Member.inferred``."""
    if location != "body" and hint == "string":
        hint = None  # the request line or a header names it: no evidence of its type
    fields = {f.name: f for f in entry.fields}
    if hint == "blob":
        return Prim("blob"), "no Type line: blob, the whole body in the syntax block"
    scalar = _scalar_evidence(fields)
    if "Array Members" in fields or hint == "array":
        why = "its Array Members" if "Array Members" in fields else "the syntax block ([...])"
        element = scalar[0] if scalar else Prim("string" if hint == "string" else "document")
        return ListOf(element), f"inferred list of {describe_expr(element)}, from {why}"
    if fields.keys() & _MAP_FIELDS:
        value = (
            Prim("string")
            if {"Value Length Constraints", "Value Pattern"} & fields.keys()
            else Prim("document")
        )
        return MapOf(Prim("string"), value), "inferred map, from its map constraints"
    hinted: dict[str, PrimitiveKind] = {
        "number": "double",  # integers or not: double takes both
        "integer": "integer",  # an HTTP status code
        "boolean": "boolean",
    }
    if hint in hinted and not (hint == "number" and scalar and scalar[0].kind == "integer"):
        kind = hinted[hint]
        return Prim(kind), f"inferred {kind}, from the syntax block ({hint})"
    if scalar:
        return scalar
    if hint == "string":
        return Prim("string"), "inferred string, from the syntax block"
    prose = entry.documentation.strip()
    if _LIST_PROSE.match(prose) and location in ("body", "querystring"):
        # A path label or header holds one value: a list there is an encoded string.
        item: PrimitiveKind = "document" if location == "body" else "string"
        return ListOf(Prim(item)), "inferred list, from its description (a list of ...)"
    if _BOOLEAN_PROSE.search(prose[:300]):
        return (
            Prim("boolean"),
            "inferred boolean, from its description (when true ..., a Boolean ...)",
        )
    if location != "body":
        return Prim("string"), UNSTATED_TEXT
    return Prim("document"), "inferred any JSON value: no evidence of its type"


UNSTATED_TEXT = "inferred string: text on the wire, no evidence of its type"
"""The reason given for a URI, query or header parameter nothing tells the type of."""

# The description's own words, the weakest evidence of a type: "A list of tag keys ...",
# "When `true`, ..." / "If true, ..." / "Set to true to ..." / "Boolean value indicating ...".
_LIST_PROSE = re.compile(r"(?:an?|the)\s+(?:list|array)\s+of\b", re.IGNORECASE)
_BOOLEAN_PROSE = re.compile(
    r"^(?:an?\s+)?boolean\b"  # "A Boolean value that ...", "Boolean value indicating ..."
    r"|^(?:when|if)\s+`?true`?\b"  # "When `true`, ..."
    r"|\b(?:when|if)\s+(?:this\s+\w+\s+|it\s+)?is\s+(?:set\s+to\s+)?`?true`?\b"
    r"|\bset\b(?:\s+[`\w]+){0,3}\s+to\s+`?true`?\b",  # "Set the `x` parameter to `true`"
    re.IGNORECASE,
)


def _scalar_evidence(fields: Mapping[str, FieldLine]) -> tuple[Prim, str] | None:
    if "Valid Range" in fields:
        numbers = [m.group(0) for m in _NUMBERS_IN_TEXT.finditer(fields["Valid Range"].text)]
        whole = all(m.lstrip("-").replace(",", "").isdigit() for m in numbers)
        kind: PrimitiveKind = "integer" if whole else "double"
        return Prim(kind), f"inferred {kind}, from its Valid Range"
    if "Valid Values" in fields:
        return Prim("string"), "inferred string, from its Valid Values"
    if fields.keys() & {"Length Constraints", "Pattern"}:
        return Prim("string"), "inferred string, from its length or pattern"
    return None


def describe_expr(expr: TypeExpr) -> str:
    """``list of string``, ``map of string to document``: for messages."""
    if isinstance(expr, ListOf):
        return f"list of {describe_expr(expr.element)}"
    if isinstance(expr, MapOf):
        return f"map of {describe_expr(expr.key)} to {describe_expr(expr.value)}"
    if isinstance(expr, Prim) and expr.kind == "document":
        return "any JSON value"
    return describe(expr)


# Shape names become class names in the generated code. Starting with a capital keeps
# them clear of every lowercase builtin and module name (``int``, ``getattr``, ``importlib``).
_SHAPE_NAME = re.compile(r"[A-Z][A-Za-z0-9_]*")


def check_shape_name(name: str, where: SourceLocation, diagnostics: Diagnostics) -> None:
    """A shape name the docs give (page title, error name) must be a class name: real docs
    use PascalCase ASCII."""
    if not _SHAPE_NAME.fullmatch(name) or keyword.iskeyword(name):
        diagnostics.error(
            where,
            f"{name!r} cannot name a shape: expected ASCII letters, digits and '_', starting "
            "with a capital letter, and not a Python keyword",
        )
