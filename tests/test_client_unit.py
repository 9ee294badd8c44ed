"""The generated client with a FakeTransport: bindings, retries, errors, tokens, paging.

Two packages are generated once per module: ``spec/`` (JSON 1.1, SageMaker's tuning
operations) and a small REST-JSON service built here, whose members use every binding
(labels, greedy labels, query lists, maps, booleans and timestamps, headers, header
maps, payloads, status codes), checked against botocore's serializer and parser for the
equivalent botocore model.
"""

from __future__ import annotations

import datetime
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from test_client_wire import compared, write_client_package

from codegen.model import (
    ErrorRef,
    HttpBinding,
    ListShape,
    MapShape,
    Member,
    Operation,
    PrimitiveShape,
    Service,
    ServiceConfig,
    StructureShape,
)
from codegen.model.build import build_model
from codegen.views.wire import is_idempotency_token

ROOT = Path(__file__).resolve().parents[1]
STAMP = datetime.datetime(2021, 3, 4, 5, 6, 7, 250000, tzinfo=datetime.UTC)
TOKEN_DOC = "A unique identifier for the request. If you don't set it, the service generates one."


# ---------------------------------------------------------------------------------------
# A REST-JSON service using every binding, in our model and in botocore's.


def _m(
    name: str, target: str, location: str = "body", location_name: str | None = None, **extra: Any
) -> Member:
    return Member(
        name,
        target,
        location=location,
        location_name=location_name,  # type: ignore[arg-type]
        **extra,
    )


WIDGET_SHAPES = {
    "String": PrimitiveShape("String", "string"),
    "Integer": PrimitiveShape("Integer", "integer"),
    "Boolean": PrimitiveShape("Boolean", "boolean"),
    "Timestamp": PrimitiveShape("Timestamp", "timestamp"),
    "Blob": PrimitiveShape("Blob", "blob"),
    "StringList": ListShape("StringList", "String"),
    "IntegerList": ListShape("IntegerList", "Integer"),
    "StringMap": MapShape("StringMap", "String", "String"),
    "PutWidgetRequest": StructureShape(
        "PutWidgetRequest",
        (
            _m("Name", "String", "uri", "Name", required=True),
            _m("Path", "String", "uri", "Path", required=True),
            _m("Force", "Boolean", "querystring", "force"),
            _m("Since", "Timestamp", "querystring", "since"),
            _m("Ids", "IntegerList", "querystring", "id"),
            _m("Filters", "StringMap", "querystring"),
            _m("IfModified", "Timestamp", "header", "If-Modified-Since"),
            _m("DryRun", "Boolean", "header", "X-Dry-Run"),
            _m("Labels", "StringList", "header", "X-Labels"),
            _m("Meta", "StringMap", "headers", "X-Meta-"),
            _m("Description", "String"),
            _m("Size", "Integer"),
            _m("ClientToken", "String", documentation=TOKEN_DOC),
        ),
        synthetic=True,
    ),
    "PutWidgetResponse": StructureShape(
        "PutWidgetResponse",
        (
            _m("Status", "Integer", "statusCode"),
            _m("ETag", "String", "header", "ETag"),
            _m("Modified", "Timestamp", "header", "Last-Modified"),
            _m("Count", "Integer", "header", "X-Count"),
            _m("Meta", "StringMap", "headers", "X-Meta-"),
            _m("Description", "String"),
            _m("Created", "Timestamp"),
        ),
        synthetic=True,
    ),
    "UploadRequest": StructureShape(
        "UploadRequest",
        (
            _m("Name", "String", "uri", "Name", required=True),
            _m("Data", "Blob", payload=True),
        ),
        synthetic=True,
    ),
    "GetConfigRequest": StructureShape(
        "GetConfigRequest", (_m("Name", "String", "uri", "Name", required=True),), synthetic=True
    ),
    "GetConfigResponse": StructureShape(
        "GetConfigResponse", (_m("Config", "WidgetConfig", payload=True),), synthetic=True
    ),
    "WidgetConfig": StructureShape(
        "WidgetConfig",
        (
            _m("Color", "String"),
            _m("Sizes", "IntegerList"),
        ),
    ),
    "ListWidgetsRequest": StructureShape(
        "ListWidgetsRequest", (_m("Marker", "String", "querystring", "marker"),), synthetic=True
    ),
    "ListWidgetsResponse": StructureShape(
        "ListWidgetsResponse",
        (
            _m("Widgets", "StringList"),
            _m("NextMarker", "String"),
        ),
        synthetic=True,
    ),
    "WidgetNotFound": StructureShape(
        "WidgetNotFound", (_m("Message", "String"),), exception=True, http_status=404
    ),
}
WIDGET_OPERATIONS = {
    "PutWidget": Operation(
        "PutWidget",
        HttpBinding("PUT", "/widgets/{Name}/files/{Path+}", 201),
        "PutWidgetRequest",
        "PutWidgetResponse",
        (ErrorRef("WidgetNotFound", 404, "No such widget."),),
    ),
    "Upload": Operation("Upload", HttpBinding("POST", "/widgets/{Name}/data"), "UploadRequest"),
    "GetConfig": Operation(
        "GetConfig",
        HttpBinding("GET", "/widgets/{Name}/config"),
        "GetConfigRequest",
        "GetConfigResponse",
    ),
    "ListWidgets": Operation(
        "ListWidgets", HttpBinding("GET", "/widgets"), "ListWidgetsRequest", "ListWidgetsResponse"
    ),
}
WIDGETS = Service(
    uid="widgets-2024-01-01",
    name="Widgets",
    api_version="2024-01-01",
    config=ServiceConfig(
        package="widgets", protocol="rest-json", signing_name="widgets", endpoint_prefix="widgets"
    ),
    operations=WIDGET_OPERATIONS,
    shapes=WIDGET_SHAPES,
)


