"""Hand-picked hostile inputs: each is rejected with a located diagnostic or handled safely."""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import pytest
from mutants import SPEC_DIR, enormous_page
from test_mutants import diagnostic_problems

from codegen.cli import main
from codegen.errors import CodegenError
from codegen.model import SourceLocation, StructureShape
from codegen.model.build import build_model

UID = "sagemaker-2017-07-24"


def spec_copy(tmp_path: Path) -> Path:
    if not SPEC_DIR.is_dir():
        pytest.skip("spec/ folder missing")
    return Path(shutil.copytree(SPEC_DIR, tmp_path / "spec"))


def rejection(spec: Path) -> CodegenError:
    with pytest.raises(CodegenError) as caught:
        build_model(spec)
    assert not diagnostic_problems(caught.value.diagnostics, spec)
    return caught.value


@pytest.mark.parametrize(
    "package",
    ["../escape", "/tmp/abs", "foo-bar", "class", "1pkg", "json", "Ünïcode", "", "a\\u0000b"],
)
def test_package_names_that_are_not_safe_importable_folders_are_rejected(
    tmp_path: Path, package: str
) -> None:
    spec = spec_copy(tmp_path)
    (spec / "codegen.toml").write_text(f'[services."{UID}"]\npackage = "{package}"\n')
    error = rejection(spec)
    assert any("is not a Python package name" in d.message for d in error.diagnostics)


@pytest.mark.parametrize("toml", ['services = "x"', "services = 3", "services = [1, 2]"])
def test_a_services_key_that_is_not_a_table_is_a_located_error(tmp_path: Path, toml: str) -> None:
    spec = spec_copy(tmp_path)
    (spec / "codegen.toml").write_text(toml + "\n")
    error = rejection(spec)
    assert [d.location.file for d in error.diagnostics] == [str(spec / "codegen.toml")]


def write_files(folder: Path, files: dict[str, bytes]) -> Path:
    folder.mkdir()
    for name, data in files.items():
        (folder / name).write_bytes(data)
    return folder


def test_a_page_over_the_size_limit_is_refused_without_parsing(tmp_path: Path) -> None:
    if not SPEC_DIR.is_dir():
        pytest.skip("spec/ folder missing")
    spec = write_files(tmp_path / "enormous", enormous_page(5_000_000))
    started = time.monotonic()
    error = rejection(spec)
    assert time.monotonic() - started < 5
    [diagnostic] = error.diagnostics
    assert diagnostic.location == SourceLocation(str(spec / "API_Enormous.md"), 1)
    assert "over the 2,000,000-byte limit" in diagnostic.message


def test_a_large_page_under_the_limit_builds(tmp_path: Path) -> None:
    if not SPEC_DIR.is_dir():
        pytest.skip("spec/ folder missing")
    spec = write_files(tmp_path / "large", enormous_page(300_000))
    service = build_model(spec).services[0]
    enormous = service.shapes["Enormous"]
    assert isinstance(enormous, StructureShape) and len(enormous.members) > 1000


@pytest.mark.parametrize("package", ["../escape", "/tmp/abs", "a/b", "class", "os"])
def test_a_package_option_that_is_not_a_safe_name_is_a_usage_error(
    tmp_path: Path, package: str, capsys: pytest.CaptureFixture[str]
) -> None:
    spec = spec_copy(tmp_path)
    with pytest.raises(SystemExit) as exit_:
        main([str(spec), "-o", str(tmp_path / "out"), "--package", package])
    assert exit_.value.code == 2
    assert "is not a Python package name" in capsys.readouterr().err
    assert not (tmp_path / "out").exists() and not (tmp_path / "escape").exists()


def retitle(spec: Path, page: str, title: str) -> None:
    path = spec / page
    lines = path.read_text().split("\n")
    lines[0] = f"# {title}" + lines[0][lines[0].index("<a name") :]
    path.write_text("\n".join(lines))


@pytest.mark.parametrize(
    "title", ["Foo-Bar", "1Foo", "Ünïcode", "True", "class", "Foo'''", "_X", "int", "importlib"]
)
def test_a_page_title_that_cannot_be_a_class_name_gives_way_to_its_anchor(
    tmp_path: Path, title: str
) -> None:
    spec = spec_copy(tmp_path)
    retitle(spec, "API_ResourceLimits.md", title)
    model = build_model(spec)
    assert "ResourceLimits" in model.services[0].shapes
    [slip] = [d for d in model.diagnostics if d.kind == "title-unusable"]
    assert slip.location == SourceLocation(str(spec / "API_ResourceLimits.md"), 1)


