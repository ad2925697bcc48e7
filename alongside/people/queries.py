"""Reading people and their records. Every function starts from the scoping function."""

import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, TypeVar

from django.conf import settings
from django.db.models import Count, Exists, F, Min, Model, OuterRef, Q, QuerySet, Subquery
from django.http import Http404
from django.utils import timezone

from alongside.accounts.models import Area, Role, User
from alongside.accounts.scoping import areas_for, scoped
from alongside.audit.models import AuditEntry
from alongside.validation import normalise_postcode

from . import matching
from .models import (
    Conversation,
    FamilyMember,
    Gift,
    Handover,
    IntroducerMessage,
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


def person_visible(*, user: User, person_id: int) -> bool:
    """Whether the user may see this person (nothing about them is read)."""
    return scoped(user, Person.objects.filter(pk=person_id)).exists()


def merge_candidates(*, user: User, person: Person, text: str = "") -> list[Person]:
    """People the user works with who may be the same as ``person`` (or, with ``text``, who
    match it in the people search), not ``person``."""
    if text.strip():
        found = people_search(user=user, text=text)
    else:
        match = _same_person(
            full_name=person.full_name,
            date_of_birth=person.date_of_birth,
            phone=person.phone,
            email=person.email,
            postcode=person.postcode,
        )
        found = scoped(user, Person.objects.filter(match)).select_related("area", "coordinator")
    return list(found.exclude(pk=person.pk)[:20])


def merged_into(*, user: User, person_id: int) -> int | None:
    """The person a merged-away record now lives in, if the user may see them."""
    kept = (
        Person.objects.filter(pk=person_id, merged_into__isnull=False)
        .values_list("merged_into", flat=True)
        .first()
    )
    return kept if kept is not None and person_visible(user=user, person_id=kept) else None


def people_removed(*, user: User) -> QuerySet[Person]:
    """People removed from the user's areas who may still be restored (not merged ones)."""
    from_ = timezone.now() - timedelta(days=30)
    return (
        scoped(
            user,
            Person.objects.filter(deleted_at__gte=from_, merged_into__isnull=True),
            removed=True,
        )
        .select_related("area")
        .order_by("-deleted_at", "-id")
    )


def audit_entries_named(*, user: User, entries: QuerySet[AuditEntry]) -> QuerySet[AuditEntry]:
    """Audit entries with the name of each one's person (``person_name``), in the same query;
    empty where the user may not see the person (any more)."""
    names = scoped(user, Person.objects.filter(pk=OuterRef("person_id"))).values("full_name")
    return entries.annotate(person_name=Subquery(names[:1]))


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
    return qs.select_related("person", "area", "created_by", "handed_over_from").order_by(
        "-urgent", "received_on", "id"
    )


def waiting_introductions(*, user: User, person: Person) -> QuerySet[Introduction]:
    """The person's introductions still waiting for a decision, oldest first."""
    return scoped(
        user, Introduction.objects.filter(person=person, decided_at__isnull=True)
    ).order_by("received_on", "id")


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
    longest_out_of_touch_first: bool = False,
) -> QuerySet[Person]:
    """People the user works with, each word of ``text`` found in their name (accents,
    capitals and titles aside), what they like to be called, phone number (spaces aside),
    postcode (spaces aside) or email address. Each comes with the date of their latest
    conversation (``last_conversation_on``, None for none yet), by name or, with
    ``longest_out_of_touch_first``, those never or longest not in touch first."""
    qs = scoped(user, Person.objects.all())
    for word in text.split():
        keys = matching.search_keys(word)
        found = Q(preferred_name__icontains=word)
        for key, value in keys.items():
            if value:
                found |= Q(**{f"{key}__contains": value})
        qs = qs.filter(found)
    if status:
        qs = qs.filter(status=status)
    if level:
        qs = qs.filter(level=level)
    if area is not None:
        qs = qs.filter(area=area)
    if coordinator is not None:
        qs = qs.filter(coordinator=coordinator)
    latest = Conversation.objects.filter(person=OuterRef("pk"), deleted_at__isnull=True)
    qs = qs.annotate(last_conversation_on=Subquery(latest.order_by("-on").values("on")[:1]))
    if longest_out_of_touch_first:
        qs = qs.order_by(F("last_conversation_on").asc(nulls_first=True), "full_name", "pk")
    return qs.select_related("area", "coordinator")


