"""Imports that lose nothing and keep to the directory's own rules (issue: a directory you
can trust). Each test is one problem found by importing real and crafted feeds."""

import copy

import pytest

from alongside.directory.models import Schedule, Service
from tests.directory.test_import import assert_imported, run_import, service_number


def left_out(run) -> str:
    return " ".join(run.left_out)


# 5. The importer accepts what the app's own form refuses ---------------------------------------


def test_impossible_ages_are_dropped_with_a_word_and_the_service_kept(feed, db):
    negative = service_number(1, minimum_age=-3, maximum_age=12)
    upside_down = service_number(2, minimum_age=40, maximum_age=18)
    feed.serve([negative, upside_down])
    run = run_import(url=feed.url)
    assert_imported(run, created=2)
    first = Service.objects.get(source_id=negative["id"])
    second = Service.objects.get(source_id=upside_down["id"])
    assert (first.minimum_age, first.maximum_age) == (None, 12)
    assert (second.minimum_age, second.maximum_age) == (None, None)
    words = left_out(run)
    assert "minimum_age -3" in words and "minimum_age 40 above its maximum_age 18" in words


def test_a_time_that_is_not_a_time_is_dropped_and_said(feed, db):
    service = service_number(1)
    service["schedules"] = [
        {"id": "s1", "opens_at": "25:99", "closes_at": "12:00", "byday": "MO", "freq": "WEEKLY"}
    ]
    feed.serve([service])
    run = run_import(url=feed.url)
    assert_imported(run, created=1)
    assert Schedule.objects.get(source_id="s1").opens_at == ""  # no time
    assert "opens_at '25:99'" in left_out(run)


def test_a_missing_status_is_not_silently_made_active(feed, db):
    service = service_number(1)
    del service["status"]
    feed.serve([service])
    run = run_import(url=feed.url)
    assert_imported(run, created=1)
    assert "no status" in left_out(run)


def test_coordinates_out_of_range_are_dropped_and_the_record_kept(feed, db):
    service = service_number(1)
    location = service["service_at_locations"][0]["location"]
    location["latitude"], location["longitude"] = 100, 101
    feed.serve([service])
    run = run_import(url=feed.url)
    assert_imported(run, created=1)
    from alongside.directory.models import Location

    kept = Location.objects.get(source_id=location["id"])
    assert (kept.latitude, kept.longitude) == (None, None)
    # The standard's own example: latitude 100 cannot be; longitude 101 alone places nothing.
    assert "latitude 100 is out of range" in left_out(run)
    assert "latitude and longitude were dropped" in left_out(run)


# 10. Reasons end in "(None)"; one duplicated id, a hundred identical lines ------------------------


def test_a_duplicated_id_is_one_line_and_no_reason_ends_in_none(feed, db):
    twin = service_number(1)
    alone = service_number(3)
    del alone["organization"]
    alone["organization_id"] = None
    services = [copy.deepcopy(twin) for _ in range(5)] + [service_number(2, name=""), alone]
    feed.serve(services)
    run = run_import(url=feed.url)
    lines = [r["reason"] for r in run.rejections]
    assert len([line for line in lines if twin["id"] in line]) == 1, lines
    assert not any("None" in line for line in lines), lines
    assert f"Service {alone['id']} names no organization" in " ".join(lines)


# 3. The list form of a service after its full form wipes its nested records --------------------


def test_the_list_form_of_a_service_never_wipes_what_its_full_form_brought(db, tmp_path):
    import json

    from alongside.directory.models import Contact, Language, ServiceAtLocation
    from tests.directory.test_api import example, possible

    full = possible(example("service_full"))
    listed = example("service_list")["contents"][0]
    assert listed["id"] == full["id"] and "contacts" not in listed
    first, second = tmp_path / "full.json", tmp_path / "list.json"
    first.write_text(json.dumps([full]))
    second.write_text(json.dumps([listed | {"organization": full["organization"]}]))
    assert_imported(run_import("hsds_json", file=first), created=1)
    service = Service.objects.get()
    held = {
        "schedules": service.schedules.count(),
        "contacts": Contact.objects.filter(service=service).count(),
        "languages": Language.objects.filter(service=service).count(),
        "at locations": ServiceAtLocation.objects.filter(service=service).count(),
    }
    assert all(held.values()), held
    run_import("hsds_json", file=second)
    assert {
        "schedules": service.schedules.count(),
        "contacts": Contact.objects.filter(service=service).count(),
        "languages": Language.objects.filter(service=service).count(),
        "at locations": ServiceAtLocation.objects.filter(service=service).count(),
    } == held


# 2. A service withdrawn from a feed stays active here, and the report says nothing ------------


