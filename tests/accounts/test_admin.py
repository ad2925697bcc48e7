"""Administrators manage users, areas, teams and the gift vocabulary; never person records."""

import pytest
from django.contrib import admin

from alongside.accounts.models import User
from alongside.people.models import GiftTerm
from tests.conftest import client_for


@pytest.fixture
def admin_client_(administrator):
    administrator.is_superuser = True
    administrator.save()
    return client_for(administrator)


def test_an_administrator_adds_a_coordinator_with_an_area(admin_client_, area):
    response = admin_client_.post(
        "/admin/accounts/user/add/",
        {
            "email": "new.coordinator@example.org",
            "full_name": "New Coordinator",
            "role": "coordinator",
            "usable_password": "true",
            "password1": "a-long-new-password-9",
            "password2": "a-long-new-password-9",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    user = User.objects.get(email="new.coordinator@example.org")
    assert user.check_password("a-long-new-password-9")
    assert admin_client_.get(f"/admin/accounts/user/{user.pk}/change/").status_code == 200


@pytest.mark.parametrize(
    "url",
    [
        "/admin/",
        "/admin/accounts/user/",
        "/admin/accounts/area/",
        "/admin/accounts/team/",
        "/admin/people/giftterm/",
        "/admin/people/messagetemplate/",
    ],
)
def test_the_administration_pages_open(admin_client_, url):
    assert admin_client_.get(url).status_code == 200


def test_the_gift_vocabulary_comes_seeded_and_is_editable(admin_client_):
    assert GiftTerm.objects.filter(kind="skill").count() >= 10
    response = admin_client_.post(
        "/admin/people/giftterm/add/", {"name": "Beatboxing", "kind": "skill", "active": "on"}
    )
    assert response.status_code == 302
    assert GiftTerm.objects.filter(name="Beatboxing").exists()


def test_no_person_record_is_in_the_administration_site():
    labels = {model._meta.label for model in admin.site._registry}
    assert not {label for label in labels if label.startswith(("people.", "audit."))} - {
        "people.GiftTerm",
        "people.MessageTemplate",  # the words of the emails to introducers: no person in them
    }


def test_an_administrator_edits_the_email_to_introducers_and_a_wrong_placeholder_is_refused(
    admin_client_,
):
    from alongside.people.models import MessageTemplate

    template = MessageTemplate.objects.get(kind="received")
    url = f"/admin/people/messagetemplate/{template.pk}/change/"
    page = admin_client_.get(url).content.decode()
    assert "{{ first_name }}" in page  # the placeholders are listed
    response = admin_client_.post(url, {"subject": "Thanks", "body": "About {{ whats_going_on }}"})
    assert response.status_code == 200
    assert "is not one of the placeholders" in response.content.decode()
    response = admin_client_.post(url, {"subject": "Thanks", "body": "Dear {{ introducer_name }}"})
    assert response.status_code == 302
    template.refresh_from_db()
    assert template.body == "Dear {{ introducer_name }}"


def test_a_coordinator_cannot_open_the_administration_site(owner_client):
    assert owner_client.get("/admin/").status_code == 302


@pytest.mark.parametrize(
    "url",
    [
        "/admin/outcomes/unitcost/",
        "/admin/outcomes/outcomedomain/",
        "/admin/outcomes/organisationsettings/",
    ],
)
def test_the_outcomes_administration_pages_open(admin_client_, url):
    assert admin_client_.get(url).status_code == 200


def test_recording_the_warwick_registration_offers_swemwbs(admin_client_):
    from alongside.outcomes.models import OrganisationSettings
    from alongside.outcomes.services import measure_available

    assert not measure_available("swemwbs")
    settings = OrganisationSettings.current()
    response = admin_client_.post(
        f"/admin/outcomes/organisationsettings/{settings.pk}/change/",
        {"warwick_registration": "WEMWBS-0042", "review_interval_months": "3"},
    )
    assert response.status_code == 302
    assert measure_available("swemwbs")
