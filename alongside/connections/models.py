"""Connections and contributions: a person linked with their community, and with chances to
give.

A ``Connection`` joins a person with a community resource in the directory, a group not in
it, a chance to contribute, or (where both have agreed) another person, and moves through
stages whose history is kept (``ConnectionStage``). Going along sets follow-ups
(``FollowUp``) a few weeks and months later; still connected at the last one, the connection
counts as sustained. A person's ``Contribution`` sits on their record as prominently as the
help they receive. ``FormalService`` records a formal service sought and how the person
controls it; ``Gap`` records what the person looked for when nothing fitted. ``Opportunity``
is a chance to contribute in an area: team knowledge, not anyone's personal record.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone

from alongside.accounts.models import Area
from alongside.audit.models import RecordType
from alongside.directory.models import Service
from alongside.directory.queries import DAYS, OPEN_STATUSES
from alongside.people.models import GiftTerm, Person, Versioned
from alongside.validation import DATE_IN_FUTURE


class Stage(models.TextChoices):
    SUGGESTED = "suggested", "Suggested"
    INTRODUCED = "introduced", "Introduced"
    WENT_ALONG = "went_along", "Went along"
    STILL_CONNECTED = "still_connected", "Still connected"
    ENDED = "ended", "Ended"


STAGE_ORDER = list(Stage.values)


class EndedReason(models.TextChoices):
    GOT_WHAT_THEY_NEEDED = "got_what_they_needed", "They got what they needed from it"
    NOT_FOR_THEM = "not_for_them", "It was not for them"
    NEVER_WENT = "never_went", "They decided not to go"
    COULD_NOT_GET_THERE = (
        "could_not_get_there",
        "Getting there was too hard (transport, cost, time)",
    )
    CIRCUMSTANCES = "circumstances", "Their health or circumstances changed"
    STOPPED_RUNNING = "stopped_running", "It stopped running"
    MOVED = "moved", "They moved away"
    OTHER = "other", "Another reason"


class ConnectionKind(models.TextChoices):
    RESOURCE = "resource", "A community resource in the directory"
    GROUP = "group", "A group, organisation or place not in the directory"
    OPPORTUNITY = "opportunity", "A chance to contribute"
    PERSON = "person", "Another person"


class OpportunityKind(models.TextChoices):
    VOLUNTEERING = "volunteering", "Volunteering"
    LEADING = "leading", "Leading a group or activity"
    STARTING = "starting", "Starting a group"
    SHARING_A_SKILL = "sharing_a_skill", "Sharing a skill"
    HELPING_A_NEIGHBOUR = "helping_a_neighbour", "Helping a neighbour"
    STEERING = "steering", "Joining a steering or advisory group"
    OTHER = "other", "Something else"


class DaysAndTimes:
    """Days (MO,TU…) and times of day (morning, afternoon, evening), kept as comma-separated
    codes in ``days`` and ``times``: read here, in one place."""

    days: str
    times: str

    @property
    def day_codes(self) -> list[str]:
        return [d for d in self.days.split(",") if d]

    @property
    def time_codes(self) -> list[str]:
        return [t for t in self.times.split(",") if t]

    @property
    def when_in_words(self) -> str:
        """ "Tuesday, Thursday, morning", or "Any day"."""
        days = ", ".join(DAYS[d] for d in self.day_codes if d in DAYS) or "Any day"
        return ", ".join([days, *self.time_codes])


class Opportunity(DaysAndTimes, models.Model):
    """A chance to give in an area: a volunteering role, leading or starting a group, sharing
    a skill, helping a neighbour, joining a steering group. Organisational contact details
    only; the gifts it needs link it with people who have them."""

    area = models.ForeignKey(Area, on_delete=models.PROTECT, related_name="opportunities")
    title = models.CharField("What it is", max_length=200)
    kind = models.CharField(max_length=30, choices=OpportunityKind.choices)
    description = models.TextField("About it", max_length=4000, blank=True)
    where = models.CharField("Where", max_length=200, blank=True)
    when = models.CharField(
        "When", max_length=200, blank=True, help_text="For example, Tuesday mornings"
    )
    contact = models.CharField(
        "Who to contact",
        max_length=300,
        blank=True,
        help_text="A name and an organisation's phone or email: never someone's personal details",
    )
    gifts_needed = models.ManyToManyField(
        GiftTerm, blank=True, related_name="opportunities", verbose_name="Gifts it needs"
    )
    service = models.ForeignKey(
        Service,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="opportunities",
        verbose_name="Part of a resource in the directory",
    )
    postcode = models.CharField(
        max_length=8, blank=True, help_text="Where it happens, to suggest it to people nearby"
    )
    latitude = models.FloatField(null=True, blank=True, editable=False)
    longitude = models.FloatField(null=True, blank=True, editable=False)
    days = models.CharField(
        max_length=30, blank=True, help_text="The days it happens, as MO,TU…; empty for any day"
    )
    times = models.CharField(
        max_length=40, blank=True, help_text="morning, afternoon, evening; empty for any time"
    )
    active = models.BooleanField("Still open", default=True)
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    form_token = models.UUIDField(null=True, blank=True, unique=True, editable=False)

    class Meta:
        ordering = ["title", "id"]
        verbose_name_plural = "opportunities"
        indexes = [models.Index(fields=["area", "active"])]

    def __str__(self) -> str:
        return self.title


class Connection(Versioned):
    """A person connected with a community resource, a group, a chance to contribute or
    another person: why, what they hope for, who introduces whom, and where it stands."""

    audit_type = RecordType.CONNECTION

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="connections")
    kind = models.CharField(max_length=20, choices=ConnectionKind.choices)
    service = models.ForeignKey(
        Service, null=True, blank=True, on_delete=models.SET_NULL, related_name="connections"
    )
    opportunity = models.ForeignKey(
        Opportunity, null=True, blank=True, on_delete=models.SET_NULL, related_name="connections"
    )
    other_person = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    name = models.CharField(
        "Who or what",
        max_length=255,
        help_text="The name of the group or place; kept as it was when connected",
    )
    both_agreed = models.BooleanField(
        "Both people have agreed to be introduced to each other", default=False
    )
    why = models.TextField("Why this connection", max_length=2000, blank=True)
    hopes = models.TextField("What they hope for from it", max_length=2000, blank=True)
    introduced_by = models.CharField(
        "Who introduces whom",
        max_length=300,
        blank=True,
        help_text="For example, Priya introduces Ann to Jo who runs the group",
    )
    going_along = models.BooleanField("The coordinator goes along the first time", default=False)
    stage = models.CharField(max_length=20, choices=Stage.choices, default=Stage.SUGGESTED)
    stage_on = models.DateField(default=timezone.localdate)
    went_along_on = models.DateField(null=True, blank=True, editable=False)
    sustained_on = models.DateField(
        null=True,
        blank=True,
        editable=False,
        help_text="When it was found still going at the last follow-up after going along.",
    )
    ended_reason = models.CharField(max_length=30, choices=EndedReason.choices, blank=True)

    class Meta:
        ordering = ["-stage_on", "-id"]
        indexes = [
            models.Index(fields=["person", "stage"]),
            models.Index(fields=["service", "stage"]),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_open(self) -> bool:
        return self.stage != Stage.ENDED

    @property
    def next_follow_up(self) -> "FollowUp | None":
        """The first follow-up not answered yet (from the prefetched ones, if fetched so)."""
        return next((f for f in self.follow_ups.all() if f.done_on is None), None)

    @property
    def no_longer_listed(self) -> bool:
        """Its directory resource was withdrawn (or is gone): the history stays."""
        if self.kind != ConnectionKind.RESOURCE:
            return False
        return self.service is None or self.service.status not in OPEN_STATUSES


class ConnectionStage(models.Model):
    """One step of a connection's history: the stage it reached, when, and a note."""

    connection = models.ForeignKey(Connection, on_delete=models.CASCADE, related_name="stages")
    stage = models.CharField(max_length=20, choices=Stage.choices)
    on = models.DateField()
    note = models.TextField(max_length=2000, blank=True)
    ended_reason = models.CharField(max_length=30, choices=EndedReason.choices, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["on", "id"]

    def __str__(self) -> str:
        return f"{self.get_stage_display()} on {self.on:%d %b %Y}"


class FollowUp(models.Model):
    """A check, due some weeks after going along, that the connection is still going."""

    connection = models.ForeignKey(Connection, on_delete=models.CASCADE, related_name="follow_ups")
    label = models.CharField(max_length=40, help_text="For example, 4 weeks")
    due_on = models.DateField()
    done_on = models.DateField(null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    last = models.BooleanField(
        default=False, help_text="The last follow-up: still connected here counts as sustained."
    )

    class Meta:
        ordering = ["due_on", "id"]
        indexes = [models.Index(fields=["done_on", "due_on"])]

    def __str__(self) -> str:
        return f"{self.label} follow-up due {self.due_on:%d %b %Y}"


class Contribution(Versioned):
    """Something the person gives: what, where, since when and how often."""

    audit_type = RecordType.CONTRIBUTION

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="contributions")
    what = models.CharField("What they give", max_length=300)
    opportunity = models.ForeignKey(
        Opportunity,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="contributions",
        verbose_name="Through a chance to contribute",
    )
    where = models.CharField("Where", max_length=200, blank=True)
    since = models.DateField("Since", default=timezone.localdate)
    how_often = models.CharField(
        "How often", max_length=100, blank=True, help_text="For example, every Saturday morning"
    )
    ended_on = models.DateField("Stopped on", null=True, blank=True)

    class Meta:
        ordering = ["-since", "-id"]

    def __str__(self) -> str:
        return self.what

    def clean(self) -> None:
        today = timezone.localdate()
        if self.since and self.since > today:
            raise ValidationError({"since": DATE_IN_FUTURE})
        if self.ended_on and self.ended_on > today:
            raise ValidationError({"ended_on": DATE_IN_FUTURE})
        if self.since and self.ended_on and self.ended_on < self.since:
            raise ValidationError({"ended_on": "Enter a date on or after the date they started"})


class Need(models.TextChoices):
    SOCIAL_CARE = "social_care", "Adult social care"
    BENEFITS = "benefits", "Benefits and money"
    HOUSING = "housing", "Housing"
    HEALTH = "health", "Health"
    CHILDREN = "children", "Children's services and education"
    OTHER = "other", "Something else"


class WhoApplied(models.TextChoices):
    PERSON = "person", "The person themselves"
    WITH_COORDINATOR = "with_coordinator", "The person, with their coordinator"
    FAMILY = "family", "Family or a friend"
    COORDINATOR = "coordinator", "The coordinator, with their agreement"
    OTHER = "other", "Someone else"


class Outcome(models.TextChoices):
    WAITING = "waiting", "Waiting to hear"
    AGREED = "agreed", "Agreed"
    PARTLY = "partly", "Partly agreed"
    REFUSED = "refused", "Refused"
    WITHDRAWN = "withdrawn", "Withdrawn"


class Control(models.TextChoices):
    DIRECT_PAYMENT = "direct_payment", "A direct payment"
    PERSONAL_BUDGET = "personal_budget", "A personal budget"
    INDIVIDUAL_SERVICE_FUND = "isf", "An individual service fund"
    MANAGED = "managed", "A service managed for them"
    NOT_APPLICABLE = "not_applicable", "Does not apply"
    NOT_YET = "", "Not decided yet"


class FormalService(Versioned):
    """A formal service the person needed, after their own, their family's and their
    community's strengths: what was sought, who applied, what was decided and how the person
    controls it."""

    audit_type = RecordType.FORMAL_SERVICE

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="formal_services")
    need = models.CharField("Kind of service", max_length=20, choices=Need.choices)
    what = models.CharField("What was sought", max_length=300)
    who_applied = models.CharField(max_length=20, choices=WhoApplied.choices)
    applied_on = models.DateField("Asked for on", default=timezone.localdate)
    outcome = models.CharField(max_length=20, choices=Outcome.choices, default=Outcome.WAITING)
    decided_on = models.DateField("Decided on", null=True, blank=True)
    control = models.CharField(
        "How the person controls it", max_length=20, choices=Control.choices, blank=True
    )
    note = models.TextField("Anything to add", max_length=2000, blank=True)

    class Meta:
        ordering = ["-applied_on", "-id"]

    def __str__(self) -> str:
        return self.what

    def clean(self) -> None:
        today = timezone.localdate()
        for name in ("applied_on", "decided_on"):
            if (value := getattr(self, name)) and value > today:
                raise ValidationError({name: DATE_IN_FUTURE})
        if self.applied_on and self.decided_on and self.decided_on < self.applied_on:
            raise ValidationError(
                {"decided_on": "Enter a date on or after the date it was asked for"}
            )


