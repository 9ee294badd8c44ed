"""A JSON service's request dict, given as boto3 takes it, is checked in one pass and sent
as its own body: no request objects are built, and what goes on the wire is what the
objects would have sent. Where that could differ (a timestamp: epoch seconds with a
fraction are sent whole) or where the client must name problems or only warn, the
request goes through objects as before."""

from __future__ import annotations

import base64
import json
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pages import member, operation_page, type_page
from test_client_wire import fake_client, pages_package

PUT_SYNTAX = """{
   "ClientToken": "string",
   "Data": blob,
   "Kind": "string",
   "Name": "string",
   "Tags": [
      {
         "Key": "string",
         "Value": "string"
      }
   ]
}"""

SCHEDULE_SYNTAX = """{
   "At": number,
   "Name": "string"
}"""

PAGES = {
    "PutRecord": operation_page(
        "PutRecord",
        PUT_SYNTAX,
        [
            member(
                "ClientToken",
                "Type: String",
                "Required: No",
                description="A unique identifier for the request, for idempotency\\.",
            ),
            member("Data", "Type: Base64\\-encoded binary data object", "Required: No"),
            member("Kind", "Type: String", "Valid Values:` A | B`", "Required: No"),
            member(
                "Name",
                "Type: String",
                "Length Constraints: Maximum length of 8\\.",
                "Required: Yes",
            ),
            member("Tags", "Type: Array of [Tag](API_Tag.md) objects", "Required: No"),
        ],
    ),
    "Schedule": operation_page(
        "Schedule",
        SCHEDULE_SYNTAX,
        [
            member("At", "Type: Timestamp", "Required: Yes"),
            member("Name", "Type: String", "Required: Yes"),
        ],
    ),
    "Tag": type_page(
        "Tag",
        member("Key", "Type: String", "Required: Yes"),
        member("Value", "Type: String", "Required: Yes"),
    ),
}


