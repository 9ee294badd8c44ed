"""Which members stream, as the views decide it: a REST blob bound to the whole body (a
request's takes buffers, files and iterables; a response's is a StreamingBody); a blob
anywhere else, and a string or structure payload, keep their types."""

from __future__ import annotations

from typing import Any

from codegen.model import (
    HttpBinding,
    Member,
    Operation,
    PrimitiveShape,
    Service,
    ServiceConfig,
    StructureShape,
)
from codegen.views import view_service


def _m(name: str, target: str, **extra: Any) -> Member:
    return Member(name, target, **extra)


SHAPES = {
    "Blob": PrimitiveShape("Blob", "blob"),
    "String": PrimitiveShape("String", "string"),
    "Holder": StructureShape("Holder", (_m("Data", "Blob"),)),
    "PutRequest": StructureShape(
        "PutRequest",
        (
            _m("Name", "String", location="uri", location_name="Name", required=True),
            _m("Body", "Blob", payload=True),
        ),
        synthetic=True,
    ),
    "PutResponse": StructureShape(
        "PutResponse",
        (_m("Body", "Blob", payload=True), _m("Tag", "String", location="header")),
        synthetic=True,
    ),
    "GetRequest": StructureShape("GetRequest", (_m("Holder", "Holder"),), synthetic=True),
    "GetResponse": StructureShape(
        "GetResponse", (_m("Text", "String", payload=True), _m("Raw", "Blob")), synthetic=True
    ),
}
SERVICE = Service(
    uid="things-2024-01-01",
    name="Things",
    api_version="2024-01-01",
    config=ServiceConfig(
        package="things", protocol="rest-json", signing_name="things", endpoint_prefix="things"
    ),
    operations={
        "Put": Operation("Put", HttpBinding("PUT", "/{Name}"), "PutRequest", "PutResponse"),
        "Get": Operation("Get", HttpBinding("POST", "/get"), "GetRequest", "GetResponse"),
    },
    shapes=SHAPES,
)


def _fields() -> dict[str, dict[str, Any]]:
    package = view_service(SERVICE).package
    return {
        s.name: {f.wire: f.type for f in s.fields} for m in package.modules for s in m.structures
    }


def test_only_blob_payloads_stream() -> None:
    fields = _fields()
    assert fields["PutRequest"]["Body"].annotation == "_streaming.StreamingInput"
    assert fields["PutResponse"]["Body"].annotation == "_streaming.StreamingBody"
    assert fields["GetResponse"]["Raw"].annotation == "bytes"  # a JSON body member
    assert fields["GetResponse"]["Text"].annotation == "str"  # a string payload
    assert fields["Holder"]["Data"].annotation == "bytes"  # a blob inside a structure


def test_the_streamed_keyword_argument_and_docstring() -> None:
    (put,) = [op for op in view_service(SERVICE).client.operations if op.name == "Put"]
    assert {p.name: p.annotation for p in put.params}["body"] == "_streaming.StreamingInput"
    assert "body streams: bytes, bytearray, memoryview, a binary file" in put.doc
    assert "The response's body is a StreamingBody" in put.doc
    (get,) = [op for op in view_service(SERVICE).client.operations if op.name == "Get"]
    assert "stream" not in get.doc


def test_the_reference_says_which_operations_stream() -> None:
    from codegen.render.docs import render_docs

    files = render_docs(view_service(SERVICE))
    index = files["docs/things/index.md"]
    section = index[index.index("## Streaming payloads") : index.index("## Operations")]
    assert "[Put](operations/Put.md)" in section
    assert "the request's body and the response's body" in section
    assert "[Get]" not in section  # a string payload and a blob inside JSON do not stream
    assert 'id="streaming"' in files["site/things/index.html"]
    put = files["docs/things/operations/Put.md"]
    assert "Binary, streamed" in put and "StreamingBody" in put
