"""What the client infers that the docs never state, measured against botocore.

- Pagination: ``detect_pagination`` vs each corpus's ``paginators-1.json``, as tuples of
  (operation, input token, output token, result key, limit key): recall must be 100% for
  every service of every corpus that builds (a corpus folder that starts building is
  picked up as is). The table is printed and recorded in docs/pagination.md.
- Every detected paginator, botocore's or not, really pages: botocore's model has both
  tokens where we read them, and the generated ``paginate_*`` sends each page's token
  back on the next request, where botocore's serializer puts the input token, until a
  page has none; ``*_items`` yields the items of every page.
- Idempotency tokens: the model's ``idempotency_token`` vs botocore's
  ``idempotencyToken: true`` (recall 100%, no member botocore does not mark).
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import pytest
from test_client_endpoints import building_corpora
from test_client_wire import CORPORA, CORPUS, write_client_package

from codegen.model import ListShape, MapShape, Service, StructureShape
from codegen.model.pagination import Pagination, detect_pagination
from codegen.views import names as naming
from codegen.views import view_service


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


@dataclass(frozen=True)
class Case:
    corpus: str
    service: Service
    model: dict[str, Any]
    paginators: dict[str, dict[str, Any]]


def _cases() -> list[Case]:
    if not CORPORA:
        pytest.skip("no corpus at ../shared/corpus")
    found = []
    for corpus, services in building_corpora():
        models = {}
        for path in sorted((CORPUS / corpus / "botocore").glob("*/service-2.json")):
            model = json.loads(path.read_text(encoding="utf-8"))
            paginators_file = path.with_name("paginators-1.json")
            paginators = (
                json.loads(paginators_file.read_text(encoding="utf-8"))["pagination"]
                if paginators_file.is_file()
                else {}
            )
            models[model["metadata"]["uid"]] = (model, paginators)
        for service in services:
            if service.uid in models:
                found.append(Case(corpus, service, *models[service.uid]))
    return found


_CASES: list[Case] = []


def cases() -> list[Case]:
    if not _CASES:
        _CASES.extend(_cases())
    return _CASES


def _first(value: Any) -> str:
    """botocore's result key (a list of keys when a page has several: the first)."""
    if isinstance(value, list):
        return str(value[0]) if value else ""
    return str(value or "")


def _ours(paging: Pagination) -> tuple[str, ...]:
    return (paging.input_token, paging.output_token, paging.result_key, paging.limit_key)


def _theirs(paginator: dict[str, Any]) -> tuple[str, ...]:
    return (
        _first(paginator["input_token"]),
        _first(paginator["output_token"]),
        _first(paginator.get("result_key")),
        str(paginator.get("limit_key", "")),
    )


def test_pagination_detection_against_botocore_paginators() -> None:
    full, operations = Tally(), Tally()
    lines, misses = [], []
    for case in cases():
        their_ops = case.model["operations"]
        theirs = {
            (op, *_theirs(p)) for op, p in case.paginators.items() if op in case.service.operations
        }
        ours = set()
        for name, op in case.service.operations.items():
            paging = detect_pagination(case.service, op)
            if paging is not None and name in their_ops:
                ours.add((name, *_ours(paging)))
        per = Tally()
        per.add(ours, theirs)
        full.add(ours, theirs)
        operations.add({t[:1] for t in ours}, {t[:1] for t in theirs})
        lines.append(f"  | {case.corpus} | {case.service.uid} | {per} |")
        for missing in sorted(theirs - ours):
            misses.append(f"{case.corpus}/{case.service.uid}: missed {missing}")
            lines.append(f"    missed {missing}")
        for extra in sorted(ours - theirs):
            lines.append(f"    extra  {extra}")
    print("\npagination (operation, input token, output token, result key, limit):", full)
    print("pagination (operation only):", operations)
    print("\n".join(lines))
    assert full.expected > 0
    assert not misses, "\n".join(misses)


# ---------------------------------------------------------------------------------------
# Every helper really pages.


@dataclass(frozen=True)
class Generated:
    case: Case
    package: str


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> list[Generated]:
    root = tmp_path_factory.mktemp("paging_packages")
    result = []
    for case in cases():
        package = f"pg_{case.corpus.replace('-', '_')}_{case.service.config.package}"
        renamed = write_client_package(case.service, root, package)
        result.append(Generated(Case(case.corpus, renamed, case.model, case.paginators), package))
    sys.path.insert(0, str(root))
    return result


def _wire_value(service: Service, target: str, depth: int = 0) -> Any:
    """A small JSON value of shape ``target`` for a response page."""
    shape = service.shapes[target]
    if isinstance(shape, StructureShape):
        return {}
    if isinstance(shape, ListShape):
        return [_wire_value(service, shape.member, depth + 1)]
    if isinstance(shape, MapShape):
        return {"k": _wire_value(service, shape.value, depth + 1)}
    return {"integer": 1, "long": 1, "boolean": True, "float": 1.5, "double": 1.5}.get(
        shape.kind, "x"
    )


