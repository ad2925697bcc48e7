"""Suggesting a community resource, or a correction, from the public directory: it waits in
the team's queue; the team adds or corrects the listing (saving accepts it), or turns it down
with a reason. Bad input is refused with reasons, robots and floods are turned away."""

import re

import pytest
from django.test import Client

from alongside.directory.models import Organization, Service, Suggestion, SuggestionStatus
from tests.conftest import client_for
from tests.directory.test_pages import resource_post
from tests.directory.test_search import load_leeds_postcodes

NEW = {
    "name": "Hillside Repair Café",
    "description": "Bring broken things, mend them together",
    "url": "repair.example.org",
    "postcode": "ls6 1ab",
    "contact": "07700 900123",
    "email": "",
    "website_trap": "",
}


@pytest.fixture
def leeds_postcodes(db):
    load_leeds_postcodes()


@pytest.fixture
def listed(db) -> Service:
    return Service.objects.create(
        organization=Organization.objects.create(name="Hub"), name="Knit and Natter"
    )


def test_someone_suggests_something_new_and_it_waits_for_the_team(db, owner):
    response = Client().post("/find/suggest/", NEW)
    assert response.status_code == 302 and response["Location"] == "/find/suggest/thank-you/"
    made = Suggestion.objects.get()
    assert (made.name, made.url, made.postcode) == (
        "Hillside Repair Café",
        "https://repair.example.org",
        "LS6 1AB",
    )
    assert made.status == SuggestionStatus.WAITING
    queue = client_for(owner).get("/directory/suggestions/").content.decode()
    assert "Hillside Repair Café" in queue
    assert not Service.objects.filter(name="Hillside Repair Café").exists()  # not listed yet


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"name": ""}, "Enter what it is called"),
        (
            {"url": "not a web address"},
            "Enter the website&#x27;s address, like https://example.org",
        ),
        ({"postcode": "75001"}, "Enter a real UK postcode"),
        ({"email": "me at home"}, "Enter an email address like name@example.org"),
    ],
)
def test_a_bad_suggestion_is_refused_with_a_reason_and_kept(db, changes, message):
    response = Client().post("/find/suggest/", {**NEW, **changes})
    text = response.content.decode()
    assert response.status_code == 200 and message in text
    assert "Bring broken things, mend them together" in text
    assert not Suggestion.objects.exists()


def test_a_correction_from_a_listing_reaches_the_team_who_correct_it(listed, owner):
    page = Client().get(f"/find/{listed.pk}/").content.decode()
    assert f"/find/{listed.pk}/suggest/" in page
    Client().post(
        f"/find/{listed.pk}/suggest/", {"details": "It meets on Thursdays now", "email": ""}
    )
    correction = Suggestion.objects.get()
    assert correction.service == listed and correction.is_correction
    coordinator = client_for(owner)
    detail = coordinator.get(f"/directory/suggestions/{correction.pk}/").content.decode()
    assert "It meets on Thursdays now" in detail
    form = coordinator.get(
        f"/directory/{listed.pk}/edit/?suggestion={correction.pk}"
    ).content.decode()
    assert (
        "It meets on Thursdays now" in form and f'name="suggestion" value="{correction.pk}"' in form
    )


def test_adding_it_from_the_suggestion_starts_with_what_was_suggested_and_accepts_it(
    owner, leeds_postcodes
):
    Client().post("/find/suggest/", NEW)
    suggestion = Suggestion.objects.get()
    coordinator = client_for(owner)
    form = coordinator.get(f"/directory/add/?suggestion={suggestion.pk}").content.decode()
    assert 'value="Hillside Repair Café"' in form and 'value="07700 900123"' in form
    new_id = re.search(r'name="new_id" value="([^"]+)"', form).group(1)
    sent = resource_post() | {"name": "Hillside Repair Café", "new_id": new_id}
    response = coordinator.post("/directory/add/", sent | {"suggestion": suggestion.pk})
    assert response.status_code == 302, response.content.decode()[:2000]
    assert Service.objects.filter(name="Hillside Repair Café").exists()
    suggestion.refresh_from_db()
    assert suggestion.status == SuggestionStatus.ACCEPTED and suggestion.decided_by == owner


def test_turning_one_down_needs_a_reason(db, owner):
    Client().post("/find/suggest/", NEW)
    suggestion = Suggestion.objects.get()
    coordinator = client_for(owner)
    response = coordinator.post(f"/directory/suggestions/{suggestion.pk}/", {"reason": " "})
    assert response.status_code == 200
    assert "Say why it is turned down" in response.content.decode()
    assert "<title>Error:" in response.content.decode()
    response = coordinator.post(
        f"/directory/suggestions/{suggestion.pk}/", {"reason": "Already listed as Repair Hub"}
    )
    assert response.status_code == 302
    suggestion.refresh_from_db()
    assert suggestion.status == SuggestionStatus.REJECTED
    assert suggestion.reason == "Already listed as Repair Hub"
    assert "Hillside Repair Café" not in coordinator.get("/directory/suggestions/").content.decode()


def test_a_robot_is_thanked_and_nothing_is_kept(db):
    response = Client().post("/find/suggest/", {**NEW, "website_trap": "spam"})
    assert response.status_code == 302 and not Suggestion.objects.exists()


def test_the_sixth_in_an_hour_is_refused_kindly(db):
    client = Client()
    for _ in range(5):
        assert client.post("/find/suggest/", NEW).status_code == 302
    assert client.post("/find/suggest/", NEW).status_code == 429


def test_only_staff_who_work_with_people_see_the_queue(db, commissioner, administrator):
    for user in (commissioner, administrator):
        assert client_for(user).get("/directory/suggestions/").status_code in (403, 404)
    assert Client().get("/directory/suggestions/").status_code == 302


def test_a_listing_not_shown_to_the_public_cannot_be_corrected_from_there(listed):
    Service.objects.filter(pk=listed.pk).update(status="defunct")
    assert Client().get(f"/find/{listed.pk}/suggest/").status_code == 404
