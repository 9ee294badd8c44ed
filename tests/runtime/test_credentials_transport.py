"""The credential chain's own calls (STS, the SSO portal) go the way botocore's clients
for them go: trusting ``AWS_CA_BUNDLE`` / ``ca_bundle`` and through ``HTTPS_PROXY``'s
CONNECT tunnel. The stand-ins serve HTTPS on 127.0.0.1 with a self-signed certificate;
botocore runs the same case in a subprocess with the same ``HOME`` and environment."""

from __future__ import annotations

import json
import os
import ssl
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from _aws_standins import Standins, running_standins
from _credential_runner import run_in_subprocess
from _tls_proxy import ConnectProxy
from runtime.credentials import load_credentials
from runtime.errors import NoCredentialsError

RUNNER = Path(__file__).with_name("_credential_runner.py")
ROLE = (
    "[profile role]\nrole_arn = arn:aws:iam::123456789012:role/r\nsource_profile = base\n"
    "[profile base]\naws_access_key_id = BASEKEY\naws_secret_access_key = base-secret\n"
)
SSO = (
    "[profile dev]\nsso_start_url = https://corp.awsapps.com/start\nsso_region = us-east-1\n"
    "sso_account_id = 111122223333\nsso_role_name = Admin\n"
)


@pytest.fixture(scope="module")
def standins(certificate: tuple[Path, Path]) -> Iterator[Standins]:
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(str(certificate[0]), str(certificate[1]))
    with running_standins(tls=context) as state:
        yield state


def _home(tmp_path: Path, config: str) -> Path:
    import hashlib

    (tmp_path / ".aws" / "sso" / "cache").mkdir(parents=True)
    (tmp_path / ".aws" / "config").write_text(config)
    name = hashlib.sha1(b"https://corp.awsapps.com/start").hexdigest()
    cache = {"accessToken": "SSOACCESSTOKEN", "expiresAt": "2099-01-01T00:00:00Z"}
    (tmp_path / ".aws" / "sso" / "cache" / f"{name}.json").write_text(json.dumps(cache))
    return tmp_path


def _environ(home: Path, standins: Standins, **extra: str) -> dict[str, str]:
    return {
        "PATH": os.environ.get("PATH", ""),
        "HOME": str(home),
        "AWS_DEFAULT_REGION": "us-west-2",
        "AWS_EC2_METADATA_DISABLED": "true",
        "AWS_ENDPOINT_URL_STS": standins.sts,
        "AWS_ENDPOINT_URL_SSO": standins.sso,
        **extra,
    }


def _ours(profile: str, environ: dict[str, str]) -> dict[str, Any]:
    try:
        frozen = load_credentials(profile, environ).frozen()
    except NoCredentialsError as error:
        return {"outcome": "error", "error": type(error).__name__}
    return {"outcome": "ok", "access_key": frozen.access_key, "source": frozen.source}


def _botocore(profile: str, environ: dict[str, str], home: Path) -> dict[str, Any]:
    result = run_in_subprocess("botocore", profile, environ, home)
    if result["outcome"] == "ok":
        return {"outcome": "ok", "access_key": result["access_key"], "source": result["source"]}
    return {"outcome": result["outcome"]}


@pytest.mark.parametrize(("profile", "source"), [("role", "assume-role"), ("dev", "sso")])
def test_ca_bundle_trusts_the_stand_in(
    profile: str,
    source: str,
    standins: Standins,
    certificate: tuple[Path, Path],
    tmp_path: Path,
) -> None:
    home = _home(tmp_path, ROLE + SSO)
    trusted = _environ(home, standins, AWS_CA_BUNDLE=str(certificate[0]))
    ours = _ours(profile, trusted)
    assert ours["outcome"] == "ok" and ours["source"] == source, ours
    assert ours == _botocore(profile, trusted, home)
    # Without the bundle, neither trusts the self-signed certificate.
    untrusted = _environ(home, standins)
    assert _ours(profile, untrusted)["outcome"] == "error"
    assert _botocore(profile, untrusted, home)["outcome"] == "error"


def test_profile_ca_bundle_and_a_proxy(
    standins: Standins,
    certificate: tuple[Path, Path],
    proxy: ConnectProxy,
    tmp_path: Path,
) -> None:
    config = SSO.replace("[profile dev]\n", f"[profile dev]\nca_bundle = {certificate[0]}\n")
    home = _home(tmp_path, config)
    environ = _environ(home, standins, HTTPS_PROXY=f"http://user:pw@127.0.0.1:{proxy.port}")
    ours = _ours("dev", environ)
    assert ours["outcome"] == "ok" and ours["source"] == "sso", ours
    port = standins.base.rsplit(":", 1)[1]
    assert [line.rsplit(" ", 1)[0] for line, _ in proxy.seen] == [f"CONNECT 127.0.0.1:{port}"]
    assert ours == _botocore("dev", environ, home)
    assert len(proxy.seen) == 2  # botocore's call went through the proxy too
