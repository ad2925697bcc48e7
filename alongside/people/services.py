"""Everything that changes a person's record. Each function is one transaction that checks the
version, saves only what changed and writes the audit trail alongside the change."""

import uuid
from datetime import date
from typing import Any

from django.db import IntegrityError, models, transaction
from django.db.models import F
from django.http import Http404
from django.utils import timezone

from alongside.accounts.scoping import scoped
from alongside.audit.models import Action
from alongside.audit.services import audit_record

from .models import (
    Introduction,
    Level,
    NotNowReason,
    Person,
    Status,
    SupportChange,
    SupportChangeKind,
    Versioned,
)


class StaleVersion(Exception):
    """The record changed since the form was loaded; nothing was saved."""

    def __init__(self, current: Versioned):
        super().__init__("stale version")
        self.current = current


def _record_type(obj: models.Model) -> str:
    return obj._meta.model_name


def _person_id(obj: models.Model) -> int:
    return obj.pk if isinstance(obj, Person) else obj.person_id


def person_open(*, user, person_id: int, section: str = "summary") -> Person:
    """Fetch a person the user may see, and record that they looked. 404 for anyone else."""
    with transaction.atomic():
        person = (
            scoped(user, Person.objects.select_related("area", "coordinator"))
            .filter(pk=person_id)
            .first()
        )
        if person is None:
            raise Http404("No such person")
        audit_record(user=user, person_id=person.pk, action=Action.VIEWED, record_type=section)
    return person


def record_get(*, user, model: type[models.Model], pk: int, person: Person) -> models.Model:
    """A record of ``person`` that ``user`` may see, or 404."""
    record = scoped(user, model.objects.filter(pk=pk, person=person)).first()
    if record is None:
        raise Http404("No such record")
    return record


def _existing_for_token(model, form_token):
    if form_token is None:
        return None
    return model.objects.filter(form_token=form_token).first()


def record_add(
    *, user, person: Person, model: type[Versioned], data: dict[str, Any], form_token=None
) -> Versioned:
    """Add a record (conversation, gift, plan step…) to a person. A repeated submit of the same
    form returns the record the first submit made instead of adding it twice."""
    if existing := _existing_for_token(model, form_token):
        return existing
    try:
        with transaction.atomic():
            record = model(person=person, created_by=user, form_token=form_token, **data)
            record.full_clean(exclude=["person", "created_by"])
            record.save()
            audit_record(
                user=user,
                person_id=person.pk,
                action=Action.CREATED,
                record_type=_record_type(record),
                record_id=record.pk,
                fields=data.keys(),
            )
    except IntegrityError:
        if existing := _existing_for_token(model, form_token):
            return existing
        raise
    return record


def record_update(
    *, user, record: Versioned, data: dict[str, Any], expected_version: int
) -> list[str]:
    """Save the fields of ``data`` that differ, if nobody saved since ``expected_version``.

    Returns the names of changed fields; raises :class:`StaleVersion` on a conflict.
    """
    model = type(record)
    with transaction.atomic():
        current = model.objects.select_for_update().get(pk=record.pk)
        if current.version != expected_version:
            raise StaleVersion(current)
        changed = [name for name, value in data.items() if getattr(current, name) != value]
        if not changed:
            return []
        for name in changed:
            setattr(current, name, data[name])
        current.full_clean(exclude=["person", "created_by", "area", "coordinator"])
        now = timezone.now()
        model.objects.filter(pk=record.pk).update(
            **{name: data[name] for name in changed}, version=F("version") + 1, updated_at=now
        )
        audit_record(
            user=user,
            person_id=_person_id(record),
            action=Action.CHANGED,
            record_type=_record_type(record),
            record_id=record.pk,
            fields=changed,
        )
    record.refresh_from_db()
    return changed


def record_remove(*, user, record: Versioned, expected_version: int) -> None:
    """Soft-remove a record; it disappears from every page and stays until retention ends."""
    model = type(record)
    with transaction.atomic():
        updated = model.objects.filter(
            pk=record.pk, version=expected_version, deleted_at__isnull=True
        ).update(deleted_at=timezone.now(), version=F("version") + 1)
        if not updated:
            raise StaleVersion(model.objects.get(pk=record.pk))
        audit_record(
            user=user,
            person_id=_person_id(record),
            action=Action.DELETED,
            record_type=_record_type(record),
            record_id=record.pk,
        )


def person_update(*, user, person: Person, data: dict[str, Any], expected_version: int):
    if "vision" in data and data["vision"] != person.vision:
        data = {**data, "vision_updated_at": timezone.now()}
    return record_update(user=user, record=person, data=data, expected_version=expected_version)


PERSON_FIELDS = (
    "full_name",
    "preferred_name",
    "pronouns",
    "date_of_birth",
    "phone",
    "email",
    "address",
    "postcode",
    "area",
)


