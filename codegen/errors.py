"""Errors as values: every problem carries the source location it was found at."""

from __future__ import annotations

from collections.abc import Iterable

from .model import Diagnostic, SourceLocation

__all__ = ["CodegenError", "Diagnostic", "SourceLocation"]


class CodegenError(Exception):
    """Raised once, at the edge, with every error diagnostic collected so far."""

    def __init__(self, diagnostics: Iterable[Diagnostic]) -> None:
        self.diagnostics = tuple(diagnostics)
        super().__init__("\n".join(str(d) for d in self.diagnostics))
