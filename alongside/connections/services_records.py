"""The person's other records around connections, one named function for each action:
what suits them, their shortlist, contributions, formal services, gaps, and suggestions
taken up or set aside. Writes go through ``alongside.records`` like every write of a
person's record; refusals are ``ValueError`` with words a page can show."""

import uuid
from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from typing import Any

from django.utils import timezone

from alongside import records
from alongside.accounts.models import User
from alongside.accounts.scoping import scoped
from alongside.directory.models import Service
from alongside.people.models import Person

from .models import (
    Connection,
    ConnectionKind,
    Contribution,
    Dismissal,
    DismissedBecause,
    FormalService,
    Gap,
    Opportunity,
    ShortlistItem,
    WhatSuits,
)
from .services import NOT_AGREED, NOT_LISTED, NOT_YOURS, connection_add, opportunities_visible

Changes = Mapping[str, Any]


# What suits them, and their shortlist ------------------------------------------------------


def what_suits_save(
    *,
    user: User,
    person: Person,
    days: str = "",
    times: str = "",
    free_only: bool = False,
    travel_km: Decimal | None = None,
    open_to_meeting: bool = False,
    expected_version: int | None = None,
) -> WhatSuits:
    """Save the days and times the person is free, whether it must be free of charge, how
    far they can get to and whether they would like to meet others who share their interests
    (one record per person; the first save adds it)."""
    values = {
        "days": days,
        "times": times,
        "free_only": free_only,
        "travel_km": travel_km,
        "open_to_meeting": open_to_meeting,
    }
    current = scoped(user, WhatSuits.objects.filter(person=person)).first()
    if current is None:
        return records.add(user=user, person=person, model=WhatSuits, values=values)
    records.change(
        user=user,
        record=current,
        changes=values,
        expected_version=current.version if expected_version is None else expected_version,
    )
    current.refresh_from_db()
    return current


def shortlist_add(
    *,
    user: User,
    person: Person,
    service: Service | None = None,
    opportunity: Opportunity | None = None,
    note: str = "",
) -> ShortlistItem:
    """Put a resource or a chance to contribute on the person's shortlist (once)."""
    if (service is None) == (opportunity is None):
        raise ValueError("Choose one community resource or one chance to contribute")
    if service is not None and service.status != "active":
        raise ValueError(NOT_LISTED.format(name=service.name))
    if (
        opportunity is not None
        and not opportunities_visible(user).filter(pk=opportunity.pk, active=True).exists()
    ):
        raise ValueError(NOT_YOURS)
    kept = scoped(user, ShortlistItem.objects.filter(person=person))
    if found := kept.filter(service=service, opportunity=opportunity).first():
        return found
    name = service.name if service is not None else opportunity.title  # type: ignore[union-attr]
    return records.add(
        user=user,
        person=person,
        model=ShortlistItem,
        values={"service": service, "opportunity": opportunity, "name": name[:255], "note": note},
    )


def shortlist_remove(*, user: User, item: ShortlistItem, expected_version: int) -> None:
    records.remove(user=user, record=item, expected_version=expected_version)


# Contributions, formal services and gaps ---------------------------------------------------


def contribution_add(
    *,
    user: User,
    person: Person,
    what: str,
    opportunity: Opportunity | None = None,
    where: str = "",
    since: date | None = None,
    how_often: str = "",
    ended_on: date | None = None,
    form_token: uuid.UUID | None = None,
) -> Contribution:
    """Something the person gives: what, where, since when, how often."""
    if (
        opportunity is not None
        and not opportunities_visible(user).filter(pk=opportunity.pk).exists()
    ):
        raise ValueError(NOT_YOURS)
    return records.add(
        user=user,
        person=person,
        model=Contribution,
        values={
            "what": what,
            "opportunity": opportunity,
            "where": where,
            "since": since or timezone.localdate(),
            "how_often": how_often,
            "ended_on": ended_on,
        },
        form_token=form_token,
    )


def contribution_change(
    *, user: User, contribution: Contribution, changes: Changes, expected_version: int
) -> list[str]:
    opportunity = changes.get("opportunity")
    if (
        opportunity is not None
        and not opportunities_visible(user).filter(pk=opportunity.pk).exists()
    ):
        raise ValueError(NOT_YOURS)
    return records.change(
        user=user, record=contribution, changes=changes, expected_version=expected_version
    )


