"""Whoever made an introduction is asked two questions, anonymously, from a link under the
email saying a coordinator has been in touch; the answers are counted on the impact
dashboard (small numbers hidden), never linked to the introduction or the person."""

import re
from datetime import date

import pytest
from django.core import signing
from django.db import models
from django.test import Client
from django.urls import reverse

from alongside.impact.figures import Scope, feedback
from alongside.people import services
from alongside.people.feedback import SALT, feedback_link
from alongside.people.models import IntroducerFeedback, MessageKind
from tests.conftest import client_for


def _introduction(owner, kind="family"):
    return services.introduction_record(
        user=owner,
        person_data={"full_name": "Cara New", "area": owner.areas.first()},
        introduction_data={
            "introducer_kind": kind,
            "introducer_name": "Dee New",
            "introducer_contact": "dee@example.org",
            "agreement": "agrees",
        },
    )


def _link(owner, kind="family") -> str:
    introduction = _introduction(owner, kind)
    message = services.introducer_message_send(
        user=owner, introduction=introduction, kind=MessageKind.IN_TOUCH
    )
    found = re.search(r"http://testserver(/feedback/\S+/)", message.body)
    assert found, message.body
    return found.group(1)


@pytest.fixture
def public_url(settings):
    settings.PUBLIC_URL = "http://testserver"


def test_the_in_touch_email_ends_with_the_link_to_the_two_questions(
    owner, public_url, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        path = _link(owner)
    assert "Two short questions, answered anonymously" in mailoutbox[-1].body
    assert path in mailoutbox[-1].body
    page = Client().get(path)
    assert page.status_code == 200
    html = page.content.decode()
    assert "Was it easy to make the introduction?" in html
    assert "You introduced someone to Local Area Coordination in Hillside" in html
    assert "Cara" not in html and "Dee" not in html  # nothing about anyone


def test_the_arrived_email_has_no_questions(owner, public_url):
    introduction = _introduction(owner)
    message = services.introducer_message_send(
        user=owner, introduction=introduction, kind=MessageKind.RECEIVED
    )
    assert "/feedback/" not in message.body


def test_answers_are_kept_without_the_introduction_or_the_person(owner, area, public_url):
    path = _link(owner, kind="health")
    response = Client().post(path, {"easy": "yes", "helped": "too_soon"})
    assert response.status_code == 302
    assert response["Location"] == reverse("public:feedback_given")
    answer = IntroducerFeedback.objects.get()
    assert (answer.area, answer.introducer_kind, answer.easy, answer.helped) == (
        area,
        "health",
        "yes",
        "too_soon",
    )
    assert answer.month.day == 1
    linked = [
        f.name
        for f in IntroducerFeedback._meta.get_fields()
        if isinstance(f, models.ForeignKey) and f.related_model is not type(area)
    ]
    assert linked == []  # only the area: no introduction, person or user


def test_one_link_gives_one_answer(owner, public_url):
    path = _link(owner)
    Client().post(path, {"easy": "yes", "helped": "yes"})
    again = Client().post(path, {"easy": "no", "helped": "no"})
    assert again.status_code == 200
    assert "already reached us" in again.content.decode()
    assert IntroducerFeedback.objects.get().easy == "yes"


def test_no_answer_says_which_question_and_keeps_the_other(owner, public_url):
    path = _link(owner)
    response = Client().post(path, {"easy": "mostly"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Say whether it has helped, or that it is too soon to say" in html
    assert re.search(r'value="mostly"[^>]*checked', html)
    assert "<title>Error: " in html
    assert not IntroducerFeedback.objects.exists()


@pytest.mark.parametrize(
    "signed",
    [
        "nonsense",
        signing.dumps({"a": 1, "k": "family", "n": "x"}, salt="another salt"),
        signing.dumps({"a": 999999, "k": "family", "n": "x"}, salt=SALT),
        signing.dumps({"a": 1, "k": "not a kind", "n": "x"}, salt=SALT),
        signing.dumps({"k": "family"}, salt=SALT),
    ],
)
def test_a_link_that_is_not_ours_is_a_friendly_404(signed, area):
    response = Client().post(f"/feedback/{signed}/", {"easy": "yes", "helped": "yes"})
    assert response.status_code == 404
    assert "This link does not work" in response.content.decode()
    assert not IntroducerFeedback.objects.exists()


def test_an_old_link_is_refused(owner, public_url, monkeypatch):
    path = _link(owner)
    monkeypatch.setattr("alongside.people.feedback.GOOD_FOR_DAYS", 0)
    assert Client().get(path).status_code == 404


def test_the_link_uses_the_public_address(owner, settings):
    settings.PUBLIC_URL = "https://alongside.example.gov.uk/"
    assert feedback_link(_introduction(owner)).startswith(
        "https://alongside.example.gov.uk/feedback/"
    )


def _answers(area, n, easy="yes", helped="yes", kind="family", month=date(2026, 3, 1)):
    for i in range(n):
        IntroducerFeedback.objects.create(
            area=area,
            month=month,
            introducer_kind=kind,
            easy=easy,
            helped=helped,
            token=f"{area.pk}-{easy}-{helped}-{kind}-{month}-{i}",
        )


def test_the_dashboard_counts_answers_by_who_made_the_introduction(area, other_area):
    from alongside.accounts.models import Area

    _answers(area, 6)
    _answers(area, 5, kind="school", easy="mostly", helped="a_little")
    _answers(other_area, 5, kind="health", easy="no", helped="no")
    _answers(area, 7, month=date(2025, 3, 1))  # before the period
    scope = Scope(
        areas=Area.objects.filter(pk=area.pk),
        start=date(2026, 1, 15),
        end=date(2026, 12, 31),
        suppress=False,
    )
    easy, helped = feedback(scope)
    rows = {row.label: row.cells for row in easy.rows_shown()}
    assert rows["Yes, it was easy"][:2] == ["6", "0"]
    assert rows["Mostly"][:2] == ["0", "5"]
    assert {row.label: row.cells for row in helped.rows_shown()}["A little"][:2] == ["0", "5"]


def test_the_dashboard_hides_fewer_than_five_answers(area, commissioner):
    _answers(area, 3)
    html = client_for(commissioner).get(reverse("impact:dashboard")).content.decode()
    assert "Was it easy to make the introduction?" in html
    from alongside.accounts.models import Area

    scope = Scope(
        areas=Area.objects.all(), start=date(2026, 1, 1), end=date(2026, 12, 31), suppress=True
    )
    easy, _ = feedback(scope)
    assert "3" not in [c for row in easy.rows_shown() for c in row.cells]
