"""A person introduced to a Local Area Coordinator, and everything kept while walking alongside.

Every person-level record carries a ``version`` that services check and bump on each change,
so a stale form never overwrites a colleague's work, and a ``deleted_at`` for soft removal.
"""

import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone

from alongside.accounts.models import Area
from alongside.audit.models import RecordType

from .message_words import PLACEHOLDERS, template_problems

EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")


class Status(models.TextChoices):
    NEW = "new", "New introduction"
    ACTIVE = "active", "Supported"
    NOT_NOW = "not_now", "Not now"
    STEPPED_BACK = "stepped_back", "Stepped back"


class Level(models.TextChoices):
    INFORMATION = "information", "Information only"
    CONNECTION = "connection", "A connection"
    SHORT_TERM = "short_term", "Short-term support"
    WALKING_ALONGSIDE = "walking_alongside", "Walking alongside"


class LiveQuerySet(models.QuerySet):
    def live(self):
        return self.filter(deleted_at__isnull=True)


class Versioned(models.Model):
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    deleted_at = models.DateTimeField(null=True, blank=True)
    form_token = models.UUIDField(
        null=True, blank=True, unique=True, editable=False, help_text="Stops a double submit."
    )

    objects = LiveQuerySet.as_manager()

    class Meta:
        abstract = True


class Person(Versioned):
    audit_type = RecordType.PERSON
    full_name = models.CharField("Full name", max_length=150)
    preferred_name = models.CharField("What they like to be called", max_length=80, blank=True)
    pronouns = models.CharField(max_length=40, blank=True)
    date_of_birth = models.DateField(null=True, blank=True)
    phone = models.CharField(max_length=20, blank=True, db_index=True)
    email = models.EmailField(max_length=200, blank=True, db_index=True)
    address = models.TextField(max_length=400, blank=True)
    postcode = models.CharField(max_length=8, blank=True)
    area = models.ForeignKey(Area, on_delete=models.PROTECT, related_name="people")
    coordinator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="people",
    )
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.NEW)
    level = models.CharField(max_length=20, choices=Level.choices, blank=True)
    what_matters = models.TextField("What matters to them", max_length=4000, blank=True)
    vision = models.TextField("Their vision of a good life", max_length=4000, blank=True)
    vision_updated_at = models.DateTimeField(null=True, blank=True, editable=False)
    # Keys for finding the person again however their details were typed (matching.py);
    # written by the services with the details they come from.
    name_key = models.CharField(max_length=150, blank=True, editable=False)
    match_name = models.CharField(max_length=150, blank=True, editable=False)
    phone_key = models.CharField(max_length=20, blank=True, editable=False)
    email_key = models.CharField(max_length=200, blank=True, editable=False)
    postcode_key = models.CharField(max_length=8, blank=True, editable=False)
    # A duplicate merged into another person, or a record removed by mistake: why, and into
    # whom (the merged-away record's address leads to the person kept).
    removed_reason = models.TextField(max_length=2000, blank=True, editable=False)
    merged_into = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="merged_from",
        editable=False,
    )

    class Meta:
        ordering = ["full_name", "id"]
        indexes = [
            models.Index(fields=["area", "status"]),
            models.Index(fields=["coordinator", "status"]),
            models.Index(fields=["match_name", "date_of_birth"]),
            models.Index(fields=["match_name", "postcode_key"]),
            models.Index(fields=["phone_key"]),
            models.Index(fields=["email_key"]),
        ]

    def __str__(self) -> str:
        return self.full_name

    @classmethod
    def field_label(cls, name: str) -> str:
        """What a form calls one of a person's fields ("What matters to them")."""
        return str(getattr(cls._meta.get_field(name), "verbose_name", name)).capitalize()

    @classmethod
    def records_of_a_person(cls) -> list[tuple[type[models.Model], str]]:
        """Every kind of record, in any app, that belongs to a person: its model and the name
        of its foreign key to the person (for moving a merged duplicate's records)."""
        found = []
        for relation in cls._meta.get_fields(include_hidden=True):
            model = relation.related_model
            if (
                relation.one_to_many
                and relation.auto_created
                and isinstance(model, type)
                and issubclass(model, models.Model)
            ):
                found.append((model, relation.field.name))  # type: ignore[union-attr]
        return found

    @property
    def known_as(self) -> str:
        return self.preferred_name or self.full_name.split(" ")[0]

    @property
    def age(self) -> int | None:
        if not self.date_of_birth:
            return None
        today = timezone.localdate()
        dob = self.date_of_birth
        return today.year - dob.year - ((today.month, today.day) < (dob.month, dob.day))


