"""Figures for people who may not see the people behind them (commissioners, and managers
looking across teams): counts only, with small numbers hidden by ``suppression``."""

from dataclasses import dataclass
from datetime import date

from django.db.models import QuerySet

from alongside.accounts.models import Area
from alongside.networks.queries import network_changes_by_area

from .suppression import SUPPRESS_BELOW, shown_count


@dataclass(frozen=True)
class AreaNetworkChange:
    """How networks changed in one area over a period, for people reviewed at least twice.

    Figures are ``None`` when fewer than 5 people are behind them."""

    area: str
    people: int | None
    grew: int | None
    mean_size_change: float | None
    mean_unpaid_change: float | None


def network_change_by_area(
    *, areas: QuerySet[Area], start: date, end: date
) -> list[AreaNetworkChange]:
    """For each area: people whose network was reviewed twice or more between ``start`` and
    ``end``, how many networks grew, and the mean change in size and in unpaid relationships
    from their first to their last review in the period."""
    changes = network_changes_by_area(areas=areas, start=start, end=end)
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
                grew=shown_count(sum(1 for size, _ in found if size > 0)),
                mean_size_change=round(sum(s for s, _ in found) / len(found), 1),
                mean_unpaid_change=round(sum(u for _, u in found) / len(found), 1),
            )
        )
    return result
