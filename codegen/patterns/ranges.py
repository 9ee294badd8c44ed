"""Code point interval arithmetic, and the Unicode and POSIX property tables as intervals."""

from __future__ import annotations

import functools
import itertools
import unicodedata

UNICODE_VERSION = unicodedata.unidata_version
MAX_CODE_POINT = 0x10FFFF

# Sorted, disjoint, non-adjacent inclusive code point intervals.
Ranges = tuple[tuple[int, int], ...]


class PatternError(ValueError):
    """A Java regex construct that has no faithful Python ``re`` translation."""


# --- code point interval arithmetic -------------------------------------------------


def _normalize(intervals: list[tuple[int, int]] | Ranges) -> Ranges:
    merged: list[tuple[int, int]] = []
    for lo, hi in sorted(intervals):
        if merged and lo <= merged[-1][1] + 1:
            merged[-1] = (merged[-1][0], max(hi, merged[-1][1]))
        else:
            merged.append((lo, hi))
    return tuple(merged)


def _union(*parts: Ranges) -> Ranges:
    return _normalize([interval for part in parts for interval in part])


def _complement(ranges: Ranges) -> Ranges:
    gaps: list[tuple[int, int]] = []
    next_free = 0
    for lo, hi in ranges:
        if lo > next_free:
            gaps.append((next_free, lo - 1))
        next_free = hi + 1
    if next_free <= MAX_CODE_POINT:
        gaps.append((next_free, MAX_CODE_POINT))
    return tuple(gaps)


def _intersect(left: Ranges, right: Ranges) -> Ranges:
    return _complement(_union(_complement(left), _complement(right)))


def _chars(text: str) -> Ranges:
    return _normalize([(ord(c), ord(c)) for c in text])


def _ascii_case_closure(ranges: Ranges) -> Ranges:
    """Java's CASE_INSENSITIVE (without UNICODE_CASE) folds ASCII letters only."""
    extra: list[tuple[int, int]] = []
    for lower, upper in ((ord("a"), ord("z")), (ord("A"), ord("Z"))):
        shift = ord("a") - ord("A") if lower == ord("A") else ord("A") - ord("a")
        for lo, hi in _intersect(ranges, ((lower, upper),)):
            extra.append((lo + shift, hi + shift))
    return _union(ranges, tuple(extra))


# --- Unicode and POSIX property tables ----------------------------------------------


@functools.cache
def _general_categories() -> dict[str, Ranges]:
    """Two-letter and one-letter general categories, from one pass over all code points."""
    runs: dict[str, list[tuple[int, int]]] = {}
    start = 0
    code_points = map(chr, range(MAX_CODE_POINT + 1))
    for category, group in itertools.groupby(map(unicodedata.category, code_points)):
        end = start + sum(1 for _ in group) - 1
        runs.setdefault(category, []).append((start, end))
        start = end + 1
    table = {name: _normalize(intervals) for name, intervals in runs.items()}
    for major in "CLMNPSZ":
        table[major] = _union(*(r for name, r in table.items() if name[0] == major))
    table["LC"] = _union(table["Lu"], table["Ll"], table["Lt"])
    table["LD"] = _union(table["L"], table["Nd"])
    return table


_ASCII_ALPHA = _chars("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")
_ASCII_DIGIT = ((ord("0"), ord("9")),)
_ASCII_PUNCT = _chars("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")
_ASCII_SPACE = _chars(" \t\n\x0b\f\r")
_WORD = _union(_ASCII_ALPHA, _ASCII_DIGIT, _chars("_"))
_HORIZONTAL_SPACE = _chars(" \t\xa0\u1680\u180e\u202f\u205f\u3000") + ((0x2000, 0x200A),)
_VERTICAL_SPACE = _chars("\n\x0b\f\r\x85\u2028\u2029")

