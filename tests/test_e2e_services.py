"""End to end, widened: every operation moto implements, through the generated client and
through boto3, against the same moto server, for every corpus service moto has.

Each corpus service's package is generated from its pages alone (``build_model(docs)``,
no ``codegen.toml``: settings come from the shipped AWS table). Which operations moto
implements is read from moto's code (the public methods of the response classes in
``moto/<service>/responses.py``, named after the operations), never listed here. The
calls, in an order that makes resources exist before they are described, listed or
deleted, are in ``tests/e2e_scenarios.py`` as wire input (the JSON the service receives).

Each scenario runs twice on a freshly reset server: once through the generated client
(``<pkg>.client.Client``, the wire input turned into keyword arguments in snake_case),
once through ``boto3.client``; then call by call:

- a response: the generated response's ``to_dict()`` equals boto3's response without
  ``ResponseMetadata``, after normalising only what differs by nature: boto3 gives blobs
  as bytes (we give base64 text: decoded and compared), timestamps as datetimes (we give
  epoch seconds: the two runs are seconds apart, so they must agree within 10 minutes,
  not exactly), and the ids moto draws at random (UUIDs anywhere in a string, and the
  members each scenario names as volatile) are compared by presence and type;
- an error: the class name (boto3's ``ClientError`` for a code its model does not name
  matches our ``ServiceError``, or our class for an AWS common error named after its
  code), the error code, the HTTP status and the message (UUIDs in it masked);
- a paged call: the pages, one by one (boto3's paginator where botocore has one, else
  its calls with the next token by hand).

And on the wire: the first HTTP request of each call equals what botocore's serializer
makes of the same input with the corpus's botocore model (method, path, query, body, the
headers botocore sets; idempotency tokens masked). And exactly, with nothing normalised
but blobs: every HTTP response our client parsed is
also parsed by botocore's parser for the same operation (a replay of the same bytes), so
timestamps (to the microsecond), ids and tokens must agree too.

Every operation moto implements is either called or listed with a reason in the scenario;
the counts per service are the table of docs/e2e.md, checked fresh by the last test
(``E2E_UPDATE=1`` rewrites it). The sweep is marked slow (CI runs it).
"""

from __future__ import annotations

import base64
import dataclasses
import datetime
import importlib
import inspect
import json
import os
import re
import sys
import urllib.request
import uuid
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from e2e_scenarios import SCENARIOS, TOKENS, Scenario, Step
from test_client_wire import CORPUS, write_client_package
from test_e2e_moto import moto_endpoint  # noqa: F401  (fixture)

boto3 = pytest.importorskip("boto3")
botocore_exceptions = pytest.importorskip("botocore.exceptions")

ROOT = Path(__file__).resolve().parents[1]
TABLE = ROOT / "docs" / "e2e.md"


def moto_module(url: str) -> str | None:
    """moto's module for a service at ``url``: the one whose URL pattern (moto's
    ``backend_index``, which its server dispatches by) matches it; None when moto has no
    backend for it."""
    from moto.backend_index import backend_url_patterns

    modules = {name for name, pattern in backend_url_patterns if pattern.match(url)}
    assert len(modules) <= 1, (url, modules)
    return modules.pop() if modules else None


