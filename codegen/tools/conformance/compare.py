"""Compare one service's exported model with botocore's, fact by fact.

A fact is counted where the page states it, that is where our export has it; botocore
lacking it, or saying something else, is a disagreement (a ``Finding``)."""

from __future__ import annotations

import math
from collections.abc import Iterator, Mapping
from typing import Any

from .report import Finding, Report

JsonObject = dict[str, Any]


class Comparison:
    """One service read from the pages (``ours``, exported) against botocore's model of it
    (``theirs``); ``run`` adds the counts and findings to ``report``."""

    def __init__(self, report: Report, uid: str, ours: JsonObject, theirs: JsonObject) -> None:
        self.report = report
        self.uid = uid
        self.ours = ours
        self.theirs = theirs
        self.our_shapes: JsonObject = ours["shapes"]
        self.their_shapes: JsonObject = theirs["shapes"]
        self.statuses_counted: set[str] = set()

    def count(self, kind: str, where: str, page: object, model: object, agree: bool) -> None:
        tally = self.report.tallies[kind]
        tally.total += 1
        if agree:
            tally.agree += 1
        else:
            finding = Finding(self.report.corpus, self.uid, kind, where, _show(page), _show(model))
            self.report.findings.append(finding)

    def run(self, page_names: set[str]) -> None:
        pairs = self._operations(page_names)
        pairs += self._structures(page_names)
        for our_name, their_name, part in pairs:
            self._members(our_name, their_name, part)

    def _operations(self, page_names: set[str]) -> list[tuple[str, str, str]]:
        """Compare operations; return the (our, their) input/output structure pairs."""
        ours: JsonObject = self.ours["operations"]
        theirs: JsonObject = self.theirs["operations"]
        for name in sorted(theirs):
            if name not in page_names:
                self.report.not_documented.append(f"{self.uid}: {name}")
            else:
                found = name in ours
                self.count("operations found", name, "-" if not found else name, name, found)
        pairs: list[tuple[str, str, str]] = []
        for name in sorted(ours):
            self.count(
                "operations in model", name, name, name if name in theirs else "-", name in theirs
            )
            if name in theirs:
                self._http(name, ours[name]["http"], theirs[name]["http"])
                self._errors(name, ours[name], theirs[name])
                pairs.extend(self._io_pairs(name, ours[name], theirs[name]))
        return pairs

    def _errors(self, name: str, ours: JsonObject, theirs: JsonObject) -> None:
        """Each error either side lists for the operation: both list it, or one only (the
        page's Errors section against botocore's ``errors``); then the HTTP status of each
        error both state one for (models of JSON 1.x services state none: the error code
        travels in the body)."""
        our_errors = {ref["shape"] for ref in ours.get("errors", [])}
        their_errors = {ref["shape"] for ref in theirs.get("errors", [])}
        for error in sorted(our_errors | their_errors):
            page = error if error in our_errors else "-"
            model = error if error in their_errors else "-"
            self.count("errors", name, page, model, page == model)
        for error in sorted(our_errors & their_errors):
            if error in self.statuses_counted:
                continue
            self.statuses_counted.add(error)
            code = self.our_shapes.get(error, {}).get("error", {}).get("httpStatusCode")
            their_code = self.their_shapes.get(error, {}).get("error", {}).get("httpStatusCode")
            if code is not None and their_code is not None:
                self.count("error status", error, code, their_code, code == their_code)

    def _http(self, name: str, ours: JsonObject, theirs: JsonObject) -> None:
        self.count(
            "http method",
            name,
            ours["method"],
            theirs["method"],
            ours["method"] == theirs["method"],
        )
        uri, their_uri = ours["requestUri"], theirs["requestUri"]
        self.count("request uri", name, uri, their_uri, uri == their_uri)
        if "responseCode" in ours:
            code, their_code = ours["responseCode"], theirs.get("responseCode", 200)
            self.count("response code", name, code, their_code, code == their_code)

    def _io_pairs(
        self, name: str, ours: JsonObject, theirs: JsonObject
    ) -> Iterator[tuple[str, str, str]]:
        """Our ``<Op>Request``/``<Op>Response`` against botocore's input/output, whatever
        their names. A botocore output with members that we have none for is a miss."""
        for part in ("input", "output"):
            our_ref, their_ref = ours.get(part), theirs.get(part)
            their_members = self._their_members(their_ref)
            if our_ref is None and their_ref is not None and their_members:
                self.count("structures found", f"{name} {part}", "-", their_ref["shape"], False)
            if our_ref is not None and their_ref is not None:
                yield our_ref["shape"], their_ref["shape"], part

    def _their_members(self, ref: JsonObject | None) -> JsonObject:
        if ref is None:
            return {}
        members: JsonObject = self.their_shapes[ref["shape"]].get("members", {})
        return members

    def _structures(self, page_names: set[str]) -> list[tuple[str, str, str]]:
        """Documented structures (those with a data type page) by name, both ways."""
        their_operations = set(self.theirs["operations"])
        for name, shape in sorted(self.their_shapes.items()):
            documented = name in page_names and name not in their_operations
            if documented and shape["type"] == "structure" and not shape.get("exception"):
                ours = self.our_shapes.get(name, {})
                found = ours.get("type") == "structure"
                self.count("structures found", name, name if found else "-", name, found)
        pairs = []
        for name in sorted(self.our_shapes):
            if name not in page_names or self.our_shapes[name]["type"] != "structure":
                continue
            theirs = self.their_shapes.get(name, {})
            found = theirs.get("type") == "structure"
            self.count("structures in model", name, name, name if found else "-", found)
            if found:
                pairs.append((name, name, "type"))
        return pairs

    def _members(self, our_name: str, their_name: str, part: str) -> None:
        """Compare the members of two matched structures. ``part`` is ``input``, ``output``
        or ``type``: response elements never carry a Required line, so ``required`` is not a
        fact the page states for an output; locations only matter for inputs and outputs."""
        is_output = part == "output"
        ours, theirs = self.our_shapes[our_name], self.their_shapes[their_name]
        our_members: JsonObject = ours.get("members", {})
        their_members: JsonObject = theirs.get("members", {})
        for name in sorted(their_members):
            found = name in our_members
            where = f"{our_name}.{name}"
            self.count("members found", where, name if found else "-", name, found)
        for name in sorted(our_members):
            where = f"{our_name}.{name}"
            found = name in their_members
            self.count("members in model", where, name, name if found else "-", found)
            if not found:
                continue
            if not is_output:
                our_required = name in ours.get("required", [])
                their_required = name in theirs.get("required", [])
                self.count(
                    "required", where, our_required, their_required, our_required == their_required
                )
            self._member_type(where, our_members[name]["shape"], their_members[name]["shape"])
            if part != "type":
                ours_at = _location(ours, name)
                theirs_at = _location(theirs, name)
                self.count("location", where, ours_at, theirs_at, ours_at == theirs_at)

    def _member_type(self, where: str, our_target: str, their_target: str) -> None:
        our_type = type_text(self.our_shapes, our_target)
        their_type = type_text(self.their_shapes, their_target)
        self.count("member type", where, our_type, their_type, our_type == their_type)
        for suffix, ours, theirs in _aligned(
            self.our_shapes, our_target, self.their_shapes, their_target
        ):
            self._constraints(where + suffix, ours, theirs)

    def _constraints(self, where: str, ours: JsonObject, theirs: JsonObject) -> None:
        if ours.get("type") == "structure":
            return
        for kind in ("min", "max"):
            if kind in ours:
                value = theirs.get(kind)
                agree = value is not None and math.isclose(float(ours[kind]), float(value))
                self.count(kind, where, ours[kind], "-" if value is None else value, agree)
        if "pattern" in ours:
            pattern = theirs.get("pattern", "-")
            self.count("pattern", where, ours["pattern"], pattern, ours["pattern"] == pattern)
        if "enum" in ours:
            # Shown as the difference: the values only the page lists, only the model lists.
            values, their_values = set(ours["enum"]), set(theirs.get("enum", []))
            page_only = sorted(values - their_values) or "-"
            model_only = sorted(their_values - values) if their_values else "no enum"
            self.count("enum", where, page_only, model_only or "-", values == their_values)


