"""Community building in an area: what people love about it, what they do together and would
like to see, who would like to get involved, the partners the coordinator works with, and the
projects people start.

Most of it is the area's, not any one person's: community conversations, profile entries,
partners and projects are seen by whoever works in the area. Two records name a person (who
would like to get involved, and who takes part in a project): they belong to the person, so
the scoping function decides who sees them and every read and write is audited, and each
records how the person agreed to be named.
"""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models
from django.utils import timezone

from alongside.accounts.models import Area
from alongside.audit.models import RecordType
from alongside.connections.models import Contribution, Opportunity
from alongside.directory.models import Organization
from alongside.people.models import Person, Versioned

CROWD = 100_000  # more people at one conversation than this is a typing slip


class CommunityConversation(Versioned):
    """A conversation with the community (a coffee morning, a stall at the gala, a residents'
    meeting) about what is great about the area and what people would like to see."""

    area = models.ForeignKey(Area, on_delete=models.PROTECT, related_name="community_conversations")
    on = models.DateField("Date", default=timezone.localdate)
    title = models.CharField(
        "What it was", max_length=200, help_text="For example, coffee morning at the library"
    )
    where = models.CharField("Where", max_length=200, blank=True)
    people_there = models.PositiveIntegerField(
        "How many people took part",
        default=0,
        validators=[MaxValueValidator(CROWD)],
        help_text="A number: names are recorded only for people who agreed.",
    )
    names = models.TextField(
        "Who was there, by name",
        max_length=2000,
        blank=True,
        help_text="Only the people who agreed to be named.",
    )
    notes = models.TextField("What you noticed", max_length=4000, blank=True)

    class Meta:
        ordering = ["-on", "-id"]
        indexes = [models.Index(fields=["area", "on"])]

    def __str__(self) -> str:
        return f"{self.title} ({self.on:%-d %b %Y})"


class ProfileKind(models.TextChoices):
    GREAT = "great", "What's great about the area"
    TOGETHER = "together", "What people do together"
    ASPIRATION = "aspiration", "What people would like to see"


class ProfileEntry(Versioned):
    """Something people said about their area, in their own words."""

    area = models.ForeignKey(Area, on_delete=models.PROTECT, related_name="profile_entries")
    kind = models.CharField(max_length=20, choices=ProfileKind.choices)
    words = models.TextField(
        "In people's own words", max_length=2000, help_text="As people said it."
    )
    conversation = models.ForeignKey(
        CommunityConversation,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="entries",
        verbose_name="Said at",
    )
    on = models.DateField("Date", default=timezone.localdate)
    public = models.BooleanField(
        "Show on the area's public page",
        default=False,
        help_text="Only if the words name nobody and the people who said them would be glad.",
    )

    class Meta:
        ordering = ["kind", "-on", "-id"]
        verbose_name_plural = "profile entries"

    def __str__(self) -> str:
        return self.words[:60]

    def clean(self):
        if self.conversation_id and self.area_id and self.conversation.area_id != self.area_id:
            raise ValidationError({"conversation": "Choose a conversation in the same area"})


class Involvement(Versioned):
    """A person would like to get involved in their area's community life: what in, and how
    they agreed to be named for it."""

    audit_type = RecordType.INVOLVEMENT

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="involvements")
    what = models.CharField(
        "What they would like to do",
        max_length=300,
        help_text="For example, help run the lunch club, or start a walking group",
    )
    conversation = models.ForeignKey(
        CommunityConversation,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="involvements",
        verbose_name="Said at",
    )
    agreed_on = models.DateField(
        "When they agreed to be named", help_text="The person agreed to their name being kept"
    )
    how_agreed = models.CharField(
        "How they agreed", max_length=200, help_text="For example, in person at the coffee morning"
    )

    class Meta:
        ordering = ["-agreed_on", "-id"]

    def __str__(self) -> str:
        return self.what


class PartnerKind(models.TextChoices):
    BUSINESS = "business", "Local business"
    COMMUNITY = "community", "Community group"
    VOLUNTARY = "voluntary", "Voluntary or third-sector organisation"
    FAITH = "faith", "Faith group"
    EDUCATION = "education", "School, college or nursery"
    HEALTH = "health", "GP practice or health service"
    HOUSING = "housing", "Housing provider"
    COUNCIL = "council", "Council service"
    OTHER = "other", "Something else"


class Relationship(models.TextChoices):
    INTERESTED = "interested", "Would like to get involved"
    GETTING_TO_KNOW = "getting_to_know", "Getting to know each other"
    WORKING_TOGETHER = "working_together", "Working together"
    PAUSED = "paused", "Paused"
    ENDED = "ended", "Ended"


ACTIVE_RELATIONSHIPS = [Relationship.GETTING_TO_KNOW, Relationship.WORKING_TOGETHER]


class Partner(Versioned):
    """A local business, group, organisation or service the coordinator works with."""

    area = models.ForeignKey(Area, on_delete=models.PROTECT, related_name="partners")
    name = models.CharField(max_length=200)
    kind = models.CharField("Kind of partner", max_length=20, choices=PartnerKind.choices)
    offers = models.TextField("What they offer", max_length=4000, blank=True)
    relationship = models.CharField(
        "How the relationship is",
        max_length=20,
        choices=Relationship.choices,
        default=Relationship.GETTING_TO_KNOW,
    )
    organization = models.ForeignKey(
        Organization,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="partners",
        verbose_name="The organisation in the directory",
    )
    website = models.URLField(max_length=500, blank=True)
    postcode = models.CharField(max_length=8, blank=True, help_text="Where they are, for the map")
    latitude = models.FloatField(null=True, blank=True, editable=False)
    longitude = models.FloatField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["name", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["area", "name"],
                condition=models.Q(deleted_at__isnull=True),
                name="communities_partner_one_name_an_area",
                violation_error_message="This area already has a partner of that name",
            )
        ]

    def __str__(self) -> str:
        return self.name


