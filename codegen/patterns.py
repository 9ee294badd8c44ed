"""Translate the docs' Java-style ``Pattern:`` regexes into Python ``re`` patterns.

The generated package validates with the standard ``re`` module only, so every
Java-specific construct is rewritten here, at generation time, into plain ``re``
syntax with the same meaning under ``re.search`` (Smithy's "search" semantics):

* ``\\d \\w \\s`` (and negations) stay ASCII-only, as in Java; ``\\b`` becomes ``(?a:\\b)``.
* ``.``, ``$`` and ``\\Z`` use Java's line terminators (``\\n \\r \\x85 \\u2028 \\u2029``,
  with ``\\r\\n`` as one terminator), not Python's lone ``\\n``.
* Unicode property classes (``\\p{L}``, ``\\P{C}``, ``\\p{Alnum}`` ...) are expanded into
  explicit code point ranges.  General categories come from the running Python's
  ``unicodedata`` (see ``UNICODE_VERSION``), which may differ from the Unicode version
  of the JVM that defined the pattern for code points assigned in between.
* Java character classes (nested classes, ``&&`` intersections, UTF-16 surrogate pair
  escapes such as ``\\uD800\\uDC00``) are evaluated to sets of code points and emitted as
  one flat Python class, every non-printable or non-ASCII character escaped.
* Possessive quantifiers and atomic groups are kept (``re`` supports them since 3.11).

Constructs that cannot be expressed faithfully raise ``PatternError``.
"""

from __future__ import annotations

import functools
import itertools
import re
import unicodedata
from dataclasses import dataclass, replace

__all__ = ["UNICODE_VERSION", "PatternError", "compile_checked", "translate_pattern"]

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


# --- emitting Python syntax ---------------------------------------------------------

_NAMED_CONTROL_ESCAPES = {"\t": "\\t", "\n": "\\n", "\r": "\\r", "\f": "\\f"}
_SPECIAL_OUTSIDE_CLASS = set("\\.^$*+?{}[]()|")
_SPECIAL_INSIDE_CLASS = set("\\]^-[&~|")


def _escape_char(code_point: int, *, in_class: bool) -> str:
    char = chr(code_point)
    special = _SPECIAL_INSIDE_CLASS if in_class else _SPECIAL_OUTSIDE_CLASS
    if char in _NAMED_CONTROL_ESCAPES:
        return _NAMED_CONTROL_ESCAPES[char]
    if 0x20 <= code_point < 0x7F:
        return "\\" + char if char in special else char
    if code_point <= 0xFF:
        return f"\\x{code_point:02x}"
    if code_point <= 0xFFFF:
        return f"\\u{code_point:04x}"
    return f"\\U{code_point:08x}"


def _readable_pieces(ranges: Ranges) -> Ranges:
    """Split ranges so that none spans printable ASCII punctuation (``+-:`` hides ``,./``)."""
    pieces: list[tuple[int, int]] = []
    for lo, hi in ranges:
        if lo <= 0x21 and hi >= 0x7E:  # spans all visible ASCII: clear as one range
            pieces.append((lo, hi))
            continue
        start = lo
        for boundary in _READABLE_BOUNDARIES:
            if start <= boundary < hi:
                pieces.append((start, boundary))
                start = boundary + 1
        pieces.append((start, hi))
    return tuple(pieces)


# Last code point of each run that may form one range: controls, single punctuation
# characters, digits, upper- and lowercase letters, then everything from DEL upwards.
_READABLE_BOUNDARIES = tuple(
    cp
    for cp in range(0x1F, 0x7F)
    if not (
        chr(cp).isalnum() and chr(cp + 1).isalnum() and chr(cp).isupper() == chr(cp + 1).isupper()
    )
)


def _class_body(ranges: Ranges) -> str:
    parts: list[str] = []
    for lo, hi in _readable_pieces(ranges):
        parts.append(_escape_char(lo, in_class=True))
        if hi > lo + 1:
            parts.append("-")
        if hi > lo:
            parts.append(_escape_char(hi, in_class=True))
    return "".join(parts)


