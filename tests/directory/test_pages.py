"""The directory's pages: coordinators search (near a postcode or a person they support), open
a resource, add or correct one and keep the directory fresh; anyone browses /find/."""

import html
import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from alongside.audit.models import Action, AuditEntry, RecordType
from alongside.directory import forms as directory_forms
from alongside.directory import services
from alongside.directory.importing.writer import oruk_service_save
from alongside.directory.models import (
    Accessibility,
    Address,
    Contact,
    Language,
    Organization,
    Phone,
    Service,
    ServiceStatus,
)
from alongside.directory.postcodes import POSTCODE_UNKNOWN
from alongside.directory.queries import service_full_get
from alongside.people.models import Person
from alongside.validation import POSTCODE_INVALID, STALE_VERSION
from tests.conftest import client_for
from tests.directory.test_search import load_leeds_postcodes, make_resources

SEARCH = "/directory/"


@pytest.fixture
def resources(db) -> dict:
    return make_resources()


@pytest.fixture
def leeds_postcodes(db):
    load_leeds_postcodes()


@pytest.fixture
def checked_by_owner(resources, owner) -> dict:
    """Knit and Natter checked last week by the owner; Health walks checked seven months ago
    by the owner; the rest never checked."""
    today = timezone.localdate()
    Service.objects.filter(pk=resources["knit"].pk).update(
        last_checked_on=today - timedelta(days=7), last_checked_by=owner
    )
    Service.objects.filter(pk=resources["walk"].pk).update(
        last_checked_on=today - timedelta(days=213), last_checked_by=owner
    )
    return resources


def page_text(response) -> str:
    assert response.status_code == 200
    return response.content.decode()


# Who may open what ------------------------------------------------------------------------------


def test_the_coordinator_pages_need_signing_in(client, resources):
    knit = resources["knit"].pk
    for url in [
        SEARCH,
        "/directory/add/",
        "/directory/needs-checking/",
        f"/directory/{knit}/",
        f"/directory/{knit}/edit/",
    ]:
        response = client.get(url)
        assert response.status_code == 302, url
        assert response.url.startswith(f"{reverse('login')}?next="), url
    assert client.post(f"/directory/{knit}/checked/").status_code == 302
    assert Service.objects.get(pk=knit).last_checked_on is None


def test_people_who_do_not_work_with_people_are_refused_the_coordinator_pages(
    commissioner, resources
):
    client = client_for(commissioner)
    assert client.get(SEARCH).status_code == 403
    assert client.get(f"/directory/{resources['knit'].pk}/").status_code == 403
    assert client.get("/find/").status_code == 200  # the public pages are open to all


def test_coordinators_and_managers_see_the_directory_in_the_menu(owner_client, manager):
    assert 'href="/directory/"' in page_text(owner_client.get("/people/"))
    assert 'href="/directory/"' in page_text(client_for(manager).get("/people/"))


def test_an_unknown_resource_is_404(owner_client, db):
    missing = "3f7b145d-84af-42d7-8fae-eaca714b02b2"
    assert owner_client.get(f"/directory/{missing}/").status_code == 404
    assert owner_client.get(f"/directory/{missing}/edit/").status_code == 404
    assert owner_client.post(f"/directory/{missing}/checked/").status_code == 404
    assert owner_client.get("/directory/not-an-id/").status_code == 404
    assert owner_client.get(f"/find/{missing}/").status_code == 404


# Searching ------------------------------------------------------------------------------------


def test_an_empty_directory_says_so_and_how_to_fill_it(owner_client, db):
    text = page_text(owner_client.get(SEARCH))
    assert "The directory is empty" in text
    assert 'href="/directory/add/"' in text


def test_the_search_lists_open_resources_with_where_when_and_cost(owner_client, resources):
    text = page_text(owner_client.get(SEARCH))
    assert "4 community resources" in text
    assert "Old knitting circle" not in text  # closed for good
    assert "Tuesdays, 10am to midday" in text
    assert "Free for everyone" in text
    assert "£1" in text
    assert "Run by Hillside Hub" in text
    assert "Needs checking" in text


