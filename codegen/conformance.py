"""Measure the shape model against botocore's: does the model say what the docs say?

For every corpus folder (``docs/API_*.md`` beside ``botocore/<service>/service-2.json``)
each service read from the pages is exported (``codegen.export``) and compared, fact by
fact, with botocore's model of the same service. A fact is counted where the page states
it, that is where our export has it; botocore lacking it, or saying something else, is a
disagreement (a ``Finding``).

    python -m codegen.conformance ../shared/corpus [--markdown] [--findings]
"""

from __future__ import annotations

import argparse
import json
import math
import re
import sys
import tomllib
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .build import build_model
from .config import SpecConfig
from .export import export_service
from .model import Service

JsonObject = dict[str, Any]

FACT_KINDS = (
    "operations found",
    "operations in model",
    "structures found",
    "structures in model",
    "members found",
    "members in model",
    "member type",
    "required",
    "enum",
    "min",
    "max",
    "pattern",
    "location",
    "http method",
    "request uri",
    "response code",
)
"""``... found``: recall (what botocore has and the docs describe, that we found);
``... in model``: precision (what we found, that botocore has); the rest: agreement."""


@dataclass(frozen=True, order=True)
class Finding:
    """One fact on which the exported model and botocore's disagree."""

    corpus: str
    service: str
    kind: str
    where: str
    page: str
    """What the page says (our model), or ``-`` where it says nothing."""
    model: str
    """What botocore's model says, or ``-``."""

    def __str__(self) -> str:
        return (
            f"{self.corpus}/{self.service}: {self.kind} at {self.where}: "
            f"page says {self.page}, model says {self.model}"
        )


@dataclass
class Tally:
    agree: int = 0
    total: int = 0

    def add(self, other: Tally) -> None:
        self.agree += other.agree
        self.total += other.total

    def percent(self) -> float:
        return 100.0 * self.agree / self.total if self.total else 100.0


@dataclass
class Report:
    """Counts per fact kind, the disagreements, and what could not be compared."""

    corpus: str
    tallies: dict[str, Tally] = field(default_factory=lambda: {k: Tally() for k in FACT_KINDS})
    findings: list[Finding] = field(default_factory=list)
    not_documented: list[str] = field(default_factory=list)
    """``service: Operation`` that botocore has and no page describes (not a recall miss)."""
    unmatched: list[str] = field(default_factory=list)
    """Services read from the pages with no botocore model in the corpus."""

    def merge(self, other: Report) -> None:
        for kind, tally in other.tallies.items():
            self.tallies[kind].add(tally)
        self.findings.extend(other.findings)
        self.not_documented.extend(other.not_documented)
        self.unmatched.extend(other.unmatched)


# ---------------------------------------------------------------------------------------
# Running over corpora.


def corpus_folders(root: Path) -> list[Path]:
    """Folders below ``root`` with both ``docs/`` and ``botocore/``, by name."""
    return sorted(p for p in root.iterdir() if (p / "docs").is_dir() and (p / "botocore").is_dir())


def botocore_models(folder: Path) -> dict[str, JsonObject]:
    """uid -> botocore ``service-2.json`` of every service in a corpus folder."""
    models = {}
    for path in sorted((folder / "botocore").glob("*/service-2.json")):
        model = json.loads(path.read_text(encoding="utf-8"))
        models[str(model["metadata"]["uid"])] = model
    return models


def botocore_config(folder: Path) -> SpecConfig:
    """The ``codegen.toml`` settings the pages never state, as a user would write them,
    taken from the metadata of the corpus's botocore models (for tests and benchmarks)."""
    services: dict[str, dict[str, str]] = {}
    for uid, model in botocore_models(folder).items():
        meta = model["metadata"]
        settings = {
            "protocol": meta["protocol"],
            "signing_name": meta.get("signingName", meta["endpointPrefix"]),
            "endpoint_prefix": meta["endpointPrefix"],
        }
        if "targetPrefix" in meta:
            settings["target_prefix"] = meta["targetPrefix"]
        if "jsonVersion" in meta:
            settings["json_version"] = meta["jsonVersion"]
        services[uid] = settings
    return SpecConfig(services=services, source=str(folder / "botocore"))


def measure_corpus(folder: Path) -> Report:
    """Build the corpus's pages and compare each service with its botocore model."""
    docs = folder / "docs"
    model = build_model(docs)
    models = list(botocore_models(folder).values())
    page_names = page_titles(docs)
    report = Report(folder.name)
    for service in model.services:
        theirs = match_model(service, models)
        if theirs is None:
            report.unmatched.append(service.uid)
            continue
        comparison = _Comparison(report, service.uid, export_service(service), theirs)
        comparison.run(page_names)
    report.findings.sort()
    return report


