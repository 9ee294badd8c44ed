"""Writing output like a good build step: incremental, manifest-driven, never clobbering."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from codegen.errors import CodegenError
from codegen.output import write


def run(out: Path, files: dict[str, bytes]) -> write.Plan:
    manifest = write.read_manifest(out)
    changes = write.plan(out, files, manifest)
    write.apply(out, files, changes, write.manifest_bytes(files, {}))
    return changes


def test_unchanged_files_keep_their_mtime_and_changed_ones_are_rewritten(
    tmp_path: Path,
) -> None:
    out = tmp_path / "out"
    run(out, {"pkg/a.py": b"a = 1\n", "pkg/b.py": b"b = 1\n"})
    stale = 1_000_000_000
    for name in ("a.py", "b.py"):
        os.utime(out / "pkg" / name, (stale, stale))
    changes = run(out, {"pkg/a.py": b"a = 1\n", "pkg/b.py": b"b = 2\n"})
    assert changes.write == ("pkg/b.py",) and changes.unchanged == ("pkg/a.py",)
    assert (out / "pkg/a.py").stat().st_mtime == stale
    assert (out / "pkg/b.py").read_bytes() == b"b = 2\n"


def test_files_generated_earlier_that_no_longer_belong_are_removed(
    tmp_path: Path,
) -> None:
    out = tmp_path / "out"
    run(out, {"pkg/a.py": b"a\n", "pkg/old/x.py": b"x\n"})
    changes = run(out, {"pkg/a.py": b"a\n"})
    assert changes.remove == ("pkg/old/x.py",)
    assert not (out / "pkg/old").exists()


def test_files_the_generator_did_not_write_are_never_removed_or_overwritten(
    tmp_path: Path,
) -> None:
    out = tmp_path / "out"
    run(out, {"pkg/a.py": b"a\n"})
    (out / "pkg/mine.py").write_bytes(b"user code\n")
    run(out, {"pkg/a.py": b"a2\n"})
    assert (out / "pkg/mine.py").read_bytes() == b"user code\n"
    with pytest.raises(CodegenError, match="not written by codegen"):
        run(out, {"pkg/a.py": b"a\n", "pkg/mine.py": b"generated\n"})
    assert (out / "pkg/mine.py").read_bytes() == b"user code\n"
    assert (out / "pkg/a.py").read_bytes() == b"a2\n"  # the failed run changed nothing


def test_no_staging_folder_is_left_behind(tmp_path: Path) -> None:
    out = tmp_path / "out"
    run(out, {"pkg/a.py": b"a\n"})
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]


def test_a_corrupt_manifest_is_reported_with_its_path(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / write.MANIFEST).write_text("{not json")
    with pytest.raises(CodegenError, match="unreadable manifest"):
        write.read_manifest(out)