def test_words_and_filters_narrow_the_list(owner_client, resources):
    text = page_text(owner_client.get(SEARCH, {"q": "walking"}))
    assert "1 community resource" in text and "Health walks" in text
    crafts = resources["crafts"].pk
    text = page_text(owner_client.get(SEARCH, {"category": crafts, "free": "on"}))
    assert "Knit and Natter" in text and "Debt advice line" not in text
    text = page_text(owner_client.get(SEARCH, {"day": "FR", "time": "evening", "age": "14"}))
    assert "Youth club" in text and "1 community resource" in text


def test_nothing_matching_says_what_to_try(owner_client, resources):
    text = page_text(owner_client.get(SEARCH, {"q": "trampolining"}))
    assert "Nothing matches" in text
    assert "Try fewer or different words" in text


def test_a_postcode_search_shows_the_nearest_first_on_a_list_and_a_map(
    owner_client, resources, leeds_postcodes
):
    text = page_text(owner_client.get(SEARCH, {"postcode": "ls6 1ab", "within": "2"}))
    assert "2 community resources within 2 miles of LS6 1AB, nearest first" in text
    assert text.index("Knit and Natter") < text.index("Health walks")
    assert "Youth club" not in text  # 4 km away: more than 2 miles
    assert "(0.0 miles away)" in text
    assert 'id="directory-map-data"' in text
    assert '"markers": [{"number": 1, "name": "Knit and Natter"' in text
    assert "/static/leaflet/leaflet.js" in text and "/static/directory/map.js" in text


def test_the_map_takes_its_tiles_from_the_configured_server(
    owner_client, resources, leeds_postcodes, settings
):
    settings.DIRECTORY_TILE_URL = "https://tiles.example.org/{z}/{x}/{y}.png"
    text = page_text(owner_client.get(SEARCH, {"postcode": "LS6 1AB"}))
    assert '"url": "https://tiles.example.org/{z}/{x}/{y}.png"' in text
    assert "Contains OS data" in text


def test_the_content_security_policy_lets_the_map_tiles_in(owner_client, db):
    policy = owner_client.get(SEARCH)["Content-Security-Policy"]
    assert "img-src 'self' data: https://tile.openstreetmap.org" in policy
    assert "script-src 'self' 'nonce-" in policy  # the map needs no inline script


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("LS6", POSTCODE_INVALID),
        ("12345", POSTCODE_INVALID),
        ("LS99 9ZZ", POSTCODE_UNKNOWN.format(postcode="LS99 9ZZ")),
    ],
)
def test_a_bad_postcode_is_explained_and_kept(
    owner_client, resources, leeds_postcodes, typed, message
):
    text = page_text(owner_client.get(SEARCH, {"postcode": typed, "q": "knit"}))
    assert "There is a problem" in text
    assert message in text
    assert f'value="{typed}"' in text
    assert 'value="knit"' in text
    assert "Knit and Natter" not in text  # no results until the search is right


# Near a person ---------------------------------------------------------------------------------


def test_a_coordinator_searches_near_a_person_they_support_and_the_read_is_audited(
    owner, owner_client, person, resources, leeds_postcodes
):
    person.coordinator = owner
    person.save()
    text = page_text(owner_client.get(SEARCH, {"person": person.pk, "within": "5"}))
    assert "3 community resources within 5 miles of Ann Example (LS6 1AB), nearest first" in text
    assert text.index("Knit and Natter") < text.index("Health walks") < text.index("Youth club")
    entry = AuditEntry.objects.filter(person_id=person.pk, user=owner).latest("pk")
    assert (entry.action, entry.record_type) == (Action.VIEWED, RecordType.PERSON)
    assert f'<option value="{person.pk}" selected>' in text


