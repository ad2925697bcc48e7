"""Saving ORUK 3.0 JSON into the directory (``oruk_service_save`` and friends), the directory's
database invariants, and the searches the API does not reach yet (distance)."""

import copy
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest
from django.apps import apps
from django.db import IntegrityError, transaction
from django.utils import timezone

from alongside.directory.importing.writer import (
    SOURCE_NEEDED,
    OrukDataError,
    oruk_organization_save,
    oruk_service_at_location_save,
    oruk_service_save,
    oruk_taxonomy_save,
)
from alongside.directory.models import (
    Attribute,
    Contact,
    Location,
    Organization,
    Record,
    Schedule,
    Service,
    ServiceAtLocation,
    Taxonomy,
    TaxonomyTerm,
)
from alongside.directory.queries import locations_near, services_search
from tests.conftest import client_for
from tests.directory.test_api import example

SOURCE = "example"
TERM_ID = "3f7b145d-84af-42d7-8fae-eaca714b02b2"


def directory_state() -> dict:
    """Every row of every directory record, so that "nothing changed" can be said and meant.
    (Tables that are not directory records, such as postcodes, are left out.)"""
    return {
        model._meta.label: list(model.objects.order_by("pk").values())
        for model in apps.get_app_config("directory").get_models()
        if issubclass(model, Record)
    }


def counts() -> dict:
    return {label: len(rows) for label, rows in directory_state().items()}


# Idempotency and updating in place ------------------------------------------------------


def test_saving_the_same_json_twice_changes_nothing(db):
    service = oruk_service_save(example("service_full"), source=SOURCE)
    before = directory_state()
    again = oruk_service_save(example("service_full"), source=SOURCE)
    assert again.pk == service.pk
    assert directory_state() == before
    assert counts() | {} == {
        "directory.Organization": 1,
        "directory.OrganizationIdentifier": 1,
        "directory.Service": 1,
        "directory.Location": 1,
        "directory.ServiceAtLocation": 1,
        "directory.Taxonomy": 0,
        "directory.TaxonomyTerm": 1,
        "directory.Attribute": 1,
        "directory.Address": 1,
        "directory.Accessibility": 1,
        "directory.Contact": 1,
        "directory.Phone": 0,
        "directory.Language": 1,
        "directory.Schedule": 1,
        "directory.ServiceArea": 1,
        "directory.CostOption": 1,
        "directory.Funding": 1,
    }


def test_the_examples_share_their_records_whatever_the_order(db):
    oruk_taxonomy_save(example("taxonomy"), source=SOURCE)
    oruk_service_save(example("service_full"), source=SOURCE)
    oruk_organization_save(example("organization_full"), source=SOURCE)
    oruk_service_at_location_save(example("service_at_location_full"), source=SOURCE)
    before = directory_state()
    oruk_organization_save(example("organization_full"), source=SOURCE)
    oruk_taxonomy_save(example("taxonomy"), source=SOURCE)
    oruk_service_at_location_save(example("service_at_location_full"), source=SOURCE)
    oruk_service_save(example("service_full"), source=SOURCE)
    assert directory_state() == before
    assert (Service.objects.count(), Organization.objects.count()) == (1, 1)
    assert (Location.objects.count(), TaxonomyTerm.objects.count()) == (1, 1)
    assert ServiceAtLocation.objects.count() == 1
    # The service's copy of the term does not name its taxonomy: the link stays.
    assert TaxonomyTerm.objects.get().taxonomy == Taxonomy.objects.get()


def test_a_later_import_updates_in_place_and_drops_what_the_source_dropped(db):
    service = oruk_service_save(example("service_full"), source=SOURCE)
    contact = service.contacts.get()
    changed = example("service_full")
    changed["name"] = "Community Counselling (Tuesdays)"
    changed["contacts"] = []
    del changed["alert"]
    changed["schedules"].append({"id": "2b0c8f7e-0000-4000-8000-000000000001", "byday": "TU"})
    address = changed["service_at_locations"][0]["location"]["addresses"][0]
    address["postal_code"] = "LS6 1AB"

    again = oruk_service_save(changed, source=SOURCE)

    again.refresh_from_db()
    assert again.pk == service.pk
    assert (again.name, again.alert) == ("Community Counselling (Tuesdays)", "")
    assert not Contact.objects.filter(pk=contact.pk).exists()
    assert sorted(again.schedules.values_list("byday", flat=True)) == ["TH,FR", "TU"]
    location = again.service_at_locations.get().location
    assert location.addresses.get().postal_code == "LS6 1AB"


