"""Reading the audit trail."""

from django.db.models import QuerySet

from .models import AuditEntry


def audit_for_person(*, person_id: int) -> QuerySet[AuditEntry]:
    return AuditEntry.objects.filter(person_id=person_id).select_related("user")