UUID = re.compile(r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")
TIMESTAMP_SLACK = 600.0


# ---------------------------------------------------------------------------------------
# The services: corpus services, with botocore's name from the corpus's botocore folder.


@dataclass(frozen=True)
class Target:
    corpus: str
    uid: str
    boto_name: str

    @property
    def id(self) -> str:
        return f"{self.corpus}:{self.boto_name}"


def _targets() -> list[Target]:
    if not CORPUS.is_dir():
        return []
    targets = []
    for corpus in sorted(p.name for p in CORPUS.iterdir() if (p / "docs").is_dir()):
        for model in sorted((CORPUS / corpus / "botocore").glob("*/service-2.json")):
            uid = json.loads(model.read_text(encoding="utf-8"))["metadata"].get("uid", "")
            targets.append(Target(corpus, uid, model.parent.name))
    return targets


TARGETS = _targets()


def moto_operations(url: str) -> set[str]:
    """Snake-case names of the operations moto's server answers for the service at url: the
    public methods of the response classes moto defines in ``moto/<module>/responses.py``
    (moto dispatches an operation to the method of its snake-case name)."""
    module_name = moto_module(url)
    if module_name is None:
        return set()
    from moto.core.responses import BaseResponse

    module = importlib.import_module(f"moto.{module_name}.responses")
    names: set[str] = set()
    for value in vars(module).values():
        if (
            inspect.isclass(value)
            and issubclass(value, BaseResponse)
            and value.__module__ == module.__name__
        ):
            names |= {k for k, v in vars(value).items() if callable(v) and not k.startswith("_")}
    return names


def snake(operation: str) -> str:
    from moto.core.utils import camelcase_to_underscores

    name: str = camelcase_to_underscores(operation)
    return name


# ---------------------------------------------------------------------------------------
# One pass of a scenario through either client.


@dataclass(frozen=True)
class Outcome:
    kind: str
    """ok, pages, error or crash."""
    data: Any = None
    """ok: the response in wire form; pages: a list of them; error: (class, code, status);
    crash: the exception's repr."""
    replay: tuple[dict[str, Any], ...] = ()
    """Ours only: what botocore's parser makes of each HTTP response our client got."""
    request: tuple[str, ...] = ()
    """Ours only: how the first HTTP request our client sent differs from what botocore's
    serializer makes of the same input."""


class Recorder:
    """The default transport, keeping each response for the replay through botocore."""

    def __init__(self, transport: Any) -> None:
        self.transport = transport
        self.requests: list[Any] = []
        self.responses: list[Any] = []

    def send(self, request: Any, timeout: float) -> Any:
        self.requests.append(request)
        response = self.transport.send(request, timeout)
        if response.body_stream is not None:  # a streamed payload: kept whole to replay it
            body = response.body_stream.read()
            response = dataclasses.replace(response, body=body, body_stream=None)
        self.responses.append(response)
        return response


class Ours:
    """The generated client, called with keyword arguments in snake_case."""

    def __init__(
        self,
        package: Any,
        service: Any,
        url: str,
        scenario: Scenario,
        boto_name: str,
        corpus: str,
    ) -> None:
        from codegen.views import view_service

        self.package = package
        self.url = url
        self.core = importlib.import_module(f"{package.__name__}._core")
        self.as_text = scenario.as_text
        self.unchecked = scenario.unchecked
        transport = importlib.import_module(f"{package.__name__}._runtime.transport")
        self.recorder = Recorder(transport.HttpClientTransport())
        keys = {
            "endpoint_url": url,
            "access_key": "testing",
            "secret_key": "testing",
            "transport": self.recorder,
        }
        self.client = package.client.Client("us-east-1", **keys)
        self.unchecked_client = package.client.Client("us-east-1", validation="off", **keys)
        self.views = {op.name: op for op in view_service(service).client.operations}
        self.inferred_tokens = {
            op.name: tuple(
                m.name
                for m in service.shapes[op.input].members
                if m.idempotency_token and "idempotency" in " ".join(m.inferred)
            )
            for op in service.operations.values()
            if op.input
        }
        self.filled: set[str] = set()
        import botocore.session

        self.boto_model = botocore.session.get_session().get_service_model(boto_name)
        from botocore.model import ServiceModel

        corpus_json = CORPUS / corpus / "botocore" / boto_name / "service-2.json"
        self.corpus_model = ServiceModel(json.loads(corpus_json.read_text(encoding="utf-8")))

    def replay(self, op: str) -> tuple[dict[str, Any], ...]:
        """botocore's parse of the (successful) responses of the last call."""
        from botocore.parsers import create_parser

        shape = self.boto_model.operation_model(op).output_shape
        parser = create_parser(self.boto_model.metadata["protocol"])
        parsed = []
        for response in self.recorder.responses:
            if response.status >= 300:
                continue
            raw = {"status_code": response.status, "headers": dict(response.headers)}
            raw["body"] = response.body
            data = _read(parser.parse(raw, shape)) if shape is not None else {}
            payload = shape.serialization.get("payload") if shape is not None else None
            if payload and shape.members[payload].type_name == "blob":
                # botocore's client hands the parser a stream and the caller reads it.
                data[payload] = response.body
            parsed.append(data)
        return tuple(parsed)

    def kwargs(self, op: str, params: Mapping[str, Any]) -> dict[str, Any]:
        view = self.views[op]
        if not view.input_cls:
            assert not params, f"{op} takes no input"
            return {}
        params = {k: _text(v) if k in self.as_text else v for k, v in params.items()}
        mode = "off" if set(params) & set(self.unchecked) else None
        request = getattr(self.package.shapes, view.input_cls).from_dict(params, mode=mode)
        return {
            f.name: getattr(request, f.name)
            for f in dataclasses.fields(request)
            if getattr(request, f.name) is not None
        }

    def call(self, step: Step, params: Mapping[str, Any]) -> Outcome:
        self.recorder.requests.clear()
        self.recorder.responses.clear()
        outcome = self._call(step, params)
        if self.recorder.requests:
            sent = self.recorder.requests[0]
            outcome = dataclasses.replace(outcome, request=tuple(self.request(step, params, sent)))
        return outcome

    def request(self, step: Step, params: Mapping[str, Any], sent: Any) -> list[str]:
        """The request our client sent against botocore's serialization of the same input
        with the corpus's botocore model (of the pages' date: botocore's current model has
        dropped Lambda's trailing slashes, for one): method, path, query, body, and every
        header botocore sets; UUIDs (idempotency tokens) masked."""
        from botocore.awsrequest import prepare_request_dict
        from botocore.serialize import create_serializer
        from test_client_wire import _wire as wire_request
        from test_client_wire import compared

        botocore_model = self.corpus_model
        if step.op not in botocore_model.operation_names:  # pages newer than that model
            botocore_model = self.boto_model
        model = botocore_model.operation_model(step.op)
        theirs_params = _to_boto(dict(params), model.input_shape)
        for name, member in (model.input_shape.members if model.input_shape else {}).items():
            if member.metadata.get("idempotencyToken") and name not in theirs_params:
                theirs_params[name] = str(uuid.uuid4())  # as botocore's client fills it
        protocol = botocore_model.metadata["protocol"]
        serializer = create_serializer(protocol, include_validation=False)
        request = serializer.serialize_to_request(theirs_params, model)
        prepare_request_dict(request, self.url)
        theirs = wire_request(
            request["method"], request["url"], request["headers"], request["body"]
        )
        ours = wire_request(sent.method, sent.url, sent.headers, sent.body)
        # A token our model infers (the page speaks of idempotency) but botocore's does
        # not mark: the client fills it, botocore would send none; noted, not compared.
        for name in self.inferred_tokens.get(step.op, ()):
            if name not in params and isinstance(ours.body, dict) and name not in theirs_params:
                ours.body.pop(name, None)
                self.filled.add(f"{step.op}.{name}")
        return compared(_masked(ours), _masked(theirs), protocol)

    def _call(self, step: Step, params: Mapping[str, Any]) -> Outcome:
        view = self.views[step.op]
        try:
            kwargs = self.kwargs(step.op, params)
            client = self.unchecked_client if set(params) & set(self.unchecked) else self.client
            if step.pages:
                assert view.paginator is not None, f"{step.op}: no pagination helper"
                pages = getattr(client, view.paginator.method)(**kwargs)
                wires = [_wire(page, self.core) for page in pages]
                return Outcome("pages", wires, self.replay(step.op))
            response = _wire(getattr(client, view.method)(**kwargs), self.core)
            return Outcome("ok", response, self.replay(step.op))
        except self.package.errors.ServiceError as error:
            return Outcome(
                "error", (type(error).__name__, error.code, error.http_status, error.message)
            )
        except Exception as error:  # noqa: BLE001 - a crash is an outcome to compare
            return Outcome("crash", f"{type(error).__name__}: {error}")


def _masked(request: Any) -> Any:
    """A request with every UUID (idempotency tokens) masked."""

    def mask(value: Any) -> Any:
        if isinstance(value, str):
            return UUID.sub("-", value)
        if isinstance(value, dict):
            return {k: mask(v) for k, v in value.items()}
        if isinstance(value, list | tuple):
            return type(value)(mask(v) for v in value)
        return value

    return dataclasses.replace(
        request, query=mask(request.query), headers=mask(request.headers), body=mask(request.body)
    )


def _text(value: Any) -> Any:
    """A number or boolean as text, a one-element list as its element (the same wire
    text)."""
    if isinstance(value, list) and len(value) == 1:
        return value[0]
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value) if isinstance(value, int) else value


