"""Writing the audit trail. Only services call this, inside their own transaction."""

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from django.db import connection

from .models import Action, AuditEntry, RecordType


def _require_transaction() -> None:
    if not connection.in_atomic_block:
        raise RuntimeError("the audit trail is written inside the transaction of the action")


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
    """One entry: ``user`` did ``action`` to ``record_type`` of the person. ``values`` keeps
    the old and new words of the fields in ``VALUES_KEPT`` that changed."""
    _require_transaction()
    return AuditEntry.objects.create(
        user=user,
        user_name=user.get_full_name() or user.email,
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
