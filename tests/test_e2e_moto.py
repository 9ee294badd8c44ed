"""End to end: generated clients against moto's server on 127.0.0.1.

The SageMaker client (from ../shared/corpus/sagemaker-2019) creates, describes and lists
training and hyperparameter tuning jobs, pages through the list and gets typed errors;
the Lambda client (from ../shared/corpus/lambda, REST-JSON) creates, gets, lists, tags
and untags functions. Lambda's Invoke is left out: moto runs functions in Docker.

Skipped when moto's server (``pip install 'moto[server]'``) or the corpus is missing.
"""

from __future__ import annotations

import io
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import zipfile
from collections.abc import Iterator
from typing import Any

import pytest
from test_client_wire import CORPUS, corpus_config, write_client_package

pytest.importorskip("moto.server", reason="moto[server] is not installed")
pytest.importorskip("flask", reason="moto[server] is not installed")

HOST = "127.0.0.1"
ROLE_POLICY = '{"Version": "2012-10-17", "Statement": []}'


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        port: int = sock.getsockname()[1]
        return port


def _wait_until_up(url: str, process: subprocess.Popen[bytes], deadline: float) -> None:
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"moto server exited with {process.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=1):
                return
        except (urllib.error.URLError, ConnectionError):
            time.sleep(0.1)
    raise RuntimeError("moto server did not start within 30 s")


@pytest.fixture(scope="module")
def moto_endpoint() -> Iterator[str]:
    port = _free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "moto.server", "-H", HOST, "-p", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    endpoint = f"http://{HOST}:{port}"
    try:
        _wait_until_up(f"{endpoint}/moto-api/", process, time.monotonic() + 30)
        yield endpoint
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@pytest.fixture
def endpoint(moto_endpoint: str) -> str:
    request = urllib.request.Request(f"{moto_endpoint}/moto-api/reset", method="POST")
    with urllib.request.urlopen(request, timeout=10):
        pass
    return moto_endpoint


