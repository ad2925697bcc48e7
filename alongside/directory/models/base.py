"""What every directory record has: a UUID, where it came from, and when it changed."""

import operator
import uuid
from functools import reduce

from django.db import models
from django.db.models import Q


class Record(models.Model):
    """A directory record. Records imported from another directory keep where they came from
    (``source``, a short name such as ``leeds-fis``) and the id they had there (``source_id``),
    so that a later import of the same directory updates them in place. Alongside's own
    records have a blank ``source``."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    source = models.CharField(
        max_length=50,
        blank=True,
        help_text="Short name of the directory this was imported from; blank for our own.",
    )
    source_id = models.CharField(
        "id in the source", max_length=255, blank=True, help_text="Its id in that directory."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["source", "source_id"],
                condition=~Q(source=""),
                name="%(app_label)s_%(class)s_one_per_source_id",
            ),
            models.CheckConstraint(
                condition=Q(source="") | ~Q(source_id=""),
                name="%(app_label)s_%(class)s_imported_has_source_id",
            ),
        ]


def one_of(*fields: str) -> Q:
    """A condition that exactly one of the foreign keys ``fields`` is set."""
    return reduce(
        operator.or_,
        [Q(**{f"{f}__isnull": f != chosen for f in fields}) for chosen in fields],
    )
