"""The model read from each corpus's pages, compared fact by fact with botocore's model.

Thresholds: every operation and documented structure found; every disagreement listed in
tests/conformance_disagreements.toml with its reason, and every listed one still real."""

from __future__ import annotations

from pathlib import Path

import pytest

from codegen.conformance import (
    FACT_KINDS,
    KnownDisagreements,
    Report,
    load_disagreements,
    measure_all,
    render_report,
    total,
)

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
KNOWN = Path(__file__).resolve().parent / "conformance_disagreements.toml"
TABLE = Path(__file__).resolve().parents[1] / "docs" / "conformance.md"

pytestmark = pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpus is not here")


@pytest.fixture(scope="module")
def reports() -> list[Report]:
    return measure_all(CORPUS)


@pytest.fixture(scope="module")
def everything(reports: list[Report]) -> Report:
    return total(reports)


@pytest.fixture(scope="module")
def known() -> KnownDisagreements:
    return load_disagreements(KNOWN)


def test_every_corpus_is_measured(reports: list[Report]) -> None:
    corpora = sorted(p.name for p in CORPUS.iterdir() if (p / "docs").is_dir())
    assert [r.corpus for r in reports] == corpora


@pytest.mark.parametrize("kind", ["operations found", "structures found"])
def test_everything_the_docs_describe_is_found(everything: Report, kind: str) -> None:
    tally = everything.tallies[kind]
    missed = [str(f) for f in everything.findings if f.kind == kind]
    assert tally.total > 0
    assert tally.agree == tally.total, "\n".join(missed)


@pytest.mark.parametrize("kind", FACT_KINDS)
def test_every_disagreement_is_listed_with_its_reason(
    everything: Report, known: KnownDisagreements, kind: str
) -> None:
    unlisted = [str(f) for f in everything.findings if f.kind == kind and f not in known.findings]
    assert not unlisted, (
        f"{len(unlisted)} {kind} disagreement(s) not in {KNOWN.name} "
        "(fix the parser, or list them with a reason):\n" + "\n".join(unlisted)
    )


def test_every_listed_disagreement_still_occurs(
    everything: Report, known: KnownDisagreements
) -> None:
    gone = sorted(str(f) for f in set(known.findings) - set(everything.findings))
    assert not gone, f"listed in {KNOWN.name} but no longer found:\n" + "\n".join(gone)


def test_every_listed_disagreement_has_an_explained_reason(known: KnownDisagreements) -> None:
    unexplained = {r for r in known.findings.values() if not known.reasons.get(r, "").strip()}
    assert not unexplained
    unused = set(known.reasons) - set(known.findings.values())
    assert not unused, f"reasons no disagreement uses: {sorted(unused)}"


def test_agreement_is_at_least_99_percent_on_most_fact_kinds(everything: Report) -> None:
    # The listed disagreements are date differences between pages and model; they may pull
    # a fact kind under 99% (enum values, Lambda's members), but only those kinds.
    below = {k for k, t in everything.tallies.items() if t.total and t.percent() < 99.0}
    assert below <= {"enum", "members found", "operations in model", "structures in model"}


def test_published_table_is_current(reports: list[Report], known: KnownDisagreements) -> None:
    text = TABLE.read_text(encoding="utf-8")
    assert render_report(reports, known) in text, (
        f"{TABLE} is out of date: regenerate it with "
        "`python -m codegen.conformance ../shared/corpus` (see the file)"
    )
