"""A coordinator's day, page by page: what each action shows and saves."""

import pytest
from django.urls import reverse

from alongside.people import services
from alongside.people.models import (
    Gift,
    GiftTerm,
    Introduction,
    Level,
    Person,
    PlanReview,
    Status,
    VoiceEntry,
)
from tests.conftest import client_for


def decide(person, user):
    intro = person.introductions.get()
    services.introduction_decide(
        user=user,
        introduction=intro,
        decision=Level.WALKING_ALONGSIDE,
        expected_version=intro.version,
    )
    person.refresh_from_db()
    return person


def test_home_sends_coordinators_to_my_day(owner_client):
    response = owner_client.get("/")
    assert response.url == reverse("people:my_day")


def test_home_sends_commissioners_to_figures(commissioner):
    assert client_for(commissioner).get("/").url == reverse("impact:dashboard")


def test_a_phone_introduction_is_recorded_and_waits_in_the_inbox(owner_client, area):
    response = owner_client.post(
        reverse("introductions:quick"),
        {
            "full_name": "Bob Caller",
            "phone": "0113 496 0000",
            "postcode": "ls6 1aa",
            "introducer_kind": "family",
            "introducer_name": "His daughter",
            "whats_going_on": "Struggling since his wife went into care",
            "agreement": "agrees",
            "urgent": "on",
            "urgent_detail": "No food in the house",
        },
    )
    intro = Introduction.objects.get()
    assert response.url == reverse("introductions:detail", args=[intro.pk])
    assert intro.person.area == area  # from the postcode
    assert intro.person.phone == "0113 496 0000"
    assert intro.person.postcode == "LS6 1AA"
    inbox = owner_client.get(reverse("introductions:inbox")).content.decode()
    assert "Bob Caller" in inbox and "Urgent" in inbox and "today" in inbox


def test_the_inbox_is_empty_with_a_friendly_message(owner_client):
    page = owner_client.get(reverse("introductions:inbox")).content.decode()
    assert "There are no new introductions" in page


def test_the_inbox_lists_urgent_first_then_longest_waiting(owner, area, owner_client):
    from datetime import timedelta

    from django.utils import timezone

    today = timezone.localdate()
    for name, days, urgent in [
        ("Olga Oldest", 10, False),
        ("Nina Newest", 1, False),
        ("Uma Urgent", 0, True),
    ]:
        services.introduction_record(
            user=owner,
            person_data={"full_name": name, "area": area},
            introduction_data={
                "introducer_kind": "self",
                "agreement": "agrees",
                "urgent": urgent,
                "urgent_detail": "x" if urgent else "",
                "received_on": today - timedelta(days=days),
            },
        )
    page = owner_client.get(reverse("introductions:inbox")).content.decode()
    assert page.index("Uma Urgent") < page.index("Olga Oldest") < page.index("Nina Newest")
    assert "10 days" in page


def test_deciding_walking_alongside_opens_the_record(person, owner_client, owner):
    intro = person.introductions.get()
    response = owner_client.post(
        reverse("introductions:detail", args=[intro.pk]),
        {"decision": "walking_alongside", "version": intro.version},
    )
    assert response.url == reverse("people:summary", args=[person.pk])
    person.refresh_from_db()
    assert person.status == Status.ACTIVE and person.coordinator == owner
    assert "Walking alongside" in owner_client.get(response.url).content.decode()


def test_a_conversation_appears_on_the_timeline(person, owner_client):
    url = reverse("people:record_add", args=[person.pk, "conversation"])
    response = owner_client.post(
        url,
        {
            "on": "2026-01-15",
            "how": "phone",
            "where": "",
            "duration_minutes": "30",
            "notes": "Talked about the allotment",
        },
    )
    assert response.status_code == 302
    page = owner_client.get(reverse("people:timeline", args=[person.pk])).content.decode()
    assert "Talked about the allotment" in page and "30 minutes" in page


def test_the_vision_is_written_in_their_words(person, owner_client):
    url = reverse("people:vision", args=[person.pk])
    assert "Not written yet" in owner_client.get(url).content.decode()
    owner_client.post(
        url,
        {
            "what_matters": "My dog",
            "vision": "I want to run a dog-walking club",
            "version": person.version,
        },
    )
    assert "run a dog-walking club" in owner_client.get(url).content.decode()


def test_gifts_come_from_the_vocabulary_or_free_text(person, owner_client, owner):
    term = GiftTerm.objects.create(name="Beekeeping", kind="skill")
    family = services.family_member_add(
        user=owner, person=person, name="Tom", relationship="grandson"
    )
    url = reverse("people:record_add", args=[person.pk, "gift"])
    owner_client.post(url, {"kind": "gift", "term": term.pk})
    owner_client.post(
        url, {"kind": "gift", "description": "Fixes bikes", "family_member": family.pk}
    )
    gifts = Gift.objects.order_by("id")
    assert [(g.kind, str(g)) for g in gifts] == [("skill", "Beekeeping"), ("gift", "Fixes bikes")]
    page = owner_client.get(reverse("people:gifts", args=[person.pk])).content.decode()
    assert "Beekeeping" in page and "Fixes bikes" in page and "Tom, grandson" in page


