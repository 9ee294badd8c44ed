"""A package ``mini`` assembled from the templates: the client base, ``_core``, the
runtime, and an empty error table. Enough to build a ``BaseClient`` subclass for any
``ServiceInfo`` without generating a service (the tests of client configuration use it)."""

from __future__ import annotations

import shutil
from pathlib import Path

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"


def build_mini_package(folder: Path) -> Path:
    """Write ``folder/mini`` and return ``folder`` (the entry for ``sys.path``)."""
    package = folder / "mini"
    (package / "_runtime").mkdir(parents=True, exist_ok=True)
    (package / "__init__.py").write_text("")
    (package / "errors.py").write_text("ERROR_CLASSES: dict[str, type] = {}\n")
    shutil.copy(TEMPLATES / "package" / "_core.py", package / "_core.py")
    for module in (TEMPLATES / "client").glob("*.py"):
        shutil.copy(module, package / module.name)
    for module in (TEMPLATES / "runtime").glob("*.py"):
        shutil.copy(module, package / "_runtime" / module.name)
    return folder
