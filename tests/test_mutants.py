"""Mutation suite: broken and hostile reference pages fail cleanly or generate working code.

Every mutant (``tests/mutants.py``, reproducible by seed) must end in exactly one of:

- ``CodegenError`` whose every diagnostic points at an existing file and line and says
  something (and, through the CLI: exit 1, ``file:line: ...`` lines, no traceback);
- a model whose every shape reference resolves (and, for the sample run through the whole
  pipeline: a package that compiles, imports and passes ``mypy --strict``).

Anything else fails with the seed. ``CODEGEN_MUTANTS=5000`` runs that many build-stage
mutants (nightly-style); ``CODEGEN_GENERATE_MUTANTS=N`` sets the full-pipeline sample.
"""

from __future__ import annotations

import ast
import importlib.util
import os
import re
import shutil
import signal
import subprocess
import sys
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path

import pytest
from mutants import (
    HOSTILE_NAMES_AND_TEXT,
    PROJECT,
    SLIP_MUTATIONS,
    SPEC_DIR,
    corpora,
    make_mutant,
)

from codegen.cli import main as cli_main
from codegen.errors import CodegenError
from codegen.model import (
    Diagnostic,
    ListShape,
    MapShape,
    Service,
    ShapeModel,
    StructureShape,
)
from codegen.model.build import build_model
from codegen.slips import KINDS

BUILD_MUTANTS = int(os.environ.get("CODEGEN_MUTANTS", "300"))
GENERATE_MUTANTS = int(os.environ.get("CODEGEN_GENERATE_MUTANTS", "16"))
MYPY_MUTANTS = int(os.environ.get("CODEGEN_MYPY_MUTANTS", "4"))
CLI_MUTANTS = int(os.environ.get("CODEGEN_CLI_MUTANTS", "20"))
FIRST_SEED = int(os.environ.get("CODEGEN_MUTANT_SEED", "0"))
SECONDS_PER_MUTANT = 20
UNPRINTABLE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")

pytestmark = pytest.mark.skipif("spec" not in corpora(), reason="spec/ folder missing")


