"""Wire parity: the HTTP request our generated client sends equals botocore's, per operation.

For every operation of every corpus that botocore's model also has, one set of parameters
is made from our model (deterministically, respecting the kinds both models agree on),
sent through the generated client with a ``FakeTransport``, and compared with what
botocore's serializer produces from the same parameters with the corpus's
``service-2.json``: method, path, query (decoded, as a multiset), the headers that
matter (``X-Amz-Target``, ``Content-Type`` and every header botocore binds) and the body
(parsed JSON, or bytes for a raw payload).

A mismatch is blamed on the model (not the client) when a member the parameters use has
a different location or location name in our model than in botocore's; such operations
are counted and printed, not failed.

Also the helpers other client tests use: ``client_packages`` generates each corpus's
packages (with the codegen settings botocore's metadata gives) once per session.
"""

from __future__ import annotations

import datetime
import importlib
import json
import sys
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import pytest

from codegen.config import SpecConfig
from codegen.generate import package_sources
from codegen.model import ListShape, MapShape, Member, PrimitiveShape, Service, StructureShape
from codegen.model.build import build_model
from codegen.tools import conformance
from codegen.views import view_service

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
CORPORA = (
    sorted(p.name for p in CORPUS.glob("*") if (p / "docs").is_dir()) if CORPUS.is_dir() else []
)
ENDPOINT = "https://example.amazonaws.com"
BOTOCORE_KINDS = {
    "string": "string",
    "integer": "integer",
    "long": "integer",
    "float": "float",
    "double": "float",
    "boolean": "boolean",
    "timestamp": "timestamp",
    "blob": "blob",
    "structure": "structure",
    "list": "list",
    "map": "map",
}
STAMP = datetime.datetime(2020, 1, 2, 3, 4, 5, tzinfo=datetime.UTC)


def botocore_models(corpus: str) -> dict[str, dict[str, Any]]:
    """uid -> botocore service-2.json of one corpus."""
    return conformance.botocore_models(CORPUS / corpus)


def corpus_config(corpus: str) -> SpecConfig:
    """The codegen.toml settings the pages never state, taken from botocore's metadata."""
    return conformance.botocore_config(CORPUS / corpus)


@dataclass(frozen=True)
class ClientPackage:
    corpus: str
    service: Service
    botocore: dict[str, Any] | None

    @property
    def name(self) -> str:
        return self.service.config.package

    def module(self, name: str) -> Any:
        return importlib.import_module(f"{self.name}.{name}")


@dataclass
class ClientPackages:
    root: Path
    packages: dict[str, ClientPackage] = field(default_factory=dict)

    def find(self, corpus: str, uid_prefix: str) -> ClientPackage:
        for package in self.packages.values():
            if package.corpus == corpus and package.service.uid.startswith(uid_prefix):
                return package
        raise LookupError(f"{corpus}: no service {uid_prefix}")


def write_client_package(service: Service, root: Path, package: str) -> Service:
    """Render (unformatted: black changes no behaviour) the shapes and client into root."""
    renamed = replace(service, config=replace(service.config, package=package))
    for rel, text in package_sources(renamed).items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return renamed


def pages_package(root: Path, pages: dict[str, str], package: str) -> Iterator[Any]:
    """For a module fixture: the package of one service written as doc pages (``pages``
    for ``tests/pages.write_pages``), importable while the fixture lives."""
    from pages import write_pages

    (service,) = build_model(write_pages(root / "spec", pages)).services
    write_client_package(service, root, package)
    sys.path.insert(0, str(root))
    __import__(f"{package}._runtime.transport")
    yield __import__(package, fromlist=["client", "_runtime", "shapes"])
    sys.path.remove(str(root))


def fake_client(pkg: Any, **settings: Any) -> tuple[Any, Any]:
    """A client of ``pkg`` whose transport records each request and answers ``{}``."""
    transport = pkg._runtime.transport.FakeTransport(
        handler=lambda request: pkg._runtime.transport.HttpResponse(200, {}, b"{}")
    )
    client = pkg.client.Client(
        region="us-east-1", access_key="AKID", secret_key="secret", transport=transport, **settings
    )
    return client, transport


@pytest.fixture(scope="session")
def client_packages(tmp_path_factory: pytest.TempPathFactory) -> ClientPackages:
    if not CORPORA:
        pytest.skip("no corpus at ../shared/corpus")
    root = tmp_path_factory.mktemp("client_packages")
    result = ClientPackages(root)
    for corpus in CORPORA:
        models = botocore_models(corpus)
        for service in build_model(CORPUS / corpus / "docs", config=corpus_config(corpus)).services:
            package = f"cw_{corpus.replace('-', '_')}_{service.config.package}".rstrip("_")
            renamed = write_client_package(service, root, package)
            result.packages[package] = ClientPackage(corpus, renamed, models.get(service.uid))
    sys.path.insert(0, str(root))
    return result


