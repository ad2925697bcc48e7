"""A person's network: adding people, moving them, keeping snapshots and comparing."""

from datetime import date

import pytest
from django.urls import reverse
from django.utils.html import escape

from alongside.audit.models import Action, AuditEntry
from alongside.networks import forms, services
from alongside.networks.models import NetworkMember, NetworkSnapshot
from alongside.networks.ties import Kind, Ring
from alongside.people.models import Person
from tests.conftest import client_for


def add(person, user, label, kind=Kind.FRIEND, ring=Ring.CLOSE, **extra):
    return services.network_member_add(
        user=user, person=person, label=label, kind=kind, ring=ring, **extra
    )


def network_url(person):
    return reverse("networks:network", args=[person.pk])


def test_a_network_with_no_one_yet_is_a_page_not_an_error(person, owner_client):
    response = owner_client.get(network_url(person))
    assert response.status_code == 200
    html = response.content.decode()
    assert "No one yet" in html and "<svg" in html


def test_adding_someone_quickly_with_htmx_redraws_the_map_in_place(person, owner, owner_client):
    response = owner_client.post(
        network_url(person),
        {"label": "Neighbour at 14", "kind": Kind.NEIGHBOUR, "ring": Ring.AROUND},
        headers={"HX-Request": "true"},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in html and 'id="network-body"' in html
    assert "Neighbour at 14" in html and "<svg" in html
    member = NetworkMember.objects.get()
    assert (member.kind, member.ring, member.created_by) == (Kind.NEIGHBOUR, 3, owner)
    assert AuditEntry.objects.filter(
        action=Action.CREATED, record_type="network_member", record_id=member.pk
    ).exists()


def test_adding_without_htmx_redirects_back_to_the_network(person, owner_client):
    response = owner_client.post(
        network_url(person), {"label": "Mum", "kind": Kind.FAMILY, "ring": Ring.INNER}
    )
    assert response.url == network_url(person)


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"label": "", "kind": "family", "ring": "1"}, "label", forms.LABEL_REQUIRED),
        ({"label": "Mum", "kind": "cousin", "ring": "1"}, "kind", forms.KIND_REQUIRED),
        ({"label": "Mum", "kind": "family", "ring": "7"}, "ring", forms.RING_REQUIRED),
        ({"label": "Mum", "kind": "family", "ring": ""}, "ring", forms.RING_REQUIRED),
    ],
)
def test_a_ring_or_kind_that_does_not_exist_is_refused_with_a_clear_message(
    person, owner_client, data, field, message
):
    response = owner_client.post(network_url(person), data)
    html = response.content.decode()
    assert response.status_code == 200 and "There is a problem" in html
    assert escape(message) in html
    assert not NetworkMember.objects.exists()


def test_the_same_person_twice_is_refused_whatever_the_case(person, owner, owner_client):
    add(person, owner, "Auntie Jo")
    response = owner_client.post(
        network_url(person), {"label": "auntie  jo", "kind": "family", "ring": "1"}
    )
    assert escape(forms.DUPLICATE_MEMBER.format(label="auntie jo")) in response.content.decode()
    assert NetworkMember.objects.count() == 1


def test_a_removed_member_can_be_added_again(person, owner, owner_client):
    member = add(person, owner, "Auntie Jo")
    services.network_member_remove(
        user=owner, network_member=member, expected_version=member.version
    )
    owner_client.post(network_url(person), {"label": "Auntie Jo", "kind": "family", "ring": "1"})
    assert NetworkMember.objects.live().count() == 1


def full(label="Jo", **extra):
    return {
        "label": label,
        "kind": "friend",
        "ring": "2",
        "gives": ["company"],
        "receives": ["practical", "emotional"],
        "frequency": "weekly",
        "linked_person": "",
        "notes": "",
        **extra,
    }


def test_a_link_to_someone_in_another_area_is_refused(person, owner, owner_client, other_area):
    stranger = Person.objects.create(full_name="Someone Else", area=other_area)
    member = add(person, owner, "Jo")
    url = reverse("networks:member_edit", args=[person.pk, member.pk])
    response = owner_client.post(
        url, full(linked_person=stranger.pk, link_agreed="on", version=member.version)
    )
    assert forms.LINK_NOT_FOUND in response.content.decode()
    member.refresh_from_db()
    assert member.linked_person is None


