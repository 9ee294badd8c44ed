"""The API change report: each kind of change, its classification per direction, the
command line, and the sagemaker-2018 -> sagemaker-2019 report checked against botocore."""

from __future__ import annotations

import json
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from pages import member, operation_page, type_page, write_pages

from codegen import cli
from codegen.model import ListShape, MapShape, Service, Shape, ShapeModel, StructureShape
from codegen.model.build import build_model
from codegen.tools.apidiff import ApiDiff, Change, diff_models, effective_pattern, main, render_text

# ---------------------------------------------------------------------------------------
# A small service: Range travels only in requests, Summary only in responses, Shared both.


def range_members(**changes: tuple[str, ...] | None) -> dict[str, tuple[str, ...] | None]:
    members: dict[str, tuple[str, ...] | None] = {
        "Name": ("Type: String", "Length Constraints: Maximum length of 10\\.", "Required: Yes"),
        "Scale": ("Type: String", "Valid Values:` Auto | Linear`", "Required: No"),
        "Count": ("Type: Integer", "Required: No"),
    }
    members.update(changes)
    return members


def summary_members(**changes: tuple[str, ...] | None) -> dict[str, tuple[str, ...] | None]:
    members: dict[str, tuple[str, ...] | None] = {
        "Arn": ("Type: String", "Required: Yes"),
        "State": ("Type: String", "Valid Values:` On | Off`", "Required: No"),
        "Size": ("Type: Integer", "Valid Range: Maximum value of 10\\.", "Required: No"),
    }
    members.update(changes)
    return members


def shared_members(**changes: tuple[str, ...] | None) -> dict[str, tuple[str, ...] | None]:
    members: dict[str, tuple[str, ...] | None] = {"Label": ("Type: String", "Required: No")}
    members.update(changes)
    return members


def entries(owner: str, members: dict[str, tuple[str, ...] | None]) -> list[str]:
    """Member entries in the docs' format; a member set to ``None`` is left out."""
    return [member(name, *lines, owner=owner) for name, lines in members.items() if lines]


def spec(
    *,
    ranges: dict[str, tuple[str, ...] | None] | None = None,
    summary: dict[str, tuple[str, ...] | None] | None = None,
    shared: dict[str, tuple[str, ...] | None] | None = None,
    request: dict[str, tuple[str, ...] | None] | None = None,
    errors: tuple[tuple[str, int], ...] = (("Busy", 400),),
    operations: tuple[str, ...] = ("Ping",),
    types: tuple[str, ...] = ("Range", "Summary", "Shared"),
) -> dict[str, str]:
    request_members: dict[str, tuple[str, ...] | None] = {
        "Range": ("Type: [Range](API_Range.md) object", "Required: Yes"),
        "Shared": ("Type: [Shared](API_Shared.md) object", "Required: No"),
        "Tags": ("Type: Array of strings", "Array Members: Maximum number of 5 items\\."),
    }
    request_members.update(request or {})
    response_members = {
        "Summary": ("Type: [Summary](API_Summary.md) object",),
        "Shared": ("Type: [Shared](API_Shared.md) object",),
    }
    pages = {
        "PutRange": operation_page(
            "PutRange",
            "{}",
            entries("PutRange", request_members),
            entries("PutRange", response_members),
            response_syntax="{}",
            errors=list(errors),
        ),
    }
    for name in operations:
        pages[name] = operation_page(name, "{}", entries(name, {"Id": ("Type: String",)}))
    all_types = {
        "Range": range_members() if ranges is None else ranges,
        "Summary": summary_members() if summary is None else summary,
        "Shared": shared_members() if shared is None else shared,
    }
    for name in types:
        pages[name] = type_page(name, *entries(name, all_types[name]))
    return pages


def report(tmp_path: Path, old: dict[str, str], new: dict[str, str]) -> ApiDiff:
    old_model = build_model(write_pages(tmp_path / "old", old))
    new_model = build_model(write_pages(tmp_path / "new", new))
    return diff_models(old_model, new_model)


def only_change(diff: ApiDiff) -> Change:
    assert len(diff.changes) == 1, [c.describe() for c in diff.changes]
    return diff.changes[0]


