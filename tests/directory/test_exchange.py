"""Lossless exchange (issue: a directory you can trust): a feed's taxonomies, terms and
organizations without services are read; an HSDS 1.1 package is read as 1.1; fields the
directory does not read (HSDS 3.1's) are tolerated and listed."""

import copy
import json

from alongside.directory import rules
from alongside.directory.importing import feed as feeds
from alongside.directory.models import Organization, Taxonomy, TaxonomyTerm
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
