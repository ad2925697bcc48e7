"""The community directory at scale: import, search and the ORUK API.

Usage: python bench/directory.py [--services 50000] [--import-services 10000] [--requests 200]

Uses DATABASE_URL when set (it must name a database it may empty), otherwise a temporary
SQLite file. Makes a directory with ``bench/directory_data.py`` and prints:

* the time to import ``--import-services`` services from an HSDS JSON file (all new), and to
  import the same file again (nothing changes), then to import the rest up to ``--services``;
* p50 and p95 of a coordinator's search (words + a category + within 5 km of a postcode):
  the query alone (how many there are and the first 20, as ``queries.page_of`` gets them
  for the search page), and through the search page and the ORUK API;
* p50 and p95 of ``GET /oruk/services`` pages (any page, 50 to a page) and of one service
  in full, and the SQL queries each runs.
"""

import argparse
import json
import random
import statistics
import sys
import tempfile
import time
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


def figures(times: list[float]) -> str:
    p50, p95 = p50_p95(times)
    return f"{p50:>9.1f}{p95:>9.1f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--services", type=int, default=50000)
    parser.add_argument("--import-services", type=int, default=10000)
    parser.add_argument("--requests", type=int, default=200, help="requests of each kind")
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
    call_command("flush", interactive=False, verbosity=0)

    started = time.perf_counter()
    call_command("load_postcodes", areas="LS", verbosity=0)
    print(
        f"load_postcodes --areas LS: {Postcode.objects.count():,} postcodes in "
        f"{time.perf_counter() - started:.1f} s"
    )
    oruk_taxonomy_save(directory_data.taxonomy(), source="bench")

    folder = Path(tempfile.mkdtemp())

    def import_file(name: str, services: list[dict], source: str, label: str) -> None:
        file = folder / f"{name}.json"
        file.write_text(json.dumps(services))
        started = time.perf_counter()
        report = directory_import(source=source, kind=ImportKind.HSDS_JSON, file=file)
        seconds = time.perf_counter() - started
        assert not report.rejected, report.rejected[:3]
        print(
            f"{label:<44}{seconds:>7.1f} s  (created {report.created:,}, "
            f"updated {report.updated:,}, unchanged {report.unchanged:,})"
        )

    first = directory_data.services(args.import_services, prefix="a", seed=1)
    print(f"\nImport from HSDS JSON ({args.import_services:,} services, about 12 records each)")
    import_file("first", first, "bench", f"{args.import_services:,} new services")
    import_file("first", first, "bench", "the same file again (nothing changes)")
    rest = args.services - args.import_services
    if rest:
        more = directory_data.services(rest, prefix="b", seed=2)
        import_file("rest", more, "bench", f"{rest:,} more new services (the same source)")
    del first
    total = Service.objects.count()

    # Search ----------------------------------------------------------------------------
    terms = {t.name: t for t in TaxonomyTerm.objects.filter(parent__isnull=False)}
    lat, lon = directory_data.CENTRE
    near_centre = list(
        Postcode.objects.filter(
            latitude__range=(lat - 0.1, lat + 0.1), longitude__range=(lon - 0.15, lon + 0.15)
        ).values_list("postcode", "latitude", "longitude")
    )
    searches = [
        (words, terms[term], rng.choice(near_centre))
        for words, term in (rng.choice(SEARCH) for _ in range(args.requests))
    ]

    print(f"\nSearch of {total:,} services: words + a category + within 5 km of a postcode")
    print(f"{'':<44}{'queries':>8}{'p50 ms':>9}{'p95 ms':>9}{'found':>8}")

    def run_query(words, term, place):
        found = queries.services_search(
            text=words,
            taxonomy_term_id=term.pk,
            near=(float(place[1]), float(place[2])),
            within_km=5,
            open_only=True,
        )
        page = queries.page_of(found, 1, 20)
        return page.paginator.count, page.object_list

    times, found = [], []
    log = QueryLog()
    with connection.execute_wrapper(log):
        run_query(*searches[0])
    for search in searches:
        t = time.perf_counter()
        count, _ = run_query(*search)
        times.append((time.perf_counter() - t) * 1000)
        found.append(count)
    print(
        f"{'the query (how many, and the first 20)':<44}{len(log):>8}{figures(times)}"
        f"{statistics.median(found):>8.0f}"
    )

    def measure(label: str, client: Client, urls: list[str]) -> None:
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
        print(f"{label:<44}{len(log):>8}{figures(times)}")

    coordinator = User.objects.create_user(
        "bench@example.org", "not-used", full_name="Bench", role=Role.COORDINATOR
    )
    signed_in = Client()
    signed_in.force_login(coordinator)
    measure(
        "coordinator search page (within 5 miles)",
        signed_in,
        [f"/directory/?q={w}&category={t.pk}&postcode={p[0]}&within=5" for w, t, p in searches],
    )
    anyone = Client()
    measure(
        "GET /oruk/services (the same, proximity=5000)",
        anyone,
        [
            f"/oruk/services?search={w}&taxonomy_term_id={t.pk}&postcode={p[0]}&proximity=5000"
            for w, t, p in searches
        ],
    )

    # The API's lists --------------------------------------------------------------------
    print(f"\nORUK API over {total:,} services")
    print(f"{'':<44}{'queries':>8}{'p50 ms':>9}{'p95 ms':>9}")
    pages = -(-total // 50)
    measure(
        "GET /oruk/services?page=N (50 to a page)",
        anyone,
        [f"/oruk/services?page={rng.randint(1, pages)}" for _ in range(args.requests)],
    )
    ids = list(Service.objects.values_list("pk", flat=True)[: args.requests * 10])
    measure(
        "GET /oruk/services/{id}",
        anyone,
        [f"/oruk/services/{rng.choice(ids)}" for _ in range(args.requests)],
    )


if __name__ == "__main__":
    main()
