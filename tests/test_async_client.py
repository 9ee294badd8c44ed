"""The generated ``AsyncClient`` (``<pkg>/aio.py``).

- Against moto's server, the same SageMaker and DynamoDB scenarios give equal results
  from ``Client`` and ``AsyncClient`` (each scenario written once, run by both).
- 100 concurrent calls against a local server taking 50 ms each finish in well under a
  second while a ticker task keeps ticking; a call cancelled in flight leaves the pool
  usable; ``async with`` closes the connections.
- Retries wait with ``asyncio.sleep`` (never the strategy's blocking sleep); credentials
  are resolved and refreshed in a worker thread, never on the event loop.
- ``import <pkg>`` and ``Client(...)`` import no asyncio.
"""

from __future__ import annotations

import asyncio
import datetime
import inspect
import re
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Awaitable, Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from async_server import AsyncServer, Reply, Request
from e2e_scenarios import KEY7, MUSIC
from test_client_wire import write_client_package
from test_e2e_dynamodb import ddb  # noqa: F401  (fixtures)
from test_e2e_moto import endpoint, moto_endpoint, packages  # noqa: F401

from codegen.model.build import build_model

ROOT = Path(__file__).resolve().parents[1]
SPEC_PACKAGE = "aio_spec"
LIST_JOBS = b'{"HyperParameterTuningJobSummaries": []}'


