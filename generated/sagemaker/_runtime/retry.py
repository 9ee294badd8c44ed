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

Safety: network failures before the request was sent (connection refused, connect
timeout) are always safe to retry.  Failures after sending (read timeout, connection
dropped mid-response) may mean the service did act on the request; botocore's
standard mode retries them anyway, and so do we by default.  Pass
``retry_after_send=False`` for operations that are not idempotent.
"""

from __future__ import annotations

import logging
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
    ``random`` are injectable for tests.
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

    def send(self, attempt: Callable[[], HttpResponse]) -> HttpResponse:
        """Call ``attempt`` until it succeeds or retrying stops; return the last response.

        ``attempt`` must build, sign and send the request afresh each time.  HTTP
        error responses are returned (the caller turns them into exceptions); the
        last ``TransportError`` is re-raised.
        """
        attempt_number = 1
        quota_held: int | None = None
        while True:
            try:
                response = attempt()
            except TransportError as error:
                kind = self.classify_error(error)
                if not self._may_retry(attempt_number, kind):
                    raise
                quota_held = self._take_quota(error)
                if quota_held is None:
                    raise
                logger.debug("attempt %d failed (%s); retrying", attempt_number, error)
            else:
                if 200 <= response.status < 300:
                    self._refund_quota(quota_held)
                    return response
                kind = self.classify_response(response)
                if not self._may_retry(attempt_number, kind):
                    return response
                quota_held = self._take_quota(None)
                if quota_held is None:
                    return response
                logger.debug(
                    "attempt %d got HTTP %d; retrying", attempt_number, response.status
                )
            self._sleep(self.backoff_delay(attempt_number))
            attempt_number += 1

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
