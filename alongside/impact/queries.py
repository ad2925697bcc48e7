"""Reads of the impact app's own records: the reports someone asked for."""

import uuid

from django.db.models import QuerySet
from django.utils import timezone

from alongside.accounts.models import User

from .models import Report


def reports_kept(user: User) -> QuerySet[Report]:
    """``user``'s reports still kept, newest first (without their files)."""
    return Report.objects.filter(user=user, kept_until__gt=timezone.now()).defer("content")


def report_get(user: User, report_id: uuid.UUID, *, with_content: bool = False) -> Report | None:
    """One of ``user``'s reports still kept; None for anyone else's, or one kept too long."""
    found = Report.objects.filter(user=user, pk=report_id, kept_until__gt=timezone.now())
    return (found if with_content else found.defer("content")).first()
