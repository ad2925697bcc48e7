"""Reading networks: a person's members and snapshots (scoped), and aggregate network change
per area and period, which carries no personal detail and hides small numbers."""

from dataclasses import dataclass
from datetime import date

from django.db.models import QuerySet
from django.http import Http404

from alongside.accounts.models import Area
from alongside.accounts.scoping import scoped
from alongside.people.models import Person
from alongside.people.queries import SUPPRESS_BELOW

from .metrics import figures
from .models import NetworkMember, NetworkSnapshot, ties_from_json
from .ties import Tie


def members(*, user, person: Person) -> QuerySet[NetworkMember]:
    return scoped(user, NetworkMember.objects.filter(person=person)).select_related("linked_person")


def ties(*, user, person: Person) -> list[Tie]:
    return [member.as_tie() for member in members(user=user, person=person)]


def snapshots(*, user, person: Person) -> QuerySet[NetworkSnapshot]:
    return scoped(user, NetworkSnapshot.objects.filter(person=person)).select_related("created_by")


def snapshot_get(*, user, person: Person, pk) -> NetworkSnapshot:
    snapshot = snapshots(user=user, person=person).filter(pk=pk).first()
    if snapshot is None:
        raise Http404("No such snapshot")
    return snapshot


@dataclass(frozen=True)
class AreaNetworkChange:
    """How networks changed in one area over a period, for people reviewed at least twice.

    Figures are ``None`` when fewer than 5 people are behind them."""

    area: str
    people: int | None
    grew: int | None
    mean_size_change: float | None
    mean_unpaid_change: float | None


def network_change_by_area(*, areas: QuerySet[Area], start: date, end: date):
    """For each area: people whose network was reviewed twice or more between ``start`` and
    ``end``, how many networks grew, and the mean change in size and in unpaid relationships
    from their first to their last review in the period."""
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
    result = []
    for area in areas.order_by("name"):
        found = changes.get(area.name, [])
        if len(found) < SUPPRESS_BELOW:
            result.append(AreaNetworkChange(area.name, None, None, None, None))
            continue
        result.append(
            AreaNetworkChange(
                area=area.name,
                people=len(found),
                grew=_at_least_five(sum(1 for size, _ in found if size > 0)),
                mean_size_change=round(sum(s for s, _ in found) / len(found), 1),
                mean_unpaid_change=round(sum(u for _, u in found) / len(found), 1),
            )
        )
    return result


def _at_least_five(n: int) -> int | None:
    return n if n == 0 or n >= SUPPRESS_BELOW else None
