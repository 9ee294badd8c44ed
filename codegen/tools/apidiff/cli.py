"""``python -m codegen diff OLD_SPEC NEW_SPEC [--json]``."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from ...errors import CodegenError
from ...model import ShapeModel
from ...model.build import build_model
from .changes import diff_models
from .report import render_json, render_text

# ---------------------------------------------------------------------------------------
# Command line.


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m codegen diff",
        description="Report the API changes between two versions of the reference pages, "
        "each classified as breaking or not, with a suggested semantic-version bump.",
    )
    for name, which in (("old", "older"), ("new", "newer")):
        parser.add_argument(
            name,
            type=Path,
            help=f"folder of the {which} API_*.md pages (or a folder with them in docs/)",
        )
    parser.add_argument("--json", action="store_true", help="print a JSON document")
    return parser


def main(argv: Sequence[str]) -> int:
    """Exit 0 whatever changed (the diff is a report); 1 when either input cannot be read."""
    args = _parser().parse_args(list(argv))
    old = _load(args.old)
    new = _load(args.new) if old is not None else None
    if old is None or new is None:
        return 1
    diff = diff_models(old, new)
    print(render_json(diff) if args.json else render_text(diff))
    return 0


def _load(spec: Path) -> ShapeModel | None:
    folder = _pages_folder(spec)
    if folder is None:
        print(f"{spec}: error: not a folder of API_*.md reference pages", file=sys.stderr)
        return None
    try:
        model = build_model(folder)
    except CodegenError as error:
        for diagnostic in error.diagnostics:
            print(diagnostic, file=sys.stderr)
        return None
    except OSError as error:
        print(f"{error.filename or spec}: error: {error.strerror or error}", file=sys.stderr)
        return None
    for diagnostic in model.diagnostics:
        print(diagnostic, file=sys.stderr)
    return model


def _pages_folder(spec: Path) -> Path | None:
    """``spec`` itself, or ``spec/docs`` when the pages live there (as in a corpus)."""
    for folder in (spec, spec / "docs"):
        if folder.is_dir() and any(folder.glob("API_*.md")):
            return folder
    return None
