"""Client faults the moto sweep (tests/test_e2e_services.py) found, each pinned by a small
service and a FakeTransport, beside what botocore's parser makes of the same response."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from test_client_wire import write_client_package

from codegen.model import (
    HttpBinding,
    Member,
    Operation,
    PrimitiveShape,
    Service,
    ServiceConfig,
    StructureShape,
)

SHAPES = {
    "String": PrimitiveShape("String", "string"),
    "Integer": PrimitiveShape("Integer", "integer"),
    "KickRequest": StructureShape(
        "KickRequest",
        (
            Member("Name", "String", required=True, location="uri", location_name="Name"),
            Member("Args", "String", payload=True),
        ),
        synthetic=True,
    ),
    "KickResponse": StructureShape(
        "KickResponse",
        (
            Member("Status", "Integer", location="statusCode"),
            Member("Tag", "String", location="header", location_name="X-Tag"),
        ),
        synthetic=True,
    ),
}
KICKS = Service(
    uid="kicks-2024-01-01",
    name="Kicks",
    api_version="2024-01-01",
    config=ServiceConfig(
        package="kicks", protocol="rest-json", signing_name="kicks", endpoint_prefix="kicks"
    ),
    operations={
        "Kick": Operation(
            "Kick", HttpBinding("POST", "/kicks/{Name}", 202), "KickRequest", "KickResponse"
        )
    },
    shapes=SHAPES,
)


@pytest.fixture(scope="module")
def kicks(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    root: Path = tmp_path_factory.mktemp("client_e2e_fixes")
    write_client_package(KICKS, root, "fx_kicks")
    sys.path.insert(0, str(root))
    __import__("fx_kicks._runtime.transport")
    yield __import__("fx_kicks", fromlist=["client", "_runtime"])
    sys.path.remove(str(root))


def _botocore_parse(status: int, headers: dict[str, str], body: bytes) -> dict[str, Any]:
    from botocore.model import ServiceModel
    from botocore.parsers import RestJSONParser

    model = ServiceModel(
        {
            "metadata": {"protocol": "rest-json", "apiVersion": "2024-01-01"},
            "operations": {
                "Kick": {
                    "name": "Kick",
                    "http": {"method": "POST", "requestUri": "/kicks/{Name}"},
                    "output": {"shape": "KickResponse"},
                }
            },
            "shapes": {
                "String": {"type": "string"},
                "Integer": {"type": "integer"},
                "KickResponse": {
                    "type": "structure",
                    "members": {
                        "Status": {"shape": "Integer", "location": "statusCode"},
                        "Tag": {"shape": "String", "location": "header", "locationName": "X-Tag"},
                    },
                },
            },
        }
    )
    shape = model.operation_model("Kick").output_shape
    parsed = RestJSONParser().parse(
        {"status_code": status, "headers": headers, "body": body}, shape
    )
    return {k: v for k, v in parsed.items() if k != "ResponseMetadata"}


def test_a_response_with_no_body_members_ignores_its_body_as_botocore_does(kicks: Any) -> None:
    """Lambda's InvokeAsync (output: the status code only) on moto answers 202 with the
    function's output as the body, which is not JSON: botocore reads nothing from the
    body; the client used to raise ResponseParseError."""
    transport_module = kicks._runtime.transport
    body = b"Simple Lambda happy path OK"
    headers = {"X-Tag": "t1", "Content-Type": "text/plain"}
    transport = transport_module.FakeTransport(
        [transport_module.HttpResponse(202, transport_module.Headers(headers), body)]
    )
    client = kicks.client.Client("us-east-1", access_key="AK", secret_key="SK", transport=transport)
    response = client.kick(name="n1", args="go")
    assert response.to_dict() == {"Status": 202, "Tag": "t1"}
    assert response.to_dict() == _botocore_parse(202, headers, body)
    assert kicks.client.OPERATIONS["Kick"].body_unread