def test_a_persons_record_links_to_the_resources_near_them(
    owner, owner_client, person, resources, leeds_postcodes
):
    person.coordinator = owner
    person.save()
    summary = owner_client.get(f"/people/{person.pk}/").content.decode()
    link = f"{SEARCH}?person={person.pk}"
    assert f'href="{link}"' in summary
    text = page_text(owner_client.get(link))
    assert f"within 2 miles of {person.full_name} ({person.postcode}), nearest first" in text
    Person.objects.filter(pk=person.pk).update(postcode="")
    assert link not in owner_client.get(f"/people/{person.pk}/").content.decode()


def test_a_person_the_user_may_not_see_is_404_and_nothing_is_audited(
    outsider, person, resources, leeds_postcodes
):
    before = AuditEntry.objects.count()
    client = client_for(outsider)
    assert client.get(SEARCH, {"person": person.pk}).status_code == 404
    assert client.get(SEARCH, {"person": "999999"}).status_code == 404
    assert client.get(SEARCH, {"person": "ann"}).status_code == 404
    assert AuditEntry.objects.count() == before


def test_a_person_without_a_postcode_is_explained(owner_client, person, resources):
    Person.objects.filter(pk=person.pk).update(postcode="")
    text = page_text(owner_client.get(SEARCH, {"person": person.pk}))
    assert "Ann Example has no postcode on their record" in text


def test_a_postcode_and_a_person_together_is_explained(
    owner_client, person, resources, leeds_postcodes
):
    text = page_text(owner_client.get(SEARCH, {"person": person.pk, "postcode": "LS2 9JT"}))
    assert directory_forms.NEAR_BOTH in text


# A resource's page, checking ---------------------------------------------------------------------


@pytest.fixture
def full_resource(checked_by_owner) -> Service:
    """Knit and Natter with an address, phone, email, website, contact, accessibility and
    languages."""
    knit = checked_by_owner["knit"]
    location = knit.service_at_locations.get().location
    Address.objects.create(
        location=location, address_1="1 Hillside Road", city="Leeds", postal_code="LS6 1AB"
    )
    Accessibility.objects.create(location=location, description="Step-free, hearing loop")
    Phone.objects.create(service=knit, number="0113 496 0000")
    Language.objects.create(service=knit, name="Urdu")
    Contact.objects.create(service=knit, name="Maggie Hill", title="Organiser")
    Service.objects.filter(pk=knit.pk).update(
        email="knit@example.org", url="https://knit.example.org"
    )
    return knit


def test_a_resources_page_says_what_who_where_when_contact_cost_access_and_languages(
    owner_client, owner, full_resource
):
    text = page_text(owner_client.get(f"/directory/{full_resource.pk}/"))
    for words in [
        "Knit and Natter",
        "Run by Hillside Hub",
        "Knitting and a cuppa",
        "Hillside Library",
        "1 Hillside Road, Leeds",
        "Tuesdays, 10am to midday",
        "Free",
        "All ages",
        "0113 496 0000",
        "knit@example.org",
        "https://knit.example.org",
        "Maggie Hill, Organiser",
        "Step-free, hearing loop",
        "Urdu",
        f"by {owner.full_name}",
        "Mark as checked today",
        "Correct this listing",
    ]:
        assert words in text, words
    assert "Needs checking" not in text


def test_a_listing_not_checked_for_six_months_is_flagged(owner_client, checked_by_owner):
    text = page_text(owner_client.get(f"/directory/{checked_by_owner['walk'].pk}/"))
    assert "Needs checking" in text
    text = page_text(owner_client.get(f"/directory/{checked_by_owner['debt'].pk}/"))
    assert "Nobody has checked this listing yet" in text
    assert "Needs checking" in text


def test_the_needs_checking_list_shows_the_oldest_first(owner_client, checked_by_owner):
    text = page_text(owner_client.get("/directory/needs-checking/"))
    assert "3 listings to check" in text
    assert "Knit and Natter" not in text  # checked last week
    assert "Old knitting circle" not in text  # closed for good
    never = min(text.index("Debt advice line"), text.index("Youth club"))
    assert never < text.index("Health walks")


