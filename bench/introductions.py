"""Duplicate matching, the people search and My day at national scale.

Usage: python bench/introductions.py [--people 200000] [--requests 50] [--budget 60]
                                     [--analyze] [--explain [--slow 10]] [--keep] [--seed 1]

Uses DATABASE_URL when set (it must name a database it may empty), otherwise a temporary
SQLite file. Makes 40 teams, 400 areas, 500 coordinators, 40 managers and ``--people`` people
with their introductions, conversations and plan steps (``bench/people_data.py``, in bulk),
then prints p50 and p95 in milliseconds over ``--requests`` repetitions (fewer when they take
longer than ``--budget`` seconds), and the SQL queries each runs, of:

* ``possible_duplicates`` and ``matches_elsewhere`` (as the introduction form calls them) for
  a coordinator, with someone's name and date of birth, name and postcode, phone, email, all
  of those, and a name nobody has: half of the people looked for are in the coordinator's
  area, half elsewhere;
* ``people_search`` as the people list runs it (how many, and the first 25) for a phone
  number without spaces, a postcode without its space and a surname typed without accents;
* ``GET`` My day for a coordinator and for a manager, and the team page for the manager.

PostgreSQL's statistics are brought up to date (ANALYZE) after the data is made, as its
autovacuum would soon do; SQLite's are not, as the app never asks for them on these tables,
unless ``--analyze``. With ``--explain``, the plan of the slowest SELECT of each line (slower
than ``--slow`` ms) is printed at the end: EXPLAIN QUERY PLAN on SQLite, EXPLAIN (ANALYZE,
BUFFERS) on PostgreSQL. The temporary SQLite file is removed at the end, unless ``--keep``.
"""

import argparse
import os
import random
import shutil
import sys
import time
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from common import p50_p95, set_up_django  # noqa: E402

NOBODY_FIRST = ["Quillon", "Ysolde", "Barnaby-Jo", "Thaddeus", "Marigold", "Oswin"]
NOBODY_LAST = ["Zanzibar", "Quartermaine", "Fiddlewick", "Underhay", "Brackenfold"]


