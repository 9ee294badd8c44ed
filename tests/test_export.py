"""Export to botocore's service-2.json format: loadable by botocore, saying what the pages say."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from botocore.model import ServiceModel

from codegen.model.build import build_model
from codegen.output.export import export_service, write_models

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
CORPORA = sorted(p.parent.name for p in CORPUS.glob("*/docs")) if CORPUS.is_dir() else []

CREATE_WIDGET = """\
# CreateWidget<a name="API_CreateWidget"></a>

Creates a widget\\.

## Request Syntax<a name="API_CreateWidget_RequestSyntax"></a>

```
{
   "Mode": "string",
   "Name": "string",
   "Size": number,
   "Tags": [ 
      { 
         "Key": "string",
         "Value": "string"
      }
   ]
}
```

## Request Parameters<a name="API_CreateWidget_RequestParameters"></a>

The request accepts the following data in JSON format\\.

 ** [Mode](#API_CreateWidget_RequestSyntax) **   <a name="Demo-CreateWidget-request-Mode"></a>
How the widget runs\\.  
Type: String  
Valid Values:` Fast | Slow`   
Required: No

 ** [Name](#API_CreateWidget_RequestSyntax) **   <a name="Demo-CreateWidget-request-Name"></a>
The widget's name\\.  
Type: String  
Length Constraints: Minimum length of 1\\. Maximum length of 63\\.  
Pattern: `^[a-zA-Z0-9](-*[a-zA-Z0-9])*`   
Required: Yes

 ** [Size](#API_CreateWidget_RequestSyntax) **   <a name="Demo-CreateWidget-request-Size"></a>
How big it is\\.  
Type: Integer  
Valid Range: Minimum value of 1\\. Maximum value of 100\\.  
Required: No

 ** [Tags](#API_CreateWidget_RequestSyntax) **   <a name="Demo-CreateWidget-request-Tags"></a>
Labels for the widget\\.  
Type: Array of [Tag](API_Tag.md) objects  
Array Members: Minimum number of 0 items\\. Maximum number of 50 items\\.  
Required: No

## Response Syntax<a name="API_CreateWidget_ResponseSyntax"></a>

```
{
   "WidgetArn": "string"
}
```

## Response Elements<a name="API_CreateWidget_ResponseElements"></a>

If the action is successful, the service sends back an HTTP 200 response\\.

The following data is returned in JSON format by the service\\.

 ** [WidgetArn](#API_CreateWidget_ResponseSyntax) **   <a name="Demo-CreateWidget-response-WidgetArn"></a>
The widget's ARN\\.  
Type: String  
Length Constraints: Maximum length of 256\\.

## Errors<a name="API_CreateWidget_Errors"></a>

 ** ResourceLimitExceeded **   
Too many widgets\\.  
HTTP Status Code: 400

## See Also<a name="API_CreateWidget_SeeAlso"></a>

+  [AWS SDK for Python](https://docs.aws.amazon.com/goto/boto3/demo-2020-01-01/CreateWidget) 
"""

TAG = """\
# Tag<a name="API_Tag"></a>

A label\\.

## Contents<a name="API_Tag_Contents"></a>

 ** Key **   <a name="Demo-Type-Tag-Key"></a>
The label's key\\.  
Type: String  
Length Constraints: Minimum length of 1\\. Maximum length of 128\\.  
Required: Yes

 ** Value **   <a name="Demo-Type-Tag-Value"></a>
The label's value\\.  
Type: String  
Length Constraints: Maximum length of 256\\.  
Required: No

## See Also<a name="API_Tag_SeeAlso"></a>

+  [AWS SDK for Python](https://docs.aws.amazon.com/goto/boto3/demo-2020-01-01/Tag) 
"""

CONFIG = """\
[services."demo-2020-01-01"]
target_prefix = "Demo_20200101"
"""


@pytest.fixture
def demo(tmp_path: Path) -> dict[str, Any]:
    (tmp_path / "API_CreateWidget.md").write_text(CREATE_WIDGET, encoding="utf-8")
    (tmp_path / "API_Tag.md").write_text(TAG, encoding="utf-8")
    (tmp_path / "codegen.toml").write_text(CONFIG, encoding="utf-8")
    (service,) = build_model(tmp_path).services
    return export_service(service)


def test_metadata_names_the_service_and_its_json_target(demo: dict[str, Any]) -> None:
    assert demo["version"] == "2.0"
    assert demo["metadata"] == {
        "apiVersion": "2020-01-01",
        "endpointPrefix": "demo",
        "jsonVersion": "1.1",
        "protocol": "json",
        "serviceFullName": "demo-2020-01-01",
        "signatureVersion": "v4",
        "signingName": "demo",
        "targetPrefix": "Demo_20200101",
        "uid": "demo-2020-01-01",
    }


def test_operation_has_http_binding_shapes_and_errors(demo: dict[str, Any]) -> None:
    operation = demo["operations"]["CreateWidget"]
    assert operation["http"] == {"method": "POST", "requestUri": "/"}
    assert operation["input"] == {"shape": "CreateWidgetRequest"}
    assert operation["output"] == {"shape": "CreateWidgetResponse"}
    assert [e["shape"] for e in operation["errors"]] == ["ResourceLimitExceeded"]
    assert operation["documentation"] == "Creates a widget."
    error = demo["shapes"]["ResourceLimitExceeded"]
    assert error["exception"] is True
    assert error["error"] == {
        "code": "ResourceLimitExceeded",
        "httpStatusCode": 400,
        "senderFault": True,
    }


def test_constraints_land_on_the_member_shapes(demo: dict[str, Any]) -> None:
    shapes = demo["shapes"]
    request = shapes["CreateWidgetRequest"]
    assert request["required"] == ["Name"]
    members = {name: shapes[ref["shape"]] for name, ref in request["members"].items()}
    assert members["Name"] == {
        "type": "string",
        "min": 1,
        "max": 63,
        "pattern": "^[a-zA-Z0-9](-*[a-zA-Z0-9])*",
    }
    assert members["Mode"] == {"type": "string", "enum": ["Fast", "Slow"]}
    assert members["Size"] == {"type": "integer", "min": 1, "max": 100}
    assert members["Tags"] == {"type": "list", "member": {"shape": "Tag"}, "min": 0, "max": 50}


def test_data_type_page_becomes_a_documented_structure(demo: dict[str, Any]) -> None:
    tag = demo["shapes"]["Tag"]
    assert tag["type"] == "structure"
    assert tag["required"] == ["Key"]
    assert tag["documentation"] == "A label."
    assert tag["members"]["Key"]["documentation"] == "The label's key."
    assert demo["shapes"][tag["members"]["Value"]["shape"]] == {"type": "string", "max": 256}


def test_botocore_loads_the_export_and_resolves_every_shape(demo: dict[str, Any]) -> None:
    model = ServiceModel(demo)
    operation = model.operation_model("CreateWidget")
    assert operation.input_shape is not None and operation.output_shape is not None
    assert list(operation.input_shape.members) == ["Mode", "Name", "Size", "Tags"]
    tags = operation.input_shape.members["Tags"]
    assert tags.type_name == "list" and tags.member.name == "Tag"
    assert operation.input_shape.required_members == ["Name"]
    assert operation.output_shape.members["WidgetArn"].metadata == {"max": 256}
    assert model.metadata["targetPrefix"] == "Demo_20200101"


def test_write_models_writes_one_sorted_file_per_service(
    demo: dict[str, Any], tmp_path: Path
) -> None:
    (path,) = write_models(build_model(tmp_path), tmp_path / "out")
    assert path.name == "demo-2020-01-01.json"
    text = path.read_text(encoding="utf-8")
    assert text.endswith("}\n")
    assert text == json.dumps(json.loads(text), indent=2, sort_keys=True, ensure_ascii=False) + "\n"
    assert json.loads(text) == demo


@pytest.mark.skipif(not CORPORA, reason="../shared/corpus is not here")
@pytest.mark.parametrize("corpus", CORPORA)
def test_corpus_exports_load_in_botocore(corpus: str) -> None:
    model = build_model(CORPUS / corpus / "docs")
    for service in model.services:
        loaded = ServiceModel(export_service(service))
        assert loaded.metadata["uid"] == service.uid
        assert sorted(loaded.operation_names) == sorted(service.operations)
        for name in loaded.operation_names:
            operation = loaded.operation_model(name)
            for shape in (operation.input_shape, operation.output_shape):
                if shape is not None:
                    assert isinstance(dict(shape.members), dict)
            assert all(e.metadata.get("exception") for e in operation.error_shapes)
        for name in loaded.shape_names:
            loaded.shape_for(name)


@pytest.mark.skipif(not CORPORA, reason="../shared/corpus is not here")
def test_export_writes_the_inferred_idempotency_tokens() -> None:
    """The tokens codegen.model.idempotency infers are in the export, where botocore reads them
    (``OperationModel.idempotent_members``), with the inference recorded in the model."""
    found = 0
    for corpus in CORPORA:
        for service in build_model(CORPUS / corpus / "docs").services:
            loaded = ServiceModel(export_service(service))
            for name, operation in service.operations.items():
                shape = service.shapes.get(operation.input or "")
                members = getattr(shape, "members", ())
                ours = [m.name for m in members if m.idempotency_token]
                assert loaded.operation_model(name).idempotent_members == ours, name
                for member in members:
                    if member.idempotency_token:
                        assert any("idempotency token" in why for why in member.inferred)
                found += len(ours)
    assert found > 0
