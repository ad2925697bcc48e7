"""A coordinator and a person build their network, keep it at a review, grow it and compare."""

import re

from playwright.sync_api import Page, expect

from alongside.accounts.models import Area, Team
from alongside.networks.services import network_member_add
from alongside.networks.ties import Kind, Ring
from alongside.people import services
from alongside.people.models import Agreement, IntroducerKind
from tests.conftest import PASSWORD, make_user


def sign_in_to_network(live_server, page: Page, *, members=()):
    team = Team.objects.create(name="North")
    area = Area.objects.create(name="Hillside", team=team)
    user = make_user("kwame@example.org", areas=[area])
    person = services.introduction_record(
        user=user,
        person_data={"full_name": "Margaret Hale", "area": area},
        introduction_data={"introducer_kind": IntroducerKind.SELF, "agreement": Agreement.AGREES},
    ).person
    for label, kind, ring in members:
        network_member_add(user=user, person=person, label=label, kind=kind, ring=ring)
    page.goto(f"{live_server.url}/people/{person.pk}/network/")
    page.get_by_label("Email address").fill("kwame@example.org")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", name="Who is in Margaret's life")).to_be_visible()
    return person


def add(page: Page, label: str, kind: str, ring: str):
    panel = page.locator(".app-panel").first
    panel.get_by_label("Name or description").fill(label)
    panel.get_by_label("Kind of relationship").select_option(label=kind)
    panel.get_by_label(ring, exact=True).check()
    panel.get_by_role("button", name="Add to the network").click()
    expect(page.locator("svg title", has_text=label)).to_be_attached()


def test_building_keeping_and_comparing_a_network(live_server, page: Page, screenshot):
    sign_in_to_network(live_server, page)
    expect(page.get_by_text("No one yet").first).to_be_visible()
    screenshot("network-01-no-one-yet")

    add(page, "Daughter, Sarah", "Family", "Inner circle")
    screenshot("network-02-one-member")
    add(page, "Neighbour at 14", "Neighbours", "Around")
    add(page, "Dr Okafor (GP)", "Paid workers and professionals", "Paid or formal")
    expect(page.get_by_role("table")).to_contain_text("Neighbour at 14")

    page.get_by_label("Date of the review").fill("2026-01-10")
    page.get_by_role("button", name="Keep it").click()
    expect(page.get_by_text("has been kept for comparing later")).to_be_visible()

    add(page, "Tuesday choir", "Community groups", "Close")
    add(page, "Sam from the food bank", "Friends", "Around")
    page.get_by_role("button", name=re.compile(r"^Closer\W+Neighbour at 14")).click()
    row = page.get_by_role("row").filter(has_text="Neighbour at 14")
    expect(row).to_contain_text("Close")
    screenshot("network-03-five-members")

    page.get_by_role("link", name="Compare over time").click()
    expect(page.get_by_role("heading", name="How Margaret's network has changed")).to_be_visible()
    main = page.locator("main")
    expect(main).to_contain_text("Tuesday choir")
    expect(main).to_contain_text("Sam from the food bank")
    expect(main).to_contain_text("Neighbour at 14")
    expect(page.locator("table")).to_contain_text("10 January 2026")
    screenshot("network-04-compare")


def test_a_network_of_forty_stays_readable(live_server, page: Page, screenshot):
    kinds = list(Kind.values)
    labels = [
        "Mum",
        "Dad",
        "Auntie Jo",
        "Cousin Dev",
        "Grandson Tom",
        "Neighbour at 14",
        "Mrs Patel upstairs",
        "Tuesday walking group",
        "Dr Okafor (GP)",
        "Sam from the food bank",
        "Lee (support worker)",
        "Church choir",
        "Mosque youth group",
        "Bowls club",
        "Online gardening forum",
        "WhatsApp: street group",
        "Colleague Priya",
        "Night-class tutor",
        "Best friend Ruth",
        "Old school friend Jas",
        "Library volunteers",
        "Allotment society",
        "Housing officer",
        "Social worker Ana",
        "Pharmacist",
        "Football mates",
        "Friday café regulars",
        "Neighbour at 9",
        "Brother Kev",
        "Sister-in-law Mo",
        "Repair café",
        "Men's shed",
        "Discord: board games",
        "Vicar Helen",
        "Imam Yusuf",
        "Work buddy Carl",
        "College mentor",
        "Nurse at the clinic",
        "Friend from the bus",
        "Park run crew",
    ]
    members = [
        (label, kinds[i % len(kinds)], Ring.values[(i * 3) % 4]) for i, label in enumerate(labels)
    ]
    sign_in_to_network(live_server, page, members=members)
    expect(page.locator("svg text", has_text="Park run crew")).to_be_attached()
    page.locator("figure.app-network-map").screenshot(
        path=screenshot("network-40-members-page").parent / "network-40-members-map.png"
    )
