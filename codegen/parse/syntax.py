"""Reading the Request Syntax and Response Syntax code blocks of an operation page.

For a JSON-protocol page the block is a JSON skeleton. For a REST page it is an HTTP
message: a request line (``GET /2015-03-31/functions/FunctionName?Qualifier=Qualifier
HTTP/1.1``) or status line, header lines, and a body that is either a JSON skeleton or the
name of the member that is the whole body. These blocks are code, not Markdown, so they
are read line by line here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..model import MemberLocation

_REQUEST_LINE = re.compile(r"^(GET|POST|PUT|DELETE|PATCH|HEAD)\s+(\S+)\s+HTTP/[\d.]+\s*$")
_STATUS_LINE = re.compile(r"^HTTP/[\d.]+\s+(\S+)\s*$")
_HEADER_LINE = re.compile(r"^([A-Za-z0-9-]+)\s*:\s*(.*?)\s*$")
# A key of the JSON skeleton: "Name" or "[Name](link)".
_JSON_KEY = re.compile(r'^\s*"\[?([A-Za-z0-9_.:-]+)(?:\]\([^)]*\))?"\s*:\s*(.*)$')


@dataclass(frozen=True)
class Binding:
    location: MemberLocation
    location_name: str | None = None
    hint: str | None = None
    """What the block shows as the member's value: ``string``, ``number``, ``boolean``,
    ``object``, ``array``, ``blob``; ``integer`` for the status code."""
    payload: bool = False
    note: str | None = None


@dataclass
class MessageSyntax:
    """What one syntax block says about where members travel."""

    bindings: dict[str, Binding] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)
    has_body: bool = False

    def binding(self, member: str) -> Binding:
        return self.bindings.get(member, Binding("body"))


@dataclass
class RequestSyntax(MessageSyntax):
    method: str = "POST"
    request_uri: str = "/"
    labels: list[str] = field(default_factory=list)

    def unbound_labels(self) -> list[str]:
        bound = {b.location_name for b in self.bindings.values() if b.location == "uri"}
        return [label for label in self.labels if label not in bound]


@dataclass
class ResponseSyntax(MessageSyntax):
    status_code: int | None = None


def request_line(text: str) -> tuple[str, str] | None:
    """(method, target) when the block starts with an HTTP request line (a REST operation)."""
    first = text.strip().split("\n", 1)[0].strip()
    match = _REQUEST_LINE.match(first)
    return (match.group(1), match.group(2)) if match else None


def parse_request(text: str, uri_members: set[str]) -> RequestSyntax:
    """Bindings of a request block. ``uri_members`` are the members the page documents as
    URI parameters: path segments naming them are labels."""
    syntax = RequestSyntax()
    line = request_line(text)
    if line is None:
        _bind_body(syntax, text)
        return syntax
    syntax.method, target = line
    path, _, query = target.partition("?")
    headers, body = _split_message(text)
    _bind_headers(syntax, headers, uri_members)
    literal_query = _bind_query(syntax, query, uri_members)
    syntax.request_uri = _bind_path(syntax, path, uri_members) + (
        f"?{literal_query}" if literal_query else ""
    )
    _bind_body(syntax, body)
    return syntax


def parse_response(text: str, members: set[str] | None = None) -> ResponseSyntax:
    """Bindings of a response block. ``members`` are the documented response elements: a
    header line whose value names one binds it (``None``: any capitalised name does)."""
    syntax = ResponseSyntax()
    first = text.strip().split("\n", 1)[0].strip()
    match = _STATUS_LINE.match(first)
    if match is None:
        _bind_body(syntax, text)
        return syntax
    status = match.group(1)
    if status.isdigit():
        syntax.status_code = int(status)
    else:
        syntax.bindings[status] = Binding("statusCode", hint="integer")
    headers, body = _split_message(text)
    _bind_headers(syntax, headers, members)
    _bind_body(syntax, body)
    return syntax


def _split_message(text: str) -> tuple[list[str], str]:
    lines = text.strip().split("\n")[1:]
    headers: list[str] = []
    for n, line in enumerate(lines):
        if not line.strip():
            return headers, "\n".join(lines[n + 1 :])
        headers.append(line)
    return headers, ""


def _bind_headers(syntax: MessageSyntax, lines: list[str], members: set[str] | None) -> None:
    for line in lines:
        match = _HEADER_LINE.match(line.strip())
        if match is None:
            syntax.problems.append(f"cannot read header line {line.strip()!r}")
            continue
        header, value = match.groups()
        # `Content-Type: application/json` is literal; `X-Amz-Log-Type: LogType` and
        # `Accept: accept` name a member, whatever the member's casing.
        names_member = value in members if members is not None else value[:1].isupper()
        if names_member and re.fullmatch(r"[A-Za-z][A-Za-z0-9]*", value):
            syntax.bindings[value] = Binding("header", header, "string")


def _bind_query(syntax: RequestSyntax, query: str, members: set[str]) -> str:
    """Bind ``key=Member`` pairs; return the literal pairs (``find=LayerVersion``)."""
    literal = []
    for pair in query.split("&") if query else []:
        key, _, value = pair.partition("=")
        if value in members:
            syntax.bindings[value] = Binding("querystring", key, "string")
        else:
            literal.append(pair)
    return "&".join(literal)


def _bind_path(syntax: RequestSyntax, path: str, members: set[str]) -> str:
    """Turn segments that name URI members into ``{labels}``. The docs sometimes print the
    label (``ARN``) rather than the member (``Resource``): a capitalised segment that names
    no member is matched, in order, to the URI members nothing else has bound."""
    segments = path.split("/")
    unbound = [m for m in sorted(members) if m not in syntax.bindings and m not in segments]
    candidates = [s for s in segments if s[:1].isupper() and s not in members]
    renamed = dict(zip(candidates, unbound)) if len(candidates) == len(unbound) else {}
    # A parameter binds one segment: its last. An earlier segment spelled the same is a
    # literal (``/slottypes/name/version/version``: the first ``version`` is literal).
    last = {segment: n for n, segment in enumerate(segments)}
    out = []
    for n, segment in enumerate(segments):
        member = segment if segment in members else renamed.get(segment)
        if member is None or last[segment] != n:
            out.append(segment)
            continue
        note = None
        if member != segment:
            note = f"path label {segment!r} read as member {member!r} (the only one left unbound)"
        syntax.bindings[member] = Binding("uri", segment, "string", note=note)
        syntax.labels.append(segment)
        out.append("{" + segment + "}")
    for segment in candidates:
        if segment not in renamed:
            syntax.labels.append(segment)
    return "/".join(out)


def _bind_body(syntax: MessageSyntax, body: str) -> None:
    body = body.strip()
    if not body:
        return
    syntax.has_body = True
    if body.startswith("{"):
        for key, hint in _top_level_keys(body):
            syntax.bindings.setdefault(key, Binding("body", hint=hint))
    elif re.fullmatch(r"[A-Za-z][A-Za-z0-9]*", body):
        syntax.bindings[body] = Binding("body", hint="blob", payload=True)
    else:
        syntax.problems.append(f"cannot read the body of the syntax block: {body[:40]!r}")


def _top_level_keys(body: str) -> list[tuple[str, str]]:
    """Keys of the outermost object of a JSON skeleton, with what their value looks like."""
    keys = []
    depth = 0
    for line in body.split("\n"):
        if depth == 1:
            match = _JSON_KEY.match(line)
            if match:
                keys.append((match.group(1), _value_hint(match.group(2))))
        depth += _depth_change(line)
    return keys


def _depth_change(line: str) -> int:
    """Brackets opened minus closed on a line, outside double-quoted strings."""
    outside = line.split('"')[::2]
    return sum(
        part.count("{") + part.count("[") - part.count("}") - part.count("]") for part in outside
    )


def _value_hint(value: str) -> str:
    value = value.strip().rstrip(",").strip()
    if value.startswith("{"):
        return "object"
    if value.startswith("["):
        return "array"
    if value in ("number", "boolean", "blob"):
        return value
    return "string"
