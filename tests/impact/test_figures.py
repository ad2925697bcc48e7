"""Figures for commissioners and managers: counts only, small numbers hidden."""

from datetime import date

from django.urls import reverse

from alongside.impact import queries
from alongside.networks.models import NetworkSnapshot
from alongside.networks.services import network_member_add
from alongside.people.models import Person
from tests.conftest import client_for


def add(person, user, label):
    return network_member_add(user=user, person=person, label=label, kind="friend", ring=2)


def test_network_change_by_area_hides_fewer_than_five_people(owner, area, other_area):
    from alongside.accounts.models import Area

    def person_with_growth(name, sizes, where):
        p = Person.objects.create(full_name=name, area=where)
        for i, size in enumerate(sizes):
            NetworkSnapshot.objects.create(
                person=p,
                taken_on=date(2026, 1 + i, 1),
                ties=[
                    {"key": k, "label": f"m{k}", "kind": "friend", "ring": 2} for k in range(size)
                ],
            )

    for i in range(5):
        person_with_growth(f"Grew {i}", [2, 2 + i], area)  # size change 0, 1, 2, 3, 4
    person_with_growth("Only one review", [3], area)
    for i in range(3):
        person_with_growth(f"Other {i}", [1, 5], other_area)
    rows = {
        r.area: r
        for r in queries.network_change_by_area(
            areas=Area.objects.all(), start=date(2026, 1, 1), end=date(2026, 12, 31)
        )
    }
    hillside = rows["Hillside"]
    assert (hillside.people, hillside.mean_size_change) == (5, 2.0)
    assert hillside.grew is None  # 4 grew: fewer than 5, so hidden
    assert rows["Riverside"].people is None


def test_commissioners_see_network_change_by_area_without_names(commissioner, person, owner):
    add(person, owner, "Jo")
    html = client_for(commissioner).get(reverse("impact:figures")).content.decode()
    assert "How personal networks changed" in html and "fewer than 5 people" in html
    assert "Jo" not in html and "Ann Example" not in html


def test_figures_hide_counts_below_five(person, area, other_area):
    rows = {row.area: row for row in queries.people_by_area()}
    assert rows["Hillside"].total == "fewer than 5"
    assert rows["Riverside"].total == "0"
    for i in range(5):
        Person.objects.create(full_name=f"P{i}", area=other_area)
    rows = {row.area: row for row in queries.people_by_area()}
    assert rows["Riverside"].total == "5"


def test_a_commissioner_sees_only_suppressed_figures(person, commissioner):
    page = client_for(commissioner).get(reverse("impact:figures")).content.decode()
    assert "fewer than 5" in page and "Ann Example" not in page


def test_the_figures_page_has_a_short_title_and_one_heading_of_each(commissioner):
    html = client_for(commissioner).get(reverse("impact:figures")).content.decode()
    title = html[html.index("<title>") + 7 : html.index("</title>")]
    assert title.strip() == "Figures by area – Alongside"
    assert html.count("How personal networks changed") == 1