def test_marking_as_checked_records_who_and_when_and_takes_it_off_the_list(
    owner, owner_client, checked_by_owner
):
    walk = checked_by_owner["walk"]
    url = f"/directory/{walk.pk}/checked/"
    assert owner_client.get(url).status_code == 405
    response = owner_client.post(url, {"next": "needs_checking"})
    assert response.status_code == 302 and response.url == "/directory/needs-checking/"
    walk.refresh_from_db()
    assert (walk.last_checked_on, walk.last_checked_by) == (timezone.localdate(), owner)
    text = page_text(owner_client.get("/directory/needs-checking/"))
    assert "Health walks is marked as checked today" in text
    assert "2 listings to check" in text
    assert f'href="/directory/{walk.pk}/"' not in text
    response = owner_client.post(f"/directory/{checked_by_owner['youth'].pk}/checked/", follow=True)
    assert "Youth club is marked as checked today" in page_text(response)


def test_every_listing_checked_says_well_done(owner_client, db):
    assert "Every listing has been checked" in page_text(
        owner_client.get("/directory/needs-checking/")
    )


# Adding and correcting ---------------------------------------------------------------------------


def resource_post(**changes) -> dict:
    data = {
        "name": "The Corner Café",
        "description": "A friendly café where the owner knows everyone",
        "organization_name": "",
        "category": "",
        "location_name": "",
        "address_1": "12 Otley Road",
        "city": "Leeds",
        "postcode": "ls6 1ab",
        "days": ["MO", "TU", "WE"],
        "opens_at": "8.30",
        "closes_at": "15:00",
        "when": "Closed on bank holidays",
        "phone": "0113 496 0123",
        "email": "hello@corner.example",
        "url": "corner.example",
        "cost": "costs",
        "cost_description": "A cup of tea is £1.50",
        "minimum_age": "",
        "maximum_age": "",
        "accessibility": "Step-free; one table for wheelchairs",
        "languages": "English, Polish, english",
    }
    data.update(changes)
    return data


def test_a_coordinator_adds_a_resource_that_is_not_a_service_at_all(
    owner, owner_client, leeds_postcodes
):
    response = owner_client.post("/directory/add/", resource_post())
    cafe = Service.objects.get(name="The Corner Café")
    assert response.status_code == 302 and response.url == f"/directory/{cafe.pk}/"
    assert cafe.organization.name == "The Corner Café"  # it runs itself
    assert (cafe.last_checked_on, cafe.last_checked_by) == (timezone.localdate(), owner)
    assert cafe.url == "https://corner.example"
    location = cafe.service_at_locations.get().location
    assert float(location.latitude) == pytest.approx(53.8169, abs=0.001)
    assert location.addresses.get().postal_code == "LS6 1AB"
    assert location.accessibility.get().description.startswith("Step-free")
    schedule = cafe.schedules.get()
    assert (schedule.byday, schedule.opens_at, schedule.closes_at) == ("MO,TU,WE", "08:30", "15:00")
    assert cafe.phones.get().number == "0113 496 0123"
    assert cafe.cost_options.get().amount_description == "A cup of tea is £1.50"
    assert list(cafe.languages.values_list("name", flat=True)) == ["English", "Polish"]
    text = page_text(owner_client.get(response.url))
    assert "The Corner Café added, and marked as checked today" in text
    assert "Monday to Wednesday, 8:30am to 3pm. Closed on bank holidays" in text


def test_a_resource_run_by_a_group_joins_that_groups_other_resources(
    owner_client, resources, leeds_postcodes
):
    owner_client.post(
        "/directory/add/",
        resource_post(name="Allotment open day", organization_name="hillside hub", cost="free"),
    )
    allotment = Service.objects.get(name="Allotment open day")
    assert allotment.organization == resources["hub"]
    assert allotment.cost_options.get().amount == 0


