"""The community directory at scale: import, search and the ORUK API.

Usage: python bench/directory.py [--services 50000] [--import-services 10000] [--requests 100]
       [--reuse] [--skip-api]

Uses DATABASE_URL when set (it must name a database it may empty), otherwise a temporary
SQLite file. Makes a directory with ``bench/directory_data.py`` and prints:

* the time to import ``--import-services`` services from an HSDS JSON file (all new), and to
  import the same file again (nothing changes); the rest up to ``--services`` are written
  straight to the tables (``bulk_load``: the same records, in seconds instead of minutes).
  ``--import-services 0`` writes them all that way and times no import;
* p50 and p95 of a coordinator's search for a mix of what coordinators ask (words only;
  words + a category; words + within 5 miles of a postcode; a category + within 5 miles;
  words + a category + within 5 miles): the query alone (how many there are and the first
  20, as ``queries.page_of`` gets them for the search page), the coordinators' search page,
  and ``GET /oruk/services`` with the same filters (``search``, ``taxonomy_term_id``,
  ``postcode`` + ``proximity``);
* p50 and p95 of ``GET /oruk/services`` pages (any page, 50 to a page) and of one service
  in full, and the SQL queries each runs (``--skip-api`` leaves these out).

On DATABASE_URL the data stays after a run: ``--reuse`` migrates it and times it again
without making it (how to compare a change: make the data, apply the change, ``--reuse``).
"""

import argparse
import json
import random
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from common import QueryLog, p50_p95, set_up_django  # noqa: E402

# What a coordinator types, and the category they choose with it.
SEARCH = [
    ("lunch", "Lunch clubs"),
    ("walking", "Walking groups"),
    ("knitting", "Knit and natter"),
    ("debt advice", "Debt advice"),
    ("choir", "Music"),
    ("garden", "Gardening"),
    ("café", "Carers"),
    ("food", "Food banks"),
]
WITHIN_MILES = 5
KM_PER_MILE = 1.609344
NAMESPACE = uuid.UUID("6a1c0c47-3c8e-4f57-9d0a-2f6f1d3b9e11")


def figures(times: list[float]) -> str:
    p50, p95 = p50_p95(times)
    return f"{p50:>8.1f}{p95:>8.1f}"