def test_what_a_coordinator_added_survives_a_re_import(db):
    service = oruk_service_save(example("service_full"), source=SOURCE)
    ours = Contact.objects.create(service=service, name="Our own note of a contact")
    oruk_service_save(example("service_full"), source=SOURCE)
    assert Contact.objects.filter(pk=ours.pk).exists()
    assert service.contacts.count() == 2


def test_two_sources_with_the_same_ids_have_separate_records(db):
    first = oruk_service_save(example("service_full"), source="leeds")
    second = oruk_service_save(example("service_full"), source="bradford")
    assert first.pk != second.pk
    assert first.organization_id != second.organization_id
    assert Service.objects.filter(source_id=first.source_id).count() == 2
    assert TaxonomyTerm.objects.count() == 2


def test_a_dropped_location_link_goes_but_the_shared_location_stays(db):
    service = oruk_service_save(example("service_full"), source=SOURCE)
    location = service.service_at_locations.get().location
    changed = example("service_full")
    changed["service_at_locations"] = []
    oruk_service_save(changed, source=SOURCE)
    assert not ServiceAtLocation.objects.exists()
    assert Location.objects.filter(pk=location.pk).exists()


# last_modified --------------------------------------------------------------------------


def test_the_sources_last_modified_is_kept(db):
    service = oruk_service_save(example("service_full"), source=SOURCE)
    assert service.last_modified == datetime(2023, 3, 15, 10, 30, 45, 123000, tzinfo=UTC)


def test_without_a_last_modified_only_a_save_that_changes_something_sets_it(db):
    data = example("service_full")
    del data["last_modified"]
    service = oruk_service_save(data, source=SOURCE)
    long_ago = timezone.now() - timedelta(days=30)
    Service.objects.filter(pk=service.pk).update(last_modified=long_ago)

    oruk_service_save(data, source=SOURCE)
    service.refresh_from_db()
    assert service.last_modified == long_ago

    data["cost_options"][0]["amount"] = 40
    oruk_service_save(data, source=SOURCE)
    service.refresh_from_db()
    assert service.last_modified > timezone.now() - timedelta(minutes=1)
    assert service.cost_options.get().amount == Decimal("40")


# References to records not yet imported -------------------------------------------------


def test_a_terms_parent_is_linked_when_it_arrives(db):
    oruk_service_save(example("service_full"), source=SOURCE)
    term = TaxonomyTerm.objects.get()
    assert (term.parent, term.parent_source_id) == (None, "0bc248fa-dc27-4650-9ba4-8f1a24ef16a2")
    parent = oruk_taxonomy_save(
        {
            "id": "07ff6aee-a219-438c-b694-d2fcb6c5373b",
            "name": "Services",
            "description": "",
            "taxonomy_terms": [
                {"id": term.parent_source_id, "name": "Health", "description": "Health"}
            ],
        },
        source=SOURCE,
    ).terms.get()
    term.refresh_from_db()
    assert term.parent == parent


def test_a_service_can_name_an_organization_imported_before(db):
    org = oruk_organization_save(example("organization_list")["contents"][0], source=SOURCE)
    data = example("service_list")["contents"][0]
    del data["organization"]
    data["organization_id"] = org.source_id
    assert oruk_service_save(data, source=SOURCE).organization == org


# Bad data -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("change", "words"),
    [
        (lambda d: d.update(status="open"), ["Service", "status"]),
        (lambda d: d.update(url="not a url"), ["Service", "url"]),
        (lambda d: d.update(minimum_age="twelve"), ["Service", "minimum_age"]),
        (lambda d: d["contacts"][0].pop("id"), ["contact", "no id"]),
        (lambda d: d["contacts"][0].update(email="not-an-email"), ["Contact", "email"]),
        (
            lambda d: d["service_at_locations"][0]["location"].update(location_type="moon"),
            ["Location", "location_type"],
        ),
        (lambda d: d["schedules"][0].update(valid_from="soon"), ["Schedule", "valid_from"]),
        (lambda d: d.pop("organization"), ["no organization"]),
        (lambda d: d["attributes"][0].pop("taxonomy_term"), ["no taxonomy term"]),
    ],
)
def test_bad_data_is_refused_with_a_clear_message_and_nothing_is_saved(db, change, words):
    data = copy.deepcopy(example("service_full"))
    change(data)
    with pytest.raises(OrukDataError) as raised:
        oruk_service_save(data, source=SOURCE)
    for word in words:
        assert word in str(raised.value)
    assert not any(counts().values())


def test_a_source_must_be_named(db):
    with pytest.raises(ValueError, match=SOURCE_NEEDED):
        oruk_service_save(example("service_full"), source="")


def test_a_date_and_time_where_a_date_is_wanted_keeps_the_date(db):
    data = example("service_full")
    data["schedules"][0]["dtstart"] = "2024-09-02T18:00:00Z"
    service = oruk_service_save(data, source=SOURCE)
    assert service.schedules.get().dtstart == date(2024, 9, 2)