def test_identical_docs_report_nothing_and_suggest_no_bump(tmp_path: Path) -> None:
    diff = report(tmp_path, spec(), spec())
    assert diff.changes == ()
    assert diff.bump == "none"
    assert render_text(diff).endswith("suggested version bump: none (0 breaking, 0 added, 0 other)")


def test_new_optional_request_member_is_a_minor_addition(tmp_path: Path) -> None:
    scaling = ("Type: String", "Valid Values:` Auto | Linear`", "Required: No")
    change = only_change(report(tmp_path, spec(), spec(ranges=range_members(Scaling=scaling))))
    assert (change.kind, change.path, change.breaking) == ("member-added", "Range.Scaling", False)
    assert change.describe() == "Range.Scaling added (optional request member)"


def test_new_required_request_member_breaks_callers(tmp_path: Path) -> None:
    owner = ("Type: String", "Required: Yes")
    diff = report(tmp_path, spec(), spec(ranges=range_members(Owner=owner)))
    change = only_change(diff)
    assert (change.kind, change.breaking) == ("member-added", True)
    assert diff.bump == "major"


def test_new_response_member_is_harmless_even_when_required(tmp_path: Path) -> None:
    owner = ("Type: String", "Required: Yes")
    diff = report(tmp_path, spec(), spec(summary=summary_members(Owner=owner)))
    assert (only_change(diff).breaking, diff.bump) == (False, "minor")


@pytest.mark.parametrize(
    ("old", "new", "path"),
    [
        (spec(), spec(summary=summary_members(Size=None)), "Summary.Size"),
        (spec(), spec(ranges=range_members(Count=None)), "Range.Count"),
    ],
    ids=["response", "request"],
)
def test_a_removed_member_breaks_in_either_direction(
    tmp_path: Path, old: dict[str, str], new: dict[str, str], path: str
) -> None:
    change = only_change(report(tmp_path, old, new))
    assert (change.kind, change.path, change.breaking) == ("member-removed", path, True)


@pytest.mark.parametrize(
    ("owner", "member_name", "becomes", "breaking"),
    [
        ("Range", "Count", "required", True),  # callers must now set it
        ("Range", "Name", "optional", False),
        ("Summary", "Size", "required", False),
        ("Summary", "Arn", "optional", True),  # readers must now handle None
        ("Shared", "Label", "required", True),  # used both ways: breaking for callers
    ],
)
def test_required_changes_are_judged_by_the_direction_the_type_travels(
    tmp_path: Path, owner: str, member_name: str, becomes: str, breaking: bool
) -> None:
    makers = {"Range": range_members, "Summary": summary_members, "Shared": shared_members}
    old_lines = makers[owner]()[member_name]
    assert old_lines is not None
    flag = "Required: Yes" if becomes == "required" else "Required: No"
    lines = tuple(line for line in old_lines if not line.startswith("Required")) + (flag,)
    keyword = {"Range": "ranges", "Summary": "summary", "Shared": "shared"}[owner]
    new_spec = spec(**{keyword: makers[owner](**{member_name: lines})})  # type: ignore[arg-type]
    change = only_change(report(tmp_path, spec(), new_spec))
    assert (change.kind, change.path, change.new, change.breaking) == (
        "required-changed",
        f"{owner}.{member_name}",
        becomes,
        breaking,
    )


def test_shared_type_made_optional_breaks_its_readers(tmp_path: Path) -> None:
    required = shared_members(Label=("Type: String", "Required: Yes"))
    change = only_change(report(tmp_path, spec(shared=required), spec()))
    assert (change.new, change.breaking) == ("optional", True)
    assert "requests and responses" in change.describe()


@pytest.mark.parametrize(
    ("new_line", "kind", "breaking"),
    [
        ("Length Constraints: Maximum length of 20\\.", "constraint-loosened", False),
        ("Length Constraints: Maximum length of 5\\.", "constraint-tightened", True),
        (
            "Length Constraints: Minimum length of 1\\. Maximum length of 10\\.",
            "constraint-tightened",
            True,
        ),
    ],
)
def test_request_length_changes_are_tightened_or_loosened(
    tmp_path: Path, new_line: str, kind: str, breaking: bool
) -> None:
    name = ("Type: String", new_line, "Required: Yes")
    change = only_change(report(tmp_path, spec(), spec(ranges=range_members(Name=name))))
    assert (change.kind, change.path, change.breaking) == (kind, "Range.Name", breaking)


