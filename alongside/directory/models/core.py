"""Organizations, their services, the locations they are delivered at, and the taxonomies
that classify them (HSDS 3.0 as profiled by Open Referral UK 3.0)."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from .base import Record, one_of

DANGLING = (
    "The source's id of a record it points at that has not been imported (yet). The link is "
    "made when that record arrives."
)


class Organization(Record):
    """An organization delivering services."""

    name = models.CharField(max_length=255)
    description = models.TextField(blank=True)
    email = models.EmailField(blank=True)
    website = models.URLField(max_length=500, blank=True)
    logo = models.URLField(max_length=500, blank=True, help_text="A link to an image.")
    uri = models.URLField(
        "URI", max_length=500, blank=True, help_text="A persistent identifier, not the website."
    )
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="children"
    )
    parent_source_id = models.CharField(max_length=255, blank=True, help_text=DANGLING)
    # One listing per thing (``matching.py``): the same organization or service arriving from
    # two directories is shown once, as the record ``same_as`` points to, with both sources.
    same_as = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="also_listed",
        help_text="The listing shown in its place: the same thing, from another directory.",
    )
    kept_apart = models.BooleanField(
        default=False,
        help_text="An administrator said it is not the same as the listing it matched.",
    )

    class Meta(Record.Meta):
        ordering = ["name", "id"]

    def __str__(self) -> str:
        return self.name


class OrganizationIdentifier(Record):
    """A third-party identifier of an organization, such as a charity or company number."""

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="identifiers"
    )
    identifier_scheme = models.CharField(
        max_length=50, blank=True, help_text="The scheme's code in org-id.guide, e.g. GB-CHC."
    )
    identifier_type = models.CharField(max_length=100, help_text="e.g. Charity number")
    identifier = models.CharField(max_length=100)

    def __str__(self) -> str:
        return f"{self.identifier_type} {self.identifier}"


class ServiceStatus(models.TextChoices):
    ACTIVE = "active", "Active"
    INACTIVE = "inactive", "Inactive"
    DEFUNCT = "defunct", "Defunct"
    TEMPORARILY_CLOSED = "temporarily closed", "Temporarily closed"


class Service(Record):
    """A service an organization provides to a range of people."""

    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="services"
    )
    name = models.CharField(max_length=255)
    description = models.TextField(blank=True)
    url = models.URLField("URL", max_length=500, blank=True)
    email = models.EmailField(blank=True)
    status = models.CharField(
        max_length=20, choices=ServiceStatus.choices, default=ServiceStatus.ACTIVE
    )
    fees = models.TextField(blank=True, help_text="Deprecated in HSDS 3.0: use cost options.")
    fees_description = models.TextField(
        blank=True, help_text="What it costs, in words (HSDS 3.0 and ORUK 3.0)."
    )
    accreditations = models.TextField(blank=True)
    minimum_age = models.DecimalField(max_digits=5, decimal_places=2, null=True, blank=True)
    maximum_age = models.DecimalField(max_digits=5, decimal_places=2, null=True, blank=True)
    assured_date = models.DateField(
        null=True, blank=True, help_text="When the publisher last checked the information."
    )
    assurer_email = models.EmailField(blank=True)
    alert = models.TextField(blank=True, help_text="A short-term alert, e.g. a closure.")
    last_modified = models.DateTimeField(
        default=timezone.now,
        help_text="When the service or anything about it last changed (as its source says, "
        "for an imported service).",
    )
    last_checked_on = models.DateField(
        null=True, blank=True, help_text="When a coordinator last checked that it is right."
    )
    last_checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # Goes up with every change to the service or anything in it, by a coordinator or by an
    # import: a form opened before is then stale (``alongside.records.StaleVersion``).
    version = models.PositiveIntegerField(default=1)
    # One listing per thing (``matching.py``): the same organization or service arriving from
    # two directories is shown once, as the record ``same_as`` points to, with both sources.
    same_as = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="also_listed",
        help_text="The listing shown in its place: the same thing, from another directory.",
    )
    kept_apart = models.BooleanField(
        default=False,
        help_text="An administrator said it is not the same as the listing it matched.",
    )

    class Meta(Record.Meta):
        ordering = ["name", "id"]
        indexes = [
            # The order of lists and of the ORUK API's pages.
            models.Index(fields=["name", "id"], name="directory_service_name"),
            models.Index(fields=["last_modified"], name="directory_service_modified"),
            models.Index(fields=["status"], name="directory_service_status"),
        ]

    def __str__(self) -> str:
        return self.name


class LocationType(models.TextChoices):
    PHYSICAL = "physical", "Physical"
    POSTAL = "postal", "Postal"
    VIRTUAL = "virtual", "Virtual"


class Location(Record):
    """Where services are delivered; may be virtual."""

    location_type = models.CharField(
        max_length=10, choices=LocationType.choices, default=LocationType.PHYSICAL
    )
    name = models.CharField(max_length=255, blank=True)
    description = models.TextField(blank=True)
    latitude = models.DecimalField(
        max_digits=9, decimal_places=6, null=True, blank=True, help_text="WGS84 degrees"
    )
    longitude = models.DecimalField(
        max_digits=9, decimal_places=6, null=True, blank=True, help_text="WGS84 degrees"
    )
    external_identifier = models.CharField(
        max_length=255, blank=True, help_text="e.g. the UPRN of the building"
    )
    external_identifier_type = models.CharField(max_length=100, blank=True, help_text="e.g. UPRN")

    class Meta(Record.Meta):
        indexes = [
            models.Index(fields=["latitude", "longitude"], name="directory_location_lat_lon")
        ]

    def __str__(self) -> str:
        return self.name or f"{self.get_location_type_display()} location"


class ServiceAtLocation(Record):
    """A service delivered at a location."""

    service = models.ForeignKey(
        Service, on_delete=models.CASCADE, related_name="service_at_locations"
    )
    location = models.ForeignKey(
        Location, on_delete=models.CASCADE, related_name="service_at_locations"
    )

    class Meta(Record.Meta):
        indexes = [
            # A service's places, from the index alone (search by distance).
            models.Index(fields=["service", "location"], name="directory_sal_service_place"),
        ]

    def __str__(self) -> str:
        return f"{self.service} at {self.location}"


class Taxonomy(Record):
    """A vocabulary that taxonomy terms come from, such as the LGA service types."""

    name = models.CharField(max_length=255)
    description = models.TextField(blank=True)
    uri = models.URLField("URI", max_length=500, blank=True)
    version = models.CharField(max_length=100, blank=True)

    class Meta(Record.Meta):
        ordering = ["name", "id"]
        verbose_name_plural = "taxonomies"

    def __str__(self) -> str:
        return self.name


class TaxonomyTerm(Record):
    """A term that classifies services, organizations or locations, in a hierarchy."""

    name = models.CharField(max_length=255)
    description = models.TextField(blank=True)
    term = models.CharField(max_length=255, blank=True, help_text="The term or its code.")
    taxonomy = models.ForeignKey(
        Taxonomy, null=True, blank=True, on_delete=models.SET_NULL, related_name="terms"
    )
    taxonomy_source_id = models.CharField(max_length=255, blank=True, help_text=DANGLING)
    taxonomy_name = models.CharField(
        max_length=255,
        blank=True,
        help_text="HSDS 'taxonomy': free text naming an established taxonomy, ideally a URI.",
    )
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="children"
    )
    parent_source_id = models.CharField(max_length=255, blank=True, help_text=DANGLING)
    term_uri = models.URLField("term URI", max_length=500, blank=True)
    # Categories from other directories are shown as one of ours (``matching.py``): matched
    # by name at once, confirmed or changed once by an administrator.
    same_as = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="mapped",
        help_text="The category it is shown as: one of ours, or the first of its name.",
    )
    mapping_confirmed_at = models.DateTimeField(
        null=True, blank=True, help_text="When an administrator confirmed what it is shown as."
    )
    mapping_confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta(Record.Meta):
        ordering = ["name", "id"]

    def __str__(self) -> str:
        return self.name


class Attribute(Record):
    """A taxonomy term applied to one service, organization or location.

    HSDS links an attribute to any record through ``link_entity`` and ``link_id``; here the
    link is one of three nullable foreign keys (exactly one set), so that the database keeps
    the links sound and a service's attributes come with one query. ``link_entity`` and
    ``link_id`` are derived from whichever is set."""

    taxonomy_term = models.ForeignKey(
        TaxonomyTerm, on_delete=models.PROTECT, related_name="attributes"
    )
    service = models.ForeignKey(
        Service, null=True, blank=True, on_delete=models.CASCADE, related_name="attributes"
    )
    organization = models.ForeignKey(
        Organization, null=True, blank=True, on_delete=models.CASCADE, related_name="attributes"
    )
    location = models.ForeignKey(
        Location, null=True, blank=True, on_delete=models.CASCADE, related_name="attributes"
    )
    link_type = models.CharField(
        max_length=100,
        blank=True,
        help_text="What the term describes, e.g. eligibility or audience (an open codelist).",
    )
    value = models.CharField(max_length=255, blank=True)

    class Meta(Record.Meta):
        constraints = [
            *Record.Meta.constraints,
            models.CheckConstraint(
                condition=one_of("service", "organization", "location"),
                name="directory_attribute_links_one_record",
            ),
        ]
        indexes = [
            # The services with a category, from the index alone (search by category).
            models.Index(fields=["taxonomy_term", "service"], name="directory_attribute_term"),
        ]

    def __str__(self) -> str:
        return f"{self.taxonomy_term} on {self.link_entity}"

    @property
    def link_entity(self) -> str:
        if self.service_id:
            return "service"
        return "organization" if self.organization_id else "location"

    @property
    def link_id(self):
        return self.service_id or self.organization_id or self.location_id
