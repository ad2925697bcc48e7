"""The Open Referral UK 3.0 API at /oruk/.

Every response the API gives in these tests goes through ``Oruk.get``, which checks the CORS
header and validates a 200 against the schema the ORUK OpenAPI document names for that path
(JSON Schema draft 2020-12, formats checked, ``$ref``s between the schema files resolved).
The data are the standard's own examples, loaded with ``oruk_service_save`` and friends.
"""

import copy
import json
from datetime import timedelta
from decimal import Decimal
from uuid import UUID, uuid4

import pytest
from django.apps import apps
from django.test import Client
from django.utils import timezone
from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from alongside.directory import api
from alongside.directory.importing.writer import (
    oruk_organization_save,
    oruk_service_save,
    oruk_taxonomy_save,
)
from alongside.directory.models import (
    Attribute,
    Contact,
    Location,
    Organization,
    Phone,
    Record,
    Schedule,
    Service,
    ServiceAtLocation,
    Taxonomy,
    TaxonomyTerm,
)
from alongside.directory.serializers import STANDARD
from tests.conftest import client_for

SCHEMA_URL = "https://openreferraluk.org/specifications/3.0/schema/"
OPENAPI = json.loads((STANDARD / "openapi.json").read_text())
REGISTRY = Registry().with_resources(
    (
        SCHEMA_URL + path.name,
        Resource.from_contents(json.loads(path.read_text()), default_specification=DRAFT202012),
    )
    for path in (STANDARD / "schema").glob("*.json")
)
SOURCE = "example"

# The examples' references to records that are not in them: an organization's parent and a
# term's parent. Alongside publishes a reference only once the record it points at is here.
DANGLING = {"parent_organization_id", "parent_id"}


def example(name: str) -> dict:
    return json.loads((STANDARD / "examples" / f"{name}.json").read_text())


def schema_ref(template: str) -> str:
    """The schema the ORUK OpenAPI document gives for a 200 from ``template``."""
    response = OPENAPI["paths"][template]["get"]["responses"]["200"]
    return response["content"]["application/json"]["schema"]["$ref"]


def validator(template: str) -> Draft202012Validator:
    return Draft202012Validator(
        {"$ref": schema_ref(template)},
        registry=REGISTRY,
        format_checker=Draft202012Validator.FORMAT_CHECKER,
    )


def assert_valid(data, template: str) -> None:
    errors = sorted(validator(template).iter_errors(data), key=lambda e: list(e.absolute_path))
    assert not errors, "\n".join(f"{list(e.absolute_path)}: {e.message}" for e in errors)


def template_of(url: str) -> str:
    """/oruk/services/<id>?x=1 → /services/{id}"""
    parts = [p for p in url.split("?")[0].removeprefix("/oruk/").split("/") if p]
    return "/" + "/".join([*parts[:1], *(["{id}"] if len(parts) > 1 else [])])


class Oruk:
    """A client of the API that checks every response on the way."""

    def __init__(self, client: Client):
        self.client = client

    def response(self, url: str, method: str = "get"):
        response = getattr(self.client, method)(url)
        assert response["Access-Control-Allow-Origin"] == "*", url
        return response

    def get(self, url: str, status: int = 200) -> dict:
        response = self.response(url)
        assert response["Content-Type"] == "application/json", url
        data = response.json()
        assert response.status_code == status, (url, data)
        if status == 200:
            assert_valid(data, template_of(url))
        else:
            assert data["status"] == status and data["message"], data
        return data

    def error(self, url: str, status: int = 400) -> dict:
        return self.get(url, status)


@pytest.fixture
def oruk(client) -> Oruk:
    return Oruk(client)


@pytest.fixture
def service(db) -> Service:
    return oruk_service_save(example("service_full"), source=SOURCE)


def our_ids_to_theirs(data):
    """``data`` with every id of ours replaced by the id the record had in the example."""
    ids = {
        str(pk): source_id
        for model in apps.get_app_config("directory").get_models()
        if issubclass(model, Record)
        for pk, source_id in model.objects.values_list("pk", "source_id")
    }

    def walk(value, key=""):
        if isinstance(value, dict):
            return {k: walk(v, k) for k, v in value.items()}
        if isinstance(value, list):
            return [walk(v) for v in value]
        if key == "id" or key.endswith("_id"):
            return ids.get(value, value)
        return value

    return walk(data)


