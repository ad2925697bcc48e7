"""A connection followed through, in a real browser: a coordinator takes up a suggestion,
puts another on the person's shortlist, records going along, finds the follow-up due on
My day, marks the connection still going at three months, and downloads the shortlist."""

from datetime import timedelta

from django.utils import timezone
from playwright.sync_api import Page, expect

from alongside.accounts.models import Area, Team
from alongside.connections.models import Connection, ConnectionStage
from alongside.directory.models import CostOption, Organization, Service
from alongside.people import services as people
from alongside.people.models import Agreement, GiftTerm, IntroducerKind
from tests.conftest import PASSWORD, make_user


def sign_in(page: Page, live_server, email: str) -> None:
    page.goto(f"{live_server.url}/login/")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()


def test_a_suggestion_taken_up_followed_up_on_my_day_and_sustained(
    live_server, page: Page, screenshot
):
    team = Team.objects.create(name="North")
    area = Area.objects.create(name="Kirkstall", team=team, postcode_districts="LS5")
    priya = make_user("priya@example.org", areas=[area])
    intro = people.introduction_record(
        user=priya,
        person_data={"full_name": "Margaret Holroyd", "area": area},
        introduction_data={"introducer_kind": IntroducerKind.SELF, "agreement": Agreement.AGREES},
    )
    people.introduction_decide(
        user=priya, introduction=intro, decision="walking_alongside", expected_version=1
    )
    margaret = intro.person
    people.gift_add(user=priya, person=margaret, term=GiftTerm.objects.get(name="Singing"))
    people.gift_add(user=priya, person=margaret, term=GiftTerm.objects.get(name="Knitting"))
    hub = Organization.objects.create(name="Kirkstall Community Hub")
    choir = Service.objects.create(
        organization=hub, name="Sing Your Heart Out", description="A friendly singing group"
    )
    CostOption.objects.create(service=choir, amount=0)
    Service.objects.create(
        organization=hub, name="Knit and Natter", description="Knitting and a cuppa"
    )

    sign_in(page, live_server, "priya@example.org")
    page.goto(f"{live_server.url}/people/{margaret.pk}/connections/")
    page.get_by_role("link", name="Ideas for Margaret").click()
    expect(page.get_by_text("likes singing").first).to_be_visible()
    screenshot("connections-01-suggestions")
    ideas = page.get_by_role("listitem")
    ideas.filter(has_text="Knit and Natter").get_by_role("button", name="Put on shortlist").click()
    expect(page.get_by_text("Knit and Natter is on Margaret's shortlist")).to_be_visible()
    ideas.filter(has_text="Sing Your Heart Out").get_by_role("button", name="Suggest it").click()
    expect(page.get_by_text("Sing Your Heart Out suggested to Margaret")).to_be_visible()

    # Three months pass: she was told about it back then.
    long_ago = timezone.localdate() - timedelta(days=100)
    connection = Connection.objects.get(person=margaret)
    Connection.objects.filter(pk=connection.pk).update(stage_on=long_ago)
    ConnectionStage.objects.filter(connection=connection).update(on=long_ago)

    page.goto(f"{live_server.url}/people/{margaret.pk}/connections/")
    page.get_by_role("link", name="Sing Your Heart Out").click()
    page.get_by_label("Went along").check()
    went = timezone.localdate() - timedelta(days=95)
    page.get_by_label("Date").fill(went.isoformat())
    page.get_by_label("How it went").fill("Went with her the first time; she loved it")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Connection moved on")).to_be_visible()

    page.get_by_role("link", name="My day").click()
    follow_ups = page.get_by_role("region", name="Connections to follow up")
    expect(follow_ups.get_by_text("Margaret Holroyd: Sing Your Heart Out").first).to_be_visible()
    screenshot("connections-02-my-day")
    follow_ups.get_by_role("link", name="Margaret Holroyd: Sing Your Heart Out").first.click()
    page.get_by_label("Still connected").check()
    page.get_by_label("How it went").fill("Still going every Friday")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Sustained").first).to_be_visible()
    screenshot("connections-03-sustained")
    assert Connection.objects.get(pk=connection.pk).sustained_on == timezone.localdate()

    page.goto(f"{live_server.url}/people/{margaret.pk}/shortlist/")
    expect(page.get_by_role("heading", name="Knit and Natter")).to_be_visible()
    screenshot("connections-04-shortlist")
    with page.expect_download() as download:
        page.get_by_role("link", name="Download as PDF").click()
    pdf = download.value
    assert pdf.suggested_filename == "shortlist-margaret.pdf"
    path = screenshot("connections-05-shortlist").parent / "shortlist-margaret.pdf"
    pdf.save_as(path)
    assert path.read_bytes().startswith(b"%PDF-")
