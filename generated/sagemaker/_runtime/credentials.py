"""botocore's default credential chain, standard library only.

Providers, in botocore's order (the first that finds credentials wins; a provider that is
configured but fails raises rather than falling through, as botocore's do):

===============================  ==========================================================
``source``                       where the credentials come from
===============================  ==========================================================
``env``                          ``AWS_ACCESS_KEY_ID``, ``AWS_SECRET_ACCESS_KEY``,
                                 ``AWS_SESSION_TOKEN`` (or ``AWS_SECURITY_TOKEN``),
                                 ``AWS_CREDENTIAL_EXPIRATION``; skipped when a profile is
                                 named explicitly
``assume-role``                  a profile's ``role_arn`` with ``source_profile`` (chains
                                 allowed) or ``credential_source`` (``Environment``,
                                 ``Ec2InstanceMetadata``, ``EcsContainer``): STS AssumeRole
``assume-role-with-web-identity`` ``AWS_WEB_IDENTITY_TOKEN_FILE`` + ``AWS_ROLE_ARN`` (and
                                 ``AWS_ROLE_SESSION_NAME``), or the profile's
                                 ``web_identity_token_file`` + ``role_arn``
``sso``                          a profile with ``sso_session`` or the legacy ``sso_*``
                                 keys: the token cache (``~/.aws/sso/cache``; an
                                 ``sso_session`` token is renewed through SSO OIDC when
                                 less than 15 minutes remain) and the portal's
                                 GetRoleCredentials
``shared-credentials-file``      ``AWS_SHARED_CREDENTIALS_FILE`` or ``~/.aws/credentials``
``custom-process``               the profile's ``credential_process``
``config-file``                  ``AWS_CONFIG_FILE`` or ``~/.aws/config``
``container-role``               ``AWS_CONTAINER_CREDENTIALS_RELATIVE_URI`` or ``_FULL_URI``
                                 (loopback, ECS and EKS Pod Identity addresses, or https)
                                 with ``AWS_CONTAINER_AUTHORIZATION_TOKEN`` or ``_FILE``
``iam-role``                     the EC2 instance metadata service (IMDSv2 token, falling
                                 back to v1 as botocore does; ``AWS_EC2_METADATA_DISABLED``,
                                 ``AWS_EC2_METADATA_SERVICE_ENDPOINT``, timeouts and attempts
                                 from ``AWS_METADATA_SERVICE_TIMEOUT``/``_NUM_ATTEMPTS``)
===============================  ==========================================================

The profile is the explicit one, else ``AWS_DEFAULT_PROFILE``, else ``AWS_PROFILE``, else
``default``. Temporary credentials are :class:`RefreshableCredentials`: refreshed when
fewer than 15 minutes remain (advisory: one thread refreshes, the others keep using the
current ones) and, when fewer than 10 minutes remain, every caller waits for the refresh
(mandatory). Not supported: MFA prompts (``mfa_serial``), the ``login`` provider, boto2's
``~/.boto`` and ``AWS_CREDENTIAL_FILE``.

Secrets (secret keys, session tokens, web identity and container tokens) never appear in
``repr`` or in error messages. Modules that cost import time (subprocess, json, XML,
http.client) are imported inside the providers that need them.

STS, the SSO portal and SSO OIDC are called where botocore's clients for them would go:
a configured endpoint (``AWS_ENDPOINT_URL_STS``, ..., as ``settings`` reads them), else
the service's host in the region's partition, FIPS or dual-stack when the environment or
profile asks for it; through the proxies and with the CA bundle those clients would use.

This module is the public face; the chain lives beside it, by concern:
``credentials_providers`` (the chain and each provider), ``credentials_refresh``
(snapshots, refresh, errors), ``credentials_config`` (the shared files),
``credentials_sts``, ``credentials_sso`` and ``credentials_metadata`` (container, IMDS).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import TYPE_CHECKING

from .credentials_config import _load_config
from .credentials_metadata import _InstanceMetadata
from .credentials_providers import _Chain
from .credentials_refresh import (
    ADVISORY_REFRESH_SECONDS,
    MANDATORY_REFRESH_SECONDS,
    CredentialRetrievalError,
    CredentialsConfigError,
    RefreshableCredentials,
    TemporaryCredentials,
)
from .errors import NoCredentialsError

if TYPE_CHECKING:
    from .auth import Credentials

__all__ = [
    "ADVISORY_REFRESH_SECONDS",
    "MANDATORY_REFRESH_SECONDS",
    "CredentialRetrievalError",
    "CredentialsConfigError",
    "RefreshableCredentials",
    "TemporaryCredentials",
    "load_credentials",
    "resolve_credentials",
]


def load_credentials(
    profile: str | None = None, environ: Mapping[str, str] | None = None
) -> Credentials | RefreshableCredentials:
    """Run the chain: an ``auth.Credentials`` or a :class:`RefreshableCredentials`.

    Raises ``NoCredentialsError`` (or a subclass) when no provider finds credentials or
    a configured one fails.
    """
    from .auth import Credentials

    env = os.environ if environ is None else environ
    name = (
        profile or env.get("AWS_DEFAULT_PROFILE") or env.get("AWS_PROFILE") or "default"
    )
    config = _load_config(env)
    if name != "default" and name not in config.profiles:
        raise CredentialsConfigError(f"the config profile ({name}) could not be found")
    # As botocore, an unusable metadata endpoint is an error before any provider runs.
    _InstanceMetadata(env, config.profiles.get(name, {}))
    found = _Chain(env, name, profile is not None, config).load()
    if found is None:
        raise NoCredentialsError(
            "no AWS credentials found: searched the environment (AWS_ACCESS_KEY_ID, "
            f"AWS_SECRET_ACCESS_KEY), roles, SSO, profile [{name}] of {config.credentials_path} "
            f"and {config.config_path}, container credentials and the instance metadata "
            "service"
        )
    loaded, source = found
    if isinstance(loaded, RefreshableCredentials):
        return loaded
    return Credentials(
        loaded.access_key, loaded.secret_key, loaded.token, source=source
    )


def resolve_credentials(profile: str | None = None) -> Credentials:
    """The credentials a client would sign with, found by botocore's default chain.

    Returns ``access_key``, ``secret_key``, ``token``, ``expiry`` (None for long-term keys)
    and ``source``, the provider's name as botocore gives it (``env``,
    ``shared-credentials-file``, ``config-file``, ``custom-process``, ``assume-role``,
    ``assume-role-with-web-identity``, ``sso``, ``container-role``, ``iam-role``). The
    profile is ``profile``, else ``AWS_DEFAULT_PROFILE``/``AWS_PROFILE``, else ``default``.
    The secret and the token never appear in ``repr``. Raises ``NoCredentialsError`` when
    nothing is found or a configured source fails.
    """
    return load_credentials(profile).frozen()
