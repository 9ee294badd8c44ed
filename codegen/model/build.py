"""Stage 2: interpret page records as a ``ShapeModel``.

The builder runs the pages through its parts: which service each page belongs to
(``codegen.model.assign``), what each member's ``Type:`` line and constraints say
(``codegen.model.members``, ``codegen.model.typeexpr``, ``codegen.model.constraints``), each operation's wire
bindings (``codegen.model.operations``), the names of the shapes the docs leave unnamed
(``codegen.model.shape_names``), and the settings the pages never state
(``codegen.model.service_settings``).
"""

from __future__ import annotations

import gc
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from types import MappingProxyType

from ..config import SpecConfig, load_config
from ..errors import CodegenError, Diagnostics, Slip
from ..parse import WORKERS, Page, read_pages
from . import (
    ErrorRef,
    ListShape,
    MapShape,
    Operation,
    Service,
    Shape,
    ShapeModel,
    SourceLocation,
    StructureShape,
)
from .assign import assign_services, link_targets, page_kind, type_members
from .idempotency import mark_idempotency_tokens
from .members import Slot, check_shape_name, member_slot
from .operations import read_operation
from .service_settings import (
    UNSUPPORTED,
    api_version,
    service_config,
    service_protocol,
    table_entry,
)
from .shape_names import name_shapes
from .typeexpr import ExceptionOf


def build_model(
    spec_dir: Path,
    config: SpecConfig | None = None,
    strict: bool = False,
    workers: int = WORKERS,
) -> ShapeModel:
    """Read a folder of reference pages into a ``ShapeModel``, parsing on ``workers``
    processes when there are many pages.

    Raises ``CodegenError`` with every error found (and, with ``strict``, every warning).
    """
    # Parsing and building make no reference cycles (tests hold us to it), so the cyclic
    # collector would find nothing here; its runs would cost time in proportion to the
    # caller's whole heap (up to a quarter of the parse in a long-lived process).
    with _collector_paused():
        return _build_model(spec_dir, config, strict, workers)


@contextmanager
def _collector_paused() -> Iterator[None]:
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _build_model(
    spec_dir: Path, config: SpecConfig | None, strict: bool, workers: int
) -> ShapeModel:
    pages, parse_diagnostics = read_pages(spec_dir, workers)
    config = config if config is not None else load_config(spec_dir)
    diagnostics = Diagnostics()
    diagnostics.items.extend(parse_diagnostics)
    resolve = link_targets(pages)
    built = (
        _build_service(uid, name, service_pages, resolve, config, diagnostics)
        for uid, (name, service_pages) in sorted(
            assign_services(pages, diagnostics, spec_dir.resolve().name).items()
        )
    )
    services = tuple(service for service in built if service is not None)
    if not services and not any(d.severity == "error" for d in diagnostics.items):
        diagnostics.error(
            SourceLocation(str(spec_dir), 0),
            "no operation or data type page in this folder: expected pages with "
            "'## Request Syntax' (or request and response sections) or '## Contents'",
        )
    _check_packages(services, config, diagnostics)
    failing = [
        d
        for d in diagnostics.items
        if d.severity == "error" or (strict and d.severity == "warning")
    ]
    if failing:
        raise CodegenError(sorted(failing, key=lambda d: (d.location, d.message)))
    ordered = tuple(sorted(diagnostics.items, key=lambda d: (d.location, d.message)))
    return ShapeModel(services=services, diagnostics=ordered)


def _check_packages(
    services: tuple[Service, ...], config: SpecConfig, diagnostics: Diagnostics
) -> None:
    """Two services generating the same package would overwrite each other's files."""
    owner: dict[str, str] = {}
    for service in services:
        package = service.config.package
        if package in owner:
            diagnostics.error(
                _service_location(service, config),
                f"services {owner[package]} and {service.uid} would both generate package "
                f"{package!r}; give one a different 'package' in codegen.toml "
                f'([services."{service.uid}"] package = "...")',
            )
        owner.setdefault(package, service.uid)


def _service_location(service: Service, config: SpecConfig) -> SourceLocation:
    """Its codegen.toml table if it has one, else the first of its pages."""
    if service.uid in config.services:
        return SourceLocation(config.source, 1)
    parts = [*service.operations.values(), *service.shapes.values()]
    sources = [p.source for p in parts if p.source is not None]
    return min(sources, default=SourceLocation(config.source, 1))