class IntroducerKind(models.TextChoices):
    SELF = "self", "The person themselves"
    FAMILY = "family", "Family member"
    FRIEND = "friend", "Friend or neighbour"
    HEALTH = "health", "GP or health service"
    COUNCIL = "council", "Council service"
    HOUSING = "housing", "Housing"
    POLICE = "police", "Police"
    SCHOOL = "school", "School or college"
    VOLUNTARY = "voluntary", "Voluntary or community group"
    OTHER = "other", "Someone else"


class Channel(models.TextChoices):
    PHONE = "phone", "Phone call"
    IN_PERSON = "in_person", "In person or walk-in"
    EMAIL = "email", "Email or letter"
    ONLINE = "online", "Online form"
    OTHER = "other", "Other"


class Agreement(models.TextChoices):
    AGREES = "agrees", "Yes, they know and agree"
    NOT_ASKED = "not_asked", "They know, but have not agreed yet"
    UNAWARE = "unaware", "No, they do not know yet"


class NotNowReason(models.TextChoices):
    NOT_RIGHT_TIME = "not_right_time", "Not the right time for the person"
    DECLINED = "declined", "The person does not want support now"
    MET_ELSEWHERE = "met_elsewhere", "What they need is already in place elsewhere"
    NO_CONTACT = "no_contact", "We could not get in touch"
    OUT_OF_AREA = "out_of_area", "They live outside our areas"
    OTHER = "other", "Another reason"


class ClosedReason(models.TextChoices):
    """Why an introduction ended without a decision about support."""

    ALREADY_SUPPORTED = (
        "already_supported",
        "They are supported already: noted on their record",
    )
    TWICE = "twice", "The same introduction was recorded twice"
    WITHDRAWN = "withdrawn", "Whoever introduced them withdrew it"
    MISTAKE = "mistake", "Recorded by mistake"


CLOSED = "closed"


def introducer_email(contact: str, introducer_kind: str, person_email: str) -> str:
    """The email address in what was typed as how to reach whoever made an introduction, or
    the person's own for someone who introduced themself; "" when there is none."""
    for word in contact.replace(",", " ").replace(";", " ").split():
        if EMAIL.fullmatch(address := word.strip("<>()")):
            return address
    return person_email if introducer_kind == IntroducerKind.SELF else ""


class Introduction(Versioned):
    """Someone introduced to the coordinator: by themselves, family, a neighbour, a service."""

    audit_type = RecordType.INTRODUCTION

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="introductions")
    area = models.ForeignKey(Area, on_delete=models.PROTECT, related_name="introductions")
    received_on = models.DateField(default=timezone.localdate)
    channel = models.CharField(max_length=20, choices=Channel.choices, default=Channel.PHONE)
    introducer_kind = models.CharField(max_length=20, choices=IntroducerKind.choices)
    introducer_name = models.CharField(max_length=150, blank=True)
    introducer_organisation = models.CharField(max_length=150, blank=True)
    introducer_contact = models.CharField(max_length=200, blank=True)
    whats_going_on = models.TextField("What's going on", max_length=4000, blank=True)
    what_matters = models.TextField("What matters to them", max_length=4000, blank=True)
    agreement = models.CharField(max_length=20, choices=Agreement.choices)
    urgent = models.BooleanField(default=False)
    urgent_detail = models.TextField(max_length=2000, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decision = models.CharField(
        max_length=20,
        blank=True,
        choices=[*Level.choices, ("not_now", "Not now"), (CLOSED, "Closed without a decision")],
    )
    closed_reason = models.CharField(max_length=20, blank=True, choices=ClosedReason.choices)
    not_now_reason = models.CharField(max_length=20, blank=True, choices=NotNowReason.choices)
    decision_note = models.TextField(max_length=2000, blank=True)
    handed_over_from = models.ForeignKey(
        Area,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The area (or the coordinator's, for one recorded straight into this area) "
        "it was handed over from.",
    )

    class Meta:
        ordering = ["-received_on", "-id"]
        indexes = [models.Index(fields=["area", "decided_at"])]

    def __str__(self) -> str:
        return f"Introduction of {self.person} on {self.received_on:%d %b %Y}"

    @property
    def is_new(self) -> bool:
        return self.decided_at is None

    @property
    def introducer_email(self) -> str:
        """Where an acknowledgement can go: an email address given as the introducer's
        contact, or the person's own for someone who introduced themself."""
        return introducer_email(self.introducer_contact, self.introducer_kind, self.person.email)


class SupportChangeKind(models.TextChoices):
    DECIDED = "decided", "Decided"
    STEPPED_BACK = "stepped_back", "Stepped back"
    REOPENED = "reopened", "Re-opened"
    LEVEL_CHANGED = "level_changed", "Changed level of support"


class StepBackReason(models.TextChoices):
    GOING_WELL = "going_well", "Things are going well: the person has what they need for now"
    CHOSE = "chose", "The person chose to step back"
    MOVED = "moved", "The person moved away"
    OTHER_SUPPORT = "other_support", "Another service or group is now walking alongside"
    NO_CONTACT = "no_contact", "We have lost touch"
    DIED = "died", "The person died"
    OTHER = "other", "Another reason"


class SupportChange(Versioned):
    """A dated change in how the coordinator supports the person: decided, stepped back,
    re-opened."""

    audit_type = RecordType.SUPPORT_CHANGE

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="support_changes")
    kind = models.CharField(max_length=20, choices=SupportChangeKind.choices)
    on = models.DateField(default=timezone.localdate)
    level = models.CharField(max_length=20, choices=Level.choices, blank=True)
    reason = models.CharField(max_length=100, blank=True)
    note = models.TextField(max_length=2000, blank=True)

    class Meta:
        ordering = ["-on", "-id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} on {self.on:%d %b %Y}"

    def reason_label(self) -> str:
        labels = {**dict(StepBackReason.choices), **dict(NotNowReason.choices)}
        return labels.get(self.reason, self.reason)


class FamilyMember(Versioned):
    """Someone in the person's household or family."""

    audit_type = RecordType.FAMILY_MEMBER

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="family")
    name = models.CharField(max_length=150)
    relationship = models.CharField(max_length=80)
    lives_with_person = models.BooleanField("Lives with them", default=False)
    notes = models.TextField(max_length=1000, blank=True)

    class Meta:
        ordering = ["name", "id"]

    def __str__(self) -> str:
        return f"{self.name} ({self.relationship})"


class How(models.TextChoices):
    IN_PERSON = "in_person", "In person"
    PHONE = "phone", "Phone"
    VIDEO = "video", "Video call"
    MESSAGE = "message", "Message"
    GROUP = "group", "In a group"


class Conversation(Versioned):
    audit_type = RecordType.CONVERSATION
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="conversations")
    on = models.DateField("Date", default=timezone.localdate)
    how = models.CharField(max_length=20, choices=How.choices, default=How.IN_PERSON)
    where = models.CharField(max_length=150, blank=True)
    who_was_there = models.CharField(max_length=300, blank=True)
    duration_minutes = models.PositiveIntegerField(null=True, blank=True)
    notes = models.TextField(max_length=10000)

    class Meta:
        ordering = ["-on", "-id"]
        indexes = [models.Index(fields=["person", "-on"])]

    def __str__(self) -> str:
        return f"Conversation on {self.on:%d %b %Y}"


