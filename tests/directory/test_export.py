"""Exporting the directory (HSDS 3.0 CSV data package, ORUK 3.0 JSON), and what was imported
coming back out of it: the standard's examples round-trip through import and export."""

import csv
import io
import json
from pathlib import Path

import pytest
from django.core.management import call_command

from alongside.directory import exporting, serializers
from alongside.directory.importing.hsds_tables import TABLES, columns
from alongside.directory.importing.writer import oruk_organization_save, oruk_taxonomy_save
from alongside.directory.models import Organization, Service, Taxonomy, TaxonomyTerm
from tests.directory.test_api import (
    DANGLING,
    assert_has,
    example,
    our_ids_to_theirs,
    possible,
    without,
)
from tests.directory.test_import import (
    FIXTURES,
    assert_imported,
    counts,
    directory_state,
    feed_server,
    run_import,
)


@pytest.fixture
def feed():
    with feed_server() as served:
        yield served


def exported_json(source: str | None = None) -> list[dict]:
    """The JSON export (of the services from ``source`` only, when given), by id."""
    out = io.StringIO()
    exporting.export_json(out)
    # The services (the taxonomies and organizations without services come first).
    services = [d for d in json.loads(out.getvalue()) if "service_at_locations" in d]
    if source is not None:
        ours = {
            str(pk) for pk in Service.objects.filter(source=source).values_list("pk", flat=True)
        }
        services = [s for s in services if s["id"] in ours]
    return sorted(services, key=lambda s: s["id"])


def ids_mapped_back(services: list[dict]) -> list[dict]:
    return sorted(our_ids_to_theirs(services), key=lambda s: s["id"])


def read_csv(path: Path) -> list[dict]:
    with open(path, newline="", encoding="utf-8") as file:
        return list(csv.DictReader(file))


def test_the_oruk_examples_imported_from_a_feed_come_back_as_they_were(feed, db):
    """The example service, read from a feed and exported as JSON, is the example again (its
    ids mapped back to the example's; references to records not in the example left out)."""
    listed = example("service_list")["contents"]  # the list form, on a page of its own
    feed.pages = [serializers.page(listed, total=1, page_number=1, per_page=50)]
    feed.details = {listed[0]["id"]: possible(example("service_full"))}
    assert_imported(run_import(url=feed.url), created=1)
    exported = exported_json()
    assert len(exported) == 1
    assert_has(our_ids_to_theirs(exported[0]), without(possible(example("service_full")), DANGLING))
    assert exported[0]["id"] == str(Service.objects.get().pk)


def test_the_json_export_imports_again_as_the_same_directory(db, tmp_path):
    assert_imported(run_import("hsds_json", file=FIXTURES / "hsds-service-full.json"), created=1)
    oruk_organization_save(possible(example("organization_full")), source="other")
    first = exported_json()
    assert len(first) == 2
    path = tmp_path / "services.json"
    with open(path, "w") as out:
        exporting.export_json(out)
    documents = json.loads(path.read_text())
    others = [d for d in documents if "service_at_locations" not in d]
    assert others  # the taxonomies and terms the services' attributes refer to
    run = run_import("hsds_json", file=path, source="copy")
    assert_imported(run, created=2 + len(others))
    # The copy's ids in its source are the first export's ids: mapped back, they are equal.
    assert ids_mapped_back(exported_json("copy")) == first

    # Every taxonomy term keeps its taxonomy and its parent term (these were lost before; a
    # parent the source never gave is not exported: it would point at nothing).
    def terms(source):
        return sorted(
            (
                t.name,
                t.term,
                t.taxonomy.name if t.taxonomy else None,
                t.parent.name if t.parent else None,
            )
            for t in TaxonomyTerm.objects.filter(source=source).select_related("taxonomy")
        )

    originals = TaxonomyTerm.objects.exclude(source="copy")
    assert terms("copy") == sorted(
        (
            t.name,
            t.term,
            t.taxonomy.name if t.taxonomy else None,
            t.parent.name if t.parent else None,
        )
        for t in originals.select_related("taxonomy")
    )
    assert (
        Taxonomy.objects.filter(source="copy").count()
        == Taxonomy.objects.exclude(source="copy").count()
    )


