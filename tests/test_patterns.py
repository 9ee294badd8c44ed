"""Java regex -> Python re translation (codegen.patterns)."""

from __future__ import annotations

import json
import random
import re
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from codegen.patterns import PatternError, compile_checked, translate_pattern

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
# The value runs to the line's last backtick: one pattern contains a backtick itself.
PATTERN_LINE = re.compile(r"^\s*(?:Key |Value )?Pattern: `(.*)`\s*$")
MAX_UNTRANSLATABLE = 3


def _doc_patterns() -> set[str]:
    found: set[str] = set()
    for page in sorted(CORPUS.glob("*/docs/*.md")):
        for line in page.read_text(encoding="utf-8").splitlines():
            match = PATTERN_LINE.match(line)
            if match:
                found.add(match[1])
    return found


def _json_patterns(node: object) -> Iterator[str]:
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "pattern" and isinstance(value, str):
                yield value
            else:
                yield from _json_patterns(value)
    elif isinstance(node, list):
        for value in node:
            yield from _json_patterns(value)


def _botocore_patterns() -> set[str]:
    found: set[str] = set()
    for model in sorted(CORPUS.glob("*/botocore/*/service-2.json")):
        found.update(_json_patterns(json.loads(model.read_text(encoding="utf-8"))))
    return found


def _untranslatable(patterns: set[str]) -> dict[str, str]:
    failures: dict[str, str] = {}
    for pattern in sorted(patterns):
        try:
            compile_checked(pattern)
        except PatternError as error:
            failures[pattern] = str(error)
    return failures


needs_corpus = pytest.mark.skipif(not CORPUS.is_dir(), reason="corpus not present")


@needs_corpus
@pytest.mark.parametrize("source", [_doc_patterns, _botocore_patterns], ids=["docs", "botocore"])
def test_corpus_patterns_translate_or_raise_pattern_error(source: object) -> None:
    assert callable(source)
    patterns: set[str] = source()
    assert patterns, "no patterns found in the corpus"
    failures = _untranslatable(patterns)
    print(f"{len(patterns)} distinct patterns, {len(failures)} untranslatable")
    for pattern, reason in failures.items():
        print(f"  {pattern!r}: {reason}")
    assert len(failures) <= MAX_UNTRANSLATABLE


@needs_corpus
def test_doc_patterns_include_the_one_containing_a_backtick() -> None:
    assert any("_`\\{" in pattern for pattern in _doc_patterns())


def _search(java: str, text: str) -> bool:
    return compile_checked(java).search(text) is not None


def test_digit_class_is_ascii_only() -> None:
    assert _search(r"^\d+$", "123")
    assert not _search(r"^\d+$", "\u0663")  # ARABIC-INDIC DIGIT THREE
    assert not _search(r"^[\d]+$", "\u0663")
    assert _search(r"^\D$", "\u0663")


def test_word_and_space_classes_are_ascii_only() -> None:
    assert not _search(r"^\w+$", "é")
    assert _search(r"^\W$", "é")
    assert not _search(r"^\s$", "\u00a0")
    assert _search(r"^[^\s]$", "\u00a0")


def test_word_boundary_uses_ascii_word_characters() -> None:
    assert _search(r"\bx", "éx")  # é is not a word character in Java's default mode


def test_letter_property_matches_non_ascii_letters_only() -> None:
    assert _search(r"^\p{L}+$", "éж")
    assert not _search(r"^\p{L}$", "1")
    assert _search(r"^[\p{L}\p{N}]+$", "ж1")
    assert not _search(r"^[^\p{L}]$", "ж")


def test_negated_other_category_rejects_control_characters() -> None:
    assert not _search(r"^\P{C}+$", "a\x00b")
    assert _search(r"^\P{C}+$", "ab c")


def test_posix_classes_are_ascii() -> None:
    assert _search(r"^\p{Alnum}+$", "aZ9")
    assert not _search(r"^\p{Alnum}$", "é")
    assert not _search(r"^\p{ASCII}+$", "aé")


def test_surrogate_pair_escapes_become_a_supplementary_range() -> None:
    assert translate_pattern(r"[\uD800\uDC00-\uDBFF\uDFFF]") == r"[\U00010000-\U0010ffff]"
    assert _search(r"^[\u0020-\uD7FF\uE000-\uFFFD\uD800\uDC00-\uDBFF\uDFFF\t]*$", "a 😀\t")
    assert not _search(r"^[\u0020-\uD7FF\uE000-\uFFFD]*$", "😀")


def test_unanchored_pattern_matches_a_substring() -> None:
    assert _search(r"[0-9]{3}", "abc123def")
    assert not _search(r"^[0-9]{3}$", "abc123def")


def test_end_anchors_follow_java() -> None:
    assert _search(r"^a$", "a\r\n")  # Java's $ allows any final line terminator
    assert _search(r"^a\Z", "a\u2028")
    assert not _search(r"^a\z", "a\n")
    assert not _search(r"^a.$", "a\r")  # Java's . excludes \r


def test_quoting_escapes_and_named_groups() -> None:
    assert _search(r"^\Q.*\E$", ".*")
    assert not _search(r"^\Q.*\E$", "ab")
    assert _search(r"^\x{1F600}\u0041$", "😀A")
    assert compile_checked(r"(?<year>\d{4})").search("2024")["year"] == "2024"  # type: ignore[index]