# ---------------------------------------------------------------------------------------
# Parameters from our model, restricted to what botocore's model agrees on.


@dataclass
class ParamMaker:
    service: Service
    shapes: Mapping[str, Any]
    """botocore's shapes."""
    skipped: list[str] = field(default_factory=list)
    """Members left out because the two models disagree on their kind."""

    def structure(self, ours: str, theirs: str, depth: int = 0) -> dict[str, Any]:
        shape = self.service.shapes[ours]
        assert isinstance(shape, StructureShape)
        members = self.shapes[theirs].get("members", {})
        params = {}
        for member in shape.members:
            if member.name not in members or (depth >= 3 and not member.required):
                continue
            value = self.value(member.target, members[member.name]["shape"], member, depth + 1)
            if value is not None:
                params[member.name] = value
        return params

    def value(self, ours: str, theirs: str, member: Member, depth: int) -> Any:
        shape = self.service.shapes[ours]
        their = self.shapes[theirs]
        kind = (
            shape.kind if isinstance(shape, PrimitiveShape) else type(shape).__name__[:-5].lower()
        )
        their_kind = "document" if their.get("document") else BOTOCORE_KINDS.get(their["type"])
        if kind == "string" and their_kind == "integer" and member.location != "body":
            return "7"  # the same text on the wire whichever model is right
        if BOTOCORE_KINDS.get(kind, kind) != their_kind:
            self.skipped.append(f"{member.name}: ours {kind}, botocore {their['type']}")
            return None
        if isinstance(shape, StructureShape):
            return self.structure(ours, theirs, depth)
        if isinstance(shape, ListShape):
            item = self.value(shape.member, their["member"]["shape"], member, depth)
            return None if item is None else [item, item]
        if isinstance(shape, MapShape):
            item = self.value(shape.value, their["value"]["shape"], member, depth)
            return None if item is None else {"key-1": item}
        return self.scalar(shape, member)

    def scalar(self, shape: PrimitiveShape, member: Member) -> Any:
        c = shape.constraints
        if shape.kind == "string":
            if c.enum:
                return c.enum[0]
            if member.location in ("header", "headers"):
                return f'h-{member.name}, "q"'
            return f"{member.name[:8]} a/b~c ä"
        if shape.kind in ("integer", "long"):
            return max(7, int(c.min_value or 0))
        if shape.kind in ("float", "double"):
            return 2.5
        if shape.kind == "boolean":
            return True
        if shape.kind == "timestamp":
            return STAMP
        if shape.kind == "blob":
            return b"\x00\x01blob"
        return {"doc": [1, "two", None]}


# ---------------------------------------------------------------------------------------
# The two requests, normalised for comparison.


@dataclass(frozen=True)
class WireRequest:
    method: str
    path: str
    query: tuple[tuple[str, str], ...]
    headers: dict[str, str]
    body: Any


def _body(raw: bytes | str, headers: Mapping[str, str]) -> Any:
    data = raw.encode() if isinstance(raw, str) else raw
    if not data:
        return None
    content_type = {k.lower(): v for k, v in headers.items()}.get("content-type", "")
    return json.loads(data) if "json" in content_type else data


def _wire(method: str, url: str, headers: Mapping[str, str], body: bytes | str) -> WireRequest:
    parts = urlsplit(url)
    query = tuple(sorted(parse_qsl(parts.query, keep_blank_values=True)))
    return WireRequest(method, parts.path, query, dict(headers), _body(body, headers))


def botocore_request(model: dict[str, Any], operation: str, params: dict[str, Any]) -> WireRequest:
    from botocore.awsrequest import prepare_request_dict
    from botocore.model import ServiceModel
    from botocore.serialize import create_serializer

    service_model = ServiceModel(model)
    serializer = create_serializer(model["metadata"]["protocol"], include_validation=False)
    request = serializer.serialize_to_request(params, service_model.operation_model(operation))
    prepare_request_dict(request, ENDPOINT)
    return _wire(request["method"], request["url"], request["headers"], request["body"])


def our_request(package: ClientPackage, operation: str, params: dict[str, Any]) -> WireRequest:
    transport_module = package.module("_runtime.transport")
    transport = transport_module.FakeTransport(
        handler=lambda request: transport_module.json_response(200, {})
    )
    client = package.module("client").Client(
        "us-east-1",
        endpoint_url=ENDPOINT,
        access_key="AK",
        secret_key="SK",
        transport=transport,
        validation="off",
    )
    op = package.service.operations[operation]
    method = getattr(client, method_names(package.service)[operation])
    if op.input is None:
        method()
    else:
        request_cls = getattr(package.module("shapes"), op.input)
        method(request_cls.from_dict(params, mode="off"))
    (sent,) = transport.requests
    return _wire(sent.method, sent.url, sent.headers, sent.body)


