"""Stage 5: write the generated files like a good build step.

- Only files whose content changes are rewritten: untouched files keep their mtime.
- Files this generator wrote before (listed in the manifest) that no longer belong are
  removed; files it did not write are never removed or overwritten.
- Nothing is changed until every file has been rendered and formatted in memory and staged
  on disk beside the output folder; the final step is a series of atomic renames, so a
  failure leaves the previous output as it was.
"""

from __future__ import annotations

import errno
import hashlib
import json
import os
import shutil
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from ..errors import CodegenError
from ..model import Diagnostic, SourceLocation

MANIFEST = ".codegen-manifest.json"


@dataclass(frozen=True)
class Manifest:
    """What a previous run generated: path -> digest of the content written, plus the digest
    of each file's unformatted source (so unchanged sources need no formatting)."""

    files: Mapping[str, str]
    sources: Mapping[str, str]
    inputs: str = ""
    """Digest of everything the output was generated from (docs, settings, generator)."""

    def intact(self, out_dir: Path) -> bool:
        """Every file it lists is on disk as it was written."""
        return all(
            (out_dir / rel).is_file() and digest((out_dir / rel).read_bytes()) == expected
            for rel, expected in self.files.items()
        )


@dataclass(frozen=True)
class Plan:
    """What writing would change."""

    write: tuple[str, ...]
    remove: tuple[str, ...]
    unchanged: tuple[str, ...]

    @property
    def changes(self) -> tuple[str, ...]:
        return tuple(sorted(self.write + self.remove))


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def read_manifest(out_dir: Path) -> Manifest:
    path = out_dir / MANIFEST
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return Manifest(
            dict(data["files"]),
            dict(data.get("sources", {})),
            str(data.get("inputs", "")),
        )
    except FileNotFoundError:
        return Manifest({}, {})
    except (ValueError, KeyError, TypeError, UnicodeDecodeError):
        raise CodegenError(
            [
                Diagnostic(
                    SourceLocation(str(path), 1),
                    "unreadable manifest; delete it to start over",
                )
            ]
        ) from None


def plan(out_dir: Path, files: Mapping[str, bytes], manifest: Manifest) -> Plan:
    """Compare the files to generate with what is on disk."""
    write, unchanged, conflicts = [], [], []
    for rel, data in sorted(files.items()):
        target = out_dir / rel
        if not target.exists():
            write.append(rel)
        elif target.is_file() and target.read_bytes() == data:
            unchanged.append(rel)
        elif rel in manifest.files:
            write.append(rel)
        else:
            conflicts.append(rel)
    if conflicts:
        raise CodegenError(
            Diagnostic(
                SourceLocation(str(out_dir / rel), 1),
                "exists and was not written by codegen; refusing to overwrite it "
                "(move it away or choose another output folder)",
            )
            for rel in conflicts
        )
    remove = [
        rel for rel in sorted(manifest.files) if rel not in files and (out_dir / rel).is_file()
    ]
    return Plan(tuple(write), tuple(remove), tuple(unchanged))


def manifest_bytes(
    files: Mapping[str, bytes], sources: Mapping[str, str], inputs: str = ""
) -> bytes:
    data = {
        "files": {rel: digest(files[rel]) for rel in sorted(files)},
        "inputs": inputs,
        "sources": dict(sorted(sources.items())),
    }
    return (json.dumps(data, indent=1, sort_keys=True) + "\n").encode()


def apply(out_dir: Path, files: Mapping[str, bytes], changes: Plan, manifest: bytes) -> None:
    """Stage changed files beside ``out_dir``, then move them into place. If a move fails,
    the moves already made are undone: the output folder is left as it was."""
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.", dir=out_dir.parent))
    try:
        staged = []
        old_manifest = out_dir / MANIFEST
        same_manifest = old_manifest.is_file() and old_manifest.read_bytes() == manifest
        for rel in changes.write + (() if same_manifest else (MANIFEST,)):
            path = staging / "new" / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(manifest if rel == MANIFEST else files[rel])
            staged.append(rel)
        _swap(out_dir, staging, staged, changes.remove)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _swap(out_dir: Path, staging: Path, staged: list[str], removed: tuple[str, ...]) -> None:
    """Move staged files into place and removed ones out, each previous file set aside in
    ``staging/old`` until every move has succeeded."""
    folder_times = _folder_times(out_dir, [*staged, *removed])
    moved: list[tuple[str, bool]] = []  # (path, whether a previous file was set aside)
    created: list[Path] = []
    try:
        for rel in staged:
            target = out_dir / rel
            created += _make_folders(target.parent, out_dir)
            moved.append((rel, _set_aside(target, staging / "old" / rel)))
            os.replace(staging / "new" / rel, target)
        for rel in removed:
            moved.append((rel, _set_aside(out_dir / rel, staging / "old" / rel)))
    except BaseException:
        _undo(out_dir, staging, moved, created, folder_times)
        raise
    for rel in removed:
        _remove_empty_parents((out_dir / rel).parent, out_dir)


def _set_aside(target: Path, backup: Path) -> bool:
    if not target.exists() and not target.is_symlink():
        return False
    if target.is_dir() and not target.is_symlink():
        # Never move a folder away: it holds files codegen did not write.
        raise IsADirectoryError(
            errno.EISDIR, "a folder is where a generated file goes", str(target)
        )
    backup.parent.mkdir(parents=True, exist_ok=True)
    os.replace(target, backup)
    return True


def _undo(
    out_dir: Path,
    staging: Path,
    moved: list[tuple[str, bool]],
    created: list[Path],
    folder_times: dict[Path, tuple[int, int]],
) -> None:
    for rel, had_previous in reversed(moved):
        target = out_dir / rel
        if had_previous:
            os.replace(staging / "old" / rel, target)
        elif target.exists() or target.is_symlink():
            target.unlink()
    for folder in reversed(created):
        folder.rmdir()
    # Moving files out and back changed their folders' mtimes: put those back too.
    for folder, (atime, mtime) in folder_times.items():
        os.utime(folder, ns=(atime, mtime))


def _make_folders(folder: Path, root: Path) -> list[Path]:
    """Create ``folder`` (below ``root``) and its missing parents; the ones created, outermost
    first."""
    missing = []
    while not folder.exists() and folder != root.parent:
        missing.append(folder)
        folder = folder.parent
    for path in reversed(missing):
        path.mkdir()
    return list(reversed(missing))


def _folder_times(out_dir: Path, rels: list[str]) -> dict[Path, tuple[int, int]]:
    """(atime, mtime) in ns of the existing folders the given paths lie in."""
    folders = {out_dir}
    for rel in rels:
        folders.update(p for p in (out_dir / rel).parents if p.is_relative_to(out_dir))
    times = {}
    for folder in sorted(folders):
        if folder.is_dir():
            stat = folder.stat()
            times[folder] = (stat.st_atime_ns, stat.st_mtime_ns)
    return times


def _remove_empty_parents(folder: Path, root: Path) -> None:
    while folder != root and folder.is_relative_to(root):
        try:
            folder.rmdir()
        except OSError:
            return
        folder = folder.parent
