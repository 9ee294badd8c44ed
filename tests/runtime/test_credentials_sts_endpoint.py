"""Where the credential chain calls STS, against botocore's STS endpoint rule set: every
region of every partition (and the ``*-global`` pseudo-regions), with FIPS and dual-stack
on or off (``AWS_USE_FIPS_ENDPOINT`` / ``AWS_USE_DUALSTACK_ENDPOINT`` or the profile), and
``sts_regional_endpoints`` regional or legacy: same URL, same signing region."""

from __future__ import annotations

import gzip
import json
from pathlib import Path
from typing import Any

import pytest
from runtime.credentials_config import _load_config
from runtime.credentials_sts import _PARTITIONS, _sts_endpoint


def _botocore_data() -> Path:
    import botocore

    return Path(botocore.__file__).resolve().parent / "data"


def _provider() -> Any:
    from botocore.endpoint_provider import EndpointProvider

    data = _botocore_data()
    partitions = json.loads((data / "partitions.json").read_text("utf-8"))
    rules = max((data / "sts").glob("*/endpoint-rule-set-1.json.gz"))
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
