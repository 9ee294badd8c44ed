"""Slips in pages are located warnings with a safe reading, never refusals: one small page
per kind of slip (codegen.slips.KINDS), and the catalogue docs/doc-slips.md kept current."""

from __future__ import annotations

from pathlib import Path

import pytest
from pages import member, operation_page, type_page, write_pages

from codegen.cli import main
from codegen.errors import CodegenError
from codegen.model import (
    Diagnostic,
    ListShape,
    MapShape,
    PrimitiveShape,
    Service,
    ShapeModel,
    StructureShape,
)
from codegen.model.build import build_model
from codegen.slips import KINDS, catalogue

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"
SDK = "[SDK](http://docs.aws.amazon.com/goto/boto3/demo-2020-01-01/{name})"


def build(folder: Path, pages: dict[str, str]) -> ShapeModel:
    write_pages(folder, pages)
    return build_model(folder)


def warnings(model: ShapeModel, kind: str) -> list[Diagnostic]:
    found = [d for d in model.diagnostics if d.kind == kind]
    assert found, f"no {kind} warning in {[str(d) for d in model.diagnostics]}"
    assert all(d.severity == "warning" and d.kind in KINDS for d in found)
    return found


def line_of(page: str, text: str) -> int:
    return next(n for n, line in enumerate(page.split("\n"), 1) if line.startswith(text))


def shape_of(service: Service, owner: str, name: str):  # type: ignore[no-untyped-def]
    structure = service.shapes[owner]
    assert isinstance(structure, StructureShape)
    members = {m.name: m for m in structure.members}
    return service.shapes[members[name].target], members[name]


def test_a_word_in_the_other_grammatical_number_is_read_as_meant(tmp_path: Path) -> None:
    page = type_page(
        "Widget",
        member("Names", "Type: Array of string"),
        member("Size", "Type: Integers"),
        member("Labels", "Type: String to string maps"),
    )
    model = build(tmp_path, {"Widget": page})
    (service,) = model.services
    names, _ = shape_of(service, "Widget", "Names")
    assert isinstance(names, ListShape) and service.shapes[names.member].kind == "string"
    size, _ = shape_of(service, "Widget", "Size")
    assert isinstance(size, PrimitiveShape) and size.kind == "integer"
    assert isinstance(shape_of(service, "Widget", "Labels")[0], MapShape)
    lines = [d.location.line for d in warnings(model, "type-phrase")]
    assert lines == [
        line_of(page, "Type: Array of string"),
        line_of(page, "Type: Integers"),
        line_of(page, "Type: String to string maps"),
    ]


def test_the_older_page_style_of_lists_of_maps_is_read(tmp_path: Path) -> None:
    value = type_page("Value", member("S", "Type: String", owner="Value"))
    page = type_page(
        "Keys",
        member(
            "Keys",
            "Type: Array of string to [Value](API_Value.md) object maps",
            "Array Members: Minimum number of 1 item\\. Maximum number of 100 items\\.",
            "Key Length Constraints: Maximum length of 65535\\.",
            owner="Keys",
        ),
        member(
            "Nested",
            "Type: String to array of string to [Value](API_Value.md) object maps map",
            owner="Keys",
        ),
    )
    model = build(tmp_path, {"Keys": page, "Value": value})
    assert model.diagnostics == ()
    (service,) = model.services
    keys, _ = shape_of(service, "Keys", "Keys")
    assert isinstance(keys, ListShape) and (keys.min_items, keys.max_items) == (1, 100)
    element = service.shapes[keys.member]
    assert isinstance(element, MapShape) and element.value == "Value"
    key = service.shapes[element.key]
    assert isinstance(key, PrimitiveShape) and key.constraints.max_length == 65535
    nested, _ = shape_of(service, "Keys", "Nested")
    assert isinstance(nested, MapShape)
    inner = service.shapes[nested.value]
    assert isinstance(inner, ListShape) and isinstance(service.shapes[inner.member], MapShape)


