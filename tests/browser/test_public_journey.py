"""The public front door in a real browser: someone finds their coordinator by postcode,
introduces themself, and the coordinator finds the introduction in their inbox."""

from playwright.sync_api import Page, expect

from alongside.accounts.models import Area, Team
from alongside.public.models import Coverage
from tests.conftest import PASSWORD, make_user


def test_someone_finds_their_coordinator_and_introduces_themself(
    live_server, page: Page, screenshot
):
    area = Area.objects.create(
        name="Hillside", team=Team.objects.create(name="North"), postcode_districts="LS6"
    )
    Coverage.objects.create(area=area, phone="0113 496 0100")
    make_user("priya@example.org", areas=[area])  # "Priya"
    problems = []
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.on(
        "response", lambda r: problems.append(f"{r.status} {r.url}") if r.status >= 400 else None
    )

    page.goto(live_server.url)
    page.get_by_label("Your postcode").fill("ls6 1ab")
    page.get_by_role("button", name="Find your coordinator").click()
    expect(page.get_by_role("heading", name="LS6 1AB is in Hillside")).to_be_visible()
    expect(page.get_by_text("Priya", exact=True)).to_be_visible()
    screenshot("01-your-coordinator")

    page.get_by_role(
        "link", name="Introduce yourself, or someone else with their agreement"
    ).click()
    page.get_by_label("Myself").check()
    page.get_by_label("Name", exact=True).fill("Dee Walker")
    page.get_by_label("Their postcode").fill("LS6 1AB")
    page.get_by_role("button", name="Send the introduction").click()  # forgot the rest
    expect(page.get_by_role("heading", name="There is a problem")).to_be_visible()
    expect(page).to_have_title("Error: Introduce yourself or someone else – Alongside")
    expect(page.get_by_label("Name", exact=True)).to_have_value("Dee Walker")  # kept
    page.get_by_label("Phone number", exact=True).fill("07700 900456")
    page.get_by_label("What is going on?").fill("New here, would like to meet people")
    page.get_by_label("The Local Area Coordinator may get in touch").check()
    page.get_by_label("I understand that what is written here is kept").check()
    page.get_by_role("button", name="Send the introduction").click()
    expect(page.get_by_role("heading", name="Introduction sent")).to_be_visible()
    expect(
        page.get_by_text("The Local Area Coordinator for Hillside will get in touch")
    ).to_be_visible()
    screenshot("02-sent")

    page.goto(f"{live_server.url}/login/")
    page.get_by_label("Email address").fill("priya@example.org")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.goto(f"{live_server.url}/introductions/")
    expect(page.get_by_text("Dee Walker")).to_be_visible()
    assert problems == []