def test_possessive_quantifiers_and_atomic_groups_are_kept() -> None:
    assert not _search(r"^a*+a$", "aaa")
    assert not _search(r"^(?>a|ab)c$", "abc")


def test_class_intersection_and_nesting() -> None:
    assert _search(r"^[a-z&&[^aeiou]]+$", "xyz")
    assert not _search(r"^[a-z&&[^aeiou]]+$", "xaz")
    assert _search(r"^[a[0-9]]+$", "a1")


def test_ascii_case_insensitive_flag() -> None:
    assert _search(r"(?i)^abc$", "AbC")
    assert not _search(r"(?i)^k$", "\u212a")  # KELVIN SIGN folds to k only with UNICODE_CASE


@pytest.mark.parametrize(
    ("java", "construct"),
    [
        (r"\p{IsLatin}", "IsLatin"),
        (r"\p{InGreek}", "InGreek"),
        (r"\p{IsAlphabetic}", "Other_Alphabetic"),
        (r"a\Gb", "\\G"),
        (r"\X", "\\X"),
        (r"(?u)a", "(?u)"),
        (r"a{x}", "'{'"),
        (r"[\b]", "\\b inside a character class"),
    ],
)
def test_untranslatable_constructs_raise_pattern_error_naming_them(
    java: str, construct: str
) -> None:
    with pytest.raises(PatternError, match=re.escape(construct)):
        translate_pattern(java)


def test_re_errors_are_wrapped_in_pattern_error() -> None:
    with pytest.raises(PatternError):
        compile_checked(r"(?<=a+)b")  # Java allows bounded lookbehind; re does not


def test_translation_is_deterministic() -> None:
    java = r"[\p{L}\p{Z}\p{N}_.:/=+\-@]*"
    assert translate_pattern(java) == translate_pattern(java)


ASCII_PATTERNS = [
    r"^[a-c]+$",
    r"a[b-]?c",
    r"(ab|b)*c",
    r"^(a|b){2,3}$",
    r"[^ab]+",
    r"ab*?c",
    r"^(?!a)[a-c_-]*$",
]


@settings(max_examples=200, deadline=None)
@given(
    pattern=st.sampled_from(ASCII_PATTERNS),
    text=st.text(alphabet="abc_- \n1", max_size=8),
)
def test_plain_ascii_patterns_match_like_python_re(pattern: str, text: str) -> None:
    # Without Java-only constructs, '.', '\r' or Unicode, both dialects agree.
    expected = re.search(pattern, text)
    actual = compile_checked(pattern).search(text)
    assert (actual and actual.span()) == (expected and expected.span())


# --- differential check against a real JVM ------------------------------------------

JAVA_HARNESS = """
import java.util.regex.Pattern;
import java.io.*;
public class Harness {
    static String decode(String hex) {
        StringBuilder out = new StringBuilder();
        if (!hex.isEmpty()) for (String cp : hex.split(",")) out.appendCodePoint(Integer.parseInt(cp, 16));
        return out.toString();
    }
    public static void main(String[] args) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, "UTF-8"));
        StringBuilder out = new StringBuilder();
        Pattern pattern = null;
        for (String line; (line = in.readLine()) != null; ) {
            if (line.startsWith("P")) pattern = Pattern.compile(decode(line.substring(1)));
            else out.append(pattern.matcher(decode(line.substring(1))).find() ? '1' : '0');
        }
        System.out.print(out);
    }
}
"""
PROBE_ALPHABET = "aZ09-_.:/@ \t\n\r\x00\x85é\u0663ж\u00a0\u2028😀\\$*"


def _hex(text: str) -> str:
    return ",".join(f"{ord(c):x}" for c in text)


def _probe_strings(pattern: str, rng: random.Random) -> list[str]:
    literal_bits = re.findall(r"[a-z0-9:/-]+", pattern)
    probes = ["", "a", "abc\n", "abc\r", "abc\r\n", "1" * 12]
    for _ in range(12):
        parts = rng.choices(literal_bits or ["a"], k=3) + rng.choices(PROBE_ALPHABET, k=3)
        rng.shuffle(parts)
        probes.append("".join(parts))
    return probes


def _java_binary() -> str | None:
    modern = Path("/usr/lib/jvm/temurin-25-jdk-amd64/bin/java")
    return str(modern) if modern.exists() else shutil.which("java")


@needs_corpus
@pytest.mark.skipif(_java_binary() is None, reason="no JVM available")
def test_translations_agree_with_java_on_probe_strings(tmp_path: Path) -> None:
    rng = random.Random(1234)
    cases: list[tuple[str, str]] = []
    for pattern in sorted(_doc_patterns() | _botocore_patterns()):
        if pattern not in _untranslatable({pattern}):
            cases += [(pattern, probe) for probe in _probe_strings(pattern, rng)]
    lines: list[str] = []
    for index, (pattern, probe) in enumerate(cases):
        if index == 0 or cases[index - 1][0] != pattern:
            lines.append("P" + _hex(pattern))
        lines.append("S" + _hex(probe))
    source = tmp_path / "Harness.java"
    source.write_text(JAVA_HARNESS, encoding="utf-8")
    java = _java_binary()
    assert java is not None
    result = subprocess.run(
        [java, str(source)],
        input="\n".join(lines) + "\n",
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        check=True,
    )
    mismatches = [
        (pattern, probe)
        for (pattern, probe), java_found in zip(cases, result.stdout, strict=True)
        if _search(pattern, probe) != (java_found == "1")
    ]
    assert not mismatches, mismatches[:10]
