"""Every staff page takes a fixed number of queries, whatever the amount of data behind it.

Each page is read twice, with a little data (3 people) and with more (15 people, each with
conversations, gifts, steps, network members and measures); the number of queries must be
the same both times, and the number pinned here. A change that adds a query to a page
changes its number here, on purpose. (How long pages take is measured in ``bench/``.)
"""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from alongside.communities import services as communities
from alongside.communities.models import Partner
from alongside.connections import services as connections
from alongside.connections import services_records as connection_records
from alongside.networks import services as networks
from alongside.outcomes import services as outcomes
from alongside.outcomes.models import OrganisationSettings
from alongside.people import services as people
from alongside.people.models import Level
from tests.conftest import client_for

pytestmark = pytest.mark.usefixtures("fast_password_hashing")


def _person(owner, area, n: int):
    intro = people.introduction_record(
        user=owner,
        person_data={"full_name": f"Person {n}", "area": area, "postcode": "LS6 1AA"},
        introduction_data={
            "introducer_kind": "self",
            "agreement": "agrees",
            "whats_going_on": "A lot",
        },
    )
    person = intro.person
    if n % 3 == 0:
        return person  # waiting in the inbox
    people.introduction_decide(
        user=owner,
        introduction=intro,
        decision=Level.WALKING_ALONGSIDE,
        expected_version=intro.version,
    )
    who = {"user": owner, "person": person}
    for i in range(3):
        people.conversation_add(**who, notes=f"Talk {i}")
        people.gift_add(**who, description=f"Gift {i}")
        people.plan_step_add(**who, what=f"Step {i}", who="Me")
        networks.network_member_add(**who, label=f"Friend {i}", kind="friend", ring=2)
    people.family_member_add(**who, name="Kim", relationship="sister")
    for i, stage in enumerate(("suggested", "went_along", "still_connected")):
        connections.connection_add(
            **who,
            kind="group",
            name=f"Group {i}",
            stage=stage,
            on=timezone.localdate() - timedelta(days=40),
        )
    connection_records.contribution_add(**who, what="Leads the walk")
    connection_records.formal_service_add(**who, need="benefits", what="PIP", who_applied="person")
    connection_records.gap_add(**who, theme="food", looked_for="A lunch club")
    people.plan_review_add(**who, note="Going well")
    people.voice_entry_add(**who, kind="self", about="Repairs", with_whom="Housing")
    networks.network_snapshot_take(**who, taken_on=timezone.localdate() - timedelta(days=60))
    networks.network_snapshot_take(**who)
    outcomes.measure_record(
        **who,
        measure="ons4",
        taken_on=timezone.localdate() - timedelta(days=200),
        occasion="baseline",
        answers={"life_satisfaction": 5, "worthwhile": 6, "happiness": 5, "anxiety": 4},
    )
    _community(owner, area, person, n)
    return person


def _community(owner, area, person, n: int) -> None:
    """Community life in the area, growing with the people: an involvement and a project of
    the person's, a conversation, a partner."""
    today = timezone.localdate()
    agreed = {"agreed_on": today, "how_agreed": "In person"}
    communities.involvement_add(user=owner, person=person, values={"what": f"Help {n}", **agreed})
    communities.community_conversation_save(
        user=owner,
        conversation=None,
        values={"area": area, "on": today, "title": f"Talk {n}", "people_there": 5},
        said=[("great", f"Thing {n}"), ("together", f"Together {n}")],
    )
    partner = communities.partner_save(
        user=owner, partner=None, values={"area": area, "name": f"Partner {n}", "kind": "business"}
    )
    communities.partner_contact_add(user=owner, partner=partner, values={"name": f"Sam {n}"})
    communities.partner_event_add(user=owner, partner=partner, on=today, what="Met")
    communities.partner_contribution_add(
        user=owner, partner=partner, values={"kind": "space", "what": "A room"}
    )
    project = communities.project_save(
        user=owner,
        project=None,
        values={"area": area, "title": f"Project {n}", "started_on": today, "started_by": "people"},
        partners=[partner],
    )
    communities.project_update_add(user=owner, project=project, on=today, what="Going well")
    communities.project_person_add(
        user=owner, project=project, person=person, values={"role": "leads", **agreed}
    )


@pytest.fixture
def pages(owner, manager, commissioner, area):
    OrganisationSettings.objects.update_or_create(pk=1, defaults={"warwick_registration": "W1"})
    made = [_person(owner, area, n) for n in range(1, 4)]

    def grow():
        made.extend(_person(owner, area, n) for n in range(4, 16))

    return made, grow


