"""Reading the audit trail.

The audit app sits below the people app, so it never asks which people a user may see: the
caller passes the ids of the people in scope (a queryset of ``pk`` from ``scoped()``, or a list
of ids), and these functions only narrow the entries about them.
"""

from collections.abc import Iterable
from datetime import date, datetime, time, timedelta

from django.contrib.auth import get_user_model
from django.db.models import QuerySet
from django.utils import timezone

from .models import Action, AuditEntry, RecordType

PersonIds = QuerySet | Iterable[int]


def audit_for_person(*, person_id: int) -> QuerySet[AuditEntry]:
    return AuditEntry.objects.filter(person_id=person_id).select_related("user")


def _start_of(day: date) -> datetime:
    """Midnight at the start of ``day`` in the service's time zone (Europe/London)."""
    return timezone.make_aware(datetime.combine(day, time.min))


def audit_entries(
    *,
    person_ids: PersonIds,
    user_id: int | None = None,
    action: Action | str | None = None,
    record_type: RecordType | str | None = None,
    since: date | None = None,
    until: date | None = None,
) -> QuerySet[AuditEntry]:
    """Entries about the people in ``person_ids``, newest first. ``since`` and ``until`` are
    days, both included, in local time: ``until=1 March`` keeps entries up to midnight."""
    entries = AuditEntry.objects.filter(person_id__in=person_ids)
    if user_id is not None:
        entries = entries.filter(user_id=user_id)
    if action:
        entries = entries.filter(action=action)
    if record_type:
        entries = entries.filter(record_type=record_type)
    if since is not None:
        entries = entries.filter(at__gte=_start_of(since))
    if until is not None:
        entries = entries.filter(at__lt=_start_of(until + timedelta(days=1)))
    return entries.order_by("-at", "-id")


def audit_users(*, person_ids: PersonIds) -> QuerySet:
    """The users who appear in the entries about these people (for a "who" filter)."""
    return get_user_model().objects.filter(
        pk__in=AuditEntry.objects.filter(person_id__in=person_ids, user__isnull=False).values(
            "user_id"
        )
    )