def _token(service: Service, target: str, page: int) -> Any:
    value = _wire_value(service, target)
    if isinstance(value, dict) and "k" in value:  # a map: a different key on each page
        return {f"key-{page}": value["k"]}
    return f"page-{page}" if isinstance(value, str) else value


def _where_botocore_sends(model: dict[str, Any], operation: str, member: str) -> tuple[str, str]:
    op = model["operations"][operation]
    shape = model["shapes"][op["input"]["shape"]]
    spec = shape["members"][member]
    return spec.get("location", "body"), spec.get("locationName", member)


def _sent_token(request: Any, location: str, name: str) -> Any:
    if location == "querystring":
        return dict(parse_qsl(urlsplit(request.url).query)).get(name)
    body = json.loads(request.body or b"{}")
    return body.get(name)


def _paging_operations(item: Generated) -> Iterator[tuple[str, Pagination, Any]]:
    views = {v.name: v for v in view_service(item.case.service).client.operations}
    for name, op in sorted(item.case.service.operations.items()):
        paging = detect_pagination(item.case.service, op)
        if paging is not None and views[name].paginator is not None:
            yield name, paging, views[name].paginator


def test_every_detected_paginator_really_pages(generated: list[Generated]) -> None:
    checked, problems, unknown = 0, [], []
    for item in generated:
        service, model = item.case.service, item.case.model
        for name, paging, view in _paging_operations(item):
            where = f"{item.case.corpus}/{service.uid} {name}"
            their_op = model["operations"].get(name)
            if their_op is None:  # the pages document more than this botocore model
                unknown.append(where)
                problems += _pages_through(item, name, paging, view, None)
                continue
            their_in = model["shapes"][their_op["input"]["shape"]]
            their_out = model["shapes"][their_op["output"]["shape"]]
            if paging.input_token not in their_in.get("members", {}) or (
                paging.input_token in their_in.get("required", [])
            ):
                problems.append(f"{where}: botocore has no optional {paging.input_token}")
                continue
            if paging.output_token not in their_out.get("members", {}):
                problems.append(f"{where}: botocore's output has no {paging.output_token}")
                continue
            in_type = model["shapes"][their_in["members"][paging.input_token]["shape"]]["type"]
            out_type = model["shapes"][their_out["members"][paging.output_token]["shape"]]["type"]
            if in_type != out_type:
                problems.append(f"{where}: botocore types {in_type} and {out_type} differ")
                continue
            location = _where_botocore_sends(model, name, paging.input_token)
            problems += _pages_through(item, name, paging, view, location)
            checked += 1
    print(
        f"\npaginators exercised over three pages: {checked} checked against botocore's "
        f"model, {len(unknown)} of operations it lacks: {unknown}"
    )
    assert checked > 0
    assert not problems, "\n".join(problems)


def _pages_through(
    item: Generated, name: str, paging: Pagination, view: Any, location: tuple[str, str] | None
) -> list[str]:
    """Three pages through the generated helper; each request after the first carries the
    token of the page before, where botocore puts it (``location``; else where our model
    does)."""
    service = item.case.service
    op = service.operations[name]
    response = service.shapes[op.output or ""]
    assert isinstance(response, StructureShape)
    token_target = next(m.target for m in response.members if m.name == paging.output_token)
    result_target = next((m.target for m in response.members if m.name == paging.result_key), None)
    transport_module = __import__(f"{item.package}._runtime.transport", fromlist=["x"])
    pages = []
    for page in (1, 2, 3):
        body: dict[str, Any] = {}
        if page < 3:
            body[paging.output_token] = _token(service, token_target, page)
        if result_target is not None:
            body[paging.result_key] = _wire_value(service, result_target)
        pages.append(transport_module.json_response(200, body))
    transport = transport_module.FakeTransport(responses=pages)
    client_module = __import__(f"{item.package}.client", fromlist=["Client"])
    client = client_module.Client(
        "us-east-1", access_key="AK", secret_key="SK", transport=transport, validation="off"
    )
    where = f"{item.case.corpus}/{service.uid} {name}"
    got = list(getattr(client, view.method)(**_required_fields(item, op.input or "")))
    problems = []
    if len(got) != 3 or len(transport.requests) != 3:
        return [f"{where}: {len(got)} pages from {len(transport.requests)} requests, not 3"]
    if location is None:
        request_shape = service.shapes[op.input or ""]
        assert isinstance(request_shape, StructureShape)
        member = next(m for m in request_shape.members if m.name == paging.input_token)
        location = (member.location, member.location_name or member.name)
    where_sent, wire = location
    for page, request in enumerate(transport.requests):
        sent = _sent_token(request, where_sent, wire)
        expected = None if page == 0 else _token(service, token_target, page)
        if sent != expected:
            problems.append(f"{where}: request {page + 1} sent {sent!r}, not {expected!r}")
    if view.items_method:
        transport.queue(*pages)
        items = list(getattr(client, view.items_method)(**_required_fields(item, op.input or "")))
        if len(items) != 3:
            problems.append(f"{where}: {view.items_method} yielded {len(items)} items, not 3")
    return problems


