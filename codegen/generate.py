"""The pipeline, end to end: parse -> model -> views -> render -> format -> write."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path

from .config import SpecConfig
from .errors import CodegenError
from .model import Diagnostic, Service, ShapeModel, SourceLocation
from .model.build import build_model
from .output import write
from .output.format import format_files
from .output.provenance import generator_digest, read_provenance, render_provenance
from .render.client import render_async_client, render_client
from .render.docs import render_docs
from .render.package import render_package
from .views import view_service


@dataclass(frozen=True)
class Result:
    model: ShapeModel
    changes: write.Plan


def generate(
    spec_dir: Path,
    out_dir: Path,
    *,
    package: str | None = None,
    strict: bool = False,
    check: bool = False,
    config: SpecConfig | None = None,
    pyproject: bool = False,
) -> Result:
    """Generate one package per service of ``spec_dir`` into ``out_dir``.

    With ``check``, nothing is written: the result lists what would change. ``config``
    replaces ``spec_dir/codegen.toml`` (for callers that hold the settings elsewhere);
    ``pyproject`` adds ``OUT/pyproject.toml`` so the packages can be installed on their own.
    """
    model = build_model(spec_dir, config=config, strict=strict)
    if package is not None:
        model = _rename_package(model, package, spec_dir)
    provenance = read_provenance(spec_dir)
    inputs = write.digest(
        repr((provenance, generator_digest(), package, pyproject, config)).encode()
    )
    manifest = write.read_manifest(out_dir)
    if manifest.inputs == inputs and manifest.intact(out_dir):
        # Same docs, settings and generator as the output on disk: nothing to redo.
        return Result(model, write.Plan((), (), tuple(sorted(manifest.files))))
    sources = render_model(model)
    sources.update(render_provenance(model, provenance, pyproject))
    files = _formatted(sources, out_dir, manifest)
    source_digests = {rel: write.digest(text.encode()) for rel, text in sources.items()}
    changes = write.plan(out_dir, files, manifest)
    if not check:
        manifest_data = write.manifest_bytes(files, source_digests, inputs)
        write.apply(out_dir, files, changes, manifest_data)
    return Result(model, changes)


def render_model(model: ShapeModel) -> dict[str, str]:
    """Every service's files, keyed by path relative to the output folder: the package
    (``<pkg>/``: shapes, enums, client, errors, runtime), its Markdown reference
    (``docs/<pkg>/``) and HTML site (``site/<pkg>/``)."""
    # The model builder has already refused two services sharing one package name.
    files: dict[str, str] = {}
    for service in model.services:
        view = view_service(service)
        files.update(render_package(view))
        files.update(render_client(view))
        files.update(render_async_client(view))
        files.update(render_docs(view))
    return files


def package_sources(service: Service) -> dict[str, str]:
    """The importable package of one service, without its docs: shapes, enums, client
    (and the asyncio one), errors, runtime."""
    view = view_service(service)
    return {**render_package(view), **render_client(view), **render_async_client(view)}


def _formatted(
    sources: Mapping[str, str], out_dir: Path, manifest: write.Manifest
) -> dict[str, bytes]:
    """Format the sources, reusing what is on disk for files whose source has not changed
    since the last run (black is the slow stage; a no-op regeneration skips it)."""
    reused: dict[str, bytes] = {}
    pending: dict[str, str] = {}
    for rel, text in sources.items():
        on_disk = out_dir / rel
        if (
            manifest.sources.get(rel) == write.digest(text.encode())
            and on_disk.is_file()
            and write.digest(data := on_disk.read_bytes()) == manifest.files.get(rel)
        ):
            reused[rel] = data
        else:
            pending[rel] = text
    formatted = {rel: text.encode() for rel, text in format_files(pending).items()}
    return dict(sorted({**reused, **formatted}.items()))


def _rename_package(model: ShapeModel, package: str, spec_dir: Path) -> ShapeModel:
    if len(model.services) != 1:
        uids = ", ".join(s.uid for s in model.services)
        raise CodegenError(
            [
                Diagnostic(
                    SourceLocation(str(spec_dir), 0),
                    f"--package names one package, but this folder has {len(model.services)} "
                    f"services ({uids}); set 'package' per service in codegen.toml instead",
                )
            ]
        )
    service = model.services[0]
    renamed = replace(service, config=replace(service.config, package=package))
    return replace(model, services=(renamed,))
