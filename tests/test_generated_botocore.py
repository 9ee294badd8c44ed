"""Generated request shapes against botocore, for the JSON services of the corpora.

- Serialisation: for valid params drawn from our own shape model (hypothesis),
  ``Request.from_dict(params).to_dict()`` equals the body botocore's JSON serializer
  makes from the same params with the corpus's botocore model, and
  ``from_dict(to_dict(x)) == x``.
- Validation parity: params botocore's ``ParamValidator`` rejects, we reject too.
"""

from __future__ import annotations

import importlib
import json
import re
import warnings
from datetime import UTC, datetime
from typing import Any

import pytest
from botocore.model import ServiceModel
from botocore.model import Shape as BotoShape
from botocore.serialize import create_serializer
from botocore.validate import ParamValidator
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from test_generated_packages import CORPUS, Generated

from codegen.model import ListShape, MapShape, PrimitiveShape, Service, StructureShape
from codegen.patterns import PatternError, translate_pattern

SAMPLE_STRINGS = (
    "a",
    "abc",
    "my-job-1",
    "A1",
    "s3://bucket/key",
    "x" * 12,
    "ml.m4.xlarge",
    "arn:aws:iam::123456789012:role/r",
    "1",
    "value",
)


def boto_models(corpus: str) -> dict[str, ServiceModel]:
    models = {}
    for path in (CORPUS / corpus / "botocore").glob("*/service-2.json"):
        model = ServiceModel(json.loads(path.read_text(encoding="utf-8")))
        models[model.metadata.get("uid", "")] = model
    return models


def json_services(gen: Generated) -> list[tuple[str, Service, ServiceModel]]:
    found = []
    for package, (corpus, service) in sorted(gen.services.items()):
        model = boto_models(corpus).get(service.uid)
        if model is not None and service.config.protocol == "json":
            found.append((package, service, model))
    return found


class Strategies:
    """Valid params for a shape of our model, limited to members botocore's model knows
    (the docs and the model can differ by a member or two)."""

    def __init__(self, service: Service) -> None:
        self.shapes = service.shapes

    def value(self, name: str, boto: BotoShape, depth: int) -> st.SearchStrategy[Any]:
        shape = self.shapes[name]
        if isinstance(shape, StructureShape):
            return self.structure(shape, boto, depth)
        if isinstance(shape, ListShape):
            low = shape.min_items or 0
            high = max(low, min(shape.max_items if shape.max_items is not None else 3, 3))
            element = self.value(shape.member, boto.member, depth + 1)  # type: ignore[attr-defined]
            return st.lists(element, min_size=low, max_size=high)
        if isinstance(shape, MapShape):
            low = shape.min_entries or 0
            high = max(low, min(shape.max_entries if shape.max_entries is not None else 2, 2))
            keys = self.value(shape.key, boto.key, depth + 1)  # type: ignore[attr-defined]
            values = self.value(shape.value, boto.value, depth + 1)  # type: ignore[attr-defined]
            return st.dictionaries(keys, values, min_size=low, max_size=high)
        return self.primitive(shape)

    def structure(
        self, shape: StructureShape, boto: BotoShape, depth: int
    ) -> st.SearchStrategy[Any]:
        members = boto.members  # type: ignore[attr-defined]
        required, optional = {}, {}
        for member in shape.members:
            if member.name not in members:
                continue
            needed = member.required or member.name in boto.required_members  # type: ignore[attr-defined]
            if not needed and depth >= 4:
                continue  # recursive shapes: stop at optional members
            strategy = self.value(member.target, members[member.name], depth + 1)
            (required if needed else optional)[member.name] = strategy
        return st.fixed_dictionaries(required, optional=optional)

    def primitive(self, shape: PrimitiveShape) -> st.SearchStrategy[Any]:
        c = shape.constraints
        if shape.kind == "string":
            if c.enum:
                return st.sampled_from(c.enum)
            return self.string(c.min_length or 0, c.max_length, c.pattern)
        if shape.kind in ("integer", "long"):
            low = int(c.min_value) if c.min_value is not None else -(2**31)
            high = int(c.max_value) if c.max_value is not None else 2**31
            return st.integers(low, high)
        if shape.kind in ("float", "double"):
            return st.floats(c.min_value, c.max_value, allow_nan=False, allow_infinity=False)
        if shape.kind == "boolean":
            return st.booleans()
        if shape.kind == "timestamp":
            return st.datetimes(
                datetime(1971, 1, 1), datetime(2100, 1, 1), timezones=st.just(UTC)
            ).map(lambda d: d.replace(microsecond=0))
        if shape.kind == "blob":
            return st.binary(min_size=c.min_length or 0, max_size=min(c.max_length or 16, 16))
        return st.dictionaries(st.text(max_size=3), st.integers() | st.text(max_size=3), max_size=2)

    def string(self, low: int, high: int | None, pattern: str | None) -> st.SearchStrategy[str]:
        top = min(high if high is not None else 24, max(low, 24))

        def fits(s: str) -> bool:
            return low <= len(s) <= (high if high is not None else len(s))

        if pattern is None:
            return st.text(min_size=low, max_size=top)
        try:
            compiled = re.compile(translate_pattern(pattern))
        except PatternError:
            return st.sampled_from([s for s in SAMPLE_STRINGS if fits(s)] or ["a" * low])
        samples = [s for s in SAMPLE_STRINGS if fits(s) and compiled.search(s)]
        try:
            drawn = st.from_regex(compiled, fullmatch=True).filter(fits)
        # hypothesis cannot draw every construct (lookarounds, for one).
        except Exception:  # noqa: BLE001
            return st.sampled_from(samples) if samples else st.nothing()
        # Drawing from big Unicode classes is slow: plain samples first when some fit.
        return st.sampled_from(samples) if samples else drawn


