"""A seeded mutator of reference-page folders: broken and hostile input for the generator.

``make_mutant(seed)`` picks a source (the project's ``spec/`` folder or a slice of one of
the real corpora in ``../shared/corpus``, read at run time and never copied here), then
applies one to three mutations chosen by the seed. The same seed always gives the same
bytes, so any failure is reproduced with::

    python tests/mutants.py SEED --out /tmp/mutant     # writes the folder, prints what changed
    python -m codegen /tmp/mutant -o /tmp/out

Mutations: truncation, lines deleted/duplicated/swapped, sections dropped or repeated,
headings demoted, garbage and non-UTF-8 bytes, CRLF/BOM, empty pages, links to the page
itself or to a missing page, a second page defining the same shape, hostile shape and
member names (keywords, builtins, dunders, snake-case and case collisions, names that are
not identifiers), injection text in descriptions, broken Type and constraint lines, and
broken ``codegen.toml`` settings. The enormous page (``enormous_page``) is separate: it is
slow to parse, so tests use it on its own.
"""

from __future__ import annotations

import random
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]
SPEC_DIR = PROJECT / "spec"
CORPUS_ROOT = PROJECT.parent / "shared" / "corpus"
CONFIG_FILE = "codegen.toml"
SLICE_LIMIT = 25
"""Most pages a corpus slice holds: small slices keep hundreds of mutants fast."""

KEYWORDS = (
    "class",
    "def",
    "None",
    "True",
    "False",
    "import",
    "lambda",
    "async",
    "await",
    "from",
    "return",
    "yield",
    "global",
    "match",
    "case",
    "type",
    "_",
)
BUILTINS = (
    "list",
    "dict",
    "str",
    "int",
    "object",
    "id",
    "print",
    "len",
    "property",
    "bytes",
    "Exception",
    "ValueError",
    "self",
    "cls",
    "field",
    "dataclass",
    "Any",
    "Optional",
    "typing",
    "datetime",
    "json",
    "re",
    "Client",
    "ValidationError",
)
DUNDERS = (
    "__class__",
    "__init__",
    "__dict__",
    "__slots__",
    "__post_init__",
    "__name__",
    "__module__",
    "__eq__",
    "__hash__",
    "__annotations__",
    "__import__",
)
NOT_IDENTIFIERS = (
    "Foo-Bar",
    "1Foo",
    "Foo.Bar",
    "Ünïcode",
    "名前",
    "Foo$",
    "x:y",
    "😀",
    "Foo__Bar",
    "_private",
    "__",
    "9",
    "Ａｂｃ",
    "ﬁle",
    "Ⅸ",
)
INJECTIONS = (
    '"""',
    "'''",
    "\\",
    '\\"""',
    'x"""; import os; os.system("echo pwned"); """',
    "{{ 7*7 }}",
    "{% raw %}",
    "{% for x in range(9) %}",
    "{# comment",
    "</script><script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "\x00",
    "\x1b[31m",
    "\x0c",
    "\x7f",
    "\u2028",
    "\u202e",
    "${HOME}",
    "%s%(x)s",
    "`",
    "eval('1')",
    "__import__('os').system('echo pwned')",
    "\\x00\\N{BULLET}\\u",
    "'; DROP TABLE x; --",
    "\\\n",
)
INJECTION_NAMES = (
    'Foo"""',
    "Foo'''",
    "Foo\\",
    "{{x}}",
    "{%x%}",
    "</script>",
    "<img>",
    "Foo\x00",
    "Foo\x1b",
    "a'b",
    'a"b',
    "eval(1)",
)
GARBAGE_ALPHABET = "*_[]()#`<>|\\!-+:{}\"'\t é名😀\x00\x01\x1b\u2028\ufeff"
TYPE_LINES = (
    "Type: ",
    "Type: Array of",
    "Type: String to",
    "Type: Array of Array of strings",
    "Type: String to array of strings map",
    "Type: Strings",
    "Type: Exception",
    "Type: [Nowhere](API_Nowhere.md) object",
    "Type: [X](#) object",
    "Type: Array of objects",
    "Type: String to String to string map map",
    "Type: Integer Integer",
    "Type: object",
)
CONSTRAINT_LINES = (
    "Length Constraints: Minimum length of 99999999999999999999999\\.",
    "Length Constraints: Minimum length of 10\\. Maximum length of 1\\.",
    "Length Constraints: Maximum length of \\-1\\.",
    "Length Constraints: Minimum length of 1\\.5\\.",
    "Length Constraints: whatever",
    "Valid Range: Minimum value of 1e999\\.",
    "Valid Range: Minimum value of 5\\. Maximum value of \\-5\\.",
    "Valid Range: Minimum value of nan\\.",
    "Pattern: `(`",
    "Pattern: `[z-a]`",
    "Pattern: `(a+)+$`",
    "Pattern: `\\p{Unknown}`",
    "Pattern: no code span",
    "Pattern: ``",
    "Valid Values: ",
    "Valid Values: `a | | a | A`",
    "Valid Values: `class | None | __init__ | 1x | a-b | A b`",
    "Array Members: Minimum number of 5 items\\. Maximum number of 1 item\\.",
    "Map Entries: Maximum number of 0 items\\.",
    "Required: Maybe",
    "Required: ",
    "HTTP Status Code: banana",
    "HTTP Status Code: 99999999999999999999",
)
TOML_MUTATIONS = (
    "garbage = [",
    '[services."sagemaker-2017-07-24"]\npackage = "class"',
    '[services."sagemaker-2017-07-24"]\npackage = "../escape"',
    '[services."sagemaker-2017-07-24"]\npackage = "/tmp/abs"',
    '[services."sagemaker-2017-07-24"]\npackage = "foo-bar"',
    '[services."sagemaker-2017-07-24"]\npackage = ""',
    '[services."sagemaker-2017-07-24"]\npackage = "json"',
    '[services."sagemaker-2017-07-24"]\npackage = "pkg\\u0000x"',
    '[services."sagemaker-2017-07-24"]\nprotocol = "xml"',
    '[services."sagemaker-2017-07-24"]\nprotocol = 3',
    '[services."sagemaker-2017-07-24"]\ntarget_prefix = "a\\"b\\\\c{{x}}"',
    '[services."sagemaker-2017-07-24"]\njson_version = "1.1\\n\\"\\"\\""',
    '[services."sagemaker-2017-07-24"]\nunknown = "x"',
    "[other]\nx = 1",
    "services = 3",
    'services = "x"',
    "[services]\nx = 1",
    "\xff\xfe",
)