def test_an_unreadable_type_becomes_any_json_keeping_the_readable_outside(
    tmp_path: Path,
) -> None:
    page = type_page(
        "Widget",
        member("Parts", "Type: Array of frobnicators"),
        member("Whole", "Type: Complex number"),
        member("Count", "Type: Complex number", "Valid Range: Minimum value of 0\\."),
    )
    model = build(tmp_path, {"Widget": page})
    (service,) = model.services
    parts, _ = shape_of(service, "Widget", "Parts")
    assert isinstance(parts, ListShape) and service.shapes[parts.member].kind == "document"
    whole, whole_member = shape_of(service, "Widget", "Whole")
    assert whole.kind == "document" and whole_member.inferred
    count, _ = shape_of(service, "Widget", "Count")
    assert count.kind == "integer" and count.constraints.min_value == 0
    found = warnings(model, "type-unreadable")
    lines = page.split("\n")
    assert [d.location.line for d in found] == [
        n for n, line in enumerate(lines, 1) if line.startswith(("Type: Array of f", "Type: C"))
    ]
    assert "unknown type 'Complex number'" in found[1].message


def test_a_member_without_a_type_line_takes_its_type_from_the_other_evidence(
    tmp_path: Path,
) -> None:
    page = type_page(
        "Widget",
        member(
            "Keys",
            "Array Members: Maximum number of 50 items\\.",
            "Length Constraints: Minimum length of 1\\.",
        ),
        member("Mode", "Valid Values: `ON | OFF`"),
        member("Ratio", "Valid Range: Minimum value of 0\\.5\\. Maximum value of 1\\."),
        member("Tags", "Map Entries: Maximum number of 5 items\\."),
        member("Anything", "Required: No"),
    )
    model = build(tmp_path, {"Widget": page})
    (service,) = model.services
    keys, keys_member = shape_of(service, "Widget", "Keys")
    assert isinstance(keys, ListShape) and keys.max_items == 50
    assert service.shapes[keys.member].constraints.min_length == 1
    assert "Array Members" in keys_member.inferred[0]
    assert shape_of(service, "Widget", "Mode")[0].constraints.enum == ("ON", "OFF")
    assert shape_of(service, "Widget", "Ratio")[0].kind == "double"
    assert isinstance(shape_of(service, "Widget", "Tags")[0], MapShape)
    assert shape_of(service, "Widget", "Anything")[0].kind == "document"
    assert len(warnings(model, "type-missing")) == 5


def test_a_uri_list_parameter_without_a_type_line_is_a_list_without_a_warning(
    tmp_path: Path,
) -> None:
    page = operation_page(
        "UntagThing",
        "DELETE /things/Arn/tags?tagKeys=TagKeys HTTP/1.1",
        [
            member("Arn", "Length Constraints: Maximum length of 128\\.", "Required: Yes"),
            member(
                "TagKeys",
                "Array Members: Minimum number of 1 item\\. Maximum number of " "50 items\\.",
                "Length Constraints: Minimum length of 1\\.",
                "Required: Yes",
            ),
        ],
        request_title="URI Request Parameters",
    )
    model = build(tmp_path, {"UntagThing": page})
    assert model.diagnostics == ()
    (service,) = model.services
    keys, keys_member = shape_of(service, "UntagThingRequest", "TagKeys")
    assert isinstance(keys, ListShape) and (keys.min_items, keys.max_items) == (1, 50)
    assert keys_member.location == "querystring" and keys_member.inferred


def test_a_bound_without_its_number_is_dropped_and_the_rest_kept(tmp_path: Path) -> None:
    page = type_page(
        "Widget",
        member(
            "Names",
            "Type: Array of strings",
            "Array Members: Minimum number of 1 item\\. Maximum number of items\\.",
        ),
        member("Labels", "Type: String to string map", "Map Entries: Maximum number of items\\."),
    )
    model = build(tmp_path, {"Widget": page})
    (service,) = model.services
    names, _ = shape_of(service, "Widget", "Names")
    assert (names.min_items, names.max_items) == (1, None)
    labels, _ = shape_of(service, "Widget", "Labels")
    assert (labels.min_entries, labels.max_entries) == (None, None)
    lines = [d.location.line for d in warnings(model, "bound-unreadable")]
    assert lines == [line_of(page, "Array Members"), line_of(page, "Map Entries")]


