"""The page records stage 1 produces: what a page's layout says, field values as text."""

from __future__ import annotations

from dataclasses import dataclass

from ..model import SourceLocation

# The field lines a member entry may carry, longest first so that "Key Pattern" is not
# read as "Pattern".
FIELD_NAMES = (
    "Value Length Constraints",
    "Key Length Constraints",
    "Length Constraints",
    "Value Pattern",
    "Key Pattern",
    "Pattern",
    "Valid Values",
    "Valid Keys",
    "Valid Range",
    "Array Members",
    "Map Entries",
    "Required",
    "Type",
    "HTTP Status Code",
)

# Sections the builder looks up by title.
SECTION_TITLES = (
    "Request Syntax",
    "Request Parameters",
    "URI Request Parameters",
    "Request Body",
    "Response Syntax",
    "Response Elements",
    "Errors",
    "Contents",
)


def spelling_key(name: str) -> str:
    """What a field or section name means, whatever its casing, spacing or grammatical
    number: ``Length constraints``, ``Length Constraint`` -> ``length constraint``."""
    return " ".join(word.removesuffix("s") for word in name.lower().split())


FIELD_BY_KEY = {spelling_key(name): name for name in FIELD_NAMES}
SECTION_BY_KEY = {spelling_key(title): title for title in SECTION_TITLES}


@dataclass(frozen=True)
class FieldLine:
    """One ``Name: value`` line of a member entry, e.g. ``Type: Array of [Tag](API_Tag.md) objects``."""

    name: str
    text: str
    """The value as plain text, links replaced by ``@href`` and code spans by their content."""
    code: tuple[str, ...]
    """The verbatim content of each code span in the value (patterns, valid values)."""
    source: SourceLocation


@dataclass(frozen=True)
class MemberEntry:
    """A bold member name with its description and field lines (also used for errors)."""

    name: str
    anchor: str | None
    documentation: str
    fields: tuple[FieldLine, ...]
    source: SourceLocation

    def field(self, name: str) -> FieldLine | None:
        return next((f for f in self.fields if f.name == name), None)


@dataclass(frozen=True)
class SyntaxBlock:
    """A fenced code block (Request Syntax, Response Syntax) with its first line's location."""

    text: str
    source: SourceLocation


@dataclass(frozen=True)
class Section:
    """A ``##`` section: its title (without the anchor), prose, member entries, code blocks."""

    title: str
    source: SourceLocation
    prose: str
    members: tuple[MemberEntry, ...]
    blocks: tuple[SyntaxBlock, ...]


@dataclass(frozen=True)
class IndexList:
    """A bullet list of page links on an index page, under the sentence that names the service."""

    service_name: str
    hrefs: tuple[str, ...]
    source: SourceLocation
    lines: tuple[int, ...] = ()
    """The line of each of ``hrefs``, so that a warning about one entry points at it."""

    def href_source(self, index: int) -> SourceLocation:
        """Where entry ``index`` of the list is (the list's start if its line is unknown)."""
        if index < len(self.lines):
            return SourceLocation(self.source.file, self.lines[index])
        return self.source


@dataclass(frozen=True)
class Page:
    file: str
    """The page's file name, e.g. ``API_Tag.md`` (what links refer to)."""
    path: str
    """The path as it is reported in diagnostics."""
    title: str
    anchor: str | None
    source: SourceLocation
    documentation: str
    sections: tuple[Section, ...]
    sdk_uids: tuple[str, ...]
    """Service uids named by the page's SDK links (``.../goto/boto3/<uid>/<Name>``)."""
    index_lists: tuple[IndexList, ...]

    def section(self, title: str) -> Section | None:
        return next((s for s in self.sections if s.title == title), None)
