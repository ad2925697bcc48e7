"""Every write of connections and contributions, one named function for each action:
``connection_add``, ``connection_move``, ``follow_up_reschedule``, ``contribution_add``,
``formal_service_add``, ``gap_add``, ``opportunity_save``…

Writes of a person's records go through ``alongside.records`` (one transaction, the audit
row beside the change, the version checked). Refusals are ``ValueError`` with words a page
can show as they are.
"""

import uuid
from collections.abc import Iterable, Mapping
from datetime import date, timedelta
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import F, QuerySet
from django.utils import timezone

from alongside import records
from alongside.accounts.models import Area, User
from alongside.accounts.scoping import areas_for, scoped
from alongside.audit.models import Action, RecordType
from alongside.audit.services import audit_record
from alongside.directory import postcodes
from alongside.directory.models import Service
from alongside.people.models import GiftTerm, Person
from alongside.records import StaleVersion
from alongside.validation import DATE_IN_FUTURE

from .models import (
    STAGE_ORDER,
    Connection,
    ConnectionKind,
    ConnectionStage,
    EndedReason,
    FollowUp,
    Opportunity,
    Stage,
)

__all__ = ["StaleVersion"]

Changes = Mapping[str, Any]

NOT_LISTED = "{name} is no longer listed in the directory: choose another resource"
NOT_AGREED = "Both people must have agreed to be introduced before you connect them"
OPPORTUNITY_CLOSED = "That chance to contribute is no longer open: choose another"
NOT_YOURS = "Choose one of the chances to contribute in your areas"
SAME_PERSON = "Choose someone else: a person cannot be connected with themself"
ENDED_NEEDS_REASON = "Select why the connection ended"
BACKWARDS = "It is {stage} already: choose a later stage (stages only move forward)"
BEFORE_LAST = "Enter a date on or after {date}, when it was last moved on"
IN_THE_FUTURE = DATE_IN_FUTURE
DUE_IN_THE_PAST = "Enter a date from today on: a follow-up cannot fall due in the past"
NO_GROUP_NAME = "Enter the name of the group, organisation or place"
AREA_NOT_YOURS = "Choose one of your areas"


def follow_up_days() -> list[int]:
    """Days after going along that follow-ups fall due (``ALONGSIDE_CONNECTION_FOLLOW_UPS``)."""
    return sorted(settings.ALONGSIDE_CONNECTION_FOLLOW_UPS)


def follow_up_label(days: int) -> str:
    if days % 7 == 0 and days < 56:
        return f"{days // 7} weeks"
    if days >= 28:
        months = round(days / 30.4)
        return f"{months} month{'s' if months != 1 else ''}"
    return f"{days} days"


# Connections ------------------------------------------------------------------------------


def connection_add(
    *,
    user: User,
    person: Person,
    kind: str,
    service: Service | None = None,
    opportunity: Opportunity | None = None,
    other_person: Person | None = None,
    name: str = "",
    both_agreed: bool = False,
    why: str = "",
    hopes: str = "",
    introduced_by: str = "",
    going_along: bool = False,
    stage: str = Stage.SUGGESTED,
    on: date | None = None,
    note: str = "",
    form_token: uuid.UUID | None = None,
) -> Connection:
    """Connect the person with a directory resource, a group, a chance to contribute or
    (where both have agreed) another person the user works with, at ``stage`` (a connection
    can be recorded after the person already went along). Refused for a resource no longer
    listed, a closed opportunity or one outside the user's areas, or a person who has not
    agreed."""
    on = on or timezone.localdate()
    if on > timezone.localdate():
        raise ValueError(IN_THE_FUTURE)
    if stage not in STAGE_ORDER or stage == Stage.ENDED:
        raise ValueError(
            "A new connection starts at suggested, introduced, went along or still connected"
        )
    target = _target(
        user=user,
        person=person,
        kind=kind,
        service=service,
        opportunity=opportunity,
        other_person=other_person,
        name=name,
        both_agreed=both_agreed,
    )
    with transaction.atomic():
        connection = records.add(
            user=user,
            person=person,
            model=Connection,
            values={
                "kind": kind,
                **target,
                "both_agreed": both_agreed,
                "why": why,
                "hopes": hopes,
                "introduced_by": introduced_by,
                "going_along": going_along,
                "stage": stage,
                "stage_on": on,
            },
            form_token=form_token,
        )
        if not connection.stages.exists():  # not the same form sent twice
            ConnectionStage.objects.create(
                connection=connection, stage=stage, on=on, note=note, created_by=user
            )
            if STAGE_ORDER.index(stage) >= STAGE_ORDER.index(Stage.WENT_ALONG):
                _went_along(connection=connection, on=on)
    return connection