def test_tightened_response_constraint_does_not_break_readers(tmp_path: Path) -> None:
    size = ("Type: Integer", "Valid Range: Maximum value of 5\\.", "Required: No")
    change = only_change(report(tmp_path, spec(), spec(summary=summary_members(Size=size))))
    assert (change.kind, change.aspect, change.old, change.new, change.breaking) == (
        "constraint-tightened",
        "max value",
        "max value 10",
        "max value 5",
        False,
    )


def test_list_and_element_constraints_are_located_inside_the_member(tmp_path: Path) -> None:
    tags = (
        "Type: Array of strings",
        "Array Members: Maximum number of 3 items\\.",
        "Pattern: `[a-z]+`",
    )
    diff = report(tmp_path, spec(), spec(request={"Tags": tags}))
    found = {(c.path, c.aspect, c.kind) for c in diff.changes}
    assert found == {
        ("PutRangeRequest.Tags", "max items", "constraint-tightened"),
        ("PutRangeRequest.Tags[]", "pattern", "constraint-tightened"),
    }


def test_changed_pattern_is_potentially_breaking_and_a_match_everything_pattern_is_none(
    tmp_path: Path,
) -> None:
    def with_pattern(pattern: str) -> dict[str, str]:
        return spec(
            ranges=range_members(Count=None, Note=("Type: String", f"Pattern: `{pattern}`"))
        )

    changed = only_change(report(tmp_path / "a", with_pattern("[a-z]+"), with_pattern("[a-f]+")))
    assert (changed.kind, changed.breaking) == ("constraint-changed", True)
    no_pattern = spec(ranges=range_members(Count=None, Note=("Type: String",)))
    universal = report(tmp_path / "b", no_pattern, with_pattern(".*"))
    assert universal.changes == ()
    anchored = only_change(report(tmp_path / "c", no_pattern, with_pattern("^.*$")))
    assert anchored.kind == "constraint-tightened"  # `.` excludes line terminators


def test_enum_value_removed_breaks_callers_and_added_does_not(tmp_path: Path) -> None:
    scale = ("Type: String", "Valid Values:` Auto | Log`", "Required: No")
    diff = report(tmp_path, spec(), spec(ranges=range_members(Scale=scale)))
    found = {(c.kind, c.old, c.new, c.breaking) for c in diff.changes}
    assert found == {
        ("enum-value-removed", "Linear", None, True),
        ("enum-value-added", None, "Log", False),
    }


def test_enum_value_added_to_a_response_warns_readers_without_breaking(tmp_path: Path) -> None:
    state = ("Type: String", "Valid Values:` On | Off | Paused`", "Required: No")
    diff = report(tmp_path, spec(), spec(summary=summary_members(State=state)))
    change = only_change(diff)
    assert (change.kind, change.new, change.breaking) == ("enum-value-added", "Paused", False)
    assert "readers may see a new value" in change.reason
    assert diff.bump == "minor"


def test_type_change_breaks_unless_the_python_type_stays(tmp_path: Path) -> None:
    as_string = ("Type: String", "Required: No")
    changed = only_change(
        report(tmp_path / "a", spec(), spec(ranges=range_members(Count=as_string)))
    )
    assert (changed.kind, changed.old, changed.new, changed.breaking) == (
        "type-changed",
        "integer",
        "string",
        True,
    )
    as_long = ("Type: Long", "Required: No")
    widened = only_change(report(tmp_path / "b", spec(), spec(ranges=range_members(Count=as_long))))
    assert (widened.kind, widened.breaking, widened.reason) == (
        "type-changed",
        False,
        "same Python type",
    )


def test_list_element_type_change_is_seen_through_the_list(tmp_path: Path) -> None:
    numbers = ("Type: Array of integers",)
    change = only_change(report(tmp_path, spec(), spec(request={"Tags": numbers})))
    assert (change.kind, change.old, change.new) == (
        "type-changed",
        "list of string",
        "list of integer",
    )