def _build_service(
    uid: str,
    name: str,
    pages: list[Page],
    resolve: Mapping[str, str],
    config: SpecConfig,
    diagnostics: Diagnostics,
) -> Service | None:
    """One service's operations and shapes; ``None`` where its pages define nothing."""
    type_pages: dict[str, Page] = {}
    operation_pages: list[Page] = []
    for page in pages:
        kind = page_kind(page)
        if kind in ("operation", "type"):
            check_shape_name(page.title, page.source, diagnostics)
        if kind == "operation":
            operation_pages.append(page)
        elif kind == "type":
            if page.title in type_pages:
                other = type_pages[page.title].source
                diagnostics.slip(
                    page.source,
                    Slip(
                        "duplicate",
                        f"data type {page.title!r} is also defined at {other}; "
                        "this page is ignored",
                    ),
                )
                continue
            type_pages[page.title] = page
        else:
            diagnostics.slip(
                page.source,
                Slip(
                    "page-unrecognised",
                    "not an operation page (request or response sections) or a data type page "
                    "('## Contents'); skipped",
                ),
            )
    slots: list[Slot] = []
    structures: dict[str, StructureShape] = {}
    for title, page in sorted(type_pages.items()):
        contents, headed = type_members(page)
        if not headed:
            where = contents.source if contents else page.source
            heading = f"'## {contents.title}'" if contents else "no heading"
            diagnostics.slip(
                where,
                Slip(
                    "contents-missing",
                    f"members listed under {heading}, not '## Contents'; "
                    "read as the data type's members",
                ),
            )
        for entry in contents.members if contents else ():
            slots.append(member_slot(title, entry, resolve, diagnostics))
        structures[title] = StructureShape(
            name=title, documentation=page.documentation, source=page.source
        )
    aws_entry = table_entry(uid, name, config, pages, diagnostics)
    protocol = service_protocol(
        aws_entry, operation_pages, config.services.get(uid, {}), diagnostics
    )
    if protocol == UNSUPPORTED:
        return None  # an error says why; its pages are not read as another protocol's
    operations: dict[str, Operation] = {}
    errors: dict[str, ErrorRef] = {}
    for page in sorted(operation_pages, key=lambda p: p.title):
        if page.title in operations or page.title in structures:
            diagnostics.slip(
                page.source,
                Slip("duplicate", f"{page.title!r} is already defined; this page is ignored"),
            )
            continue
        read = read_operation(page, resolve, protocol, structures.keys(), diagnostics)
        if read is None:
            continue
        operation, op_slots, op_structures = read
        operations[operation.name] = operation
        slots.extend(op_slots)
        for shape in op_structures:
            structures[shape.name] = shape
        for ref in operation.errors:
            errors.setdefault(ref.shape, ref)
    for slot in slots:
        if isinstance(slot.expr, ExceptionOf):
            errors.setdefault(slot.member.name, ErrorRef(slot.member.name, None, "", None))
    shapes = name_shapes(slots, structures, errors, diagnostics)
    _check_references(uid, shapes, diagnostics)
    shapes = mark_idempotency_tokens(operations, shapes)
    if not operations and not shapes:
        return None  # its pages were all skipped, with a warning each
    return Service(
        uid=uid,
        name=name,
        api_version=api_version(uid),
        config=service_config(uid, name, protocol, config, diagnostics, pages, aws_entry),
        operations=MappingProxyType(operations),
        shapes=MappingProxyType(dict(sorted(shapes.items()))),
    )


def _check_references(uid: str, shapes: Mapping[str, Shape], diagnostics: Diagnostics) -> None:
    """Links resolve against every page in the folder, so a member can name a data type
    that another service's pages define: this service has no such shape."""
    for shape in shapes.values():
        for name, source in _references(shape):
            if name not in shapes and source is not None:
                diagnostics.error(
                    source,
                    f"{name!r} is a data type of another service, not of {uid} (its page's "
                    "SDK links name a different service uid)",
                )


def _references(shape: Shape) -> Iterable[tuple[str, SourceLocation | None]]:
    if isinstance(shape, StructureShape):
        return [(m.target, m.source or shape.source) for m in shape.members]
    if isinstance(shape, ListShape):
        return [(shape.member, shape.source)]
    if isinstance(shape, MapShape):
        return [(shape.key, shape.source), (shape.value, shape.source)]
    return []