def test_the_csv_package_has_the_standards_tables_and_columns(db, tmp_path):
    assert_imported(run_import("hsds_json", file=FIXTURES / "hsds-service-full.json"), created=1)
    written = exporting.export_hsds_csv(tmp_path / "out")
    package = json.loads((tmp_path / "out" / "datapackage.json").read_text())
    standard = json.loads((FIXTURES / "hsds-csv" / "datapackage.json").read_text())
    assert package["profile"] == "tabular-data-package"
    assert [(r["name"], r["path"]) for r in package["resources"]] == [
        (r["name"], r["path"]) for r in standard["resources"]
    ]
    for ours, theirs in zip(package["resources"], standard["resources"], strict=True):
        # The standard's columns, in its order, then ORUK's own that HSDS has no place for.
        extra = exporting.ORUK_COLUMNS.get(ours["name"], [])
        fields = theirs["schema"]["fields"] + [{"name": c, "type": "string"} for c in extra]
        assert ours["schema"]["fields"] == fields, ours["name"]
        with open(tmp_path / "out" / ours["path"], newline="") as file:
            assert next(csv.reader(file)) == columns(ours["name"]) + extra
    assert written["services.csv"] == 1 and written["programs.csv"] == 0
    service = Service.objects.get()
    [row] = read_csv(tmp_path / "out" / "services.csv")
    assert row["id"] == str(service.pk)
    assert row["organization_id"] == str(service.organization_id)
    assert (row["name"], row["minimum_age"], row["maximum_age"]) == (
        "Community Counselling",
        "12",
        "100",
    )
    assert (row["assured_date"], row["last_modified"]) == ("2005-01-01", "2023-03-15T10:30:45.123Z")
    assert row["alternate_name"] == ""  # a column the directory does not keep
    [term] = read_csv(tmp_path / "out" / "taxonomy_terms.csv")
    assert (term["name"], term["code"], term["taxonomy"]) == ("name", "code", "taxonomy")
    # Its taxonomy and its parent were not in the file it came from: no reference to them.
    assert (term["taxonomy_id"], term["parent_id"]) == ("", "")


def test_the_csv_package_imports_again_as_the_same_directory(db, tmp_path):
    """Everything read back from the CSV package is what was exported, ORUK's older names
    for a service area's name and for accessibility included (they were lost before)."""
    assert_imported(run_import("hsds_json", file=FIXTURES / "hsds-service-full.json"), created=1)
    oruk_organization_save(possible(example("organization_full")), source="other")
    oruk_taxonomy_save(example("taxonomy"), source="other")
    Organization.objects.create(name="No services yet", description="")
    first = exported_json()
    exporting.export_hsds_csv(tmp_path / "package")
    before = counts()

    run = run_import("hsds_csv", file=tmp_path / "package", source="copy")
    assert_imported(run, created=2 + 1 + 1)  # services, a taxonomy, an organization
    assert run.left_out == []
    assert {k: 2 * v for k, v in before.items()} == counts()
    assert ids_mapped_back(exported_json("copy")) == first
    assert Taxonomy.objects.filter(source="copy").get().terms.count() == 1
    assert TaxonomyTerm.objects.filter(source="copy", taxonomy__isnull=False).count() == 1


def test_the_export_commands_write_json_and_csv(db, tmp_path, capsys):
    oruk_organization_save(possible(example("organization_full")), source="other")
    out = io.StringIO()
    call_command("directory_export", "--format", "json", str(tmp_path / "s.json"), stdout=out)
    assert "Wrote 1 services" in out.getvalue()
    written = json.loads((tmp_path / "s.json").read_text())
    assert [d["name"] for d in written if "service_at_locations" in d] == ["Community Counselling"]
    out = io.StringIO()
    call_command("directory_export", "--format", "json", "-", stdout=out)
    assert json.loads(out.getvalue()) == json.loads((tmp_path / "s.json").read_text())
    call_command("directory_export", "--format", "hsds-csv", str(tmp_path / "csv"), stdout=out)
    assert sorted(p.name for p in (tmp_path / "csv").iterdir()) == sorted(
        [file for file, _ in TABLES.values()] + ["datapackage.json"]
    )


def test_an_empty_directory_exports_an_empty_list_and_empty_tables(db, tmp_path):
    assert exported_json() == []
    written = exporting.export_hsds_csv(tmp_path)
    assert not any(written.values())
    assert directory_state() == {k: [] for k in directory_state()}


@pytest.mark.parametrize(
    "name", ['=HYPERLINK("http://evil.example","Click")', "+cmd|' /C calc'!A0", "@SUM(1+1)"]
)
def test_a_name_a_spreadsheet_would_run_is_exported_as_text_and_read_back_as_it_was(
    db, tmp_path, name
):
    organization = Organization.objects.create(name=name, description="-2 is not a formula")
    exporting.export_hsds_csv(tmp_path / "package")
    with open(tmp_path / "package" / "organizations.csv", encoding="utf-8") as exported:
        row = next(r for r in csv.DictReader(exported) if r["id"] == str(organization.pk))
    assert row["name"] == "'" + name  # a spreadsheet shows it, never runs it
    assert row["description"] == "'-2 is not a formula"
    run_import("hsds_csv", file=tmp_path / "package", source="copy")
    copy = Organization.objects.get(source="copy")
    assert (copy.name, copy.description) == (name, "-2 is not a formula")
