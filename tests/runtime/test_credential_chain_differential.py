"""The runtime's credential chain against botocore's own, case by case.

Each case is an environment and a set of files under a fresh ``HOME`` (``~/.aws/config``,
``~/.aws/credentials``, token files, credential processes, the SSO token cache). Both
chains run in their own subprocess with only ``PATH``, ``HOME`` and the case's variables:
botocore's (``botocore.session.Session(profile=...).get_credentials()``, then
``get_frozen_credentials()``) and ours (``runtime.credentials.load_credentials``). They
agree when both find the same access key, secret key and token with the same source
(botocore's ``method``), or both find nothing, or both fail.

Nothing leaves the machine: the metadata service, the container endpoint, STS and the
SSO portal and SSO OIDC are local stand-ins (``_aws_standins``) that every case points
at: STS through ``AWS_ENDPOINT_URL_STS``, the portal through ``AWS_ENDPOINT_URL_SSO``, OIDC
through ``AWS_ENDPOINT_URL_SSO_OIDC``.

``credential_matrix.md`` (next to this file) lists every case with both outcomes;
``CREDENTIAL_MATRIX_UPDATE=1`` rewrites it, otherwise the test checks it is current.
"""

from __future__ import annotations

import datetime
import hashlib
import json
import os
import sys
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from _aws_standins import Standins, running_standins
from _credential_runner import run_in_subprocess

RUNNER = Path(__file__).with_name("_credential_runner.py")
MATRIX = Path(__file__).with_name("credential_matrix.md")

STATIC = "aws_access_key_id = {key}\naws_secret_access_key = {key}-secret\n"


def static(key: str, token: str | None = None) -> str:
    text = STATIC.format(key=key)
    return text + (f"aws_session_token = {token}\n" if token else "")


def process_script(body: dict[str, Any] | str, exit_code: int = 0) -> str:
    text = body if isinstance(body, str) else json.dumps(body)
    return (
        "import sys\n"
        f"sys.stdout.write({text!r})\n"
        f"sys.stderr.write('process says no')\n"
        f"sys.exit({exit_code})\n"
    )


def sso_cache(
    key: str,
    expires: str = "2099-01-01T00:00:00Z",
    token: str = "SSOACCESSTOKEN",
    refresh: str | None = None,
    registration: str = "2099-01-01T00:00:00Z",
) -> dict[str, str]:
    """The ``aws sso login`` cache file for ``key`` (session name or start URL); with
    ``refresh``, the OIDC registration and refresh token that renew it."""
    name = hashlib.sha1(key.encode()).hexdigest()
    body = {"accessToken": token, "expiresAt": expires, "region": "us-east-1"}
    if refresh is not None:
        body |= {
            "refreshToken": refresh,
            "clientId": "client-id",
            "clientSecret": "client-secret",
            "registrationExpiresAt": registration,
            "startUrl": "https://corp.awsapps.com/start",
        }
    return {f".aws/sso/cache/{name}.json": json.dumps(body)}


def _from_now(minutes: int) -> str:
    moment = datetime.datetime.now(datetime.UTC) + datetime.timedelta(minutes=minutes)
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


SSO_SESSION = (
    "[profile dev]\nsso_session = corp\nsso_account_id = 111122223333\n"
    "sso_role_name = Admin\n[sso-session corp]\nsso_region = us-east-1\n"
    "sso_start_url = https://corp.awsapps.com/start\n"
)
SSO_LEGACY = (
    "[profile dev]\nsso_start_url = https://corp.awsapps.com/start\n"
    "sso_region = us-east-1\nsso_account_id = 111122223333\nsso_role_name = Admin\n"
)


@dataclass(frozen=True)
class Case:
    provider: str
    name: str
    expect: str
    """What botocore gives: a source name, ``none`` or ``error`` (checked, so that a case
    tests what it says)."""
    env: dict[str, str] = field(default_factory=dict)
    files: dict[str, str] = field(default_factory=dict)
    profile: str | None = None

    @property
    def id(self) -> str:
        return f"{self.provider}: {self.name}"


PROC = "{python} {home}/bin/proc.py"
PROC_STATIC = {"Version": 1, "AccessKeyId": "PROCKEY", "SecretAccessKey": "proc-secret"}
WEB_ENV = {
    "AWS_WEB_IDENTITY_TOKEN_FILE": "{home}/token.jwt",
    "AWS_ROLE_ARN": "arn:aws:iam::123456789012:role/web",
}
TOKEN = {"token.jwt": "eyJ.web-identity-token.sig"}

