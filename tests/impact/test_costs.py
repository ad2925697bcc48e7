"""Cost avoidance, worked by hand: crises avoided times unit costs, in one year's prices."""

from datetime import date
from decimal import Decimal

from alongside.accounts.models import Area
from alongside.impact.costs import cost_avoidance
from alongside.impact.figures import Scope
from alongside.impact.models import PriceIndex
from alongside.impact.periods import financial_year_label as financial_year
from alongside.impact.periods import last_12_months
from alongside.outcomes.models import CrisisAvoided, UnitCost
from alongside.people.models import Person


def scope(suppress):
    return Scope(
        areas=Area.objects.all(), start=date(2026, 4, 1), end=date(2026, 12, 1), suppress=suppress
    )


def avoided(person, code, n, confidence, confirmed_by=""):
    CrisisAvoided.objects.create(
        person=person,
        on=date(2026, 6, 1),
        likely_event=UnitCost.objects.get(code=code),
        quantity=n,
        why_likely="Said so",
        instead="Support",
        confidence=confidence,
        confirmed_by=confirmed_by,
    )


def test_cost_avoided_is_counts_times_unit_costs_at_the_reports_prices(area):
    person = Person.objects.create(full_name="P", area=area)
    avoided(person, "ae_attendance", 6, "high", "A&E, Dr Shah")  # 273.00 in 2023/24
    avoided(person, "residential_care_week", 5, "medium")  # 897.00 in 2023/24
    found = cost_avoidance(scope(False))
    assert (found.price_year, found.indexed, found.missing_years) == (
        "2026/27",
        False,
        ["2023/24", "2026/27"],
    )
    # Not indexed: at 2023/24 prices. Medium 5 x 897 = 4,485; high 6 x 273 = 1,638.
    assert found.by_level == [Decimal(0), Decimal(4485), Decimal(1638)]
    assert (found.total, found.confirmed) == (Decimal(6123), Decimal(1638))

    PriceIndex.objects.create(year="2023/24", index=Decimal("100"), source="test")
    PriceIndex.objects.create(year="2026/27", index=Decimal("110"), source="test")
    found = cost_avoidance(scope(False))
    # Indexed: 273 x 110/100 = 300.30 and 897 x 1.1 = 986.70; medium 5 x 986.70 = 4,933.50
    # (rounded to 4,934), high 6 x 300.30 = 1,801.80 (1,802), all 6,735.30 (6,735).
    assert found.indexed and [r.unit_cost for r in found.rows] == [
        Decimal("300.30"),
        Decimal("986.70"),
    ]
    assert found.by_level == [Decimal(0), Decimal(4934), Decimal(1802)]
    assert (found.total, found.confirmed) == (Decimal(6735), Decimal(1802))
    assert found.rows[0].price_year == "2026/27"


def test_a_cost_that_would_give_a_small_count_away_is_hidden(area):
    person = Person.objects.create(full_name="P", area=area)
    avoided(person, "ae_attendance", 2, "low")
    avoided(person, "ae_attendance", 20, "high")
    avoided(person, "residential_care_week", 30, "high")
    hidden = cost_avoidance(scope(True))
    ae = hidden.rows[0]
    assert ae.counts[0] == "hidden" and ae.cost == "hidden"
    assert hidden.by_level[0] is None and hidden.total is None  # 2 x 273 = 546: it is 2
    shown = cost_avoidance(scope(False))
    assert shown.rows[0].counts[0] == "2" and shown.total == Decimal(2 * 273 + 20 * 273 + 30 * 897)


def test_a_kind_with_no_sourced_cost_is_counted_but_never_costed(area):
    person = Person.objects.create(full_name="P", area=area)
    kind = UnitCost.objects.create(code="made_up", description="Something", unit="event")
    avoided(person, "made_up", 9, "high")
    found = cost_avoidance(scope(False))
    assert found.no_cost == ["Something"] and found.rows[0].cost == "no unit cost"
    assert found.total == Decimal(0) and kind.cost_gbp is None


def test_the_financial_year_runs_april_to_march():
    assert financial_year(date(2027, 3, 31)) == "2026/27"
    assert financial_year(date(2026, 4, 1)) == "2026/27"
    assert financial_year(date(2000, 1, 1)) == "1999/00"


def test_the_dashboard_shows_cost_avoidance_with_sources(manager, area):
    from django.urls import reverse

    from tests.conftest import client_for

    person = Person.objects.create(full_name="P", area=area)
    avoided(person, "non_elective_admission_long", 2, "high", "Ward 4")
    html = client_for(manager).get(reverse("impact:dashboard")).content.decode()
    assert "£5,134.00 per episode" in html and "PSSRU 2024 Table 6.1.1" in html
    assert "£10,268" in html  # 2 x 5,134, confirmed by a service


def test_the_last_12_months_from_the_29th_of_february():
    assert last_12_months(date(2028, 2, 29)) == (date(2027, 3, 1), date(2028, 2, 29))
