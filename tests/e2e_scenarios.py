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
import io
import json
import zipfile
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
    unchecked: Mapping[str, str] = field(default_factory=dict)
    """Top-level input member -> why a value moto gave breaks the pages' constraints: a
    call passing it goes through a generated client with validation off."""
    as_text: Mapping[str, str] = field(default_factory=dict)
    """Top-level input member -> why our model reads it as a string where botocore has a
    number or a list (the pages give no Type line): the generated client gets the same
    wire text (the number as text; a one-element list as its element), boto3 the value."""
    setup: Callable[[Callable[[str], Any]], Any] | None = None
    """Run before each pass with a boto3 client factory (resources of other services);
    what it returns is the result ``setup`` for the steps."""


TOKENS = frozenset({"NextToken", "nextToken", "NextMarker", "Marker", "PaginationToken"})
"""Next-page tokens: moto draws some at random (compared by presence and type)."""


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
            "PutItem",
            {
                "TableName": "music",
                "Item": {
                    **_item(21),
                    "blobs": {"BS": [b64(b"\x00\xff"), b64(b"abc")]},
                    "big": {"N": "12345678901234567890.123456789"},
                    "empty": {"L": []},
                },
                "ReturnConsumedCapacity": "TOTAL",
                "ReturnItemCollectionMetrics": "SIZE",
            },
            label="PutItem:sets",
        ),
        call(
            "UpdateItem",
            {
                "TableName": "music",
                "Key": {"artist": {"S": "band"}, "song": {"N": "21"}},
                "UpdateExpression": "ADD tags :t, plays :n REMOVE #m SET #title = :title",
                "ExpressionAttributeNames": {"#m": "meta", "#title": "title"},
                "ExpressionAttributeValues": {
                    ":t": {"SS": ["jazz"]},
                    ":n": {"N": "5"},
                    ":title": {"S": "Ünïcödé ✓"},
                },
                "ReturnValues": "ALL_NEW",
                "ReturnConsumedCapacity": "INDEXES",
            },
            label="UpdateItem:sets",
        ),
        call(
            "Query",
            {
                "TableName": "music",
                "KeyConditionExpression": "artist = :a AND song BETWEEN :lo AND :hi",
                "ExpressionAttributeValues": {
                    ":a": {"S": "band"},
                    ":lo": {"N": "3"},
                    ":hi": {"N": "9"},
                },
                "ScanIndexForward": False,
                "ProjectionExpression": "song, #t, cover",
                "ExpressionAttributeNames": {"#t": "title"},
                "ConsistentRead": True,
                "ReturnConsumedCapacity": "TOTAL",
            },
            label="Query:desc",
        ),
        call(
            "Query",
            {
                "TableName": "music",
                "KeyConditionExpression": "artist = :a",
                "ExpressionAttributeValues": {":a": {"S": "band"}},
                "Select": "COUNT",
            },
            label="Query:count",
        ),
        call(
            "Scan", {"TableName": "music", "Segment": 0, "TotalSegments": 2}, label="Scan:segment"
        ),
        fails(
            "GetItem",
            {"TableName": "music", "Key": {"artist": {"S": "band"}}},
            "ValidationException",
        ),
        fails(
            "TransactWriteItems",
            {
                "TransactItems": [
                    {
                        "ConditionCheck": {
                            "TableName": "music",
                            "Key": KEY7,
                            "ConditionExpression": "attribute_not_exists(artist)",
                        }
                    },
                    {"Put": {"TableName": "music", "Item": _item(31)}},
                ]
            },
            "TransactionCanceledException",
        ),
        call(
            "BatchWriteItem",
            {
                "RequestItems": {
                    "music": [
                        {"DeleteRequest": {"Key": {"artist": {"S": "band"}, "song": {"N": "19"}}}},
                        {"PutRequest": {"Item": _item(32)}},
                    ]
                },
                "ReturnConsumedCapacity": "TOTAL",
            },
            label="BatchWriteItem:mixed",
        ),
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
        pages("ListTagsOfResource", {"ResourceArn": TABLE_ARN}),
        call("UntagResource", {"ResourceArn": TABLE_ARN, "TagKeys": ["team", "missing"]}),
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
            "CreateBackup", {"TableName": "music", "BackupName": "weekly"}, label="CreateBackup:2"
        ),
        pages("ListBackups", {"TableName": "music", "Limit": 1}),
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
    ddb.create_table(**{**MUSIC, "TableName": "audit"})


def _stream_arn(r: Mapping[str, Any]) -> str:
    return str(r["ListStreams"]["Streams"][0]["StreamArn"])


STREAMS = Scenario(
    steps=(
        call("ListStreams", {"TableName": "events"}),
        call("ListStreams", {"Limit": 5}, label="ListStreams:all"),
        pages("ListStreams", {"Limit": 1}),
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
        pages("ListTags", {"ResourceName": DAX_ARN}),
        call("UntagResource", {"ResourceName": DAX_ARN, "TagKeys": ["env"]}),
        call("DeleteCluster", {"ClusterName": "cache-2"}),
        fails("DeleteCluster", {"ClusterName": "cache-9"}, "ClusterNotFoundFault"),
    ),
    volatile=frozenset({"NodeId", "Address", "SecurityGroupIdentifier"}),
)

SCENARIOS["dynamodbstreams"] = STREAMS
SCENARIOS["dax"] = DAX


# ---------------------------------------------------------------------------------------
# EFS: mount targets in moto's default VPC.


def _default_network(boto: Callable[[str], Any]) -> dict[str, Any]:
    ec2 = boto("ec2")
    subnets = sorted(s["SubnetId"] for s in ec2.describe_subnets()["Subnets"])
    groups = ec2.describe_security_groups(GroupNames=["default"])["SecurityGroups"]
    return {"subnets": subnets, "group": groups[0]["GroupId"]}


def _fs(r: Mapping[str, Any]) -> str:
    return str(r["CreateFileSystem"]["FileSystemId"])


def _mt(r: Mapping[str, Any]) -> str:
    return str(r["CreateMountTarget"]["MountTargetId"])


EFS_POLICY = json.dumps(
    {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Effect": "Allow",
                "Principal": {"AWS": "*"},
                "Action": ["elasticfilesystem:ClientMount"],
                "Resource": "*",
            }
        ],
    }
)