def possible(data):
    """The standard's example with a place that can be (its latitude is 100, which an import
    drops, with a word): in Leeds."""
    if isinstance(data, dict):
        placed = {k: possible(v) for k, v in data.items()}
        if "latitude" in placed and "longitude" in placed:
            placed |= {"latitude": 53.8008, "longitude": -1.5491}
        return placed
    if isinstance(data, list):
        return [possible(v) for v in data]
    return data


def without(data, keys: set):
    if isinstance(data, dict):
        return {k: without(v, keys) for k, v in data.items() if k not in keys}
    if isinstance(data, list):
        return [without(v, keys) for v in data]
    return data


def assert_has(actual, expected, where="") -> None:
    """Everything in ``expected`` is in ``actual`` (which may have more fields)."""
    if isinstance(expected, dict):
        assert isinstance(actual, dict), where
        for key, value in expected.items():
            assert key in actual, f"{where}.{key} is missing"
            assert_has(actual[key], value, f"{where}.{key}")
    elif isinstance(expected, list):
        assert isinstance(actual, list) and len(actual) == len(expected), where
        for i, (a, e) in enumerate(zip(actual, expected, strict=True)):
            assert_has(a, e, f"{where}[{i}]")
    else:
        assert actual == expected, f"{where}: {actual!r} != {expected!r}"


# The schemas and the validator ----------------------------------------------------------


def test_the_validator_checks_formats_and_follows_references_between_schema_files():
    good = example("service_full")
    assert_valid(good, "/services/{id}")
    bad = copy.deepcopy(good)
    bad["service_at_locations"][0]["location"]["id"] = "not-a-uuid"
    bad["last_modified"] = "yesterday"
    bad["organization"]["website"] = "not a uri"
    errors = {e.message for e in validator("/services/{id}").iter_errors(bad)}
    assert any("not-a-uuid" in m for m in errors)
    assert any("yesterday" in m for m in errors)
    assert any("not a uri" in m for m in errors)


@pytest.mark.parametrize(
    ("name", "template"),
    [
        ("service_full", "/services/{id}"),
        ("service_list", "/services"),
        ("organization_full", "/organizations/{id}"),
        ("organization_list", "/organizations"),
        ("service_at_location_full", "/service_at_locations/{id}"),
        ("service_at_location_list", "/service_at_locations"),
        ("taxonomy", "/taxonomies/{id}"),
        ("taxonomy_list", "/taxonomies"),
        ("taxonomy_term", "/taxonomy_terms/{id}"),
        ("taxonomy_term_list", "/taxonomy_terms"),
    ],
)
def test_the_standards_own_examples_are_valid(name, template):
    assert_valid(example(name), template)


def test_the_copy_of_the_standard_is_complete():
    for name in ["openapi.json", "LICENSE", "SOURCE.txt"]:
        assert (STANDARD / name).is_file(), name
    assert len(list((STANDARD / "schema").glob("*.json"))) >= 20
    for template in OPENAPI["paths"]:
        ref = schema_ref(template)
        assert (STANDARD / "schema" / ref.removeprefix(SCHEMA_URL)).is_file(), ref


# The base endpoint and the OpenAPI document ---------------------------------------------


def test_the_base_endpoint_gives_the_version_and_the_openapi_document(oruk, db):
    details = oruk.get("/oruk/")
    assert details["version"] == "HSDS-UK-3.0"
    assert details["openapi_url"] == "http://testserver/oruk/openapi.json"
    response = oruk.response("/oruk/openapi.json")
    assert response.status_code == 200
    assert response.content == (STANDARD / "openapi.json").read_bytes()


# Round trips: what was loaded comes back -----------------------------------------------