@pytest.fixture(scope="module")
def packages(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    """Package name by service: the generated SageMaker and Lambda packages."""
    if not CORPUS.is_dir():
        pytest.skip("no corpus at ../shared/corpus")
    from codegen.model.build import build_model

    root = tmp_path_factory.mktemp("e2e_packages")
    names = {}
    for corpus, uid_prefix, package in (
        ("sagemaker-2019", "sagemaker-", "e2e_sagemaker"),
        ("lambda", "lambda-", "e2e_lambda"),
    ):
        model = build_model(CORPUS / corpus / "docs", config=corpus_config(corpus))
        (service,) = [s for s in model.services if s.uid.startswith(uid_prefix)]
        write_client_package(service, root, package)
        names[uid_prefix.rstrip("-")] = package
    sys.path.insert(0, str(root))
    yield names
    sys.path.remove(str(root))


def _client(package: str, endpoint: str) -> Any:
    module = __import__(f"{package}.client", fromlist=["Client"])
    return module.Client(
        "us-east-1", endpoint_url=endpoint, access_key="testing", secret_key="testing"
    )


def _module(package: str, name: str) -> Any:
    return __import__(f"{package}.{name}", fromlist=["_"])


# ---------------------------------------------------------------------------------------
# SageMaker (JSON 1.1)

IMAGE = "123456789012.dkr.ecr.us-east-1.amazonaws.com/train:latest"
SAGEMAKER_ROLE = "arn:aws:iam::123456789012:role/sagemaker-role"


def _training_job_fields(shapes: Any) -> dict[str, Any]:
    return {
        "role_arn": SAGEMAKER_ROLE,
        "output_data_config": shapes.OutputDataConfig(s3_output_path="s3://bucket/out"),
        "resource_config": shapes.ResourceConfig(
            instance_type="ml.m5.large", instance_count=1, volume_size_in_gb=10
        ),
        "stopping_condition": shapes.StoppingCondition(max_runtime_in_seconds=3600),
    }


def test_sagemaker_training_jobs_are_created_described_and_listed_page_by_page(
    packages: dict[str, str], endpoint: str
) -> None:
    package = packages["sagemaker"]
    shapes = _module(package, "shapes")
    client = _client(package, endpoint)
    for n in range(3):
        created = client.create_training_job(
            training_job_name=f"job-{n}",
            algorithm_specification=shapes.AlgorithmSpecification(
                training_image=IMAGE, training_input_mode="File"
            ),
            **_training_job_fields(shapes),
        )
        assert created.training_job_arn.endswith(f":training-job/job-{n}")
    described = client.describe_training_job(training_job_name="job-1")
    assert described.training_job_name == "job-1"
    assert described.creation_time.tzinfo is not None
    assert described.resource_config.instance_count == 1
    pages = list(client.paginate_list_training_jobs(max_results=2))
    assert [len(page.training_job_summaries) for page in pages] == [2, 1]
    names = [job.training_job_name for job in client.list_training_jobs_items(max_results=2)]
    assert sorted(names) == ["job-0", "job-1", "job-2"]


def test_sagemaker_tuning_job_is_created_described_and_listed(
    packages: dict[str, str], endpoint: str
) -> None:
    package = packages["sagemaker"]
    shapes = _module(package, "shapes")
    client = _client(package, endpoint)
    request = shapes.CreateHyperParameterTuningJobRequest(
        hyper_parameter_tuning_job_name="tuning-1",
        hyper_parameter_tuning_job_config=shapes.HyperParameterTuningJobConfig(
            strategy="Bayesian",
            resource_limits=shapes.ResourceLimits(
                max_number_of_training_jobs=2, max_parallel_training_jobs=1
            ),
            hyper_parameter_tuning_job_objective=shapes.HyperParameterTuningJobObjective(
                type="Maximize", metric_name="accuracy"
            ),
            parameter_ranges=shapes.ParameterRanges(
                integer_parameter_ranges=[
                    shapes.IntegerParameterRange(name="epochs", min_value="1", max_value="5")
                ]
            ),
        ),
        training_job_definition=shapes.HyperParameterTrainingJobDefinition(
            algorithm_specification=shapes.HyperParameterAlgorithmSpecification(
                training_image=IMAGE, training_input_mode="File"
            ),
            static_hyper_parameters={"batch": "32"},
            **_training_job_fields(shapes),
        ),
    )
    created = client.create_hyper_parameter_tuning_job(request)
    assert created.hyper_parameter_tuning_job_arn.endswith("/tuning-1")
    described = client.describe_hyper_parameter_tuning_job(
        hyper_parameter_tuning_job_name="tuning-1"
    )
    assert (
        described.hyper_parameter_tuning_job_config.resource_limits.max_parallel_training_jobs == 1
    )
    summaries = list(client.list_hyper_parameter_tuning_jobs_items())
    assert [s.hyper_parameter_tuning_job_name for s in summaries] == ["tuning-1"]


def test_sagemaker_unknown_tuning_job_raises_the_typed_error(
    packages: dict[str, str], endpoint: str
) -> None:
    package = packages["sagemaker"]
    errors = _module(package, "errors")
    client = _client(package, endpoint)
    with pytest.raises(errors.ResourceNotFound) as caught:
        client.describe_hyper_parameter_tuning_job(hyper_parameter_tuning_job_name="missing")
    assert caught.value.code == "ResourceNotFound"
    assert caught.value.http_status == 400
    assert caught.value.request_id
    assert "missing" in caught.value.message


# ---------------------------------------------------------------------------------------
# Lambda (REST-JSON)


def _lambda_role(endpoint: str) -> str:
    """moto checks that a function's role exists: make one with botocore (IAM is a query
    protocol service, which codegen does not generate)."""
    import botocore.session

    iam = botocore.session.get_session().create_client(
        "iam",
        region_name="us-east-1",
        endpoint_url=endpoint,
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
    )
    role = iam.create_role(RoleName="lambda-role", AssumeRolePolicyDocument=ROLE_POLICY)
    return str(role["Role"]["Arn"])


def _zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("handler.py", "def handler(event, context):\n    return event\n")
    return buffer.getvalue()


def test_lambda_functions_are_created_fetched_listed_tagged_and_deleted(
    packages: dict[str, str], endpoint: str
) -> None:
    package = packages["lambda"]
    shapes = _module(package, "shapes")
    errors = _module(package, "errors")
    client = _client(package, endpoint)
    role = _lambda_role(endpoint)
    code = _zip()
    for n in range(3):
        created = client.create_function(
            function_name=f"fn-{n}",
            runtime="python3.9",
            role=role,
            handler="handler.handler",
            code=shapes.FunctionCode(zip_file=code),
            tags={"team": "ml"},
        )
        assert created.function_name == f"fn-{n}"
        assert created.code_size == len(code)
    fetched = client.get_function(function_name="fn-1")
    assert fetched.configuration.handler == "handler.handler"
    assert fetched.tags == {"team": "ml"}
    listed = [f.function_name for f in client.list_functions_items(max_items=2)]
    assert sorted(listed) == ["fn-0", "fn-1", "fn-2"]
    arn = fetched.configuration.function_arn
    client.tag_resource(resource=arn, tags={"env": "test"})
    assert client.list_tags(resource=arn).tags == {"team": "ml", "env": "test"}
    # The page gives TagKeys no Type line; its description ("A list of tag keys") makes it
    # a list, as botocore has it: ?tagKeys=team.
    client.untag_resource(resource=arn, tag_keys=["team"])
    assert client.list_tags(resource=arn).tags == {"env": "test"}
    client.delete_function(function_name="fn-0")
    with pytest.raises(errors.ResourceNotFoundException) as caught:
        client.get_function(function_name="fn-0")
    assert caught.value.http_status == 404
