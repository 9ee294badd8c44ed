"""Retries in the manner of botocore's "standard" retry mode.

An attempt is retried when all of these hold:

* fewer than ``max_attempts`` attempts (default 3, counting the first) were made;
* it failed in a retryable way: a throttling error code, a transient error code,
  HTTP 500/502/503/504, or a network failure (``TransportError``);
* the client-wide retry quota still has capacity (a token bucket of 500; a retry
  costs 5, or 10 after a timeout; a success refunds the cost of its last retry, or
  1 when it needed none).  The quota stops retry storms when a service is down.

The delay before retry *n* (1-based) is full-jitter truncated exponential backoff,
as botocore computes it: ``random() * min(2 ** (n - 1), max_backoff)`` seconds with
``max_backoff`` 20.

Adaptive mode (``retry_mode = adaptive``) is standard mode plus botocore's client-side
rate limiter (:class:`ClientRateLimiter`): after the first throttling response, every
attempt first takes a token from a bucket whose fill rate follows CUBIC (cut to 70 % of
the measured send rate on throttling, growing back along a cubic curve on success), so a
throttled client slows down instead of spending its retries. The limiter is shared by
all calls of one client.

Safety: network failures before the request was sent (connection refused, connect
timeout) are always safe to retry.  Failures after sending (read timeout, connection
dropped mid-response) may mean the service did act on the request; botocore's
standard mode retries them anyway, and so do we by default.  Pass
``retry_after_send=False`` for operations that are not idempotent.
"""

from __future__ import annotations

import logging
import math
import random as _random
import threading
import time
from collections.abc import Callable, Iterable
from enum import Enum

from .errors import ConnectTimeoutError, ReadTimeoutError, TransportError, error_details
from .transport import HttpResponse

__all__ = [
    "DEFAULT_MAX_ATTEMPTS",
    "THROTTLING_ERROR_CODES",
    "TRANSIENT_ERROR_CODES",
    "TRANSIENT_STATUS_CODES",
    "ClientRateLimiter",
    "RetryAttempts",
    "RetryKind",
    "RetryQuota",
    "StandardRetryStrategy",
]

logger = logging.getLogger(__name__)

DEFAULT_MAX_ATTEMPTS = 3
DEFAULT_MAX_BACKOFF = 20.0

THROTTLING_ERROR_CODES = frozenset(
    {
        "Throttling",
        "ThrottlingException",
        "ThrottledException",
        "RequestThrottledException",
        "TooManyRequestsException",
        "ProvisionedThroughputExceededException",
        "TransactionInProgressException",
        "RequestLimitExceeded",
        "BandwidthLimitExceeded",
        "LimitExceededException",
        "RequestThrottled",
        "SlowDown",
        "PriorRequestNotComplete",
        "EC2ThrottledException",
    }
)
TRANSIENT_ERROR_CODES = frozenset(
    {"RequestTimeout", "RequestTimeoutException", "PriorRequestNotComplete"}
)
TRANSIENT_STATUS_CODES = frozenset({500, 502, 503, 504})

_RETRY_COST = 5
_TIMEOUT_RETRY_COST = 10
_NO_RETRY_REFUND = 1


class RetryKind(Enum):
    THROTTLING = "throttling"
    TRANSIENT = "transient"
    NETWORK = "network"


class RetryQuota:
    """Thread-safe token bucket shared by all calls of one client."""

    INITIAL_CAPACITY = 500

    def __init__(self, capacity: int = INITIAL_CAPACITY) -> None:
        self._max_capacity = capacity
        self._available = capacity
        self._lock = threading.Lock()

    @property
    def available(self) -> int:
        return self._available

    def acquire(self, amount: int) -> bool:
        with self._lock:
            if amount > self._available:
                return False
            self._available -= amount
            return True

    def release(self, amount: int) -> None:
        with self._lock:
            self._available = min(self._max_capacity, self._available + amount)


