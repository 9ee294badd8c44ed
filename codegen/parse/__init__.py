"""Stage 1: read reference pages into page records, using markdown-it-py's token stream.

This stage knows the page *layout* (headings, member entries, field lines such as
``Type:``, syntax blocks, index lists) but not what the fields mean: interpreting a
``Type:`` line or a constraint is the model builder's job (``codegen.model.build``).

- ``pages``: files -> ``Page`` records, on worker processes for large folders;
- ``entries``: member entries and their field lines;
- ``text``: plain text, anchors and source Markdown out of tokens;
- ``records``: the records themselves;
- ``syntax``: the Request/Response Syntax code blocks (JSON skeletons, HTTP messages).
"""

from .pages import (
    MAX_PAGE_BYTES,
    PARALLEL_THRESHOLD,
    PARALLEL_THRESHOLD_SPAWNED,
    WORKERS,
    parse_page,
    read_pages,
    read_text,
)
from .records import (
    FIELD_NAMES,
    SECTION_TITLES,
    FieldLine,
    IndexList,
    MemberEntry,
    Page,
    Section,
    SyntaxBlock,
    spelling_key,
)

__all__ = [
    "FIELD_NAMES",
    "MAX_PAGE_BYTES",
    "PARALLEL_THRESHOLD",
    "PARALLEL_THRESHOLD_SPAWNED",
    "SECTION_TITLES",
    "WORKERS",
    "FieldLine",
    "IndexList",
    "MemberEntry",
    "Page",
    "Section",
    "SyntaxBlock",
    "parse_page",
    "read_pages",
    "read_text",
    "spelling_key",
]