@contextmanager
def time_limit(seconds: int) -> Iterator[None]:
    """A hang is a failure too: interrupt the run after ``seconds``."""

    def expire(signum: int, frame: object) -> None:
        raise TimeoutError(f"still running after {seconds} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def diagnostic_problems(diagnostics: tuple[Diagnostic, ...], spec: Path) -> list[str]:
    """Why these diagnostics do not locate and explain the problem (empty when they do)."""
    if not diagnostics:
        return ["CodegenError without diagnostics"]
    problems = []
    for d in diagnostics:
        where = Path(d.location.file)
        if not d.message.strip():
            problems.append(f"{d}: empty message")
        if UNPRINTABLE.search(str(d)):
            # Doc text echoed raw into a terminal could move the cursor or recolour output.
            problems.append(f"{str(d)!r}: control or bidi characters in the message")
        if where.is_file():
            # The parser reads CR, LF and CRLF as line ends, and so do editors.
            lines = len(re.split(rb"\r\n|\r|\n", where.read_bytes()))
            if not 1 <= d.location.line <= lines:
                problems.append(f"{d}: line {d.location.line} not in 1..{lines}")
        elif where != spec:
            problems.append(f"{d}: {where} is not an existing file")
    return problems


def references(service: Service) -> Iterator[tuple[str | None, str]]:
    """(shape name, who refers to it) for every shape reference in a service."""
    for shape in service.shapes.values():
        if isinstance(shape, StructureShape):
            for member in shape.members:
                yield member.target, f"{shape.name}.{member.name}"
        elif isinstance(shape, ListShape):
            yield shape.member, shape.name
        elif isinstance(shape, MapShape):
            yield shape.key, shape.name
            yield shape.value, shape.name
    for operation in service.operations.values():
        yield operation.input, operation.name
        yield operation.output, operation.name
        for error in operation.errors:
            yield error.shape, operation.name
    for error_name in service.common_errors:
        yield error_name, "common errors"


def dangling_references(model: ShapeModel) -> list[str]:
    """Shape names the model refers to but does not define (the renderer would crash)."""
    return [
        f"{service.uid}: {used_by} refers to undefined shape {name!r}"
        for service in model.services
        for name, used_by in references(service)
        if name is not None and name not in service.shapes
    ]


def build_outcome(spec: Path) -> str:
    """``rejected`` or ``built``; raises AssertionError when the outcome is neither clean
    rejection nor a sound model."""
    try:
        with time_limit(SECONDS_PER_MUTANT):
            model = build_model(spec)
    except CodegenError as error:
        problems = diagnostic_problems(error.diagnostics, spec)
        assert not problems, "\n".join(problems)
        return "rejected"
    dangling = dangling_references(model)
    assert not dangling, "\n".join(dangling)
    return "built"


def run_build_mutant(seed: int, tmp: Path) -> str:
    mutant = make_mutant(seed)
    spec = mutant.write(tmp / f"m{seed}")
    try:
        return build_outcome(spec)
    except Exception as error:  # any other exception is the failure being looked for
        raise AssertionError(
            f"{mutant.describe()}\n  {type(error).__name__}: {error}\n"
            f"  reproduce: python tests/mutants.py {seed} --out /tmp/m{seed} && "
            f"python -m codegen /tmp/m{seed} -o /tmp/out{seed}"
        ) from error


def test_build_stage_mutants_fail_cleanly_or_build_sound_models(tmp_path: Path) -> None:
    outcomes: Counter[str] = Counter()
    failures = []
    for seed in range(FIRST_SEED, FIRST_SEED + BUILD_MUTANTS):
        try:
            outcomes[run_build_mutant(seed, tmp_path)] += 1
        except AssertionError as failure:
            failures.append(str(failure))
    print(f"\nbuild-stage mutants: {dict(outcomes)}, failed: {len(failures)}")
    assert not failures, f"{len(failures)} mutant(s) failed:\n" + "\n".join(failures[:20])
    # Both outcomes must occur, or the mutator has stopped testing one of them.
    assert outcomes["rejected"] and outcomes["built"]


# ---------------------------------------------------------------------------------------
# Through the CLI: a rejected mutant exits 1 with one `file:line: severity: message` per
# line and no traceback, and writes nothing.

DIAGNOSTIC_LINE = re.compile(r"^(?P<file>[^\n]+?):(?P<line>\d+): (error|warning): \S")


def cli_problems(code: int, stderr: str, spec: Path, out: Path) -> list[str]:
    """Why the CLI's exit and output are not a clean, located rejection."""
    problems = [] if code == 1 else [f"exit status {code}, expected 1"]
    if "Traceback" in stderr:
        problems.append("traceback on stderr")
    *diagnostics, summary = stderr.rstrip("\n").split("\n")
    if not summary.startswith("codegen: failed with"):
        problems.append(f"last line {summary!r} is not the failure summary")
    for line in diagnostics:
        match = DIAGNOSTIC_LINE.match(line)
        if match is None:
            problems.append(f"not a 'file:line: severity: message' line: {line!r}")
        elif not Path(match["file"]).exists():
            problems.append(f"{line!r}: {match['file']} does not exist")
    if out.exists():
        problems.append(f"{out} was created by a failed run")
    return problems


def test_rejected_mutants_exit_1_with_located_messages_and_no_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    checked = 0
    failures = []
    seed = FIRST_SEED
    while checked < CLI_MUTANTS:
        mutant = make_mutant(seed, "spec")
        seed += 1
        spec = mutant.write(tmp_path / f"m{mutant.seed}")
        try:
            build_model(spec)
            continue  # builds: the generation sample covers these
        except CodegenError:
            pass
        out = tmp_path / f"out{mutant.seed}"
        code = cli_main([str(spec), "-o", str(out)])
        problems = cli_problems(code, capsys.readouterr().err, spec, out)
        if problems:
            failures.append(f"{mutant.describe()}\n  " + "\n  ".join(problems))
        checked += 1
    print(f"\nCLI: {checked} rejected mutants, {len(failures)} without a clean exit")
    assert not failures, "\n".join(failures[:10])


def test_the_cli_process_reports_a_broken_page_without_a_traceback(tmp_path: Path) -> None:
    spec = Path(shutil.copytree(SPEC_DIR, tmp_path / "spec"))
    page = spec / "API_Tag.md"
    page.write_bytes(page.read_bytes()[:200] + b"\xff\xfe" + page.read_bytes()[200:])

    def run(out: Path, *options: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "codegen", str(spec), "-o", str(out), *options],
            capture_output=True,
            text=True,
            check=False,
            cwd=PROJECT,
            timeout=120,
        )

    # Bytes that are not UTF-8 are a slip: a located warning, and the package is written.
    lenient = run(tmp_path / "out")
    assert lenient.returncode == 0 and "Traceback" not in lenient.stderr
    assert f"{page}:" in lenient.stderr and (tmp_path / "out" / "sagemaker").is_dir()
    strict = run(tmp_path / "strict", "--strict")
    assert not cli_problems(strict.returncode, strict.stderr, spec, tmp_path / "strict")
    assert f"{page}:" in strict.stderr


# ---------------------------------------------------------------------------------------
# Generation: mutants that build (hostile names, injected text, twins, self links) render
# to Python that compiles, calls no eval/exec, imports, and (a sample) passes mypy --strict.


def code_problems(rel: str, text: str) -> list[str]:
    """Syntax errors and eval/exec calls in one generated module."""
    try:
        tree = ast.parse(text, rel)
    except SyntaxError as error:
        return [f"{rel}:{error.lineno}: {error.msg}"]
    return [
        f"{rel}:{node.lineno}: calls {node.func.id}"
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id in ("eval", "exec", "compile", "__import__")
    ]


