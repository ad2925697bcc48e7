"""No introduction lost, nobody twice, in a real browser: a phone introduction meets a
possible duplicate in another area and is handed over there; that area's coordinator finds it
on My day, decides it, and merges a duplicate."""

from playwright.sync_api import Page, expect

from alongside.accounts.models import Area, Team
from alongside.people import services
from alongside.people.models import Agreement, IntroducerKind, Person
from tests.conftest import PASSWORD, make_user


def sign_in(page: Page, live_server, email: str) -> None:
    page.goto(f"{live_server.url}/login/")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()


def test_an_introduction_is_handed_over_found_on_my_day_decided_and_merged(
    live_server, page: Page, screenshot, browser
):
    north = Team.objects.create(name="North")
    south = Team.objects.create(name="South")
    headingley = Area.objects.create(name="Headingley", team=north, postcode_districts="LS6")
    kirkstall = Area.objects.create(name="Kirkstall", team=south, postcode_districts="LS5")
    make_user("priya@example.org", areas=[headingley])
    joanne = make_user("joanne@example.org", areas=[kirkstall])
    known = services.introduction_record(
        user=joanne,
        person_data={"full_name": "Helen Smith", "phone": "07700 900896", "area": kirkstall},
        introduction_data={"introducer_kind": IntroducerKind.SELF, "agreement": Agreement.AGREES},
    )
    services.introduction_decide(
        user=joanne, introduction=known, decision="walking_alongside", expected_version=1
    )

    # Priya takes a phone call about someone who lives in Kirkstall.
    sign_in(page, live_server, "priya@example.org")
    expect(page.get_by_role("heading", name="My day")).to_be_visible()
    page.get_by_role("link", name="Record an introduction").click()
    page.get_by_label("Their full name").fill("Helen Smith")
    page.get_by_label("Their phone number").fill("07700900896")
    page.get_by_label("Postcode").fill("ls5 3aa")
    page.get_by_label("Who introduced them", exact=True).select_option("health")
    page.get_by_label("Yes, they know and agree").check()
    page.get_by_role("button", name="Save introduction").click()
    expect(page.get_by_text("We may know this person already")).to_be_visible()
    expect(page.get_by_text("Kirkstall: ask")).to_be_visible()
    expect(
        page.get_by_text("LS5 3AA is in Kirkstall, which you do not work in").first
    ).to_be_visible()
    screenshot("01-duplicate-elsewhere-and-hand-over")
    page.get_by_role("button", name="Hand it over to Kirkstall").click()
    expect(page.get_by_text("Introduction handed over to Kirkstall")).to_be_visible()
    expect(page.get_by_text("Not opened yet")).to_be_visible()
    assert "Helen Smith" not in page.content()

    # Joanne finds it on My day, opens and decides it.
    other = browser.new_context(viewport={"width": 390, "height": 900})
    phone = other.new_page()
    sign_in(phone, live_server, "joanne@example.org")
    expect(phone.get_by_role("heading", name="My day")).to_be_visible()
    phone.get_by_role("region", name="New introductions").get_by_role(
        "link", name="Helen Smith"
    ).click()
    expect(phone.get_by_text("Handed over from Headingley")).to_be_visible()
    phone.get_by_label("A connection").check()
    phone.get_by_role("button", name="Save").click()
    phone.screenshot(path=str(screenshot("03-decided").parent / "03-decided-phone.png"))
    new = Person.objects.exclude(pk=known.person_id).get(full_name="Helen Smith")
    assert new.area == kirkstall and new.status == "active"

    # The same Helen twice: Joanne merges the new record into the one she knew.
    phone.goto(f"{live_server.url}/people/{known.person_id}/merge/")
    phone.get_by_role("link", name="Compare with Helen Smith").click()
    phone.get_by_label("Why are they the same person?").fill("Introduced again by her GP")
    phone.get_by_role("button", name="Merge the records").click()
    expect(phone.get_by_text("record is merged into this one")).to_be_visible()
    assert known.person.introductions.count() == 2
    phone.goto(f"{live_server.url}/people/{new.pk}/")
    assert phone.url.rstrip("/").endswith(f"/people/{known.person_id}")
    other.close()

    page.reload()
    expect(page.get_by_text("Arrived")).to_be_visible()
