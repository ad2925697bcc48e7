"""Round trips: a directory exported (as JSON, as an HSDS CSV package, or served by its own
ORUK API at ``/oruk``) and imported into a fresh, emptied database is the same directory.

``rich_directory`` makes a record of every model in ``directory.models`` with every field
set, and each kind of owner a detail may have. After the round trip each copy's id in its
source is the original's id (exports use the directory's own ids), so every record is found
again by it and compared field by field, over the models' concrete fields; a reference is
compared by the id of the record it points at. A difference fails, naming the model, the
record, the field and both values.
"""

import datetime
from decimal import Decimal
from urllib.parse import urlsplit

import pytest
from django.db import models
from django.test import Client

from alongside.directory import exporting
from alongside.directory.importing import feed as feeds
from alongside.directory.importing.checks import check_batch
from alongside.directory.importing.run import save_batch
from alongside.directory.importing.writer import MODELS
from alongside.directory.models import (
    Accessibility,
    Address,
    Attribute,
    Contact,
    CostOption,
    Funding,
    Language,
    Location,
    Organization,
    OrganizationIdentifier,
    Phone,
    Schedule,
    Service,
    ServiceArea,
    ServiceAtLocation,
    Taxonomy,
    TaxonomyTerm,
)
from alongside.directory.models.imports import ImportStatus
from tests.directory.test_import import run_import

COPY = "copy"

# Fields not compared, and why. Every other concrete field of every model is.
NOT_COMPARED = {
    "id": "the directory's own id: the copy has its own (its source_id is the original's id)",
    "source": "where a record came from: the copy's is the import's source name",
    "source_id": "its id in the source: how the copy is matched with the original",
    "created_at": "when this database made the row",
    "updated_at": "when this database last changed the row",
}
NOT_IN_THE_STANDARD = {
    (Service, "version"): "the directory's edit counter, so that a form opened before is stale",
    (Service, "last_checked_on"): "when a coordinator here last checked it",
    (Service, "last_checked_by"): "the coordinator here who checked it",
    (Organization, "parent_source_id"): "an import's note of a parent not yet arrived",
    (Organization, "same_as"): "shown as another directory's listing of it (matching.py)",
    (Organization, "kept_apart"): "an administrator's decision here (matching.py)",
    (Service, "same_as"): "shown as another directory's listing of it (matching.py)",
    (Service, "kept_apart"): "an administrator's decision here (matching.py)",
    (TaxonomyTerm, "same_as"): "the category of ours it is shown as (matching.py)",
    (TaxonomyTerm, "mapping_confirmed_at"): "an administrator's decision here (matching.py)",
    (TaxonomyTerm, "mapping_confirmed_by"): "an administrator's decision here (matching.py)",
    (TaxonomyTerm, "parent_source_id"): "an import's note of a parent not yet arrived",
    (TaxonomyTerm, "taxonomy_source_id"): "an import's note of a taxonomy not yet arrived",
}
# Owners the standard has no place for, so never set here (and nothing in the directory
# makes them): ORUK 3.0 has no contacts or funding of an organization, only of a service.
NEVER_SET = {(Contact, "organization"), (Funding, "organization")}


def compared_fields(model) -> list[models.Field]:
    return [
        f
        for f in model._meta.concrete_fields
        if f.name not in NOT_COMPARED and (model, f.name) not in NOT_IN_THE_STANDARD
    ]


# A directory with everything in it ---------------------------------------------------------