# The database keeps the directory sound -------------------------------------------------


def test_an_imported_id_is_unique_within_its_source_and_our_own_need_none(db):
    Organization.objects.create(name="A", description="", source="leeds", source_id="1")
    Organization.objects.create(name="B", description="", source="york", source_id="1")
    Organization.objects.create(name="C", description="")
    Organization.objects.create(name="D", description="")
    with pytest.raises(IntegrityError), transaction.atomic():
        Organization.objects.create(name="E", description="", source="leeds", source_id="1")
    with pytest.raises(IntegrityError), transaction.atomic():
        Organization.objects.create(name="F", description="", source="leeds")


def test_an_attribute_and_a_schedule_belong_to_exactly_one_record(db):
    org = Organization.objects.create(name="A", description="")
    service = Service.objects.create(organization=org, name="S")
    term = TaxonomyTerm.objects.create(name="T", description="")
    with pytest.raises(IntegrityError), transaction.atomic():
        Attribute.objects.create(taxonomy_term=term)
    with pytest.raises(IntegrityError), transaction.atomic():
        Attribute.objects.create(taxonomy_term=term, service=service, organization=org)
    with pytest.raises(IntegrityError), transaction.atomic():
        Schedule.objects.create()
    assert Attribute.objects.create(taxonomy_term=term, organization=org).link_entity == (
        "organization"
    )


# Distance -------------------------------------------------------------------------------

LEEDS = (53.7997, -1.5492)


@pytest.fixture
def places(db):
    org = Organization.objects.create(name="Hub", description="")
    found = {}
    for name, lat, lon in [
        ("City centre", "53.799700", "-1.549200"),
        ("Headingley", "53.819600", "-1.577000"),  # about 2.9 km away
        ("York", "53.960000", "-1.087300"),  # about 35 km away
    ]:
        service = Service.objects.create(organization=org, name=f"Group in {name}")
        location = Location.objects.create(name=name, latitude=lat, longitude=lon)
        ServiceAtLocation.objects.create(service=service, location=location)
        found[name] = service
    Service.objects.create(organization=org, name="Online group")
    return found


def test_services_are_found_by_distance_from_a_point(places):
    assert [s.name for s in services_search(near=LEEDS, within_km=5)] == [
        "Group in City centre",
        "Group in Headingley",
    ]
    assert services_search(near=LEEDS, within_km=1).get().name == "Group in City centre"
    assert services_search(near=LEEDS, within_km=50).count() == 3
    assert services_search().count() == 4


def test_the_distance_is_the_great_circle_distance(places):
    distances = {loc.name: loc.distance_km for loc in locations_near(LEEDS, 100)}
    assert distances["City centre"] == pytest.approx(0, abs=0.01)
    assert distances["Headingley"] == pytest.approx(2.88, abs=0.05)
    assert distances["York"] == pytest.approx(35.0, abs=1)


# Administration -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "/admin/directory/organization/?q=example",
        "/admin/directory/service/?q=counselling",
        "/admin/directory/location/?q=ABC",
        "/admin/directory/taxonomy/",
        "/admin/directory/taxonomyterm/?q=name",
    ],
)
def test_the_directory_administration_pages_open(administrator, url):
    oruk_service_save(example("service_full"), source=SOURCE)
    administrator.is_superuser = True
    administrator.save()
    client = client_for(administrator)
    assert client.get(url).status_code == 200
    service = Service.objects.get()
    assert client.get(f"/admin/directory/service/{service.pk}/change/").status_code == 200


def test_a_location_given_float_coordinates_is_saved_exactly(db):
    from alongside.directory.importing.writer import oruk_service_save
    from alongside.directory.models import Location

    service = {
        "id": "svc-float",
        "name": "Friday lunch club",
        "status": "active",
        "organization": {"id": "org-float", "name": "Chapeltown Community Centre"},
        "service_at_locations": [
            {
                "id": "sal-float",
                "location": {
                    "id": "loc-float",
                    "location_type": "physical",
                    "latitude": 53.8201,
                    "longitude": -1.5763,
                },
            }
        ],
    }
    oruk_service_save(service, source="float-test")
    location = Location.objects.get(source_id="loc-float")
    assert str(location.latitude).rstrip("0") == "53.8201"


# Saving many records at once ------------------------------------------------------------


