"""Lossless exchange (issue: a directory you can trust): a feed's taxonomies, terms and
organizations without services are read; an HSDS 1.1 package is read as 1.1; fields the
directory does not read (HSDS 3.1's) are tolerated and listed."""

import copy
import datetime
import json
import shutil
from decimal import Decimal

import pytest

from alongside.directory import rules
from alongside.directory.importing import feed as feeds
from alongside.directory.importing import hsds11
from alongside.directory.models import Location, Organization, Service, Taxonomy, TaxonomyTerm
from tests.directory.test_api import example
from tests.directory.test_import import FIXTURES, assert_imported, run_import, service_number

TAXONOMY = "5c4d79d7-cc55-470e-9f1f-8cad074e4892"


def terms() -> list[dict]:
    """A broader term and a narrower one, in a taxonomy; the narrower listed first."""
    broad = {"id": "t-broad", "name": "Social activities", "taxonomy_id": TAXONOMY, "term": "1"}
    narrow = {"id": "t-narrow", "name": "Lunch clubs", "taxonomy_id": TAXONOMY, "term": "2"}
    return [narrow | {"parent_id": "t-broad"}, broad]


def alone() -> dict:
    organization = copy.deepcopy(example("organization_full"))
    organization |= {"id": "org-alone", "name": "Riverside Allotments", "services": []}
    del organization["parent_organization_id"]
    return organization


def test_a_feeds_taxonomies_terms_and_organizations_without_services_are_kept(feed, db):
    services = [service_number(1), service_number(2)]
    feed.serve(services)
    taxonomy = {k: v for k, v in example("taxonomy").items() if k != "taxonomy_terms"}
    feed.serve_list("taxonomies", [taxonomy])
    feed.serve_list("taxonomy_terms", terms(), per_page=1)
    listed = {k: v for k, v in alone().items() if k not in ("organization_identifiers",)}
    feed.serve_list("organizations", [services[0]["organization"], listed])
    feed.organizations["org-alone"] = alone()  # in full at /organizations/{id}
    run = run_import(url=feed.url)
    # Two services, a taxonomy, two terms, the organization no service brings.
    assert_imported(run, created=6)
    assert not [note for note in run.left_out if "The feed has no" in note]
    narrow = TaxonomyTerm.objects.get(source_id="t-narrow")
    assert narrow.parent == TaxonomyTerm.objects.get(source_id="t-broad")
    assert narrow.taxonomy == Taxonomy.objects.get(source_id=TAXONOMY)
    riverside = Organization.objects.get(source_id="org-alone")
    assert riverside.services.count() == 0
    assert riverside.identifiers.get().identifier == "1234567"  # from its full form
    # The organization the services bring is fetched with them, not again.
    assert "/api/organizations/org-alone" in feed.requests
    organization_id = services[0]["organization"]["id"]
    assert f"/api/organizations/{organization_id}" not in feed.requests


def test_a_feed_without_the_other_lists_is_read_and_the_report_says_so(feed, db):
    feed.serve([service_number(1)])
    run = run_import(url=feed.url)
    assert_imported(run, created=1)
    notes = " ".join(run.left_out)
    assert "The feed has no /taxonomies" in notes and "answered 404" in notes
    assert "only the terms its services use were read" in notes
    assert "only the organizations of its services were read" in notes


def test_the_other_lists_are_checked_as_the_services_pages_are(feed, db):
    feed.serve([service_number(1)])
    feed.serve_list("taxonomy_terms", terms(), per_page=1)
    feed.lists["taxonomy_terms"][1]["total_items"] = 3  # the totals change while read
    before = TaxonomyTerm.objects.count()
    run = run_import(url=feed.url)
    assert run.error == feeds.TOTALS_CHANGED.format(
        before="2 taxonomy terms on 2 pages", after="3 on 2", page=2
    )
    assert TaxonomyTerm.objects.count() == before


