"""The benchmark suite: one command, one table.

    python bench/run.py [--quick] [--only request,call,import,size,generation,scale]
                        [--packages DIR]

Sections: ``request`` (request path and response parsing against botocore), ``call`` (the
whole call against boto3 with canned responses: bench/calls.py), ``import``, ``size``
(generated packages beside botocore's models), ``generation``, ``scale``.

Every figure that matters is a ratio against a reference measured in the same run
(botocore, boto3, bare ``python``, markdown-it-py, black), in interleaved rounds, because
absolute timings on shared machines swing widely. Nothing here asserts a speed: the tests
check correctness, this reports speed.
"""

from __future__ import annotations

import argparse
import copy
import gc
import importlib
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.corpus import CORPUS, ROOT, botocore_models, corpus_config

SAGEMAKER = CORPUS / "sagemaker-2019"
ROWS: list[tuple[str, str, str]] = []


def row(section: str, what: str, value: str) -> None:
    ROWS.append((section, what, value))
    print(f"{section:<11} {what:<62} {value}", flush=True)


# ---------------------------------------------------------------------------------------
# Generating the package under test.


def generate_corpus(corpus: Path, out: Path) -> None:
    from codegen.generate import generate

    generate(corpus / "docs", out, config=corpus_config(corpus))


def import_generated(out: Path, package: str) -> Any:
    sys.path.insert(0, str(out))
    return __import__(package)


# ---------------------------------------------------------------------------------------
# 1. Request path and response parsing.


def tuning_job_request() -> dict[str, Any]:
    """A realistic CreateHyperParameterTuningJob request: three ranges of each kind,
    metric definitions, two channels, output, resources, stopping condition, static
    hyperparameters, tags."""
    ranges = {
        "IntegerParameterRanges": [
            {
                "Name": f"int_{i}",
                "MinValue": "1",
                "MaxValue": str(10 * (i + 1)),
                "ScalingType": "Linear",
            }
            for i in range(3)
        ],
        "ContinuousParameterRanges": [
            {
                "Name": f"rate_{i}",
                "MinValue": "0.0001",
                "MaxValue": "0.5",
                "ScalingType": "Logarithmic",
            }
            for i in range(3)
        ],
        "CategoricalParameterRanges": [
            {"Name": f"choice_{i}", "Values": ["adam", "sgd", "rmsprop"]} for i in range(3)
        ],
    }
    channel = {
        "DataSource": {
            "S3DataSource": {
                "S3DataType": "S3Prefix",
                "S3Uri": "s3://my-bucket/training/",
                "S3DataDistributionType": "FullyReplicated",
            }
        },
        "ContentType": "text/csv",
        "CompressionType": "None",
        "RecordWrapperType": "None",
        "InputMode": "File",
    }
    return {
        "HyperParameterTuningJobName": "xgboost-tuning-2019",
        "HyperParameterTuningJobConfig": {
            "Strategy": "Bayesian",
            "HyperParameterTuningJobObjective": {
                "Type": "Maximize",
                "MetricName": "validation:auc",
            },
            "ResourceLimits": {
                "MaxNumberOfTrainingJobs": 20,
                "MaxParallelTrainingJobs": 3,
            },
            "ParameterRanges": ranges,
            "TrainingJobEarlyStoppingType": "Auto",
        },
        "TrainingJobDefinition": {
            "StaticHyperParameters": {
                "objective": "binary:logistic",
                "num_round": "100",
                "eval_metric": "auc",
            },
            "AlgorithmSpecification": {
                "TrainingImage": "123456789012.dkr.ecr.us-east-1.amazonaws.com/xgboost:1",
                "TrainingInputMode": "File",
                "MetricDefinitions": [
                    {"Name": "validation:auc", "Regex": "validation-auc:([0-9\\.]+)"},
                    {"Name": "train:auc", "Regex": "train-auc:([0-9\\.]+)"},
                ],
            },
            "RoleArn": "arn:aws:iam::123456789012:role/SageMakerRole",
            "InputDataConfig": [
                {**channel, "ChannelName": "train"},
                {**channel, "ChannelName": "validation"},
            ],
            "OutputDataConfig": {"S3OutputPath": "s3://my-bucket/output/"},
            "ResourceConfig": {
                "InstanceType": "ml.m4.xlarge",
                "InstanceCount": 2,
                "VolumeSizeInGB": 30,
            },
            "StoppingCondition": {"MaxRuntimeInSeconds": 3600},
            "EnableNetworkIsolation": False,
        },
        "Tags": [
            {"Key": "team", "Value": "ml-platform"},
            {"Key": "project", "Value": "tuning"},
        ],
    }


