"""The foundation journey in a real browser: a coordinator takes an introduction by phone and
starts walking alongside the person."""

import re

from playwright.sync_api import Page, expect

from alongside.accounts.models import Area, Team
from alongside.people.models import Person
from tests.conftest import PASSWORD, make_user


def test_a_coordinator_takes_an_introduction_and_walks_alongside(
    live_server, page: Page, screenshot
):
    team = Team.objects.create(name="North")
    area = Area.objects.create(name="Hillside", team=team, postcode_districts="LS6")
    make_user("priya@example.org", areas=[area])
    problems = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.on(
        "response", lambda r: problems.append(f"{r.status} {r.url}") if r.status >= 400 else None
    )

    page.goto(live_server.url)  # the public home page, with a way in for staff
    expect(page.get_by_role("heading", name="Local Area Coordination", exact=True)).to_be_visible()
    page.get_by_role("link", name="Staff sign in").first.click()
    expect(page.get_by_role("heading", name="Sign in to Alongside")).to_be_visible()
    screenshot("01-sign-in")
    page.get_by_label("Email address").fill("Priya@Example.org")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", name="My day")).to_be_visible()
    expect(page.get_by_text("No introductions are waiting in your areas.")).to_be_visible()

    # A phone call: the quick capture form.
    page.get_by_role("link", name="Record an introduction").click()
    page.get_by_label("Their full name").fill("Margaret Hale")
    page.get_by_label("Their phone number").fill("07700 900461")
    page.get_by_label("Postcode").fill("ls6 3hn")
    page.get_by_label("Who introduced them", exact=True).select_option("health")
    page.get_by_label("Name of who introduced them").fill("Dr Patel, Woodhouse Surgery")
    page.get_by_label("What's going on for them").fill(
        "Lonely since moving here; her daughter lives in Bristol."
    )
    page.get_by_label("Yes, they know and agree").check()
    screenshot("02-quick-introduction")
    page.get_by_role("button", name="Save introduction").click()
    expect(page.get_by_role("heading", name="Margaret Hale")).to_be_visible()

    # After the first conversation: walking alongside.
    page.get_by_label("Walking alongside").check()
    screenshot("03-decide")
    page.get_by_role("button", name="Save decision").click()
    expect(page.get_by_text("Decision saved")).to_be_visible()
    expect(page.locator(".govuk-tag", has_text="Walking alongside")).to_be_visible()

    page.get_by_role("link", name="Add a conversation").first.click()
    page.get_by_label("Phone").check()
    page.get_by_label("How long (minutes)").fill("40")
    page.get_by_label("Notes").fill("Margaret loves choirs and used to sing at church.")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Margaret loves choirs")).to_be_visible()
    screenshot("04-conversations")

    page.get_by_role("link", name="Good life").click()
    page.get_by_role("link", name="Write or change").click()
    page.get_by_label("What matters to them").fill("Seeing my grandchildren; singing again.")
    page.get_by_label("Their vision of a good life").fill(
        "I want to sing in a choir and have friends I can call on."
    )
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("sing in a choir")).to_be_visible()

    page.get_by_role("link", name="Gifts").click()
    page.get_by_label("In their words").fill("A beautiful singing voice")
    page.get_by_role("button", name="Add").click()
    expect(page.get_by_text("Gift added")).to_be_visible()
    page.get_by_label("Skill").check()
    page.get_by_label("In their words").fill("Bakes for the whole street")
    page.get_by_role("button", name="Add").click()
    expect(page.get_by_role("term").filter(has_text="Bakes for the whole street")).to_be_visible()
    screenshot("05-gifts")

    page.get_by_role("link", name="Plan").click()
    page.get_by_label("What", exact=True).fill("Go to the Tuesday community choir together")
    page.get_by_label("Who").fill("Margaret and Priya")
    page.get_by_role("button", name="Add step").click()
    expect(page.get_by_role("link", name="Go to the Tuesday community choir")).to_be_visible()
    screenshot("06-plan")

    page.get_by_role("link", name="Summary").click()
    summary = page.locator("main")
    for text in [
        "Margaret Hale",
        "07700 900461",
        "LS6 3HN",
        "Walking alongside",
        "Seeing my grandchildren",
        "A beautiful singing voice",
        "Bakes for the whole street",
        "Go to the Tuesday community choir together",
        "Conversation: phone",
    ]:
        expect(summary).to_contain_text(text)
    screenshot("07-person-summary")
    page.set_viewport_size({"width": 390, "height": 844})
    screenshot("08-person-summary-phone")
    assert Person.objects.get().coordinator.email == "priya@example.org"
    assert problems == [], "the browser reported errors (a Content-Security-Policy block?)"
    assert re.search(r"/people/\d+/$", page.url)
