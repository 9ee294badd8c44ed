"""Under load: one generated client shared by 16 threads making 5,000 calls against a
local HTTP/1.1 keep-alive server on 127.0.0.1 (a separate process, so this process's
sockets are the client's alone).

Checked: no call fails; every response is the one for its own request (the server echoes
the request's job name, which is unique per call); afterwards the client holds no more
open sockets than its pool keeps idle (``max_idle_per_host``, counted in /proc/self/fd),
and none after ``close()``; connections were reused (far fewer than calls); resident
memory after the second half of the calls is within a small margin of that after the
first half (no growth per call).
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from test_client_wire import write_client_package

from codegen.model.build import build_model

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = "load_sagemaker"
THREADS = 16
CALLS = 5_000
TARGET_PREFIX = "SageMaker."

SERVER = r"""
import http.server, json, sys, threading

connections = 0
lock = threading.Lock()


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def setup(self):
        global connections
        super().setup()
        with lock:
            connections += 1

    def do_GET(self):
        self._reply({"connections": connections})

    def do_POST(self):
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        target = self.headers.get("X-Amz-Target", "")
        name = body.get("HyperParameterTuningJobName", "")
        self._reply({
            "HyperParameterTuningJobName": name,
            "HyperParameterTuningJobArn": "arn:aws:sagemaker:us-east-1:1:job/" + name,
            "HyperParameterTuningJobStatus": "Completed",
            "Target": target,
        })

    def _reply(self, payload):
        data = json.dumps(payload).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/x-amz-json-1.1")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args):
        pass


server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
server.daemon_threads = True
print(server.server_address[1], flush=True)
server.serve_forever()
"""


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    process = subprocess.Popen(
        [sys.executable, "-c", SERVER], stdout=subprocess.PIPE, text=True, bufsize=1
    )
    assert process.stdout is not None
    port = process.stdout.readline().strip()
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        process.wait(10)


@pytest.fixture(scope="module")
def client_module(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    root = tmp_path_factory.mktemp("load")
    (service,) = build_model(ROOT / "spec").services
    write_client_package(service, root, PACKAGE)
    sys.path.insert(0, str(root))
    yield __import__(f"{PACKAGE}.client", fromlist=["Client"])
    sys.path.remove(str(root))


def _sockets() -> int:
    count = 0
    for fd in os.listdir("/proc/self/fd"):
        try:
            count += os.readlink(f"/proc/self/fd/{fd}").startswith("socket:")
        except OSError:
            pass  # closed meanwhile
    return count


def _rss_kib() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    raise AssertionError("no VmRSS")


def _run(client: Any, first: int, count: int, errors: list[str]) -> None:
    """``count`` calls numbered from ``first``, spread over THREADS threads."""
    numbers = iter(range(first, first + count))
    lock = threading.Lock()

    def worker() -> None:
        while True:
            with lock:
                number = next(numbers, None)
            if number is None:
                return
            name = f"job-{number}"
            try:
                response = client.describe_hyper_parameter_tuning_job(
                    hyper_parameter_tuning_job_name=name
                )
            except Exception as error:  # noqa: BLE001 - every failure is reported
                errors.append(f"{name}: {type(error).__name__}: {error}")
                continue
            if response.hyper_parameter_tuning_job_name != name or not (
                response.hyper_parameter_tuning_job_arn or ""
            ).endswith("/" + name):
                errors.append(f"{name}: got the response for {response}")

    threads = [threading.Thread(target=worker) for _ in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="needs /proc")
def test_one_client_shared_by_16_threads_for_5000_calls(server: str, client_module: Any) -> None:
    import json
    import urllib.request

    baseline = _sockets()
    client = client_module.Client(
        "us-east-1", endpoint_url=server, access_key="AK", secret_key="SK"
    )
    errors: list[str] = []
    started = time.perf_counter()
    _run(client, 0, CALLS // 2, errors)
    rss_half = _rss_kib()
    _run(client, CALLS // 2, CALLS - CALLS // 2, errors)
    elapsed = time.perf_counter() - started
    rss_end = _rss_kib()
    held = _sockets() - baseline
    with urllib.request.urlopen(server + "/stats") as reply:  # a connection of its own
        connections = json.loads(reply.read())["connections"] - 1
    client.close()
    after_close = _sockets() - baseline
    pool = client._config().transport._max_idle_per_host
    print(
        f"\n{CALLS} calls on {THREADS} threads in {elapsed:.1f} s ({CALLS / elapsed:.0f}/s); "
        f"errors {len(errors)}; connections opened {connections}; sockets held after "
        f"{held} (pool keeps {pool}), after close {after_close}; RSS {rss_half} KiB after "
        f"half, {rss_end} KiB after all ({rss_end - rss_half:+d} KiB)"
    )
    assert not errors, "\n".join(errors[:20])
    assert 0 < held <= pool
    assert after_close == 0
    assert connections <= CALLS // 10, "connections are not reused"
    assert rss_end - rss_half < 4 * 1024, "memory grows with the number of calls"
