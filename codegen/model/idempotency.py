"""Idempotency tokens, by meaning: request members the client fills with a fresh UUID.

The pages never say which members the SDK fills; botocore's models mark them
``idempotencyToken``. A top-level string member of an operation's request is one when

- its description speaks of idempotency ("idempotency token", "ensure idempotent
  creation", "the idempotent token"), or
- its name is one of the token spellings AWS uses, in any casing (``ClientToken``,
  ``ClientRequestToken``, ``IdempotencyToken``, ``CreationToken``, ``RequestToken``) and
  its description says the service or SDK generates one when it is absent, or that it
  identifies the request uniquely.

A member whose description says neither (``DescribeFileSystems``'s ``CreationToken``,
a filter) is left alone. The model records the reason in ``Member.inferred``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import replace

from . import Member, Operation, PrimitiveShape, Shape, StructureShape

TOKEN_NAMES = frozenset(
    {"clienttoken", "clientrequesttoken", "idempotencytoken", "creationtoken", "requesttoken"}
)
_IDEMPOTENCY = re.compile(r"idempoten(?:t|cy|ce)", re.IGNORECASE)
_GENERATED = re.compile(
    r"generates? (?:one|it|a (?:unique )?(?:token|value|identifier))|generated for you|"
    r"auto-?generat|(?:SDK|service|client) (?:fills|populates|generates)|"
    r"unique(?:,? case-sensitive)? (?:identifier|string|token) (?:for|of|that identifies) "
    r"(?:the|this|each) request",
    re.IGNORECASE,
)


def reason(member: Member, shape: Shape | None) -> str | None:
    """Why ``member`` (of a request) is an idempotency token, or None if it is not."""
    if not (isinstance(shape, PrimitiveShape) and shape.kind == "string"):
        return None
    if member.location == "uri":
        return None
    text = member.documentation.replace("\\", "")
    if _IDEMPOTENCY.search(text):
        return "inferred idempotency token, from its description"
    if member.name.lower() in TOKEN_NAMES and _GENERATED.search(text):
        return "inferred idempotency token, from its name and description"
    return None


def mark_idempotency_tokens(
    operations: Mapping[str, Operation], shapes: Mapping[str, Shape]
) -> dict[str, Shape]:
    """``shapes`` with the idempotency tokens of each operation's request marked."""
    marked = dict(shapes)
    for name in sorted({op.input for op in operations.values() if op.input}):
        structure = marked.get(name)
        if not isinstance(structure, StructureShape):
            continue
        members = []
        for member in structure.members:
            why = None if member.idempotency_token else reason(member, marked.get(member.target))
            if why is not None:
                member = replace(member, idempotency_token=True, inferred=member.inferred + (why,))
            members.append(member)
        if tuple(members) != structure.members:
            marked[name] = replace(structure, members=tuple(members))
    return marked
