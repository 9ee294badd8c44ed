"""A generated package never crashes or hangs on what users or services hand it: wrong
types, huge values, recursion without bound, odd Unicode and broken response bodies end
in ``ValidationError`` or ``ResponseParseError``, with the request id where there is one.
"""

from __future__ import annotations

import importlib
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from codegen.config import SpecConfig
from codegen.generate import package_sources
from codegen.model import Service
from codegen.model.build import build_model

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "sagemaker-2019"
PACKAGE = "robust_sagemaker"


@pytest.fixture(scope="module")
def service() -> Service:
    if not CORPUS.is_dir():
        pytest.skip("no sagemaker-2019 corpus at ../shared/corpus")
    settings = {"package": PACKAGE, "target_prefix": "SageMaker"}
    config = SpecConfig(services={"sagemaker-2017-07-24": settings})
    (found,) = [
        s
        for s in build_model(CORPUS / "docs", config=config).services
        if s.uid == "sagemaker-2017-07-24"
    ]
    return found


@pytest.fixture(scope="module")
def sagemaker(tmp_path_factory: pytest.TempPathFactory, service: Service) -> Iterator[ModuleType]:
    out = tmp_path_factory.mktemp("robust")
    # Unformatted: black changes layout, not behaviour, and is the slow stage.
    for rel, text in package_sources(service).items():
        (out / rel).parent.mkdir(parents=True, exist_ok=True)
        (out / rel).write_text(text, encoding="utf-8")
    sys.path.insert(0, str(out))
    try:
        yield importlib.import_module(PACKAGE)
    finally:
        sys.path.remove(str(out))
        for name in [m for m in sys.modules if m == PACKAGE or m.startswith(f"{PACKAGE}.")]:
            del sys.modules[name]


def search_expression(depth: int) -> dict[str, Any]:
    expression: dict[str, Any] = {"Filters": [{"Name": "x", "Operator": "Equals", "Value": "v"}]}
    for _ in range(depth):
        expression = {"SubExpressions": [expression]}
    return expression


def test_recursion_past_the_interpreter_limit_is_a_validation_error(
    sagemaker: ModuleType,
) -> None:
    params = {"Resource": "TrainingJob", "SearchExpression": search_expression(5000)}
    with pytest.raises(sagemaker.ValidationError, match="nested more deeply"):
        sagemaker.shapes.SearchRequest.from_dict(params)
    with pytest.raises(sagemaker.ValidationError, match="nested more deeply"):
        sagemaker.shapes.SearchRequest.from_response(params)


def test_deep_but_reasonable_nesting_is_checked_all_the_way_down(
    sagemaker: ModuleType,
) -> None:
    expression = search_expression(50)
    inner = expression
    for _ in range(50):
        inner = inner["SubExpressions"][0]
    inner["Filters"][0]["Operator"] = 7
    with pytest.raises(sagemaker.ValidationError) as caught:
        sagemaker.shapes.SearchRequest.from_dict(
            {"Resource": "TrainingJob", "SearchExpression": expression}
        )
    (problem,) = caught.value.errors
    assert problem.startswith("search_expression" + ".sub_expressions[0]" * 50)


def test_a_huge_string_is_rejected_by_its_length_quickly(sagemaker: ModuleType) -> None:
    start = time.perf_counter()
    with pytest.raises(sagemaker.ValidationError, match="length must be <= 32"):
        sagemaker.shapes.StopHyperParameterTuningJobRequest.from_dict(
            {"HyperParameterTuningJobName": "a" * 20_000_000}
        )
    assert time.perf_counter() - start < 5  # no pattern ran over 20 MB


@pytest.mark.parametrize(
    "params",
    [
        {"Resource": 5},
        {"Resource": ["TrainingJob"]},
        {"Resource": None},
        {"Resource": "TrainingJob", "MaxResults": "3"},
        {"Resource": "TrainingJob", "MaxResults": True},
        {"Resource": "TrainingJob", "MaxResults": 3.0},
        {"Resource": "TrainingJob", "SearchExpression": [1]},
        {"Resource": "TrainingJob", "SearchExpression": {"Filters": "x"}},
        {"Resource": "TrainingJob", "SearchExpression": {"Filters": [None]}},
        {"Resource": "TrainingJob", "SortOrder": object()},
        {"Resource": "TrainingJob", "Unknown": 1},
        {"resource": "TrainingJob"},
    ],
)
def test_wrong_types_are_validation_errors(sagemaker: ModuleType, params: dict[str, Any]) -> None:
    with pytest.raises(sagemaker.ValidationError):
        sagemaker.shapes.SearchRequest.from_dict(params)


