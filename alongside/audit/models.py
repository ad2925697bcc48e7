"""The audit trail: who saw and changed which person's record, and when.

One vocabulary says what an entry is about (``RecordType``): the same words for a read and
for a write, so that "who has looked at or changed Helen's plan" is one filter.
"""

from django.conf import settings
from django.db import models


class Action(models.TextChoices):
    VIEWED = "viewed", "looked at"
    CREATED = "created", "added"
    CHANGED = "changed", "changed"
    DELETED = "deleted", "removed"
    EXPORTED = "exported", "exported"
    MERGED = "merged", "merged"
    RESTORED = "restored", "restored"


class RecordType(models.TextChoices):
    """What an audit entry is about. A read names what the page showed; a write names the
    record written. Each label reads after a verb: "Priya added *a conversation*"."""

    PERSON = "person", "the person's details"
    """The person's own record: name, contact details, area, coordinator, status, level of
    support, what matters to them and their vision. Reads of the summary, the details form,
    the vision page, the support pages and the "resources near them" search."""
    INTRODUCTION = "introduction", "an introduction"
    """An introduction of the person and the decision after it; in the inbox, the excerpt of
    "what's going on" (one entry for each introduction shown)."""
    HANDOVER = "handover", "a handover to another area"
    """The person, and their introductions still waiting, passed to another area."""
    SUPPORT_CHANGE = "support_change", "a change of support"
    """A dated decision, stepping back, re-opening or change of level."""
    CONVERSATION = "conversation", "a conversation"
    """A conversation with the person, and the conversations page (the timeline)."""
    FAMILY_MEMBER = "family_member", "a family or household member"
    """Someone in the person's household or family."""
    GIFT = "gift", "a gift"
    """A gift, strength, skill or interest of the person or their family, and the gifts page."""
    PLAN_STEP = "plan_step", "a plan step"
    """A step of the person's plan, and the plan page (steps and reviews)."""
    PLAN_REVIEW = "plan_review", "a plan review"
    """A review of the plan with the person."""
    VOICE_ENTRY = "voice_entry", "a voice log entry"
    """An entry of the voice log, and the voice page."""
    ABOUT_ME = "about_me", "the page they keep (about me and my plan)"
    """The one-page "About me and my plan" made for the person to keep (what matters to
    them, their vision, their gifts, the next steps of their plan): on screen and as a PDF."""
    NETWORK_MEMBER = "network_member", "someone in their network"
    """Someone in the person's network, and the network pages (the map, compare)."""
    NETWORK_SNAPSHOT = "network_snapshot", "a network snapshot"
    """The network as it was at a review."""
    MEASURE = "measure", "a wellbeing measure"
    """The person's answers to a wellbeing or loneliness measure, and the outcomes page."""
    OUTCOME_RATING = "outcome_rating", "an outcome rating"
    """An outcome rated with the person at a review."""
    CRISIS = "crisis", "a crisis or event"
    """Something that happened: an A&E visit, an admission, a safeguarding concern."""
    CRISIS_AVOIDED = "crisis_avoided", "a crisis avoided"
    """A crisis that was likely without support, and what happened instead."""
    STORY = "story", "a story"
    """A story of change told with the person's consent."""
    CONNECTION = "connection", "a connection"
    """A connection with a community resource, a group, a chance to contribute or another
    person, its stages and follow-ups; and the connections page."""
    CONTRIBUTION = "contribution", "a contribution"
    """Something the person gives: what, where, since when, how often."""
    FORMAL_SERVICE = "formal_service", "a formal service"
    """A formal service sought (social care, benefits, housing, health) and how the person
    controls it."""
    GAP = "gap", "an unmet need (a gap)"
    """What the person looked for when nothing fitted."""
    INVOLVEMENT = "involvement", "their getting involved in their community"
    """That the person would like to get involved in their area's community life, what in,
    and how they agreed to be named."""
    PROJECT_PERSON = "project_person", "their part in a community project"
    """The person takes part in, contributes to or leads a community project."""
    SHORTLIST = "shortlist", "their shortlist"
    """Resources and chances to contribute put on the person's shortlist, and the shortlist
    page and its PDF."""
    AUDIT_TRAIL = "audit_trail", "the audit trail"
    """This trail itself: a manager read or exported the entries about the person."""


# Fields whose old and new values every change keeps (as the words the page showed).
VALUES_KEPT = ("status", "level", "coordinator", "area")


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
    record_type = models.CharField(max_length=40, choices=RecordType.choices)
    record_id = models.BigIntegerField(null=True, blank=True)
    fields = models.JSONField(
        default=list, blank=True, help_text="Names of the fields changed, or shown by a list."
    )
    values = models.JSONField(
        default=dict,
        blank=True,
        help_text='Old and new values of status, level, coordinator and area: {"status": '
        '["New introduction", "Supported"]}.',
    )

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name_plural = "audit entries"
        indexes = [models.Index(fields=["person_id", "-at"])]

    def __str__(self) -> str:
        return f"{self.user_name} {self.action} {self.record_type} of person {self.person_id}"
