"""The corpora the conformance check runs over: each folder's pages, botocore's models beside
them, which model is which service's, and what the pages describe."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Collection, Mapping, Sequence
from pathlib import Path
from typing import Any

from ...config import SpecConfig
from ...model import Service
from ...model.build import build_model
from ...output.export import export_service
from ..aws_table import table_key
from .compare import Comparison
from .report import Report

JsonObject = dict[str, Any]


def corpus_folders(root: Path) -> list[Path]:
    """Folders below ``root`` with both ``docs/`` and ``botocore/``, by name."""
    return sorted(p for p in root.iterdir() if (p / "docs").is_dir() and (p / "botocore").is_dir())


def botocore_folders(folder: Path) -> dict[str, JsonObject]:
    """botocore's folder name (``dynamodbstreams``) -> its ``service-2.json``, for every
    service in a corpus folder."""
    return {
        path.parent.name: json.loads(path.read_text(encoding="utf-8"))
        for path in sorted((folder / "botocore").glob("*/service-2.json"))
    }


def model_uids(name: str, model: JsonObject) -> set[str]:
    """What the pages' SDK links may call botocore's model ``name``: its ``uid``; a model
    older than that field goes by ``<name>-<apiVersion>`` (as in the AWS service table) or
    ``<endpointPrefix>-<apiVersion>``."""
    metadata = model["metadata"]
    if metadata.get("uid"):
        return {str(metadata["uid"])}
    return {f"{prefix}-{metadata['apiVersion']}" for prefix in (name, metadata["endpointPrefix"])}


def botocore_models(folder: Path) -> dict[str, JsonObject]:
    """uid -> botocore ``service-2.json`` of every service in a corpus folder (keyed as the
    AWS service table keys it: ``table_key``)."""
    return {
        table_key(name, model["metadata"]): model
        for name, model in botocore_folders(folder).items()
    }


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


# ---------------------------------------------------------------------------------------
# Which botocore model is which service's.


def _same_uid(service: Service, name: str, model: JsonObject) -> bool:
    return service.uid in model_uids(name, model)


def _same_endpoint_prefix(service: Service, name: str, model: JsonObject) -> bool:
    prefix = service.config.endpoint_prefix
    return bool(prefix) and model["metadata"].get("endpointPrefix") == prefix


def _same_signing_name_and_version(service: Service, name: str, model: JsonObject) -> bool:
    metadata = model["metadata"]
    signing_name = metadata.get("signingName", metadata.get("endpointPrefix"))
    return (
        bool(service.config.signing_name)
        and signing_name == service.config.signing_name
        and metadata.get("apiVersion") == service.api_version
    )


_EVIDENCE: tuple[Callable[[Service, str, JsonObject], bool], ...] = (
    _same_uid,
    _same_endpoint_prefix,
    _same_signing_name_and_version,
)
"""What makes a botocore model a service's, strongest first."""


def match_services(services: Sequence[Service], models: Mapping[str, JsonObject]) -> dict[str, str]:
    """Pair the services read from the pages with botocore models (``models`` keyed by
    botocore's service name, the model's folder), one to one: service uid -> model key. Each kind of evidence is tried in turn,
    strongest first, on what is still unpaired; a service is paired only where the evidence
    picks exactly one model and no other service picks the same one (a tie pairs nothing)."""
    pairs: dict[str, str] = {}
    for same in _EVIDENCE:
        free = [key for key in models if key not in pairs.values()]
        picks = {
            service.uid: [key for key in free if same(service, key, models[key])]
            for service in services
            if service.uid not in pairs
        }
        chosen = [keys[0] for keys in picks.values() if len(keys) == 1]
        for uid, keys in picks.items():
            if len(keys) == 1 and chosen.count(keys[0]) == 1:
                pairs[uid] = keys[0]
    return pairs


def match_model(service: Service, models: Sequence[JsonObject]) -> JsonObject | None:
    """botocore's model of ``service``: same uid, else same endpoint prefix, else same
    signing name and API version (``match_services`` for one service, the models' folder
    names unknown)."""
    keyed = {f"#{n}": model for n, model in enumerate(models)}
    key = match_services([service], keyed).get(service.uid)
    return None if key is None else keyed[key]


# ---------------------------------------------------------------------------------------
# What the pages describe.

_SDK_LINK = re.compile(r"docs\.aws\.amazon\.com/goto/[^/\s)]+/([^/\s)#]+)/")


def page_titles(docs: Path) -> dict[str, frozenset[str]]:
    """The names the pages describe, from each page's first ``# Name`` heading, with the
    uids its SDK links name (none for a page without links): read here without the parser,
    so that a page the parser misses still counts as documented."""
    titles: dict[str, frozenset[str]] = {}
    for path in sorted(docs.glob("API_*.md")):
        text = path.read_text(encoding="utf-8", errors="replace").lstrip("\ufeff")
        # The first "# Name" line: newer pages start with YAML front matter.
        match = re.search(r"^#\s*([A-Za-z0-9_]+)", text, re.MULTILINE)
        if match:
            uids = frozenset(_SDK_LINK.findall(text))
            titles[match.group(1)] = titles.get(match.group(1), frozenset()) | uids
    return titles


def documented_names(
    titles: Mapping[str, frozenset[str]], uid: str, uids: Collection[str]
) -> set[str]:
    """The names the pages describe for service ``uid``: those of pages linking to it, and
    of pages linking to none of the services read (``uids``), which may be anyone's."""
    read = frozenset(uids)
    return {name for name, links in titles.items() if uid in links or not links & read}


# ---------------------------------------------------------------------------------------
# Measuring.


def measure_corpus(folder: Path) -> Report:
    """Build the corpus's pages and compare each service with its botocore model."""
    docs = folder / "docs"
    model = build_model(docs)
    models = botocore_folders(folder)
    titles = page_titles(docs)
    uids = [service.uid for service in model.services]
    pairs = match_services(model.services, models)
    report = Report(folder.name)
    for service in model.services:
        key = pairs.get(service.uid)
        if key is None:
            report.unmatched.append(service.uid)
            continue
        report.compared.append(f"{folder.name}/{key} = {service.uid}")
        comparison = Comparison(report, service.uid, export_service(service), models[key])
        comparison.run(documented_names(titles, service.uid, uids))
    report.unmatched_models = [
        f"{folder.name}/{key}" for key in models if key not in pairs.values()
    ]
    report.compared.sort()
    report.findings.sort()
    return report


def measure_all(root: Path) -> list[Report]:
    return [measure_corpus(folder) for folder in corpus_folders(root)]
