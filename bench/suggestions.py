"""Suggestions: how often the first five are what a coordinator would pick, and how long
ranking takes over a national-sized directory.

    python bench/suggestions.py                   # SQLite, a temporary file
    DATABASE_URL=postgres://… python bench/suggestions.py
    python bench/suggestions.py --services 0      # the evaluation set only (quick)

1. Loads the hand-labelled evaluation set (``bench/suggestions_eval/eval_set.json``: people,
   community resources and chances to contribute, with the matches a coordinator would
   pick, written by hand) through the directory's own importer (HSDS JSON) and the
   connections services: each person with their gifts and interests, what matters to them,
   their vision and what suits them.
2. Precision at 5 for each person: of the first five suggestions, how many are among their
   good matches (resources nobody labelled count as misses), and the mean over the people;
   also how many of the first five are among the traps (their poor matches).
3. Adds ``--services`` made-up services (``directory_data.py``, 50,000 by default, packed
   within about 15 km of Leeds) and times ``suggest`` for every person, p50 and p95.
"""

import argparse
import importlib
import json
import re
import sys
import tempfile
import time
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import p50_p95, set_up_django  # noqa: E402

EVAL = Path(__file__).resolve().parent / "suggestions_eval" / "eval_set.json"
DAY = {
    "monday": "MO",
    "tuesday": "TU",
    "wednesday": "WE",
    "thursday": "TH",
    "friday": "FR",
    "saturday": "SA",
    "sunday": "SU",
}
OPENS = {"morning": "10:00", "afternoon": "14:00", "evening": "19:00"}


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def oruk_service(r: dict) -> dict:
    """An evaluation resource as ORUK 3.0 JSON, as a council's directory would publish it."""
    sid = f"eval-{r['id']}"
    schedules = [
        {
            "id": f"{sid}-schedule-{time_of_day}",
            "freq": "WEEKLY",
            "byday": ",".join(DAY[d] for d in r["days"]),
            "opens_at": f"{OPENS[time_of_day]}:00",
            "closes_at": f"{int(OPENS[time_of_day][:2]) + 2:02d}:00:00",
        }
        for time_of_day in (r["times"] or (["morning"] if r["days"] else []))
    ]
    amount = 0 if r["free"] else 3
    return {
        "id": sid,
        "name": r["name"],
        "description": r["description"],
        "status": "active" if r["active"] else "inactive",
        **({"minimum_age": r["min_age"]} if r["min_age"] is not None else {}),
        **({"maximum_age": r["max_age"]} if r["max_age"] is not None else {}),
        "organization": {"id": f"eval-org-{slug(r['organisation'])}", "name": r["organisation"]},
        "schedules": schedules,
        "cost_options": [
            {"id": f"{sid}-cost", "amount": amount, "currency": "GBP", "option": r["cost"]}
        ],
        "attributes": [
            {
                "id": f"{sid}-category-{n}",
                "taxonomy_term": {
                    "id": f"eval-term-{slug(name)}",
                    "name": name,
                    "taxonomy_id": "eval-categories",
                },
            }
            for n, name in enumerate(r["categories"])
        ],
        "service_at_locations": [
            {
                "id": f"{sid}-here",
                "location": {
                    "id": f"{sid}-place",
                    "location_type": "physical",
                    "name": r["name"],
                    "latitude": r["latitude"],
                    "longitude": r["longitude"],
                    "addresses": [
                        {
                            "id": f"{sid}-address",
                            "address_1": "1 High Street",
                            "city": "Leeds",
                            "postal_code": r["postcode"],
                            "country": "GB",
                            "address_type": "physical",
                        }
                    ],
                },
            }
        ],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--services", type=int, default=50000)
    parser.add_argument("--rounds", type=int, default=3, help="timings of each person")
    parser.add_argument("--profile", action="store_true", help="where one ranking's time goes")
    args = parser.parse_args()

    set_up_django()
    import directory_data
    from django.core.management import call_command
    from django.db import connection

    from alongside.accounts.models import Area, Role, Team, User
    from alongside.connections import services as connections
    from alongside.connections import services_records as connection_records
    from alongside.connections.suggestions import suggest
    from alongside.directory.importing import directory_import
    from alongside.directory.importing.writer import oruk_taxonomy_save
    from alongside.directory.models import Postcode, Service
    from alongside.directory.models.imports import ImportKind
    from alongside.people import services as people
    from alongside.people.models import GiftTerm, Person

    data = json.loads(EVAL.read_text())
    print(f"Database: {connection.vendor}")
    call_command("migrate", verbosity=0)
    call_command("flush", interactive=False, verbosity=0)
    from django.apps import apps

    importlib.import_module("alongside.people.migrations.0002_gift_vocabulary").add_terms(
        apps, None
    )  # flushed with the rest: the gift vocabulary again

    folder = Path(tempfile.mkdtemp())

    def import_file(name: str, services: list[dict]) -> None:
        file = folder / f"{name}.json"
        file.write_text(json.dumps(services))
        report = directory_import(source=name, kind=ImportKind.HSDS_JSON, file=file)
        assert not report.rejected, report.rejected[:3]

    if args.services:
        started = time.perf_counter()
        oruk_taxonomy_save(directory_data.taxonomy(), source="bench")
        import_file("bench", directory_data.services(args.services, prefix="b", seed=3))
        print(
            f"{args.services:,} made-up services imported in {time.perf_counter() - started:.0f} s"
        )
    oruk_taxonomy_save(
        {
            "id": "eval-categories",
            "name": "Evaluation categories",
            "taxonomy_terms": [
                {"id": f"eval-term-{slug(n)}", "name": n}
                for n in sorted({c for r in data["resources"] for c in r["categories"]})
            ],
        },
        source="eval",
    )
    import_file("eval", [oruk_service(r) for r in data["resources"] if r["kind"] == "service"])

    team = Team.objects.create(name="Evaluation")
    area = Area.objects.create(name="Leeds", team=team, postcode_districts="LS")
    user = User.objects.create_user(
        "eval@example.org", password="x", full_name="Eval Coordinator", role=Role.COORDINATOR
    )
    user.areas.add(area)
    terms = {t.name: t for t in GiftTerm.objects.all()}
    postcodes = {r["postcode"]: (r["latitude"], r["longitude"]) for r in data["resources"]}
    postcodes |= {p["postcode"]: (p["latitude"], p["longitude"]) for p in data["people"]}
    Postcode.objects.bulk_create(
        [
            Postcode(postcode=code, latitude=lat, longitude=lon)
            for code, (lat, lon) in postcodes.items()
        ],
        ignore_conflicts=True,
    )
    ids: dict[str, str] = {}  # our id -> the evaluation set's
    for r in data["resources"]:
        if r["kind"] != "service":
            o = connections.opportunity_save(
                user=user,
                opportunity=None,
                values={
                    "area": area,
                    "title": r["name"],
                    "kind": r["opportunity_kind"],
                    "description": r["description"],
                    "where": r["organisation"],
                    "postcode": r["postcode"],
                    "days": ",".join(DAY[d] for d in r["days"]),
                    "times": ",".join(r["times"]),
                    "active": r["active"],
                },
                gifts_needed=[terms[g] for g in r["gifts_needed"]],
            )
            ids[f"o{o.pk}"] = r["id"]
    for service_id, source_id in Service.objects.filter(source="eval").values_list(
        "pk", "source_id"
    ):
        ids[f"s{service_id}"] = source_id.removeprefix("eval-")

    today = date.today()
    people_made = []
    for p in data["people"]:
        born = today - timedelta(days=int(p["age"] * 365.25) + 100)
        intro = people.introduction_record(
            user=user,
            person_data={
                "full_name": p["name"],
                "area": area,
                "postcode": p["postcode"],
                "date_of_birth": born,
            },
            introduction_data={"introducer_kind": "self", "agreement": "agrees"},
        )
        person = intro.person
        Person.objects.filter(pk=person.pk).update(
            what_matters=p["what_matters"], vision=p["vision"]
        )
        person.refresh_from_db()
        for name in dict.fromkeys(p["gifts"] + p["interests"]):
            people.gift_add(user=user, person=person, term=terms[name], kind=terms[name].kind)
        connection_records.what_suits_save(
            user=user,
            person=person,
            days=",".join(DAY[d] for d in p["available_days"]),
            times=",".join(p["available_times"]),
            free_only=p["free_only"],
            travel_km=Decimal(str(round(p["travel_km"], 1))),
        )
        people_made.append((p, person))

    def key(s) -> str:
        return ids.get(f"s{s.service_id}" if s.service_id else f"o{s.opportunity.pk}", "?")

    print("\nPrecision at 5 on the evaluation set (a suggestion nobody labelled is a miss)")
    precisions, traps, empty = [], 0, 0
    for p, person in people_made:
        top = [key(s) for s in suggest(user=user, person=person, today=today, limit=5)]
        good = set(p["good_matches"])
        hits = sum(1 for r in top if r in good)
        traps += sum(1 for r in top if r in set(p["poor_matches"]))
        precisions.append(hits / 5)
        empty += not top
        print(f"  {p['id']} {p['name']:<22} {hits}/5  {' '.join(top)}")
    mean = sum(precisions) / len(precisions)
    print(
        f"Mean precision at 5: {mean:.2f} over {len(precisions)} people "
        f"(target 0.8); traps among the first five: {traps}; nobody suggested for: {empty}"
    )

    if args.profile:
        import cProfile
        import pstats

        from django.db import reset_queries
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as queries:
            profiler = cProfile.Profile()
            for _, someone in people_made:
                profiler.runcall(suggest, user=user, person=someone, today=today)
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(25)
        print(f"{len(queries)} queries")
        reset_queries()

    times = []
    for _ in range(args.rounds):
        for _, person in people_made:
            started = time.perf_counter()
            suggest(user=user, person=person, today=today)
            times.append((time.perf_counter() - started) * 1000)
    p50, p95 = p50_p95(times)
    total = Service.objects.count()
    print(f"\nRanking for one person over {total:,} services: p50 {p50:.0f} ms, p95 {p95:.0f} ms")


if __name__ == "__main__":
    main()