def test_a_service_comes_back_as_the_example_it_was_loaded_from(oruk, service):
    data = oruk.get(f"/oruk/services/{service.pk}")
    assert data["id"] == str(service.pk)
    assert_has(our_ids_to_theirs(data), without(example("service_full"), DANGLING))
    assert "parent_organization_id" not in data["organization"]
    assert "parent_id" not in data["attributes"][0]["taxonomy_term"]


def test_a_service_at_location_comes_back_as_the_example(oruk, service):
    here = service.service_at_locations.get()
    data = oruk.get(f"/oruk/service_at_locations/{here.pk}")
    assert data["service_id"] == str(service.pk)
    assert "service_at_locations" not in data["service"]
    assert_has(our_ids_to_theirs(data), without(example("service_at_location_full"), DANGLING))


def test_an_organization_comes_back_with_its_services_as_the_example(oruk, db):
    org = oruk_organization_save(example("organization_full"), source=SOURCE)
    full = oruk.get(f"/oruk/organizations/{org.pk}?full_service=true")
    assert_has(our_ids_to_theirs(full), without(example("organization_full"), DANGLING))
    brief = oruk.get(f"/oruk/organizations/{org.pk}")
    assert [s["name"] for s in brief["services"]] == ["Community Counselling"]
    assert "contacts" not in brief["services"][0]
    assert brief["organization_identifiers"][0]["identifier"] == "1234567"


def test_a_taxonomy_and_its_terms_come_back_as_the_example(oruk, db):
    taxonomy = oruk_taxonomy_save(example("taxonomy"), source=SOURCE)
    data = oruk.get(f"/oruk/taxonomies/{taxonomy.pk}")
    assert_has(our_ids_to_theirs(data), without(example("taxonomy"), DANGLING))
    assert data["taxonomy_terms"][0]["taxonomy_id"] == str(taxonomy.pk)
    term = TaxonomyTerm.objects.get()
    data = oruk.get(f"/oruk/taxonomy_terms/{term.pk}")
    assert_has(our_ids_to_theirs(data), without(example("taxonomy_term"), DANGLING))


def test_the_lists_show_the_one_to_one_fields_as_the_examples_do(oruk, service):
    oruk_taxonomy_save(example("taxonomy"), source=SOURCE)
    for path, name in [
        ("services", "service_list"),
        ("organizations", "organization_list"),
        ("service_at_locations", "service_at_location_list"),
        ("taxonomies", "taxonomy_list"),
        ("taxonomy_terms", "taxonomy_term_list"),
    ]:
        data = oruk.get(f"/oruk/{path}")
        expected = without(example(name), DANGLING)
        envelope = {"total_items": 1, "total_pages": 1, "size": 1, "last_page": True}
        assert_has(our_ids_to_theirs(data["contents"]), expected["contents"], path)
        assert data == data | envelope | {"page_number": 1, "first_page": True, "empty": False}
    listed = oruk.get("/oruk/services")["contents"][0]
    assert not {"contacts", "schedules", "service_at_locations"} & set(listed)


def test_a_parent_is_published_once_it_has_arrived(oruk, service):
    parent = oruk_organization_save(
        {
            "id": "cd09a387-91f4-4555-94ec-e799c35344cd",
            "name": "Parent Org",
            "description": "The parent",
        },
        source=SOURCE,
    )
    data = oruk.get(f"/oruk/services/{service.pk}")
    assert data["organization"]["parent_organization_id"] == str(parent.pk)


def test_empty_optional_fields_are_left_out_and_required_ones_kept(oruk, db):
    org = Organization.objects.create(name="Hillside Hub", description="")
    bare = Service.objects.create(organization=org, name="Drop-in")
    data = oruk.get(f"/oruk/services/{bare.pk}")
    assert set(data) == {"id", "organization_id", "name", "status", "last_modified", "organization"}
    assert data["organization"] == {"id": str(org.pk), "name": "Hillside Hub", "description": ""}