@dataclass
class Mutant:
    """A spec folder's files (name -> bytes) and what was done to them."""

    seed: int
    source: str
    files: dict[str, bytes]
    changes: list[str] = field(default_factory=list)

    def describe(self) -> str:
        return f"seed {self.seed} ({self.source}): " + "; ".join(self.changes)

    def write(self, folder: Path) -> Path:
        folder.mkdir(parents=True, exist_ok=True)
        for name, data in self.files.items():
            (folder / name).write_bytes(data)
        return folder


def corpora() -> list[str]:
    """Names of the available sources: ``spec`` and each corpus found beside the project."""
    names = ["spec"] if SPEC_DIR.is_dir() else []
    if CORPUS_ROOT.is_dir():
        names += sorted(p.parent.name for p in CORPUS_ROOT.glob("*/docs") if p.is_dir())
    return names


@cache
def source_files(source: str) -> dict[str, bytes]:
    folder = SPEC_DIR if source == "spec" else CORPUS_ROOT / source / "docs"
    files = {p.name: p.read_bytes() for p in sorted(folder.glob("API_*.md"))}
    if (folder / CONFIG_FILE).is_file():
        files[CONFIG_FILE] = (folder / CONFIG_FILE).read_bytes()
    return files


_LINK = re.compile(rb"\]\((API_[A-Za-z0-9_]+\.md)")


