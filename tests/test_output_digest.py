"""The whole output of every docs set, by digest: refactorings must not change a byte.

When a commit changes the output on purpose, it updates the record in the same commit:
``python -m codegen.tools.output_digest --update``.
"""

from __future__ import annotations

import json

import pytest

from codegen.tools.output_digest import RECORD, docs_sets, output_digest

SETS = docs_sets()
RECORDED: dict[str, str] = json.loads(RECORD.read_text(encoding="utf-8"))


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(SETS))
def test_output_is_the_recorded_one(name: str) -> None:
    if name not in RECORDED:
        pytest.skip(f"{name} is new: record it with python -m codegen.tools.output_digest --update")
    assert output_digest(SETS[name]) == RECORDED[name], (
        f"the output of {name} changed; if that is intended (not a refactoring), record it: "
        "python -m codegen.tools.output_digest --update"
    )