def test_an_address_without_a_county_is_served_with_its_region_as_state_province(oruk, db):
    org = Organization.objects.create(name="Hillside Hub", description="A hub")
    hub = Service.objects.create(organization=org, name="Drop-in")
    for name, region in [("Hillside Library", "Yorkshire and the Humber"), ("Hall", "")]:
        place = Location.objects.create(name=name)
        ServiceAtLocation.objects.create(service=hub, location=place)
        place.addresses.create(
            address_1="1 Cardigan Road", city="Leeds", postal_code="LS6 1AB", region=region
        )
    data = oruk.get(f"/oruk/services/{hub.pk}")
    addresses = {
        at["location"]["name"]: at["location"]["addresses"][0]
        for at in data["service_at_locations"]
    }
    assert addresses["Hillside Library"]["state_province"] == "Yorkshire and the Humber"
    assert addresses["Hall"]["state_province"] == ""  # required: kept, and reported


# Filters on /services -------------------------------------------------------------------


@pytest.fixture
def directory(service) -> dict:
    """Besides the example's Community Counselling (ages 12-100, term "name"): three
    services of the Hillside Hub."""
    hub = Organization.objects.create(name="Hillside Hub", description="A community hub")
    walking = TaxonomyTerm.objects.create(name="Walking", description="")
    return {
        "counselling": service,
        "hub": hub,
        "walking": walking,
        "knit": Service.objects.create(
            organization=hub,
            name="Knit and Natter",
            description="Knitting CLUB for all ages",
        ),
        "youth": Service.objects.create(
            organization=hub,
            name="Youth club",
            description="Games night",
            minimum_age=11,
            maximum_age=18,
        ),
        "walk": _with_term(
            Service.objects.create(
                organization=hub, name="Health walks", description="Gentle walks", minimum_age=50
            ),
            walking,
        ),
    }


def _with_term(service: Service, term: TaxonomyTerm) -> Service:
    Attribute.objects.create(service=service, taxonomy_term=term, link_type="category")
    return service


def names(data: dict) -> list[str]:
    return [item["name"] for item in data["contents"]]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("search=club", ["Knit and Natter", "Youth club"]),
        ("search=KNITTING", ["Knit and Natter"]),
        ("search=knit+club", ["Knit and Natter"]),
        ("search=counselling", ["Community Counselling"]),
        ("search=nothing+like+this", []),
        (
            "minimum_age=14&maximum_age=14",
            ["Community Counselling", "Knit and Natter", "Youth club"],
        ),
        ("minimum_age=70", ["Community Counselling", "Health walks", "Knit and Natter"]),
        ("maximum_age=10", ["Knit and Natter"]),
        ("minimum_age=101", ["Health walks", "Knit and Natter"]),
    ],
)
def test_services_are_found_by_words_and_ages(oruk, directory, query, expected):
    assert names(oruk.get(f"/oruk/services?{query}")) == expected


def test_services_are_found_by_organization(oruk, directory):
    hub = directory["hub"].pk
    assert names(oruk.get(f"/oruk/services?organization_id={hub}")) == [
        "Health walks",
        "Knit and Natter",
        "Youth club",
    ]
    assert names(oruk.get(f"/oruk/services?organization_id={uuid4()}")) == []


def test_services_are_found_by_taxonomy_term_and_taxonomy(oruk, directory):
    walking = directory["walking"]
    assert names(oruk.get(f"/oruk/services?taxonomy_term_id={walking.pk}")) == ["Health walks"]
    oruk_taxonomy_save(example("taxonomy"), source=SOURCE)  # takes in the example's term
    example_term = TaxonomyTerm.objects.get(source_id="3f7b145d-84af-42d7-8fae-eaca714b02b2")
    taxonomy = Taxonomy.objects.get()
    found = oruk.get(f"/oruk/services?taxonomy_term_id={example_term.pk}")
    assert names(found) == ["Community Counselling"]
    assert names(oruk.get(f"/oruk/services?taxonomy_id={taxonomy.pk}")) == ["Community Counselling"]
    walking.taxonomy = taxonomy
    walking.save()
    assert names(oruk.get(f"/oruk/services?taxonomy_id={taxonomy.pk}")) == [
        "Community Counselling",
        "Health walks",
    ]