def request_classes(gen: Generated) -> list[tuple[str, str, str]]:
    if not gen.services:
        return []
    cases = []
    for package, service, model in json_services(gen):
        for name, operation in sorted(service.operations.items()):
            if operation.input and name in model.operation_names:
                cases.append((package, name, operation.input))
    return cases


@pytest.fixture(scope="module")
def cases(generated: Generated) -> list[tuple[str, str, str]]:
    found = request_classes(generated)
    if not found:
        pytest.skip("no JSON service with a botocore model in the corpus")
    return found


def _parts(generated: Generated, package: str, op_name: str, input_name: str):  # type: ignore[no-untyped-def]
    corpus, service = generated.services[package]
    model = boto_models(corpus)[service.uid]
    operation = model.operation_model(op_name)
    cls = getattr(importlib.import_module(f"{package}.shapes"), input_name)
    strategy = Strategies(service).structure(service.shapes[input_name], operation.input_shape, 0)  # type: ignore[arg-type]
    return operation, cls, strategy


def for_each_operation(cases, generated, examples, check):  # type: ignore[no-untyped-def]
    """Run ``check(operation, cls, params, package)`` on a few drawn params per operation
    (no shrinking: a failure names its operation and params)."""
    for package, op_name, input_name in cases:
        operation, cls, strategy = _parts(generated, package, op_name, input_name)
        _property(operation, cls, package, strategy, examples, check)()


def _property(operation, cls, package, strategy, examples, check):  # type: ignore[no-untyped-def]
    @settings(
        max_examples=examples,
        deadline=None,
        phases=[Phase.generate],
        suppress_health_check=list(HealthCheck),
        derandomize=True,
        database=None,
    )
    @given(params=strategy)
    def run(params: dict[str, Any]) -> None:
        check(operation, cls, params, package)

    return run


def test_request_bodies_equal_botocore_and_round_trip(
    generated: Generated, cases: list[tuple[str, str, str]]
) -> None:
    serializer = create_serializer("json", include_validation=False)

    def check(operation: Any, cls: Any, params: dict[str, Any], package: str) -> None:
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            request = cls.from_dict(params)
        body = serializer.serialize_to_request(params, operation)["body"]
        expected = json.loads(body) if body else {}
        assert request.to_dict() == expected, operation.name
        assert cls.from_dict(request.to_dict()) == request, operation.name

    for_each_operation(cases, generated, 3, check)


def _our_minimum(service: Service, structure: str, member: str) -> int | float | None:
    shape = service.shapes[structure]
    assert isinstance(shape, StructureShape)
    target = next((service.shapes[m.target] for m in shape.members if m.name == member), None)
    if isinstance(target, ListShape):
        return target.min_items
    if isinstance(target, PrimitiveShape):
        c = target.constraints
        return c.min_length if target.kind == "string" else c.min_value
    return None


def _mutations(
    params: dict[str, Any], shape: BotoShape, service: Service, structure: str
) -> list[tuple[str, dict[str, Any]]]:
    """Defects botocore's validator catches, applied to the top level of valid params
    (minimums only where the docs state them too: the docs may omit one)."""
    found: list[tuple[str, dict[str, Any]]] = [("unknown member", {**params, "NotAMember": 1})]
    members = shape.members  # type: ignore[attr-defined]
    for name in shape.required_members:  # type: ignore[attr-defined]
        if name in params:
            found.append((f"without {name}", {k: v for k, v in params.items() if k != name}))
    for name, value in params.items():
        kind = members[name].type_name
        wrong = {
            "string": 5,
            "integer": "4",
            "long": "4",
            "boolean": "true",
            "list": "x",
            "structure": ["x"],
            "map": ["x"],
            "timestamp": [1],
            "float": "1.5",
            "double": "1.5",
        }
        if kind in wrong:
            found.append((f"{name} of the wrong type", {**params, name: wrong[kind]}))
        minimum = members[name].metadata.get("min")
        if _our_minimum(service, structure, name) != minimum:
            minimum = None
        if kind == "string" and isinstance(value, str) and minimum and minimum >= 1:
            found.append((f"{name} too short", {**params, name: ""}))
        if kind == "list" and minimum and minimum >= 1:
            found.append((f"{name} too few items", {**params, name: []}))
        if kind in ("integer", "long") and minimum is not None:
            found.append((f"{name} below minimum", {**params, name: int(minimum) - 1}))
    return found


def test_what_botocore_rejects_we_reject(
    generated: Generated, cases: list[tuple[str, str, str]]
) -> None:
    validator = ParamValidator()

    def check(operation: Any, cls: Any, params: dict[str, Any], package: str) -> None:
        errors_type = importlib.import_module(package).ValidationError
        if validator.validate(params, operation.input_shape).has_errors():
            return  # the docs and botocore's model disagree on a constraint: not our defect
        service = generated.services[package][1]
        structure = cls.__name__
        for defect, mutated in _mutations(params, operation.input_shape, service, structure):
            if not validator.validate(mutated, operation.input_shape).has_errors():
                continue
            with pytest.raises(errors_type), warnings.catch_warnings():
                warnings.simplefilter("ignore")
                cls.from_dict(mutated)
            assert defect

    for_each_operation(cases, generated, 2, check)