EFS = Scenario(
    steps=(
        call(
            "CreateFileSystem",
            {
                "CreationToken": "home-dirs",
                "PerformanceMode": "generalPurpose",
                "Encrypted": True,
                "ThroughputMode": "bursting",
                "Tags": [{"Key": "Name", "Value": "home"}],
            },
        ),
        call(
            "CreateFileSystem",
            {
                "CreationToken": "scratch",
                "ThroughputMode": "provisioned",
                "ProvisionedThroughputInMibps": 64.0,
            },
            label="CreateFileSystem:scratch",
        ),
        fails("CreateFileSystem", {"CreationToken": "home-dirs"}, "FileSystemAlreadyExists"),
        call(
            "CreateFileSystem",
            {
                "CreationToken": "team a/ä+b=c&d;e%f?g#h",
                "Tags": [{"Key": "cost center:a/b=c+d@é", "Value": "ü"}],
            },
            label="CreateFileSystem:odd-token",
        ),
        call(
            "DescribeFileSystems",
            {"CreationToken": "team a/ä+b=c&d;e%f?g#h"},
            label="DescribeFileSystems:odd-token",
        ),
        call("DescribeFileSystems", lambda r: {"FileSystemId": _fs(r)}),
        call(
            "DescribeFileSystems", {"CreationToken": "scratch"}, label="DescribeFileSystems:token"
        ),
        pages("DescribeFileSystems", {"MaxItems": 1}),
        fails("DescribeFileSystems", {"FileSystemId": "fs-00000000"}, "FileSystemNotFound"),
        call(
            "CreateMountTarget",
            lambda r: {
                "FileSystemId": _fs(r),
                "SubnetId": r["setup"]["subnets"][0],
                "SecurityGroups": [r["setup"]["group"]],
            },
        ),
        call("DescribeMountTargets", lambda r: {"FileSystemId": _fs(r)}),
        call(
            "DescribeMountTargets",
            lambda r: {"MountTargetId": _mt(r)},
            label="DescribeMountTargets:id",
        ),
        call("DescribeMountTargetSecurityGroups", lambda r: {"MountTargetId": _mt(r)}),
        call(
            "CreateMountTarget",
            lambda r: {"FileSystemId": _fs(r), "SubnetId": r["setup"]["subnets"][1]},
            label="CreateMountTarget:2",
        ),
        pages("DescribeMountTargets", lambda r: {"FileSystemId": _fs(r), "MaxItems": 1}),
        call(
            "ModifyMountTargetSecurityGroups",
            lambda r: {"MountTargetId": _mt(r), "SecurityGroups": [r["setup"]["group"]]},
        ),
        fails(
            "DescribeMountTargetSecurityGroups",
            {"MountTargetId": "fsmt-00000000"},
            "MountTargetNotFound",
        ),
        call(
            "CreateAccessPoint",
            lambda r: {
                "ClientToken": "ap-home-1",
                "FileSystemId": _fs(r),
                "PosixUser": {"Uid": 1000, "Gid": 1000, "SecondaryGids": [27]},
                "RootDirectory": {
                    "Path": "/home",
                    "CreationInfo": {"OwnerUid": 1000, "OwnerGid": 1000, "Permissions": "750"},
                },
                "Tags": [{"Key": "Name", "Value": "home-ap"}],
            },
        ),
        call("DescribeAccessPoints", lambda r: {"FileSystemId": _fs(r)}),
        call(
            "CreateAccessPoint",
            lambda r: {"FileSystemId": _fs(r), "RootDirectory": {"Path": "/shared"}},
            label="CreateAccessPoint:2",
        ),
        pages("DescribeAccessPoints", lambda r: {"FileSystemId": _fs(r), "MaxResults": 1}),
        call(
            "DescribeAccessPoints",
            lambda r: {"AccessPointId": r["CreateAccessPoint"]["AccessPointId"]},
            label="DescribeAccessPoints:id",
        ),
        fails("DescribeBackupPolicy", lambda r: {"FileSystemId": _fs(r)}, "PolicyNotFound"),
        call(
            "PutLifecycleConfiguration",
            lambda r: {
                "FileSystemId": _fs(r),
                "LifecyclePolicies": [{"TransitionToIA": "AFTER_30_DAYS"}],
            },
        ),
        call("DescribeLifecycleConfiguration", lambda r: {"FileSystemId": _fs(r)}),
        fails(
            "DescribeFileSystemPolicy",
            lambda r: {"FileSystemId": _fs(r)},
            "PolicyNotFound",
            label="DescribeFileSystemPolicy:none",
        ),
        call("PutFileSystemPolicy", lambda r: {"FileSystemId": _fs(r), "Policy": EFS_POLICY}),
        call("DescribeFileSystemPolicy", lambda r: {"FileSystemId": _fs(r)}),
        call(
            "TagResource",
            lambda r: {"ResourceId": _fs(r), "Tags": [{"Key": "team", "Value": "infra"}]},
        ),
        call("ListTagsForResource", lambda r: {"ResourceId": _fs(r)}),
        pages("ListTagsForResource", lambda r: {"ResourceId": _fs(r), "MaxResults": 1}),
        call("UntagResource", lambda r: {"ResourceId": _fs(r), "TagKeys": ["team", "Name"]}),
        call(
            "ListTagsForResource",
            lambda r: {"ResourceId": _fs(r)},
            label="ListTagsForResource:after",
        ),
        call(
            "DeleteAccessPoint",
            lambda r: {"AccessPointId": r["CreateAccessPoint"]["AccessPointId"]},
        ),
        call("DeleteMountTarget", lambda r: {"MountTargetId": _mt(r)}),
        call(
            "DeleteFileSystem",
            lambda r: {"FileSystemId": r["CreateFileSystem:scratch"]["FileSystemId"]},
        ),
        fails("DeleteFileSystem", {"FileSystemId": "fs-00000000"}, "FileSystemNotFound"),
    ),
    volatile=frozenset(
        {
            "FileSystemId",
            "FileSystemArn",
            "MountTargetId",
            "AccessPointId",
            "AccessPointArn",
            "NetworkInterfaceId",
            "IpAddress",
            "SubnetId",
            "AvailabilityZoneId",
            "AvailabilityZoneName",
            "VpcId",
            "Resource",
            "Policy",
            "ClientToken",
            "SecurityGroups",
        }
    ),
    setup=_default_network,
)

SCENARIOS["efs"] = EFS


# ---------------------------------------------------------------------------------------
# Lambda


def _zip(source: str) -> str:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        info = zipfile.ZipInfo("handler.py", date_time=(2020, 1, 1, 0, 0, 0))
        archive.writestr(info, source)
    return b64(buffer.getvalue())