def test_services_are_found_by_when_they_last_changed(oruk, directory):
    Service.objects.filter(pk=directory["youth"].pk).update(
        last_modified=timezone.now() - timedelta(days=10)
    )
    week_ago = (timezone.now() - timedelta(days=7)).date().isoformat()
    assert names(oruk.get(f"/oruk/services?modified_after={week_ago}")) == [
        "Health walks",
        "Knit and Natter",
    ]
    # The example's last_modified is 2023-03-15T10:30:45.123Z: on or after is included.
    assert "Community Counselling" in names(
        oruk.get("/oruk/services?modified_after=2023-03-15T10:30:45.123Z")
    )
    assert "Community Counselling" not in names(
        oruk.get("/oruk/services?modified_after=2023-03-15T10:30:46Z")
    )
    # An offset, with its "+" encoded, and as a careless client sends it (a space).
    for offset in ["%2B01:00", "+01:00"]:
        found = names(oruk.get(f"/oruk/services?modified_after=2023-03-15T11:30:45{offset}"))
        assert "Community Counselling" in found, offset


def test_the_legacy_text_parameter_finds_what_search_finds(oruk, directory):
    assert names(oruk.get("/oruk/services?text=club")) == ["Knit and Natter", "Youth club"]
    assert names(oruk.get("/oruk/services?text=knit+club")) == ["Knit and Natter"]
    assert names(oruk.get("/oruk/service_at_locations?text=nothing+like+this")) == []
    # Both given: search is the one read.
    assert names(oruk.get("/oruk/services?search=youth&text=knit")) == ["Youth club"]


@pytest.fixture
def opening_times(directory) -> dict:
    """The example's Community Counselling is open TH,FR 10:00:00-18:00:00. Knit and Natter
    meets at the library on Monday mornings; Youth club on Tuesday evenings, with no closing
    time given."""
    library = Location.objects.create(name="Hillside Library")
    at = ServiceAtLocation.objects.create(service=directory["knit"], location=library)
    Schedule.objects.create(service_at_location=at, byday="MO", opens_at="09:30", closes_at="12:00")
    Schedule.objects.create(service=directory["youth"], byday="TU", opens_at="18:30Z")
    return directory


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("start_time=09:00&end_time=10:00", ["Knit and Natter"]),
        ("start_time=11:59&end_time=12:30", ["Community Counselling", "Knit and Natter"]),
        ("start_time=12:00&end_time=13:00", ["Community Counselling"]),  # Knit closes at 12
        ("start_time=17:00&end_time=19:00", ["Community Counselling", "Youth club"]),
        ("start_time=18:00:00Z&end_time=24:00", ["Youth club"]),  # Counselling closes at 18
        ("start_time=19:00", []),  # Youth club opens before: it has no closing time
        ("start_time=18:00", ["Youth club"]),
        ("end_time=09:31", ["Knit and Natter"]),
        ("end_time=09:30", []),
        ("start_time=09:00&end_time=10:00&day=mo", ["Knit and Natter"]),
        ("start_time=09:00&end_time=10:00&day=TU", []),
        ("day=FR", ["Community Counselling"]),
    ],
)
def test_services_are_found_by_the_times_they_are_open(oruk, opening_times, query, expected):
    assert names(oruk.get(f"/oruk/services?{query}")) == expected


def test_services_at_locations_are_found_by_times_too(oruk, opening_times):
    found = oruk.get("/oruk/service_at_locations?start_time=09:00&end_time=10:00")
    assert [c["service"]["name"] for c in found["contents"]] == ["Knit and Natter"]


def test_services_at_locations_are_found_with_the_same_filters(oruk, directory):
    here = Location.objects.create(name="Hillside Library")
    ServiceAtLocation.objects.create(service=directory["knit"], location=here)
    all_ = oruk.get("/oruk/service_at_locations")
    assert [c["service"]["name"] for c in all_["contents"]] == [
        "Community Counselling",
        "Knit and Natter",
    ]
    found = oruk.get(f"/oruk/service_at_locations?organization_id={directory['hub'].pk}")
    assert [(c["service"]["name"], c["location"]["name"]) for c in found["contents"]] == [
        ("Knit and Natter", "Hillside Library")
    ]
    assert oruk.get("/oruk/service_at_locations?search=knit")["total_items"] == 1


