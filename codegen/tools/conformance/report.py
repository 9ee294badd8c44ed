"""What the conformance check counts and prints: fact kinds, disagreements (``Finding``),
tallies per corpus, the checked-in list of known disagreements, and the Markdown table
(``docs/conformance.md``)."""

from __future__ import annotations

import json
import tomllib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

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
    "errors",
    "error status",
)
"""``... found``: recall (what botocore has and the docs describe, that we found);
``... in model``: precision (what we found, that botocore has); the rest: agreement."""

BUILDER_BUG = "builder-bug-"
"""Reason ids starting with this mark disagreements where the model reads the page wrong:
listed only until the builder is fixed (the rest are differences between page and model)."""


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
    compared: list[str] = field(default_factory=list)
    """``corpus/folder = uid``: each botocore model and the service it was compared with."""
    unmatched_models: list[str] = field(default_factory=list)
    """``corpus/folder``: botocore models no service read from the pages matched."""

    def merge(self, other: Report) -> None:
        for kind, tally in other.tallies.items():
            self.tallies[kind].add(tally)
        self.findings.extend(other.findings)
        self.not_documented.extend(other.not_documented)
        self.unmatched.extend(other.unmatched)
        self.compared.extend(other.compared)
        self.unmatched_models.extend(other.unmatched_models)


def total(reports: Iterable[Report]) -> Report:
    combined = Report("total")
    for report in reports:
        combined.merge(report)
    return combined


# ---------------------------------------------------------------------------------------
# The list of known disagreements (tests/conformance_disagreements.toml).


@dataclass(frozen=True)
class KnownDisagreements:
    """Disagreements checked in with their reason: ``reasons`` maps a reason id to its
    explanation, ``findings`` maps each listed finding to its reason id."""

    reasons: Mapping[str, str]
    findings: Mapping[Finding, str]

    def builder_bugs(self) -> set[Finding]:
        return {f for f, reason in self.findings.items() if reason.startswith(BUILDER_BUG)}


_FINDING_KEYS = ("corpus", "service", "kind", "where", "page", "model")


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


def render_table(reports: Sequence[Report], listed: Iterable[Finding] = ()) -> str:
    """A Markdown table: one row per fact kind, one column per corpus and the total
    (``agree/total``, with the percentage where not all agree), then how many of the
    disagreements are listed with a reason and the agreement counting those as explained;
    the last row sums every kind."""
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
    sums = [_sum(r.tallies.values()) for r in columns]
    explained = sum(1 for f in everything.findings if f in listed_set)
    with_listed = _cell(Tally(sums[-1].agree + explained, sums[-1].total))
    cells = [_cell(tally) for tally in sums] + [str(explained), with_listed]
    lines.append("| all facts | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def _sum(tallies: Iterable[Tally]) -> Tally:
    combined = Tally()
    for tally in tallies:
        combined.add(tally)
    return combined


def _cell(tally: Tally) -> str:
    if tally.total == 0:
        return "-"
    if tally.agree == tally.total:
        return f"{tally.agree}/{tally.total}"
    # Rounded down: a cell with a disagreement never shows 100.0%.
    return f"{tally.agree}/{tally.total} ({tally.agree * 1000 // tally.total / 10:.1f}%)"


def render_report(reports: Sequence[Report], known: KnownDisagreements) -> str:
    """The table with what it leaves out: undocumented operations, unmatched services, which
    botocore model each service was compared with, and the listed disagreements by reason."""
    everything = total(reports)
    listed = [f for f in everything.findings if f in known.findings]
    bugs = known.builder_bugs()
    by_reason: dict[str, int] = {}
    for finding in listed:
        by_reason[known.findings[finding]] = by_reason.get(known.findings[finding], 0) + 1
    summary = (
        f"{len(everything.findings)} disagreement(s), {len(listed)} listed with a reason, "
        f"{sum(1 for f in listed if f in bugs)} of them builder bugs "
        f"(reasons `{BUILDER_BUG}*`: the model reads the page wrong)."
    )
    lines = [
        render_table(reports, listed),
        "",
        summary,
        "Services compared (botocore model folder = uid of the service read from the pages): "
        + (", ".join(everything.compared) or "none")
        + ".",
        "botocore models no service read from the pages matched: "
        + (", ".join(everything.unmatched_models) or "none")
        + ".",
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
