"""End to end: the DynamoDB client generated from the 2017-style pages of
../shared/corpus/dynamodb with no codegen.toml, against moto's server on 127.0.0.1, beside
boto3 doing the same calls on the same server.

A real workload: create a table, batch write, put/get/update/delete with condition
expressions, query and scan page by page, a failed condition as a typed error. Every
response the generated client parses is compared with boto3's for the same call.
"""

from __future__ import annotations

import base64
import sys
from collections.abc import Iterator
from typing import Any

import pytest
from test_client_wire import CORPUS, write_client_package
from test_e2e_moto import endpoint, moto_endpoint  # noqa: F401  (fixtures)

boto3 = pytest.importorskip("boto3")

PACKAGE = "e2e_dynamodb"
TABLE = "music"


@pytest.fixture(scope="module")
def ddb(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """The generated package (DynamoDB's service of the corpus), built with no settings."""
    docs = CORPUS / "dynamodb" / "docs"
    if not docs.is_dir():
        pytest.skip("no dynamodb corpus at ../shared/corpus")
    from codegen.model.build import build_model

    model = build_model(docs)  # no codegen.toml: settings come from the shipped AWS table
    (service,) = [s for s in model.services if s.uid == "dynamodb-2012-08-10"]
    root = tmp_path_factory.mktemp("e2e_dynamodb")
    write_client_package(service, root, PACKAGE)
    sys.path.insert(0, str(root))
    yield __import__(PACKAGE, fromlist=["client", "shapes", "errors"])
    sys.path.remove(str(root))


def _clients(ddb: Any, url: str) -> tuple[Any, Any]:
    ours = ddb.client.Client(
        "us-east-1", endpoint_url=url, access_key="testing", secret_key="testing"
    )
    theirs = boto3.client(
        "dynamodb",
        region_name="us-east-1",
        endpoint_url=url,
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
    )
    return ours, theirs


def _item(ddb: Any, n: int) -> dict[str, Any]:
    """An item of every attribute type, in wire form."""
    return {
        "artist": {"S": "band"},
        "song": {"N": str(n)},
        "title": {"S": f"song {n}"},
        "plays": {"N": str(n * 10)},
        "live": {"BOOL": n % 2 == 0},
        "tags": {"SS": ["rock", f"t{n}"]},
        "scores": {"NS": ["1", "2.5"]},
        "meta": {"M": {"year": {"N": "1999"}, "none": {"NULL": True}}},
        "takes": {"L": [{"S": "a"}, {"N": "1"}]},
        "cover": {"B": base64.b64encode(bytes([n % 256, 1, 2])).decode()},
    }


def _wire(ddb: Any, item: dict[str, Any]) -> dict[str, Any]:
    return {k: ddb.shapes.AttributeValue.from_dict(v) for k, v in item.items()}


def _boto(item: dict[str, Any]) -> dict[str, Any]:
    """boto3 takes and gives blobs as bytes, the wire as base64."""

    def one(value: dict[str, Any]) -> dict[str, Any]:
        ((kind, inner),) = value.items()
        if kind == "B":
            return {"B": base64.b64decode(inner)}
        if kind == "M":
            return {"M": {k: one(v) for k, v in inner.items()}}
        if kind == "L":
            return {"L": [one(v) for v in inner]}
        return {kind: inner}

    return {k: one(v) for k, v in item.items()}


def _as_boto(response: Any) -> dict[str, Any]:
    """A generated response in boto3's form (wire names, blobs as bytes, no metadata)."""
    data: dict[str, Any] = response.to_dict()
    for key in ("Item", "Attributes"):
        if key in data:
            data[key] = _boto(data[key])
    if "Items" in data:
        data["Items"] = [_boto(i) for i in data["Items"]]
    return data


def _same(ours: Any, theirs: dict[str, Any]) -> None:
    theirs = {k: v for k, v in theirs.items() if k != "ResponseMetadata"}
    assert _as_boto(ours) == theirs


def _create_table(client: Any, ddb: Any) -> Any:
    shapes = ddb.shapes
    return client.create_table(
        table_name=TABLE,
        attribute_definitions=[
            shapes.AttributeDefinition(attribute_name="artist", attribute_type="S"),
            shapes.AttributeDefinition(attribute_name="song", attribute_type="N"),
        ],
        key_schema=[
            shapes.KeySchemaElement(attribute_name="artist", key_type="HASH"),
            shapes.KeySchemaElement(attribute_name="song", key_type="RANGE"),
        ],
        provisioned_throughput=shapes.ProvisionedThroughput(
            read_capacity_units=5, write_capacity_units=5
        ),
    )


def test_a_dynamodb_workload_gives_what_boto3_gives(ddb: Any, endpoint: str) -> None:  # noqa: F811
    ours, theirs = _clients(ddb, endpoint)
    created = _create_table(ours, ddb)
    assert created.table_description.table_status == "ACTIVE"
    assert theirs.describe_table(TableName=TABLE)["Table"]["KeySchema"] == [
        {"AttributeName": "artist", "KeyType": "HASH"},
        {"AttributeName": "song", "KeyType": "RANGE"},
    ]
    # Batch write 25 items (DynamoDB's batch limit), then one by one.
    requests = [
        ddb.shapes.WriteRequest(put_request=ddb.shapes.PutRequest(item=_wire(ddb, _item(ddb, n))))
        for n in range(25)
    ]
    batch = ours.batch_write_item(request_items={TABLE: requests})
    assert not batch.unprocessed_items
    for n in range(25, 40):
        ours.put_item(table_name=TABLE, item=_wire(ddb, _item(ddb, n)))
    key = {"artist": {"S": "band"}, "song": {"N": "7"}}
    _same(
        ours.get_item(table_name=TABLE, key=_wire(ddb, key), consistent_read=True),
        theirs.get_item(TableName=TABLE, Key=_boto(key), ConsistentRead=True),
    )
    assert _as_boto(ours.get_item(table_name=TABLE, key=_wire(ddb, key)))["Item"] == _boto(
        _item(ddb, 7)
    )
    # Update with a condition that holds; the new values come back.
    updated = ours.update_item(
        table_name=TABLE,
        key=_wire(ddb, key),
        update_expression="SET plays = plays + :one",
        condition_expression="attribute_exists(artist)",
        expression_attribute_values=_wire(ddb, {":one": {"N": "1"}}),
        return_values="UPDATED_NEW",
    )
    assert updated.to_dict()["Attributes"] == {"plays": {"N": "71"}}
    # A condition that fails is a typed error with the service's code and status.
    with pytest.raises(ddb.errors.ConditionalCheckFailedException) as failed:
        ours.put_item(
            table_name=TABLE,
            item=_wire(ddb, _item(ddb, 7)),
            condition_expression="attribute_not_exists(artist)",
        )
    assert (failed.value.code, failed.value.http_status) == ("ConditionalCheckFailedException", 400)
    with pytest.raises(theirs.exceptions.ConditionalCheckFailedException):
        theirs.put_item(
            TableName=TABLE,
            Item=_boto(_item(ddb, 7)),
            ConditionExpression="attribute_not_exists(artist)",
        )
    # Query and scan page by page, with the same pages as boto3.
    query = {"key_condition_expression": "artist = :a", "limit": 9}
    values = {":a": {"S": "band"}}
    our_pages = list(
        ours.paginate_query(
            table_name=TABLE, expression_attribute_values=_wire(ddb, values), **query
        )
    )
    their_pages = list(
        theirs.get_paginator("query").paginate(
            TableName=TABLE,
            KeyConditionExpression="artist = :a",
            ExpressionAttributeValues=_boto(values),
            PaginationConfig={"PageSize": 9},
        )
    )
    assert len(our_pages) == len(their_pages) >= 5
    for mine, boto_page in zip(our_pages, their_pages):
        _same(mine, boto_page)
    scanned = list(ours.scan_items(table_name=TABLE, limit=11))
    assert len(scanned) == 40
    assert sorted(int(i["song"].n) for i in scanned) == list(range(40))
    # Delete with a condition, returning the old item.
    deleted = ours.delete_item(
        table_name=TABLE,
        key=_wire(ddb, key),
        condition_expression="plays > :zero",
        expression_attribute_values=_wire(ddb, {":zero": {"N": "0"}}),
        return_values="ALL_OLD",
    )
    assert _as_boto(deleted)["Attributes"]["plays"] == {"N": "71"}
    assert theirs.get_item(TableName=TABLE, Key=_boto(key)).get("Item") is None
    assert "Item" not in ours.get_item(table_name=TABLE, key=_wire(ddb, key)).to_dict()


def test_the_client_needed_no_settings(ddb: Any) -> None:
    # The pages state neither: the AWS service table the generator ships does.
    config = ddb.client.Client._SERVICE
    assert (config.target_prefix, config.json_version) == ("DynamoDB_20120810", "1.0")