def test_unreadable_contradictory_and_misplaced_constraints_are_ignored(tmp_path: Path) -> None:
    page = type_page(
        "Widget",
        member("A", "Type: String", "Length Constraints: short\\."),
        member(
            "B",
            "Type: String",
            "Length Constraints: Minimum length of 9\\. Maximum " "length of 2\\.",
        ),
        member("C", "Type: String", "Array Members: Maximum number of 5 items\\."),
        member("D", "Type: String", "Length Constraints: Maximum length of 1,024\\."),
    )
    model = build(tmp_path, {"Widget": page})
    (service,) = model.services
    for name in "ABC":
        shape, _ = shape_of(service, "Widget", name)
        assert shape.kind == "string" and shape.constraints.max_length is None
    assert shape_of(service, "Widget", "D")[0].constraints.max_length == 1024
    assert len(warnings(model, "constraint-unreadable")) == 1
    assert len(warnings(model, "constraint-contradiction")) == 1
    assert len(warnings(model, "constraint-misplaced")) == 1


def test_an_unclear_required_line_reads_as_not_required(
    tmp_path: Path,
) -> None:
    page = type_page(
        "Widget",
        member("A", "Type: String", "Required: Conditional"),
        member("B", "Type: String", "Required: Yes, when B is set"),
        member("C", "Type: String", "Required: yes\\."),
    )
    model = build(tmp_path, {"Widget": page})
    (service,) = model.services
    members = service.shapes["Widget"].members  # type: ignore[union-attr]
    assert [m.required for m in members] == [False, False, True]
    assert len(warnings(model, "required-unreadable")) == 2


def test_required_lines_that_disagree_read_as_not_required(tmp_path: Path) -> None:
    # One block of field lines per case the description tells apart (Polly's Engine).
    cases = (
        "Type: String",
        "Required: Yes",
        " **Standard voices**   ",
        "For standard voices it may be left out\\.",
        "Type: String",
        "Required: No",
    )
    page = type_page(
        "Widget",
        member("Engine", *cases, description=" **Neural voices**   "),
        member("Same", "Type: String", "Required: Yes", "Required: yes"),
    )
    model = build(tmp_path, {"Widget": page})
    members = model.services[0].shapes["Widget"].members  # type: ignore[union-attr]
    assert [(m.name, m.required) for m in members] == [("Engine", False), ("Same", True)]
    (warning,) = warnings(model, "required-conflicting")
    assert warning.location.line == line_of(page, "Required: No")


def test_a_link_to_a_missing_page_becomes_any_json(tmp_path: Path) -> None:
    page = type_page("Widget", member("P", "Type: [Gone](API_Gone.md) object"))
    model = build(tmp_path, {"Widget": page})
    assert shape_of(model.services[0], "Widget", "P")[0].kind == "document"
    assert "API_Gone.md" in warnings(model, "link-unresolved")[0].message


def test_the_first_of_two_definitions_is_kept(tmp_path: Path) -> None:
    model = build(
        tmp_path,
        {
            "Widget": type_page("Widget", member("A", "Type: String")),
            "Widget2": type_page("Widget", member("B", "Type: String")),
        },
    )
    members = model.services[0].shapes["Widget"].members  # type: ignore[union-attr]
    assert [m.name for m in members] == ["A"]
    assert warnings(model, "duplicate")[0].location.file.endswith("API_Widget2.md")


def test_an_error_without_a_status_number_is_kept(tmp_path: Path) -> None:
    page = operation_page("Ping", "{}", [], errors=[("Broken", 400)]).replace(
        "HTTP Status Code: 400", "HTTP Status Code: Bad Request"
    )
    model = build(tmp_path, {"Ping": page})
    broken = model.services[0].shapes["Broken"]
    assert isinstance(broken, StructureShape) and broken.exception and broken.http_status is None
    assert warnings(model, "status-unreadable")


def test_an_operation_without_request_syntax_is_read_on_json_and_skipped_on_rest(
    tmp_path: Path,
) -> None:
    response = '## Response Syntax\n\n```\n{\n   "Limit": number\n}\n```\n\n'
    response += "## Response Elements\n\n" + member("Limit", "Type: Long")
    limits = f"# DescribeLimits\n\nReturns limits\\.\n\n{response}\n{SDK.format(name='X')}\n"
    json_model = build(tmp_path / "json", {"DescribeLimits": limits})
    assert "DescribeLimits" in json_model.services[0].operations
    assert warnings(json_model, "request-syntax-missing")
    rest = operation_page("GetThing", "GET /things HTTP/1.1", [])
    rest_model = build(tmp_path / "rest", {"DescribeLimits": limits, "GetThing": rest})
    assert list(rest_model.services[0].operations) == ["GetThing"]
    assert "skipped" in warnings(rest_model, "request-syntax-missing")[0].message


