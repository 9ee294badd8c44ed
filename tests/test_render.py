"""The renderer and the code it generates, on small specs written for these tests."""

from __future__ import annotations

import ast
import importlib
import sys
import warnings
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from types import ModuleType

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pages import member, type_page, write_pages

from codegen.model import Service
from codegen.model.build import build_model
from codegen.output.format import PARALLEL_THRESHOLD, FormatError, format_files
from codegen.render.package import render_package
from codegen.views import view_service
from codegen.views.layout import group_structures
from codegen.views.names import module_name
from codegen.views.text import doc_text, string_literal

HOSTILE = 'Ends with a quote " and has """ triple quotes, a \\ backslash, \\N{x} and \x00.'


def render_service(service: Service) -> dict[str, str]:
    """The package's data modules (shapes, enums, checks) of ``service``."""
    return render_package(view_service(service))


def widget_spec(folder: Path) -> Path:
    widget = type_page(
        "Widget",
        member(
            "Name",
            "Type: String",
            "Length Constraints: Minimum length of 1\\. Maximum length of 8\\.",
            "Pattern: `^[a-z]+$`",
            "Required: Yes",
            description="The name\\.",
        ),
        member("Class", "Type: String", "Valid Values:` small | large `", "Required: No"),
        member(
            "Lambda", "Type: Integer", "Valid Range: Minimum value of 1\\. Maximum value of 10\\."
        ),
        member("Str", "Type: Boolean"),
        member("S3Uri", "Type: String"),
        member("S3URI", "Type: String"),
        member("Created", "Type: Timestamp"),
        member("Data", "Type: Base64\\-encoded binary data object"),
        member(
            "Parts",
            "Type: Array of [Part](API_Part.md) objects",
            "Array Members: Minimum number of 1 item\\. Maximum number of 2 items\\.",
        ),
        member(
            "Labels", "Type: String to string map", "Key Length Constraints: Maximum length of 3\\."
        ),
        member("Child", "Type: [Widget](API_Widget.md) object"),
        intro='A widget with a hostile description: `"""` and \\\\ end"',
    )
    part = type_page("Part", member("Id", "Type: String", "Required: Yes", owner="Part"))
    return write_pages(folder, {"Widget": widget, "Part": part})


def load_package(tmp_path: Path, name: str) -> ModuleType:
    (service,) = build_model(widget_spec(tmp_path / "spec")).services
    service = replace(service, config=replace(service.config, package=name))
    out = tmp_path / "out"
    for rel, text in format_files(render_service(service)).items():
        (out / rel).parent.mkdir(parents=True, exist_ok=True)
        (out / rel).write_text(text, encoding="utf-8")
    sys.path.insert(0, str(out))
    try:
        return importlib.import_module(name)
    finally:
        sys.path.remove(str(out))


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> ModuleType:
    return load_package(tmp_path_factory.mktemp("demo"), "render_demo")


def valid() -> dict[str, object]:
    return {"Name": "abc", "Class": "small", "Parts": [{"Id": "p"}], "Labels": {"k": "v"}}


@given(st.text())
def test_string_literal_holds_any_text_exactly(text: str) -> None:
    assert ast.literal_eval(string_literal(text, indent=4).replace("\n    ", "\n")) == text


def test_hostile_descriptions_render_as_valid_docstrings(demo: ModuleType) -> None:
    widget = demo.shapes.Widget
    doc = widget.__doc__ or ""
    assert '`"""` and \\ end"' in doc  # black pads a docstring ending in a quote


def test_doc_text_turns_markdown_into_plain_text() -> None:
    text = doc_text("See [Tag](API_Tag.md) and [guide](https://x.example/a)\\. **Note** `code`")
    assert text == "See Tag and guide (https://x.example/a). Note `code`"


def test_keyword_builtin_and_colliding_member_names_become_predictable_fields(
    demo: ModuleType,
) -> None:
    fields = [f for f in demo.shapes.Widget.__dataclass_fields__]
    assert fields[:6] == ["name", "class_", "lambda_", "str_", "s3_uri", "s3_uri_2"]


def test_from_dict_to_dict_round_trips_with_wire_forms(demo: ModuleType) -> None:
    when = datetime(2020, 1, 2, 3, 4, 5, tzinfo=UTC)
    params = {**valid(), "Created": when, "Data": b"\x00\xff", "Child": {"Name": "x"}}
    widget = demo.shapes.Widget.from_dict(params)
    wire = widget.to_dict()
    assert wire["Created"] == 1577934245 and wire["Data"] == "AP8="
    assert demo.shapes.Widget.from_dict(wire) == widget
    assert widget.child.name == "x" and widget.created == when