def corpus_slice(source: str, rng: random.Random) -> dict[str, bytes]:
    """An operation page and the data type pages it reaches (at most ``SLICE_LIMIT``)."""
    files = source_files(source)
    operations = sorted(n for n, d in files.items() if b"## Request Syntax" in d)
    start = rng.choice(operations)
    chosen = [start]
    for name in chosen:
        for target in _LINK.findall(files[name]):
            linked = target.decode()
            if linked in files and linked not in chosen and len(chosen) < SLICE_LIMIT:
                chosen.append(linked)
    return {name: files[name] for name in sorted(chosen)}


def make_mutant(seed: int, source: str | None = None, kinds: tuple[str, ...] = ()) -> Mutant:
    """The mutant for ``seed`` (and, if given, of that source, by those kinds of mutation)."""
    rng = random.Random(seed)
    mutations = [m for m in MUTATIONS if not kinds or m[0] in kinds]
    sources = corpora()
    # spec/ gets a third of the mutants (and more as one of the corpora): it is the one
    # with a codegen.toml, but also the slowest to build whole.
    chosen = source or (sources[0] if rng.random() < 0.3 else rng.choice(sources))
    if chosen == "spec":
        files = dict(source_files("spec"))
    else:
        files = corpus_slice(chosen, rng)
    mutant = Mutant(seed, chosen, files)
    for _ in range(rng.choice((1, 1, 2, 3))):
        name, mutate = rng.choice(mutations)
        mutant.changes.append(f"{name}: {mutate(mutant, rng)}")
    return mutant


# ---------------------------------------------------------------------------------------
# Helpers.


def _pages(mutant: Mutant) -> list[str]:
    return sorted(n for n in mutant.files if n.startswith("API_"))


def _pick_page(mutant: Mutant, rng: random.Random, needle: bytes = b"") -> str | None:
    pages = [n for n in _pages(mutant) if needle in mutant.files[n]]
    return rng.choice(pages) if pages else None


def _lines(data: bytes) -> list[bytes]:
    return data.split(b"\n")


def _pick_line(lines: list[bytes], rng: random.Random, pattern: bytes) -> int | None:
    found = [i for i, line in enumerate(lines) if re.search(pattern, line)]
    return rng.choice(found) if found else None


def _sections(lines: list[bytes]) -> list[tuple[int, int]]:
    """(start, end) line ranges of the ``##`` sections."""
    starts = [i for i, line in enumerate(lines) if line.startswith(b"## ")]
    return [(s, starts[n + 1] if n + 1 < len(starts) else len(lines)) for n, s in enumerate(starts)]


def _edit_lines(
    mutant: Mutant, rng: random.Random, edit: Callable[[list[bytes]], str | None]
) -> str:
    page = _pick_page(mutant, rng)
    if page is None:
        return "no page to edit"
    lines = _lines(mutant.files[page])
    what = edit(lines)
    mutant.files[page] = b"\n".join(lines)
    return f"{page}: {what or 'nothing to change'}"


# ---------------------------------------------------------------------------------------
# Mutations: each changes ``mutant.files`` and says what it did.


def truncate(mutant: Mutant, rng: random.Random) -> str:
    page = _pick_page(mutant, rng)
    if page is None:
        return "no page"
    data = mutant.files[page]
    cut = rng.randrange(len(data) + 1)
    mutant.files[page] = data[:cut]
    return f"{page} cut at byte {cut} of {len(data)}"


def delete_lines(mutant: Mutant, rng: random.Random) -> str:
    def edit(lines: list[bytes]) -> str:
        start = rng.randrange(len(lines))
        count = rng.randint(1, 5)
        del lines[start : start + count]
        return f"deleted {count} line(s) from line {start + 1}"

    return _edit_lines(mutant, rng, edit)


def duplicate_lines(mutant: Mutant, rng: random.Random) -> str:
    def edit(lines: list[bytes]) -> str:
        start = rng.randrange(len(lines))
        count = rng.randint(1, 8)
        lines[start:start] = lines[start : start + count]
        return f"duplicated {count} line(s) at line {start + 1}"

    return _edit_lines(mutant, rng, edit)