def test_taxonomy_terms_are_found_by_taxonomy_parent_and_top_level(oruk, db):
    taxonomy = oruk_taxonomy_save(example("taxonomy"), source=SOURCE)
    top = TaxonomyTerm.objects.create(name="Activities", description="", taxonomy=taxonomy)
    TaxonomyTerm.objects.create(name="Gardening", description="", parent=top, taxonomy=taxonomy)
    every = oruk.get("/oruk/taxonomy_terms")
    assert names(every) == ["Activities", "Gardening", "name"]
    assert names(oruk.get(f"/oruk/taxonomy_terms?parent_id={top.pk}")) == ["Gardening"]
    # The example's term has a parent that has not been imported: it is not top level.
    assert names(oruk.get("/oruk/taxonomy_terms?top_only=true")) == ["Activities"]
    assert names(oruk.get(f"/oruk/taxonomy_terms?taxonomy_id={uuid4()}")) == []
    assert names(oruk.get("/oruk/taxonomy_terms?search=garden")) == ["Gardening"]


def test_organizations_and_taxonomies_are_searched_by_name(oruk, directory):
    Taxonomy.objects.create(name="LGA Service Types", description="")
    assert names(oruk.get("/oruk/organizations?search=hub")) == ["Hillside Hub"]
    assert names(oruk.get("/oruk/taxonomies?search=lga")) == ["LGA Service Types"]


# Pages ----------------------------------------------------------------------------------


@pytest.fixture
def five_services(db):
    org = Organization.objects.create(name="Hillside Hub", description="")
    return [Service.objects.create(organization=org, name=f"Group {n}") for n in range(1, 6)]


def test_a_list_is_paged_from_one(oruk, five_services):
    first = oruk.get("/oruk/services?per_page=2")
    assert {k: v for k, v in first.items() if k != "contents"} == {
        "total_items": 5,
        "total_pages": 3,
        "page_number": 1,
        "size": 2,
        "first_page": True,
        "last_page": False,
        "empty": False,
    }
    assert names(first) == ["Group 1", "Group 2"]
    second = oruk.get("/oruk/services?per_page=2&page=2")
    assert (second["page_number"], second["first_page"], second["last_page"]) == (2, False, False)
    assert names(second) == ["Group 3", "Group 4"]
    last = oruk.get("/oruk/services?per_page=2&page=3")
    assert (last["size"], last["first_page"], last["last_page"]) == (1, False, True)
    assert names(last) == ["Group 5"]


def test_a_page_past_the_end_and_an_empty_list_say_they_are_empty(oruk, five_services):
    past = oruk.get("/oruk/services?per_page=2&page=4")
    assert (past["empty"], past["size"], past["contents"], past["total_items"]) == (True, 0, [], 5)
    none = oruk.get("/oruk/services?search=zzz")
    assert none == {
        "total_items": 0,
        "total_pages": 0,
        "page_number": 1,
        "size": 0,
        "first_page": True,
        "last_page": True,
        "empty": True,
        "contents": [],
    }
    for path in ["taxonomies", "taxonomy_terms", "service_at_locations"]:
        assert oruk.get(f"/oruk/{path}")["empty"] is True


def test_the_default_page_has_fifty_and_a_page_at_most_a_hundred(oruk, db):
    org = Organization.objects.create(name="Big", description="")
    Service.objects.bulk_create(
        Service(organization=org, name=f"Service {n:03}") for n in range(120)
    )
    assert oruk.get("/oruk/services")["size"] == api.DEFAULT_PER_PAGE == 50
    assert oruk.get("/oruk/services?per_page=100")["size"] == 100
    assert oruk.get("/oruk/services?per_page=100")["total_pages"] == 2