HANDLER = _zip("def handler(event, context):\n    return event\n")
HANDLER_2 = _zip("def handler(event, context):\n    return {'v': 2}\n")
LAMBDA_ROLE = f"arn:aws:iam::{ACCOUNT}:role/lambda-role"
QUEUE_ARN = f"arn:aws:sqs:{REGION}:{ACCOUNT}:jobs"
FN_ARN = f"arn:aws:lambda:{REGION}:{ACCOUNT}:function:resize"


def _lambda_world(boto: Callable[[str], Any]) -> None:
    boto("iam").create_role(
        RoleName="lambda-role",
        AssumeRolePolicyDocument=json.dumps(
            {
                "Version": "2012-10-17",
                "Statement": [
                    {
                        "Effect": "Allow",
                        "Principal": {"Service": "lambda.amazonaws.com"},
                        "Action": "sts:AssumeRole",
                    }
                ],
            }
        ),
    )
    boto("sqs").create_queue(QueueName="jobs")


def _esm(r: Mapping[str, Any]) -> str:
    return str(r["CreateEventSourceMapping"]["UUID"])


LAMBDA = Scenario(
    steps=(
        call(
            "CreateFunction",
            {
                "FunctionName": "resize",
                "Runtime": "python3.9",
                "Role": LAMBDA_ROLE,
                "Handler": "handler.handler",
                "Code": {"ZipFile": HANDLER},
                "Description": "resizes images",
                "Timeout": 30,
                "MemorySize": 256,
                "Publish": False,
                "Environment": {"Variables": {"BUCKET": "images"}},
                "Tags": {"team": "media"},
            },
        ),
        call(
            "CreateFunction",
            {
                "FunctionName": "thumbs",
                "Runtime": "python3.9",
                "Role": LAMBDA_ROLE,
                "Handler": "handler.handler",
                "Code": {"ZipFile": HANDLER},
            },
            label="CreateFunction:thumbs",
        ),
        fails(
            "CreateFunction",
            {
                "FunctionName": "resize",
                "Runtime": "python3.9",
                "Role": LAMBDA_ROLE,
                "Handler": "handler.handler",
                "Code": {"ZipFile": HANDLER},
            },
            "ResourceConflictException",
        ),
        call("GetFunction", {"FunctionName": "resize"}),
        fails("GetFunction", {"FunctionName": "missing"}, "ResourceNotFoundException"),
        call("GetFunctionConfiguration", {"FunctionName": "resize"}),
        call("ListFunctions"),
        pages("ListFunctions", {"MaxItems": 1}),
        call(
            "UpdateFunctionConfiguration",
            {"FunctionName": "resize", "Timeout": 60, "Description": "resizes images, v2"},
        ),
        call("UpdateFunctionCode", {"FunctionName": "resize", "ZipFile": HANDLER_2}),
        call("PublishVersion", {"FunctionName": "resize", "Description": "first"}),
        call("ListVersionsByFunction", {"FunctionName": "resize"}),
        pages("ListVersionsByFunction", {"FunctionName": "resize", "MaxItems": 1}),
        call(
            "CreateAlias",
            {
                "FunctionName": "resize",
                "Name": "live",
                "FunctionVersion": "1",
                "Description": "production",
            },
        ),
        call("GetAlias", {"FunctionName": "resize", "Name": "live"}),
        call("UpdateAlias", {"FunctionName": "resize", "Name": "live", "Description": "prod"}),
        call("ListAliases", {"FunctionName": "resize"}),
        call(
            "CreateAlias",
            {"FunctionName": "resize", "Name": "canary", "FunctionVersion": "$LATEST"},
            label="CreateAlias:canary",
        ),
        pages("ListAliases", {"FunctionName": "resize", "MaxItems": 1}),
        call(
            "Invoke",
            {
                "FunctionName": "resize",
                "Payload": b64(b'{"size": 128}'),
                "InvocationType": "RequestResponse",
                "LogType": "None",
            },
        ),
        call(
            "Invoke",
            {
                "FunctionName": "resize",
                "Qualifier": "live",
                "InvocationType": "RequestResponse",
                "LogType": "Tail",
                "ClientContext": b64(json.dumps({"custom": {"app": "gallery"}}).encode()),
                "Payload": b64(json.dumps({"size": 64, "name": "ä.png"}).encode()),
            },
            label="Invoke:alias",
        ),
        call(
            "Invoke",
            {"FunctionName": "resize", "InvocationType": "Event", "Payload": b64(b"{}")},
            label="Invoke:event",
        ),
        call(
            "Invoke",
            {"FunctionName": FN_ARN, "InvocationType": "DryRun"},
            label="Invoke:dry-run",
        ),
        call("GetFunction", {"FunctionName": "resize", "Qualifier": "1"}, label="GetFunction:1"),
        call(
            "GetFunctionConfiguration",
            {"FunctionName": FN_ARN + ":live"},
            label="GetFunctionConfiguration:arn",
        ),
        call(
            "ListFunctions",
            {"FunctionVersion": "ALL", "MasterRegion": "ALL"},
            label="ListFunctions:all",
        ),
        fails("GetAlias", {"FunctionName": "resize", "Name": "gone"}, "ResourceNotFoundException"),
        call("InvokeAsync", {"FunctionName": "resize", "InvokeArgs": b64(b'{"size": 64}')}),
        call(
            "AddPermission",
            {
                "FunctionName": "resize",
                "StatementId": "s3-invoke",
                "Action": "lambda:InvokeFunction",
                "Principal": "s3.amazonaws.com",
                "SourceArn": "arn:aws:s3:::images",
            },
        ),
        call("GetPolicy", {"FunctionName": "resize"}),
        call("RemovePermission", {"FunctionName": "resize", "StatementId": "s3-invoke"}),
        call(
            "PutFunctionConcurrency", {"FunctionName": "resize", "ReservedConcurrentExecutions": 5}
        ),
        call("GetFunctionConcurrency", {"FunctionName": "resize"}),
        call("DeleteFunctionConcurrency", {"FunctionName": "resize"}),
        call("GetFunctionCodeSigningConfig", {"FunctionName": "resize"}),
        call(
            "CreateFunctionUrlConfig",
            {
                "FunctionName": "resize",
                "AuthType": "AWS_IAM",
                "Cors": {"AllowOrigins": ["https://example.com"], "MaxAge": 300},
            },
        ),
        call("GetFunctionUrlConfig", {"FunctionName": "resize"}),
        call("UpdateFunctionUrlConfig", {"FunctionName": "resize", "AuthType": "NONE"}),
        call("DeleteFunctionUrlConfig", {"FunctionName": "resize"}),
        call(
            "PutFunctionEventInvokeConfig",
            {"FunctionName": "resize", "MaximumRetryAttempts": 1, "MaximumEventAgeInSeconds": 3600},
        ),
        call("GetFunctionEventInvokeConfig", {"FunctionName": "resize"}),
        call(
            "UpdateFunctionEventInvokeConfig", {"FunctionName": "resize", "MaximumRetryAttempts": 2}
        ),
        call("ListFunctionEventInvokeConfigs", {"FunctionName": "resize"}),
        pages("ListFunctionEventInvokeConfigs", {"FunctionName": "resize", "MaxItems": 1}),
        call("DeleteFunctionEventInvokeConfig", {"FunctionName": "resize"}),
        call(
            "CreateEventSourceMapping",
            {"EventSourceArn": QUEUE_ARN, "FunctionName": "resize", "BatchSize": 5},
        ),
        call("GetEventSourceMapping", lambda r: {"UUID": _esm(r)}),
        call("ListEventSourceMappings", {"FunctionName": "resize"}),
        pages("ListEventSourceMappings", {"FunctionName": "resize", "MaxItems": 1}),
        call("UpdateEventSourceMapping", lambda r: {"UUID": _esm(r), "BatchSize": 8}),
        call("DeleteEventSourceMapping", lambda r: {"UUID": _esm(r)}),
        call(
            "PublishLayerVersion",
            {
                "LayerName": "pillow",
                "Description": "imaging library",
                "Content": {"ZipFile": HANDLER},
                "CompatibleRuntimes": ["python3.9"],
                "LicenseInfo": "MIT",
            },
        ),
        call("ListLayers"),
        call("ListLayerVersions", {"LayerName": "pillow"}),
        call(
            "PublishLayerVersion",
            {"LayerName": "pillow", "Content": {"ZipFile": HANDLER_2}},
            label="PublishLayerVersion:2",
        ),
        pages("ListLayers", {"MaxItems": 1}),
        pages("ListLayerVersions", {"LayerName": "pillow", "MaxItems": 1}),
        call("GetLayerVersion", {"LayerName": "pillow", "VersionNumber": 1}),
        call(
            "AddLayerVersionPermission",
            {
                "LayerName": "pillow",
                "VersionNumber": 1,
                "StatementId": "everyone",
                "Action": "lambda:GetLayerVersion",
                "Principal": "*",
            },
        ),
        call("GetLayerVersionPolicy", {"LayerName": "pillow", "VersionNumber": 1}),
        call(
            "RemoveLayerVersionPermission",
            {"LayerName": "pillow", "VersionNumber": 1, "StatementId": "everyone"},
        ),
        call("DeleteLayerVersion", {"LayerName": "pillow", "VersionNumber": 1}),
        call("TagResource", {"Resource": FN_ARN, "Tags": {"env": "test"}}),
        call("ListTags", {"Resource": FN_ARN}),
        call("UntagResource", {"Resource": FN_ARN, "TagKeys": ["env"]}),
        call("DeleteAlias", {"FunctionName": "resize", "Name": "live"}),
        call("DeleteFunction", {"FunctionName": "thumbs"}),
        fails(
            "DeleteFunction",
            {"FunctionName": "thumbs"},
            "ResourceNotFoundException",
            label="DeleteFunction:again",
        ),
    ),
    volatile=frozenset(
        {
            "RevisionId",
            "UUID",
            "LastModified",
            "Location",
            "FunctionUrl",
            "CreationTime",
            "LastModifiedTime",
            "CreatedDate",
            "StateReasonCode",
        }
    ),
    as_text={
        "VersionNumber": "API_GetLayerVersion.md:21 (and the other layer-version pages) give "
        "no Type line for the URI label: we read a string, botocore a long",
    },
    setup=_lambda_world,
)