def _same_person(
    *, full_name: str, date_of_birth: date | None, phone: str, email: str, postcode: str = ""
) -> Q:
    """Who may be the same person: the same name (as matching.match_name reads it) and date of
    birth or postcode, or the same phone number or email address."""
    keys = matching.keys_for(
        {"full_name": full_name, "phone": phone, "email": email, "postcode": postcode}
    )
    match = Q(pk__in=[])
    if keys["match_name"] and date_of_birth:
        match |= Q(match_name=keys["match_name"], date_of_birth=date_of_birth)
    if keys["match_name"] and keys["postcode_key"]:
        match |= Q(match_name=keys["match_name"], postcode_key=keys["postcode_key"])
    if keys["phone_key"]:
        match |= Q(phone_key=keys["phone_key"])
    if keys["email_key"]:
        match |= Q(email_key=keys["email_key"])
    return match


def possible_duplicates(
    *,
    user: User,
    full_name: str,
    date_of_birth: date | None,
    phone: str,
    email: str,
    postcode: str = "",
) -> QuerySet[Person]:
    """People this user can see who may be the same person (see ``_same_person``)."""
    match = _same_person(
        full_name=full_name,
        date_of_birth=date_of_birth,
        phone=phone,
        email=email,
        postcode=postcode,
    )
    return scoped(user, Person.objects.filter(match)).select_related("area", "coordinator")[:10]


@dataclass(frozen=True)
class MatchElsewhere:
    """A possible match in an area the user does not work in: where, and whom to ask (the
    person's coordinator, or the area's coordinators when nobody supports them yet). Nothing
    about the person themselves."""

    area: Area
    contacts: list[User]


def matches_elsewhere(
    *,
    user: User,
    full_name: str,
    date_of_birth: date | None,
    phone: str,
    email: str,
    postcode: str = "",
) -> list[MatchElsewhere]:
    """Areas outside the user's where someone may be the same person, with whom to ask.
    This reads people the user may not see, so only the area and the coordinators leave the
    database, never a detail of the person."""
    match = _same_person(
        full_name=full_name,
        date_of_birth=date_of_birth,
        phone=phone,
        email=email,
        postcode=postcode,
    )
    found = (
        Person.objects.live()
        .filter(match)
        .exclude(area__in=areas_for(user))
        .values_list("area_id", "coordinator_id")
        .distinct()[:20]
    )
    by_area: dict[int, set[int | None]] = {}
    for area_id, coordinator_id in found:
        by_area.setdefault(area_id, set()).add(coordinator_id)
    if not by_area:
        return []
    areas = Area.objects.filter(pk__in=by_area).order_by("name")
    staff = User.objects.filter(is_active=True, role=Role.COORDINATOR, areas__in=by_area)
    coordinators = {
        u.pk: u for u in User.objects.filter(pk__in=[c for s in by_area.values() for c in s if c])
    }
    of_area: dict[int, list[User]] = {}
    for person in staff.order_by("full_name").prefetch_related("areas"):
        for area in person.areas.all():
            of_area.setdefault(area.pk, []).append(person)
    result = []
    for area in areas:
        named = [coordinators[c] for c in sorted(by_area[area.pk], key=str) if c in coordinators]
        result.append(MatchElsewhere(area=area, contacts=named or of_area.get(area.pk, [])))
    return result


def _best_area(areas: Iterable[Area], postcode: str) -> Area | None:
    try:
        postcode = normalise_postcode(postcode)
    except Exception:
        return None
    district, sector = postcode.split(" ")[0], postcode[:-2]
    best, best_len = None, 0
    for area in areas:
        for prefix in area.postcode_prefixes():
            if prefix in (district, sector) and len(prefix) > best_len:
                best, best_len = area, len(prefix)
    return best


def suggest_area(*, user: User, postcode: str) -> Area | None:
    """The user's area whose postcode districts or sectors best match the postcode."""
    return _best_area(areas_for(user), postcode)


def area_elsewhere_for(*, user: User, postcode: str) -> Area | None:
    """The area, among those the user does not work in, that the postcode is in (for handing
    an introduction over to it)."""
    return _best_area(
        Area.objects.exclude(pk__in=areas_for(user).values("pk")).select_related("team"),
        postcode,
    )


def area_coordinators(*, area: Area) -> QuerySet[User]:
    """Who works in an area, to say whom an introduction handed over reaches."""
    return User.objects.filter(role=Role.COORDINATOR, is_active=True, areas=area).order_by(
        "full_name"
    )