def test_an_unknown_postcode_saves_but_says_it_is_not_on_the_map(owner_client, leeds_postcodes):
    response = owner_client.post("/directory/add/", resource_post(postcode="LS99 9ZZ"), follow=True)
    assert "It is not on the map" in page_text(response)
    location = Service.objects.get().service_at_locations.get().location
    assert location.latitude is None


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"name": ""}, "name", directory_forms.NAME_REQUIRED),
        ({"email": "hello@"}, "email", directory_forms.EMAIL_INVALID),
        ({"postcode": "LS6 1A"}, "postcode", POSTCODE_INVALID),
        ({"url": "not a website"}, "url", directory_forms.URL_INVALID),
        ({"opens_at": "25:00"}, "opens_at", directory_forms.TIME_INVALID),
        ({"closes_at": "07:00"}, "closes_at", directory_forms.CLOSES_BEFORE_OPENS),
        ({"minimum_age": "18", "maximum_age": "11"}, "minimum_age", directory_forms.AGES_REVERSED),
        ({"phone": "12"}, "phone", "Enter a UK phone number"),
        ({"postcode": ""}, "postcode", directory_forms.ADDRESS_NEEDS_POSTCODE),
    ],
)
def test_bad_input_is_explained_and_everything_typed_is_kept(
    owner_client, leeds_postcodes, changes, field, message
):
    data = resource_post(**changes)
    text = page_text(owner_client.post("/directory/add/", data))
    assert "There is a problem" in text
    assert f'href="#id_{field}"' in text
    assert message in text
    assert Service.objects.count() == 0
    for name in ["description", "address_1", "cost_description", "languages"]:
        assert data[name] in text, name
    if data["name"]:
        assert 'value="The Corner Café"' in text
    assert 'value="TU" checked' in text and 'value="FR" checked' not in text


def test_the_correction_form_shows_what_is_there_and_saves_a_correction(
    owner, owner_client, full_resource, leeds_postcodes
):
    text = page_text(owner_client.get(f"/directory/{full_resource.pk}/edit/"))
    for value in ['value="Knit and Natter"', 'value="1 Hillside Road"', 'value="0113 496 0000"']:
        assert value in text
    post = opened(owner_client, full_resource)
    post.update(name="Knit, Natter and Crochet", opens_at="10:30", category="")
    response = owner_client.post(f"/directory/{full_resource.pk}/edit/", post)
    assert response.status_code == 302
    full_resource.refresh_from_db()
    assert full_resource.version == 2
    assert full_resource.name == "Knit, Natter and Crochet"
    assert full_resource.organization.name == "Hillside Hub"
    assert full_resource.schedules.get().opens_at == "10:30"
    assert full_resource.phones.get().number == "0113 496 0000"
    assert full_resource.last_checked_by == owner


def opened(client, service: Service) -> dict:
    """The correction form of ``service`` as a browser sends it back when nothing is changed:
    what it shows, and its hidden fields (the version it was loaded with, and what it showed)."""
    page = page_text(client.get(f"/directory/{service.pk}/edit/"))
    return shown(service) | hidden_fields(page)


def shown(service: Service) -> dict:
    initial = services.resource_initial(service_full_get(service.pk))
    return {k: ("" if v is None else v) for k, v in initial.items()}


def hidden_fields(page: str) -> dict:
    found = re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)"', page)
    return {name: html.unescape(value) for name, value in found}


def test_a_colleagues_change_in_between_is_not_overwritten(
    owner_client, colleague, full_resource, leeds_postcodes
):
    post = opened(owner_client, full_resource)
    client_for(colleague).post(
        f"/directory/{full_resource.pk}/edit/", {**post, "description": "Colleague's words"}
    )
    text = page_text(
        owner_client.post(f"/directory/{full_resource.pk}/edit/", {**post, "name": "My name"})
    )
    assert html.escape(STALE_VERSION) in text
    assert 'value="My name"' in text
    full_resource.refresh_from_db()
    assert (full_resource.name, full_resource.description) == (
        "Knit and Natter",
        "Colleague's words",
    )