def _target(
    *,
    user: User,
    person: Person,
    kind: str,
    service: Service | None,
    opportunity: Opportunity | None,
    other_person: Person | None,
    name: str,
    both_agreed: bool,
) -> dict[str, Any]:
    """The fields naming what the connection is with, checked."""
    empty: dict[str, Any] = {"service": None, "opportunity": None, "other_person": None}
    if kind == ConnectionKind.RESOURCE:
        if service is None:
            raise ValueError("Choose a community resource from the directory")
        if service.status != "active":
            raise ValueError(NOT_LISTED.format(name=service.name))
        return {**empty, "service": service, "name": service.name[:255]}
    if kind == ConnectionKind.OPPORTUNITY:
        if (
            opportunity is None
            or not opportunities_visible(user).filter(pk=opportunity.pk).exists()
        ):
            raise ValueError(NOT_YOURS)
        if not opportunity.active:
            raise ValueError(OPPORTUNITY_CLOSED)
        return {**empty, "opportunity": opportunity, "name": opportunity.title}
    if kind == ConnectionKind.PERSON:
        if (
            other_person is None
            or not scoped(user, Person.objects.filter(pk=other_person.pk)).exists()
        ):
            raise ValueError("Choose one of the people you work with")
        if other_person.pk == person.pk:
            raise ValueError(SAME_PERSON)
        if not both_agreed:
            raise ValueError(NOT_AGREED)
        return {**empty, "other_person": other_person, "name": other_person.known_as}
    if kind == ConnectionKind.GROUP:
        if not name.strip():
            raise ValueError(NO_GROUP_NAME)
        return {**empty, "name": name.strip()[:255]}
    raise ValueError(f"Unknown kind of connection {kind!r}")


def connection_change(
    *, user: User, connection: Connection, changes: Changes, expected_version: int
) -> list[str]:
    """Change why, what they hope for, who introduces whom, whether the coordinator goes
    along (not the stage: that is ``connection_move``)."""
    allowed = {"why", "hopes", "introduced_by", "going_along", "name"}
    if set(changes) - allowed:
        raise ValueError(f"Only {', '.join(sorted(allowed))} change here")
    return records.change(
        user=user, record=connection, changes=changes, expected_version=expected_version
    )


def connection_remove(*, user: User, connection: Connection, expected_version: int) -> None:
    """Remove a connection recorded by mistake (one that ended is moved to "ended")."""
    records.remove(user=user, record=connection, expected_version=expected_version)


def connection_move(
    *,
    user: User,
    connection: Connection,
    stage: str,
    on: date,
    note: str = "",
    ended_reason: str = "",
    expected_version: int,
) -> Connection:
    """Move the connection on to ``stage`` (later stages may be skipped to; "still
    connected" may be confirmed again at each follow-up), dated ``on``, with its history
    kept. Going along sets the follow-ups; still connected or ended answers those due by
    then; still connected at the last one makes the connection sustained."""
    if stage not in STAGE_ORDER:
        raise ValueError(f"Unknown stage {stage!r}")
    if on > timezone.localdate():
        raise ValueError(IN_THE_FUTURE)
    if stage == Stage.ENDED and ended_reason not in EndedReason.values:
        raise ValueError(ENDED_NEEDS_REASON)
    with transaction.atomic():
        current = records.lock(Connection, connection.pk, expected_version)
        now_at = STAGE_ORDER.index(current.stage)
        going_to = STAGE_ORDER.index(stage)
        again = stage == current.stage == Stage.STILL_CONNECTED
        if going_to <= now_at and not again:
            raise ValueError(BACKWARDS.format(stage=current.get_stage_display().lower()))
        if on < current.stage_on:
            raise ValueError(BEFORE_LAST.format(date=f"{current.stage_on:%-d %B %Y}"))
        changes: dict[str, Any] = {"stage": stage, "stage_on": on}
        if stage == Stage.ENDED:
            changes["ended_reason"] = ended_reason
        Connection.objects.filter(pk=current.pk).update(
            **changes, version=F("version") + 1, updated_at=timezone.now()
        )
        ConnectionStage.objects.create(
            connection=current,
            stage=stage,
            on=on,
            note=note,
            ended_reason=ended_reason if stage == Stage.ENDED else "",
            created_by=user,
        )
        current.refresh_from_db()
        if going_to >= STAGE_ORDER.index(Stage.WENT_ALONG) and current.went_along_on is None:
            _went_along(connection=current, on=on)
        if stage in (Stage.STILL_CONNECTED, Stage.ENDED):
            _follow_ups_answered(user=user, connection=current, stage=stage, on=on)
        audit_record(
            user=user,
            person_id=current.person_id,
            action=Action.CHANGED,
            record_type=RecordType.CONNECTION,
            record_id=current.pk,
            fields=["stage", "stage_on", *(["ended_reason"] if stage == Stage.ENDED else [])],
            values={"stage": [connection.get_stage_display(), current.get_stage_display()]},
        )
    connection.refresh_from_db()
    return connection


