"""Output folder safety: a failed run leaves the previous output exactly as it was (bytes
and mtimes), and files the generator did not write are never removed or overwritten."""

from __future__ import annotations

import errno
import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from mutants import SPEC_DIR

from codegen.cli import main

pytestmark = pytest.mark.skipif(not SPEC_DIR.is_dir(), reason="spec/ folder missing")

Snapshot = dict[str, tuple[bytes | None, int]]


def snapshot(folder: Path) -> Snapshot:
    """Every path below ``folder``: content (None for folders) and mtime in ns."""
    return {
        str(p.relative_to(folder)): (p.read_bytes() if p.is_file() else None, p.stat().st_mtime_ns)
        for p in sorted(folder.rglob("*"))
    }


@pytest.fixture(scope="module")
def first_output(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("first") / "out"
    assert main([str(SPEC_DIR), "-o", str(out)]) == 0
    return out


@pytest.fixture
def previous(first_output: Path, tmp_path: Path) -> Path:
    """A copy of a successful output with two files of the user's: one at the top, one
    inside the generated package."""
    out = Path(shutil.copytree(first_output, tmp_path / "out"))
    (out / "NOTES.md").write_text("mine\n")
    (out / "sagemaker" / "extra.py").write_text("MINE = 1\n")
    return out


def spec_copy(tmp_path: Path) -> Path:
    return Path(shutil.copytree(SPEC_DIR, tmp_path / "spec"))


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new, 1))


def remove_pages(spec: Path) -> None:
    for page in spec.glob("API_*.md"):
        page.unlink()


BREAKAGES: dict[str, Callable[[Path], object]] = {
    "non-UTF-8 page": lambda spec: (spec / "API_Tag.md").write_bytes(b"# Tag\n\xff\xfe\n"),
    "broken codegen.toml": lambda spec: (spec / "codegen.toml").write_text("[services\n"),
    "unknown type": lambda spec: edit(spec / "API_Tag.md", "Type: String", "Type: Strung"),
    "hostile page title": lambda spec: edit(spec / "API_Tag.md", "# Tag", "# Tag'''"),
    "duplicate shape": lambda spec: shutil.copy(spec / "API_Tag.md", spec / "API_TagCopy.md"),
    "no pages at all": remove_pages,
}


@pytest.mark.parametrize("breakage", sorted(BREAKAGES))
def test_a_failed_run_leaves_the_previous_output_byte_for_byte_with_its_mtimes(
    previous: Path, tmp_path: Path, breakage: str, capsys: pytest.CaptureFixture[str]
) -> None:
    spec = spec_copy(tmp_path)
    BREAKAGES[breakage](spec)
    before = snapshot(previous)
    # --strict: the slips among these (a bad byte, an unknown type, an unusable title, a
    # duplicate) are read past without it, and fail the run with it.
    assert main([str(spec), "-o", str(previous), "--strict"]) == 1
    assert "Traceback" not in capsys.readouterr().err
    assert snapshot(previous) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out", "spec"]  # no staging left


def test_a_failure_while_moving_files_into_place_restores_the_previous_output(
    previous: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    spec = spec_copy(tmp_path)
    # A description every module mentions: many files change, so many renames happen.
    edit(
        spec / "API_Tag.md",
        '# Tag<a name="API_Tag"></a>\n',
        '# Tag<a name="API_Tag"></a>\n\nChanged\\.\n',
    )
    edit(spec / "codegen.toml", 'target_prefix = "SageMaker"', 'target_prefix = "SageMakr"')
    real_replace = os.replace
    calls = []

    def failing_replace(src: str | Path, dst: str | Path) -> None:
        calls.append(dst)
        if len(calls) == 2:
            raise OSError(errno.EACCES, "Permission denied", str(dst))
        real_replace(src, dst)

    before = snapshot(previous)
    monkeypatch.setattr(os, "replace", failing_replace)  # what codegen.output.write calls
    assert main([str(spec), "-o", str(previous)]) == 1
    monkeypatch.undo()
    assert len(calls) >= 2
    assert snapshot(previous) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out", "spec"]


def test_regenerating_removes_only_files_it_wrote_before(previous: Path, tmp_path: Path) -> None:
    spec = spec_copy(tmp_path)
    (spec / "API_StopHyperParameterTuningJob.md").unlink()
    edit(
        spec / "API_Operations.md", "StopHyperParameterTuningJob", "DescribeHyperParameterTuningJob"
    )
    mine = {name: snapshot(previous)[name] for name in ("NOTES.md", "sagemaker/extra.py")}
    assert main([str(spec), "-o", str(previous)]) == 0
    after = snapshot(previous)
    assert {name: after[name] for name in mine} == mine
    assert not (previous / "sagemaker/shapes/_op_stop_hyper_parameter_tuning_job.py").exists()


def test_a_user_file_where_a_generated_file_goes_is_never_overwritten(
    first_output: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    (out / "sagemaker").mkdir(parents=True)
    (out / "sagemaker" / "__init__.py").write_text("# mine\n")
    before = snapshot(out)
    assert main([str(SPEC_DIR), "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert (
        f"{out / 'sagemaker' / '__init__.py'}:1: error: exists and was not written by codegen"
        in err
    )
    assert snapshot(out) == before


def test_a_folder_where_a_generated_file_goes_is_kept_and_the_run_fails(
    previous: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    spec = spec_copy(tmp_path)
    edit(spec / "codegen.toml", 'target_prefix = "SageMaker"', 'target_prefix = "SageMakr"')
    init = previous / "sagemaker" / "__init__.py"
    init.unlink()
    init.mkdir()
    (init / "keep.txt").write_text("mine\n")
    before = snapshot(previous)
    assert main([str(spec), "-o", str(previous)]) == 1
    assert f"{init}: error:" in capsys.readouterr().err
    assert snapshot(previous) == before
