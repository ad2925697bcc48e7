"""The impact dashboard at scale: how long its figures take for one area and for every area.

    python bench/impact.py                       # SQLite, a temporary file, 200,000 people
    DATABASE_URL=postgres://… python bench/impact.py --people 200000
    python bench/impact.py --people 20000        # quicker

Fills an empty database with ``bench/people_data.py`` (400 areas, 500 coordinators, the
people with their introductions, conversations and plan steps) and ``bench/outcomes_data.py``
(networks, measures, connections, contributions, crises and more), then times everything the
dashboard draws (every figure, networks and wellbeing, cost avoidance, social value:
``impact.report.report_of``) for a commissioner (small numbers hidden) over the last 12 months:
for one area, for one team (10 areas) and for every area. Prints p50 and p95 of
``--rounds`` runs each, and the queries one run makes. Targets (issue 13): one area within
200 ms, everything within 1 s on PostgreSQL.

On DATABASE_URL the data stays after a run: ``--reuse`` times it again without making it.
"""

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import p50_p95, set_up_django  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=200_000)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--reuse", action="store_true", help="time the data already there")
    args = parser.parse_args()

    set_up_django()
    import people_data
    from django.core.management import call_command
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from alongside.accounts.models import Area, Team
    from alongside.impact.figures import Scope
    from alongside.impact.report import report_of

    print(f"Database: {connection.vendor}")
    call_command("migrate", verbosity=0)
    if not args.reuse:
        from alongside.people.models import Person

        if Person.objects.exists():  # flushing would lose the unit costs and the WELLBY too
            sys.exit("The database has people in it: give an empty one, or --reuse it")
        started = time.perf_counter()
        counts = people_data.build(args.people, seed=args.seed, outcomes=True, log=print)
        print(f"Made in {time.perf_counter() - started:.0f} s:")
        for name, n in counts.items():
            print(f"  {name:<20} {n:>10,}")
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")

    end = timezone.localdate()
    start = end.replace(year=end.year - 1)
    team = Team.objects.order_by("name").first()
    choices = {
        "one area": Area.objects.filter(pk=Area.objects.order_by("name").first().pk),
        "one team (10 areas)": Area.objects.filter(team=team),
        "every area (400)": Area.objects.all(),
    }
    for label, areas in choices.items():
        every = label.startswith("every")  # as a commissioner's page asks, no area chosen
        scope = Scope(areas=areas, start=start, end=end, suppress=True, every_area=every)
        with CaptureQueriesContext(connection) as queries:
            report_of(scope)  # warm, and count the queries
        times = []
        for _ in range(args.rounds):
            began = time.perf_counter()
            report_of(scope)
            times.append((time.perf_counter() - began) * 1000)
        p50, p95 = p50_p95(times) if len(times) > 1 else (times[0], times[0])
        print(f"{label:<22} p50 {p50:7.0f} ms  p95 {p95:7.0f} ms  ({len(queries)} queries)")


if __name__ == "__main__":
    main()