SCENARIOS["lambda"] = LAMBDA


# ---------------------------------------------------------------------------------------
# SageMaker (both publications of the pages: steps for operations a model lacks are skipped)

SM_ROLE = f"arn:aws:iam::{ACCOUNT}:role/sagemaker-role"
IMAGE = f"{ACCOUNT}.dkr.ecr.{REGION}.amazonaws.com/xgboost:latest"
TRAINING = {
    "RoleArn": SM_ROLE,
    "AlgorithmSpecification": {"TrainingImage": IMAGE, "TrainingInputMode": "File"},
    "InputDataConfig": [
        {
            "ChannelName": "train",
            "DataSource": {
                "S3DataSource": {
                    "S3DataType": "S3Prefix",
                    "S3Uri": "s3://ml-data/train/",
                    "S3DataDistributionType": "FullyReplicated",
                }
            },
            "ContentType": "text/csv",
        }
    ],
    "OutputDataConfig": {"S3OutputPath": "s3://ml-data/out/"},
    "ResourceConfig": {"InstanceType": "ml.m5.large", "InstanceCount": 1, "VolumeSizeInGB": 10},
    "StoppingCondition": {"MaxRuntimeInSeconds": 3600},
    "HyperParameters": {"max_depth": "5", "eta": "0.2"},
}
MODEL_ARN = f"arn:aws:sagemaker:{REGION}:{ACCOUNT}:model/churn"

