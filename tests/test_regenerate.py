"""Regenerating as a build step: deterministic, incremental, checkable, vendorable."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SPEC = ROOT / "spec"


def codegen(
    *args: str | Path, env: dict[str, str] | None = None, cwd: Path = ROOT
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "codegen", *map(str, args)],
        check=False,
        capture_output=True,
        text=True,
        cwd=cwd,
        env={**os.environ, "PYTHONPATH": str(ROOT), **(env or {})},
        timeout=600,
    )


def tree(folder: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(folder)): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and "__pycache__" not in p.parts
    }


@pytest.fixture(scope="module")
def generated_once(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("first") / "out"
    result = codegen(SPEC, "-o", out)
    assert result.returncode == 0, result.stderr
    return out


def test_committed_generated_folder_is_fresh() -> None:
    result = codegen(SPEC, "-o", ROOT / "generated", "--check")
    assert result.returncode == 0, (
        "generated/ is stale; run `python -m codegen spec/`:\n" + result.stdout + result.stderr
    )


def test_output_is_identical_whatever_the_file_order_hash_seed_and_locale(
    generated_once: Path, tmp_path: Path
) -> None:
    # Same pages, written to disk in reverse order, under another hash seed, locale and zone.
    spec = tmp_path / "spec"
    spec.mkdir()
    for page in sorted(SPEC.iterdir(), reverse=True):
        shutil.copy(page, spec / page.name)
    out = tmp_path / "out"
    env = {
        "PYTHONHASHSEED": "12345",
        "LC_ALL": "C",
        "LANG": "C",
        "TZ": "Asia/Kathmandu",
    }
    result = codegen(spec, "-o", out, env=env)
    assert result.returncode == 0, result.stderr
    first, second = tree(generated_once), tree(out)
    assert first.keys() == second.keys()
    assert [name for name in first if first[name] != second[name]] == []
    assert all(b"\r\n" not in data for data in second.values())


def test_regenerating_unchanged_docs_rewrites_nothing(generated_once: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    shutil.copytree(generated_once, out)
    stale = 1_000_000_000
    for path in out.rglob("*"):
        if path.is_file():
            os.utime(path, (stale, stale))
    result = codegen(SPEC, "-o", out)
    assert result.returncode == 0, result.stderr
    assert " 0 written, 0 removed" in result.stdout
    assert all(p.stat().st_mtime == stale for p in out.rglob("*") if p.is_file())


def test_check_lists_the_files_a_doc_change_would_change_and_writes_nothing(
    generated_once: Path, tmp_path: Path
) -> None:
    spec = tmp_path / "spec"
    shutil.copytree(SPEC, spec)
    page = spec / "API_Tag.md"
    page.write_text(page.read_text().replace("Maximum length of 128", "Maximum length of 127"))
    out = tmp_path / "out"
    shutil.copytree(generated_once, out)
    before = tree(out)
    result = codegen(spec, "-o", out, "--check")
    assert result.returncode == 1
    assert "would change:" in result.stdout
    assert tree(out) == before
    unchanged = codegen(SPEC, "-o", out, "--check")
    assert unchanged.returncode == 0, unchanged.stdout


def test_a_failed_generation_leaves_the_previous_output_exactly_as_it_was(
    generated_once: Path, tmp_path: Path
) -> None:
    spec = tmp_path / "spec"
    shutil.copytree(SPEC, spec)
    page = spec / "API_Tag.md"
    page.write_text(page.read_text().replace("Type: String", "Type: Strung", 1))
    out = tmp_path / "out"
    shutil.copytree(generated_once, out)
    before = {p: p.stat().st_mtime_ns for p in out.rglob("*")}
    result = codegen(spec, "-o", out, "--strict")  # without it the slip is read past
    assert result.returncode == 1
    assert "API_Tag.md:" in result.stderr and "Traceback" not in result.stderr
    assert {p: p.stat().st_mtime_ns for p in out.rglob("*")} == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out", "spec"]


def test_renamed_package_works_when_copied_into_another_project(tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = codegen(SPEC, "-o", out, "--package", "tuning_api")
    assert result.returncode == 0, result.stderr
    project = tmp_path / "project"
    (project / "vendor").mkdir(parents=True)
    shutil.copytree(out / "tuning_api", project / "vendor" / "tuning_api")
    script = (
        "from vendor import tuning_api\n"
        "from vendor.tuning_api import shapes\n"
        "tag = shapes.Tag(key='team', value='ml')\n"
        "assert tag.to_dict() == {'Key': 'team', 'Value': 'ml'}\n"
        "try:\n"
        "    shapes.Tag.from_dict({'Key': ''})\n"
        "except tuning_api.ValidationError as error:\n"
        "    print(len(error.errors))\n"
    )
    ran = subprocess.run(
        [sys.executable, "-c", script],
        check=False,
        cwd=project,
        capture_output=True,
        text=True,
        timeout=60,
        env={k: v for k, v in os.environ.items() if k != "PYTHONPATH"},
    )
    assert ran.returncode == 0, ran.stderr
    assert int(ran.stdout) >= 2  # Key too short and Value missing, both reported


def test_package_records_generator_version_and_docs_digest_and_pyproject_lists_every_package(
    tmp_path: Path,
) -> None:
    import tomllib

    from codegen import __version__
    from codegen.output.provenance import read_provenance

    out = tmp_path / "out"
    result = codegen(SPEC, "-o", out, "--pyproject")
    assert result.returncode == 0, result.stderr
    provenance = (out / "sagemaker" / "_provenance.py").read_text()
    assert f'GENERATOR_VERSION = "{__version__}"' in provenance
    assert f'SPEC_SHA256 = "{read_provenance(SPEC).spec_digest}"' in provenance
    project = tomllib.loads((out / "pyproject.toml").read_text())
    listed = set(project["tool"]["setuptools"]["packages"])
    on_disk = {".".join(init.parent.relative_to(out).parts) for init in out.rglob("__init__.py")}
    assert listed == on_disk


def test_docs_digest_follows_page_content_not_file_times(tmp_path: Path) -> None:
    from codegen.output.provenance import read_provenance

    spec = tmp_path / "spec"
    shutil.copytree(SPEC, spec)
    before = read_provenance(spec).spec_digest
    os.utime(spec / "API_Tag.md", (1, 1))
    assert read_provenance(spec).spec_digest == before
    (spec / "API_Tag.md").write_text((spec / "API_Tag.md").read_text() + "\n")
    assert read_provenance(spec).spec_digest != before


def test_unchanged_docs_settings_and_generator_skip_rendering(
    generated_once: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from codegen import generate as pipeline

    out = tmp_path / "out"
    shutil.copytree(generated_once, out)

    def must_not_render(*args: object) -> dict[str, str]:
        raise AssertionError("rendered although nothing changed")

    monkeypatch.setattr(pipeline, "render_model", must_not_render)
    assert pipeline.generate(SPEC, out).changes.changes == ()
    # Another generator version (code or templates) must render again.
    monkeypatch.setattr(pipeline, "generator_digest", lambda: "another generator")
    with pytest.raises(AssertionError, match="rendered although"):
        pipeline.generate(SPEC, out)
