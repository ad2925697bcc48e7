"""Introducing yourself, or someone else with their agreement, without an account: it lands
in the inbox of the area the postcode is in, marked as made online by the person or their
family; bad input is refused with reasons and kept; robots and floods are turned away; and
nothing on the public pages ever says whether the person is known already."""

import re

import pytest
from django.test import Client

from alongside.audit.models import AuditEntry, RecordType
from alongside.audit.services import PUBLIC
from alongside.people.models import Channel, IntroducerKind, Introduction, Person
from alongside.people.services import PUBLIC_NEW_ONLY, introduction_record
from alongside.public.models import Submission
from tests.conftest import client_for

MYSELF = {
    "who": "myself",
    "full_name": "Dee Walker",
    "postcode": "ls6 1ab",
    "phone": "07700 900 456",
    "email": "",
    "how_to_contact": "A text first, afternoons",
    "whats_going_on": "New to the area and would like to meet people",
    "what_matters": "Gardening, my dog",
    "consent_contact": "on",
    "consent_record": "on",
    "website_trap": "",
}
FOR_MUM = {
    **MYSELF,
    "who": "someone",
    "full_name": "Rose Walker",
    "introducer_name": "Dee Walker",
    "relationship": "family",
    "introducer_contact": "dee@example.org",
    "agreed": "on",
}


@pytest.fixture
def covered(area):
    area.postcode_districts = "LS6"
    area.save()
    return area


def send(data, client=None):
    return (client or Client()).post("/introduce/", data)


def test_the_form_is_there_for_anyone(db):
    page = Client().get("/introduce/")
    assert page.status_code == 200
    assert "Introduce yourself or someone else" in page.content.decode()


def test_introducing_yourself_lands_in_the_areas_inbox_marked_as_made_online(covered, owner):
    response = send(MYSELF)
    assert response.status_code == 302
    assert response["Location"] == f"/introduce/thank-you/?area={covered.pk}"
    intro = Introduction.objects.get()
    assert intro.area == covered and intro.channel == Channel.ONLINE
    assert intro.introducer_kind == IntroducerKind.SELF
    assert intro.introducer_contact == "A text first, afternoons"
    assert intro.person.full_name == "Dee Walker" and intro.person.postcode == "LS6 1AB"
    assert intro.person.phone == "07700 900456"
    inbox = client_for(owner).get("/introductions/").content.decode()
    assert "Dee Walker" in inbox
    detail = client_for(owner).get(f"/introductions/{intro.pk}/")
    assert detail.status_code == 200 and "New to the area" in detail.content.decode()
    assert client_for(owner).get(f"/people/{intro.person.pk}/").status_code == 200
    thanks = Client().get(response["Location"]).content.decode()
    assert "Introduction sent" in thanks and covered.name in thanks


def test_its_writes_are_audited_as_the_public_pages(covered):
    send(MYSELF)
    person = Person.objects.get()
    entries = AuditEntry.objects.filter(person_id=person.pk)
    assert {e.record_type for e in entries} == {RecordType.PERSON, RecordType.INTRODUCTION}
    assert {e.user_name for e in entries} == {PUBLIC}


def test_introducing_someone_else_records_who_you_are_and_their_agreement(covered):
    send(FOR_MUM)
    intro = Introduction.objects.get()
    assert intro.person.full_name == "Rose Walker"
    assert intro.introducer_kind == IntroducerKind.FAMILY
    assert intro.introducer_name == "Dee Walker"
    assert intro.introducer_contact == "dee@example.org; A text first, afternoons"
    assert intro.agreement == "agrees"


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"consent_contact": ""}, "Tick the box to say the coordinator may get in touch"),
        ({"consent_record": ""}, "Tick the box to say you understand what will be kept"),
        ({"phone": "", "email": ""}, "Enter a phone number or an email address"),
        ({"phone": "12"}, "Enter a UK phone number"),
        ({"email": "dee at home"}, "Enter an email address like name@example.org"),
        ({"postcode": "75001"}, "Enter a real UK postcode"),
        ({"postcode": "EH1 1YZ"}, "EH1 1YZ is not in an area with a Local Area Coordinator yet"),
        ({"postcode": "BD1 1AA"}, "BD1 1AA is not in an area with a Local Area Coordinator yet"),
        ({"whats_going_on": ""}, "Tell us a little about what is going on"),
        ({"who": ""}, "Say whether you are introducing yourself or someone else"),
    ],
)
def test_bad_input_is_refused_with_a_reason_and_what_was_typed_is_kept(covered, changes, message):
    response = send({**MYSELF, **changes})
    text = response.content.decode()
    assert response.status_code == 200
    assert message in text
    assert "<title>Error:" in text
    assert (
        "New to the area and would like to meet people" in text
        or changes.get("whats_going_on") == ""
    )
    assert not Introduction.objects.exists() and not Person.objects.exists()


def test_someone_else_needs_their_agreement_and_who_you_are(covered):
    response = send({**FOR_MUM, "agreed": "", "introducer_name": "", "relationship": ""})
    text = response.content.decode()
    assert "Tick the box to say they know about this introduction and agree to it" in text
    assert "Enter your name, as you are introducing someone else" in text
    assert "Say who you are to the person you are introducing" in text
    assert not Introduction.objects.exists()