def rich_directory() -> None:
    """A record of every model with every field set (each kind of owner of a detail too):
    two services, an organization with a parent and one with no services, a taxonomy with a
    parent and a child term, a term of no taxonomy, a location no service is at."""
    moment = datetime.datetime(2025, 3, 15, 10, 30, 45, 123000, tzinfo=datetime.UTC)
    parent = Organization.objects.create(
        name="Leeds Community Trust",
        description="The trust behind the Hillside groups.",
        email="hello@trust.example.org",
        website="https://trust.example.org",
        logo="https://trust.example.org/logo.png",
        uri="https://trust.example.org/id",
    )
    organization = Organization.objects.create(
        name="Hillside Neighbours",
        description="Neighbours helping neighbours.",
        email="hello@hillside.example.org",
        website="https://hillside.example.org",
        logo="https://hillside.example.org/logo.png",
        uri="https://hillside.example.org/id",
        parent=parent,
    )
    alone = Organization.objects.create(
        name="Riverside Allotments",
        description="Growing together; no services listed yet.",
        email="plots@riverside.example.org",
        website="https://riverside.example.org",
        logo="https://riverside.example.org/logo.png",
        uri="https://riverside.example.org/id",
        parent=organization,
    )
    for owner, number in ((organization, "1234567"), (alone, "7654321")):
        OrganizationIdentifier.objects.create(
            organization=owner,
            identifier_scheme="GB-CHC",
            identifier_type="Charity number",
            identifier=number,
        )
    taxonomy = Taxonomy.objects.create(
        name="LGA service types",
        description="The LGA's list of service types.",
        uri="https://standards.example.org/lga",
        version="2.1",
    )
    Taxonomy.objects.create(
        name="Needs",
        description="A taxonomy no term uses yet.",
        uri="https://standards.example.org/needs",
        version="1",
    )
    broad = TaxonomyTerm.objects.create(
        name="Social activities",
        description="Getting together.",
        term="100",
        taxonomy=taxonomy,
        taxonomy_name="esdServiceTypes",
        term_uri="https://standards.example.org/lga/100",
    )
    narrow = TaxonomyTerm.objects.create(
        name="Lunch clubs",
        description="A meal in company.",
        term="101",
        taxonomy=taxonomy,
        taxonomy_name="esdServiceTypes",
        parent=broad,
        term_uri="https://standards.example.org/lga/101",
    )
    loose = TaxonomyTerm.objects.create(
        name="Older people",
        description="A term of no taxonomy, no record uses.",
        term="older",
        taxonomy_name="audience",
        parent=broad,
        term_uri="https://standards.example.org/audience/older",
    )
    hall = Location.objects.create(
        location_type="physical",
        name="Hillside Hall",
        description="The hall by the park.",
        latitude=Decimal("53.801234"),
        longitude=Decimal("-1.548765"),
        external_identifier="72001234",
        external_identifier_type="UPRN",
    )
    empty = Location.objects.create(
        location_type="postal",
        name="Riverside PO box",
        description="A location no service is delivered at.",
        latitude=Decimal("53.7"),
        longitude=Decimal("-1.5"),
        external_identifier="72009999",
        external_identifier_type="UPRN",
    )
    for place, kind in ((hall, "physical"), (hall, "postal"), (empty, "postal")):
        Address.objects.create(
            location=place,
            attention="The caretaker",
            address_1=f"1 Park Road ({kind})",
            address_2="Hillside",
            city="Leeds",
            region="Yorkshire and the Humber",
            state_province="West Yorkshire",
            postal_code="LS6 1AB",
            country="GB",
            address_type=kind,
        )
    for place in (hall, empty):
        Accessibility.objects.create(
            location=place,
            description="Step-free entrance",
            details="A ramp at the side door.",
            url="https://hillside.example.org/access",
            accessibility="Wheelchair accessible",
        )
        phone = Phone.objects.create(location=place, number="0113 496 0000", description="Hall")
        Language.objects.create(phone=phone, name="Welsh", code="cy", note="On Tuesdays")
        Attribute.objects.create(
            location=place, taxonomy_term=broad, link_type="venue", value="hall"
        )
    Attribute.objects.create(
        organization=organization, taxonomy_term=broad, link_type="sector", value="voluntary"
    )
    Attribute.objects.create(
        organization=alone, taxonomy_term=narrow, link_type="sector", value="community"
    )
    for n, status in ((1, "active"), (2, "temporarily closed")):
        service = Service.objects.create(
            organization=organization,
            name=f"Hillside Lunch Club {n}",
            description="A hot lunch and a chat.",
            url=f"https://hillside.example.org/lunch/{n}",
            email=f"lunch{n}@hillside.example.org",
            status=status,
            fees="£3.50",
            fees_description="£3.50 a meal; free for carers.",
            accreditations="Food hygiene 5",
            minimum_age=Decimal("60"),
            maximum_age=Decimal("99"),
            assured_date=datetime.date(2025, 1, 31),
            assurer_email="checks@leeds.example.org",
            alert="Closed on bank holidays.",
            last_modified=moment,
        )
        here = ServiceAtLocation.objects.create(service=service, location=hall)
        for owner in ({"service": service}, {"service_at_location": here}):
            Schedule.objects.create(
                **owner,
                valid_from=datetime.date(2025, 1, 1),
                valid_to=datetime.date(2025, 12, 31),
                dtstart=datetime.date(2025, 1, 7),
                freq="WEEKLY",
                interval=2,
                byday="TU,TH",
                bymonthday="1,15",
                description="Fortnightly lunch",
                opens_at="12:00Z",
                closes_at="14:00Z",
                schedule_link="https://hillside.example.org/lunch/times",
                attending_type="In person",
                notes="Booking helps.",
            )
        ServiceArea.objects.create(
            service=service,
            name="Hillside ward",
            extent='{"type": "Point", "coordinates": [-1.5, 53.8]}',
            extent_type="geojson",
            uri="https://areas.example.org/hillside",
            service_area="Hillside",
        )
        Language.objects.create(service=service, name="English", code="en", note="Spoken")
        Funding.objects.create(service=service, funded_by="Hillside ward budget")
        CostOption.objects.create(
            service=service,
            valid_from=datetime.date(2025, 1, 1),
            valid_to=datetime.date(2025, 12, 31),
            option="Carers",
            amount=Decimal("3.50"),
            currency="GBP",
            amount_description="per meal",
        )
        contact = Contact.objects.create(
            service=service, name="Asha Patel", title="Organiser", email="asha@example.org"
        )
        phone = Phone.objects.create(contact=contact, number="07700 900123", description="Asha")
        Language.objects.create(phone=phone, name="Gujarati", code="gu", note="Evenings")
        Phone.objects.create(service=service, number="0113 496 0001", description="Bookings")
        Attribute.objects.create(
            service=service, taxonomy_term=narrow, link_type="service_type", value=str(n)
        )
    del loose  # kept only by its own record