CASES: list[Case] = [
    # -- environment ---------------------------------------------------------------------
    Case("env", "keys", "env", {"AWS_ACCESS_KEY_ID": "ENVKEY", "AWS_SECRET_ACCESS_KEY": "s"}),
    Case(
        "env",
        "keys and session token",
        "env",
        {"AWS_ACCESS_KEY_ID": "ENVKEY", "AWS_SECRET_ACCESS_KEY": "s", "AWS_SESSION_TOKEN": "t"},
    ),
    Case(
        "env",
        "AWS_SECURITY_TOKEN before AWS_SESSION_TOKEN",
        "env",
        {
            "AWS_ACCESS_KEY_ID": "ENVKEY",
            "AWS_SECRET_ACCESS_KEY": "s",
            "AWS_SESSION_TOKEN": "session",
            "AWS_SECURITY_TOKEN": "security",
        },
    ),
    Case("env", "access key without secret", "error", {"AWS_ACCESS_KEY_ID": "ENVKEY"}),
    Case("env", "secret without access key", "none", {"AWS_SECRET_ACCESS_KEY": "s"}),
    Case(
        "env",
        "with AWS_CREDENTIAL_EXPIRATION",
        "env",
        {
            "AWS_ACCESS_KEY_ID": "ENVKEY",
            "AWS_SECRET_ACCESS_KEY": "s",
            "AWS_SESSION_TOKEN": "t",
            "AWS_CREDENTIAL_EXPIRATION": "2099-01-01T00:00:00Z",
        },
    ),
    Case(
        "env",
        "beats the shared credentials file",
        "env",
        {"AWS_ACCESS_KEY_ID": "ENVKEY", "AWS_SECRET_ACCESS_KEY": "s"},
        {".aws/credentials": "[default]\n" + static("FILEKEY")},
    ),
    Case(
        "env",
        "beats AWS_PROFILE's keys (profile not explicit)",
        "env",
        {"AWS_ACCESS_KEY_ID": "ENVKEY", "AWS_SECRET_ACCESS_KEY": "s", "AWS_PROFILE": "dev"},
        {".aws/credentials": "[dev]\n" + static("DEVKEY")},
    ),
    Case(
        "env",
        "skipped for an explicit profile",
        "shared-credentials-file",
        {"AWS_ACCESS_KEY_ID": "ENVKEY", "AWS_SECRET_ACCESS_KEY": "s"},
        {".aws/credentials": "[dev]\n" + static("DEVKEY")},
        profile="dev",
    ),
    # -- shared credentials file -----------------------------------------------------------
    Case(
        "shared-credentials-file",
        "default profile",
        "shared-credentials-file",
        files={".aws/credentials": "[default]\n" + static("DEFKEY")},
    ),
    Case(
        "shared-credentials-file",
        "AWS_PROFILE",
        "shared-credentials-file",
        {"AWS_PROFILE": "dev"},
        {".aws/credentials": "[default]\n" + static("DEFKEY") + "[dev]\n" + static("DEVKEY")},
    ),
    Case(
        "shared-credentials-file",
        "AWS_DEFAULT_PROFILE before AWS_PROFILE",
        "shared-credentials-file",
        {"AWS_PROFILE": "dev", "AWS_DEFAULT_PROFILE": "ops"},
        {".aws/credentials": "[dev]\n" + static("DEVKEY") + "[ops]\n" + static("OPSKEY")},
    ),
    Case(
        "shared-credentials-file",
        "AWS_SHARED_CREDENTIALS_FILE",
        "shared-credentials-file",
        {"AWS_SHARED_CREDENTIALS_FILE": "{home}/elsewhere/creds"},
        {
            "elsewhere/creds": "[default]\n" + static("ELSEKEY"),
            ".aws/credentials": "[default]\n" + static("HOMEKEY"),
        },
    ),
    Case(
        "shared-credentials-file",
        "session token",
        "shared-credentials-file",
        files={".aws/credentials": "[default]\n" + static("DEFKEY", "tok")},
    ),
    Case(
        "shared-credentials-file",
        "aws_security_token before aws_session_token",
        "shared-credentials-file",
        files={
            ".aws/credentials": "[default]\n"
            + static("DEFKEY", "session")
            + "aws_security_token = security\n"
        },
    ),
    Case(
        "shared-credentials-file",
        "beats the config file",
        "shared-credentials-file",
        files={
            ".aws/credentials": "[default]\n" + static("CREDKEY"),
            ".aws/config": "[default]\n" + static("CONFKEY"),
        },
    ),
    Case(
        "shared-credentials-file",
        "access key without secret",
        "error",
        files={".aws/credentials": "[default]\naws_access_key_id = ONLY\n"},
    ),
    Case(
        "shared-credentials-file",
        "[profile dev] there does not name dev",
        "error",
        {"AWS_PROFILE": "dev"},
        {".aws/credentials": "[profile dev]\n" + static("DEVKEY")},
    ),
    Case(
        "shared-credentials-file",
        "missing profile named by AWS_PROFILE",
        "error",
        {"AWS_PROFILE": "nope"},
        {".aws/credentials": "[default]\n" + static("DEFKEY")},
    ),
    Case(
        "shared-credentials-file",
        "missing profile named explicitly",
        "error",
        files={".aws/credentials": "[default]\n" + static("DEFKEY")},
        profile="nope",
    ),
    Case(
        "shared-credentials-file",
        "values with spaces and comments",
        "shared-credentials-file",
        files={
            ".aws/credentials": "# comment\n[default]\naws_access_key_id =   SPACEKEY  \n"
            "; another\naws_secret_access_key=sec ret\n"
        },
    ),
    # -- config file -------------------------------------------------------------------
    Case(
        "config-file",
        "default section",
        "config-file",
        files={".aws/config": "[default]\nregion = us-east-1\n" + static("CONFKEY")},
    ),
    Case(
        "config-file",
        "[profile ops]",
        "config-file",
        {"AWS_PROFILE": "ops"},
        {".aws/config": "[profile ops]\n" + static("OPSKEY")},
    ),
    Case(
        "config-file",
        "[profile default]",
        "config-file",
        files={".aws/config": "[profile default]\n" + static("PDEFKEY")},
    ),
    Case(
        "config-file",
        "[ops] without 'profile' is not a profile",
        "error",
        {"AWS_PROFILE": "ops"},
        {".aws/config": "[ops]\n" + static("OPSKEY")},
    ),
    Case(
        "config-file",
        "AWS_CONFIG_FILE",
        "config-file",
        {"AWS_CONFIG_FILE": "{home}/cfg"},
        {"cfg": "[default]\n" + static("CFGKEY"), ".aws/config": "[default]\n" + static("NO")},
    ),
    Case(
        "config-file",
        "nested services section is read past",
        "config-file",
        files={
            ".aws/config": "[default]\n"
            + static("CONFKEY")
            + "s3 =\n  addressing_style = path\n[services local]\nsts =\n  endpoint_url = x\n"
        },
    ),
    # -- malformed files -----------------------------------------------------------------
    Case(
        "malformed",
        "credentials file without a section header",
        "error",
        files={".aws/credentials": "aws_access_key_id = X\n"},
    ),
    Case(
        "malformed",
        "config file with a duplicate section",
        "error",
        files={".aws/config": "[default]\nregion = a\n[default]\nregion = b\n"},
    ),
    Case(
        "malformed",
        "config file with a nested line without '='",
        "error",
        files={".aws/config": "[default]\ns3 =\n  nonsense\n"},
    ),
    Case(
        "malformed",
        "credentials file with a duplicate key",
        "error",
        files={".aws/credentials": "[default]\n" + static("A") + "aws_access_key_id = B\n"},
    ),
    Case(
        "malformed",
        "empty files",
        "none",
        files={".aws/credentials": "", ".aws/config": ""},
    ),
    # -- credential_process --------------------------------------------------------------
    Case(
        "custom-process",
        "static keys",
        "custom-process",
        files={".aws/config": f"[default]\ncredential_process = {PROC}\n"},
    ),
    Case(
        "custom-process",
        "with session token and expiration",
        "custom-process",
        files={".aws/config": f"[default]\ncredential_process = {PROC}\n"},
    ),
    Case(
        "custom-process",
        "exit status 1",
        "error",
        files={".aws/config": f"[default]\ncredential_process = {PROC}\n"},
    ),
    Case(
        "custom-process",
        "Version 2",
        "error",
        files={".aws/config": f"[default]\ncredential_process = {PROC}\n"},
    ),
    Case(
        "custom-process",
        "no SecretAccessKey",
        "error",
        files={".aws/config": f"[default]\ncredential_process = {PROC}\n"},
    ),
    Case(
        "custom-process",
        "shared credentials file comes first",
        "shared-credentials-file",
        files={
            ".aws/config": f"[default]\ncredential_process = {PROC}\n",
            ".aws/credentials": "[default]\n" + static("CREDKEY"),
        },
    ),
    Case(
        "custom-process",
        "comes before the config file's keys",
        "custom-process",
        files={".aws/config": f"[default]\ncredential_process = {PROC}\n" + static("CONFKEY")},
    ),
    Case(
        "custom-process",
        "set in the credentials file",
        "custom-process",
        files={".aws/credentials": f"[default]\ncredential_process = {PROC}\n"},
    ),
    # -- assume role ---------------------------------------------------------------------
    Case(
        "assume-role",
        "source_profile with static keys",
        "assume-role",
        {"AWS_PROFILE": "role"},
        {
            ".aws/config": "[profile role]\nrole_arn = arn:aws:iam::123456789012:role/r\n"
            "source_profile = base\n",
            ".aws/credentials": "[base]\n" + static("BASEKEY"),
        },
    ),
    Case(
        "assume-role",
        "role chain: role -> middle (role) -> base (keys)",
        "assume-role",
        {"AWS_PROFILE": "role"},
        {
            ".aws/config": "[profile role]\nrole_arn = arn:aws:iam::123456789012:role/top\n"
            "source_profile = middle\n"
            "[profile middle]\nrole_arn = arn:aws:iam::123456789012:role/mid\n"
            "source_profile = base\n",
            ".aws/credentials": "[base]\n" + static("BASEKEY"),
        },
    ),
    Case(
        "assume-role",
        "session name, external id, duration",
        "assume-role",
        {"AWS_PROFILE": "role"},
        {
            ".aws/config": "[profile role]\nrole_arn = arn:aws:iam::123456789012:role/r\n"
            "source_profile = base\nrole_session_name = mysession\nexternal_id = ext-1\n"
            "duration_seconds = 1800\n",
            ".aws/credentials": "[base]\n" + static("BASEKEY"),
        },
    ),
    Case(
        "assume-role",
        "credential_source = Environment",
        "assume-role",
        {"AWS_ACCESS_KEY_ID": "ENVKEY", "AWS_SECRET_ACCESS_KEY": "s"},
        {
            ".aws/config": "[profile role]\nrole_arn = arn:aws:iam::123456789012:role/r\n"
            "credential_source = Environment\n"
        },
        profile="role",
    ),
    Case(
        "assume-role",
        "credential_source = Ec2InstanceMetadata",
        "assume-role",
        {"AWS_PROFILE": "role", "AWS_EC2_METADATA_SERVICE_ENDPOINT": "{imds}/v2/"},
        {
            ".aws/config": "[profile role]\nrole_arn = arn:aws:iam::123456789012:role/r\n"
            "credential_source = Ec2InstanceMetadata\n"
        },
    ),
    Case(
        "assume-role",
        "credential_source = EcsContainer",
        "assume-role",
        {"AWS_PROFILE": "role", "AWS_CONTAINER_CREDENTIALS_FULL_URI": "{container}/creds/ecs"},
        {
            ".aws/config": "[profile role]\nrole_arn = arn:aws:iam::123456789012:role/r\n"
            "credential_source = EcsContainer\n"
        },
    ),
    Case(
        "assume-role",
        "credential_source = Environment without keys",
        "error",
        {"AWS_PROFILE": "role"},
        {
            ".aws/config": "[profile role]\nrole_arn = arn:aws:iam::123456789012:role/r\n"
            "credential_source = Environment\n"
        },
    ),
    Case(
        "assume-role",
        "credential_source = SharedConfig is not valid",
        "error",
        {"AWS_PROFILE": "role"},
        {
            ".aws/config": "[profile role]\nrole_arn = arn:aws:iam::123456789012:role/r\n"
            "credential_source = SharedConfig\n"
        },
    ),
    Case(
        "assume-role",
        "both source_profile and credential_source",
        "error",
        {"AWS_PROFILE": "role"},
        {
            ".aws/config": "[profile role]\nrole_arn = arn:aws:iam::123456789012:role/r\n"
            "credential_source = Environment\nsource_profile = base\n",
            ".aws/credentials": "[base]\n" + static("BASEKEY"),
        },
    ),
    Case(
        "assume-role",
        "neither source_profile nor credential_source",
        "error",
        {"AWS_PROFILE": "role"},
        {".aws/config": "[profile role]\nrole_arn = arn:aws:iam::123456789012:role/r\n"},
    ),
    Case(
        "assume-role",
        "source_profile does not exist",
        "error",
        {"AWS_PROFILE": "role"},
        {
            ".aws/config": "[profile role]\nrole_arn = arn:aws:iam::123456789012:role/r\n"
            "source_profile = ghost\n"
        },
    ),
    Case(
        "assume-role",
        "loop role -> other -> role",
        "error",
        {"AWS_PROFILE": "role"},
        {
            ".aws/config": "[profile role]\nrole_arn = arn:aws:iam::123456789012:role/a\n"
            "source_profile = other\n"
            "[profile other]\nrole_arn = arn:aws:iam::123456789012:role/b\n"
            "source_profile = role\n"
        },
    ),
    Case(
        "assume-role",
        "source_profile = itself, with keys",
        "assume-role",
        {"AWS_PROFILE": "role"},
        {
            ".aws/config": "[profile role]\nrole_arn = arn:aws:iam::123456789012:role/r\n"
            "source_profile = role\n" + static("SELFKEY")
        },
    ),
    Case(
        "assume-role",
        "source profile without credentials",
        "error",
        {"AWS_PROFILE": "role"},
        {
            ".aws/config": "[profile role]\nrole_arn = arn:aws:iam::123456789012:role/r\n"
            "source_profile = base\n[profile base]\nregion = us-east-1\n"
        },
    ),
    Case(
        "assume-role",
        "source profile with credential_process",
        "assume-role",
        {"AWS_PROFILE": "role"},
        {
            ".aws/config": "[profile role]\nrole_arn = arn:aws:iam::123456789012:role/r\n"
            f"source_profile = base\n[profile base]\ncredential_process = {PROC}\n"
        },
    ),
    Case(
        "assume-role",
        "role_arn in the credentials file",
        "assume-role",
        {"AWS_PROFILE": "role"},
        {
            ".aws/credentials": "[role]\nrole_arn = arn:aws:iam::123456789012:role/r\n"
            "source_profile = base\n[base]\n" + static("BASEKEY")
        },
    ),
    Case(
        "assume-role",
        "comes before the profile's own keys",
        "assume-role",
        {"AWS_PROFILE": "role"},
        {
            ".aws/credentials": "[role]\nrole_arn = arn:aws:iam::123456789012:role/r\n"
            "source_profile = base\n" + static("ROLEKEY") + "[base]\n" + static("BASEKEY")
        },
    ),
    Case(
        "assume-role",
        "environment keys come first",
        "env",
        {"AWS_PROFILE": "role", "AWS_ACCESS_KEY_ID": "ENVKEY", "AWS_SECRET_ACCESS_KEY": "s"},
        {
            ".aws/config": "[profile role]\nrole_arn = arn:aws:iam::123456789012:role/r\n"
            "source_profile = base\n",
            ".aws/credentials": "[base]\n" + static("BASEKEY"),
        },
    ),
    Case(
        "assume-role",
        "explicit profile, environment keys skipped",
        "assume-role",
        {"AWS_ACCESS_KEY_ID": "ENVKEY", "AWS_SECRET_ACCESS_KEY": "s"},
        {
            ".aws/config": "[profile role]\nrole_arn = arn:aws:iam::123456789012:role/r\n"
            "source_profile = base\n",
            ".aws/credentials": "[base]\n" + static("BASEKEY"),
        },
        profile="role",
    ),
    Case(
        "assume-role",
        "STS says AccessDenied",
        "error",
        {"AWS_PROFILE": "role"},
        {
            ".aws/config": "[profile role]\nrole_arn = arn:aws:iam::123456789012:role/denied\n"
            "source_profile = base\n",
            ".aws/credentials": "[base]\n" + static("BASEKEY"),
        },
    ),
    Case(
        "assume-role",
        "no region with a configured STS endpoint",
        "error",
        {"AWS_PROFILE": "role", "AWS_DEFAULT_REGION": ""},
        {
            ".aws/config": "[profile role]\nrole_arn = arn:aws:iam::123456789012:role/r\n"
            "source_profile = base\n",
            ".aws/credentials": "[base]\n" + static("BASEKEY"),
        },
    ),
    # -- web identity ---------------------------------------------------------------------
    Case("assume-role-with-web-identity", "env", "assume-role-with-web-identity", WEB_ENV, TOKEN),
    Case(
        "assume-role-with-web-identity",
        "env with AWS_ROLE_SESSION_NAME",
        "assume-role-with-web-identity",
        {**WEB_ENV, "AWS_ROLE_SESSION_NAME": "pod-session"},
        TOKEN,
    ),
    Case(
        "assume-role-with-web-identity",
        "profile",
        "assume-role-with-web-identity",
        {"AWS_PROFILE": "web"},
        {
            **TOKEN,
            ".aws/config": "[profile web]\nrole_arn = arn:aws:iam::123456789012:role/w\n"
            "web_identity_token_file = {home}/token.jwt\n",
        },
    ),
    Case(
        "assume-role-with-web-identity",
        "token file without a role ARN",
        "error",
        {"AWS_WEB_IDENTITY_TOKEN_FILE": "{home}/token.jwt"},
        TOKEN,
    ),
    Case(
        "assume-role-with-web-identity",
        "explicit profile ignores the env variables",
        "shared-credentials-file",
        WEB_ENV,
        {**TOKEN, ".aws/credentials": "[dev]\n" + static("DEVKEY")},
        profile="dev",
    ),
    Case(
        "assume-role-with-web-identity",
        "comes after environment keys",
        "env",
        {**WEB_ENV, "AWS_ACCESS_KEY_ID": "ENVKEY", "AWS_SECRET_ACCESS_KEY": "s"},
        TOKEN,
    ),
    Case(
        "assume-role-with-web-identity",
        "comes before the shared credentials file",
        "assume-role-with-web-identity",
        WEB_ENV,
        {**TOKEN, ".aws/credentials": "[default]\n" + static("DEFKEY")},
    ),
    Case(
        "assume-role-with-web-identity",
        "token file missing",
        "error",
        {**WEB_ENV, "AWS_WEB_IDENTITY_TOKEN_FILE": "{home}/missing.jwt"},
    ),
    Case(
        "assume-role-with-web-identity",
        "source profile with web identity",
        "assume-role",
        {"AWS_PROFILE": "role"},
        {
            **TOKEN,
            ".aws/config": "[profile role]\nrole_arn = arn:aws:iam::123456789012:role/r\n"
            "source_profile = web\n"
            "[profile web]\nrole_arn = arn:aws:iam::123456789012:role/w\n"
            "web_identity_token_file = {home}/token.jwt\n",
        },
    ),
    # -- SSO -------------------------------------------------------------------------------
    Case(
        "sso",
        "sso_session profile",
        "sso",
        {"AWS_PROFILE": "dev"},
        {
            ".aws/config": "[profile dev]\nsso_session = corp\nsso_account_id = 111122223333\n"
            "sso_role_name = Admin\n[sso-session corp]\nsso_region = us-east-1\n"
            "sso_start_url = https://corp.awsapps.com/start\n",
            **sso_cache("corp"),
        },
    ),
    Case(
        "sso",
        "legacy profile",
        "sso",
        {"AWS_PROFILE": "dev"},
        {
            ".aws/config": "[profile dev]\nsso_start_url = https://corp.awsapps.com/start\n"
            "sso_region = us-east-1\nsso_account_id = 111122223333\nsso_role_name = Admin\n",
            **sso_cache("https://corp.awsapps.com/start"),
        },
    ),
    Case(
        "sso",
        "expired token in the cache",
        "error",
        {"AWS_PROFILE": "dev"},
        {
            ".aws/config": "[profile dev]\nsso_start_url = https://corp.awsapps.com/start\n"
            "sso_region = us-east-1\nsso_account_id = 111122223333\nsso_role_name = Admin\n",
            **sso_cache("https://corp.awsapps.com/start", "2001-01-01T00:00:00Z"),
        },
    ),
    Case(
        "sso",
        "no token in the cache",
        "error",
        {"AWS_PROFILE": "dev"},
        {
            ".aws/config": "[profile dev]\nsso_start_url = https://corp.awsapps.com/start\n"
            "sso_region = us-east-1\nsso_account_id = 111122223333\nsso_role_name = Admin\n"
        },
    ),
    Case(
        "sso",
        "sso_session section missing",
        "error",
        {"AWS_PROFILE": "dev"},
        {
            ".aws/config": "[profile dev]\nsso_session = corp\nsso_account_id = 111122223333\n"
            "sso_role_name = Admin\n"
        },
    ),
    Case(
        "sso",
        "legacy profile missing sso_role_name",
        "error",
        {"AWS_PROFILE": "dev"},
        {
            ".aws/config": "[profile dev]\nsso_start_url = https://corp.awsapps.com/start\n"
            "sso_region = us-east-1\nsso_account_id = 111122223333\n"
        },
    ),
    Case(
        "sso",
        "sso_session token near expiry renewed with its refresh token",
        "sso",
        {"AWS_PROFILE": "dev"},
        {
            ".aws/config": SSO_SESSION,
            **sso_cache("corp", _from_now(5), token="OLDTOKEN", refresh="REFRESHME"),
        },
    ),
    Case(
        "sso",
        "sso_session token expired, renewed",
        "sso",
        {"AWS_PROFILE": "dev"},
        {
            ".aws/config": SSO_SESSION,
            **sso_cache("corp", _from_now(-60), token="OLDTOKEN", refresh="REFRESHME"),
        },
    ),
    Case(
        "sso",
        "sso_session renewal refused, the old token is used (and rejected)",
        "error",
        {"AWS_PROFILE": "dev"},
        {
            ".aws/config": SSO_SESSION,
            **sso_cache("corp", _from_now(5), token="OLDTOKEN", refresh="WRONG"),
        },
    ),
    Case(
        "sso",
        "sso_session registration expired: no renewal",
        "error",
        {"AWS_PROFILE": "dev"},
        {
            ".aws/config": SSO_SESSION,
            **sso_cache(
                "corp",
                _from_now(5),
                token="OLDTOKEN",
                refresh="REFRESHME",
                registration=_from_now(-1),
            ),
        },
    ),
    Case(
        "sso",
        "legacy profile token is never renewed",
        "error",
        {"AWS_PROFILE": "dev"},
        {
            ".aws/config": SSO_LEGACY,
            **sso_cache(
                "https://corp.awsapps.com/start",
                _from_now(5),
                token="OLDTOKEN",
                refresh="REFRESHME",
            ),
        },
    ),
    # -- container -------------------------------------------------------------------------
    Case(
        "container-role",
        "FULL_URI on 127.0.0.1",
        "container-role",
        {"AWS_CONTAINER_CREDENTIALS_FULL_URI": "{container}/creds/plain"},
    ),
    Case(
        "container-role",
        "FULL_URI with AWS_CONTAINER_AUTHORIZATION_TOKEN",
        "container-role",
        {
            "AWS_CONTAINER_CREDENTIALS_FULL_URI": "{container}/auth/Bearer-abc/tok",
            "AWS_CONTAINER_AUTHORIZATION_TOKEN": "Bearer-abc",
        },
    ),
    Case(
        "container-role",
        "FULL_URI with AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE (EKS Pod Identity)",
        "container-role",
        {
            "AWS_CONTAINER_CREDENTIALS_FULL_URI": "{container}/auth/Bearer-file/eks",
            "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE": "{home}/eks-token",
            "AWS_CONTAINER_AUTHORIZATION_TOKEN": "Bearer-ignored",
        },
        {"eks-token": "Bearer-file"},
    ),
    Case(
        "container-role",
        "FULL_URI on a host that is not allowed",
        "error",
        {"AWS_CONTAINER_CREDENTIALS_FULL_URI": "http://192.0.2.10/creds"},
    ),
    Case(
        "container-role",
        "endpoint answers 500",
        "error",
        {"AWS_CONTAINER_CREDENTIALS_FULL_URI": "{container}/fail"},
    ),
    Case(
        "container-role",
        "token with a newline",
        "error",
        {
            "AWS_CONTAINER_CREDENTIALS_FULL_URI": "{container}/creds/plain",
            "AWS_CONTAINER_AUTHORIZATION_TOKEN": "Bearer\nx",
        },
    ),
    Case(
        "container-role",
        "shared credentials file comes first",
        "shared-credentials-file",
        {"AWS_CONTAINER_CREDENTIALS_FULL_URI": "{container}/creds/plain"},
        {".aws/credentials": "[default]\n" + static("DEFKEY")},
    ),
    # -- instance metadata -------------------------------------------------------------------
    Case(
        "iam-role",
        "IMDSv2",
        "iam-role",
        {"AWS_EC2_METADATA_SERVICE_ENDPOINT": "{imds}/v2/"},
    ),
    Case(
        "iam-role",
        "IMDSv1 fallback (token refused)",
        "iam-role",
        {"AWS_EC2_METADATA_SERVICE_ENDPOINT": "{imds}/v1/"},
    ),
    Case(
        "iam-role",
        "endpoint in the config file",
        "iam-role",
        {"AWS_EC2_METADATA_SERVICE_ENDPOINT": ""},
        {".aws/config": "[default]\nec2_metadata_service_endpoint = {imds}/v2/\n"},
    ),
    Case(
        "iam-role",
        "AWS_EC2_METADATA_DISABLED",
        "none",
        {"AWS_EC2_METADATA_SERVICE_ENDPOINT": "{imds}/v2/", "AWS_EC2_METADATA_DISABLED": "true"},
    ),
    Case("iam-role", "no role on the instance", "none"),
    Case(
        "iam-role",
        "v1 disabled and no token",
        "error",
        {
            "AWS_EC2_METADATA_SERVICE_ENDPOINT": "{imds}/v1/",
            "AWS_EC2_METADATA_V1_DISABLED": "true",
        },
    ),
    Case(
        "iam-role",
        "container comes first",
        "container-role",
        {
            "AWS_EC2_METADATA_SERVICE_ENDPOINT": "{imds}/v2/",
            "AWS_CONTAINER_CREDENTIALS_FULL_URI": "{container}/creds/plain",
        },
    ),
    Case(
        "iam-role",
        "config file keys come first",
        "config-file",
        {"AWS_EC2_METADATA_SERVICE_ENDPOINT": "{imds}/v2/"},
        {".aws/config": "[default]\n" + static("CONFKEY")},
    ),
]

