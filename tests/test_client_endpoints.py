"""Service settings with no ``codegen.toml``: the AWS service table against boto3.

For every corpus that builds, each service is generated from its pages alone (no
settings) and its client compared with boto3's client of the same service, in a region
of each of the aws, aws-cn and aws-us-gov partitions:

- the default endpoint equals ``boto3...meta.endpoint_url``;
- one request (an operation whose required arguments are strings) goes to the same
  host, with the same SigV4 scope (region and signing name), ``X-Amz-Target`` and
  ``Content-Type`` as the request boto3 sends (captured before it leaves the process).

Also: the table is current for the installed botocore and knows every uid the corpus
pages carry; ``codegen.toml`` overrides the table; a JSON service the table does not know
and the settings do not give a target prefix for is an error naming the setting.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from test_client_wire import CORPORA, CORPUS, write_client_package

from codegen.config import SpecConfig
from codegen.errors import CodegenError
from codegen.model import Service, aws_services
from codegen.model.build import build_model

REGIONS = ("us-east-1", "eu-west-1", "cn-north-1", "us-gov-west-1")


@dataclass(frozen=True)
class Generated:
    corpus: str
    service: Service
    package: str
    botocore_name: str
    """botocore's name of the service (its data folder), found by the model's uid."""
    model: dict[str, Any]


def building_corpora() -> Iterator[tuple[str, list[Service]]]:
    """Each corpus whose pages build with no settings, and its services."""
    for corpus in CORPORA:
        try:
            model = build_model(CORPUS / corpus / "docs", config=SpecConfig())
        except CodegenError:
            continue  # not buildable yet: picked up as soon as it is
        yield corpus, list(model.services)


def _botocore_folders(corpus: str) -> dict[str, tuple[str, dict[str, Any]]]:
    found = {}
    for path in sorted((CORPUS / corpus / "botocore").glob("*/service-2.json")):
        model = json.loads(path.read_text(encoding="utf-8"))
        found[model["metadata"]["uid"]] = (path.parent.name, model)
    return found


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> list[Generated]:
    if not CORPORA:
        pytest.skip("no corpus at ../shared/corpus")
    root = tmp_path_factory.mktemp("endpoint_packages")
    result = []
    for corpus, services in building_corpora():
        folders = _botocore_folders(corpus)
        for service in services:
            if service.uid not in folders or aws_services.lookup(service.uid) is None:
                continue  # botocore (installed) no longer ships it: no boto3 to compare with
            package = f"ep_{corpus.replace('-', '_')}_{service.config.package}"
            renamed = write_client_package(service, root, package)
            name, model = folders[service.uid]
            result.append(Generated(corpus, renamed, package, name, model))
    sys.path.insert(0, str(root))
    assert result, "no corpus builds"
    return result


def _boto3_client(name: str, region: str) -> Any:
    import boto3

    return boto3.session.Session().client(
        name, region_name=region, aws_access_key_id="AK", aws_secret_access_key="SK"
    )


def _our_client(package: str, region: str, transport: Any = None) -> Any:
    client_module = __import__(f"{package}.client", fromlist=["Client"])
    return client_module.Client(
        region, access_key="AK", secret_key="SK", transport=transport, validation="off"
    )


def test_default_endpoint_equals_boto3(generated: list[Generated]) -> None:
    compared, wrong = 0, []
    for item in generated:
        for region in REGIONS:
            theirs = _boto3_client(item.botocore_name, region).meta.endpoint_url
            ours = _our_client(item.package, region).endpoint_url
            compared += 1
            if ours != theirs:
                wrong.append(f"{item.corpus}/{item.service.uid} {region}: {ours} != {theirs}")
    print(f"\ndefault endpoints: {compared - len(wrong)}/{compared} equal boto3's")
    assert not wrong, "\n".join(wrong)
    assert compared == len(generated) * len(REGIONS)


def test_endpoint_url_still_overrides(generated: list[Generated]) -> None:
    item = generated[0]
    client_module = __import__(f"{item.package}.client", fromlist=["Client"])
    client = client_module.Client(
        "cn-north-1", endpoint_url="http://127.0.0.1:9", access_key="AK", secret_key="SK"
    )
    assert client.endpoint_url == "http://127.0.0.1:9"


class _Captured(Exception):
    pass


def _simple_operation(item: Generated) -> tuple[str, dict[str, Any]] | None:
    """An operation whose required arguments (botocore's) are all strings or blobs, and
    those arguments: the request is about where it goes, not what it says."""
    shapes = item.model["shapes"]
    candidates = []
    for name in sorted(item.service.operations):
        theirs = item.model["operations"].get(name)
        if theirs is None:
            continue
        their_input = shapes.get(theirs.get("input", {}).get("shape", ""), {})
        params: dict[str, Any] = {}
        for member in their_input.get("required", []):
            shape = shapes[their_input["members"][member]["shape"]]
            if shape["type"] not in ("string", "blob"):
                break
            text = "x" * max(1, shape.get("min", 1))
            params[member] = text if shape["type"] == "string" else text.encode()
        else:
            candidates.append((len(params), name, params))
    return min(candidates)[1:] if candidates else None


def _scope(headers: Any) -> tuple[str, ...]:
    authorization = {k.lower(): v for k, v in dict(headers).items()}["authorization"]
    if isinstance(authorization, bytes):
        authorization = authorization.decode()
    match = re.search(r"Credential=[^/]+/\d{8}/([^/]+)/([^/]+)/aws4_request", authorization)
    assert match, authorization
    return match.groups()


def test_requests_go_where_boto3_sends_them(generated: list[Generated]) -> None:
    compared, skipped, wrong = 0, [], []
    for item in generated:
        found = _simple_operation(item)
        if found is None:
            skipped.append(f"{item.corpus}/{item.service.uid}")
            continue
        operation, params = found
        for region in REGIONS:
            boto = _boto3_client(item.botocore_name, region)
            sent: list[Any] = []

            def capture(request: Any, sent: list[Any] = sent, **_: Any) -> None:
                sent.append(request)
                raise _Captured

            boto.meta.events.register("before-send", capture)
            from botocore import xform_name

            with pytest.raises(_Captured):
                getattr(boto, xform_name(operation))(**params)
            theirs = sent[0]
            transport_module = __import__(f"{item.package}._runtime.transport", fromlist=["x"])
            transport = transport_module.FakeTransport(
                handler=lambda request, m=transport_module: m.json_response(200, {})
            )
            client = _our_client(item.package, region, transport)
            method = next(
                v.method for v in _client_view(item.service).operations if v.name == operation
            )
            op = item.service.operations[operation]
            if op.input is None:
                getattr(client, method)()
            else:
                shapes_module = __import__(f"{item.package}.shapes", fromlist=["x"])
                request = getattr(shapes_module, op.input).from_dict(params, mode="off")
                getattr(client, method)(request)
            ours = transport.requests[0]
            headers = ("x-amz-target", "content-type")
            our_headers = {k.lower(): v for k, v in ours.headers.items()}
            their_headers = {k.lower(): _text(v) for k, v in theirs.headers.items()}
            facts = [
                ("host", urlsplit(ours.url).netloc, urlsplit(theirs.url).netloc),
                ("scope", _scope(ours.headers), _scope(theirs.headers)),
                *((h, our_headers.get(h), their_headers.get(h)) for h in headers),
            ]
            compared += 1
            for fact, mine, boto_value in facts:
                if mine != boto_value:
                    wrong.append(
                        f"{item.corpus}/{item.service.uid} {operation} {region} {fact}: "
                        f"ours {mine!r}, boto3 {boto_value!r}"
                    )
    print(
        f"\nrequests compared with boto3's: {compared}; no operation with only string arguments: {skipped}"
    )
    assert not wrong, "\n".join(wrong)
    assert compared >= len(REGIONS) * (len(generated) - len(skipped)) > 0


def _text(value: Any) -> Any:
    return value.decode() if isinstance(value, bytes) else value


def _client_view(service: Service) -> Any:
    from codegen.views import view_service

    return view_service(service).client


# ---------------------------------------------------------------------------------------
# The table itself, and precedence.


def test_table_is_current_for_installed_botocore() -> None:
    import botocore

    from codegen.tools import aws_table

    if aws_services.source() != f"botocore {botocore.__version__}":
        pytest.skip(f"table from {aws_services.source()}, botocore {botocore.__version__}")
    assert aws_table.main(["--check"]) == 0


def test_table_knows_every_uid_the_corpus_pages_carry() -> None:
    if not CORPORA:
        pytest.skip("no corpus at ../shared/corpus")
    uids = set()
    for corpus in CORPORA:
        for page in (CORPUS / corpus / "docs").glob("API_*.md"):
            uids |= set(re.findall(r"goto/boto3/([A-Za-z0-9.\-]+)/", page.read_text("utf-8")))
    missing = sorted(u for u in uids if aws_services.lookup(u) is None)
    print(f"\nuids the pages carry: {len(uids)}; not in the table: {missing}")
    assert uids
    # What the table lacks, botocore lacks too (a service AWS has retired since).
    import botocore

    data = Path(botocore.__file__).resolve().parent / "data"
    for uid in missing:
        name = re.sub(r"^(runtime|models|streams)[.-]|[.-]?(v2)?-\d{4}-\d{2}-\d{2}$", "", uid)
        assert not list(data.glob(f"{name}*/*/service-2.json.gz")), uid


DEMO_PAGE = """# ListWidgets<a name="API_ListWidgets"></a>

Lists widgets\\.

## Request Syntax<a name="API_ListWidgets_RequestSyntax"></a>

```
{
   "NextToken": "string"
}
```

## Request Parameters<a name="API_ListWidgets_RequestParameters"></a>

 ** NextToken **   <a name="demo-ListWidgets-request-NextToken"></a>
A token\\.  
Type: String  
Required: No

## Response Syntax<a name="API_ListWidgets_ResponseSyntax"></a>

```
{
   "NextToken": "string"
}
```

## Response Elements<a name="API_ListWidgets_ResponseElements"></a>

 ** NextToken **   <a name="demo-ListWidgets-response-NextToken"></a>
A token\\.  
Type: String

## See Also<a name="API_ListWidgets_SeeAlso"></a>

+  [AWS SDK for Python](https://docs.aws.amazon.com/goto/boto3/UID/ListWidgets)
"""


def _spec(tmp_path: Path, uid: str, toml: str = "") -> Path:
    (tmp_path / "API_ListWidgets.md").write_text(DEMO_PAGE.replace("UID", uid), "utf-8")
    if toml:
        (tmp_path / "codegen.toml").write_text(toml, "utf-8")
    return tmp_path


def test_unknown_json_service_without_target_prefix_is_an_error(tmp_path: Path) -> None:
    from codegen.config import load_config

    spec = _spec(tmp_path, "widgets-2020-01-01")
    with pytest.raises(CodegenError) as raised:
        build_model(spec, config=load_config(spec))
    message = str(raised.value)
    assert "target_prefix" in message and '[services."widgets-2020-01-01"]' in message


def test_settings_come_from_the_table_and_codegen_toml_overrides(tmp_path: Path) -> None:
    from codegen.config import load_config

    spec = _spec(tmp_path, "sagemaker-2017-07-24")
    (service,) = build_model(spec, config=load_config(spec)).services
    entry = aws_services.lookup("sagemaker-2017-07-24")
    assert entry is not None
    config = service.config
    assert (config.target_prefix, config.endpoint_prefix) == (
        entry["target_prefix"],
        entry["endpoint_prefix"],
    )
    assert config.origin("target_prefix") == aws_services.origin()
    assert config.origin("package") == "default"

    other = tmp_path / "override"
    other.mkdir()
    _spec(
        other, "sagemaker-2017-07-24", '[services."sagemaker-2017-07-24"]\njson_version = "9.9"\n'
    )
    (service,) = build_model(other, config=load_config(other)).services
    assert service.config.json_version == "9.9"
    assert service.config.origin("json_version") == "codegen.toml"
    assert service.config.origin("target_prefix") == aws_services.origin()


def test_generated_resolver_reproduces_botocore_rule_sets_for_every_service(
    generated: list[Generated],
) -> None:
    """The compact table, read by the generated client's ``default_endpoint``, gives the
    URL and signing region botocore's endpoint rule set gives (the host boto3 sends to),
    for every service in botocore's data folder and every region of every partition."""
    import dataclasses
    import gzip

    import botocore
    from botocore.endpoint_provider import EndpointProvider
    from botocore.exceptions import EndpointProviderError

    if aws_services.source() != f"botocore {botocore.__version__}":
        pytest.skip(f"table from {aws_services.source()}, botocore {botocore.__version__}")
    base = __import__(f"{generated[0].package}._client_base", fromlist=["x"])
    data = Path(botocore.__file__).resolve().parent / "data"
    partitions = json.loads((data / "partitions.json").read_text("utf-8"))
    table = json.loads(aws_services.TABLE.read_text("utf-8"))
    compared, wrong = 0, []
    for uid, entry in table["services"].items():
        rules = sorted((data / entry["service"]).glob("*/endpoint-rule-set-1.json.gz"))
        if not rules or "endpoint" not in entry:
            continue
        ruleset = json.loads(gzip.decompress(rules[-1].read_bytes()))
        provider = EndpointProvider(ruleset, partitions)
        endpoints = aws_services.endpoints(entry, entry["endpoint_prefix"])
        info = base.ServiceInfo(
            protocol="json",
            signing_name="x",
            endpoint_prefix=entry["endpoint_prefix"],
            endpoints=tuple(base.PartitionEndpoint(**dataclasses.asdict(e)) for e in endpoints),
        )
        for partition in table["partitions"].values():
            for region in partition["regions"]:
                params = {"Region": region, "UseFIPS": False}
                for name, spec in ruleset["parameters"].items():
                    if spec.get("builtIn") == "AWS::UseDualStack":
                        params[name] = False
                    elif spec.get("builtIn") == "AWS::S3::UseGlobalEndpoint":
                        params[name] = region == "us-east-1"
                    elif spec.get("builtIn") == "AWS::STS::UseGlobalEndpoint":
                        params[name] = False
                try:
                    resolved = provider.resolve_endpoint(**params)
                except EndpointProviderError:
                    continue
                signing = region
                for scheme in resolved.properties.get("authSchemes", []):
                    if scheme.get("name") == "sigv4":
                        signing = scheme.get("signingRegion", region)
                theirs = (resolved.url.rstrip("/"), signing)
                ours = base.default_endpoint(info, region)
                compared += 1
                if ours != theirs:
                    wrong.append(f"{uid} {region}: ours {ours}, botocore {theirs}")
    print(f"\n(service, region) endpoints compared with botocore's rule sets: {compared}")
    assert not wrong, "\n".join(wrong[:50])
    assert compared > 10_000


def test_generated_docs_list_each_setting_and_its_origin(tmp_path: Path) -> None:
    from codegen.config import load_config
    from codegen.render.docs import render_docs
    from codegen.views import view_service

    spec = _spec(
        tmp_path, "sagemaker-2017-07-24", '[services."sagemaker-2017-07-24"]\npackage = "sm"\n'
    )
    (service,) = build_model(spec, config=load_config(spec)).services
    files = render_docs(view_service(service))
    index_md = next(text for path, text in files.items() if path.endswith("index.md"))
    index_html = next(text for path, text in files.items() if path.endswith("index.html"))
    table = aws_services.origin()
    assert "| package | `sm` | codegen.toml |" in index_md
    assert f"| target\\_prefix | `SageMaker` | {table} |" in index_md
    assert (
        f"| endpoint (aws-cn) | `https://api.sagemaker.<region>.amazonaws.com.cn` | {table} |"
        in (index_md)
    )
    assert "<td>target_prefix</td><td><code>SageMaker</code></td>" in index_html


def test_table_key_is_the_uid_else_the_service_and_api_version() -> None:
    from codegen.tools.aws_table import table_key

    assert table_key("sagemaker-runtime", {"uid": "runtime.sagemaker-2017-05-13"}) == (
        "runtime.sagemaker-2017-05-13"
    )
    assert table_key("importexport", {"apiVersion": "2010-06-01"}) == "importexport-2010-06-01"


def test_operations_aws_takes_unsigned_bodies_for_send_unsigned_payload(
    tmp_path: Path,
) -> None:
    """botocore signs PostContent's body as UNSIGNED-PAYLOAD over HTTPS (its model's
    ``authtype: v4-unsigned-body``); the pages never say so, the table does."""
    if "lexv1" not in CORPORA:
        pytest.skip("no lexv1 corpus")
    (runtime,) = [
        s
        for s in build_model(CORPUS / "lexv1" / "docs", config=SpecConfig()).services
        if s.uid == "runtime.lex-2016-11-28"
    ]
    assert runtime.config.unsigned_payload == ("PostContent",)
    write_client_package(runtime, tmp_path, "unsigned_lex")
    sys.path.insert(0, str(tmp_path))
    try:
        package = __import__("unsigned_lex", fromlist=["client"])
        wire = __import__("unsigned_lex._runtime.transport", fromlist=["FakeTransport"])
        transport = wire.FakeTransport(handler=lambda r: wire.HttpResponse(200, {}, b""))
        client = package.client.Client(
            region="us-east-1", access_key="AKID", secret_key="secret", transport=transport
        )
        client.post_content(
            bot_name="b",
            bot_alias="a",
            user_id="user-1",
            content_type="audio/l16; rate=16000; channels=1",
            input_stream=iter([b"chunk-1", b"chunk-2"]),
        )
        client.put_session(bot_name="b", bot_alias="a", user_id="user-1")
    finally:
        sys.path.remove(str(tmp_path))
    post, put = ({k.lower(): v for k, v in r.headers.items()} for r in transport.requests)
    assert post["x-amz-content-sha256"] == "UNSIGNED-PAYLOAD"
    assert "UNSIGNED-PAYLOAD" not in put.get("x-amz-content-sha256", "")


def test_a_service_given_no_signing_name_signs_with_its_endpoint_prefix_as_botocore() -> None:
    # botocore's rule (ServiceModel.signing_name): the model's signingName, else its
    # endpointPrefix; EventBridge signs as "events", Kinesis Video Signaling as
    # "kinesisvideo". Checked on every table entry without a signing name of its own.
    import gzip

    import botocore
    from botocore.model import ServiceModel

    from codegen.errors import Diagnostics
    from codegen.model.service_settings import api_version, service_config

    if aws_services.source() != f"botocore {botocore.__version__}":
        pytest.skip(f"table from {aws_services.source()}, botocore {botocore.__version__}")
    data = Path(botocore.__file__).resolve().parent / "data"
    services = json.loads(aws_services.TABLE.read_text("utf-8"))["services"]
    checked = []
    for uid, entry in services.items():
        model_file = data / entry["service"] / api_version(uid) / "service-2.json.gz"
        if "signing_name" in entry or not model_file.is_file():
            continue
        model = ServiceModel(json.loads(gzip.decompress(model_file.read_bytes())))
        protocol = aws_services.protocol(entry) or "json"
        config = service_config(uid, uid, protocol, SpecConfig(), Diagnostics(), [])
        assert config.signing_name == model.signing_name, uid
        checked.append(uid)
    assert "eventbridge-2015-10-07" in checked and len(checked) > 50


MEDIA_INDEX = """# Amazon Kinesis Video Streams Media<a name="API_Operations_Media"></a>

The following actions are supported by Amazon Kinesis Video Streams Media:
+  [ListWidgets](API_ListWidgets.md)
"""


def test_a_uid_the_table_lacks_takes_the_entry_its_name_and_version_point_to(
    tmp_path: Path,
) -> None:
    # The Kinesis Video Media pages link with kinesis-video-data-2017-09-30; botocore calls
    # the service kinesis-video-media-2017-09-30. Its settings are botocore's, with a warning.
    import gzip

    import botocore
    from botocore.model import ServiceModel

    from codegen.config import load_config

    spec = _spec(tmp_path, "kinesis-video-data-2017-09-30")
    (spec / "API_Operations_Media.md").write_text(MEDIA_INDEX, "utf-8")
    model = build_model(spec, config=load_config(spec))
    (service,) = model.services
    data = Path(botocore.__file__).resolve().parent / "data" / "kinesis-video-media"
    (model_file,) = data.glob("2017-09-30/service-2.json.gz")
    botocore_model = ServiceModel(json.loads(gzip.decompress(model_file.read_bytes())))
    config = service.config
    assert (config.endpoint_prefix, config.signing_name, config.service_id) == (
        botocore_model.endpoint_prefix,
        botocore_model.signing_name,
        botocore_model.service_id,
    )
    (warning,) = [d for d in model.diagnostics if d.kind == "service-uid-unknown"]
    assert "kinesis-video-media-2017-09-30" in warning.message
    assert warning.location.file.endswith("API_ListWidgets.md")

    # Where codegen.toml speaks for the uid, its settings and the uid's defaults rule.
    configured = tmp_path / "configured"
    configured.mkdir()
    toml = '[services."kinesis-video-data-2017-09-30"]\nprotocol = "rest-json"\n'
    _spec(configured, "kinesis-video-data-2017-09-30", toml)
    (service,) = build_model(configured, config=load_config(configured)).services
    assert service.config.endpoint_prefix == "kinesis-video-data"


def test_a_uid_the_table_lacks_takes_no_entry_unless_one_fits_alone() -> None:
    find = aws_services.lookup_by_name
    assert find("widgets-2017-09-30", "Acme Widgets") is None  # no AWS service's words
    assert find("media-2017-09-30", "Media") is None  # no entry of two words or more fits
    # One word is too little: Transcribe Streaming is no JSON "Transcribe" service.
    assert find("transcribe-streaming-2017-10-26", "Amazon Transcribe Streaming Service") is None
    assert find("kinesis-video-2099-01-01", "Amazon Kinesis Video") is None  # no such version
    found = find("kinesis-video-reader-data-2017-09-30", "Kinesis Video Streams Archived Media")
    assert found is not None and found[0] == "kinesis-video-archived-media-2017-09-30"


@pytest.mark.parametrize(
    ("uid", "spoken"), [("sts-2011-06-15", "query"), ("s3-2006-03-01", "rest-xml")]
)
def test_an_aws_service_of_another_protocol_is_a_located_error(
    tmp_path: Path, uid: str, spoken: str
) -> None:
    # Read as JSON or REST-JSON from its pages, its client would send what it cannot read.
    from codegen.config import load_config

    spec = _spec(tmp_path, uid)
    with pytest.raises(CodegenError) as raised:
        build_model(spec, config=load_config(spec))
    (error,) = raised.value.diagnostics
    assert error.location.file.endswith("API_ListWidgets.md")
    assert f"speaks {spoken};" in error.message and "no correct client" in error.message
