"""Support for the generated shapes: validation settings and reports, wire conversions.

Generated code; standard library only. The shape classes hold their own specialised
parsing, checking and serialising code; this module holds what they share.
"""

from __future__ import annotations

import base64
import binascii
import calendar
import re
import sys
import warnings
from collections.abc import Callable, Mapping
from datetime import UTC, datetime
from enum import StrEnum
from types import FrameType
from typing import Any, ClassVar, Literal, Self, TypeVar

Mode = Literal["strict", "warn", "off"]
"""``strict``: problems raise ``ValidationError``. ``warn``: problems are reported as
``ValidationWarning`` and the value is kept. ``off``: nothing is checked."""

MODES: tuple[Mode, ...] = ("strict", "warn", "off")


class ValidationError(ValueError):
    """A request that does not satisfy the documented constraints.

    ``errors`` lists every problem found, each as ``path: message``."""

    def __init__(self, errors: list[str]) -> None:
        self.errors = errors
        count = len(errors)
        lines = "\n".join(f"  {error}" for error in errors)
        super().__init__(
            f"{count} validation problem{'s' if count != 1 else ''}:\n{lines}"
        )


class Invalid(Exception):
    """Raised by the one-pass request check (``_check_request``) at the first problem it
    meets. It carries nothing: ``from_dict`` then runs the slower pass that names every
    problem with its path, so a valid request never pays for building paths."""


class ValidationWarning(UserWarning):
    """A problem found in ``warn`` mode."""


class UnknownEnumValueWarning(ValidationWarning):
    """A request value the docs do not list. Documented value lists go stale (new
    instance types appear before the docs are regenerated): unless enum checking is
    strict, such a value is sent with this warning."""


class _Settings:
    __slots__ = ("mode", "strict_enums")

    def __init__(self) -> None:
        self.mode: Mode = "strict"
        self.strict_enums = False


settings = _Settings()


def set_validation_mode(mode: Mode, *, strict_enums: bool | None = None) -> None:
    """Set this package's validation mode (default ``strict``) and, optionally, whether a
    value outside a documented enum list is an error (default: a warning)."""
    if mode not in MODES:
        raise ValueError(f"mode must be one of {', '.join(MODES)}, not {mode!r}")
    settings.mode = mode
    if strict_enums is not None:
        settings.strict_enums = strict_enums


def get_validation_mode() -> Mode:
    return settings.mode


class Issues:
    """Problems collected during one validation, with their paths."""

    __slots__ = ("enum_values", "errors")

    def __init__(self) -> None:
        self.errors: list[str] = []
        self.enum_values: list[str] = []

    def error(self, path: str, message: str) -> None:
        self.errors.append(f"{path}: {message}" if path else message)

    def type_error(self, path: str, expected: str, value: object) -> None:
        self.error(path, f"expected {expected}, got {type(value).__name__}")

    def enum(self, path: str, value: str, allowed: frozenset[str]) -> None:
        listed = ", ".join(sorted(allowed))
        self.enum_values.append(
            f"{path}: {value!r} is not one of the documented values ({listed})"
        )

    def unknown_members(
        self, prefix: str, data: Mapping[str, Any], known: frozenset[str]
    ) -> None:
        expected = ", ".join(sorted(known)) or "no members"
        for key in data:
            if key not in known:
                self.error(f"{prefix}{key}", f"unknown member (expected {expected})")

    def null_members(self, prefix: str, data: Mapping[str, Any]) -> None:
        for key, value in data.items():
            if value is None:
                self.error(f"{prefix}{key}", "must not be None")

    def report(self, mode: Mode, strict_enums: bool) -> None:
        """Raise or warn as ``mode`` says."""
        errors = self.errors + (self.enum_values if strict_enums else [])
        if errors and mode == "strict":
            raise ValidationError(errors)
        if errors:
            warnings.warn(
                "; ".join(errors), ValidationWarning, stacklevel=_caller_level()
            )
        if self.enum_values and not strict_enums:
            message = "; ".join(self.enum_values)
            warnings.warn(message, UnknownEnumValueWarning, stacklevel=_caller_level())


