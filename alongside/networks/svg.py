"""The relationship map: a personal network drawn as a standalone SVG, on the server.

The person is at the centre; four rings show how close each member feels (inner circle
nearest the centre, paid or formal outermost); eight equal sectors, clockwise from the top,
show the kind of relationship. Each member is a dot coloured by sector with their name beside
it. A member who *gives both ways* (the person gives and receives something) has a dark ring
around the dot, so that is never shown by colour alone. A small key in the bottom-right corner
explains the ring; each sector label carries a swatch of its colour.

Design rules:

* Deterministic: the same network always draws the same bytes, whatever the order of the input.
  Members in one (ring, sector) cell are ordered by label ignoring case, then key.
* Readable: labels are horizontal, cut to 18 characters with "…" (the full label is in the
  member's ``<title>``, shown on hover), and placed so that no label overlaps another label, a
  dot, the sector or ring labels, the centre, or the edge. A label that cannot sit next to its
  dot is moved to the nearest free place and joined to the dot by a thin leader line. (Only
  if no free place is left anywhere in the drawing, which takes far more than 40 members,
  would a label be drawn over something.) A crowded cell puts its dots on two or more
  staggered sub-radii; the names of the inner ones look inwards, the outer ones outwards.
* Cost: about 0.1–0.7 s for 40 members, up to about 2 s when a dozen share one inner cell;
  cache the drawing of a dated snapshot if it is shown often.
* Printable and safe in the page: presentation attributes only (no ``style`` attributes, no
  ``<style>``, so the page's Content-Security-Policy is satisfied), no script, no external
  fonts, black text on white, thin lines. ``width``/``height`` are set to ``size`` and the
  ``viewBox`` lets the page scale it (CSS ``width: 100%; height: auto``).
* Accessible: ``role="img"`` with ``<title>`` and a one-sentence ``<desc>``. The page should
  still show the same network as a plain table for screen readers.

The colours are the Okabe–Ito palette, chosen to stay distinguishable with the common forms of
colour blindness. ``legend()`` returns the same sectors, colours and marker explanation as data
for an HTML legend beside the map.
"""

import hashlib
import math
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from html import escape
from itertools import chain
from typing import Any

from .metrics import KIND_ORDER, RING_ORDER, figures, is_reciprocal, validate
from .ties import Kind, Ring, Tie

PALETTE: dict[str, str] = {
    Kind.FAMILY.value: "#E69F00",  # orange
    Kind.FRIEND.value: "#56B4E9",  # sky blue
    Kind.NEIGHBOUR.value: "#009E73",  # bluish green
    Kind.WORK.value: "#F0E442",  # yellow
    Kind.GROUP.value: "#0072B2",  # blue
    Kind.FAITH.value: "#D55E00",  # vermilion
    Kind.ONLINE.value: "#CC79A7",  # reddish purple
    Kind.PAID.value: "#000000",  # black
}
"""Okabe & Ito (2008) colour-blind-safe palette, one colour per sector (Kind value)."""

BOTH_WAYS = "Gives both ways"
ONE_WAY = "One way, or not yet known"
TEXT_COLOUR = "#1a1a1a"
MAX_LABEL = 18
"""Labels longer than this are cut, ending in "…"."""

# Text boxes are estimated as ``CHAR_WIDTH × font size × characters`` wide, from
# ``ASCENT × font size`` above the baseline to ``DESCENT × font size`` below it. The layout uses
# slightly larger boxes than these (and a gap) so real glyphs never touch.
CHAR_WIDTH = 0.55
ASCENT = 0.8
DESCENT = 0.2

_BASE = 720.0  # every length below is for a 720-unit map and scaled by size / 720
_RING_EDGES = (44.0, 110.0, 166.0, 216.0, 264.0)
_DOT_R = 5.5
_MARK_R = 8.6  # the ring around a dot that gives both ways
_MEMBER_FONT = 12.0
_SECTOR_FONT = 12.5
_RING_FONT = 9.5
_CENTRE_FONT = 14.0
_NOTE_FONT = 14.0
_LEGEND_FONT = 10.5
_PAD_IN = 18.0  # keeps dots clear of the ring labels at the band's inner edge
_PAD_OUT = 9.0
_PAD_SIDE = 9.5  # keeps dots (and their rings) off the sector lines
_RING_SHIFT = (-0.06, 0.17, -0.17, 0.06)  # nudge along a sparse cell's arc, per ring
_COMFORT = 30.0  # spacing along the arc that leaves room for labels in one row
_ROUNDS = 4  # attempts at placing every name without overlap
_GAP = 2.5  # between a dot and its label, and around every box
_EDGE = 4.0  # margin kept clear at the edge of the drawing

_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


@dataclass(frozen=True)
class LegendItem:
    """One entry of the map's legend: a sector colour or a marker."""

    key: str  # a Kind value, or "both-ways" / "one-way"
    label: str
    colour: str  # fill colour of the dot
    marker: str  # "dot" or "dot-ring" (a dark ring around the dot)


def legend() -> tuple[LegendItem, ...]:
    """The map's legend as data, for an HTML legend: the eight sectors in map order with their
    colours, then the two markers (plain dot; dot with a ring = gives both ways)."""
    sectors = tuple(LegendItem(kind.value, kind.label, PALETTE[kind.value], "dot") for kind in Kind)
    return sectors + (
        LegendItem("both-ways", BOTH_WAYS, "#ffffff", "dot-ring"),
        LegendItem("one-way", ONE_WAY, "#ffffff", "dot"),
    )


