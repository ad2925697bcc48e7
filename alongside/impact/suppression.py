"""Small numbers: the one place that decides what a figure shows to someone who may not see
the people behind it.

A count from 1 to 4 could pick someone out, so it is hidden ("primary" suppression). In a
table that is not enough: a hidden cell can be worked out from the others in its row or
column and their total (Hunslet: 51 - (7 + 35 + 5) = 4). So every row and column of a table
with its total is a sum, and wherever a sum has exactly one hidden number in it, the
smallest other count in it is hidden too ("complementary" suppression), again and again
until no sum has one hidden number alone, nor hidden numbers adding up to so little that
one is pinned down, nor can any be worked out by putting sums together. A zero is never
hidden to protect another (it would give the other away), and a zero is shown: nobody is
behind it.

Every hidden count in a table shows as ``HIDDEN_IN_TABLES``; nothing on the page says which
were hidden for being small and which to protect them (that would give some away: a hidden
pair adding up to 6, one known to be 5 or more, is 1 and 5). A count from 1 to 4 alone (not
in a table) shows as ``HIDDEN``, "fewer than 5" (``count_words``).
"""

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

SUPPRESS_BELOW = 5
HIDDEN = "fewer than 5"
HIDDEN_IN_TABLES = "hidden"
HOW_HIDDEN = (
    "Counts from 1 to 4 are hidden so that nobody can be recognised, and so is any other "
    "count that would let them be worked out from the totals."
)


def shown_count(n: int) -> int | None:
    """``n``, or None when it is 1 to 4."""
    return n if n == 0 or n >= SUPPRESS_BELOW else None


def count_words(n: int) -> str:
    """``n`` as the page shows it: "fewer than 5" for 1 to 4."""
    shown = shown_count(n)
    return HIDDEN if shown is None else str(shown)


def is_small(n: int) -> bool:
    return 0 < n < SUPPRESS_BELOW


@dataclass(frozen=True)
class Table:
    """Counts in rows and columns, with each row's and column's total and the grand total,
    and which of them are hidden. ``cells[r][c]``; ``hidden`` likewise; totals are None
    where a table has no such margin (one column: its rows' totals are the cells)."""

    cells: list[list[int]]
    row_totals: list[int]
    column_totals: list[int]
    total: int
    hidden: list[list[bool]]
    row_totals_hidden: list[bool]
    column_totals_hidden: list[bool]
    total_hidden: bool
    across: bool = True  # rows have totals (each row's cells are parts of one whole)

    def shown(self, r: int, c: int) -> int | None:
        return None if self.hidden[r][c] else self.cells[r][c]

    def shown_row_total(self, r: int) -> int | None:
        return None if self.row_totals_hidden[r] else self.row_totals[r]

    def shown_column_total(self, c: int) -> int | None:
        return None if self.column_totals_hidden[c] else self.column_totals[c]

    def shown_total(self) -> int | None:
        return None if self.total_hidden else self.total

    @property
    def any_hidden(self) -> bool:
        return (
            self.total_hidden
            or any(self.row_totals_hidden)
            or any(self.column_totals_hidden)
            or any(any(row) for row in self.hidden)
        )


