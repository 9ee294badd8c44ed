"""The Jinja environment of the code templates, and the static files copied as they are."""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable
from pathlib import Path

import jinja2

from ..resources import TEMPLATES
from ..views.package import FieldView
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
    env.filters["key_branches"] = key_branches
    return env


def key_branches(
    fields: Iterable[FieldView], body: Callable[[FieldView], str]
) -> list[tuple[str, str]]:
    """The branches of a walk over a dict's keys: ``(condition, body)`` per field, with
    ``body`` rendered by a macro; neighbours whose bodies are the same share one branch
    (``key == 'A' or key == 'B'``), as a linter asks of hand-written code."""
    branches: list[tuple[list[str], str]] = []
    for field in fields:
        text = str(body(field)).strip()
        test = f"key == {field.wire!r}"
        if branches and branches[-1][1] == text:
            branches[-1][0].append(test)
        else:
            branches.append(([test], text))
    return [(" or ".join(tests), text) for tests, text in branches]


def static_file(*parts: str) -> str:
    """A file of ``templates/`` copied into every package as it is."""
    return Path(TEMPLATES, *parts).read_text(encoding="utf-8")