def page_titles(docs: Path) -> set[str]:
    """The names the pages describe, from each page's first ``# Name`` heading: read here
    without the parser, so that a page the parser misses still counts as documented."""
    titles = set()
    for path in docs.glob("API_*.md"):
        with path.open(encoding="utf-8") as page:
            match = re.match(r"#\s*([A-Za-z0-9_]+)", page.readline().lstrip("\ufeff"))
        if match:
            titles.add(match.group(1))
    return titles


def match_model(service: Service, models: Sequence[JsonObject]) -> JsonObject | None:
    """botocore's model of ``service``: same uid, else same endpoint prefix or signing name."""
    for model in models:
        if model["metadata"].get("uid") == service.uid:
            return model
    for model in models:
        metadata = model["metadata"]
        if metadata.get("endpointPrefix") == service.config.endpoint_prefix:
            return model
        if (
            service.config.signing_name
            and metadata.get("signingName") == service.config.signing_name
        ):
            return model
    return None


def measure_all(root: Path) -> list[Report]:
    return [measure_corpus(folder) for folder in corpus_folders(root)]


# ---------------------------------------------------------------------------------------
# Comparing one service.


class _Comparison:
    def __init__(self, report: Report, uid: str, ours: JsonObject, theirs: JsonObject) -> None:
        self.report = report
        self.uid = uid
        self.ours = ours
        self.theirs = theirs
        self.our_shapes: JsonObject = ours["shapes"]
        self.their_shapes: JsonObject = theirs["shapes"]

    def count(self, kind: str, where: str, page: object, model: object, agree: bool) -> None:
        tally = self.report.tallies[kind]
        tally.total += 1
        if agree:
            tally.agree += 1
        else:
            finding = Finding(self.report.corpus, self.uid, kind, where, _show(page), _show(model))
            self.report.findings.append(finding)

    def run(self, page_names: set[str]) -> None:
        pairs = self._operations(page_names)
        pairs += self._structures(page_names)
        for our_name, their_name, part in pairs:
            self._members(our_name, their_name, part)

    def _operations(self, page_names: set[str]) -> list[tuple[str, str, str]]:
        """Compare operations; return the (our, their) input/output structure pairs."""
        ours: JsonObject = self.ours["operations"]
        theirs: JsonObject = self.theirs["operations"]
        for name in sorted(theirs):
            if name not in page_names:
                self.report.not_documented.append(f"{self.uid}: {name}")
            else:
                found = name in ours
                self.count("operations found", name, "-" if not found else name, name, found)
        pairs: list[tuple[str, str, str]] = []
        for name in sorted(ours):
            self.count(
                "operations in model", name, name, name if name in theirs else "-", name in theirs
            )
            if name in theirs:
                self._http(name, ours[name]["http"], theirs[name]["http"])
                pairs.extend(self._io_pairs(name, ours[name], theirs[name]))
        return pairs

    def _http(self, name: str, ours: JsonObject, theirs: JsonObject) -> None:
        self.count(
            "http method",
            name,
            ours["method"],
            theirs["method"],
            ours["method"] == theirs["method"],
        )
        uri, their_uri = ours["requestUri"], theirs["requestUri"]
        self.count("request uri", name, uri, their_uri, uri == their_uri)
        if "responseCode" in ours:
            code, their_code = ours["responseCode"], theirs.get("responseCode", 200)
            self.count("response code", name, code, their_code, code == their_code)

    def _io_pairs(
        self, name: str, ours: JsonObject, theirs: JsonObject
    ) -> Iterator[tuple[str, str, str]]:
        """Our ``<Op>Request``/``<Op>Response`` against botocore's input/output, whatever
        their names. A botocore output with members that we have none for is a miss."""
        for part in ("input", "output"):
            our_ref, their_ref = ours.get(part), theirs.get(part)
            their_members = self._their_members(their_ref)
            if our_ref is None and their_ref is not None and their_members:
                self.count("structures found", f"{name} {part}", "-", their_ref["shape"], False)
            if our_ref is not None and their_ref is not None:
                yield our_ref["shape"], their_ref["shape"], part

    def _their_members(self, ref: JsonObject | None) -> JsonObject:
        if ref is None:
            return {}
        members: JsonObject = self.their_shapes[ref["shape"]].get("members", {})
        return members

    def _structures(self, page_names: set[str]) -> list[tuple[str, str, str]]:
        """Documented structures (those with a data type page) by name, both ways."""
        their_operations = set(self.theirs["operations"])
        for name, shape in sorted(self.their_shapes.items()):
            documented = name in page_names and name not in their_operations
            if documented and shape["type"] == "structure" and not shape.get("exception"):
                ours = self.our_shapes.get(name, {})
                found = ours.get("type") == "structure"
                self.count("structures found", name, name if found else "-", name, found)
        pairs = []
        for name in sorted(self.our_shapes):
            if name not in page_names or self.our_shapes[name]["type"] != "structure":
                continue
            theirs = self.their_shapes.get(name, {})
            found = theirs.get("type") == "structure"
            self.count("structures in model", name, name, name if found else "-", found)
            if found:
                pairs.append((name, name, "type"))
        return pairs

    def _members(self, our_name: str, their_name: str, part: str) -> None:
        """Compare the members of two matched structures. ``part`` is ``input``, ``output``
        or ``type``: response elements never carry a Required line, so ``required`` is not a
        fact the page states for an output; locations only matter for inputs and outputs."""
        is_output = part == "output"
        ours, theirs = self.our_shapes[our_name], self.their_shapes[their_name]
        our_members: JsonObject = ours.get("members", {})
        their_members: JsonObject = theirs.get("members", {})
        for name in sorted(their_members):
            found = name in our_members
            where = f"{our_name}.{name}"
            self.count("members found", where, name if found else "-", name, found)
        for name in sorted(our_members):
            where = f"{our_name}.{name}"
            found = name in their_members
            self.count("members in model", where, name, name if found else "-", found)
            if not found:
                continue
            if not is_output:
                our_required = name in ours.get("required", [])
                their_required = name in theirs.get("required", [])
                self.count(
                    "required", where, our_required, their_required, our_required == their_required
                )
            self._member_type(where, our_members[name]["shape"], their_members[name]["shape"])
            if part != "type":
                ours_at = _location(ours, name)
                theirs_at = _location(theirs, name)
                self.count("location", where, ours_at, theirs_at, ours_at == theirs_at)

    def _member_type(self, where: str, our_target: str, their_target: str) -> None:
        our_type = type_text(self.our_shapes, our_target)
        their_type = type_text(self.their_shapes, their_target)
        self.count("member type", where, our_type, their_type, our_type == their_type)
        for suffix, ours, theirs in _aligned(
            self.our_shapes, our_target, self.their_shapes, their_target
        ):
            self._constraints(where + suffix, ours, theirs)

    def _constraints(self, where: str, ours: JsonObject, theirs: JsonObject) -> None:
        if ours.get("type") == "structure":
            return
        for kind in ("min", "max"):
            if kind in ours:
                value = theirs.get(kind)
                agree = value is not None and math.isclose(float(ours[kind]), float(value))
                self.count(kind, where, ours[kind], "-" if value is None else value, agree)
        if "pattern" in ours:
            pattern = theirs.get("pattern", "-")
            self.count("pattern", where, ours["pattern"], pattern, ours["pattern"] == pattern)
        if "enum" in ours:
            # Shown as the difference: the values only the page lists, only the model lists.
            values, their_values = set(ours["enum"]), set(theirs.get("enum", []))
            page_only = sorted(values - their_values) or "-"
            model_only = sorted(their_values - values) if their_values else "no enum"
            self.count("enum", where, page_only, model_only or "-", values == their_values)


