"""Fresh listings: a listing not checked within the council's time (6 months unless set) is
flagged; if the council chooses, it is hidden from the public pages until someone checks it;
an imported listing carries its source's own last-checked date, and Alongside's own feed
gives the date its coordinators last checked each listing."""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from alongside.directory import describe, queries, serializers
from alongside.directory.models import Organization, Service
from tests.conftest import client_for


@pytest.fixture
def listings(db) -> dict:
    today = timezone.localdate()
    org = Organization.objects.create(name="Hillside Hub")
    fresh = Service.objects.create(
        organization=org, name="Knit and Natter", last_checked_on=today - timedelta(days=30)
    )
    four_months = Service.objects.create(
        organization=org, name="Lunch club", assured_date=today - timedelta(days=122)
    )
    stale = Service.objects.create(
        organization=org, name="Men's shed", last_checked_on=today - timedelta(days=200)
    )
    never = Service.objects.create(organization=org, name="Walking group")
    return {"fresh": fresh, "four_months": four_months, "stale": stale, "never": never}


def public_names(client: Client) -> list[str]:
    page = client.get("/find/").content.decode()
    return [
        name
        for name in ("Knit and Natter", "Lunch club", "Men&#x27;s shed", "Walking group")
        if name in page
    ]


def test_a_listing_is_due_after_six_months_unless_the_council_sets_another_time(listings, settings):
    today = timezone.localdate()
    due = {s.name for s in queries.services_needing_check(today=today)}
    assert due == {"Men's shed", "Walking group"}
    settings.DIRECTORY_CHECK_EVERY_MONTHS = 3
    due = {s.name for s in queries.services_needing_check(today=today)}
    assert due == {"Men's shed", "Walking group", "Lunch club"}
    service = queries.listings(Service.objects.filter(pk=listings["four_months"].pk)).get()
    assert describe.checked(service, today).due


def test_the_needs_checking_page_says_the_councils_time(listings, owner, settings):
    settings.DIRECTORY_CHECK_EVERY_MONTHS = 3
    page = client_for(owner).get("/directory/needs-checking/").content.decode()
    assert "three months or more" in page
    assert "six months" not in page


def test_listings_not_checked_stay_public_unless_the_council_chooses_to_hide_them(
    listings, settings
):
    client = Client()
    assert public_names(client) == [
        "Knit and Natter",
        "Lunch club",
        "Men&#x27;s shed",
        "Walking group",
    ]
    settings.DIRECTORY_HIDE_UNCHECKED = True
    assert public_names(client) == ["Knit and Natter", "Lunch club"]
    settings.DIRECTORY_PUBLIC_CHECK_EVERY_MONTHS = 3
    assert public_names(client) == ["Knit and Natter"]
    hidden = client.get(f"/find/{listings['stale'].pk}/")
    assert hidden.status_code == 404
    assert client.get(f"/find/{listings['fresh'].pk}/").status_code == 200


def test_hidden_listings_stay_on_the_coordinators_pages_flagged(listings, owner, settings):
    settings.DIRECTORY_HIDE_UNCHECKED = True
    coordinator = client_for(owner)
    page = coordinator.get("/directory/").content.decode()
    assert "Men&#x27;s shed" in page and "Walking group" in page
    assert "Needs checking" in page
    detail = coordinator.get(f"/directory/{listings['stale'].pk}/").content.decode()
    assert "not shown on the public pages until it is checked" in detail


def test_checking_a_hidden_listing_puts_it_back_on_the_public_pages(listings, owner, settings):
    settings.DIRECTORY_HIDE_UNCHECKED = True
    client_for(owner).post(f"/directory/{listings['stale'].pk}/checked/")
    assert "Men&#x27;s shed" in public_names(Client())


def test_our_feed_gives_the_date_a_coordinator_last_checked_a_listing(listings):
    served = serializers.service_full(queries.service_full_get(listings["fresh"].pk))
    assert served["assured_date"] == listings["fresh"].last_checked_on.isoformat()
    publisher = serializers.service_full(queries.service_full_get(listings["four_months"].pk))
    assert publisher["assured_date"] == listings["four_months"].assured_date.isoformat()
    never = serializers.service_full(queries.service_full_get(listings["never"].pk))
    assert "assured_date" not in never
