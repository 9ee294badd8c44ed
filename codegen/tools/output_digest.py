"""A digest of everything the generator renders, per docs set: the guard of pure moves.

    python -m codegen.tools.output_digest            # print the digests
    python -m codegen.tools.output_digest --update   # rewrite tests/output_digests.json
    python -m codegen.tools.output_digest --check    # exit 1 if they differ from it

The docs sets are ``spec/`` and every ``../shared/corpus/<name>/docs``. A digest covers the
rendered sources of every service (package, Markdown reference, HTML site) before black,
which is deterministic: a change that leaves every digest alone changes no output byte.
A refactoring commit must leave the file alone; a behaviour change updates it in the same
commit, so the history shows which commits changed the output.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path

from ..generate import render_model
from ..model.build import build_model

ROOT = Path(__file__).resolve().parents[2]
RECORD = ROOT / "tests" / "output_digests.json"
CORPUS = ROOT.parent / "shared" / "corpus"


def docs_sets(corpus: Path = CORPUS) -> dict[str, Path]:
    """Name -> folder of pages: ``spec`` and each corpus found (a new one needs no code)."""
    sets = {"spec": ROOT / "spec"}
    if corpus.is_dir():
        for docs in sorted(corpus.glob("*/docs")):
            sets[docs.parent.name] = docs
    return sets


def output_digest(spec_dir: Path) -> str:
    """SHA-256 over every rendered file of the folder's services, path and text."""
    files = render_model(build_model(spec_dir))
    digest = hashlib.sha256()
    for path in sorted(files):
        digest.update(path.encode() + b"\0" + files[path].encode() + b"\0")
    return digest.hexdigest()


def digests(sets: dict[str, Path]) -> dict[str, str]:
    return {name: output_digest(folder) for name, folder in sets.items()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m codegen.tools.output_digest")
    action = parser.add_mutually_exclusive_group()
    action.add_argument("--update", action="store_true", help=f"rewrite {RECORD.name}")
    action.add_argument("--check", action="store_true", help=f"compare with {RECORD.name}")
    args = parser.parse_args(argv)
    current = digests(docs_sets())
    if args.update:
        RECORD.write_text(json.dumps(current, indent=2, sort_keys=True) + "\n", encoding="utf-8")
        return 0
    if args.check:
        recorded = json.loads(RECORD.read_text(encoding="utf-8"))
        changed = sorted(n for n in current if recorded.get(n) != current[n])
        for name in changed:
            print(f"{name}: output changed", file=sys.stderr)
        return 1 if changed else 0
    for name, value in current.items():
        print(f"{name:<16} {value}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