def type_text(shapes: Mapping[str, JsonObject], name: str) -> str:
    """A shape's type, independent of how shapes are named: ``string``, ``list<Tag>``,
    ``map<string,list<string>>``; a structure by its name; a JSON value ``document``."""
    shape = shapes[name]
    kind = shape["type"]
    if kind == "list":
        return f"list<{type_text(shapes, shape['member']['shape'])}>"
    if kind == "map":
        key = type_text(shapes, shape["key"]["shape"])
        return f"map<{key},{type_text(shapes, shape['value']['shape'])}>"
    if kind == "structure":
        return "document" if shape.get("document") else name
    return str(kind)


def _aligned(
    our_shapes: Mapping[str, JsonObject],
    our_name: str,
    their_shapes: Mapping[str, JsonObject],
    their_name: str,
    suffix: str = "",
) -> Iterator[tuple[str, JsonObject, JsonObject]]:
    """Pairs of shapes at the same place in both types: the member's own shape, then list
    elements (``[]``), map keys (``{key}``) and values (``{value}``), as far as both agree
    on the container kind."""
    ours, theirs = our_shapes[our_name], their_shapes[their_name]
    yield suffix, ours, theirs
    if ours["type"] != theirs["type"]:
        return
    parts = {"list": (("member", "[]"),), "map": (("key", "{key}"), ("value", "{value}"))}
    for part, label in parts.get(ours["type"], ()):
        yield from _aligned(
            our_shapes, ours[part]["shape"], their_shapes, theirs[part]["shape"], suffix + label
        )


def _location(structure: JsonObject, member: str) -> str:
    """Where a member travels: ``body``, ``payload``, ``header X-Amz-Log-Type``, ``uri Name``,
    ``querystring Key``, ``statusCode``."""
    if structure.get("payload") == member:
        return "payload"
    ref = structure["members"][member]
    location = ref.get("location", "body")
    name = ref.get("locationName")
    return f"{location} {name}" if name and location != "body" else str(location)


