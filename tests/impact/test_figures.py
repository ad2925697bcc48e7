"""Figures for commissioners and managers: counts only, small numbers hidden."""

from datetime import date

from django.urls import reverse

from alongside.impact import statistics
from alongside.networks.models import NetworkSnapshot
from alongside.networks.services import network_member_add
from alongside.people.models import Person
from tests.conftest import client_for


def add(person, user, label):
    return network_member_add(user=user, person=person, label=label, kind="friend", ring=2)


def scope(suppress=True, start=date(2026, 1, 1), end=date(2026, 12, 31)):
    from alongside.accounts.models import Area
    from alongside.impact.figures import Scope

    return Scope(areas=Area.objects.all(), start=start, end=end, suppress=suppress)


def person_with_networks(name, sizes, where):
    p = Person.objects.create(full_name=name, area=where)
    for i, size in enumerate(sizes):
        NetworkSnapshot.objects.create(
            person=p,
            taken_on=date(2026, 1 + i, 1),
            ties=[{"key": k, "label": f"m{k}", "kind": "friend", "ring": 2} for k in range(size)],
        )
    return p


def test_network_change_is_counted_by_area_and_hides_fewer_than_five_people(area, other_area):
    for i in range(5):
        person_with_networks(f"Grew {i}", [2, 2 + i], area)  # size change 0, 1, 2, 3, 4
    person_with_networks("Only one review", [3], area)
    for i in range(3):
        person_with_networks(f"Other {i}", [1, 5], other_area)
    rows = {row.label: row for row in statistics.networks(scope()).rows}
    hillside = rows["Hillside"]
    # 5 reviewed twice; 4 grew (so 1 did not: both hidden); median size 2 -> 4
    assert hillside.cells[:4] == ["5", "hidden", "2", "4"]
    assert (
        rows["Riverside"].cells[0] == "hidden"
        and rows["Riverside"].cells[1] == "fewer than 5 people"
    )
    assert rows["All"].cells[:4] == ["8", "hidden", "2", "5"]  # 7 grew and 1 did not


def test_commissioners_see_network_change_by_area_without_names(commissioner, area, owner):
    person_with_networks("Ann Example", [1, 2], area)
    html = client_for(commissioner).get(reverse("impact:dashboard")).content.decode()
    assert "How personal networks changed" in html and "fewer than 5 people" in html
    assert "m0" not in html and "Ann Example" not in html


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


def test_wellbeing_change_counts_baseline_and_latest_and_hides_small_shares(area):
    from alongside.outcomes.models import MeasureResponse

    def measured(name, scores):
        p = Person.objects.create(full_name=name, area=area)
        days = [date(2025, 11, 1), date(2026, 3, 1), date(2026, 6, 1)][: len(scores)]
        for on, value in zip(days, scores, strict=True):
            MeasureResponse.objects.create(
                person=p,
                measure="swemwbs",
                taken_on=on,
                complete=True,
                scores=[{"label": "Metric score", "value": value, "band": "", "note": ""}],
            )

    for i in range(4):
        measured(f"Better {i}", [20.0, 21.0, 24.0])  # baseline 20, latest 24: +4
    for i in range(2):
        measured(f"Same {i}", [20.0, 20.0])  # +0
    measured("Only a baseline", [18.0])
    rows = {row.label: row for row in statistics.wellbeing(scope()).rows}
    row = rows[next(label for label in rows if label.startswith("Short Warwick"))]
    assert row.cells[:4] == ["6", "20.0", "22.7", "+2.7"]
    assert row.cells[4] == "hidden"  # 4 better by 3 points or more: fewer than 5
    assert row.cells[5] == "0 (0%)"
    assert statistics.wellbeing(scope(suppress=False)).rows[-1] is not None
    full = {r.label: r for r in statistics.wellbeing(scope(suppress=False)).rows}
    assert full[row.label].cells[4] == "4 (67%)"


def test_each_score_of_a_measure_is_counted_from_the_same_baseline_and_latest(area):
    from alongside.outcomes.models import MeasureResponse

    def ons4(p, on, life, worthwhile):
        MeasureResponse.objects.create(
            person=p,
            measure="ons4",
            taken_on=on,
            complete=True,
            scores=[
                {"label": "Life satisfaction", "value": life, "band": "", "note": ""},
                {"label": "Worthwhile", "value": worthwhile, "band": "", "note": ""},
            ],
        )

    for i in range(5):
        p = Person.objects.create(full_name=f"P{i}", area=area)
        ons4(p, date(2025, 10, 1), 4, 6)  # the baseline, before the period
        ons4(p, date(2026, 2, 1), 9, 9)  # not the latest
        ons4(p, date(2026, 5, 1), 7 + i % 2, 5)  # the latest: 7, 8, 7, 8, 7
    rows = {row.label.split(": ")[-1]: row for row in statistics.wellbeing(scope()).rows}
    assert rows["Life satisfaction"].cells[:4] == ["5", "4.0", "7.4", "+3.4"]
    assert rows["Worthwhile"].cells[:4] == ["5", "6.0", "5.0", "-1.0"]


def test_a_figure_downloads_as_csv_as_shown_and_the_download_is_kept(commissioner, area, db):
    from alongside.impact.models import Download

    for status, n in [("new", 7), ("active", 35), ("not_now", 5), ("stepped_back", 4)]:
        for i in range(n):
            Person.objects.create(full_name=f"{status} {i}", area=area, status=status)
    area.name = "=HYPERLINK(1)"
    area.save()
    response = client_for(commissioner).get(reverse("impact:figure_csv", args=["people"]))
    text = response.content.decode("utf-8-sig")
    assert response["Content-Type"].startswith("text/csv")
    assert "'=HYPERLINK(1),7,35,hidden,hidden,51" in text.replace("\r", "")
    kept = Download.objects.get()
    assert (kept.user, kept.format, kept.small_numbers_hidden) == (commissioner, "csv", True)
    assert "=HYPERLINK(1)" in kept.areas


def test_an_unknown_figure_is_404_and_nobody_else_downloads(commissioner, owner, db):
    assert (
        client_for(commissioner).get(reverse("impact:figure_csv", args=["nope"])).status_code == 404
    )
    assert client_for(owner).get(reverse("impact:dashboard")).status_code in (403, 404)


def test_another_teams_manager_never_sees_an_area_that_is_not_theirs(other_manager, area, db):
    for i in range(6):
        Person.objects.create(full_name=f"P{i}", area=area, status="active")
    client = client_for(other_manager)
    page = client.get(reverse("impact:dashboard"), {"area": area.pk}).content.decode()
    assert "Select a valid choice" in page and ">Hillside</th>" not in page
    got = client.get(reverse("impact:figure_csv", args=["people"]), {"area": area.pk})
    assert "Hillside" not in got.content.decode("utf-8-sig")


def test_the_pdf_report_always_hides_small_numbers(manager, area, db):
    from dataclasses import replace

    from django.template.loader import render_to_string

    from alongside.impact.report import pdf_context as report_pdf_context

    for i in range(3):
        Person.objects.create(full_name=f"P{i}", area=area, status="active")
    # What the PDF is drawn from, for the same choice: the 3 supported people are hidden.
    html = render_to_string(
        "impact/report_pdf.html", report_pdf_context(replace(scope(), suppress=True))
    )
    assert cell(html, "Hillside", 1) == "hidden" and "Download this table" not in html