def _wire(response: Any, core: Any = None) -> dict[str, Any]:
    """A response's ``to_dict()``; with the package's ``_core``, timestamps keep their
    fractions of a second (``to_dict`` drops them, as botocore's serializer does for
    requests; the comparison wants what the client parsed)."""
    if response is None:
        return {}
    for member in dataclasses.fields(response):
        value = getattr(response, member.name)
        if hasattr(value, "iter_chunks"):  # a StreamingBody: read, as boto3's is
            setattr(response, member.name, value.read())
    if core is None:
        return dict(response.to_dict())
    whole = core.epoch_seconds
    core.epoch_seconds = _exact_epoch
    try:
        return dict(response.to_dict())
    finally:
        core.epoch_seconds = whole


def _exact_epoch(value: datetime.datetime) -> float:
    aware = value if value.tzinfo else value.replace(tzinfo=datetime.UTC)
    return aware.timestamp()


class Theirs:
    """boto3, called with the same wire input (blobs given as bytes, as boto3 wants)."""

    def __init__(self, boto_name: str, url: str, service: Any) -> None:
        self.client = boto3.client(
            boto_name,
            region_name="us-east-1",
            endpoint_url=url,
            aws_access_key_id="testing",
            aws_secret_access_key="testing",
        )
        self.service = service

    def params(self, op: str, params: Mapping[str, Any]) -> dict[str, Any]:
        model = self.client.meta.service_model.operation_model(op)
        return dict(_to_boto(dict(params), model.input_shape))

    def call(self, step: Step, params: Mapping[str, Any]) -> Outcome:
        method = getattr(self.client, snake(step.op))
        try:
            kwargs = self.params(step.op, params)
            if step.pages:
                return Outcome("pages", [_read(p) for p in self._pages(step.op, kwargs)])
            return Outcome("ok", _read(method(**kwargs)))
        except botocore_exceptions.ClientError as error:
            err = error.response.get("Error", {})
            status = error.response.get("ResponseMetadata", {}).get("HTTPStatusCode")
            name = type(error).__name__
            message = err.get("Message", "")
            return Outcome(
                "error",
                (
                    "ServiceError" if name == "ClientError" else name,
                    err.get("Code"),
                    status,
                    message,
                ),
            )
        except Exception as error:  # noqa: BLE001
            return Outcome("crash", f"{type(error).__name__}: {error}")

    def _pages(self, op: str, kwargs: dict[str, Any]) -> Iterator[dict[str, Any]]:
        name = snake(op)
        if self.client.can_paginate(name):
            yield from self.client.get_paginator(name).paginate(**kwargs)
            return
        from codegen.model.pagination import detect_pagination

        paging = detect_pagination(self.service, self.service.operations[op])
        assert paging is not None
        method = getattr(self.client, name)
        while True:
            page = method(**kwargs)
            yield page
            token = page.get(paging.output_token)
            if not token or token == kwargs.get(paging.input_token):
                return
            kwargs = {**kwargs, paging.input_token: token}


