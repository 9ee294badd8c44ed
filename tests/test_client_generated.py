"""The generated client code itself: type-checks, lints, and is cheap to import and build.

Packages: ``spec/`` (with its codegen.toml) and the SageMaker (sagemaker-2019) and
Lambda corpora (settings from botocore's metadata).
"""

from __future__ import annotations

import compileall
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from test_client_wire import CORPUS, corpus_config, write_client_package

from codegen.model.build import build_model

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
CLIENT_FILES = (
    "client.py",
    "aio.py",
    "errors.py",
    "_client_async.py",
    "_client_base.py",
    "_client_call.py",
    "_client_info.py",
    "_client_wire.py",
)
IMPORT_BUDGET_SECONDS = 0.050


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, list[str]]]:
    root = tmp_path_factory.mktemp("client_generated")
    names = []
    (spec,) = build_model(ROOT / "spec").services
    write_client_package(spec, root, "cg_spec")
    names.append("cg_spec")
    if CORPUS.is_dir():
        for corpus, uid_prefix, package in (
            ("sagemaker-2019", "sagemaker-", "cg_sagemaker"),
            ("lambda", "lambda-", "cg_lambda"),
        ):
            model = build_model(CORPUS / corpus / "docs", config=corpus_config(corpus))
            (service,) = [s for s in model.services if s.uid.startswith(uid_prefix)]
            write_client_package(service, root, package)
            names.append(package)
    yield root, names


def test_generated_clients_pass_mypy_strict(
    generated: tuple[Path, list[str]], tmp_path: Path
) -> None:
    root, names = generated
    packages = [arg for name in names for arg in ("-p", name)]
    result = subprocess.run(
        [
            str(BIN / "mypy"),
            "--strict",
            "--python-version",
            "3.11",
            "--no-error-summary",
            "--cache-dir",
            str(tmp_path / "mypy-cache"),
            *packages,
        ],
        cwd=root,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout[-5000:] + result.stderr[-2000:]


def test_generated_client_files_pass_ruff(generated: tuple[Path, list[str]]) -> None:
    root, names = generated
    files = [f"{name}/{rel}" for name in names for rel in CLIENT_FILES]
    result = subprocess.run(
        [str(BIN / "ruff"), "check", "--isolated", "--target-version", "py311", *files],
        cwd=root,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout[-5000:]


def test_importing_the_package_and_building_a_client_is_cheap(
    generated: tuple[Path, list[str]],
) -> None:
    root, names = generated
    package = names[-2] if len(names) > 1 else names[0]  # SageMaker: the biggest
    compileall.compile_dir(str(root / package), quiet=1)
    code = (
        "import sys, time\n"
        "start = time.perf_counter()\n"
        f"import {package}\n"
        f"from {package}.client import Client\n"
        "client = Client('us-east-1')\n"
        "elapsed = time.perf_counter() - start\n"
        "heavy = sorted({'http.client', 'ssl', 'json', 'email.utils', 'uuid', 'asyncio'}"
        " & set(sys.modules))\n"
        "print(f'{elapsed}|{\",\".join(heavy)}')\n"
    )
    timings = []
    for _ in range(5):
        result = subprocess.run(
            [sys.executable, "-c", code], cwd=root, capture_output=True, text=True, check=True
        )
        elapsed, heavy = result.stdout.strip().split("|")
        timings.append(float(elapsed))
        assert heavy == "", f"loaded before the first call: {heavy}"
    print(f"\nimport {package} + Client(): best of 5 {min(timings) * 1000:.1f} ms")
    assert min(timings) < IMPORT_BUDGET_SECONDS
