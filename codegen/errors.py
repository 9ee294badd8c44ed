"""Errors as values: every problem carries the source location it was found at."""

from __future__ import annotations

from collections.abc import Iterable

from .model import Diagnostic, SourceLocation

__all__ = ["CodegenError", "Diagnostic", "Diagnostics", "SourceLocation"]


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

    def warning(self, location: SourceLocation, message: str) -> None:
        self.items.append(Diagnostic(location, message, "warning"))
