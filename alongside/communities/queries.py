"""Reads of community building: an area's profile, its partners and projects, for the people
who work in the area. Records that name a person are read through ``services`` (scoped and
audited), never here."""

from collections.abc import Iterable
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet

from alongside.accounts.models import Area, User
from alongside.accounts.scoping import areas_for

from .models import (
    CommunityConversation,
    Partner,
    ProfileEntry,
    ProfileKind,
    Project,
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


def partners_of(areas: Iterable[Area] | QuerySet[Area], *, search: str = "") -> QuerySet[Partner]:
    found = (
        Partner.objects.live()
        .filter(area__in=[a.pk for a in areas] if not isinstance(areas, QuerySet) else areas)
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


def projects_of(areas: Any) -> QuerySet[Project]:
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