SAGEMAKER = Scenario(
    steps=(
        call(
            "CreateTrainingJob",
            {"TrainingJobName": "churn-1", **TRAINING, "Tags": [{"Key": "team", "Value": "ml"}]},
        ),
        call(
            "CreateTrainingJob",
            {"TrainingJobName": "churn-2", **TRAINING},
            label="CreateTrainingJob:2",
        ),
        call("DescribeTrainingJob", {"TrainingJobName": "churn-1"}),
        fails("DescribeTrainingJob", {"TrainingJobName": "nope"}, "ValidationException"),
        call("ListTrainingJobs", {"SortBy": "Name", "SortOrder": "Ascending"}),
        pages("ListTrainingJobs", {"MaxResults": 1, "SortBy": "Name"}),
        call(
            "CreateHyperParameterTuningJob",
            {
                "HyperParameterTuningJobName": "churn-tuning",
                "HyperParameterTuningJobConfig": {
                    "Strategy": "Bayesian",
                    "HyperParameterTuningJobObjective": {
                        "Type": "Maximize",
                        "MetricName": "validation:auc",
                    },
                    "ResourceLimits": {"MaxNumberOfTrainingJobs": 4, "MaxParallelTrainingJobs": 2},
                    "ParameterRanges": {
                        "IntegerParameterRanges": [
                            {"Name": "max_depth", "MinValue": "3", "MaxValue": "9"}
                        ],
                        "ContinuousParameterRanges": [
                            {"Name": "eta", "MinValue": "0.1", "MaxValue": "0.5"}
                        ],
                    },
                },
                "TrainingJobDefinition": {
                    "StaticHyperParameters": {"objective": "binary:logistic"},
                    "AlgorithmSpecification": {
                        "TrainingImage": IMAGE,
                        "TrainingInputMode": "File",
                        "MetricDefinitions": [
                            {"Name": "validation:auc", "Regex": "auc: ([0-9.]+)"}
                        ],
                    },
                    "RoleArn": SM_ROLE,
                    "InputDataConfig": TRAINING["InputDataConfig"],
                    "OutputDataConfig": TRAINING["OutputDataConfig"],
                    "ResourceConfig": TRAINING["ResourceConfig"],
                    "StoppingCondition": TRAINING["StoppingCondition"],
                },
            },
        ),
        call("DescribeHyperParameterTuningJob", {"HyperParameterTuningJobName": "churn-tuning"}),
        call("ListHyperParameterTuningJobs", {"MaxResults": 10}),
        pages("ListHyperParameterTuningJobs", {"MaxResults": 1}),
        call(
            "CreateModel",
            {
                "ModelName": "churn",
                "PrimaryContainer": {
                    "Image": IMAGE,
                    "ModelDataUrl": "s3://ml-data/out/model.tar.gz",
                    "Environment": {"MODE": "batch"},
                },
                "ExecutionRoleArn": SM_ROLE,
            },
        ),
        call("DescribeModel", {"ModelName": "churn"}),
        fails("DescribeModel", {"ModelName": "nope"}, "ValidationException"),
        call("ListModels", {"NameContains": "churn"}),
        pages("ListModels", {"MaxResults": 1}),
        call(
            "CreateEndpointConfig",
            {
                "EndpointConfigName": "churn-config",
                "ProductionVariants": [
                    {
                        "VariantName": "main",
                        "ModelName": "churn",
                        "InitialInstanceCount": 1,
                        "InstanceType": "ml.m5.large",
                        "InitialVariantWeight": 1.0,
                    }
                ],
            },
        ),
        call("DescribeEndpointConfig", {"EndpointConfigName": "churn-config"}),
        call("ListEndpointConfigs"),
        pages("ListEndpointConfigs", {"MaxResults": 1}),
        call("CreateEndpoint", {"EndpointName": "churn", "EndpointConfigName": "churn-config"}),
        call("DescribeEndpoint", {"EndpointName": "churn"}),
        call("ListEndpoints", {"StatusEquals": "InService"}),
        pages("ListEndpoints", {"MaxResults": 1}),
        call(
            "UpdateEndpointWeightsAndCapacities",
            {
                "EndpointName": "churn",
                "DesiredWeightsAndCapacities": [{"VariantName": "main", "DesiredWeight": 2.0}],
            },
        ),
        call(
            "CreateTransformJob",
            {
                "TransformJobName": "churn-batch",
                "ModelName": "churn",
                "TransformInput": {
                    "DataSource": {
                        "S3DataSource": {"S3DataType": "S3Prefix", "S3Uri": "s3://ml-data/batch/"}
                    },
                    "ContentType": "text/csv",
                },
                "TransformOutput": {"S3OutputPath": "s3://ml-data/batch-out/"},
                "TransformResources": {"InstanceType": "ml.m5.large", "InstanceCount": 1},
            },
        ),
        call("DescribeTransformJob", {"TransformJobName": "churn-batch"}),
        call("ListTransformJobs"),
        pages("ListTransformJobs", {"MaxResults": 1}),
        call(
            "CreateCompilationJob",
            {
                "CompilationJobName": "churn-neo",
                "RoleArn": SM_ROLE,
                "InputConfig": {
                    "S3Uri": "s3://ml-data/out/model.tar.gz",
                    "DataInputConfig": '{"data": [1, 10]}',
                    "Framework": "XGBOOST",
                },
                "OutputConfig": {"S3OutputLocation": "s3://ml-data/neo/", "TargetDevice": "ml_m5"},
                "StoppingCondition": {"MaxRuntimeInSeconds": 900},
            },
        ),
        call("DescribeCompilationJob", {"CompilationJobName": "churn-neo"}),
        call("ListCompilationJobs"),
        pages("ListCompilationJobs", {"MaxResults": 1}),
        call(
            "CreateModelPackage",
            {
                "ModelPackageName": "churn-package",
                "ModelPackageDescription": "churn model",
                "InferenceSpecification": {
                    "Containers": [
                        {"Image": IMAGE, "ModelDataUrl": "s3://ml-data/out/model.tar.gz"}
                    ],
                    "SupportedContentTypes": ["text/csv"],
                    "SupportedResponseMIMETypes": ["text/csv"],
                    "SupportedRealtimeInferenceInstanceTypes": ["ml.m5.large"],
                    "SupportedTransformInstanceTypes": ["ml.m5.large"],
                },
                "CertifyForMarketplace": False,
            },
        ),
        call("DescribeModelPackage", {"ModelPackageName": "churn-package"}),
        call("ListModelPackages"),
        pages("ListModelPackages", {"MaxResults": 1}),
        call(
            "CreateNotebookInstanceLifecycleConfig",
            {
                "NotebookInstanceLifecycleConfigName": "setup",
                "OnCreate": [{"Content": b64(b"#!/bin/bash\necho hello\n")}],
            },
        ),
        call(
            "DescribeNotebookInstanceLifecycleConfig",
            {"NotebookInstanceLifecycleConfigName": "setup"},
        ),
        call(
            "CreateNotebookInstance",
            {
                "NotebookInstanceName": "lab",
                "InstanceType": "ml.t2.medium",
                "RoleArn": SM_ROLE,
                "LifecycleConfigName": "setup",
                "Tags": [{"Key": "team", "Value": "ml"}],
            },
        ),
        call("DescribeNotebookInstance", {"NotebookInstanceName": "lab"}),
        call("ListNotebookInstances"),
        pages("ListNotebookInstances", {"MaxResults": 1}),
        call("StopNotebookInstance", {"NotebookInstanceName": "lab"}),
        call("StartNotebookInstance", {"NotebookInstanceName": "lab"}),
        call("AddTags", {"ResourceArn": MODEL_ARN, "Tags": [{"Key": "stage", "Value": "dev"}]}),
        call("ListTags", {"ResourceArn": MODEL_ARN}),
        pages("ListTags", {"ResourceArn": MODEL_ARN, "MaxResults": 50}),
        call("DeleteTags", {"ResourceArn": MODEL_ARN, "TagKeys": ["stage"]}),
        call(
            "Search",
            {
                "Resource": "TrainingJob",
                "SearchExpression": {
                    "Filters": [
                        {"Name": "TrainingJobName", "Operator": "Equals", "Value": "churn-1"}
                    ]
                },
            },
        ),
        pages(
            "Search",
            {
                "Resource": "TrainingJob",
                "SearchExpression": {
                    "Filters": [
                        {"Name": "TrainingJobName", "Operator": "Contains", "Value": "churn"}
                    ]
                },
                "MaxResults": 1,
            },
        ),
        call("StopNotebookInstance", {"NotebookInstanceName": "lab"}, label="Stop:again"),
        call("DeleteNotebookInstance", {"NotebookInstanceName": "lab"}),
        call(
            "DeleteNotebookInstanceLifecycleConfig",
            {"NotebookInstanceLifecycleConfigName": "setup"},
        ),
        call("DeleteEndpoint", {"EndpointName": "churn"}),
        call("DeleteEndpointConfig", {"EndpointConfigName": "churn-config"}),
        call("DeleteModel", {"ModelName": "churn"}),
        fails(
            "DeleteModel", {"ModelName": "churn"}, "ValidationException", label="DeleteModel:again"
        ),
    ),
    volatile=frozenset({"NotebookInstanceLifecycleConfigArn"}),
)

