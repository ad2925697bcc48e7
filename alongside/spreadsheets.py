"""Writing what people download as spreadsheets (CSV): one place for making a cell safe.

A spreadsheet runs a cell that starts with ``=``, ``+``, ``-`` or ``@`` as a formula: a person's
or a resource's name must never do that on a manager's laptop.
"""

import csv
from collections.abc import Iterable, Iterator
from typing import Any

_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: Any) -> Any:
    """A spreadsheet must not run what a person's name or a user's name says: text that a
    spreadsheet would read as a formula gets a leading apostrophe."""
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        return "'" + value
    return value


class _Echo:
    def write(self, value: str) -> str:
        return value


def csv_lines(rows: Iterable[list[Any]]) -> Iterator[str]:
    """The rows as CSV text, line by line, starting with a byte order mark so that
    spreadsheets read the file as UTF-8."""
    writer = csv.writer(_Echo())
    yield "\ufeff"
    for row in rows:
        yield writer.writerow([safe_cell(cell) for cell in row])
