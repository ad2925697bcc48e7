"""Every introduction ends (closed with a reason, when not decided), and whoever made it is
told that it arrived and that the coordinator has been in touch: never more than they knew."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from alongside.audit.models import AuditEntry
from alongside.people import services
from alongside.people.message_words import DEFAULTS, render, template_problems
from alongside.people.models import (
    IntroducerMessage,
    Introduction,
    MessageKind,
    MessageTemplate,
    Status,
)
from alongside.people.tasks import send_introducer_message
from tests.conftest import client_for
from tests.people.test_forms_bad_input import assert_problem, quick

QUICK = reverse("introductions:quick")


def _record(owner, person=None, **introduction):
    return services.introduction_record(
        user=owner,
        person_data={} if person else {"full_name": "Cara New", "area": owner.areas.first()},
        introduction_data={"introducer_kind": "health", "agreement": "agrees", **introduction},
        person=person,
    )


# Closing an introduction --------------------------------------------------------------------


def test_a_second_introduction_of_someone_supported_is_closed_with_a_reason(
    person, owner, owner_client
):
    person.status = Status.ACTIVE
    person.save()
    second = _record(owner, person)
    response = owner_client.post(
        reverse("introductions:close", args=[second.pk]),
        {
            "reason": "already_supported",
            "close_note": "Walking alongside Ann already",
            "version": 1,
        },
    )
    assert response.status_code == 302
    second.refresh_from_db()
    assert second.decided_at is not None and second.decision == "closed"
    assert second.closed_reason == "already_supported"
    assert second.decision_note == "Walking alongside Ann already"
    assert AuditEntry.objects.filter(
        record_type="introduction", record_id=second.pk, action="changed"
    ).exists()
    page = owner_client.get(reverse("introductions:detail", args=[second.pk])).content.decode()
    assert "Closed" in page and "They are supported already" in page


def test_closing_the_only_introduction_of_someone_not_yet_supported_is_refused(
    person, owner, owner_client
):
    intro = person.introductions.get()
    response = owner_client.post(
        reverse("introductions:close", args=[intro.pk]),
        {"reason": "withdrawn", "close_note": "The GP withdrew it", "version": intro.version},
    )
    assert_problem(response, "decide it instead")
    assert "The GP withdrew it</textarea>" in response.content.decode()  # kept
    intro.refresh_from_db()
    assert intro.decided_at is None


def test_closing_without_a_reason_says_so_and_keeps_the_note(person, owner, owner_client):
    intro = person.introductions.get()
    response = owner_client.post(
        reverse("introductions:close", args=[intro.pk]), {"close_note": "Twice", "version": 1}
    )
    assert_problem(response, "Select why you are closing the introduction")


def test_one_of_two_introductions_recorded_twice_is_closed_and_the_other_still_waits(person, owner):
    first = person.introductions.get()
    second = _record(owner, person)
    services.introduction_close(user=owner, introduction=second, reason="twice", expected_version=1)
    first.refresh_from_db()
    assert first.decided_at is None
    with pytest.raises(ValueError, match="only introduction"):
        services.introduction_close(
            user=owner, introduction=first, reason="twice", expected_version=first.version
        )


def test_closing_an_introduction_already_decided_is_refused_as_stale(person, owner, owner_client):
    intro = person.introductions.get()
    services.introduction_decide(
        user=owner, introduction=intro, decision="connection", expected_version=intro.version
    )
    response = owner_client.post(
        reverse("introductions:close", args=[intro.pk]), {"reason": "twice", "version": 1}
    )
    assert response.status_code == 200
    assert "There is a problem" in response.content.decode()
    intro.refresh_from_db()
    assert intro.decision == "connection"


def test_an_outsider_cannot_close_an_introduction(person, outsider):
    intro = person.introductions.get()
    response = client_for(outsider).post(
        reverse("introductions:close", args=[intro.pk]), {"reason": "twice", "version": 1}
    )
    assert response.status_code == 404


# Telling the introducer ---------------------------------------------------------------------


def test_an_acknowledgement_goes_to_the_introducers_email_once(
    owner_client, area, mailoutbox, tasks_run_at_once, django_capture_on_commit_callbacks
):
    data = quick(
        introducer_name="Dr Okafor",
        introducer_contact="Surgery, okafor@practice.example, 0113 496 0000",
        introducer_kind="health",
        acknowledge="on",
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert owner_client.post(QUICK, data).status_code == 302
        owner_client.post(QUICK, data)  # sent twice (Back and Save): one email
    assert len(mailoutbox) == 1
    mail = mailoutbox[0]
    assert mail.to == ["okafor@practice.example"]
    assert "Dear Dr Okafor" in mail.body and "Thank you for introducing Cara" in mail.body
    for private in ("Lost her job", "07700", "cara@example.org", "LS6"):
        assert private not in mail.body + mail.subject
    message = IntroducerMessage.objects.get()
    assert message.sent_at is not None and message.kind == "received"
    page = owner_client.get(
        reverse("introductions:detail", args=[message.introduction_id])
    ).content.decode()
    assert "Emails to whoever introduced them" in page and "okafor@practice.example" in page


def test_no_acknowledgement_without_an_email_address_says_where_to_give_one(owner_client, area):
    data = quick(introducer_contact="0113 496 0000", acknowledge="on")
    response = owner_client.post(QUICK, data)
    assert_problem(
        response, "There is no email address to send it to", kept={"full_name": "Cara New"}
    )
    assert not Introduction.objects.exists()


def test_someone_who_introduced_themself_is_acknowledged_at_their_own_address(
    owner, mailoutbox, tasks_run_at_once, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.introduction_record(
            user=owner,
            person_data={
                "full_name": "Cara New",
                "email": "cara@example.org",
                "area": owner.areas.first(),
            },
            introduction_data={"introducer_kind": "self", "agreement": "agrees"},
            acknowledge=True,
        )
    assert mailoutbox[0].to == ["cara@example.org"]
    assert "Dear Cara" in mailoutbox[0].body and "introducing yourself" in mailoutbox[0].body


def test_being_in_touch_is_told_without_the_decision(
    person, owner, owner_client, mailoutbox, tasks_run_at_once, django_capture_on_commit_callbacks
):
    intro = person.introductions.get()
    intro.introducer_contact = "neighbour@example.org"
    intro.save()
    page = owner_client.get(reverse("introductions:detail", args=[intro.pk])).content.decode()
    assert "say you have been in touch" in page and "neighbour@example.org" in page
    with django_capture_on_commit_callbacks(execute=True):
        response = owner_client.post(
            reverse("introductions:detail", args=[intro.pk]),
            {"decision": "walking_alongside", "tell_introducer": "on", "version": intro.version},
        )
    assert response.status_code == 302
    assert len(mailoutbox) == 1
    assert "We have now been in touch" in mailoutbox[0].body
    assert "walking" not in mailoutbox[0].body.lower()


def test_no_contact_and_telling_the_introducer_you_were_in_touch_is_refused(
    person, owner, owner_client
):
    intro = person.introductions.get()
    intro.introducer_contact = "neighbour@example.org"
    intro.save()
    response = owner_client.post(
        reverse("introductions:detail", args=[intro.pk]),
        {
            "decision": "not_now",
            "not_now_reason": "no_contact",
            "tell_introducer": "on",
            "note": "Three calls, no answer",
            "version": intro.version,
        },
    )
    assert_problem(response, "nothing to tell", kept={"note": "Three calls, no answer"})
    assert not IntroducerMessage.objects.exists()


def test_a_failed_send_is_recorded_for_the_page_to_say(person, owner, settings):
    intro = person.introductions.get()
    intro.introducer_contact = "neighbour@example.org"
    intro.save()
    message = services.introducer_message_send(
        user=owner, introduction=intro, kind=MessageKind.RECEIVED
    )
    settings.EMAIL_BACKEND = "tests.people.test_introducer_emails.BrokenBackend"
    send_introducer_message.call(message.pk)
    message.refresh_from_db()
    assert message.sent_at is None and "ConnectionRefusedError" in message.failed_because


class BrokenBackend:
    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise ConnectionRefusedError("mail server down")


def test_an_administrator_edits_the_words_and_the_next_email_uses_them(person, owner):
    template = MessageTemplate.objects.get(kind="received")
    template.subject = "Thanks, {{ introducer_name }}"
    template.body = "We have your introduction of {{ first_name }} ({{ area }})."
    template.full_clean()
    template.save()
    intro = person.introductions.get()
    intro.introducer_contact = "neighbour@example.org"
    intro.introducer_name = "Dot"
    intro.save()
    message = services.introducer_message_send(
        user=owner, introduction=intro, kind=MessageKind.RECEIVED
    )
    assert message.subject == "Thanks, Dot"
    assert message.body == f"We have your introduction of Ann ({intro.area.name})."


@pytest.mark.parametrize(
    ("typed", "problem"),
    [
        ("Hello {{ whats_going_on }}", "is not one of the placeholders"),
        ("{{ first_name|upper }}", "no {% %} tags or filters"),
        ("{% load static %}", "no {% %} tags or filters"),
        ("{{ first_name.person.phone }}", "is not one of the placeholders"),
        ("{{ unclosed", ""),  # plain text: sent as typed
    ],
)
def test_a_template_may_use_only_the_placeholders(typed, problem):
    found = template_problems(typed)
    assert (problem in found) if problem else found == ""
    if problem:
        with pytest.raises(ValidationError):
            MessageTemplate(kind="received", subject="Hi", body=typed).clean()


def test_the_default_words_use_only_the_placeholders():
    for subject, body in DEFAULTS.values():
        assert template_problems(subject) == template_problems(body) == ""
        assert "{{" not in render(body, dict.fromkeys(MessageTemplate.PLACEHOLDERS, "x"))
