"""My day: what today needs, on the page a coordinator lands on after signing in.

The page is a list of sections, named in ``settings.ALONGSIDE_MY_DAY`` (the people app's own,
and those of apps above it, such as the reviews due from outcomes): each is a function
``(user, today) -> Section``. A manager's day is the same sections across their team. Each
section takes a fixed number of queries, whatever the data.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from django.conf import settings
from django.db.models import Max, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.module_loading import import_string

from alongside.accounts.models import User
from alongside.accounts.scoping import scoped
from alongside.audit.models import Action, AuditEntry, RecordType

from . import queries
from .models import Introduction, Person, PlanStep, Status, StepStatus

SHOWN = 8  # items each section shows; "see all" for the rest


@dataclass
class Section:
    """One part of My day: what it is, the first few items, how many there are in all."""

    key: str
    title: str
    template: str
    items: list[Any]
    total: int
    empty: str
    more_url: str = ""
    # What the section showed that the audit trail keeps: (record type, person, record, fields)
    shown: list[tuple[RecordType, int, int, list[str]]] = field(default_factory=list)


SectionFunction = Callable[[User, date], Section]


@dataclass(frozen=True)
class Waiting:
    introduction: Introduction
    days: int
    too_long: bool


@dataclass(frozen=True)
class StepDue:
    step: PlanStep
    overdue: bool


@dataclass(frozen=True)
class Change:
    entry: AuditEntry
    person_name: str


def sections(*, user: User, today: date) -> list[Section]:
    """Every section of My day for ``user``, in the order settings name them."""
    return [import_string(path)(user, today) for path in settings.ALONGSIDE_MY_DAY]


def _mine(user: User) -> Q:
    """A coordinator's own people; a manager's whole team (the scoping function decides)."""
    return Q(coordinator=user) if user.is_coordinator else Q()


def introductions(user: User, today: date) -> Section:
    """New introductions in the user's areas, urgent first, then longest waiting."""
    waiting = queries.inbox(user=user)
    first = list(waiting[:SHOWN])
    items = [
        Waiting(
            introduction=intro,
            days=queries.waiting_days(intro),
            too_long=queries.waiting_too_long(intro, today),
        )
        for intro in first
    ]
    return Section(
        key="introductions",
        title="New introductions",
        template="people/my_day/_introductions.html",
        items=items,
        total=waiting.count(),
        empty="No introductions are waiting in your areas.",
        more_url=reverse("introductions:inbox"),
    )


def steps_due(user: User, today: date) -> Section:
    """Plan steps of the user's people due in the coming week, or overdue, soonest first."""
    mine = scoped(user, Person.objects.filter(status=Status.ACTIVE).filter(_mine(user)))
    steps = (
        scoped(
            user,
            PlanStep.objects.filter(
                status=StepStatus.OPEN,
                by_when__lte=today + timedelta(days=7),
                person__in=mine.values("pk"),
            ),
        )
        .select_related("person")
        .order_by("by_when", "id")
    )
    first = list(steps[:SHOWN])
    items = [
        StepDue(step=step, overdue=bool(step.by_when and step.by_when < today)) for step in first
    ]
    return Section(
        key="steps",
        title="Plan steps due",
        template="people/my_day/_steps.html",
        items=items,
        total=steps.count(),
        empty="No plan steps are due this week.",
        shown=[(RecordType.PLAN_STEP, s.person_id, s.pk, ["what"]) for s in first],
    )


def not_in_touch(user: User, today: date) -> Section:
    """People the user supports with no conversation for ``ALONGSIDE_OUT_OF_TOUCH_WEEKS``
    weeks (or none), longest first."""
    cutoff = today - timedelta(weeks=settings.ALONGSIDE_OUT_OF_TOUCH_WEEKS)
    people = (
        scoped(user, Person.objects.filter(status=Status.ACTIVE).filter(_mine(user)))
        .annotate(
            last_talked=Max("conversations__on", filter=Q(conversations__deleted_at__isnull=True))
        )
        .filter(Q(last_talked__lt=cutoff) | Q(last_talked__isnull=True))
        .select_related("coordinator")
        .order_by("last_talked", "full_name", "id")
    )
    items = list(people[:SHOWN])
    return Section(
        key="not_in_touch",
        title=f"Not in touch for {settings.ALONGSIDE_OUT_OF_TOUCH_WEEKS} weeks",
        template="people/my_day/_not_in_touch.html",
        items=items,
        total=people.count(),
        empty="You have been in touch with everyone you support lately.",
    )


def changes(user: User, today: date) -> Section:
    """What colleagues added or changed in the records of the user's people since the user
    last opened My day (or in the last week)."""
    since = user.my_day_seen_at or timezone.make_aware(
        datetime.combine(today - timedelta(days=7), datetime.min.time())
    )
    mine = scoped(user, Person.objects.filter(_mine(user)))
    entries = (
        AuditEntry.objects.filter(
            person_id__in=mine.values("pk"),
            at__gt=since,
            action__in=[Action.CREATED, Action.CHANGED, Action.DELETED],
        )
        .exclude(user=user)
        .order_by("-at", "-id")
    )
    first = list(entries[:SHOWN])
    names = dict(mine.filter(pk__in=[e.person_id for e in first]).values_list("pk", "full_name"))
    items = [Change(entry=e, person_name=names.get(e.person_id, "")) for e in first]
    return Section(
        key="changes",
        title="Changed since you last looked",
        template="people/my_day/_changes.html",
        items=items,
        total=entries.count(),
        empty="Nobody else has changed the records of your people since you last looked.",
    )
