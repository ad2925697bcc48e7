"""Writing what people download as spreadsheets (CSV, XLSX): one place for making a cell safe.

A spreadsheet runs a cell that starts with ``=``, ``+``, ``-`` or ``@`` as a formula: a person's
or a resource's name must never do that on a manager's laptop.
"""

import csv
import io
import re
from collections.abc import Iterable, Iterator
from typing import Any

_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: Any) -> Any:
    """A spreadsheet must not run what a person's name or a user's name says: text that a
    spreadsheet would read as a formula gets a leading apostrophe."""
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        return "'" + value
    return value


def cell_read(value: str) -> str:
    """What ``safe_cell`` wrote, read back: Alongside's own files (the directory's CSV
    package) come back exactly as they were."""
    if value.startswith("'") and value[1:].startswith(_FORMULA_STARTS):
        return value[1:]
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


def xlsx_bytes(sheets: Iterable[tuple[str, list[list[Any]]]]) -> bytes:
    """A workbook with a sheet for each ``(title, rows)``: numbers as numbers, text made safe
    (``safe_cell``) and always stored as text, never as a formula."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    book = Workbook(write_only=True)
    used: set[str] = set()
    for title, rows in sheets:
        name = _sheet_name(title, used)
        sheet = book.create_sheet(name)
        for row in rows:
            cells = []
            for value in row:
                cell = WriteOnlyCell(sheet, value=safe_cell(value))
                if isinstance(value, str):
                    cell.data_type = "s"  # text, even if it looks like a formula
                cells.append(cell)
            sheet.append(cells)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _sheet_name(title: str, used: set[str]) -> str:
    """At most 31 characters, none of \\ / ? * [ ] :, and different from the others."""
    base = re.sub(r"[\\/?*\[\]:]", " ", title).strip()[:28] or "Sheet"
    name, n = base, 2
    while name.lower() in used:
        name, n = f"{base[:25]} {n}", n + 1
    used.add(name.lower())
    return name