class StandardRetryStrategy:
    """Runs one API call's attempts; share one instance (and its quota) per client.

    ``throttling_codes``/``transient_codes`` add service-specific codes (for example
    error shapes the model marks retryable) to the standard lists.  ``sleep`` and
    ``random`` are injectable for tests (``sleep`` is the blocking client's: the asyncio
    client takes the same decisions from :meth:`attempts` and waits with ``asyncio.sleep``).
    """

    def __init__(
        self,
        max_attempts: int = DEFAULT_MAX_ATTEMPTS,
        *,
        max_backoff: float = DEFAULT_MAX_BACKOFF,
        quota: RetryQuota | None = None,
        use_quota: bool = True,
        retry_after_send: bool = True,
        throttling_codes: Iterable[str] = (),
        transient_codes: Iterable[str] = (),
        sleep: Callable[[float], None] = time.sleep,
        random: Callable[[], float] = _random.random,
        rate_limiter: ClientRateLimiter | None = None,
    ) -> None:
        if max_attempts < 1:
            raise ValueError(f"max_attempts must be at least 1, got {max_attempts}")
        self.max_attempts = max_attempts
        self.max_backoff = max_backoff
        self.quota = (quota or RetryQuota()) if use_quota else None
        self.retry_after_send = retry_after_send
        self._throttling_codes = THROTTLING_ERROR_CODES | frozenset(throttling_codes)
        self._transient_codes = TRANSIENT_ERROR_CODES | frozenset(transient_codes)
        self._sleep = sleep
        self._random = random
        self.rate_limiter = rate_limiter
        """Adaptive mode's limiter (shared by the client's strategies), else None."""

    def send(self, attempt: Callable[[], HttpResponse]) -> HttpResponse:
        """Call ``attempt`` until it succeeds or retrying stops; return the last response.

        ``attempt`` must build, sign and send the request afresh each time.  HTTP
        error responses are returned (the caller turns them into exceptions); the
        last ``TransportError`` is re-raised.  The decisions are :class:`RetryAttempts`'
        (the asyncio client runs the same ones); this loop only sends and waits.
        """
        attempts = self.attempts()
        while True:
            if self.rate_limiter is not None:
                self.rate_limiter.on_sending_request()
            try:
                response = attempt()
            except TransportError as error:
                delay = attempts.after_error(error)
                if delay is None:
                    raise
            else:
                delay = attempts.after_response(response)
                if delay is None:
                    return response
            self._sleep(delay)

    def attempts(self) -> RetryAttempts:
        """The bookkeeping of one call's attempts under this strategy."""
        return RetryAttempts(self)

    def classify_response(self, response: HttpResponse) -> RetryKind | None:
        """Why an error response is retryable, or ``None`` if it is not."""
        if response.status < 300:
            return None
        code = error_details(response.status, response.headers, response.body).code
        if code in self._throttling_codes:
            return RetryKind.THROTTLING
        if code in self._transient_codes or response.status in TRANSIENT_STATUS_CODES:
            return RetryKind.TRANSIENT
        return None

    def classify_error(self, error: TransportError) -> RetryKind | None:
        if error.request_sent and not self.retry_after_send:
            return None
        return RetryKind.NETWORK

    def backoff_delay(self, attempt_number: int) -> float:
        """Seconds to wait after failed attempt ``attempt_number`` (1-based)."""
        return self._random() * min(2.0 ** (attempt_number - 1), self.max_backoff)

    def _may_retry(self, attempt_number: int, kind: RetryKind | None) -> bool:
        return kind is not None and attempt_number < self.max_attempts

    def _take_quota(self, error: TransportError | None) -> int | None:
        """Acquire the cost of one retry; ``None`` when the quota is exhausted."""
        if self.quota is None:
            return 0
        timed_out = isinstance(error, (ConnectTimeoutError, ReadTimeoutError))
        cost = _TIMEOUT_RETRY_COST if timed_out else _RETRY_COST
        if self.quota.acquire(cost):
            return cost
        logger.debug("retry quota exhausted; not retrying")
        return None

    def _refund_quota(self, quota_held: int | None) -> None:
        if self.quota is not None:
            self.quota.release(_NO_RETRY_REFUND if quota_held is None else quota_held)


