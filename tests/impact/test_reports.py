"""Reports made in the background: asked for from the dashboard, made by the worker with
its progress shown, kept for their owner to download for a while, every download recorded."""

import io
from datetime import timedelta
from decimal import Decimal

import openpyxl
import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from alongside.impact.models import Download, PriceIndex, Report, ReportStatus
from alongside.impact.services import report_make, reports_clear
from alongside.outcomes.models import CrisisAvoided, UnitCost
from alongside.people.models import Person
from tests.conftest import client_for


def ask(client, format, **choices):
    """Ask for a report; the page it sends you to."""
    response = client.post(reverse("impact:report_ask"), {"format": format, **choices})
    assert response.status_code == 302, response
    return response["Location"]


def download(client, page):
    made = Report.objects.get(pk=page.rstrip("/").split("/")[-1])
    return client.get(reverse("impact:download", args=[made.pk]))


def test_a_manager_asks_for_the_pdf_and_downloads_it_with_small_numbers_hidden(manager, area):
    for i in range(3):
        Person.objects.create(full_name=f"P{i}", area=area, status="active")
    client = client_for(manager)
    page = ask(client, "pdf")
    shown = client.get(page).content.decode()
    assert "Ready" in shown and "Download the PDF report" in shown and "alongside-report-" in shown
    assert "Small numbers" in shown and "Hidden: every count" in shown
    assert not Download.objects.exists()  # made is not downloaded
    response = download(client, page)
    assert response["Content-Type"] == "application/pdf" and "no-store" in response["Cache-Control"]
    assert response.content.startswith(b"%PDF")
    kept = Download.objects.get()
    assert (kept.user, kept.format, kept.small_numbers_hidden, kept.areas) == (
        manager,
        "pdf",
        True,
        "Hillside",
    )
    download(client, page)
    assert Download.objects.count() == 2  # every download is in the trail


def test_the_workbook_is_every_figure_as_the_user_sees_them(manager, area):
    Person.objects.create(full_name="Only one", area=area, status="active")
    client = client_for(manager)
    page = ask(client, "xlsx", start="2026-01-01", end="2026-11-30")
    book = openpyxl.load_workbook(io.BytesIO(download(client, page).content))
    assert book.sheetnames[0] == "About these figures"
    about = {row[0].value: row[1].value for row in book["About these figures"].iter_rows()}
    assert (about["From"], about["To"]) == ("2026-01-01", "2026-11-30")
    people = book[next(n for n in book.sheetnames if n.startswith("People, by area"))]
    assert [c.value for c in people[2]] == ["Hillside", 0, 1, 0, 0, 1]  # a manager: in full


def test_the_period_is_settled_when_asked_not_when_made(manager, area):
    client = client_for(manager)
    ask(client, "xlsx")  # the last 12 months, as of today
    made = Report.objects.get()
    today = timezone.localdate()
    assert made.choices["end"] == today.isoformat() and made.end == today


def test_only_managers_ask_for_the_extract_and_nobody_else_sees_a_report(
    manager, other_manager, commissioner, owner, area
):
    assert client_for(commissioner).post(
        reverse("impact:report_ask"), {"format": "zip"}
    ).status_code in (403, 404)
    assert client_for(owner).post(reverse("impact:report_ask"), {"format": "pdf"}).status_code in (
        403,
        404,
    )
    assert client_for(manager).post(
        reverse("impact:report_ask"), {"format": "docx"}
    ).status_code in (403, 404)
    page = ask(client_for(manager), "zip")
    made = Report.objects.get()
    assert made.status == ReportStatus.READY and made.file_name.endswith(".zip")
    for someone in (other_manager, commissioner):
        client = client_for(someone)
        assert client.get(page).status_code == 404
        assert client.get(reverse("impact:download", args=[made.pk])).status_code == 404
        assert "Evaluator" not in client.get(reverse("impact:dashboard")).content.decode()
    assert not Download.objects.exists()


def test_the_dashboard_lists_your_reports_and_asking_needs_a_post(manager, area):
    client = client_for(manager)
    assert client.get(reverse("impact:report_ask")).status_code == 405
    page = client.get(reverse("impact:dashboard")).content.decode()
    assert "Your reports" not in page and "kept for you to download for 48 hours" in page
    ask(client, "pdf")
    page = client.get(reverse("impact:dashboard")).content.decode()
    assert "Your reports" in page and "PDF report" in page and "Ready" in page