def handovers_sent(*, user: User) -> QuerySet[Handover]:
    """Handovers the user made, or made from their areas, newest first: where to, why, and
    whether someone there has opened the record yet. Only the person's initials."""
    return (
        Handover.objects.filter(Q(created_by=user) | Q(from_area__in=areas_for(user)))
        .select_related("to_area", "from_area", "created_by", "received_by")
        .order_by("-created_at", "-id")
    )


def introducer_messages(*, introduction: Introduction) -> list[IntroducerMessage]:
    """The emails to whoever made an introduction (already fetched through the scope)."""
    return list(IntroducerMessage.objects.filter(introduction=introduction))


def introduction_token_used(*, user: User, form_token: uuid.UUID | None) -> bool:
    """Whether this user's form with this one-time token has recorded an introduction
    already, even one they can no longer see (handed over): nothing else about it."""
    return (
        form_token is not None
        and Introduction.objects.filter(form_token=form_token, created_by=user).exists()
    )


def introduction_token_taken(*, form_token: uuid.UUID | None) -> bool:
    """Whether anyone's introduction has this token (so that a token from someone else's
    form, which this user cannot see, is replaced rather than refused)."""
    return form_token is not None and Introduction.objects.filter(form_token=form_token).exists()


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


@dataclass(frozen=True)
class CoordinatorLoad:
    """One coordinator of a manager's team: whom they support, and what waits for them."""

    coordinator: User
    walking_alongside: int
    short_term: int
    introductions_waiting: int  # in the areas they cover
    out_of_touch: int  # people they support with no conversation lately


def coordinator_loads(*, user: User) -> list[CoordinatorLoad]:
    """For a manager: each coordinator in their teams with how many people they support,
    how many introductions wait in the areas they cover and how many people they support
    have not been in touch lately. Each figure is its own grouped count (a fixed number of
    queries, and no join that multiplies people by introductions)."""
    if not user.is_manager:
        return []
    areas = areas_for(user)
    coordinators = list(
        User.objects.filter(role=Role.COORDINATOR, is_active=True, areas__in=areas)
        .distinct()
        .order_by("full_name")
        .prefetch_related("areas")
    )
    by_level: dict[tuple[int, str], int] = {
        (row["coordinator"], row["level"]): row["n"]
        for row in scoped(
            user, Person.objects.filter(status=Status.ACTIVE, coordinator__in=coordinators)
        )
        .values("coordinator", "level")
        .annotate(n=Count("id"))
        .order_by()
    }
    waiting = {row.area.pk: row.waiting for row in introductions_waiting_by_area(user=user)}
    out_of_touch = out_of_touch_by_coordinator(user=user)
    shorter = (Level.SHORT_TERM, Level.CONNECTION, Level.INFORMATION)
    return [
        CoordinatorLoad(
            coordinator=c,
            walking_alongside=by_level.get((c.pk, Level.WALKING_ALONGSIDE), 0),
            short_term=sum(by_level.get((c.pk, level), 0) for level in shorter),
            introductions_waiting=sum(waiting.get(a.pk, 0) for a in c.areas.all()),
            out_of_touch=out_of_touch.get(c.pk, 0),
        )
        for c in coordinators
    ]


def out_of_touch_by_coordinator(*, user: User) -> dict[int, int]:
    """For each coordinator, how many of the people they support (that ``user`` works with)
    have had no conversation for ``ALONGSIDE_OUT_OF_TOUCH_WEEKS`` weeks, or none at all."""
    cutoff = timezone.localdate() - timedelta(weeks=settings.ALONGSIDE_OUT_OF_TOUCH_WEEKS)
    lately = Conversation.objects.filter(
        person=OuterRef("pk"), deleted_at__isnull=True, on__gte=cutoff
    )
    rows = (
        scoped(user, Person.objects.filter(status=Status.ACTIVE, coordinator__isnull=False))
        .filter(~Exists(lately))  # per person: a HAVING would take each coordinator's latest
        .values("coordinator")
        .annotate(n=Count("id"))
        .order_by()
    )
    return {row["coordinator"]: row["n"] for row in rows}


@dataclass(frozen=True)
class AreaWaiting:
    """Introductions waiting for a first conversation in one area."""

    area: Area
    waiting: int
    urgent: int
    unassigned: int  # the person has no coordinator yet
    oldest: date | None

    @property
    def oldest_days(self) -> int | None:
        return None if self.oldest is None else (timezone.localdate() - self.oldest).days


