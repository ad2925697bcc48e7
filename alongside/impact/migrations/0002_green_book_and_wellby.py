"""The values Alongside may ship (Open Government Licence): the Green Book's discount rates
and the WELLBY. Councils enter every other financial proxy themselves (licensed banks such
as HACT's are never bundled)."""

from decimal import Decimal

from django.db import migrations

GREEN_BOOK = "HM Treasury Green Book (2022)"


def add(apps, schema_editor):
    rate = apps.get_model("impact", "DiscountRate")
    for first, last, percent in [(1, 30, "3.5"), (31, 75, "3.0")]:
        rate.objects.get_or_create(
            version=GREEN_BOOK,
            first_year=first,
            defaults={"last_year": last, "rate_percent": Decimal(percent)},
        )
    proxy = apps.get_model("impact", "FinancialProxy")
    proxy.objects.get_or_create(
        outcome="life_satisfaction",
        defaults={
            "value_gbp": Decimal(13000),
            "price_year": "2019",
            "licence": "Open Government Licence v3.0",
            "source": (
                "HM Treasury, Green Book supplementary guidance: Wellbeing guidance for "
                "appraisal (2021): £13,000 a WELLBY, one point of life satisfaction for one "
                "person for one year (range £10,000 to £16,000), 2019 prices"
            ),
            "duration_years": 1,
        },
    )


class Migration(migrations.Migration):
    dependencies = [("impact", "0001_initial")]

    operations = [migrations.RunPython(add, migrations.RunPython.noop)]
