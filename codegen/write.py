"""Stage 5: write the generated files like a good build step.

- Only files whose content changes are rewritten: untouched files keep their mtime.
- Files this generator wrote before (listed in the manifest) that no longer belong are
  removed; files it did not write are never removed or overwritten.
- Nothing is changed until every file has been rendered and formatted in memory and staged
  on disk beside the output folder; the final step is a series of atomic renames, so a
  failure leaves the previous output as it was.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from .errors import CodegenError
from .model import Diagnostic, SourceLocation

MANIFEST = ".codegen-manifest.json"


@dataclass(frozen=True)
class Manifest:
    """What a previous run generated: path -> digest of the content written, plus the digest
    of each file's unformatted source (so unchanged sources need no formatting)."""

    files: Mapping[str, str]
    sources: Mapping[str, str]


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
        return Manifest(dict(data["files"]), dict(data.get("sources", {})))
    except FileNotFoundError:
        return Manifest({}, {})
    except (ValueError, KeyError, TypeError, UnicodeDecodeError):
        raise CodegenError(
            [Diagnostic(SourceLocation(str(path), 1), "unreadable manifest; delete it to start over")]
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
        rel
        for rel in sorted(manifest.files)
        if rel not in files and (out_dir / rel).is_file()
    ]
    return Plan(tuple(write), tuple(remove), tuple(unchanged))


def manifest_bytes(files: Mapping[str, bytes], sources: Mapping[str, str]) -> bytes:
    data = {
        "files": {rel: digest(files[rel]) for rel in sorted(files)},
        "sources": dict(sorted(sources.items())),
    }
    return (json.dumps(data, indent=1, sort_keys=True) + "\n").encode()


def apply(out_dir: Path, files: Mapping[str, bytes], changes: Plan, manifest: bytes) -> None:
    """Stage changed files beside ``out_dir``, then move them into place."""
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.", dir=out_dir.parent))
    try:
        staged = []
        old_manifest = out_dir / MANIFEST
        same_manifest = old_manifest.is_file() and old_manifest.read_bytes() == manifest
        for rel in changes.write + (() if same_manifest else (MANIFEST,)):
            path = staging / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(manifest if rel == MANIFEST else files[rel])
            staged.append(rel)
        for rel in staged:
            target = out_dir / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            os.replace(staging / rel, target)
        for rel in changes.remove:
            (out_dir / rel).unlink()
            _remove_empty_parents((out_dir / rel).parent, out_dir)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _remove_empty_parents(folder: Path, root: Path) -> None:
    while folder != root and folder.is_relative_to(root):
        try:
            folder.rmdir()
        except OSError:
            return
        folder = folder.parent