class GiftKind(models.TextChoices):
    GIFT = "gift", "Gift"
    STRENGTH = "strength", "Strength"
    SKILL = "skill", "Skill"
    INTEREST = "interest", "Interest"


class GiftTerm(models.Model):
    """The shared, editable vocabulary of gifts, strengths, skills and interests."""

    name = models.CharField(max_length=80)
    kind = models.CharField(max_length=20, choices=GiftKind.choices)
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ["kind", "name"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "name"], name="unique_gift_term_per_kind")
        ]

    def __str__(self) -> str:
        return self.name


class Gift(Versioned):
    """A gift, strength, skill or interest of the person or of someone in their family."""

    audit_type = RecordType.GIFT

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="gifts")
    kind = models.CharField(max_length=20, choices=GiftKind.choices, default=GiftKind.GIFT)
    term = models.ForeignKey(GiftTerm, null=True, blank=True, on_delete=models.PROTECT)
    description = models.CharField("In their words", max_length=300, blank=True)
    family_member = models.ForeignKey(
        FamilyMember,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="gifts",
        help_text="Leave empty when it is the person's own gift.",
    )

    class Meta:
        ordering = ["kind", "id"]

    def __str__(self) -> str:
        return self.term.name if self.term else self.description


class StepStatus(models.TextChoices):
    OPEN = "open", "To do"
    DONE = "done", "Done"
    NOT_DONE = "not_done", "Not done"


class PlanStep(Versioned):
    """One practical step in the person's plan: who does what, by when."""

    audit_type = RecordType.PLAN_STEP

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="plan_steps")
    what = models.CharField("What", max_length=300)
    who = models.CharField("Who", max_length=150)
    by_when = models.DateField("By when", null=True, blank=True)
    status = models.CharField(max_length=10, choices=StepStatus.choices, default=StepStatus.OPEN)
    outcome = models.TextField("What happened", max_length=2000, blank=True)
    completed_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["status", "by_when", "id"]

    def __str__(self) -> str:
        return self.what


class PlanReview(Versioned):
    """The person and coordinator looked at the plan together."""

    audit_type = RecordType.PLAN_REVIEW

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="plan_reviews")
    on = models.DateField("Date", default=timezone.localdate)
    note = models.TextField("What you agreed", max_length=4000)

    class Meta:
        ordering = ["-on", "-id"]

    def __str__(self) -> str:
        return f"Plan review on {self.on:%d %b %Y}"