def test_a_refused_record_leaves_nothing_behind_and_the_others_are_saved(db):
    from alongside.directory.importing.writer import OrukWriter

    good = example("service_full")
    bad = copy.deepcopy(good)
    bad["id"] = "another-service"
    bad["organization"]["name"] = "A new name for the same organization"
    bad["contacts"][0]["id"] = "another-contact"
    bad["url"] = "not a url"  # checked after the organization and contact were changed
    with OrukWriter(SOURCE) as writer:
        assert writer.save("service", good) == "created"
        with pytest.raises(OrukDataError, match="url"):
            writer.save("service", bad)
        assert writer.save("service", good) == "unchanged"
    assert Service.objects.count() == 1
    assert Organization.objects.get().name == good["organization"]["name"]
    assert Contact.objects.count() == 1


def test_saving_in_bulk_says_what_changed(db):
    from alongside.directory.importing.writer import OrukWriter

    with OrukWriter(SOURCE) as writer:
        assert writer.save("service", example("service_full")) == "created"
    changed = example("service_full")
    changed["schedules"] = []
    with OrukWriter(SOURCE) as writer:
        assert writer.save("service", changed) == "updated"
        assert writer.save("service", changed) == "unchanged"
    assert not Schedule.objects.exists()


def test_a_record_deleted_and_listed_again_in_one_import_keeps_its_id(db):
    from alongside.directory.importing.writer import OrukWriter

    service = oruk_service_save(example("service_full"), source=SOURCE)
    contact = service.contacts.get()
    without = example("service_full")
    without["contacts"] = []
    with OrukWriter(SOURCE) as writer:
        writer.save("service", without)
        writer.save("service", example("service_full"))
    assert service.contacts.get().pk == contact.pk


# The version a coordinator's form is loaded with ---------------------------------------------


def version_of(service: Service) -> int:
    return Service.objects.get(pk=service.pk).version


def _location(data: dict) -> dict:
    return data["service_at_locations"][0]["location"]


@pytest.mark.parametrize(
    "change",
    [
        lambda d: d.update(alert="Closed this week"),
        lambda d: d["contacts"][0].update(title="Receptionist"),
        lambda d: d.update(contacts=[]),
        lambda d: d["schedules"].append({"id": "another-schedule", "byday": "TU"}),
        lambda d: d["languages"][0].update(name="Polish"),
        lambda d: d["attributes"][0].update(value="changed"),
        lambda d: d["organization"].update(name="A new name"),
        lambda d: _location(d).update(name="The new hall"),
        lambda d: _location(d)["addresses"][0].update(postal_code="LS6 1AB"),
        lambda d: _location(d)["accessibility"][0].update(description="Step-free"),
    ],
    ids=[
        "its own field",
        "a contact",
        "a contact dropped",
        "a schedule added",
        "a language",
        "an attribute",
        "its organization",
        "its place",
        "its place's address",
        "its place's accessibility",
    ],
)
def test_an_import_that_changes_a_service_or_anything_in_it_moves_it_to_its_next_version(
    db, change
):
    service = oruk_service_save(example("service_full"), source=SOURCE)
    assert version_of(service) == 1
    oruk_service_save(example("service_full"), source=SOURCE)  # nothing changes
    assert version_of(service) == 1
    changed = example("service_full")
    change(changed)
    oruk_service_save(changed, source=SOURCE)
    assert version_of(service) == 2
    oruk_service_save(changed, source=SOURCE)  # the same again: nothing changes
    assert version_of(service) == 2


def test_a_change_to_a_shared_organization_or_place_moves_every_service_of_it_on(db):
    data = example("service_full")
    first = oruk_service_save(data, source=SOURCE)
    location = _location(data)
    second = oruk_service_save(
        {
            "id": "another-service",
            "name": "Another service",
            "organization_id": data["organization"]["id"],
            "service_at_locations": [{"id": "another-link", "location_id": location["id"]}],
        },
        source=SOURCE,
    )
    assert (version_of(first), version_of(second)) == (1, 1)
    data["organization"]["name"] = "A new name"
    oruk_service_save(data, source=SOURCE)
    assert (version_of(first), version_of(second)) == (2, 2)
    location["addresses"][0]["city"] = "Leeds"
    oruk_service_save(data, source=SOURCE)
    assert (version_of(first), version_of(second)) == (3, 3)
    oruk_service_save(data, source=SOURCE)
    assert (version_of(first), version_of(second)) == (3, 3)


def test_a_refused_record_moves_no_version_on(db):
    from alongside.directory.importing.writer import OrukWriter

    good = oruk_service_save(example("service_full"), source=SOURCE)
    bad = example("service_full")
    bad["organization"]["name"] = "A new name for the same organization"
    bad["url"] = "not a url"  # checked after the organization was changed
    with OrukWriter(SOURCE) as writer, pytest.raises(OrukDataError):
        writer.save("service", bad)
    assert version_of(good) == 1