# Where the chain's own calls go: botocore's configured-endpoint order (service variable,
# AWS_ENDPOINT_URL, the profile's services section, its endpoint_url). "" unsets the
# stand-in variable the case would otherwise get.
ROLE = (
    "role_arn = arn:aws:iam::123456789012:role/r\nsource_profile = base\n"
    "[profile base]\n" + static("BASEKEY")
)
NOWHERE = "http://127.0.0.1:9"  # nothing listens: a call sent here fails
CASES += [
    Case(
        "endpoints",
        "STS from the profile's services section",
        "assume-role",
        {"AWS_PROFILE": "role", "AWS_ENDPOINT_URL_STS": ""},
        {
            ".aws/config": "[profile role]\nservices = local\n"
            + ROLE
            + "[services local]\nsts =\n  endpoint_url = {sts}\n"
        },
    ),
    Case(
        "endpoints",
        "STS: AWS_ENDPOINT_URL beats the services section",
        "assume-role",
        {"AWS_PROFILE": "role", "AWS_ENDPOINT_URL_STS": "", "AWS_ENDPOINT_URL": "{sts}"},
        {
            ".aws/config": "[profile role]\nservices = local\n"
            + ROLE
            + f"[services local]\nsts =\n  endpoint_url = {NOWHERE}\n"
        },
    ),
    Case(
        "endpoints",
        "STS: the services section beats the profile's endpoint_url",
        "assume-role",
        {"AWS_PROFILE": "role", "AWS_ENDPOINT_URL_STS": ""},
        {
            ".aws/config": f"[profile role]\nservices = local\nendpoint_url = {NOWHERE}\n"
            + ROLE
            + "[services local]\nsts =\n  endpoint_url = {sts}\n"
        },
    ),
    Case(
        "endpoints",
        "SSO portal from the profile's services section",
        "sso",
        {"AWS_PROFILE": "dev", "AWS_ENDPOINT_URL_SSO": ""},
        {
            ".aws/config": SSO_LEGACY.replace("[profile dev]\n", "[profile dev]\nservices = s\n")
            + "[services s]\nsso =\n  endpoint_url = {sso}\n",
            **sso_cache("https://corp.awsapps.com/start"),
        },
    ),
    Case(
        "endpoints",
        "SSO OIDC renewal at the profile's endpoint_url",
        "sso",
        {"AWS_PROFILE": "dev", "AWS_ENDPOINT_URL_SSO_OIDC": ""},
        {
            ".aws/config": SSO_SESSION.replace(
                "[profile dev]\n", "[profile dev]\nendpoint_url = {oidc}\n"
            ),
            **sso_cache("corp", _from_now(5), token="OLDTOKEN", refresh="REFRESHME"),
        },
    ),
]

