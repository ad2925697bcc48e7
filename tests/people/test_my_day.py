"""My day: where a coordinator lands, and what today needs."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from alongside.audit.models import Action, AuditEntry
from alongside.outcomes.models import OrganisationSettings
from alongside.people import services
from alongside.people.models import Level
from tests.conftest import client_for

MY_DAY = reverse("people:my_day")


def supported(person, owner):
    services.introduction_decide(
        user=owner,
        introduction=person.introductions.get(),
        decision=Level.WALKING_ALONGSIDE,
        expected_version=1,
    )
    person.refresh_from_db()
    return person


def test_coordinators_land_on_my_day_after_signing_in(owner_client):
    response = owner_client.get("/", follow=True)
    assert response.redirect_chain[-1][0] == MY_DAY
    assert "My day" in response.content.decode()


def test_my_day_shows_new_introductions_urgent_first(owner, owner_client, area):
    for name, urgent in (("Calm Case", False), ("Pressing Need", True)):
        services.introduction_record(
            user=owner,
            person_data={"full_name": name, "area": area},
            introduction_data={"introducer_kind": "self", "agreement": "agrees", "urgent": urgent},
        )
    page = owner_client.get(MY_DAY).content.decode()
    assert page.index("Pressing Need") < page.index("Calm Case")
    assert "Urgent" in page


def test_my_day_shows_steps_due_and_overdue_and_audits_what_it_showed(person, owner, owner_client):
    supported(person, owner)
    today = timezone.localdate()
    late = services.plan_step_add(
        user=owner,
        person=person,
        what="Ring the allotment society",
        who="Ann",
        by_when=today - timedelta(days=2),
    )
    services.plan_step_add(
        user=owner,
        person=person,
        what="Next month's thing",
        who="Ann",
        by_when=today + timedelta(days=30),
    )
    page = owner_client.get(MY_DAY).content.decode()
    assert "Ring the allotment society" in page and "Overdue" in page
    assert "Next month&#x27;s thing" not in page and "Next month's thing" not in page
    assert AuditEntry.objects.filter(
        action=Action.VIEWED, record_type="plan_step", record_id=late.pk, fields=["what"]
    ).exists()


def test_my_day_lists_people_not_in_touch_lately(person, owner, owner_client):
    supported(person, owner)
    page = owner_client.get(MY_DAY).content.decode()
    assert "Not in touch for 6 weeks" in page and "Ann Example" in page
    services.conversation_add(user=owner, person=person, notes="Caught up")
    page = owner_client.get(MY_DAY).content.decode()
    assert "You have been in touch with everyone you support lately" in page


def test_my_day_lists_reviews_due(person, owner, owner_client):
    OrganisationSettings.objects.update_or_create(pk=1, defaults={"warwick_registration": "W"})
    supported(person, owner)
    page = owner_client.get(MY_DAY).content.decode()
    assert "Wellbeing measures due" in page and "A first measure" in page


def test_my_day_shows_what_colleagues_changed_since_last_time(person, owner, colleague):
    supported(person, owner)
    owner_client = client_for(owner)
    owner_client.get(MY_DAY)  # looked just now
    services.conversation_add(user=colleague, person=person, notes="Saw Ann at the cafe")
    page = owner_client.get(MY_DAY).content.decode()
    assert "Colleague added a conversation" in page
    page = owner_client.get(MY_DAY).content.decode()
    assert "Colleague added a conversation" not in page  # seen now


def test_a_manager_sees_the_teams_day(person, owner, manager):
    supported(person, owner)
    page = client_for(manager).get(MY_DAY).content.decode()
    assert "Your team today" in page and "Ann Example" in page


def test_my_day_shows_nobody_from_another_team(person, owner, outsider):
    supported(person, owner)
    page = client_for(outsider).get(MY_DAY).content.decode()
    assert "Ann Example" not in page


@pytest.mark.usefixtures("fast_password_hashing")
def test_my_day_takes_a_fixed_number_of_queries(owner, area, django_assert_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_for(owner)
    OrganisationSettings.current()  # made once, before either reading

    def grow(n, start):
        for i in range(start, start + n):
            intro = services.introduction_record(
                user=owner,
                person_data={"full_name": f"P{i}", "area": area},
                introduction_data={"introducer_kind": "self", "agreement": "agrees"},
            )
            if i % 2:
                services.introduction_decide(
                    user=owner, introduction=intro, decision="short_term", expected_version=1
                )
                services.plan_step_add(
                    user=owner,
                    person=intro.person,
                    what=f"Step {i}",
                    who="Me",
                    by_when=timezone.localdate(),
                )

    grow(4, 0)
    with CaptureQueriesContext(connection) as small:
        assert client.get(MY_DAY).status_code == 200
    grow(20, 4)
    with CaptureQueriesContext(connection) as large:
        assert client.get(MY_DAY).status_code == 200
    assert (len(small), len(large)) == (22, 22)
