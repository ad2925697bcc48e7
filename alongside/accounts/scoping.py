"""Who may see whom: the one place that turns a user into the rows they may read.

Every queryset that can return personal data goes through :func:`scoped`. Coordinators see
people in their own areas, managers every area of their teams, and nobody else sees person
records at all (commissioners get aggregates, administrators manage users and vocabularies).
"""

from typing import TypeVar

from django.db.models import Model, QuerySet

from .models import Area, Role

M = TypeVar("M", bound=Model)


def areas_for(user) -> QuerySet[Area]:
    """The areas whose people this user works with."""
    if not user.is_authenticated or not user.is_active:
        return Area.objects.none()
    if user.role == Role.COORDINATOR:
        return Area.objects.filter(coordinators=user)
    if user.role == Role.MANAGER:
        return Area.objects.filter(team__managers=user)
    return Area.objects.none()


def scoped(user, queryset: QuerySet[M], *, removed: bool = False) -> QuerySet[M]:
    """Restrict ``queryset`` to the rows ``user`` may see.

    Works on ``Person`` and on any model whose rows belong to a person through a ``person``
    foreign key. Soft-removed rows are never returned, except with ``removed=True`` on
    ``Person``: then only the people removed from the user's areas (for a manager to restore).
    """
    model = queryset.model
    area_ids = areas_for(user).values("pk")
    field_names = {f.name for f in model._meta.get_fields()}
    if model._meta.label == "people.Person":
        queryset = queryset.filter(area__in=area_ids, deleted_at__isnull=not removed)
    elif removed:
        raise TypeError("Only people are restored: removed=True is for Person")
    elif "person" in field_names:
        queryset = queryset.filter(
            person__area__in=area_ids, person__deleted_at__isnull=True, deleted_at__isnull=True
        )
    else:
        raise TypeError(f"{model._meta.label} has no person to scope by")
    return queryset
