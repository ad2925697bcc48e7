"""Suggestions from the public: a community resource the directory does not list yet, or a
correction to one it does. They wait for the team, who accept (adding or correcting the
listing themselves) or turn them down with a reason."""

from django.conf import settings
from django.db import models

from .core import Service


class SuggestionStatus(models.TextChoices):
    WAITING = "waiting", "Waiting"
    ACCEPTED = "accepted", "Accepted"
    REJECTED = "rejected", "Turned down"


class Suggestion(models.Model):
    service = models.ForeignKey(
        Service,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="suggestions",
        help_text="The listing to correct; blank for something new.",
    )
    name = models.CharField("what it is called", max_length=255, blank=True)
    description = models.TextField("what it is", max_length=2000, blank=True)
    url = models.URLField("website", max_length=500, blank=True)
    postcode = models.CharField(max_length=8, blank=True)
    contact = models.CharField("how to get in touch with it", max_length=200, blank=True)
    details = models.TextField("what should change, or anything else", max_length=2000, blank=True)
    email = models.EmailField(
        "the suggester's email", blank=True, help_text="Only to ask them something; optional."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    status = models.CharField(
        max_length=10, choices=SuggestionStatus.choices, default=SuggestionStatus.WAITING
    )
    reason = models.TextField("why it was turned down", max_length=1000, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["status", "created_at"], name="directory_suggestion_queue")]

    def __str__(self) -> str:
        if self.service_id:
            return f"A correction to {self.service}"
        return f"A suggestion: {self.name}"

    @property
    def is_correction(self) -> bool:
        return self.service_id is not None