def test_an_oruk_1_feeds_taxonomies_are_its_terms(feed, db):
    fixture = json.loads((FIXTURES / "oruk1-feed.json").read_text())
    feed.pages, feed.details = fixture["pages"], fixture["services"]
    feed.lists["taxonomies"] = [
        {
            "totalElements": 1,
            "totalPages": 1,
            "number": 0,
            "content": [{"id": "9999", "name": "Gardening", "vocabulary": "esdServiceTypes"}],
        }
    ]
    run = run_import("oruk1", url=feed.url)
    assert_imported(run, created=4)
    term = TaxonomyTerm.objects.get(source_id="9999")
    assert (term.name, term.term, term.taxonomy_name) == ("Gardening", "9999", "esdServiceTypes")


# HSDS 3.1 ------------------------------------------------------------------------------------


def test_newer_fields_in_a_feed_are_tolerated_and_listed(feed, db):
    service = service_number(1)
    service["capacities"] = [{"id": "c1", "available": 3, "unit": {"id": "u1", "name": "beds"}}]
    service["service_at_locations"][0]["location"]["urls"] = [{"id": "u", "url": "https://x.org"}]
    feed.serve([service])
    run = run_import(url=feed.url)
    assert_imported(run, created=1)
    assert "service.capacities" in " ".join(run.left_out)
    assert "location.urls" in " ".join(run.left_out)


def test_newer_fields_in_a_json_file_are_tolerated_and_listed(db, tmp_path):
    service = service_number(1) | {"capacities": [{"id": "c1", "available": 3}]}
    service["contacts"][0]["department"] = "Welcome desk"
    path = tmp_path / "services.json"
    path.write_text(json.dumps([service]))
    run = run_import("hsds_json", file=path)
    assert_imported(run, created=1)
    assert "contact.department, service.capacities" in " ".join(run.left_out)


def test_a_time_with_oruks_time_zone_is_a_time():
    assert rules.time_of_day("09:30Z") == "09:30"
    assert rules.time_of_day("09:30-05:00") == "09:30"
    assert rules.time_of_day("25:00Z") is None


# HSDS 1.1 CSV packages ---------------------------------------------------------------------

HSDS_11 = FIXTURES / "hsds-1.1"
SERVICE_11 = "c89eb05c-62dd-4b64-b494-0cc347b6ea7f"
LOCATION_11 = "30b83c60-64a1-11e6-8b77-86f30ca893d3"


@pytest.fixture
def imported_11(db):
    run = run_import("hsds_csv", file=HSDS_11)
    # The service, and the parent term (the term itself comes in the service's attribute).
    assert_imported(run, created=2)
    return run


def test_an_hsds_1_1_package_is_recognised_and_the_report_says_so(imported_11):
    assert imported_11.left_out[0] == hsds11.RECOGNISED.format(
        why="its datapackage.json says version 1.1"
    )


def test_a_1_1_package_without_datapackage_is_recognised_by_its_tables(db, tmp_path):
    folder = tmp_path / "package"
    shutil.copytree(HSDS_11, folder)
    (folder / "datapackage.json").unlink()
    run = run_import("hsds_csv", file=folder)
    assert_imported(run, created=2)
    assert "which only HSDS 1.1 has" in run.left_out[0]
    assert "regular_schedules.csv" in run.left_out[0]


def test_a_1_1_taxonomy_is_terms_with_their_vocabulary_and_parent(imported_11):
    term = TaxonomyTerm.objects.get(source_id="df7be950-1b0f-11e9-b56e-0800200c9a66")
    assert (term.name, term.taxonomy_name, term.taxonomy) == ("Taxonomy A", "AIRS", None)
    assert term.parent.name == "Parent taxonomy of A"
    assert Taxonomy.objects.count() == 0  # 1.1 has no taxonomies, only terms
    # service_taxonomy: the service's attribute, its detail as the value.
    attribute = Service.objects.get().attributes.get()
    assert (attribute.taxonomy_term, attribute.value) == (term, "meals")


def test_1_1_organizations_services_contacts_phones_and_funding_are_mapped(imported_11):
    service = Service.objects.get(source_id=SERVICE_11)
    assert (service.name, service.fees, service.accreditations) == (
        "Evening meals",
        "Free",
        "Food hygiene 5",
    )
    assert service.organization.website == "https://sanctuary.example.org"  # 1.1's url
    contact = service.contacts.get()
    assert (contact.name, contact.title) == ("Jo Mensah", "Meals coordinator")
    phone = contact.phones.get()
    assert (phone.number, phone.description) == ("0113 496 0123", "Jo's line")
    assert phone.languages.get().name == "Polish"  # phone.language
    assert service.phones.get().number == "0113 496 0100"
    assert service.funding.get().funded_by == "Leeds Community Foundation"