def defects(params: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Twelve typical defects, one per copy of the request."""

    def mutate(change: Callable[[dict[str, Any]], None]) -> dict[str, Any]:
        bad = copy.deepcopy(params)
        change(bad)
        return bad

    def tjd(p: dict[str, Any]) -> dict[str, Any]:
        result: dict[str, Any] = p["TrainingJobDefinition"]
        return result

    return {
        "missing required member": mutate(lambda p: tjd(p).pop("RoleArn")),
        "unknown member": mutate(lambda p: p.update(Extra=1)),
        "wrong scalar type": mutate(lambda p: tjd(p)["ResourceConfig"].update(InstanceCount="2")),
        "wrong container type": mutate(lambda p: p.update(Tags={"Key": "a", "Value": "b"})),
        "string too short": mutate(lambda p: p.update(HyperParameterTuningJobName="")),
        "string too long": mutate(lambda p: p.update(HyperParameterTuningJobName="x" * 33)),
        "pattern (\\p{L} class)": mutate(lambda p: p["Tags"][0].update(Key="team!")),
        "enum value": mutate(lambda p: p["HyperParameterTuningJobConfig"].update(Strategy="Grid")),
        "number below minimum": mutate(lambda p: tjd(p)["ResourceConfig"].update(InstanceCount=0)),
        "map value too long": mutate(
            lambda p: tjd(p)["StaticHyperParameters"].update(objective="x" * 257)
        ),
        "too few list items": mutate(lambda p: tjd(p).update(InputDataConfig=[])),
        "too many list items": mutate(lambda p: p.update(Tags=[{"Key": "k", "Value": "v"}] * 51)),
    }


def interleaved(
    ours: Callable[[], object], theirs: Callable[[], object], rounds: int, n: int
) -> tuple[float, float, list[float]]:
    """ops/s of each (medians of rounds), and the per-round ratios (ours/theirs speed).

    Each round times ``n`` calls of ours, then ``n`` of theirs, so a slow spell of the
    machine hits both sides of a round alike; a warm-up call of each comes first. Time is
    this process's CPU time (``time.process_time``): on a machine whose cores are shared,
    wall time also counts the spells when other processes had the core (the rounds'
    ratios then spread two to three times wider; garbage collection, which is work done
    for the calls, is counted either way). What the process holds before the rounds
    (botocore's and boto3's models, the generated packages, the bench's data) is frozen
    out of the collector's walks: its full collections would otherwise walk both
    libraries' heaps for either side's calls, where a user's process holds one."""
    ours(), theirs()
    gc.collect()
    gc.freeze()
    clock = time.process_time
    ratios, our_rates, their_rates = [], [], []
    for _ in range(rounds):
        start = clock()
        for _ in range(n):
            ours()
        mid = clock()
        for _ in range(n):
            theirs()
        end = clock()
        our_rates.append(n / (mid - start))
        their_rates.append(n / (end - mid))
        ratios.append((end - mid) / (mid - start))
    return statistics.median(our_rates), statistics.median(their_rates), ratios


def spread(ratios: list[float]) -> str:
    """Median of the rounds' ratios, with their quartiles and range."""
    if len(ratios) < 4:
        return f"{statistics.median(ratios):.2f}x (rounds {min(ratios):.2f}-{max(ratios):.2f}x)"
    q1, _, q3 = statistics.quantiles(ratios, n=4)
    return (
        f"{statistics.median(ratios):.2f}x (quartiles {q1:.2f}-{q3:.2f}x, "
        f"range {min(ratios):.2f}-{max(ratios):.2f}x, {len(ratios)} rounds)"
    )


def bench_request_path(out: Path, quick: bool) -> None:
    import warnings

    from botocore.model import ServiceModel
    from botocore.parsers import create_parser
    from botocore.serialize import create_serializer
    from botocore.validate import ParamValidator

    package = import_generated(out, "sagemaker")
    from sagemaker import shapes  # type: ignore[import-not-found]

    model = ServiceModel(botocore_models(SAGEMAKER)["sagemaker-2017-07-24"])
    op = model.operation_model("CreateHyperParameterTuningJob")
    # As a botocore client builds it (parameter_validation on, the default): the JSON
    # serializer wrapped in ParamValidationDecorator, so the input is validated once, then
    # serialized. (Until 2026-12-01 this bench also ran ParamValidator().validate first,
    # so botocore validated twice and the ratio was overstated by about 1.5x.)
    serializer = create_serializer("json", include_validation=True)
    validator = ParamValidator()
    params = tuning_job_request()
    request_class = shapes.CreateHyperParameterTuningJobRequest
    assert not validator.validate(params, op.input_shape).has_errors()

    # Ours as the client does it with a request dict (checked in one pass, then the HTTP
    # request with its JSON body; no objects built), against botocore's serializer, which
    # also returns the request (URL path, headers, body).
    client = package.Client("us-east-1", access_key="AKIDEXAMPLE", secret_key="secret")
    wire = importlib.import_module("sagemaker._client_wire")
    info = package.client.OPERATIONS["CreateHyperParameterTuningJob"]
    endpoint = "https://api.sagemaker.us-east-1.amazonaws.com"

    def ours() -> bytes:
        sent = client._outgoing(request_class, (params,), {})
        body: bytes = wire.http_request(client._SERVICE, info, sent, endpoint).body
        return body

    def ours_via_objects() -> bytes:
        return json.dumps(request_class.from_dict(params).to_dict()).encode()

    def theirs() -> bytes:
        body: bytes = serializer.serialize_to_request(params, op)["body"]
        return body

    assert json.loads(ours()) == json.loads(theirs()) == json.loads(ours_via_objects())
    assert isinstance(client._outgoing(request_class, (params,), {}), dict), "objects built"
    rounds, n = (5, 100) if quick else (15, 300)
    our_rate, their_rate, ratios = interleaved(ours, theirs, rounds, n)
    row(
        "request",
        "CreateHyperParameterTuningJob dict -> checked -> JSON request (ours)",
        f"{our_rate:,.0f} ops/s",
    )
    row(
        "request",
        "botocore JSON serializer, validating once (as its client does)",
        f"{their_rate:,.0f} ops/s",
    )
    row("request", "speed ratio ours / botocore", spread(ratios))
    _, _, ratios = interleaved(ours_via_objects, theirs, rounds, n)
    row("request", "the same through objects (from_dict, to_dict, json.dumps)", spread(ratios))

    def sent_as(given: tuple[Any, ...]) -> object:
        return client._outgoing(request_class, given, {})

    missed_ours, missed_theirs = [], []
    for name, bad in defects(params).items():
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            # Caught by from_dict and by the client taking the dict, each.
            for check, given in ((request_class.from_dict, bad), (sent_as, (bad,))):
                try:
                    check(given)
                    missed_ours.append(name)
                    break
                except (package.ValidationError, Warning):
                    pass
        if not validator.validate(bad, op.input_shape).has_errors():
            missed_theirs.append(name)
    caught = f"{12 - len(missed_ours)} / {12 - len(missed_theirs)}"
    row("request", "defect kinds caught of 12 (ours / botocore)", caught)
    row("request", "defects we miss", ", ".join(missed_ours) or "none")
    row("request", "defects botocore misses", ", ".join(missed_theirs) or "none")

    output_shape = model.operation_model("DescribeTrainingJob").output_shape
    body = json.dumps(sample_value(output_shape, list_items=40)).encode()
    response_class = shapes.DescribeTrainingJobResponse
    parser = create_parser("json")

    def parse_ours() -> object:
        return response_class.from_response(json.loads(body))

    def parse_theirs() -> object:
        return parser.parse({"body": body, "headers": {}, "status_code": 200}, output_shape)

    our_rate, their_rate, ratios = interleaved(parse_ours, parse_theirs, rounds, max(n // 5, 20))
    row(
        "response",
        f"DescribeTrainingJob {len(body) // 1024} KiB body -> objects (ours)",
        f"{our_rate:,.0f} ops/s",
    )
    row("response", "botocore JSON parser", f"{their_rate:,.0f} ops/s")
    row("response", "speed ratio ours / botocore", spread(ratios))


def sample_value(shape: Any, list_items: int, depth: int = 0) -> Any:
    """A large, valid-looking value for a botocore shape (responses are parsed, not
    validated, so only the types need to be right)."""
    kind = shape.type_name
    if kind == "structure":
        if depth > 6:
            return {}
        return {
            name: sample_value(member, list_items, depth + 1)
            for name, member in shape.members.items()
        }
    if kind == "list":
        return [
            sample_value(shape.member, max(list_items // 8, 1), depth + 1)
            for _ in range(list_items)
        ]
    if kind == "map":
        return {f"key{i}": sample_value(shape.value, 1, depth + 1) for i in range(5)}
    if kind == "string":
        return (
            shape.enum[0]
            if shape.enum
            else "arn:aws:sagemaker:us-east-1:123456789012:training-job/x"
        )
    if kind in ("integer", "long"):
        return 42
    if kind in ("float", "double"):
        return 0.5
    if kind == "boolean":
        return True
    if kind == "timestamp":
        return 1_560_000_000.25
    if kind == "blob":
        return "aGVsbG8="
    return None


# ---------------------------------------------------------------------------------------
# 1b. The whole call against boto3, canned HTTP responses on both sides (bench/calls.py).


def bench_calls(out: Path, dynamodb_out: Path, quick: bool) -> None:
    from bench.calls import whole_call_cases

    sagemaker = import_generated(out, "sagemaker")
    dynamodb = import_generated(dynamodb_out, "dynamodb")
    rounds, n = (5, 40) if quick else (15, 150)
    for case, _, _ in whole_call_cases(sagemaker, dynamodb):
        # A Query of 100 items is about 30 calls' worth of work: fewer calls per round.
        calls = max(n // 10, 4) if "Query" in case.name else n
        our_rate, their_rate, ratios = interleaved(case.ours, case.theirs, rounds, calls)
        row(
            "call",
            f"{case.name}: us per call, ours / boto3",
            f"{1e6 / our_rate:,.0f} / {1e6 / their_rate:,.0f} us",
        )
        row("call", f"{case.name}: speed ratio ours / boto3", spread(ratios))


# ---------------------------------------------------------------------------------------
# 2. Import and client construction, in fresh processes.

# Peak RSS from VmHWM: ru_maxrss would count the forking parent's memory before exec.
_PEAK_RSS = "next(int(l.split()[1]) for l in open('/proc/self/status') if l.startswith('VmHWM'))"
_CHILD = (
    """
import sys, time
start, cpu = time.perf_counter(), time.process_time()
{body}
print(time.perf_counter() - start, time.process_time() - cpu, """
    + _PEAK_RSS
    + """)
"""
)


def child_run(body: str, path: Path | None) -> tuple[float, float, float, float]:
    """One fresh process: its wall time, the wall and CPU time of ``body`` in it, and its
    peak RSS (MiB)."""
    env = {
        **os.environ,
        "PYTHONPATH": str(path) if path else "",
        "AWS_ACCESS_KEY_ID": "x",
        "AWS_SECRET_ACCESS_KEY": "y",
        "AWS_DEFAULT_REGION": "us-east-1",
    }
    start = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-c", _CHILD.format(body=body)],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    wall = time.perf_counter() - start
    inner, cpu, kib = result.stdout.split()
    return wall, float(inner), float(cpu), int(kib) / 1024


def bench_size(packages: Path, quick: bool) -> None:
    """Lines and bytes of each generated package beside botocore's JSON model of the
    same service (the corpus's own ``service-2.json``): all of it, and without the
    documentation on either side (docstrings; the model's ``documentation`` fields)."""
    from bench.corpus import botocore_folders

    corpora = ["sagemaker-2019", "dynamodb"]
    if not quick:
        corpora = sorted(p.name for p in CORPUS.iterdir() if (p / "docs").is_dir())
    runtime_reported = False
    for corpus in corpora:
        out = packages / corpus
        generate_corpus(CORPUS / corpus, out)  # a no-op when a kept folder is current
        models = botocore_folders(CORPUS / corpus)
        for package in sorted(p for p in out.iterdir() if (p / "__init__.py").is_file()):
            files = sorted(package.rglob("*.py"))
            runtime = [f for f in files if "_runtime" in f.parts]
            own = [f for f in files if "_runtime" not in f.parts]
            if not runtime_reported:
                row(
                    "size",
                    "_runtime (the same in every package: signing, HTTP, retries, ...)",
                    f"{sum(f.stat().st_size for f in runtime) / 1024:,.0f} KiB",
                )
                runtime_reported = True
            texts = [f.read_text(encoding="utf-8") for f in own]
            size = sum(len(t.encode()) for t in texts)
            code = size - sum(_docstring_bytes(t) for t in texts)
            lines = sum(t.count("\n") for t in texts)
            ours = f"{corpus}/{package.name}: {lines:,} lines, {size / 1024:,.0f} KiB"
            model = _model_for(package, models, CORPUS / corpus)
            if model is None:
                row("size", ours, f"code {code / 1024:,.0f} KiB; no botocore model")
                continue
            name, model_bytes, model_code = model
            row(
                "size",
                ours,
                f"botocore {name}: {model_bytes / 1024:,.0f} KiB ({size / model_bytes:.1f}x)",
            )
            row(
                "size",
                f"{corpus}/{package.name} without docs: code {code / 1024:,.0f} KiB",
                f"model without docs, minified {model_code / 1024:,.0f} KiB ({code / model_code:.1f}x)",
            )


def _docstring_bytes(source: str) -> int:
    """Bytes of the string literals that stand alone as statements (docstrings of modules,
    classes, functions and attributes)."""
    import ast

    return sum(
        len(node.value.value.encode())
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.Expr)
        and isinstance(node.value, ast.Constant)
        and isinstance(node.value.value, str)
    )


def _without_docs(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _without_docs(v) for k, v in value.items() if k != "documentation"}
    if isinstance(value, list):
        return [_without_docs(v) for v in value]
    return value


def _model_for(package: Path, models: dict[str, Any], corpus: Path) -> tuple[str, int, int] | None:
    """botocore's model of the service a generated package is for (by the target prefix
    or endpoint prefix its client records): name, bytes of ``service-2.json``, bytes of
    the model without documentation, minified."""
    client = (package / "client.py").read_text(encoding="utf-8")
    for name in sorted(models):
        model = models[name]
        meta = model["metadata"]
        target = meta.get("targetPrefix")
        prefix = meta["endpointPrefix"]
        if (target and f'target_prefix="{target}"' in client) or (
            not target and f'endpoint_prefix="{prefix}"' in client
        ):
            size = (corpus / "botocore" / name / "service-2.json").stat().st_size
            code = len(json.dumps(_without_docs(model), separators=(",", ":")).encode())
            return name, size, code
    return None


def bench_import(out: Path, quick: bool) -> None:
    import compileall

    # Byte-compile first, as pip does for boto3 at install: a vendored package is imported
    # from .pyc after its first use (and PYTHONDONTWRITEBYTECODE may be set here).
    compileall.compile_dir(str(out), quiet=1)
    ours_body = (
        "import sagemaker\n"
        "client = sagemaker.Client(region='us-east-1') if hasattr(sagemaker, 'Client') "
        "else sagemaker.shapes.CreateHyperParameterTuningJobRequest"
    )
    boto_body = "import boto3\nclient = boto3.client('sagemaker')"
    # Interleaved: one process of each kind per run, so a busy spell hits all three.
    runs: dict[str, list[tuple[float, float, float, float]]] = {"bare": [], "ours": [], "boto": []}
    for _ in range(7 if quick else 15):
        runs["bare"].append(child_run("pass", None))
        runs["ours"].append(child_run(ours_body, out))
        runs["boto"].append(child_run(boto_body, None))

    def median(kind: str, index: int) -> float:
        return statistics.median(r[index] for r in runs[kind])

    def above_bare(kind: str) -> float:
        return statistics.median(r[0] - b[0] for r, b in zip(runs[kind], runs["bare"], strict=True))

    row(
        "import",
        "bare python -c pass (median of runs)",
        f"{median('bare', 0) * 1000:.0f} ms, {median('bare', 3):.0f} MiB",
    )
    for kind, what in (
        ("ours", "import sagemaker + Client(...)"),
        ("boto", "import boto3 + boto3.client('sagemaker')"),
    ):
        row(
            "import",
            f"{what}: CPU, wall in process; process above bare",
            f"{median(kind, 2) * 1000:.0f} ms, {median(kind, 1) * 1000:.0f} ms; "
            f"{above_bare(kind) * 1000:.0f} ms, peak {median(kind, 3):.0f} MiB",
        )
    ratios = [b[2] / max(o[2], 1e-6) for o, b in zip(runs["ours"], runs["boto"], strict=True)]
    row("import", "ratio boto3 / ours (CPU time of import + client)", spread(ratios))


# ---------------------------------------------------------------------------------------
# 3. Generation, by stage, against its floors.


def stage_times(docs: Path, config: Any, out: Path, rounds: int) -> dict[str, float]:
    import black
    from markdown_it import MarkdownIt

    from codegen.generate import generate, render_model
    from codegen.model.build import build_model
    from codegen.output import write
    from codegen.output.format import MODE, format_files
    from codegen.parse import read_pages

    def best_of(runs: int, work: Callable[[], object]) -> float:
        best = float("inf")
        for _ in range(runs):
            start = time.perf_counter()
            work()
            best = min(best, time.perf_counter() - start)
        return best

    pages = sorted(docs.glob("API_*.md"))

    def markdown_floor() -> None:
        md = MarkdownIt("commonmark")
        for page in pages:
            md.parse(page.read_text(encoding="utf-8"))

    times: dict[str, float] = {}
    times["parse"] = best_of(3, lambda: read_pages(docs))
    times["parse+model"] = best_of(3, lambda: build_model(docs, config=config))
    times["model"] = max(times["parse+model"] - times["parse"], 0.0)
    # Ratios to the floor from interleaved rounds (floor, one process, both cores), so a
    # slow spell of the machine hits all three alike; the median of the per-round ratios.
    one_process: list[float] = []
    both_cores: list[float] = []
    floors: list[float] = []
    for _ in range(rounds):
        floors.append(best_of(1, markdown_floor))
        one = best_of(1, lambda: build_model(docs, config=config, workers=1))
        both = best_of(1, lambda: build_model(docs, config=config))
        one_process.append(one / floors[-1])
        both_cores.append(both / floors[-1])
    times["markdown_floor"] = min(floors)
    times["one_process/floor"] = statistics.median(one_process)
    times["both_cores/floor"] = statistics.median(both_cores)
    model = build_model(docs, config=config)
    start = time.perf_counter()
    sources = render_model(model)
    times["render"] = time.perf_counter() - start
    start = time.perf_counter()
    files = {rel: text.encode() for rel, text in format_files(sources).items()}
    times["format"] = time.perf_counter() - start
    start = time.perf_counter()
    changes = write.plan(out, files, write.read_manifest(out))
    write.apply(out, files, changes, write.manifest_bytes(files, {}))
    times["write"] = time.perf_counter() - start
    start = time.perf_counter()
    for rel, text in sources.items():
        if rel.endswith(".py"):
            black.format_str(text, mode=MODE)
    times["black_alone"] = time.perf_counter() - start
    times["lines"] = sum(text.count("\n") for text in sources.values())
    fresh = out.parent / "regen"
    start = time.perf_counter()
    generate(docs, fresh, config=config)
    times["full"] = time.perf_counter() - start
    start = time.perf_counter()
    generate(docs, fresh, config=config)
    times["noop"] = time.perf_counter() - start
    return times


def bench_generation(quick: bool) -> None:
    corpora = (
        ["sagemaker-2019"] if quick else sorted(p.name for p in CORPUS.iterdir() if p.is_dir())
    )
    for name in corpora:
        # Each corpus in a fresh process, as `python -m codegen` runs: not in this one,
        # whose heap holds botocore, boto3 and the package the other sections imported.
        result = subprocess.run(
            [sys.executable, __file__, "--stage-times", name, "--rounds", "7" if quick else "15"],
            capture_output=True,
            text=True,
            check=True,
        )
        t = json.loads(result.stdout)
        stages = ", ".join(
            f"{k} {t[k]:.2f}" for k in ("parse", "model", "render", "format", "write")
        )
        row("generation", f"{name}: seconds by stage", stages)
        row(
            "generation",
            f"{name}: parse+model / markdown-it floor (one process; both cores)",
            f"{t['one_process/floor']:.2f}x; {t['both_cores/floor']:.2f}x",
        )
        row(
            "generation",
            f"{name}: full run / black alone ({t['lines']:,.0f} lines)",
            f"{t['full'] / t['black_alone']:.2f}x",
        )
        row(
            "generation",
            f"{name}: no-op regeneration / full run",
            f"{t['noop'] / t['full']:.1%}",
        )


# ---------------------------------------------------------------------------------------
# 4. Scale: synthetic docs from botocore's current SageMaker model at 1x, 2x, 4x.

_SCALE_CHILD = (
    """
import sys, time
from pathlib import Path
sys.path.insert(0, {root!r})
from codegen.model.build import build_model
from codegen.generate import render_model
start = time.perf_counter()
model = build_model(Path({docs!r}))
parsed = time.perf_counter()
files = render_model(model)
done = time.perf_counter()
print(parsed - start, done - parsed, """
    + _PEAK_RSS
    + """,
      len(model.services[0].shapes), sum(t.count(chr(10)) for t in files.values()))
"""
)


def bench_scale(quick: bool) -> None:
    from bench.synth import load_botocore_model, write_corpus

    model = load_botocore_model("sagemaker")
    sizes = (1, 2) if quick else (1, 2, 4)
    base: tuple[float, float, float] | None = None
    for copies in sizes:
        with tempfile.TemporaryDirectory() as tmp:
            pages = write_corpus(model, Path(tmp), copies)
            script = _SCALE_CHILD.format(root=str(ROOT), docs=tmp)
            result = subprocess.run(
                [sys.executable, "-c", script],
                capture_output=True,
                text=True,
                check=True,
            )
        parse_s, render_s, kib, shapes, lines = result.stdout.split()
        per_page = ((float(parse_s)) / pages, float(render_s) / pages, int(kib) / 1024)
        base = base or per_page
        row(
            "scale",
            f"{copies}x: {pages} pages, {shapes} shapes, {int(lines):,} lines before black",
            f"parse+model {float(parse_s):.1f} s, render {float(render_s):.1f} s, peak {int(kib) / 1024:.0f} MiB",
        )
        row(
            "scale",
            f"{copies}x: per-page time vs 1x (parse+model, render)",
            f"{per_page[0] / base[0]:.2f}x, {per_page[1] / base[1]:.2f}x",
        )


def main() -> None:
    parser = argparse.ArgumentParser(description="codegen benchmarks")
    parser.add_argument("--quick", action="store_true", help="fewer rounds and sizes")
    parser.add_argument("--only", default="request,call,import,size,generation,scale")
    parser.add_argument(
        "--packages",
        metavar="DIR",
        help="generate the packages under test into DIR and keep them (a rerun "
        "regenerates only what changed); default: a temporary folder",
    )
    parser.add_argument("--stage-times", metavar="CORPUS", help=argparse.SUPPRESS)
    parser.add_argument("--rounds", type=int, default=15, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.stage_times:  # the child process of bench_generation
        corpus = CORPUS / args.stage_times
        with tempfile.TemporaryDirectory() as tmp:
            times = stage_times(
                corpus / "docs", corpus_config(corpus), Path(tmp) / "out", args.rounds
            )
        print(json.dumps(times))
        return
    only = set(args.only.split(","))
    print(
        f"python {sys.version.split()[0]} on {os.cpu_count()} cores; figures are medians",
        flush=True,
    )
    with tempfile.TemporaryDirectory() as tmp:
        packages = Path(args.packages or tmp)
        out, dynamodb_out = packages / "sagemaker-2019", packages / "dynamodb"
        if only & {"request", "call", "import", "size"}:
            generate_corpus(SAGEMAKER, out)
        if only & {"call", "size"}:
            generate_corpus(CORPUS / "dynamodb", dynamodb_out)
        if "request" in only:
            bench_request_path(out, args.quick)
        if "call" in only:
            bench_calls(out, dynamodb_out, args.quick)
        if "import" in only:
            bench_import(out, args.quick)
        if "size" in only:
            bench_size(packages, args.quick)
    if "generation" in only:
        bench_generation(args.quick)
    if "scale" in only:
        bench_scale(args.quick)


if __name__ == "__main__":
    main()