_METHOD_NAMES: dict[str, dict[str, str]] = {}


def method_names(service: Service) -> dict[str, str]:
    """Operation name -> client method name, as the renderer chose them."""
    package = service.config.package
    if package not in _METHOD_NAMES:
        operations = view_service(service).client.operations
        _METHOD_NAMES[package] = {op.name: op.method for op in operations}
    return _METHOD_NAMES[package]


def compared(ours: WireRequest, theirs: WireRequest, protocol: str) -> list[str]:
    """What differs, one line per part."""
    problems = []
    for part in ("method", "path", "query", "body"):
        if getattr(ours, part) != getattr(theirs, part):
            problems.append(
                f"{part}: ours {getattr(ours, part)!r}, botocore {getattr(theirs, part)!r}"
            )
    our_headers = {k.lower(): v for k, v in ours.headers.items()}
    names = {k.lower() for k in theirs.headers} | {"content-type"}
    if protocol == "json":
        names.add("x-amz-target")
    for name in sorted(names):
        theirs_value = {k.lower(): v for k, v in theirs.headers.items()}.get(name)
        if our_headers.get(name) != theirs_value:
            problems.append(
                f"header {name}: ours {our_headers.get(name)!r}, botocore {theirs_value!r}"
            )
    return problems


def binding_disagreements(service: Service, model: dict[str, Any], operation: str) -> list[str]:
    """Input members whose location differs between our model and botocore's."""
    op = service.operations[operation]
    their_input = model["operations"][operation].get("input", {}).get("shape")
    if op.input is None or their_input is None:
        return []
    ours = service.shapes[op.input]
    assert isinstance(ours, StructureShape)
    theirs = model["shapes"][their_input]
    payload = theirs.get("payload")
    found = []
    for member in ours.members:
        their_member = theirs.get("members", {}).get(member.name)
        if their_member is None:
            continue
        our_place = (member.location, member.location_name or member.name, member.payload)
        their_place = (
            their_member.get("location", "body"),
            their_member.get("locationName", member.name),
            payload == member.name,
        )
        if our_place != their_place:
            found.append(f"{member.name}: ours {our_place}, botocore {their_place}")
        elif their_member.get("jsonvalue") or model["shapes"][their_member["shape"]].get(
            "jsonvalue"
        ):
            # botocore takes a JSON value and sends it JSON-serialised and base64-encoded;
            # the pages ask the caller for the encoded string, and our model takes that.
            found.append(f"{member.name}: botocore's value is JSON it encodes, ours a string")
    return found


def parity_cases(packages: ClientPackages) -> Iterator[tuple[ClientPackage, str]]:
    for package in packages.packages.values():
        if package.botocore is None:
            continue
        for operation in sorted(package.service.operations):
            if operation in package.botocore["operations"]:
                yield package, operation


def test_every_operation_sends_what_botocore_sends(client_packages: ClientPackages) -> None:
    counts: dict[str, list[int]] = {}
    client_faults: list[str] = []
    model_faults: list[str] = []
    for package, operation in parity_cases(client_packages):
        assert package.botocore is not None
        per = counts.setdefault(f"{package.corpus}/{package.service.uid}", [0, 0, 0])
        maker = ParamMaker(package.service, package.botocore["shapes"])
        op = package.service.operations[operation]
        their_input = package.botocore["operations"][operation].get("input", {}).get("shape")
        params = maker.structure(op.input, their_input) if op.input and their_input else {}
        try:
            theirs = botocore_request(package.botocore, operation, params)
        except KeyError as error:  # a required label the models disagree on was left out
            assert maker.skipped, error
            per[1] += 1
            model_faults.append(f"{package.corpus} {operation}: {maker.skipped}")
            continue
        ours = our_request(package, operation, params)
        problems = compared(ours, theirs, package.service.config.protocol)
        if not problems:
            per[0] += 1
        elif disagreements := binding_disagreements(package.service, package.botocore, operation):
            per[1] += 1
            model_faults.append(f"{package.corpus} {operation}: {disagreements}: {problems}")
        else:
            per[2] += 1
            client_faults.append(f"{package.corpus} {operation}: {problems}")
    print("\nwire parity (identical / model disagreement / client mismatch):")
    for key, (same, model, client) in sorted(counts.items()):
        print(f"  {key}: {same} / {model} / {client}")
    for line in model_faults:
        print("  model:", line[:400])
    assert counts, "no operation compared"
    assert not client_faults, "\n".join(client_faults[:20])
