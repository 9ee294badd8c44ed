"""Realistic calls per service for tests/test_e2e_services.py, in wire form (the JSON the
service receives: member names as on the wire, blobs as base64 text, timestamps as epoch
seconds), in an order that makes each resource exist before it is described, listed,
changed or deleted.

A step's params may be a function of the earlier results of the same pass (by step key,
each in wire form) for ids the service draws at random. Each scenario lists the
operations moto implements that no step calls, with the reason, and the members whose
values moto draws afresh on each pass (compared by presence and type).
"""

from __future__ import annotations

import base64
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

Params = Mapping[str, Any] | Callable[[Mapping[str, Any]], Mapping[str, Any]]

ACCOUNT = "123456789012"
REGION = "us-east-1"


@dataclass(frozen=True)
class Step:
    op: str
    params: Params = field(default_factory=dict)
    label: str = ""
    pages: bool = False
    """Call the pagination helper and compare page by page."""
    error: str = ""
    """The error code both clients must get."""

    @property
    def key(self) -> str:
        return self.label or self.op


def call(op: str, params: Params | None = None, label: str = "") -> Step:
    return Step(op, params or {}, label=label)


def pages(op: str, params: Params | None = None, label: str = "") -> Step:
    return Step(op, params or {}, label=label or f"{op}:pages", pages=True)


def fails(op: str, params: Params, code: str, label: str = "") -> Step:
    return Step(op, params, label=label or f"{op}:{code}", error=code)


@dataclass(frozen=True)
class Scenario:
    steps: tuple[Step, ...] = ()
    not_called: Mapping[str, str] = field(default_factory=dict)
    """Operation moto implements -> why no step calls it."""
    volatile: frozenset[str] = frozenset()
    """Members moto fills with fresh random values on each pass."""
    known_differences: Mapping[str, str] = field(default_factory=dict)
    """Operation -> why its results differ (a fault outside the client: pages, moto)."""
    setup: Callable[[Callable[[str], Any]], None] | None = None
    """Run before each pass with a boto3 client factory (resources of other services)."""


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode()


# ---------------------------------------------------------------------------------------
# DynamoDB


def _item(n: int) -> dict[str, Any]:
    return {
        "artist": {"S": "band"},
        "song": {"N": str(n)},
        "title": {"S": f"song {n}"},
        "plays": {"N": str(n * 10)},
        "live": {"BOOL": n % 2 == 0},
        "tags": {"SS": ["rock", f"t{n}"]},
        "meta": {"M": {"year": {"N": "1999"}, "none": {"NULL": True}}},
        "takes": {"L": [{"S": "a"}, {"N": "1"}]},
        "cover": {"B": b64(bytes([n, 1, 2]))},
    }


MUSIC = {
    "TableName": "music",
    "AttributeDefinitions": [
        {"AttributeName": "artist", "AttributeType": "S"},
        {"AttributeName": "song", "AttributeType": "N"},
    ],
    "KeySchema": [
        {"AttributeName": "artist", "KeyType": "HASH"},
        {"AttributeName": "song", "KeyType": "RANGE"},
    ],
    "ProvisionedThroughput": {"ReadCapacityUnits": 5, "WriteCapacityUnits": 5},
    "StreamSpecification": {"StreamEnabled": True, "StreamViewType": "NEW_AND_OLD_IMAGES"},
}
KEY7 = {"artist": {"S": "band"}, "song": {"N": "7"}}
TABLE_ARN = f"arn:aws:dynamodb:{REGION}:{ACCOUNT}:table/music"