def swap_lines(mutant: Mutant, rng: random.Random) -> str:
    def edit(lines: list[bytes]) -> str:
        a, b = rng.randrange(len(lines)), rng.randrange(len(lines))
        lines[a], lines[b] = lines[b], lines[a]
        return f"swapped lines {a + 1} and {b + 1}"

    return _edit_lines(mutant, rng, edit)


def drop_section(mutant: Mutant, rng: random.Random) -> str:
    def edit(lines: list[bytes]) -> str | None:
        sections = _sections(lines)
        if not sections:
            return None
        start, end = rng.choice(sections)
        title = lines[start].decode(errors="replace")
        del lines[start:end]
        return f"dropped section {title!r}"

    return _edit_lines(mutant, rng, edit)


def repeat_section(mutant: Mutant, rng: random.Random) -> str:
    def edit(lines: list[bytes]) -> str | None:
        sections = _sections(lines)
        if not sections:
            return None
        start, end = rng.choice(sections)
        lines[end:end] = [b"", *lines[start:end]]
        return f"repeated section {lines[start].decode(errors='replace')!r}"

    return _edit_lines(mutant, rng, edit)


def demote_heading(mutant: Mutant, rng: random.Random) -> str:
    def edit(lines: list[bytes]) -> str | None:
        i = _pick_line(lines, rng, rb"^#{1,2} ")
        if i is None:
            return None
        new = rng.choice((b"### ", b"", b"#", b"# ", b"## "))
        lines[i] = new + lines[i].lstrip(b"#").lstrip()
        return f"heading at line {i + 1} now starts with {new!r}"

    return _edit_lines(mutant, rng, edit)


def insert_garbage(mutant: Mutant, rng: random.Random) -> str:
    def edit(lines: list[bytes]) -> str:
        i = rng.randrange(len(lines))
        junk = "".join(rng.choice(GARBAGE_ALPHABET) for _ in range(rng.randint(1, 80)))
        at = rng.randrange(len(lines[i]) + 1)
        lines[i] = lines[i][:at] + junk.encode() + lines[i][at:]
        return f"garbage {junk!r} at line {i + 1}"

    return _edit_lines(mutant, rng, edit)


def insert_bad_bytes(mutant: Mutant, rng: random.Random) -> str:
    def edit(lines: list[bytes]) -> str:
        i = rng.randrange(len(lines))
        bad = rng.choice((b"\xff", b"\xfe\xff", b"\x80abc", b"\xc3", b"\xed\xa0\x80", b"\xf8\x88"))
        lines[i] = bad + lines[i]
        return f"bytes {bad!r} at line {i + 1}"

    return _edit_lines(mutant, rng, edit)


def line_endings(mutant: Mutant, rng: random.Random) -> str:
    page = _pick_page(mutant, rng)
    if page is None:
        return "no page"
    style = rng.choice(("crlf", "cr", "bom", "tabs"))
    data = mutant.files[page]
    if style == "crlf":
        data = data.replace(b"\n", b"\r\n")
    elif style == "cr":
        data = data.replace(b"\n", b"\r")
    elif style == "bom":
        data = b"\xef\xbb\xbf" + data
    else:
        data = data.replace(b"   ", b"\t")
    mutant.files[page] = data
    return f"{page}: {style}"


def empty_page(mutant: Mutant, rng: random.Random) -> str:
    page = _pick_page(mutant, rng)
    if page is None:
        return "no page"
    mutant.files[page] = rng.choice((b"", b"\n", b"   \n\n", b"# \n", b"#", b"```\n"))
    return f"{page} emptied"


def remove_page(mutant: Mutant, rng: random.Random) -> str:
    page = _pick_page(mutant, rng)
    if page is None:
        return "no page"
    del mutant.files[page]
    return f"{page} removed"


def self_link(mutant: Mutant, rng: random.Random) -> str:
    page = _pick_page(mutant, rng, b"](API_")
    if page is None:
        return "no link"
    data = mutant.files[page]
    links = list(_LINK.finditer(data))
    match = rng.choice(links)
    mutant.files[page] = data[: match.start(1)] + page.encode() + data[match.end(1) :]
    return f"{page}: link to {match.group(1).decode()} now points at the page itself"


