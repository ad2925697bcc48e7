"""Social value from what was recorded: life satisfaction that lasted, valued at the WELLBY."""

from datetime import date
from decimal import Decimal

from alongside.accounts.models import Area
from alongside.impact.figures import Scope
from alongside.impact.models import FinancialProxy, ProgrammeCost
from alongside.impact.social_value import investment, life_satisfaction, social_value
from alongside.outcomes.models import MeasureResponse
from alongside.people.models import Person


def scope(suppress=True):
    return Scope(
        areas=Area.objects.all(), start=date(2026, 4, 1), end=date(2026, 12, 1), suppress=suppress
    )


def ons4(person, on, life_satisfaction):
    MeasureResponse.objects.create(
        person=person,
        measure="ons4",
        taken_on=on,
        complete=True,
        scores=[{"label": "Life satisfaction", "value": life_satisfaction, "band": "", "note": ""}],
    )


def people_gaining(area, n, before, after, *, later=date(2026, 6, 1)):
    for i in range(n):
        p = Person.objects.create(full_name=f"P{i}", area=area)
        ons4(p, date(2026, 1, 10), before)
        ons4(p, later, after)


def test_life_satisfaction_counts_only_what_lasted_three_months(area):
    people_gaining(area, 5, 4, 7)  # +3 each, 142 days later
    people_gaining(area, 2, 4, 9, later=date(2026, 2, 9))  # 30 days later, before the period
    soon = Person.objects.create(full_name="Soon", area=area)
    ons4(soon, date(2026, 11, 1), 3)
    ons4(soon, date(2026, 11, 20), 8)  # only 19 days after the baseline
    found = life_satisfaction(scope())
    assert (found.quantity, found.people) == (Decimal(15), 5)


def test_the_programme_cost_is_shared_by_days(db):
    ProgrammeCost.objects.create(
        start=date(2026, 4, 1), end=date(2027, 3, 31), amount_gbp=Decimal(50000), what="Pay"
    )
    # 1 April to 1 December 2026 is 245 of the year's 365 days: 50,000 x 245 / 365.
    assert investment(date(2026, 4, 1), date(2026, 12, 1)) == Decimal("33561.64")


def test_social_value_worked_by_hand(area):
    ProgrammeCost.objects.create(
        start=date(2026, 4, 1), end=date(2027, 3, 31), amount_gbp=Decimal(50000), what="Pay"
    )
    FinancialProxy.objects.filter(outcome="life_satisfaction").update(
        deadweight_percent=30, attribution_percent=20
    )
    people_gaining(area, 5, 4, 7)
    found = social_value(scope())
    line = found.lines[0]
    # 15 points x £13,000 (the WELLBY, 2019 prices: no price index) = £195,000;
    # x 0.7 (deadweight 30%) x 0.8 (attribution 20%) = £109,200; / 1.035 = £105,507.25.
    assert (line.quantity, line.first_year, line.impact) == ("15.00", "£195,000.00", "£109,200.00")
    assert line.present_value == "£105,507.25" and found.present_value == "£105,507.25"
    assert found.investment == Decimal("33561.64")
    assert found.ratio == "£3.14"  # 105,507.25 / 33,561.64
    assert any("2019 prices" in note for note in found.notes)
    assert {s[0] for s in found.sensitivity} >= {"Deadweight", "Discount rate", "Duration"}


def test_an_outcome_with_fewer_than_five_people_behind_it_is_hidden_with_the_totals(area):
    ProgrammeCost.objects.create(
        start=date(2026, 1, 1), end=date(2026, 12, 31), amount_gbp=Decimal(1000), what="Pay"
    )
    people_gaining(area, 3, 4, 7)
    hidden = social_value(scope())
    assert hidden.lines[0].present_value == "hidden" and hidden.ratio == "hidden"
    shown = social_value(scope(suppress=False))
    assert shown.lines[0].quantity == "9.00" and shown.ratio != "hidden"