def every_field_is_set() -> None:
    """The directory made by ``rich_directory`` leaves no compared field empty anywhere (so
    that a field lost on the way cannot pass as one that was empty)."""
    for model in MODELS:
        for field in compared_fields(model):
            if (model, field.name) in NEVER_SET:
                continue
            set_somewhere = model._default_manager.exclude(**{field.attname: None})
            if isinstance(field, models.CharField | models.TextField):
                set_somewhere = set_somewhere.exclude(**{field.attname: ""})
            assert set_somewhere.exists(), f"{model.__name__}.{field.name} is never set"


# Taking a directory apart and comparing ----------------------------------------------------


def snapshot(source: str) -> dict[str, dict[str, dict]]:
    """model name -> id -> field -> value, for the records of ``source``. The id is the
    record's own for the original (blank source) and its id in the source for a copy; a
    reference is the id, so reckoned, of the record it points at."""
    ids: dict = {}
    for model in MODELS:
        for pk, source_id in model._default_manager.filter(source=source).values_list(
            "pk", "source_id"
        ):
            ids[pk] = str(pk) if source == "" else source_id
    state: dict[str, dict[str, dict]] = {}
    for model in MODELS:
        fields = compared_fields(model)
        rows = {}
        for record in model._default_manager.filter(source=source):
            values = {}
            for field in fields:
                value = getattr(record, field.attname)
                values[field.name] = ids.get(value, value) if field.is_relation else value
            rows[ids[record.pk]] = values
        state[model.__name__] = rows
    return state


def assert_same(original: dict, copy: dict) -> tuple[int, int]:
    """Every record of ``original`` is in ``copy`` and nothing else, with every field
    equal. Returns how many records and fields were compared."""
    records = fields = 0
    for model, rows in original.items():
        missing = sorted(set(rows) - set(copy[model]))
        assert not missing, f"{model}: records lost: {missing}"
        extra = sorted(set(copy[model]) - set(rows))
        assert not extra, f"{model}: records that were not there: {extra}"
        for record_id, values in rows.items():
            records += 1
            for name, value in values.items():
                fields += 1
                got = copy[model][record_id][name]
                assert got == value, (
                    f"{model} {record_id}: {name} was {value!r}, came back as {got!r}"
                )
    return records, fields