def table(
    cells: Sequence[Sequence[int]],
    *,
    suppress: bool = True,
    across: bool = True,
    columns: int | None = None,
) -> Table:
    """The table of ``cells`` with its totals, small counts hidden (and the counts that would
    let them be worked out) when ``suppress``; nothing hidden otherwise, for someone who may
    see the people behind it. With ``across=False`` the columns are separate counts of the
    same rows (made, went along, still connected), so only each column adds up: rows have
    no totals."""
    grid = [list(row) for row in cells]
    rows = len(grid)
    columns = len(grid[0]) if grid else (columns or 0)  # a table of no rows still has columns
    row_totals = [sum(row) for row in grid]
    column_totals = [sum(grid[r][c] for r in range(rows)) for c in range(columns)]
    total = sum(row_totals)
    # Every number as a place: ("cell", r, c), ("row", r), ("column", c), ("total",)
    value: dict[tuple, int] = {
        ("cell", r, c): grid[r][c] for r in range(rows) for c in range(columns)
    }
    value |= {("column", c): column_totals[c] for c in range(columns)}
    if across:  # otherwise no row totals and no grand total: nothing to show or hide
        value |= {("row", r): row_totals[r] for r in range(rows)}
        value[("total",)] = total
    hidden = {place for place, n in value.items() if suppress and is_small(n)}
    # Each sum: its parts and their total, as places.
    sums = [[*(("cell", r, c) for r in range(rows)), ("column", c)] for c in range(columns)]
    if across:
        sums += [[*(("cell", r, c) for c in range(columns)), ("row", r)] for r in range(rows)]
        sums.append([*(("row", r) for r in range(rows)), ("total",)])
        sums.append([*(("column", c) for c in range(columns)), ("total",)])

    def worked_out(hidden: set) -> set:
        if not across:  # each column its own sum: with two or more hidden, none is given away
            return set()
        return _bridges(hidden, rows, columns)

    small = set(hidden)
    while True:
        _hide_lone_ones(hidden, value, sums)
        given_away = worked_out(hidden) & small
        if not given_away:
            break
        # Still worked out by putting several sums together: hide one more count, the
        # smallest that stops it (or, failing that, the smallest in a sum with it, or in the
        # table), and go round again.
        place = min(given_away)
        shown = sorted(
            (q for q in value if q not in hidden and value[q] > 0),
            key=lambda q: (value[q], q[0] != "cell", q),
        )
        if not shown:
            break  # cannot happen: a hidden count is worked out only from shown ones
        beside = [q for q in shown if any(place in parts and q in parts for parts in sums)]
        stops = (q for q in shown if place not in worked_out(hidden | {q}))
        hidden.add(next(stops, beside[0] if beside else shown[0]))
    return Table(
        cells=grid,
        row_totals=row_totals,
        column_totals=column_totals,
        total=total,
        hidden=[[("cell", r, c) in hidden for c in range(columns)] for r in range(rows)],
        row_totals_hidden=[("row", r) in hidden for r in range(rows)],
        column_totals_hidden=[("column", c) in hidden for c in range(columns)],
        total_hidden=("total",) in hidden,
        across=across,
    )


def _hide_lone_ones(hidden: set, value: dict, sums: list[list[tuple]]) -> None:
    """Wherever a sum has exactly one hidden number, or hidden numbers adding up to so little
    that one of them could be pinned down (a hidden count is at least 1, so two hidden that
    add up to 2 are both 1), hide the smallest other count in it."""
    changed = bool(hidden)
    while changed:
        changed = False
        for places in sums:
            mine = [p for p in places if p in hidden]
            if not mine:
                continue
            # With the total shown, k hidden parts adding up to R are each from 1 to
            # R - (k - 1): that must leave every value a small count could have.
            total_shown = places[-1] not in hidden
            room = sum(value[p] for p in mine) - (len(mine) - 1)
            if len(mine) > 1 and (not total_shown or room >= SUPPRESS_BELOW):
                continue
            others = [p for p in places if p not in hidden and value[p] > 0]
            if others:
                hidden.add(min(others, key=lambda p: (value[p], p[0] != "cell", p)))
                changed = True


def _bridges(hidden: set, rows: int, columns: int) -> set:
    """The hidden numbers of a table with its totals that the shown ones give away exactly.

    Put each total on the other side of its sum, and a table with its totals is a grid of
    rows + 1 by columns + 1 whose every row and column adds up to nothing. Draw each row and
    column as a point and each hidden number as a line between its row and its column: the
    hidden numbers can change together only around a loop of such lines (+1, -1, +1, -1…),
    so a hidden number is given away exactly when its line is in no loop (a bridge). Found
    in one walk of the lines (Tarjan), however large the table."""
    where = {}
    for place in hidden:
        if place[0] == "cell":
            where[place] = (place[1], place[2])
        elif place[0] == "row":
            where[place] = (place[1], columns)
        elif place[0] == "column":
            where[place] = (rows, place[1])
        else:
            where[place] = (rows, columns)
    # Points: rows 0..rows (the last one the totals row), then columns after them.
    lines: dict[int, list[tuple[int, tuple]]] = {}
    for place, (r, c) in where.items():
        a, b = r, rows + 1 + c
        lines.setdefault(a, []).append((b, place))
        lines.setdefault(b, []).append((a, place))
    seen: dict[int, int] = {}
    low: dict[int, int] = {}
    given_away: set = set()
    counter = 0
    for root in lines:
        if root in seen:
            continue
        seen[root] = low[root] = counter
        counter += 1
        stack: list[tuple[int, tuple | None, Iterator[tuple[int, tuple]]]] = [
            (root, None, iter(lines[root]))
        ]
        while stack:
            point, came_by, going = stack[-1]
            for other, place in going:
                if place == came_by:
                    continue
                if other in seen:
                    low[point] = min(low[point], seen[other])
                else:
                    seen[other] = low[other] = counter
                    counter += 1
                    stack.append((other, place, iter(lines[other])))
                    break
            else:
                stack.pop()
                if stack:
                    parent = stack[-1][0]
                    low[parent] = min(low[parent], low[point])
                    if low[point] > seen[parent]:
                        given_away.add(came_by)
    return given_away