class VoiceKind(models.TextChoices):
    SELF = "self", "Self-advocacy: the person spoke up for themselves"
    ALONGSIDE = "alongside", "Advocating alongside the person"
    ON_BEHALF = "on_behalf", "Advocating on the person's behalf"


class VoiceEntry(Versioned):
    """Supporting the person's voice: what about, with whom, what happened."""

    audit_type = RecordType.VOICE_ENTRY

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="voice_entries")
    on = models.DateField("Date", default=timezone.localdate)
    kind = models.CharField(max_length=20, choices=VoiceKind.choices)
    about = models.CharField("What about", max_length=300)
    with_whom = models.CharField("With whom", max_length=200)
    what_happened = models.TextField("What happened", max_length=4000, blank=True)

    class Meta:
        ordering = ["-on", "-id"]
        verbose_name_plural = "voice entries"

    def __str__(self) -> str:
        return self.about


class Handover(models.Model):
    """A person (and their introductions still waiting) passed to another area, with a
    reason: it arrives in that area's inbox marked as handed over, and whoever sent it sees
    when someone there first opened it."""

    audit_type = RecordType.HANDOVER

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="handovers")
    from_area = models.ForeignKey(
        Area, null=True, blank=True, on_delete=models.SET_NULL, related_name="handovers_sent"
    )
    to_area = models.ForeignKey(Area, on_delete=models.PROTECT, related_name="handovers_received")
    reason = models.TextField("Why", max_length=2000)
    initials = models.CharField(
        max_length=10, help_text="The person's initials, for the sender's list: nothing more."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    received_at = models.DateTimeField(null=True, blank=True)
    received_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["person", "received_at"])]

    def __str__(self) -> str:
        return f"Handed over to {self.to_area} on {self.created_at:%d %b %Y}"


class MessageKind(models.TextChoices):
    RECEIVED = "received", "It has arrived"
    IN_TOUCH = "in_touch", "We have been in touch"


class IntroducerMessage(models.Model):
    """An email to whoever made an introduction: that it arrived, and later that the
    coordinator has been in touch. Never more than the introducer already knew; one of each
    kind for an introduction, sent by the background worker."""

    introduction = models.ForeignKey(
        Introduction, on_delete=models.CASCADE, related_name="introducer_messages"
    )
    kind = models.CharField(max_length=20, choices=MessageKind.choices)
    to = models.EmailField(max_length=200)
    subject = models.CharField(max_length=200)
    body = models.TextField(max_length=4000)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    sent_at = models.DateTimeField(null=True, blank=True)
    failed_because = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["introduction", "kind"], name="one_introducer_message_of_each_kind"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} to {self.to}"


class MessageTemplate(models.Model):
    """The words of the emails to introducers, which an administrator can edit. Between
    double braces, only the details the introducer already knows: see ``PLACEHOLDERS``."""

    PLACEHOLDERS = PLACEHOLDERS

    kind = models.CharField(max_length=20, choices=MessageKind.choices, unique=True)
    subject = models.CharField(max_length=200)
    body = models.TextField(max_length=4000)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["kind"]
        verbose_name = "email to introducers"
        verbose_name_plural = "emails to introducers"

    def __str__(self) -> str:
        return self.get_kind_display()

    def clean(self) -> None:
        problems = {
            field: message
            for field in ("subject", "body")
            if (message := template_problems(getattr(self, field)))
        }
        if problems:
            raise ValidationError(problems)


class Easy(models.TextChoices):
    YES = "yes", "Yes, it was easy"
    MOSTLY = "mostly", "Mostly"
    NO = "no", "No, it was not easy"


class Helped(models.TextChoices):
    YES = "yes", "Yes"
    A_LITTLE = "a_little", "A little"
    NO = "no", "No"
    TOO_SOON = "too_soon", "It is too soon to say"


class IntroducerFeedback(models.Model):
    """What someone who made an introduction said about it, from the link in the email
    telling them a coordinator has been in touch. Anonymous: nothing links it to the
    introduction or the person, and it keeps only what the figures count it by (the area, the
    month it was given, who made the introduction). ``token`` is a digest of the link's
    one-time part, so that one link gives one answer."""

    area = models.ForeignKey(Area, on_delete=models.PROTECT, related_name="+")
    month = models.DateField(help_text="The first day of the month it was given")
    introducer_kind = models.CharField(max_length=20, choices=IntroducerKind.choices)
    easy = models.CharField(max_length=10, choices=Easy.choices)
    helped = models.CharField(max_length=10, choices=Helped.choices)
    token = models.CharField(max_length=64, unique=True)

    class Meta:
        ordering = ["-month", "-id"]
        verbose_name = "introducer's feedback"
        verbose_name_plural = "introducers' feedback"

    def __str__(self) -> str:
        return f"Feedback from {self.get_introducer_kind_display()} ({self.month:%B %Y})"
