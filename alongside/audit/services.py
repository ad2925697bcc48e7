"""Writing the audit trail (only services call this, inside their own transaction), and
exporting it, which is itself written to the trail."""

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from django.db import connection, transaction
from django.db.models import QuerySet
from django.utils import timezone

from .models import Action, AuditEntry, RecordType
from .templatetags.audit_words import field_words, value_changes


def _require_transaction() -> None:
    if not connection.in_atomic_block:
        raise RuntimeError("the audit trail is written inside the transaction of the action")


# Who did it, for what someone did on the public pages, without an account.
PUBLIC = "Someone on the public pages"


def audit_record(
    *,
    user: Any,
    person_id: int,
    action: Action,
    record_type: RecordType,
    record_id: int | None = None,
    fields: Iterable[str] = (),
    values: Mapping[str, Sequence[str]] | None = None,
) -> AuditEntry:
    """One entry: ``user`` (None: someone on the public pages) did ``action`` to
    ``record_type`` of the person. ``values`` keeps
    the old and new words of the fields in ``VALUES_KEPT`` that changed."""
    _require_transaction()
    return AuditEntry.objects.create(
        user=user,
        user_name=(user.get_full_name() or user.email) if user is not None else PUBLIC,
        person_id=person_id,
        action=action,
        record_type=RecordType(record_type),
        record_id=record_id,
        fields=sorted(fields),
        values={name: list(pair) for name, pair in (values or {}).items()},
    )


def audit_many(
    *,
    user: Any,
    action: Action,
    record_type: RecordType,
    records: Iterable[tuple[int, int | None]],
    fields: Iterable[str] = (),
) -> None:
    """One entry for each ``(person_id, record_id)``: a list page that shows personal free
    text, or an export, in one statement."""
    _require_transaction()
    name, shown = user.get_full_name() or user.email, sorted(fields)
    AuditEntry.objects.bulk_create(
        AuditEntry(
            user=user,
            user_name=name,
            person_id=person_id,
            action=action,
            record_type=RecordType(record_type),
            record_id=record_id,
            fields=shown,
        )
        for person_id, record_id in records
    )


# Exporting the trail -----------------------------------------------------------------

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


class TooManyToExport(Exception):
    def __init__(self, count: int):
        super().__init__(TOO_MANY.format(count=count, limit=EXPORT_LIMIT))
        self.count = count


def _row(entry: AuditEntry) -> list[Any]:
    return [
        timezone.localtime(entry.at).strftime("%Y-%m-%d %H:%M:%S"),
        entry.user_name,
        entry.get_action_display(),
        entry.get_record_type_display(),
        entry.person_id,
        getattr(entry, "person_name", None) or "",
        "" if entry.record_id is None else entry.record_id,
        "; ".join(field_words(entry.fields, entry.record_type)),
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
