"""Shared by the benchmarks: where the corpora are, and generating a package from one.

The pages never say a JSON service's target prefix or signing name; for a corpus those
settings are taken from the botocore model beside it (the test oracle), the way a user
would write them in ``codegen.toml``."""

from __future__ import annotations

import json
from pathlib import Path

from codegen.config import SpecConfig

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"


def botocore_models(corpus: Path) -> dict[str, dict]:  # type: ignore[type-arg]
    """uid -> botocore service model, for every model in a corpus folder."""
    models = {}
    for path in sorted((corpus / "botocore").glob("*/service-2.json")):
        model = json.loads(path.read_text())
        models[model["metadata"]["uid"]] = model
    return models


def corpus_config(corpus: Path) -> SpecConfig:
    services: dict[str, dict[str, str]] = {}
    for uid, model in botocore_models(corpus).items():
        meta = model["metadata"]
        settings = {
            "signing_name": meta.get("signingName", meta["endpointPrefix"]),
            "endpoint_prefix": meta["endpointPrefix"],
        }
        if "targetPrefix" in meta:
            settings["target_prefix"] = meta["targetPrefix"]
        if "jsonVersion" in meta:
            settings["json_version"] = meta["jsonVersion"]
        services[uid] = settings
    return SpecConfig(services=services, source=str(corpus / "botocore"))
