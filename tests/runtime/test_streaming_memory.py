"""Memory: 200 MiB down and 200 MiB up through the generated client against a local server
(127.0.0.1) grow the process's peak RSS by less than 40 MiB each way (up: from a file, and
from a generator, which is spooled to a temporary file to be hashed).

Each direction runs in a fresh Python process (this file run as a script), so that its
peak RSS owes nothing to the test session. Once the package is imported and a small call
warmed the client up, the kernel's peak (``VmHWM``) is reset to the current RSS
(``/proc/self/clear_refs``); the growth is the peak after the transfer less that. The server runs in that process
too (it reads and writes 64 KiB pieces), so the growth is an upper bound for the client.
A control run reads the 200 MiB body in one ``read()``: it must grow by most of that,
or the measurement would not see what it is meant to.
"""

from __future__ import annotations

import gc
import hashlib
import importlib
import io
import json
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

SIZE = 200 * 1024 * 1024
LIMIT_MIB = 40
PACKAGE = "st_sagemaker_runtime"
TESTS = Path(__file__).resolve().parents[1]


def test_streaming_200_mib_each_way_grows_rss_by_less_than_40_mib(tmp_path: Path) -> None:
    from test_streaming_client import write_runtime_package

    write_runtime_package(tmp_path)
    directions = ("down", "up", "up-iterable", "whole")
    results = {direction: _run(tmp_path, direction) for direction in directions}
    print(json.dumps(results))  # the numbers, for the record (pytest -s)
    for direction, result in results.items():
        assert result["ok"], f"{direction}: wrong bytes ({result})"
    assert results["down"]["growth_mib"] < LIMIT_MIB, results
    assert results["up"]["growth_mib"] < LIMIT_MIB, results
    assert results["up-iterable"]["growth_mib"] < LIMIT_MIB, results
    assert results["whole"]["growth_mib"] >= 0.75 * SIZE / 2**20, results


def _run(root: Path, direction: str) -> dict[str, Any]:
    done = subprocess.run(
        [sys.executable, __file__, str(root), direction],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def _reset_peak_rss() -> int:
    """Reset the process's peak RSS to its current RSS; return that, in bytes."""
    Path("/proc/self/clear_refs").write_text("5")
    return _peak_rss()


def _peak_rss() -> int:
    status = Path("/proc/self/status").read_text()
    return int(status.split("VmHWM:")[1].split()[0]) * 1024  # reported in kB


def _measure(root: Path, direction: str) -> dict[str, Any]:
    sys.path[:0] = [str(root), str(TESTS)]
    from test_streaming_server import pattern, pattern_sha256, running

    client_module = importlib.import_module(f"{PACKAGE}.client")
    expected = pattern_sha256(SIZE)
    source = root / "upload.bin"
    if direction == "up":
        with source.open("wb") as file:
            for block in pattern(SIZE):
                file.write(block)
    with (
        running() as server,
        client_module.Client(
            "us-east-1", endpoint_url=server.url, access_key="AK", secret_key="SK"
        ) as client,
    ):
        client.invoke_endpoint(endpoint_name="bytes-100", body=io.BytesIO(b"warm")).body.read()
        gc.collect()
        before, started = _reset_peak_rss(), time.monotonic()
        if direction == "down":
            response = client.invoke_endpoint(endpoint_name=f"bytes-{SIZE}", body=b"{}")
            digest = hashlib.sha256()
            for chunk in response.body.iter_chunks(1024 * 1024):
                digest.update(chunk)
            ok = digest.hexdigest() == expected
        elif direction == "whole":
            response = client.invoke_endpoint(endpoint_name=f"bytes-{SIZE}", body=b"{}")
            ok = hashlib.sha256(response.body.read()).hexdigest() == expected
        elif direction == "up-iterable":  # unseekable: spooled to a file to be hashed
            summary = json.loads(
                client.invoke_endpoint(endpoint_name="digest", body=pattern(SIZE)).body.read()
            )
            ok = summary["length"] == SIZE and summary["sha256"] == expected
        else:
            with source.open("rb") as file:
                summary = json.loads(
                    client.invoke_endpoint(endpoint_name="digest", body=file).body.read()
                )
            ok = summary["length"] == SIZE and summary["sha256"] == expected
        seconds = time.monotonic() - started
        growth = _peak_rss() - before
    return {
        "growth_mib": round(growth / 2**20, 1),
        "baseline_mib": round(before / 2**20, 1),
        "seconds": round(seconds, 2),
        "ok": ok,
    }


if __name__ == "__main__":
    print(json.dumps(_measure(Path(sys.argv[1]), sys.argv[2])))
