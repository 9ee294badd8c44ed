"""Adaptive retry mode: the runtime's client-side rate limiter against botocore's own
(``botocore.retries.adaptive``, ``bucket``, ``throttling``), driven through the same
sequences of sends and responses on a shared fake clock; and the client wiring
(``AWS_RETRY_MODE``/``retry_mode`` = adaptive, one limiter per client)."""

from __future__ import annotations

import random
from collections.abc import Callable
from typing import Any

import pytest
from runtime.retry import (
    CapacityNotAvailableError,
    ClientRateLimiter,
    StandardRetryStrategy,
    TokenBucket,
)
from runtime.transport import FakeTransport, HttpRequest, json_response

REQUEST = HttpRequest("POST", "https://svc.us-east-1.amazonaws.com/", {}, b"{}")


class Clock:
    """botocore's ``bucket.Clock`` interface and a plain callable, over one fake time."""

    def __init__(self) -> None:
        self.now = 1_000_000.0

    def __call__(self) -> float:
        return self.now

    def current_time(self) -> float:
        return self.now

    def sleep(self, amount: float) -> None:
        self.now += amount


class Detector:
    """botocore's throttling detector, told by the caller whether a response throttled."""

    def is_throttling_error(self, **kwargs: Any) -> bool:
        return bool(kwargs["throttled"])


def _botocore_limiter(clock: Clock) -> Any:
    from botocore.retries import adaptive, bucket, throttling

    return adaptive.ClientRateLimiter(
        rate_adjustor=throttling.CubicCalculator(0, start_time=clock.current_time()),
        rate_clocker=adaptive.RateClocker(clock),
        token_bucket=bucket.TokenBucket(max_rate=1, clock=clock),
        throttling_detector=Detector(),
        clock=clock,
    )


def _try_acquire(bucket: Any, error: type[Exception]) -> bool:
    try:
        return bool(bucket.acquire(1, block=False))
    except error:
        return False


def _state(limiter: Any, botocore_side: bool) -> tuple[Any, ...]:
    if botocore_side:
        bucket, clocker, enabled = limiter._token_bucket, limiter._rate_clocker, limiter._enabled
    else:
        bucket, clocker, enabled = limiter.bucket, limiter.clocker, limiter.enabled
    return (
        enabled,
        round(bucket.max_rate, 9),
        round(bucket.available_capacity, 9),
        round(clocker.measured_rate, 9),
    )


@pytest.mark.parametrize("seed", range(12))
def test_limiter_follows_botocore_step_by_step(seed: int) -> None:
    """Random sends (a non-blocking token take once enabled) and responses (throttled or
    not) at random moments: after every step both limiters hold the same state."""
    from botocore.exceptions import CapacityNotAvailableError as TheirCapacityError

    generator = random.Random(seed)
    clock = Clock()
    theirs, ours = _botocore_limiter(clock), ClientRateLimiter(clock)
    throttle_share = generator.choice([0.05, 0.2, 0.5])
    for step in range(400):
        clock.now += generator.choice([0.0, 0.01, 0.05, 0.2, 0.7, 2.5])
        if generator.random() < 0.5:
            if theirs._enabled:
                got = _try_acquire(theirs._token_bucket, TheirCapacityError)
                assert _try_acquire(ours.bucket, CapacityNotAvailableError) == got, step
        else:
            throttled = generator.random() < throttle_share
            theirs.on_receiving_response(throttled=throttled)
            ours.on_receiving_response(throttled=throttled)
        assert _state(ours, False) == _state(theirs, True), f"step {step}"


