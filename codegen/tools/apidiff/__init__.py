"""What changed between two versions of the docs, for code that uses the generated package.

``python -m codegen diff OLD_SPEC NEW_SPEC [--json]``. That code builds requests and reads
responses, so every change is judged per direction: a member added to a request is harmless
unless it is required, a member removed from a response breaks its readers, a tightened
constraint breaks callers (whose values may no longer validate) but not readers.

Lists, maps and constrained scalars have names the builder made up from their members, so
members are compared by the structure of their types, never by target name; only
structures (data type pages, errors) and operations are compared by name.
"""

from .bounds import effective_pattern
from .changes import ADDITIONS, ApiDiff, Bump, Change, Direction, ServiceInfo, diff_models
from .cli import main
from .report import render_json, render_text

__all__ = [
    "ADDITIONS",
    "ApiDiff",
    "Bump",
    "Change",
    "Direction",
    "ServiceInfo",
    "diff_models",
    "effective_pattern",
    "main",
    "render_json",
    "render_text",
]
