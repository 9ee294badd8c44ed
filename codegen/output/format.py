"""Stage 4: format the generated Python with black's API, in-process.

black's output depends on its version (pinned in pyproject.toml) and its mode (pinned
here), never on the files' order or on the number of workers: the result is byte for byte
the same on every run.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

import black

from ..errors import CodegenError
from ..model import Diagnostic, SourceLocation
from ..pool import map_on_processes

MODE = black.Mode(target_versions={black.mode.TargetVersion.PY311})
"""Default line length, no string normalisation changes: black's defaults for py311."""

PARALLEL_THRESHOLD = 40_000
"""From this many characters of Python on (half a second of black), two processes format
faster than one, start-up included."""
WORKERS = 2
_LINE_COLUMN = re.compile(r"\b(\d+):\d+")


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
    """The line of black's "cannot parse: LINE:COLUMN: ..." message (1 if it has none)."""
    match = _LINE_COLUMN.search(str(error))
    return int(match.group(1)) if match else 1


def _format_pair(item: tuple[str, str]) -> tuple[str, str]:
    return item[0], format_source(*item)


def format_files(files: Mapping[str, str], workers: int = WORKERS) -> dict[str, str]:
    """Format the ``.py`` files (others pass through); same keys, same order."""
    pending = [(path, text) for path, text in files.items() if path.endswith(".py")]
    if sum(len(text) for _, text in pending) >= PARALLEL_THRESHOLD:
        # Largest first, so that no worker is left with a big file at the end.
        pending.sort(key=lambda item: -len(item[1]))
        formatted = dict(map_on_processes(_format_pair, pending, workers, chunksize=4))
    else:
        formatted = dict(map(_format_pair, pending))
    return {path: formatted.get(path, text) for path, text in files.items()}