def test_a_plan_step_is_marked_done_in_place_with_htmx(person, owner_client, owner):
    step = services.plan_step_add(user=owner, person=person, what="Visit the café", who="Ann")
    response = owner_client.post(
        reverse("people:step_status", args=[person.pk, step.pk]),
        {"status": "done", "version": step.version},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "<html" not in html and f'id="step-{step.pk}"' in html and "Done" in html
    step.refresh_from_db()
    assert step.status == "done" and step.completed_on is not None


def test_a_stale_step_status_is_refused_in_place(person, owner_client, owner):
    step = services.plan_step_add(user=owner, person=person, what="Call", who="Me")
    response = owner_client.post(
        reverse("people:step_status", args=[person.pk, step.pk]),
        {"status": "done", "version": step.version + 5},
        headers={"HX-Request": "true"},
    )
    assert "Someone else changed this step" in response.content.decode()
    step.refresh_from_db()
    assert step.status == "open"


def test_the_plan_is_reviewed(person, owner_client):
    owner_client.post(
        reverse("people:record_add", args=[person.pk, "review"]),
        {"on": "2026-02-01", "note": "Two steps done; next, the walking group"},
    )
    assert PlanReview.objects.get().note.startswith("Two steps done")


def test_the_voice_log_records_all_three_kinds(person, owner_client):
    url = reverse("people:record_add", args=[person.pk, "voice"])
    for kind in ("self", "alongside", "on_behalf"):
        owner_client.post(
            url,
            {
                "on": "2026-02-01",
                "kind": kind,
                "about": f"Rent {kind}",
                "with_whom": "Housing officer",
                "what_happened": "Agreed a plan",
            },
        )
    assert VoiceEntry.objects.count() == 3
    page = owner_client.get(reverse("people:voice", args=[person.pk])).content.decode()
    assert "Advocating on the person" in page


def test_stepping_back_and_reopening_through_the_pages(person, owner_client, owner):
    decide(person, owner)
    owner_client.post(
        reverse("people:step_back", args=[person.pk]),
        {"reason": "going_well", "note": "", "version": person.version},
    )
    person.refresh_from_db()
    assert person.status == Status.STEPPED_BACK
    page = owner_client.get(reverse("people:summary", args=[person.pk])).content.decode()
    assert "Re-open" in page
    owner_client.post(
        reverse("people:level", args=[person.pk]),
        {"level": "short_term", "version": person.version},
    )
    person.refresh_from_db()
    assert (person.status, person.level) == (Status.ACTIVE, Level.SHORT_TERM)


def test_editing_a_record_keeps_a_version(person, owner_client, owner):
    c = services.conversation_add(user=owner, person=person, notes="A")
    owner_client.post(
        reverse("people:record_edit", args=[person.pk, "conversation", c.pk]),
        {"on": "2026-01-01", "how": "video", "notes": "B", "version": 1},
    )
    c.refresh_from_db()
    assert (c.notes, c.how, c.version) == ("B", "video", 2)


def test_people_search_finds_by_name_and_filters(person, owner_client):
    url = reverse("people:list")
    assert "Ann Example" in owner_client.get(url, {"q": "ann"}).content.decode()
    assert "Nobody matches" in owner_client.get(url, {"q": "zzz"}).content.decode()
    assert "Ann Example" not in owner_client.get(url, {"status": "active"}).content.decode()


def test_people_list_is_paginated(owner, area, owner_client):
    Person.objects.bulk_create([Person(full_name=f"Person {i:03}", area=area) for i in range(30)])
    page = owner_client.get(reverse("people:list")).content.decode()
    assert "Page 1 of 2" in page and "Person 024" in page and "Person 025" not in page


def test_a_manager_sees_the_team_load_and_the_audit_trail(person, owner, manager):
    decide(person, owner)
    client = client_for(manager)
    team = client.get(reverse("people:team")).content.decode()
    assert "Owner" in team
    audit = client.get(reverse("audit:person", args=[person.pk])).content.decode()
    assert "Owner added the person" in audit


def test_coordinators_cannot_read_the_audit_trail(person, owner_client):
    assert owner_client.get(reverse("audit:person", args=[person.pk])).status_code == 404


@pytest.mark.parametrize("name", ["people:summary", "people:timeline", "people:plan"])
def test_person_pages_take_a_fixed_number_of_queries(
    name, person, owner, owner_client, django_assert_max_num_queries
):
    for i in range(10):
        services.conversation_add(user=owner, person=person, notes=f"{i}")
        services.plan_step_add(user=owner, person=person, what=f"{i}", who="Ann")
    with django_assert_max_num_queries(17):
        assert owner_client.get(reverse(name, args=[person.pk])).status_code == 200


def test_the_inbox_takes_a_fixed_number_of_queries(
    owner, area, owner_client, django_assert_max_num_queries
):
    for i in range(20):
        services.introduction_record(
            user=owner,
            person_data={"full_name": f"P{i}", "area": area},
            introduction_data={"introducer_kind": "self", "agreement": "agrees"},
        )
    with django_assert_max_num_queries(12):  # 10, and the audit entries of what it showed
        assert owner_client.get(reverse("introductions:inbox")).status_code == 200


def test_the_error_summary_links_to_the_first_radio_of_a_radio_question(person, owner_client):
    intro = person.introductions.get()
    response = owner_client.post(
        reverse("introductions:detail", args=[intro.pk]), {"version": intro.version}
    )
    html = response.content.decode()
    assert 'href="#id_decision_0"' in html and 'id="id_decision_0"' in html