def test_a_stale_save_keeps_what_was_typed_says_so_and_saving_again_goes_through(
    owner_client, colleague, full_resource, leeds_postcodes
):
    url = f"/directory/{full_resource.pk}/edit/"
    post = opened(owner_client, full_resource)
    assert post["version"] == "1"
    theirs = opened(client_for(colleague), full_resource)
    their_changes = {
        "description": "Colleague's words",
        "days": ["TH"],
        "languages": "Urdu, Polish",
    }
    client_for(colleague).post(url, theirs | their_changes)

    mine = post | {"name": "My name", "when": "Not in August"}
    text = page_text(owner_client.post(url, mine))
    assert html.escape(STALE_VERSION) in text
    assert "There is a problem" in text
    assert 'value="My name"' in text and 'value="Not in August"' in text  # kept
    # What only the colleague changed is now in the form, ready to be saved with mine.
    assert "Their changes are now in the form below: What it is, Days, Languages spoken." in text
    assert "Colleague&#x27;s words</textarea>" in text
    assert 'value="TH" checked' in text and 'value="TU" checked' not in text
    assert 'value="Urdu, Polish"' in text
    assert "What is saved now" not in text  # nothing that both changed
    again = hidden_fields(text)
    assert again["version"] == "2"
    full_resource.refresh_from_db()
    assert (full_resource.name, full_resource.version) == ("Knit and Natter", 2)

    resent = mine | again | their_changes
    response = owner_client.post(url, resent)
    assert response.status_code == 302
    full_resource.refresh_from_db()
    assert (full_resource.name, full_resource.description) == ("My name", "Colleague's words")
    assert full_resource.schedules.get().byday == "TH"
    assert full_resource.schedules.get().description == "Not in August"
    assert sorted(full_resource.languages.values_list("name", flat=True)) == ["Polish", "Urdu"]
    assert full_resource.version == 3


def test_both_changing_one_field_shows_what_is_saved_in_words_and_keeps_mine(
    owner_client, colleague, full_resource, leeds_postcodes
):
    url = f"/directory/{full_resource.pk}/edit/"
    post = opened(owner_client, full_resource)
    client_for(colleague).post(
        url, opened(client_for(colleague), full_resource) | {"cost": "costs"}
    )
    text = page_text(owner_client.post(url, post | {"cost": "unknown"}))
    assert html.escape(STALE_VERSION) in text
    assert "What is saved now" in text and "It costs something" in text
    assert 'value="unknown" checked' in text


IMPORTED = {
    "id": "yoga",
    "name": "Chair yoga",
    "description": "Gentle yoga, sitting down",
    "organization": {"id": "yoga-club", "name": "Leeds Yoga Club"},
    "contacts": [
        {"id": "ann", "name": "Ann", "phones": [{"id": "ann-phone", "number": "0113 496 0001"}]}
    ],
    "service_at_locations": [
        {
            "id": "yoga-at-hall",
            "location": {
                "id": "hall",
                "name": "Church hall",
                "addresses": [
                    {"id": "hall-address", "address_1": "1 Otley Road", "city": "Leeds"}
                    | {"postal_code": "LS6 1AB", "address_type": "physical"}
                ],
            },
        }
    ],
}


def test_an_import_that_changes_a_resource_makes_an_open_form_stale(owner_client, leeds_postcodes):
    imported = oruk_service_save(IMPORTED, source="elsewhere")
    post = opened(owner_client, imported)
    oruk_service_save(IMPORTED, source="elsewhere")  # the same again: nothing changes
    assert Service.objects.get(pk=imported.pk).version == 1
    # Only something nested in it changes: its contact's phone number.
    contact = IMPORTED["contacts"][0] | {"phones": [{"id": "ann-phone", "number": "0113 496 0999"}]}
    oruk_service_save(IMPORTED | {"contacts": [contact]}, source="elsewhere")
    assert Service.objects.get(pk=imported.pk).version == 2

    url = f"/directory/{imported.pk}/edit/"
    text = page_text(owner_client.post(url, post | {"name": "My name"}))
    assert html.escape(STALE_VERSION) in text
    assert 'value="My name"' in text
    assert Service.objects.get(pk=imported.pk).name == "Chair yoga"
    response = owner_client.post(url, post | hidden_fields(text) | {"name": "My name"})
    assert response.status_code == 302
    assert Service.objects.get(pk=imported.pk).name == "My name"