class Theme(models.TextChoices):
    FRIENDSHIP = "friendship", "Friendship and company"
    ACTIVITY = "activity", "Being active and outdoors"
    CREATIVE = "creative", "Arts, music and making things"
    LEARNING = "learning", "Learning, work and volunteering"
    FOOD = "food", "Food and eating together"
    PRACTICAL = "practical", "Practical help at home"
    GETTING_AROUND = "getting_around", "Getting around"
    WELLBEING = "wellbeing", "Mental health and wellbeing"
    FAMILIES = "families", "Children, young people and families"
    FAITH_CULTURE = "faith_culture", "Faith, culture and language"
    OTHER = "other", "Something else"


class Gap(Versioned):
    """What a person looked for when nothing fitted: what, where, why nothing did. Listed by
    area and theme for the team, without the person."""

    audit_type = RecordType.GAP

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="gaps")
    area = models.ForeignKey(Area, on_delete=models.PROTECT, related_name="gaps")
    theme = models.CharField(max_length=20, choices=Theme.choices)
    looked_for = models.CharField("What they looked for", max_length=300)
    why_nothing_fitted = models.TextField("Why nothing fitted", max_length=2000, blank=True)
    on = models.DateField("Date", default=timezone.localdate)

    class Meta:
        ordering = ["-on", "-id"]
        indexes = [models.Index(fields=["area", "theme"])]

    def __str__(self) -> str:
        return self.looked_for

    def clean(self) -> None:
        if self.on and self.on > timezone.localdate():
            raise ValidationError({"on": DATE_IN_FUTURE})