def _caller_level() -> int:
    """The ``stacklevel`` that points a warning raised in this package at the caller's own
    line (a constructor, ``from_dict`` or a client method, however deep the call)."""
    frame = sys._getframe(1)
    level = 1
    while frame.f_back is not None and _ours(frame):
        frame = frame.f_back
        level += 1
    return level


def _ours(frame: FrameType) -> bool:
    """Whether a frame runs this package's code, or a dataclass's generated ``__init__``
    (compiled from "<string>"), which is never the caller's line."""
    module = frame.f_globals.get("__name__", "")
    code = frame.f_code
    return (
        module == _PACKAGE
        or module.startswith(_PACKAGE + ".")
        or (code.co_name == "__init__" and code.co_filename == "<string>")
    )


_PACKAGE = __name__.rpartition(".")[0] or __name__


class _FirstProblem(Issues):
    """Stands in for ``Issues`` on a first pass that only asks whether anything is wrong
    (the common answer: no): the first problem raises ``Invalid``, and the caller runs the
    check again with ``Issues`` to name every problem. Keeps nothing, so one instance
    serves every thread."""

    __slots__ = ()

    def __init__(self) -> None:
        pass

    def error(self, path: str, message: str) -> None:
        raise Invalid

    def enum(self, path: str, value: str, allowed: frozenset[str]) -> None:
        raise Invalid


_FIRST_PROBLEM = _FirstProblem()


TOO_DEEP = "nested more deeply than the interpreter's recursion limit allows"
"""Recursive shapes (a search expression of search expressions) can be nested without
bound; past the recursion limit that is a validation problem, not a crash."""


