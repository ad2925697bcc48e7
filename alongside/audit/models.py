"""The audit trail: who saw and changed which person's record, and when."""

from django.conf import settings
from django.db import models


class Action(models.TextChoices):
    VIEWED = "viewed", "Viewed"
    CREATED = "created", "Created"
    CHANGED = "changed", "Changed"
    DELETED = "deleted", "Removed"
    EXPORTED = "exported", "Exported"


class AuditEntry(models.Model):
    """One read or write of a person's record.

    ``person_id`` is a plain number, not a foreign key, so that the trail outlives an erasure.
    Entries are only ever added, always in the same transaction as the action they describe.
    """

    at = models.DateTimeField(auto_now_add=True, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    user_name = models.CharField(max_length=150, help_text="Kept if the user is removed.")
    person_id = models.BigIntegerField(db_index=True)
    action = models.CharField(max_length=10, choices=Action.choices)
    record_type = models.CharField(max_length=40)
    record_id = models.BigIntegerField(null=True, blank=True)
    fields = models.JSONField(default=list, blank=True, help_text="Names of changed fields.")

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name_plural = "audit entries"
        indexes = [models.Index(fields=["person_id", "-at"])]

    def __str__(self) -> str:
        return f"{self.user_name} {self.action} {self.record_type} of person {self.person_id}"