def _botocore_model(service: Service) -> dict[str, Any]:
    """The same service in botocore's service-2.json form."""
    shapes: dict[str, Any] = {}
    for name, shape in service.shapes.items():
        if isinstance(shape, PrimitiveShape):
            shapes[name] = {"type": shape.kind}
        elif isinstance(shape, ListShape):
            shapes[name] = {"type": "list", "member": {"shape": shape.member}}
        elif isinstance(shape, MapShape):
            shapes[name] = {
                "type": "map",
                "key": {"shape": shape.key},
                "value": {"shape": shape.value},
            }
        else:
            assert isinstance(shape, StructureShape)
            members: dict[str, Any] = {}
            entry: dict[str, Any] = {"type": "structure", "members": members}
            for m in shape.members:
                members[m.name] = {"shape": m.target}
                if m.location != "body":
                    members[m.name]["location"] = m.location
                if m.location_name and m.location != "body":
                    members[m.name]["locationName"] = m.location_name
                if m.payload:
                    entry["payload"] = m.name
            if name == "PutWidgetRequest":
                members["Path"]["locationName"] = "Path"
            if shape.exception:
                entry["exception"] = True
            shapes[name] = entry
    operations = {}
    for op in service.operations.values():
        uri = op.http.request_uri
        operations[op.name] = {
            "name": op.name,
            "http": {"method": op.http.method, "requestUri": uri},
            **({"input": {"shape": op.input}} if op.input else {}),
            **({"output": {"shape": op.output}} if op.output else {}),
        }
    return {
        "version": "2.0",
        "metadata": {
            "protocol": "rest-json",
            "endpointPrefix": "widgets",
            "signingName": "widgets",
            "serviceId": "Widgets",
            "apiVersion": "2024-01-01",
            "uid": service.uid,
        },
        "operations": operations,
        "shapes": shapes,
    }