@pytest.fixture(scope="module")
def spec(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """The package generated from ``spec/`` (SageMaker tuning jobs, JSON 1.1)."""
    root = tmp_path_factory.mktemp("aio_spec")
    (service,) = build_model(ROOT / "spec").services
    write_client_package(service, root, SPEC_PACKAGE)
    sys.path.insert(0, str(root))
    yield __import__(SPEC_PACKAGE)
    sys.path.remove(str(root))


def keys(**options: Any) -> dict[str, Any]:
    return {"access_key": "testing", "secret_key": "testing", **options}


# ---------------------------------------------------------------------------------------
# One scenario, both clients


class Runner:
    """Runs a scenario's calls on either client; a scenario awaits them either way."""

    def __init__(self, client: Any) -> None:
        self.client = client

    async def call(self, method: str, *args: Any, **fields: Any) -> Any:
        result = getattr(self.client, method)(*args, **fields)
        return await result if inspect.isawaitable(result) else result

    async def listed(self, method: str, **fields: Any) -> list[Any]:
        result = getattr(self.client, method)(**fields)
        if hasattr(result, "__aiter__"):
            return [item async for item in result]
        return list(result)

    async def error(self, method: str, **fields: Any) -> tuple[str, str, int]:
        errors = sys.modules[type(self.client).__module__.rpartition(".")[0] + ".errors"]
        with pytest.raises(errors.ServiceError) as caught:
            await self.call(method, **fields)
        return type(caught.value).__name__, caught.value.code, caught.value.http_status


def observed(value: Any) -> Any:
    """A response as data, times left out (they differ between the two runs)."""
    if hasattr(value, "to_dict"):
        value = value.to_dict()
    if isinstance(value, dict):
        return {
            k: "<time>" if re.search(r"(Time|Date|Timestamp)$", k) else observed(v)
            for k, v in value.items()
        }
    if isinstance(value, list):
        return [observed(v) for v in value]
    return value


Scenario = Callable[[Runner, Any], Awaitable[list[Any]]]


def both(package: Any, url: str, scenario: Scenario) -> tuple[list[Any], list[Any]]:
    """The scenario's observations from Client, then (moto reset) from AsyncClient."""
    sync = package.Client("us-east-1", endpoint_url=url, **keys())
    blocking = asyncio.run(scenario(Runner(sync), package))
    sync.close()
    reset = urllib.request.Request(f"{url}/moto-api/reset", method="POST")
    urllib.request.urlopen(reset, timeout=10).close()

    async def run_async() -> list[Any]:
        async with package.AsyncClient("us-east-1", endpoint_url=url, **keys()) as client:
            return await scenario(Runner(client), package)

    return blocking, asyncio.run(run_async())


async def sagemaker_scenario(run: Runner, package: Any) -> list[Any]:
    from test_e2e_moto import IMAGE, _training_job_fields

    shapes, seen = package.shapes, []
    for n in range(3):
        seen.append(
            await run.call(
                "create_training_job",
                training_job_name=f"job-{n}",
                algorithm_specification=shapes.AlgorithmSpecification(
                    training_image=IMAGE, training_input_mode="File"
                ),
                **_training_job_fields(shapes),
            )
        )
    seen.append(await run.call("describe_training_job", training_job_name="job-1"))
    seen.append(await run.listed("paginate_list_training_jobs", max_results=2))
    items = await run.listed("list_training_jobs_items", max_results=2)
    seen.append(sorted(job.training_job_name for job in items))
    seen.append(
        await run.error("describe_hyper_parameter_tuning_job", hyper_parameter_tuning_job_name="x")
    )
    return [observed(value) for value in seen]


async def dynamodb_scenario(run: Runner, package: Any) -> list[Any]:
    from test_e2e_dynamodb import TABLE, _item, _wire

    # The e2e table, without its stream (whose label is the time it was made).
    table = {k: v for k, v in MUSIC.items() if k != "StreamSpecification"}
    seen = [await run.call("create_table", table)]
    puts = [{"PutRequest": {"Item": _item(package, n)}} for n in range(25)]
    seen.append(await run.call("batch_write_item", request_items={TABLE: puts}))
    for n in range(25, 40):
        await run.call("put_item", table_name=TABLE, item=_wire(package, _item(package, n)))
    key = _wire(package, KEY7)
    seen.append(await run.call("get_item", table_name=TABLE, key=key, consistent_read=True))
    seen.append(
        await run.call(
            "update_item",
            table_name=TABLE,
            key=key,
            update_expression="SET plays = plays + :one",
            expression_attribute_values=_wire(package, {":one": {"N": "1"}}),
            return_values="UPDATED_NEW",
        )
    )
    seen.append(
        await run.error(
            "put_item",
            table_name=TABLE,
            item=_wire(package, _item(package, 7)),
            condition_expression="attribute_not_exists(artist)",
        )
    )
    query = {"key_condition_expression": "artist = :a", "limit": 9}
    values = _wire(package, {":a": {"S": "band"}})
    seen.append(
        await run.listed(
            "paginate_query", table_name=TABLE, expression_attribute_values=values, **query
        )
    )
    seen.append(await run.listed("scan_items", table_name=TABLE, limit=11))
    seen.append(await run.call("delete_item", table_name=TABLE, key=key, return_values="ALL_OLD"))
    return [observed(value) for value in seen]


def test_sagemaker_scenario_gives_equal_results_from_both_clients(
    packages: dict[str, str], endpoint: str  # noqa: F811
) -> None:
    package = __import__(packages["sagemaker"])
    blocking, awaited = both(package, endpoint, sagemaker_scenario)
    assert blocking == awaited
    assert [len(page["TrainingJobSummaries"]) for page in awaited[4]] == [2, 1]
    assert awaited[-1] == ("ResourceNotFound", "ResourceNotFound", 400)


def test_dynamodb_scenario_gives_equal_results_from_both_clients(
    ddb: Any, endpoint: str  # noqa: F811
) -> None:
    blocking, awaited = both(ddb, endpoint, dynamodb_scenario)
    assert blocking == awaited
    assert len(awaited[5]) >= 5 and len(awaited[6]) == 40  # pages of 9, every item scanned
    assert awaited[4][1] == "ConditionalCheckFailedException"


# ---------------------------------------------------------------------------------------
# Concurrency, cancellation, closing


async def slow_list(request: Request) -> Reply:
    await asyncio.sleep(0.05)
    return Reply(body=LIST_JOBS)


async def timed_calls(spec: Any, transport: Any, calls: int) -> tuple[float, int, int]:
    """Seconds for ``calls`` concurrent calls; ticks of a 5 ms ticker meanwhile, and how
    many of them came while the server was handling requests (the loop was free while
    the calls were in flight: a blocking client would let none through)."""
    ticks: list[int] = []

    async with AsyncServer(slow_list) as server:

        async def ticker() -> None:
            while True:
                ticks.append(server.active)
                await asyncio.sleep(0.005)

        async with spec.AsyncClient(
            "us-east-1", endpoint_url=server.url, transport=transport, **keys()
        ) as client:
            await client.list_hyper_parameter_tuning_jobs()  # configuration resolved
            ticking = asyncio.create_task(ticker())
            start = time.perf_counter()
            results = await asyncio.gather(
                *(client.list_hyper_parameter_tuning_jobs() for _ in range(calls))
            )
            elapsed = time.perf_counter() - start
            ticking.cancel()
        assert all(r.hyper_parameter_tuning_job_summaries == [] for r in results)
    return elapsed, len(ticks), sum(1 for active in ticks if active)


def test_100_concurrent_calls_of_50_ms_finish_well_under_a_second(spec: Any) -> None:
    from aio_spec._runtime.aio_transport import AsyncHttpTransport

    transport = AsyncHttpTransport(max_connections_per_host=100)
    elapsed, ticks, in_flight = asyncio.run(timed_calls(spec, transport, 100))
    print(f"\n100 calls x 50 ms, 100 connections: {elapsed * 1000:.0f} ms, {ticks} ticks")
    # One after another they would take 5 s; all at once 50 ms plus the client's CPU work
    # (building, signing and parsing 100 calls: about 0.3 ms each, 30 ms on one core;
    # about 0.1 s measured on an idle machine). 1 s leaves a margin of 10x, enough for
    # a shared machine under load (0.5 s seen with two other test runs going).
    assert elapsed < 1.0
    # The ticker kept ticking, also while requests were in flight.
    assert ticks >= 5 and in_flight >= 5


def test_the_default_pool_holds_10_connections_per_host(spec: Any) -> None:
    elapsed, ticks, in_flight = asyncio.run(timed_calls(spec, None, 100))
    print(f"\n100 calls x 50 ms, default pool: {elapsed * 1000:.0f} ms, {ticks} ticks")
    # 10 connections: 10 waves of 50 ms, never fewer (the limit holds), and the loop
    # keeps ticking while the other 90 calls wait in line.
    assert elapsed >= 0.5
    assert in_flight >= 10


def test_a_call_cancelled_in_flight_leaves_the_pool_usable(spec: Any) -> None:
    from aio_spec._runtime.aio_transport import AsyncHttpTransport

    async def test() -> None:
        arrived = asyncio.Event()

        async def first_hangs(request: Request) -> Reply:
            if not arrived.is_set():
                arrived.set()
                await asyncio.Event().wait()  # until the server closes
            return Reply(body=LIST_JOBS)

        async with AsyncServer(first_hangs) as server:
            transport = AsyncHttpTransport(max_connections_per_host=1)
            async with spec.AsyncClient(
                "us-east-1", endpoint_url=server.url, transport=transport, **keys()
            ) as client:
                call = asyncio.create_task(client.list_hyper_parameter_tuning_jobs())
                await arrived.wait()
                call.cancel()
                with pytest.raises(asyncio.CancelledError):
                    await call
                # The pool's only slot is free again: the next call goes through.
                following = client.list_hyper_parameter_tuning_jobs()
                response = await asyncio.wait_for(following, 5)
                assert response.hyper_parameter_tuning_job_summaries == []
                assert server.connections == 2  # the cancelled call's connection dropped

    asyncio.run(test())


def test_async_with_closes_the_connections(spec: Any) -> None:
    async def test() -> None:
        async with AsyncServer(slow_list) as server:
            async with spec.AsyncClient("us-east-1", endpoint_url=server.url, **keys()) as client:
                await asyncio.gather(*(client.list_hyper_parameter_tuning_jobs() for _ in range(3)))
                transport = client._resolved.transport
                assert transport.idle_connections(server.url) == 3
            assert transport.idle_connections(server.url) == 0
            await asyncio.wait_for(server.all_closed.wait(), 5)

    asyncio.run(test())


# ---------------------------------------------------------------------------------------
# Retries and credentials, with the fake transport


def test_retries_wait_with_asyncio_sleep_and_errors_are_typed(spec: Any) -> None:
    from aio_spec._runtime.aio_transport import AsyncFakeTransport
    from aio_spec._runtime.retry import StandardRetryStrategy
    from aio_spec._runtime.transport import json_response

    def blocking_sleep(seconds: float) -> None:
        raise AssertionError("the asyncio client slept with the blocking sleep")

    strategy = StandardRetryStrategy(4, sleep=blocking_sleep, random=lambda: 0.01)
    throttled = json_response(400, {"__type": "ThrottlingException"})
    missing = json_response(400, {"__type": "ResourceNotFound", "message": "no"})
    fake = AsyncFakeTransport([throttled, json_response(503), json_response(200, {})])
    fake.queue(missing)
    client = spec.AsyncClient("us-east-1", transport=fake, retry=strategy, **keys())

    async def test() -> None:
        await client.stop_hyper_parameter_tuning_job(hyper_parameter_tuning_job_name="a")
        with pytest.raises(spec.errors.ResourceNotFound) as caught:
            await client.describe_hyper_parameter_tuning_job(hyper_parameter_tuning_job_name="b")
        assert (caught.value.code, caught.value.http_status) == ("ResourceNotFound", 400)

    asyncio.run(test())
    assert len(fake.requests) == 4
    # Each attempt signed afresh, the same body each time.
    assert len({r.headers["Authorization"] for r in fake.requests[:3]}) >= 1
    assert {r.body for r in fake.requests[:3]} == {fake.requests[0].body}


def test_credentials_are_fetched_and_refreshed_off_the_event_loop(spec: Any) -> None:
    from aio_spec._runtime.aio_transport import AsyncFakeTransport
    from aio_spec._runtime.credentials import RefreshableCredentials, TemporaryCredentials
    from aio_spec._runtime.transport import json_response

    threads: list[threading.Thread] = []

    def fetch() -> TemporaryCredentials:
        threads.append(threading.current_thread())
        expiry = datetime.datetime.now(datetime.UTC) + datetime.timedelta(minutes=5)
        return TemporaryCredentials("AKID", "secret", "token", expiry)  # due again at once

    credentials = RefreshableCredentials(fetch, "test")  # fetched on first use
    fake = AsyncFakeTransport(handler=lambda request: json_response(200, {}))
    client = spec.AsyncClient("us-east-1", credentials=credentials, transport=fake)

    async def test() -> threading.Thread:
        await client.stop_hyper_parameter_tuning_job(hyper_parameter_tuning_job_name="a")
        await client.stop_hyper_parameter_tuning_job(hyper_parameter_tuning_job_name="b")
        return threading.current_thread()

    loop_thread = asyncio.run(test())
    assert len(threads) == 2 and loop_thread not in threads
    assert all("X-Amz-Security-Token" in r.headers for r in fake.requests)


def test_calls_starting_together_wait_for_one_resolution(spec: Any) -> None:
    from aio_spec._runtime.aio_transport import AsyncFakeTransport
    from aio_spec._runtime.transport import json_response

    fake = AsyncFakeTransport(handler=lambda request: json_response(200, {}))
    client = spec.AsyncClient("us-east-1", transport=fake, **keys())
    resolutions: list[threading.Thread] = []
    config = client._config

    def counted() -> Any:
        resolutions.append(threading.current_thread())
        return config()

    client._config = counted

    async def test() -> None:
        names = [f"job-{n}" for n in range(20)]
        await asyncio.gather(
            *(
                client.stop_hyper_parameter_tuning_job(hyper_parameter_tuning_job_name=n)
                for n in names
            )
        )

    asyncio.run(test())
    assert len(resolutions) == 1 and resolutions[0] is not threading.main_thread()
    assert len(fake.requests) == 20


# ---------------------------------------------------------------------------------------
# Import cost


def test_asyncio_is_imported_only_with_async_client(spec: Any) -> None:
    """``import <pkg>`` and ``Client(...)`` leave asyncio out (their import time is
    ``test_client_generated``'s budget, which also fails if asyncio is loaded)."""
    code = (
        "import sys\n"
        f"import {SPEC_PACKAGE}\n"
        f"{SPEC_PACKAGE}.Client('us-east-1').close()\n"
        "print('asyncio' in sys.modules)\n"
        f"{SPEC_PACKAGE}.AsyncClient('us-east-1')\n"
        "print('asyncio' in sys.modules)\n"
    )
    root = Path(spec.__file__).parents[1]
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=root, capture_output=True, text=True, check=True
    )
    assert result.stdout.split() == ["False", "True"]