# Bad requests ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "parameter", "words"),
    [
        ("page=0", "page", "whole number from 1"),
        ("page=two", "page", "whole number from 1"),
        ("page=-1", "page", "whole number from 1"),
        ("per_page=0", "per_page", "from 1 to 100"),
        ("per_page=101", "per_page", "from 1 to 100"),
        ("taxonomy_term_id=walking", "taxonomy_term_id", "must be an id"),
        ("taxonomy_id=123", "taxonomy_id", "must be an id"),
        ("organization_id=x", "organization_id", "must be an id"),
        ("modified_after=yesterday", "modified_after", "ISO 8601"),
        ("modified_after=2024-02-30", "modified_after", "ISO 8601"),
        ("minimum_age=-1", "minimum_age", "age in years"),
        ("maximum_age=old", "maximum_age", "age in years"),
        ("minimum_age=20&maximum_age=10", "minimum_age", "not be more than maximum_age"),
        ("postcode=LS6", "postcode", "must be a UK postcode, like LS6 1AB, not 'LS6'"),
        ("postcode=LS99+9ZZ&proximity=1000", "postcode", "LS99 9ZZ is not one this directory"),
        ("proximity=1000", "proximity", "needs a postcode"),
        ("start_time=9am", "start_time", "HH:MM in 24 hours"),
        ("end_time=25:00", "end_time", "not '25:00'"),
        ("start_time=10:61", "start_time", "HH:MM"),
        ("start_time=18:00&end_time=09:00", "end_time", "must be after start_time (18:00)"),
        ("start_time=10:00&end_time=10:00", "end_time", "must be after"),
        ("day=Monday", "day", "MO, TU, WE"),
    ],
)
def test_a_bad_parameter_is_a_400_that_says_which_and_why(oruk, db, query, parameter, words):
    error = oruk.error(f"/oruk/services?{query}")
    assert error["parameter"] == parameter
    assert words in error["message"]
    assert error["message"].startswith(parameter)


def test_bad_parameters_of_the_other_lists_are_400_too(oruk, db):
    assert oruk.error("/oruk/taxonomy_terms?top_only=maybe")["parameter"] == "top_only"
    assert oruk.error("/oruk/taxonomy_terms?parent_id=1")["parameter"] == "parent_id"
    assert oruk.error("/oruk/organizations?page=0")["parameter"] == "page"
    assert oruk.error("/oruk/service_at_locations?postcode=LS6")["parameter"] == "postcode"
    assert oruk.error("/oruk/taxonomies?per_page=1000")["parameter"] == "per_page"


@pytest.mark.parametrize(
    "path", ["services", "organizations", "taxonomies", "taxonomy_terms", "service_at_locations"]
)
def test_an_unknown_or_malformed_id_is_a_json_404(oruk, service, path):
    missing = uuid4()
    assert str(missing) in oruk.error(f"/oruk/{path}/{missing}", 404)["message"]
    assert "nonsense" in oruk.error(f"/oruk/{path}/nonsense", 404)["message"]


def test_an_unknown_path_is_a_json_404(oruk, db):
    assert "/oruk/people" in oruk.error("/oruk/people", 404)["message"]
    oruk.error("/oruk/services/", 404)
    oruk.error(f"/oruk/services/{uuid4()}/contacts", 404)


def test_the_api_is_read_only(oruk, service, db):
    before = Service.objects.count()
    for method in ["post", "put", "patch", "delete"]:
        response = oruk.response(f"/oruk/services/{service.pk}", method)
        assert response.status_code == 405, method
        assert response["Allow"] == "GET, HEAD, OPTIONS"
        assert "read-only" in response.json()["message"]
    assert Service.objects.count() == before


def test_a_browser_may_ask_before_it_reads(oruk, db):
    response = oruk.response("/oruk/services", "options")
    assert response.status_code == 204
    assert "GET" in response["Access-Control-Allow-Methods"]


# Open to all ----------------------------------------------------------------------------


def every_url(service) -> list[str]:
    here = service.service_at_locations.get()
    term = TaxonomyTerm.objects.get()
    taxonomy = Taxonomy.objects.get()
    return [
        "/oruk/",
        "/oruk/services",
        f"/oruk/services/{service.pk}",
        "/oruk/organizations",
        f"/oruk/organizations/{service.organization_id}",
        "/oruk/service_at_locations",
        f"/oruk/service_at_locations/{here.pk}",
        "/oruk/taxonomies",
        f"/oruk/taxonomies/{taxonomy.pk}",
        "/oruk/taxonomy_terms",
        f"/oruk/taxonomy_terms/{term.pk}",
    ]