DYNAMODB = Scenario(
    steps=(
        call("CreateTable", MUSIC),
        call("CreateTable", {**MUSIC, "TableName": "albums"}, label="CreateTable:albums"),
        fails("CreateTable", MUSIC, "ResourceInUseException"),
        call("DescribeTable", {"TableName": "music"}),
        fails("DescribeTable", {"TableName": "nope"}, "ResourceNotFoundException"),
        call("ListTables"),
        pages("ListTables", {"Limit": 1}),
        call(
            "BatchWriteItem",
            {"RequestItems": {"music": [{"PutRequest": {"Item": _item(n)}} for n in range(20)]}},
        ),
        call("PutItem", {"TableName": "music", "Item": _item(20), "ReturnValues": "ALL_OLD"}),
        fails(
            "PutItem",
            {
                "TableName": "music",
                "Item": _item(7),
                "ConditionExpression": "attribute_not_exists(artist)",
            },
            "ConditionalCheckFailedException",
        ),
        call("GetItem", {"TableName": "music", "Key": KEY7, "ConsistentRead": True}),
        call(
            "BatchGetItem",
            {
                "RequestItems": {
                    "music": {
                        "Keys": [KEY7, {"artist": {"S": "band"}, "song": {"N": "8"}}],
                        "ProjectionExpression": "artist, song, title",
                    }
                }
            },
        ),
        call(
            "UpdateItem",
            {
                "TableName": "music",
                "Key": KEY7,
                "UpdateExpression": "SET plays = plays + :one",
                "ConditionExpression": "attribute_exists(artist)",
                "ExpressionAttributeValues": {":one": {"N": "1"}},
                "ReturnValues": "ALL_NEW",
            },
        ),
        call(
            "Query",
            {
                "TableName": "music",
                "KeyConditionExpression": "artist = :a AND song < :n",
                "ExpressionAttributeValues": {":a": {"S": "band"}, ":n": {"N": "5"}},
            },
        ),
        pages(
            "Query",
            {
                "TableName": "music",
                "KeyConditionExpression": "artist = :a",
                "ExpressionAttributeValues": {":a": {"S": "band"}},
                "Limit": 6,
            },
        ),
        call(
            "Scan",
            {
                "TableName": "music",
                "FilterExpression": "live = :t",
                "ExpressionAttributeValues": {":t": {"BOOL": True}},
            },
        ),
        pages("Scan", {"TableName": "music", "Limit": 7}),
        call(
            "TransactWriteItems",
            {
                "TransactItems": [
                    {"Put": {"TableName": "music", "Item": _item(30)}},
                    {
                        "Update": {
                            "TableName": "music",
                            "Key": KEY7,
                            "UpdateExpression": "SET title = :t",
                            "ExpressionAttributeValues": {":t": {"S": "renamed"}},
                        }
                    },
                ]
            },
        ),
        call(
            "TransactGetItems",
            {"TransactItems": [{"Get": {"TableName": "music", "Key": KEY7}}]},
        ),
        call(
            "ExecuteStatement",
            {
                "Statement": "SELECT * FROM music WHERE artist = ? AND song = ?",
                "Parameters": [{"S": "band"}, {"N": "7"}],
            },
        ),
        call(
            "BatchExecuteStatement",
            {
                "Statements": [
                    {
                        "Statement": "SELECT * FROM music WHERE artist = ? AND song = ?",
                        "Parameters": [{"S": "band"}, {"N": "8"}],
                    }
                ]
            },
        ),
        call(
            "ExecuteTransaction",
            {
                "TransactStatements": [
                    {
                        "Statement": "SELECT * FROM music WHERE artist = ? AND song = ?",
                        "Parameters": [{"S": "band"}, {"N": "9"}],
                    }
                ]
            },
        ),
        call(
            "DeleteItem",
            {
                "TableName": "music",
                "Key": KEY7,
                "ConditionExpression": "plays > :zero",
                "ExpressionAttributeValues": {":zero": {"N": "0"}},
                "ReturnValues": "ALL_OLD",
            },
        ),
        call(
            "UpdateTable",
            {
                "TableName": "music",
                "ProvisionedThroughput": {"ReadCapacityUnits": 10, "WriteCapacityUnits": 10},
            },
        ),
        call(
            "UpdateTimeToLive",
            {
                "TableName": "music",
                "TimeToLiveSpecification": {"Enabled": True, "AttributeName": "expires"},
            },
        ),
        call("DescribeTimeToLive", {"TableName": "music"}),
        call(
            "TagResource", {"ResourceArn": TABLE_ARN, "Tags": [{"Key": "team", "Value": "audio"}]}
        ),
        call("ListTagsOfResource", {"ResourceArn": TABLE_ARN}),
        call("UntagResource", {"ResourceArn": TABLE_ARN, "TagKeys": ["team"]}),
        call(
            "UpdateContinuousBackups",
            {
                "TableName": "music",
                "PointInTimeRecoverySpecification": {"PointInTimeRecoveryEnabled": True},
            },
        ),
        call("DescribeContinuousBackups", {"TableName": "music"}),
        call("CreateBackup", {"TableName": "music", "BackupName": "nightly"}),
        call("ListBackups", {"TableName": "music"}),
        call(
            "DescribeBackup",
            lambda r: {"BackupArn": r["CreateBackup"]["BackupDetails"]["BackupArn"]},
        ),
        call(
            "RestoreTableFromBackup",
            lambda r: {
                "TargetTableName": "restored",
                "BackupArn": r["CreateBackup"]["BackupDetails"]["BackupArn"],
            },
        ),
        call(
            "RestoreTableToPointInTime",
            {
                "SourceTableName": "music",
                "TargetTableName": "pitr",
                "UseLatestRestorableTime": True,
            },
        ),
        call(
            "DeleteBackup", lambda r: {"BackupArn": r["CreateBackup"]["BackupDetails"]["BackupArn"]}
        ),
        call("DescribeLimits"),
        call("DescribeEndpoints"),
        call("DeleteTable", {"TableName": "albums"}),
    ),
    not_called={},
    volatile=frozenset(
        {
            "TableId",
            "LatestStreamLabel",
            "LatestStreamArn",
            "StreamArn",
            "BackupArn",
            "SourceBackupArn",
        }
    ),
)

