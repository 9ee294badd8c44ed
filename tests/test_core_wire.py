"""The wire conversions of the shape base (templates/package/_core.py), on their own."""

from __future__ import annotations

import enum
import importlib.util
import math
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

CORE = Path(__file__).resolve().parents[1] / "templates" / "package" / "_core.py"


def load_core() -> ModuleType:
    spec = importlib.util.spec_from_file_location("_core_under_test", CORE)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


core = load_core()


class Seconds(enum.IntEnum):
    LAUNCH = 1_560_000_000


class Fraction(float):
    pass


EPOCH = datetime(2019, 6, 8, 13, 20, tzinfo=UTC)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (1_560_000_000, EPOCH),
        (1_560_000_000.25, EPOCH + timedelta(microseconds=250_000)),
        (0, datetime(1970, 1, 1, tzinfo=UTC)),
        (-1.5, datetime(1969, 12, 31, 23, 59, 58, 500_000, tzinfo=UTC)),
        (Seconds.LAUNCH, EPOCH),  # an int subclass is epoch seconds too
        (Fraction(1_560_000_000.0), EPOCH),
        (EPOCH, EPOCH),
        (datetime(2019, 6, 8, 13, 20), EPOCH),  # naive: taken as UTC
        (datetime(2019, 6, 8, 15, 20, tzinfo=timezone(timedelta(hours=2))), EPOCH),
        ("2019-06-08T13:20:00Z", EPOCH),  # a response's ISO 8601 text
        ("2019-06-08T13:20:00", EPOCH),
    ],
)
def test_timestamp_from_a_response(value: Any, expected: datetime) -> None:
    converted = core.timestamp_from(value, None)
    assert isinstance(converted, datetime) and converted.tzinfo is not None
    assert converted == expected


@pytest.mark.parametrize(
    "value",
    [True, False, None, "not a time", [1], {"a": 1}, 1e300, -1e300, math.nan, math.inf, 10**30],
)
def test_timestamp_from_keeps_what_is_no_timestamp(value: Any) -> None:
    # Booleans are not epoch seconds; overflowing or NaN seconds and other types come back
    # unchanged, for the check (requests) to report or the response to keep.
    assert core.timestamp_from(value, None) is value


def test_timestamp_from_a_request_takes_no_text() -> None:
    issues = core.Issues()
    assert core.timestamp_from("2019-06-08T13:20:00Z", issues) == "2019-06-08T13:20:00Z"
    assert core.timestamp_from(1_560_000_000, issues) == EPOCH
    assert issues.errors == []


def test_request_timestamp_refuses_text_and_booleans() -> None:
    assert core.request_timestamp(1_560_000_000) == EPOCH
    for bad in ("2019-06-08T13:20:00Z", True, None, 1e300):
        with pytest.raises(core.Invalid):
            core.request_timestamp(bad)
