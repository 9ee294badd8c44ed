"""The providers of botocore's default chain, in its order (see ``credentials``), and
the chain that runs them: the first that finds credentials wins; one that is configured
but fails raises rather than falling through, as botocore's do."""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from .credentials_config import _Config
from .credentials_metadata import (
    _CONTAINER_HOST,
    _check_container_url,
    _container_json,
    _InstanceMetadata,
)
from .credentials_refresh import (
    CredentialRetrievalError,
    CredentialsConfigError,
    RefreshableCredentials,
    Refresher,
    TemporaryCredentials,
    _parse_expiry,
)
from .credentials_sso import _sso_access_token, _sso_role_credentials
from .credentials_sts import _Endpoints, _sts_call

Loaded = TemporaryCredentials | RefreshableCredentials
"""What a provider returns: static credentials (with their source) or refreshable ones."""


@dataclass
class _Chain:
    env: Mapping[str, str] = field(repr=False)  # may hold AWS_SECRET_ACCESS_KEY
    profile: str
    explicit_profile: bool
    config: _Config

    def load(self) -> tuple[Loaded, str] | None:
        providers: list[tuple[str, Callable[[], Loaded | None]]] = []
        if not self.explicit_profile:
            providers.append(("env", self._env))
        providers.append(
            ("assume-role", lambda: self._assume_role(self.profile, [self.profile]))
        )
        providers.extend(self._profile_providers(self.profile, self.explicit_profile))
        providers.append(("container-role", self._container))
        providers.append(("iam-role", self._instance_metadata))
        for source, provider in providers:
            found = provider()
            if found is not None:
                return found, source
        return None

    def _profile_providers(
        self, profile: str, disable_env: bool
    ) -> list[tuple[str, Callable[[], Loaded | None]]]:
        return [
            (
                "assume-role-with-web-identity",
                lambda: self._web_identity(profile, disable_env),
            ),
            ("sso", lambda: self._sso(profile)),
            ("shared-credentials-file", lambda: self._shared_credentials(profile)),
            ("custom-process", lambda: self._process(profile)),
            ("config-file", lambda: self._config_file(profile)),
        ]

    def _profile(self, name: str) -> dict[str, Any]:
        return self.config.profiles.get(name, {})

    # -- static sources --------------------------------------------------------------

    def _env(self) -> Loaded | None:
        env = self.env
        if not env.get("AWS_ACCESS_KEY_ID"):
            return None

        def fetch(require_expiry: bool = True) -> TemporaryCredentials:
            access_key = env.get("AWS_ACCESS_KEY_ID", "")
            secret_key = env.get("AWS_SECRET_ACCESS_KEY", "")
            if not access_key or not secret_key:
                missing = "AWS_SECRET_ACCESS_KEY" if access_key else "AWS_ACCESS_KEY_ID"
                raise CredentialsConfigError(
                    f"partial credentials found in env, missing: {missing}"
                )
            token = (
                env.get("AWS_SECURITY_TOKEN") or env.get("AWS_SESSION_TOKEN") or None
            )
            expiry_text = env.get("AWS_CREDENTIAL_EXPIRATION", "")
            if require_expiry and not expiry_text:
                raise CredentialsConfigError(
                    "partial credentials found in env, missing: AWS_CREDENTIAL_EXPIRATION"
                )
            expiry = _parse_expiry(expiry_text, "env") if expiry_text else None
            return TemporaryCredentials(access_key, secret_key, token, expiry)

        first = fetch(require_expiry=False)
        if first.expiry is None:
            return first
        return RefreshableCredentials(fetch, "env", first)

    def _shared_credentials(self, profile: str) -> Loaded | None:
        section = (self.config.credentials_file or {}).get(profile)
        return _static_from(section, "shared-credentials-file")

    def _config_file(self, profile: str) -> Loaded | None:
        return _static_from(self.config.config_profiles.get(profile), "config-file")

    # -- credential_process ----------------------------------------------------------

    def _process(self, profile: str) -> Loaded | None:
        command = self._profile(profile).get("credential_process")
        if not isinstance(command, str) or not command:
            return None

        def fetch() -> TemporaryCredentials:
            return _run_credential_process(command)

        first = fetch()
        if first.expiry is None:
            return first
        return RefreshableCredentials(fetch, "custom-process", first)

    # -- roles -----------------------------------------------------------------------

    def _assume_role(self, profile: str, visited: list[str]) -> Loaded | None:
        config = self._profile(profile)
        if "role_arn" not in config or "web_identity_token_file" in config:
            return None
        return self._assume_role_from(profile, visited)

    def _assume_role_from(
        self, profile: str, visited: list[str]
    ) -> RefreshableCredentials:
        config = self._profile(profile)
        role_arn = str(config["role_arn"])
        source_profile = config.get("source_profile")
        credential_source = config.get("credential_source")
        if credential_source is not None and source_profile is not None:
            raise CredentialsConfigError(
                f'the profile "{profile}" contains both source_profile and credential_source'
            )
        if credential_source is None and source_profile is None:
            raise CredentialsConfigError(
                "partial credentials found in assume-role, missing: "
                "source_profile or credential_source"
            )
        if config.get("mfa_serial") is not None:
            raise CredentialsConfigError(
                f'the profile "{profile}" needs an MFA code (mfa_serial), which this client '
                "cannot prompt for"
            )
        source: Loaded
        if credential_source is not None:
            source = self._named_source(str(credential_source), profile)
        else:
            source = self._source_profile(profile, str(source_profile), visited)
        params = {"RoleArn": role_arn}
        for key, param in (
            ("role_session_name", "RoleSessionName"),
            ("external_id", "ExternalId"),
        ):
            if config.get(key) is not None:
                params[param] = str(config[key])
        duration = config.get("duration_seconds")
        if duration is not None:
            try:
                params["DurationSeconds"] = str(int(duration))
            except ValueError:
                pass
        chain = self

        def fetch() -> TemporaryCredentials:
            signing = _snapshot(source)
            call = dict(params)
            call.setdefault("RoleSessionName", f"botocore-session-{int(time.time())}")
            return _sts_call(
                chain.env, chain.config, chain.profile, "AssumeRole", call, signing
            )

        return RefreshableCredentials(fetch, "assume-role")

    def _source_profile(self, parent: str, name: str, visited: list[str]) -> Loaded:
        profiles = self.config.profiles
        if name not in profiles:
            raise CredentialsConfigError(
                f'the source_profile "{name}" referenced in the profile "{parent}" does not exist'
            )
        source = profiles[name]
        has_static = "aws_secret_access_key" in source or "aws_access_key_id" in source
        if name in visited and (name != parent or not has_static):
            raise CredentialsConfigError(
                f'infinite loop in credential configuration detected: "{name}" is already in '
                f"the chain {' -> '.join(visited)}"
            )
        visited.append(name)
        has_role = "role_arn" in source and "web_identity_token_file" not in source
        if has_static or not has_role:
            for _, provider in self._profile_providers(name, disable_env=True):
                found = provider()
                if found is not None:
                    return found
            raise CredentialsConfigError(
                f'the source profile "{name}" must have credentials'
            )
        return self._assume_role_from(name, visited)

    def _named_source(self, name: str, profile: str) -> Loaded:
        sources: dict[str, Callable[[], Loaded | None]] = {
            "environment": self._env,
            "ecscontainer": self._container,
            "ec2instancemetadata": self._instance_metadata,
        }
        provider = sources.get(name.lower())
        if provider is None:
            raise CredentialsConfigError(
                f'the credential source "{name}" referenced in profile "{profile}" is not valid'
            )
        found = provider()
        if found is None:
            raise CredentialRetrievalError(
                f"{name}: no credentials found in credential_source referenced in profile "
                f"{profile}"
            )
        return found

    def _web_identity(self, profile: str, disable_env: bool) -> Loaded | None:
        names = {
            "web_identity_token_file": "AWS_WEB_IDENTITY_TOKEN_FILE",
            "role_session_name": "AWS_ROLE_SESSION_NAME",
            "role_arn": "AWS_ROLE_ARN",
        }
        config = self._profile(profile)

        def setting(key: str) -> str | None:
            if not disable_env and names[key] in self.env:
                return self.env[names[key]]
            value = config.get(key)
            return None if value is None else str(value)

        token_file = setting("web_identity_token_file")
        if not token_file:
            return None
        role_arn = setting("role_arn")
        if not role_arn:
            raise CredentialsConfigError(
                "the profile or the environment is configured to assume a role with web "
                "identity but has no role ARN: set role_arn in the profile or AWS_ROLE_ARN"
            )
        session_name = setting("role_session_name")
        chain = self

        def fetch() -> TemporaryCredentials:
            try:
                with open(token_file, encoding="utf-8") as handle:
                    token = handle.read()
            except OSError as error:
                raise CredentialRetrievalError(
                    f"assume-role-with-web-identity: cannot read the token file {token_file}: "
                    f"{error.strerror}"
                ) from None
            params = {
                "RoleArn": role_arn,
                "RoleSessionName": session_name
                or f"botocore-session-{int(time.time())}",
                "WebIdentityToken": token,
            }
            return _sts_call(
                chain.env,
                chain.config,
                chain.profile,
                "AssumeRoleWithWebIdentity",
                params,
                None,
            )

        return RefreshableCredentials(fetch, "assume-role-with-web-identity")

    # -- SSO -------------------------------------------------------------------------

    def _sso(self, profile: str) -> Loaded | None:
        config = self._profile(profile)
        session_name = config.get("sso_session")
        keys = ("sso_start_url", "sso_region", "sso_account_id", "sso_role_name")
        if session_name is None and not any(key in config for key in keys):
            return None
        settings: dict[str, Any] = {}
        if session_name is not None:
            session = self.config.sso_sessions.get(str(session_name))
            if session is None:
                raise CredentialsConfigError(
                    f'the profile "{profile}" is configured to use the SSO session '
                    f'"{session_name}", which does not exist'
                )
            for key in ("sso_start_url", "sso_region"):
                if key in config and key in session and config[key] != session[key]:
                    raise CredentialsConfigError(
                        f'the value for {key} in profile "{profile}" does not match the value '
                        f'in SSO session "{session_name}"'
                    )
            settings.update(session)
            required = (
                "sso_account_id",
                "sso_role_name",
                "sso_region",
                "sso_start_url",
            )
        else:
            required = keys
        settings.update(
            {k: config[k] for k in ("sso_account_id", "sso_role_name") if k in config}
        )
        for key in ("sso_start_url", "sso_region"):
            settings.setdefault(key, config.get(key))
        missing = [key for key in required if not settings.get(key)]
        if missing:
            raise CredentialsConfigError(
                f'the profile "{profile}" is configured to use SSO but is missing required '
                f"configuration: {', '.join(missing)}"
            )
        cache_key = (
            str(session_name)
            if session_name is not None
            else str(settings["sso_start_url"])
        )
        refresh_with = settings if session_name is not None else None
        chain = self

        def fetch() -> TemporaryCredentials:
            where = _Endpoints(chain.env, chain.config, chain.profile)
            token = _sso_access_token(where, cache_key, refresh_with)
            return _sso_role_credentials(where, settings, token)

        return RefreshableCredentials(fetch, "sso")

    # -- container and instance metadata ---------------------------------------------

    def _container(self) -> Loaded | None:
        env = self.env
        relative = env.get("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI")
        full = env.get("AWS_CONTAINER_CREDENTIALS_FULL_URI")
        if relative is None and full is None:
            return None
        if relative is not None:
            url = f"http://{_CONTAINER_HOST}{relative}"
        else:
            assert full is not None
            url = full
            _check_container_url(url)

        def fetch() -> TemporaryCredentials:
            headers = {"Accept": "application/json"}
            token = None
            token_file = env.get("AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE")
            if token_file is not None:
                with open(token_file, encoding="utf-8") as handle:
                    token = handle.read()
            elif "AWS_CONTAINER_AUTHORIZATION_TOKEN" in env:
                token = env["AWS_CONTAINER_AUTHORIZATION_TOKEN"]
            if token is not None:
                if "\r" in token or "\n" in token:
                    raise CredentialsConfigError(
                        "the container authorization token is not a legal header value"
                    )
                headers["Authorization"] = token
            data = _container_json(url, headers)
            try:
                return TemporaryCredentials(
                    str(data["AccessKeyId"]),
                    str(data["SecretAccessKey"]),
                    str(data["Token"]),
                    _parse_expiry(data["Expiration"], "container-role"),
                )
            except (KeyError, TypeError):
                raise CredentialRetrievalError(
                    "container-role: the response lacks AccessKeyId, SecretAccessKey, Token "
                    "or Expiration"
                ) from None

        return RefreshableCredentials(fetch, "container-role", fetch())

    def _instance_metadata(self) -> Loaded | None:
        fetcher = _InstanceMetadata(self.env, self._profile(self.profile))
        first = fetcher.credentials()
        if first is None:
            return None
        return RefreshableCredentials(_require(fetcher.credentials), "iam-role", first)


