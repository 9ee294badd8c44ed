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
"""

from __future__ import annotations

import configparser
import datetime
import os
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

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

ADVISORY_REFRESH_SECONDS = 15 * 60
"""Refresh when fewer seconds remain; if it fails, keep the current credentials."""
MANDATORY_REFRESH_SECONDS = 10 * 60
"""Below this, every caller waits for the refresh and its failure is raised."""

_IMDS_URL = "http://169.254.169.254/"
_IMDS_URL_IPV6 = "http://[fd00:ec2::254]/"
_IMDS_TOKEN_TTL = "21600"
_IMDS_CREDENTIALS_PATH = "latest/meta-data/iam/security-credentials/"
_CONTAINER_HOST = "169.254.170.2"
_CONTAINER_ALLOWED_HOSTS = ("169.254.170.2", "169.254.170.23", "fd00:ec2::23", "localhost")
_CONTAINER_TIMEOUT = 2.0
_CONTAINER_ATTEMPTS = 3
_CONTAINER_SLEEP = 1.0
_STS_VERSION = "2011-06-15"
_STS_TIMEOUT = 60.0
_SSO_REFRESH_WINDOW = 15 * 60
# Regions whose STS calls go to the global endpoint when sts_regional_endpoints = legacy.
_LEGACY_GLOBAL_STS_REGIONS = frozenset(
    {
        "ap-northeast-1",
        "ap-south-1",
        "ap-southeast-1",
        "ap-southeast-2",
        "aws-global",
        "ca-central-1",
        "eu-central-1",
        "eu-north-1",
        "eu-west-1",
        "eu-west-2",
        "eu-west-3",
        "sa-east-1",
        "us-east-1",
        "us-east-2",
        "us-west-1",
        "us-west-2",
    }
)


class CredentialsConfigError(NoCredentialsError):
    """The configuration names a credential source that cannot be used as written."""


class CredentialRetrievalError(NoCredentialsError):
    """A configured credential source failed (STS, a process, the container endpoint)."""


@dataclass(frozen=True)
class TemporaryCredentials:
    """One snapshot of credentials: what a provider returns and a refresh produces."""

    access_key: str
    secret_key: str = field(repr=False)
    token: str | None = field(default=None, repr=False)
    expiry: datetime.datetime | None = None


Refresher = Callable[[], TemporaryCredentials]


class RefreshableCredentials:
    """Temporary credentials that renew themselves through ``refresh`` before they expire.

    :meth:`frozen` returns a consistent snapshot (an ``auth.Credentials``); the refresh
    windows are botocore's: advisory (:data:`ADVISORY_REFRESH_SECONDS`) and mandatory
    (:data:`MANDATORY_REFRESH_SECONDS`). At most one refresh runs at a time. Built without
    ``initial``, the first :meth:`frozen` fetches (botocore's deferred credentials).
    """

    def __init__(
        self,
        refresh: Refresher,
        source: str,
        initial: TemporaryCredentials | None = None,
        *,
        clock: Callable[[], datetime.datetime] | None = None,
        advisory_seconds: float = ADVISORY_REFRESH_SECONDS,
        mandatory_seconds: float = MANDATORY_REFRESH_SECONDS,
    ) -> None:
        self._refresh_using = refresh
        self.source = source
        self._current = initial
        self._clock = clock or _utcnow
        self._advisory = advisory_seconds
        self._mandatory = mandatory_seconds
        self._lock = threading.Lock()

    def __repr__(self) -> str:
        current = self._current
        key = current.access_key if current else None
        expiry = current.expiry.isoformat() if current and current.expiry else None
        return (
            f"RefreshableCredentials(access_key={key!r}, source={self.source!r}, expiry={expiry!r})"
        )

    @property
    def expiry(self) -> datetime.datetime | None:
        return self._current.expiry if self._current else None

    def frozen(self) -> Credentials:
        """The current credentials as an ``auth.Credentials``, refreshed first if due."""
        from .auth import Credentials

        current = self._current_credentials()
        return Credentials(
            current.access_key,
            current.secret_key,
            current.token,
            expiry=current.expiry,
            source=self.source,
        )

    def _needs_refresh(self, within: float) -> bool:
        current = self._current
        if current is None:
            return True
        if current.expiry is None:
            return False
        return (current.expiry - self._clock()).total_seconds() < within

    def _current_credentials(self) -> TemporaryCredentials:
        if self._needs_refresh(self._advisory):
            if self._lock.acquire(blocking=False):
                try:
                    if self._needs_refresh(self._advisory):
                        self._protected_refresh(self._needs_refresh(self._mandatory))
                finally:
                    self._lock.release()
            elif self._needs_refresh(self._mandatory):
                with self._lock:
                    if self._needs_refresh(self._mandatory):
                        self._protected_refresh(mandatory=True)
        current = self._current
        assert current is not None
        return current

    def _protected_refresh(self, mandatory: bool) -> None:
        try:
            fresh = self._refresh_using()
        except Exception:
            if mandatory or self._current is None:
                raise
            return  # advisory: keep using the current credentials
        self._current = fresh
        if fresh.expiry is not None and fresh.expiry <= self._clock():
            raise CredentialRetrievalError(
                f"{self.source}: credentials were refreshed, but the refreshed credentials "
                "are still expired"
            )


def _utcnow() -> datetime.datetime:
    return datetime.datetime.now(datetime.UTC)


def _parse_expiry(value: object, source: str) -> datetime.datetime:
    if isinstance(value, datetime.datetime):
        parsed = value
    else:
        text = str(value).strip()
        if text.upper().endswith("UTC"):  # older SSO caches: 2019-11-14T04:05:45UTC
            text = text[:-3].rstrip() + "+00:00"
        try:
            parsed = datetime.datetime.fromisoformat(text)
        except ValueError:
            try:
                parsed = datetime.datetime.fromtimestamp(float(text), datetime.UTC)
            except ValueError:
                raise CredentialRetrievalError(
                    f"{source}: cannot read the expiration time {text[:40]!r}"
                ) from None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=datetime.UTC)
    return parsed


# ---------------------------------------------------------------------------
# Configuration files, read as botocore reads them


def _expand(path: str, env: Mapping[str, str]) -> str:
    """``~`` and ``$VARS`` expanded as botocore does, with ``env``'s ``HOME``."""
    if env.get("HOME") and (path == "~" or path.startswith(("~/", "~" + os.sep))):
        path = env["HOME"] + path[1:]
    return os.path.expanduser(os.path.expandvars(path))


def _raw_config_parse(expanded: str) -> dict[str, dict[str, Any]] | None:
    """``botocore.configloader.raw_config_parse`` of an expanded path: None if the file
    does not exist."""
    if not os.path.isfile(expanded):
        return None
    parser = configparser.RawConfigParser()
    try:
        parser.read([expanded])
    except (configparser.Error, UnicodeDecodeError) as error:
        raise CredentialsConfigError(f"unable to parse config file {expanded}: {error}") from None
    config: dict[str, dict[str, Any]] = {}
    for section in parser.sections():
        values: dict[str, Any] = {}
        for option in parser.options(section):
            value = parser.get(section, option)
            if value.startswith("\n"):
                nested: dict[str, str] = {}
                for line in value.splitlines():
                    line = line.strip()
                    if not line:
                        continue
                    key, sep, rest = line.partition("=")
                    if not sep:
                        raise CredentialsConfigError(
                            f"unable to parse config file {expanded}: section [{section}], "
                            f"{option}: a nested line has no '='"
                        )
                    nested[key.strip()] = rest.strip()
                values[option] = nested
            else:
                values[option] = value
        config[section] = values
    return config


def _section_name(key: str) -> str | None:
    import shlex

    try:
        parts = shlex.split(key)
    except ValueError:
        return None
    return parts[1] if len(parts) == 2 else None


@dataclass
class _Config:
    """The config file's profiles (with the credentials file merged in), SSO sessions,
    services sections; and the two files on their own."""

    profiles: dict[str, dict[str, Any]]
    sso_sessions: dict[str, dict[str, Any]]
    services: dict[str, dict[str, Any]]
    config_profiles: dict[str, dict[str, Any]]
    credentials_file: dict[str, dict[str, Any]] | None
    credentials_path: str
    config_path: str


def _load_config(env: Mapping[str, str]) -> _Config:
    config_path = _expand(env.get("AWS_CONFIG_FILE") or "~/.aws/config", env)
    credentials_path = _expand(env.get("AWS_SHARED_CREDENTIALS_FILE") or "~/.aws/credentials", env)
    raw = _raw_config_parse(config_path) or {}
    profiles: dict[str, dict[str, Any]] = {}
    sso_sessions: dict[str, dict[str, Any]] = {}
    services: dict[str, dict[str, Any]] = {}
    for key, values in raw.items():
        target = None
        if key.startswith("profile"):
            target = profiles
        elif key.startswith("sso-session"):
            target = sso_sessions
        elif key.startswith("services"):
            target = services
        elif key == "default":
            profiles[key] = dict(values)
        if target is not None:
            name = _section_name(key)
            if name is not None:
                target[name] = dict(values)
    config_profiles = {name: dict(values) for name, values in profiles.items()}
    credentials_file = _raw_config_parse(credentials_path)
    for name, values in (credentials_file or {}).items():
        profiles.setdefault(name, {}).update(values)
    return _Config(
        profiles,
        sso_sessions,
        services,
        config_profiles,
        credentials_file,
        credentials_path,
        config_path,
    )


# ---------------------------------------------------------------------------
# The chain

Loaded = TemporaryCredentials | RefreshableCredentials
"""What a provider returns: static credentials (with their source) or refreshable ones."""


@dataclass
class _Chain:
    env: Mapping[str, str]
    profile: str
    explicit_profile: bool
    config: _Config

    def load(self) -> tuple[Loaded, str] | None:
        providers: list[tuple[str, Callable[[], Loaded | None]]] = []
        if not self.explicit_profile:
            providers.append(("env", self._env))
        providers.append(("assume-role", lambda: self._assume_role(self.profile, [self.profile])))
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
            ("assume-role-with-web-identity", lambda: self._web_identity(profile, disable_env)),
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
            token = env.get("AWS_SECURITY_TOKEN") or env.get("AWS_SESSION_TOKEN") or None
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

    def _assume_role_from(self, profile: str, visited: list[str]) -> RefreshableCredentials:
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
        for key, param in (("role_session_name", "RoleSessionName"), ("external_id", "ExternalId")):
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
            return _sts_call(chain.env, chain.config, chain.profile, "AssumeRole", call, signing)

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
            raise CredentialsConfigError(f'the source profile "{name}" must have credentials')
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
                "RoleSessionName": session_name or f"botocore-session-{int(time.time())}",
                "WebIdentityToken": token,
            }
            return _sts_call(
                chain.env, chain.config, chain.profile, "AssumeRoleWithWebIdentity", params, None
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
            required = ("sso_account_id", "sso_role_name", "sso_region", "sso_start_url")
        else:
            required = keys
        settings.update({k: config[k] for k in ("sso_account_id", "sso_role_name") if k in config})
        for key in ("sso_start_url", "sso_region"):
            settings.setdefault(key, config.get(key))
        missing = [key for key in required if not settings.get(key)]
        if missing:
            raise CredentialsConfigError(
                f'the profile "{profile}" is configured to use SSO but is missing required '
                f"configuration: {', '.join(missing)}"
            )
        cache_key = (
            str(session_name) if session_name is not None else str(settings["sso_start_url"])
        )
        refresh_with = settings if session_name is not None else None
        chain = self

        def fetch() -> TemporaryCredentials:
            token = _sso_access_token(chain.env, cache_key, refresh_with)
            return _sso_role_credentials(chain.env, settings, token)

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


def _static_from(section: Mapping[str, Any] | None, source: str) -> TemporaryCredentials | None:
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
    return TemporaryCredentials(frozen.access_key, frozen.secret_key, frozen.token, frozen.expiry)


def load_credentials(
    profile: str | None = None, environ: Mapping[str, str] | None = None
) -> Credentials | RefreshableCredentials:
    """Run the chain: an ``auth.Credentials`` or a :class:`RefreshableCredentials`.

    Raises ``NoCredentialsError`` (or a subclass) when no provider finds credentials or
    a configured one fails.
    """
    from .auth import Credentials

    env = os.environ if environ is None else environ
    name = profile or env.get("AWS_DEFAULT_PROFILE") or env.get("AWS_PROFILE") or "default"
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
    return Credentials(loaded.access_key, loaded.secret_key, loaded.token, source=source)


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


# ---------------------------------------------------------------------------
# Network sources


def _http(
    method: str, url: str, headers: Mapping[str, str], timeout: float, body: bytes | None = None
) -> tuple[int, bytes]:
    """One HTTP exchange (no pooling, no proxy): status and body. Raises OSError."""
    import http.client
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    connection_class = (
        http.client.HTTPSConnection if parts.scheme == "https" else http.client.HTTPConnection
    )
    connection = connection_class(parts.hostname or "", parts.port, timeout=timeout)
    try:
        target = parts.path or "/"
        if parts.query:
            target = f"{target}?{parts.query}"
        connection.request(method, target, body=body, headers=dict(headers))
        response = connection.getresponse()
        return response.status, response.read()
    except http.client.HTTPException as error:
        raise OSError(f"HTTP error: {type(error).__name__}") from None
    finally:
        connection.close()


def _check_container_url(url: str) -> None:
    import ipaddress
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    if parts.scheme == "https":
        return
    host = parts.hostname or ""
    try:
        if ipaddress.ip_address(host).is_loopback:
            return
    except ValueError:
        pass
    if host in _CONTAINER_ALLOWED_HOSTS:
        return
    raise CredentialsConfigError(
        f"unsupported host {host!r}: container credentials come only from a loopback address "
        f"or one of these hosts: {', '.join(_CONTAINER_ALLOWED_HOSTS)}"
    )


def _container_json(url: str, headers: Mapping[str, str]) -> dict[str, Any]:
    import json

    attempts = 0
    while True:
        try:
            status, body = _http("GET", url, headers, _CONTAINER_TIMEOUT)
            if status != 200:
                problem = f"received non 200 response {status} from container metadata"
            else:
                try:
                    data = json.loads(body.decode("utf-8"))
                except ValueError:
                    problem = "unable to parse JSON returned from container metadata services"
                else:
                    if isinstance(data, dict):
                        return data
                    problem = "container metadata did not return a JSON object"
        except OSError as error:
            problem = f"cannot reach container metadata: {type(error).__name__}"
        attempts += 1
        if attempts >= _CONTAINER_ATTEMPTS:
            raise CredentialRetrievalError(f"container-role: {problem}")
        time.sleep(_CONTAINER_SLEEP)


class _InstanceMetadata:
    """botocore's ``InstanceMetadataFetcher``: IMDSv2 token, then the role, then its keys."""

    def __init__(self, env: Mapping[str, str], profile: Mapping[str, Any]) -> None:
        def setting(key: str, name: str) -> Any:
            return env[name] if name in env else profile.get(key)

        self.disabled = env.get("AWS_EC2_METADATA_DISABLED", "false").lower() == "true"
        self.timeout = float(
            setting("metadata_service_timeout", "AWS_METADATA_SERVICE_TIMEOUT") or 1
        )
        self.attempts = int(
            setting("metadata_service_num_attempts", "AWS_METADATA_SERVICE_NUM_ATTEMPTS") or 1
        )
        endpoint = setting("ec2_metadata_service_endpoint", "AWS_EC2_METADATA_SERVICE_ENDPOINT")
        mode = setting(
            "ec2_metadata_service_endpoint_mode", "AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE"
        )
        if endpoint:
            base = str(endpoint)
        elif str(mode or "").lower() == "ipv6":
            base = _IMDS_URL_IPV6
        else:
            base = _IMDS_URL
        from urllib.parse import urlsplit

        host = urlsplit(base).hostname
        if not host or not _valid_host(host):
            raise CredentialsConfigError(f"invalid instance metadata endpoint {base!r}")
        self.base = base if base.endswith("/") else base + "/"
        v1_disabled = setting("ec2_metadata_v1_disabled", "AWS_EC2_METADATA_V1_DISABLED")
        self.v1_disabled = str(v1_disabled).lower() == "true"

    def credentials(self) -> TemporaryCredentials | None:
        import json

        if self.disabled:
            return None
        try:
            token = self._token()
            role = self._get(_IMDS_CREDENTIALS_PATH, token, need_json=False).decode("utf-8")
            body = self._get(_IMDS_CREDENTIALS_PATH + role, token, need_json=True)
        except _Retries:
            return None
        except _BadRequest:
            return None
        data = json.loads(body.decode("utf-8"))
        if not isinstance(data, dict) or not all(
            key in data for key in ("AccessKeyId", "SecretAccessKey", "Token", "Expiration")
        ):
            return None
        return TemporaryCredentials(
            str(data["AccessKeyId"]),
            str(data["SecretAccessKey"]),
            str(data["Token"]),
            _extended(_parse_expiry(data["Expiration"], "iam-role")),
        )

    def _token(self) -> str | None:
        headers = {"x-aws-ec2-metadata-token-ttl-seconds": _IMDS_TOKEN_TTL}
        for _ in range(self.attempts):
            try:
                status, body = _http("PUT", self.base + "latest/api/token", headers, self.timeout)
            except TimeoutError:
                return None
            except OSError:
                continue
            if status == 200:
                return body.decode("utf-8")
            if status in (403, 404, 405):
                return None
            if status == 400:
                raise _BadRequest()
        return None

    def _get(self, path: str, token: str | None, need_json: bool) -> bytes:
        import json

        if token is None and self.v1_disabled:
            raise CredentialRetrievalError(
                "iam-role: unable to retrieve a token for an IMDSv2 call and IMDSv1 is disabled"
            )
        headers = {} if token is None else {"x-aws-ec2-metadata-token": token}
        for _ in range(self.attempts):
            try:
                status, body = _http("GET", self.base + path, headers, self.timeout)
            except OSError:
                continue
            if status != 200 or not body:
                continue
            if need_json:
                try:
                    json.loads(body.decode("utf-8"))
                except ValueError:
                    continue
            return body
        raise _Retries()


def _valid_host(host: str) -> bool:
    """A DNS name or an IP address (botocore's ``is_valid_uri``)."""
    import ipaddress
    import re

    try:
        ipaddress.ip_address(host)
        return True
    except ValueError:
        pass
    host = host.removesuffix(".")
    label = r"(?!-)[A-Za-z0-9-]{1,63}(?<!-)"
    return len(host) <= 255 and re.fullmatch(rf"({label}\.)*{label}", host) is not None


def _extended(expiry: datetime.datetime) -> datetime.datetime:
    """botocore's static stability: credentials the metadata service hands out that expire
    within the advisory window plus 2 to 10 minutes (jitter) are used that much longer, so
    that an outage of the service does not stop a client that still holds credentials."""
    import random

    offset = datetime.timedelta(seconds=ADVISORY_REFRESH_SECONDS + random.randint(120, 600))
    now = _utcnow()
    return now + offset if now >= expiry - offset else expiry


class _Retries(Exception):
    pass


class _BadRequest(Exception):
    pass


def _run_credential_process(command: str) -> TemporaryCredentials:
    import json
    import shlex
    import subprocess

    try:
        completed = subprocess.run(shlex.split(command), capture_output=True, check=False)
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
        raise CredentialRetrievalError("custom-process: the output is not a JSON object")
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


# ---------------------------------------------------------------------------
# STS (query protocol, XML responses) and the SSO portal


def _setting(
    env: Mapping[str, str], config: _Config, profile: str, key: str, name: str
) -> str | None:
    if env.get(name):
        return env[name]
    value = config.profiles.get(profile, {}).get(key)
    return value if isinstance(value, str) and value else None


def _sts_endpoint(env: Mapping[str, str], config: _Config, profile: str) -> tuple[str, str]:
    region = env.get("AWS_DEFAULT_REGION") or None
    if region is None:
        value = config.profiles.get(profile, {}).get("region")
        region = value if isinstance(value, str) and value else None
    from .settings import configured_endpoint

    configured = configured_endpoint(env, config, profile, "STS")
    regional = (
        _setting(env, config, profile, "sts_regional_endpoints", "AWS_STS_REGIONAL_ENDPOINTS")
        or "regional"
    )
    if configured:
        if region is None:
            # botocore cannot sign for a configured endpoint without a region either.
            raise CredentialsConfigError(
                f"STS at the configured endpoint {configured} needs a region: set "
                "AWS_DEFAULT_REGION or region in the profile"
            )
        return configured, region
    if region is None or (regional == "legacy" and region in _LEGACY_GLOBAL_STS_REGIONS):
        return "https://sts.amazonaws.com", "us-east-1"
    suffix = "amazonaws.com"
    if region.startswith("cn-"):
        suffix = "amazonaws.com.cn"
    return f"https://sts.{region}.{suffix}", region


def _sts_call(
    env: Mapping[str, str],
    config: _Config,
    profile: str,
    action: str,
    params: Mapping[str, str],
    signing: TemporaryCredentials | None,
) -> TemporaryCredentials:
    """One STS call (``AssumeRole`` signed with ``signing``; ``AssumeRoleWithWebIdentity``
    unsigned): the credentials of its XML response."""
    from urllib.parse import urlencode

    from .auth import Credentials, sign_request
    from .errors import TransportError
    from .transport import HttpClientTransport, HttpRequest

    endpoint, region = _sts_endpoint(env, config, profile)
    body = urlencode({"Action": action, "Version": _STS_VERSION, **params}).encode("utf-8")
    request = HttpRequest(
        "POST",
        endpoint if endpoint.endswith("/") else endpoint + "/",
        {"Content-Type": "application/x-www-form-urlencoded; charset=utf-8"},
        body,
    )
    if signing is not None:
        request = sign_request(
            request,
            Credentials(signing.access_key, signing.secret_key, signing.token),
            region,
            "sts",
        )
    source = "assume-role" if action == "AssumeRole" else "assume-role-with-web-identity"
    transport = HttpClientTransport()
    try:
        response = transport.send(request, _STS_TIMEOUT)
    except (TransportError, ValueError) as error:
        raise CredentialRetrievalError(
            f"{source}: STS {action} at {endpoint} failed: {type(error).__name__}: {error}"
        ) from None
    finally:
        transport.close()
    return _parse_sts_response(response.status, response.body, action, source)


def _parse_sts_response(status: int, body: bytes, action: str, source: str) -> TemporaryCredentials:
    from xml.etree import ElementTree

    try:
        root = ElementTree.fromstring(body)
    except ElementTree.ParseError:
        raise CredentialRetrievalError(
            f"{source}: STS {action} returned HTTP {status} without a readable XML body"
        ) from None

    def find(name: str) -> str | None:
        for element in root.iter():
            if element.tag.rpartition("}")[2] == name:
                return element.text or ""
        return None

    if status >= 300:
        code = find("Code") or f"HTTP {status}"
        message = find("Message") or ""
        raise CredentialRetrievalError(f"{source}: STS {action} failed: {code}: {message}")
    access_key, secret_key = find("AccessKeyId"), find("SecretAccessKey")
    token, expiration = find("SessionToken"), find("Expiration")
    if not (access_key and secret_key and token and expiration):
        raise CredentialRetrievalError(f"{source}: STS {action} returned no credentials")
    return TemporaryCredentials(access_key, secret_key, token, _parse_expiry(expiration, source))


def _sso_access_token(
    env: Mapping[str, str], cache_key: str, session: Mapping[str, Any] | None
) -> str:
    """The portal's bearer token from the ``aws sso login`` cache. For an ``sso_session``
    profile (``session`` given), a token with less than 15 minutes left is first renewed
    with its refresh token through SSO OIDC CreateToken and the cache rewritten, as
    botocore's ``SSOTokenProvider`` does; if that fails, the cached token is used while
    it lasts."""
    import hashlib
    import json

    digest = hashlib.sha1(cache_key.encode("utf-8")).hexdigest()
    path = os.path.join(_expand("~", env), ".aws", "sso", "cache", f"{digest}.json")
    expired = CredentialRetrievalError(
        "sso: the SSO session has expired or is invalid: run aws sso login"
    )
    try:
        with open(path, encoding="utf-8") as handle:
            cached = json.load(handle)
        token = str(cached["accessToken"])
        expires = _parse_expiry(cached["expiresAt"], "sso")
    except (OSError, ValueError, KeyError, TypeError):
        raise expired from None
    if session is not None and (expires - _utcnow()).total_seconds() < _SSO_REFRESH_WINDOW:
        fresh = _refresh_sso_token(env, cached, session)
        if fresh is not None:
            _write_json_atomically(path, fresh)
            token, expires = str(fresh["accessToken"]), _parse_expiry(fresh["expiresAt"], "sso")
    if expires <= _utcnow():
        raise expired
    return token


def _refresh_sso_token(
    env: Mapping[str, str], cached: Mapping[str, Any], session: Mapping[str, Any]
) -> dict[str, Any] | None:
    """SSO OIDC CreateToken with the cached refresh token; None when it cannot be done."""
    import json

    needed = ("refreshToken", "clientId", "clientSecret", "registrationExpiresAt")
    if any(key not in cached for key in needed):
        return None
    try:
        if _parse_expiry(cached["registrationExpiresAt"], "sso") <= _utcnow():
            return None
    except CredentialRetrievalError:
        return None
    region = str(session["sso_region"])
    endpoint = env.get("AWS_ENDPOINT_URL_SSO_OIDC") or env.get("AWS_ENDPOINT_URL")
    if not endpoint:
        suffix = "amazonaws.com.cn" if region.startswith("cn-") else "amazonaws.com"
        endpoint = f"https://oidc.{region}.{suffix}"
    body = json.dumps(
        {
            "grantType": "refresh_token",
            "clientId": cached["clientId"],
            "clientSecret": cached["clientSecret"],
            "refreshToken": cached["refreshToken"],
        }
    ).encode("utf-8")
    try:
        status, answer = _http(
            "POST",
            f"{endpoint.rstrip('/')}/token",
            {"Content-Type": "application/json"},
            _STS_TIMEOUT,
            body,
        )
        if status != 200:
            return None
        data = json.loads(answer.decode("utf-8"))
        expires = _utcnow() + datetime.timedelta(seconds=int(data["expiresIn"]))
        fresh = {
            "startUrl": session["sso_start_url"],
            "region": region,
            "accessToken": str(data["accessToken"]),
            "expiresAt": expires.strftime("%Y-%m-%dT%H:%M:%SZ"),
            "clientId": cached["clientId"],
            "clientSecret": cached["clientSecret"],
            "registrationExpiresAt": cached["registrationExpiresAt"],
            "refreshToken": str(data.get("refreshToken", cached["refreshToken"])),
        }
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return fresh


def _write_json_atomically(path: str, data: Mapping[str, Any]) -> None:
    import json
    import tempfile

    folder = os.path.dirname(path)
    try:
        os.makedirs(folder, exist_ok=True)
        descriptor, temporary = tempfile.mkstemp(dir=folder, suffix=".tmp")
        with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
            json.dump(data, handle)
        os.replace(temporary, path)
    except OSError:
        pass  # the renewed token still serves this process


def _sso_role_credentials(
    env: Mapping[str, str], settings: Mapping[str, Any], token: str
) -> TemporaryCredentials:
    import json
    from urllib.parse import urlencode

    region = str(settings["sso_region"])
    endpoint = env.get("AWS_ENDPOINT_URL_SSO") or env.get("AWS_ENDPOINT_URL")
    if not endpoint:
        suffix = "amazonaws.com.cn" if region.startswith("cn-") else "amazonaws.com"
        endpoint = f"https://portal.sso.{region}.{suffix}"
    query = urlencode(
        {"role_name": str(settings["sso_role_name"]), "account_id": str(settings["sso_account_id"])}
    )
    url = f"{endpoint.rstrip('/')}/federation/credentials?{query}"
    try:
        status, body = _http("GET", url, {"x-amz-sso_bearer_token": token}, _STS_TIMEOUT)
    except OSError as error:
        raise CredentialRetrievalError(
            f"sso: GetRoleCredentials failed: {type(error).__name__}"
        ) from None
    if status == 401 or status == 403:
        raise CredentialRetrievalError(
            "sso: the SSO session has expired or is invalid: run aws sso login"
        )
    try:
        data = json.loads(body.decode("utf-8"))["roleCredentials"]
        return TemporaryCredentials(
            str(data["accessKeyId"]),
            str(data["secretAccessKey"]),
            str(data["sessionToken"]),
            datetime.datetime.fromtimestamp(int(data["expiration"]) / 1000, datetime.UTC),
        )
    except (ValueError, KeyError, TypeError):
        raise CredentialRetrievalError(
            f"sso: GetRoleCredentials returned HTTP {status} without credentials"
        ) from None