def bulk_load(services: list[dict], *, source: str) -> None:
    """Write ``services`` (ORUK JSON from ``directory_data``) straight to the tables, with
    ids made from their ORUK ids (the same on every database, so that ties come out in the
    same order): each service, its organization, place and address, schedule, cost option
    and categories. Not their contacts, phones and languages, which no search reads."""
    from django.db import transaction

    from alongside.directory.models import (
        Address,
        Attribute,
        CostOption,
        Location,
        Organization,
        Schedule,
        Service,
        ServiceAtLocation,
        TaxonomyTerm,
    )

    def key(kind: str, source_id: str) -> uuid.UUID:
        return uuid.uuid5(NAMESPACE, f"{source}/{kind}/{source_id}")

    terms = dict(TaxonomyTerm.objects.values_list("source_id", "pk"))
    rows: dict[type, list] = {
        model: []
        for model in (
            Organization,
            Service,
            Location,
            ServiceAtLocation,
            Address,
            Schedule,
            CostOption,
            Attribute,
        )
    }
    organizations = set()
    for data in services:
        org = data["organization"]
        if org["id"] not in organizations:
            organizations.add(org["id"])
            rows[Organization].append(
                Organization(
                    id=key("organization", org["id"]),
                    source=source,
                    source_id=org["id"],
                    name=org["name"],
                    description=org["description"],
                    email=org["email"],
                    website=org["website"],
                )
            )
        service_id = key("service", data["id"])
        rows[Service].append(
            Service(
                id=service_id,
                source=source,
                source_id=data["id"],
                organization_id=key("organization", org["id"]),
                name=data["name"],
                description=data["description"],
                status=data["status"],
                email=data["email"],
                url=data["url"],
                minimum_age=data.get("minimum_age"),
            )
        )
        for schedule in data["schedules"]:
            rows[Schedule].append(
                Schedule(
                    id=key("schedule", schedule["id"]),
                    source=source,
                    source_id=schedule["id"],
                    service_id=service_id,
                    freq=schedule["freq"],
                    byday=schedule["byday"],
                    opens_at=schedule["opens_at"],
                    closes_at=schedule["closes_at"],
                    description=schedule["description"],
                )
            )
        for cost in data["cost_options"]:
            rows[CostOption].append(
                CostOption(
                    id=key("cost", cost["id"]),
                    source=source,
                    source_id=cost["id"],
                    service_id=service_id,
                    amount=cost["amount"],
                    currency=cost["currency"],
                    option=cost["option"],
                )
            )
        for attribute in data["attributes"]:
            rows[Attribute].append(
                Attribute(
                    id=key("attribute", attribute["id"]),
                    source=source,
                    source_id=attribute["id"],
                    service_id=service_id,
                    taxonomy_term_id=terms[attribute["taxonomy_term"]["id"]],
                )
            )
        for at in data["service_at_locations"]:
            place = at["location"]
            location_id = key("location", place["id"])
            rows[Location].append(
                Location(
                    id=location_id,
                    source=source,
                    source_id=place["id"],
                    location_type=place["location_type"],
                    name=place["name"],
                    latitude=place["latitude"],
                    longitude=place["longitude"],
                )
            )
            rows[ServiceAtLocation].append(
                ServiceAtLocation(
                    id=key("at", at["id"]),
                    source=source,
                    source_id=at["id"],
                    service_id=service_id,
                    location_id=location_id,
                )
            )
            for address in place["addresses"]:
                fields = {k: v for k, v in address.items() if k != "id"}
                rows[Address].append(
                    Address(
                        id=key("address", address["id"]),
                        source=source,
                        source_id=address["id"],
                        location_id=location_id,
                        **fields,
                    )
                )
    with transaction.atomic():
        for model, objects in rows.items():
            model.objects.bulk_create(objects, batch_size=2000)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--services", type=int, default=50000)
    parser.add_argument("--import-services", type=int, default=10000)
    parser.add_argument("--requests", type=int, default=100, help="requests of each kind")
    parser.add_argument("--reuse", action="store_true", help="time the directory already there")
    parser.add_argument("--skip-api", action="store_true", help="time the searches only")
    args = parser.parse_args()
    if args.import_services > args.services:
        parser.error("--import-services cannot be more than --services")

    set_up_django()
    import directory_data
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    from alongside.accounts.models import Role, User
    from alongside.directory import queries
    from alongside.directory.importing import directory_import
    from alongside.directory.importing.writer import oruk_taxonomy_save
    from alongside.directory.models import Postcode, Service, TaxonomyTerm
    from alongside.directory.models.imports import ImportKind

    rng = random.Random(7)
    print(f"Database: {connection.vendor}")
    call_command("migrate", verbosity=0)
    if args.reuse:
        if not Service.objects.exists():
            sys.exit("--reuse needs a directory made by an earlier run")
    else:
        make(args, directory_data, directory_import, oruk_taxonomy_save, ImportKind)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")  # as autovacuum soon would
    total = Service.objects.count()

    # Search ----------------------------------------------------------------------------
    terms = {t.name: t for t in TaxonomyTerm.objects.filter(parent__isnull=False)}
    lat, lon = directory_data.CENTRE
    near_centre = list(
        Postcode.objects.filter(
            latitude__range=(lat - 0.1, lat + 0.1), longitude__range=(lon - 0.15, lon + 0.15)
        )
        .order_by("postcode")
        .values_list("postcode", "latitude", "longitude")
    )
    within_km = WITHIN_MILES * KM_PER_MILE
    asked = [
        (words, terms[term], rng.choice(near_centre))
        for words, term in (rng.choice(SEARCH) for _ in range(args.requests))
    ]
    # What each kind of search gives: (words, category, place), None where not asked.
    kinds = {
        "words": [(w, None, None) for w, _, _ in asked],
        "words + category": [(w, t, None) for w, t, _ in asked],
        f"words + {WITHIN_MILES} miles": [(w, None, p) for w, _, p in asked],
        f"category + {WITHIN_MILES} miles": [(None, t, p) for _, t, p in asked],
        f"words + category + {WITHIN_MILES} miles": asked,
    }

    def run_query(words, term, place):
        found = queries.services_search(
            text=words,
            taxonomy_term_id=term.pk if term else None,
            near=(float(place[1]), float(place[2])) if place else None,
            within_km=within_km if place else None,
            open_only=True,
        )
        page = queries.page_of(found, 1, 20)
        return page.paginator.count, page.object_list

    def page_url(words, term, place):
        url = "/directory/?within=" + (str(WITHIN_MILES) if place else "any")
        url += f"&q={words}" if words else ""
        url += f"&category={term.pk}" if term else ""
        return url + (f"&postcode={place[0]}" if place else "")

    def api_url(words, term, place):
        url = "/oruk/services?per_page=20"
        url += f"&search={words}" if words else ""
        url += f"&taxonomy_term_id={term.pk}" if term else ""
        return url + (f"&postcode={place[0]}&proximity={round(within_km * 1000)}" if place else "")

    def timed_query(searches) -> tuple[int, list[float], float]:
        log = QueryLog()
        run_query(*searches[0])  # warm up
        with connection.execute_wrapper(log):
            run_query(*searches[0])
        times, found = [], []
        for search in searches:
            t = time.perf_counter()
            count, _ = run_query(*search)
            times.append((time.perf_counter() - t) * 1000)
            found.append(count)
        return len(log), times, statistics.median(found)

    def timed_get(client: Client, urls: list[str]) -> tuple[int, list[float]]:
        client.get(urls[0])  # warm up
        log = QueryLog()
        with connection.execute_wrapper(log):
            response = client.get(urls[0])
        assert response.status_code == 200, (urls[0], response.status_code)
        times = []
        for url in urls:
            t = time.perf_counter()
            response = client.get(url)
            times.append((time.perf_counter() - t) * 1000)
            assert response.status_code == 200, (url, response.status_code)
        return len(log), times

    coordinator, _ = User.objects.get_or_create(
        email="bench@example.org", defaults={"full_name": "Bench", "role": Role.COORDINATOR}
    )
    signed_in = Client()
    signed_in.force_login(coordinator)
    anyone = Client()

    print(
        f"\nSearch of {total:,} services ({args.requests} of each, {WITHIN_MILES} miles = "
        f"{within_km:.2f} km): SQL queries, p50 and p95 in ms"
    )
    print(
        f"{'':<32}{'found':>7} | {'the query':^22} | {'search page':^22} | "
        f"{'GET /oruk/services':^22}"
    )
    print(
        f"{'':<32}{'':>7} | {'sql   p50     p95':>22} | {'sql   p50     p95':>22} | "
        f"{'sql   p50     p95':>22}"
    )
    for label, searches in kinds.items():
        sql, times, found = timed_query(searches)
        page_sql, page_times = timed_get(signed_in, [page_url(*s) for s in searches])
        api_sql, api_times = timed_get(anyone, [api_url(*s) for s in searches])
        print(
            f"{label:<32}{found:>7.0f} | {sql:>6}{figures(times)} | "
            f"{page_sql:>6}{figures(page_times)} | {api_sql:>6}{figures(api_times)}"
        )

    if args.skip_api:
        return
    # The API's lists --------------------------------------------------------------------
    print(f"\nORUK API over {total:,} services")
    print(f"{'':<44}{'queries':>8}{'p50 ms':>8}{'p95 ms':>8}")
    pages = -(-total // 50)
    urls = [f"/oruk/services?page={rng.randint(1, pages)}" for _ in range(args.requests)]
    sql, times = timed_get(anyone, urls)
    print(f"{'GET /oruk/services?page=N (50 to a page)':<44}{sql:>8}{figures(times)}")
    ids = list(Service.objects.order_by("pk").values_list("pk", flat=True)[: args.requests * 10])
    urls = [f"/oruk/services/{rng.choice(ids)}" for _ in range(args.requests)]
    sql, times = timed_get(anyone, urls)
    print(f"{'GET /oruk/services/{id}':<44}{sql:>8}{figures(times)}")


def make(args, directory_data, directory_import, oruk_taxonomy_save, ImportKind) -> None:
    """An empty database, LS postcodes and the directory: ``--import-services`` of them
    through the import (timed), the rest written straight to the tables."""
    from django.core.management import call_command

    from alongside.directory.models import Postcode

    call_command("flush", interactive=False, verbosity=0)
    started = time.perf_counter()
    call_command("load_postcodes", areas="LS", verbosity=0)
    print(
        f"load_postcodes --areas LS: {Postcode.objects.count():,} postcodes in "
        f"{time.perf_counter() - started:.1f} s"
    )
    oruk_taxonomy_save(directory_data.taxonomy(), source="bench")
    folder = Path(tempfile.mkdtemp())

    def import_file(name: str, services: list[dict], label: str) -> None:
        file = folder / f"{name}.json"
        file.write_text(json.dumps(services))
        started = time.perf_counter()
        report = directory_import(source="bench", kind=ImportKind.HSDS_JSON, file=file)
        seconds = time.perf_counter() - started
        assert not report.rejected, report.rejected[:3]
        print(
            f"{label:<44}{seconds:>7.1f} s  (created {report.created:,}, "
            f"updated {report.updated:,}, unchanged {report.unchanged:,})"
        )

    if args.import_services:
        first = directory_data.services(args.import_services, prefix="a", seed=1)
        print(f"\nImport from HSDS JSON ({args.import_services:,} services, about 12 records each)")
        import_file("first", first, f"{args.import_services:,} new services")
        import_file("first", first, "the same file again (nothing changes)")
        del first
    rest = args.services - args.import_services
    if rest:
        started = time.perf_counter()
        bulk_load(directory_data.services(rest, prefix="b", seed=2), source="bench")
        print(
            f"{f'{rest:,} more written straight to the tables':<44}"
            f"{time.perf_counter() - started:>7.1f} s"
        )


if __name__ == "__main__":
    main()