# Java's POSIX classes are US-ASCII only unless UNICODE_CHARACTER_CLASS is set.
_POSIX_CLASSES: dict[str, Ranges] = {
    "Lower": ((ord("a"), ord("z")),),
    "Upper": ((ord("A"), ord("Z")),),
    "ASCII": ((0, 0x7F),),
    "Alpha": _ASCII_ALPHA,
    "Digit": _ASCII_DIGIT,
    "Alnum": _union(_ASCII_ALPHA, _ASCII_DIGIT),
    "Punct": _ASCII_PUNCT,
    "Graph": _union(_ASCII_ALPHA, _ASCII_DIGIT, _ASCII_PUNCT),
    "Print": _union(_ASCII_ALPHA, _ASCII_DIGIT, _ASCII_PUNCT, _chars(" ")),
    "Blank": _chars(" \t"),
    "Cntrl": ((0, 0x1F), (0x7F, 0x7F)),
    "XDigit": _union(_ASCII_DIGIT, _chars("abcdefABCDEF")),
    "Space": _ASCII_SPACE,
    "L1": ((0, 0xFF),),
    "all": ((0, MAX_CODE_POINT),),
}

# Binary properties (\p{IsXxx}) that Java derives from general categories alone.
_DERIVED_BINARY: dict[str, tuple[str, ...]] = {
    "LETTER": ("L",),
    "DIGIT": ("Nd",),
    "PUNCTUATION": ("P",),
    "CONTROL": ("Cc",),
    "TITLECASE": ("Lt",),
}
# Binary properties that need Unicode data ``unicodedata`` does not expose.
_UNAVAILABLE_BINARY = {
    "ALPHABETIC": "Other_Alphabetic",
    "LOWERCASE": "Other_Lowercase",
    "UPPERCASE": "Other_Uppercase",
    "IDEOGRAPHIC": "Ideographic",
    "WORD": "Other_Alphabetic",
    "EMOJI": "Emoji",
}


def _binary_property(name: str) -> Ranges | None:
    key = name.upper().replace("_", "").replace(" ", "")
    categories = _general_categories()
    if key in _DERIVED_BINARY:
        return _union(*(categories[c] for c in _DERIVED_BINARY[key]))
    if key == "ASSIGNED":
        return _complement(categories["Cn"])
    if key == "WHITESPACE":
        return _union(categories["Z"], ((0x09, 0x0D), (0x85, 0x85)))
    if key == "HEXDIGIT":
        fullwidth = ((0xFF10, 0xFF19), (0xFF21, 0xFF26), (0xFF41, 0xFF46))
        return _union(categories["Nd"], _POSIX_CLASSES["XDigit"], fullwidth)
    if key == "JOINCONTROL":
        return ((0x200C, 0x200D),)
    if key == "NONCHARACTERCODEPOINT":
        planes = tuple((p << 16 | 0xFFFE, p << 16 | 0xFFFF) for p in range(17))
        return _union(((0xFDD0, 0xFDEF),), planes)
    for unavailable, data in _UNAVAILABLE_BINARY.items():
        if key.startswith(unavailable):
            raise PatternError(
                f"\\p{{Is{name}}} needs the Unicode {data} property, "
                "which Python's unicodedata does not provide"
            )
    return None


def _named_class(name: str) -> Ranges | None:
    if name in _POSIX_CLASSES:
        return _POSIX_CLASSES[name]
    return _general_categories().get(name)


def _property_ranges(name: str) -> Ranges:
    """Resolve the body of ``\\p{...}`` the way java.util.regex does (minus scripts/blocks)."""
    key, _, value = name.partition("=")
    if value and key in {"gc", "general_category"}:
        name = value
    elif value or name.startswith("In"):
        raise PatternError(f"\\p{{{name}}}: Unicode scripts and blocks are not supported")
    elif name.startswith("java"):
        raise PatternError(f"\\p{{{name}}}: java.lang.Character properties are not supported")
    resolved: Ranges | None
    if name.startswith("Is"):
        resolved = _binary_property(name[2:]) or _named_class(name[2:])
    else:
        resolved = _named_class(name)
    if resolved is None:
        raise PatternError(f"unknown or unsupported property class \\p{{{name}}}")
    return resolved