class Shape:
    """Base of every generated shape: the entry points. Subclasses implement the
    specialised ``_parse``, ``_check_request``, ``_check`` and ``to_dict``."""

    __slots__ = ()
    _WIRE: ClassVar[tuple[str, ...]] = ()
    """The members' wire names, in the order of the fields."""
    _KEYS: ClassVar[frozenset[str]] = frozenset()
    """The same, as a set (made from ``_WIRE``)."""
    _WIRE_AS_GIVEN: ClassVar[bool] = False
    """Whether a valid request dict is already this request's JSON body (nothing in it is
    converted on the wire but bytes): a client sends such a dict as given once
    ``_check_request`` passes it, building no objects."""

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        cls._KEYS = frozenset(cls._WIRE)

    def __post_init__(self) -> None:
        mode = settings.mode
        if mode != "off":
            issues = self._problems(False)
            if issues is not None and (issues.errors or issues.enum_values):
                issues.report(mode, settings.strict_enums)

    def _problems(self, deep: bool) -> Issues | None:
        """``None`` if this object passes its check, else every problem with its path.

        The first pass only asks whether anything is wrong (the common answer: no) and
        stops at the first problem; the second, which names them all, runs only then."""
        try:
            self._check("", _FIRST_PROBLEM, deep)
            return None
        except Invalid:
            pass  # some problem, or an undocumented enum value
        issues = Issues()
        self._check("", issues, deep)
        return issues

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], *, mode: Mode | None = None) -> Self:
        """Build from a request dict with wire names, as botocore takes it; check it
        (deeply) unless the mode is ``off``. Unknown members and wrong types are errors;
        timestamps may be ``datetime`` or epoch seconds, blobs ``bytes`` or base64."""
        mode = settings.mode if mode is None else mode
        if mode != "off":
            try:
                cls._check_request(data)
                checked: Self = cls._parse(data)
                return checked
            except Invalid:
                pass  # some problem (or an undocumented enum value): name them below
            except RecursionError:
                raise ValidationError([f"{cls.__name__}: {TOO_DEEP}"]) from None
        issues = Issues()
        if not isinstance(data, dict):
            issues.type_error("", "a dict", data)
            raise ValidationError(issues.errors)
        try:
            shape: Self = cls._parse(data)
            if mode != "off":
                request_problems(shape, data, "", issues)
                shape._check("", issues, True)
        except RecursionError:
            raise ValidationError([f"{cls.__name__}: {TOO_DEEP}"]) from None
        if mode != "off" and (issues.errors or issues.enum_values):
            issues.report(mode, settings.strict_enums)
        return shape

    @classmethod
    def from_response(cls, data: Mapping[str, Any]) -> Self:
        """Build from a service response (parsed JSON). Never fails on unknown members
        or undocumented enum values (kept as plain strings) and does not validate."""
        try:
            shape: Self = cls._parse(data)
        except RecursionError:
            raise ValidationError([f"{cls.__name__}: {TOO_DEEP}"]) from None
        return shape

    def validate(
        self, mode: Mode | None = None, *, strict_enums: bool | None = None
    ) -> None:
        """Check this object and everything in it; raise ``ValidationError`` (``strict``)
        or warn (``warn``) listing every problem. ``None`` means the package setting."""
        mode = settings.mode if mode is None else mode
        if mode == "off":
            return
        try:
            issues = self._problems(True)
        except RecursionError:
            raise ValidationError([f"{type(self).__name__}: {TOO_DEEP}"]) from None
        if issues is not None and (issues.errors or issues.enum_values):
            enums = settings.strict_enums if strict_enums is None else strict_enums
            issues.report(mode, enums)

    @classmethod
    def _parse(cls, data: Any) -> Any:
        """An instance from a dict, read forgivingly (a response: unknown members ignored,
        values of unexpected types kept for ``_check`` to report); anything but a dict is
        returned as is. Every field starts as ``None``, then the keys given are walked:
        responses, like requests, hold a few of many optional members."""
        raise NotImplementedError

    @classmethod
    def _check_request(cls, data: Any) -> None:
        """Check a request dict deeply in one pass, building nothing; raise ``Invalid`` at
        the first problem (``from_dict`` then names them all). The pass walks the members
        given, as a request holds few of its optional ones: a key that is no member is
        unknown, and ``None`` fails every member's check."""
        raise NotImplementedError

    def _check(self, prefix: str, issues: Issues, deep: bool) -> None:
        raise NotImplementedError

    def to_dict(self) -> dict[str, Any]:
        """The wire form (JSON-ready): wire names, timestamps as epoch seconds, blobs
        base64. Members that are ``None`` are left out."""
        raise NotImplementedError


def passes(cls: type[Shape], data: Any) -> bool:
    """Whether a request dict passes ``cls``'s one-pass check (``_check_request``)."""
    try:
        cls._check_request(data)
    except (Invalid, RecursionError):
        return False
    return True


def request_problems(
    shape: Shape, data: Mapping[str, Any], prefix: str, issues: Issues
) -> None:
    """The problems of a request dict that the object ``_parse`` built from it no longer
    shows, which ``_check`` then cannot see: unknown members, members set to ``None``, and
    timestamps given as strings (ISO 8601 is a response's form only). Walks the object
    and the dict side by side, so every nested shape is found without type tables."""
    import dataclasses

    cls = type(shape)
    if not cls._KEYS.issuperset(data):
        issues.unknown_members(prefix, data, cls._KEYS)
    if None in data.values():
        issues.null_members(prefix, data)
    for field, key in zip(dataclasses.fields(shape), cls._WIRE):  # type: ignore[arg-type]
        _value_problems(
            getattr(shape, field.name), data.get(key), prefix + field.name, issues
        )


def _value_problems(value: Any, raw: Any, path: str, issues: Issues) -> None:
    if isinstance(value, Shape):
        if isinstance(raw, dict):
            request_problems(value, raw, path + ".", issues)
    elif isinstance(value, datetime) and isinstance(raw, str):
        issues.type_error(path, "a datetime", raw)
    elif isinstance(value, list) and isinstance(raw, list):
        for index, (item, raw_item) in enumerate(zip(value, raw)):
            _value_problems(item, raw_item, f"{path}[{index}]", issues)
    elif isinstance(value, dict) and isinstance(raw, dict):
        for key, item in value.items():
            _value_problems(item, raw.get(key), f"{path}[{key!r}]", issues)


