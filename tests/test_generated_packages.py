"""The packages generated from every corpus: they import, type-check and lint cleanly.

Also the helpers other generated-code tests use: ``generate_corpora`` renders, formats and
writes every service of every corpus once per session into one folder, each package
renamed ``<corpus>_<package>`` so that all of them type-check in one mypy run.
"""

from __future__ import annotations

import ast
import hashlib
import importlib
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import black

from codegen.model import Service
from codegen.output.format import format_files

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
CORPORA = (
    sorted(p.name for p in CORPUS.glob("*") if (p / "docs").is_dir()) if CORPUS.is_dir() else []
)
BIN = Path(sys.executable).parent


@dataclass(frozen=True)
class Generated:
    root: Path
    services: dict[str, tuple[str, Service]]
    """package name -> (corpus, service as rendered)."""


def package_name(corpus: str, service: Service) -> str:
    return f"{corpus.replace('-', '_')}_{service.config.package}".rstrip("_")


def _cached_format(files: dict[str, str], cache_dir: Path) -> dict[str, str]:
    """black output for each source, reused across runs (keyed by source and black's
    version): formatting is a pure function of both, and the slowest stage."""
    cache_dir.mkdir(parents=True, exist_ok=True)
    result: dict[str, str] = {}
    pending: dict[str, str] = {}
    keys = {}
    for rel, text in files.items():
        key = hashlib.sha256(f"{black.__version__}\0{text}".encode()).hexdigest()
        keys[rel] = key
        cached = cache_dir / key
        if cached.is_file():
            result[rel] = cached.read_text(encoding="utf-8")
        else:
            pending[rel] = text
    for rel, text in format_files(pending).items():
        (cache_dir / keys[rel]).write_text(text, encoding="utf-8")
        result[rel] = text
    return result


def test_every_generated_package_imports_with_all_its_shapes_and_enums(
    generated: Generated,
) -> None:
    for name in generated.services:
        package = importlib.import_module(name)
        shapes = importlib.import_module(f"{name}.shapes")
        enums = importlib.import_module(f"{name}.enums")
        for shape in shapes.__all__:
            assert getattr(shapes, shape).__name__ == shape
        for enum in enums.__all__:
            assert getattr(enums, enum).__name__ == enum
        assert issubclass(package.ValidationError, ValueError)


def test_importing_a_package_loads_no_shape_module(generated: Generated) -> None:
    name = next(iter(generated.services))
    code = (
        f"import sys, {name}; "
        f"loaded = [m for m in sys.modules if m.startswith('{name}.')]; "
        "print(loaded)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=generated.root, capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"


def test_generated_packages_pass_mypy_strict(generated: Generated, tmp_path: Path) -> None:
    packages = [arg for name in sorted(generated.services) for arg in ("-p", name)]
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
        cwd=generated.root,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout[-5000:] + result.stderr[-2000:]


def test_generated_packages_pass_ruff(generated: Generated) -> None:
    result = subprocess.run(
        [str(BIN / "ruff"), "check", "--isolated", "--target-version", "py311", "."],
        cwd=generated.root,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout[-5000:]


def test_generated_packages_use_only_relative_and_standard_library_imports(
    generated: Generated,
) -> None:
    allowed = set(sys.stdlib_module_names) | {"__future__"}
    for path in generated.root.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.level == 0:
                assert (node.module or "").split(".")[0] in allowed, f"{path}: {node.module}"
            elif isinstance(node, ast.Import):
                assert all(a.name.split(".")[0] in allowed for a in node.names), path
