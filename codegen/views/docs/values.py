"""Deterministic example strings that satisfy a shape's length and pattern constraints.

A small generator walks the parsed (translated) pattern and emits one matching string,
reading letters from a filler word (``example``) wherever the pattern allows, so that
``.+`` gives ``example`` and ``[a-z0-9-]{3,}`` gives ``example`` too. Every candidate is
checked against the compiled pattern and the length bounds; the first that passes wins.
"""

from __future__ import annotations

import re
import re._parser as sre_parse  # type: ignore[import-not-found]  # no public regex AST
from collections.abc import Callable, Iterator
from functools import lru_cache
from typing import Any

from ...model import Constraints
from ...patterns import PatternError, compile_checked

_C = sre_parse  # opcodes live on the parser module (re._constants re-exported)
FILLER = "example"
DIGITS = "123456789012"
_PREFERRED = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ-_.:/"


@lru_cache(maxsize=4096)
def example_string(constraints: Constraints, member: str) -> str:
    """A string valid for ``constraints`` (best effort when nothing valid is found)."""
    if constraints.enum:
        return constraints.enum[0]
    first: str | None = None
    for candidate in _candidates(constraints, member):
        if _valid(candidate, constraints):
            return candidate
        first = candidate if first is None else first
    return first or FILLER


def _valid(value: str, c: Constraints) -> bool:
    if c.min_length is not None and len(value) < c.min_length:
        return False
    if c.max_length is not None and len(value) > c.max_length:
        return False
    if c.pattern is None:
        return True
    compiled = _compiled(c.pattern)
    return compiled is not None and compiled.search(value) is not None


@lru_cache(maxsize=4096)
def _compiled(java: str) -> re.Pattern[str] | None:
    try:
        return compile_checked(java)
    except PatternError:
        return None


def _candidates(c: Constraints, member: str) -> Iterator[str]:
    hint = _hint(member)
    if hint:
        yield hint
    compiled = _compiled(c.pattern) if c.pattern else None
    if compiled is not None:
        yield from _pattern_candidates(compiled.pattern, c)
    yield _fit(FILLER, c)
    yield _fit(DIGITS, c)


def _pattern_candidates(python_pattern: str, c: Constraints) -> Iterator[str]:
    """Strings from the pattern: first those where one variable repetition (the last
    one possible) spells the filler word and all others repeat their minimum, then
    strings where every repetition is stretched towards the minimum length."""
    spelled = []
    for filling in range(_MAX_FILLING):
        emitter = _Emitter(filling=filling)
        generated = _generate(python_pattern, emitter)
        if generated is not None and emitter.spelled:
            spelled.append(generated)
    yield from reversed(spelled)
    for stretch in sorted({len(FILLER), 1, 0, c.min_length or 0, (c.min_length or 0) + 1}):
        generated = _generate(python_pattern, _Emitter(stretch=stretch))
        if generated is not None:
            yield generated


_MAX_FILLING = 8


def _fit(word: str, c: Constraints) -> str:
    """``word`` repeated or cut to the length bounds."""
    text = word
    while c.min_length is not None and len(text) < c.min_length:
        text += word
    if c.min_length is not None and len(text) > c.min_length and c.max_length is not None:
        text = text[: max(c.min_length, min(len(text), c.max_length))]
    return text[: c.max_length] if c.max_length is not None else text


_HINTS: tuple[tuple[Callable[[str], bool], str], ...] = (
    (lambda m: m.endswith(("Arn", "ARN")), "arn:aws:service:us-east-1:123456789012:example"),
    (lambda m: m.endswith(("S3Uri", "S3Path")), "s3://amzn-s3-demo-bucket/example"),
    (lambda m: m.endswith(("Url", "URL")), "https://example.com"),
    (lambda m: m.endswith("Region"), "us-east-1"),
)


def _hint(member: str) -> str | None:
    for matches, value in _HINTS:
        if matches(member):
            return value
    return None


# ---------------------------------------------------------------------------------------
# Generating from the parsed pattern.


class _Unsupported(Exception):
    pass


