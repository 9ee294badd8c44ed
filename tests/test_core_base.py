"""The shape base (templates/package/_core.py) on its own: what a constructor and
``validate()`` report in each mode, on a hand-written shape (whatever the generated code),
and the wire conversions."""

from __future__ import annotations

import enum
import importlib.util
import math
import threading
import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

CORE = Path(__file__).resolve().parents[1] / "templates" / "package" / "_core.py"


def load_core(path: Path = CORE) -> ModuleType:
    spec = importlib.util.spec_from_file_location("_core_checks_under_test", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


core = load_core()
KINDS = frozenset({"a", "b"})


@dataclass(slots=True, kw_only=True)
class Thing(core.Shape):  # type: ignore[name-defined,misc]
    """name: a string of at most 3 characters (required); kind: "a" or "b"; part: a Thing."""

    name: Any = None
    kind: Any = None
    part: Any = None

    def _check(self, prefix: str, issues: Any, deep: bool) -> None:
        if self.name is None:
            issues.error(prefix + "name", "is required")
        elif not isinstance(self.name, str):
            issues.type_error(prefix + "name", "a string", self.name)
        elif len(self.name) > 3:
            issues.error(prefix + "name", "length must be <= 3")
        if self.kind is not None and self.kind not in KINDS:
            issues.enum(prefix + "kind", self.kind, KINDS)
        if self.part is not None:
            if not isinstance(self.part, Thing):
                issues.type_error(prefix + "part", "a Thing", self.part)
            elif deep:
                self.part._check(prefix + "part.", issues, True)


@pytest.fixture(autouse=True)
def strict() -> Iterator[None]:
    core.set_validation_mode("strict", strict_enums=False)
    yield
    core.set_validation_mode("strict", strict_enums=False)


def test_a_valid_object_is_built_and_validates() -> None:
    thing = Thing(name="abc", kind="a", part=Thing(name="x"))
    thing.validate()
    assert thing.part.name == "x"


def test_constructor_names_every_problem() -> None:
    with pytest.raises(core.ValidationError) as caught:
        Thing(name=7, part="nope")
    assert caught.value.errors == [
        "name: expected a string, got int",
        "part: expected a Thing, got str",
    ]


def test_validate_is_deep_and_names_every_problem_with_its_path() -> None:
    thing = Thing(name="abc", part=Thing(name="x"))
    thing.part.name = "long"
    thing.name = None
    with pytest.raises(core.ValidationError) as caught:
        thing.validate()
    assert caught.value.errors == ["name: is required", "part.name: length must be <= 3"]


def test_an_undocumented_enum_value_is_a_warning_unless_strict_enums() -> None:
    with pytest.warns(core.UnknownEnumValueWarning, match="kind: 'c' is not one of"):
        thing = Thing(name="ab", kind="c")
    assert thing.kind == "c"
    with pytest.warns(core.UnknownEnumValueWarning):
        thing.validate()
    with pytest.raises(core.ValidationError, match="kind: 'c'"):
        thing.validate(strict_enums=True)
    core.set_validation_mode("strict", strict_enums=True)
    with pytest.raises(core.ValidationError, match="kind: 'c'"):
        Thing(name="ab", kind="c")


def test_warn_mode_warns_at_the_caller_and_keeps_the_value() -> None:
    core.set_validation_mode("warn")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        thing = Thing(name="long")
    assert thing.name == "long"
    assert [w.category for w in caught] == [core.ValidationWarning]
    assert caught[0].filename == __file__  # points at the constructor's caller


def test_off_checks_nothing() -> None:
    core.set_validation_mode("off")
    assert Thing(name=7).name == 7
    Thing(name=7).validate()


def test_threads_checking_at_once_keep_their_problems_apart() -> None:
    failures: list[str] = []

    def work(valid: bool) -> None:
        for _ in range(2000):
            try:
                Thing(name="ab" if valid else "long").validate()
                if not valid:
                    failures.append("an invalid object passed")
            except core.ValidationError as error:
                if valid or error.errors != ["name: length must be <= 3"]:
                    failures.append(repr(error.errors))

    threads = [threading.Thread(target=work, args=(i % 2 == 0,)) for i in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []


# Wire conversions ----------------------------------------------------------------------


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
    converted = core.timestamp_from(value)
    assert isinstance(converted, datetime) and converted.tzinfo is not None
    assert converted == expected


@pytest.mark.parametrize(
    "value",
    [True, False, None, "not a time", [1], {"a": 1}, 1e300, -1e300, math.nan, math.inf, 10**30],
)
def test_timestamp_from_keeps_what_is_no_timestamp(value: Any) -> None:
    # Booleans are not epoch seconds; overflowing or NaN seconds and other types come back
    # unchanged, for the check (requests) to report or the response to keep.
    assert core.timestamp_from(value) is value


@dataclass(slots=True, kw_only=True)
class Stamp(core.Shape):  # type: ignore[name-defined,misc]
    """at: a timestamp; inner: a Stamp. Its one-pass check always defers to the pass that
    names the problems, which is what these tests look at."""

    at: Any = None
    inner: Any = None
    _WIRE = ("At", "Inner")

    @classmethod
    def _parse(cls, data: Any) -> Any:
        if not isinstance(data, dict):
            return data
        obj = cls.__new__(cls)
        obj.at = None if (v0 := data.get("At")) is None else core.timestamp_from(v0)
        obj.inner = None if (v1 := data.get("Inner")) is None else Stamp._parse(v1)
        return obj

    @classmethod
    def _check_request(cls, data: Any) -> None:
        raise core.Invalid

    def _check(self, prefix: str, issues: Any, deep: bool) -> None:
        if self.at is not None and not isinstance(self.at, datetime):
            issues.type_error(prefix + "at", "a datetime", self.at)
        if isinstance(self.inner, Stamp) and deep:
            self.inner._check(prefix + "inner.", issues, True)


def test_a_request_names_what_its_parsed_object_no_longer_shows() -> None:
    # Text is a response's form of a timestamp only; unknown and None members are named
    # with their paths, nested ones too.
    with pytest.raises(core.ValidationError) as raised:
        Stamp.from_dict(
            {
                "At": "2019-06-08T13:20:00Z",
                "Inner": {"At": 1_560_000_000, "Extra": 1, "Inner": None},
            }
        )
    assert raised.value.errors == [
        "at: expected a datetime, got str",
        "inner.Extra: unknown member (expected At, Inner)",
        "inner.Inner: must not be None",
    ]
    assert Stamp.from_dict({"Inner": {"At": 1_560_000_000}}).inner.at == EPOCH


def test_a_response_takes_text_timestamps() -> None:
    assert Stamp.from_response({"At": "2019-06-08T13:20:00Z", "New": 1}).at == EPOCH


def test_request_timestamp_refuses_text_and_booleans() -> None:
    assert core.request_timestamp(1_560_000_000) == EPOCH
    for bad in ("2019-06-08T13:20:00Z", True, None, 1e300):
        with pytest.raises(core.Invalid):
            core.request_timestamp(bad)


class Color(enum.StrEnum):
    RED = "Red"
    BLUE = "Blue"


class Size(enum.StrEnum):
    SMALL = "Small"
    RED = "Red"  # the same value in another enum


def test_enum_or_str_gives_the_member_of_the_enum_asked_for() -> None:
    for _ in range(2):  # the second time from the kept map
        assert core.enum_or_str(Color, "Red") is Color.RED
        assert core.enum_or_str(Size, "Red") is Size.RED
        assert core.enum_or_str(Color, Color.BLUE) is Color.BLUE
    unknown = "Green"
    assert core.enum_or_str(Color, unknown) is unknown
    unhashable: list[str] = ["Red"]
    assert core.enum_or_str(Color, unhashable) is unhashable
    assert core.enum_or_str(Color, None) is None