def contribution_remove(*, user: User, contribution: Contribution, expected_version: int) -> None:
    records.remove(user=user, record=contribution, expected_version=expected_version)


def formal_service_add(
    *,
    user: User,
    person: Person,
    need: str,
    what: str,
    who_applied: str,
    applied_on: date | None = None,
    outcome: str = "waiting",
    decided_on: date | None = None,
    control: str = "",
    note: str = "",
    form_token: uuid.UUID | None = None,
) -> FormalService:
    """A formal service sought: what, who applied, what was decided, how the person controls
    it."""
    return records.add(
        user=user,
        person=person,
        model=FormalService,
        values={
            "need": need,
            "what": what,
            "who_applied": who_applied,
            "applied_on": applied_on or timezone.localdate(),
            "outcome": outcome,
            "decided_on": decided_on,
            "control": control,
            "note": note,
        },
        form_token=form_token,
    )


def formal_service_change(
    *, user: User, formal_service: FormalService, changes: Changes, expected_version: int
) -> list[str]:
    return records.change(
        user=user, record=formal_service, changes=changes, expected_version=expected_version
    )


def formal_service_remove(
    *, user: User, formal_service: FormalService, expected_version: int
) -> None:
    records.remove(user=user, record=formal_service, expected_version=expected_version)


def gap_add(
    *,
    user: User,
    person: Person,
    theme: str,
    looked_for: str,
    why_nothing_fitted: str = "",
    on: date | None = None,
    form_token: uuid.UUID | None = None,
) -> Gap:
    """What the person looked for when nothing fitted, in their area."""
    return records.add(
        user=user,
        person=person,
        model=Gap,
        values={
            "area": person.area,
            "theme": theme,
            "looked_for": looked_for,
            "why_nothing_fitted": why_nothing_fitted,
            "on": on or timezone.localdate(),
        },
        form_token=form_token,
    )


def gap_change(*, user: User, gap: Gap, changes: Changes, expected_version: int) -> list[str]:
    return records.change(user=user, record=gap, changes=changes, expected_version=expected_version)


def gap_remove(*, user: User, gap: Gap, expected_version: int) -> None:
    records.remove(user=user, record=gap, expected_version=expected_version)


# Suggestions ------------------------------------------------------------------------------


def suggestion_accept(
    *,
    user: User,
    person: Person,
    service: Service | None = None,
    opportunity: Opportunity | None = None,
    other_person: Person | None = None,
    why: str = "",
) -> Connection:
    """A suggestion the coordinator takes up: a connection at "suggested", with why. Another
    person only where both have said they would like to meet others who share their
    interests."""
    if other_person is not None:  # both said they would like to meet others like them
        open_to_it = WhatSuits.objects.filter(
            person__in=[person, other_person], open_to_meeting=True, deleted_at__isnull=True
        ).count()
        if open_to_it != 2:
            raise ValueError(NOT_AGREED)
        return connection_add(
            user=user,
            person=person,
            kind=ConnectionKind.PERSON,
            other_person=other_person,
            both_agreed=True,
            why=why,
        )
    kind = ConnectionKind.RESOURCE if service is not None else ConnectionKind.OPPORTUNITY
    return connection_add(
        user=user, person=person, kind=kind, service=service, opportunity=opportunity, why=why
    )


def suggestion_dismiss(
    *,
    user: User,
    person: Person,
    because: str,
    service: Service | None = None,
    opportunity: Opportunity | None = None,
    other_person: Person | None = None,
) -> Dismissal:
    """Not for them, and why: remembered, so it is not suggested again."""
    if because not in DismissedBecause.values:
        raise ValueError("Select why it is not for them")
    if sum(x is not None for x in (service, opportunity, other_person)) != 1:
        raise ValueError("Choose one community resource, chance to contribute or person")
    if (
        other_person is not None
        and not scoped(user, Person.objects.filter(pk=other_person.pk)).exists()
    ):
        raise ValueError("Choose one of the people you work with")
    if (
        opportunity is not None
        and not opportunities_visible(user).filter(pk=opportunity.pk).exists()
    ):
        raise ValueError(NOT_YOURS)
    return records.add(
        user=user,
        person=person,
        model=Dismissal,
        values={
            "service": service,
            "opportunity": opportunity,
            "other_person": other_person,
            "because": because,
        },
    )