CASES += [
    # -- more edges ------------------------------------------------------------------------
    Case(
        "env",
        "keys with AWS_PROFILE naming a missing profile",
        "error",
        {"AWS_ACCESS_KEY_ID": "ENVKEY", "AWS_SECRET_ACCESS_KEY": "s", "AWS_PROFILE": "ghost"},
    ),
    Case(
        "env",
        "empty access key",
        "shared-credentials-file",
        {"AWS_ACCESS_KEY_ID": "", "AWS_SECRET_ACCESS_KEY": "s"},
        {".aws/credentials": "[default]\n" + static("DEFKEY")},
    ),
    Case(
        "config-file",
        "AWS_CONFIG_FILE with ~",
        "config-file",
        {"AWS_CONFIG_FILE": "~/custom/config"},
        {"custom/config": "[default]\n" + static("TILDEKEY")},
    ),
    Case(
        "config-file",
        "quoted profile name with a space",
        "config-file",
        {"AWS_PROFILE": "my team"},
        {".aws/config": '[profile "my team"]\n' + static("TEAMKEY")},
    ),
    Case(
        "config-file",
        "extra spaces in the section name",
        "config-file",
        {"AWS_PROFILE": "dev"},
        {".aws/config": "[profile    dev]\n" + static("SPACEDKEY")},
    ),
    Case(
        "custom-process",
        "quoted arguments",
        "custom-process",
        files={
            ".aws/config": "[default]\ncredential_process = {python} '{home}/bin/proc.py' "
            '"an argument"\n'
        },
    ),
    Case(
        "assume-role-with-web-identity",
        "AWS_ROLE_ARN without a token file",
        "shared-credentials-file",
        {"AWS_ROLE_ARN": "arn:aws:iam::123456789012:role/web"},
        {".aws/credentials": "[default]\n" + static("DEFKEY")},
    ),
    Case(
        "assume-role",
        "source profile with SSO",
        "assume-role",
        {"AWS_PROFILE": "role"},
        {
            ".aws/config": "[profile role]\nrole_arn = arn:aws:iam::123456789012:role/r\n"
            "source_profile = dev\n"
            "[profile dev]\nsso_session = corp\nsso_account_id = 111122223333\n"
            "sso_role_name = Admin\n[sso-session corp]\nsso_region = us-east-1\n"
            "sso_start_url = https://corp.awsapps.com/start\n",
            **sso_cache("corp"),
        },
    ),
    Case(
        "assume-role",
        "mfa_serial (no one to ask for the code)",
        "error",
        {"AWS_PROFILE": "role"},
        {
            ".aws/config": "[profile role]\nrole_arn = arn:aws:iam::123456789012:role/r\n"
            "source_profile = base\nmfa_serial = arn:aws:iam::123456789012:mfa/me\n",
            ".aws/credentials": "[base]\n" + static("BASEKEY"),
        },
    ),
    Case(
        "sso",
        "token cache with fractional seconds",
        "sso",
        {"AWS_PROFILE": "dev"},
        {
            ".aws/config": "[profile dev]\nsso_start_url = https://corp.awsapps.com/start\n"
            "sso_region = us-east-1\nsso_account_id = 111122223333\nsso_role_name = Admin\n",
            **sso_cache("https://corp.awsapps.com/start", "2099-01-01T00:00:00.123Z"),
        },
    ),
    Case(
        "sso",
        "token cache with a UTC suffix",
        "sso",
        {"AWS_PROFILE": "dev"},
        {
            ".aws/config": "[profile dev]\nsso_start_url = https://corp.awsapps.com/start\n"
            "sso_region = us-east-1\nsso_account_id = 111122223333\nsso_role_name = Admin\n",
            **sso_cache("https://corp.awsapps.com/start", "2099-01-01T00:00:00UTC"),
        },
    ),
    Case(
        "iam-role",
        "attempts and timeout in the config file",
        "iam-role",
        {"AWS_EC2_METADATA_SERVICE_ENDPOINT": "{imds}/v2/"},
        {
            ".aws/config": "[default]\nmetadata_service_num_attempts = 2\n"
            "metadata_service_timeout = 2\n"
        },
    ),
    Case(
        "iam-role",
        "invalid endpoint, environment keys present",
        "error",
        {
            "AWS_EC2_METADATA_SERVICE_ENDPOINT": "not a url",
            "AWS_ACCESS_KEY_ID": "ENVKEY",
            "AWS_SECRET_ACCESS_KEY": "s",
        },
    ),
]