def introduction_record(
    *,
    user,
    person_data: dict[str, Any],
    introduction_data: dict[str, Any],
    person: Person | None = None,
    form_token: uuid.UUID | None = None,
) -> Introduction:
    """Record an introduction: a new person, or a new introduction of someone already known."""
    if existing := _existing_for_token(Introduction, form_token):
        return existing
    with transaction.atomic():
        if person is None:
            person = Person(created_by=user, status=Status.NEW, **person_data)
            person.full_clean(exclude=["created_by", "coordinator"])
            person.save()
            audit_record(
                user=user,
                person_id=person.pk,
                action=Action.CREATED,
                record_type="person",
                record_id=person.pk,
                fields=person_data.keys(),
            )
        elif person.status in (Status.STEPPED_BACK, Status.NOT_NOW):
            Person.objects.filter(pk=person.pk).update(
                status=Status.NEW, version=F("version") + 1, updated_at=timezone.now()
            )
            audit_record(
                user=user,
                person_id=person.pk,
                action=Action.CHANGED,
                record_type="person",
                record_id=person.pk,
                fields=["status"],
            )
        intro = Introduction(
            person=person,
            area=person.area,
            created_by=user,
            form_token=form_token,
            **introduction_data,
        )
        intro.full_clean(exclude=["person", "created_by", "area"])
        intro.save()
        audit_record(
            user=user,
            person_id=person.pk,
            action=Action.CREATED,
            record_type="introduction",
            record_id=intro.pk,
            fields=introduction_data.keys(),
        )
    return intro


def introduction_decide(
    *,
    user,
    introduction: Introduction,
    decision: str,
    coordinator=None,
    not_now_reason: str = "",
    note: str = "",
    expected_version: int,
) -> Introduction:
    """Decide the depth of support after a first conversation, or "not now" with a reason."""
    if decision not in (*Level.values, "not_now"):
        raise ValueError(f"Unknown decision {decision!r}")
    if decision == "not_now" and not_now_reason not in NotNowReason.values:
        raise ValueError("'Not now' needs one of the reasons in NotNowReason")
    person = introduction.person
    with transaction.atomic():
        fresh = Introduction.objects.select_for_update().get(pk=introduction.pk)
        if fresh.version != expected_version or fresh.decided_at is not None:
            raise StaleVersion(fresh)
        now = timezone.now()
        Introduction.objects.filter(pk=fresh.pk).update(
            decision=decision,
            not_now_reason=not_now_reason if decision == "not_now" else "",
            decision_note=note,
            decided_at=now,
            decided_by=user,
            version=F("version") + 1,
            updated_at=now,
        )
        audit_record(
            user=user,
            person_id=person.pk,
            action=Action.CHANGED,
            record_type="introduction",
            record_id=fresh.pk,
            fields=["decision", "decided_at", "decision_note", "not_now_reason"],
        )
        person_changes: dict[str, Any] = {}
        if decision == "not_now":
            person_changes = {"status": Status.NOT_NOW}
            reason = not_now_reason
        else:
            person_changes = {"status": Status.ACTIVE, "level": decision}
            person_changes["coordinator"] = coordinator or person.coordinator or user
            reason = ""
        Person.objects.filter(pk=person.pk).update(
            **person_changes, version=F("version") + 1, updated_at=now
        )
        change = SupportChange.objects.create(
            person=person,
            kind=SupportChangeKind.DECIDED,
            level=decision if decision != "not_now" else "",
            reason=reason,
            note=note,
            created_by=user,
        )
        audit_record(
            user=user,
            person_id=person.pk,
            action=Action.CREATED,
            record_type="supportchange",
            record_id=change.pk,
        )
        audit_record(
            user=user,
            person_id=person.pk,
            action=Action.CHANGED,
            record_type="person",
            record_id=person.pk,
            fields=person_changes.keys(),
        )
    introduction.refresh_from_db()
    return introduction


def _change_support(
    *,
    user,
    person: Person,
    kind,
    changes: dict,
    reason="",
    note="",
    on: date | None = None,
    expected_version: int,
) -> Person:
    with transaction.atomic():
        now = timezone.now()
        updated = Person.objects.filter(pk=person.pk, version=expected_version).update(
            **changes, version=F("version") + 1, updated_at=now
        )
        if not updated:
            raise StaleVersion(Person.objects.get(pk=person.pk))
        change = SupportChange.objects.create(
            person=person,
            kind=kind,
            level=changes.get("level", ""),
            reason=reason,
            note=note,
            on=on or timezone.localdate(),
            created_by=user,
        )
        audit_record(
            user=user,
            person_id=person.pk,
            action=Action.CHANGED,
            record_type="person",
            record_id=person.pk,
            fields=changes.keys(),
        )
        audit_record(
            user=user,
            person_id=person.pk,
            action=Action.CREATED,
            record_type="supportchange",
            record_id=change.pk,
        )
    person.refresh_from_db()
    return person


def person_step_back(
    *, user, person: Person, reason: str, note: str = "", on=None, expected_version: int
) -> Person:
    """Step back from walking alongside, with a reason. The record stays, ready to re-open."""
    return _change_support(
        user=user,
        person=person,
        kind=SupportChangeKind.STEPPED_BACK,
        changes={"status": Status.STEPPED_BACK},
        reason=reason,
        note=note,
        on=on,
        expected_version=expected_version,
    )


def person_reopen(
    *, user, person: Person, level: str, note: str = "", expected_version: int
) -> Person:
    """The person came back: support starts again at the chosen level."""
    return _change_support(
        user=user,
        person=person,
        kind=SupportChangeKind.REOPENED,
        changes={
            "status": Status.ACTIVE,
            "level": level,
            "coordinator": person.coordinator or user,
        },
        note=note,
        expected_version=expected_version,
    )


def person_change_level(
    *, user, person: Person, level: str, note: str = "", expected_version: int
) -> Person:
    return _change_support(
        user=user,
        person=person,
        kind=SupportChangeKind.LEVEL_CHANGED,
        changes={"level": level},
        note=note,
        expected_version=expected_version,
    )
