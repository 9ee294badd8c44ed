"""The whole call against boto3, HTTP replaced by a canned response on both sides.

Ours: the generated client with a transport that answers every request with a fresh
``HttpResponse`` of a fixed status, headers and body. boto3: a client whose ``before-send``
event handler answers with a fresh ``botocore.awsrequest.AWSResponse`` of the same status,
headers and body, so botocore skips urllib3 and nothing else. Both sides, per call:
take the caller's input, validate it (botocore's ``ParamValidator``, once; our one-pass
check), serialise the JSON body, sign with SigV4 (explicit credentials on both sides),
go through their retry machinery, parse the response JSON into dicts (boto3) or objects
(ours). Both clients use the corpus's own botocore model (the pages' vintage).

``check_same_work`` runs each case once per side outside the timing and asserts what
both sides did: a signed request, the same JSON body, the same parsed response.
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

REQUEST_ID = "c0ffee00-1234-5678-9abc-def012345678"
ACCESS_KEY, SECRET_KEY, REGION = (
    "AKIDEXAMPLE",
    "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
    "us-east-1",
)


def ddb_item(i: int = 0) -> dict[str, Any]:
    """A DynamoDB item of 20 attributes covering S, N, BOOL, SS, NS, M, L, NULL and B."""
    return {
        "pk": {"S": "customer#12345"},
        "sk": {"S": f"order#2019-06-01#{i:05d}"},
        "name": {"S": "Ada Lovelace"},
        "email": {"S": "ada@example.com"},
        "status": {"S": "SHIPPED"},
        "quantity": {"N": "3"},
        "total": {"N": "1234.56"},
        "discount": {"N": "-17.5"},
        "created": {"N": "1559347200"},
        "gift": {"BOOL": True},
        "express": {"BOOL": False},
        "tags": {"SS": ["books", "gift", "priority"]},
        "ratings": {"NS": ["4", "5", "3.5"]},
        "address": {
            "M": {
                "street": {"S": "12 St James's Square"},
                "city": {"S": "London"},
                "zip": {"S": "SW1Y 4LB"},
                "floor": {"N": "2"},
            }
        },
        "lines": {
            "L": [
                {"M": {"sku": {"S": "B-001"}, "qty": {"N": "1"}}},
                {"M": {"sku": {"S": "B-002"}, "qty": {"N": "2"}}},
                {"S": "note"},
            ]
        },
        "history": {"L": [{"S": "created"}, {"S": "paid"}, {"S": "shipped"}]},
        "returned": {"NULL": True},
        "coupon": {"NULL": True},
        "signature": {"B": b"\x89PNG\r\n\x1a\n" + bytes(range(40))},
        "version": {"N": "7"},
    }


def wire_item(item: dict[str, Any]) -> Any:
    """The item as JSON carries it (blobs base64), for canned response bodies."""
    import base64

    if isinstance(item, dict):
        return {
            k: (base64.b64encode(v).decode() if isinstance(v, bytes) else wire_item(v))
            for k, v in item.items()
        }
    if isinstance(item, list):
        return [wire_item(x) for x in item]
    return item


class Case:
    """One call: how each side makes it, and the canned response both get."""

    def __init__(
        self,
        name: str,
        ours: Callable[[], object],
        theirs: Callable[[], object],
        response_body: bytes,
    ) -> None:
        self.name, self.ours, self.theirs, self.response_body = name, ours, theirs, response_body


class CannedTransport:
    """Answers every request with a fresh response of a fixed status, headers and body
    (as the network would: a new object per call); keeps only the last request."""

    def __init__(self, response_class: Any, content_type: str) -> None:
        self.response_class = response_class
        self.content_type = content_type
        self.body = b"{}"
        self.last: Any = None

    def send(self, request: Any, timeout: float) -> Any:
        self.last = request
        headers = {
            "x-amzn-RequestId": REQUEST_ID,
            "Content-Type": self.content_type,
            "Content-Length": str(len(self.body)),
        }
        return self.response_class(200, headers, self.body)


class _Raw:
    __slots__ = ("body",)

    def __init__(self, body: bytes) -> None:
        self.body = body

    def stream(self, **kwargs: Any) -> Any:
        return iter((self.body,))


class CannedBoto:
    """A boto3 client whose ``before-send`` handler answers like ``CannedTransport``."""

    def __init__(self, client: Any, content_type: str) -> None:
        from botocore.awsrequest import AWSResponse

        self.client = client
        self.content_type = content_type
        self.body = b"{}"
        self.last: Any = None

        def answer(request: Any, **kwargs: Any) -> Any:
            self.last = request
            headers = {
                "x-amzn-RequestId": REQUEST_ID,
                "Content-Type": self.content_type,
                "Content-Length": str(len(self.body)),
            }
            return AWSResponse(request.url, 200, headers, _Raw(self.body))

        client.meta.events.register("before-send", answer)


def boto3_client(service: str, models: dict[str, dict[str, Any]], data_dir: Path) -> Any:
    """A boto3 client built from the corpus's model of ``service`` (``models`` by botocore's
    folder name, which is the service's name in boto3), written where botocore's loader
    looks first, with explicit credentials, as a user would make one."""
    import boto3
    import botocore.session

    model = models[service]
    meta = model["metadata"]
    if "serviceId" not in meta:  # older models lack it; botocore 1.43 needs it
        installed = botocore.session.Session().get_service_model(service).metadata
        model = {**model, "metadata": {**meta, "serviceId": installed["serviceId"]}}
    folder = data_dir / service / meta["apiVersion"]
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "service-2.json").write_text(json.dumps(model))
    # Set before the session's loader exists (its first use fixes its search path).
    core = botocore.session.Session()
    core.set_config_variable("data_path", str(data_dir))
    session = boto3.session.Session(
        aws_access_key_id=ACCESS_KEY,
        aws_secret_access_key=SECRET_KEY,
        region_name=REGION,
        botocore_session=core,
    )
    client = session.client(service)
    used = client.meta.service_model
    assert sorted(used.operation_names) == sorted(model["operations"]), "not the corpus model"
    return client


def response_class(package: Any) -> Any:
    import importlib

    return importlib.import_module(f"{package.__name__}._runtime.transport").HttpResponse


def our_client(package: Any, transport: Any) -> Any:
    return package.Client(REGION, access_key=ACCESS_KEY, secret_key=SECRET_KEY, transport=transport)


def sagemaker_cases(
    package: Any, models: dict[str, Any], data_dir: Path
) -> tuple[list[Case], CannedTransport, CannedBoto]:
    from bench.run import tuning_job_request

    shapes = package.shapes
    transport = CannedTransport(response_class(package), "application/x-amz-json-1.1")
    client = our_client(package, transport)
    boto = CannedBoto(boto3_client("sagemaker", models, data_dir), "application/x-amz-json-1.1")
    body = json.dumps(
        {
            "HyperParameterTuningJobArn": "arn:aws:sagemaker:us-east-1:123456789012:"
            "hyper-parameter-tuning-job/xgboost-tuning-2019"
        }
    ).encode()
    transport.body = boto.body = body
    params = tuning_job_request()
    request_class = shapes.CreateHyperParameterTuningJobRequest

    def ours_object() -> object:
        return client.create_hyper_parameter_tuning_job(request_class.from_dict(params))

    def ours_keywords() -> object:
        return client.create_hyper_parameter_tuning_job(**tuning_job_keywords(shapes))

    def theirs() -> object:
        return boto.client.create_hyper_parameter_tuning_job(**params)

    def ours_dict() -> object:
        return client.create_hyper_parameter_tuning_job(params)

    cases = [
        Case("CreateHyperParameterTuningJob, request object from_dict", ours_object, theirs, body),
        Case("CreateHyperParameterTuningJob, keyword arguments", ours_keywords, theirs, body),
    ]
    if takes_dicts(ours_dict):
        cases.insert(
            1, Case("CreateHyperParameterTuningJob, request dict", ours_dict, theirs, body)
        )
    return cases, transport, boto


def takes_dicts(call: Callable[[], object]) -> bool:
    """Whether the client takes the request as a dict with wire names, as boto3 does
    (clients generated before it did raise ``TypeError``)."""
    try:
        call()
    except TypeError:
        return False
    return True


def tuning_job_keywords(s: Any) -> dict[str, Any]:
    """``tuning_job_request()`` written as a user writes it for our client: keyword
    arguments and shape constructors (each constructor checks its own members)."""
    channel = {
        "data_source": s.DataSource(
            s3_data_source=s.S3DataSource(
                s3_data_type="S3Prefix",
                s3_uri="s3://my-bucket/training/",
                s3_data_distribution_type="FullyReplicated",
            )
        ),
        "content_type": "text/csv",
        "compression_type": "None",
        "record_wrapper_type": "None",
        "input_mode": "File",
    }
    return {
        "hyper_parameter_tuning_job_name": "xgboost-tuning-2019",
        "hyper_parameter_tuning_job_config": s.HyperParameterTuningJobConfig(
            strategy="Bayesian",
            hyper_parameter_tuning_job_objective=s.HyperParameterTuningJobObjective(
                type="Maximize", metric_name="validation:auc"
            ),
            resource_limits=s.ResourceLimits(
                max_number_of_training_jobs=20, max_parallel_training_jobs=3
            ),
            parameter_ranges=s.ParameterRanges(
                integer_parameter_ranges=[
                    s.IntegerParameterRange(
                        name=f"int_{i}",
                        min_value="1",
                        max_value=str(10 * (i + 1)),
                        scaling_type="Linear",
                    )
                    for i in range(3)
                ],
                continuous_parameter_ranges=[
                    s.ContinuousParameterRange(
                        name=f"rate_{i}",
                        min_value="0.0001",
                        max_value="0.5",
                        scaling_type="Logarithmic",
                    )
                    for i in range(3)
                ],
                categorical_parameter_ranges=[
                    s.CategoricalParameterRange(
                        name=f"choice_{i}", values=["adam", "sgd", "rmsprop"]
                    )
                    for i in range(3)
                ],
            ),
            training_job_early_stopping_type="Auto",
        ),
        "training_job_definition": s.HyperParameterTrainingJobDefinition(
            static_hyper_parameters={
                "objective": "binary:logistic",
                "num_round": "100",
                "eval_metric": "auc",
            },
            algorithm_specification=s.HyperParameterAlgorithmSpecification(
                training_image="123456789012.dkr.ecr.us-east-1.amazonaws.com/xgboost:1",
                training_input_mode="File",
                metric_definitions=[
                    s.MetricDefinition(name="validation:auc", regex="validation-auc:([0-9\\.]+)"),
                    s.MetricDefinition(name="train:auc", regex="train-auc:([0-9\\.]+)"),
                ],
            ),
            role_arn="arn:aws:iam::123456789012:role/SageMakerRole",
            input_data_config=[
                s.Channel(channel_name="train", **channel),
                s.Channel(channel_name="validation", **channel),
            ],
            output_data_config=s.OutputDataConfig(s3_output_path="s3://my-bucket/output/"),
            resource_config=s.ResourceConfig(
                instance_type="ml.m4.xlarge", instance_count=2, volume_size_in_gb=30
            ),
            stopping_condition=s.StoppingCondition(max_runtime_in_seconds=3600),
            enable_network_isolation=False,
        ),
        "tags": [s.Tag(key="team", value="ml-platform"), s.Tag(key="project", value="tuning")],
    }


def dynamodb_cases(
    package: Any, models: dict[str, Any], data_dir: Path
) -> tuple[list[Case], CannedTransport, CannedBoto]:
    shapes = package.shapes
    content_type = "application/x-amz-json-1.0"
    transport = CannedTransport(response_class(package), content_type)
    client = our_client(package, transport)
    boto = CannedBoto(boto3_client("dynamodb", models, data_dir), content_type)
    item = ddb_item()
    key = {"pk": item["pk"], "sk": item["sk"]}
    put = {"TableName": "orders", "Item": item}
    get = {"TableName": "orders", "Key": key}
    query = {
        "TableName": "orders",
        "KeyConditionExpression": "pk = :pk",
        "ExpressionAttributeValues": {":pk": item["pk"]},
    }
    bodies = {
        "put": b"{}",
        "get": json.dumps({"Item": wire_item(item)}).encode(),
        "query": json.dumps(
            {
                "Items": [wire_item(ddb_item(i)) for i in range(100)],
                "Count": 100,
                "ScannedCount": 100,
            }
        ).encode(),
    }

    def pair(
        which: str, ours: Callable[[], object], theirs: Callable[[], object]
    ) -> tuple[Callable[[], object], Callable[[], object]]:
        def ours_call() -> object:
            transport.body = bodies[which]
            return ours()

        def theirs_call() -> object:
            boto.body = bodies[which]
            return theirs()

        return ours_call, theirs_call

    put_ours, put_theirs = pair(
        "put",
        lambda: client.put_item(shapes.PutItemRequest.from_dict(put)),
        lambda: boto.client.put_item(**put),
    )
    put_dict, _ = pair("put", lambda: client.put_item(put), lambda: None)
    get_ours, get_theirs = pair(
        "get",
        lambda: client.get_item(shapes.GetItemRequest.from_dict(get)),
        lambda: boto.client.get_item(**get),
    )
    query_ours, query_theirs = pair(
        "query",
        lambda: client.query(shapes.QueryRequest.from_dict(query)),
        lambda: boto.client.query(**query),
    )
    dict_cases = []
    if takes_dicts(put_dict):
        dict_cases.append(
            Case("DynamoDB PutItem, request dict", put_dict, put_theirs, bodies["put"])
        )
    return (
        [
            Case("DynamoDB PutItem, 20-attribute item", put_ours, put_theirs, bodies["put"]),
            *dict_cases,
            Case("DynamoDB GetItem returning it", get_ours, get_theirs, bodies["get"]),
            Case(
                f"DynamoDB Query returning 100 items ({len(bodies['query']) // 1024} KiB)",
                query_ours,
                query_theirs,
                bodies["query"],
            ),
        ],
        transport,
        boto,
    )


def check_same_work(case: Case, transport: CannedTransport, boto: CannedBoto) -> None:
    """One call each, untimed: both signed, sent the same JSON, parsed the same answer."""
    ours = case.ours()
    theirs = case.theirs()
    ours_request, boto_request = transport.last, boto.last
    assert "Authorization" in ours_request.headers, "ours did not sign"
    assert "Authorization" in boto_request.headers, "boto3 did not sign"
    assert ours_request.headers["Authorization"].startswith("AWS4-HMAC-SHA256 Credential=")
    boto_body = boto_request.body
    if not isinstance(boto_body, bytes):
        boto_body = boto_body.read() if hasattr(boto_body, "read") else str(boto_body).encode()
    assert json.loads(ours_request.body) == json.loads(boto_body), case.name
    theirs_data = {k: v for k, v in theirs.items() if k != "ResponseMetadata"}  # type: ignore[attr-defined]
    ours_data = ours.to_dict() if ours is not None else {}  # type: ignore[attr-defined]
    assert json.loads(json.dumps(ours_data)) == wire_item(theirs_data), case.name


def whole_call_cases(sagemaker: Any, dynamodb: Any | None) -> list[tuple[Case, Any, Any]]:
    from bench.corpus import CORPUS, botocore_folders

    data_dir = Path(tempfile.mkdtemp(prefix="bench-models-"))
    cases: list[tuple[Case, Any, Any]] = []
    found, transport, boto = sagemaker_cases(
        sagemaker, botocore_folders(CORPUS / "sagemaker-2019"), data_dir
    )
    cases += [(case, transport, boto) for case in found]
    if dynamodb is not None:
        found, transport, boto = dynamodb_cases(
            dynamodb, botocore_folders(CORPUS / "dynamodb"), data_dir
        )
        cases += [(case, transport, boto) for case in found]
    for case, transport, boto in cases:
        check_same_work(case, transport, boto)
    check_validation_on(sagemaker, cases[0][1], cases[0][2])
    return cases


def check_validation_on(sagemaker: Any, transport: CannedTransport, boto: CannedBoto) -> None:
    """Both clients check the request they are given (a name shorter than its minimum):
    boto3's ``ParamValidationError``, our ``ValidationError``; neither sends it."""
    from botocore.exceptions import ParamValidationError

    from bench.run import tuning_job_request

    bad = {**tuning_job_request(), "HyperParameterTuningJobName": ""}
    good = sagemaker.shapes.CreateHyperParameterTuningJobRequest.from_dict(tuning_job_request())
    good.hyper_parameter_tuning_job_name = ""
    transport.last = boto.last = None
    try:
        boto.client.create_hyper_parameter_tuning_job(**bad)
        raise AssertionError("boto3 sent an invalid request")
    except ParamValidationError:
        pass
    client = our_client(sagemaker, transport)
    try:
        client.create_hyper_parameter_tuning_job(good)
        raise AssertionError("our client sent an invalid request")
    except sagemaker.ValidationError:
        pass
    assert transport.last is None and boto.last is None
