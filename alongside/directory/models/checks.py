"""A record of each run of the feed checker (``checking/``): which directory it checked, how
it read it, what the ORUK validator's Level 1 and Level 2 tests found and how good its
records are."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from .imports import ABANDONED_AFTER

OWN = "/oruk"  # the url of a check of Alongside's own API
OWN_NAME = "Alongside (/oruk)"
RECORDS_KEPT = 100  # the worst records of a check are kept with their findings, no more


class CheckStatus(models.TextChoices):
    SCHEDULED = "scheduled", "Scheduled"
    RUNNING = "running", "Running"
    FINISHED = "finished", "Finished"
    FAILED = "failed", "Failed"


class FeedCheck(models.Model):
    """One check of a directory: Alongside's own ``/oruk`` (``source`` blank), an imported
    feed (``source`` and its ``url``), or the records held from a file import (``source``,
    no ``url``: no HTTP levels, record quality only).

    ``level_1`` and ``level_2`` are lists of ``{"name", "passed", "message"}`` (``passed``
    is None when a test could not be done, as the validator says when no record has the data
    a test needs). ``records`` holds the ``RECORDS_KEPT`` records that scored lowest, each
    ``{"id", "name", "score", "failed": [{"name", "message"}]}``; ``record_summary`` how many
    records passed each record check. A check waiting in the schedule has the status
    ``scheduled`` and the time it is due; there is at most one per source."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    source = models.CharField(
        max_length=50, blank=True, help_text="The imported source checked; blank for our own /oruk."
    )
    url = models.CharField(
        max_length=500, blank=True, help_text="The feed's address; blank for records held."
    )
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Blank when scheduled or run from the command line.",
    )
    scheduled = models.BooleanField(default=False, help_text="Started by the schedule.")
    due_at = models.DateTimeField(null=True, blank=True, help_text="When a scheduled check runs.")
    started_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)
    status = models.CharField(
        max_length=10, choices=CheckStatus.choices, default=CheckStatus.RUNNING
    )
    level_1 = models.JSONField(default=list, blank=True)
    level_2 = models.JSONField(default=list, blank=True)
    level_1_passed = models.BooleanField(null=True, blank=True)
    records_checked = models.PositiveIntegerField(default=0)
    records = models.JSONField(default=list, blank=True, help_text="The worst records found.")
    record_summary = models.JSONField(default=list, blank=True)
    score = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="0 to 100: the records' average score."
    )
    error = models.TextField(blank=True, help_text="Why the check could not run, if it failed.")

    class Meta:
        ordering = ["-started_at"]
        indexes = [
            models.Index(fields=["source", "-started_at"], name="directory_feedcheck_source")
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["source"],
                condition=Q(status="scheduled"),
                name="directory_feedcheck_one_scheduled_per_source",
            )
        ]

    def __str__(self) -> str:
        return f"Check of {self.source or 'our own /oruk'}, {self.started_at:%d %b %Y %H:%M}"

    def get_absolute_url(self) -> str:
        return reverse("directory_import:check", args=[self.pk])

    @property
    def is_own(self) -> bool:
        return not self.source and self.url == OWN

    @property
    def name(self) -> str:
        """The directory checked, as the pages name it."""
        if self.source:
            return self.source
        return OWN_NAME if self.is_own or not self.url else self.url

    @property
    def reads_feed(self) -> bool:
        return bool(self.url)

    @property
    def is_running(self) -> bool:
        return self.status == CheckStatus.RUNNING and not self.abandoned

    @property
    def abandoned(self) -> bool:
        return (
            self.status == CheckStatus.RUNNING
            and timezone.now() - self.started_at > ABANDONED_AFTER
        )

    @property
    def level_2_passed(self) -> int:
        return sum(1 for t in self.level_2 if t.get("passed"))

    @property
    def level_2_done(self) -> int:
        return sum(1 for t in self.level_2 if t.get("passed") is not None)