def test_constants_are_botocore_s() -> None:
    from botocore.retries import adaptive, bucket, throttling

    assert (
        ClientRateLimiter.MAX_RATE_ADJUST_SCALE == adaptive.ClientRateLimiter._MAX_RATE_ADJUST_SCALE
    )
    assert TokenBucket.MIN_RATE == bucket.TokenBucket._MIN_RATE
    from runtime.retry import CubicCalculator, RateClocker

    assert CubicCalculator.BETA == throttling.CubicCalculator._BETA
    assert CubicCalculator.SCALE_CONSTANT == throttling.CubicCalculator._SCALE_CONSTANT
    assert RateClocker.SMOOTHING == adaptive.RateClocker._DEFAULT_SMOOTHING
    assert RateClocker.BUCKET_SECONDS == adaptive.RateClocker._TIME_BUCKET_RANGE


def test_blocking_acquire_waits_for_the_fill_rate() -> None:
    """Two tokens at 2 per second: the second comes about half a second after the first."""
    import time

    bucket = TokenBucket(max_rate=2)
    bucket.acquire()  # the first refill leaves the bucket empty: this waits too
    started = time.monotonic()
    bucket.acquire()
    assert 0.45 <= time.monotonic() - started <= 1.5


def test_wait_time_takes_a_token_or_says_how_long_to_wait_without_blocking() -> None:
    """The asyncio client's side of the bucket: it sleeps the returned time on its loop."""
    clock = Clock()
    bucket = TokenBucket(max_rate=2, clock=clock)
    assert bucket.wait_time() == pytest.approx(0.5)  # empty after the first refill
    clock.sleep(0.25)
    assert bucket.wait_time() == pytest.approx(0.25)  # half a token there, nothing taken
    clock.sleep(0.25)
    assert bucket.wait_time() == 0.0  # taken
    limiter = ClientRateLimiter(clock)
    assert limiter.send_delay() == 0.0  # off until the first throttling response
    limiter.on_receiving_response(throttled=True)
    assert limiter.send_delay() > 0.0


class TickingClock(Clock):
    """Each reading is a second later: a blocked token take is never waited for."""

    def __call__(self) -> float:
        self.now += 1.0
        return self.now


def test_strategy_consults_the_limiter_on_every_attempt() -> None:
    clock = TickingClock()
    limiter = ClientRateLimiter(clock)
    throttled = json_response(400, {"__type": "ThrottlingException", "message": "slow down"})
    fake = FakeTransport([throttled, json_response(200, {})])
    strategy = StandardRetryStrategy(sleep=clock.sleep, random=lambda: 0.0, rate_limiter=limiter)
    assert not limiter.enabled
    assert strategy.send(lambda: fake.send(REQUEST, 1.0)).status == 200
    assert limiter.enabled  # the throttling response turned the limiter on
    assert len(fake.requests) == 2


# ---------------------------------------------------------------------------
# The client: retry_mode from the environment and the profile


def _client(mini: Any, fake: FakeTransport) -> Any:
    info = mini.ServiceInfo(protocol="json", signing_name="svc", endpoint_prefix="svc")
    client_class = type("Client", (mini.BaseClient,), {"_SERVICE": info, "__module__": "mini.c"})
    return client_class("us-east-1", access_key="AKID", secret_key="secret", transport=fake)


@pytest.mark.parametrize(
    ("env", "config", "adaptive"),
    [
        ({}, "", False),
        ({"AWS_RETRY_MODE": "adaptive"}, "", True),
        ({}, "[default]\nretry_mode = adaptive\n", True),
        ({"AWS_RETRY_MODE": "standard"}, "[default]\nretry_mode = adaptive\n", False),
    ],
)
def test_client_runs_adaptive_mode_when_configured(
    mini: Any,
    env: dict[str, str],
    config: str,
    adaptive: bool,
    aws_home: Callable[[dict[str, str], str], None],
) -> None:
    aws_home(env, config)
    resolved = _client(mini, FakeTransport())._config()
    limiter = resolved.retry.rate_limiter
    assert (limiter is not None) == adaptive
    # Calls that may and may not be re-sent share the client's one limiter.
    assert resolved.retry_unsafe.rate_limiter is limiter
