"""Layout of the per-operation diagram: the structures an operation's request reaches.

Boxes are structures, placed in columns by their depth from the request (breadth-first);
a box lists the members that lead to other structures (through lists and maps too), and
an edge runs from each such member's row to the box it leads to. At most ``MAX_NODES``
boxes are drawn; the diagram says when it leaves shapes out. The SVG itself is written
by a Jinja template (``templates/docs/diagram.svg.j2``), which escapes all text.
"""

from __future__ import annotations

from dataclasses import dataclass

from .catalog import Catalog

MAX_NODES = 40
BOX_WIDTH = 280
COLUMN_GAP = 70
HEADER_HEIGHT = 26
ROW_HEIGHT = 18
BOX_GAP = 16
MARGIN = 12
NOTE_HEIGHT = 22
_MAX_HEADER = 33
_MAX_ROW = 42


@dataclass(frozen=True)
class Row:
    label: str
    y: float


@dataclass(frozen=True)
class Box:
    name: str
    label: str
    target: str | None
    x: float
    y: float
    height: float
    rows: tuple[Row, ...]
    extra: str
    """``+ 3 more members`` for members not drawn as rows."""


@dataclass(frozen=True)
class Edge:
    path: str
    title: str


@dataclass(frozen=True)
class Diagram:
    width: float
    height: float
    boxes: tuple[Box, ...]
    edges: tuple[Edge, ...]
    note: str
    title: str
    box_width: int = BOX_WIDTH
    header_height: int = HEADER_HEIGHT


def _short(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _row_label(member: str, target: str) -> str:
    return _short(member if member == target else f"{member} → {target}", _MAX_ROW)


def request_diagram(catalog: Catalog, root: str, title: str) -> Diagram | None:
    """The diagram for the structure ``root`` (an operation's request), or None if the
    request has no structure to show."""
    order, depth, total = _reachable(catalog, root)
    if not order:
        return None
    links = {name: _links(catalog, name) for name in order}
    boxes: dict[str, Box] = {}
    column_y: dict[int, float] = {}
    for name in order:
        level = depth[name]
        y = column_y.get(level, MARGIN)
        structure = catalog.structure(name)
        assert structure is not None
        rows = tuple(
            Row(_row_label(member, target), y + HEADER_HEIGHT + ROW_HEIGHT * (i + 0.75))
            for i, (member, target) in enumerate(links[name])
        )
        others = len(structure.members) - len(rows)
        extra = f"+ {others} other member{'s' if others != 1 else ''}" if others else ""
        height = HEADER_HEIGHT + ROW_HEIGHT * (len(rows) + (1 if extra else 0)) + 6
        boxes[name] = Box(
            name,
            _short(name, _MAX_HEADER),
            catalog.shape_target(name),
            MARGIN + level * (BOX_WIDTH + COLUMN_GAP),
            y,
            height,
            rows,
            extra,
        )
        column_y[level] = y + height + BOX_GAP
    edges = tuple(_edges(boxes, links))
    note = f"Showing {len(order)} of {total} structures" if total > len(order) else ""
    width: float = (
        MARGIN * 2 + (max(depth[n] for n in order) + 1) * (BOX_WIDTH + COLUMN_GAP) - COLUMN_GAP
    )
    total_height = max(column_y.values()) + MARGIN + (NOTE_HEIGHT if note else 0)
    return Diagram(width, total_height, tuple(boxes.values()), edges, note, title)


def _links(catalog: Catalog, name: str) -> list[tuple[str, str]]:
    """(member, structure) for the members of ``name`` that lead to structures."""
    structure = catalog.structure(name)
    found: list[tuple[str, str]] = []
    for member in structure.members if structure else ():
        for part in catalog.parts(member.target):
            reached = catalog.structure(part)
            if reached is not None and not reached.exception:
                found.append((member.name, part))
    return found


def _reachable(catalog: Catalog, root: str) -> tuple[list[str], dict[str, int], int]:
    """Breadth-first structures from ``root``: the first ``MAX_NODES``, their depths,
    and how many there are in all."""
    if catalog.structure(root) is None:
        return [], {}, 0
    depth = {root: 0}
    queue = [root]
    for name in queue:
        for _, target in _links(catalog, name):
            if target not in depth:
                depth[target] = depth[name] + 1
                queue.append(target)
    return queue[:MAX_NODES], depth, len(queue)


def _edges(boxes: dict[str, Box], links: dict[str, list[tuple[str, str]]]) -> list[Edge]:
    edges = []
    for name, box in boxes.items():
        for row, (member, target) in zip(box.rows, links[name], strict=True):
            child = boxes.get(target)
            if child is None:
                continue
            x1, y1 = box.x + BOX_WIDTH, row.y - 4
            if child.x > box.x:
                x2, y2 = child.x, child.y + HEADER_HEIGHT / 2
                bend = (x2 - x1) / 2
                path = f"M{x1:.0f},{y1:.0f} C{x1 + bend:.0f},{y1:.0f} {x2 - bend:.0f},{y2:.0f} {x2:.0f},{y2:.0f}"
            else:  # a back or sideways edge: loop out to the right and into the box's right side
                x2, y2 = child.x + BOX_WIDTH, child.y + HEADER_HEIGHT / 2
                loop = COLUMN_GAP * 0.6
                path = f"M{x1:.0f},{y1:.0f} C{x1 + loop:.0f},{y1:.0f} {x2 + loop:.0f},{y2:.0f} {x2:.0f},{y2:.0f}"
            edges.append(Edge(path, f"{name}.{member} → {target}"))
    return edges