def _require(fetch: Callable[[], TemporaryCredentials | None]) -> Refresher:
    def refresh() -> TemporaryCredentials:
        found = fetch()
        if found is None:
            raise CredentialRetrievalError(
                "iam-role: the instance metadata service gave no credentials"
            )
        return found

    return refresh


def _static_from(
    section: Mapping[str, Any] | None, source: str
) -> TemporaryCredentials | None:
    if not section or "aws_access_key_id" not in section:
        return None
    if "aws_secret_access_key" not in section:
        raise CredentialsConfigError(
            f"partial credentials found in {source}, missing: aws_secret_access_key"
        )
    token = section.get("aws_security_token", section.get("aws_session_token"))
    return TemporaryCredentials(
        str(section["aws_access_key_id"]),
        str(section["aws_secret_access_key"]),
        None if token is None else str(token),
    )


def _snapshot(loaded: Loaded) -> TemporaryCredentials:
    if isinstance(loaded, TemporaryCredentials):
        return loaded
    frozen = loaded.frozen()
    return TemporaryCredentials(
        frozen.access_key, frozen.secret_key, frozen.token, frozen.expiry
    )


def _run_credential_process(command: str) -> TemporaryCredentials:
    import json
    import shlex
    import subprocess

    try:
        completed = subprocess.run(
            shlex.split(command), capture_output=True, check=False
        )
    except OSError as error:
        raise CredentialRetrievalError(
            f"custom-process: cannot run the credential process: {error.strerror}"
        ) from None
    if completed.returncode != 0:
        message = completed.stderr.decode("utf-8", "replace").strip()[:500]
        raise CredentialRetrievalError(f"custom-process: {message}")
    try:
        parsed = json.loads(completed.stdout.decode("utf-8"))
    except ValueError:
        raise CredentialRetrievalError(
            "custom-process: the credential process did not print JSON"
        ) from None
    if not isinstance(parsed, dict):
        raise CredentialRetrievalError(
            "custom-process: the output is not a JSON object"
        )
    version = parsed.get("Version", "<Version key not provided>")
    if version != 1:
        raise CredentialRetrievalError(
            f"custom-process: unsupported version '{version}' for credential process "
            "provider, supported versions: 1"
        )
    try:
        access_key, secret_key = parsed["AccessKeyId"], parsed["SecretAccessKey"]
    except KeyError as error:
        raise CredentialRetrievalError(
            f"custom-process: missing required key in response: {error}"
        ) from None
    token = parsed.get("SessionToken")
    expiration = parsed.get("Expiration")
    return TemporaryCredentials(
        str(access_key),
        str(secret_key),
        None if token is None else str(token),
        None if expiration is None else _parse_expiry(expiration, "custom-process"),
    )
