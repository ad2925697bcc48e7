"""The community directory in a real browser: a coordinator searches near a postcode, sees the
results on a list and a map, and opens one; anyone does the same on the public pages."""

import re

import pytest
from playwright.sync_api import Page, expect

from alongside.accounts.models import Area, Team
from tests.conftest import PASSWORD, make_user
from tests.directory.test_search import load_leeds_postcodes, make_resources


@pytest.fixture
def directory(live_server, settings):
    # No tile server: the test must not depend on the network. The markers are drawn all
    # the same, on a plain background.
    settings.DIRECTORY_TILE_URL = ""
    load_leeds_postcodes()
    return make_resources()


def watch(page: Page) -> list[str]:
    """Console errors (a Content Security Policy refusal among them), script errors and
    failed requests, as they happen."""
    problems = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.on(
        "response", lambda r: problems.append(f"{r.status} {r.url}") if r.status >= 400 else None
    )
    return problems


def test_a_coordinator_searches_by_postcode_and_opens_a_result(
    live_server, directory, page: Page, screenshot
):
    area = Area.objects.create(name="Hillside", team=Team.objects.create(name="North"))
    make_user("kwame@example.org", areas=[area])
    problems = watch(page)

    page.goto(f"{live_server.url}/directory/")
    page.get_by_label("Email address").fill("kwame@example.org")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", name="Community resources", exact=True)).to_be_visible()
    expect(page.get_by_role("heading", name="4 community resources")).to_be_visible()

    page.get_by_label("Near postcode").fill("ls6 1ab")
    page.get_by_label("Within").select_option(label="2 miles")
    page.get_by_role("button", name="Search").click()
    expect(
        page.get_by_role(
            "heading", name="2 community resources within 2 miles of LS6 1AB, nearest first"
        )
    ).to_be_visible()
    results = page.get_by_role("list").filter(has_text="Knit and Natter")
    expect(results.locator(".app-listing")).to_have_count(2)
    expect(results.locator(".app-listing").first).to_contain_text("Knit and Natter")

    # The map: one numbered marker for each result, and the point searched from.
    expect(page.locator("#directory-map")).to_be_visible()
    expect(page.locator(".app-map-marker")).to_have_count(2)
    expect(page.get_by_role("button", name="1. Knit and Natter")).to_be_visible()
    screenshot("directory-01-near-a-postcode")

    page.get_by_role("link", name="Knit and Natter").click()
    expect(page.get_by_role("heading", name="Knit and Natter", level=1)).to_be_visible()
    expect(page.get_by_text("Tuesdays, 10am to midday")).to_be_visible()
    expect(page.get_by_text("Nobody has checked this listing yet")).to_be_visible()
    screenshot("directory-02-a-resource")

    page.get_by_role("button", name="Mark as checked today").click()
    expect(page.get_by_text("Knit and Natter is marked as checked today")).to_be_visible()
    expect(page.get_by_text(re.compile(r"Last checked on .* by Kwame"))).to_be_visible()
    assert problems == []


def test_anyone_finds_a_resource_near_their_postcode_without_signing_in(
    live_server, directory, page: Page, screenshot
):
    problems = watch(page)
    page.goto(f"{live_server.url}/find/")
    expect(page.get_by_role("heading", name="Find community resources")).to_be_visible()
    page.get_by_label("Near postcode").fill("LS6 1AB")
    page.get_by_label("Within").select_option(label="5 miles")
    page.get_by_role("button", name="Search").click()
    expect(page.get_by_role("heading", name=re.compile("^3 community resources"))).to_be_visible()
    expect(page.locator(".app-map-marker")).to_have_count(3)
    screenshot("directory-03-public-search")

    page.locator(".app-map-marker", has_text="3").click()  # the marker of Youth club
    page.locator(".leaflet-popup").get_by_role("link", name="3. Youth club").click()
    expect(page.get_by_role("heading", name="Youth club", level=1)).to_be_visible()
    expect(page.get_by_text("11 to 18")).to_be_visible()
    expect(page.get_by_text("Mark as checked")).to_have_count(0)
    screenshot("directory-04-public-resource")
    assert problems == []


def test_an_administrator_imports_a_file_and_sees_what_happened(
    live_server, page: Page, screenshot
):
    from pathlib import Path

    from alongside.accounts.models import Role
    from alongside.directory.models import Service

    make_user("sam@example.org", role=Role.ADMINISTRATOR, is_staff=True)
    problems = watch(page)
    page.goto(f"{live_server.url}/directory/import/")
    page.get_by_label("Email address").fill("sam@example.org")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()

    page.get_by_label("Short name of the directory").fill("hsds-example")
    page.get_by_label("HSDS JSON file").check()
    fixture = Path(__file__).parent.parent / "fixtures" / "directory" / "hsds-service-full.json"
    page.get_by_label("File", exact=True).set_input_files(fixture)
    screenshot("directory-05-import-form")
    page.get_by_role("button", name="Import", exact=True).click()

    expect(page.get_by_role("heading", name=re.compile("Import of hsds-example"))).to_be_visible()
    screenshot("directory-06-import-report")
    assert Service.objects.filter(source="hsds-example").count() == 1
    assert problems == []
