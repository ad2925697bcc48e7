"""Seed the unit-cost library (from data/unit-costs.csv, with sources) and outcome domains.

Events that matter but have no sourced cost in the library are added without one, so that
they can be recorded now and costed when an administrator adds a cost and its source."""

import csv
from decimal import Decimal
from pathlib import Path

from django.db import migrations

DATA = Path(__file__).resolve().parent.parent / "data" / "unit-costs.csv"

UNCOSTED = [
    ("safeguarding_concern", "Safeguarding concern raised", "concern"),
    ("eviction", "Eviction or possession order", "household"),
    ("homelessness_application", "Homelessness application to the council", "application"),
    ("police_callout", "Police call-out", "incident"),
    ("asc_referral", "Request for an adult social care assessment", "request"),
    ("mh_secondary_care", "Request for secondary mental health services", "request"),
]

DOMAINS = [
    "Has people to turn to",
    "Feels in control of their life",
    "Is contributing to their community",
    "Has a place to live they can keep",
    "Family able to keep caring",
]


def seed(apps, schema_editor):
    UnitCost = apps.get_model("outcomes", "UnitCost")
    OutcomeDomain = apps.get_model("outcomes", "OutcomeDomain")
    with DATA.open(newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            UnitCost.objects.get_or_create(
                code=row["code"],
                defaults={
                    "description": row["description"],
                    "unit": row["unit"],
                    "cost_gbp": Decimal(row["cost_gbp"]),
                    "price_year": row["price_year"],
                    "source": row["source"],
                },
            )
    for code, description, unit in UNCOSTED:
        UnitCost.objects.get_or_create(
            code=code, defaults={"description": description, "unit": unit}
        )
    for order, name in enumerate(DOMAINS):
        OutcomeDomain.objects.get_or_create(name=name, defaults={"order": order})


def unseed(apps, schema_editor):
    codes = [code for code, _, _ in UNCOSTED]
    with DATA.open(newline="", encoding="utf-8") as f:
        codes += [row["code"] for row in csv.DictReader(f)]
    apps.get_model("outcomes", "UnitCost").objects.filter(code__in=codes).delete()
    apps.get_model("outcomes", "OutcomeDomain").objects.filter(name__in=DOMAINS).delete()


class Migration(migrations.Migration):
    dependencies = [("outcomes", "0001_initial")]
    operations = [migrations.RunPython(seed, unseed)]
