"""The details of services, organizations and locations: addresses, accessibility, contacts,
phones, languages, schedules, service areas, costs and funding (HSDS 3.0 / ORUK 3.0)."""

from django.db import models

from .base import Record, one_of
from .core import Location, Organization, Service, ServiceAtLocation


def _owned_by(*fields: str) -> type[Record.Meta]:
    """Meta for a record that belongs to exactly one of ``fields``."""

    class Meta(Record.Meta):
        constraints = [
            *Record.Meta.constraints,
            models.CheckConstraint(
                condition=one_of(*fields), name="%(app_label)s_%(class)s_has_one_owner"
            ),
        ]

    return Meta


class AddressType(models.TextChoices):
    PHYSICAL = "physical", "Physical"
    POSTAL = "postal", "Postal"
    VIRTUAL = "virtual", "Virtual"


class Address(Record):
    location = models.ForeignKey(Location, on_delete=models.CASCADE, related_name="addresses")
    attention = models.CharField(max_length=255, blank=True, help_text="'Care of' a person")
    address_1 = models.CharField("address line 1", max_length=255)
    address_2 = models.CharField("address line 2", max_length=255, blank=True)
    city = models.CharField("town or city", max_length=100)
    region = models.CharField(max_length=100, blank=True)
    state_province = models.CharField("county", max_length=100, blank=True)
    postal_code = models.CharField("postcode", max_length=20, db_index=True)
    country = models.CharField(max_length=2, default="GB", help_text="ISO 3166-1 code")
    address_type = models.CharField(
        max_length=10, choices=AddressType.choices, default=AddressType.PHYSICAL
    )

    class Meta(Record.Meta):
        verbose_name_plural = "addresses"

    def __str__(self) -> str:
        return ", ".join(p for p in [self.address_1, self.city, self.postal_code] if p)


class Accessibility(Record):
    """Arrangements at a location for people with disabilities."""

    location = models.ForeignKey(Location, on_delete=models.CASCADE, related_name="accessibility")
    description = models.TextField(blank=True)
    details = models.TextField(blank=True)
    url = models.URLField("URL", max_length=500, blank=True)
    accessibility = models.TextField(blank=True, help_text="ORUK's older name for description.")

    class Meta(Record.Meta):
        verbose_name_plural = "accessibility"


class Contact(Record):
    """A named contact for a service or an organization."""

    service = models.ForeignKey(
        Service, null=True, blank=True, on_delete=models.CASCADE, related_name="contacts"
    )
    organization = models.ForeignKey(
        Organization, null=True, blank=True, on_delete=models.CASCADE, related_name="contacts"
    )
    name = models.CharField(max_length=255, blank=True)
    title = models.CharField("job title", max_length=255, blank=True)
    email = models.EmailField(blank=True)

    Meta = _owned_by("service", "organization")

    def __str__(self) -> str:
        return self.name or self.title or "Contact"


class Phone(Record):
    """A telephone number of a contact, a service or a location."""

    contact = models.ForeignKey(
        Contact, null=True, blank=True, on_delete=models.CASCADE, related_name="phones"
    )
    service = models.ForeignKey(
        Service, null=True, blank=True, on_delete=models.CASCADE, related_name="phones"
    )
    location = models.ForeignKey(
        Location, null=True, blank=True, on_delete=models.CASCADE, related_name="phones"
    )
    number = models.CharField(max_length=50)
    description = models.TextField(blank=True)

    Meta = _owned_by("contact", "service", "location")

    def __str__(self) -> str:
        return self.number


class Language(Record):
    """A language a service is delivered in, or spoken on a phone line (no interpreter)."""

    service = models.ForeignKey(
        Service, null=True, blank=True, on_delete=models.CASCADE, related_name="languages"
    )
    phone = models.ForeignKey(
        Phone, null=True, blank=True, on_delete=models.CASCADE, related_name="languages"
    )
    name = models.CharField(max_length=100, blank=True)
    code = models.CharField(max_length=20, blank=True, help_text="ISO 639 code, e.g. cy")
    note = models.TextField(blank=True)

    Meta = _owned_by("service", "phone")

    def __str__(self) -> str:
        return self.name or self.code or "Language"


class Frequency(models.TextChoices):
    WEEKLY = "WEEKLY", "Weekly"
    MONTHLY = "MONTHLY", "Monthly"


class Schedule(Record):
    """When a service, or a service at one location, is open: an iCalendar RRULE in parts."""

    service = models.ForeignKey(
        Service, null=True, blank=True, on_delete=models.CASCADE, related_name="schedules"
    )
    service_at_location = models.ForeignKey(
        ServiceAtLocation,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="schedules",
    )
    valid_from = models.DateField(null=True, blank=True)
    valid_to = models.DateField(null=True, blank=True)
    dtstart = models.DateField("first date", null=True, blank=True)
    freq = models.CharField("frequency", max_length=10, choices=Frequency.choices, blank=True)
    interval = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="2 with a weekly frequency is fortnightly."
    )
    byday = models.CharField("days", max_length=100, blank=True, help_text="e.g. MO,WE or 1MO")
    bymonthday = models.CharField("days of the month", max_length=100, blank=True)
    description = models.TextField(blank=True)
    opens_at = models.CharField(
        max_length=20,
        blank=True,
        help_text="HH:MM, with the time zone as ORUK asks (e.g. 09:30Z); kept as given.",
    )
    closes_at = models.CharField(max_length=20, blank=True)
    schedule_link = models.URLField(max_length=500, blank=True)
    attending_type = models.TextField(blank=True, help_text="How to attend, in words.")
    notes = models.TextField(blank=True)

    Meta = _owned_by("service", "service_at_location")


class ServiceArea(Record):
    """The geographic area a service is available in."""

    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="service_areas")
    name = models.TextField(blank=True)
    extent = models.TextField(blank=True, help_text="The area's polygon, as extent_type says.")
    extent_type = models.CharField(max_length=20, blank=True, help_text="e.g. geojson")
    uri = models.CharField("URI", max_length=500, blank=True)
    service_area = models.TextField(blank=True, help_text="ORUK's older name for name.")

    def __str__(self) -> str:
        return self.name[:80] or "Service area"


class CostOption(Record):
    """What a service costs, for whom, and when."""

    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="cost_options")
    valid_from = models.DateField(null=True, blank=True)
    valid_to = models.DateField(null=True, blank=True)
    option = models.TextField(blank=True, help_text="Conditions, e.g. under 18s")
    amount = models.DecimalField(max_digits=10, decimal_places=2, null=True, blank=True)
    currency = models.CharField(max_length=3, blank=True, help_text="ISO 4217, e.g. GBP")
    amount_description = models.TextField(blank=True, help_text="e.g. per 1 hour session")


class Funding(Record):
    """Where a service's or an organization's money comes from (HSDS ``funding.source``)."""

    service = models.ForeignKey(
        Service, null=True, blank=True, on_delete=models.CASCADE, related_name="funding"
    )
    organization = models.ForeignKey(
        Organization, null=True, blank=True, on_delete=models.CASCADE, related_name="funding"
    )
    funded_by = models.TextField(blank=True, help_text="Published as HSDS 'source'.")

    Meta = _owned_by("service", "organization")

    def __str__(self) -> str:
        return self.funded_by[:80]
