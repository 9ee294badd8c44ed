"""Error-response parsing: a table of AWS shapes, and a differential check against botocore."""

from __future__ import annotations

import json
import string

import pytest
from botocore.parsers import JSONParser, RestJSONParser
from hypothesis import given, settings
from hypothesis import strategies as st
from runtime.errors import (
    ResponseParseError,
    ServiceError,
    error_details,
    parse_error_code,
    parse_json_body,
    parse_request_id,
    service_error_from_response,
)


@pytest.mark.parametrize(
    ("headers", "body", "expected"),
    [
        ({"X-Amzn-ErrorType": "ValidationException"}, {}, "ValidationException"),
        (
            {
                "x-amzn-errortype": "ResourceNotFoundException:http://internal.amazon.com/coral/com.amazon.coral.service/"
            },
            {},
            "ResourceNotFoundException",
        ),
        ({}, {"__type": "com.amazonaws.sagemaker#ResourceNotFound"}, "ResourceNotFound"),
        (
            {},
            {"__type": "com.amazon.coral.validate#ValidationException:http://x/y"},
            "ValidationException",
        ),
        ({}, {"code": "ServiceException"}, "ServiceException"),
        ({}, {"Code": "TooManyRequestsException"}, "TooManyRequestsException"),
        ({"X-Amzn-ErrorType": "FromHeader"}, {"__type": "a#FromBody"}, "FromHeader"),
        ({"X-Amzn-ErrorType": ""}, {"__type": "a#FromBody"}, "FromBody"),
        ({}, {"message": "no code at all"}, None),
        ({}, {"__type": 42}, None),
    ],
)
def test_error_code_sources_and_normalisation(
    headers: dict[str, str], body: dict[str, object], expected: str | None
) -> None:
    assert parse_error_code(headers, body) == expected


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (b'{"__type":"X","message":"lower"}', "lower"),
        (b'{"__type":"X","Message":"upper"}', "upper"),
        (b'{"errorMessage":"lambda style","errorType":"Boom"}', "lambda style"),
        (b'{"__type":"X"}', ""),
        (b"plain text failure", "plain text failure"),
    ],
)
def test_error_message_sources(body: bytes, message: str) -> None:
    assert error_details(400, {}, body).message == message


@pytest.mark.parametrize(
    ("headers", "request_id"),
    [
        ({"x-amzn-RequestId": "abc-123"}, "abc-123"),
        ({"X-AMZ-REQUEST-ID": "def-456"}, "def-456"),
        ({"x-amzn-requestid": "first", "x-amz-request-id": "second"}, "first"),
        ({}, None),
    ],
)
def test_request_id_headers(headers: dict[str, str], request_id: str | None) -> None:
    assert parse_request_id(headers) == request_id


def test_missing_code_falls_back_to_status_and_gateway_html_gets_reason_phrase() -> None:
    assert error_details(418, {}, b"{}").code == "418"
    gateway = error_details(503, {}, b"<html><body>Service Unavailable</body></html>")
    assert (gateway.code, gateway.message) == ("503", "Service Unavailable")


def test_service_error_picks_modeled_subclass_and_keeps_details() -> None:
    class ResourceNotFound(ServiceError):
        pass

    headers = {"x-amzn-RequestId": "rid-1", "X-Amzn-ErrorType": "ResourceNotFound:http://x"}
    body = b'{"Message":"job missing","ResourceName":"j1"}'
    error = service_error_from_response(404, headers, body, {"ResourceNotFound": ResourceNotFound})

    assert isinstance(error, ResourceNotFound)
    assert (error.code, error.message, error.http_status, error.request_id) == (
        "ResourceNotFound",
        "job missing",
        404,
        "rid-1",
    )
    assert error.body["ResourceName"] == "j1"
    assert "rid-1" in str(error) and "job missing" in str(error)
    unmodeled = service_error_from_response(400, headers, b'{"__type":"Other"}', {})
    assert type(unmodeled) is ServiceError


@pytest.mark.parametrize("body", [b"{not json", b"[1, 2]", b"\xff\xfe"])
def test_malformed_success_body_raises_parse_error_with_request_id(body: bytes) -> None:
    with pytest.raises(ResponseParseError) as raised:
        parse_json_body(200, {"x-amzn-requestid": "rid-9"}, body)
    assert raised.value.request_id == "rid-9" and raised.value.body == body
    assert "rid-9" in str(raised.value)


def test_empty_success_body_is_an_empty_object() -> None:
    assert parse_json_body(200, {}, b"") == {}
    assert parse_json_body(200, {}, b'{"a": [1]}') == {"a": [1]}


# ---------------------------------------------------------------------------
# Differential check: botocore's own parsers are the oracle

NAME = st.text(string.ascii_letters + string.digits, min_size=1, max_size=12)
RAW_CODE = st.builds(
    lambda prefix, name, suffix: prefix + name + suffix,
    st.sampled_from(["", "com.amazonaws.svc#", "aws.protocoltests#", "a.b#c#"]),
    NAME,
    st.sampled_from(["", ":http://internal.amazon.com/coral/com.amazon.coral.validate/", ":x"]),
)
ERROR_BODY = st.fixed_dictionaries(
    {},
    optional={
        "__type": RAW_CODE,
        "code": RAW_CODE,
        "Code": RAW_CODE,
        "message": st.text(max_size=10),
        "Message": st.text(max_size=10),
    },
)
BODY_BYTES = st.one_of(
    ERROR_BODY.map(lambda body: json.dumps(body).encode()),
    st.sampled_from([b"", b"  ", b"<html><body>Bad Gateway</body></html>", b"oops"]),
)
STATUS = st.sampled_from([400, 403, 404, 409, 413, 429, 500, 502, 503, 504])


@settings(max_examples=300, deadline=None)
@given(
    status=STATUS,
    header_code=st.one_of(st.none(), RAW_CODE),
    body=BODY_BYTES,
    request_id=st.one_of(st.none(), NAME),
)
def test_code_and_message_match_botocore_rest_json_parser(
    status: int, header_code: str | None, body: bytes, request_id: str | None
) -> None:
    headers = {}
    if header_code is not None:
        headers["x-amzn-errortype"] = header_code
    if request_id is not None:
        headers["x-amzn-requestid"] = request_id
    parsed = RestJSONParser().parse({"status_code": status, "headers": headers, "body": body}, None)

    ours = error_details(status, headers, body)

    assert (ours.code, ours.message) == (parsed["Error"]["Code"], parsed["Error"]["Message"])
    # botocore drops the request id of gateway (HTML/empty 5xx) errors; we keep it.
    assert ours.request_id == parsed["ResponseMetadata"].get("RequestId", request_id)


@settings(max_examples=200, deadline=None)
@given(status=STATUS, body=st.one_of(BODY_BYTES, ERROR_BODY.map(lambda b: json.dumps(b).encode())))
def test_code_and_message_match_botocore_json_parser_when_only_type_names_the_error(
    status: int, body: bytes
) -> None:
    # The json protocol reads only ``__type``; bodies naming the code twice are rest-json only.
    try:
        decoded = json.loads(body)
    except ValueError:
        decoded = {}
    if isinstance(decoded, dict) and ("code" in decoded or "Code" in decoded):
        body = json.dumps({k: v for k, v in decoded.items() if k not in ("code", "Code")}).encode()
    parsed = JSONParser().parse({"status_code": status, "headers": {}, "body": body}, None)

    ours = error_details(status, {}, body)

    assert (ours.code, ours.message) == (parsed["Error"]["Code"], parsed["Error"]["Message"])
