"""A boto3 user's first calls work: structures given as dicts with wire names (as keyword
arguments or the whole request), a keyword argument spelled as on the wire gets a
TypeError naming the right one, and a parameter whose type the docs leave unstated takes
the natural Python values botocore writes as text there."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import pytest
from pages import member, operation_page, type_page
from test_client_wire import fake_client, pages_package

SYNTAX = """POST /things/Name?dryRun=DryRun HTTP/1.1
X-Trace: Trace
Content-type: application/json

{
   "Image": {
      "Name": "string",
      "Size": number
   },
   "Tags": [
      {
         "Key": "string",
         "Value": "string"
      }
   ],
   "Labels": {
      "string" : {
         "Key": "string",
         "Value": "string"
      }
   }
}"""

PAGES = {
    "PutThing": operation_page(
        "PutThing",
        SYNTAX,
        [
            member("Name", "Length Constraints: Minimum length of 1\\.", "Required: Yes"),
            member("DryRun", description="Checks the request without acting on it\\."),
            member("Trace", description="A trace identifier\\."),
            '## Request Body<a name="API_PutThing_RequestBody"></a>\n',
            member("Image", "Type: [Image](API_Image.md) object", "Required: No"),
            member("Tags", "Type: Array of [Tag](API_Tag.md) objects", "Required: No"),
            member("Labels", "Type: String to [Tag](API_Tag.md) object map", "Required: No"),
        ],
        request_title="URI Request Parameters",
    ),
    "Image": type_page(
        "Image",
        member(
            "Name", "Type: String", "Length Constraints: Maximum length of 8\\.", "Required: Yes"
        ),
        member("Size", "Type: Integer", "Required: No"),
    ),
    "Tag": type_page(
        "Tag",
        member("Key", "Type: String", "Required: Yes"),
        member("Value", "Type: String", "Required: Yes"),
    ),
}


@pytest.fixture(scope="module")
def pkg(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    yield from pages_package(tmp_path_factory.mktemp("boto3_habits"), PAGES, "habits")


def _client(pkg: Any) -> tuple[Any, Any]:
    return fake_client(pkg)


def _sent(transport: Any) -> tuple[str, dict[str, str], dict[str, Any], dict[str, str]]:
    request = transport.requests[-1]
    url = urlsplit(request.url)
    headers = {k.lower(): v for k, v in request.headers.items()}
    return url.path, dict(parse_qsl(url.query)), json.loads(request.body or b"{}"), headers


def test_structures_given_as_wire_dicts_send_what_objects_send(pkg: Any) -> None:
    shapes = pkg.shapes
    client, transport = _client(pkg)
    client.put_thing(
        name="n",
        image=shapes.Image(name="cat", size=3),
        tags=[shapes.Tag(key="k", value="v")],
        labels={"a": shapes.Tag(key="x", value="y")},
    )
    as_objects = _sent(transport)
    client.put_thing(
        name="n",
        image={"Name": "cat", "Size": 3},
        tags=[{"Key": "k", "Value": "v"}],
        labels={"a": {"Key": "x", "Value": "y"}},
    )
    assert _sent(transport) == as_objects
    client.put_thing(
        {
            "Name": "n",
            "Image": {"Name": "cat", "Size": 3},
            "Tags": [{"Key": "k", "Value": "v"}],
            "Labels": {"a": {"Key": "x", "Value": "y"}},
        }
    )
    assert _sent(transport) == as_objects
    assert as_objects[2] == {
        "Image": {"Name": "cat", "Size": 3},
        "Tags": [{"Key": "k", "Value": "v"}],
        "Labels": {"a": {"Key": "x", "Value": "y"}},
    }


def test_a_wire_dict_is_checked_as_from_dict_checks_it(pkg: Any) -> None:
    client, transport = _client(pkg)
    with pytest.raises(pkg.ValidationError) as raised:
        client.put_thing(name="n", image={"Name": "far too long", "Colour": "red"})
    message = str(raised.value)
    assert "image.Colour: unknown member" in message and "image.name: length" in message
    with pytest.raises(pkg.ValidationError):
        client.put_thing(name="n", tags=[{"Key": "k"}])  # Value is required
    with pytest.raises(pkg.ValidationError):
        client.put_thing({"Name": "n", "Image": "cat"})
    assert transport.requests == []


def test_a_keyword_spelled_as_on_the_wire_is_named_in_the_type_error(pkg: Any) -> None:
    client, _ = _client(pkg)
    for wrong in ("Image", "image_", "IMAGE", "dryRun", "DryRun"):
        with pytest.raises(TypeError) as raised:
            client.put_thing(name="n", **{wrong: None})
        right = "dry_run" if wrong.lower() == "dryrun" else "image"
        assert f"did you mean {right}=" in str(raised.value), str(raised.value)
    with pytest.raises(TypeError) as raised:
        client.put_thing(name="n", colour="red")
    assert "'colour'" in str(raised.value) and "did you mean" not in str(raised.value)


@pytest.mark.parametrize(
    ("value", "text"), [(True, "true"), (False, "false"), (5, "5"), ("yes", "yes")]
)
def test_a_parameter_of_unstated_type_takes_natural_values(
    pkg: Any, value: object, text: str
) -> None:
    client, transport = _client(pkg)
    client.put_thing(name="n", dry_run=value, trace=value)
    _, query, _, headers = _sent(transport)
    assert query == {"dryRun": text}
    assert headers["x-trace"] == text
    with pytest.raises(pkg.ValidationError):
        client.put_thing(name="n", dry_run=1.5)


def test_stated_types_stay_strict(pkg: Any) -> None:
    client, _ = _client(pkg)
    with pytest.raises(pkg.ValidationError):
        client.put_thing(name=5)  # the page states nothing, but a length: text