def test_a_request_that_is_not_a_dict_is_a_validation_error(
    sagemaker: ModuleType,
) -> None:
    for value in (None, [], "Resource", 3):
        with pytest.raises(sagemaker.ValidationError):
            sagemaker.shapes.SearchRequest.from_dict(value)


def test_odd_unicode_is_measured_in_code_points(sagemaker: ModuleType) -> None:
    name = "😀" * 32  # 32 code points, 64 UTF-16 units, 128 UTF-8 bytes
    with pytest.raises(sagemaker.ValidationError, match="pattern"):
        sagemaker.shapes.StopHyperParameterTuningJobRequest.from_dict(
            {"HyperParameterTuningJobName": name}
        )
    tag = sagemaker.shapes.Tag.from_dict({"Key": "é" * 128, "Value": "ж\u00a0" * 128})
    assert tag.to_dict()["Key"] == "é" * 128


def fake_client(sagemaker: ModuleType, fake: Any) -> Any:
    """The generated client over a fake transport, without retries."""
    return sagemaker.Client(
        region="us-east-1",
        transport=fake,
        access_key="a",
        secret_key="b",
        max_attempts=1,
    )


def broken_responses() -> list[tuple[bytes, str]]:
    too_deep = b'{"TrainingJobName": "x", "X": ' + b"[" * 5000 + b"]" * 5000 + b"}"
    return [
        (b'{"TrainingJobName": ', "not valid JSON"),
        (b"[1, 2]", "expected an object"),
        (b"\xff\xfe", "not valid JSON"),
        (too_deep, "not valid JSON: maximum recursion depth"),
    ]


@pytest.mark.parametrize(("body", "message"), broken_responses())
def test_a_malformed_response_body_is_a_clear_error_with_the_request_id(
    sagemaker: ModuleType, body: bytes, message: str
) -> None:
    transport = importlib.import_module(f"{PACKAGE}._runtime.transport")
    errors = importlib.import_module(f"{PACKAGE}._runtime.errors")
    fake = transport.FakeTransport()
    fake.queue(transport.HttpResponse(200, {"x-amzn-RequestId": "req-123"}, body))
    with pytest.raises(errors.ResponseParseError, match=message) as caught:
        fake_client(sagemaker, fake).describe_training_job(training_job_name="job")
    assert caught.value.request_id == "req-123"


def test_responses_with_unexpected_types_and_values_never_fail(
    sagemaker: ModuleType,
) -> None:
    response = sagemaker.shapes.DescribeTrainingJobResponse.from_response(
        {
            "TrainingJobName": 5,
            "TrainingJobStatus": "SomethingNew",
            "CreationTime": "yesterday",
            "ResourceConfig": [1],
            "Brand": {"new": "member"},
        }
    )
    assert response.training_job_status == "SomethingNew"


TUNING_REQUEST: dict[str, Any] = {
    "HyperParameterTuningJobName": "xgb-tuning",
    "HyperParameterTuningJobConfig": {
        "Strategy": "Bayesian",
        "HyperParameterTuningJobObjective": {
            "Type": "Maximize",
            "MetricName": "validation:auc",
        },
        "ResourceLimits": {"MaxNumberOfTrainingJobs": 20, "MaxParallelTrainingJobs": 3},
        "ParameterRanges": {
            "IntegerParameterRanges": [{"Name": "depth", "MinValue": "1", "MaxValue": "9"}],
            "CategoricalParameterRanges": [{"Name": "opt", "Values": ["adam", "sgd"]}],
        },
    },
    "TrainingJobDefinition": {
        "StaticHyperParameters": {"objective": "binary:logistic"},
        "AlgorithmSpecification": {
            "TrainingImage": "img:1",
            "TrainingInputMode": "File",
        },
        "RoleArn": "arn:aws:iam::123456789012:role/SageMakerRole",
        "InputDataConfig": [
            {
                "ChannelName": "train",
                "DataSource": {
                    "S3DataSource": {
                        "S3DataType": "S3Prefix",
                        "S3Uri": "s3://bucket/train/",
                    }
                },
                "ShuffleConfig": {"Seed": 7},
            }
        ],
        "OutputDataConfig": {"S3OutputPath": "s3://bucket/out/"},
        "ResourceConfig": {
            "InstanceType": "ml.m4.xlarge",
            "InstanceCount": 2,
            "VolumeSizeInGB": 30,
        },
        "StoppingCondition": {"MaxRuntimeInSeconds": 3600},
        "EnableNetworkIsolation": False,
    },
    "Tags": [{"Key": "team", "Value": "ml"}],
}
BAD_VALUES: list[Any] = [
    None,
    "",
    "x" * 3000,
    -1,
    0,
    2**40,
    1.5,
    True,
    [],
    {},
    ["x"],
    "Grid",
    "\u00e9!",
]


