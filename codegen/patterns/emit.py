"""Emitting Python ``re`` syntax for sets of code points."""

from __future__ import annotations

from .ranges import MAX_CODE_POINT, Ranges

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
