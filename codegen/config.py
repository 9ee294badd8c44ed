"""``codegen.toml``: what the pages never state (package name, JSON target prefix, signing name).

```toml
[services."sagemaker-2017-07-24"]
package = "sagemaker"
protocol = "json"          # or "rest-json"; default: inferred from the Request Syntax blocks
json_version = "1.1"
target_prefix = "SageMaker"
signing_name = "sagemaker"
endpoint_prefix = "api.sagemaker"
```
"""

from __future__ import annotations

import keyword
import sys
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import CodegenError
from .model import Diagnostic, SourceLocation

CONFIG_FILE = "codegen.toml"
SERVICE_KEYS = frozenset(
    {"package", "protocol", "json_version", "target_prefix", "signing_name", "endpoint_prefix"}
)


@dataclass(frozen=True)
class SpecConfig:
    """Per-service settings keyed by service uid, as written in ``codegen.toml``."""

    services: dict[str, dict[str, str]] = field(default_factory=dict)
    source: str = CONFIG_FILE


def load_config(spec_dir: Path) -> SpecConfig:
    """Read ``spec_dir/codegen.toml`` if there is one; unknown keys are errors."""
    path = spec_dir / CONFIG_FILE
    if not path.is_file():
        return SpecConfig()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise CodegenError([Diagnostic(SourceLocation(str(path), 1), f"invalid TOML: {error}")])
    return SpecConfig(services=_services(data, str(path)), source=str(path))


def is_package_name(name: str) -> bool:
    """An importable top-level name that is also a safe folder name (ASCII only, so that
    the folder is found on every file system; never ``..`` or a path) and does not shadow
    a standard-library module the generated code may import."""
    return (
        name.isascii()
        and name.isidentifier()
        and not keyword.iskeyword(name)
        and name not in sys.stdlib_module_names
    )


def _services(data: dict[str, Any], path: str) -> dict[str, dict[str, str]]:
    problems = []
    services: dict[str, dict[str, str]] = {}
    for key in data:
        if key != "services":
            problems.append(f'unknown table [{key}]; expected [services."<uid>"]')
    tables = data.get("services", {})
    if not isinstance(tables, dict):
        problems.append('services must be a table of [services."<uid>"] tables')
        tables = {}
    for uid, values in tables.items():
        if not isinstance(values, dict):
            problems.append(f"services.{uid} must be a table")
            continue
        for name, value in values.items():
            if name not in SERVICE_KEYS:
                problems.append(
                    f"services.{uid}: unknown key {name!r}; expected one of "
                    + ", ".join(sorted(SERVICE_KEYS))
                )
            elif not isinstance(value, str):
                problems.append(f"services.{uid}.{name} must be a string")
            elif name == "package" and not is_package_name(value):
                problems.append(
                    f"services.{uid}.package: {value!r} is not a Python package name "
                    "(ASCII letters, digits and '_', not starting with a digit, not a keyword, "
                    "not a standard-library module)"
                )
        services[uid] = {k: v for k, v in values.items() if isinstance(v, str)}
    if problems:
        raise CodegenError(Diagnostic(SourceLocation(path, 1), p) for p in problems)
    return services