def emptied() -> None:
    """The directory emptied: what depends on a record deleted before it."""
    for model in reversed(MODELS):
        model._default_manager.all().delete()


@pytest.fixture
def original(db) -> dict:
    rich_directory()
    every_field_is_set()
    return snapshot("")


def test_the_rich_directory_has_every_model_of_the_directory(original):
    from django.apps import apps

    from alongside.directory.models import Record

    records = {
        m.__name__ for m in apps.get_app_config("directory").get_models() if issubclass(m, Record)
    }
    assert records == set(original)
    assert all(original.values()), {k for k, v in original.items() if not v}


def test_a_difference_fails_naming_the_model_the_field_and_both_values(original):
    changed = {k: {i: dict(v) for i, v in rows.items()} for k, rows in original.items()}
    [term_id] = [i for i, v in changed["TaxonomyTerm"].items() if v["name"] == "Lunch clubs"]
    changed["TaxonomyTerm"][term_id]["parent"] = None
    with pytest.raises(
        AssertionError, match=r"TaxonomyTerm .*: parent was '.*', came back as None"
    ):
        assert_same(original, changed)


def test_a_json_export_imported_into_a_fresh_database_loses_nothing(original, tmp_path):
    path = tmp_path / "directory.json"
    with open(path, "w") as out:
        exporting.export_json(out)
    emptied()
    run = run_import("hsds_json", file=path, source=COPY)
    assert run.status == ImportStatus.SUCCEEDED and run.rejected == 0, run.rejections
    assert run.left_out == [], "\n".join(run.left_out)
    records, fields = assert_same(original, snapshot(COPY))
    print(f"JSON round trip: {records} records, {fields} fields compared")


def test_a_csv_package_imported_into_a_fresh_database_loses_nothing(original, tmp_path):
    exporting.export_hsds_csv(tmp_path / "package")
    emptied()
    run = run_import("hsds_csv", file=tmp_path / "package", source=COPY)
    assert run.status == ImportStatus.SUCCEEDED and run.rejected == 0, run.rejections
    assert run.left_out == [], "\n".join(run.left_out)
    records, fields = assert_same(original, snapshot(COPY))
    print(f"CSV round trip: {records} records, {fields} fields compared")


def test_the_oruk_api_read_as_a_feed_into_a_fresh_database_loses_nothing(original, monkeypatch):
    """Another Alongside reads this one's /oruk: every list, every service in full."""
    client = Client()

    def fetch_json(url: str, *, timeout: float):
        parts = urlsplit(url)
        response = client.get(f"{parts.path}?{parts.query}" if parts.query else parts.path)
        data = response.json() if response.status_code == 200 else None
        return response.status_code, data

    monkeypatch.setattr(feeds, "fetch_json", fetch_json)
    batch = feeds.read_oruk_feed(
        "http://testserver/oruk", progress=lambda *a: None, timeout=5, max_pages=50
    )
    emptied()  # read everything, then the fresh database it goes into
    report = save_batch(check_batch(batch), source=COPY)
    assert report.rejected == [], report.rejected
    assert report.left_out == [], "\n".join(report.left_out)
    records, fields = assert_same(without_unlisted_locations(original), snapshot(COPY))
    print(f"/oruk round trip: {records} records, {fields} fields compared")


def without_unlisted_locations(state: dict) -> dict:
    """``state`` without what ORUK 3.0's API cannot serve: it has no /locations, so a
    location no service is delivered at (and its addresses, accessibility, phones and their
    languages, attributes) is not in it."""
    unlisted = {
        i
        for i in state["Location"]
        if not any(v["location"] == i for v in state["ServiceAtLocation"].values())
    }
    phones = {i for i, v in state["Phone"].items() if v["location"] in unlisted}
    result = {model: dict(rows) for model, rows in state.items()}
    result["Location"] = {i: v for i, v in state["Location"].items() if i not in unlisted}
    for model in ("Address", "Accessibility", "Phone", "Attribute"):
        result[model] = {i: v for i, v in state[model].items() if v.get("location") not in unlisted}
    result["Language"] = {i: v for i, v in state["Language"].items() if v["phone"] not in phones}
    return result