def _to_boto(value: Any, shape: Any) -> Any:
    """Wire input as boto3 takes it: blobs as bytes (the wire has base64 text)."""
    if shape is None or value is None:
        return value
    if shape.type_name == "structure":
        return {
            k: _to_boto(v, shape.members.get(k)) if k in shape.members else v
            for k, v in value.items()
        }
    if shape.type_name == "list":
        return [_to_boto(v, shape.member) for v in value]
    if shape.type_name == "map":
        return {k: _to_boto(v, shape.value) for k, v in value.items()}
    if shape.type_name == "blob" and isinstance(value, str):
        return base64.b64decode(value)
    return value


def _read(response: dict[str, Any]) -> dict[str, Any]:
    """boto3's response without its metadata; streaming bodies read."""
    data = {k: v for k, v in response.items() if k != "ResponseMetadata"}
    for key, value in data.items():
        if hasattr(value, "read") and callable(value.read):
            data[key] = value.read()
    return data


def run_pass(scenario: Scenario, caller: Any, model_ops: set[str], url: str) -> dict[str, Outcome]:
    _reset(url)
    # Lambda's Invoke without Docker: moto's simple backend answers with the payload.
    _moto_config(url, {"lambda": {"use_docker": False}})
    results: dict[str, Any] = {}
    if scenario.setup:
        results["setup"] = scenario.setup(_aux(url))
    outcomes: dict[str, Outcome] = {}
    for step in scenario.steps:
        if step.op not in model_ops:
            continue
        try:
            params = step.params(results) if callable(step.params) else step.params
        except KeyError as missing:
            outcomes[step.key] = Outcome("crash", f"an earlier step failed: {missing}")
            continue
        outcome = caller.call(step, params)
        outcomes[step.key] = outcome
        if outcome.kind == "ok":
            results[step.key] = _as_wire(outcome.data)
    return outcomes


def _as_wire(data: Any) -> Any:
    """A response in wire form whichever client gave it (for later steps' references)."""
    if isinstance(data, dict):
        return {k: _as_wire(v) for k, v in data.items()}
    if isinstance(data, list):
        return [_as_wire(v) for v in data]
    if isinstance(data, bytes | bytearray):
        return base64.b64encode(data).decode()
    if isinstance(data, datetime.datetime):
        return data.timestamp()
    return data


# ---------------------------------------------------------------------------------------
# Comparison.