def test_every_problem_is_reported_with_its_path(demo: ModuleType) -> None:
    bad = {
        "Name": "TOO-LONG-NAME",
        "Lambda": 11,
        "Parts": [{}, {"Id": 4}, {"Id": "c"}],
        "Labels": {"long": "v"},
        "Child": {"Name": ""},
        "Str": 1,
        "Other": True,
    }
    with pytest.raises(demo.ValidationError) as caught:
        demo.shapes.Widget.from_dict(bad)
    errors = caught.value.errors
    assert "name: length must be <= 8" in errors
    assert "lambda_: must be <= 10" in errors
    assert "parts: must have <= 2 items" in errors
    assert "child.name: length must be >= 1" in errors
    assert "str_: expected a boolean, got int" in errors
    assert any(e.startswith("Other: unknown member") for e in errors)
    assert any(e.startswith("labels<key 'long'>: length must be <= 3") for e in errors)


def test_pattern_is_checked_after_length(demo: ModuleType) -> None:
    with pytest.raises(demo.ValidationError) as caught:
        demo.shapes.Widget.from_dict({**valid(), "Name": "ABC"})
    assert caught.value.errors == ["name: must match pattern ^[a-z]+$"]


def test_no_coercion_of_numbers_in_strings_or_bools_as_integers(demo: ModuleType) -> None:
    for wrong in ("4", True, 4.0):
        with pytest.raises(demo.ValidationError):
            demo.shapes.Widget.from_dict({**valid(), "Lambda": wrong})


def test_unknown_enum_value_warns_by_default_and_fails_when_enums_are_strict(
    demo: ModuleType,
) -> None:
    params = {**valid(), "Class": "medium"}
    with pytest.warns(demo.UnknownEnumValueWarning):
        assert demo.shapes.Widget.from_dict(params).class_ == "medium"
    widget = demo.shapes.Widget.from_dict(valid())
    widget.class_ = "medium"
    with pytest.raises(demo.ValidationError):
        widget.validate("strict", strict_enums=True)


def test_warn_and_off_modes(demo: ModuleType) -> None:
    params = {**valid(), "Name": ""}
    with pytest.warns(demo.ValidationWarning):
        demo.shapes.Widget.from_dict(params, mode="warn")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert demo.shapes.Widget.from_dict(params, mode="off").name == ""
    demo.set_validation_mode("off")
    try:
        assert demo.shapes.Widget(name="").name == ""
    finally:
        demo.set_validation_mode("strict")
    with pytest.raises(demo.ValidationError):
        demo.shapes.Widget(name="")


def test_responses_are_forgiving(demo: ModuleType) -> None:
    widget = demo.shapes.Widget.from_response(
        {
            "Name": "",
            "Class": "huge",
            "Extra": 1,
            "Created": 1577934245.5,
            "Child": {"Class": "small"},
        }
    )
    assert widget.class_ == "huge" and type(widget.class_) is str
    assert widget.child.class_ is demo.enums.Class.SMALL
    assert widget.created == datetime(2020, 1, 2, 3, 4, 5, 500000, tzinfo=UTC)


def test_rendering_is_deterministic_and_loads_lazily(tmp_path: Path) -> None:
    (service,) = build_model(widget_spec(tmp_path)).services
    assert render_service(service) == render_service(service)
    files = render_service(service)
    init = files[f"{service.config.package}/__init__.py"]
    assert "import enums" not in init.replace("from . import enums as enums", "")


def test_grouping_keeps_shapes_in_place_when_another_is_added(tmp_path: Path) -> None:
    (service,) = build_model(widget_spec(tmp_path)).services
    before = group_structures(service, module_name)
    extra = type_page("Extra", member("Id", "Type: String", owner="Extra"))
    (service2,) = build_model(write_pages(tmp_path, {"Extra": extra})).services
    after = group_structures(service2, module_name)
    assert {k: after[k] for k in before} == before


def test_black_failure_names_the_file() -> None:
    with pytest.raises(FormatError, match="pkg/bad.py"):
        format_files({"pkg/bad.py": "def (:\n"})


def test_black_failure_in_a_worker_process_names_the_file_and_line() -> None:
    # Long lines: enough characters for the worker processes, little for black to do.
    good = f"x = '{'a' * 1000}'\n" * (PARALLEL_THRESHOLD // 1000)
    files = {f"pkg/good_{n}.py": good for n in range(4)}
    files["pkg/bad.py"] = "x = 1\n\ndef (:\n"
    with pytest.raises(FormatError) as raised:
        format_files(files, workers=2)
    assert [(d.location.file, d.location.line) for d in raised.value.diagnostics] == [
        ("pkg/bad.py", 3)
    ]


def service_uid(service: Service) -> str:
    return service.uid
