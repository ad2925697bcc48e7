"""Every read of connections and contributions, through the scoping function."""

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.db.models import Count, Prefetch, Q, QuerySet

from alongside.accounts.models import Area, User
from alongside.accounts.scoping import areas_for, scoped
from alongside.directory import describe, postcodes
from alongside.directory import queries as directory_queries
from alongside.directory.models import Service
from alongside.people.models import Person, Status

from .models import (
    Connection,
    ConnectionKind,
    ConnectionStage,
    Contribution,
    FollowUp,
    FormalService,
    Gap,
    Opportunity,
    ShortlistItem,
    Stage,
    Theme,
    WhatSuits,
)
from .services import opportunities_visible


def person_connections(*, user: User, person: Person) -> list[Connection]:
    """The person's connections, open ones first, each with its history and follow-ups."""
    rows = (
        scoped(user, Connection.objects.filter(person=person))
        .select_related("service", "opportunity", "other_person")
        .prefetch_related(
            Prefetch("stages", queryset=ConnectionStage.objects.select_related("created_by")),
            "follow_ups",
        )
    )
    return sorted(rows, key=lambda c: (c.stage == Stage.ENDED, -c.stage_on.toordinal(), -c.pk))


def connected_with(*, user: User, person: Person) -> QuerySet[Connection]:
    """Connections of other people (that the user works with) with this person."""
    return scoped(user, Connection.objects.filter(other_person=person)).select_related("person")


def contributions(*, user: User, person: Person) -> QuerySet[Contribution]:
    return scoped(user, Contribution.objects.filter(person=person)).select_related("opportunity")


def formal_services(*, user: User, person: Person) -> QuerySet[FormalService]:
    return scoped(user, FormalService.objects.filter(person=person))


def gaps(*, user: User, person: Person) -> QuerySet[Gap]:
    return scoped(user, Gap.objects.filter(person=person))


def follow_ups_due(
    *, user: User, today: date, coordinator: User | None = None
) -> QuerySet[FollowUp]:
    """Follow-ups due by ``today`` and not yet answered, of connections still open, for the
    people the user works with (those ``coordinator`` supports, if given) and still
    supports (not stepped back); oldest first."""
    connections = scoped(
        user,
        Connection.objects.exclude(stage=Stage.ENDED).exclude(
            person__status__in=[Status.STEPPED_BACK, Status.NOT_NOW]
        ),
    )
    if coordinator is not None:
        connections = connections.filter(person__coordinator=coordinator)
    return (
        FollowUp.objects.filter(
            connection__in=connections.values("pk"), done_on__isnull=True, due_on__lte=today
        )
        .select_related("connection__person")
        .order_by("due_on", "id")
    )


def connections_no_longer_listed(
    *, user: User, coordinator: User | None = None
) -> QuerySet[Connection]:
    """Open connections with a directory resource that is no longer listed (withdrawn by an
    import or by the team, or gone), for the people the user works with (those
    ``coordinator`` supports, if given): someone should tell the person and find another."""
    connections = scoped(
        user,
        Connection.objects.filter(kind=ConnectionKind.RESOURCE)
        .exclude(stage=Stage.ENDED)
        .exclude(person__status__in=[Status.STEPPED_BACK, Status.NOT_NOW])
        .filter(Q(service__isnull=True) | ~Q(service__status__in=directory_queries.OPEN_STATUSES)),
    )
    if coordinator is not None:
        connections = connections.filter(person__coordinator=coordinator)
    return connections.select_related("person", "service").order_by("person__full_name", "id")


def opportunities(
    *, user: User, area: Area | None = None, open_only: bool = True
) -> QuerySet[Opportunity]:
    """Chances to contribute in the user's areas (or one of them)."""
    rows = opportunities_visible(user)
    if area is not None:
        rows = rows.filter(area=area)
    if open_only:
        rows = rows.filter(active=True)
    return rows.select_related("area").prefetch_related("gifts_needed")


def opportunity_get(*, user: User, pk: int) -> Opportunity | None:
    return opportunities_visible(user).filter(pk=pk).first()


def services_to_choose(*, text: str, limit: int = 10) -> list[Service]:
    """Active directory resources whose words match ``text``, for choosing one to connect
    with (the directory is public: no personal data)."""
    if not text.strip():
        return []
    return list(directory_queries.services_search(text=text, open_only=True)[:limit])


def people_to_connect(*, user: User, person: Person | None) -> QuerySet[Person]:
    """People the user works with whom ``person`` could meet (not themself)."""
    rows = scoped(user, Person.objects.all())
    if person is not None:
        rows = rows.exclude(pk=person.pk)
    return rows.order_by("full_name")


@dataclass(frozen=True)
class GapCount:
    area: Area
    theme: str
    label: str
    count: int


def gaps_by_area_and_theme(*, user: User) -> list[GapCount]:
    """How many gaps were recorded in each of the user's areas, by theme (no person)."""
    rows = (
        Gap.objects.filter(
            area__in=areas_for(user).values("pk"),
            deleted_at__isnull=True,
            person__deleted_at__isnull=True,
        )
        .values("area", "theme")
        .annotate(n=Count("id"))
        .order_by()
    )
    areas = {a.pk: a for a in Area.objects.filter(pk__in={r["area"] for r in rows})}
    labels = dict(Theme.choices)
    return sorted(
        (GapCount(areas[r["area"]], r["theme"], labels[r["theme"]], r["n"]) for r in rows),
        key=lambda g: (g.area.name, -g.count, g.label),
    )