class RetryAttempts:
    """One call's attempts: after each, whether to retry and how long to wait first.

    No sending and no waiting here, so that the blocking client's loop
    (:meth:`StandardRetryStrategy.send`) and the asyncio client's share every decision:
    the rate limiter's bookkeeping, the attempt budget (read live: a call may lower
    ``strategy.max_attempts`` once its body cannot be sent again), the quota and backoff.
    """

    def __init__(self, strategy: StandardRetryStrategy) -> None:
        self.strategy = strategy
        self.number = 1
        """The attempt that was just made (1-based)."""
        self._quota_held: int | None = None

    def after_error(self, error: TransportError) -> float | None:
        """Seconds to wait before retrying after a network failure; ``None``: raise it."""
        strategy = self.strategy
        if strategy.rate_limiter is not None:
            strategy.rate_limiter.on_receiving_response(throttled=False)
        if not strategy._may_retry(self.number, strategy.classify_error(error)):
            return None
        self._quota_held = strategy._take_quota(error)
        if self._quota_held is None:
            return None
        logger.debug("attempt %d failed (%s); retrying", self.number, error)
        return self._next()

    def after_response(self, response: HttpResponse) -> float | None:
        """Seconds to wait before retrying after a response; ``None``: return it."""
        strategy = self.strategy
        kind = strategy.classify_response(response)
        if strategy.rate_limiter is not None:
            strategy.rate_limiter.on_receiving_response(
                throttled=kind is RetryKind.THROTTLING
            )
        if 200 <= response.status < 300:
            strategy._refund_quota(self._quota_held)
            return None
        if not strategy._may_retry(self.number, kind):
            return None
        self._quota_held = strategy._take_quota(None)
        if self._quota_held is None:
            return None
        logger.debug("attempt %d got HTTP %d; retrying", self.number, response.status)
        return self._next()

    def _next(self) -> float:
        delay = self.strategy.backoff_delay(self.number)
        self.number += 1
        return delay


# ---------------------------------------------------------------------------
# Adaptive mode: botocore's client-side rate limiter (botocore/retries/adaptive.py,
# bucket.py, throttling.py), same constants and arithmetic.


class CapacityNotAvailableError(Exception):
    """A non-blocking :meth:`TokenBucket.acquire` found no token."""


class TokenBucket:
    """Tokens refill at ``max_rate`` per second up to ``max(max_rate, 1)``; ``acquire``
    waits for one."""

    MIN_RATE = 0.5

    def __init__(self, max_rate: float, clock: Callable[[], float] = time.time) -> None:
        self._clock = clock
        self._fill_rate = self.MIN_RATE
        self._max_capacity = 1.0
        self._capacity = 0.0
        self._last: float | None = None
        self._condition = threading.Condition(threading.Lock())
        self.max_rate = max_rate

    @property
    def max_rate(self) -> float:
        return self._fill_rate

    @max_rate.setter
    def max_rate(self, value: float) -> None:
        with self._condition:
            self._refill()
            self._fill_rate = max(value, self.MIN_RATE)
            self._max_capacity = max(value, 1)
            self._capacity = min(self._capacity, self._max_capacity)
            self._condition.notify()

    @property
    def available_capacity(self) -> float:
        return self._capacity

    def acquire(self, amount: float = 1, block: bool = True) -> bool:
        with self._condition:
            self._refill()
            if amount > self._capacity and not block:
                raise CapacityNotAvailableError()
            while amount > self._capacity:
                # Woken early when the rate changes; the wait is recomputed then.
                self._condition.wait((amount - self._capacity) / self._fill_rate)
                self._refill()
            self._capacity -= amount
            return True

    def wait_time(self, amount: float = 1) -> float:
        """Take ``amount`` tokens and return 0, or return the seconds until they could be
        taken (nothing taken): the asyncio client waits without holding a thread."""
        with self._condition:
            self._refill()
            if amount <= self._capacity:
                self._capacity -= amount
                return 0.0
            return (amount - self._capacity) / self._fill_rate

    def _refill(self) -> None:
        now = self._clock()
        if self._last is not None:
            filled = self._capacity + (now - self._last) * self._fill_rate
            self._capacity = min(self._max_capacity, filled)
        self._last = now