@pytest.fixture(scope="module")
def pkg(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    yield from pages_package(tmp_path_factory.mktemp("request_dict_sent"), PAGES, "dictsent")


def _client(pkg: Any, validation: str | None = None) -> tuple[Any, Any]:
    return fake_client(pkg, validation=validation)


def _body(transport: Any) -> Any:
    return json.loads(transport.requests[-1].body)


def no_objects(cls: Any, data: Any) -> Any:
    """Stands in for ``_parse``: fails the test if the client builds a request object."""
    raise AssertionError("a request object was built")


REQUEST = {
    "ClientToken": "token-1",
    "Name": "rec",
    "Kind": "A",
    "Data": b"\x00\xffbytes",
    "Tags": [{"Key": "k", "Value": "v"}],
}


def test_a_valid_request_dict_is_its_body_and_builds_no_objects(
    pkg: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    client, transport = _client(pkg)
    shapes = pkg.shapes
    client.put_record(
        client_token="token-1",
        name="rec",
        kind="A",
        data=b"\x00\xffbytes",
        tags=[shapes.Tag(key="k", value="v")],
    )
    as_objects = _body(transport)

    monkeypatch.setattr(shapes.PutRecordRequest, "_parse", classmethod(no_objects))
    monkeypatch.setattr(shapes.Tag, "_parse", classmethod(no_objects))
    client.put_record(REQUEST)
    assert _body(transport) == as_objects
    assert as_objects["Data"] == base64.b64encode(b"\x00\xffbytes").decode()
    assert as_objects["Tags"] == [{"Key": "k", "Value": "v"}]


def test_keyword_arguments_holding_dicts_are_sent_as_given_too(
    pkg: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    # put_item(table_name=..., item={...}) as a DynamoDB user writes it: the keywords
    # make a request dict that, once checked, is the body.
    client, transport = _client(pkg)
    client.put_record(name="rec", tags=[pkg.shapes.Tag(key="k", value="v")])
    as_objects = _body(transport)

    monkeypatch.setattr(pkg.shapes.PutRecordRequest, "_parse", classmethod(no_objects))
    client.put_record(name="rec", tags=[{"Key": "k", "Value": "v"}])
    assert {k: v for k, v in _body(transport).items() if k != "ClientToken"} == {
        k: v for k, v in as_objects.items() if k != "ClientToken"
    }
    with pytest.raises(TypeError, match="did you mean"):
        client.put_record(Name="rec", tags=[{"Key": "k", "Value": "v"}])


def test_a_missing_idempotency_token_is_filled_in_a_copy(pkg: Any) -> None:
    client, transport = _client(pkg)
    request = {"Name": "rec"}
    client.put_record(request)
    token = _body(transport)["ClientToken"]
    assert len(token) == 36 and request == {"Name": "rec"}
    assert pkg.shapes.PutRecordRequest._WIRE_AS_GIVEN


@pytest.mark.parametrize(
    ("bad", "problem"),
    [
        ({"Name": "far too long"}, "name: length must be <= 8"),
        ({"Name": "rec", "Colour": "red"}, "Colour: unknown member"),
        ({"Name": "rec", "Kind": None}, "Kind: must not be None"),
        ({"Name": "rec", "Tags": [{"Key": "k"}]}, "tags[0].value: is required"),
        ({"Name": "rec", "Tags": [{"Key": "k", "Value": "v", "X": 1}]}, "tags[0].X: unknown"),
        ({"Name": "rec", "Data": "not base64!"}, "data: expected bytes"),
        ({"Kind": "A"}, "name: is required"),
    ],
)
def test_an_invalid_request_dict_is_refused_with_its_problems_named(
    pkg: Any, bad: dict[str, Any], problem: str
) -> None:
    client, transport = _client(pkg)
    with pytest.raises(pkg.ValidationError) as raised:
        client.put_record(bad)
    assert problem in str(raised.value)
    assert transport.requests == []


def test_a_request_holding_a_timestamp_goes_through_objects(pkg: Any) -> None:
    # Epoch seconds with a fraction are sent whole, as botocore sends them: the dict as
    # given would send the fraction.
    assert not pkg.shapes.ScheduleRequest._WIRE_AS_GIVEN
    client, transport = _client(pkg)
    client.schedule({"At": 1685620801.5, "Name": "n"})
    assert _body(transport) == {"At": 1685620801, "Name": "n"}


def test_warn_mode_sends_what_the_objects_send(pkg: Any) -> None:
    # Outside strict mode a dict with problems is sent after a warning, through objects:
    # an unknown member is left out, as before.
    client, transport = _client(pkg, validation="warn")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        client.put_record({"Name": "rec", "Colour": "red"})
    assert any("Colour: unknown member" in str(w.message) for w in caught)
    assert _body(transport)["Name"] == "rec" and "Colour" not in _body(transport)


def test_an_undocumented_enum_value_is_sent_with_a_warning_at_the_callers_line(
    pkg: Any,
) -> None:
    client, transport = _client(pkg)
    with pytest.warns(pkg.UnknownEnumValueWarning) as caught:
        client.put_record({"Name": "rec", "Kind": "C"})
    assert _body(transport)["Kind"] == "C"
    # The warning points at the call above, not into the generated package.
    assert [Path(w.filename).name for w in caught] == [Path(__file__).name]
    with pytest.warns(pkg.UnknownEnumValueWarning) as caught:
        pkg.shapes.PutRecordRequest(name="rec", kind="C")
    assert [Path(w.filename).name for w in caught] == [Path(__file__).name]


def test_the_one_pass_check_agrees_with_the_full_check_on_every_mutant(pkg: Any) -> None:
    """Each single-point change of a request (a leaf replaced by a bad value, a member
    removed, an unknown one added): the one-pass walk over the keys (``_check_request``)
    passes it exactly when the pass that names problems finds none."""
    from test_runtime_robustness import mutants

    core = pkg._core
    request_class = pkg.shapes.PutRecordRequest
    request = {**REQUEST, "Data": "AP9ieXRlcw=="}  # base64 text is a blob too
    count = disagreements = 0
    for changed in mutants(request):
        count += 1
        issues = core.Issues()
        parsed = request_class._parse(changed)
        if isinstance(parsed, request_class):
            core.request_problems(parsed, changed, "", issues)
            parsed._check("", issues, True)
        named = bool(issues.errors or issues.enum_values) or not isinstance(parsed, request_class)
        if core.passes(request_class, changed) == named:
            disagreements += 1
    assert count > 90
    assert disagreements == 0
