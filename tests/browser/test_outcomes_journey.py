"""A coordinator records SWEMWBS with a person at the start and at a review, and sees the
change on the person's outcomes page."""

from datetime import timedelta

from django.utils import timezone
from playwright.sync_api import Page, expect

from alongside.accounts.models import Area, Team
from alongside.outcomes.measures import MEASURES
from alongside.outcomes.models import OrganisationSettings
from alongside.people import services
from alongside.people.models import Agreement, IntroducerKind
from tests.conftest import PASSWORD, make_user


def answer_swemwbs(page: Page, answer: str, occasion: str, on=None) -> None:
    page.get_by_role("link", name="(SWEMWBS)").click()
    if on:
        page.get_by_label("Date").fill(on.isoformat())
    page.get_by_label(occasion).check()
    for item in MEASURES["swemwbs"].items:
        page.get_by_role("group", name=item.text).get_by_label(answer, exact=True).check()
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("saved. SWEMWBS metric score")).to_be_visible()


def test_recording_swemwbs_at_the_start_and_at_a_review_shows_the_change(
    live_server, page: Page, screenshot
):
    settings = OrganisationSettings.current()
    settings.warwick_registration = "WEMWBS-TEST-1"
    settings.save()
    team = Team.objects.create(name="North")
    area = Area.objects.create(name="Hillside", team=team)
    user = make_user("joanne@example.org", areas=[area])
    person = services.introduction_record(
        user=user,
        person_data={"full_name": "Delroy Asante", "area": area},
        introduction_data={"introducer_kind": IntroducerKind.SELF, "agreement": Agreement.AGREES},
    ).person

    page.goto(f"{live_server.url}/people/{person.pk}/outcomes/")
    page.get_by_label("Email address").fill("joanne@example.org")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", name="Wellbeing and loneliness")).to_be_visible()

    answer_swemwbs(page, "Rarely", "At the start", on=timezone.localdate() - timedelta(days=100))
    page.get_by_role("link", name="(SWEMWBS)").click()
    expect(page.get_by_text("University of Warwick")).to_be_visible()
    screenshot("outcomes-01-swemwbs-form")
    page.go_back()
    answer_swemwbs(page, "Often", "At a review")

    expect(page.get_by_text("a meaningful improvement")).to_be_visible()
    expect(page.locator(".app-chart svg").first).to_be_visible()
    screenshot("outcomes-02-change")
