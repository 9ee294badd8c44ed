"""Where the credential chain calls STS, the SSO portal and SSO OIDC, against botocore's
endpoint rule sets of those services: every region of every partition (and the
``*-global`` pseudo-regions), with FIPS and dual-stack on or off (``AWS_USE_FIPS_ENDPOINT``
/ ``AWS_USE_DUALSTACK_ENDPOINT`` or the profile), and for STS ``sts_regional_endpoints``
regional or legacy: same URL (and for STS the same signing region)."""

from __future__ import annotations

import gzip
import json
from pathlib import Path
from typing import Any

import pytest
from runtime.credentials_config import _load_config
from runtime.credentials_sts import _PARTITIONS, _Endpoints, _service_host, _sts_endpoint


def _botocore_data() -> Path:
    import botocore

    return Path(botocore.__file__).resolve().parent / "data"


def _provider(service: str = "sts") -> Any:
    from botocore.endpoint_provider import EndpointProvider

    data = _botocore_data()
    partitions = json.loads((data / "partitions.json").read_text("utf-8"))
    rules = max((data / service).glob("*/endpoint-rule-set-1.json.gz"))
    return EndpointProvider(json.loads(gzip.decompress(rules.read_bytes())), partitions)


def _regions() -> list[str]:
    partitions = json.loads((_botocore_data() / "partitions.json").read_text("utf-8"))
    return sorted(r for p in partitions["partitions"] for r in p["regions"])


def test_partitions_are_botocore_s() -> None:
    partitions = json.loads((_botocore_data() / "partitions.json").read_text("utf-8"))
    theirs = {
        (p["id"], p["regionRegex"], p["outputs"]["dnsSuffix"], p["outputs"]["dualStackDnsSuffix"])
        for p in partitions["partitions"]
    }
    assert set(_PARTITIONS) == theirs


@pytest.mark.parametrize("legacy", [False, True], ids=["regional", "legacy"])
def test_sts_endpoint_matches_botocore_rule_set(legacy: bool, tmp_path: Path) -> None:
    from botocore.args import LEGACY_GLOBAL_STS_REGIONS

    provider = _provider()
    compared, wrong = 0, []
    for region in _regions():
        for fips in (False, True):
            for dualstack in (False, True):
                env = {"HOME": str(tmp_path), "AWS_DEFAULT_REGION": region}
                env["AWS_USE_FIPS_ENDPOINT"] = str(fips).lower()
                env["AWS_USE_DUALSTACK_ENDPOINT"] = str(dualstack).lower()
                if legacy:
                    env["AWS_STS_REGIONAL_ENDPOINTS"] = "legacy"
                resolved = provider.resolve_endpoint(
                    Region=region,
                    UseFIPS=fips,
                    UseDualStack=dualstack,
                    UseGlobalEndpoint=legacy and region in LEGACY_GLOBAL_STS_REGIONS,
                )
                signing = next(
                    (
                        s.get("signingRegion", region)
                        for s in resolved.properties.get("authSchemes", [])
                    ),
                    region,
                )
                theirs = (resolved.url.rstrip("/"), signing)
                ours = _sts_endpoint(env, _load_config(env), "default")
                compared += 1
                if ours != theirs:
                    wrong.append(f"{region} fips={fips} dualstack={dualstack}: {ours} != {theirs}")
    assert not wrong, "\n".join(wrong[:40])
    assert compared > 150


def test_fips_from_the_profile(tmp_path: Path) -> None:
    (tmp_path / "config").write_text("[default]\nregion = eu-west-1\nuse_fips_endpoint = true\n")
    env = {"HOME": str(tmp_path), "AWS_CONFIG_FILE": str(tmp_path / "config")}
    assert _sts_endpoint(env, _load_config(env), "default") == (
        "https://sts-fips.eu-west-1.amazonaws.com",
        "eu-west-1",
    )


@pytest.mark.parametrize(("service", "prefix"), [("sso", "portal.sso"), ("sso-oidc", "oidc")])
def test_sso_hosts_match_botocore_rule_sets(service: str, prefix: str) -> None:
    provider = _provider(service)
    wrong = []
    for region in _regions():
        for fips in (False, True):
            for dualstack in (False, True):
                theirs = provider.resolve_endpoint(
                    Region=region, UseFIPS=fips, UseDualStack=dualstack
                )
                ours = "https://" + _service_host(prefix, region, fips, dualstack)
                if ours != theirs.url.rstrip("/"):
                    wrong.append(
                        f"{region} fips={fips} dualstack={dualstack}: {ours} != {theirs.url}"
                    )
    assert not wrong, "\n".join(wrong[:40])


def test_sso_endpoint_from_a_services_section(tmp_path: Path) -> None:
    (tmp_path / "config").write_text(
        "[default]\nservices = s\nuse_fips_endpoint = true\n"
        "[services s]\nsso_oidc =\n  endpoint_url = http://oidc.local:1\n"
    )
    env = {"HOME": str(tmp_path), "AWS_CONFIG_FILE": str(tmp_path / "config")}
    where = _Endpoints(env, _load_config(env), "default")
    assert where.url("SSO OIDC", "oidc", "eu-west-1") == "http://oidc.local:1"
    assert (
        where.url("SSO", "portal.sso", "eu-west-1")
        == "https://portal.sso-fips.eu-west-1.amazonaws.com"
    )
