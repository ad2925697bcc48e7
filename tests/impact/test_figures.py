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
    html = client_for(commissioner).get(reverse("impact:dashboard")).content.decode()
    assert "How personal networks changed" in html and "fewer than 5 people" in html
    assert "Jo" not in html and "Ann Example" not in html


def cell(html: str, row: str, column: int) -> str:
    """The text of a table cell: ``column`` counted from 0 after the row's heading."""
    at = html.index(f">{row}</th>")
    cells = html[at:].split("</tr>")[0].split('govuk-table__cell--numeric">')[1:]
    return cells[column].split("<")[0]


def test_the_hunslet_total_no_longer_gives_away_a_hidden_count(commissioner, area, db):
    # 7 new, 35 supported, 5 not now, 4 stepped back: 51 in all. The 4 was hidden, but
    # 51 - (7 + 35 + 5) = 4.
    for status, n in [("new", 7), ("active", 35), ("not_now", 5), ("stepped_back", 4)]:
        for i in range(n):
            Person.objects.create(full_name=f"{status} {i}", area=area, status=status)
    html = client_for(commissioner).get(reverse("impact:dashboard")).content.decode()
    assert [cell(html, "Hillside", c) for c in range(5)] == ["7", "35", "hidden", "hidden", "51"]


def test_a_manager_sees_the_small_numbers_of_their_own_people(manager, area, db):
    for i in range(3):
        Person.objects.create(full_name=f"P{i}", area=area, status="active")
    html = client_for(manager).get(reverse("impact:dashboard")).content.decode()
    assert cell(html, "Hillside", 1) == "3" and "nothing is hidden" in html


def test_a_commissioner_sees_only_suppressed_figures(person, commissioner):
    page = client_for(commissioner).get(reverse("impact:dashboard")).content.decode()
    assert "hidden" in page and "Ann Example" not in page
    assert cell(page, "Hillside", 0) == "hidden"


def test_the_old_figures_page_leads_to_the_dashboard(commissioner):
    response = client_for(commissioner).get(reverse("impact:figures"))
    assert response.status_code == 301 and response.url == reverse("impact:dashboard")


def test_the_dashboard_has_a_short_title_and_one_heading_of_each(commissioner):
    html = client_for(commissioner).get(reverse("impact:dashboard")).content.decode()
    title = html[html.index("<title>") + 7 : html.index("</title>")]
    assert title.strip() == "Impact – Alongside"
    assert html.count('<h3 class="govuk-heading-m" id="figure-introductions">') == 1
    assert html.count("How personal networks changed</h3>") == 1