def render_mutant(seed: int, out: Path) -> list[str]:
    """Build and render a spec/ mutant of hostile names and text into ``out``, each service
    under a package name of its own; the package names (none when the build rejected the
    mutant cleanly)."""
    from codegen.generate import render_model  # the renderer is optional until it exists

    mutant = make_mutant(seed, "spec", HOSTILE_NAMES_AND_TEXT)
    spec = mutant.write(out.parent / f"spec{seed}")
    try:
        if build_outcome(spec) == "rejected":
            return []
        model = build_model(spec)
        services = tuple(
            replace(s, config=replace(s.config, package=f"pkg_m{seed}_{n}"))
            for n, s in enumerate(model.services)
        )
        files = render_model(replace(model, services=services))
    except Exception as error:
        raise AssertionError(f"{mutant.describe()}\n  {type(error).__name__}: {error}") from error
    problems = []
    for rel, text in files.items():
        (out / rel).parent.mkdir(parents=True, exist_ok=True)
        (out / rel).write_text(text, encoding="utf-8")
        if rel.endswith(".py"):
            problems += code_problems(rel, text)
    assert not problems, mutant.describe() + "\n  " + "\n  ".join(problems)
    return [s.config.package for s in services]


IMPORT_EVERYTHING = """
import importlib, sys
for package in sys.argv[1:]:
    for sub in ("", ".shapes", ".enums"):
        module = importlib.import_module(package + sub)
        for name in module.__all__:
            value = getattr(module, name)
            if sub and getattr(value, "__name__", name) != name:
                raise SystemExit(f"{package}{sub}.{name} is {value!r}")
"""


def test_a_sample_of_hostile_mutants_generates_packages_that_import_and_type_check(
    tmp_path: Path,
) -> None:
    render_model_available()
    out = tmp_path / "out"
    outcomes: Counter[str] = Counter()
    packages: list[str] = []
    failures = []
    for seed in range(FIRST_SEED, FIRST_SEED + GENERATE_MUTANTS):
        try:
            generated = render_mutant(seed, out)
        except AssertionError as failure:
            failures.append(str(failure))
            continue
        packages += generated
        outcomes["generated" if generated else "rejected"] += 1
    print(
        f"\ngeneration sample: {dict(outcomes)}, {len(packages)} packages, {len(failures)} failed"
    )
    assert not failures, "\n".join(failures[:10])
    assert packages, "no mutant of the sample built: the sample tests nothing"
    run = subprocess.run(
        [sys.executable, "-c", IMPORT_EVERYTHING, *packages],
        cwd=out,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert run.returncode == 0, run.stderr[-3000:]
    typed = [arg for package in packages[:MYPY_MUTANTS] for arg in ("-p", package)]
    run = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental", *typed],
        cwd=out,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert run.returncode == 0, run.stdout[-3000:]


def render_model_available() -> None:
    if importlib.util.find_spec("codegen.render") is None:
        pytest.skip("the renderer is not there yet")


# ---------------------------------------------------------------------------------------
# Slips as real pages make them (tests/mutants.py SLIP_MUTATIONS): generation goes on, and
# every warning is located and catalogued. A slip that always changes what the page says
# (a bound without its number, a type word in the other grammatical number) is reported
# at its own line.

SLIP_MUTANTS = int(os.environ.get("CODEGEN_SLIP_MUTANTS", "120"))
SLIP_AT = re.compile(r"^(drop_bound_number|type_number_slip): (API_\S+\.md):(\d+): slip")


def test_slip_mutants_generate_with_located_warnings(tmp_path: Path) -> None:
    kinds = tuple(name for name, _ in SLIP_MUTATIONS)
    failures = []
    warned = 0
    for seed in range(FIRST_SEED, FIRST_SEED + SLIP_MUTANTS):
        mutant = make_mutant(seed, kinds=kinds)
        spec = mutant.write(tmp_path / f"slip{seed}")
        try:
            with time_limit(SECONDS_PER_MUTANT):
                model = build_model(spec)
        except CodegenError as error:
            # Without any SDK link the service's identity, and so its AWS settings, are
            # unknown: a located error naming the setting is right there, nowhere else.
            lost_identity = any(c.startswith("drop_sdk_links") for c in mutant.changes)
            if not lost_identity or diagnostic_problems(error.diagnostics, spec):
                failures.append(f"{mutant.describe()}: refused: {error.diagnostics[:3]}")
            continue
        problems = diagnostic_problems(model.diagnostics, spec) if model.diagnostics else []
        problems += [
            f"{d}: kind {d.kind!r} not catalogued" for d in model.diagnostics if d.kind not in KINDS
        ]
        places = {(Path(d.location.file).name, d.location.line) for d in model.diagnostics}
        for change in mutant.changes:
            match = SLIP_AT.match(change)
            if match and (match[2], int(match[3])) not in places:
                problems.append(f"no warning at {match[2]}:{match[3]} ({change})")
        warned += bool(model.diagnostics)
        if problems:
            failures.append(f"{mutant.describe()}: {problems[:3]}")
    assert not failures, f"{len(failures)} slip mutant(s) failed:\n" + "\n".join(failures[:20])
    assert warned, "no slip mutant produced a warning: the mutator has stopped slipping"
