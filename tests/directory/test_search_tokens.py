"""Categories and map cells as tokens of the full-text index (``tokens.py``): the index
follows every change to a service's categories and places, on SQLite and on PostgreSQL, and
a search through it finds exactly what a plain filter of every service finds."""

import math
import random
from decimal import Decimal

import pytest
from django.db import connection

from alongside.directory import tokens
from alongside.directory.distance import EARTH_RADIUS_KM
from alongside.directory.models import (
    Attribute,
    Location,
    Organization,
    Service,
    ServiceAtLocation,
    ServiceStatus,
    TaxonomyTerm,
)
from alongside.directory.queries import services_search

from .test_search import LS6_1AB, make_resources, names, place

pytestmark = pytest.mark.skipif(
    connection.vendor not in ("sqlite", "postgresql"), reason="the databases with the index"
)


def stored_tokens(service: Service) -> set[str]:
    """The tokens the database keeps for ``service`` in its index."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(
                "SELECT tokens FROM directory_service_text WHERE service_id = %s",
                [service.pk.hex],
            )
            return set(cursor.fetchone()[0].split())
        cursor.execute(
            "SELECT array_agg(lexeme) FROM directory_service s, unnest(s.search_document) "
            "WHERE s.id = %s AND 'A' = ANY(weights)",
            [service.pk],
        )
        return set(cursor.fetchone()[0] or [])


def category(term: TaxonomyTerm) -> dict:
    return {"taxonomy_term_id": term.pk}


@pytest.fixture
def resources(db) -> dict:
    return make_resources()


def test_a_services_tokens_are_its_categories_their_broader_terms_and_its_cells(resources):
    walk, walking, active = resources["walk"], resources["walking"], resources["active"]
    steps = walk.service_at_locations.get().location
    assert stored_tokens(walk) == {
        tokens.category_token(walking.pk),
        tokens.category_token(active.pk),
        *tokens.cells_of(steps.latitude, steps.longitude),
    }
    assert stored_tokens(resources["debt"]) == set()  # no category, no place


@pytest.mark.parametrize(
    ("latitude", "longitude"),
    [
        ("53.800000", "-1.550000"),  # on the edges of cells
        ("53.799999", "-1.550001"),
        ("0.000000", "0.000000"),
        ("-0.000001", "-0.000001"),
        ("-33.868820", "151.209296"),
        ("89.999999", "-179.999999"),
    ],
)
def test_the_database_and_python_put_a_place_in_the_same_cells(db, latitude, longitude):
    service = Service.objects.create(organization=Organization.objects.create(name="O"), name="S")
    place(service, "Here", latitude, longitude)
    assert stored_tokens(service) == set(tokens.cells_of(latitude, longitude))


def test_the_index_follows_every_change_to_a_services_categories(resources):
    knit, crafts, walking, active = (
        resources["knit"],
        resources["crafts"],
        resources["walking"],
        resources["active"],
    )
    assert names(services_search(**category(crafts))) == ["Knit and Natter"]
    attribute = Attribute.objects.get(service=knit)
    attribute.taxonomy_term = walking
    attribute.save()
    assert names(services_search(**category(crafts))) == []
    assert names(services_search(**category(active))) == ["Health walks", "Knit and Natter"]
    walking.parent = crafts  # a broader term changes
    walking.save()
    assert names(services_search(**category(crafts))) == ["Health walks", "Knit and Natter"]
    assert names(services_search(**category(active))) == []
    TaxonomyTerm.objects.filter(pk=walking.pk).update(parent=None)  # a bulk update
    assert names(services_search(**category(crafts))) == []
    Attribute.objects.filter(pk=attribute.pk).update(taxonomy_term=crafts)
    assert names(services_search(**category(crafts))) == ["Knit and Natter"]
    Attribute.objects.create(service=resources["youth"], taxonomy_term=crafts)
    assert names(services_search(**category(crafts))) == ["Knit and Natter", "Youth club"]
    attribute.delete()
    assert names(services_search(**category(crafts))) == ["Youth club"]
    resources["youth"].delete()
    assert names(services_search(**category(crafts))) == []


def test_the_index_follows_every_change_to_a_services_places(resources):
    knit, youth = resources["knit"], resources["youth"]
    near = {"text": "hillside", "near": LS6_1AB, "within_km": 1}
    assert names(services_search(**near)) == ["Knit and Natter"]
    library = knit.service_at_locations.get().location
    library.latitude, library.longitude = Decimal("53.780000"), Decimal("-1.450000")
    library.save()  # moved east and south
    assert names(services_search(**near)) == []
    Location.objects.filter(pk=library.pk).update(latitude=Decimal("53.817100"))  # in bulk
    assert names(services_search(**near)) == []  # still too far east of here
    Location.objects.filter(pk=library.pk).update(longitude=Decimal("-1.574100"))
    assert names(services_search(**near)) == ["Knit and Natter"]
    pop_up = place(youth, "Headingley pop-up", "53.816000", "-1.575000")
    assert names(services_search(**near)) == ["Knit and Natter", "Youth club"]
    at = ServiceAtLocation.objects.get(location=pop_up)
    at.location = Location.objects.create(name="Far away", latitude=Decimal("54.000000"))
    at.save()
    assert names(services_search(**near)) == ["Knit and Natter"]
    at.location = pop_up
    at.save()
    assert names(services_search(**near)) == ["Knit and Natter", "Youth club"]
    pop_up.delete()
    assert names(services_search(**near)) == ["Knit and Natter"]
    ServiceAtLocation.objects.filter(service=knit).delete()
    assert names(services_search(**near)) == []


def test_typed_words_are_never_looked_for_among_the_tokens(resources):
    for typed in ["zc", "zg", "zg1y", tokens.category_token(resources["crafts"].pk)]:
        assert names(services_search(text=typed)) == []


def test_the_cells_cover_the_box_around_a_point():
    lat, lon = LS6_1AB
    for within_km in [0.5, 1.6, 3.2, 8.05, 16.1, 40]:
        cells = tokens.cover(lat, lon, within_km)
        assert cells is not None and len(cells) <= tokens.MAX_CELLS
        dlat = math.degrees(within_km / EARTH_RADIUS_KM)
        dlon = dlat / math.cos(math.radians(lat))
        for corner_lat in (lat - dlat, lat, lat + dlat):
            for corner_lon in (lon - dlon, lon, lon + dlon):
                assert set(tokens.cells_of(corner_lat, corner_lon)) & set(cells)
    assert tokens.cover(lat, lon, 500) is None  # too many cells: the box is used instead


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = (
        math.sin((p2 - p1) / 2) ** 2
        + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    )
    return 2 * EARTH_RADIUS_KM * math.asin(min(math.sqrt(a), 1.0))


def test_a_search_by_category_and_distance_finds_what_a_plain_filter_finds(db):
    rng = random.Random(15)
    organization = Organization.objects.create(name="Somewhere Trust")
    broad = [TaxonomyTerm.objects.create(name=f"Broad {n}") for n in range(3)]
    narrow = [
        TaxonomyTerm.objects.create(name=f"Narrow {n}", parent=broad[n % 3]) for n in range(6)
    ]
    terms = broad + narrow
    made = []  # (service, its terms, its places)
    for n in range(160):
        service = Service.objects.create(
            organization=organization,
            name=f"{rng.choice(['Lunch club', 'Walking group', 'Choir'])} {n}",
            status=rng.choice([ServiceStatus.ACTIVE] * 5 + [ServiceStatus.DEFUNCT]),
        )
        given = rng.sample(terms, rng.choice([0, 1, 1, 2]))
        for term in given:
            Attribute.objects.create(service=service, taxonomy_term=term)
        places = []
        for _ in range(rng.choice([0, 1, 1, 1, 2])):
            lat = round(LS6_1AB[0] + rng.uniform(-0.2, 0.2), 6)
            lon = round(LS6_1AB[1] + rng.uniform(-0.3, 0.3), 6)
            place(service, "", f"{lat:.6f}", f"{lon:.6f}")
            places.append((lat, lon))
        made.append((service, given, places))

    for _ in range(25):
        term = rng.choice(terms)
        near = (round(LS6_1AB[0] + rng.uniform(-0.1, 0.1), 5), LS6_1AB[1])
        within_km = rng.choice([1.6, 3.2, 8.05, 16.1, 400])
        words = rng.choice([None, "lunch", "walking"])
        expected = []
        for service, given, places in made:
            if term not in given and term not in {t.parent for t in given}:
                continue
            if words and not service.name.lower().startswith(words):
                continue
            if service.status != ServiceStatus.ACTIVE or not places:
                continue
            km = min(haversine_km(*near, lat, lon) for lat, lon in places)
            if km <= within_km:
                expected.append((km, service.name))
        found = services_search(
            text=words,
            taxonomy_term_id=term.pk,
            near=near,
            within_km=within_km,
            open_only=True,
        )
        assert [(s.name, round(s.distance_km, 6)) for s in found] == [
            (name, round(km, 6)) for km, name in sorted(expected)
        ], (term.name, near, within_km, words)