def _required_fields(item: Generated, request_shape: str) -> dict[str, Any]:
    """Keyword arguments for the request's required members (validation is off)."""

    shape = item.case.service.shapes.get(request_shape)
    if not isinstance(shape, StructureShape):
        return {}
    names = naming.field_names(m.name for m in shape.members)
    return {
        field: "x"
        for field, member in zip(names, shape.members)
        if member.required and not member.idempotency_token
    }


# ---------------------------------------------------------------------------------------
# Idempotency tokens.


def test_idempotency_token_detection_against_botocore() -> None:
    agree = 0
    ours_only, theirs_only = [], []
    for case in cases():
        shapes = case.model["shapes"]
        service = case.service
        for name, shape in service.shapes.items():
            if not isinstance(shape, StructureShape):
                continue
            their_members = shapes.get(name, {}).get("members", {})
            for member in shape.members:
                ours = member.idempotency_token  # as the model records it
                theirs = bool(their_members.get(member.name, {}).get("idempotencyToken"))
                where = f"{case.corpus}/{service.uid} {name}.{member.name}"
                agree += ours and theirs
                if ours and not theirs:
                    ours_only.append(where)
                if theirs and not ours:
                    theirs_only.append(where)
    print(
        f"\nidempotency tokens: both {agree}, ours only {len(ours_only)}, "
        f"botocore only {len(theirs_only)}"
    )
    print("\n".join(f"  ours only: {w}" for w in ours_only))
    assert agree > 0
    assert not theirs_only, "\n".join(theirs_only)


def test_idempotency_tokens_are_filled_never_rejected(generated: list[Generated]) -> None:
    """Each token, ``Required: Yes`` on its page or not: a request without it passes
    validation; the client sends a fresh UUID where botocore puts the member, the same one
    on a retry of the call, a new one on the next call."""

    checked, problems = 0, []
    for item in generated:
        service = item.case.service
        shapes_module = __import__(f"{item.package}.shapes", fromlist=["x"])
        core = __import__(f"{item.package}._core", fromlist=["x"])
        transport_module = __import__(f"{item.package}._runtime.transport", fromlist=["x"])
        retry_module = __import__(f"{item.package}._runtime.retry", fromlist=["x"])
        client_module = __import__(f"{item.package}.client", fromlist=["Client"])
        methods = {v.name: v.method for v in view_service(service).client.operations}
        for name, op in sorted(service.operations.items()):
            shape = service.shapes.get(op.input or "")
            if not isinstance(shape, StructureShape):
                continue
            fields = naming.field_names(m.name for m in shape.members)
            tokens = [(f, m) for f, m in zip(fields, shape.members) if m.idempotency_token]
            if not tokens:
                continue
            where = f"{item.case.corpus}/{service.uid} {name}"
            wire = {
                m.name: _wire_value(service, m.target)
                for m in shape.members
                if m.required and not m.idempotency_token
            }
            request = getattr(shapes_module, op.input or "").from_dict(wire, mode="off")
            try:
                request.validate("strict")
            except core.ValidationError as error:
                for field, _ in tokens:
                    if any(e.startswith(field) for e in error.errors):
                        problems.append(f"{where}: validation rejects a missing {field}")
            transport = transport_module.FakeTransport(
                responses=[
                    transport_module.json_response(500, {"__type": "InternalFailure"}),
                    transport_module.json_response(200, {}),
                    transport_module.json_response(200, {}),
                ]
            )
            retry = retry_module.StandardRetryStrategy(3, sleep=lambda _: None)
            client = client_module.Client(
                "us-east-1",
                access_key="AK",
                secret_key="SK",
                transport=transport,
                retry=retry,
                validation="off",
            )
            getattr(client, methods[name])(request)
            getattr(client, methods[name])(request)
            for field, member in tokens:
                location = (member.location, member.location_name or member.name)
                if name in item.case.model["operations"]:
                    location = _where_botocore_sends(item.case.model, name, member.name)
                sent = [_sent_value(r, *location) for r in transport.requests]
                if not (len(sent) == 3 and sent[0] == sent[1] != sent[2]):
                    problems.append(f"{where}: {member.name} sent as {sent}")
                elif not all(_is_uuid(v) for v in sent):
                    problems.append(f"{where}: {member.name} is not a UUID: {sent}")
                if getattr(request, field) is not None:
                    problems.append(f"{where}: the caller's request object was changed")
            checked += 1
    print(f"\noperations whose idempotency tokens were filled: {checked}")
    assert checked > 0
    assert not problems, "\n".join(problems)


def _sent_value(request: Any, location: str, name: str) -> Any:
    if location == "header":
        return {k.lower(): v for k, v in request.headers.items()}.get(name.lower())
    return _sent_token(request, location, name)


def _is_uuid(value: Any) -> bool:
    import uuid

    try:
        return str(uuid.UUID(str(value))) == value
    except ValueError:
        return False
