"""Run one credential chain in this process and print what it found as JSON.

``python _credential_runner.py botocore|ours PROFILE`` (``-`` for no explicit profile).
Used by the differential test, which runs it in a subprocess with its own ``HOME`` and
a clean environment. Output: ``{"outcome": "ok"|"none"|"error", ...}``.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any


def run_botocore(profile: str | None) -> dict[str, Any]:
    import botocore.session

    session = botocore.session.Session(profile=profile)
    credentials = session.get_credentials()
    if credentials is None:
        return {"outcome": "none"}
    frozen = credentials.get_frozen_credentials()
    return {
        "outcome": "ok",
        "access_key": frozen.access_key,
        "secret_key": frozen.secret_key,
        "token": frozen.token,
        "source": credentials.method,
    }


def run_ours(profile: str | None) -> dict[str, Any]:
    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "templates"))
    from runtime.credentials import CredentialsConfigError, load_credentials
    from runtime.errors import NoCredentialsError

    try:
        found = load_credentials(profile)
    except NoCredentialsError as error:
        if type(error) is NoCredentialsError:
            return {"outcome": "none"}
        raise
    frozen = found.frozen()
    assert CredentialsConfigError  # the chain's own error classes are importable
    return {
        "outcome": "ok",
        "access_key": frozen.access_key,
        "secret_key": frozen.secret_key,
        "token": frozen.token,
        "source": frozen.source,
    }


def run_in_subprocess(
    implementation: str, profile: str | None, env: dict[str, str], home: Path
) -> dict[str, Any]:
    """This script in a subprocess with exactly ``env``, from ``home``: its JSON line."""
    import subprocess

    completed = subprocess.run(
        [sys.executable, __file__, implementation, profile or "-"],
        env=env,
        cwd=home,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    if completed.returncode != 0 or not completed.stdout.strip():
        return {"outcome": "crash", "error": completed.stderr[-2000:]}
    result: dict[str, Any] = json.loads(completed.stdout.strip().splitlines()[-1])
    return result


def main() -> None:
    implementation, profile_arg = sys.argv[1], sys.argv[2]
    profile = None if profile_arg == "-" else profile_arg
    run = run_botocore if implementation == "botocore" else run_ours
    try:
        result = run(profile)
    except Exception as error:  # noqa: BLE001 - any failure is an outcome to compare
        result = {"outcome": "error", "error": type(error).__name__, "message": str(error)}
    print(json.dumps(result))


if __name__ == "__main__":
    main()
