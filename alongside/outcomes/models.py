"""Outcomes: wellbeing measures, outcome ratings, crises and crises avoided, and stories.

Measure scores are computed from the person's answers by ``measures.score`` in the service
that saves them, never typed in. Unit costs and outcome domains are data administrators edit.
"""

from django.db import models
from django.utils import timezone

from alongside.audit.models import RecordType
from alongside.people.models import Person, Versioned


class OrganisationSettings(models.Model):
    """Settings for the whole organisation; there is only ever one row (pk=1)."""

    warwick_registration = models.CharField(
        "Warwick registration reference for SWEMWBS",
        max_length=100,
        blank=True,
        help_text="SWEMWBS is free to use once the organisation has registered with the "
        "University of Warwick. Until this is filled in, SWEMWBS is not offered.",
    )
    warwick_registered_on = models.DateField(null=True, blank=True)
    review_interval_months = models.PositiveSmallIntegerField(
        "Months between wellbeing reviews",
        default=3,
        help_text="A measure is shown as due this many months after the last one.",
    )

    class Meta:
        verbose_name = verbose_name_plural = "organisation settings"

    def __str__(self) -> str:
        return "Organisation settings"

    @classmethod
    def current(cls) -> "OrganisationSettings":
        return cls.objects.get_or_create(pk=1)[0]


class Occasion(models.TextChoices):
    BASELINE = "baseline", "At the start"
    REVIEW = "review", "At a review"
    STEPPING_BACK = "stepping_back", "When stepping back"


class MeasureResponse(Versioned):
    """The person's answers to one wellbeing or loneliness measure on one day."""

    audit_type = RecordType.MEASURE

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="measures")
    measure = models.CharField(max_length=20)
    taken_on = models.DateField("Date", default=timezone.localdate)
    occasion = models.CharField(max_length=20, choices=Occasion.choices)
    answers = models.JSONField(default=dict, blank=True)
    complete = models.BooleanField(default=False)
    scores = models.JSONField(default=list, blank=True, help_text="Computed from the answers.")
    reason = models.CharField(max_length=300, blank=True, help_text="Why there is no score.")

    class Meta:
        ordering = ["-taken_on", "-id"]
        indexes = [models.Index(fields=["person", "measure", "taken_on"])]

    def __str__(self) -> str:
        return f"{self.measure} on {self.taken_on:%d %b %Y}"


class OutcomeDomain(models.Model):
    """One of the outcomes evaluations use, rated with the person at reviews."""

    name = models.CharField(max_length=120, unique=True)
    order = models.PositiveSmallIntegerField(default=0)
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return self.name


class Rating(models.IntegerChoices):
    NOT_AT_ALL = 1, "Not at all"
    A_LITTLE = 2, "A little"
    SOMEWHAT = 3, "Somewhat"
    MOSTLY = 4, "Mostly"
    COMPLETELY = 5, "Completely"


class OutcomeRating(Versioned):
    audit_type = RecordType.OUTCOME_RATING
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="outcome_ratings")
    domain = models.ForeignKey(OutcomeDomain, on_delete=models.PROTECT, related_name="ratings")
    on = models.DateField("Date", default=timezone.localdate)
    rating = models.PositiveSmallIntegerField(choices=Rating.choices)

    class Meta:
        ordering = ["-on", "domain__order", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(rating__gte=1, rating__lte=5), name="rating_1_to_5"
            )
        ]

    def __str__(self) -> str:
        return f"{self.domain}: {self.get_rating_display()}"


class UnitCost(models.Model):
    """What one event costs public services, with its source and price year."""

    code = models.SlugField(max_length=60, unique=True)
    description = models.CharField(max_length=200)
    unit = models.CharField(max_length=40)
    cost_gbp = models.DecimalField(
        "Cost (£)",
        max_digits=10,
        decimal_places=2,
        null=True,
        blank=True,
        help_text="Leave empty when no sourced cost is known yet.",
    )
    price_year = models.CharField(max_length=10, blank=True)
    source = models.CharField(max_length=300, blank=True)
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ["description"]

    def __str__(self) -> str:
        return self.description


