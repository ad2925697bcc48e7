"""Reading networks: a person's members and snapshots (scoped), and the network change of
each area over a period (numbers only, for ``impact`` to show with small numbers hidden)."""

from datetime import date

from django.db.models import QuerySet

from alongside.accounts.models import Area, User
from alongside.accounts.scoping import scoped
from alongside.people.models import Person

from .metrics import figures
from .models import NetworkMember, NetworkSnapshot, ties_from_json
from .ties import Tie


def members(*, user: User, person: Person) -> QuerySet[NetworkMember]:
    return scoped(user, NetworkMember.objects.filter(person=person)).select_related("linked_person")


def ties(*, user: User, person: Person) -> list[Tie]:
    return [member.as_tie() for member in members(user=user, person=person)]


def snapshots(*, user: User, person: Person) -> QuerySet[NetworkSnapshot]:
    return scoped(user, NetworkSnapshot.objects.filter(person=person)).select_related("created_by")


def network_changes_by_area(
    *, areas: QuerySet[Area], start: date, end: date
) -> dict[str, list[tuple[int, int]]]:
    """For each area's name: for every person whose network was reviewed twice or more
    between ``start`` and ``end``, the change in size and in unpaid relationships from their
    first to their last review in the period. Raw numbers: ``impact`` hides the small ones."""
    rows = (
        NetworkSnapshot.objects.live()
        .filter(
            person__area__in=areas,
            person__deleted_at__isnull=True,
            taken_on__gte=start,
            taken_on__lte=end,
        )
        .order_by("person_id", "taken_on", "id")
        .values_list("person__area__name", "person_id", "ties")
    )
    by_person: dict[int, tuple[str, list]] = {}
    for area_name, person_id, snapshot_ties in rows:
        by_person.setdefault(person_id, (area_name, []))[1].append(snapshot_ties)
    changes: dict[str, list[tuple[int, int]]] = {}
    for area_name, reviews in by_person.values():
        if len(reviews) < 2:
            continue
        before, after = figures(ties_from_json(reviews[0])), figures(ties_from_json(reviews[-1]))
        changes.setdefault(area_name, []).append(
            (after.size - before.size, after.unpaid - before.unpaid)
        )
    return changes
