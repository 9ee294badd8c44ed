"""The endpoint settings reach a generated client: the example spec (SageMaker) generated
into a temporary folder (not formatted: formatting changes no behaviour), its client's
``endpoint_url`` against the URL botocore's rule set resolves under the same
environment and config file."""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from _config_runner import run_botocore

from codegen.generate import package_sources
from codegen.model.build import build_model

SPEC = Path(__file__).resolve().parents[2] / "spec"
PACKAGE = "cfg_sagemaker"


@pytest.fixture(scope="module")
def package(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    root = tmp_path_factory.mktemp("generated-config")
    (service,) = build_model(SPEC).services
    service = replace(service, config=replace(service.config, package=PACKAGE))
    for relative, text in package_sources(service).items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    sys.path.insert(0, str(root))
    try:
        yield importlib.import_module(PACKAGE)
    finally:
        sys.path.remove(str(root))
        for name in [m for m in sys.modules if m == PACKAGE or m.startswith(PACKAGE + ".")]:
            del sys.modules[name]


SECTION = "[default]\nservices = s\n[services s]\nsagemaker =\n  endpoint_url = http://section:1\n"
CASES = [
    ("nothing", "us-east-1", {}, ""),
    ("AWS_ENDPOINT_URL_SAGEMAKER", "us-east-1", {"AWS_ENDPOINT_URL_SAGEMAKER": "http://sm:1"}, ""),
    ("services section", "eu-west-1", {}, SECTION),
    ("FIPS, GovCloud", "us-gov-west-1", {"AWS_USE_FIPS_ENDPOINT": "true"}, ""),
    ("dual-stack profile, China", "cn-north-1", {}, "[default]\nuse_dualstack_endpoint = true\n"),
    (
        "both",
        "ap-south-1",
        {"AWS_USE_FIPS_ENDPOINT": "true"},
        "[default]\nuse_dualstack_endpoint = true\n",
    ),
]


@pytest.mark.parametrize(
    ("region", "env", "config"),
    [case[1:] for case in CASES],
    ids=[case[0] for case in CASES],
)
def test_generated_client_goes_where_botocore_goes(
    package: Any,
    region: str,
    env: dict[str, str],
    config: str,
    aws_home: Callable[[dict[str, str], str], None],
) -> None:
    aws_home(env, config)
    client = package.Client(region, access_key="AKID", secret_key="secret")
    assert client.endpoint_url.rstrip("/") == run_botocore("sagemaker", region, {}).rstrip("/")
