"""How a number was worked out: every step of cost avoidance and of each outcome's social
value, and, for a manager, the anonymised events behind it (read through the scoping
function, each person written to the audit trail)."""

from datetime import date

from django.urls import reverse

from alongside.audit.models import AuditEntry
from alongside.impact.models import FinancialProxy
from alongside.outcomes.models import CrisisAvoided, UnitCost
from alongside.people.models import Person
from tests.conftest import client_for
from tests.impact.test_social_value import people_gaining

PERIOD = {"start": "2026-04-01", "end": "2026-12-01"}


def workings(user, key, **choices):
    return client_for(user).get(reverse("impact:workings", args=[key]), {**PERIOD, **choices})


def avoided(area, n, *, confirmed_by=""):
    for i in range(n):
        CrisisAvoided.objects.create(
            person=Person.objects.create(full_name=f"Avoider {i}", area=area),
            on=date(2026, 6, 1 + i),
            likely_event=UnitCost.objects.get(code="ae_attendance"),  # £273.00, 2023/24
            quantity=2,
            why_likely="Said so, in words nobody else should read",
            instead="Support",
            confidence="high",
            confirmed_by=confirmed_by,
        )


def test_a_manager_sees_each_crisis_avoided_behind_the_cost_anonymised(manager, area):
    avoided(area, 5, confirmed_by="A&E")
    page = workings(manager, "cost_avoidance").content.decode()
    assert "Cost avoidance" in page and "Each step" in page
    assert "£273.00 at 2023/24 prices" in page  # no price index: at the unit cost's own
    assert "5 crises avoided, which would have cost £2,730.00 in all" in page  # 5 x 2 x 273
    assert page.count("A&amp;E attendance") >= 5 and "1 Jun 2026" in page and "£546.00" in page
    assert "Avoider" not in page and "nobody else should read" not in page
    seen = AuditEntry.objects.filter(user=manager, action="viewed")
    assert seen.count() == 5  # each person behind it


def test_a_commissioner_sees_the_arithmetic_never_the_events(commissioner, area):
    avoided(area, 5)
    page = workings(commissioner, "cost_avoidance").content.decode()
    assert "Each step" in page and "£2,730" in page
    assert "listed for managers" in page and "1 Jun 2026" not in page
    assert not AuditEntry.objects.exists()
    CrisisAvoided.objects.all().exclude(pk=CrisisAvoided.objects.first().pk).delete()
    page = workings(commissioner, "cost_avoidance").content.decode()
    # One crisis avoided: its unit cost is no secret, what it adds up to is hidden.
    assert "£273.00 at 2023/24 prices" in page and "£546" not in page
    assert 'Cost avoided, in all</dt><dd class="govuk-summary-list__value">hidden' in page


def test_social_value_worked_step_by_step_with_the_people_behind_it(manager, area):
    FinancialProxy.objects.filter(outcome="life_satisfaction").update(
        deadweight_percent=30, attribution_percent=20, duration_years=2, drop_off_percent=50
    )
    people_gaining(area, 5, 4, 7)  # +3 points each: 15
    page = workings(manager, "life_satisfaction").content.decode()
    # 15 x £13,000 = £195,000; x 0.7 x 0.8 = £109,200; year 1 / 1.035 = £105,507.25; year 2
    # keeps half, £54,600, / 1.035^2 (0.9335) = £50,969.68; in all £156,476.93.
    for words in [
        "15.00 × £13,000.00 = £195,000.00",
        "£195,000.00 × (1 − 30% deadweight) × (1 − 0% displacement) × (1 − 20% attribution) "
        "= £109,200.00",
        "each keeping 50% of the year before",
        "0.9662",
        "£105,507.25",
        "£54,600.00",
        "0.9335",
        "£50,969.68",
        "£156,476.93",
        "5 people, whose changes add up to 15 points",
    ]:
        assert words in page, words
    assert page.count("+3") == 5 and "P0" not in page
    assert AuditEntry.objects.filter(user=manager, action="viewed").count() == 5


def test_events_are_only_of_the_areas_a_manager_may_see(other_manager, manager, area):
    avoided(area, 5)
    page = workings(other_manager, "cost_avoidance", area=area.pk).content.decode()
    assert "Select a valid choice" in page
    assert "1 Jun 2026" not in page and "Hillside" not in page
    assert not AuditEntry.objects.exists()


def test_an_unknown_number_or_an_outcome_without_a_proxy_is_404(manager, commissioner, owner):
    assert workings(manager, "nope").status_code == 404
    FinancialProxy.objects.filter(outcome="connection_sustained").delete()
    assert workings(commissioner, "connection_sustained").status_code == 404
    assert workings(owner, "cost_avoidance").status_code in (403, 404)


def test_the_dashboard_links_each_valued_number_to_its_workings(manager, area):
    avoided(area, 5)
    page = client_for(manager).get(reverse("impact:dashboard"), PERIOD).content.decode()
    assert reverse("impact:workings", args=["cost_avoidance"]) in page
    for outcome in FinancialProxy.objects.filter(active=True).values_list("outcome", flat=True):
        assert reverse("impact:workings", args=[outcome]) in page


def test_events_come_a_page_at_a_time_and_only_those_shown_are_audited(manager, area, monkeypatch):
    from alongside.impact import workings as module

    monkeypatch.setattr(module, "PAGE", 2)
    avoided(area, 5)
    page = workings(manager, "cost_avoidance").content.decode()
    assert "5 crises avoided" in page and "Page 1 of 3" in page
    assert "1 Jun 2026" in page and "3 Jun 2026" not in page
    assert AuditEntry.objects.filter(user=manager, action="viewed").count() == 2
    last = workings(manager, "cost_avoidance", page="3").content.decode()
    assert "5 Jun 2026" in last and ">5</th>" in last and "Page 3 of 3" in last
    assert AuditEntry.objects.filter(user=manager, action="viewed").count() == 3