@dataclass
class Differ:
    """Compares our wire-form value with boto3's, walking our model's shapes: a member
    boto3 gives that the pages do not document (the model botocore ships is newer than
    the pages) cannot be in our response; it is skipped and counted, not compared."""

    service: Any
    volatile: frozenset[str]
    undocumented: set[str] = field(default_factory=set)
    slack: float = TIMESTAMP_SLACK
    """How far apart a timestamp may be (0 when comparing one response parsed twice)."""

    def outcome(self, op: str, ours: Outcome, theirs: Outcome) -> list[str]:
        if ours.kind != theirs.kind:
            return [
                f"ours {ours.kind} {ours.data!r:.300} vs boto3's {theirs.kind} {theirs.data!r:.300}"
            ]
        if ours.kind == "error":
            (cls, code, status, text), (their_cls, their_code, their_status, their_text) = (
                ours.data,
                theirs.data,
            )
            if their_cls == "ServiceError" and cls == code:
                # boto3's model names no class for the code; ours names the AWS common
                # error (ValidationException, ThrottlingException...) after its code.
                their_cls = cls
            # Messages may carry ids moto draws afresh: compared with UUIDs masked.
            text, their_text = UUID.sub("-", text or ""), UUID.sub("-", their_text or "")
            if (cls, code, status, text) == (their_cls, their_code, their_status, their_text):
                return []
            return [f"error {ours.data} vs boto3's {theirs.data}"]
        if ours.kind == "crash":
            return [f"both crashed: ours {ours.data}; boto3 {theirs.data}"]
        output = self.service.operations[op].output
        if ours.kind == "pages":
            if len(ours.data) != len(theirs.data):
                return [f"{len(ours.data)} pages vs boto3's {len(theirs.data)}"]
            return [
                f"page {i}: {d}"
                for i, (a, b) in enumerate(zip(ours.data, theirs.data))
                for d in self.value(a, b, output, op)
            ]
        return self.value(ours.data, theirs.data, output, op)

    def value(self, ours: Any, theirs: Any, shape_name: str | None, path: str) -> list[str]:
        from codegen.model import ListShape, MapShape, StructureShape

        shape = self.service.shapes.get(shape_name) if shape_name else None
        if isinstance(theirs, datetime.datetime):
            if isinstance(ours, bool) or not isinstance(ours, int | float):
                return [f"{path}: timestamp {theirs.isoformat()} vs {ours!r}"]
            # botocore leaves a timestamp without a zone naive; the client takes it as UTC.
            aware = theirs if theirs.tzinfo else theirs.replace(tzinfo=datetime.UTC)
            if abs(ours - aware.timestamp()) > max(self.slack, 1e-6):
                return [f"{path}: timestamp {theirs.isoformat()} vs {ours!r}"]
            return []
        if isinstance(theirs, bytes | bytearray):
            if isinstance(ours, str):
                try:
                    if base64.b64decode(ours) == bytes(theirs):
                        return []
                except ValueError:
                    pass
            return [f"{path}: blob {bytes(theirs)[:40]!r} vs {ours!r:.60}"]
        if isinstance(theirs, dict) and isinstance(ours, dict):
            members: dict[str, str | None] = {}
            if isinstance(shape, StructureShape):
                members = {m.name: m.target for m in shape.members}
            elif shape_name is None and "." not in path:
                members = {"": None}  # an operation without output: every member undocumented
            diffs = []
            for key in sorted(set(ours) | set(theirs)):
                sub = f"{path}.{key}"
                target = (
                    members.get(key)
                    if members
                    else (shape.value if isinstance(shape, MapShape) else None)
                )
                if key not in ours and key in theirs and members and key not in members:
                    self.undocumented.add(sub.split(".", 1)[0] + "." + _unindexed(sub))
                elif key not in ours or key not in theirs:
                    side = "only ours" if key in ours else "only boto3"
                    given = ours[key] if key in ours else theirs[key]
                    diffs.append(f"{sub}: {side} ({given!r:.60})")
                elif key in self.volatile:
                    if not _same_type(ours[key], theirs[key]):
                        diffs.append(f"{sub}: volatile {theirs[key]!r:.40} vs {ours[key]!r:.40}")
                else:
                    diffs.extend(self.value(ours[key], theirs[key], target, sub))
            return diffs
        if isinstance(theirs, list) and isinstance(ours, list):
            if len(ours) != len(theirs):
                return [f"{path}: {len(ours)} items vs boto3's {len(theirs)}"]
            item = shape.member if isinstance(shape, ListShape) else None
            return [
                d
                for i, (a, b) in enumerate(zip(ours, theirs))
                for d in self.value(a, b, item, f"{path}[{i}]")
            ]
        if isinstance(theirs, str) and isinstance(ours, str):
            if ours == theirs or (self.slack and UUID.sub("-", ours) == UUID.sub("-", theirs)):
                return []
        elif (
            type(ours) is type(theirs)
            and ours == theirs
            or isinstance(theirs, float)
            and isinstance(ours, int | float)
            and ours == theirs
        ):
            return []
        return [f"{path}: {ours!r:.80} vs boto3's {theirs!r:.80}"]


def _same_type(ours: Any, theirs: Any) -> bool:
    if isinstance(theirs, datetime.datetime):
        return isinstance(ours, int | float)
    if isinstance(theirs, bytes):
        return isinstance(ours, str)
    return type(ours) is type(theirs)


def _unindexed(path: str) -> str:
    return re.sub(r"\[\d+\]", "[]", path.split(".", 1)[1] if "." in path else path)


# ---------------------------------------------------------------------------------------
# The sweep.


@dataclass
class Row:
    target: Target
    model_ops: int = 0
    moto_ops: int = 0
    called: int = 0
    equal: int = 0
    reasons: dict[str, str] = field(default_factory=dict)
    """Operation moto implements -> why it is not compared equal."""
    note: str = ""
    paging: int = 0
    """Operations moto implements that the generated client has a pagination helper for."""
    paged: int = 0
    """Of those, compared page by page with boto3 (equal)."""
    multi_page: int = 0
    """Of those, where a call gave more than one page."""
    notes: dict[str, str] = field(default_factory=dict)
    """Input member -> how and why the generated client gets it otherwise than boto3."""
    undocumented: int = 0
    """Response members moto sent that the pages do not document (skipped)."""


ROWS: dict[str, Row] = {}


def _reset(url: str) -> None:
    request = urllib.request.Request(f"{url}/moto-api/reset", method="POST")
    with urllib.request.urlopen(request, timeout=10):
        pass


