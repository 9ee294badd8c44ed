"""Regression tests for parser fixes found by the conformance check against botocore.

Each page fixture is written for these tests in the reference pages' layout (member
headers as `` ** Name **   <a name=...>``, field lines ending in two spaces)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from pages import member, type_page, write_pages

from codegen.model import Member, PrimitiveShape, Service, StructureShape
from codegen.model.build import build_model
from codegen.parse import PARALLEL_THRESHOLD, parse_page, read_pages

DESTINATION_PAGE = """\
# Hook<a name="API_Hook"></a>

Where a hook sends its events\\.

## Contents<a name="API_Hook_Contents"></a>

 ** Target **   <a name="Demo-Type-Hook-Target"></a>
Where events go after processing\\.  

**Destinations**
+  **Queue** \\- The ARN of a queue\\.
+  **Topic** \\- The ARN of a topic\\.
Type: [Endpoint](API_Endpoint.md) object  
Required: No

 ** Retries **   <a name="Demo-Type-Hook-Retries"></a>
How often to try again\\.  
Type: Integer  
Required: No
"""

ERRORS_PAGE = """\
# Ping<a name="API_Ping"></a>

Checks the service\\.

## Request Syntax<a name="API_Ping_RequestSyntax"></a>

```
{}
```

## Errors<a name="API_Ping_Errors"></a>

 ** ServiceException **   
The service failed\\.  
HTTP Status Code: 500

**ResourceNotFound**   
There is no such thing\\.  
HTTP Status Code: 404
"""


RESPONSE_PAGE = """\
# GetThing<a name="API_GetThing"></a>

Gets a thing\\.

## Response Elements<a name="API_GetThing_ResponseElements"></a>

If the action is successful, the service sends back an HTTP 200 response\\.

