"""Measure the shape model against botocore's: does the model say what the docs say?

For every corpus folder (``docs/API_*.md`` beside ``botocore/<service>/service-2.json``)
each service read from the pages is paired with botocore's model of the same service (by
uid, else endpoint prefix, else signing name and API version), exported
(``codegen.output.export``) and compared, fact by fact. A fact is counted where the page states
it, that is where our export has it; botocore lacking it, or saying something else, is a
disagreement (a ``Finding``). Disagreements known and explained are listed, with their
reason, in ``tests/conformance_disagreements.toml``.

    python -m codegen.tools.conformance ../shared/corpus             # the Markdown report
    python -m codegen.tools.conformance ../shared/corpus --findings  # and every disagreement
    python -m codegen.tools.conformance ../shared/corpus --unlisted  # list entries to add
    python -m codegen.tools.conformance ../shared/corpus --update docs/conformance.md

The report, as printed, is what ``docs/conformance.md`` holds below its prose (a test
checks it is current); ``--update`` rewrites the file's report in place, from its table's
first line (``| fact |``) to the end, keeping the prose above.

The work is in ``corpus`` (corpora, botocore models, pairing, measuring),
``compare`` (one service against its model) and ``report``
(counts, the list of known disagreements, the table); this package is the command and
the public names.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from .compare import Comparison, type_text
from .corpus import (
    botocore_config,
    botocore_folders,
    botocore_models,
    corpus_folders,
    documented_names,
    match_model,
    match_services,
    measure_all,
    measure_corpus,
    model_uids,
    page_titles,
)
from .report import (
    BUILDER_BUG,
    FACT_KINDS,
    Finding,
    KnownDisagreements,
    Report,
    Tally,
    load_disagreements,
    render_report,
    render_table,
    toml_entry,
    total,
)

__all__ = [
    "BUILDER_BUG",
    "DEFAULT_LIST",
    "FACT_KINDS",
    "Comparison",
    "Finding",
    "KnownDisagreements",
    "Report",
    "Tally",
    "botocore_config",
    "botocore_folders",
    "botocore_models",
    "corpus_folders",
    "documented_names",
    "load_disagreements",
    "main",
    "match_model",
    "match_services",
    "measure_all",
    "measure_corpus",
    "model_uids",
    "page_titles",
    "render_report",
    "render_table",
    "toml_entry",
    "total",
    "type_text",
    "update_file",
]

DEFAULT_LIST = Path(__file__).resolve().parents[3] / "tests" / "conformance_disagreements.toml"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m codegen.tools.conformance",
        description="Compare the model read from each corpus's pages with botocore's model.",
    )
    parser.add_argument("root", type=Path, help="folder of corpora (each: docs/ and botocore/)")
    parser.add_argument(
        "--known", type=Path, default=DEFAULT_LIST, help="the list of known disagreements"
    )
    parser.add_argument("--findings", action="store_true", help="also list every disagreement")
    parser.add_argument(
        "--unlisted",
        action="store_true",
        help="print the disagreements missing from the list, as entries to add to it",
    )
    parser.add_argument(
        "--update",
        type=Path,
        metavar="MARKDOWN",
        help="replace the report in this file (from its '| fact |' line on) instead of printing",
    )
    args = parser.parse_args(argv)
    reports = measure_all(args.root)
    known = load_disagreements(args.known) if args.known.is_file() else KnownDisagreements({}, {})
    everything = total(reports)
    if args.unlisted:
        for finding in everything.findings:
            if finding not in known.findings:
                print(toml_entry(finding, "TODO"))
        return 0
    report = render_report(reports, known)
    if args.update:
        return update_file(args.update, report)
    print(report)
    if args.findings:
        print()
        for finding in everything.findings:
            print(finding)
    return 0


def update_file(path: Path, report: str) -> int:
    """Replace the report in ``path`` (from the line starting ``| fact |`` to the end)."""
    text = path.read_text(encoding="utf-8")
    start = text.find("\n| fact |")
    if start < 0:
        print(f"{path}: no line starting '| fact |' to replace", file=sys.stderr)
        return 1
    path.write_text(text[: start + 1] + report + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