@pytest.fixture(scope="module")
def packages(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    root = tmp_path_factory.mktemp("client_unit")
    write_client_package(WIDGETS, root, "cu_widgets")
    (spec_service,) = build_model(ROOT / "spec").services
    write_client_package(spec_service, root, "cu_sagemaker")
    sys.path.insert(0, str(root))
    yield root
    sys.path.remove(str(root))


def _import(name: str) -> Any:
    return __import__(name, fromlist=["_"])


def _transport(package: str, *responses: Any) -> Any:
    return _import(f"{package}._runtime.transport").FakeTransport(list(responses))


def _response(
    package: str, status: int, body: bytes = b"", headers: dict[str, str] | None = None
) -> Any:
    return _import(f"{package}._runtime.transport").HttpResponse(status, headers or {}, body)


def _json(package: str, status: int, payload: object = None, **headers: str) -> Any:
    return _import(f"{package}._runtime.transport").json_response(status, payload, headers)


def _client(package: str, transport: Any, **options: Any) -> Any:
    retry = _import(f"{package}._runtime.retry").StandardRetryStrategy(
        options.pop("max_attempts", 3), sleep=lambda seconds: None
    )
    return _import(f"{package}.client").Client(
        "us-east-1", access_key="AK", secret_key="SK", transport=transport, retry=retry, **options
    )


# ---------------------------------------------------------------------------------------
# REST bindings vs botocore.

PUT_PARAMS = {
    "Name": "my widget/1",
    "Path": "a b/c~d.txt",
    "Force": False,
    "Since": STAMP,
    "Ids": [3, 1],
    "Filters": {"color": "red", "shape": "round"},
    "IfModified": STAMP,
    "DryRun": True,
    "Labels": ["plain", "with,comma", 'with"quote'],
    "Meta": {"owner": "me"},
    "Description": "ä widget",
    "Size": 3,
    "ClientToken": "token-1",
}


def _botocore_wire(operation: str, params: dict[str, Any]) -> Any:
    from test_client_wire import botocore_request

    return botocore_request(_botocore_model(WIDGETS), operation, params)


def _sent(transport: Any) -> Any:
    from test_client_wire import _wire

    (request,) = transport.requests
    return _wire(request.method, request.url, request.headers, request.body)


@pytest.mark.parametrize(
    ("operation", "method", "params"),
    [
        ("PutWidget", "put_widget", PUT_PARAMS),
        ("PutWidget", "put_widget", {"Name": "n", "Path": "p", "Labels": []}),
        ("Upload", "upload", {"Name": "n", "Data": b"\x00raw\xff"}),
        ("Upload", "upload", {"Name": "n"}),
        ("GetConfig", "get_config", {"Name": "n"}),
        ("ListWidgets", "list_widgets", {}),
    ],
)
def test_rest_request_of_every_binding_matches_botocore(
    packages: Path, operation: str, method: str, params: dict[str, Any]
) -> None:
    transport = _transport("cu_widgets", _json("cu_widgets", 200, {}))
    client = _client("cu_widgets", transport)
    request_cls = getattr(_import("cu_widgets.shapes"), f"{operation}Request")
    getattr(client, method)(request_cls.from_dict(params))
    ours = _sent(transport)
    theirs = _botocore_wire(operation, {**params, **_token_of(ours, params)})
    assert compared(ours, theirs, "rest-json") == []


def _token_of(ours: Any, params: dict[str, Any]) -> dict[str, Any]:
    """botocore's serializer does not fill tokens (a handler does): give it ours."""
    if isinstance(ours.body, dict) and "ClientToken" in ours.body and "ClientToken" not in params:
        return {"ClientToken": ours.body["ClientToken"]}
    return {}


def test_rest_response_headers_status_and_body_are_bound_as_botocore_parses_them(
    packages: Path,
) -> None:
    from botocore.model import ServiceModel
    from botocore.parsers import create_parser

    headers = {
        "ETag": '"abc"',
        "Last-Modified": "Thu, 04 Mar 2021 05:06:07 GMT",
        "X-Count": "12",
        "X-Meta-Owner": "me",
        "X-Meta-Team": "ml",
        "Content-Type": "application/json",
    }
    body = b'{"Description": "d", "Created": 1614834367.25}'
    transport = _transport("cu_widgets", _response("cu_widgets", 201, body, headers))
    ours = _client("cu_widgets", transport).put_widget(name="n", path="p")
    model = ServiceModel(_botocore_model(WIDGETS))
    parsed = create_parser("rest-json").parse(
        {"status_code": 201, "headers": headers, "body": body},
        model.operation_model("PutWidget").output_shape,
    )
    parsed.pop("ResponseMetadata", None)
    expected = _import("cu_widgets.shapes").PutWidgetResponse.from_response(parsed)
    assert ours == expected
    assert ours.status == 201 and ours.count == 12 and ours.meta == {"Owner": "me", "Team": "ml"}


def test_rest_structure_payload_is_the_whole_response_body(packages: Path) -> None:
    transport = _transport("cu_widgets", _json("cu_widgets", 200, {"Color": "red", "Sizes": [1]}))
    response = _client("cu_widgets", transport).get_config(name="n")
    assert response.config.color == "red" and response.config.sizes == [1]


def test_rest_error_is_typed_from_the_error_type_header(packages: Path) -> None:
    errors = _import("cu_widgets.errors")
    error = _json(
        "cu_widgets",
        404,
        {"Message": "gone"},
        **{"X-Amzn-ErrorType": "WidgetNotFound:http://internal/", "x-amzn-RequestId": "r1"},
    )
    transport = _transport("cu_widgets", error)
    with pytest.raises(errors.WidgetNotFound) as caught:
        _client("cu_widgets", transport).put_widget(name="n", path="p")
    assert (caught.value.message, caught.value.request_id, caught.value.http_status) == (
        "gone",
        "r1",
        404,
    )
    assert len(transport.requests) == 1


def test_idempotency_token_is_a_fresh_uuid_unless_given(packages: Path) -> None:
    transport = _transport("cu_widgets", *[_json("cu_widgets", 200, {})] * 3)
    client = _client("cu_widgets", transport)
    client.put_widget(name="n", path="p")
    client.put_widget(name="n", path="p")
    client.put_widget(name="n", path="p", client_token="mine")
    import json
    import uuid

    tokens = [json.loads(r.body)["ClientToken"] for r in transport.requests]
    assert str(uuid.UUID(tokens[0])) == tokens[0] and tokens[0] != tokens[1]
    assert tokens[2] == "mine"


def test_idempotency_token_detection_needs_name_and_description() -> None:
    string = WIDGET_SHAPES["String"]
    service = WIDGETS
    assert string.kind == "string"
    assert is_idempotency_token(service, _m("ClientToken", "String", documentation=TOKEN_DOC))
    assert not is_idempotency_token(service, _m("ClientToken", "String", documentation="A token."))
    assert not is_idempotency_token(service, _m("Token", "String", documentation=TOKEN_DOC))
    assert is_idempotency_token(service, _m("Anything", "String", idempotency_token=True))
    # By meaning: any token spelling, any casing; or a description about idempotency.
    assert is_idempotency_token(
        service, _m("clientRequestToken", "String", documentation=TOKEN_DOC)
    )
    assert is_idempotency_token(service, _m("IdempotencyToken", "String", documentation=TOKEN_DOC))
    idempotent = "A string that Amazon EFS uses to ensure idempotent creation."
    assert is_idempotency_token(service, _m("CreationToken", "String", documentation=idempotent))
    assert is_idempotency_token(service, _m("Ref", "String", documentation=idempotent))
    assert not is_idempotency_token(service, _m("Ref", "Integer", documentation=idempotent))
    a_filter = "Restricts the list to the file system with this creation token."
    assert not is_idempotency_token(service, _m("CreationToken", "String", documentation=a_filter))


# ---------------------------------------------------------------------------------------
# JSON 1.1: retries, errors, parsing, validation, paging (spec/ package).

TUNING = "cu_sagemaker"


def test_json_call_retries_server_errors_and_throttling_then_succeeds(packages: Path) -> None:
    transport = _transport(
        TUNING,
        _json(TUNING, 500, {"__type": "InternalFailure"}),
        _json(TUNING, 400, {"__type": "ThrottlingException", "message": "slow down"}),
        _json(TUNING, 200, {"HyperParameterTuningJobArn": "arn:1"}),
    )
    response = _client(TUNING, transport).describe_hyper_parameter_tuning_job(
        hyper_parameter_tuning_job_name="job"
    )
    assert len(transport.requests) == 3
    assert all("Authorization" in r.headers for r in transport.requests)
    assert transport.requests[0].headers["X-Amz-Target"] == (
        "SageMaker.DescribeHyperParameterTuningJob"
    )
    assert response.hyper_parameter_tuning_job_arn == "arn:1"


def test_json_call_gives_up_after_max_attempts_with_the_last_error(packages: Path) -> None:
    errors = _import(f"{TUNING}.errors")
    transport = _transport(TUNING, *[_json(TUNING, 503, {"__type": "ServiceUnavailable"})] * 2)
    with pytest.raises(errors.ServiceUnavailable):
        _client(TUNING, transport, max_attempts=2).describe_hyper_parameter_tuning_job(
            hyper_parameter_tuning_job_name="job"
        )
    assert len(transport.requests) == 2


def test_json_error_code_with_namespace_prefix_maps_to_its_class(packages: Path) -> None:
    errors = _import(f"{TUNING}.errors")
    transport = _transport(
        TUNING,
        _json(
            TUNING,
            400,
            {"__type": "com.amazonaws.sagemaker#ResourceNotFound", "Message": "no"},
            **{"x-amzn-RequestId": "req-9"},
        ),
    )
    with pytest.raises(errors.ResourceNotFound) as caught:
        _client(TUNING, transport).describe_hyper_parameter_tuning_job(
            hyper_parameter_tuning_job_name="job"
        )
    assert isinstance(caught.value, errors.ServiceError)
    assert (caught.value.code, caught.value.message, caught.value.request_id) == (
        "ResourceNotFound",
        "no",
        "req-9",
    )
    assert len(transport.requests) == 1


def test_unknown_error_code_raises_the_base_class(packages: Path) -> None:
    errors = _import(f"{TUNING}.errors")
    transport = _transport(TUNING, _json(TUNING, 400, {"__type": "BrandNewError"}))
    with pytest.raises(errors.ServiceError) as caught:
        _client(TUNING, transport).describe_hyper_parameter_tuning_job(
            hyper_parameter_tuning_job_name="job"
        )
    assert type(caught.value) is errors.ServiceError and caught.value.code == "BrandNewError"


def test_malformed_success_body_raises_response_parse_error_with_request_id(packages: Path) -> None:
    errors = _import(f"{TUNING}.errors")
    transport = _transport(
        TUNING, _response(TUNING, 200, b"{not json", {"x-amzn-RequestId": "rid"})
    )
    with pytest.raises(errors.ResponseParseError) as caught:
        _client(TUNING, transport).describe_hyper_parameter_tuning_job(
            hyper_parameter_tuning_job_name="job"
        )
    assert caught.value.request_id == "rid" and "rid" in str(caught.value)


def test_network_failure_after_sending_is_retried_only_where_resending_is_safe(
    packages: Path,
) -> None:
    runtime_errors = _import(f"{TUNING}._runtime.errors")

    def timeout() -> Exception:
        return runtime_errors.ReadTimeoutError("no answer", url="https://x")

    ok = _json(TUNING, 200, {})
    read = _transport(TUNING, timeout(), ok)
    _client(TUNING, read).describe_hyper_parameter_tuning_job(hyper_parameter_tuning_job_name="j")
    assert len(read.requests) == 2
    stop = _transport(TUNING, timeout(), ok)
    with pytest.raises(runtime_errors.ReadTimeoutError):
        _client(TUNING, stop).stop_hyper_parameter_tuning_job(hyper_parameter_tuning_job_name="j")
    assert len(stop.requests) == 1


def test_invalid_request_is_refused_before_sending_unless_validation_is_off(packages: Path) -> None:
    validation_error = _import(TUNING).ValidationError
    transport = _transport(TUNING, _json(TUNING, 200, {}))
    with pytest.raises(validation_error) as caught:
        _client(TUNING, transport).describe_hyper_parameter_tuning_job(
            hyper_parameter_tuning_job_name=""
        )
    assert "hyper_parameter_tuning_job_name" in str(caught.value)
    assert transport.requests == []
    _client(TUNING, transport, validation="off").describe_hyper_parameter_tuning_job(
        hyper_parameter_tuning_job_name=""
    )
    assert transport.requests[0].body == b'{"HyperParameterTuningJobName": ""}'


def test_method_takes_a_request_object_or_keywords_but_not_both(packages: Path) -> None:
    shapes = _import(f"{TUNING}.shapes")
    transport = _transport(TUNING, *[_json(TUNING, 200, {})] * 2)
    client = _client(TUNING, transport)
    request = shapes.DescribeHyperParameterTuningJobRequest(hyper_parameter_tuning_job_name="j")
    client.describe_hyper_parameter_tuning_job(request)
    client.describe_hyper_parameter_tuning_job(hyper_parameter_tuning_job_name="j")
    assert transport.requests[0].body == transport.requests[1].body
    with pytest.raises(TypeError):
        client.describe_hyper_parameter_tuning_job(request, hyper_parameter_tuning_job_name="j")
    with pytest.raises(TypeError):
        client.describe_hyper_parameter_tuning_job(no_such_field="j")


def test_paginator_follows_next_token_and_items_flatten_pages(packages: Path) -> None:
    def page(names: list[str], token: str | None) -> Any:
        summaries = [
            {"HyperParameterTuningJobName": n, "HyperParameterTuningJobArn": f"arn:{n}"}
            for n in names
        ]
        return _json(
            TUNING,
            200,
            {
                "HyperParameterTuningJobSummaries": summaries,
                **({"NextToken": token} if token else {}),
            },
        )

    transport = _transport(
        TUNING,
        page(["a", "b"], "t1"),
        page(["c"], "t2"),
        page([], None),
        page(["a", "b"], "t1"),
        page(["c"], "t2"),
        page([], None),
    )
    client = _client(TUNING, transport)
    pages = list(client.paginate_list_hyper_parameter_tuning_jobs(max_results=2))
    assert len(pages) == 3
    import json

    sent = [json.loads(r.body) for r in transport.requests]
    assert sent == [
        {"MaxResults": 2},
        {"MaxResults": 2, "NextToken": "t1"},
        {"MaxResults": 2, "NextToken": "t2"},
    ]
    items = client.list_hyper_parameter_tuning_jobs_items(max_results=2)
    assert [s.hyper_parameter_tuning_job_name for s in items] == ["a", "b", "c"]


def test_paginator_stops_when_the_service_repeats_a_token(packages: Path) -> None:
    same = _json(TUNING, 200, {"HyperParameterTuningJobSummaries": [], "NextToken": "again"})
    transport = _transport(TUNING, same, same, same)
    pages = list(_client(TUNING, transport).paginate_list_hyper_parameter_tuning_jobs())
    assert len(pages) == 2


def test_client_reads_no_configuration_until_the_first_call(packages: Path, tmp_path: Path) -> None:
    code = (
        "from cu_sagemaker.client import Client\n"
        "from cu_sagemaker.errors import NoRegionError\n"
        "client = Client()\n"
        "try:\n"
        "    client.describe_hyper_parameter_tuning_job(hyper_parameter_tuning_job_name='j')\n"
        "except NoRegionError:\n"
        "    print('no region')\n"
    )
    env = {"PATH": os.environ.get("PATH", ""), "HOME": str(tmp_path), "PYTHONPATH": str(packages)}
    result = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "no region"


def test_endpoint_is_derived_from_the_region(packages: Path) -> None:
    transport = _transport(TUNING, _json(TUNING, 200, {}))
    client = _client(TUNING, transport)
    client.describe_hyper_parameter_tuning_job(hyper_parameter_tuning_job_name="j")
    assert transport.requests[0].url == "https://api.sagemaker.us-east-1.amazonaws.com/"
    assert "/us-east-1/sagemaker/aws4_request" in transport.requests[0].headers["Authorization"]
