"""An operation page -> its ``Operation``, the slots of its request and response members
(bound to their wire locations by the syntax blocks) and its errors."""

from __future__ import annotations

import re
from collections.abc import Container, Iterable, Mapping
from dataclasses import replace

from ..errors import Diagnostics, Slip
from ..parse import MemberEntry, Page, SyntaxBlock, syntax
from . import ErrorRef, HttpBinding, Operation, StructureShape
from .members import Slot, check_shape_name, member_slot


def read_operation(
    page: Page,
    resolve: Mapping[str, str],
    protocol: str,
    taken: Container[str],
    diagnostics: Diagnostics,
) -> tuple[Operation, list[Slot], list[StructureShape]] | None:
    """The operation a page describes; ``None`` (with a warning) where it cannot be called:
    a REST operation whose page shows no request line. Its input and output structures are
    ``<Name>Request`` and ``<Name>Response`` unless a data type (``taken``) has that name."""
    name = page.title
    request_block = _first_block(page, "Request Syntax")
    if request_block is None:
        if protocol != "json":
            diagnostics.slip(
                page.source,
                Slip(
                    "request-syntax-missing",
                    "no Request Syntax block, so no HTTP method and path; operation skipped",
                ),
            )
            return None
        diagnostics.slip(
            page.source,
            Slip(
                "request-syntax-missing",
                "no Request Syntax block; read as a JSON request of the members the page lists",
            ),
        )
    response_block = _first_block(page, "Response Syntax")
    uri_section = page.section("URI Request Parameters")
    uri_members = {e.name for e in uri_section.members} if uri_section else set()
    request = syntax.parse_request(request_block.text if request_block else "", uri_members)
    response_members = {e.name for e in _entries(page, "Response Elements")}
    response = syntax.parse_response(
        response_block.text if response_block else "", response_members
    )
    slots: list[Slot] = []
    input_name = _free_name(name, ("Request", "Input"), taken)
    structures = [StructureShape(name=input_name, source=page.source, synthetic=True)]
    for title in ("Request Parameters", "URI Request Parameters", "Request Body"):
        for entry in _entries(page, title):
            binding = request.binding(entry.name)
            if entry.name in uri_members and binding.location == "body":
                # Not a path label nor a header: a query parameter is what is left.
                binding = syntax.Binding("querystring", entry.name, "string")
                diagnostics.slip(
                    entry.source,
                    Slip(
                        "uri-parameter-unbound",
                        f"URI parameter {entry.name!r} appears nowhere in the request line or "
                        f"headers; sent as the query parameter {entry.name!r}",
                    ),
                )
            slots.extend(_bound_slot(input_name, entry, binding, resolve, diagnostics))
    output_name: str | None = None
    response_entries = _entries(page, "Response Elements")
    if response_entries or response.has_body:
        output_name = _free_name(name, ("Response", "Output"), taken)
        structures.append(StructureShape(name=output_name, source=page.source, synthetic=True))
        for entry in response_entries:
            binding = response.binding(entry.name)
            slots.extend(_bound_slot(output_name, entry, binding, resolve, diagnostics))
    for problem in request.problems + response.problems:
        where = (request_block or response_block or page).source
        diagnostics.slip(where, Slip("syntax-unreadable", f"{problem}; the line is ignored"))
    for label in request.unbound_labels():
        diagnostics.slip(
            request_block.source if request_block else page.source,
            Slip(
                "path-label-unbound",
                f"path label {label!r} matches no URI request parameter; sent as written",
            ),
        )
    operation = Operation(
        name=name,
        http=HttpBinding(
            method=request.method,
            request_uri=request.request_uri,
            response_code=response.status_code,
        ),
        input=input_name,
        output=output_name,
        errors=tuple(_errors(page, diagnostics)),
        documentation=page.documentation,
        source=page.source,
    )
    return operation, slots, structures


def _free_name(operation: str, suffixes: tuple[str, str], taken: Container[str]) -> str:
    for suffix in suffixes:
        if f"{operation}{suffix}" not in taken:
            return f"{operation}{suffix}"
    n = 2
    while f"{operation}{suffixes[0]}{n}" in taken:
        n += 1
    return f"{operation}{suffixes[0]}{n}"


def _entries(page: Page, title: str) -> tuple[MemberEntry, ...]:
    section = page.section(title)
    return section.members if section else ()


def _bound_slot(
    owner: str,
    entry: MemberEntry,
    binding: syntax.Binding,
    resolve: Mapping[str, str],
    diagnostics: Diagnostics,
) -> list[Slot]:
    """A member with its wire location from the syntax block."""
    slot = member_slot(
        owner, entry, resolve, diagnostics, binding.location, binding.location_name, binding.hint
    )
    member = slot.member
    if binding.payload:
        member = replace(member, payload=True)
    if binding.note:
        member = replace(member, inferred=member.inferred + (binding.note,))
    anchored = _anchor_member_name(entry)
    if binding.location == "uri" and anchored is not None and anchored != entry.name:
        note = f"the page prints the path label {entry.name!r}; its anchor names the member"
        member = replace(
            member,
            name=anchored,
            location_name=member.location_name or entry.name,
            inferred=member.inferred + (note,),
        )
    return [replace(slot, member=member)]


def _anchor_member_name(entry: MemberEntry) -> str | None:
    """The member name an entry's anchor carries (``SSS-ListTags-request-Resource``): where
    the docs print a URI label (``ARN``) as the entry's name, the anchor keeps the member's."""
    match = re.search(r"-request-([A-Za-z][A-Za-z0-9_]*)$", entry.anchor or "")
    return match.group(1) if match else None


def _first_block(page: Page, title: str) -> SyntaxBlock | None:
    section = page.section(title)
    return section.blocks[0] if section and section.blocks else None


def _errors(page: Page, diagnostics: Diagnostics) -> Iterable[ErrorRef]:
    section = page.section("Errors")
    for entry in section.members if section else ():
        status_line = entry.field("HTTP Status Code")
        status: int | None = None
        if status_line is not None:
            try:
                status = int(status_line.text.split()[0])
            except (ValueError, IndexError):
                diagnostics.slip(
                    status_line.source,
                    Slip(
                        "status-unreadable",
                        f"expected 'HTTP Status Code: <number>', got {status_line.text!r}; "
                        "the error is matched by its code alone",
                    ),
                )
        check_shape_name(entry.name, entry.source, diagnostics)
        yield ErrorRef(entry.name, status, entry.documentation, entry.source)
