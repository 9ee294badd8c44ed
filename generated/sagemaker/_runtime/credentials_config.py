"""The shared config and credentials files, read as botocore reads them: profiles (the
credentials file merged over the config file's), ``sso-session`` and ``services``
sections, nested values."""

from __future__ import annotations

import configparser
import os
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from .credentials_refresh import CredentialsConfigError


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
        raise CredentialsConfigError(
            f"unable to parse config file {expanded}: {error}"
        ) from None
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


@dataclass(repr=False)  # the profiles hold secret keys
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

    def __repr__(self) -> str:
        return (
            f"_Config(config_path={self.config_path!r}, "
            f"credentials_path={self.credentials_path!r}, profiles={sorted(self.profiles)!r})"
        )


def _load_config(env: Mapping[str, str]) -> _Config:
    config_path = _expand(env.get("AWS_CONFIG_FILE") or "~/.aws/config", env)
    credentials_path = _expand(
        env.get("AWS_SHARED_CREDENTIALS_FILE") or "~/.aws/credentials", env
    )
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