SCENARIOS["sagemaker"] = SAGEMAKER


# ---------------------------------------------------------------------------------------
# SageMaker Runtime: moto answers InvokeEndpoint with a canned body, whatever the endpoint.

SAGEMAKER_RUNTIME = Scenario(
    steps=(
        call(
            "InvokeEndpoint",
            {
                "EndpointName": "churn",
                "Body": b64(b"5.1,3.5,1.4,0.2\n"),
                "ContentType": "text/csv",
                "Accept": "application/json",
            },
        ),
    ),
)

SCENARIOS["sagemaker-runtime"] = SAGEMAKER_RUNTIME


# ---------------------------------------------------------------------------------------
# Comprehend

CM_ROLE = f"arn:aws:iam::{ACCOUNT}:role/comprehend-access"
CM = f"arn:aws:comprehend:{REGION}:{ACCOUNT}"
CM_IN = {"S3Uri": "s3://reviews/in/", "InputFormat": "ONE_DOC_PER_LINE"}
CM_OUT = {"S3Uri": "s3://reviews/out/"}
CLASSIFIER_ARN = f"{CM}:document-classifier/reviews"
RECOGNIZER_ARN = f"{CM}:entity-recognizer/products"
REVIEW = "I bought the Contoso X200 blender in Seattle. It is loud but works great."


def _classifier(r: Mapping[str, Any]) -> dict[str, Any]:
    return {"DocumentClassifierArn": r["CreateDocumentClassifier"]["DocumentClassifierArn"]}


def _classifier_resource(r: Mapping[str, Any]) -> dict[str, Any]:
    return {"ResourceArn": r["CreateDocumentClassifier"]["DocumentClassifierArn"]}


def _recognizer(r: Mapping[str, Any]) -> dict[str, Any]:
    return {"EntityRecognizerArn": r["CreateEntityRecognizer"]["EntityRecognizerArn"]}


def _endpoint(r: Mapping[str, Any]) -> dict[str, Any]:
    return {"EndpointArn": r["CreateEndpoint"]["EndpointArn"]}


def _job_steps(kind: str, extra: Params, stop: bool = True) -> tuple[Step, ...]:
    """Start, describe, list and (where the API has it) stop one job of a kind."""
    job = f"Start{kind}Job"

    def start(r: Mapping[str, Any]) -> dict[str, Any]:
        return {
            "JobName": f"{kind.lower()}-1",
            "InputDataConfig": CM_IN,
            "OutputDataConfig": CM_OUT,
            "DataAccessRoleArn": CM_ROLE,
            **(extra(r) if callable(extra) else extra),
        }

    def job_id(r: Mapping[str, Any]) -> dict[str, Any]:
        return {"JobId": r[job]["JobId"]}

    steps = [
        call(job, start),
        call(f"Describe{kind}Job", job_id),
        call(f"List{kind}Jobs", {"Filter": {"JobName": f"{kind.lower()}-1"}}),
        pages(f"List{kind}Jobs", {"MaxResults": 1}),
    ]
    if stop:
        steps.append(call(f"Stop{kind}Job", job_id))
    return tuple(steps)