def missing_link(mutant: Mutant, rng: random.Random) -> str:
    page = _pick_page(mutant, rng, b"](API_")
    if page is None:
        return "no link"
    data = mutant.files[page]
    match = rng.choice(list(_LINK.finditer(data)))
    mutant.files[page] = data[: match.start(1)] + b"API_Missing.md" + data[match.end(1) :]
    return f"{page}: link to {match.group(1).decode()} now points at API_Missing.md"


def duplicate_shape(mutant: Mutant, rng: random.Random) -> str:
    page = _pick_page(mutant, rng, b"## Contents")
    if page is None:
        return "no data type page"
    copy = page.replace(".md", "Copy.md")
    mutant.files[copy] = mutant.files[page]
    return f"{page} copied to {copy} (same shape defined twice)"


def twin_page(mutant: Mutant, rng: random.Random) -> str:
    """A copy of a page whose title differs from the original's but collides with it after
    snake-casing or case folding (``FooBar`` and ``Foo_Bar`` or ``FOOBar``)."""
    page = _pick_page(mutant, rng, b"\n## ")
    if page is None:
        return "no page"
    match = re.match(rb"# ([A-Za-z0-9]+)", mutant.files[page])
    if match is None:
        return f"{page}: no title"
    old = match.group(1).decode()
    new = _collision(rng, old)
    twin = f"API_{re.sub(r'[^A-Za-z0-9_]', '_', new)}Twin.md"
    mutant.files[twin] = mutant.files[page].replace(match.group(0), b"# " + new.encode(), 1)
    return f"{page} copied to {twin} with title {new!r}"


def other_service(mutant: Mutant, rng: random.Random) -> str:
    """A page whose SDK links name another service: two services in one folder."""
    page = _pick_page(mutant, rng, b"/goto/")
    if page is None:
        return "no SDK links"
    data = mutant.files[page]
    uids = sorted(set(re.findall(rb"/goto/[^/]+/([^/]+)/", data)))
    if not uids:
        return f"{page}: no service uid"
    uid = rng.choice(uids)
    other = rng.choice((uid + b"-x", b"other-2099-01-01", uid[:3]))
    mutant.files[page] = data.replace(b"/" + uid + b"/", b"/" + other + b"/")
    return f"{page}: service {uid.decode()} now {other.decode()}"


def _hostile_name(rng: random.Random, original: str) -> str:
    group = rng.choice((KEYWORDS, BUILTINS, DUNDERS, NOT_IDENTIFIERS, INJECTION_NAMES))
    name = rng.choice(group)
    return name if rng.random() < 0.8 else f"{original}{name}"


def rename_shape(mutant: Mutant, rng: random.Random) -> str:
    page = _pick_page(mutant, rng)
    if page is None:
        return "no page"
    lines = _lines(mutant.files[page])
    i = _pick_line(lines, rng, rb"^# ")
    if i is None:
        return f"{page}: no title"
    match = re.match(rb"^# ([^<]*)(.*)$", lines[i])
    assert match is not None
    old = match.group(1).decode(errors="replace")
    new = _hostile_name(rng, old)
    lines[i] = b"# " + new.encode() + match.group(2)
    mutant.files[page] = b"\n".join(lines)
    return f"{page}: shape {old!r} renamed {new!r}"


_MEMBER_HEADER = rb"^ \*\* ?\[?([A-Za-z0-9_]+)(\]\([^)]*\))? ?\*\*"


def rename_member(mutant: Mutant, rng: random.Random) -> str:
    page = _pick_page(mutant, rng, b" **")
    if page is None:
        return "no member"
    lines = _lines(mutant.files[page])
    i = _pick_line(lines, rng, _MEMBER_HEADER)
    if i is None:
        return f"{page}: no member"
    match = re.match(_MEMBER_HEADER, lines[i])
    assert match is not None
    old = match.group(1).decode()
    new = _hostile_name(rng, old)
    lines[i] = lines[i][: match.start(1)] + new.encode() + lines[i][match.end(1) :]
    mutant.files[page] = b"\n".join(lines)
    return f"{page}:{i + 1}: member {old!r} renamed {new!r}"


