"""The catalogue of slips: what a page can state incompletely or inconsistently, and the
safe reading the generator takes instead of refusing. Every warning carries one of these
kinds (``Diagnostic.kind``); ``--strict`` makes them errors.

    python -m codegen.slips [CORPUS_DIR]    # docs/doc-slips.md, with counts per corpus
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class SlipKind:
    meaning: str
    fallback: str
    example: str
    """A line of a page showing the slip."""


KINDS: Mapping[str, SlipKind] = {
    "type-phrase": SlipKind(
        "a `Type:` phrase with a word in the other grammatical number, words after the type, "
        "a map without its closing `map`, or a link without `object`",
        "read as meant: the phrase's structure is clear without the slipped word",
        "Type: Array of string",
    ),
    "type-unreadable": SlipKind(
        "a `Type:` phrase, or the element part of one, that names no type",
        "inside a list or map: any JSON value (`document`), keeping the list or map; the "
        "whole phrase: the type the rest of the entry shows (as for `type-missing`)",
        "Type: Array of frobnicators",
    ),
    "type-missing": SlipKind(
        "a JSON member (a data type's member, a body parameter or element) without a `Type:` "
        "line (URI, query and header parameters and whole-body payloads go without one by "
        "convention and are inferred silently)",
        "inferred from the other evidence, most specific first: `Array Members` -> list, "
        "map constraints -> map, the syntax block (`[...]`, `{...}`, `number`, `boolean`, "
        '`"string"`), `Valid Range` -> number, `Valid Values`/`Length Constraints`/`Pattern` '
        "-> string, last the description (`A list of ...` -> list, `When true ...` or "
        "`A Boolean ...` -> boolean); no evidence: any JSON value (a string in a URI, query or header). "
        "`Member.inferred` records the reading",
        "**Tags** with `Array Members:` and `Required:` lines but no `Type:`",
    ),
    "link-unresolved": SlipKind(
        "a `Type:` link to a data type page that is not in the folder",
        "any JSON value (`document`): whatever the service sends is kept",
        "Type: [Gone](API_Gone.md) object",
    ),
    "bound-unreadable": SlipKind(
        "a bound without its number",
        "that bound is dropped; the others on the line are kept",
        "Array Members: Minimum number of 1 item. Maximum number of items.",
    ),
    "constraint-unreadable": SlipKind(
        "a constraint line that cannot be read (no bound at all, a fractional or negative "
        "length, a pattern outside a code span, no valid values)",
        "the line is ignored: the member stays, unconstrained by it",
        "Length Constraints: short.",
    ),
    "constraint-contradiction": SlipKind(
        "a minimum above its maximum",
        "the line is ignored",
        "Length Constraints: Minimum length of 9. Maximum length of 2.",
    ),
    "constraint-misplaced": SlipKind(
        "a constraint that applies to nothing in the member's type (a `Pattern` on a data "
        "type, `Array Members` on a string)",
        "the line is ignored; the `Type:` line wins over it",
        "Type: String / Array Members: Maximum number of 5 items.",
    ),
    "required-unreadable": SlipKind(
        "a `Required:` line that is not `Yes` or `No` (`Conditional`, `Yes, when ...`)",
        "not required: the client never refuses a call the service may accept, and the "
        "service still checks what it needs",
        "Required: Conditional",
    ),
    "required-conflicting": SlipKind(
        "an entry whose `Required:` lines disagree, one per case its description tells " "apart",
        "not required: some calls may leave the member out, and the service still checks "
        "the cases that need it",
        "**NTTS-only voices** ... Required: Yes / **Standard voices** ... Required: No",
    ),
    "status-unreadable": SlipKind(
        "an error's `HTTP Status Code:` without a number",
        "the error is matched by its code alone",
        "HTTP Status Code: Bad Request",
    ),
    "duplicate": SlipKind(
        "a data type, operation or member defined twice",
        "the first (in file or line order) is kept; the other is ignored",
        "two pages titled `# Widget`",
    ),
    "contents-missing": SlipKind(
        "a data type page whose members are not under `## Contents` (another heading)",
        "the first section listing members is read as the data type's members",
        "## Members",
    ),
    "page-unrecognised": SlipKind(
        "a page that is neither an operation (request or response sections), a data type "
        "(`## Contents`) nor an index",
        "skipped: it defines nothing other pages can use",
        "a page of prose only",
    ),
    "title-missing": SlipKind(
        "a page without a `# Title` heading",
        "the title is taken from the file name (`API_Widget.md` -> `Widget`, "
        "`API_dax_Cluster.md` -> `Cluster`)",
        "a page starting at `## Contents`",
    ),
    "title-unusable": SlipKind(
        "a page title that is not a name (`# CreateWidget operation`)",
        "the name in its anchor (`API_CreateWidget`), else in its first word, else in its "
        "file name",
        "# CreateWidget operation",
    ),
    "encoding": SlipKind(
        "bytes that are not UTF-8",
        "replaced by U+FFFD; the rest of the page is read",
        "a Latin-1 `é` in a description",
    ),
    "request-syntax-missing": SlipKind(
        "an operation page without a Request Syntax block",
        "JSON protocol: the request is the JSON object of the members the page lists "
        "(`POST /`); REST: the operation is skipped, its method and path being unknown",
        "`DescribeLimits` with Response Syntax only",
    ),
    "protocol-mixed": SlipKind(
        "a service whose operation pages show HTTP request lines on some pages and bare "
        "JSON bodies on others (and neither codegen.toml nor the AWS table gives the protocol)",
        "the protocol most pages show",
        "one page of a REST service with a JSON-only Request Syntax",
    ),
    "uri-parameter-unbound": SlipKind(
        "a URI request parameter that neither the request line nor a header names",
        "sent as a query parameter of its own name",
        "**Filter** under URI Request Parameters, absent from `GET /items HTTP/1.1`",
    ),
    "path-label-unbound": SlipKind(
        "a capitalised path segment that matches no URI request parameter",
        "sent as written",
        "GET /items/Item HTTP/1.1 with no `Item` parameter",
    ),
    "syntax-unreadable": SlipKind(
        "a header line or body of a syntax block that cannot be read",
        "that line is ignored",
        "a header line without a colon",
    ),
    "service-guessed": SlipKind(
        "a page that neither an SDK link nor an index page assigns to a service",
        "the service of the pages linking to it, else of the pages sharing its file-name "
        "prefix (`API_dax_`), else the only service, else the one with the most pages",
        "a data type page with no See Also links, listed on no index page",
    ),
    "type-shared": SlipKind(
        "a data type page that pages of another service link to than the one it is assigned",
        "the data type (and what it links to) is defined in both services",
        "a runtime service's page linking to a data type page of the main service",
    ),
    "service-uid-unknown": SlipKind(
        "SDK links naming a service uid the AWS service table (botocore's) does not know, "
        "for a service codegen.toml does not configure",
        "the settings of the table's entry of the same API version whose service id's words "
        "(two or more) all appear in the service's name or uid, the most of them (none if "
        "two tie); with no such entry, defaults from the uid",
        "goto/boto3/kinesis-video-data-2017-09-30/GetMedia: botocore's "
        "kinesis-video-media-2017-09-30",
    ),
    "index-stale": SlipKind(
        "an index page listing a page that is not in the folder",
        "the entry is ignored",
        "+ [Gone](API_Gone.md) on API_Types.md",
    ),
}


def kind_counts(diagnostics: Sequence[object]) -> Counter[str]:
    """Warnings by kind (``other`` for a warning of no catalogued kind)."""
    counts: Counter[str] = Counter()
    for d in diagnostics:
        if getattr(d, "severity", "") == "warning":
            kind = getattr(d, "kind", "")
            counts[kind if kind in KINDS else "other"] += 1
    return counts


def summary(diagnostics: Sequence[object]) -> str:
    """``N warnings of K kinds`` (the last line of a run)."""
    counts = kind_counts(diagnostics)
    n, k = sum(counts.values()), len(counts)
    return f"{n} warning{'s' * (n != 1)} of {k} kind{'s' * (k != 1)}"


def corpus_counts(corpus: Path) -> dict[str, Counter[str]]:
    """Warnings by kind for every ``<corpus>/<name>/docs`` folder (a failed build counts its
    errors under ``ERROR``)."""
    from .errors import CodegenError
    from .model.build import build_model

    counts: dict[str, Counter[str]] = {}
    for folder in sorted(p for p in corpus.iterdir() if (p / "docs").is_dir()):
        try:
            counts[folder.name] = kind_counts(build_model(folder / "docs").diagnostics)
        except CodegenError as error:
            counted = kind_counts(error.diagnostics)
            counted["ERROR"] = sum(1 for d in error.diagnostics if d.severity == "error")
            counts[folder.name] = counted
    return counts


def catalogue(corpus: Path | None) -> str:
    """docs/doc-slips.md."""
    lines = [
        "# Slips in reference pages: what the generator reads past",
        "",
        "A page that states something incompletely or inconsistently does not stop generation:",
        "the generator reports `file:line: warning: ...` (what it read, what it did instead),",
        "takes the safe reading below and generates the rest. `--strict` makes every warning an",
        "error (for CI of docs authors); a run ends with `N warnings of K kinds`. Errors remain",
        "only where no correct output exists: no operation found, an unreadable folder, two",
        "services mapped to one package, a name that cannot become Python, a file that cannot",
        "be written, an AWS service whose protocol the client does not speak (REST-XML, query,",
        "EC2: the AWS service table says which), a JSON service without its target prefix.",
        "",
        "Generated by `python -m codegen.slips ../shared/corpus`; `tests/test_slips.py` checks",
        "it is current and shows each kind on a small page.",
        "",
        "| kind | what the page does | what the generator does | example |",
        "|---|---|---|---|",
    ]
    for name, kind in KINDS.items():
        lines.append(f"| `{name}` | {kind.meaning} | {kind.fallback} | {kind.example} |")
    if corpus is not None and corpus.is_dir():
        counts = corpus_counts(corpus)
        names = list(counts)
        lines += [
            "",
            "## Warnings per corpus",
            "",
            "| kind | " + " | ".join(names) + " |",
            "|---|" + "---|" * len(names),
        ]
        used = sorted({k for c in counts.values() for k in c})
        for used_kind in used:
            row = [str(counts[n][used_kind]) if counts[n][used_kind] else "-" for n in names]
            lines.append(f"| `{used_kind}` | " + " | ".join(row) + " |")
        totals = [str(sum(counts[n].values())) for n in names]
        lines.append("| total | " + " | ".join(totals) + " |")
    return "\n".join(lines) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m codegen.slips", description=__doc__)
    parser.add_argument("corpus", type=Path, nargs="?", help="folder of <name>/docs folders")
    args = parser.parse_args(argv)
    sys.stdout.write(catalogue(args.corpus))
    return 0


if __name__ == "__main__":
    sys.exit(main())