def test_a_link_needs_both_to_have_agreed(person, owner, owner_client, area):
    friend = Person.objects.create(full_name="Jo Friend", area=area)
    member = add(person, owner, "Jo")
    url = reverse("networks:member_edit", args=[person.pk, member.pk])
    response = owner_client.post(url, full(linked_person=friend.pk, version=member.version))
    assert forms.LINK_NEEDS_AGREEMENT in response.content.decode()
    response = owner_client.post(
        url, full(linked_person=friend.pk, link_agreed="on", version=member.version)
    )
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.linked_person == friend and member.link_agreed_on is not None
    assert (member.gives, member.receives) == (["company"], ["emotional", "practical"])


def test_moving_someone_closer_with_htmx(person, owner, owner_client):
    member = add(person, owner, "Jo", ring=Ring.AROUND)
    response = owner_client.post(
        reverse("networks:member_move", args=[person.pk, member.pk]),
        {"direction": "closer", "version": member.version},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 200 and 'id="network-body"' in response.content.decode()
    member.refresh_from_db()
    assert member.ring == Ring.CLOSE


def test_moving_stops_at_the_inner_and_outer_rings(person, owner):
    member = add(person, owner, "Jo", ring=Ring.INNER)
    assert (
        services.network_member_move(
            user=owner, network_member=member, closer=True, expected_version=1
        )
        == 1
    )


def test_a_snapshot_keeps_the_network_as_it_was(person, owner, owner_client):
    jo = add(person, owner, "Jo", ring=Ring.AROUND)
    owner_client.post(
        reverse("networks:snapshot", args=[person.pk]),
        {"taken_on": "2026-03-01", "note": "First review"},
    )
    services.network_member_change(
        user=owner, network_member=jo, changes={"ring": Ring.INNER}, expected_version=jo.version
    )
    snapshot = NetworkSnapshot.objects.get()
    assert snapshot.taken_on == date(2026, 3, 1)
    assert [(t.label, t.ring) for t in snapshot.as_ties()] == [("Jo", Ring.AROUND)]


def test_a_snapshot_in_the_future_is_refused(person, owner_client):
    response = owner_client.post(
        reverse("networks:snapshot", args=[person.pk]), {"taken_on": "2999-01-01"}
    )
    assert "The date cannot be in the future" in response.content.decode()
    assert not NetworkSnapshot.objects.exists()


def test_comparing_shows_who_is_new_who_has_gone_and_who_moved_closer(person, owner, owner_client):
    jo = add(person, owner, "Jo", ring=Ring.AROUND)
    sam = add(person, owner, "Sam")
    first = services.network_snapshot_take(user=owner, person=person, taken_on=date(2026, 1, 5))
    services.network_member_change(
        user=owner, network_member=jo, changes={"ring": Ring.INNER}, expected_version=jo.version
    )
    services.network_member_remove(user=owner, network_member=sam, expected_version=sam.version)
    add(person, owner, "Walking group", kind=Kind.GROUP, ring=Ring.AROUND)
    response = owner_client.get(
        reverse("networks:compare", args=[person.pk]), {"a": first.pk, "b": "now"}
    )
    html = response.content.decode()
    new = html[html.index(">New<") : html.index(">Moved closer<")]
    closer = html[html.index(">Moved closer<") : html.index(">Moved further out<")]
    gone = html[html.index(">No longer there<") : html.index("Figures over time")]
    assert "Walking group" in new and "Jo" in closer and "Sam" in gone
    assert "5 January 2026" in html


def test_comparing_with_no_reviews_explains_what_to_do(person, owner_client):
    html = owner_client.get(reverse("networks:compare", args=[person.pk])).content.decode()
    assert "There are no reviews to compare yet" in html


def test_an_outsider_gets_404_on_every_network_page(person, owner, outsider):
    member = add(person, owner, "Jo")
    client = client_for(outsider)
    for url in [
        network_url(person),
        reverse("networks:compare", args=[person.pk]),
        reverse("networks:member_edit", args=[person.pk, member.pk]),
    ]:
        assert client.get(url).status_code == 404
    for url in [
        network_url(person),
        reverse("networks:snapshot", args=[person.pk]),
        reverse("networks:member_move", args=[person.pk, member.pk]),
        reverse("networks:member_remove", args=[person.pk, member.pk]),
    ]:
        assert client.post(url, {"label": "X", "kind": "family", "ring": "1"}).status_code == 404
    member.refresh_from_db()
    assert member.deleted_at is None and NetworkMember.objects.count() == 1