def test_a_uri_parameter_missing_from_the_request_line_goes_in_the_query(
    tmp_path: Path,
) -> None:
    page = operation_page(
        "ListThings",
        "GET /things HTTP/1.1",
        [member("Filter", "Type: String")],
        request_title="URI Request Parameters",
    )
    model = build(tmp_path, {"ListThings": page})
    _, filter_member = shape_of(model.services[0], "ListThingsRequest", "Filter")
    assert (filter_member.location, filter_member.location_name) == ("querystring", "Filter")
    assert warnings(model, "uri-parameter-unbound")


def test_a_header_naming_a_lowercase_member_binds_it(tmp_path: Path) -> None:
    page = operation_page(
        "Talk",
        "POST /talk HTTP/1.1\nAccept: accept\n\ninputStream",
        [
            member("accept", "Type: String"),
            member("inputStream", "Type: Base64-encoded binary " "data object"),
        ],
        request_title="URI Request Parameters",
    )
    model = build(tmp_path, {"Talk": page})
    _, accept = shape_of(model.services[0], "TalkRequest", "accept")
    assert (accept.location, accept.location_name) == ("header", "Accept")


def test_a_page_without_a_title_takes_it_from_its_file_name(tmp_path: Path) -> None:
    page = type_page("Widget", member("A", "Type: String")).split("\n", 1)[1]
    model = build(tmp_path, {"Widget": page})
    assert "Widget" in model.services[0].shapes
    assert warnings(model, "title-missing")[0].location.line == 1


def test_bytes_that_are_not_utf8_are_replaced_and_the_page_read(tmp_path: Path) -> None:
    write_pages(tmp_path, {})
    text = type_page("Widget", member("A", "Type: String", description="Caf\xe9 au lait\\."))
    (tmp_path / "API_Widget.md").write_bytes(text.encode("latin-1"))
    model = build_model(tmp_path)
    assert "Widget" in model.services[0].shapes
    assert warnings(model, "encoding")


def test_a_page_of_prose_with_a_reference_like_name_is_not_an_index(tmp_path: Path) -> None:
    # A data type named ReferenceDataSource has the index pages' file-name prefix.
    page = type_page(
        "ReferenceDataSource", member("A", "Type: String", owner="ReferenceDataSource")
    )
    model = build(tmp_path, {"ReferenceDataSource": page})
    assert "ReferenceDataSource" in model.services[0].shapes


def test_a_page_no_link_or_index_assigns_joins_the_service_that_links_to_it(
    tmp_path: Path,
) -> None:
    gadget = type_page(
        "Gadget", member("G", "Type: String", owner="Gadget"), uid="runtime.demo-2019-01-01"
    )
    widget = type_page("Widget", member("W", "Type: [Part](API_x_Part.md) object"))
    part = type_page("Part", member("P", "Type: String", owner="Part")).split("## See Also")[0]
    model = build(tmp_path, {"Gadget": gadget, "Widget": widget, "x_Part": part})
    owners = {s.uid: set(s.shapes) for s in model.services}
    assert "Part" in owners["demo-2020-01-01"]
    assert "the pages that link to it" in warnings(model, "service-guessed")[0].message


def test_strict_makes_every_slip_an_error_with_its_location(tmp_path: Path) -> None:
    page = type_page("Widget", member("Names", "Type: Array of string"))
    write_pages(tmp_path, {"Widget": page})
    with pytest.raises(CodegenError) as caught:
        build_model(tmp_path, strict=True)
    (diagnostic,) = caught.value.diagnostics
    assert diagnostic.location.line == line_of(page, "Type: Array of string")