def _collision(rng: random.Random, name: str) -> str:
    """A name that differs from ``name`` but is likely the same after snake-casing or
    case folding."""
    parts = re.findall(r"[A-Z]+(?![a-z])|[A-Z]?[a-z0-9]+", name) or [name]
    options = [
        name.lower(),
        name.upper(),
        "_".join(parts),
        name[:1].lower() + name[1:],
        name + "_",
        name.swapcase(),
        "_".join(p.lower() for p in parts),
    ]
    different = [o for o in options if o != name]
    return rng.choice(different) if different else name + "X"


def twin_member(mutant: Mutant, rng: random.Random) -> str:
    """Copy a member entry under a colliding name (``FooBar``/``Foo_Bar``, ``ID``/``Id``,
    ``Name``/``name``), or add the classic ``ID``/``Id`` pair."""
    page = _pick_page(mutant, rng, b" **")
    if page is None:
        return "no member"
    lines = _lines(mutant.files[page])
    i = _pick_line(lines, rng, _MEMBER_HEADER)
    if i is None:
        return f"{page}: no member"
    end = i + 1
    while end < len(lines) and lines[end].strip() and not re.match(_MEMBER_HEADER, lines[end]):
        end += 1
    match = re.match(_MEMBER_HEADER, lines[i])
    assert match is not None
    before, old, after = (
        lines[i][: match.start(1)],
        match.group(1).decode(),
        lines[i][match.end(1) :],
    )
    new = _collision(rng, old)
    if rng.random() < 0.2:
        old, new = "ID", "Id"
        lines[i] = before + b"ID" + after
    twin = before + new.encode() + after
    lines[end:end] = [b"", twin, *lines[i + 1 : end]]
    mutant.files[page] = b"\n".join(lines)
    return f"{page}:{i + 1}: twin of member {old!r} named {new!r}"


def inject_text(mutant: Mutant, rng: random.Random) -> str:
    def edit(lines: list[bytes]) -> str:
        candidates = [n for n, line in enumerate(lines) if line and not line.startswith(b"#")]
        i = rng.choice(candidates) if candidates else 0
        text = rng.choice(INJECTIONS)
        at = rng.randrange(len(lines[i]) + 1) if lines else 0
        if not lines:
            lines.append(b"")
        lines[i] = lines[i][:at] + text.encode() + lines[i][at:]
        return f"{text!r} injected at line {i + 1}"

    return _edit_lines(mutant, rng, edit)


def break_type_line(mutant: Mutant, rng: random.Random) -> str:
    def edit(lines: list[bytes]) -> str | None:
        i = _pick_line(lines, rng, rb"^Type: ")
        if i is None:
            return None
        new = rng.choice(TYPE_LINES)
        lines[i] = new.encode() + b"  "
        return f"line {i + 1} now {new!r}"

    return _edit_lines(mutant, rng, edit)


def break_constraint(mutant: Mutant, rng: random.Random) -> str:
    def edit(lines: list[bytes]) -> str | None:
        i = _pick_line(lines, rng, rb"^(Type|Length Constraints|Pattern|Valid |Required|HTTP)")
        if i is None:
            return None
        new = rng.choice(CONSTRAINT_LINES)
        if rng.random() < 0.5:
            lines.insert(i + 1, new.encode() + b"  ")
        else:
            lines[i] = new.encode() + b"  "
        return f"constraint {new!r} at line {i + 1}"

    return _edit_lines(mutant, rng, edit)


def break_config(mutant: Mutant, rng: random.Random) -> str:
    text = rng.choice(TOML_MUTATIONS)
    data = text.encode("latin-1") if text.startswith("\xff") else text.encode()
    if CONFIG_FILE in mutant.files and rng.random() < 0.5 and not text.startswith("["):
        mutant.files[CONFIG_FILE] += b"\n" + data + b"\n"
    else:
        mutant.files[CONFIG_FILE] = data + b"\n"
    return f"{CONFIG_FILE}: {text!r}"