def test_every_endpoint_is_open_without_signing_in_and_the_same_signed_in(service, owner):
    oruk_taxonomy_save(example("taxonomy"), source=SOURCE)
    anonymous, signed_in = Oruk(Client()), Oruk(client_for(owner))
    for url in every_url(service):
        assert anonymous.get(url) == signed_in.get(url), url
    assert anonymous.response("/oruk/openapi.json").status_code == 200


# Queries --------------------------------------------------------------------------------


def _grow(service: Service, n: int) -> None:
    """Give ``service`` ``n`` more of every kind of nested record."""
    term = TaxonomyTerm.objects.first()
    for i in range(n):
        location = Location.objects.create(name=f"Place {i}", latitude=Decimal("53.8"))
        location.addresses.create(address_1=f"{i} Road", city="Leeds", postal_code="LS6 1AB")
        location.accessibility.create(description="Step-free")
        Phone.objects.create(location=location, number="0113 496 0000")
        Attribute.objects.create(location=location, taxonomy_term=term)
        here = ServiceAtLocation.objects.create(service=service, location=location)
        Schedule.objects.create(service_at_location=here, freq="WEEKLY", byday="MO")
        Schedule.objects.create(service=service, freq="WEEKLY", byday="TU")
        contact = Contact.objects.create(service=service, name=f"Contact {i}")
        phone = Phone.objects.create(contact=contact, number="0113 496 0001")
        phone.languages.create(name="Welsh", code="cy")
        Phone.objects.create(service=service, number="0113 496 0002")
        service.languages.create(name="Polish", code="pl")
        service.funding.create(funded_by="Council")
        service.cost_options.create(option="Adults", amount=Decimal("2.50"), currency="GBP")
        service.service_areas.create(name="Leeds")
        Attribute.objects.create(service=service, taxonomy_term=term)
        service.organization.identifiers.create(identifier_type="Charity", identifier=str(i))
        Attribute.objects.create(organization=service.organization, taxonomy_term=term)


# One for the service and its organization, one for each kind of nested record.
FULL_SERVICE_QUERIES = 21


def test_a_full_service_takes_the_same_few_queries_however_much_it_has(
    oruk, service, django_assert_max_num_queries
):
    url = f"/oruk/services/{service.pk}"
    with django_assert_max_num_queries(FULL_SERVICE_QUERIES):
        small = oruk.get(url)
    _grow(service, 5)
    with django_assert_max_num_queries(FULL_SERVICE_QUERIES):
        big = oruk.get(url)
    assert len(big["service_at_locations"]) == len(small["service_at_locations"]) + 5
    assert len(big["contacts"][1]["phones"][0]["languages"]) == 1


def test_lists_and_other_full_records_take_a_fixed_number_of_queries(
    oruk, service, django_assert_max_num_queries
):
    _grow(service, 3)
    org = Organization.objects.create(name="Hub", description="")
    for n in range(30):
        Service.objects.create(organization=org, name=f"Group {n}")
    here = service.service_at_locations.first()
    taxonomy = oruk_taxonomy_save(example("taxonomy"), source=SOURCE)
    for url, most in [
        ("/oruk/services?per_page=100", 2),
        ("/oruk/organizations", 2),
        ("/oruk/service_at_locations", 2),
        ("/oruk/taxonomy_terms", 2),
        (f"/oruk/service_at_locations/{here.pk}", 19),
        (f"/oruk/organizations/{service.organization_id}", 4),
        (f"/oruk/organizations/{service.organization_id}?full_service=true", 24),
        (f"/oruk/taxonomies/{taxonomy.pk}", 2),
    ]:
        with django_assert_max_num_queries(most):
            oruk.get(url)


def test_ids_in_responses_are_ours_not_the_sources(oruk, service):
    data = oruk.get(f"/oruk/services/{service.pk}")
    assert data["id"] != example("service_full")["id"]
    assert UUID(data["id"]) == service.pk
    assert service.source_id == example("service_full")["id"]
