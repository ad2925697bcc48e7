"""Reading networks: a person's members and snapshots (scoped), and the network change of
each area over a period (numbers only, for ``impact`` to show with small numbers hidden)."""

from datetime import date

from django.db.models import OuterRef, QuerySet, Subquery

from alongside.accounts.models import Area, User
from alongside.accounts.scoping import scoped
from alongside.people.models import Person

from .models import NetworkMember, NetworkSnapshot
from .ties import Tie


def members(*, user: User, person: Person) -> QuerySet[NetworkMember]:
    return scoped(user, NetworkMember.objects.filter(person=person)).select_related("linked_person")


def ties(*, user: User, person: Person) -> list[Tie]:
    return [member.as_tie() for member in members(user=user, person=person)]


def snapshots(*, user: User, person: Person) -> QuerySet[NetworkSnapshot]:
    return scoped(user, NetworkSnapshot.objects.filter(person=person)).select_related("created_by")


def network_reviews(*, areas: QuerySet[Area], start: date, end: date) -> QuerySet[Person]:
    """The people of ``areas`` whose network was reviewed (a snapshot kept) twice or more
    between ``start`` and ``end``, each with the size and unpaid ties of their first and
    latest snapshot in the period (``first_size``, ``last_size``, ``first_unpaid``,
    ``last_unpaid``): worked out by the database, for ``impact`` to count and to hide the
    small numbers of."""
    reviewed = NetworkSnapshot.objects.filter(
        person=OuterRef("pk"), deleted_at__isnull=True, taken_on__gte=start, taken_on__lte=end
    )
    first, last = reviewed.order_by("taken_on", "id"), reviewed.order_by("-taken_on", "-id")
    second = Subquery(first.values("pk")[1:2])
    in_period = NetworkSnapshot.objects.filter(
        deleted_at__isnull=True, taken_on__gte=start, taken_on__lte=end
    )
    return (
        Person.objects.live()
        .filter(area__in=areas)
        # Only people with a review in the period: the subqueries below run for them alone.
        .filter(pk__in=in_period.values("person"))
        .annotate(second=second)
        .filter(second__isnull=False)
        .annotate(
            first_size=Subquery(first.values("size")[:1]),
            last_size=Subquery(last.values("size")[:1]),
            first_unpaid=Subquery(first.values("unpaid")[:1]),
            last_unpaid=Subquery(last.values("unpaid")[:1]),
        )
    )