def introductions_waiting_by_area(*, user: User) -> list[AreaWaiting]:
    """For each of the user's areas: how many introductions wait, how many are urgent or
    have nobody yet, and since when the oldest has waited."""
    counts = {
        row["area"]: row
        for row in scoped(user, Introduction.objects.filter(decided_at__isnull=True))
        .values("area")
        .annotate(
            waiting=Count("id"),
            urgent=Count("id", filter=Q(urgent=True)),
            unassigned=Count("id", filter=Q(person__coordinator__isnull=True)),
            oldest=Min("received_on"),
        )
        .order_by()
    }
    return [
        AreaWaiting(
            area=area,
            waiting=counts.get(area.pk, {}).get("waiting", 0),
            urgent=counts.get(area.pk, {}).get("urgent", 0),
            unassigned=counts.get(area.pk, {}).get("unassigned", 0),
            oldest=counts.get(area.pk, {}).get("oldest"),
        )
        for area in areas_for(user).order_by("name")
    ]


def working_days(start: date, end: date) -> int:
    """Working days (Monday to Friday) after ``start`` up to and including ``end``."""
    if end <= start:
        return 0
    weeks, extra = divmod((end - start).days, 7)
    days = weeks * 5
    for offset in range(1, extra + 1):
        if (start + timedelta(days=weeks * 7 + offset)).weekday() < 5:
            days += 1
    return days


def waiting_too_long(introduction: Introduction, today: date | None = None) -> bool:
    """Waiting longer than ``ALONGSIDE_WAIT_WORKING_DAYS`` working days since it came."""
    today = today or timezone.localdate()
    return working_days(introduction.received_on, today) > settings.ALONGSIDE_WAIT_WORKING_DAYS


def waiting_days(introduction: Introduction) -> int:
    return (timezone.localdate() - introduction.received_on).days


# The page the person keeps ---------------------------------------------------------------


@dataclass(frozen=True)
class AboutMeGift:
    """A gift as the page the person keeps says it: the shared word for it (``name``, when
    one was chosen) and their own words, and whose it is when it is a family member's."""

    name: str
    words: str
    whose: str = ""  # "Bill, son" for a family member's gift; empty for the person's own


@dataclass(frozen=True)
class AboutMeStep:
    """A next step of the plan: what, who, by when."""

    what: str
    who: str
    by_when: date | None


@dataclass(frozen=True)
class AboutMe:
    """Everything on "About me and my plan", the page the person keeps, in their words:
    what matters to them, their vision, their gifts (and their family's), the open steps of
    their plan, and who their coordinator is and how to reach them at work."""

    full_name: str
    known_as: str
    area: str
    what_matters: str
    vision: str
    gifts: tuple[AboutMeGift, ...]
    family_gifts: tuple[AboutMeGift, ...]
    next_steps: tuple[AboutMeStep, ...]
    coordinator_name: str  # their first name; empty when nobody is named yet
    coordinator_email: str  # their work email
    printed_on: date


def about_me(*, user: User, person: Person) -> AboutMe:
    """The page the person keeps. ``person`` comes from ``services.person_open`` (which
    checked scope and wrote the audit entry); gifts and steps are read through the scoping
    function, so removed ones are left out. Three queries at most, whatever the amount."""
    from .models import StepStatus

    own: list[AboutMeGift] = []
    family: list[AboutMeGift] = []
    for gift in gifts(user=user, person=person):
        name = gift.term.name if gift.term else ""
        if member := gift.family_member:
            family.append(
                AboutMeGift(name, gift.description, f"{member.name}, {member.relationship}")
            )
        else:
            own.append(AboutMeGift(name, gift.description))
    steps = sorted(
        plan_steps(user=user, person=person).filter(status=StepStatus.OPEN),
        key=lambda step: (step.by_when is None, step.by_when or date.min, step.pk),
    )
    coordinator = person.coordinator
    if coordinator is not None and not coordinator.is_active:
        coordinator = None  # someone who has left: their address would lead nowhere
    return AboutMe(
        full_name=person.full_name,
        known_as=person.known_as,
        area=person.area.name,
        what_matters=person.what_matters.strip(),
        vision=person.vision.strip(),
        gifts=tuple(own),
        family_gifts=tuple(family),
        next_steps=tuple(AboutMeStep(s.what, s.who, s.by_when) for s in steps),
        coordinator_name=coordinator.get_short_name() if coordinator else "",
        coordinator_email=coordinator.email if coordinator else "",
        printed_on=timezone.localdate(),
    )