# ---------------------------------------------------------------------------------------
# Slips as real pages make them: each edits one line (or removes one) and reports it as
# ``<page>:<line>: ...`` so that a test can look for the warning at that place.

_BOUND = rb"(Minimum|Maximum|Fixed) (length|number|value) of (-?[\d.,]+)"
_NUMBERED_WORDS = (
    (rb"\bobjects\b", b"object"),
    (rb"\bobject\b", b"objects"),
    (rb"\bstrings\b", b"string"),
    (rb"\bArray of\b", b"Arrays of"),
    (rb"\bmap\b", b"maps"),
    (rb"\bintegers\b", b"integer"),
)


def _slip_line(
    mutant: Mutant, rng: random.Random, pattern: bytes, change: Callable[[bytes], bytes | None]
) -> str:
    pages = [n for n in _pages(mutant) if re.search(pattern, mutant.files[n], re.MULTILINE)]
    if not pages:
        return "no line to slip"
    page = rng.choice(pages)
    lines = _lines(mutant.files[page])
    i = _pick_line(lines, rng, pattern)
    assert i is not None
    new = change(lines[i])
    if new is None:
        return f"{page}: nothing to change"
    old = lines[i]
    if new:
        lines[i] = new
    else:  # the line is gone
        del lines[i]
    mutant.files[page] = b"\n".join(lines)
    return f"{page}:{i + 1}: slip {old.decode(errors='replace').strip()!r} -> " + repr(
        new.decode(errors="replace").strip()
    )


def drop_bound_number(mutant: Mutant, rng: random.Random) -> str:
    """``Maximum number of 5 items`` -> ``Maximum number of items`` (lexv2's slip)."""

    def change(line: bytes) -> bytes:
        bounds = list(re.finditer(_BOUND, line))
        chosen = rng.choice(bounds)
        return line[: chosen.start(3)] + line[chosen.end(3) :].lstrip(b" ")

    return _slip_line(
        mutant,
        rng,
        rb"^(Length Constraints|Array Members|Map Entries|Valid Range)"
        rb": .*(Minimum|Maximum|Fixed) \w+ of -?\d",
        change,
    )


def delete_type_line(mutant: Mutant, rng: random.Random) -> str:
    """A member loses its ``Type:`` line (efs's, lex's and lambda's slip)."""
    return _slip_line(mutant, rng, rb"^Type: ", lambda line: b"")


def type_number_slip(mutant: Mutant, rng: random.Random) -> str:
    """A type phrase word in the other grammatical number (``Array of string``)."""

    def change(line: bytes) -> bytes | None:
        options = [(p, r) for p, r in _NUMBERED_WORDS if re.search(p, line)]
        if not options:
            return None
        pattern, replacement = rng.choice(options)
        return re.sub(pattern, replacement, line, count=1)

    return _slip_line(
        mutant, rng, rb"^Type: .*\b(objects?|strings|Array of|map|integers)\b", change
    )


def unclear_required(mutant: Mutant, rng: random.Random) -> str:
    """``Required: Yes`` -> ``Required: Conditional`` or ``Required: Yes.``"""
    words = (b"Required: Conditional", b"Required: Yes (when Foo is set)", b"Required: yes.")
    return _slip_line(mutant, rng, rb"^Required: (Yes|No)", lambda line: rng.choice(words))


def unlinked_member_names(mutant: Mutant, rng: random.Random) -> str:
    """A whole page in the older style: member names in bold without link or anchor."""
    page = _pick_page(mutant, rng, b"** [")
    if page is None:
        return "no linked member names"
    text = re.sub(
        rb"\*\* \[([A-Za-z0-9_]+)\]\([^)]*\) \*\*[^\n]*", rb"**\1**   ", mutant.files[page]
    )
    mutant.files[page] = text
    return f"{page}: member names without links or anchors"


