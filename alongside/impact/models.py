"""What the impact app keeps: a record of every download of its figures."""

from django.conf import settings
from django.core.validators import MinValueValidator, RegexValidator
from django.db import models


class Format(models.TextChoices):
    CSV = "csv", "CSV"
    XLSX = "xlsx", "Excel workbook (XLSX)"
    PDF = "pdf", "PDF report"


class Download(models.Model):
    """Someone downloaded figures: who, when, which, for which areas and period, and whether
    small numbers were hidden in it. Kept for the data protection officer and the audit."""

    at = models.DateTimeField(auto_now_add=True, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    user_name = models.CharField(max_length=150, help_text="Kept if the user is removed.")
    what = models.CharField(max_length=200)
    format = models.CharField(max_length=10, choices=Format.choices)
    areas = models.TextField(help_text="The areas' names, as they were.")
    start = models.DateField()
    end = models.DateField()
    small_numbers_hidden = models.BooleanField()

    class Meta:
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{self.user_name} downloaded {self.what} ({self.format}) on {self.at:%d %b %Y}"


class PriceIndex(models.Model):
    """A price index for a financial year (the GDP deflator, as HM Treasury publishes it),
    for putting costs from different years into one year's prices. An administrator keeps
    it up to date; Alongside ships none, so that no figure rests on a number nobody sourced."""

    year = models.CharField(
        "Financial year",
        max_length=7,
        unique=True,
        validators=[
            RegexValidator(r"^\d{4}/\d{2}$", "Enter a financial year like 2023/24"),
        ],
    )
    index = models.DecimalField(
        max_digits=10, decimal_places=3, validators=[MinValueValidator(0.001)]
    )
    source = models.CharField(max_length=300, help_text="Where the index comes from, and when.")

    class Meta:
        ordering = ["year"]
        verbose_name_plural = "price indices"

    def __str__(self) -> str:
        return f"{self.year}: {self.index}"
