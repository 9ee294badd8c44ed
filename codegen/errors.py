"""Errors as values: every problem carries the source location it was found at."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from .model import Diagnostic, SourceLocation

__all__ = ["CodegenError", "Diagnostic", "Diagnostics", "Slip", "SourceLocation"]


class CodegenError(Exception):
    """Raised once, at the edge, with every error diagnostic collected so far."""

    def __init__(self, diagnostics: Iterable[Diagnostic]) -> None:
        self.diagnostics = tuple(diagnostics)
        super().__init__("\n".join(str(d) for d in self.diagnostics))


class Diagnostics:
    """What the stages of one build found, collected in order."""

    def __init__(self) -> None:
        self.items: list[Diagnostic] = []

    def error(self, location: SourceLocation, message: str) -> None:
        self.items.append(Diagnostic(location, message, "error"))

    def warning(self, location: SourceLocation, message: str, kind: str = "") -> None:
        self.items.append(Diagnostic(location, message, "warning", kind))

    def slip(self, location: SourceLocation, slip: Slip) -> None:
        self.items.append(Diagnostic(location, slip.message, "warning", slip.kind))


@dataclass(frozen=True)
class Slip:
    """A page stating something incompletely or inconsistently, found by a reader that does
    not know where it is: the caller adds the location. ``kind`` is one of
    ``codegen.slips.KINDS``."""

    kind: str
    message: str