def type_text(shapes: Mapping[str, JsonObject], name: str) -> str:
    """A shape's type, independent of how shapes are named: ``string``, ``list<Tag>``,
    ``map<string,list<string>>``; a structure by its name; a JSON value ``document``."""
    shape = shapes[name]
    kind = shape["type"]
    if kind == "list":
        return f"list<{type_text(shapes, shape['member']['shape'])}>"
    if kind == "map":
        key = type_text(shapes, shape["key"]["shape"])
        return f"map<{key},{type_text(shapes, shape['value']['shape'])}>"
    if kind == "structure":
        return "document" if shape.get("document") else name
    return str(kind)


def _aligned(
    our_shapes: Mapping[str, JsonObject],
    our_name: str,
    their_shapes: Mapping[str, JsonObject],
    their_name: str,
    suffix: str = "",
) -> Iterator[tuple[str, JsonObject, JsonObject]]:
    """Pairs of shapes at the same place in both types: the member's own shape, then list
    elements (``[]``), map keys (``{key}``) and values (``{value}``), as far as both agree
    on the container kind."""
    ours, theirs = our_shapes[our_name], their_shapes[their_name]
    yield suffix, ours, theirs
    if ours["type"] != theirs["type"]:
        return
    parts = {"list": (("member", "[]"),), "map": (("key", "{key}"), ("value", "{value}"))}
    for part, label in parts.get(ours["type"], ()):
        yield from _aligned(
            our_shapes, ours[part]["shape"], their_shapes, theirs[part]["shape"], suffix + label
        )


def _location(structure: JsonObject, member: str) -> str:
    """Where a member travels: ``body``, ``payload``, ``header X-Amz-Log-Type``, ``uri Name``,
    ``querystring Key``, ``statusCode``."""
    if structure.get("payload") == member:
        return "payload"
    ref = structure["members"][member]
    location = ref.get("location", "body")
    name = ref.get("locationName")
    return f"{location} {name}" if name and location != "body" else str(location)


def _show(value: object) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, (list, tuple)):
        return " | ".join(str(v) for v in value)
    return str(value)