@dataclass(frozen=True)
class ShortlistEntry:
    """One thing on a person's shortlist, as the page and the PDF say it: what it is, where,
    when, what it costs, how far from home and whom to ask."""

    item: ShortlistItem
    name: str
    what: str
    where: str
    when: str
    cost: str
    contact: str
    distance: str
    listed: bool


def shortlist(*, user: User, person: Person, today: date) -> list[ShortlistEntry]:
    """The person's shortlist, with what each listing says now (in two queries and the
    directory's prefetches, however long it is)."""
    items = list(
        scoped(user, ShortlistItem.objects.filter(person=person)).select_related("opportunity")
    )
    ids = [i.service_id for i in items if i.service_id]
    services = {s.pk: s for s in directory_queries.listings(Service.objects.filter(pk__in=ids))}
    home = home_of(person)
    entries = []
    for item in items:
        service = services.get(item.service_id) if item.service_id else None
        if service is not None:
            listing = describe.listing(service, today=today, near=home)
            place = listing.nearest
            entries.append(
                ShortlistEntry(
                    item=item,
                    name=service.name,
                    what=service.description,
                    where=", ".join(p for p in (place.address, place.postcode) if p)
                    if place
                    else "",
                    when="; ".join(listing.times),
                    cost=listing.cost,
                    contact=", ".join(p for p in (service.organization.name, service.email) if p),
                    distance=_distance(place.km if place else None),
                    listed=service.status == "active",
                )
            )
        elif item.opportunity is not None:
            o = item.opportunity
            entries.append(
                ShortlistEntry(
                    item=item,
                    name=o.title,
                    what=o.description,
                    where=", ".join(p for p in (o.where, o.postcode) if p),
                    when=o.when,
                    cost="Free",
                    contact=o.contact,
                    distance=_distance(_km(home, o.latitude, o.longitude)),
                    listed=o.active,
                )
            )
        else:
            entries.append(ShortlistEntry(item, item.name, "", "", "", "", "", "", False))
    return entries


def home_of(person: Person) -> tuple[float, float] | None:
    """Where the person lives, as far as their postcode says (None if it does not)."""
    if not person.postcode:
        return None
    try:
        return postcodes.locate(person.postcode)
    except ValidationError:
        return None


def _km(
    home: tuple[float, float] | None, latitude: float | None, longitude: float | None
) -> float | None:
    if home is None or latitude is None or longitude is None:
        return None
    return describe.km_between(home, latitude, longitude)


def _distance(km: float | None) -> str:
    if km is None:
        return ""
    miles = round(describe.miles(km) or 0, 1)
    return "1 mile from home" if miles == 1 else f"{miles:g} miles from home"


def what_suits(*, user: User, person: Person) -> WhatSuits | None:
    return scoped(user, WhatSuits.objects.filter(person=person)).first()


def opportunities_to_shortlist(*, user: User, person: Person) -> QuerySet[Opportunity]:
    """Open chances to contribute in the user's areas not on the person's shortlist yet."""
    on_it = ShortlistItem.objects.filter(
        person=person, deleted_at__isnull=True, opportunity__isnull=False
    ).values("opportunity")
    return opportunities(user=user).exclude(pk__in=on_it)


def shortlist_size(*, user: User, person: Person) -> int:
    return scoped(user, ShortlistItem.objects.filter(person=person)).count()


@dataclass(frozen=True)
class ConnectionFilters:
    area: Area | None = None
    coordinator: User | None = None
    stage: str = ""
    text: str = ""  # in the name of what they are connected with
    since: date | None = None
    until: date | None = None


def team_connections(*, user: User, filters: ConnectionFilters) -> QuerySet[Connection]:
    """Connections of the people the user works with, filtered, latest moved first."""
    rows = scoped(user, Connection.objects.all())
    if filters.area is not None:
        rows = rows.filter(person__area=filters.area)
    if filters.coordinator is not None:
        rows = rows.filter(person__coordinator=filters.coordinator)
    if filters.stage:
        rows = rows.filter(stage=filters.stage)
    if filters.text:
        rows = rows.filter(name__icontains=filters.text)
    if filters.since:
        rows = rows.filter(stage_on__gte=filters.since)
    if filters.until:
        rows = rows.filter(stage_on__lte=filters.until)
    return rows.select_related("person", "person__coordinator").order_by("-stage_on", "-id")


def team_summary(*, user: User, filters: ConnectionFilters) -> dict[str, int]:
    """How many of those connections are at each stage, how many lasted 3 months, and how
    many contributions their people make (staff see their own areas' people: no hiding)."""
    rows = team_connections(user=user, filters=filters).order_by()
    counts = {row["stage"]: row["n"] for row in rows.values("stage").annotate(n=Count("id"))}
    people = rows.values("person")
    return {
        **{stage: counts.get(stage, 0) for stage in Stage.values},
        "sustained": rows.filter(sustained_on__isnull=False).count(),
        "contributions": scoped(user, Contribution.objects.filter(person__in=people))
        .filter(ended_on__isnull=True)
        .count(),
    }