class PartnerContact(models.Model):
    """Someone to contact at a partner, with the organisation's contact details only."""

    partner = models.ForeignKey(Partner, on_delete=models.CASCADE, related_name="contacts")
    name = models.CharField(max_length=150)
    role = models.CharField(max_length=150, blank=True)
    email = models.EmailField(
        "Work email", max_length=200, blank=True, help_text="The organisation's, never personal"
    )
    phone = models.CharField(
        "Work phone", max_length=20, blank=True, help_text="The organisation's, never personal"
    )

    class Meta:
        ordering = ["name", "id"]

    def __str__(self) -> str:
        return self.name


class ContributionKind(models.TextChoices):
    SPACE = "space", "Space"
    TIME = "time", "Time"
    MONEY = "money", "Money"
    SKILLS = "skills", "Skills"
    OPPORTUNITIES = "opportunities", "Opportunities to contribute"


class PartnerContribution(models.Model):
    """Something a partner gives: a room, volunteers' time, money, skills, chances for people
    to contribute (linked to the chance to contribute, where there is one)."""

    partner = models.ForeignKey(Partner, on_delete=models.CASCADE, related_name="contributions")
    kind = models.CharField(max_length=20, choices=ContributionKind.choices)
    what = models.CharField(
        "What", max_length=300, help_text="For example, the back room free on Tuesday mornings"
    )
    opportunity = models.ForeignKey(
        Opportunity,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="partner_contributions",
        verbose_name="The chance to contribute",
    )
    since = models.DateField(default=timezone.localdate)

    class Meta:
        ordering = ["-since", "-id"]

    def __str__(self) -> str:
        return self.what


class PartnerEvent(models.Model):
    """Something done together with a partner, on a day: the history of the partnership."""

    partner = models.ForeignKey(Partner, on_delete=models.CASCADE, related_name="history")
    on = models.DateField("Date", default=timezone.localdate)
    what = models.TextField("What happened", max_length=2000)
    created_by = models.ForeignKey(
        "accounts.User", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-on", "-id"]

    def __str__(self) -> str:
        return f"{self.on:%-d %b %Y}: {self.what[:40]}"


class StartedBy(models.TextChoices):
    PEOPLE = "people", "People who live here"
    GROUP = "group", "A group or organisation"
    COORDINATOR = "coordinator", "The coordinator"


class ProjectStatus(models.TextChoices):
    IDEA = "idea", "An idea"
    STARTING = "starting", "Getting started"
    RUNNING = "running", "Running"
    PAUSED = "paused", "Paused"
    ENDED = "ended", "Ended"


LIVE_PROJECTS = [ProjectStatus.STARTING, ProjectStatus.RUNNING]


class Project(Versioned):
    """An initiative in the area: who started it, who takes part, the partners in it, how it
    is going and what changed."""

    area = models.ForeignKey(Area, on_delete=models.PROTECT, related_name="projects")
    title = models.CharField("Name", max_length=200)
    about = models.TextField("What it is", max_length=4000, blank=True)
    started_on = models.DateField("Started on", default=timezone.localdate)
    started_by = models.CharField(max_length=20, choices=StartedBy.choices)
    started_by_who = models.CharField(
        "Who started it",
        max_length=200,
        blank=True,
        help_text="A group's name, or first names of people who agreed",
    )
    status = models.CharField(max_length=20, choices=ProjectStatus.choices, default="starting")
    what_changed = models.TextField("What changed because of it", max_length=4000, blank=True)
    partners = models.ManyToManyField(Partner, blank=True, related_name="projects")
    public = models.BooleanField("Show on the area's public page", default=False)
    postcode = models.CharField(max_length=8, blank=True, help_text="Where it happens, for the map")
    latitude = models.FloatField(null=True, blank=True, editable=False)
    longitude = models.FloatField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-started_on", "-id"]

    def __str__(self) -> str:
        return self.title


class ProjectUpdate(models.Model):
    """How a project is going, on a day."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="updates")
    on = models.DateField("Date", default=timezone.localdate)
    what = models.TextField("How it is going", max_length=2000)
    created_by = models.ForeignKey(
        "accounts.User", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-on", "-id"]

    def __str__(self) -> str:
        return f"{self.on:%-d %b %Y}: {self.what[:40]}"

    def clean(self):
        if self.on and self.project_id and self.on < self.project.started_on:
            started = f"{self.project.started_on:%-d %B %Y}"
            raise ValidationError(
                {"on": f"Enter a date on or after the project started ({started})"}
            )


class ProjectRole(models.TextChoices):
    TAKES_PART = "takes_part", "Takes part"
    CONTRIBUTES = "contributes", "Contributes (gives time, skills or things)"
    LEADS = "leads", "Leads it"


class ProjectPerson(Versioned):
    """A person's part in a project, with how they agreed to be named for it."""

    audit_type = RecordType.PROJECT_PERSON

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="projects")
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="people")
    role = models.CharField(max_length=20, choices=ProjectRole.choices)
    contribution = models.ForeignKey(
        Contribution,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="projects",
        verbose_name="Their contribution",
    )
    agreed_on = models.DateField("When they agreed to be named")
    how_agreed = models.CharField("How they agreed", max_length=200)

    class Meta:
        ordering = ["project", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "project"],
                condition=models.Q(deleted_at__isnull=True),
                name="communities_one_part_a_project",
                violation_error_message="They are already part of this project",
            )
        ]

    def __str__(self) -> str:
        return self.get_role_display()
