"""Stage 4: format the generated Python with black's API, in-process.

black's output depends on its version (pinned in pyproject.toml) and its mode (pinned
here), never on the files' order or on the number of workers: the result is byte for byte
the same on every run.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from concurrent.futures import ProcessPoolExecutor

import black

from .errors import CodegenError
from .model import Diagnostic, SourceLocation

MODE = black.Mode(target_versions={black.mode.TargetVersion.PY311})
"""Default line length, no string normalisation changes: black's defaults for py311."""

PARALLEL_THRESHOLD = 40
"""Below this many Python files, one process is faster than starting workers."""
WORKERS = 2


class FormatError(CodegenError):
    """black could not parse a generated file: a template bug."""


def format_source(path: str, source: str) -> str:
    """One file through black; a failure names the file and what black said."""
    try:
        return black.format_str(source, mode=MODE)
    except Exception as error:  # black raises several unrelated types for bad input
        line = _error_line(error)
        raise FormatError(
            [
                Diagnostic(
                    SourceLocation(path, line),
                    f"black cannot format generated code ({type(error).__name__}: {error}); "
                    "this is a bug in the templates",
                )
            ]
        ) from error


def _error_line(error: Exception) -> int:
    text = str(error)
    marker = text.find(": ")
    head = text[:marker] if marker > 0 else ""
    numbers = [part for part in head.replace(":", " ").split() if part.isdigit()]
    return int(numbers[0]) if numbers else 1


def _format_pair(item: tuple[str, str]) -> tuple[str, str]:
    return item[0], format_source(*item)


def format_files(files: Mapping[str, str], workers: int = WORKERS) -> dict[str, str]:
    """Format the ``.py`` files (others pass through); same keys, same order."""
    pending = [(path, text) for path, text in files.items() if path.endswith(".py")]
    if len(pending) >= PARALLEL_THRESHOLD and workers > 1 and (os.cpu_count() or 1) > 1:
        # Largest first, so that no worker is left with a big file at the end.
        pending.sort(key=lambda item: -len(item[1]))
        with ProcessPoolExecutor(max_workers=workers) as pool:
            formatted = dict(pool.map(_format_pair, pending, chunksize=4))
    else:
        formatted = dict(map(_format_pair, pending))
    return {path: formatted.get(path, text) for path, text in files.items()}