PROCESS_OUTPUT: dict[str, tuple[dict[str, Any] | str, int]] = {
    "with session token and expiration": (
        {**PROC_STATIC, "SessionToken": "proc-token", "Expiration": "2099-01-01T00:00:00Z"},
        0,
    ),
    "exit status 1": ("", 1),
    "Version 2": ({**PROC_STATIC, "Version": 2}, 0),
    "no SecretAccessKey": ({"Version": 1, "AccessKeyId": "PROCKEY"}, 0),
}


def _fill(text: str, home: Path, standins: Standins) -> str:
    return (
        text.replace("{home}", str(home))
        .replace("{python}", sys.executable)
        .replace("{imds}", standins.imds)
        .replace("{container}", standins.container)
        .replace("{sts}", standins.sts)
        .replace("{sso}", standins.sso)
        .replace("{oidc}", standins.oidc)
    )


def prepare(case: Case, root: Path, standins: Standins) -> tuple[Path, dict[str, str]]:
    """The case's HOME (files written) and its whole environment."""
    home = root / hashlib.sha1(case.id.encode()).hexdigest()[:12]
    home.mkdir(parents=True)
    files = dict(case.files)
    if "bin/proc.py" in "".join(files.values()):
        output, code = PROCESS_OUTPUT.get(case.name, (PROC_STATIC, 0))
        files["bin/proc.py"] = process_script(output, code)
    for name, text in files.items():
        path = home / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(_fill(text, home, standins), encoding="utf-8")
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(home),
        "AWS_DEFAULT_REGION": "us-west-2",
        "AWS_EC2_METADATA_SERVICE_ENDPOINT": standins.imds + "/none/",
        "AWS_ENDPOINT_URL_STS": standins.sts,
        "AWS_ENDPOINT_URL_SSO": standins.sso,
        "AWS_ENDPOINT_URL_SSO_OIDC": standins.oidc,
    }
    for name, value in case.env.items():
        env[name] = _fill(value, home, standins)
    return home, {name: value for name, value in env.items() if value != ""}


