"""Reads of community building: an area's profile, its partners and projects, for the people
who work in the area. Records that name a person are read through ``services`` (scoped and
audited), never here."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Prefetch, Q, QuerySet
from django.urls import reverse

from alongside.accounts.models import Area, User
from alongside.accounts.scoping import areas_for
from alongside.connections.queries import opportunities
from alongside.directory import queries as directory_queries

from .models import (
    LIVE_PROJECTS,
    CommunityConversation,
    Involvement,
    Partner,
    ProfileEntry,
    ProfileKind,
    Project,
    ProjectPerson,
    ProjectUpdate,
)


def areas_kept(user: User) -> QuerySet[Area]:
    """The areas whose community life ``user`` keeps: their own."""
    return areas_for(user).select_related("team").order_by("name")


def area_get(user: User, area_id: int) -> Area | None:
    return areas_kept(user).filter(pk=area_id).first()


def conversations_of(area: Area) -> QuerySet[CommunityConversation]:
    return (
        CommunityConversation.objects.live()
        .filter(area=area)
        .annotate(said=Count("entries", filter=Q(entries__deleted_at__isnull=True)))
        .order_by("-on", "-id")
    )


def conversation_get(user: User, conversation_id: int) -> CommunityConversation | None:
    return (
        CommunityConversation.objects.live()
        .filter(pk=conversation_id, area__in=areas_for(user).values("pk"))
        .select_related("area")
        .first()
    )


def profile_of(area: Area) -> list[tuple[str, str, list[ProfileEntry]]]:
    """The area's profile: for each kind (key, heading), its entries, newest first."""
    entries = (
        ProfileEntry.objects.live()
        .filter(area=area)
        .select_related("conversation")
        .order_by("-on", "-id")
    )
    by_kind: dict[str, list[ProfileEntry]] = {kind: [] for kind in ProfileKind.values}
    for entry in entries:
        by_kind[entry.kind].append(entry)
    return [(kind, label, by_kind[kind]) for kind, label in ProfileKind.choices]


def entry_get(user: User, entry_id: int) -> ProfileEntry | None:
    return (
        ProfileEntry.objects.live()
        .filter(pk=entry_id, area__in=areas_for(user).values("pk"))
        .select_related("area")
        .first()
    )


def partners_of(areas: Iterable[Area], *, search: str = "") -> QuerySet[Partner]:
    """The partners of ``areas`` (a list of areas, or a queryset of them)."""
    found = (
        Partner.objects.live()
        .filter(area__in=areas)
        .select_related("area", "organization")
        .annotate(project_count=Count("projects", filter=Q(projects__deleted_at__isnull=True)))
        .order_by("name", "id")
    )
    if search.strip():
        found = found.filter(
            Q(name__icontains=search.strip()) | Q(offers__icontains=search.strip())
        )
    return found


def partner_get(user: User, partner_id: int) -> Partner | None:
    return (
        Partner.objects.live()
        .filter(pk=partner_id, area__in=areas_for(user).values("pk"))
        .select_related("area", "organization")
        .prefetch_related("contacts", "contributions__opportunity", "history")
        .first()
    )


def projects_of(areas: Iterable[Area]) -> QuerySet[Project]:
    """The projects of ``areas`` (a list of areas, or a queryset of them)."""
    return (
        Project.objects.live()
        .filter(area__in=areas)
        .select_related("area")
        .prefetch_related(Prefetch("partners", queryset=Partner.objects.live().order_by("name")))
        .order_by("-started_on", "-id")
    )


def project_get(user: User, project_id: int) -> Project | None:
    return (
        Project.objects.live()
        .filter(pk=project_id, area__in=areas_for(user).values("pk"))
        .select_related("area")
        .prefetch_related(
            Prefetch("partners", queryset=Partner.objects.live().order_by("name")),
            Prefetch("updates", queryset=ProjectUpdate.objects.order_by("-on", "-id")),
        )
        .first()
    )


@dataclass(frozen=True)
class Asset:
    """Something on an area's map of community assets, numbered as in the list beside it."""

    number: int
    kind: str  # what it is: "Community resource", "Partner", "Project", "Chance to contribute"
    name: str
    where: str
    url: str
    lat: float | None
    lon: float | None


def assets_of(user: User, area: Area) -> list[Asset]:
    """The area's community resources (from the directory, by its postcodes), partners,
    projects and chances to contribute: those with a place first, numbered for the map."""
    found: list[tuple[str, str, str, str, float | None, float | None]] = []
    for place in directory_queries.places_in_postcodes(area.postcode_prefixes())[:200]:
        found.append(
            (
                "Community resource",
                place.service.name,
                place.location.name,
                reverse("directory:service", args=[place.service.pk]),
                float(place.location.latitude or 0),  # never None here: see the query
                float(place.location.longitude or 0),
            )
        )
    for partner in partners_of([area]):
        url = reverse("communities:partner", args=[partner.pk])
        found.append(
            ("Partner", partner.name, partner.postcode, url, partner.latitude, partner.longitude)
        )
    for project in projects_of([area]).exclude(status="ended"):
        url = reverse("communities:project", args=[project.pk])
        found.append(
            ("Project", project.title, project.postcode, url, project.latitude, project.longitude)
        )
    for chance in opportunities(user=user, area=area):
        url = reverse("connections:opportunity_edit", args=[chance.pk])
        found.append(
            (
                "Chance to contribute",
                chance.title,
                chance.where,
                url,
                chance.latitude,
                chance.longitude,
            )
        )
    found.sort(key=lambda a: (a[4] is None, a[0], a[1].lower()))
    return [Asset(n, *row) for n, row in enumerate(found, start=1)]


# Figures: counted by the database for ``impact`` (which hides the small numbers) ------------


def conversations_held(start: date, end: date) -> QuerySet[CommunityConversation]:
    """Community conversations in the period (each with ``area`` and ``people_there``)."""
    return CommunityConversation.objects.live().filter(on__gte=start, on__lte=end)


def partners_known() -> QuerySet[Partner]:
    """Every partner not removed, with ``area`` and ``relationship`` as it stands today."""
    return Partner.objects.live()


def projects_started(start: date, end: date) -> QuerySet[Project]:
    return Project.objects.live().filter(started_on__gte=start, started_on__lte=end)


def projects_going() -> QuerySet[Project]:
    """Projects getting started or running, as things stand today."""
    return Project.objects.live().filter(status__in=LIVE_PROJECTS)


def people_in_projects() -> QuerySet[ProjectPerson]:
    """People's parts in live projects (neither the part, the person nor the project
    removed): counts only, never who."""
    return ProjectPerson.objects.live().filter(
        person__deleted_at__isnull=True, project__deleted_at__isnull=True
    )


def involvements_recorded(start: date, end: date) -> QuerySet[Involvement]:
    return Involvement.objects.live().filter(
        person__deleted_at__isnull=True, agreed_on__gte=start, agreed_on__lte=end
    )
