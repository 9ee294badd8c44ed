"""The change report as text and as JSON."""

from __future__ import annotations

import json

from .changes import ADDITIONS, ApiDiff

# ---------------------------------------------------------------------------------------
# Reports.


def render_text(diff: ApiDiff) -> str:
    """Grouped by service, breaking changes first; ends with the suggested bump."""
    lines: list[str] = []
    for info in diff.services:
        changes = [c for c in diff.changes if c.service == info.uid]
        if not changes:
            continue
        lines.append(f"{info.uid} ({info.name}, package {info.package})")
        for change in sorted(changes, key=lambda c: not c.breaking):
            flag = (
                "BREAKING"
                if change.breaking
                else "added" if change.kind in ADDITIONS else "changed"
            )
            lines.append(f"{flag:<10}{info.package}: {change.describe()}")
        lines.append("")
    if not diff.changes:
        lines.append("no API changes")
    counts = diff.counts()
    lines.append(
        f"suggested version bump: {diff.bump} ({counts['breaking']} breaking, "
        f"{counts['added']} added, {counts['other']} other)"
    )
    return "\n".join(lines)


def render_json(diff: ApiDiff) -> str:
    """A stable document: keys sorted, changes in the report's order."""
    document = {
        "format": 1,
        "bump": diff.bump,
        "counts": diff.counts(),
        "services": [
            {
                "uid": info.uid,
                "name": info.name,
                "package": info.package,
                "changes": [c.as_json() for c in diff.changes if c.service == info.uid],
            }
            for info in diff.services
        ],
    }
    return json.dumps(document, indent=2, sort_keys=True, ensure_ascii=False)
