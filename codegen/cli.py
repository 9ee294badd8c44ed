"""Command line: ``python -m codegen SPEC [-o OUT] [--check] [--strict] [--emit-model DIR]``.

Every problem in the input is reported as ``file:line: severity: message``; the exit
status is 1 when generation failed (or ``--check`` found changes), 2 for bad usage."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from .config import is_package_name
from .errors import CodegenError
from .model import Diagnostic
from .slips import summary

DEFAULT_OUT = Path("generated")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m codegen",
        description="Generate a Python package from AWS-style API reference pages (API_*.md).",
    )
    parser.add_argument("spec", type=Path, help="folder of API_*.md pages (and codegen.toml)")
    parser.add_argument(
        "-o",
        "--out",
        type=Path,
        default=DEFAULT_OUT,
        help="output folder (default: generated)",
    )
    parser.add_argument(
        "--package",
        type=_package_name,
        help="package name (only for a folder with one service)",
    )
    parser.add_argument("--strict", action="store_true", help="treat warnings as errors")
    parser.add_argument(
        "--check",
        action="store_true",
        help="write nothing; exit 1 and list the files that would change",
    )
    parser.add_argument(
        "--pyproject",
        action="store_true",
        help="also write OUT/pyproject.toml, so the generated packages install on their own",
    )
    parser.add_argument(
        "--emit-model",
        type=Path,
        metavar="DIR",
        help="also write each service's model as DIR/<uid>.json in botocore's format",
    )
    return parser


def _package_name(text: str) -> str:
    # The name becomes a folder inside the output folder: never a path, keyword or stdlib name.
    if not is_package_name(text):
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a Python package name (ASCII letters, digits and '_', not "
            "starting with a digit, not a keyword, not a standard-library module)"
        )
    return text


def main(argv: Sequence[str] | None = None) -> int:
    words = list(sys.argv[1:] if argv is None else argv)
    if words[:1] == ["diff"]:  # `python -m codegen diff OLD NEW`: the API change report
        from .tools.apidiff import main as diff_main

        return diff_main(words[1:])
    args = _parser().parse_args(words)
    if not args.spec.is_dir():
        print(f"{args.spec}: error: not a folder of reference pages", file=sys.stderr)
        return 2
    try:
        return _run(args)
    except CodegenError as error:
        _report(error.diagnostics, strict=args.strict)
        count = sum(1 for d in error.diagnostics if d.severity == "error" or args.strict)
        strict = f" (--strict: {summary(error.diagnostics)})" if args.strict else ""
        print(
            f"codegen: failed with {count} problem(s){strict}; nothing was written",
            file=sys.stderr,
        )
        return 1
    except OSError as error:
        print(
            f"{error.filename or args.out}: error: {error.strerror or error}",
            file=sys.stderr,
        )
        return 1


def _run(args: argparse.Namespace) -> int:
    from .generate import generate  # imported here so that `--help` stays fast

    result = generate(
        args.spec,
        args.out,
        package=args.package,
        strict=args.strict,
        check=args.check,
        pyproject=args.pyproject,
    )
    _report(result.model.diagnostics)
    if args.emit_model is not None:
        from .output.export import write_models

        for path in write_models(result.model, args.emit_model):
            print(f"wrote {path}")
    changes = result.changes
    if args.check:
        for rel in changes.changes:
            print(f"would change: {args.out / rel}")
        return 1 if changes.changes else 0
    print(
        f"{args.out}: {len(changes.write)} written, {len(changes.remove)} removed, "
        f"{len(changes.unchanged)} unchanged"
    )
    print(f"codegen: {summary(result.model.diagnostics)}")
    return 0


def _report(diagnostics: Sequence[Diagnostic], strict: bool = False) -> None:
    """Every diagnostic as ``file:line: severity: message``; with ``--strict`` warnings are
    reported as the errors they are then."""
    for diagnostic in diagnostics:
        print(replace(diagnostic, severity="error") if strict else diagnostic, file=sys.stderr)
