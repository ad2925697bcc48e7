"""A record of each import of another directory: who started it, from where, how far it has
got (for the progress bar in the browser) and what came of it."""

import uuid
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone

# A run still "running" this long after it started has stopped without saying so (the server
# was restarted, the request timed out): it is shown as stopped, never polled for ever.
ABANDONED_AFTER = timedelta(hours=2)


class ImportKind(models.TextChoices):
    ORUK3 = "oruk3", "Open Referral UK 3.0 feed"
    ORUK1 = "oruk1", "Open Referral UK 1.0 feed"
    HSDS_JSON = "hsds_json", "HSDS JSON file"
    HSDS_CSV = "hsds_csv", "HSDS CSV data package"


FEEDS = {ImportKind.ORUK3, ImportKind.ORUK1}  # read from a web address; the others are files


class ImportStatus(models.TextChoices):
    RUNNING = "running", "Running"
    SUCCEEDED = "succeeded", "Finished"
    FAILED = "failed", "Failed"


class ImportRun(models.Model):
    """One import (or, with ``dry_run``, one check of what an import would do). Its id is
    made by the import form before the import starts, so that the page can ask for the
    progress of a run whose request is still under way."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Blank when run from the command line.",
    )
    started_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)
    source = models.CharField(
        max_length=50, help_text="The short name the imported records keep as their source."
    )
    kind = models.CharField(max_length=10, choices=ImportKind.choices)
    location = models.CharField(
        max_length=500, blank=True, help_text="The feed's address or the file's name."
    )
    dry_run = models.BooleanField(
        "check only", default=False, help_text="Checked and reported, nothing saved."
    )
    status = models.CharField(
        max_length=10, choices=ImportStatus.choices, default=ImportStatus.RUNNING
    )
    created = models.PositiveIntegerField(default=0)
    updated = models.PositiveIntegerField(default=0)
    unchanged = models.PositiveIntegerField(default=0)
    rejected = models.PositiveIntegerField(default=0)
    rejections = models.JSONField(
        default=list, blank=True, help_text="Each rejected record: its id, name and why."
    )
    left_out = models.JSONField(
        default=list, blank=True, help_text="Notes of data the directory does not keep."
    )
    error = models.TextField(blank=True, help_text="Why the import stopped, if it failed.")
    progress_done = models.PositiveIntegerField(default=0)
    progress_total = models.PositiveIntegerField(default=0)
    progress_message = models.CharField(max_length=255, blank=True)
    upload = models.BinaryField(
        null=True,
        editable=False,
        help_text="The file to import, kept until the import has read it (the import runs "
        "in the background worker, maybe on another server).",
    )

    class Meta:
        ordering = ["-started_at"]
        indexes = [models.Index(fields=["-started_at"], name="directory_importrun_started")]

    def __str__(self) -> str:
        return f"{self.source} ({self.get_kind_display()}), {self.started_at:%d %b %Y %H:%M}"

    def get_absolute_url(self) -> str:
        return reverse("directory_import:run", args=[self.pk])

    @property
    def is_running(self) -> bool:
        return self.status == ImportStatus.RUNNING and not self.abandoned

    @property
    def abandoned(self) -> bool:
        return (
            self.status == ImportStatus.RUNNING
            and timezone.now() - self.started_at > ABANDONED_AFTER
        )

    @property
    def percent(self) -> int:
        if not self.progress_total:
            return 0
        return min(100, round(100 * self.progress_done / self.progress_total))