def run_chain(implementation: str, case: Case, home: Path, env: dict[str, str]) -> dict[str, Any]:
    return run_in_subprocess(implementation, case.profile, env, home)


def agree(botocore: dict[str, Any], ours: dict[str, Any]) -> bool:
    if botocore["outcome"] != ours["outcome"]:
        return False
    if botocore["outcome"] != "ok":
        return True
    keys = ("access_key", "secret_key", "token", "source")
    return all(botocore[key] == ours[key] for key in keys)


def describe(result: dict[str, Any]) -> str:
    if result["outcome"] == "ok":
        return f"{result['source']} ({result['access_key']})"
    if result["outcome"] == "error":
        return f"error: {result['error']}"
    return str(result["outcome"])


@dataclass
class Row:
    case: Case
    botocore: dict[str, Any]
    ours: dict[str, Any]

    @property
    def agrees(self) -> bool:
        return agree(self.botocore, self.ours)


@pytest.fixture(scope="module")
def rows(tmp_path_factory: pytest.TempPathFactory) -> Iterator[list[Row]]:
    root = tmp_path_factory.mktemp("homes")
    with running_standins() as standins:

        def run(case: Case) -> Row:
            home, env = prepare(case, root, standins)
            return Row(
                case, run_chain("botocore", case, home, env), run_chain("ours", case, home, env)
            )

        with ThreadPoolExecutor(max_workers=4) as pool:
            yield list(pool.map(run, CASES))


