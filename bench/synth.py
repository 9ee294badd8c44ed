"""Write a synthetic reference-doc corpus, in the docs' page format, from a botocore model.

Used by the scale benchmark: botocore's current SageMaker model has hundreds of operations
and thousands of shapes, far more than any corpus here. ``copies`` > 1 repeats the whole
API under suffixed names (``CreateModel2``...) to measure growth at 2x and 4x.

    python bench/synth.py OUT_DIR [--service sagemaker] [--copies N]

The pages are generated at benchmark time and never committed.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

Shapes = dict[str, dict[str, Any]]

_SCALAR_TYPES = {
    "string": "String",
    "integer": "Integer",
    "long": "Long",
    "float": "Float",
    "double": "Double",
    "boolean": "Boolean",
    "timestamp": "Timestamp",
    "blob": "Base64\\-encoded binary data object",
}
_PLURALS = {
    "string": "strings",
    "integer": "integers",
    "long": "longs",
    "float": "floats",
    "double": "doubles",
    "boolean": "booleans",
    "timestamp": "timestamps",
}


def load_botocore_model(service: str) -> dict[str, Any]:
    import botocore.loaders

    model: dict[str, Any] = botocore.loaders.Loader().load_service_model(service, "service-2")
    return model


def type_line(shapes: Shapes, name: str, suffix: str) -> str:
    shape = shapes[name]
    kind = shape["type"]
    if kind == "structure":
        return f"[{name}{suffix}](API_{name}{suffix}.md) object"
    if kind == "list":
        return "Array of " + _plural(shapes, shape["member"]["shape"], suffix)
    if kind == "map":
        value = type_line(shapes, shape["value"]["shape"], suffix)
        return f"String to {value[0].lower() + value[1:]} map"
    return _SCALAR_TYPES[kind]


def _plural(shapes: Shapes, name: str, suffix: str) -> str:
    shape = shapes[name]
    kind = shape["type"]
    if kind == "structure":
        return f"[{name}{suffix}](API_{name}{suffix}.md) objects"
    if kind == "list":
        return "arrays of " + _plural(shapes, shape["member"]["shape"], suffix)
    return _PLURALS.get(kind, "strings")


def _innermost(shapes: Shapes, name: str) -> dict[str, Any]:
    shape = shapes[name]
    while shape["type"] == "list":
        shape = shapes[shape["member"]["shape"]]
    return shape


def _number(value: float) -> str:
    return str(value).replace("-", "\\-").replace(".", "\\.")


def constraint_lines(shapes: Shapes, name: str) -> Iterator[str]:
    shape = shapes[name]
    if shape["type"] == "list":
        yield from _bounds("Array Members", shape, "number", "items")
        shape = _innermost(shapes, name)
    if shape["type"] == "map":
        yield from _bounds("Map Entries", shape, "number", "items")
        key, value = shapes[shape["key"]["shape"]], shapes[shape["value"]["shape"]]
        yield from _scalar_lines(key, "Key ")
        if value["type"] == "string":
            yield from _scalar_lines(value, "Value ")
        return
    if shape["type"] in ("string", "blob"):
        yield from _scalar_lines(shape, "")
    elif shape["type"] in ("integer", "long", "float", "double"):
        yield from _bounds("Valid Range", shape, "value", "")


def _scalar_lines(shape: dict[str, Any], prefix: str) -> Iterator[str]:
    if shape["type"] != "string":
        return
    yield from _bounds(f"{prefix}Length Constraints", shape, "length", "")
    if "pattern" in shape and "`" not in shape["pattern"]:
        yield f"{prefix}Pattern: `{shape['pattern']}`"
    if "enum" in shape:
        label = "Valid Keys" if prefix == "Key " else "Valid Values"
        yield f"{label}:` " + " | ".join(shape["enum"]) + "`"


def _bounds(label: str, shape: dict[str, Any], unit: str, items: str) -> Iterator[str]:
    parts = []
    tail = f" {items}" if items else ""
    if "min" in shape:
        parts.append(f"Minimum {unit} of {_number(shape['min'])}{tail}\\.")
    if "max" in shape:
        parts.append(f"Maximum {unit} of {_number(shape['max'])}{tail}\\.")
    if parts:
        yield f"{label}: " + " ".join(parts)


def member_entry(
    shapes: Shapes,
    owner: str,
    member: str,
    ref: dict[str, Any],
    required: bool,
    suffix: str,
) -> str:
    lines = [f' **{member}**   <a name="Synth-Type-{owner}-{member}"></a>']
    lines.append(f"The {member} of the {owner}\\.  ")
    lines.append(f"Type: {type_line(shapes, ref['shape'], suffix)}  ")
    lines.extend(f"{line}  " for line in constraint_lines(shapes, ref["shape"]))
    lines.append(f"Required: {'Yes' if required else 'No'}")
    return "\n".join(lines) + "\n"


def see_also(uid: str, name: str) -> str:
    return (
        f'\n## See Also<a name="API_{name}_SeeAlso"></a>\n\n'
        f"+  [AWS SDK for Python](https://docs.aws.amazon.com/goto/boto3/{uid}/{name}) \n"
    )


def structure_page(shapes: Shapes, name: str, uid: str, suffix: str) -> str:
    shape = shapes[name]
    title = f"{name}{suffix}"
    required = set(shape.get("required", []))
    members = [
        member_entry(shapes, title, m, ref, m in required, suffix)
        for m, ref in shape.get("members", {}).items()
    ]
    return (
        f'# {title}<a name="API_{title}"></a>\n\nThe {title} data type\\.\n\n'
        f'## Contents<a name="API_{title}_Contents"></a>\n\n'
        + "\n".join(members)
        + see_also(uid, title)
    )


def _skeleton(shapes: Shapes, shape_name: str | None) -> str:
    if shape_name is None:
        return "{}"
    members = shapes[shape_name].get("members", {})
    body = ",\n".join(f'   "{m}": "string"' for m in members)
    return "{\n" + body + "\n}"


def operation_page(shapes: Shapes, name: str, op: dict[str, Any], uid: str, suffix: str) -> str:
    title = f"{name}{suffix}"
    input_name = op.get("input", {}).get("shape")
    output_name = op.get("output", {}).get("shape")
    parts = [f'# {title}<a name="API_{title}"></a>\n\nThe {title} operation\\.\n']
    parts.append(
        f'## Request Syntax<a name="API_{title}_RequestSyntax"></a>\n\n'
        f"```\n{_skeleton(shapes, input_name)}\n```\n"
    )
    parts.append(f'## Request Parameters<a name="API_{title}_RequestParameters"></a>\n')
    parts.extend(_members(shapes, title, input_name, suffix))
    if output_name:
        parts.append(
            f'## Response Syntax<a name="API_{title}_ResponseSyntax"></a>\n\n'
            f"```\n{_skeleton(shapes, output_name)}\n```\n"
        )
        parts.append(f'## Response Elements<a name="API_{title}_ResponseElements"></a>\n')
        parts.extend(_members(shapes, title, output_name, suffix))
    errors = op.get("errors", [])
    if errors:
        parts.append(f'## Errors<a name="API_{title}_Errors"></a>\n')
        for error in errors:
            status = shapes[error["shape"]].get("error", {}).get("httpStatusCode", 400)
            parts.append(f" **{error['shape']}**   \nIt failed\\.  \nHTTP Status Code: {status}\n")
    return "\n".join(parts) + see_also(uid, title)


def _members(shapes: Shapes, owner: str, shape_name: str | None, suffix: str) -> list[str]:
    if shape_name is None:
        return []
    shape = shapes[shape_name]
    required = set(shape.get("required", []))
    return [
        member_entry(shapes, owner, m, ref, m in required, suffix)
        for m, ref in shape.get("members", {}).items()
    ]


def write_corpus(model: dict[str, Any], out: Path, copies: int = 1) -> int:
    """Write the pages; returns how many were written."""
    shapes: Shapes = model["shapes"]
    uid = model["metadata"].get("uid", "synth-2020-01-01")
    io_shapes = {
        op[key]["shape"]
        for op in model["operations"].values()
        for key in ("input", "output")
        if key in op
    }
    error_shapes = {e["shape"] for op in model["operations"].values() for e in op.get("errors", [])}
    out.mkdir(parents=True, exist_ok=True)
    count = 0
    for copy in range(copies):
        suffix = "" if copy == 0 else str(copy + 1)
        for name, op in sorted(model["operations"].items()):
            (out / f"API_{name}{suffix}.md").write_text(
                operation_page(shapes, name, op, uid, suffix)
            )
            count += 1
        for name, shape in sorted(shapes.items()):
            if shape["type"] == "structure" and name not in io_shapes | error_shapes:
                page = structure_page(shapes, name, uid, suffix)
                (out / f"API_{name}{suffix}.md").write_text(page)
                count += 1
    config = {
        "package": "synth",
        "target_prefix": model["metadata"].get("targetPrefix", "Synth"),
    }
    toml = f'[services."{uid}"]\n' + "".join(f"{k} = {json.dumps(v)}\n" for k, v in config.items())
    (out / "codegen.toml").write_text(toml)
    return count


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--service", default="sagemaker")
    parser.add_argument("--copies", type=int, default=1)
    args = parser.parse_args()
    count = write_corpus(load_botocore_model(args.service), args.out, args.copies)
    print(f"wrote {count} pages to {args.out}")


if __name__ == "__main__":
    main()
