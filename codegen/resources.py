"""Where the Jinja templates and static modules are.

In a source checkout they are the top-level ``templates/`` folder; an installed wheel
carries the same folder as ``codegen/templates`` (see pyproject.toml's package-dir)."""

from __future__ import annotations

from pathlib import Path

_HERE = Path(__file__).resolve().parent
TEMPLATES = _HERE / "templates" if (_HERE / "templates").is_dir() else _HERE.parent / "templates"
