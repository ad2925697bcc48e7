"""Response times and query counts of the pages a coordinator uses most.

Usage: python bench/pages.py [--people N] [--requests R]

Uses DATABASE_URL when set (it must name a database it may empty), otherwise a temporary
SQLite file. Prints one row per page: queries, p50 and p95 in milliseconds.
"""

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from common import QueryLog, p50_p95, set_up_django  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=2000)
    parser.add_argument("--requests", type=int, default=40, help="requests per page")
    args = parser.parse_args()

    set_up_django()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.urls import reverse

    from alongside.accounts.models import Role, User
    from alongside.accounts.scoping import scoped
    from alongside.people.models import Level, Person, Status

    print(f"Database: {connection.vendor}; building demo data for {args.people} people…")
    call_command("flush", interactive=False, verbosity=0)
    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    call_command("demo", people=args.people, verbosity=0)
    print(f"demo --people {args.people}: {time.perf_counter() - started:.1f} s")

    coordinator = User.objects.filter(role=Role.COORDINATOR).order_by("id").first()
    manager = User.objects.filter(role=Role.MANAGER).first()
    person = (
        scoped(
            coordinator, Person.objects.filter(status=Status.ACTIVE, level=Level.WALKING_ALONGSIDE)
        )
        .order_by("-id")
        .first()
    )
    print(
        f"Coordinator {coordinator} sees {scoped(coordinator, Person.objects.all()).count()} "
        f"people; the manager sees {scoped(manager, Person.objects.all()).count()}.\n"
    )
    pages = [
        ("inbox", reverse("introductions:inbox")),
        ("people list", reverse("people:list")),
        ("people search", reverse("people:list") + "?q=an&status=active"),
        ("person summary", reverse("people:summary", args=[person.pk])),
        ("conversations", reverse("people:timeline", args=[person.pk])),
        ("good life", reverse("people:vision", args=[person.pk])),
        ("gifts", reverse("people:gifts", args=[person.pk])),
        ("plan", reverse("people:plan", args=[person.pk])),
        ("voice", reverse("people:voice", args=[person.pk])),
    ]
    print(f"{'page':<28}{'queries':>8}{'p50 ms':>9}{'p95 ms':>9}")
    for who, user, extra in [
        ("coordinator", coordinator, []),
        (
            "manager",
            manager,
            [
                ("team", reverse("people:team")),
                ("audit trail", reverse("audit:person", args=[person.pk])),
                ("team audit trail", reverse("audit:trail")),
                ("figures", reverse("impact:figures")),
            ],
        ),
    ]:
        client = Client()
        client.force_login(user)
        for name, url in pages + extra:
            client.get(url)  # warm up
            queries = QueryLog()
            with connection.execute_wrapper(queries):
                response = client.get(url)
            assert response.status_code == 200, (url, response.status_code)
            times = []
            for _ in range(args.requests):
                t = time.perf_counter()
                client.get(url)
                times.append((time.perf_counter() - t) * 1000)
            p50, p95 = p50_p95(times)
            label = f"{name} ({who})"
            print(f"{label:<28}{len(queries):>8}{p50:>9.1f}{p95:>9.1f}")


if __name__ == "__main__":
    main()