def _emit_set(ranges: Ranges, *, negated: bool) -> str:
    """One Python atom matching exactly ``ranges`` (or its complement when negated)."""
    everything = ((0, MAX_CODE_POINT),)
    if negated and not ranges:
        return "(?s:.)"
    if (negated and ranges == everything) or not ranges:
        return "(?!)"
    if negated:
        return "[^" + _class_body(ranges) + "]"
    if len(ranges) == 1 and ranges[0][0] == ranges[0][1]:
        return _escape_char(ranges[0][0], in_class=False)
    return "[" + _class_body(ranges) + "]"


# --- the translator -----------------------------------------------------------------

_LINE_TERMINATORS = "[\\n\\r\\x85\\u2028\\u2029]"
_FLAG_LETTERS = "idmsuxUc"


@dataclass(frozen=True)
class _Flags:
    case_insensitive: bool = False
    multiline: bool = False
    dotall: bool = False
    unix_lines: bool = False
    comments: bool = False


@dataclass(frozen=True)
class _CharSet:
    ranges: Ranges
    negated: bool
    uses_property: bool = False


def _remove_qe_quoting(java: str) -> str:
    """Rewrite ``\\Q...\\E`` as escaped literals, as Java does before parsing."""
    out: list[str] = []
    i = 0
    while i < len(java):
        if java.startswith("\\Q", i):
            end = java.find("\\E", i + 2)
            quoted = java[i + 2 :] if end < 0 else java[i + 2 : end]
            out.extend(c if c.isascii() and c.isalnum() else "\\" + c for c in quoted)
            i = len(java) if end < 0 else end + 2
        elif java[i] == "\\":
            out.append(java[i : i + 2])
            i += 2
        else:
            out.append(java[i])
            i += 1
    return "".join(out)