def test_a_report_is_kept_for_the_configured_time_then_gone(manager, area, settings):
    settings.ALONGSIDE_REPORTS_KEPT_HOURS = 2
    client = client_for(manager)
    page = ask(client, "pdf")
    made = Report.objects.get()
    assert made.kept_until - made.asked_at == pytest.approx(timedelta(hours=2), abs=timedelta(1))
    Report.objects.update(kept_until=timezone.now() - timedelta(seconds=1))
    assert client.get(page).status_code == 404
    assert download(client, page).status_code == 404
    out = io.StringIO()
    call_command("impact_reports_clear", stdout=out)
    assert "Deleted 1 report kept past their time." in out.getvalue()
    assert not Report.objects.exists()


def test_asking_again_clears_reports_kept_past_their_time(manager, area):
    client = client_for(manager)
    ask(client, "pdf")
    Report.objects.update(kept_until=timezone.now() - timedelta(seconds=1))
    ask(client, "xlsx")
    assert list(Report.objects.values_list("format", flat=True)) == ["xlsx"]
    assert reports_clear() == 0


def test_progress_is_shown_while_the_worker_makes_it(manager, area, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    client = client_for(manager)
    page = ask(client, "pdf")
    made = Report.objects.get()
    assert made.status == ReportStatus.WAITING
    shown = client.get(page).content.decode()
    assert "Waiting for its turn" in shown and "<progress" in shown and "hx-get" in shown
    polled = client.get(page, headers={"HX-Request": "true"})
    assert "report-progress" in polled.content.decode() and "<html" not in polled.content.decode()

    report_make(report_id=str(made.pk))  # what the worker does
    made.refresh_from_db()
    assert made.status == ReportStatus.READY and made.progress_done == made.progress_total > 10
    assert client.get(page, headers={"HX-Request": "true"})["HX-Refresh"] == "true"
    report_make(report_id=str(made.pk))  # made once only
    assert Report.objects.get().finished_at == made.finished_at


def test_choices_that_cannot_be_counted_keep_what_was_typed_and_say_why(manager, area):
    client = client_for(manager)
    response = client.post(
        reverse("impact:report_ask"),
        {"format": "pdf", "start": "2026-05-01", "end": "2026-04-01"},
        follow=True,
    )
    page = response.content.decode()
    assert "Enter a last day on or after the first day" in page
    assert "Correct what is chosen below" in page and 'value="2026-05-01"' in page
    assert not Report.objects.exists()


def test_a_report_fails_with_a_reason_if_its_areas_are_no_longer_yours(manager, area, other_team):
    from alongside.impact.services import report_ask

    made = report_ask(user=manager, format="xlsx", choices={"area": area.pk})
    assert made.status == ReportStatus.WAITING  # for the worker
    area.team = other_team
    area.save()
    report_make(report_id=str(made.pk))
    made.refresh_from_db()
    assert made.status == ReportStatus.FAILED and "Select a valid choice" in made.failure
    page = client_for(manager).get(reverse("impact:report", args=[made.pk])).content.decode()
    assert "The report could not be made" in page and "Download" not in page


def test_a_report_that_goes_wrong_says_so_and_asks_to_try_again(manager, area, monkeypatch):
    from alongside.impact import report

    def broken(*args, **kwargs):
        raise RuntimeError("the database went away")

    monkeypatch.setattr(report, "tables_of", broken)
    page = ask(client_for(manager), "pdf")
    made = Report.objects.get()
    assert made.status == ReportStatus.FAILED and "Ask for it again" in made.failure
    assert "database went away" not in client_for(manager).get(page).content.decode()


def test_money_is_put_in_the_prices_of_the_year_chosen(manager, area, commissioner):
    person = Person.objects.create(full_name="P", area=area)
    CrisisAvoided.objects.create(
        person=person,
        on=timezone.localdate() - timedelta(days=10),
        likely_event=UnitCost.objects.get(code="ae_attendance"),  # 273.00 in 2023/24
        quantity=6,
        why_likely="Said so",
        instead="Support",
        confidence="high",
    )
    PriceIndex.objects.create(year="2023/24", index=Decimal("100"), source="test")
    PriceIndex.objects.create(year="2024/25", index=Decimal("120"), source="test")
    client = client_for(manager)
    page = client.get(reverse("impact:dashboard"), {"prices": "2024/25"}).content.decode()
    assert "at 2024/25 prices" in page and "£327.60" in page  # 273 x 120/100
    assert '<option value="2024/25" selected>2024/25</option>' in page
    page = client.get(reverse("impact:dashboard"), {"prices": "1999/00"}).content.decode()
    assert "Choose a year the price index has" in page
