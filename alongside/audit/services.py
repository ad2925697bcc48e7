"""Writing the audit trail. Only services call this, inside their own transaction."""

from collections.abc import Iterable

from django.db import connection

from .models import Action, AuditEntry


def audit_record(
    *,
    user,
    person_id: int,
    action: Action,
    record_type: str = "person",
    record_id: int | None = None,
    fields: Iterable[str] = (),
) -> AuditEntry:
    if not connection.in_atomic_block:
        raise RuntimeError("audit_record must run inside the transaction of the action it records")
    return AuditEntry.objects.create(
        user=user,
        user_name=user.get_full_name() or user.email,
        person_id=person_id,
        action=action,
        record_type=record_type,
        record_id=record_id,
        fields=sorted(fields),
    )