class _Translator:
    def __init__(self, java: str) -> None:
        self.text = _remove_qe_quoting(java)
        self.pos = 0
        self.out: list[str] = []
        self.flag_stack: list[_Flags] = [_Flags()]
        self.group_count = 0
        self.group_names: set[str] = set()

    # -- helpers --

    @property
    def flags(self) -> _Flags:
        return self.flag_stack[-1]

    def peek(self, offset: int = 0) -> str:
        index = self.pos + offset
        return self.text[index] if index < len(self.text) else ""

    def fail(self, what: str) -> PatternError:
        return PatternError(f"{what} at offset {self.pos} in {self.text!r}")

    def skip_comments_mode_filler(self) -> None:
        while self.flags.comments and self.pos < len(self.text):
            if self.peek().isspace():
                self.pos += 1
            elif self.peek() == "#":
                end = self.text.find("\n", self.pos)
                self.pos = len(self.text) if end < 0 else end + 1
            else:
                return

    # -- top level --

    def translate(self) -> str:
        while True:
            self.skip_comments_mode_filler()
            if self.pos >= len(self.text):
                break
            self.translate_token()
        if len(self.flag_stack) > 1:
            raise self.fail("unclosed group")
        return "".join(self.out)

    def translate_token(self) -> None:
        char = self.peek()
        if char == "\\":
            self.out.append(self.translate_escape_outside_class())
        elif char == "[":
            self.out.append(self.emit_char_set(self.parse_class()))
        elif char == "(":
            self.open_group()
        elif char == ")":
            self.close_group()
        elif char in "*+?{":
            self.out.append(self.parse_quantifier())
        elif char == "|":
            self.pos += 1
            self.out.append("|")
        elif char == ".":
            self.pos += 1
            self.out.append(self.dot())
        elif char == "^":
            self.pos += 1
            self.out.append(self.caret())
        elif char == "$":
            self.pos += 1
            self.out.append(self.dollar(multiline=self.flags.multiline))
        else:
            self.pos += 1
            self.out.append(self.emit_char_set(_CharSet(_chars(char), negated=False)))

    # -- anchors and dot, with Java's line terminators --

    def dot(self) -> str:
        if self.flags.dotall:
            return "(?s:.)"
        return "[^\\n]" if self.flags.unix_lines else "[^\\n\\r\\x85\\u2028\\u2029]"

    def caret(self) -> str:
        if not self.flags.multiline:
            return "^"
        if self.flags.unix_lines:
            return "(?:\\A|(?<=\\n)(?!\\Z))"
        return f"(?:\\A|(?<={_LINE_TERMINATORS})(?!\\Z)(?!(?<=\\r)\\n))"

    def dollar(self, *, multiline: bool) -> str:
        if self.flags.unix_lines:
            return "(?=\\n|\\Z)" if multiline else "(?=\\n?\\Z)"
        if multiline:
            return f"(?={_LINE_TERMINATORS}|\\Z)(?!(?<=\\r)\\n)"
        return "(?=(?:\\r\\n|(?<!\\r)\\n|[\\r\\x85\\u2028\\u2029])?\\Z)"

    # -- groups and quantifiers --

    def open_group(self) -> None:
        self.pos += 1
        if self.peek() != "?":
            self.group_count += 1
            self.flag_stack.append(self.flags)
            self.out.append("(")
            return
        self.pos += 1
        for java_prefix in (":", "=", "!", "<=", "<!", ">"):
            if self.text.startswith(java_prefix, self.pos):
                self.pos += len(java_prefix)
                self.flag_stack.append(self.flags)
                self.out.append("(?" + java_prefix)
                return
        if self.peek() == "<":
            self.open_named_group()
        else:
            self.parse_inline_flags()

    def open_named_group(self) -> None:
        match = re.compile(r"<([a-zA-Z][a-zA-Z0-9]*)>").match(self.text, self.pos)
        if match is None:
            raise self.fail("malformed named group")
        self.pos = match.end()
        self.group_count += 1
        self.group_names.add(match[1])
        self.flag_stack.append(self.flags)
        self.out.append(f"(?P<{match[1]}>")

    def parse_inline_flags(self) -> None:
        match = re.compile(r"([a-zA-Z]*)(?:-([a-zA-Z]*))?([:)])").match(self.text, self.pos)
        if match is None:
            raise self.fail(f"unknown group construct (?{self.peek()}")
        flags = self.flags
        for letters, value in ((match[1], True), (match[2] or "", False)):
            for letter in letters:
                flags = self.with_flag(flags, letter, value)
        self.pos = match.end()
        if match[3] == ")":
            self.flag_stack[-1] = flags  # lasts until the enclosing group closes
        else:
            self.flag_stack.append(flags)
            self.out.append("(?:")

    def with_flag(self, flags: _Flags, letter: str, value: bool) -> _Flags:
        names = {"i": "case_insensitive", "m": "multiline", "s": "dotall"}
        names |= {"d": "unix_lines", "x": "comments"}
        if letter in names:
            return replace(flags, **{names[letter]: value})
        if letter in _FLAG_LETTERS:
            raise self.fail(f"unsupported inline flag (?{letter})")
        raise self.fail(f"unknown inline flag (?{letter})")

    def close_group(self) -> None:
        if len(self.flag_stack) == 1:
            raise self.fail("unmatched ')'")
        self.flag_stack.pop()
        self.pos += 1
        self.out.append(")")

    def parse_quantifier(self) -> str:
        if self.peek() == "{":
            match = re.compile(r"\{(\d+)(,(\d*))?\}").match(self.text, self.pos)
            if match is None:
                raise self.fail("'{' that does not start a {n,m} quantifier")
            if match[3] and int(match[3]) < int(match[1]):
                raise self.fail("quantifier {n,m} with m < n")
            base = match[0]
            self.pos = match.end()
        else:
            base = self.peek()
            self.pos += 1
        if self.peek() in (
            "?",
            "+",
        ):  # lazy or possessive: same spelling in Python 3.11
            base += self.peek()
            self.pos += 1
        return base

    # -- escapes --

    def translate_escape_outside_class(self) -> str:
        letter = self.peek(1)
        assertions = {"A": "\\A", "z": "\\Z", "b": "(?a:\\b)", "B": "(?a:\\B)"}
        if letter in assertions:
            self.pos += 2
            return assertions[letter]
        if letter == "Z":
            self.pos += 2
            return self.dollar(multiline=False)
        if letter == "R":
            self.pos += 2
            return "(?>\\r\\n|[\\n\\x0b\\f\\r\\x85\\u2028\\u2029])"
        if letter == "k":
            return self.named_backreference()
        if letter.isdigit() and letter != "0":
            return self.numbered_backreference()
        return self.emit_char_set(self.parse_escape(in_class=False))

    def numbered_backreference(self) -> str:
        # Java takes the longest prefix of the digits naming an existing group.
        match = re.compile(r"\d+").match(self.text, self.pos + 1)
        assert match is not None
        digits = match[0]
        while len(digits) > 1 and int(digits) > self.group_count:
            digits = digits[:-1]
        self.check_backreference_allowed(digits)
        self.pos += 1 + len(digits)
        return f"(?:\\{digits})"

    def named_backreference(self) -> str:
        match = re.compile(r"\\k<([a-zA-Z][a-zA-Z0-9]*)>").match(self.text, self.pos)
        if match is None or match[1] not in self.group_names:
            raise self.fail("malformed or unknown named backreference \\k<...>")
        self.check_backreference_allowed(match[1])
        self.pos = match.end()
        return f"(?P={match[1]})"

    def check_backreference_allowed(self, reference: str) -> None:
        if self.flags.case_insensitive:
            raise self.fail(f"case-insensitive backreference \\{reference}")
        if reference.isdigit() and int(reference) > self.group_count:
            raise self.fail(f"backreference \\{reference} to a group not yet defined")

    def parse_escape(self, *, in_class: bool) -> _CharSet:
        """A character or class escape (``\\x41``, ``\\d``, ``\\p{L}``) at self.pos."""
        letter = self.peek(1)
        if not letter:
            raise self.fail("trailing backslash")
        self.pos += 2
        class_escapes = {
            "d": _ASCII_DIGIT,
            "w": _WORD,
            "s": _ASCII_SPACE,
            "h": _HORIZONTAL_SPACE,
            "v": _VERTICAL_SPACE,
        }
        if letter.lower() in class_escapes:
            return _CharSet(class_escapes[letter.lower()], negated=letter.isupper())
        if letter in "pP":
            return _CharSet(self.property_name_ranges(), letter == "P", uses_property=True)
        return _CharSet(_chars(chr(self.escaped_code_point(letter, in_class))), negated=False)

    def property_name_ranges(self) -> Ranges:
        if self.peek() == "{":
            end = self.text.find("}", self.pos)
            if end < 0:
                raise self.fail("unclosed \\p{...}")
            name, self.pos = self.text[self.pos + 1 : end], end + 1
        else:
            name, self.pos = self.peek(), self.pos + 1
        return _property_ranges(name)

    def escaped_code_point(self, letter: str, in_class: bool) -> int:
        simple = {"t": 0x09, "n": 0x0A, "r": 0x0D, "f": 0x0C, "a": 0x07, "e": 0x1B}
        if letter in simple:
            return simple[letter]
        if letter == "0":
            return self.read_number(r"[0-3][0-7]{2}|[0-7]{1,2}", 8, "octal escape \\0")
        if letter == "c":
            if not self.peek():
                raise self.fail("unterminated control escape \\c")
            self.pos += 1
            return ord(self.text[self.pos - 1]) ^ 64
        if letter == "x":
            if self.peek() == "{":
                code_point = self.read_number(r"\{[0-9a-fA-F]+\}", 16, "escape \\x{...}")
                if code_point > MAX_CODE_POINT:
                    raise self.fail("escape \\x{...} beyond U+10FFFF")
                return code_point
            return self.read_number(r"[0-9a-fA-F]{2}", 16, "escape \\xhh")
        if letter == "u":
            return self.utf16_escape()
        if letter == "N":
            return self.named_character()
        if letter.isascii() and letter.isalnum():
            where = " inside a character class" if in_class else ""
            raise self.fail(f"unsupported escape \\{letter}{where}")
        return ord(letter)

    def read_number(self, syntax: str, base: int, what: str) -> int:
        match = re.compile(syntax).match(self.text, self.pos)
        if match is None:
            raise self.fail(f"malformed {what}")
        self.pos = match.end()
        return int(match[0].strip("{}"), base)

    def utf16_escape(self) -> int:
        """``\\uXXXX``; a high surrogate followed by ``\\uDC00``-style low one is one code point."""
        unit = self.read_number(r"[0-9a-fA-F]{4}", 16, "escape \\uXXXX")
        low = re.compile(r"\\u(d[c-f][0-9a-f]{2})", re.IGNORECASE).match(self.text, self.pos)
        if 0xD800 <= unit <= 0xDBFF and low is not None:
            self.pos = low.end()
            return 0x10000 + ((unit - 0xD800) << 10) + (int(low[1], 16) - 0xDC00)
        return unit

    def named_character(self) -> int:
        match = re.compile(r"\{([^}]*)\}").match(self.text, self.pos)
        if match is None:
            raise self.fail("malformed \\N{name}")
        try:
            code_point = ord(unicodedata.lookup(match[1]))
        except KeyError:
            raise self.fail(f"unknown character name \\N{{{match[1]}}}") from None
        self.pos = match.end()
        return code_point

    # -- character classes --

    def parse_class(self) -> _CharSet:
        """A Java ``[...]`` class, nested classes and ``&&`` included, as one set."""
        self.pos += 1
        negated = self.peek() == "^"
        self.pos += negated
        operands: list[Ranges] = []
        current: list[tuple[int, int]] = []
        uses_property = False
        first = True
        while True:
            self.skip_comments_mode_filler()
            char = self.peek()
            if not char:
                raise self.fail("unclosed character class")
            if char == "]" and not first:
                self.pos += 1
                break
            first = False
            if char == "[":
                nested = self.parse_class()
                uses_property |= nested.uses_property
                current.extend(_complement(nested.ranges) if nested.negated else nested.ranges)
            elif self.text.startswith("&&", self.pos):
                self.pos += 2
                operands.append(_normalize(current))
                current = []
            else:
                item = self.parse_class_item()
                uses_property |= item.uses_property
                current.extend(item.ranges)
        operands.append(_normalize(current))
        return _CharSet(functools.reduce(_intersect, operands), negated, uses_property)

    def parse_class_item(self) -> _CharSet:
        """One literal, escape or ``a-z`` range inside a class."""
        start = self.parse_class_atom()
        if start.negated or len(start.ranges) != 1 or start.ranges[0][0] != start.ranges[0][1]:
            return _CharSet(_complement(start.ranges), False, True) if start.negated else start
        if self.peek() != "-" or self.peek(1) in ("]", "[", ""):
            return start
        self.pos += 1
        end = self.parse_class_atom()
        if end.negated or len(end.ranges) != 1 or end.ranges[0][0] != end.ranges[0][1]:
            raise self.fail("character range ending in a class escape")
        low, high = start.ranges[0][0], end.ranges[0][0]
        if high < low:
            raise self.fail("illegal character range")
        return _CharSet(((low, high),), negated=False)

    def parse_class_atom(self) -> _CharSet:
        if self.peek() == "\\":
            return self.parse_escape(in_class=True)
        self.pos += 1
        return _CharSet(_chars(self.text[self.pos - 1]), negated=False)

    def emit_char_set(self, char_set: _CharSet) -> str:
        ranges = char_set.ranges
        if self.flags.case_insensitive:
            if char_set.uses_property:
                raise self.fail("case-insensitive Unicode property class")
            ranges = _ascii_case_closure(ranges)
        return _emit_set(ranges, negated=char_set.negated)


def translate_pattern(java: str) -> str:
    """Java regex -> equivalent Python ``re`` pattern, for use with ``re.search``.

    Not anchored unless the Java pattern anchors itself.  Raises ``PatternError``
    naming the construct when there is no faithful translation.
    """
    return _Translator(java).translate()


def compile_checked(java: str) -> re.Pattern[str]:
    """Translate and compile; any ``re.error`` is reported as ``PatternError``."""
    translated = translate_pattern(java)
    try:
        return re.compile(translated)
    except re.error as error:
        raise PatternError(f"{java!r} translates to a pattern re rejects: {error}") from error