def test_made_up_names_of_lists_and_enums_are_not_api(tmp_path: Path) -> None:
    """Gamma.Mode's enum is called ``Mode`` alone and ``GammaMode`` once Delta also has a
    different ``Mode``: the only change is the new data type."""
    gamma = type_page("Gamma", member("Mode", "Type: String", "Valid Values:` A | B`"))
    delta = type_page("Delta", member("Mode", "Type: String", "Valid Values:` C | D`"))
    old_model = build_model(write_pages(tmp_path / "old", {"Gamma": gamma}))
    new_model = build_model(write_pages(tmp_path / "new", {"Gamma": gamma, "Delta": delta}))
    targets = [
        s.shapes["Gamma"].members[0].target  # type: ignore[union-attr]
        for s in (old_model.services[0], new_model.services[0])
    ]
    assert targets == ["Mode", "GammaMode"]
    change = only_change(diff_models(old_model, new_model))
    assert (change.kind, change.path, change.breaking) == ("structure-added", "Delta", False)


def test_operations_and_data_types_added_and_removed(tmp_path: Path) -> None:
    added = report(tmp_path / "a", spec(operations=()), spec())
    assert [(c.kind, c.path) for c in added.changes] == [("operation-added", "Ping")]
    assert added.bump == "minor"
    removed = report(tmp_path / "b", spec(), spec(operations=()))
    assert (only_change(removed).kind, removed.bump) == ("operation-removed", "major")
    gone = spec()
    gone["Extra"] = type_page("Extra", member("X", "Type: String", owner="Extra"))
    dropped = only_change(report(tmp_path / "c", gone, spec()))
    assert (dropped.kind, dropped.path, dropped.breaking) == ("structure-removed", "Extra", True)


def test_errors_added_and_removed_do_not_break_callers(tmp_path: Path) -> None:
    diff = report(tmp_path, spec(), spec(errors=(("Busy", 400), ("Throttled", 429))))
    found = [(c.kind, c.path, c.new, c.breaking) for c in diff.changes]
    assert found == [
        ("error-added", "PutRange", "Throttled", False),
        ("structure-added", "Throttled", "Throttled", False),
    ]
    gone = report(tmp_path / "b", spec(errors=(("Busy", 400), ("Throttled", 429))), spec())
    kinds = {(c.kind, c.breaking) for c in gone.changes}
    assert kinds == {("error-removed", False), ("structure-removed", True)}


def test_http_binding_change_is_breaking(tmp_path: Path) -> None:
    def rest(method: str) -> dict[str, str]:
        return {"Ping": operation_page("Ping", f"{method} /ping HTTP/1.1", [])}

    change = only_change(report(tmp_path, rest("POST"), rest("PUT")))
    assert (change.kind, change.old, change.new, change.breaking) == (
        "binding-changed",
        "POST /ping",
        "PUT /ping",
        True,
    )


def test_only_loosening_suggests_a_patch(tmp_path: Path) -> None:
    name = ("Type: String", "Length Constraints: Maximum length of 99\\.", "Required: Yes")
    assert report(tmp_path, spec(), spec(ranges=range_members(Name=name))).bump == "patch"


# ---------------------------------------------------------------------------------------
# Command line.