def display_label(label: str) -> str:
    """The text drawn beside a dot: whitespace collapsed, cut to ``MAX_LABEL`` characters."""
    text = " ".join(clean(label).split()) or "(no name)"
    if len(text) > MAX_LABEL:
        text = text[: MAX_LABEL - 1].rstrip() + "…"
    return text


def clean(text: str) -> str:
    """Drop characters XML cannot carry at all (escaping cannot save them)."""
    return _XML_INVALID.sub("", text)


def summary(ties: Sequence[Tie]) -> str:
    """One sentence describing the network, used as the map's ``<desc>``."""
    ties = list(ties)
    if not ties:
        return "No one yet: nobody is recorded in this network."
    numbers = figures(ties)
    per_ring = {ring: sum(1 for tie in ties if tie.ring == ring) for ring in RING_ORDER}
    who = "person or group" if numbers.size == 1 else "people and groups"
    gives = "gives" if numbers.reciprocal == 1 else "give"
    return (
        f"{numbers.size} {who}: {per_ring[Ring.INNER]} in the inner circle, "
        f"{per_ring[Ring.CLOSE]} close, {per_ring[Ring.AROUND]} around and "
        f"{per_ring[Ring.FORMAL]} paid or formal; {numbers.reciprocal} {gives} both ways."
    )


# --- geometry ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Box:
    x0: float
    y0: float
    x1: float
    y1: float

    def hits(self, other: "_Box") -> bool:
        return (
            self.x0 < other.x1 and other.x0 < self.x1 and self.y0 < other.y1 and other.y0 < self.y1
        )

    def grow(self, by: float) -> "_Box":
        return _Box(self.x0 - by, self.y0 - by, self.x1 + by, self.y1 + by)

    def inside(self, outer: "_Box") -> bool:
        return (
            self.x0 >= outer.x0
            and self.y0 >= outer.y0
            and self.x1 <= outer.x1
            and self.y1 <= outer.y1
        )

    def distance_to(self, x: float, y: float) -> float:
        dx = max(self.x0 - x, 0.0, x - self.x1)
        dy = max(self.y0 - y, 0.0, y - self.y1)
        return math.hypot(dx, dy)

    def nearest(self, x: float, y: float) -> tuple[float, float]:
        return min(max(x, self.x0), self.x1), min(max(y, self.y0), self.y1)


def _text_box(x: float, baseline: float, anchor: str, width: float, font: float) -> _Box:
    left = {"start": x, "end": x - width, "middle": x - width / 2}[anchor]
    return _Box(left, baseline - ASCENT * font, left + width, baseline + DESCENT * font)


Segment = tuple[float, float, float, float]


def _leader_hits_box(segment: Segment, box: _Box) -> bool:
    x0, y0, x1, y1 = segment
    return _segment_hits_box(x0, y0, x1, y1, box)


def _segment_hits_box(x0: float, y0: float, x1: float, y1: float, box: _Box) -> bool:
    """Liang–Barsky: does the segment pass through the box's interior?"""
    t0, t1 = 0.0, 1.0
    dx, dy = x1 - x0, y1 - y0
    for p, q in ((-dx, x0 - box.x0), (dx, box.x1 - x0), (-dy, y0 - box.y0), (dy, box.y1 - y0)):
        if p == 0:
            if q <= 0:
                return False
            continue
        t = q / p
        if p < 0:
            t0 = max(t0, t)
        else:
            t1 = min(t1, t)
        if t0 >= t1:
            return False
    return True


def _segments_cross(a: tuple, b: tuple) -> bool:
    (ax, ay, bx, by), (cx, cy, dx, dy) = a, b

    def orient(px, py, qx, qy, rx, ry):
        return (qx - px) * (ry - py) - (qy - py) * (rx - px)

    d1 = orient(cx, cy, dx, dy, ax, ay)
    d2 = orient(cx, cy, dx, dy, bx, by)
    d3 = orient(ax, ay, bx, by, cx, cy)
    d4 = orient(ax, ay, bx, by, dx, dy)
    return d1 * d2 < 0 and d3 * d4 < 0


def _segment_near_point(seg: tuple, x: float, y: float, r: float) -> bool:
    ax, ay, bx, by = seg
    dx, dy = bx - ax, by - ay
    length = dx * dx + dy * dy
    t = 0.0 if length == 0 else max(0.0, min(1.0, ((x - ax) * dx + (y - ay) * dy) / length))
    return math.hypot(ax + t * dx - x, ay + t * dy - y) < r


class _Grid:
    """Items bucketed by a coarse grid of their boxes, so a collision test looks only at near
    neighbours. ``near`` may list an item more than once."""

    def __init__(self, cell: float):
        self.cell = cell
        self.buckets: dict[tuple[int, int], list] = {}

    def add(self, box: _Box, item) -> None:
        c = self.cell
        for i in range(math.floor(box.x0 / c), math.floor(box.x1 / c) + 1):
            for j in range(math.floor(box.y0 / c), math.floor(box.y1 / c) + 1):
                self.buckets.setdefault((i, j), []).append(item)

    def near(self, box: _Box) -> list:
        c, buckets = self.cell, self.buckets
        found: list = []
        for i in range(math.floor(box.x0 / c), math.floor(box.x1 / c) + 1):
            for j in range(math.floor(box.y0 / c), math.floor(box.y1 / c) + 1):
                found.extend(buckets.get((i, j), ()))
        return found


def _num(value: float) -> str:
    text = f"{value:.1f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


