"""What a council enters for its social value report, for the demo: what the programme cost,
and its own assumptions for the WELLBY (Alongside ships the value, never the assumptions)."""

from datetime import date
from decimal import Decimal

from alongside.impact.models import FinancialProxy, ProgrammeCost

YEARLY = Decimal(186000)


def make_programme_costs(*, today: date) -> None:
    first = today.year if today.month >= 4 else today.year - 1
    for year in (first - 1, first):
        ProgrammeCost.objects.create(
            start=date(year, 4, 1),
            end=date(year + 1, 3, 31),
            amount_gbp=YEARLY,
            what="Demo: four coordinators' pay and on-costs, half a manager, travel and training",
        )
    FinancialProxy.objects.filter(outcome="life_satisfaction").update(
        deadweight_percent=Decimal(27),
        displacement_percent=Decimal(0),
        attribution_percent=Decimal(30),
        drop_off_percent=Decimal(50),
        duration_years=2,
    )


def remove_programme_costs() -> None:
    ProgrammeCost.objects.all().delete()