class LazyPattern:
    """A regular expression compiled on its first use (most are never used in a run)."""

    __slots__ = ("search", "source")

    def __init__(self, source: str) -> None:
        self.source = source
        self.search: Callable[[str], re.Match[str] | None] = self._compile_and_search

    def _compile_and_search(self, text: str) -> re.Match[str] | None:
        self.search = re.compile(self.source).search
        return self.search(text)


# Wire conversions -------------------------------------------------------------------


def epoch_seconds(value: datetime) -> int:
    """Whole epoch seconds, as botocore's JSON serializer sends them (a naive datetime
    is taken as UTC; fractions of a second are dropped)."""
    return calendar.timegm(value.utctimetuple())


def timestamp_from(value: Any) -> Any:
    """A response's timestamp: epoch seconds or an ISO 8601 string, as an aware
    ``datetime`` (a naive one taken as UTC). Anything else is returned as is."""
    kind = type(value)
    if kind is float or kind is int:  # epoch seconds: the common case first
        try:
            return datetime.fromtimestamp(value, UTC)
        except (OverflowError, OSError, ValueError):
            return value
    if isinstance(value, datetime):
        return value if value.tzinfo is not None else value.replace(tzinfo=UTC)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        try:
            return datetime.fromtimestamp(value, UTC)
        except (OverflowError, OSError, ValueError):
            return value
    if isinstance(value, str):
        try:
            parsed = datetime.fromisoformat(value)
        except ValueError:
            return value
        return parsed if parsed.tzinfo is not None else parsed.replace(tzinfo=UTC)
    return value


def request_timestamp(value: Any) -> datetime:
    """A request's timestamp (an aware ``datetime``, naive taken as UTC, or epoch
    seconds), or ``Invalid``."""
    if isinstance(value, str):  # ISO 8601 strings are a response's form only
        raise Invalid
    converted = timestamp_from(value)
    if not isinstance(converted, datetime):
        raise Invalid
    return converted


def request_blob(value: Any) -> bytes:
    """A request's blob (see ``blob_from``), or ``Invalid``."""
    if isinstance(value, str):
        try:
            return base64.b64decode(value, validate=True)
        except (binascii.Error, ValueError):
            raise Invalid from None
    if not isinstance(value, bytes):
        raise Invalid
    return value


def b64(value: bytes) -> str:
    return base64.b64encode(value).decode("ascii")


def json_default(value: Any) -> Any:
    """``json.dumps``'s ``default`` for a request dict sent as given (``_WIRE_AS_GIVEN``):
    bytes go as base64, the wire form ``to_dict`` gives them."""
    if isinstance(value, bytes):
        return b64(value)
    raise TypeError(f"{type(value).__name__} has no JSON form")


def blob_from(value: Any) -> Any:
    """A blob: ``bytes``, or a base64 string (the wire form) decoded; anything else, an
    invalid base64 string included, as is (``_check`` reports it in a request)."""
    if isinstance(value, str):
        try:
            return base64.b64decode(value, validate=True)
        except (binascii.Error, ValueError):
            pass
    return value


E = TypeVar("E", bound=StrEnum)


_MEMBERS: dict[type[StrEnum], dict[Any, Any]] = {}
"""Each enum's value-to-member map, by enum class. Reading ``_value2member_map_`` off the
class costs more than this lookup (Python 3.11's ``EnumType`` has ``__getattr__``, which
slows every attribute read on an enum class)."""


def enum_or_str(enum: type[E], value: Any) -> E | Any:
    """The member for a documented value; any other value unchanged."""
    members = _MEMBERS.get(enum)
    if members is None:
        members = _MEMBERS[enum] = enum._value2member_map_
    try:
        return members.get(value, value)
    except TypeError:  # unhashable: not a value of any enum
        return value