COMPREHEND = Scenario(
    steps=(
        call("DetectSentiment", {"Text": REVIEW, "LanguageCode": "en"}),
        call("DetectKeyPhrases", {"Text": REVIEW, "LanguageCode": "en"}),
        call("DetectPiiEntities", {"Text": "Call Jane at 555-0100.", "LanguageCode": "en"}),
        fails(
            "DetectSentiment",
            {"Text": "x" * 5001, "LanguageCode": "en"},
            "TextSizeLimitExceededException",
        ),
        call(
            "CreateDocumentClassifier",
            {
                "DocumentClassifierName": "reviews",
                "DataAccessRoleArn": CM_ROLE,
                "InputDataConfig": {"S3Uri": "s3://reviews/train.csv"},
                "OutputDataConfig": {"S3Uri": "s3://reviews/model/"},
                "LanguageCode": "en",
                "Tags": [{"Key": "team", "Value": "nlp"}],
            },
        ),
        call("DescribeDocumentClassifier", _classifier),
        fails(
            "DescribeDocumentClassifier",
            {"DocumentClassifierArn": CLASSIFIER_ARN + "-x"},
            "ResourceNotFoundException",
        ),
        call("ListDocumentClassifiers", {"Filter": {"Status": "TRAINED"}}),
        pages("ListDocumentClassifiers", {"MaxResults": 1}),
        call("StopTrainingDocumentClassifier", _classifier),
        call(
            "CreateEntityRecognizer",
            {
                "RecognizerName": "products",
                "DataAccessRoleArn": CM_ROLE,
                "InputDataConfig": {
                    "EntityTypes": [{"Type": "PRODUCT"}],
                    "Documents": {"S3Uri": "s3://reviews/docs.txt"},
                    "EntityList": {"S3Uri": "s3://reviews/products.csv"},
                },
                "LanguageCode": "en",
            },
        ),
        call("DescribeEntityRecognizer", _recognizer),
        call("ListEntityRecognizers"),
        pages("ListEntityRecognizers", {"MaxResults": 1}),
        call("StopTrainingEntityRecognizer", _recognizer),
        call(
            "CreateEndpoint",
            lambda r: {
                "EndpointName": "reviews-live",
                "ModelArn": _classifier(r)["DocumentClassifierArn"],
                "DesiredInferenceUnits": 1,
            },
        ),
        call("DescribeEndpoint", _endpoint),
        call("ListEndpoints"),
        pages("ListEndpoints", {"MaxResults": 1}),
        call(
            "UpdateEndpoint",
            lambda r: {**_endpoint(r), "DesiredInferenceUnits": 2},
        ),
        call(
            "PutResourcePolicy",
            lambda r: {
                "ResourceArn": _classifier(r)["DocumentClassifierArn"],
                "ResourcePolicy": json.dumps(
                    {
                        "Version": "2012-10-17",
                        "Statement": [
                            {
                                "Effect": "Allow",
                                "Principal": {"AWS": f"arn:aws:iam::{ACCOUNT}:root"},
                                "Action": "comprehend:ImportModel",
                                "Resource": "*",
                            }
                        ],
                    }
                ),
            },
        ),
        call("DescribeResourcePolicy", _classifier_resource),
        call("DeleteResourcePolicy", _classifier_resource),
        call(
            "TagResource",
            lambda r: {**_classifier_resource(r), "Tags": [{"Key": "stage", "Value": "dev"}]},
        ),
        call("ListTagsForResource", _classifier_resource),
        call("UntagResource", lambda r: {**_classifier_resource(r), "TagKeys": ["stage"]}),
        *_job_steps("DocumentClassification", _classifier, stop=False),
        *_job_steps("DominantLanguageDetection", {}),
        *_job_steps("EntitiesDetection", {"LanguageCode": "en"}),
        *_job_steps(
            "EventsDetection", {"LanguageCode": "en", "TargetEventTypes": ["BANKRUPTCY", "IPO"]}
        ),
        *_job_steps("KeyPhrasesDetection", {"LanguageCode": "en"}),
        *_job_steps("PiiEntitiesDetection", {"LanguageCode": "en", "Mode": "ONLY_OFFSETS"}),
        *_job_steps("SentimentDetection", {"LanguageCode": "en"}),
        *_job_steps("TargetedSentimentDetection", {"LanguageCode": "en"}),
        *_job_steps("TopicsDetection", {"NumberOfTopics": 5}, stop=False),
        call("DeleteEndpoint", _endpoint),
        call("DeleteEntityRecognizer", _recognizer),
        call("DeleteDocumentClassifier", _classifier),
    ),
    volatile=frozenset({"JobId", "JobArn", "PolicyRevisionId"}),
    unchecked={
        "JobId": "moto's job ids are 36-character UUIDs; the pages (and botocore's model) "
        "say at most 32 characters, as AWS's are; boto3 does not check maximum lengths",
        "EndpointArn": "moto's endpoint ARNs (`...:endpoint/<name>/<model ARN>`) do not match "
        "the pattern the pages give (`...:document-classifier-endpoint/<name>`); boto3 does "
        "not check patterns",
    },
)

SCENARIOS["comprehend"] = COMPREHEND


# ---------------------------------------------------------------------------------------
# Textract

INVOICE = {"S3Object": {"Bucket": "scans", "Name": "invoices/2024-001.pdf"}}


def _textract_job(start: str) -> Callable[[Mapping[str, Any]], dict[str, Any]]:
    return lambda r: {"JobId": r[start]["JobId"], "MaxResults": 100}


TEXTRACT = Scenario(
    steps=(
        call("DetectDocumentText", {"Document": {"Bytes": b64(b"%PDF-1.4 invoice 2024-001")}}),
        call("DetectDocumentText", {"Document": INVOICE}, label="DetectDocumentText:s3"),
        call(
            "StartDocumentTextDetection",
            {
                "DocumentLocation": INVOICE,
                "ClientRequestToken": "invoice-2024-001",
                "JobTag": "invoices",
                "NotificationChannel": {
                    "SNSTopicArn": f"arn:aws:sns:{REGION}:{ACCOUNT}:textract",
                    "RoleArn": f"arn:aws:iam::{ACCOUNT}:role/textract-sns",
                },
            },
        ),
        call("GetDocumentTextDetection", _textract_job("StartDocumentTextDetection")),
        call(
            "StartDocumentAnalysis",
            {"DocumentLocation": INVOICE, "FeatureTypes": ["TABLES", "FORMS"]},
        ),
        call("GetDocumentAnalysis", _textract_job("StartDocumentAnalysis")),
        pages("GetDocumentAnalysis", _textract_job("StartDocumentAnalysis")),
        pages("GetDocumentTextDetection", _textract_job("StartDocumentTextDetection")),
        fails("GetDocumentAnalysis", {"JobId": "0" * 64}, "InvalidJobIdException"),
    ),
    volatile=frozenset({"JobId"}),
    setup=lambda boto: boto("sns").create_topic(Name="textract"),
)

SCENARIOS["textract"] = TEXTRACT


# ---------------------------------------------------------------------------------------
# Transcribe

MEDIA = {"MediaFileUri": "s3://calls/2024/call-001.wav"}

