"""The translator: a Java regex, parsed, emitted as Python ``re`` syntax."""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass, replace

from .emit import _emit_set
from .ranges import (
    _ASCII_DIGIT,
    _ASCII_SPACE,
    _HORIZONTAL_SPACE,
    _VERTICAL_SPACE,
    _WORD,
    MAX_CODE_POINT,
    PatternError,
    Ranges,
    _ascii_case_closure,
    _chars,
    _complement,
    _intersect,
    _normalize,
    _property_ranges,
)

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
