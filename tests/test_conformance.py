"""The model read from each corpus's pages, compared fact by fact with botocore's model.

Thresholds: every botocore model in every corpus folder compared (new folders are picked up
as they appear); every operation and documented structure found; every fact kind at 99% or
more unless its disagreements are all explained; every disagreement listed in
tests/conformance_disagreements.toml with its reason, and every listed one still real."""

from __future__ import annotations

from pathlib import Path

import pytest

from codegen.model import Service, ServiceConfig
from codegen.tools.conformance import (
    BUILDER_BUG,
    FACT_KINDS,
    KnownDisagreements,
    Report,
    documented_names,
    load_disagreements,
    match_model,
    match_services,
    measure_all,
    render_report,
    total,
)

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
KNOWN = Path(__file__).resolve().parent / "conformance_disagreements.toml"
TABLE = Path(__file__).resolve().parents[1] / "docs" / "conformance.md"

needs_corpus = pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpus is not here")


@pytest.fixture(scope="module")
def reports() -> list[Report]:
    if not CORPUS.is_dir():
        pytest.skip("../shared/corpus is not here")
    return measure_all(CORPUS)


@pytest.fixture(scope="module")
def everything(reports: list[Report]) -> Report:
    return total(reports)


@pytest.fixture(scope="module")
def known() -> KnownDisagreements:
    return load_disagreements(KNOWN)


@needs_corpus
def test_every_corpus_is_measured(reports: list[Report]) -> None:
    corpora = sorted(p.name for p in CORPUS.iterdir() if (p / "docs").is_dir())
    assert [r.corpus for r in reports] == corpora


@needs_corpus
def test_every_botocore_model_is_compared_with_a_service(everything: Report) -> None:
    models = sorted(
        f"{path.parents[2].name}/{path.parent.name}"
        for path in CORPUS.glob("*/botocore/*/service-2.json")
    )
    compared = sorted(pair.split(" = ")[0] for pair in everything.compared)
    assert everything.unmatched_models == []
    assert compared == models


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


def test_agreement_is_at_least_99_percent_unless_explained(
    everything: Report, known: KnownDisagreements
) -> None:
    # A fact kind may fall under 99% only where every one of its disagreements is a listed
    # difference between page and model (pages older or newer than the model, a fact the
    # page does not state), never where the builder reads a page wrong.
    bugs = known.builder_bugs()
    for kind, tally in everything.tallies.items():
        if tally.total and tally.percent() < 99.0:
            unexplained = [
                str(f)
                for f in everything.findings
                if f.kind == kind and (f not in known.findings or f in bugs)
            ]
            assert not unexplained, f"{kind} at {tally.percent():.1f}%:\n" + "\n".join(unexplained)


def test_builder_bugs_are_said_to_be_reported(known: KnownDisagreements) -> None:
    for reason, text in known.reasons.items():
        if reason.startswith(BUILDER_BUG):
            assert text.startswith("Builder bug, reported."), reason


@needs_corpus
def test_published_table_is_current(reports: list[Report], known: KnownDisagreements) -> None:
    text = TABLE.read_text(encoding="utf-8")
    assert render_report(reports, known) in text, (
        f"{TABLE} is out of date: regenerate it with "
        "`python -m codegen.tools.conformance ../shared/corpus --update docs/conformance.md`"
    )


# ---------------------------------------------------------------------------------------
# Pairing services with botocore models, and what the pages describe (no corpus needed).


def _service(uid: str, endpoint_prefix: str | None, signing_name: str | None) -> Service:
    config = ServiceConfig(package="p", signing_name=signing_name, endpoint_prefix=endpoint_prefix)
    return Service(uid=uid, name=uid, api_version=uid[-10:], config=config)


def _model(
    endpoint_prefix: str, version: str, uid: str | None = None, signing: str = ""
) -> dict[str, dict[str, str]]:
    metadata = {"endpointPrefix": endpoint_prefix, "apiVersion": version}
    if uid:
        metadata["uid"] = uid
    if signing:
        metadata["signingName"] = signing
    return {"metadata": metadata}


def test_services_pair_with_models_by_uid_then_endpoint_then_signing_name() -> None:
    models = {
        "dynamodbstreams": _model("streams.dynamodb", "2012-08-10", signing="dynamodb"),
        "dynamodb": _model("dynamodb", "2012-08-10"),
        "dax": _model("dax", "2017-04-19", uid="dax-2017-04-19"),
    }
    services = [
        _service("streams-dynamodb-2012-08-10", "streams.dynamodb", "dynamodb"),
        _service("dynamodb-2012-08-10", None, "dynamodb"),
        _service("dax-2017-04-19", None, None),
    ]
    assert match_services(services, models) == {
        "streams-dynamodb-2012-08-10": "dynamodbstreams",
        "dynamodb-2012-08-10": "dynamodb",  # uid from endpoint prefix and version
        "dax-2017-04-19": "dax",
    }


def test_a_model_without_uid_goes_by_its_folder_or_endpoint_prefix_and_version() -> None:
    models = {"dynamodbstreams": _model("streams.dynamodb", "2012-08-10")}
    by_folder = _service("dynamodbstreams-2012-08-10", None, None)
    by_prefix = _service("streams.dynamodb-2012-08-10", None, None)
    assert match_services([by_folder], models) == {by_folder.uid: "dynamodbstreams"}
    assert match_services([by_prefix], models) == {by_prefix.uid: "dynamodbstreams"}
    assert match_model(by_prefix, list(models.values())) is models["dynamodbstreams"]


def test_a_tie_pairs_nothing_and_no_model_is_paired_twice() -> None:
    models = {
        "lex-models": _model("models.lex", "2017-04-19", signing="lex"),
        "lex-runtime": _model("runtime.lex", "2017-04-19", signing="lex"),
    }
    tied = _service("somelex-2017-04-19", None, "lex")
    assert match_services([tied], models) == {}
    assert match_model(tied, list(models.values())) is None
    twins = [
        _service("a-2017-04-19", "models.lex", None),
        _service("b-2017-04-19", "models.lex", None),
    ]
    assert match_services(twins, models) == {}


def test_pages_count_as_documented_for_the_services_they_link_to() -> None:
    titles = {
        "Button": frozenset({"runtime-1", "models-1"}),
        "PostText": frozenset({"runtime-1"}),
        "Index": frozenset(),
        "Elsewhere": frozenset({"other-1"}),
    }
    uids = ["runtime-1", "models-1"]
    assert documented_names(titles, "models-1", uids) == {"Button", "Index", "Elsewhere"}
    assert documented_names(titles, "runtime-1", uids) == {
        "Button",
        "PostText",
        "Index",
        "Elsewhere",
    }
