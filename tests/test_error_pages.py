"""Error pages in the service's own design, saying what to do next."""

from django.test import RequestFactory
from django.urls import reverse
from django.views import defaults

from tests.conftest import client_for


def test_a_page_that_does_not_exist_says_what_may_have_happened(owner_client):
    response = owner_client.get("/people/999999/")
    assert response.status_code == 404
    page = response.content.decode()
    assert "Page not found" in page and "area you do not work in" in page
    assert "govuk-service-navigation" in page  # the service's own design


def test_a_page_for_another_role_says_whom_to_ask(owner_client):
    response = owner_client.get(reverse("people:team"))
    assert response.status_code == 403
    assert "You cannot open this page" in response.content.decode()


def test_an_expired_form_says_nothing_was_saved_and_what_to_do(owner, area):
    client = client_for(owner)
    client.handler.enforce_csrf_checks = True
    response = client.post(reverse("introductions:quick"), {"full_name": "No Token"})
    assert response.status_code == 403
    assert "The form had expired" in response.content.decode()


def test_a_server_error_apologises_and_says_what_to_do(db):
    request = RequestFactory().get("/")
    response = defaults.server_error(request)
    assert response.status_code == 500
    page = response.content.decode()
    assert "Sorry, something went wrong" in page and "go back and check" in page
