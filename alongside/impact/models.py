"""What the impact app keeps: a record of every download of its figures."""

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models


class Format(models.TextChoices):
    CSV = "csv", "CSV"
    XLSX = "xlsx", "Excel workbook (XLSX)"
    PDF = "pdf", "PDF report"
    EXTRACT = "zip", "Evaluator's extract (ZIP of CSV files)"


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


PRICE_YEAR = RegexValidator(
    r"^\d{4}(/\d{2})?$", "Enter a financial year like 2023/24, or a calendar year like 2019"
)
SHARE = [MinValueValidator(0), MaxValueValidator(100)]


class PriceIndex(models.Model):
    """A price index for a financial year (the GDP deflator, as HM Treasury publishes it),
    for putting costs from different years into one year's prices. An administrator keeps
    it up to date; Alongside ships none, so that no figure rests on a number nobody sourced."""

    year = models.CharField(
        "Year",
        max_length=7,
        unique=True,
        validators=[PRICE_YEAR],
        help_text="A financial year like 2023/24, or a calendar year like 2019.",
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


class ProgrammeCost(models.Model):
    """What the programme cost over a stretch of time (the investment SROI weighs its value
    against): a report's investment is each cost's share of the days it overlaps."""

    start = models.DateField()
    end = models.DateField()
    amount_gbp = models.DecimalField(
        "Cost (£)", max_digits=12, decimal_places=2, validators=[MinValueValidator(0)]
    )
    what = models.CharField(
        max_length=300, help_text="For example: coordinators' pay and on-costs, management."
    )

    class Meta:
        ordering = ["-start"]

    def __str__(self) -> str:
        return f"£{self.amount_gbp:,} from {self.start:%d %b %Y} to {self.end:%d %b %Y}"

    def clean(self):
        if self.start and self.end and self.end < self.start:
            raise ValidationError({"end": "Enter an end on or after the start"})


class DiscountRate(models.Model):
    """The discount rate for years ``first_year`` to ``last_year`` (from 1) of an outcome,
    in a named version (HM Treasury reviews the Green Book's)."""

    version = models.CharField(max_length=100)
    first_year = models.PositiveSmallIntegerField(validators=[MinValueValidator(1)])
    last_year = models.PositiveSmallIntegerField(validators=[MinValueValidator(1)])
    rate_percent = models.DecimalField(
        max_digits=5, decimal_places=2, validators=[MinValueValidator(0), MaxValueValidator(50)]
    )
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ["version", "first_year"]

    def __str__(self) -> str:
        return (
            f"{self.version}: {self.rate_percent}% for years {self.first_year} to {self.last_year}"
        )


class Valued(models.TextChoices):
    """Outcomes Alongside can measure, and so value."""

    LIFE_SATISFACTION = (
        "life_satisfaction",
        "Points of life satisfaction gained (ONS4, baseline to a follow-up 3 months or more later)",
    )
    CONNECTION_SUSTAINED = "connection_sustained", "Connections still going at 3 months"
    CONTRIBUTION_SUSTAINED = "contribution_sustained", "Contributions still going at 3 months"


class FinancialProxy(models.Model):
    """What one unit of an outcome is worth a year, with where the value comes from and the
    assumptions about how much of it the programme can claim."""

    outcome = models.CharField(max_length=30, choices=Valued.choices, unique=True)
    value_gbp = models.DecimalField(
        "Value (£ per unit a year)",
        max_digits=12,
        decimal_places=2,
        validators=[MinValueValidator(0)],
    )
    source = models.CharField(max_length=300)
    licence = models.CharField(
        max_length=200, help_text="Under what licence the value may be used (OGL, a HACT licence…)."
    )
    price_year = models.CharField(max_length=7, validators=[PRICE_YEAR])
    deadweight_percent = models.DecimalField(
        max_digits=5,
        decimal_places=2,
        default=0,
        validators=SHARE,
        help_text="How much would have happened anyway.",
    )
    displacement_percent = models.DecimalField(
        max_digits=5,
        decimal_places=2,
        default=0,
        validators=SHARE,
        help_text="How much was only moved from elsewhere.",
    )
    attribution_percent = models.DecimalField(
        max_digits=5,
        decimal_places=2,
        default=0,
        validators=SHARE,
        help_text="How much others (services, family, groups) brought about.",
    )
    drop_off_percent = models.DecimalField(
        max_digits=5,
        decimal_places=2,
        default=0,
        validators=SHARE,
        help_text="How much less of it each year after the first.",
    )
    duration_years = models.PositiveSmallIntegerField(
        default=1, validators=[MinValueValidator(1), MaxValueValidator(75)]
    )
    active = models.BooleanField(default=True)

    class Meta:
        verbose_name_plural = "financial proxies"

    def __str__(self) -> str:
        return f"{self.get_outcome_display()}: £{self.value_gbp:,}"


class ReportStatus(models.TextChoices):
    WAITING = "waiting", "Waiting for its turn"
    MAKING = "making", "Being made"
    READY = "ready", "Ready to download"
    FAILED = "failed", "Could not be made"


class Report(models.Model):
    """A report someone asked for, made by the background worker and kept for them to
    download until ``kept_until``: what was chosen (as the dashboard's form reads it), how far
    its making has got, and the file once made."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    format = models.CharField(max_length=10, choices=Format.choices)
    choices = models.JSONField(help_text="What was chosen on the dashboard, as its form reads it.")
    asked_at = models.DateTimeField(auto_now_add=True)
    kept_until = models.DateTimeField(db_index=True)
    status = models.CharField(max_length=10, choices=ReportStatus, default=ReportStatus.WAITING)
    progress_done = models.PositiveIntegerField(default=0)
    progress_total = models.PositiveIntegerField(default=0)
    progress_message = models.CharField(max_length=200, blank=True)
    # What it counts, once made (for the record of each download).
    areas = models.TextField(blank=True, help_text="The areas' names, as they were.")
    start = models.DateField(null=True, blank=True)
    end = models.DateField(null=True, blank=True)
    small_numbers_hidden = models.BooleanField(null=True)
    failure = models.TextField(blank=True)
    file_name = models.CharField(max_length=200, blank=True)
    content = models.BinaryField(null=True, editable=False)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-asked_at"]
        indexes = [models.Index(fields=["user", "-asked_at"])]

    def __str__(self) -> str:
        return f"{self.get_format_display()} asked for on {self.asked_at:%d %b %Y %H:%M}"

    @property
    def finished(self) -> bool:
        return self.status in (ReportStatus.READY, ReportStatus.FAILED)

    @property
    def percent(self) -> int:
        if not self.progress_total:
            return 0
        return min(100, round(100 * self.progress_done / self.progress_total))