def test_the_run_ends_with_a_summary_and_strict_fails(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    page = type_page(
        "Widget",
        member("Names", "Type: Array of string"),
        member("Size", "Type: Integer", "Length Constraints: short\\."),
    )
    write_pages(tmp_path / "spec", {"Widget": page})
    assert main([str(tmp_path / "spec"), "-o", str(tmp_path / "out")]) == 0
    out, err = capsys.readouterr()
    assert out.strip().endswith("codegen: 2 warnings of 2 kinds")
    assert "API_Widget.md:" in err and ": warning: " in err
    assert main([str(tmp_path / "spec"), "-o", str(tmp_path / "out2"), "--strict"]) == 1
    _, err = capsys.readouterr()
    assert ": error: " in err and not (tmp_path / "out2").exists()


@pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpus is not here")
def test_the_catalogue_is_current() -> None:
    expected = catalogue(CORPUS)
    assert (ROOT / "docs" / "doc-slips.md").read_text(
        encoding="utf-8"
    ) == expected, (
        "docs/doc-slips.md is stale: python -m codegen.slips ../shared/corpus > docs/doc-slips.md"
    )


CORPORA = (
    sorted(p.name for p in CORPUS.glob("*") if (p / "docs").is_dir()) if CORPUS.is_dir() else []
)


@pytest.mark.slow
@pytest.mark.parametrize("corpus", CORPORA)
def test_every_corpus_generates_and_strict_fails_only_where_pages_slip(
    corpus: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # That the packages of every corpus format, import, type-check and lint is what
    # tests/test_generated_packages.py checks; here black is left out (the slow stage, and
    # not what this sweep is about): the run, its exit status and its summary are.
    monkeypatch.setattr("codegen.generate.format_files", lambda sources: dict(sources))
    docs = CORPUS / corpus / "docs"
    assert main([str(docs), "-o", str(tmp_path / "out")]) == 0
    out, err = capsys.readouterr()
    assert "Traceback" not in err and out.strip().split("\n")[-1].startswith("codegen: ")
    if ": warning: " in err:
        assert main([str(docs), "-o", str(tmp_path / "strict"), "--strict"]) == 1
        assert not (tmp_path / "strict").exists()
    else:
        build_model(docs, strict=True)  # the pages are clean: nothing for --strict to refuse


def test_a_map_of_maps_prints_the_inner_maps_lines_after_the_outer_ones(tmp_path: Path) -> None:
    page = type_page(
        "Policy",
        member(
            "Condition",
            "Type: String to string to string map map",
            "Map Entries: Maximum number of 10 items\\.",
            "Key Length Constraints: Minimum length of 1\\. Maximum length of 32\\.",
            "Map Entries: Maximum number of 5 items\\.",
            "Key Length Constraints: Maximum length of 1024\\.",
            owner="Policy",
        ),
    )
    model = build(tmp_path, {"Policy": page})
    assert model.diagnostics == ()
    service = model.services[0]
    outer, _ = shape_of(service, "Policy", "Condition")
    inner = service.shapes[outer.value]
    assert (outer.max_entries, inner.max_entries) == (10, 5)
    outer_key, inner_key = service.shapes[outer.key], service.shapes[inner.key]
    assert (outer_key.constraints.min_length, outer_key.constraints.max_length) == (1, 32)
    assert inner_key.constraints.max_length == 1024


def test_a_path_segment_spelled_like_a_later_label_is_literal(tmp_path: Path) -> None:
    page = operation_page(
        "DeleteVersion",
        "DELETE /types/name/version/version HTTP/1.1",
        [member("name", "Type: String"), member("version", "Type: String")],
        request_title="URI Request Parameters",
    )
    model = build(tmp_path, {"DeleteVersion": page})
    operation = model.services[0].operations["DeleteVersion"]
    assert operation.http.request_uri == "/types/{name}/version/{version}"


def test_a_member_whose_empty_description_line_splits_its_entry_is_kept(tmp_path: Path) -> None:
    page = type_page("Holder", member("Other", "Type: String", owner="Holder"))
    page = page.replace(
        '## Contents<a name="API_Holder_Contents"></a>\n\n',
        '## Contents<a name="API_Holder_Contents"></a>\n\n ** Described **   \n  \n'
        "Type: String  \nRequired: No\n\n",
    )
    model = build(tmp_path, {"Holder": page})
    members = model.services[0].shapes["Holder"].members  # type: ignore[union-attr]
    assert [m.name for m in members] == ["Described", "Other"]


def test_an_error_whose_name_a_blank_line_parts_from_its_description_is_kept(
    tmp_path: Path,
) -> None:
    page = operation_page(
        "Tag", "{}", [], errors=[("InvalidParameterException", 400), ("LastException", 400)]
    )
    page = page.replace(
        " **LastException**   \nIt went wrong",
        " **QuotaExceededException**   \n  \nThe quota is used up\\.  \nHTTP Status Code: 400\n\n"
        " **LastException**   \nIt went wrong",
    )
    model = build(tmp_path, {"Tag": page})
    errors = model.services[0].operations["Tag"].errors
    assert [e.shape for e in errors] == [
        "InvalidParameterException",
        "QuotaExceededException",
        "LastException",
    ]


def test_a_bold_word_above_a_list_is_a_subheading_though_fields_continue_the_list(
    tmp_path: Path,
) -> None:
    # The member's field lines follow the list's last item without a blank line, so
    # Markdown makes them part of it: they are still the member's, not the subheading's.
    described = member(
        "Targets",
        "Type: Array of strings",
        "Required: No",
        description="Where it goes\\.\n\n**Destinations**\n+ Amazon S3",
    )
    model = build(tmp_path, {"Widget": type_page("Widget", described)})
    (only,) = model.services[0].shapes["Widget"].members  # type: ignore[union-attr]
    assert only.name == "Targets" and isinstance(model.services[0].shapes[only.target], ListShape)
    assert "**Destinations**\n+ Amazon S3" in only.documentation


def test_field_and_section_names_are_read_whatever_their_case_or_number(
    tmp_path: Path,
) -> None:
    page = (
        operation_page(
            "Ping",
            '{\n   "Names": [ "string" ]\n}',
            [
                member(
                    "Names",
                    "type: Array of strings",
                    "Array member: Maximum number of 3 items\\.",
                    "Length constraints: Minimum length of 2\\.",
                    "required: yes",
                )
            ],
        )
        .replace("## Request Syntax", "## Request syntax")
        .replace("## Request Parameters", "## Request parameter")
    )
    model = build(tmp_path, {"Ping": page})
    assert model.diagnostics == ()
    names, names_member = shape_of(model.services[0], "PingRequest", "Names")
    assert isinstance(names, ListShape) and names.max_items == 3 and names_member.required
    assert model.services[0].shapes[names.member].constraints.min_length == 2


def test_other_words_for_types_and_a_closing_period_are_read(tmp_path: Path) -> None:
    page = type_page(
        "Widget",
        member("When", "Type: Date"),
        member("Name", "Type: String\\."),
        member("Sizes", "Type: Array of numbers"),
    )
    model = build(tmp_path, {"Widget": page})
    service = model.services[0]
    assert shape_of(service, "Widget", "When")[0].kind == "timestamp"
    assert shape_of(service, "Widget", "Name")[0].kind == "string"
    sizes, _ = shape_of(service, "Widget", "Sizes")
    assert service.shapes[sizes.member].kind == "double"
    assert len(warnings(model, "type-phrase")) == 2  # the period is no slip


def test_valid_values_in_code_spans_of_their_own_are_each_a_value(tmp_path: Path) -> None:
    page = type_page("Widget", member("Mode", "Type: String", "Valid Values: `ON`, `OFF`, `ON`"))
    model = build(tmp_path, {"Widget": page})
    assert shape_of(model.services[0], "Widget", "Mode")[0].constraints.enum == ("ON", "OFF")


def test_a_title_that_is_not_a_name_gives_way_to_its_first_word_or_anchor(
    tmp_path: Path,
) -> None:
    operation = operation_page("Ping", "{}", []).replace("# Ping<", "# Ping operation<")
    widget = type_page("Widget", member("A", "Type: String")).replace(
        "# Widget<", "# the widget type<"
    )
    model = build(tmp_path, {"Ping": operation, "Widget": widget})
    service = model.services[0]
    assert "Ping" in service.operations and "Widget" in service.shapes
    assert len(warnings(model, "title-unusable")) == 2


def test_members_under_another_heading_are_still_the_data_types(tmp_path: Path) -> None:
    page = type_page("Widget", member("A", "Type: String")).replace("## Contents", "## Members")
    holder = type_page(
        "Holder", member("W", "Type: [Widget](API_Widget.md) object", owner="Holder")
    )
    model = build(tmp_path, {"Widget": page, "Holder": holder})
    widget = model.services[0].shapes["Widget"]
    assert isinstance(widget, StructureShape) and [m.name for m in widget.members] == ["A"]
    assert shape_of(model.services[0], "Holder", "W")[1].target == "Widget"
    assert warnings(model, "contents-missing")


def test_a_data_type_another_services_pages_use_is_defined_in_both(tmp_path: Path) -> None:
    gadget = type_page(
        "Gadget",
        member("G", "Type: [Part](API_runtime_Part.md) object", owner="Gadget"),
        uid="runtime.demo-2019-01-01",
    )
    part = type_page(
        "Part", member("P", "Type: String", owner="Part"), uid="runtime.demo-2019-01-01"
    )
    widget = type_page("Widget", member("W", "Type: [Gadget](API_runtime_Gadget.md) object"))
    model = build(tmp_path, {"runtime_Gadget": gadget, "runtime_Part": part, "Widget": widget})
    shapes = {s.uid: set(s.shapes) for s in model.services}
    assert {"Gadget", "Part"} <= shapes["demo-2020-01-01"]
    assert {"Gadget", "Part"} <= shapes["runtime.demo-2019-01-01"]
    assert len(warnings(model, "type-shared")) == 2


def test_an_index_entry_for_a_page_not_here_is_reported_at_its_own_line(
    tmp_path: Path,
) -> None:
    index = (
        "# Data Types\n\nThe following data types are supported by Demo:\n\n"
        "+  [Widget](API_Widget.md)\n+  [Gone](API_Gone.md)\n+  [Lost](API_Lost.md)\n"
    )
    widget = type_page("Widget", member("A", "Type: String"))
    model = build(tmp_path, {"Types": index, "Widget": widget})
    stale = warnings(model, "index-stale")
    assert [(Path(d.location.file).name, d.location.line) for d in stale] == [
        ("API_Types.md", line_of(index, "+  [Gone]")),
        ("API_Types.md", line_of(index, "+  [Lost]")),
    ]
    assert "API_Gone.md" in stale[0].message and "API_Lost.md" in stale[1].message


def test_a_folder_that_defines_nothing_is_an_error(tmp_path: Path) -> None:
    index = "# Actions\n\nThe following actions are supported by Demo:\n\n+  [Gone](API_Gone.md)\n"
    write_pages(tmp_path, {"Operations": index, "Prose": "# Prose\n\nJust words\\.\n"})
    with pytest.raises(CodegenError) as caught:
        build_model(tmp_path)
    errors = [d for d in caught.value.diagnostics if d.severity == "error"]
    assert [d.location.file for d in errors] == [str(tmp_path)]
    assert "no operation or data type page" in errors[0].message


def test_a_service_whose_pages_disagree_on_the_protocol_follows_most_of_them(
    tmp_path: Path,
) -> None:
    pages = {f"Get{n}": operation_page(f"Get{n}", f"GET /things/{n} HTTP/1.1", []) for n in "ABC"}
    pages["Ping"] = operation_page(
        "Ping", '{\n   "Name": "string"\n}', [member("Name", "Type: String")]
    )
    model = build(tmp_path, pages)
    assert model.services[0].config.protocol == "rest-json"
    [slip] = warnings(model, "protocol-mixed")
    assert slip.location.file.endswith("API_Ping.md")


def test_a_query_parameter_without_type_takes_list_or_boolean_from_its_description(
    tmp_path: Path,
) -> None:
    page = operation_page(
        "Untag",
        "DELETE /things/Arn/tags?tagKeys=TagKeys&force=Force&all=All HTTP/1.1\n"
        "x-amz-contexts: Contexts",
        [
            member("Arn", "Required: Yes", description="The thing\\."),
            member("TagKeys", "Required: Yes", description="A list of tag keys to remove\\."),
            member("Force", description="When this parameter is true, nothing is checked\\."),
            member("All", description="Boolean value indicating whether all go\\."),
            member("Contexts", description="A list of contexts, as JSON\\."),
        ],
        request_title="URI Request Parameters",
    )
    model = build(tmp_path, {"Untag": page})
    assert model.diagnostics == ()
    service = model.services[0]
    keys, keys_member = shape_of(service, "UntagRequest", "TagKeys")
    assert isinstance(keys, ListShape) and service.shapes[keys.member].kind == "string"
    assert "description" in keys_member.inferred[0]
    assert shape_of(service, "UntagRequest", "Force")[0].kind == "boolean"
    assert shape_of(service, "UntagRequest", "All")[0].kind == "boolean"
    # A header holds one value: "a list" there is an encoded string.
    assert shape_of(service, "UntagRequest", "Contexts")[0].kind == "string"
    assert shape_of(service, "UntagRequest", "Arn")[0].kind == "string"