def test_a_service_gone_from_the_feed_or_no_longer_active_is_withdrawn_and_reported(feed, db):
    from alongside.directory import queries

    services = [service_number(n) for n in range(1, 4)]
    feed.serve(services)
    assert_imported(run_import(url=feed.url), created=3)
    gone, closed, stays = services
    feed.serve([closed | {"status": "inactive"}, stays])
    run = run_import(url=feed.url)
    withdrawn = Service.objects.get(source_id=gone["id"])
    assert withdrawn.status == "inactive"  # kept, with its history, but no longer listed
    assert Service.objects.get(source_id=closed["id"]).status == "inactive"
    assert Service.objects.get(source_id=stays["id"]).status == "active"
    listed = set(queries.services_search(open_only=True).values_list("source_id", flat=True))
    assert listed == {stays["id"]}
    words = left_out(run)
    assert f"{gone['name']}" in words and "no longer in the source" in words
    assert f"{closed['name']}" in words and "no longer active there" in words


# 7. JSON import drops fees_description -----------------------------------------------------------


def test_fees_description_comes_in_by_json_and_goes_out_again(db, tmp_path):
    from alongside.directory import exporting, serializers
    from tests.directory.test_import import FIXTURES

    run = run_import("hsds_json", file=FIXTURES / "hsds-service-full.json")
    assert_imported(run, created=1)
    service = Service.objects.get()
    assert service.fees_description.startswith("Non-NHS patients are expected to pay")
    assert serializers.service_full(service)["fees_description"] == service.fees_description
    exporting.export_hsds_csv(tmp_path / "package")
    assert "Non-NHS patients" in (tmp_path / "package" / "services.csv").read_text()


# 4. Valid documents other than services and organizations are rejected with wrong reasons --------


@pytest.mark.parametrize(
    ("folder", "name", "kind"),
    [
        ("oruk", "service_at_location_full", "service"),
        ("oruk", "taxonomy", "taxonomy"),
        ("oruk", "taxonomy_term", "taxonomy_term"),
        ("oruk", "taxonomy_term_list", "taxonomy_term"),
        ("hsds", "service_at_location_full", "service"),
        ("hsds", "taxonomy", "taxonomy"),
        ("hsds", "taxonomy_term", "taxonomy_term"),
        ("hsds", "taxonomy_term_list", "taxonomy_term"),
        ("hsds", "location", "location"),
    ],
)
def test_every_document_of_the_standard_imports_as_what_it_is(db, tmp_path, folder, name, kind):
    import json

    from alongside.directory.models import Location, Taxonomy, TaxonomyTerm
    from alongside.directory.serializers import STANDARD
    from tests.directory.test_api import possible
    from tests.directory.test_import import FIXTURES

    where = STANDARD / "examples" if folder == "oruk" else FIXTURES / "hsds-3.0"
    path = tmp_path / f"{name}.json"
    path.write_text(json.dumps(possible(json.loads((where / f"{name}.json").read_text()))))
    run = run_import("hsds_json", file=path)
    assert run.rejections == [] and run.created >= 1, run.rejections
    model = {
        "service": Service,
        "taxonomy": Taxonomy,
        "taxonomy_term": TaxonomyTerm,
        "location": Location,
    }[kind]
    assert model.objects.filter(source="elsewhere").exists()
    if name == "service_at_location_full":
        assert Service.objects.get().service_at_locations.get().location.name


# 7. The CSV path ignores service_areas.service_area and accessibility.accessibility -----------


def test_oruk_columns_in_a_csv_package_are_kept_not_called_unkept(db, tmp_path):
    import csv
    import shutil

    from alongside.directory.models import Accessibility, ServiceArea
    from tests.directory.test_import import FIXTURES

    package = tmp_path / "package"
    shutil.copytree(FIXTURES / "hsds-csv", package)

    def add_column(table: str, column: str, value: str) -> None:
        path = package / table
        rows = list(csv.DictReader(path.open(newline="", encoding="utf-8-sig")))
        with path.open("w", newline="", encoding="utf-8") as out:
            writer = csv.DictWriter(out, [*rows[0].keys(), column])
            writer.writeheader()
            writer.writerows(row | {column: value} for row in rows)

    add_column("service_areas.csv", "service_area", "North Leeds")
    add_column("accessibility.csv", "accessibility", "Step-free entrance")
    run = run_import("hsds_csv", file=package)
    assert run.status == "succeeded", run.error
    assert set(ServiceArea.objects.values_list("service_area", flat=True)) == {"North Leeds"}
    assert set(Accessibility.objects.values_list("accessibility", flat=True)) == {
        "Step-free entrance"
    }
    words = left_out(run)
    assert "service_areas.service_area" not in words, words
    assert "accessibility.accessibility" not in words, words


# 8. Tables and files that are not read are never listed; singular file names ------------------


def test_tables_not_read_are_listed_and_singular_file_names_are_read(db, tmp_path):
    import shutil

    from tests.directory.test_import import FIXTURES

    package = tmp_path / "package"
    shutil.copytree(FIXTURES / "hsds-csv", package)
    (package / "units.csv").write_text("id,name\nu1,metre\n")
    (package / "service_capacity.csv").write_text("id,service_id,available\nc1,x,3\n")
    (package / "services.csv").rename(package / "service.csv")
    (package / "datapackage.json").unlink()  # the file names alone
    run = run_import("hsds_csv", file=package)
    assert run.status == "succeeded", run.error
    assert Service.objects.count() == 1
    assert (
        "Tables the directory does not read were left out: service_capacity.csv, units.csv."
        in run.left_out
    )