def _moto_config(url: str, config: dict[str, Any]) -> None:
    request = urllib.request.Request(
        f"{url}/moto-api/config",
        data=json.dumps(config).encode(),
        method="POST",
        headers={"Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=10):
        pass


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    """(corpus, uid) -> (service model, generated package), each corpus built once with
    no settings."""
    from codegen.model.build import build_model

    root = tmp_path_factory.mktemp("e2e_services")
    built: dict[str, Any] = {}
    sys.path.insert(0, str(root))
    yield {"root": root, "built": built, "build": build_model}
    sys.path.remove(str(root))


def _package(generated: dict[str, Any], target: Target) -> tuple[Any, Any]:
    built = generated["built"]
    if target.corpus not in built:
        docs = CORPUS / target.corpus / "docs"
        assert not (docs / "codegen.toml").exists()  # settings from the shipped table only
        built[target.corpus] = generated["build"](docs)
    (service,) = [s for s in built[target.corpus].services if s.uid == target.uid]
    package = f"e2e_{target.corpus}_{target.boto_name}".replace("-", "_")
    write_client_package(service, generated["root"], package)
    importlib.invalidate_caches()
    return service, __import__(package, fromlist=["client", "shapes", "errors"])


@pytest.mark.slow
@pytest.mark.parametrize("target", TARGETS, ids=[t.id for t in TARGETS])
def test_every_operation_moto_implements_gives_what_boto3_gives(
    target: Target, generated: dict[str, Any], moto_endpoint: str  # noqa: F811
) -> None:
    service, package = _package(generated, target)
    row = ROWS[target.id] = Row(target, model_ops=len(service.operations))
    # Where the generated client would go in us-east-1 (AWS's endpoint, from the table).
    url = package.client._base.default_endpoint(package.client.Client._SERVICE, "us-east-1")[0]
    implemented = moto_operations(url)
    moto_ops = {op for op in service.operations if snake(op) in implemented}
    row.moto_ops = len(moto_ops)
    if moto_module(url) is None:
        row.note = "moto does not implement this service"
        import botocore
        import botocore.session

        if target.boto_name not in botocore.session.get_session().get_available_services():
            row.note += f"; botocore {botocore.__version__} no longer has it"
        return
    scenario = SCENARIOS.get(target.boto_name, Scenario())
    called = {s.op for s in scenario.steps} & set(service.operations)
    unexplained = moto_ops - called - set(scenario.not_called)
    assert (
        not unexplained
    ), f"moto implements these, called by no step, no reason: {sorted(unexplained)}"
    stale = (set(scenario.not_called) & called) | {
        op for op in scenario.not_called if snake(op) not in implemented
    }
    assert not stale, f"listed as not called, but called or not implemented: {sorted(stale)}"
    unimplemented = {s.op for s in scenario.steps if snake(s.op) not in implemented}
    assert not unimplemented, f"steps for operations moto lacks: {sorted(unimplemented)}"
    for op in sorted(moto_ops - called):
        row.reasons[op] = scenario.not_called[op]
    row.notes.update({m: f"given as the same wire text: {r}" for m, r in scenario.as_text.items()})
    row.notes.update({m: f"sent with validation off: {r}" for m, r in scenario.unchecked.items()})

    operations = set(service.operations)
    our_client = Ours(package, service, moto_endpoint, scenario, target.boto_name, target.corpus)
    ours = run_pass(scenario, our_client, operations, moto_endpoint)
    for where in sorted(our_client.filled):
        op, _, name = where.partition(".")
        member = next(
            m for m in service.shapes[service.operations[op].input].members if m.name == name
        )
        page = f"{Path(member.source.file).name}:{member.source.line}" if member.source else op
        row.notes[where] = (
            f"filled by the generated client (an idempotency token inferred from the "
            f"description at {page}); botocore's model does not mark it, so boto3 sends none: "
            "left out of the request comparison"
        )
    theirs = run_pass(
        scenario, Theirs(target.boto_name, moto_endpoint, service), operations, moto_endpoint
    )

    differ = Differ(service, scenario.volatile | TOKENS)
    # The same HTTP responses our client parsed, parsed by botocore: equal exactly.
    exact = Differ(service, frozenset(), slack=0.0)

    def out(step: Step) -> str | None:
        output: str | None = service.operations[step.op].output
        return output

    failures: dict[str, list[str]] = {}
    for step in scenario.steps:
        if step.key not in ours:
            continue
        diffs = differ.outcome(step.op, ours[step.key], theirs[step.key])
        mine = ours[step.key]
        diffs.extend(f"request: {d}" for d in mine.request)
        if mine.kind in ("ok", "pages"):
            pages = mine.data if mine.kind == "pages" else [mine.data]
            if len(pages) != len(mine.replay):
                diffs.append(f"replay: {len(pages)} responses vs {len(mine.replay)} parsed")
            for page, parsed in zip(pages, mine.replay):
                diffs.extend(f"replay: {d}" for d in exact.value(page, parsed, out(step), step.op))
        if step.error and not diffs and (mine.kind != "error" or mine.data[1] != step.error):
            diffs = [f"expected error {step.error}, got {ours[step.key].data}"]
        if not step.error and not diffs and ours[step.key].kind == "error":
            diffs = [f"both failed unexpectedly: {ours[step.key].data}"]
        if diffs:
            failures.setdefault(step.op, []).extend(f"{step.key}: {d}" for d in diffs)
    row.called = len(called & moto_ops)
    from codegen.views import view_service

    helpers = {v.name for v in view_service(service).client.operations if v.paginator} & moto_ops
    paged_steps = [s for s in scenario.steps if s.pages and s.key in ours]
    row.paging = len(helpers)
    row.paged = len({s.op for s in paged_steps if s.op not in failures} & helpers)
    row.multi_page = len(
        {s.op for s in paged_steps if s.op not in failures and len(ours[s.key].data) > 1}
    )
    row.undocumented = len(differ.undocumented)
    known = scenario.known_differences
    for op in sorted(called & moto_ops):
        if op in failures and op in known:
            row.reasons[op] = known[op]
        elif op not in failures:
            row.equal += 1
    print(f"{target.id}: {row}")
    if os.environ.get("E2E_SHOW_UNDOCUMENTED"):
        print("\n".join(f"UNDOC {target.id} {m}" for m in sorted(differ.undocumented)))
    still_known = {op: failures.get(op) for op in known if op in called}
    fixed = sorted(op for op, diffs in still_known.items() if not diffs)
    assert not fixed, f"listed as known differences but now equal: {fixed}"
    unknown = {op: d for op, d in failures.items() if op not in known}
    assert not unknown, "\n".join(f"{op}: {d}" for op, diffs in unknown.items() for d in diffs)


def _aux(url: str) -> Any:
    def client(name: str) -> Any:
        return boto3.client(
            name,
            region_name="us-east-1",
            endpoint_url=url,
            aws_access_key_id="testing",
            aws_secret_access_key="testing",
        )

    return client


# ---------------------------------------------------------------------------------------
# The table.


def render_table(rows: list[Row]) -> str:
    lines = [
        "# End to end against moto: the generated clients beside boto3",
        "",
        "Generated by `tests/test_e2e_services.py` (`E2E_UPDATE=1 python -m pytest "
        "tests/test_e2e_services.py -m slow` rewrites it; the last test fails when it is "
        "stale). For every corpus service, its package generated from the pages with no "
        "`codegen.toml`; every operation moto implements called through the generated client "
        "and through boto3 against the same moto server, with the inputs of "
        "`tests/e2e_scenarios.py`; responses, errors (class, code, HTTP status, message) and pages "
        "compared; each request our client sent equal to botocore's serialization of the same "
        "input; and each HTTP response our client parsed, parsed again by botocore's "
        "parser, equal exactly. A response member moto sends that the pages do not document (botocore's "
        "model is newer than the pages) cannot be in our response: it is skipped, and the "
        "last column counts such members (by operation and path). moto's version: "
        + _moto_version()
        + ".",
        "",
        (
            "| corpus | service | operations in the model | moto implements | called | equal "
            "| paged: helpers / compared page by page / more than one page "
            "| response members the pages lack (skipped) |"
        ),
        "|---|---|---:|---:|---:|---:|---:|---:|",
    ]
    total = [0] * 8
    for row in rows:
        counts = [row.model_ops, row.moto_ops, row.called, row.equal]
        paging = [row.paging, row.paged, row.multi_page]
        total = [a + b for a, b in zip(total, [*counts, *paging, row.undocumented])]
        note = f" ({row.note})" if row.note else ""
        cells = [*map(str, counts), " / ".join(map(str, paging)), str(row.undocumented)]
        lines.append(
            f"| {row.target.corpus} | {row.target.boto_name}{note} | " + " | ".join(cells) + " |"
        )
    cells = [*(f"**{n}**" for n in total[:4]), "**" + " / ".join(map(str, total[4:7])) + "**"]
    lines.append("| **all** | | " + " | ".join([*cells, f"**{total[7]}**"]) + " |")
    lines += ["", "## Operations moto implements that are not compared equal, and why", ""]
    reasons = [row for row in rows if row.reasons]
    for row in reasons:
        lines.append(f"### {row.target.corpus}: {row.target.boto_name}")
        lines.append("")
        lines.extend(f"- `{op}`: {reason}" for op, reason in sorted(row.reasons.items()))
        lines.append("")
    if not reasons:
        lines += ["None: every operation moto implements is called and compared equal.", ""]
    lines += [
        "## Inputs the generated client gets otherwise than boto3",
        "",
        (
            "Either the pages type a member otherwise than botocore (the same wire text is "
            "sent), or moto answers with a value that breaks a constraint of the pages (the "
            "calls passing it go through a client with validation off; the comparison of "
            "the responses is unchanged), or the generated client fills a member boto3 "
            "leaves out."
        ),
        "",
    ]
    for row in rows:
        for member, note in sorted(row.notes.items()):
            lines.append(f"- {row.target.corpus}: {row.target.boto_name}: `{member}` {note}")
    return "\n".join(lines).rstrip() + "\n"


def _moto_version() -> str:
    import moto

    return str(moto.__version__)


@pytest.mark.slow
def test_the_e2e_table_is_current(generated: dict[str, Any]) -> None:
    if len(ROWS) != len(TARGETS) or not TARGETS:
        pytest.skip("the table needs the whole sweep in this session")
    rows = [ROWS[t.id] for t in TARGETS]
    # Services of the pages that the corpus pairs with no botocore model (boto3 has no
    # client for them): listed, never called.
    paired = {(t.corpus, t.uid) for t in TARGETS}
    for corpus, model in sorted(generated["built"].items()):
        for service in model.services:
            if (corpus, service.uid) not in paired:
                target = Target(corpus, service.uid, service.uid)
                note = "no botocore model in the corpus, no boto3 client, no moto backend"
                rows.append(Row(target, model_ops=len(service.operations), note=note))
    rows.sort(key=lambda row: (row.target.corpus, row.target.boto_name))
    text = render_table(rows)
    if os.environ.get("E2E_UPDATE"):
        TABLE.write_text(text, encoding="utf-8")
    assert (
        TABLE.is_file() and TABLE.read_text(encoding="utf-8") == text
    ), "docs/e2e.md is stale: E2E_UPDATE=1 python -m pytest tests/test_e2e_services.py -m slow"


# ---------------------------------------------------------------------------------------
# The comparison itself (no server): it sees what it must.


def _differ() -> Differ:
    from codegen.model import ListShape, Member, PrimitiveShape, StructureShape

    shapes = {
        "S": PrimitiveShape("S", "string"),
        "T": PrimitiveShape("T", "timestamp"),
        "B": PrimitiveShape("B", "blob"),
        "Items": ListShape("Items", "Item"),
        "Item": StructureShape("Item", (Member("Name", "S"), Member("At", "T"))),
        "Out": StructureShape(
            "Out",
            (Member("Items", "Items"), Member("Data", "B"), Member("Id", "S")),
        ),
    }
    op = type("Op", (), {"output": "Out"})()
    service = type("Svc", (), {"shapes": shapes, "operations": {"Get": op}})()
    return Differ(service, frozenset({"Id"}))


def test_the_comparison_normalises_only_what_differs_by_nature() -> None:
    now = datetime.datetime.now(datetime.UTC)
    theirs = {
        "Items": [{"Name": "a", "At": now, "Extra": 1}],
        "Data": b"\x00\x01",
        "Id": "x-123",
        "Newer": True,
    }
    ours = {
        "Items": [{"Name": "a", "At": now.timestamp() + 2}],
        "Data": base64.b64encode(b"\x00\x01").decode(),
        "Id": "x-456",
    }
    differ = _differ()
    assert differ.outcome("Get", Outcome("ok", ours), Outcome("ok", theirs)) == []
    assert differ.undocumented == {"Get.Items[].Extra", "Get.Newer"}


@pytest.mark.parametrize(
    ("ours", "where"),
    [
        ({"Items": [{"Name": "b", "At": 0.0}]}, "Get.Items[0].Name"),
        ({"Items": [{"Name": "a", "At": 0.0}], "Data": "AAI="}, "Get.Data"),
        ({"Items": [{"Name": "a", "At": 0.0}], "Id": 7}, "Get.Id"),
        ({"Items": []}, "Get.Items"),
        ({}, "Get.Items"),
        ({"Items": [{"Name": "a", "At": 1e9}]}, "Get.Items[0].At"),
        ({"Items": [{"Name": "a", "At": "1970-01-01"}]}, "Get.Items[0].At"),
    ],
)
def test_the_comparison_sees_a_wrong_value_blob_type_list_member_or_timestamp(
    ours: dict[str, Any], where: str
) -> None:
    epoch = datetime.datetime.fromtimestamp(0.0, datetime.UTC)
    theirs: dict[str, Any] = {"Items": [{"Name": "a", "At": epoch}]}
    if "Data" in ours:
        theirs["Data"] = b"\x00\x01"
    if "Id" in ours:
        theirs["Id"] = "x-1"
    diffs = _differ().outcome("Get", Outcome("ok", ours), Outcome("ok", theirs))
    assert diffs and diffs[0].startswith(where), diffs


def test_errors_compare_class_code_status_and_message() -> None:
    differ = _differ()
    same = Outcome("error", ("NotFound", "NotFound", 404, "No such thing"))
    assert (
        differ.outcome(
            "Get", same, Outcome("error", ("NotFound", "NotFound", 404, "No such thing"))
        )
        == []
    )
    # boto3's model names no class for a common error our package names after its code.
    common = Outcome("error", ("ThrottlingException", "ThrottlingException", 400, ""))
    unnamed = Outcome("error", ("ServiceError", "ThrottlingException", 400, ""))
    assert differ.outcome("Get", common, unnamed) == []
    assert differ.outcome(
        "Get", same, Outcome("error", ("NotFound", "NotFound", 400, "No such thing"))
    )
    assert differ.outcome(
        "Get", same, Outcome("error", ("ServiceError", "Gone", 404, "No such thing"))
    )
    assert differ.outcome("Get", same, Outcome("ok", {}))
    assert differ.outcome("Get", same, Outcome("error", ("NotFound", "NotFound", 404, "Other")))
