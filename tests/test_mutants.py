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

import os
import re
import signal
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from mutants import corpora, make_mutant

from codegen.build import build_model
from codegen.errors import CodegenError
from codegen.model import Diagnostic, ListShape, MapShape, ShapeModel, StructureShape

BUILD_MUTANTS = int(os.environ.get("CODEGEN_MUTANTS", "400"))
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


def dangling_references(model: ShapeModel) -> list[str]:
    """Shape names the model refers to but does not define (the renderer would crash)."""
    missing = []
    for service in model.services:
        shapes = service.shapes

        def check(name: str | None, used_by: str) -> None:
            if name is not None and name not in shapes:
                missing.append(f"{service.uid}: {used_by} refers to undefined shape {name!r}")

        for shape in shapes.values():
            if isinstance(shape, StructureShape):
                for member in shape.members:
                    check(member.target, f"{shape.name}.{member.name}")
            elif isinstance(shape, ListShape):
                check(shape.member, shape.name)
            elif isinstance(shape, MapShape):
                check(shape.key, shape.name)
                check(shape.value, shape.name)
        for operation in service.operations.values():
            check(operation.input, operation.name)
            check(operation.output, operation.name)
            for error in operation.errors:
                check(error.shape, operation.name)
        for error_name in service.common_errors:
            check(error_name, "common errors")
    return missing


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