class CubicCalculator:
    """The CUBIC send rate: cut by ``beta`` on throttling, regrown along a cubic curve."""

    SCALE_CONSTANT = 0.4
    BETA = 0.7

    def __init__(self, starting_max_rate: float, start_time: float) -> None:
        self.w_max = starting_max_rate
        self.k = self._zero_point()
        self.last_fail = start_time

    def _zero_point(self) -> float:
        return float((self.w_max * (1 - self.BETA) / self.SCALE_CONSTANT) ** (1 / 3.0))

    def success_received(self, timestamp: float) -> float:
        return (
            self.SCALE_CONSTANT * (timestamp - self.last_fail - self.k) ** 3
            + self.w_max
        )

    def error_received(self, current_rate: float, timestamp: float) -> float:
        self.w_max = current_rate
        self.k = self._zero_point()
        self.last_fail = timestamp
        return current_rate * self.BETA


class RateClocker:
    """The measured send rate: responses per half-second bucket, smoothed."""

    SMOOTHING = 0.8
    BUCKET_SECONDS = 0.5

    def __init__(self, clock: Callable[[], float] = time.time) -> None:
        self._clock = clock
        self.measured_rate = 0.0
        self._last_bucket = float(math.floor(clock()))
        self._count = 0
        self._lock = threading.Lock()

    def record(self, amount: int = 1) -> float:
        with self._lock:
            scale = 1 / self.BUCKET_SECONDS
            bucket = math.floor(self._clock() * scale) / scale
            self._count += amount
            if bucket > self._last_bucket:
                current = self._count / float(bucket - self._last_bucket)
                smoothed = current * self.SMOOTHING
                self.measured_rate = smoothed + self.measured_rate * (
                    1 - self.SMOOTHING
                )
                self._count = 0
                self._last_bucket = bucket
            return self.measured_rate


class ClientRateLimiter:
    """botocore's adaptive limiter: off until the first throttling response; then each
    attempt waits for a token of a bucket whose rate CUBIC sets from what the service
    accepts."""

    MAX_RATE_ADJUST_SCALE = 2.0

    def __init__(self, clock: Callable[[], float] = time.time) -> None:
        self._clock = clock
        self.cubic = CubicCalculator(starting_max_rate=0, start_time=clock())
        self.bucket = TokenBucket(max_rate=1, clock=clock)
        self.clocker = RateClocker(clock)
        self.enabled = False
        self._lock = threading.Lock()

    def on_sending_request(self) -> None:
        if self.enabled:
            self.bucket.acquire()

    def send_delay(self) -> float:
        """As :meth:`on_sending_request` without blocking: 0 when the attempt may go (its
        token taken), else the seconds to wait before asking again."""
        return self.bucket.wait_time() if self.enabled else 0.0

    def on_receiving_response(self, throttled: bool) -> None:
        measured = self.clocker.record()
        timestamp = self._clock()
        with self._lock:
            if not throttled:
                rate = self.cubic.success_received(timestamp)
            else:
                current = (
                    min(measured, self.bucket.max_rate) if self.enabled else measured
                )
                rate = self.cubic.error_received(current, timestamp)
                logger.debug(
                    "throttled: send rate now %s (measured %s)", rate, measured
                )
                self.enabled = True
            self.bucket.max_rate = min(rate, self.MAX_RATE_ADJUST_SCALE * measured)
