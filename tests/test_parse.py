"""Regression tests for parser fixes found by the conformance check against botocore.

Each page fixture is written for these tests in the reference pages' layout (member
headers as `` ** Name **   <a name=...>``, field lines ending in two spaces)."""

from __future__ import annotations

from codegen.parse import parse_page

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


def test_bold_subheading_in_a_description_does_not_start_a_new_member() -> None:
    page = parse_page("API_Hook.md", "API_Hook.md", DESTINATION_PAGE)
    contents = page.section("Contents")
    assert contents is not None
    assert [m.name for m in contents.members] == ["Target", "Retries"]
    target = contents.members[0]
    type_line = target.field("Type")
    assert type_line is not None and type_line.text == "@API_Endpoint.md object"
    assert "**Destinations**" in target.documentation


def test_error_entries_without_anchors_are_still_entries() -> None:
    page = parse_page("API_Ping.md", "API_Ping.md", ERRORS_PAGE)
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
    page = parse_page("API_Question.md", "API_Question.md", QUERY_PAGE)
    contents = page.section("Contents")
    assert contents is not None
    patterns = [m.field("Pattern") for m in contents.members]
    assert [p.code if p else None for p in patterns] == [
        ("^[a-z\\^_`\\{\\|\\}~]+$",),
        ("^[a-z]+$",),
    ]