def test_a_robot_filling_the_hidden_field_is_thanked_and_nothing_is_kept(covered):
    response = send({**MYSELF, "website_trap": "http://spam.example"})
    assert response.status_code == 302
    assert not Introduction.objects.exists() and not Person.objects.exists()


def test_the_sixth_in_an_hour_from_one_address_is_refused_kindly(covered):
    client = Client()
    for _ in range(5):
        assert send(MYSELF, client).status_code == 302
    response = send(MYSELF, client)
    assert response.status_code == 429
    assert "Please try again later" in response.content.decode()
    assert Introduction.objects.count() == 5
    other = Client(REMOTE_ADDR="192.0.2.7")
    assert send(MYSELF, other).status_code == 302
    assert not Submission.objects.filter(address__contains="192.0.2.7").exists()  # hashed


def test_it_never_says_whether_the_person_is_known_already(covered, person):
    known = {**MYSELF, "full_name": person.full_name, "phone": person.phone, "email": person.email}
    first, again = send(known), send(MYSELF)
    assert first.status_code == again.status_code == 302

    def page(url):  # without what differs on every page (the CSP nonce, the CSRF token)
        html = Client().get(url).content.decode()
        return re.sub(r"[A-Za-z0-9+/=_-]{20,}", "", html)

    assert page(first["Location"]) == page(again["Location"])


def test_the_form_needs_its_csrf_token(covered):
    client = Client(enforce_csrf_checks=True)
    assert send(MYSELF, client).status_code == 403


def test_whoever_gave_an_email_address_is_told_it_arrived(
    covered, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        send({**MYSELF, "email": "dee@example.org"})
        send(FOR_MUM)  # Dee's address, as the one who introduced her mum
    assert sorted(m.to[0] for m in mailoutbox) == ["dee@example.org", "dee@example.org"]
    assert "Hillside" in mailoutbox[0].body
    with django_capture_on_commit_callbacks(execute=True):
        send({**MYSELF, "full_name": "No Email"})  # a phone number only: nothing to send
    assert len(mailoutbox) == 2


PARTNER = {
    "introducer_name": "Dr Sam Patel",
    "organisation": "Woodhouse Surgery",
    "relationship": "health",
    "introducer_contact": "sam.patel@nhs.example",
    "full_name": "Rose Walker",
    "postcode": "LS6 1AB",
    "phone": "07700 900456",
    "email": "",
    "whats_going_on": "Lonely since her husband died",
    "what_matters": "",
    "agreed": "on",
    "consent_contact": "on",
    "consent_record": "on",
    "website_trap": "",
}


def test_a_partner_introduces_someone_and_is_told_it_arrived(
    covered, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = Client().post("/introduce/partner/", PARTNER)
    assert response.status_code == 302
    intro = Introduction.objects.get()
    assert intro.introducer_kind == IntroducerKind.HEALTH
    assert (intro.introducer_name, intro.introducer_organisation) == (
        "Dr Sam Patel",
        "Woodhouse Surgery",
    )
    assert intro.agreement == "agrees" and intro.area == covered
    assert [m.to for m in mailoutbox] == [["sam.patel@nhs.example"]]


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"agreed": ""}, "Tick the box to say they know about this introduction and agree to it"),
        ({"organisation": ""}, "Enter the name of your organisation"),
        ({"relationship": "family"}, "Say what kind of organisation you are from"),
        (
            {"introducer_contact": ""},
            "Enter your phone number or email address, so that we can reply",
        ),
        ({"introducer_name": ""}, "Enter your name"),
    ],
)
def test_a_partner_is_told_what_is_missing(covered, changes, message):
    response = Client().post("/introduce/partner/", {**PARTNER, **changes})
    assert response.status_code == 200
    assert message in response.content.decode()
    assert "Lonely since her husband died" in response.content.decode()
    assert not Introduction.objects.exists()


def test_behind_a_proxy_the_limit_is_per_client_not_for_everyone(covered, settings):
    settings.CLIENT_ADDRESS_HEADER = "X-Forwarded-For"
    first = Client(HTTP_X_FORWARDED_FOR="198.51.100.1")
    for _ in range(5):
        assert send(MYSELF, first).status_code == 302
    assert send(MYSELF, first).status_code == 429
    # Another client through the same proxy (REMOTE_ADDR the same) is not held back, and a
    # client cannot dodge the limit by sending an address of its own before the proxy's.
    assert send(MYSELF, Client(HTTP_X_FORWARDED_FOR="198.51.100.2")).status_code == 302
    forged = Client(HTTP_X_FORWARDED_FOR="203.0.113.9, 198.51.100.1")
    assert send(MYSELF, forged).status_code == 429


def test_the_public_pages_never_add_to_a_known_persons_record(covered, person):
    with pytest.raises(ValueError, match=PUBLIC_NEW_ONLY):
        introduction_record(user=None, person_data={}, introduction_data={}, person=person)
    assert person.introductions.count() == 1
