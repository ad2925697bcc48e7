"""Reading people and their records. Every function starts from the scoping function."""

import uuid
from datetime import date
from typing import Any, TypeVar

from django.db.models import Count, Model, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from alongside.accounts.models import Area, Role, User
from alongside.accounts.scoping import areas_for, scoped
from alongside.validation import normalise_postcode

from .models import (
    Conversation,
    FamilyMember,
    Gift,
    Introduction,
    Level,
    Person,
    PlanReview,
    PlanStep,
    Status,
    SupportChange,
    VoiceEntry,
)

M = TypeVar("M", bound=Model)


def person_record_get(*, user: User, model: type[M], person: Person, pk: int) -> M:
    """A record of ``person`` that ``user`` may see (any kind: a conversation, a network
    member, a story…), or 404. The one fetch-and-check for a person's records."""
    record = scoped(user, model._default_manager.filter(pk=pk, person=person)).first()
    if record is None:
        raise Http404("No such record")
    return record


def areas_to_choose(*, user: User) -> QuerySet[Area]:
    """The areas a user may put a person in."""
    return areas_for(user).order_by("name")


def coordinators_to_choose(*, user: User) -> QuerySet[User]:
    """Coordinators working in the user's areas, who may support a person there."""
    return User.objects.filter(
        role=Role.COORDINATOR, is_active=True, areas__in=areas_for(user)
    ).distinct()


def people_to_link(*, user: User, person: Person) -> QuerySet[Person]:
    """People the user works with whom ``person`` could be linked to (not themselves)."""
    return scoped(user, Person.objects.exclude(pk=person.pk))


def people_supported_with_postcode(*, user: User, limit: int = 200) -> QuerySet[Person]:
    """The people ``user`` supports who have a postcode (to search for resources near)."""
    return scoped(user, Person.objects.filter(coordinator=user).exclude(postcode=""))[:limit]


def family_members(*, user: User, person: Person) -> QuerySet[FamilyMember]:
    return scoped(user, FamilyMember.objects.filter(person=person))


def inbox(*, user: User, area: Area | None = None) -> QuerySet[Introduction]:
    """New introductions waiting for a first conversation, urgent first, then longest waiting."""
    qs = scoped(user, Introduction.objects.filter(decided_at__isnull=True))
    if area is not None:
        qs = qs.filter(area=area)
    return qs.select_related("person", "area", "created_by").order_by(
        "-urgent", "received_on", "id"
    )


def introduction_for_token(*, user: User, form_token: uuid.UUID | None) -> Introduction | None:
    """The introduction a form with this one-time token already made, if any."""
    if form_token is None:
        return None
    return scoped(user, Introduction.objects.filter(form_token=form_token)).first()


def people_search(
    *,
    user: User,
    text: str = "",
    status: str = "",
    level: str = "",
    area: Area | None = None,
    coordinator: User | None = None,
) -> QuerySet[Person]:
    qs = scoped(user, Person.objects.all())
    if text:
        words = text.split()
        for word in words:
            qs = qs.filter(
                Q(full_name__icontains=word)
                | Q(preferred_name__icontains=word)
                | Q(email__icontains=word)
                | Q(phone__icontains=word)
                | Q(postcode__icontains=word)
            )
    if status:
        qs = qs.filter(status=status)
    if level:
        qs = qs.filter(level=level)
    if area is not None:
        qs = qs.filter(area=area)
    if coordinator is not None:
        qs = qs.filter(coordinator=coordinator)
    return qs.select_related("area", "coordinator")


def possible_duplicates(
    *, user: User, full_name: str, date_of_birth: date | None, phone: str, email: str
) -> QuerySet[Person]:
    """People this user can see who may be the same person: same name and date of birth, or
    the same phone number or email address."""
    match = Q(pk__in=[])
    if full_name and date_of_birth:
        match |= Q(full_name__iexact=full_name.strip(), date_of_birth=date_of_birth)
    if phone:
        match |= Q(phone=phone)
    if email:
        match |= Q(email__iexact=email)
    return scoped(user, Person.objects.filter(match)).select_related("area", "coordinator")[:10]


def suggest_area(*, user: User, postcode: str) -> Area | None:
    """The user's area whose postcode districts or sectors best match the postcode."""
    try:
        postcode = normalise_postcode(postcode)
    except Exception:
        return None
    district, sector = postcode.split(" ")[0], postcode[:-2]
    best, best_len = None, 0
    for area in areas_for(user):
        for prefix in area.postcode_prefixes():
            if prefix in (district, sector) and len(prefix) > best_len:
                best, best_len = area, len(prefix)
    return best


def person_timeline(*, user: User, person: Person) -> list[dict[str, Any]]:
    """Conversations, introductions, changes of support and voice entries, newest first."""
    items = []
    for c in scoped(user, Conversation.objects.filter(person=person)).select_related("created_by"):
        items.append({"kind": "conversation", "on": c.on, "record": c})
    for i in scoped(user, Introduction.objects.filter(person=person)).select_related(
        "created_by", "decided_by"
    ):
        items.append({"kind": "introduction", "on": i.received_on, "record": i})
    for s in scoped(user, SupportChange.objects.filter(person=person)).select_related("created_by"):
        items.append({"kind": "support", "on": s.on, "record": s})
    items.sort(key=lambda item: (item["on"], item["record"].created_at), reverse=True)
    return items


def conversations(*, user: User, person: Person) -> QuerySet[Conversation]:
    return scoped(user, Conversation.objects.filter(person=person)).select_related("created_by")


def gifts(*, user: User, person: Person) -> QuerySet[Gift]:
    return scoped(user, Gift.objects.filter(person=person)).select_related("term", "family_member")


def plan_steps(*, user: User, person: Person) -> QuerySet[PlanStep]:
    return scoped(user, PlanStep.objects.filter(person=person))


def plan_reviews(*, user: User, person: Person) -> QuerySet[PlanReview]:
    return scoped(user, PlanReview.objects.filter(person=person)).select_related("created_by")


def voice_entries(*, user: User, person: Person) -> QuerySet[VoiceEntry]:
    return scoped(user, VoiceEntry.objects.filter(person=person)).select_related("created_by")


def coordinator_loads(*, user: User) -> QuerySet[User]:
    """For a manager: each coordinator in their teams with how many people they support."""
    if not user.is_manager:
        return User.objects.none()
    areas = areas_for(user)
    people = Q(people__area__in=areas, people__deleted_at__isnull=True)
    active = people & Q(people__status=Status.ACTIVE)
    return (
        User.objects.filter(role=Role.COORDINATOR, is_active=True, areas__in=areas)
        .distinct()
        .annotate(
            walking_alongside=Count(
                "people", filter=active & Q(people__level=Level.WALKING_ALONGSIDE), distinct=True
            ),
            short_term=Count(
                "people",
                filter=active
                & Q(people__level__in=[Level.SHORT_TERM, Level.CONNECTION, Level.INFORMATION]),
                distinct=True,
            ),
            new_introductions=Count(
                "people", filter=people & Q(people__status=Status.NEW), distinct=True
            ),
        )
        .order_by("full_name")
    )


def waiting_days(introduction: Introduction) -> int:
    return (timezone.localdate() - introduction.received_on).days