The response returns the following HTTP headers\\.

 ** [ContentType](#API_GetThing_ResponseSyntax) **   <a name="x-GetThing-response-ContentType"></a>
The type of the content\\.  
Length Constraints: Minimum length of 1\\.

 ** [Mode](#API_GetThing_ResponseSyntax) **   <a name="x-GetThing-response-Mode"></a>
The mode, one of the following:

+ Fast
+ Slow

The response returns the following as the HTTP body\\.

 ** [Payload](#API_GetThing_ResponseSyntax) **   <a name="x-GetThing-response-Payload"></a>
The content\\.
"""


def test_a_sections_lead_sentence_after_an_entry_is_not_the_members_description() -> None:
    # "The response returns the following ..." announces the next entries (headers, body).
    page, _ = parse_page("API_GetThing.md", "API_GetThing.md", RESPONSE_PAGE)
    section = page.section("Response Elements")
    assert section is not None
    docs = {m.name: m.documentation for m in section.members}
    assert docs == {
        "ContentType": "The type of the content.",
        "Mode": "The mode, one of the following:\n\n+ Fast\n+ Slow",
        "Payload": "The content.",
    }


NEWER_STYLE_PAGE = """\
---
title: "Node"
---

# Node
<a name="API_Node"></a>

A node of a tree.

## Contents
<a name="API_Node_Contents"></a>

 ** Children **   <a name="Demo-Type-Node-Children"></a>
The node's children.
Type: Array of [Node](#API_Node) objects
Required: No

## See Also
<a name="API_Node_SeeAlso"></a>

+  [AWS SDK for Python](https://docs.aws.amazon.com/goto/boto3/demo-2020-01-01/Node)
"""


def test_the_newer_page_style_front_matter_and_anchors_below_headings_is_read(
    tmp_path: Path,
) -> None:
    # Newer pages start with YAML front matter and put each heading's anchor on the line
    # below it: neither is anyone's description, and the page's anchor is still its own.
    page, slips = parse_page("API_Node.md", "API_Node.md", NEWER_STYLE_PAGE)
    assert (page.title, page.anchor, page.documentation) == (
        "Node",
        "API_Node",
        "A node of a tree.",
    )
    assert page.source.line == 5 and slips == ()
    contents = page.section("Contents")
    assert contents is not None and contents.prose == ""
    (children,) = contents.members
    assert (
        children.source.line
        == NEWER_STYLE_PAGE.split("\n").index(
            ' ** Children **   <a name="Demo-Type-Node-Children"></a>'
        )
        + 1
    )
    model = build_model(write_pages(tmp_path, {"Node": NEWER_STYLE_PAGE}))
    assert model.diagnostics == ()
    node = model.services[0].shapes["Node"]
    assert isinstance(node, StructureShape)
    (member,) = node.members
    children_list = model.services[0].shapes[member.target]
    assert getattr(children_list, "member", None) == "Node"  # the self-link resolved


NEWER_STYLE_REST_PAGE = """\
---
source_url: https://example.com/API_GetThing.html
---

# GetThing
<a name="API_GetThing"></a>

Gets a thing.

## Request Syntax
<a name="API_GetThing_RequestSyntax"></a>

```
GET /things/{{ThingName}}?Qualifier={{Qualifier}} HTTP/1.1
X-Amz-Log-Type: {{LogType}}
```

## URI Request Parameters
<a name="API_GetThing_RequestParameters"></a>

 ** [ThingName](#API_GetThing_RequestSyntax) **   <a name="demo-GetThing-request-uri-ThingName"></a>
The thing.
Required: Yes

 ** [Qualifier](#API_GetThing_RequestSyntax) **   <a name="demo-GetThing-request-uri-Qualifier"></a>
The alias.

 ** [LogType](#API_GetThing_RequestSyntax) **   <a name="demo-GetThing-request-uri-LogType"></a>
The log.

## Response Syntax
<a name="API_GetThing_ResponseSyntax"></a>

```
HTTP/1.1 200
X-Amz-Version: {{Version}}
Content-type: application/json

{
   "Count": {{number}},
   "Enabled": {{boolean}}
}
```

## Response Elements
<a name="API_GetThing_ResponseElements"></a>

 ** [Version](#API_GetThing_ResponseSyntax) **   <a name="demo-GetThing-response-Version"></a>
The version.

 ** [Count](#API_GetThing_ResponseSyntax) **   <a name="demo-GetThing-response-Count"></a>
How many.

 ** [Enabled](#API_GetThing_ResponseSyntax) **   <a name="demo-GetThing-response-Enabled"></a>
Whether it is on.

## See Also
<a name="API_GetThing_SeeAlso"></a>

+  [AWS SDK for Python](https://docs.aws.amazon.com/goto/boto3/demo-2020-01-01/GetThing)
"""


def test_the_newer_pages_placeholders_in_braces_bind_as_the_older_bare_words(
    tmp_path: Path,
) -> None:
    # Newer pages write "{{ThingName}}" and "{{number}}" where older ones write the word.
    model = build_model(write_pages(tmp_path, {"GetThing": NEWER_STYLE_REST_PAGE}))
    (service,) = model.services
    operation = service.operations["GetThing"]
    assert (operation.http.method, operation.http.request_uri) == ("GET", "/things/{ThingName}")
    bindings = {
        m.name: (m.location, m.location_name)
        for shape in (operation.input, operation.output)
        for m in service.shapes[shape or ""].members  # type: ignore[union-attr]
    }
    assert bindings == {
        "ThingName": ("uri", "ThingName"),
        "Qualifier": ("querystring", "Qualifier"),
        "LogType": ("header", "X-Amz-Log-Type"),
        "Version": ("header", "X-Amz-Version"),
        "Count": ("body", None),
        "Enabled": ("body", None),
    }
    response = service.shapes[operation.output or ""]
    kinds = {m.name: getattr(service.shapes[m.target], "kind", "") for m in response.members}  # type: ignore[union-attr]
    assert (kinds["Count"], kinds["Enabled"]) == ("double", "boolean")


def test_bold_subheading_in_a_description_does_not_start_a_new_member() -> None:
    page, _ = parse_page("API_Hook.md", "API_Hook.md", DESTINATION_PAGE)
    contents = page.section("Contents")
    assert contents is not None
    assert [m.name for m in contents.members] == ["Target", "Retries"]
    target = contents.members[0]
    type_line = target.field("Type")
    assert type_line is not None and type_line.text == "@API_Endpoint.md object"
    assert "**Destinations**" in target.documentation


def test_error_entries_without_anchors_are_still_entries() -> None:
    page, _ = parse_page("API_Ping.md", "API_Ping.md", ERRORS_PAGE)
    errors = page.section("Errors")
    assert errors is not None
    assert [(e.name, e.anchor) for e in errors.members] == [
        ("ServiceException", None),
        ("ResourceNotFound", None),
    ]


QUERY_PAGE = """\
# Question<a name="API_Question"></a>

A question to ask\\.

## Contents<a name="API_Question_Contents"></a>

 ** Text **   <a name="Demo-Type-Question-Text"></a>
The question\\.  
Type: String  
Pattern: `^[a-z\\^_`\\{\\|\\}~]+$`   
Required: Yes

 ** Alias **   <a name="Demo-Type-Question-Alias"></a>
A short name\\.  
Type: String  
Pattern: `^[a-z]+$`   
Required: No
"""


def test_pattern_holding_an_unescaped_backtick_is_read_to_the_last_backtick() -> None:
    page, _ = parse_page("API_Question.md", "API_Question.md", QUERY_PAGE)
    contents = page.section("Contents")
    assert contents is not None
    patterns = [m.field("Pattern") for m in contents.members]
    assert [p.code if p else None for p in patterns] == [
        ("^[a-z\\^_`\\{\\|\\}~]+$",),
        ("^[a-z]+$",),
    ]


UPLOAD_PAGE = """\
# Upload<a name="API_Upload"></a>

Stores some bytes\\.

## Request Syntax<a name="API_Upload_RequestSyntax"></a>

```
POST /items/ItemName/content HTTP/1.1
Content-Type: ContentType

Body
```

## URI Request Parameters<a name="API_Upload_RequestParameters"></a>

The request uses the following URI parameters\\.

 ** [ContentType](#API_Upload_RequestSyntax) **   <a name="Demo-Upload-request-ContentType"></a>
The MIME type of the body\\.  
Length Constraints: Maximum length of 1024\\.

 ** [ItemName](#API_Upload_RequestSyntax) **   <a name="Demo-Upload-request-ItemName"></a>
The item to store the bytes in\\.  
Length Constraints: Maximum length of 63\\.  
Pattern: `^[a-z]+$`

## Request Body<a name="API_Upload_RequestBody"></a>

The request accepts the following binary data\\.

 ** [Body](#API_Upload_RequestSyntax) **   <a name="Demo-Upload-request-Body"></a>
The bytes\\.  
Length Constraints: Maximum length of 5242880\\.

## Response Syntax<a name="API_Upload_ResponseSyntax"></a>

```
HTTP/1.1 200
```

## See Also<a name="API_Upload_SeeAlso"></a>

+  [AWS SDK for Python](https://docs.aws.amazon.com/goto/boto3/demo-2020-01-01/Upload) 
"""


def _upload(tmp_path: Path) -> tuple[Service, dict[str, Member]]:
    (tmp_path / "API_Upload.md").write_text(UPLOAD_PAGE, encoding="utf-8")
    (service,) = build_model(tmp_path).services
    request = service.shapes["UploadRequest"]
    assert isinstance(request, StructureShape)
    return service, {m.name: m for m in request.members}


def test_whole_body_member_without_type_line_is_binary_despite_length_constraint(
    tmp_path: Path,
) -> None:
    service, members = _upload(tmp_path)
    body = members["Body"]
    assert body.payload
    shape = service.shapes[body.target]
    assert isinstance(shape, PrimitiveShape)
    assert (shape.kind, shape.constraints.max_length) == ("blob", 5242880)


def test_path_label_without_required_line_is_required_and_says_so(tmp_path: Path) -> None:
    _, members = _upload(tmp_path)
    item = members["ItemName"]
    assert (item.location, item.required) == ("uri", True)
    assert any("label of the request path" in note for note in item.inferred)
    assert not members["ContentType"].required


LIST_TAGS_PAGE = """\
# ListLabels<a name="API_ListLabels"></a>

Lists the labels of a resource\\.

## Request Syntax<a name="API_ListLabels_RequestSyntax"></a>

```
GET /labels/ARN HTTP/1.1
```

## URI Request Parameters<a name="API_ListLabels_RequestParameters"></a>

The request uses the following URI parameters\\.

 ** [ARN](#API_ListLabels_RequestSyntax) **   <a name="Demo-ListLabels-request-Resource"></a>
The resource's ARN\\.  
Pattern: `arn:[a-z]+`   
Required: Yes

## Request Body<a name="API_ListLabels_RequestBody"></a>

The request does not have a request body\\.

## See Also<a name="API_ListLabels_SeeAlso"></a>

+  [AWS SDK for Python](https://docs.aws.amazon.com/goto/boto3/demo-2020-01-01/ListLabels) 
"""


def test_uri_parameter_printed_as_its_label_takes_the_member_name_from_its_anchor(
    tmp_path: Path,
) -> None:
    (tmp_path / "API_ListLabels.md").write_text(LIST_TAGS_PAGE, encoding="utf-8")
    (service,) = build_model(tmp_path).services
    request = service.shapes["ListLabelsRequest"]
    assert isinstance(request, StructureShape)
    assert [(m.name, m.location, m.location_name) for m in request.members] == [
        ("Resource", "uri", "ARN")
    ]
    assert service.operations["ListLabels"].http.request_uri == "/labels/{ARN}"


def test_sdk_link_defined_by_reference_still_names_the_service() -> None:
    # The SDK-link scan skips text without "goto"; a link whose target is defined
    # elsewhere on the page has no "goto" where it is used.
    page, _ = parse_page(
        "API_Ping.md",
        "API_Ping.md",
        "# Ping\n\nSee [AWS SDK for Python][boto3]\\.\n\n"
        "[boto3]: http://docs.aws.amazon.com/goto/boto3/demo-2020-01-01/Ping\n",
    )
    assert page.sdk_uids == ("demo-2020-01-01",)


def test_pages_parsed_on_two_processes_equal_pages_parsed_on_one(
    tmp_path: Path,
) -> None:
    count = PARALLEL_THRESHOLD + 8
    for n in range(count):
        text = type_page(f"Shape{n}", member("Size", "Type: Integer", "Required: No"))
        (tmp_path / f"API_Shape{n}.md").write_text(text, encoding="utf-8")
    (tmp_path / "API_Broken.md").write_bytes(b"# Broken\n\n\xff\n")
    (tmp_path / "API_Folder.md").mkdir()
    (tmp_path / "API_Untitled.md").write_text("no title here\n", encoding="utf-8")

    one = read_pages(tmp_path, workers=1)
    two = read_pages(tmp_path, workers=2)

    # The broken and untitled pages are read with a warning; the folder is an error.
    assert len(one[0]) == count + 2
    assert two == one
    assert [(Path(d.location.file).name, d.location.line, d.severity) for d in two[1]] == [
        ("API_Broken.md", 3, "warning"),
        ("API_Folder.md", 1, "error"),
        ("API_Untitled.md", 1, "warning"),
    ]


def test_asking_whether_workers_fork_leaves_the_start_method_to_the_caller() -> None:
    # set_start_method raises once the method is fixed; callers may still want to set it.
    script = (
        "import multiprocessing as mp\n"
        "from codegen.pool import workers_are_forks\n"
        "workers_are_forks()\n"
        "mp.set_start_method('spawn')\n"
        "print(workers_are_forks())\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        check=True,
        cwd=Path(__file__).resolve().parents[1],
    )
    assert result.stdout.strip() == "False"
