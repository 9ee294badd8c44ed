"""Which module of the generated package each structure and enum lives in.

    pkg/shapes/_op_<op>.py   an operation's Request/Response and the structures only it uses
    pkg/shapes/_common_NN.py structures several operations (or none) use, by a hash of the name
    pkg/enums/_group_NN.py   StrEnum classes, by a hash of the enum's name

Grouping is stable: a shape moves only when the set of operations using it changes from
one to several (or back), or when the number of hash buckets (a power of two that grows
with the service) doubles.
"""

from __future__ import annotations

import re
import zlib
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping

from ..model import ListShape, MapShape, Service, StructureShape

SHAPES_PER_BUCKET = 16
ENUMS_PER_BUCKET = 8


def group_structures(service: Service, module_name: Callable[[str], str]) -> dict[str, str]:
    """Structure name -> module name; ``module_name`` names an operation's module."""
    users: dict[str, set[str]] = defaultdict(set)
    for op in service.operations.values():
        roots = [n for n in (op.input, op.output) if n is not None]
        for name in _closure(service, roots):
            users[name].add(op.name)
    structures = sorted(n for n, s in service.shapes.items() if isinstance(s, StructureShape))
    shared = [n for n in structures if len(users[n]) != 1]
    buckets = _bucket_count(len(shared), SHAPES_PER_BUCKET)
    group_of = {}
    for name in structures:
        if len(users[name]) == 1:
            (op_name,) = users[name]
            group_of[name] = f"_op_{module_name(op_name)}"
        else:
            group_of[name] = f"_common_{_bucket(name, buckets):02d}"
    return group_of


def group_enums(names: Iterable[str]) -> dict[str, str]:
    ordered = sorted(names, key=natural)  # each module's __all__ lists them in this order
    buckets = _bucket_count(len(ordered), ENUMS_PER_BUCKET)
    return {name: f"_group_{_bucket(name, buckets):02d}" for name in ordered}


def natural(name: str) -> tuple[int, list[object]]:
    """ruff's order for ``__all__`` (RUF022, "isort-style"): CONSTANTS (two characters or
    more, all upper case), then Classes, then others; within each, numbers compared by
    value and letters by case (``EyeOpen`` before ``Eyeglasses``)."""
    return _kind(name), _chunks(name)


def import_order(name: str) -> tuple[int, list[object], list[object]]:
    """ruff's order for the names imported from one module (I001, isort's): as
    ``natural``, but letters compared regardless of case first (``Eyeglasses`` before
    ``EyeOpen``), case breaking ties."""
    return _kind(name), _chunks(name.lower()), _chunks(name)


def _kind(name: str) -> int:
    return 0 if len(name) > 1 and name.isupper() else 1 if name[:1].isupper() else 2


def _chunks(name: str) -> list[object]:
    return [int(p) if p.isdigit() else p for p in re.split(r"(\d+)", name)]


def imports(module_of: Mapping[str, str]) -> list[tuple[str, str]]:
    """(module, name) in the order isort wants them."""
    pairs = sorted(module_of.items(), key=lambda item: (item[1], import_order(item[0])))
    return [(module, name) for name, module in pairs]


def _structure_refs(service: Service, name: str) -> Iterable[str]:
    """Structures a shape refers to directly (through lists and maps)."""
    shape = service.shapes.get(name)
    if isinstance(shape, StructureShape):
        for member in shape.members:
            yield from _through_containers(service, member.target)
    elif shape is not None:
        yield from _through_containers(service, name)


def _through_containers(service: Service, name: str) -> Iterable[str]:
    shape = service.shapes.get(name)
    if isinstance(shape, StructureShape):
        yield name
    elif isinstance(shape, ListShape):
        yield from _through_containers(service, shape.member)
    elif isinstance(shape, MapShape):
        yield from _through_containers(service, shape.key)
        yield from _through_containers(service, shape.value)


def _closure(service: Service, roots: Iterable[str]) -> set[str]:
    seen: set[str] = set()
    pending = [r for r in roots if isinstance(service.shapes.get(r), StructureShape)]
    while pending:
        name = pending.pop()
        if name in seen:
            continue
        seen.add(name)
        pending.extend(_structure_refs(service, name))
    return seen


def _bucket(name: str, buckets: int) -> int:
    return zlib.crc32(name.encode()) % buckets


def _bucket_count(count: int, per_bucket: int) -> int:
    buckets = 1
    while buckets * per_bucket < count:
        buckets *= 2
    return buckets