SCENARIOS: dict[str, Scenario] = {
    "dynamodb": DYNAMODB,
}


# ---------------------------------------------------------------------------------------
# DynamoDB Streams: a table with a stream, written to before each pass.


def _stream_table(boto: Callable[[str], Any]) -> None:
    ddb = boto("dynamodb")
    ddb.create_table(**{**MUSIC, "TableName": "events"})
    for n in range(3):
        item = {**_item(n), "cover": {"B": bytes([n, 1, 2])}}
        ddb.put_item(TableName="events", Item=item)
    ddb.delete_item(TableName="events", Key={"artist": {"S": "band"}, "song": {"N": "0"}})


def _stream_arn(r: Mapping[str, Any]) -> str:
    return str(r["ListStreams"]["Streams"][0]["StreamArn"])


STREAMS = Scenario(
    steps=(
        call("ListStreams", {"TableName": "events"}),
        call("ListStreams", {"Limit": 5}, label="ListStreams:all"),
        call("DescribeStream", lambda r: {"StreamArn": _stream_arn(r)}),
        call(
            "GetShardIterator",
            lambda r: {
                "StreamArn": _stream_arn(r),
                "ShardId": r["DescribeStream"]["StreamDescription"]["Shards"][0]["ShardId"],
                "ShardIteratorType": "TRIM_HORIZON",
            },
        ),
        call(
            "GetRecords",
            lambda r: {"ShardIterator": r["GetShardIterator"]["ShardIterator"], "Limit": 10},
        ),
        fails(
            "DescribeStream",
            {"StreamArn": TABLE_ARN.replace("music", "gone") + "/stream/2020-01-01T00:00:00.000"},
            "ResourceNotFoundException",
        ),
    ),
    volatile=frozenset(
        {
            "StreamArn",
            "StreamLabel",
            "ShardIterator",
            "NextShardIterator",
            "eventID",
            "SequenceNumber",
            "StartingSequenceNumber",
            "ShardId",
            # moto counts the random sequence number's digits in a record's size
            "SizeBytes",
        }
    ),
    setup=_stream_table,
)


# ---------------------------------------------------------------------------------------
# DAX

DAX_ROLE = f"arn:aws:iam::{ACCOUNT}:role/dax-access"
DAX_ARN = f"arn:aws:dax:{REGION}:{ACCOUNT}:cache/cache-1"

DAX = Scenario(
    steps=(
        call(
            "CreateCluster",
            {
                "ClusterName": "cache-1",
                "NodeType": "dax.r4.large",
                "ReplicationFactor": 3,
                "IamRoleArn": DAX_ROLE,
                "Description": "read cache for music",
                "Tags": [{"Key": "team", "Value": "audio"}],
            },
        ),
        call(
            "CreateCluster",
            {
                "ClusterName": "cache-2",
                "NodeType": "dax.t3.small",
                "ReplicationFactor": 1,
                "IamRoleArn": DAX_ROLE,
            },
            label="CreateCluster:2",
        ),
        fails(
            "CreateCluster",
            {
                "ClusterName": "Bad--Name",
                "NodeType": "dax.t3.small",
                "ReplicationFactor": 1,
                "IamRoleArn": DAX_ROLE,
            },
            "InvalidParameterValueException",
        ),
        call("DescribeClusters", {"ClusterNames": ["cache-1"]}),
        pages("DescribeClusters", {"MaxResults": 1}),
        fails("DescribeClusters", {"ClusterNames": ["missing"]}, "ClusterNotFoundFault"),
        call("IncreaseReplicationFactor", {"ClusterName": "cache-2", "NewReplicationFactor": 2}),
        call("DecreaseReplicationFactor", {"ClusterName": "cache-1", "NewReplicationFactor": 2}),
        call("TagResource", {"ResourceName": DAX_ARN, "Tags": [{"Key": "env", "Value": "prod"}]}),
        call("ListTags", {"ResourceName": DAX_ARN}),
        call("UntagResource", {"ResourceName": DAX_ARN, "TagKeys": ["env"]}),
        call("DeleteCluster", {"ClusterName": "cache-2"}),
        fails("DeleteCluster", {"ClusterName": "cache-9"}, "ClusterNotFoundFault"),
    ),
    volatile=frozenset({"NodeId", "Address", "SecurityGroupIdentifier"}),
)

SCENARIOS["dynamodbstreams"] = STREAMS
SCENARIOS["dax"] = DAX