class _Emitter:
    """Emits one string for a parsed pattern. Variable repetitions repeat their minimum,
    except the ``filling``-th one met (which repeats until the filler word is spelled)
    or, with ``stretch``, all of them (``stretch`` times where allowed)."""

    def __init__(self, *, filling: int = -1, stretch: int = 0) -> None:
        self.filling = filling
        self.stretch = stretch
        self.variable_seen = 0
        self.spelled = False
        self.filler = 0
        self.digits = 0
        self.groups: dict[int, str] = {}

    def pick(self, allowed: Callable[[str], bool]) -> str:
        letter = FILLER[self.filler % len(FILLER)]
        for candidate, counter in ((letter, "filler"), (letter.upper(), "filler")):
            if allowed(candidate):
                self.filler += 1 if counter == "filler" else 0
                return candidate
        digit = DIGITS[self.digits % len(DIGITS)]
        if allowed(digit):
            self.digits += 1
            return digit
        for candidate in _PREFERRED:
            if allowed(candidate):
                return candidate
        for code in range(0x20, 0x3000):
            if allowed(chr(code)):
                return chr(code)
        raise _Unsupported("no character found for a class")

    def items(self, parsed: Any) -> str:
        return "".join(self.item(op, arg) for op, arg in parsed)

    def item(self, op: Any, arg: Any) -> str:
        if op is _C.LITERAL:
            return chr(arg)
        if op is _C.NOT_LITERAL:
            return self.pick(lambda ch: ord(ch) != arg)
        if op is _C.ANY:
            return self.pick(lambda ch: ch not in "\n\r\x85\u2028\u2029")
        if op is _C.IN:
            return self.pick(_class_test(arg))
        if op in (_C.MAX_REPEAT, _C.MIN_REPEAT, _C.POSSESSIVE_REPEAT):
            return self.repeat(*arg)
        if op is _C.SUBPATTERN:
            group, _add, _del, sub = arg
            text = self.items(sub)
            if group is not None:
                self.groups[group] = text
            return text
        if op is _C.ATOMIC_GROUP:
            return self.items(arg)
        if op is _C.BRANCH:
            return self.items(arg[1][0])
        if op is _C.GROUPREF:
            return self.groups.get(arg, "")
        if op in (_C.AT, _C.ASSERT, _C.ASSERT_NOT):
            return ""
        raise _Unsupported(str(op))

    def repeat(self, low: int, high: int, sub: Any) -> str:
        if high == low or not _yields_letters(sub):
            return "".join(self.items(sub) for _ in range(low))
        index = self.variable_seen
        self.variable_seen += 1
        limit = high if high != _C.MAXREPEAT else max(low, len(FILLER), self.stretch)
        parts = [self.items(sub) for _ in range(low)]
        if index == self.filling:
            start = self.filler
            while (
                len(parts) < limit
                and self.filler - start < len(FILLER)
                and (self.filler % len(FILLER) or self.filler == start)
            ):
                parts.append(self.items(sub))
            self.spelled = self.filler - start >= len(FILLER) - 1
        elif self.stretch > low:
            parts.extend(self.items(sub) for _ in range(min(self.stretch, limit) - low))
        return "".join(parts)


def _yields_letters(sub: Any) -> bool:
    try:
        return any(ch.isalnum() for ch in _Emitter().items(sub) or _Emitter(stretch=1).items(sub))
    except _Unsupported:
        return False


_CATEGORIES: dict[Any, Callable[[str], bool]] = {
    _C.CATEGORY_DIGIT: lambda ch: ch.isascii() and ch.isdigit(),
    _C.CATEGORY_NOT_DIGIT: lambda ch: not (ch.isascii() and ch.isdigit()),
    _C.CATEGORY_WORD: lambda ch: ch.isalnum() or ch == "_",
    _C.CATEGORY_NOT_WORD: lambda ch: not (ch.isalnum() or ch == "_"),
    _C.CATEGORY_SPACE: lambda ch: ch.isspace(),
    _C.CATEGORY_NOT_SPACE: lambda ch: not ch.isspace(),
}


def _code_range(low: int, high: int) -> Callable[[str], bool]:
    return lambda ch: low <= ord(ch) <= high


def _class_test(items: Any) -> Callable[[str], bool]:
    negated = any(op is _C.NEGATE for op, _ in items)
    tests: list[Callable[[str], bool]] = []
    for op, arg in items:
        if op is _C.LITERAL:
            tests.append(_code_range(arg, arg))
        elif op is _C.RANGE:
            tests.append(_code_range(*arg))
        elif op is _C.CATEGORY:
            tests.append(_CATEGORIES.get(arg, lambda ch: False))
    return lambda ch: any(test(ch) for test in tests) != negated


@lru_cache(maxsize=1024)
def _parsed(python_pattern: str) -> Any:
    return sre_parse.parse(python_pattern)


def _generate(python_pattern: str, emitter: _Emitter) -> str | None:
    try:
        return str(emitter.items(_parsed(python_pattern)))
    except (_Unsupported, RecursionError, re.error):
        return None
