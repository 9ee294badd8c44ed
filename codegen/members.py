"""One member entry (a data type's member or an operation's parameter) -> a ``Slot``: the
member with its type expression, constraints applied, before its shapes are named."""

from __future__ import annotations

import keyword
import re
from collections.abc import Mapping
from dataclasses import dataclass

from .constraints import CONSTRAINT_FIELDS, apply_constraint, pattern_of
from .errors import Diagnostics
from .model import Member, MemberLocation, PrimitiveKind, SourceLocation
from .parse import MemberEntry
from .typeexpr import ExceptionOf, Prim, TypeExpr, TypeFormError, parse_type_text


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
) -> Slot | None:
    """One member entry -> its type expression with constraints applied."""
    inferred: list[str] = []
    type_line = entry.field("Type")
    try:
        if type_line is not None:
            expr = parse_type_text(type_line.text, resolve)
        else:
            expr, reason = _infer_type(entry, hint)
            inferred.append(reason)
    except TypeFormError as error:
        where = type_line.source if type_line else entry.source
        diagnostics.error(
            where,
            f"{error}; expected a type such as String, Integer, "
            "'[Shape](API_Shape.md) object', 'Array of ...' or 'String to ... map'",
        )
        return None
    if isinstance(expr, ExceptionOf):
        check_shape_name(entry.name, entry.source, diagnostics)
        expr = ExceptionOf(entry.name)
    for line in entry.fields:
        if line.name not in CONSTRAINT_FIELDS:
            continue
        try:
            expr = apply_constraint(expr, line)
        except ValueError as error:
            diagnostics.error(line.source, str(error))
        if line.name.endswith("Pattern") and line.code:
            note = pattern_of(line)[1]
            if note:
                inferred.append(note)
    required_line = entry.field("Required")
    required = required_line is not None and required_line.text.strip().lower() == "yes"
    if required_line is not None and required_line.text.strip().lower() not in ("yes", "no"):
        diagnostics.error(required_line.source, "expected 'Required: Yes' or 'Required: No'")
    if required_line is None and location == "uri":
        # A request path cannot be built without its labels.
        required = True
        inferred.append("no Required line: required, as a label of the request path")
    member = Member(
        name=entry.name,
        target="",
        required=required,
        location=location,
        location_name=location_name,
        documentation=entry.documentation,
        source=entry.source,
        inferred=tuple(inferred),
    )
    return Slot(owner, member, expr)


def _infer_type(entry: MemberEntry, hint: str | None) -> tuple[TypeExpr, str]:
    """Type of a member printed without a ``Type:`` line, from its constraints or from the
    value the syntax block shows for it."""
    names = {f.name for f in entry.fields}
    if hint == "blob":
        # The syntax block shows the member as the whole body: binary data, whatever its
        # length constraint (SageMaker Runtime's InvokeEndpoint Body).
        return Prim("blob"), "no Type line: blob, the whole body in the syntax block"
    if "Valid Range" in names:
        return Prim("integer"), "no Type line: integer, from its Valid Range"
    if names & {"Length Constraints", "Pattern", "Valid Values"}:
        return Prim("string"), "no Type line: string, from its length, pattern or values"
    if hint is not None:
        kinds: dict[str, PrimitiveKind] = {
            "number": "integer",
            "boolean": "boolean",
            "blob": "blob",
        }
        kind = kinds.get(hint, "string")
        return Prim(kind), f"no Type line: {kind}, from the syntax block ({hint})"
    return Prim("string"), "no Type line and no other clue: string"


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