def _count(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


# page -> (who reads it, the URL for the first person supported, the pinned number)
PAGES = {
    "people list": ("owner", lambda p: reverse("people:list")),
    "inbox": ("owner", lambda p: reverse("introductions:inbox")),
    "introduction": (
        "owner",
        lambda p: reverse("introductions:detail", args=[p.introductions.get().pk]),
    ),
    "person summary": ("owner", lambda p: reverse("people:summary", args=[p.pk])),
    "conversations": ("owner", lambda p: reverse("people:timeline", args=[p.pk])),
    "vision": ("owner", lambda p: reverse("people:vision", args=[p.pk])),
    "gifts": ("owner", lambda p: reverse("people:gifts", args=[p.pk])),
    "plan": ("owner", lambda p: reverse("people:plan", args=[p.pk])),
    "voice": ("owner", lambda p: reverse("people:voice", args=[p.pk])),
    "about me and my plan": ("owner", lambda p: reverse("people:about_me", args=[p.pk])),
    "about me and my plan (PDF)": (
        "owner",
        lambda p: reverse("people:about_me_pdf", args=[p.pk]),
    ),
    "change a conversation": (
        "owner",
        lambda p: reverse(
            "people:record_edit", args=[p.pk, "conversation", p.conversations.first().pk]
        ),
    ),
    "network": ("owner", lambda p: reverse("networks:network", args=[p.pk])),
    "network compare": ("owner", lambda p: reverse("networks:compare", args=[p.pk])),
    "outcomes": ("owner", lambda p: reverse("outcomes:outcomes", args=[p.pk])),
    "reviews due": ("owner", lambda p: reverse("outcomes:due")),
    "connections": ("owner", lambda p: reverse("connections:person", args=[p.pk])),
    "a connection": (
        "owner",
        lambda p: reverse("connections:detail", args=[p.pk, p.connections.order_by("pk")[1].pk]),
    ),
    "chances to contribute": ("owner", lambda p: reverse("connections:opportunities")),
    "gaps": ("manager", lambda p: reverse("connections:gaps")),
    "connections (team)": ("manager", lambda p: reverse("connections:team")),
    "shortlist": ("owner", lambda p: reverse("connections:shortlist", args=[p.pk])),
    "suggestions": ("owner", lambda p: reverse("connections:suggestions", args=[p.pk])),
    "my day": ("owner", lambda p: reverse("people:my_day")),
    "audit trail of a person": ("manager", lambda p: reverse("audit:person", args=[p.pk])),
    "audit trail of the team": ("manager", lambda p: reverse("audit:trail")),
    "team": ("manager", lambda p: reverse("people:team")),
    "community of an area": ("owner", lambda p: reverse("communities:area", args=[p.area_id])),
    "community assets": ("owner", lambda p: reverse("communities:map", args=[p.area_id])),
    "community conversations": (
        "owner",
        lambda p: reverse("communities:conversations", args=[p.area_id]),
    ),
    "partners": ("owner", lambda p: reverse("communities:partners")),
    "a partner": (
        "owner",
        lambda p: reverse("communities:partner", args=[Partner.objects.order_by("pk")[0].pk]),
    ),
    "projects": ("owner", lambda p: reverse("communities:projects")),
    "a project": (
        "owner",
        lambda p: reverse("communities:project", args=[p.projects.get().project_id]),
    ),
    "community of a person": ("owner", lambda p: reverse("communities:person", args=[p.pk])),
    "impact (manager)": ("manager", lambda p: reverse("impact:dashboard")),
    "impact (commissioner)": ("commissioner", lambda p: reverse("impact:dashboard")),
    "directory feed checks": ("administrator", lambda p: reverse("directory_import:checks")),
}

PINNED = {
    "people list": 9,
    "inbox": 12,
    "introduction": 11,
    "person summary": 17,
    "conversations": 12,
    "vision": 9,
    "gifts": 12,
    "plan": 11,
    "voice": 10,
    "about me and my plan": 11,
    "about me and my plan (PDF)": 11,
    "change a conversation": 10,
    "network": 11,
    "network compare": 11,
    "outcomes": 16,
    "reviews due": 8,
    "connections": 18,
    "a connection": 12,
    "chances to contribute": 7,
    "gaps": 7,
    "connections (team)": 12,
    "shortlist": 12,
    "suggestions": 22,
    "my day": 22,
    "audit trail of a person": 12,
    "audit trail of the team": 8,
    "team": 13,
    "community of an area": 16,
    "community assets": 13,
    "community conversations": 8,
    "partners": 8,
    "a partner": 12,
    "projects": 9,
    "a project": 12,
    "community of a person": 15,
    "impact (manager)": 59,
    "impact (commissioner)": 59,
    "directory feed checks": 9,
}


@pytest.mark.parametrize("name", PAGES)
def test_a_staff_page_takes_a_fixed_number_of_queries(
    name, pages, owner, manager, commissioner, administrator
):
    made, grow = pages
    role, url_for = PAGES[name]
    users = {
        "owner": owner,
        "manager": manager,
        "commissioner": commissioner,
        "administrator": administrator,
    }
    client = client_for(users[role])
    first = made[1]  # supported, with records
    small = _count(client, url_for(first))
    grow()
    large = _count(client, url_for(first))
    assert (name, small) == (name, large)
    assert (name, large) == (name, PINNED[name])
