"""Exporting the audit trail as CSV: the rows, and the audit entries that say who exported
whom, in one transaction.

The caller passes entries already restricted to the people in its user's scope (see
``queries.audit_entries``), annotated with ``person_name`` if it wants names in the file: this
app sits below the people app and never looks people up itself.
"""

import csv
from collections.abc import Iterable, Iterator
from typing import Any

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from .models import Action, AuditEntry, RecordType
from .services import audit_many
from .templatetags.audit_words import field_words, value_changes

EXPORT_LIMIT = 50_000
"""At most this many entries in one file: a bigger export is refused, never cut short."""

TOO_MANY = (
    "There are {count:,} entries to export, more than {limit:,} at once: "
    "choose a shorter span of days, or narrow the filters, and download again"
)

COLUMNS = [
    "When",
    "Who",
    "Action",
    "Record type",
    "Person id",
    "Person name",
    "Record id",
    "Fields changed",
    "Old → new values",
]

_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


class TooManyToExport(Exception):
    def __init__(self, count: int):
        super().__init__(TOO_MANY.format(count=count, limit=EXPORT_LIMIT))
        self.count = count


def safe_cell(value: Any) -> Any:
    """A spreadsheet must not run what a person's name or a user's name says: text that a
    spreadsheet would read as a formula gets a leading apostrophe."""
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        return "'" + value
    return value


def _row(entry: AuditEntry) -> list[Any]:
    return [
        timezone.localtime(entry.at).strftime("%Y-%m-%d %H:%M:%S"),
        entry.user_name,
        entry.get_action_display(),
        entry.get_record_type_display(),
        entry.person_id,
        getattr(entry, "person_name", None) or "",
        "" if entry.record_id is None else entry.record_id,
        "; ".join(field_words(entry.fields)),
        "; ".join(value_changes(entry.values)),
    ]


def audit_export(
    *, user: Any, entries: QuerySet[AuditEntry], person_ids: Iterable[int] = ()
) -> list[list[Any]]:
    """The rows of the CSV (header first) for ``entries``, and one ``EXPORTED`` entry about
    the audit trail for each person in them, plus each of ``person_ids`` (one person's
    export names them even when no entry matched). Raises :class:`TooManyToExport`."""
    with transaction.atomic():
        chosen = list(entries[: EXPORT_LIMIT + 1])
        if len(chosen) > EXPORT_LIMIT:
            raise TooManyToExport(entries.count())
        people = sorted({entry.person_id for entry in chosen} | set(person_ids))
        audit_many(
            user=user,
            action=Action.EXPORTED,
            record_type=RecordType.AUDIT_TRAIL,
            records=[(person_id, None) for person_id in people],
        )
    return [COLUMNS, *(_row(entry) for entry in chosen)]


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