def test_1_1_addresses_keep_their_type_and_every_line(imported_11):
    location = Location.objects.get(source_id=LOCATION_11)
    assert (location.name, location.latitude) == ("Sanctuary on 5th Street", Decimal("53.8008"))
    physical = location.addresses.get(address_type="physical")
    assert (physical.address_1, physical.address_2, physical.postal_code) == (
        "5 Fifth Street",
        "Hillside, Back entrance",  # address_3 after address_2
        "LS6 1AB",
    )
    postal = location.addresses.get(address_type="postal")
    assert (postal.address_1, postal.postal_code) == ("PO Box 12", "LS1 9ZZ")


def test_1_1_regular_and_holiday_schedules_are_schedules(imported_11):
    service = Service.objects.get(source_id=SERVICE_11)
    here = service.service_at_locations.get()
    monday = here.schedules.get(source_id="fa9dbdb0-1b0c-11e9-b56e-0800200c9a66")
    assert (monday.freq, monday.byday, monday.opens_at, monday.closes_at) == (
        "WEEKLY",
        "MO",  # weekday 1, counted from Monday
        "17:00:00",
        "19:00:00",
    )
    tuesday = service.schedules.get(byday="TU")
    assert (tuesday.freq, tuesday.opens_at) == ("WEEKLY", "17:00")
    # The holiday schedule with the same id as a regular one is kept apart from it.
    christmas = here.schedules.get(source_id="fa9dbdb0-1b0c-11e9-b56e-0800200c9a66-holiday")
    assert (christmas.valid_from, christmas.valid_to, christmas.description) == (
        datetime.date(2019, 12, 24),
        datetime.date(2019, 12, 26),
        "Closed",
    )
    assert christmas.opens_at == ""
    new_year = service.schedules.get(source_id="0b6e9f10-1b0d-11e9-b56e-0800200c9a66")
    assert (new_year.valid_from, new_year.opens_at, new_year.closes_at, new_year.description) == (
        datetime.date(2019, 12, 31),
        "12:00",
        "14:00",
        "Holiday opening hours",
    )


def test_1_1_languages_service_areas_and_accessibility_keep_their_names(imported_11):
    service = Service.objects.get(source_id=SERVICE_11)
    assert sorted(service.languages.values_list("name", flat=True)) == ["English", "Spanish"]
    area = service.service_areas.get()
    assert (area.name, area.service_area) == ("Hillside ward", "Hillside ward")
    access = Location.objects.get(source_id=LOCATION_11).accessibility.get()
    assert (access.description, access.accessibility, access.details) == (
        "disabled_parking",
        "disabled_parking",
        "Some details regarding the parking lot",
    )


def test_what_1_1_has_and_the_directory_does_not_keep_is_said_table_by_table(imported_11):
    notes = imported_11.left_out
    assert (
        hsds11.NOT_KEPT.format(
            count=1,
            table="eligibility.csv",
            rows="row",
            why="the directory has no field for eligibility words (such as 'adult')",
        )
        in notes
    )
    assert (
        hsds11.NOT_KEPT.format(
            count=2,
            table="payments_accepted.csv",
            rows="rows",
            why="the directory has no field for the payments a service accepts",
        )
        in notes
    )
    assert "1 programs.csv row left out" in " ".join(notes)
    columns = next(n for n in notes if n.startswith("Columns the directory does not keep"))
    for column in (
        "organizations.alternate_name",
        "services.application_process",
        "locations.transportation",
        "phones.extension",
        "service_areas.description",
        "taxonomy.parent_name",
    ):
        assert column in columns
    assert "services.fees" not in columns  # mapped


def test_a_1_1_package_imported_again_changes_nothing(imported_11):
    assert_imported(run_import("hsds_csv", file=HSDS_11), unchanged=2)


def test_a_3_0_package_is_not_taken_for_1_1(db):
    from alongside.directory.importing.hsds_package import Package

    assert hsds11.recognised(Package(FIXTURES / "hsds-csv", "3.0")) is None
