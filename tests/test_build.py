"""The model builder: what each Type: form, constraint and syntax block becomes."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest
from pages import member, operation_page, type_page, write_pages

from codegen.errors import CodegenError
from codegen.model import ListShape, MapShape, PrimitiveShape, Service, StructureShape
from codegen.model.build import build_model

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
SPEC = Path(__file__).resolve().parents[1] / "spec"


def only_service(folder: Path) -> Service:
    model = build_model(folder)
    assert len(model.services) == 1
    return model.services[0]


def structure(service: Service, name: str) -> StructureShape:
    shape = service.shapes[name]
    assert isinstance(shape, StructureShape)
    return shape


def target(service: Service, owner: str, name: str):  # type: ignore[no-untyped-def]
    members = {m.name: m for m in structure(service, owner).members}
    return service.shapes[members[name].target]


def test_every_type_form_becomes_the_matching_shape(tmp_path: Path) -> None:
    widget = type_page(
        "Widget",
        member(
            "Name",
            "Type: String",
            "Length Constraints: Minimum length of 1\\. Maximum length of 32\\.",
            "Pattern: `^[a-z]+\\.\\d$`",
            "Required: Yes",
        ),
        member(
            "Count",
            "Type: Integer",
            "Valid Range: Minimum value of 1\\. Maximum value of 10\\.",
            "Required: No",
        ),
        member("Size", "Type: Long", "Required: No"),
        member(
            "Ratio",
            "Type: Float",
            "Valid Range: Minimum value of \\-1\\.5\\. Maximum value of 1\\.5\\.",
        ),
        member("Weight", "Type: Double"),
        member("Enabled", "Type: Boolean"),
        member("Created", "Type: Timestamp"),
        member("Data", "Type: Base64\\-encoded binary data object"),
        member("Doc", "Type: JSON value"),
        member("Part", "Type: [Part](API_Part.md) object"),
        member("SpacedPart", "Type: [ Part ](API_Part.md) object"),
        member("Self", "Type: [Widget](#API_Widget) object"),
        member(
            "Parts",
            "Type: Array of [Part](API_Part.md) objects",
            "Array Members: Minimum number of 1 item\\. Maximum number of 5 items\\.",
        ),
        member(
            "Labels",
            "Type: Array of strings",
            "Length Constraints: Maximum length of 8\\.",
            "Valid Values:` red | green `",
        ),
        member("Grid", "Type: Array of arrays of strings"),
        member("Sizes", "Type: Array of integers"),
        member(
            "Tags",
            "Type: String to string map",
            "Map Entries: Maximum number of 3 items\\.",
            "Key Length Constraints: Minimum length of 1\\.",
            "Key Pattern: `[a-z]+`",
            "Value Length Constraints: Maximum length of 9\\.",
        ),
        member(
            "Weights",
            "Type: String to double map",
            "Valid Range: Minimum value of 0\\.0\\. Maximum value of 1\\.0\\.",
        ),
        member("PartsByName", "Type: String to [Part](API_Part.md) object map"),
        member("Aliases", "Type: String to array of strings map"),
        member("Nested", "Type: String to string to string map map"),
    )
    part = type_page("Part", member("Id", "Type: String", owner="Part"))
    service = only_service(write_pages(tmp_path, {"Widget": widget, "Part": part}))

    name = target(service, "Widget", "Name")
    assert isinstance(name, PrimitiveShape) and name.kind == "string"
    assert (name.constraints.min_length, name.constraints.max_length) == (1, 32)
    assert name.constraints.pattern == r"^[a-z]+\.\d$"  # verbatim: code spans keep escapes
    assert structure(service, "Widget").members[0].required
    count = target(service, "Widget", "Count")
    assert (count.kind, count.constraints.min_value, count.constraints.max_value) == (
        "integer",
        1,
        10,
    )
    ratio = target(service, "Widget", "Ratio")
    assert (ratio.constraints.min_value, ratio.constraints.max_value) == (-1.5, 1.5)
    kinds = {
        n: target(service, "Widget", n).kind
        for n in ("Size", "Weight", "Enabled", "Created", "Data", "Doc")
    }
    assert kinds == {
        "Size": "long",
        "Weight": "double",
        "Enabled": "boolean",
        "Created": "timestamp",
        "Data": "blob",
        "Doc": "document",
    }
    assert target(service, "Widget", "Part").name == "Part"
    assert target(service, "Widget", "SpacedPart").name == "Part"
    assert target(service, "Widget", "Self").name == "Widget"

    parts = target(service, "Widget", "Parts")
    assert isinstance(parts, ListShape) and (
        parts.member,
        parts.min_items,
        parts.max_items,
    ) == ("Part", 1, 5)
    labels = target(service, "Widget", "Labels")
    element = service.shapes[labels.member]
    assert element.constraints.enum == ("red", "green") and element.constraints.max_length == 8
    grid = target(service, "Widget", "Grid")
    assert isinstance(service.shapes[grid.member], ListShape)
    tags = target(service, "Widget", "Tags")
    assert isinstance(tags, MapShape) and tags.max_entries == 3
    assert service.shapes[tags.key].constraints.pattern == "[a-z]+"
    assert service.shapes[tags.value].constraints.max_length == 9
    weights = target(service, "Widget", "Weights")
    assert service.shapes[weights.value].constraints.max_value == 1.0
    assert target(service, "Widget", "PartsByName").value == "Part"
    aliases = target(service, "Widget", "Aliases")
    assert isinstance(service.shapes[aliases.value], ListShape)
    nested = target(service, "Widget", "Nested")
    assert isinstance(service.shapes[nested.value], MapShape)


def test_a_page_that_is_neither_operation_nor_type_is_a_warning_and_strict_makes_it_an_error(
    tmp_path: Path,
) -> None:
    write_pages(
        tmp_path,
        {
            "Widget": type_page("Widget", member("A", "Type: String")),
            "Odd": '# Odd<a name="API_Odd"></a>\n\nJust prose\\.\n'
            + type_page("X").split("## Contents")[1].split("## See Also")[0]
            + "\n[SDK](http://docs.aws.amazon.com/goto/boto3/demo-2020-01-01/Odd)\n",
        },
    )
    model = build_model(tmp_path)
    assert any("skipped" in d.message for d in model.diagnostics)
    with pytest.raises(CodegenError, match="skipped"):
        build_model(tmp_path, strict=True)


def test_operation_members_become_request_and_response_structures_with_errors(
    tmp_path: Path,
) -> None:
    op = operation_page(
        "MakeWidget",
        '{\n   "[Name](#Demo-MakeWidget-request-Name)": "string"\n}',
        [
            member(
                "Name",
                "Type: String",
                "Length Constraints: Maximum length of 5\\.",
                "Required: Yes",
                owner="MakeWidget",
            )
        ],
        [member("Arn", "Type: String", owner="MakeWidget")],
        response_syntax='{\n   "Arn": "string"\n}',
        errors=[("WidgetInUse", 400), ("Throttled", 429)],
    )
    service = only_service(write_pages(tmp_path, {"MakeWidget": op}))
    operation = service.operations["MakeWidget"]
    assert (operation.input, operation.output) == (
        "MakeWidgetRequest",
        "MakeWidgetResponse",
    )
    assert (operation.http.method, operation.http.request_uri) == ("POST", "/")
    assert [(e.shape, e.http_status) for e in operation.errors] == [
        ("WidgetInUse", 400),
        ("Throttled", 429),
    ]
    error = structure(service, "WidgetInUse")
    assert error.exception and error.http_status == 400
    assert operation.documentation == "Does the MakeWidget thing."  # escapes removed
    assert service.config.protocol == "json"


def test_rest_request_binds_path_query_header_and_payload(tmp_path: Path) -> None:
    syntax = (
        "POST /2015-03-31/functions/FunctionName/invoke?find=All&Qualifier=Qualifier HTTP/1.1\n"
        "X-Amz-Log-Type: LogType\nContent-Type: application/json\n\nPayload"
    )
    members = [
        member(
            "FunctionName",
            "Length Constraints: Minimum length of 1\\.",
            "Required: Yes",
            owner="Invoke",
        ),
        member("Qualifier", "Length Constraints: Minimum length of 1\\.", owner="Invoke"),
        member("LogType", "Valid Values:` None | Tail`", owner="Invoke"),
    ]
    body = member("Payload", "Required: No", owner="Invoke")
    op = operation_page("Invoke", syntax, members, request_title="URI Request Parameters")
    op = op.replace(
        "## See Also",
        '## Request Body<a name="API_Invoke_RequestBody"></a>\n\n' + body + "\n## See Also",
    )
    service = only_service(write_pages(tmp_path, {"Invoke": op}))
    operation = service.operations["Invoke"]
    assert operation.http.request_uri == "/2015-03-31/functions/{FunctionName}/invoke?find=All"
    members_by_name = {m.name: m for m in structure(service, "InvokeRequest").members}
    assert (
        members_by_name["FunctionName"].location,
        members_by_name["FunctionName"].location_name,
    ) == ("uri", "FunctionName")
    assert (
        members_by_name["Qualifier"].location,
        members_by_name["Qualifier"].location_name,
    ) == ("querystring", "Qualifier")
    assert (
        members_by_name["LogType"].location,
        members_by_name["LogType"].location_name,
    ) == ("header", "X-Amz-Log-Type")
    payload = members_by_name["Payload"]
    assert payload.payload and service.shapes[payload.target].kind == "blob"
    assert payload.inferred  # the type was not stated, and the model says so
    assert service.config.protocol == "rest-json"


def test_path_label_printed_instead_of_member_name_is_matched_and_recorded(
    tmp_path: Path,
) -> None:
    op = operation_page(
        "TagResource",
        "POST /2017-03-31/tags/ARN HTTP/1.1",
        [
            member(
                "Resource",
                "Length Constraints: Minimum length of 1\\.",
                "Required: Yes",
                owner="TagResource",
            )
        ],
        request_title="URI Request Parameters",
    )
    service = only_service(write_pages(tmp_path, {"TagResource": op}))
    assert service.operations["TagResource"].http.request_uri == "/2017-03-31/tags/{ARN}"
    (resource,) = structure(service, "TagResourceRequest").members
    assert (resource.location, resource.location_name) == ("uri", "ARN")
    assert any("ARN" in note for note in resource.inferred)


def test_synthetic_names_follow_members_and_do_not_depend_on_file_order(
    tmp_path: Path,
) -> None:
    pages = {
        "Alpha": type_page(
            "Alpha",
            member("Status", "Type: String", "Valid Values:` On | Off`", owner="Alpha"),
        ),
        "Beta": type_page(
            "Beta",
            member("Status", "Type: String", "Valid Values:` On | Off`", owner="Beta"),
        ),
        "Gamma": type_page(
            "Gamma",
            member("Mode", "Type: String", "Valid Values:` A | B`", owner="Gamma"),
        ),
        "Delta": type_page(
            "Delta",
            member("Mode", "Type: String", "Valid Values:` C | D`", owner="Delta"),
        ),
    }
    service = only_service(write_pages(tmp_path / "one", pages))
    assert target(service, "Alpha", "Status").name == "Status"  # same values: one shared enum
    assert target(service, "Beta", "Status").name == "Status"
    assert {
        target(service, "Gamma", "Mode").name,
        target(service, "Delta", "Mode").name,
    } == {"GammaMode", "DeltaMode"}
    reversed_pages = dict(reversed(list(pages.items())))
    again = only_service(write_pages(tmp_path / "two", reversed_pages))
    assert list(again.shapes) == list(service.shapes)


def test_pages_split_into_services_by_their_sdk_links(tmp_path: Path) -> None:
    write_pages(
        tmp_path,
        {
            "Widget": type_page("Widget", member("A", "Type: String"), uid="demo-2020-01-01"),
            "runtime_Gadget": type_page(
                "Gadget",
                member("B", "Type: String", owner="Gadget"),
                uid="runtime.demo-2019-01-01",
            ),
        },
    )
    model = build_model(tmp_path)
    assert [s.uid for s in model.services] == [
        "demo-2020-01-01",
        "runtime.demo-2019-01-01",
    ]
    assert [s.config.package for s in model.services] == ["demo", "runtime_demo"]
    assert model.services[1].api_version == "2019-01-01"


def test_codegen_toml_sets_what_the_pages_never_state(tmp_path: Path) -> None:
    write_pages(tmp_path, {"Widget": type_page("Widget", member("A", "Type: String"))})
    (tmp_path / "codegen.toml").write_text(
        '[services."demo-2020-01-01"]\npackage = "widgets"\ntarget_prefix = "Demo_20200101"\n'
    )
    config = only_service(tmp_path).config
    assert (config.package, config.target_prefix, config.signing_name) == (
        "widgets",
        "Demo_20200101",
        "demo",
    )


def test_unknown_codegen_toml_key_is_an_error(tmp_path: Path) -> None:
    write_pages(tmp_path, {"Widget": type_page("Widget", member("A", "Type: String"))})
    (tmp_path / "codegen.toml").write_text('[services."demo-2020-01-01"]\npackge = "x"\n')
    with pytest.raises(CodegenError, match="unknown key 'packge'"):
        build_model(tmp_path)


def test_descriptions_keep_markdown_links_and_lose_escapes(tmp_path: Path) -> None:
    page = type_page(
        "Widget",
        member(
            "A",
            "Type: String",
            description="See [Part](API_Part.md)\\. Use `a\\.b` as is\\.",
        ),
    )
    service = only_service(write_pages(tmp_path, {"Widget": page}))
    (a,) = structure(service, "Widget").members
    assert a.documentation == "See [Part](API_Part.md). Use `a\\.b` as is."


def test_building_models_makes_no_reference_cycles() -> None:
    # build_model pauses the cyclic garbage collector on the strength of this.
    corpora = sorted(CORPUS.glob("*/docs")) if CORPUS.is_dir() else []
    gc.collect()
    gc.disable()
    try:
        for folder in [SPEC, *corpora]:
            build_model(folder, workers=1)
        found = gc.collect()
    finally:
        gc.enable()
    assert found == 0


def test_the_garbage_collector_is_on_again_after_a_build_that_fails(tmp_path: Path) -> None:
    build_model(SPEC)
    assert gc.isenabled()
    (tmp_path / "API_Broken.md").mkdir()  # a page that cannot be read at all
    with pytest.raises(CodegenError):
        build_model(tmp_path)
    assert gc.isenabled()