class CrisisEvent(Versioned):
    """Something that happened: an A&E visit, an admission, a safeguarding concern…"""

    audit_type = RecordType.CRISIS

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="crisis_events")
    on = models.DateField("Date", default=timezone.localdate)
    event_type = models.ForeignKey(UnitCost, on_delete=models.PROTECT, related_name="events")
    quantity = models.PositiveIntegerField("How many", default=1)
    what_happened = models.TextField(max_length=2000, blank=True)

    class Meta:
        ordering = ["-on", "-id"]

    def __str__(self) -> str:
        return f"{self.event_type} on {self.on:%d %b %Y}"


class Confidence(models.TextChoices):
    LOW = "low", "Low: it might have happened"
    MEDIUM = "medium", "Medium: it was likely"
    HIGH = "high", "High: it was about to happen"


class CrisisAvoided(Versioned):
    """A crisis that was likely without support, why we believe so, and what happened instead."""

    audit_type = RecordType.CRISIS_AVOIDED

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="crises_avoided")
    on = models.DateField("Date", default=timezone.localdate)
    likely_event = models.ForeignKey(
        UnitCost, on_delete=models.PROTECT, related_name="avoided", verbose_name="What was likely"
    )
    quantity = models.PositiveIntegerField("How many", default=1)
    why_likely = models.TextField("Why you and the person believe it was likely", max_length=2000)
    instead = models.TextField("What happened instead", max_length=2000)
    confidence = models.CharField(max_length=10, choices=Confidence.choices)
    confirmed_by = models.CharField(
        "Confirmed by a service",
        max_length=150,
        blank=True,
        help_text="Who confirmed it, for example 'Housing Options, J. Smith'. Leave empty if "
        "no service has confirmed it.",
    )

    class Meta:
        ordering = ["-on", "-id"]
        verbose_name_plural = "crises avoided"

    def __str__(self) -> str:
        return f"{self.likely_event} avoided on {self.on:%d %b %Y}"

    @property
    def cost_avoided(self):
        """The cost of what was likely, or None when no sourced cost is known."""
        cost = self.likely_event.cost_gbp
        return None if cost is None else cost * self.quantity


class StoryUse(models.TextChoices):
    INTERNAL = "internal", "Inside the team only"
    COUNCIL = "council", "In reports to the council"
    PUBLIC = "public", "In public, for example on a website"


USE_LEVEL: dict[str, int] = {StoryUse.INTERNAL: 1, StoryUse.COUNCIL: 2, StoryUse.PUBLIC: 3}


class Story(Versioned):
    """A story of change, told with the person's consent, which they may withdraw."""

    audit_type = RecordType.STORY

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="stories")
    title = models.CharField(max_length=150)
    persons_words = models.TextField("In the person's words", max_length=6000, blank=True)
    coordinators_words = models.TextField("In your words", max_length=6000, blank=True)
    themes = models.CharField(max_length=300, blank=True, help_text="Separate with commas")
    domains = models.ManyToManyField(
        OutcomeDomain, blank=True, related_name="stories", verbose_name="Outcomes it shows"
    )
    consent_given_by = models.CharField("Consent given by", max_length=150)
    consent_given_on = models.DateField("Date consent was given")
    consent_use = models.CharField(
        "They agreed it can be used", max_length=10, choices=StoryUse.choices
    )
    consent_withdrawn_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["-consent_given_on", "-id"]
        verbose_name_plural = "stories"

    def __str__(self) -> str:
        return self.title

    def may_be_used_for(self, use: str) -> bool:
        return self.consent_withdrawn_on is None and USE_LEVEL[self.consent_use] >= USE_LEVEL[use]
