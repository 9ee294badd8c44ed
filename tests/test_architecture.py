"""The shape of codegen/ itself: data flows one way through the stage folders, renderers
do not import each other, there are no import cycles, and every module can be read in one
sitting."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

CODEGEN = Path(__file__).resolve().parents[1] / "codegen"
# The pipeline's stages in order: a stage may import earlier ones, never later ones.
STAGES = ("parse", "model", "views", "render", "output")
MAX_LINES = 500


def _module_name(path: Path) -> str:
    parts = path.relative_to(CODEGEN.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path) -> set[str]:
    """The codegen modules a file imports at module level (not inside functions)."""
    module = _module_name(path)
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            for alias in node.names:
                found.add(f"{target}.{alias.name}")
                found.add(target)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return {name for name in found if name.split(".")[0] == "codegen"}


MODULES = {_module_name(p): p for p in sorted(CODEGEN.rglob("*.py"))}
GRAPH = {
    name: {target for target in _imports(path) if target in MODULES and target != name}
    for name, path in MODULES.items()
}


def _stage(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[1] in STAGES else None


@pytest.mark.parametrize("module", sorted(MODULES))
def test_a_module_is_short_enough_to_read_in_one_sitting(module: str) -> None:
    lines = len(MODULES[module].read_text(encoding="utf-8").splitlines())
    assert lines <= MAX_LINES, f"{module} has {lines} lines"


# The model's data types (codegen/model/__init__.py: SourceLocation, Diagnostic, ...) are
# the vocabulary of every stage, the parser's locations included; the builder is not.
VOCABULARY = {"codegen.model"}


def test_data_flows_one_way_through_the_stages() -> None:
    backwards = [
        f"{module} imports {target}"
        for module, targets in GRAPH.items()
        for target in targets - VOCABULARY
        if (here := _stage(module)) is not None
        and (there := _stage(target)) is not None
        and STAGES.index(there) > STAGES.index(here)
    ]
    assert backwards == []


def test_no_renderer_imports_another() -> None:
    renderers = {m for m in MODULES if m.startswith("codegen.render.")}
    shared = {"codegen.render.environment"}
    crossing = [
        f"{module} imports {target}"
        for module in renderers
        for target in GRAPH[module]
        if target in renderers - shared
    ]
    assert crossing == []


def test_no_import_cycles() -> None:
    state: dict[str, str] = {}
    cycles: list[str] = []

    def visit(module: str, path: list[str]) -> None:
        state[module] = "open"
        for target in sorted(GRAPH[module]):
            if state.get(target) == "open":
                cycles.append(" -> ".join([*path[path.index(target) :], target]))
            elif target not in state:
                visit(target, [*path, target])
        state[module] = "done"

    for module in sorted(GRAPH):
        if module not in state:
            visit(module, [module])
    assert cycles == []
