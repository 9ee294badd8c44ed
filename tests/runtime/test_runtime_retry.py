"""Standard-mode retries driven through the fake transport."""

from __future__ import annotations

import pytest
from botocore.retries.standard import ThrottledRetryableChecker, TransientRetryableChecker
from hypothesis import given
from hypothesis import strategies as st
from runtime.errors import (
    ConnectionClosedError,
    EndpointConnectionError,
    ReadTimeoutError,
)
from runtime.retry import (
    THROTTLING_ERROR_CODES,
    TRANSIENT_ERROR_CODES,
    TRANSIENT_STATUS_CODES,
    RetryKind,
    RetryQuota,
    StandardRetryStrategy,
)
from runtime.transport import FakeTransport, HttpRequest, HttpResponse, json_response

REQUEST = HttpRequest("POST", "https://svc.us-east-1.amazonaws.com/", {}, b"{}")


class Recorder:
    """A strategy whose sleeps are recorded instead of slept, with a fixed random value."""

    def __init__(self, random_value: float = 0.5, **options: object) -> None:
        self.sleeps: list[float] = []
        self.strategy = StandardRetryStrategy(
            sleep=self.sleeps.append,
            random=lambda: random_value,
            **options,  # type: ignore[arg-type]
        )

    def run(self, fake: FakeTransport) -> HttpResponse:
        return self.strategy.send(lambda: fake.send(REQUEST, 1.0))


def error(status: int, code: str) -> HttpResponse:
    return json_response(status, {"__type": f"com.amazonaws.svc#{code}", "message": "m"})


def test_lists_match_botocore_standard_mode() -> None:
    assert THROTTLING_ERROR_CODES == set(ThrottledRetryableChecker._THROTTLED_ERROR_CODES)
    assert TRANSIENT_ERROR_CODES == set(TransientRetryableChecker._TRANSIENT_ERROR_CODES)
    assert TRANSIENT_STATUS_CODES == set(TransientRetryableChecker._TRANSIENT_STATUS_CODES)


def test_retries_503_and_throttling_then_returns_success() -> None:
    fake = FakeTransport(
        [json_response(503), error(400, "ThrottlingException"), json_response(200, {})]
    )
    recorder = Recorder()

    response = recorder.run(fake)

    assert response.status == 200
    assert len(fake.requests) == 3
    assert recorder.sleeps == [0.5 * 1, 0.5 * 2]


@pytest.mark.parametrize(
    "failure",
    [
        error(400, "TooManyRequestsException"),
        error(400, "RequestTimeoutException"),
        json_response(500, {"__type": "InternalFailure"}),
        HttpResponse(502, {}, b"<html><body>Bad Gateway</body></html>"),
        json_response(429, {"code": "SlowDown"}),
        HttpResponse(400, {"X-Amzn-ErrorType": "PriorRequestNotComplete:http://x"}, b"{}"),
    ],
)
def test_retryable_error_responses(failure: HttpResponse) -> None:
    fake = FakeTransport([failure, json_response(200, {})])
    assert Recorder().run(fake).status == 200
    assert len(fake.requests) == 2


def test_gives_up_after_max_attempts_and_returns_last_error_response() -> None:
    fake = FakeTransport(
        [json_response(503)] * 2 + [error(400, "Throttling")] + [json_response(200)]
    )
    recorder = Recorder(max_attempts=3)

    response = recorder.run(fake)

    assert response.status == 400 and len(fake.requests) == 3
    assert len(recorder.sleeps) == 2


@pytest.mark.parametrize(
    "code", ["ValidationException", "AccessDeniedException", "ResourceNotFound"]
)
def test_client_errors_are_not_retried(code: str) -> None:
    fake = FakeTransport([error(400, code), json_response(200, {})])
    recorder = Recorder()
    assert recorder.run(fake).status == 400
    assert len(fake.requests) == 1 and recorder.sleeps == []


def test_service_specific_codes_can_be_made_retryable() -> None:
    fake = FakeTransport([error(409, "ResourceInUse"), json_response(200, {})])
    assert Recorder(transient_codes=["ResourceInUse"]).run(fake).status == 200


def test_network_errors_are_retried_and_last_one_is_raised() -> None:
    refused = EndpointConnectionError("refused", url=REQUEST.url)
    fake = FakeTransport([refused, ReadTimeoutError("slow", url=REQUEST.url), refused])
    with pytest.raises(EndpointConnectionError):
        Recorder().run(fake)
    assert len(fake.requests) == 3


def test_retry_after_send_can_be_disabled_for_non_idempotent_calls() -> None:
    sent = FakeTransport([ConnectionClosedError("dropped", url=REQUEST.url), json_response(200)])
    with pytest.raises(ConnectionClosedError):
        Recorder(retry_after_send=False).run(sent)
    assert len(sent.requests) == 1

    not_sent = FakeTransport(
        [EndpointConnectionError("refused", url=REQUEST.url), json_response(200)]
    )
    assert Recorder(retry_after_send=False).run(not_sent).status == 200


@given(attempt=st.integers(min_value=1, max_value=40), random_value=st.floats(0.0, 1.0))
def test_backoff_is_full_jitter_capped_at_max_backoff(attempt: int, random_value: float) -> None:
    strategy = StandardRetryStrategy(random=lambda: random_value)
    delay = strategy.backoff_delay(attempt)
    assert 0.0 <= delay <= min(2 ** (attempt - 1), 20.0)
    assert delay == pytest.approx(random_value * min(2 ** (attempt - 1), 20.0))


def test_backoff_bounds_with_real_random() -> None:
    strategy = StandardRetryStrategy()
    delays = [strategy.backoff_delay(attempt) for attempt in (1, 2, 3, 6, 10) for _ in range(50)]
    assert all(0.0 <= delay <= 20.0 for delay in delays)
    assert max(strategy.backoff_delay(1) for _ in range(50)) <= 1.0


def test_quota_exhaustion_stops_retries() -> None:
    quota = RetryQuota(capacity=12)
    fake = FakeTransport([json_response(503)] * 3)

    assert Recorder(max_attempts=5, quota=quota).run(fake).status == 503
    # Two retries (5 + 5) fit in 12; a third does not.
    assert len(fake.requests) == 3 and quota.available == 2


def test_success_refunds_its_retry_cost_or_one_without_retries() -> None:
    quota = RetryQuota(capacity=100)
    recorder = Recorder(max_attempts=2, quota=quota)
    recorder.run(FakeTransport([json_response(503), json_response(503)]))
    assert quota.available == 95  # a failed call keeps what its retry took

    recorder.run(FakeTransport([json_response(503), json_response(200)]))
    assert quota.available == 95  # took 5, refunded 5
    recorder.run(FakeTransport([json_response(200)]))
    assert quota.available == 96


def test_timeouts_cost_more_quota() -> None:
    quota = RetryQuota(capacity=100)
    fake = FakeTransport([ReadTimeoutError("slow", url=REQUEST.url), json_response(500)])
    assert Recorder(max_attempts=2, quota=quota).run(fake).status == 500
    assert quota.available == 90


def test_classification() -> None:
    strategy = StandardRetryStrategy()
    assert strategy.classify_response(error(400, "Throttling")) is RetryKind.THROTTLING
    assert strategy.classify_response(json_response(504)) is RetryKind.TRANSIENT
    assert strategy.classify_response(error(400, "ValidationException")) is None
    assert strategy.classify_response(json_response(200)) is None


def test_max_attempts_must_be_positive() -> None:
    with pytest.raises(ValueError, match="max_attempts"):
        StandardRetryStrategy(max_attempts=0)