def _went_along(*, connection: Connection, on: date) -> None:
    Connection.objects.filter(pk=connection.pk).update(went_along_on=on)
    days = follow_up_days()
    FollowUp.objects.bulk_create(
        FollowUp(
            connection=connection,
            label=follow_up_label(d),
            due_on=on + timedelta(days=d),
            last=d == days[-1],
        )
        for d in days
    )
    connection.went_along_on = on


# A follow-up answered up to this long before it falls due counts as done.
EARLY = timedelta(days=7)


def _follow_ups_answered(*, user: User, connection: Connection, stage: str, on: date) -> None:
    """Still connected answers the follow-ups due by ``on`` (a week early counts); ended
    answers them all. Still connected at the last one: sustained."""
    open_ones = FollowUp.objects.filter(connection=connection, done_on__isnull=True)
    if stage == Stage.STILL_CONNECTED:
        open_ones = open_ones.filter(due_on__lte=on + EARLY)
    answered = list(open_ones)
    FollowUp.objects.filter(pk__in=[f.pk for f in answered]).update(done_on=on, done_by=user)
    if stage == Stage.STILL_CONNECTED and any(f.last for f in answered):
        Connection.objects.filter(pk=connection.pk, sustained_on__isnull=True).update(
            sustained_on=on
        )


def follow_up_reschedule(*, user: User, follow_up: FollowUp, due_on: date) -> FollowUp:
    """Move a follow-up to another day (from today on)."""
    if due_on < timezone.localdate():
        raise ValueError(DUE_IN_THE_PAST)
    if follow_up.done_on is not None:
        raise ValueError("That follow-up is done already")
    with transaction.atomic():
        FollowUp.objects.filter(pk=follow_up.pk).update(due_on=due_on)
        audit_record(
            user=user,
            person_id=follow_up.connection.person_id,
            action=Action.CHANGED,
            record_type=RecordType.CONNECTION,
            record_id=follow_up.connection_id,
            fields=["follow_up"],
            values={"follow up": [f"{follow_up.due_on:%-d %b %Y}", f"{due_on:%-d %b %Y}"]},
        )
    follow_up.refresh_from_db()
    return follow_up


# Chances to contribute --------------------------------------------------------------------


def opportunities_visible(user: User) -> QuerySet[Opportunity]:
    """The chances to contribute in the user's areas (team knowledge, no personal data)."""
    return Opportunity.objects.filter(area__in=areas_for(user).values("pk"))


def opportunity_save(
    *,
    user: User,
    opportunity: Opportunity | None,
    values: Changes,
    gifts_needed: Iterable[GiftTerm],
    expected_version: int | None = None,
    form_token: uuid.UUID | None = None,
) -> Opportunity:
    """Add (``opportunity`` None) or change a chance to contribute in one of the user's
    areas. The same add form sent twice adds one."""
    area = values.get("area")
    if not isinstance(area, Area) or not areas_for(user).filter(pk=area.pk).exists():
        raise ValueError(AREA_NOT_YOURS)
    values = {**values, **postcodes.located(str(values.get("postcode") or ""))}
    with transaction.atomic():
        if opportunity is None:
            if form_token and (found := Opportunity.objects.filter(form_token=form_token).first()):
                return found
            current = Opportunity(created_by=user, form_token=form_token, **values)
        else:
            current = Opportunity.objects.select_for_update().get(pk=opportunity.pk)
            if current.version != expected_version:
                raise StaleVersion(current)
            for name, value in values.items():
                setattr(current, name, value)
            current.version += 1
        current.full_clean(exclude=["created_by", "form_token"])
        current.save()
        current.gifts_needed.set(list(gifts_needed))
    return current
