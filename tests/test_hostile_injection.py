"""Text from the docs comes out inert in the generated Python: quotes, backslashes, template
syntax, HTML, NUL and control characters in descriptions, member names, enum values and
codegen.toml strings end up as text in docstrings and literals, and nothing runs."""

from __future__ import annotations

import ast
import json
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from mutants import SPEC_DIR
from test_mutants import code_problems

from codegen.cli import main

pytestmark = pytest.mark.skipif(not SPEC_DIR.is_dir(), reason="spec/ folder missing")

CANARY = "PWNED"
PAYLOAD = f"open('{CANARY}', 'w').close()"
# Each tries to end the literal or template it lands in, then run PAYLOAD.
DESCRIPTION = (
    f'x""" ; {PAYLOAD} ; """ x\'\'\' ; {PAYLOAD} ; \'\'\' \\ \\" \\\n'
    f"{{{{ {PAYLOAD} }}}} {{% raw %}} {{% for x in y %}} {{# c #}} ${{HOME}} %(x)s "
    '</script><script>alert(1)</script> <img src=x onerror="alert(1)"> '
    "\x00 \x01 \x1b[31mred\x1b[0m \x7f \x0b \u202eevil\u202c \u2066x\u2069 eval('1') exec('2')\\."
)
MEMBER = 'Foo\\"""\\\'x{{y}}\\<b>'  # Markdown for the wire name Foo"""'x{{y}}<b>
WIRE_MEMBER = 'Foo"""\'x{{y}}<b>'
ENUM_VALUES = f'`"""); {PAYLOAD}; (""" | {{{{ 7*7 }}}} | </script> | a\\b`'


def hostile_spec(folder: Path) -> Path:
    spec = Path(shutil.copytree(SPEC_DIR, folder))
    limits = spec / "API_ResourceLimits.md"
    text = limits.read_text()
    text = text.replace(
        "Limits on how many training jobs a tuning job may start\\.", DESCRIPTION, 1
    )
    text = text.replace("start\\.  \n", f"start {DESCRIPTION}  \n", 1)
    text = text.replace(" **MaxParallelTrainingJobs**", f" **{MEMBER}**", 1)
    limits.write_text(text)
    shuffle = spec / "API_ShuffleConfig.md"
    shuffle.write_text(
        shuffle.read_text().replace("Type: Long", f"Type: String  \nValid Values: {ENUM_VALUES}", 1)
    )
    config = spec / "codegen.toml"
    config.write_text(
        config.read_text().replace(
            'target_prefix = "SageMaker"', f"target_prefix = {json.dumps(PAYLOAD + chr(34) * 3)}"
        )
    )
    return spec


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("hostile")
    out = root / "out"
    assert main([str(hostile_spec(root / "spec")), "-o", str(out)]) == 0
    return out


def python_files(out: Path) -> dict[str, str]:
    return {
        str(p.relative_to(out)): p.read_text(encoding="utf-8") for p in sorted(out.rglob("*.py"))
    }


def test_hostile_text_generates_python_that_parses_and_calls_no_eval_or_exec(
    generated: Path,
) -> None:
    problems = [
        p for rel, text in python_files(generated).items() for p in code_problems(rel, text)
    ]
    assert not problems


def test_importing_and_using_the_package_runs_nothing_from_the_docs(generated: Path) -> None:
    script = (
        "import sagemaker, sagemaker.shapes as s, sagemaker.enums as e\n"
        "for n in s.__all__: getattr(s, n)\n"
        "for n in e.__all__: list(getattr(e, n))\n"
        "limits = s.ResourceLimits.from_dict({'MaxNumberOfTrainingJobs': 1, "
        f"{WIRE_MEMBER!r}: 2}})\n"
        "print(limits.to_dict())\n"
    )
    run = subprocess.run(
        [sys.executable, "-c", script], cwd=generated, capture_output=True, text=True, check=False
    )
    assert run.returncode == 0, run.stderr
    assert not (generated / CANARY).exists()
    assert repr(WIRE_MEMBER) in run.stdout  # the wire name survives verbatim


def docstrings(out: Path) -> list[str]:
    found = []
    for text in python_files(out).values():
        for node in ast.walk(ast.parse(text)):
            body = getattr(node, "body", None)
            if isinstance(body, list):
                found += [
                    n.value.value
                    for n in body
                    if isinstance(n, ast.Expr)
                    and isinstance(n.value, ast.Constant)
                    and isinstance(n.value.value, str)
                ]
    return found


def test_descriptions_keep_their_text_in_docstrings(generated: Path) -> None:
    text = "\n".join(docstrings(generated))
    for fragment in ('x"""', "'''", "{{ open(", "{% raw %}", "</script>", 'onerror="alert(1)"'):
        assert fragment in text


def raw_characters(out: Path, unwanted: Callable[[str], bool]) -> list[str]:
    return [
        f"{rel}:{n}: {line!r}"
        for rel, text in python_files(out).items()
        for n, line in enumerate(text.split("\n"), 1)
        if any(unwanted(c) for c in line)
    ]


def test_generated_source_has_no_raw_control_characters(generated: Path) -> None:
    bad = raw_characters(generated, lambda c: (c < " " and c != "\t") or "\x7f" <= c < "\xa0")
    assert not bad, "\n".join(bad[:10])


def test_generated_source_has_no_raw_bidi_controls(generated: Path) -> None:
    """Raw bidi overrides in source mislead readers and reviewers about what the code
    does (CVE-2021-42574, "Trojan Source"); in literals they must be escapes."""
    bad = raw_characters(
        generated, lambda c: "\u202a" <= c <= "\u202e" or "\u2066" <= c <= "\u2069"
    )
    assert not bad, "\n".join(bad[:10])


def doc_pages(out: Path, suffix: str) -> dict[Path, str]:
    pages = {p: p.read_text(encoding="utf-8") for p in out.rglob(f"*{suffix}")}
    if not pages:
        pytest.skip(f"no {suffix} docs generated")
    return pages


@pytest.mark.parametrize("suffix", [".html", ".md"])
def test_hostile_markup_is_escaped_in_the_generated_docs(generated: Path, suffix: str) -> None:
    pages = doc_pages(generated, suffix)
    limits = [text for path, text in pages.items() if path.stem == "ResourceLimits"]
    assert limits and all("onerror" in text for text in limits)  # the text is there...
    for path, text in pages.items():  # ...but never as live markup
        # A Markdown backslash escape makes the tag text.
        for markup in (r"(?<!\\)<script>alert", r"(?<!\\)<img src=x onerror", "\x00"):
            assert not re.search(markup, text), f"{path}: {markup!r}"


@pytest.mark.parametrize("suffix", [".html", ".md"])
def test_generated_docs_have_no_raw_control_characters(generated: Path, suffix: str) -> None:
    bad = [
        f"{path}: {line!r}"
        for path, text in doc_pages(generated, suffix).items()
        for line in text.split("\n")
        if any((c < " " and c != "\t") or "\x7f" <= c < "\xa0" for c in line)
    ]
    assert not bad, "\n".join(bad[:5])
