"""Which operations page, by the meaning of their members rather than one spelling.

An operation pages when its request has an optional *input token* and its response the
matching *output token*. Names are compared case-insensitively (``NextToken``,
``nextToken``), after taking off a prefix that says where a page starts (``Starting``,
``Start``, ``ExclusiveStart``) or where the next one does (``Next``, ``LastEvaluated``):

- the same paging-token name on both sides (``NextToken`` -> ``NextToken``,
  ``PaginationToken`` -> ``PaginationToken``), a paging-token name being
  ``[Next|Starting][Page|Pagination|Continuation]Token|Marker|Cursor``;
- ``Next`` + the input's name (``Marker`` -> ``NextMarker``, ``ContinuationToken`` ->
  ``NextContinuationToken``), preferred to an echo of the input;
- a start-prefixed input and a next-prefixed output with the same rest, of any type the
  two share (``ExclusiveStartKey`` -> ``LastEvaluatedKey``, a map;
  ``ExclusiveStartTableName`` -> ``LastEvaluatedTableName``).

The *limit* is an optional integer request member whose name says it caps a page
(``MaxResults``, ``maxResults``, ``Limit``, ``MaxItems``, ``PageSize``, ...). The *result
list* is the response's list member, when there is exactly one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from . import ListShape, MapShape, Member, Operation, PrimitiveShape, Service, StructureShape

_START = ("exclusivestart", "starting", "start")
_NEXT = ("lastevaluated", "next")
_PAGING_TOKEN = re.compile(r"(next|starting)?(page|pagination|continuation)?(token|marker|cursor)")
_LIMIT = re.compile(
    r"max(imum)?(results|items|records|entries|keys|count|size|pagesize|uploads|parts)?"
    r"|limit|pagesize|pagelimit|perpage"
)


@dataclass(frozen=True)
class Pagination:
    """How an operation pages, by wire names (``result_key`` empty: no single list)."""

    input_token: str
    output_token: str
    result_key: str = ""
    limit_key: str = ""


def detect_pagination(service: Service, operation: Operation) -> Pagination | None:
    request = _structure(service, operation.input)
    response = _structure(service, operation.output)
    if request is None or response is None:
        return None
    inputs = [
        m for m in request.members if m.location in ("body", "querystring") and not m.required
    ]
    outputs = [m for m in response.members if m.location == "body" and not m.payload]
    best: tuple[int, Member, Member] | None = None
    for given in inputs:
        for returned in outputs:
            rank = _pairing(given.name, returned.name)
            if rank and _same_kind(service, given, returned) and (best is None or rank > best[0]):
                best = (rank, given, returned)
    if best is None:
        return None
    _, given, returned = best
    lists = [
        m.name
        for m in outputs
        if isinstance(service.shapes.get(m.target), ListShape) and m is not returned
    ]
    limits = [
        m.name for m in inputs if _LIMIT.fullmatch(m.name.lower()) and _is_integer(service, m)
    ]
    return Pagination(
        given.name,
        returned.name,
        lists[0] if len(lists) == 1 else "",
        limits[0] if len(limits) == 1 else "",
    )


def _pairing(given: str, returned: str) -> int:
    """How surely ``returned`` is the next-page token for ``given`` (0: not at all)."""
    g, r = given.lower(), returned.lower()
    if r == "next" + g and _PAGING_TOKEN.fullmatch(g):
        return 3  # Marker -> NextMarker
    if _has(g, _START) and _has(r, _NEXT) and _strip(g, _START) == _strip(r, _NEXT):
        return 3  # ExclusiveStartKey -> LastEvaluatedKey
    if g == r and _PAGING_TOKEN.fullmatch(g):
        return 2  # NextToken -> NextToken
    return 0


def _has(name: str, prefixes: tuple[str, ...]) -> bool:
    return any(name.startswith(p) and len(name) > len(p) for p in prefixes)


def _strip(name: str, prefixes: tuple[str, ...]) -> str:
    for prefix in prefixes:
        if name.startswith(prefix) and len(name) > len(prefix):
            return name[len(prefix) :]
    return name


def _same_kind(service: Service, given: Member, returned: Member) -> bool:
    return _alike(service, given.target, returned.target, 0)


def _alike(service: Service, a_name: str, b_name: str, depth: int) -> bool:
    """Whether a value of shape ``b_name`` can be sent back as ``a_name`` (the same shape,
    or primitives, lists or maps of alike parts)."""
    if a_name == b_name:
        return True
    a, b = service.shapes.get(a_name), service.shapes.get(b_name)
    if depth > 3 or a is None or b is None:
        return False
    if isinstance(a, PrimitiveShape) and isinstance(b, PrimitiveShape):
        return a.kind == b.kind
    if isinstance(a, ListShape) and isinstance(b, ListShape):
        return _alike(service, a.member, b.member, depth + 1)
    if isinstance(a, MapShape) and isinstance(b, MapShape):
        return _alike(service, a.key, b.key, depth + 1) and _alike(
            service, a.value, b.value, depth + 1
        )
    return False


def _is_integer(service: Service, member: Member) -> bool:
    shape = service.shapes.get(member.target)
    return isinstance(shape, PrimitiveShape) and shape.kind in ("integer", "long")


def _structure(service: Service, name: str | None) -> StructureShape | None:
    shape = service.shapes.get(name) if name else None
    return shape if isinstance(shape, StructureShape) else None