class WhatSuits(DaysAndTimes, Versioned):
    """What suits the person for getting out and about: the days and times they are free,
    whether it must be free of charge, and how far they can get to. Suggestions use it."""

    audit_type = RecordType.CONNECTION

    person = models.OneToOneField(Person, on_delete=models.CASCADE, related_name="what_suits")
    days = models.CharField(max_length=30, blank=True, help_text="MO,TU…; empty for any day")
    times = models.CharField(max_length=40, blank=True, help_text="morning, afternoon, evening")
    free_only = models.BooleanField("It needs to be free", default=False)
    travel_km = models.DecimalField(
        "How far they can get to (km)",
        max_digits=4,
        decimal_places=1,
        null=True,
        blank=True,
        help_text="On foot, by bus or with a lift: leave empty if distance does not matter",
    )
    open_to_meeting = models.BooleanField(
        "They would like to meet others who share their interests",
        default=False,
        help_text="They agree to be suggested to, and introduced to, someone else who has said "
        "the same",
    )

    class Meta:
        verbose_name_plural = "what suits them"

    def __str__(self) -> str:
        return f"What suits {self.person}"


class ShortlistItem(Versioned):
    """A resource or chance to contribute the coordinator put on the person's shortlist, for
    them to choose from in their own time."""

    audit_type = RecordType.SHORTLIST

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="shortlist")
    service = models.ForeignKey(
        Service, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    opportunity = models.ForeignKey(
        Opportunity, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    name = models.CharField(max_length=255)
    note = models.CharField(
        "Why it might suit them", max_length=300, blank=True, help_text="In a few words"
    )

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return self.name


class DismissedBecause(models.TextChoices):
    NOT_INTERESTED = "not_interested", "Not something they are interested in"
    TRIED = "tried", "They have tried it before"
    TOO_FAR = "too_far", "Too far, or hard to get to"
    WRONG_TIME = "wrong_time", "At a time that does not suit"
    COST = "cost", "It costs too much"
    NOT_RIGHT = "not_right", "Not right for them for another reason"


class Dismissal(Versioned):
    """A suggestion the coordinator (with the person) said no to, and why: remembered, so it
    is not suggested again."""

    audit_type = RecordType.CONNECTION

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="dismissals")
    service = models.ForeignKey(
        Service, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    opportunity = models.ForeignKey(
        Opportunity, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    other_person = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    because = models.CharField(max_length=20, choices=DismissedBecause.choices)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.get_because_display()