# The public pages --------------------------------------------------------------------------------


def test_anyone_can_browse_and_search_the_public_directory_without_signing_in(
    client, checked_by_owner, leeds_postcodes
):
    text = page_text(client.get("/find/"))
    assert "Find community resources" in text
    assert "4 community resources" in text
    assert 'href="/directory/' not in text
    text = page_text(client.get("/find/", {"postcode": "LS6 1AB", "within": "1"}))
    assert "1 community resource within 1 mile of LS6 1AB" in text
    assert f'href="/find/{checked_by_owner["knit"].pk}/"' in text


def test_the_public_pages_show_no_staff_names_and_no_staff_actions(client, owner, full_resource):
    for url in ["/find/", f"/find/{full_resource.pk}/"]:
        text = page_text(client.get(url))
        assert owner.full_name not in text, url
        assert owner.email not in text, url
        assert "Needs checking" not in text, url
        assert "Mark as checked" not in text, url
    text = page_text(client.get(f"/find/{full_resource.pk}/"))
    assert "Last checked in" in text
    assert "Maggie Hill" in text  # the resource's own contact is public information


def test_a_resource_closed_for_good_is_not_public(client, resources):
    assert client.get(f"/find/{resources['gone'].pk}/").status_code == 404
    Service.objects.filter(pk=resources["knit"].pk).update(status=ServiceStatus.INACTIVE)
    assert client.get(f"/find/{resources['knit'].pk}/").status_code == 404


def test_the_public_directory_is_paged(client, db):
    org = Organization.objects.create(name="Big")
    Service.objects.bulk_create(Service(organization=org, name=f"Group {n:02}") for n in range(45))
    first = page_text(client.get("/find/"))
    assert "45 community resources" in first and "Showing 1 to 20" in first
    assert "Group 19" in first and "Group 20" not in first
    third = page_text(client.get("/find/", {"page": "3"}))
    assert "Group 44" in third and "Showing 41 to 45" in third


# Words for times and days -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("byday", "opens", "closes", "words"),
    [
        ("MO,TU,WE,TH,FR", "09:00", "17:00", "Monday to Friday, 9am to 5pm"),
        ("MO,WE", "10:30", "12:00", "Mondays and Wednesdays, 10:30am to midday"),
        ("SA,SU", "", "", "Saturdays and Sundays"),
        ("MO,TU,WE,TH,FR,SA,SU", "18:00Z", "", "Every day, from 6pm"),
        ("1MO", "19:00", "21:00", "The first Monday of the month, 7pm to 9pm"),
        ("", "", "", ""),
    ],
)
def test_times_are_said_in_plain_words(byday, opens, closes, words):
    from alongside.directory.describe import schedule
    from alongside.directory.models import Schedule

    assert schedule(Schedule(byday=byday, opens_at=opens, closes_at=closes)) == words


def test_the_add_form_sent_twice_adds_one_resource(owner_client, leeds_postcodes):
    form = owner_client.get("/directory/add/").content.decode()
    new_id = form.split('name="new_id" value="')[1].split('"')[0]
    first = owner_client.post("/directory/add/", resource_post() | {"new_id": new_id})
    again = owner_client.post("/directory/add/", resource_post() | {"new_id": new_id})
    cafe = Service.objects.get(name="The Corner Café")
    assert str(cafe.pk) == new_id
    assert first.url == again.url == f"/directory/{cafe.pk}/"
    # A new form is a new resource, even with the same name.
    other = owner_client.get("/directory/add/").content.decode()
    assert new_id not in other
    owner_client.post("/directory/add/", resource_post())
    assert Service.objects.filter(name="The Corner Café").count() == 2
