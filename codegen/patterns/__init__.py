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

from .ranges import UNICODE_VERSION, PatternError
from .translate import compile_checked, translate_pattern

__all__ = ["UNICODE_VERSION", "PatternError", "compile_checked", "translate_pattern"]