def test_case_ids_are_unique() -> None:
    ids = [case.id for case in CASES]
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize("index", range(len(CASES)), ids=[case.id for case in CASES])
def test_botocore_gives_what_the_case_says(rows: list[Row], index: int) -> None:
    row = rows[index]
    got = row.botocore["outcome"]
    if got == "ok":
        got = row.botocore["source"]
    assert got == row.case.expect, row.botocore


@pytest.mark.parametrize("index", range(len(CASES)), ids=[case.id for case in CASES])
def test_our_chain_agrees_with_botocore(rows: list[Row], index: int) -> None:
    row = rows[index]
    assert row.agrees, f"botocore: {row.botocore}\nours: {row.ours}"


def render_matrix(rows: list[Row]) -> str:
    providers: dict[str, list[Row]] = {}
    for row in rows:
        providers.setdefault(row.case.provider, []).append(row)
    agreeing = sum(row.agrees for row in rows)
    lines = [
        "# Credential chain: the runtime against botocore",
        "",
        (
            "Written by `tests/runtime/test_credential_chain_differential.py` "
            "(`CREDENTIAL_MATRIX_UPDATE=1` rewrites it). Each case runs botocore's default "
            "chain and the runtime's in their own subprocess, with their own `HOME` and a "
            "clean environment; metadata service, container endpoint, STS and the SSO portal "
            "are local stand-ins. Agree: same access key, secret key, token and source, or "
            "both find nothing, or both fail."
        ),
        "",
        f"**{agreeing} of {len(rows)} cases agree.**",
        "",
        "| provider | cases | agree |",
        "|---|---|---|",
    ]
    for provider, group in providers.items():
        lines.append(f"| {provider} | {len(group)} | {sum(row.agrees for row in group)} |")
    lines += ["", "| provider | case | botocore | ours | agree |", "|---|---|---|---|---|"]
    for row in rows:
        cells = [
            row.case.provider,
            row.case.name.replace("|", "\\|"),
            describe(row.botocore),
            describe(row.ours),
            "yes" if row.agrees else "**no**",
        ]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def test_matrix_file_lists_every_case(rows: list[Row]) -> None:
    text = render_matrix(rows)
    if os.environ.get("CREDENTIAL_MATRIX_UPDATE") == "1":
        MATRIX.write_text(text, encoding="utf-8")
    assert (
        MATRIX.read_text(encoding="utf-8") == text
    ), "credential_matrix.md is stale: rerun with CREDENTIAL_MATRIX_UPDATE=1"
