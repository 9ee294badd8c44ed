"""Python names for wire names: fields, enum members."""

from __future__ import annotations

import keyword
import subprocess
import sys
from pathlib import Path

from codegen.views.layout import imports, natural
from codegen.views.names import enum_member_names, field_name, field_names, snake_case


def test_snake_case_splits_words_acronyms_and_digits() -> None:
    assert snake_case("HyperParameterTuningJobName") == "hyper_parameter_tuning_job_name"
    assert snake_case("KMSKeyId") == "kms_key_id"
    assert snake_case("S3Uri") == "s3_uri"
    assert snake_case("VolumeSizeInGB") == "volume_size_in_gb"
    assert snake_case("Content-Type") == "content_type"


def test_a_name_starting_with_a_digit_gets_a_prefix() -> None:
    assert snake_case("3DModel") == "f_3_d_model"
    assert snake_case("") == "f_"


def test_keywords_and_class_body_names_get_an_underscore_but_other_builtins_do_not() -> None:
    assert field_name("Class") == "class_"
    assert field_name("Lambda") == "lambda_"
    assert field_name("None") == "none"
    assert field_name("Str") == "str_"
    assert field_name("List") == "list_"
    assert field_name("ToDict") == "to_dict_"
    assert field_name("Type") == "type"
    assert field_name("Id") == "id"
    assert not any(keyword.iskeyword(field_name(w)) for w in keyword.kwlist)


def test_colliding_names_are_numbered_in_the_docs_order() -> None:
    assert field_names(["S3Uri", "S3URI", "S3_Uri"]) == ["s3_uri", "s3_uri_2", "s3_uri_3"]
    assert field_names(["Class", "Class_"]) == ["class_", "class__2"]


def test_enum_member_names_are_upper_snake_and_independent_of_the_docs_order() -> None:
    values = ["ml.m4.xlarge", "InProgress", "None", "1.0", "ml_m4_xlarge"]
    names = enum_member_names(values)
    assert names == enum_member_names(list(reversed(values)))
    assert names["ml.m4.xlarge"] == "ML_M4_XLARGE"
    assert names["ml_m4_xlarge"] == "ML_M4_XLARGE_2"
    assert names["InProgress"] == "IN_PROGRESS"
    assert names["1.0"] == "V_1_0"
    assert all(n.isidentifier() for n in names.values())


ORDER_TRAPS = [
    "EyeOpen", "Eyeglasses", "Ec10", "Ec2", "AB", "A", "KMSKey", "S3Uri", "S3URI",
    "RenderUiTemplateRequest", "RenderableTask", "RenderingError", "URL", "Url2", "Url10",
]  # fmt: skip


def test_generated_import_and_all_orders_are_the_ones_ruff_wants(tmp_path: Path) -> None:
    # ruff is the judge: isort's order for the imported names (case-insensitive first),
    # RUF022's for __all__ (case-sensitive), both with numbers by value.
    module_of = {name: ("_a" if i % 3 else "_b") for i, name in enumerate(ORDER_TRAPS)}
    lines = ["from __future__ import annotations", "", "from typing import TYPE_CHECKING", ""]
    lines.append("if TYPE_CHECKING:")
    lines += [f"    from .{m} import {n} as {n}" for m, n in imports(module_of)]
    names = ", ".join(repr(n) for n in sorted(ORDER_TRAPS, key=natural))
    lines += ["", f"__all__ = [{names}]", ""]
    source = tmp_path / "index" / "__init__.py"  # a lazy index, as generated
    source.parent.mkdir()
    source.write_text("\n".join(lines))
    ruff = Path(sys.executable).parent / "ruff"
    result = subprocess.run(
        [str(ruff), "check", "--isolated", "--select", "I001,RUF022", str(source)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout
