"""Searching the directory: words (full text), category, age, free, day and time, distance
from a point, all in the database; and the ORUK API's postcode and proximity."""

from decimal import Decimal
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection

from alongside.directory import fulltext, postcodes
from alongside.directory.models import (
    Attribute,
    CostOption,
    Location,
    Organization,
    Schedule,
    Service,
    ServiceAtLocation,
    ServiceStatus,
    TaxonomyTerm,
)
from alongside.directory.queries import services_search

FIXTURES = Path(__file__).parent.parent / "fixtures" / "postcodes"
LS6_1AB = (53.81694, -1.57417)


def load_leeds_postcodes() -> None:
    call_command("load_postcodes", str(FIXTURES), stdout=StringIO())


@pytest.fixture
def leeds_postcodes(db):
    load_leeds_postcodes()


def place(service: Service, name: str, lat: str, lon: str) -> Location:
    location = Location.objects.create(name=name, latitude=Decimal(lat), longitude=Decimal(lon))
    ServiceAtLocation.objects.create(service=service, location=location)
    return location


@pytest.fixture
def resources(db) -> dict:
    return make_resources()


def make_resources() -> dict:
    """Five community resources around Headingley, Leeds (LS6 1AB), made with the ORM as an
    import would, so that the search index is kept in step by the database itself."""
    hub = Organization.objects.create(name="Hillside Hub")
    walks_org = Organization.objects.create(name="Leeds Walks")
    advice = Organization.objects.create(name="Citizens Advice Leeds")
    active = TaxonomyTerm.objects.create(name="Being active")
    walking = TaxonomyTerm.objects.create(name="Walking", parent=active)
    crafts = TaxonomyTerm.objects.create(name="Crafts")

    knit = Service.objects.create(
        organization=hub, name="Knit and Natter", description="Knitting and a cuppa, all welcome"
    )
    place(knit, "Hillside Library", "53.817000", "-1.574000")  # about 13 m from LS6 1AB
    Schedule.objects.create(service=knit, byday="TU", opens_at="10:00", closes_at="12:00")
    CostOption.objects.create(service=knit, amount=0)
    Attribute.objects.create(service=knit, taxonomy_term=crafts, link_type="category")

    walk = Service.objects.create(
        organization=walks_org,
        name="Health walks",
        description="Gentle walks in the park",
        minimum_age=50,
    )
    steps = place(walk, "University steps", "53.807970", "-1.553330")  # about 1.8 km away
    at = ServiceAtLocation.objects.get(location=steps)
    Schedule.objects.create(service_at_location=at, byday="WE", opens_at="09:30Z")
    Attribute.objects.create(service=walk, taxonomy_term=walking, link_type="category")

    youth = Service.objects.create(
        organization=hub,
        name="Youth club",
        description="Games, music and trips",
        minimum_age=11,
        maximum_age=18,
    )
    place(youth, "Beeston Hall", "53.780000", "-1.565000")  # about 4.1 km away
    Schedule.objects.create(service=youth, byday="FR", opens_at="18:00", closes_at="20:00")
    CostOption.objects.create(service=youth, amount=Decimal("1.00"), currency="GBP")

    debt = Service.objects.create(
        organization=advice, name="Debt advice line", description="Free, confidential help"
    )
    Schedule.objects.create(
        service=debt, byday="MO,TU,WE,TH,FR", opens_at="09:00", closes_at="17:00"
    )
    CostOption.objects.create(service=debt, amount=0, option="everyone")

    gone = Service.objects.create(
        organization=hub, name="Old knitting circle", status=ServiceStatus.DEFUNCT
    )
    return {
        "knit": knit,
        "walk": walk,
        "youth": youth,
        "debt": debt,
        "gone": gone,
        "walking": walking,
        "active": active,
        "crafts": crafts,
        "hub": hub,
    }


def names(services) -> list[str]:
    return [s.name for s in services]


# Words ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("knit", ["Knit and Natter", "Old knitting circle"]),
        ("KNITTING", ["Knit and Natter", "Old knitting circle"]),
        ("walk", ["Health walks"]),
        ("walking", ["Health walks"]),  # stemmed: walks, walking
        ("hillside", ["Knit and Natter", "Old knitting circle", "Youth club"]),  # who runs it
        ("knit hillside", ["Knit and Natter", "Old knitting circle"]),  # every word
        ("knit cuppa", ["Knit and Natter"]),
        ("cuppa walks", []),
        ("confidential", ["Debt advice line"]),
        (
            "",
            [
                "Debt advice line",
                "Health walks",
                "Knit and Natter",
                "Old knitting circle",
                "Youth club",
            ],
        ),
        ("nothing like this", []),
    ],
)
def test_services_are_found_by_every_word_in_their_text_or_their_organizations_name(
    resources, text, expected
):
    assert names(services_search(text=text)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('"knit', ["Knit and Natter", "Old knitting circle"]),
        ("knit*", ["Knit and Natter", "Old knitting circle"]),
        ("knit:*", ["Knit and Natter", "Old knitting circle"]),
        ("knit -natter", ["Knit and Natter"]),
        ("NEAR(knit natter)", []),  # "near" is a word like any other, and is not there
        ("knit OR walks", []),  # so is "or"
        ("' & |", None),  # no words at all: everything
    ],
)
def test_search_syntax_typed_by_accident_is_taken_as_words(resources, text, expected):
    found = names(services_search(text=text))
    assert found == (expected if expected is not None else names(services_search()))


def test_the_index_follows_every_change_made_in_the_database(resources):
    knit, hub = resources["knit"], resources["hub"]
    hub.name = "Meadow Trust"
    hub.save()
    assert "Knit and Natter" in names(services_search(text="meadow"))
    assert names(services_search(text="hillside")) == []
    Organization.objects.filter(pk=hub.pk).update(name="Oak Tree Trust")  # a bulk update
    assert "Youth club" in names(services_search(text="oak"))
    knit.description = "Crochet and chat"
    knit.save()
    assert names(services_search(text="crochet")) == ["Knit and Natter"]
    assert names(services_search(text="cuppa")) == []
    knit.organization = Organization.objects.create(name="Library Friends")
    knit.save()
    assert names(services_search(text="library friends")) == ["Knit and Natter"]
    knit.delete()
    assert names(services_search(text="crochet")) == []


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's FTS5 index")
def test_the_sqlite_index_and_its_triggers_are_there_after_every_migration(db):
    """A later migration that rebuilds directory_service or directory_organization drops
    their triggers: it must end with RunPython(fulltext.install) (see fulltext.py)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
        triggers = {row[0] for row in cursor.fetchall()}
    assert set(fulltext.SQLITE_TRIGGERS) <= triggers


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's GIN indexes")
def test_the_postgresql_search_uses_its_gin_index_for_words_category_and_place(resources):
    # With a handful of rows any plan is cheap: leave PostgreSQL only the plans that use an
    # index for the words, as it chooses them when there are thousands of rows.
    with connection.cursor() as cursor:
        cursor.execute("SET enable_seqscan = off")
        cursor.execute("SET enable_indexscan = off")
        plan = services_search(
            text="knit hillside",
            taxonomy_term_id=resources["crafts"].pk,
            near=LS6_1AB,
            within_km=3,
        ).explain()
        cursor.execute("SET enable_seqscan = on")
        cursor.execute("SET enable_indexscan = on")
    assert "directory_service_document" in plan
    assert "zc" in plan and "zg" in plan  # the category and the cells, in the same look


# Category, age, cost, day and time -------------------------------------------------------------


def test_services_are_found_by_category_and_a_broader_category(resources):
    assert names(services_search(taxonomy_term_id=resources["walking"].pk)) == ["Health walks"]
    assert names(services_search(taxonomy_term_id=resources["active"].pk)) == ["Health walks"]
    assert names(services_search(taxonomy_term_id=resources["crafts"].pk)) == ["Knit and Natter"]


@pytest.mark.parametrize(
    ("age", "expected"),
    [
        (14, ["Debt advice line", "Knit and Natter", "Old knitting circle", "Youth club"]),
        (70, ["Debt advice line", "Health walks", "Knit and Natter", "Old knitting circle"]),
    ],
)
def test_services_are_found_by_the_age_of_the_person(resources, age, expected):
    assert names(services_search(minimum_age=age, maximum_age=age)) == expected


def test_free_means_free_for_at_least_some_people(resources):
    assert names(services_search(free=True)) == ["Debt advice line", "Knit and Natter"]


@pytest.mark.parametrize(
    ("day", "time_of_day", "expected"),
    [
        ("TU", None, ["Debt advice line", "Knit and Natter"]),
        ("WE", None, ["Debt advice line", "Health walks"]),  # a schedule at its location
        ("SA", None, []),
        (None, "evening", ["Youth club"]),
        ("FR", "morning", ["Debt advice line"]),
        ("FR", "evening", ["Youth club"]),
        ("WE", "morning", ["Debt advice line", "Health walks"]),  # opens 09:30, no end given
        ("WE", "afternoon", ["Debt advice line"]),
        ("TU", "afternoon", ["Debt advice line"]),  # knitting ends at 12:00
    ],
)
def test_services_are_found_by_day_and_time_of_day(resources, day, time_of_day, expected):
    assert names(services_search(day=day, time_of_day=time_of_day)) == expected


def test_open_only_leaves_out_what_has_closed_for_good(resources):
    assert "Old knitting circle" not in names(services_search(text="knit", open_only=True))


# Distance --------------------------------------------------------------------------------------


def test_services_come_nearest_first_and_those_without_a_place_last(resources):
    found = list(services_search(near=LS6_1AB))
    assert names(found) == [
        "Knit and Natter",
        "Health walks",
        "Youth club",
        "Debt advice line",
        "Old knitting circle",
    ]
    distances = [s.distance_km for s in found]
    assert distances[0] == pytest.approx(0.013, abs=0.005)
    assert distances[1] == pytest.approx(1.8, abs=0.2)
    assert distances[2] == pytest.approx(4.1, abs=0.2)
    assert distances[3:] == [None, None]


@pytest.mark.parametrize(
    ("within_km", "expected"),
    [
        (0.5, ["Knit and Natter"]),
        (2, ["Knit and Natter", "Health walks"]),
        (5, ["Knit and Natter", "Health walks", "Youth club"]),
    ],
)
def test_a_radius_keeps_only_what_is_that_close(resources, within_km, expected):
    assert names(services_search(near=LS6_1AB, within_km=within_km)) == expected


def test_the_nearest_of_a_services_places_counts(resources):
    place(resources["youth"], "Headingley pop-up", "53.816000", "-1.575000")
    found = services_search(near=LS6_1AB, within_km=1)
    assert names(found) == ["Knit and Natter", "Youth club"]


def test_every_filter_together_is_one_query(resources, django_assert_num_queries):
    # One more to find the categories from other directories shown as the one chosen (their
    # ids are looked for in the index with it), and on PostgreSQL one more to leave out stop
    # words ("the", "and") before searching.
    with django_assert_num_queries(3 if connection.vendor == "postgresql" else 2):
        found = list(
            services_search(
                text="knit",
                taxonomy_term_id=resources["crafts"].pk,
                minimum_age=Decimal(30),
                maximum_age=Decimal(30),
                free=True,
                day="TU",
                time_of_day="morning",
                near=LS6_1AB,
                within_km=3,
                open_only=True,
            )
        )
    assert names(found) == ["Knit and Natter"]


# The ORUK API: postcode and proximity ---------------------------------------------------------


def api_names(client, query: str) -> list[str]:
    response = client.get(f"/oruk/services?{query}")
    assert response.status_code == 200, response.json()
    return [item["name"] for item in response.json()["contents"]]


def test_the_api_finds_services_near_a_postcode_nearest_first(client, resources, leeds_postcodes):
    assert api_names(client, "postcode=LS6+1AB") == [
        "Knit and Natter",
        "Health walks",
        "Youth club",
        "Debt advice line",
        "Old knitting circle",
    ]
    assert api_names(client, "postcode=ls61ab&proximity=2000") == [
        "Knit and Natter",
        "Health walks",
    ]
    assert api_names(client, "postcode=LS6%201AB&proximity=100&search=knit") == ["Knit and Natter"]
    found = client.get("/oruk/service_at_locations?postcode=LS6+1AB&proximity=2000").json()
    assert found["total_items"] == 2


@pytest.mark.parametrize(
    ("query", "parameter", "words"),
    [
        ("postcode=LS6", "postcode", "must be a UK postcode"),
        ("postcode=LS99+9ZZ", "postcode", "LS99 9ZZ is not one this directory knows"),
        ("postcode=LS6+1AB&proximity=far", "proximity", "whole number from 1 to 1000000"),
        ("postcode=LS6+1AB&proximity=0", "proximity", "whole number from 1"),
        ("proximity=500", "proximity", "needs a postcode"),
    ],
)
def test_the_api_says_what_is_wrong_with_a_postcode_or_proximity(
    client, leeds_postcodes, query, parameter, words
):
    response = client.get(f"/oruk/services?{query}")
    assert response.status_code == 400
    assert response.json()["parameter"] == parameter
    assert words in response.json()["message"]


def test_locate_and_search_agree_on_where_a_postcode_is(resources, leeds_postcodes):
    near = postcodes.locate("LS6 1AB")
    assert names(services_search(near=near, within_km=0.5)) == ["Knit and Natter"]


# Pages of results -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("asked", "number", "names", "queries"),
    [
        ("1", 1, ["Group 0", "Group 1"], 2),
        ("3", 3, ["Group 4"], 2),
        ("9", 3, ["Group 4"], 4),  # past the end: the last page, after counting
        ("nine", 1, ["Group 0", "Group 1"], 2),
        (None, 1, ["Group 0", "Group 1"], 2),
    ],
)
def test_a_page_of_results_is_like_djangos_and_costs_two_queries(
    db, django_assert_num_queries, asked, number, names, queries
):
    from alongside.directory.models import Organization, Service
    from alongside.directory.queries import page_of

    org = Organization.objects.create(name="Hub")
    for n in range(5):
        Service.objects.create(organization=org, name=f"Group {n}")
    with django_assert_num_queries(queries):
        page = page_of(Service.objects.order_by("name"), asked, 2)
    assert page.number == number
    assert [s.name for s in page.object_list] == names
    assert (page.paginator.count, page.paginator.num_pages) == (5, 3)


def test_a_page_of_nothing_is_empty_and_costs_one_query(db, django_assert_num_queries):
    from alongside.directory.models import Service
    from alongside.directory.queries import page_of

    with django_assert_num_queries(1):
        page = page_of(Service.objects.all(), 1, 20)
    assert (list(page), page.paginator.count) == ([], 0)
