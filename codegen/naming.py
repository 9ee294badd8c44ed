"""Python names for wire names: fields, enum members, modules.

The rules (each is stable: a name depends only on the wire name and, for collisions, on
the names that come before it in the same class):

- Field: ``snake_case`` of the wire name (``KMSKeyId`` -> ``kms_key_id``, ``S3Uri`` ->
  ``s3_uri``); characters other than letters, digits and ``_`` become ``_``; a leading
  digit gets a ``f_`` prefix. A Python keyword, or a name the generated class body itself
  uses (builtins in annotations and decorators, the generated methods), gets a ``_``
  suffix (``Class`` -> ``class_``, ``Str`` -> ``str_``). Among the members of one
  structure, in the docs' order, a name already taken gets ``_2``, ``_3``, ...
- Enum member: ``UPPER_SNAKE`` of the value (``ml.m4.xlarge`` -> ``ML_M4_XLARGE``,
  ``InProgress`` -> ``IN_PROGRESS``); a name that would start with a digit or be empty
  gets a ``V_`` prefix; names colliding within one enum are numbered ``_2``, ``_3``, ...
  in the sorted order of their values (never the order of the docs' list).
- Module: snake_case of the operation name.
"""

from __future__ import annotations

import keyword
import re
from collections.abc import Iterable

# Names the generated class body resolves itself (annotations, decorators, methods):
# a field with one of these names would shadow it for the rest of the class body.
CLASS_BODY_NAMES = frozenset(
    {
        "str",
        "int",
        "float",
        "bool",
        "bytes",
        "list",
        "dict",
        "object",
        "datetime",
        "Any",
        "Mapping",
        "Self",
        "ClassVar",
        "classmethod",
        "staticmethod",
        "property",
        "from_dict",
        "to_dict",
        "from_response",
        "validate",
    }
)

_ACRONYM_BOUNDARY = re.compile(r"([A-Z]+)([A-Z][a-z])")
_WORD_BOUNDARY = re.compile(r"([a-z0-9])([A-Z])")
_NOT_IDENTIFIER = re.compile(r"[^0-9A-Za-z_]+")


def _words(text: str) -> str:
    """Lower-case words joined by ``_``; may be empty or start with a digit."""
    text = _ACRONYM_BOUNDARY.sub(r"\1_\2", text)
    text = _WORD_BOUNDARY.sub(r"\1_\2", text)
    text = _NOT_IDENTIFIER.sub("_", text)
    return re.sub(r"_+", "_", text).strip("_").lower()


def snake_case(wire_name: str) -> str:
    """``HyperParameterTuningJobName`` -> ``hyper_parameter_tuning_job_name``."""
    text = _words(wire_name)
    return f"f_{text}" if not text or text[0].isdigit() else text


def field_name(wire_name: str) -> str:
    """The field name for one wire name, before collisions with sibling fields."""
    name = snake_case(wire_name)
    # Soft keywords are valid names (and differ between Python versions): not renamed.
    if keyword.iskeyword(name) or name in CLASS_BODY_NAMES:
        return f"{name}_"
    return name


def field_names(wire_names: Iterable[str]) -> list[str]:
    """Field names for a structure's members, in order; later duplicates are numbered."""
    taken: set[str] = set()
    names = []
    for wire_name in wire_names:
        name = _first_free(field_name(wire_name), taken)
        taken.add(name)
        names.append(name)
    return names


def enum_member_names(values: Iterable[str]) -> dict[str, str]:
    """value -> member name for one enum."""
    names: dict[str, str] = {}
    taken: set[str] = set()
    for value in sorted(set(values)):
        base = _words(value).upper()
        if not base or base[0].isdigit():
            base = f"V_{base}".rstrip("_")
        name = _first_free(base, taken)
        taken.add(name)
        names[value] = name
    return names


def module_name(name: str) -> str:
    """``CreateHyperParameterTuningJob`` -> ``create_hyper_parameter_tuning_job``."""
    return snake_case(name)


def _first_free(name: str, taken: set[str]) -> str:
    candidate, n = name, 2
    while candidate in taken:
        candidate = f"{name}_{n}"
        n += 1
    return candidate