def drop_sdk_links(mutant: Mutant, rng: random.Random) -> str:
    """A page without its See Also links: its service comes from other evidence."""
    page = _pick_page(mutant, rng, b"/goto/")
    if page is None:
        return "no SDK links"
    lines = [ln for ln in _lines(mutant.files[page]) if b"/goto/" not in ln]
    mutant.files[page] = b"\n".join(lines)
    return f"{page}: SDK links removed"


SLIP_MUTATIONS: tuple[tuple[str, Callable[[Mutant, random.Random], str]], ...] = (
    ("drop_bound_number", drop_bound_number),
    ("delete_type_line", delete_type_line),
    ("type_number_slip", type_number_slip),
    ("unclear_required", unclear_required),
    ("unlinked_member_names", unlinked_member_names),
    ("drop_sdk_links", drop_sdk_links),
)
"""Mutations that mimic slips found in real pages: generation must go on."""


MUTATIONS: tuple[tuple[str, Callable[[Mutant, random.Random], str]], ...] = (
    ("truncate", truncate),
    ("delete_lines", delete_lines),
    ("duplicate_lines", duplicate_lines),
    ("swap_lines", swap_lines),
    ("drop_section", drop_section),
    ("repeat_section", repeat_section),
    ("demote_heading", demote_heading),
    ("insert_garbage", insert_garbage),
    ("insert_bad_bytes", insert_bad_bytes),
    ("line_endings", line_endings),
    ("empty_page", empty_page),
    ("remove_page", remove_page),
    ("self_link", self_link),
    ("missing_link", missing_link),
    ("duplicate_shape", duplicate_shape),
    ("twin_page", twin_page),
    ("other_service", other_service),
    ("rename_shape", rename_shape),
    ("rename_member", rename_member),
    ("rename_member", rename_member),
    ("twin_member", twin_member),
    ("twin_member", twin_member),
    ("inject_text", inject_text),
    ("break_type_line", break_type_line),
    ("break_constraint", break_constraint),
    ("break_config", break_config),
    *SLIP_MUTATIONS,
)


def enormous_page(size: int = 5_000_000) -> dict[str, bytes]:
    """``spec/`` plus one data type page of about ``size`` bytes: a description line of a
    fifth of that, then as many members as fill the rest."""
    files = dict(source_files("spec"))
    member = (
        ' **Member{n}**   <a name="X-Member{n}"></a>\n'
        "A member\\.  \nType: String  \nLength Constraints: Maximum length of 64\\.  \n"
        "Required: No\n\n"
    )
    head = '# Enormous<a name="API_Enormous"></a>\n\n' + "long " * (size // 25) + "\n\n"
    head += '## Contents<a name="API_Enormous_Contents"></a>\n\n'
    body: list[str] = []
    total = len(head)
    while total < size:
        entry = member.format(n=len(body))
        body.append(entry)
        total += len(entry)
    tail = "## See Also\n\n+  [Python](https://docs.aws.amazon.com/goto/boto3/sagemaker-2017-07-24/Enormous)\n"
    files["API_Enormous.md"] = (head + "".join(body) + tail).encode()
    return files


HOSTILE_NAMES_AND_TEXT = (
    "rename_shape",
    "rename_member",
    "twin_member",
    "inject_text",
    "self_link",
    "duplicate_shape",
    "twin_page",
    "other_service",
)
"""Mutations that often still build: what the generated code must survive."""


def main(argv: list[str]) -> int:
    import argparse

    parser = argparse.ArgumentParser(description="Write the mutant for a seed to a folder.")
    parser.add_argument("seed", type=int)
    parser.add_argument("--source", help="spec or a corpus name")
    parser.add_argument("--kinds", help="comma-separated mutation names to choose from")
    parser.add_argument("--out", type=Path, help="folder to write the mutant's files to")
    args = parser.parse_args(argv)
    kinds = tuple(args.kinds.split(",")) if args.kinds else ()
    mutant = make_mutant(args.seed, args.source, kinds)
    print(mutant.describe())
    if args.out is not None:
        mutant.write(args.out)
        print(f"wrote {len(mutant.files)} file(s) to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