@dataclass
class _Member:
    tie: Tie
    x: float
    y: float
    text: str
    both_ways: bool
    ring: int
    anchor: str = "start"
    tx: float = 0.0
    baseline: float = 0.0
    leader: tuple | None = None
    inward: bool = False

    @property
    def radius(self) -> float:
        """Radius of the drawn dot (with its ring, if any), before scaling."""
        return _MARK_R if self.both_ways else _DOT_R


class _Map:
    def __init__(self, ties: Sequence[Tie], centre_label: str, title: str, size: int):
        self.ties = [validate(tie) for tie in ties]
        self.size = size
        self.k = size / _BASE
        self.cx = self.cy = size / 2
        self.edges = [edge * self.k for edge in _RING_EDGES]
        self.centre_label = " ".join(clean(centre_label).split())
        self.title = " ".join(clean(title).split())
        self.bounds = _Box(0, 0, size, size).grow(-_EDGE * self.k)
        self.obstacles: list[_Box] = []  # fixed text and the centre
        self.labels: list[_Box] = []  # member labels placed so far
        self.leaders: list[tuple] = []
        self.out: list[str] = []
        self.cache: dict[tuple, list[tuple]] = {}

    # polar coordinates: degrees clockwise from the top
    def at(self, radius: float, degrees: float) -> tuple[float, float]:
        a = math.radians(degrees)
        return self.cx + radius * math.sin(a), self.cy - radius * math.cos(a)

    def width(self, text: str, font: float, factor: float = CHAR_WIDTH) -> float:
        return factor * font * len(text)

    # --- drawing -------------------------------------------------------------------------------

    def render(self) -> str:
        k = self.k
        # ids unique to this drawing (two maps on one page must not share them), from a form of
        # the input that does not depend on its order or on hashing (frozensets)
        canonical = sorted(_cell_order(tie) + (tie.kind, tie.ring) for tie in self.ties)
        digest = hashlib.sha256(
            repr((canonical, self.centre_label, self.title, self.size)).encode()
        ).hexdigest()[:10]
        ident = f"network-map-{digest}"
        size = _num(self.size)
        self.out.append(
            f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {size} {size}" '
            f'width="{size}" height="{size}" role="img" '
            f'aria-labelledby="{ident}-title {ident}-desc" class="network-map" '
            f'font-family="Arial, sans-serif" fill="{TEXT_COLOUR}">'
        )
        self.out.append(f'<title id="{ident}-title">{escape(self.title)}</title>')
        self.out.append(f'<desc id="{ident}-desc">{escape(clean(summary(self.ties)))}</desc>')
        self.out.append(f'<rect width="{size}" height="{size}" fill="#ffffff"/>')
        self.draw_rings()
        self.draw_sectors()
        self.draw_centre()
        self.draw_ring_labels()
        self.draw_sector_labels()
        self.draw_legend()
        if self.ties:
            self.draw_members()
        else:
            note_r = (self.edges[1] + self.edges[2]) / 2
            x, y = self.at(note_r, 0)
            self.out.append(
                f'<text class="empty-note" x="{_num(x)}" y="{_num(y + 0.35 * _NOTE_FONT * k)}" '
                f'text-anchor="middle" font-size="{_num(_NOTE_FONT * k)}" fill="#444444">'
                "No one yet</text>"
            )
        self.out.append("</svg>")
        return "".join(self.out)

    def draw_rings(self) -> None:
        k = self.k
        fills = ("#eef0f2", "#f3f4f6", "#f8f9fa", "#ffffff")
        parts = ['<g class="rings" stroke="#b5b9be">']
        for edge, fill in zip(reversed(self.edges[1:]), reversed(fills), strict=True):
            parts.append(
                f'<circle cx="{_num(self.cx)}" cy="{_num(self.cy)}" r="{_num(edge)}" '
                f'fill="{fill}" stroke-width="{_num(0.9 * k)}"/>'
            )
        parts.append("</g>")
        self.out.append("".join(parts))

    def draw_sectors(self) -> None:
        k = self.k
        parts = [f'<g class="sector-lines" stroke="#c4c8cc" stroke-width="{_num(0.9 * k)}">']
        for index in range(len(KIND_ORDER)):
            x0, y0 = self.at(self.edges[0], 45 * index - 22.5)
            x1, y1 = self.at(self.edges[-1], 45 * index - 22.5)
            parts.append(f'<line x1="{_num(x0)}" y1="{_num(y0)}" x2="{_num(x1)}" y2="{_num(y1)}"/>')
        parts.append("</g>")
        self.out.append("".join(parts))

    def draw_centre(self) -> None:
        k = self.k
        r = self.edges[0]
        self.obstacles.append(_Box(self.cx - r, self.cy - r, self.cx + r, self.cy + r))
        lines, font = _wrap_name(self.centre_label or "The person", r * 1.7, _CENTRE_FONT * k)
        parts = [
            '<g class="centre">',
            f'<circle cx="{_num(self.cx)}" cy="{_num(self.cy)}" r="{_num(r)}" fill="#ffffff" '
            f'stroke="{TEXT_COLOUR}" stroke-width="{_num(1.6 * k)}"/>',
        ]
        line_height = font * 1.2
        first = self.cy - line_height * (len(lines) - 1) / 2 + 0.35 * font
        for index, line in enumerate(lines):
            parts.append(
                f'<text x="{_num(self.cx)}" y="{_num(first + index * line_height)}" '
                f'text-anchor="middle" font-size="{_num(font)}" font-weight="bold">'
                f"{escape(line)}</text>"
            )
        parts.append("</g>")
        self.out.append("".join(parts))

    def draw_ring_labels(self) -> None:
        """Each ring's name, small and grey, at the bottom of its band just inside the inner
        edge. Dots keep ``_PAD_IN`` clear of that edge, so they never meet."""
        k = self.k
        font = _RING_FONT * k
        parts = [f'<g class="ring-labels" fill="#5f6368" font-size="{_num(font)}">']
        for ring in Ring:
            baseline = self.cy + self.edges[ring.value - 1] + 1.5 * k + ASCENT * font
            self.obstacles.append(
                _text_box(self.cx, baseline, "middle", self.width(ring.label, font), font).grow(
                    _GAP * k
                )
            )
            parts.append(
                f'<text x="{_num(self.cx)}" y="{_num(baseline)}" text-anchor="middle" '
                f'font-size="{_num(font)}">{escape(ring.label)}</text>'
            )
        parts.append("</g>")
        self.out.append("".join(parts))

    def draw_sector_labels(self) -> None:
        """Each sector's name just outside the map, with a square swatch of its colour on the
        side nearest the map (squares, so they are not mistaken for members)."""
        k = self.k
        font = _SECTOR_FONT * k
        swatch = 9.0 * k
        gap = 5.0 * k
        line_height = font * 1.2
        parts = [f'<g class="sector-labels" font-size="{_num(font)}" font-weight="bold">']
        for index, kind in enumerate(Kind):
            degrees = 45 * index
            lines = _wrap_balanced(kind.label, 17)
            widest = max(self.width(line, font, 0.6) for line in lines)
            height = line_height * (len(lines) - 1) + (ASCENT + DESCENT) * font
            block = widest + swatch + gap
            # diagonal labels stand further out, in the corners, leaving room for names
            px, py = self.at(self.edges[-1] + (9 if index % 2 == 0 else 30) * k, degrees)
            sx, sy = math.sin(math.radians(degrees)), -math.cos(math.radians(degrees))
            # the block's corner or edge nearest the map touches (px, py)
            left = px if sx > 0.3 else px - block if sx < -0.3 else px - block / 2
            top = py if sy > 0.3 else py - height if sy < -0.3 else py - height / 2
            # never past the edge of the drawing
            left = min(max(left, self.bounds.x0), self.bounds.x1 - block)
            top = min(max(top, self.bounds.y0), self.bounds.y1 - height)
            self.obstacles.append(_Box(left, top, left + block, top + height).grow(_GAP * k))
            if sx < -0.3:  # left of the map: text first, swatch next to the map
                text_x, swatch_x = left, left + block - swatch
            else:
                text_x, swatch_x = left + swatch + gap, left
            first_baseline = top + ASCENT * font
            swatch_y = top + (height - swatch) / 2
            parts.append(
                f'<rect x="{_num(swatch_x)}" y="{_num(swatch_y)}" width="{_num(swatch)}" '
                f'height="{_num(swatch)}" rx="{_num(1.5 * k)}" fill="{PALETTE[kind.value]}" '
                f'stroke="{TEXT_COLOUR}" stroke-width="{_num(0.8 * k)}"/>'
            )
            for number, line in enumerate(lines):
                parts.append(
                    f'<text x="{_num(text_x)}" y="{_num(first_baseline + number * line_height)}" '
                    f'font-size="{_num(font)}">{escape(line)}</text>'
                )
        parts.append("</g>")
        self.out.append("".join(parts))

    def draw_legend(self) -> None:
        k = self.k
        font = _LEGEND_FONT * k
        rows = ((BOTH_WAYS, True), (ONE_WAY, False))
        row_height = 19 * k
        widest = max(self.width(text, font, 0.58) for text, _ in rows)
        right = self.size - 10 * k
        left = right - widest - 22 * k
        top = self.size - 10 * k - row_height * len(rows)
        self.obstacles.append(_Box(left, top, right, self.size - 10 * k).grow(_GAP * k))
        parts = [f'<g class="legend" font-size="{_num(font)}">']
        for index, (text, ring) in enumerate(rows):
            y = top + row_height * (index + 0.5)
            parts.append(self.dot(left + 9 * k, y, "#ffffff", ring))
            parts.append(
                f'<text x="{_num(left + 22 * k)}" y="{_num(y + 0.35 * font)}" '
                f'font-size="{_num(font)}">{escape(text)}</text>'
            )
        parts.append("</g>")
        self.out.append("".join(parts))

    def dot(self, x: float, y: float, colour: str, both_ways: bool) -> str:
        k = self.k
        circle = (
            f'<circle cx="{_num(x)}" cy="{_num(y)}" r="{_num(_DOT_R * k)}" fill="{colour}" '
            f'stroke="{TEXT_COLOUR}" stroke-width="{_num(0.8 * k)}"/>'
        )
        if both_ways:
            circle += (
                f'<circle class="both-ways" cx="{_num(x)}" cy="{_num(y)}" '
                f'r="{_num(_MARK_R * k)}" fill="none" stroke="{TEXT_COLOUR}" '
                f'stroke-width="{_num(1.4 * k)}"/>'
            )
        return circle

    # --- members -------------------------------------------------------------------------------

    def layout_dots(self) -> list[_Member]:
        """A dot for every member: cell by cell (ring from the centre out, sector clockwise),
        members of a cell in order of label ignoring case, then key (see ``cell_slots``)."""
        k = self.k
        members: list[_Member] = []
        for ring in RING_ORDER:
            inner, outer = self.edges[ring - 1], self.edges[ring]
            for index, kind in enumerate(KIND_ORDER):
                cell = sorted(
                    (tie for tie in self.ties if tie.ring == ring and tie.kind == kind),
                    key=_cell_order,
                )
                if not cell:
                    continue
                # the bottom sector keeps clear of the ring labels at each band's inner edge
                pad_in = _PAD_IN if 45 * index == 180 else _PAD_OUT
                low, high = inner + pad_in * k, outer - _PAD_OUT * k
                biggest = max(_MARK_R if is_reciprocal(tie) else _DOT_R for tie in cell)
                slots = self.cell_slots(len(cell), ring, index, low, high, biggest)
                for tie, (radius, degrees, inward) in zip(cell, slots, strict=True):
                    x, y = self.at(radius, degrees)
                    member = _Member(tie, x, y, display_label(tie.label), is_reciprocal(tie), ring)
                    member.inward = inward  # in a crowded cell, names of inner dots look inwards
                    members.append(member)
        return members

    def cell_slots(
        self, n: int, ring: int, index: int, low: float, high: float, dot: float
    ) -> list[tuple[float, float, bool]]:
        """Where the ``n`` dots of one cell go, in clockwise order: (radius, degrees, whether
        the dot is on an inner sub-radius of a crowded cell).

        One row along the middle of the band while the dots are at least ``_COMFORT`` apart;
        otherwise as few rows (sub-radii) as hold them without touching, filled evenly and
        staggered so that neighbours along the arc are on different rows. A cell holding more
        than fits (about 6 who give both ways in one inner-circle cell) squeezes its dots
        until they touch, rather than spill into the next cell."""
        k = self.k

        def half_span(radius: float) -> float:
            return 22.5 - math.degrees(_PAD_SIDE * k / radius)

        def arc(radius: float) -> float:
            return math.radians(2 * half_span(radius)) * radius

        middle = (low + high) / 2
        if n == 1 or arc(middle) / n >= _COMFORT * k:
            # nudge, differently per ring, so dots of one side sector in different rings do not
            # line up level and block each other's names (at the top and bottom they cannot)
            shift = _RING_SHIFT[ring - 1] / n if index % 4 else 0.0
            return [
                (middle, 45 * index - half_span(middle) * (1 - 2 * ((i + 0.5) / n + shift)), False)
                for i in range(n)
            ]
        apart = (2 * dot + 2) * k  # centre to centre, so dots never touch
        most = max(2, int((high - low) // apart) + 1)
        for rows in range(2, most + 1):
            radii = [low + (high - low) * row / (rows - 1) for row in range(rows)]
            room = [max(1, int(arc(radius) // apart)) for radius in radii]
            if sum(room) >= n:
                break
        counts = [n // rows] * rows
        for row in range(n % rows):  # the rest to the outer rows, which are longer
            counts[rows - 1 - row] += 1
        for row in range(rows):  # a row over its room passes the excess outwards (or inwards)
            spare = counts[row] - room[row]
            if spare > 0:
                for other in sorted(range(rows), key=lambda r: (-room[r] + counts[r], -r)):
                    give = min(spare, max(0, room[other] - counts[other]))
                    counts[row] -= give
                    counts[other] += give
                    spare -= give
        slots = []
        for row, (radius, count) in enumerate(zip(radii, counts, strict=True)):
            stagger = 0.25 if row % 2 else -0.25
            for i in range(count):
                fraction = min(1.0, max(0.0, (i + 0.5 + (stagger if count > 1 else 0)) / count))
                half = half_span(radius)
                if index % 4:
                    # at the sides: even steps in height rather than angle, so horizontal
                    # names stack without touching
                    degrees = self.even_height(radius, 45 * index, half, fraction)
                else:
                    degrees = 45 * index - half + 2 * half * fraction
                slots.append((fraction, -row, radius, degrees, row < rows - 1))
        slots.sort()
        return [(radius, degrees, inward) for _, _, radius, degrees, inward in slots]

    @staticmethod
    def even_height(radius: float, centre: float, half: float, fraction: float) -> float:
        """The angle (degrees) on this radius whose height is ``fraction`` of the way
        between the heights of the arc's two ends. Only for sectors that do not contain
        the top or the bottom of the map, where height changes steadily along the arc."""
        first = -math.cos(math.radians(centre - half))
        last = -math.cos(math.radians(centre + half))
        cosine = -(first + (last - first) * fraction)
        angle = math.degrees(math.acos(max(-1.0, min(1.0, cosine))))
        return angle if centre < 180 else 360 - angle

    def draw_members(self) -> None:
        k = self.k
        members = self.layout_dots()
        self.dots = [(m.x, m.y, m.radius * k) for m in members]
        self.dot_grid = _Grid(48 * k)
        for dot in self.dots:
            x, y, r = dot
            self.dot_grid.add(_Box(x - r, y - r, x + r, y + r), dot)
        self.place_labels(members)
        font = _num(_MEMBER_FONT * k)
        parts = [f'<g class="members" font-size="{font}">']
        for member in members:
            tie = member.tie
            both = ' data-both-ways="true"' if member.both_ways else ""
            parts.append(
                f'<g class="member" data-kind="{escape(tie.kind)}" data-ring="{tie.ring}"{both}>'
                f"<title>{escape(clean(tie.label))}</title>"
            )
            if member.leader:
                x0, y0, x1, y1 = member.leader
                parts.append(
                    f'<line class="leader" x1="{_num(x0)}" y1="{_num(y0)}" x2="{_num(x1)}" '
                    f'y2="{_num(y1)}" stroke="#6b7075" stroke-width="{_num(0.8 * k)}"/>'
                )
            parts.append(self.dot(member.x, member.y, PALETTE[tie.kind], member.both_ways))
            parts.append(
                f'<text x="{_num(member.tx)}" y="{_num(member.baseline)}" '
                f'text-anchor="{member.anchor}" font-size="{font}" '
                f'stroke="#ffffff" stroke-width="{_num(2.6 * k)}" stroke-linejoin="round" '
                f'paint-order="stroke">{escape(member.text)}</text></g>'
            )
        parts.append("</g>")
        self.out.append("".join(parts))

    def place_labels(self, members: list[_Member]) -> None:
        """Place every name, in rounds. Each round is greedy (see ``place_round``); a member
        whose name found no free place at all is placed first in the next round, and the
        round with the fewest such members (then the least leader length) is kept."""
        first: list[int] = []
        best: tuple[Any, ...] | None = None
        patience = 1
        for _ in range(_ROUNDS):
            self.labels, self.leaders = [], []
            self.boxes = _Grid(48 * self.k)
            self.leader_grid = _Grid(48 * self.k)
            for box in self.obstacles:
                self.boxes.add(box, box)
            forced = self.place_round(members, first)
            strays = [i for i, m in enumerate(members) if i not in forced and self.astray(m)]
            length = sum(math.dist(s[:2], s[2:]) for s in self.leaders)
            score = (len(forced), len(strays), length)
            if best is None or score < best[0]:
                state = [(m.anchor, m.tx, m.baseline, m.leader) for m in members]
                best = (score, state, self.labels, self.leaders)
            elif score[:2] >= best[0][:2]:
                patience -= 1
                if not patience:
                    break  # promoting members made nothing better: stop trying
            fresh = [index for index in forced + strays if index not in first]
            if not fresh:
                break
            first = fresh + first
        assert best is not None  # the loop runs at least once
        _, state, self.labels, self.leaders = best
        for member, (anchor, tx, baseline, leader) in zip(members, state, strict=True):
            member.anchor, member.tx, member.baseline, member.leader = anchor, tx, baseline, leader

    def place_round(self, members: list[_Member], first: list[int]) -> list[int]:
        """One greedy round; returns the indexes of members left overlapping.

        Members in ``first`` go first, in that order. Then, most constrained first: the member
        with the fewest free places beside its dot gets the best of them, until nobody has a
        free place beside their dot. Those left get the nearest free place further away,
        joined by a leader line (for the outermost ring, first a slot just outside the map).
        """
        forced: list[int] = []
        beside = [self.near_candidates(member) for member in members]
        for index in first:
            member = members[index]
            free = [c for c in beside[index] if self.free(c[3], member)]
            if free:
                self.commit(member, free[0], None)
            elif not self.place_far(member):
                self.commit(member, beside[index][0], None)
                forced.append(index)
        pending = {
            index: [c for c in beside[index] if self.free(c[3], members[index])]
            for index in range(len(members))
            if index not in first
        }
        while pending:
            chosen = min(
                (i for i, free in pending.items() if free),
                key=lambda i: (len(pending[i]), i),
                default=None,
            )
            if chosen is None:
                break
            index = chosen
            options = pending.pop(index)

            def squeezes(box: _Box, gap: float = _GAP * self.k) -> int:
                """How many others this place would leave with no place beside their dot."""
                return sum(
                    1
                    for free in pending.values()
                    if free and all(c[3].grow(gap).hits(box) for c in free)
                )

            # the most preferred place that leaves everyone else somewhere to go
            candidate = min(options, key=lambda c: (squeezes(c[3]), options.index(c)))
            self.commit(members[index], candidate, None)
            taken = candidate[3]
            gap = _GAP * self.k
            for other, free in pending.items():
                pending[other] = [c for c in free if not c[3].grow(gap).hits(taken)]
        for index in sorted(pending):
            member = members[index]
            if not self.place_far(member):
                # Nowhere free at all: keep the preferred place rather than drop the name.
                self.commit(member, beside[index][0], None)
                forced.append(index)
        return forced

    def astray(self, member: _Member) -> bool:
        """Is the name far from its dot: a long leader, or one ending in another sector?"""
        if not member.leader:
            return False
        x0, y0, x1, y1 = member.leader
        inside = math.hypot(x1 - self.cx, y1 - self.cy) < self.edges[-1]
        return math.dist((x0, y0), (x1, y1)) > 45 * self.k or (
            inside and self.sector_of(x1, y1) != self.sector_of(member.x, member.y)
        )

    def place_far(self, member: _Member) -> bool:
        """A free place away from the dot, joined by a leader line: nearby first (for the
        outermost ring, a slot just outside the map first), then further and further away;
        as a last resort, a place whose leader crosses something (better than a hidden
        name)."""
        k = self.k

        def nearby():
            return self.far_candidates(member, 60 * k)

        def rim():
            return self.rim(member, 100 * k)

        def further():
            return self.far_candidates(member, 150 * k, 60 * k)

        def anywhere():
            return self.far_candidates(member, self.size, 150 * k, coarse=True)

        first = (rim, nearby) if member.ring == Ring.FORMAL else (nearby, rim)
        if any(self.place_with_leader(member, places()) for places in (*first, further, anywhere)):
            return True
        return self.place_with_leader(member, chain(nearby(), further(), anywhere()), strict=False)

    def commit(self, member: _Member, candidate: tuple, leader: tuple | None) -> None:
        member.anchor, member.tx, member.baseline, box = candidate
        member.leader = leader
        self.labels.append(box)
        self.boxes.add(box, box)
        if leader:
            self.leaders.append(leader)
            x0, y0, x1, y1 = leader
            self.leader_grid.add(_Box(min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1)), leader)

    def place_with_leader(self, member: _Member, candidates, strict: bool = True) -> bool:
        """Commit the first free candidate whose leader is clear of labels, other leaders and
        other dots (or, when not ``strict``, the first free candidate)."""
        k = self.k
        r = member.radius * k
        for candidate in candidates:
            box = candidate[3]
            if not self.free(box, member):
                continue
            nx, ny = box.grow(1.5 * k).nearest(member.x, member.y)
            length = math.hypot(nx - member.x, ny - member.y)
            if length <= r:
                continue
            segment = (
                member.x + (nx - member.x) * r / length,
                member.y + (ny - member.y) * r / length,
                nx,
                ny,
            )
            if not strict or self.leader_free(segment, member):
                self.commit(member, candidate, segment)
                return True
        return False

    def label_at(self, member: _Member, anchor: str, x: float, middle_y: float) -> tuple:
        """A candidate: (anchor, x, baseline, box), the text's box vertically centred on
        ``middle_y``."""
        font = _MEMBER_FONT * self.k
        baseline = middle_y + (ASCENT - DESCENT) / 2 * font
        width = self.width(member.text, font, 0.56)
        return anchor, x, baseline, _text_box(x, baseline, anchor, width, font)

    def near_candidates(self, member: _Member) -> list[tuple]:
        """Places right beside the dot, best first: level with it on the side away from the
        centre, then the side towards it, above, below, then nudged up or down."""
        k = self.k
        height = (ASCENT + DESCENT) * _MEMBER_FONT * k
        r = member.radius * k + _GAP * k
        x, y = member.x, member.y
        sides = ("start", "end") if x >= self.cx - 0.5 else ("end", "start")
        if member.inward:
            sides = sides[::-1]

        def beside(side: str, dy: float, inset: float = 1.0) -> tuple:
            offset = r * inset if side == "start" else -r * inset
            return self.label_at(member, side, x + offset, y + dy)

        found = [beside(side, 0) for side in sides]
        found.append(self.label_at(member, "middle", x, y - r - height / 2))
        found.append(self.label_at(member, "middle", x, y + r + height / 2))
        for step in (0.5, 1.0):
            for side in sides:
                for sign in (-1, 1):
                    found.append(beside(side, sign * step * height, 0.75))
        for sign in (-1, 1):
            for side in sides:
                found.append(beside(side, sign * (r + height / 2), -0.6))
        # places reaching into another sector of the map come last (stable: order kept)
        return sorted(found, key=lambda candidate: self.strays_into(member, candidate[3]))

    def strays_into(self, member: _Member, box: _Box) -> bool:
        """Does a corner of the box lie inside the map but in another sector?"""
        home = self.sector_of(member.x, member.y)
        return any(
            math.hypot(x - self.cx, y - self.cy) < self.edges[-1] and self.sector_of(x, y) != home
            for x in (box.x0, box.x1)
            for y in (box.y0, box.y1)
        )

    def far_candidates(
        self, member: _Member, reach: float, beyond: float = 0.0, coarse: bool = False
    ) -> Iterator[tuple]:
        """Free-standing places more than ``beyond`` and at most ``reach`` from the dot,
        cheapest first (see ``far_cost``), on a grid (a coarser one when ``coarse``).
        The order depends only on the dot, so it is worked out once per dot."""
        key = (id(member), reach, beyond, coarse)
        if key not in self.cache:
            self.cache[key] = self._far_places(member, reach, beyond, coarse)
        return (self.label_at(member, *place) for place in self.cache[key])

    def _far_places(
        self, member: _Member, reach: float, beyond: float, coarse: bool
    ) -> list[tuple]:
        k = self.k
        font = _MEMBER_FONT * k
        height = (ASCENT + DESCENT) * font
        width = self.width(member.text, font, 0.56)
        x, y = member.x, member.y
        r = member.radius * k
        closest = max(beyond, r + 8 * k)
        step_x, step_y = (16 * k, height) if coarse else (6 * k, height / 2)
        found = []
        rows = int(reach / step_y) + 1
        for j in range(-rows, rows + 1):
            middle_y = y + j * step_y
            dy = max(0.0, abs(middle_y - y) - height / 2)
            if dy > reach:
                continue
            # centred above or below the dot, then beside it on either side, further and further
            places = [(-1, "middle", x - width / 2)]
            for i in range(int(reach / step_x) + 1):
                offset = r + 10 * k + i * step_x
                if offset > reach:
                    break
                places.append((i, "start", x + offset))
                places.append((i, "end", x - offset - width))
            for i, side, left in places:
                dx = max(0.0, left - x, x - left - width)
                distance = math.hypot(dx, dy)
                if closest < distance <= reach:
                    cost = self.far_cost(member, left, left + width, middle_y, height, distance)
                    anchor_x = {"start": left, "end": left + width, "middle": x}[side]
                    found.append((cost, i, abs(j), j, side, anchor_x, middle_y))
        found.sort()
        return [(side, anchor_x, middle_y) for *_, side, anchor_x, middle_y in found]

    def far_cost(
        self,
        member: _Member,
        left: float,
        right: float,
        middle_y: float,
        height: float,
        distance: float,
    ) -> float:
        """How bad a free-standing place is: its distance from the dot, plus a penalty for
        drifting towards the centre or into another sector (where it would be misread)."""
        nx = min(max(member.x, left), right)
        ny = min(max(member.y, middle_y - height / 2), middle_y + height / 2)
        dot_r = math.hypot(member.x - self.cx, member.y - self.cy)
        inward = max(0.0, dot_r - math.hypot((left + right) / 2 - self.cx, middle_y - self.cy))
        cost = distance + inward
        inside = math.hypot(nx - self.cx, ny - self.cy) < self.edges[-1]
        if inside and self.sector_of(nx, ny) != self.sector_of(member.x, member.y):
            cost += 80 * self.k
        return cost

    def rim(self, member: _Member, reach: float) -> list[tuple]:
        """Slots in a column hugging the outside of the map on the dot's side (left or
        right), nearest in height to the dot first."""
        key = (id(member), reach, "rim")
        if key not in self.cache:
            self.cache[key] = self._rim(member, reach)
        return self.cache[key]

    def _rim(self, member: _Member, reach: float) -> list[tuple]:
        k = self.k
        height = (ASCENT + DESCENT) * _MEMBER_FONT * k
        step = height / 2
        radius = self.edges[-1] + 8 * k
        right = member.x >= self.cx
        found = []
        count = int(self.size / 2 / step)
        for j in range(-count, count + 1):
            middle_y = self.cy + j * step
            dy = abs(middle_y - self.cy) + height / 2
            half_chord = math.sqrt(max(radius * radius - dy * dy, 0.0))
            x = self.cx + half_chord if right else self.cx - half_chord
            candidate = self.label_at(member, "start" if right else "end", x, middle_y)
            if candidate[3].distance_to(member.x, member.y) <= reach:
                found.append((abs(middle_y - member.y), j, candidate))
        found.sort(key=lambda item: item[:2])
        return [item[-1] for item in found]

    def sector_of(self, x: float, y: float) -> int:
        degrees = math.degrees(math.atan2(x - self.cx, self.cy - y))
        return int(((degrees + 22.5) % 360) // 45)

    def free(self, box: _Box, member: _Member) -> bool:
        """Is the box inside the drawing and clear of every label, fixed text, dot and
        leader (with a small gap)?"""
        k = self.k
        if not box.inside(self.bounds):
            return False
        padded = box.grow(_GAP * k)
        if any(padded.hits(other) for other in self.boxes.near(padded)):
            return False
        for dx, dy, dr in self.dot_grid.near(padded.grow(_MARK_R * k)):
            own = dx == member.x and dy == member.y
            if box.distance_to(dx, dy) < dr + (0.5 if own else 1.2) * _GAP * k:
                return False
        return not any(
            _leader_hits_box(segment, padded) for segment in self.leader_grid.near(padded)
        )

    def leader_free(self, segment: Segment, member: _Member) -> bool:
        """Is the leader clear of labels and fixed text, other leaders and other dots?"""
        k = self.k
        x0, y0, x1, y1 = segment
        span = _Box(min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1))
        gap = _GAP * k
        if any(_leader_hits_box(segment, box.grow(gap)) for box in self.boxes.near(span.grow(gap))):
            return False
        if any(_segments_cross(segment, other) for other in self.leader_grid.near(span)):
            return False
        return not any(
            _segment_near_point(segment, dx, dy, dr + 1.5 * k)
            for dx, dy, dr in self.dot_grid.near(span.grow(_MARK_R * k + 2 * k))
            if (dx, dy) != (member.x, member.y)
        )


def _cell_order(tie: Tie) -> tuple:
    return (
        tie.label.casefold(),
        tie.label,
        tie.key,
        tuple(sorted(tie.gives)),
        tuple(sorted(tie.receives)),
        tie.frequency,
    )


def _wrap_balanced(text: str, limit: int) -> list[str]:
    """One line if it fits, else two lines as even as the words allow."""
    if len(text) <= limit or " " not in text:
        return [text]
    words = text.split()
    splits: list[tuple[str, str]] = [
        (" ".join(words[:i]), " ".join(words[i:])) for i in range(1, len(words))
    ]

    def evenness(pair: tuple[str, str]) -> tuple[int, int]:
        return max(len(pair[0]), len(pair[1])), len(pair[1])

    first, second = min(splits, key=evenness)
    return [first, second]


def _wrap_name(name: str, width: float, font: float) -> tuple[list[str], float]:
    """Fit the person's name in the centre circle: up to two lines, smaller type if needed,
    cut with "…" as a last resort."""
    for size in (font, font * 0.86, font * 0.74):
        per_line = max(1, int(width / (0.6 * size)))
        lines = [name] if len(name) <= per_line else _wrap_balanced(name, per_line)
        if len(lines) <= 2 and all(len(line) <= per_line for line in lines):
            return lines, size
    size = font * 0.74
    per_line = max(2, int(width / (0.6 * size)))
    lines = _wrap_balanced(name, per_line)[:2]
    return [line if len(line) <= per_line else line[: per_line - 1] + "…" for line in lines], size


def render_map(ties: Sequence[Tie], *, centre_label: str, title: str, size: int = 720) -> str:
    """The network as a complete, standalone ``<svg>`` document (a string).

    ``centre_label`` is the person's name, drawn in the centre; ``title`` becomes the SVG's
    ``<title>``; ``size`` is the width and height in user units (everything scales with it).
    An empty network draws the rings, sectors and centre with the note "No one yet".
    Raises ``ValueError`` for a tie with an unknown kind or ring.
    """
    return _Map(ties, centre_label, title, size).render()
