"""What the client infers that the docs never state, measured against botocore.

- Pagination: ``detect_pagination`` vs each corpus's ``paginators-1.json``, as recall and
  precision of (operation, input token, output token, result key) and of the operations
  alone; the numbers are printed and recorded in docs/pagination.md.
- Idempotency tokens: ``is_idempotency_token`` vs botocore's ``idempotencyToken: true``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

import pytest
from test_client_wire import CORPORA, CORPUS, botocore_models, corpus_config

from codegen.build import build_model
from codegen.model import Service, StructureShape
from codegen.render_client import detect_pagination, is_idempotency_token


@dataclass
class Tally:
    found: int = 0
    expected: int = 0
    right: int = 0

    def add(self, ours: set[tuple[str, ...]], theirs: set[tuple[str, ...]]) -> None:
        self.found += len(ours)
        self.expected += len(theirs)
        self.right += len(ours & theirs)

    def __str__(self) -> str:
        recall = self.right / self.expected if self.expected else 1.0
        precision = self.right / self.found if self.found else 1.0
        return (
            f"recall {self.right}/{self.expected} = {recall:.2f}, "
            f"precision {self.right}/{self.found} = {precision:.2f}"
        )


def _services() -> list[tuple[str, Service, dict[str, object]]]:
    if not CORPORA:
        pytest.skip("no corpus at ../shared/corpus")
    found = []
    for corpus in CORPORA:
        models = botocore_models(corpus)
        for service in build_model(CORPUS / corpus / "docs", config=corpus_config(corpus)).services:
            if service.uid in models:
                found.append((corpus, service, models[service.uid]))
    return found


def _botocore_paginators(corpus: str, model: dict[str, object]) -> dict[str, dict[str, str]]:
    metadata = model["metadata"]
    assert isinstance(metadata, dict)
    for path in (CORPUS / corpus / "botocore").glob("*/service-2.json"):
        if json.loads(path.read_text(encoding="utf-8"))["metadata"]["uid"] == metadata["uid"]:
            paginators = path.with_name("paginators-1.json")
            if paginators.is_file():
                loaded: dict[str, dict[str, str]] = json.loads(paginators.read_text())["pagination"]
                return loaded
    return {}


def test_pagination_detection_against_botocore_paginators() -> None:
    full, operations = Tally(), Tally()
    lines = []
    for corpus, service, model in _services():
        truth = _botocore_paginators(corpus, model)
        their_ops = model["operations"]
        assert isinstance(their_ops, dict)
        theirs = {
            (op, p["input_token"], p["output_token"], p.get("result_key", ""))
            for op, p in truth.items()
            if op in service.operations
        }
        ours = set()
        for name, op in service.operations.items():
            paging = detect_pagination(service, op)
            if paging is not None and name in their_ops:
                ours.add((name, paging.input_token, paging.output_token, paging.result_key))
        per = Tally()
        per.add(ours, theirs)
        full.add(ours, theirs)
        operations.add({t[:1] for t in ours}, {t[:1] for t in theirs})
        lines.append(f"  {corpus}/{service.uid}: {per}")
        for missing in sorted(theirs - ours):
            lines.append(f"    missed {missing}")
        for extra in sorted(ours - theirs):
            lines.append(f"    extra  {extra}")
    print("\npagination (operation, input token, output token, result key):", full)
    print("pagination (operation only):", operations)
    print("\n".join(lines))
    # Floors from the measurement recorded in docs/pagination.md; a regression fails.
    assert full.right / full.expected >= 0.95
    assert operations.right / operations.found >= 0.5


def test_idempotency_token_detection_against_botocore() -> None:
    agree = ours_only = theirs_only = 0
    for _, service, model in _services():
        shapes = model["shapes"]
        assert isinstance(shapes, dict)
        for name, shape in service.shapes.items():
            if not isinstance(shape, StructureShape):
                continue
            their_members = shapes.get(name, {}).get("members", {})
            for member in shape.members:
                ours = is_idempotency_token(service, member)
                theirs = bool(their_members.get(member.name, {}).get("idempotencyToken"))
                agree += ours and theirs
                ours_only += ours and not theirs
                theirs_only += theirs and not ours
    print(f"\nidempotency tokens: both {agree}, ours only {ours_only}, botocore only {theirs_only}")
    assert agree >= 12 and ours_only == 0 and theirs_only == 0