class TimedLog(list):
    """Every statement a call runs, with its parameters and milliseconds."""

    def __call__(self, execute, sql, params, many, context):
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.append((sql, params, (time.perf_counter() - started) * 1000))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=200000)
    parser.add_argument("--requests", type=int, default=50, help="repetitions of each line")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--analyze", action="store_true", help="ANALYZE on SQLite too")
    parser.add_argument("--explain", action="store_true", help="plans of the slow statements")
    parser.add_argument("--slow", type=float, default=10.0, help="ms, for --explain")
    parser.add_argument(
        "--budget", type=float, default=60.0, help="seconds at most for the timed calls of a line"
    )
    parser.add_argument("--keep", action="store_true", help="keep the temporary SQLite file")
    args = parser.parse_args()
    if args.requests < 5:
        parser.error("--requests must be at least 5")

    temporary = not os.environ.get("DATABASE_URL")
    set_up_django()
    import people_data
    from django.conf import settings
    from django.core.management import call_command
    from django.core.paginator import Paginator
    from django.db import connection
    from django.test import Client
    from django.urls import reverse
    from django.utils import timezone

    from alongside.accounts.models import User
    from alongside.accounts.scoping import scoped
    from alongside.people import queries
    from alongside.people.matching import phone_key, plain
    from alongside.people.models import Person, Status

    rng = random.Random(args.seed)
    print(f"Database: {connection.vendor}")
    call_command("migrate", verbosity=0)
    call_command("flush", interactive=False, verbosity=0)

    print(f"Making {args.people:,} people (bench/people_data.py)…")
    started = time.perf_counter()
    counts = people_data.build(args.people, seed=args.seed)
    made = time.perf_counter() - started
    statistics_note = "no statistics (ANALYZE not run)"
    if connection.vendor == "postgresql" or args.analyze:
        t = time.perf_counter()
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        statistics_note = f"ANALYZE {time.perf_counter() - t:.1f} s"
    print(f"Made in {made:.1f} s; {statistics_note}")
    print("  " + ", ".join(f"{n:,} {name}" for name, n in counts.items()))
    database_file = settings.DATABASES["default"]["NAME"]
    if connection.vendor == "sqlite" and os.path.exists(database_file):
        print(f"  SQLite file {os.path.getsize(database_file) / 2**20:,.0f} MB")

    coordinator = User.objects.get(email="coordinator1@bench.example")  # alone in their area
    manager = User.objects.get(email="manager0@bench.example")
    today = timezone.localdate()
    mine = scoped(coordinator, Person.objects.all())
    print(
        f"\nCoordinator {coordinator} works in {coordinator.areas.get()} and sees "
        f"{mine.count():,} people, supporting {mine.filter(status=Status.ACTIVE).count():,}; "
        f"manager {manager} sees {scoped(manager, Person.objects.all()).count():,}."
    )

    slowest: list[tuple[str, str, list, float]] = []

    def measure(label: str, call, inputs: list) -> None:
        """Run ``call`` on the inputs twice: logging its SQL (which warms up too), then timed;
        each pass stops early, after at least 1 and 5 calls, once over ``--budget``."""
        queries_each, found, slow = [], 0, None
        started = time.perf_counter()
        for value in inputs:
            log = TimedLog()
            with connection.execute_wrapper(log):
                found += call(value)
            queries_each.append(len(log))
            for sql, params, ms in log:  # the slowest read, to explain (never a write)
                if sql.lstrip().upper().startswith("SELECT") and (slow is None or ms > slow[3]):
                    slow = (label, sql, params, ms)
            if time.perf_counter() - started > args.budget / 3:
                break
        times = []
        started = time.perf_counter()
        for value in inputs:
            t = time.perf_counter()
            call(value)
            times.append((time.perf_counter() - t) * 1000)
            if len(times) >= 5 and time.perf_counter() - started > args.budget:
                break
        p50, p95 = p50_p95(times)
        low, high = min(queries_each), max(queries_each)
        count = f"{low}" if low == high else f"{low}-{high}"
        print(
            f"{label:<56}{count:>8}{p50:>9.1f}{p95:>9.1f}{found / len(queries_each):>8.1f}"
            f"{len(times):>6}"
        )
        if slow:
            slowest.append(slow)

    # Whom a coordinator looks for: half in their own area, half elsewhere -------------
    n = args.requests
    fields = ["full_name", "date_of_birth", "phone", "email", "postcode", "area_id"]
    own = list(mine.exclude(date_of_birth=None).exclude(phone="").exclude(email="").values(*fields))
    ids = Person.objects.values_list("pk", flat=True)
    first_id, last_id = ids.order_by("pk").first(), ids.order_by("-pk").first()
    elsewhere = list(
        Person.objects.exclude(area__in=coordinator.areas.all())
        .exclude(date_of_birth=None)
        .exclude(phone="")
        .exclude(email="")
        .filter(pk__in=[rng.randint(first_id, last_id) for _ in range(20 * n)])
        .values(*fields)
    )
    sought = [rng.choice(own if i % 2 == 0 else elsewhere) for i in range(n)]

    def typed(name: str) -> str:
        """The name as someone else might type it."""
        roll = rng.random()
        if roll < 0.3:
            return plain(name).title()  # no accents
        if roll < 0.5:
            return f"Mrs {name}" if rng.random() < 0.5 else f"Mr {name}"
        if roll < 0.6:
            return name.lower()
        return name

    def phone_typed(phone: str) -> str:
        digits = "".join(c for c in phone if c.isdigit())
        national = digits[2:] if digits.startswith("44") else digits[1:]
        return rng.choice([f"+44 {national}", f"0{national}", f"0{national[:4]} {national[4:]}"])

    def details(**given) -> dict:
        return {
            "full_name": "",
            "date_of_birth": None,
            "phone": "",
            "email": "",
            "postcode": "",
        } | given

    cases = {
        "name + date of birth": [
            details(full_name=typed(p["full_name"]), date_of_birth=p["date_of_birth"])
            for p in sought
        ],
        "name + postcode": [
            details(
                full_name=typed(p["full_name"]), postcode=p["postcode"].replace(" ", "").lower()
            )
            for p in sought
        ],
        "phone only": [details(phone=phone_typed(p["phone"])) for p in sought],
        "email only": [details(email=p["email"].upper()) for p in sought],
        "name, birth, phone, email, postcode": [
            details(
                full_name=typed(p["full_name"]),
                date_of_birth=p["date_of_birth"],
                phone=phone_typed(p["phone"]),
                email=p["email"],
                postcode=p["postcode"],
            )
            for p in sought
        ],
        "a name nobody has, birth, postcode": [
            details(
                full_name=f"{rng.choice(NOBODY_FIRST)} {rng.choice(NOBODY_LAST)}",
                date_of_birth=today - timedelta(days=rng.randint(20 * 365, 90 * 365)),
                postcode=f"LS{rng.randint(1, 28)} {rng.randint(0, 9)}ZZ",
            )
            for _ in range(n)
        ],
    }
    header = f"{'':<56}{'queries':>8}{'p50 ms':>9}{'p95 ms':>9}{'found':>8}{'runs':>6}"
    print(
        f"\nDuplicate matching as a coordinator ({n} inputs of each kind; found: people, or areas"
        "\nelsewhere, on average; runs: timed calls)"
    )
    print(header)
    for name, inputs in cases.items():
        measure(
            f"possible_duplicates: {name}",
            lambda d: len(list(queries.possible_duplicates(user=coordinator, **d))),
            inputs,
        )
        measure(
            f"matches_elsewhere: {name}",
            lambda d: len(queries.matches_elsewhere(user=coordinator, **d)),
            inputs,
        )

    # The people search, as the people list runs it -----------------------------------
    def accent_free_surnames(people: list[dict]) -> list[str]:
        accented = [
            plain(p["full_name"].split()[-1])
            for p in people
            if plain(p["full_name"].split()[-1]) != p["full_name"].split()[-1].lower()
        ]
        return accented or [plain(p["full_name"].split()[-1]) for p in people]

    team = list(scoped(manager, Person.objects.exclude(phone="")).order_by("?").values(*fields))
    searches = {
        "phone without spaces": lambda people: [phone_key(p["phone"]) for p in people],
        "compact postcode": lambda people: [p["postcode"].replace(" ", "").lower() for p in people],
        "surname without accents": accent_free_surnames,
    }

    def people_list(user):
        def search(text: str) -> int:
            qs = queries.people_search(user=user, text=text)
            page = Paginator(qs, settings.ALONGSIDE_PAGE_SIZE).get_page(1)
            list(page.object_list)
            return page.paginator.count

        return search

    print("\nPeople search as the people list runs it (found: average matches)")
    print(header)
    for who, user, people in [("coordinator", coordinator, own), ("manager", manager, team)]:
        for name, make in searches.items():
            words = make(people)
            measure(f"{name} ({who})", people_list(user), [rng.choice(words) for _ in range(n)])

    # Pages ------------------------------------------------------------------------------
    print("\nPages (GET through the test client; found: kB of HTML)")
    print(header)
    for label, user, url in [
        ("My day (coordinator)", coordinator, reverse("people:my_day")),
        ("My day (manager)", manager, reverse("people:my_day")),
        ("team (manager)", manager, reverse("people:team")),
    ]:
        client = Client()
        client.force_login(user)

        def get(_, client=client, url=url, user=user) -> int:
            # As on the first visit of the day: "changed since you last looked" covers a day.
            User.objects.filter(pk=user.pk).update(
                my_day_seen_at=timezone.now() - timedelta(days=1)
            )
            response = client.get(url)
            assert response.status_code == 200, (url, response.status_code)
            return len(response.content) // 1000

        measure(label, get, [None] * n)

    if args.explain:
        print(f"\nPlans of the slowest statement of each line (over {args.slow:g} ms)")
        for label, sql, params, ms in slowest:
            if ms < args.slow:
                continue
            values = [getattr(p, "value", p) for p in params or ()]
            print(f"\n== {label}: {ms:.1f} ms\n{sql}\n-- parameters: {values}")
            print(explain(connection, sql, params))
    connection.close()
    if temporary and connection.vendor == "sqlite":
        if args.keep:
            print(f"\nThe database is kept in {database_file}")
        else:
            shutil.rmtree(Path(database_file).parent, ignore_errors=True)


def explain(connection, sql: str, params) -> str:
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("EXPLAIN QUERY PLAN " + sql, params)
            rows = cursor.fetchall()
            depth: dict[int, int] = {0: 0}
            lines = []
            for node, parent, _, detail in rows:
                depth[node] = depth.get(parent, 0) + 1
                lines.append("  " * depth[node] + detail)
            return "\n".join(lines)
        cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql, params)
        return "\n".join(row[0] for row in cursor.fetchall())


if __name__ == "__main__":
    main()
