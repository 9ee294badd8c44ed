"""Small reference pages in the docs' format, for tests. Written for these tests."""

from __future__ import annotations

from pathlib import Path

SEE_ALSO = """
## See Also<a name="API_{name}_SeeAlso"></a>

For more information about using this API in one of the language\\-specific AWS SDKs, see the following:
+  [AWS SDK for Python](http://docs.aws.amazon.com/goto/boto3/{uid}/{name}) 
"""


def member(name: str, *lines: str, description: str = "", owner: str = "Widget") -> str:
    """A member entry: bold name with anchor, optional description, then field lines."""
    body = [f' **{name}**   <a name="Demo-Type-{owner}-{name}"></a>']
    if description:
        body.append(description + "  ")
    body.extend(f"{line}  " for line in lines)
    return "\n".join(body) + "\n"


def type_page(name: str, *members: str, uid: str = "demo-2020-01-01", intro: str = "") -> str:
    text = f'# {name}<a name="API_{name}"></a>\n\n'
    if intro:
        text += intro + "\n\n"
    text += f'## Contents<a name="API_{name}_Contents"></a>\n\n' + "\n".join(members)
    return text + SEE_ALSO.format(name=name, uid=uid)


def operation_page(
    name: str,
    request_syntax: str,
    request_members: list[str],
    response_members: list[str] | None = None,
    response_syntax: str = "",
    errors: list[tuple[str, int]] | None = None,
    uid: str = "demo-2020-01-01",
    request_title: str = "Request Parameters",
) -> str:
    text = f'# {name}<a name="API_{name}"></a>\n\nDoes the {name} thing\\.\n\n'
    text += f'## Request Syntax<a name="API_{name}_RequestSyntax"></a>\n\n```\n{request_syntax}\n```\n\n'
    text += f'## {request_title}<a name="API_{name}_RequestParameters"></a>\n\n'
    text += "\n".join(request_members) + "\n"
    if response_syntax:
        text += f'## Response Syntax<a name="API_{name}_ResponseSyntax"></a>\n\n'
        text += f"```\n{response_syntax}\n```\n\n"
    if response_members:
        text += f'## Response Elements<a name="API_{name}_ResponseElements"></a>\n\n'
        text += "\n".join(response_members) + "\n"
    if errors:
        text += f'## Errors<a name="API_{name}_Errors"></a>\n\n'
        for error, status in errors:
            text += f" **{error}**   \nIt went wrong\\.  \nHTTP Status Code: {status}\n\n"
    return text + SEE_ALSO.format(name=name, uid=uid)


# The demo service is no AWS service: as for any JSON service the generator's table of AWS
# services lacks, its X-Amz-Target prefix must come from codegen.toml.
DEMO_SETTINGS = (
    '[services."demo-2020-01-01"]\ntarget_prefix = "Demo_20200101"\n'
    '[services."runtime.demo-2019-01-01"]\ntarget_prefix = "DemoRuntime_20190101"\n'
)


def write_pages(folder: Path, pages: dict[str, str], settings: str | None = DEMO_SETTINGS) -> Path:
    """Write the pages as ``API_<name>.md``, and ``settings`` as ``codegen.toml``."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in pages.items():
        (folder / f"API_{name}.md").write_text(text, encoding="utf-8")
    if settings is not None and not (folder / "codegen.toml").exists():
        (folder / "codegen.toml").write_text(settings, encoding="utf-8")
    return folder
