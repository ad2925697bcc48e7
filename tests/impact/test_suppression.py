"""Small numbers stay hidden: no count from 1 to 4 is shown, and none can be worked out from
what is shown (each row and column, and its total, is an equation an evaluator could solve)."""

import random
from fractions import Fraction

import pytest

from alongside.impact.suppression import table


def places(t):
    rows, columns = len(t.cells), len(t.cells[0])
    value = {("cell", r, c): t.cells[r][c] for r in range(rows) for c in range(columns)}
    value |= {("row", r): t.row_totals[r] for r in range(rows)}
    value |= {("column", c): t.column_totals[c] for c in range(columns)}
    value[("total",)] = t.total
    hidden = {("cell", r, c) for r in range(rows) for c in range(columns) if t.hidden[r][c]}
    hidden |= {("row", r) for r in range(rows) if t.row_totals_hidden[r]}
    hidden |= {("column", c) for c in range(columns) if t.column_totals_hidden[c]}
    hidden |= {("total",)} if t.total_hidden else set()
    sums = [[*(("cell", r, c) for c in range(columns)), ("row", r)] for r in range(rows)]
    sums += [[*(("cell", r, c) for r in range(rows)), ("column", c)] for c in range(columns)]
    sums.append([*(("row", r) for r in range(rows)), ("total",)])
    sums.append([*(("column", c) for c in range(columns)), ("total",)])
    return value, hidden, sums


def worked_out(t) -> set:
    """The hidden counts from 1 to 4 someone could work out exactly from the shown numbers:
    a hidden place is given away when its unit vector lies in the span of the equations."""
    value, hidden, sums = places(t)
    unknown = sorted(hidden)
    index = {p: i for i, p in enumerate(unknown)}
    matrix = []
    for parts in sums:
        row = [Fraction(0)] * len(unknown)
        for p in parts:
            if p in index:
                row[index[p]] += -1 if p == parts[-1] else 1
        if any(row):
            matrix.append(row)
    # Row-reduce; a variable is determined when a reduced row has it alone.
    pivots = []
    for col in range(len(unknown)):
        pivot = next((i for i in range(len(pivots), len(matrix)) if matrix[i][col]), None)
        if pivot is None:
            continue
        k = len(pivots)
        matrix[k], matrix[pivot] = matrix[pivot], matrix[k]
        matrix[k] = [x / matrix[k][col] for x in matrix[k]]
        for i in range(len(matrix)):
            if i != k and matrix[i][col]:
                matrix[i] = [
                    a - matrix[i][col] * b for a, b in zip(matrix[i], matrix[k], strict=True)
                ]
        pivots.append(col)
    found = set()
    for row in matrix[: len(pivots)]:
        nonzero = [i for i, x in enumerate(row) if x]
        if len(nonzero) == 1:
            found.add(unknown[nonzero[0]])
    return {p for p in found if 0 < value[p] < 5}


def shown_small(t) -> list:
    value, hidden, _ = places(t)
    return [p for p, n in value.items() if 0 < n < 5 and p not in hidden]


def test_the_hunslet_row_no_longer_gives_away_its_four():
    # People by status in one area: 7 + 35 + 5 + 4 = 51. Hiding the 4 alone gave it away.
    t = table([[7, 35, 5, 4]])
    assert t.shown(0, 3) is None
    assert t.shown(0, 2) is None  # the smallest other count in the row, hidden to protect it
    assert t.shown(0, 0) == 7 and t.shown(0, 1) == 35 and t.shown_total() == 51
    assert worked_out(t) == set()


def test_a_small_count_in_a_table_is_hidden_and_cannot_be_worked_out_from_row_or_column():
    t = table([[20, 3, 12], [15, 9, 30], [8, 11, 0]])
    assert t.shown(0, 1) is None
    assert shown_small(t) == [] and worked_out(t) == set()
    assert t.shown(2, 2) == 0  # nobody: shown


def test_a_small_total_is_hidden_with_what_would_give_it_away():
    # Two rows of a few people each: every cell and the row totals are small.
    t = table([[1, 2], [30, 40]])
    assert t.shown_row_total(0) is None and t.shown(0, 0) is None and t.shown(0, 1) is None
    assert shown_small(t) == [] and worked_out(t) == set()


def test_zeros_are_not_hidden_to_protect_a_small_count():
    t = table([[3, 0, 20], [10, 0, 25]])
    assert t.shown(0, 1) == 0 and t.shown(1, 1) == 0
    assert shown_small(t) == [] and worked_out(t) == set()


def test_nothing_is_hidden_for_someone_who_may_see_the_people():
    t = table([[7, 35, 5, 4]], suppress=False)
    assert t.shown(0, 3) == 4 and not t.any_hidden


@pytest.mark.parametrize("seed", range(500))
def test_no_small_count_is_shown_or_can_be_worked_out_in_any_table(seed):
    rng = random.Random(seed)
    rows, columns = rng.randint(1, 5), rng.randint(1, 5)
    cells = [
        [rng.choice([0, 0, 1, 2, 3, 4, 5, 6, 9, 14, 30]) for _ in range(columns)]
        for _ in range(rows)
    ]
    t = table(cells)
    assert shown_small(t) == []
    assert worked_out(t) == set(), cells
    assert pinned_down(t) == [], cells


def pinned_down(t) -> list:
    """Sums with their total shown whose hidden parts (each at least 1) add up to so little
    that one of them could not be anything from 1 to 4."""
    value, hidden, sums = places(t)
    found = []
    for parts in sums:
        mine = [p for p in parts if p in hidden]
        if mine and parts[-1] not in hidden and sum(value[p] for p in mine) - (len(mine) - 1) < 5:
            found.append(parts)
    return found


def test_two_hidden_ones_are_not_given_away_by_adding_up_to_two():
    t = table([[1, 1, 20], [30, 30, 30]])
    assert pinned_down(t) == [] and worked_out(t) == set()


def test_separate_counts_of_the_same_rows_are_protected_down_each_column():
    # Connections by kind: made, went along, still connected at 3 months (not a partition).
    t = table([[40, 30, 20], [6, 3, 2], [12, 9, 7]], across=False)
    assert t.shown(1, 1) is None and t.shown(1, 2) is None
    assert t.shown_column_total(1) == 42  # the column total still shown ...
    assert t.shown(2, 1) is None  # ... with another count in the column hidden beside it
    assert t.shown(0, 0) == 40 and t.shown(1, 0) == 6


@pytest.mark.parametrize("seed", range(4))
def test_a_table_of_many_areas_is_protected_too(seed):
    rng = random.Random(seed)
    cells = [[rng.choice([0, 1, 2, 3, 5, 8, 12, 20, 40]) for _ in range(5)] for _ in range(40)]
    t = table(cells)
    assert shown_small(t) == [] and worked_out(t) == set() and pinned_down(t) == []
