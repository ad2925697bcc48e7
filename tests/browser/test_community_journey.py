"""An area's community life kept in a real browser: a coordinator records a community
conversation and what people said, adds what's great, adds a partner and a project, adds a
person who agreed to take part, and looks at the area's map; a manager sees the figures."""

from playwright.sync_api import Page, expect

from alongside.accounts.models import Area, Role, Team, User
from alongside.communities.models import CommunityConversation, ProjectPerson
from alongside.people import services as people
from alongside.people.models import Agreement, IntroducerKind
from tests.browser.test_connections_journey import sign_in
from tests.conftest import make_user


def test_a_coordinator_keeps_an_areas_profile_partners_and_projects(
    live_server, page: Page, screenshot
):
    team = Team.objects.create(name="North")
    area = Area.objects.create(name="Kirkstall", team=team, postcode_districts="LS5")
    make_user("priya@example.org", areas=[area])
    make_user("helen@example.org", role=Role.MANAGER, teams=[team])
    priya = User.objects.get(email="priya@example.org")
    intro = people.introduction_record(
        user=priya,
        person_data={"full_name": "Margaret Holroyd", "area": area},
        introduction_data={"introducer_kind": IntroducerKind.SELF, "agreement": Agreement.AGREES},
    )
    people.introduction_decide(
        user=priya, introduction=intro, decision="walking_alongside", expected_version=1
    )
    margaret = intro.person

    sign_in(page, live_server, "priya@example.org")
    page.get_by_role("link", name="Community", exact=True).first.click()
    expect(page.get_by_role("heading", name="Kirkstall", exact=True)).to_be_visible()
    page.get_by_role("link", name="Record a community conversation").click()
    page.get_by_label("Date").fill("2026-11-20")
    page.get_by_label("What it was").fill("Warm Welcome coffee morning")
    page.get_by_label("How many people took part").fill("lots")
    page.get_by_label("What's great about the area").fill("The abbey grounds\nThe hub")
    page.get_by_role("button", name="Save").click()
    expect(
        page.get_by_text("Enter how many people took part as a number, like 12").first
    ).to_be_visible()
    expect(page.get_by_label("What's great about the area")).to_have_value(
        "The abbey grounds\nThe hub"
    )
    page.get_by_label("How many people took part").fill("26")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("“The abbey grounds”", exact=True).first).to_be_visible()
    assert CommunityConversation.objects.get().people_there == 26

    page.get_by_role("link", name="Add to “what's great about the area”").click()
    page.get_by_label("In people's own words").fill("You can just turn up at the hub")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("“You can just turn up at the hub”").first).to_be_visible()
    screenshot("community-01-profile")

    page.get_by_role("link", name="Add a partner").click()
    page.get_by_label("Name").fill("Kirkstall Community Hub")
    page.get_by_label("Community group").check()
    page.get_by_label("What they offer").fill("The hall and a warm space")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("heading", name="Kirkstall Community Hub")).to_be_visible()
    page.get_by_text("Add a contact (work details only)").click()
    page.get_by_label("Name").fill("Bernie Walsh")
    page.get_by_label("Work email").fill("bernie@")
    page.get_by_role("button", name="Add").first.click()
    expect(page.get_by_text("Enter an email address, like name@example.org").first).to_be_visible()
    page.get_by_label("Work email").fill("info@hub.example")
    page.get_by_role("button", name="Add").first.click()
    expect(page.get_by_text("info@hub.example")).to_be_visible()
    screenshot("community-02-partner")

    page.goto(f"{live_server.url}/community/areas/{area.pk}/")
    page.get_by_role("link", name="Add a project").click()
    page.get_by_label("Name").fill("Saturday abbey walk")
    page.get_by_label("Started on").fill("2026-10-01")
    page.get_by_label("People who live here").check()
    page.get_by_label("Kirkstall Community Hub").check()
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("heading", name="Saturday abbey walk")).to_be_visible()

    page.goto(f"{live_server.url}/people/{margaret.pk}/community/")
    page.get_by_text("Add them to a project").click()
    joining = page.locator("details", has_text="Add them to a project")
    joining.get_by_label("Project").select_option(label="Saturday abbey walk")
    joining.get_by_label("Leads it").check()
    joining.get_by_label("When they agreed to be named").fill("2026-11-20")
    joining.get_by_label("How they agreed").fill("In person, at the coffee morning")
    joining.get_by_role("button", name="Add").click()
    joining = page.locator("details", has_text="Add them to a project")
    expect(joining.get_by_text("Record that the person agreed to be named").first).to_be_visible()
    joining.get_by_label("They agreed to their name being kept for this").check()
    joining.get_by_role("button", name="Add").click()
    expect(page.get_by_role("link", name="Saturday abbey walk")).to_be_visible()
    assert ProjectPerson.objects.get().person == margaret

    page.goto(f"{live_server.url}/community/areas/{area.pk}/map/")
    expect(page.get_by_role("heading", name="Community assets")).to_be_visible()
    expect(page.get_by_role("link", name="Kirkstall Community Hub")).to_be_visible()
    expect(page.get_by_role("link", name="Saturday abbey walk")).to_be_visible()
    screenshot("community-03-map")

    page.context.clear_cookies()  # signed out
    sign_in(page, live_server, "helen@example.org")
    page.goto(f"{live_server.url}/impact/?start=2026-01-01")
    section = page.locator("section", has=page.get_by_role("heading", name="Community projects"))
    expect(section).to_be_visible()
    row = section.locator("tbody tr", has_text="Kirkstall")
    expect(row).to_contain_text("1")
    screenshot("community-04-figures")