def test_cli_prints_breaking_changes_first_then_the_bump(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    old = write_pages(tmp_path / "old", spec())
    owner = ("Type: String", "Required: Yes")
    new = write_pages(
        tmp_path / "new", spec(ranges=range_members(Owner=owner, Count=None, Zed=("Type: String",)))
    )
    assert cli.main(["diff", str(old), str(new)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "demo-2020-01-01 (demo-2020-01-01, package demo)"
    assert lines[1:4] == [
        "BREAKING  demo: Range.Count removed (optional request member)",
        "BREAKING  demo: Range.Owner added (required request member: callers must now set it)",
        "added     demo: Range.Zed added (optional request member)",
    ]
    assert lines[-1] == "suggested version bump: major (2 breaking, 1 added, 0 other)"


def test_cli_json_is_stable_and_complete(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    old = write_pages(tmp_path / "old", spec())
    new = write_pages(tmp_path / "new", spec(errors=()))
    assert main([str(old), str(new), "--json"]) == 0
    first = capsys.readouterr().out
    assert main([str(old), str(new), "--json"]) == 0
    assert capsys.readouterr().out == first
    document = json.loads(first)
    assert (document["format"], document["bump"]) == (1, "major")
    (service,) = document["services"]
    assert [(c["kind"], c["path"], c["breaking"]) for c in service["changes"]] == [
        ("structure-removed", "Busy", True),
        ("error-removed", "PutRange", False),
    ]


def test_cli_reports_input_errors_with_locations_and_exit_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good = write_pages(tmp_path / "good", spec())
    assert main([str(tmp_path / "missing"), str(good)]) == 1
    assert f"{tmp_path / 'missing'}: error: not a folder" in capsys.readouterr().err
    # A slip is read past (a warning); a name that cannot become Python is an error.
    bad = write_pages(tmp_path / "bad", {"widget": type_page("widget", member("A", "Type: S"))})
    assert main([str(good), str(bad)]) == 1
    err = capsys.readouterr().err
    assert f"{bad / 'API_widget.md'}:" in err and "cannot name a shape" in err
    assert "Traceback" not in err


# ---------------------------------------------------------------------------------------
# The real case, checked against botocore's two models.
#
# Both the docs and each botocore model become the same "facts" (operations, structures,
# members, required, member types, constraints, enum values, errors), with operation inputs
# and outputs called <Op>Request / <Op>Response on both sides. The changes between two fact
# sets are computed once, the same way for docs and models. Where the docs and the model of
# the same date agree on every fact a change rests on, the report must say exactly what
# botocore says; the rest is listed with its reason in apidiff_sagemaker_disagreements.toml.

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
KNOWN = Path(__file__).resolve().parent / "apidiff_sagemaker_disagreements.toml"
needs_corpus = pytest.mark.skipif(
    not (CORPUS / "sagemaker-2019").is_dir(), reason="../shared/corpus is not here"
)

Json = dict[str, Any]
FactKey = tuple[str, ...]
Facts = dict[FactKey, object]
ChangeKey = tuple[str, ...]
_BOUND_UNITS = {
    "string": "length",
    "blob": "length",
    "integer": "value",
    "long": "value",
    "float": "value",
    "double": "value",
    "list": "items",
    "map": "entries",
}


def botocore_like(service: Service) -> Json:
    """Our model in botocore's JSON vocabulary, as far as the facts need it."""
    shapes: Json = {name: _shape_json(shape) for name, shape in service.shapes.items()}
    operations = {
        name: {
            "input": {"shape": op.input} if op.input else None,
            "output": {"shape": op.output} if op.output else None,
            "errors": [{"shape": e.shape} for e in op.errors],
        }
        for name, op in service.operations.items()
    }
    return {"operations": operations, "shapes": shapes}


def _shape_json(shape: Shape) -> Json:
    if isinstance(shape, StructureShape):
        return {
            "type": "structure",
            "members": {m.name: {"shape": m.target} for m in shape.members},
            "required": [m.name for m in shape.members if m.required],
        }
    if isinstance(shape, ListShape):
        bounds = {"min": shape.min_items, "max": shape.max_items}
        return {"type": "list", "member": {"shape": shape.member}, **bounds}
    if isinstance(shape, MapShape):
        parts = {"key": {"shape": shape.key}, "value": {"shape": shape.value}}
        return {"type": "map", **parts, "min": shape.min_entries, "max": shape.max_entries}
    c = shape.constraints
    numeric = _BOUND_UNITS.get(shape.kind) == "value"
    return {
        "type": shape.kind,
        "min": c.min_value if numeric else c.min_length,
        "max": c.max_value if numeric else c.max_length,
        "pattern": c.pattern,
        "enum": list(c.enum),
    }


def facts(model: Json) -> Facts:
    shapes: Json = model["shapes"]
    found: Facts = {}
    owners: dict[str, str] = {}  # structure as the report names it -> name in `model`
    for op_name, op in model["operations"].items():
        found[("operation", op_name)] = True
        for error in op.get("errors") or []:
            found[("error", op_name, error["shape"])] = True
        for key, suffix in (("input", "Request"), ("output", "Response")):
            if op.get(key):
                owners[op_name + suffix] = op[key]["shape"]
    operation_shapes = set(owners.values())
    for name, shape in shapes.items():
        if shape["type"] == "structure" and name not in operation_shapes:
            found[("structure", name)] = True
            owners[name] = name
    for owner, shape_name in owners.items():
        found[("owner", owner)] = True
        shape = shapes[shape_name]
        for member_name, ref in shape["members"].items():
            path = f"{owner}.{member_name}"
            found[("member", path)] = True
            found[("required", path)] = member_name in shape.get("required", [])
            found[("type", path)] = _signature(shapes, ref["shape"])
            _constraint_facts(shapes, ref["shape"], path, found)
    return found


def _signature(shapes: Json, name: str) -> str:
    shape = shapes[name]
    if shape["type"] == "list":
        return f"list of {_signature(shapes, shape['member']['shape'])}"
    if shape["type"] == "map":
        key, value = shape["key"]["shape"], shape["value"]["shape"]
        return f"map of {_signature(shapes, key)} to {_signature(shapes, value)}"
    return name if shape["type"] == "structure" else str(shape["type"])


def _constraint_facts(shapes: Json, name: str, position: str, found: Facts) -> None:
    shape = shapes[name]
    unit = _BOUND_UNITS.get(shape["type"])
    for bound in ("min", "max"):
        if unit and shape.get(bound) is not None:
            found[("constraint", position, f"{bound} {unit}")] = shape[bound]
    pattern = effective_pattern(shape.get("pattern"))
    if pattern is not None:
        found[("constraint", position, "pattern")] = pattern
    if shape.get("enum"):
        found[("constraint", position, "values")] = frozenset(shape["enum"])
        for value in shape["enum"]:
            found[("value", position, value)] = True
    if shape["type"] == "list":
        _constraint_facts(shapes, shape["member"]["shape"], f"{position}[]", found)
    elif shape["type"] == "map":
        _constraint_facts(shapes, shape["key"]["shape"], f"{position}{{key}}", found)
        _constraint_facts(shapes, shape["value"]["shape"], f"{position}{{value}}", found)


def fact_changes(old: Facts, new: Facts) -> dict[ChangeKey, tuple[FactKey, ...]]:
    """Each change, keyed as ``report_keys`` keys the report, with the facts it rests on."""
    found: dict[ChangeKey, tuple[FactKey, ...]] = {}
    for key in sorted(old.keys() | new.keys(), key=repr):
        verb = "added" if key in new else "removed"
        appeared = (key in old) != (key in new)
        if key[0] in ("operation", "structure") and appeared:
            found[(f"{key[0]}-{verb}", key[1])] = (key,)
        elif key[0] == "error" and appeared and _in_both(old, new, ("operation", key[1])):
            found[(f"error-{verb}", key[1], key[2])] = (key, ("operation", key[1]))
        elif key[0] == "member" and _in_both(old, new, _owner(key[1])):
            found.update(_member_changes(old, new, key[1]))
    return found


def _member_changes(old: Facts, new: Facts, path: str) -> dict[ChangeKey, tuple[FactKey, ...]]:
    base: tuple[FactKey, ...] = (("member", path), _owner(path))
    if (("member", path) in old) != (("member", path) in new):
        verb = "added" if ("member", path) in new else "removed"
        return {(f"member-{verb}", path): base}
    found: dict[ChangeKey, tuple[FactKey, ...]] = {}
    for aspect in ("required", "type"):
        if old[(aspect, path)] != new[(aspect, path)]:
            found[(f"{aspect}-changed", path)] = (*base, (aspect, path))
    if old[("type", path)] != new[("type", path)]:
        return found  # the report compares constraints only between equal types
    base = (*base, ("type", path))
    for key in sorted(old.keys() | new.keys(), key=repr):
        inside = key[0] in ("constraint", "value") and key[1].startswith(path)
        if not inside or key[1][len(path) :][:1] not in ("", "[", "{"):
            continue
        values = ("constraint", key[1], "values")
        both_enums = bool(old.get(values)) and bool(new.get(values))
        if key[0] == "constraint" and old.get(key) != new.get(key):
            if not (key[2] == "values" and both_enums):
                found[key] = (*base, key)
        elif key[0] == "value" and both_enums and (key in old) != (key in new):
            verb = "added" if key in new else "removed"
            found[(f"enum-value-{verb}", key[1], key[2])] = (*base, key)
    return found


def _owner(path: str) -> FactKey:
    return ("owner", path.split(".")[0])


def _in_both(old: Facts, new: Facts, key: FactKey) -> bool:
    return key in old and key in new


def report_keys(diff: ApiDiff, uid: str) -> set[ChangeKey]:
    keys: set[ChangeKey] = set()
    for change in diff.changes:
        if change.service != uid:
            continue
        if change.kind.startswith("constraint-"):
            keys.add(("constraint", change.path, change.aspect))
        elif change.kind.startswith(("enum-value-", "error-")):
            keys.add((change.kind, change.path, str(change.new or change.old)))
        else:
            keys.add((change.kind, change.path))
    return keys


@dataclass(frozen=True)
class Agreement:
    report: set[ChangeKey]
    botocore: set[ChangeKey]
    report_outside: set[ChangeKey]
    """Reported changes resting on a fact where the docs and the model of that date differ."""
    botocore_outside: set[ChangeKey]
    unexplained: set[ChangeKey]
    """Reported changes the docs' own facts do not imply: must be empty."""


def compare_with_botocore(diff: ApiDiff, old: Service, new: Service, service: str) -> Agreement:
    models = [
        json.loads((CORPUS / corpus / "botocore" / service / "service-2.json").read_text())
        for corpus in ("sagemaker-2018", "sagemaker-2019")
    ]
    docs_old, docs_new = facts(botocore_like(old)), facts(botocore_like(new))
    model_old, model_new = facts(models[0]), facts(models[1])
    from_docs = fact_changes(docs_old, docs_new)
    from_models = fact_changes(model_old, model_new)

    def agreed(deps: tuple[FactKey, ...]) -> bool:
        return all(
            docs_old.get(f) == model_old.get(f) and docs_new.get(f) == model_new.get(f)
            for f in deps
        )

    reported = report_keys(diff, new.uid)
    inside = {k for k in reported if k in from_docs and agreed(from_docs[k])}
    truth = {k for k, deps in from_models.items() if agreed(deps)}
    return Agreement(
        report=inside,
        botocore=truth,
        report_outside={k for k in reported if k in from_docs} - inside,
        botocore_outside=set(from_models) - truth,
        unexplained=reported ^ set(from_docs),
    )


@pytest.fixture(scope="module")
def sagemaker_diff() -> tuple[ApiDiff, ShapeModel, ShapeModel]:
    old = build_model(CORPUS / "sagemaker-2018" / "docs")
    new = build_model(CORPUS / "sagemaker-2019" / "docs")
    return diff_models(old, new), old, new


@needs_corpus
def test_sagemaker_report_names_scaling_type_as_a_harmless_addition(
    sagemaker_diff: tuple[ApiDiff, ShapeModel, ShapeModel],
) -> None:
    diff = sagemaker_diff[0]
    lines = render_text(diff).splitlines()
    assert (
        "added     sagemaker: ContinuousParameterRange.ScalingType added "
        "(optional member of a type used in requests and responses)"
    ) in lines
    assert diff.bump == "major"  # e.g. TrainingJobCounters is gone
    assert any(
        c.kind == "structure-removed" and c.path == "TrainingJobCounters" for c in diff.breaking
    )


@needs_corpus
@pytest.mark.parametrize("service", ["sagemaker", "sagemaker-runtime"])
def test_sagemaker_report_agrees_with_botocore_where_docs_and_models_agree(
    sagemaker_diff: tuple[ApiDiff, ShapeModel, ShapeModel], service: str
) -> None:
    diff, old_model, new_model = sagemaker_diff
    uid = json.loads(
        (CORPUS / "sagemaker-2019" / "botocore" / service / "service-2.json").read_text()
    )["metadata"]["uid"]
    old = next(s for s in old_model.services if s.uid == uid)
    new = next(s for s in new_model.services if s.uid == uid)
    agreement = compare_with_botocore(diff, old, new, service)
    assert agreement.unexplained == set()
    assert agreement.report == agreement.botocore
    assert agreement.report  # the comparison compared something
    known = tomllib.loads(KNOWN.read_text(encoding="utf-8"))
    listed = {
        (entry["side"], tuple(entry["change"]))
        for entry in known["disagreements"]
        if entry["service"] == service
    }
    outside = {("report", k) for k in agreement.report_outside}
    outside |= {("botocore", k) for k in agreement.botocore_outside}
    assert outside == listed