def _show(value: object) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, (list, tuple)):
        return " | ".join(str(v) for v in value)
    return str(value)


# ---------------------------------------------------------------------------------------
# The list of known disagreements (tests/conformance_disagreements.toml).


@dataclass(frozen=True)
class KnownDisagreements:
    """Disagreements checked in with their reason: ``reasons`` maps a reason id to its
    explanation, ``findings`` maps each listed finding to its reason id."""

    reasons: Mapping[str, str]
    findings: Mapping[Finding, str]


def load_disagreements(path: Path) -> KnownDisagreements:
    """Read the list; an unreadable entry raises ``ValueError`` naming it."""
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    reasons = {str(k): str(v) for k, v in data.get("reasons", {}).items()}
    findings: dict[Finding, str] = {}
    for n, entry in enumerate(data.get("disagreements", []), start=1):
        try:
            finding = Finding(*(str(entry[key]) for key in _FINDING_KEYS))
            findings[finding] = str(entry["reason"])
        except KeyError as error:
            raise ValueError(f"{path}: disagreement {n} has no {error}") from None
    return KnownDisagreements(reasons, findings)


_FINDING_KEYS = ("corpus", "service", "kind", "where", "page", "model")


def toml_entry(finding: Finding, reason: str) -> str:
    """One finding as a line of the list (an inline table; JSON strings are TOML strings)."""
    values = [*(getattr(finding, key) for key in _FINDING_KEYS), reason]
    pairs = ", ".join(
        f"{key} = {json.dumps(value, ensure_ascii=False)}"
        for key, value in zip((*_FINDING_KEYS, "reason"), values, strict=True)
    )
    return "  { " + pairs + " },"


# ---------------------------------------------------------------------------------------
# The table.


def total(reports: Iterable[Report]) -> Report:
    combined = Report("total")
    for report in reports:
        combined.merge(report)
    return combined


def render_table(reports: Sequence[Report], listed: Iterable[Finding] = ()) -> str:
    """A Markdown table: one row per fact kind, one column per corpus and the total
    (``agree/total``, with the percentage where not all agree), then how many of the
    disagreements are listed with a reason and the agreement counting those as explained."""
    everything = total(reports)
    listed_set = set(listed)
    columns = [*reports, everything]
    head = ["fact", *(r.corpus for r in columns), "listed", "agree + listed"]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for kind in FACT_KINDS:
        tally = everything.tallies[kind]
        explained = sum(1 for f in everything.findings if f.kind == kind and f in listed_set)
        with_listed = _cell(Tally(tally.agree + explained, tally.total))
        cells = [_cell(r.tallies[kind]) for r in columns] + [str(explained), with_listed]
        lines.append(f"| {kind} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def _cell(tally: Tally) -> str:
    if tally.total == 0:
        return "-"
    if tally.agree == tally.total:
        return f"{tally.agree}/{tally.total}"
    return f"{tally.agree}/{tally.total} ({tally.percent():.1f}%)"


def render_report(reports: Sequence[Report], known: KnownDisagreements) -> str:
    """The table with what it leaves out: undocumented operations, unmatched services, and
    the listed disagreements counted by reason."""
    everything = total(reports)
    listed = [f for f in everything.findings if f in known.findings]
    by_reason: dict[str, int] = {}
    for finding in listed:
        by_reason[known.findings[finding]] = by_reason.get(known.findings[finding], 0) + 1
    lines = [
        render_table(reports, listed),
        "",
        f"{len(everything.findings)} disagreement(s), {len(listed)} listed with a reason.",
        "Operations botocore has that no page describes (not counted as misses): "
        + (", ".join(everything.not_documented) or "none")
        + ".",
        "Services read from the pages with no botocore model in the corpus: "
        + (", ".join(everything.unmatched) or "none")
        + ".",
    ]
    if by_reason:
        lines += ["", "| reason | listed | why |", "|---|---|---|"]
        for reason, count in sorted(by_reason.items()):
            lines.append(f"| {reason} | {count} | {known.reasons.get(reason, '?')} |")
    return "\n".join(lines)


DEFAULT_LIST = Path(__file__).resolve().parents[1] / "tests" / "conformance_disagreements.toml"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m codegen.conformance",
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
    args = parser.parse_args(argv)
    reports = measure_all(args.root)
    known = load_disagreements(args.known) if args.known.is_file() else KnownDisagreements({}, {})
    everything = total(reports)
    if args.unlisted:
        for finding in everything.findings:
            if finding not in known.findings:
                print(toml_entry(finding, "TODO"))
        return 0
    print(render_report(reports, known))
    if args.findings:
        print()
        for finding in everything.findings:
            print(finding)
    return 0


if __name__ == "__main__":
    sys.exit(main())
