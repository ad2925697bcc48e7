"""What the public pages need that staff pages do not: where each area's coordinators work
(so that anyone can find theirs by postcode) and how the public reaches them."""

from django.core.exceptions import ValidationError
from django.db import models

from alongside.accounts.models import Area

from . import coverage


class Coverage(models.Model):
    """What the public pages say of an area beyond its postcodes (listed on the area
    itself): its boundary as GeoJSON, for postcodes it does not list, and how the public gets
    in touch with its coordinators."""

    area = models.OneToOneField(Area, on_delete=models.CASCADE, related_name="coverage")
    boundary = models.JSONField(
        null=True,
        blank=True,
        help_text="The area's boundary as GeoJSON (a Polygon, MultiPolygon, Feature or "
        "FeatureCollection in WGS84 longitude and latitude), such as a ward's from the ONS.",
    )
    about = models.TextField(
        blank=True, help_text="A few words about the area for its public page: where it is."
    )
    phone = models.CharField("phone for the public", max_length=50, blank=True)
    email = models.EmailField("email for the public", blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "area coverage"

    def __str__(self) -> str:
        return f"Where {self.area} is"

    def clean(self) -> None:
        if self.boundary not in (None, ""):
            try:
                coverage.shape(self.boundary)
            except ValueError as error:
                raise ValidationError({"boundary": str(error)}) from None


class Submission(models.Model):
    """That someone sent a form on the public pages, for the limit of a few an hour from one
    address. Only a keyed hash of the address is kept, and only for a day."""

    address = models.CharField(max_length=64, db_index=True, help_text="A keyed hash.")
    at = models.DateTimeField(auto_now_add=True, db_index=True)

    def __str__(self) -> str:
        return f"A submission at {self.at:%d %b %Y %H:%M}"