def mutants(value: Any) -> Iterator[Any]:
    """Every single-point change: each leaf replaced by each bad value, each member
    removed, an unknown member added to each object."""
    yield value
    if isinstance(value, dict):
        yield {**value, "Unknown": 1}
        for key in value:
            yield {k: v for k, v in value.items() if k != key}
            for changed in mutants(value[key]):
                yield {**value, key: changed}
    elif isinstance(value, list):
        for i, item in enumerate(value):
            for changed in mutants(item):
                yield [*value[:i], changed, *value[i + 1 :]]
    else:
        yield from BAD_VALUES


def test_the_one_pass_request_check_agrees_with_the_full_check(
    sagemaker: ModuleType,
) -> None:
    """``from_dict`` (and the client, for a request dict) first tries the one-pass check,
    then builds the object; the full check (which names every problem) must find a
    problem exactly when the one-pass check does, and both must build the same object for
    a valid request."""
    import warnings

    core = importlib.import_module(f"{PACKAGE}._core")
    request = sagemaker.shapes.CreateHyperParameterTuningJobRequest
    count = disagreements = 0
    for params in mutants(TUNING_REQUEST):
        count += 1
        try:
            request._check_request(params)
            fast = request._parse(params)
        except core.Invalid:
            fast = None
        issues = core.Issues()
        slow = request._parse(params)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            if isinstance(slow, request):
                core.request_problems(slow, params, "", issues)
                slow._check("", issues, True)
        problems = bool(issues.errors or issues.enum_values) or not isinstance(slow, request)
        if (fast is None) != problems or (fast is not None and repr(fast) != repr(slow)):
            disagreements += 1
    assert count > 400
    assert disagreements == 0


def test_every_docs_example_runs_against_the_generated_client_and_sends_its_wire_request(
    sagemaker: ModuleType, service: Service
) -> None:
    """The examples on the generated reference pages are real code: each one runs against
    the generated client (fake transport) and sends exactly the request the page shows.
    """
    import datetime
    import json

    from codegen.views import view_service
    from codegen.views.docs.catalog import Catalog
    from codegen.views.docs.examples import build_example

    transport = importlib.import_module(f"{PACKAGE}._runtime.transport")
    fake = transport.FakeTransport(handler=lambda request: transport.json_response(200, {}))
    client = fake_client(sagemaker, fake)
    catalog = Catalog(service, view_service(service).names)
    for operation in service.operations.values():
        example = build_example(service, catalog, operation)
        namespace = {PACKAGE: sagemaker, "client": client, "datetime": datetime}
        code = compile(example.call, f"<{operation.name} example>", "exec")
        exec(code, namespace)  # noqa: S102  (our own generated example)
        sent = fake.requests[-1]
        assert sent.headers["X-Amz-Target"] == f"SageMaker.{operation.name}"
        assert json.loads(sent.body or b"{}") == _with_epoch_times(example.params), operation.name
    assert len(fake.requests) == len(service.operations)


def _with_epoch_times(value: Any) -> Any:
    import datetime

    if isinstance(value, dict):
        return {k: _with_epoch_times(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_with_epoch_times(v) for v in value]
    if isinstance(value, datetime.datetime):
        return int(value.timestamp())
    return value
