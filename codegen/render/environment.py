"""The Jinja environment of the code templates, and the static files copied as they are."""

from __future__ import annotations

import functools
from pathlib import Path

import jinja2

from ..resources import TEMPLATES
from ..views.text import string_literal


@functools.cache
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATES)),
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        autoescape=False,
    )
    env.filters["pyrepr"] = repr
    env.filters["docstring"] = string_literal
    return env


def static_file(*parts: str) -> str:
    """A file of ``templates/`` copied into every package as it is."""
    return Path(TEMPLATES, *parts).read_text(encoding="utf-8")
