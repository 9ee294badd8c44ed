"""Python source text for data: how the client views write ``OperationInfo(...)`` and
``ServiceInfo(...)`` calls into the generated ``client.py``."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Raw:
    """Source text placed as is."""

    source: str


def source_tuple(items: Iterable[str]) -> str:
    listed = list(items)
    if not listed:
        return "()"
    return "(" + ", ".join(listed) + ",)"


def _literal(value: object) -> str:
    if isinstance(value, Raw):
        return value.source
    if isinstance(value, tuple):
        return source_tuple(_literal(v) for v in value)
    return repr(value)


def source_call(function: str, **arguments: object) -> str:
    """``function(name=value, ...)`` leaving out arguments that are empty or false."""
    parts = [
        f"{name}={_literal(value)}"
        for name, value in arguments.items()
        if value not in ("", (), False, None) and value != Raw("()")
    ]
    return f"{function}({', '.join(parts)})"