@pytest.mark.parametrize("title", ["Foo-Bar", "1Foo", "True", "int"])
def test_a_page_with_no_usable_name_anywhere_is_a_located_error(tmp_path: Path, title: str) -> None:
    spec = spec_copy(tmp_path)
    page = spec / "API_ResourceLimits.md"
    lines = page.read_text().split("\n")
    lines[0] = f"# {title}"  # no anchor either
    (spec / "API_resource-limits.md").write_text("\n".join(lines))
    page.unlink()
    error = rejection(spec)
    located = [d for d in error.diagnostics if "cannot name a shape" in d.message]
    assert [d.location for d in located] == [
        SourceLocation(str(spec / "API_resource-limits.md"), 1)
    ]


def test_an_error_name_that_cannot_be_a_class_name_is_a_located_error(tmp_path: Path) -> None:
    spec = spec_copy(tmp_path)
    page = spec / "API_StopHyperParameterTuningJob.md"
    page.write_text(page.read_text().replace(" **ResourceNotFound**", " **Resource.NotFound**"))
    error = rejection(spec)
    [located] = [d for d in error.diagnostics if "cannot name a shape" in d.message]
    assert located.location.file == str(page) and "'Resource.NotFound'" in located.message


@pytest.mark.parametrize(
    ("member", "shape"),
    [
        ("Foo-Bar", "FooBar"),
        ("1Foo", "Member1Foo"),
        ("名前", "Member"),
        ("None", "None_"),
        ("__init__", "Member__init__"),
        ("{{x}}", "X"),
        ("int", "Int"),
        ("getattr", "Getattr"),
    ],
    ids=repr,
)
def test_shapes_named_after_a_member_get_a_class_name_by_one_rule(
    tmp_path: Path, member: str, shape: str
) -> None:
    spec = spec_copy(tmp_path)
    page = spec / "API_ResourceConfig.md"
    written = member.replace("_", "\\_")  # as Markdown writes it: not emphasis
    page.write_text(page.read_text().replace(" **InstanceType**", f" **{written}**"))
    service = build_model(spec).services[0]
    config = service.shapes["ResourceConfig"]
    assert isinstance(config, StructureShape)
    [renamed] = [m for m in config.members if m.name == member]
    assert renamed.target == shape


def test_two_services_that_would_generate_one_package_are_a_located_error(tmp_path: Path) -> None:
    spec = spec_copy(tmp_path)
    other = (spec / "API_Tag.md").read_text().replace(UID, "sagemaker-2099-01-01")
    (spec / "API_OtherTag.md").write_text(other.replace("# Tag<a", "# OtherTag<a", 1))
    error = rejection(spec)
    [clash] = [d for d in error.diagnostics if "would both generate package" in d.message]
    assert clash.location == SourceLocation(str(spec / "API_OtherTag.md"), 1)


def test_a_data_type_of_another_service_used_here_is_defined_in_both(tmp_path: Path) -> None:
    spec = spec_copy(tmp_path)
    config = spec / "API_ResourceConfig.md"
    config.write_text(config.read_text().replace(UID, "other-2099-01-01"))
    with (spec / "codegen.toml").open("a") as toml:
        toml.write('\n[services."other-2099-01-01"]\ntarget_prefix = "Other"\n')
    model = build_model(spec)
    defined = {s.uid: set(s.shapes) for s in model.services}
    assert "ResourceConfig" in defined[UID] and "ResourceConfig" in defined["other-2099-01-01"]
    [shared] = [d for d in model.diagnostics if d.kind == "type-shared"]
    assert shared.location.file == str(config)


def test_pages_that_cannot_be_read_are_each_a_located_error(tmp_path: Path) -> None:
    spec = spec_copy(tmp_path)
    (spec / "API_Folder.md").mkdir()
    (spec / "API_Broken.md").symlink_to(tmp_path / "nowhere.md")
    with pytest.raises(CodegenError) as caught:  # not rejection(): the link names no file
        build_model(spec)
    diagnostics = caught.value.diagnostics
    unreadable = sorted(d.location.file for d in diagnostics if "cannot read" in d.message)
    assert unreadable == [str(spec / "API_Broken.md"), str(spec / "API_Folder.md")]
