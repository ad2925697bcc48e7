"""Problem 4 of the introductions issue: duplicates can be merged, mistakes removed."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from alongside.audit.models import Action, AuditEntry
from alongside.networks.models import NetworkMember
from alongside.networks.services import network_member_add
from alongside.outcomes.models import UnitCost
from alongside.outcomes.services import crisis_add
from alongside.people import services
from alongside.people.models import Person
from tests.conftest import client_for


@pytest.fixture
def twins(owner, area):
    def make(name, **details):
        return services.introduction_record(
            user=owner,
            person_data={"full_name": name, "area": area, **details},
            introduction_data={"introducer_kind": "self", "agreement": "agrees"},
        ).person

    keep = make("Helen Smith", phone="07700 900111", date_of_birth=date(1950, 3, 4))
    merge = make("Mrs Helen Smith", phone="07700 900222", date_of_birth=date(1950, 3, 4))
    return keep, merge


def test_merging_moves_every_record_and_leaves_the_duplicates_address_leading_here(
    twins, owner, owner_client
):
    keep, merge = twins
    services.conversation_add(user=owner, person=merge, notes="Met at the library")
    network_member_add(user=owner, person=merge, label="Jo", kind="friend", ring=2)
    network_member_add(user=owner, person=keep, label="jo", kind="friend", ring=2)  # the same Jo
    crisis_add(user=owner, person=merge, event_type=UnitCost.objects.first())
    url = reverse("people:merge", args=[keep.pk, merge.pk])
    page = owner_client.get(url).content.decode()
    assert "07700 900111" in page and "07700 900222" in page and "Full name" in page

    response = owner_client.post(
        url,
        {
            "choose_full_name": "keep",
            "choose_phone": "merge",
            "reason": "Introduced twice, by her GP and by her daughter",
            "version": keep.version,
            "merge_version": merge.version,
        },
    )
    assert response.status_code == 302, response.content.decode()[:1500]
    keep.refresh_from_db()
    assert keep.full_name == "Helen Smith" and keep.phone == "07700 900222"
    assert keep.phone_key == "07700900222"
    assert keep.conversations.filter(notes="Met at the library").exists()
    assert keep.introductions.count() == 2 and keep.crisis_events.count() == 1
    assert NetworkMember.objects.live().filter(person=keep).count() == 1  # one Jo
    merged = Person._base_manager.get(pk=merge.pk)
    assert merged.deleted_at and merged.merged_into == keep
    assert "Introduced twice" in merged.removed_reason
    for person_id in (keep.pk, merge.pk):
        assert AuditEntry.objects.filter(person_id=person_id, action=Action.MERGED).exists()
    old = owner_client.get(reverse("people:summary", args=[merge.pk]))
    assert old.status_code == 302 and old.url == reverse("people:summary", args=[keep.pk])


def test_merging_needs_a_reason_and_keeps_the_choices(twins, owner_client):
    keep, merge = twins
    response = owner_client.post(
        reverse("people:merge", args=[keep.pk, merge.pk]),
        {
            "choose_phone": "merge",
            "reason": "  ",
            "version": keep.version,
            "merge_version": merge.version,
        },
    )
    page = response.content.decode()
    assert "Say why these are the same person" in page
    assert 'value="merge" checked' in page or 'value="merge"\n' in page or "checked" in page
    assert Person.objects.count() == 2


def test_a_person_cannot_be_merged_with_themself(twins, owner_client):
    keep, _ = twins
    assert owner_client.get(reverse("people:merge", args=[keep.pk, keep.pk])).status_code == 404


def test_merging_with_someone_in_an_area_the_user_cannot_see_is_404(
    twins, owner, outsider, other_area, owner_client
):
    keep, _ = twins
    theirs = services.introduction_record(
        user=outsider,
        person_data={"full_name": "Helen Smith", "area": other_area},
        introduction_data={"introducer_kind": "self", "agreement": "agrees"},
    ).person
    url = reverse("people:merge", args=[keep.pk, theirs.pk])
    assert owner_client.get(url).status_code == 404
    assert (
        owner_client.post(url, {"reason": "x", "version": 1, "merge_version": 1}).status_code == 404
    )
    assert Person.objects.filter(pk=theirs.pk).exists()


def test_a_stale_merge_is_refused_and_merges_nothing(twins, owner, colleague, owner_client):
    keep, merge = twins
    services.person_change(
        user=colleague,
        person=merge,
        changes={"pronouns": "she/her"},
        expected_version=merge.version,
    )
    response = owner_client.post(
        reverse("people:merge", args=[keep.pk, merge.pk]),
        {
            "choose_full_name": "keep",
            "choose_phone": "keep",
            "choose_pronouns": "keep",
            "reason": "Twice",
            "version": keep.version,
            "merge_version": 1,
        },
    )
    assert response.status_code == 200
    assert "nothing was merged" in response.content.decode()
    assert Person.objects.count() == 2


def test_the_merge_page_offers_the_likely_duplicates(twins, owner_client):
    keep, merge = twins
    page = owner_client.get(reverse("people:merge_choose", args=[keep.pk])).content.decode()
    assert reverse("people:merge", args=[keep.pk, merge.pk]) in page


def test_a_record_made_by_mistake_is_removed_and_a_manager_restores_it(
    person, owner_client, manager
):
    url = reverse("people:remove", args=[person.pk])
    response = owner_client.post(url, {"reason": " ", "version": person.version})
    assert "Say why this record should be removed" in response.content.decode()
    response = owner_client.post(url, {"reason": "A test record", "version": person.version})
    assert response.status_code == 302
    assert owner_client.get(reverse("people:summary", args=[person.pk])).status_code == 404
    manager_client = client_for(manager)
    removed = manager_client.get(reverse("people:removed")).content.decode()
    assert "Ann Example" in removed and "A test record" in removed
    assert manager_client.post(reverse("people:restore", args=[person.pk])).status_code == 302
    assert owner_client.get(reverse("people:summary", args=[person.pk])).status_code == 200
    assert AuditEntry.objects.filter(person_id=person.pk, action=Action.RESTORED).exists()


def test_a_removal_older_than_thirty_days_cannot_be_restored(person, owner, manager):
    services.person_remove(user=owner, person=person, reason="Mistake", expected_version=1)
    Person._base_manager.filter(pk=person.pk).update(deleted_at=timezone.now() - timedelta(days=31))
    response = client_for(manager).post(reverse("people:restore", args=[person.pk]))
    assert response.status_code == 404


def test_coordinators_cannot_restore_and_other_teams_managers_see_nothing(
    person, owner, owner_client, other_manager
):
    services.person_remove(user=owner, person=person, reason="Mistake", expected_version=1)
    assert owner_client.get(reverse("people:removed")).status_code == 403
    assert owner_client.post(reverse("people:restore", args=[person.pk])).status_code == 404
    other = client_for(other_manager)
    assert "Ann Example" not in other.get(reverse("people:removed")).content.decode()
    assert other.post(reverse("people:restore", args=[person.pk])).status_code == 404
