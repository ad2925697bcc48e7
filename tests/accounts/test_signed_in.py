"""Signed-in pages are never kept by a browser or proxy, and a session ends a fixed time
after signing in however busy it is."""

import time

import pytest
from django.test import Client

from alongside.accounts.middleware import SIGNED_IN_AT
from tests.conftest import PASSWORD, client_for

pytestmark = pytest.mark.usefixtures("fast_password_hashing")


@pytest.mark.parametrize(
    "url", ["/people/", "/introductions/", "/directory/", "/people/{person}/", "/my-day/"]
)
def test_signed_in_pages_are_not_stored(owner, person, url):
    response = client_for(owner).get(url.format(person=person.pk), follow=True)
    assert response.status_code == 200
    cache = response["Cache-Control"]
    assert "no-store" in cache and "private" in cache, cache


def test_public_pages_may_be_cached_as_before(db):
    response = Client().get("/accessibility/")
    assert "no-store" not in response.get("Cache-Control", "")


def test_signing_in_starts_the_clock(owner):
    client = Client()
    client.post("/login/", {"username": owner.email, "password": PASSWORD})
    assert abs(client.session[SIGNED_IN_AT] - time.time()) < 60


def test_a_session_ends_at_the_absolute_limit_however_busy(owner, settings):
    settings.SESSION_ABSOLUTE_HOURS = 10
    client = client_for(owner)
    assert client.get("/people/").status_code == 200
    session = client.session
    session[SIGNED_IN_AT] = int(time.time()) - 10 * 3600 - 5
    session.save()
    response = client.get("/people/?q=Ann")
    assert response.status_code == 302
    assert response["Location"].startswith("/login/?next=/people/%3Fq%3DAnn")
    page = client.get(response["Location"]).content.decode()
    assert "signed in more than 10 hours ago" in page
    assert client.get("/people/").status_code == 302  # signed out for good


def test_within_the_limit_nothing_changes(owner, settings):
    settings.SESSION_ABSOLUTE_HOURS = 10
    client = client_for(owner)
    session = client.session
    session[SIGNED_IN_AT] = int(time.time()) - 9 * 3600
    session.save()
    assert client.get("/people/").status_code == 200