TRANSCRIBE = Scenario(
    steps=(
        call(
            "CreateVocabulary",
            {
                "VocabularyName": "products",
                "LanguageCode": "en-US",
                "Phrases": ["Contoso", "X200", "blender"],
            },
        ),
        fails(
            "CreateVocabulary",
            {"VocabularyName": "products", "LanguageCode": "en-US", "Phrases": ["again"]},
            "ConflictException",
        ),
        call("GetVocabulary", {"VocabularyName": "products"}),
        call("ListVocabularies", {"NameContains": "prod"}),
        call(
            "CreateMedicalVocabulary",
            {
                "VocabularyName": "cardiology",
                "LanguageCode": "en-US",
                "VocabularyFileUri": "s3://calls/vocab/cardiology.txt",
            },
        ),
        call("GetMedicalVocabulary", {"VocabularyName": "cardiology"}),
        call("ListMedicalVocabularies"),
        pages("ListMedicalVocabularies", {"MaxResults": 1}),
        pages("ListVocabularies", {"MaxResults": 1}),
        call(
            "StartTranscriptionJob",
            {
                "TranscriptionJobName": "call-001",
                "LanguageCode": "en-US",
                "MediaSampleRateHertz": 8000,
                "MediaFormat": "wav",
                "Media": MEDIA,
                "OutputBucketName": "transcripts",
                "Settings": {
                    "VocabularyName": "products",
                    "ShowSpeakerLabels": True,
                    "MaxSpeakerLabels": 2,
                },
            },
        ),
        call(
            "StartTranscriptionJob",
            {"TranscriptionJobName": "call-002", "LanguageCode": "en-US", "Media": MEDIA},
            label="StartTranscriptionJob:2",
        ),
        call("GetTranscriptionJob", {"TranscriptionJobName": "call-001"}),
        fails("GetTranscriptionJob", {"TranscriptionJobName": "nope"}, "BadRequestException"),
        call("ListTranscriptionJobs", {"JobNameContains": "call"}),
        pages("ListTranscriptionJobs", {"MaxResults": 1}),
        call(
            "StartMedicalTranscriptionJob",
            {
                "MedicalTranscriptionJobName": "visit-001",
                "LanguageCode": "en-US",
                "MediaFormat": "wav",
                "Media": MEDIA,
                "OutputBucketName": "transcripts",
                "Specialty": "PRIMARYCARE",
                "Type": "CONVERSATION",
            },
        ),
        call("GetMedicalTranscriptionJob", {"MedicalTranscriptionJobName": "visit-001"}),
        call("ListMedicalTranscriptionJobs", {"JobNameContains": "visit"}),
        pages("ListMedicalTranscriptionJobs", {"MaxResults": 1}),
        call("DeleteMedicalTranscriptionJob", {"MedicalTranscriptionJobName": "visit-001"}),
        call("DeleteTranscriptionJob", {"TranscriptionJobName": "call-002"}),
        call("DeleteMedicalVocabulary", {"VocabularyName": "cardiology"}),
        call("DeleteVocabulary", {"VocabularyName": "products"}),
        fails(
            "DeleteVocabulary",
            {"VocabularyName": "products"},
            "BadRequestException",
            label="DeleteVocabulary:again",
        ),
    ),
    volatile=frozenset({"TranscriptFileUri", "DownloadUri"}),
)

SCENARIOS["transcribe"] = TRANSCRIBE


# ---------------------------------------------------------------------------------------
# Lex V2 model building

LEX_ROLE = (
    f"arn:aws:iam::{ACCOUNT}:role/aws-service-role/lexv2.amazonaws.com/AWSServiceRoleForLexV2Bots"
)
LEX_POLICY = json.dumps(
    {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Effect": "Allow",
                "Principal": {"Service": "lexv2.amazonaws.com"},
                "Action": "lex:RecognizeText",
                "Resource": "*",
            }
        ],
    }
)


def _bot(r: Mapping[str, Any]) -> dict[str, Any]:
    return {"botId": r["CreateBot"]["botId"]}


def _alias(r: Mapping[str, Any]) -> dict[str, Any]:
    return {**_bot(r), "botAliasId": r["CreateBotAlias"]["botAliasId"]}


def _bot_arn(r: Mapping[str, Any]) -> str:
    return f"arn:aws:lex:{REGION}:{ACCOUNT}:bot/{r['CreateBot']['botId']}"


LEXV2_MODELS = Scenario(
    steps=(
        call(
            "CreateBot",
            {
                "botName": "OrderFlowers",
                "description": "Orders flowers",
                "roleArn": LEX_ROLE,
                "dataPrivacy": {"childDirected": False},
                "idleSessionTTLInSeconds": 300,
                "botTags": {"team": "retail"},
            },
        ),
        call(
            "CreateBot",
            {
                "botName": "BookTrip",
                "roleArn": LEX_ROLE,
                "dataPrivacy": {"childDirected": False},
                "idleSessionTTLInSeconds": 600,
            },
            label="CreateBot:2",
        ),
        call("DescribeBot", _bot),
        call(
            "UpdateBot",
            lambda r: {
                **_bot(r),
                "botName": "OrderFlowers",
                "description": "Orders flowers and plants",
                "roleArn": LEX_ROLE,
                "dataPrivacy": {"childDirected": False},
                "idleSessionTTLInSeconds": 600,
            },
        ),
        call("ListBots", {"sortBy": {"attribute": "BotName", "order": "Ascending"}}),
        pages("ListBots", {"maxResults": 1}),
        call(
            "CreateBotAlias",
            lambda r: {
                **_bot(r),
                "botAliasName": "prod",
                "description": "production",
                "botVersion": "1",
                "sentimentAnalysisSettings": {"detectSentiment": True},
                "tags": {"stage": "prod"},
            },
        ),
        call("DescribeBotAlias", _alias),
        call(
            "UpdateBotAlias",
            lambda r: {
                **_alias(r),
                "botAliasName": "prod",
                "description": "production, v2",
                "botVersion": "1",
            },
        ),
        call("ListBotAliases", lambda r: {**_bot(r), "maxResults": 10}),
        pages("ListBotAliases", lambda r: {**_bot(r), "maxResults": 1}),
        call("CreateResourcePolicy", lambda r: {"resourceArn": _bot_arn(r), "policy": LEX_POLICY}),
        call("DescribeResourcePolicy", lambda r: {"resourceArn": _bot_arn(r)}),
        call(
            "UpdateResourcePolicy",
            lambda r: {
                "resourceArn": _bot_arn(r),
                "policy": LEX_POLICY,
                "expectedRevisionId": r["CreateResourcePolicy"]["revisionId"],
            },
        ),
        call(
            "DeleteResourcePolicy",
            lambda r: {
                "resourceArn": _bot_arn(r),
                "expectedRevisionId": r["UpdateResourcePolicy"]["revisionId"],
            },
        ),
        call(
            "TagResource",
            lambda r: {"resourceARN": _bot_arn(r), "tags": {"env": "dev", "owner": "a,b c"}},
        ),
        call("ListTagsForResource", lambda r: {"resourceARN": _bot_arn(r)}),
        call("UntagResource", lambda r: {"resourceARN": _bot_arn(r), "tagKeys": ["env", "owner"]}),
        call("DeleteBotAlias", lambda r: {**_alias(r), "skipResourceInUseCheck": True}),
        call("DeleteBot", lambda r: {"botId": r["CreateBot:2"]["botId"]}),
    ),
    volatile=frozenset({"botId", "botAliasId", "revisionId", "resourceArn"}),
    unchecked={
        "botId": "moto's bot ids are 36-character UUIDs; the pages (and botocore's model) say "
        "10 characters, as AWS's are; boto3 does not check maximum lengths",
        "expectedRevisionId": "moto's policy revision ids are 36-character UUIDs; the pages "
        "(and botocore's model) say at most 5 characters",
    },
)

SCENARIOS["lexv2-models"] = LEXV2_MODELS
