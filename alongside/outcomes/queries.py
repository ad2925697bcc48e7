"""Reading outcomes: a person's measures over time (scoped), who is due a review measure, and
stories and crises avoided for reports (withdrawn consent never leaves this module)."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from dateutil.relativedelta import relativedelta
from django.db.models import Max, Q, QuerySet
from django.utils import timezone

from alongside.accounts.models import Area, User
from alongside.accounts.scoping import scoped
from alongside.people.models import Person, Status

from .measures import MEASURES
from .models import (
    USE_LEVEL,
    CrisisAvoided,
    CrisisEvent,
    MeasureResponse,
    OrganisationSettings,
    OutcomeRating,
    Story,
)


def measure_responses(*, user: User, person: Person) -> QuerySet[MeasureResponse]:
    return scoped(user, MeasureResponse.objects.filter(person=person)).select_related("created_by")


@dataclass(frozen=True)
class Series:
    """One line of a person's chart: the values of one score over time."""

    measure: str
    label: str
    points: list[tuple[date, float]]


def series(responses: Iterable[MeasureResponse]) -> list[Series]:
    """Group complete responses into one series per measure and score, oldest first."""
    lines: dict[tuple[str, str], list[tuple[date, float]]] = {}
    for response in sorted(responses, key=lambda r: (r.taken_on, r.pk)):
        for s in response.scores:
            if s["value"] is not None:
                lines.setdefault((response.measure, s["label"]), []).append(
                    (response.taken_on, float(s["value"]))
                )
    return [
        Series(measure=code, label=label, points=points)
        for (code, label), points in lines.items()
        if code in MEASURES
    ]


def ratings(*, user: User, person: Person) -> QuerySet[OutcomeRating]:
    return scoped(user, OutcomeRating.objects.filter(person=person)).select_related("domain")


def crisis_events(*, user: User, person: Person) -> QuerySet[CrisisEvent]:
    return scoped(user, CrisisEvent.objects.filter(person=person)).select_related("event_type")


def crises_avoided(*, user: User, person: Person) -> QuerySet[CrisisAvoided]:
    return scoped(user, CrisisAvoided.objects.filter(person=person)).select_related("likely_event")


def stories(*, user: User, person: Person) -> QuerySet[Story]:
    return scoped(user, Story.objects.filter(person=person)).prefetch_related("domains")


def due(
    *, user: User, today: date | None = None, coordinator: User | None = None
) -> list[dict[str, Any]]:
    """People being supported (by ``coordinator``, if given) whose next wellbeing measure is
    due: never measured (a baseline), or last measured longer ago than the review interval.
    Most overdue first."""
    today = today or timezone.localdate()
    interval = relativedelta(months=OrganisationSettings.current().review_interval_months)
    people = scoped(user, Person.objects.filter(status=Status.ACTIVE))
    if coordinator is not None:
        people = people.filter(coordinator=coordinator)
    people = (
        people.annotate(
            last_measured=Max("measures__taken_on", filter=Q(measures__deleted_at__isnull=True))
        )
        # the database drops those measured lately; the month arithmetic is exact below
        .filter(
            Q(last_measured__isnull=True)
            | Q(last_measured__lte=today - interval + timedelta(days=3))
        )
        .select_related("area", "coordinator")
    )
    rows = []
    for person in people:
        if person.last_measured is None:
            rows.append({"person": person, "due_on": None, "baseline": True})
        elif person.last_measured + interval <= today:
            rows.append(
                {"person": person, "due_on": person.last_measured + interval, "baseline": False}
            )
    rows.sort(key=lambda r: (r["due_on"] is not None, r["due_on"] or today, r["person"].pk))
    return rows


def stories_for(*, user: User, use: str, areas: QuerySet[Area] | None = None) -> QuerySet[Story]:
    """Stories of people ``user`` works with (in ``areas``, if given) whose consent covers
    ``use`` (internal, council, public) and was not withdrawn."""
    allowed = [u for u, level in USE_LEVEL.items() if level >= USE_LEVEL[use]]
    stories = scoped(
        user, Story.objects.filter(consent_withdrawn_on__isnull=True, consent_use__in=allowed)
    )
    return stories if areas is None else stories.filter(person__area__in=areas)
