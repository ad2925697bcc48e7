"""Where UK postcodes are: a table loaded from open data (``manage.py load_postcodes``), so that
searching near a postcode needs no outside service and sends nobody's postcode anywhere."""

from django.db import models


class Postcode(models.Model):
    """A postcode's centre in WGS84 degrees, from Code-Point Open or the ONS Postcode
    Directory (both under the Open Government Licence)."""

    postcode = models.CharField(
        max_length=8, primary_key=True, help_text="In its standard form, e.g. LS6 1AB"
    )
    latitude = models.DecimalField(max_digits=9, decimal_places=6, help_text="WGS84 degrees")
    longitude = models.DecimalField(max_digits=9, decimal_places=6, help_text="WGS84 degrees")

    class Meta:
        ordering = ["postcode"]

    def __str__(self) -> str:
        return self.postcode
