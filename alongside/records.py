"""The machinery every write of a person's record shares: one small module, called only by
the named write functions in each app's ``services.py`` (``conversation_add``,
``network_member_change``, ``crisis_avoided_remove``, …), never by a view.

* **One stale-edit mechanism.** Every versioned record carries an integer ``version``; a
  change names the version its form was loaded with (``expected_version``) and is refused
  with :class:`StaleVersion` when a colleague saved in between. Nothing is overwritten.
* **A double submit is harmless.** An add carries the form's one-time ``form_token``; the same
  form sent again (a double click, Back and Save) returns the record the first one made.
* **Removal is soft.** ``deleted_at`` is set; the row stays until retention removes it.
* **Audited in the same transaction**, with the record type the model declares
  (``audit_type``) and the old and new values of status, level, coordinator and area.

A record belongs to a person through ``person`` (or is the person): the scoping function
(``accounts.scoping.scoped``) decides who may see it, and that is checked before these run.
"""

import uuid
from collections.abc import Iterable, Mapping
from typing import Any, TypeVar

from django.db import IntegrityError, models, transaction
from django.db.models import F
from django.utils import timezone

from alongside.accounts.scoping import scoped
from alongside.audit.models import VALUES_KEPT, Action, RecordType
from alongside.audit.services import audit_record

R = TypeVar("R", bound=models.Model)


class StaleVersion(Exception):
    """The record changed since the form was loaded; nothing was saved. ``current`` is the
    record as it is now."""

    def __init__(self, current: Any):
        super().__init__("stale version")
        self.current = current


def record_type_of(model: type[models.Model]) -> RecordType:
    """The audit vocabulary's word for a model's records (its ``audit_type``)."""
    return RecordType(model.audit_type)  # type: ignore[attr-defined]


def person_id_of(record: models.Model) -> int:
    return record.pk if record._meta.model_name == "person" else record.person_id  # type: ignore[attr-defined]


def shown(record: models.Model, name: str) -> str:
    """A field's value in the words a page shows: a choice's label, a linked record's name."""
    field = record._meta.get_field(name)
    if field.is_relation:
        related = getattr(record, name)
        return "" if related is None else str(related)
    display = getattr(record, f"get_{name}_display", None)
    return str(display() if display else getattr(record, name) or "")


def words(record: models.Model, names: Iterable[str]) -> dict[str, str]:
    """The words a page shows for those of ``names`` whose old values the audit keeps."""
    return {name: shown(record, name) for name in names if name in VALUES_KEPT}


def values_kept(before: Mapping[str, str], after: models.Model) -> dict[str, list[str]]:
    """Old and new words of the fields the audit keeps values of, where they differ."""
    return {name: [old, new] for name, old in before.items() if old != (new := shown(after, name))}


def lock(model: type[R], pk: Any, expected_version: int) -> R:
    """The record, locked for this transaction, if it is still at ``expected_version``;
    otherwise :class:`StaleVersion`. Call inside ``transaction.atomic``."""
    current = model._default_manager.select_for_update().get(pk=pk)
    if current.version != expected_version:  # type: ignore[attr-defined]
        raise StaleVersion(current)
    return current


def _visible_for_token(user: Any, model: type[R], person: Any, form_token: uuid.UUID) -> R | None:
    return scoped(user, model._default_manager.filter(person=person, form_token=form_token)).first()


def add(
    *,
    user: Any,
    person: Any,
    model: type[R],
    values: Mapping[str, Any],
    form_token: uuid.UUID | None = None,
) -> R:
    """Add a record of ``model`` to ``person``. The same ``form_token`` again returns the
    record the first submit made. A token already used by a record this user can no longer
    see (removed since) is dropped: the user is adding it again on purpose."""
    if form_token is not None and (found := _visible_for_token(user, model, person, form_token)):
        return found
    try:
        with transaction.atomic():
            record = model(person=person, created_by=user, form_token=form_token, **values)
            record.full_clean(exclude=["person", "created_by", "form_token"])
            record.save()
            audit_record(
                user=user,
                person_id=person.pk,
                action=Action.CREATED,
                record_type=record_type_of(model),
                record_id=record.pk,
                fields=values.keys(),
            )
    except IntegrityError:
        if form_token is None:
            raise
        if found := _visible_for_token(user, model, person, form_token):
            return found  # sent twice at once: the other request added it
        return add(user=user, person=person, model=model, values=values)
    return record


def change(*, user: Any, record: R, changes: Mapping[str, Any], expected_version: int) -> list[str]:
    """Save the fields of ``changes`` that differ, if nobody saved since ``expected_version``.
    Returns the names of the changed fields; raises :class:`StaleVersion` on a conflict. The
    audit names the fields a user can change (not the dates and keys derived from them)."""
    model = type(record)
    with transaction.atomic():
        current = lock(model, record.pk, expected_version)
        changed = [name for name, value in changes.items() if getattr(current, name) != value]
        if not changed:
            return []
        before = words(current, changed)
        for name in changed:
            setattr(current, name, changes[name])
        current.full_clean(exclude=["person", "created_by", "area", "coordinator"])
        model._default_manager.filter(pk=record.pk).update(
            **{name: changes[name] for name in changed},
            version=F("version") + 1,
            updated_at=timezone.now(),
        )
        audit_record(
            user=user,
            person_id=person_id_of(record),
            action=Action.CHANGED,
            record_type=record_type_of(model),
            record_id=record.pk,
            fields=[n for n in changed if model._meta.get_field(n).editable],
            values=values_kept(before, current),
        )
    record.refresh_from_db()
    return changed


def remove(*, user: Any, record: models.Model, expected_version: int) -> None:
    """Soft-remove a record: it disappears from every page and stays until retention ends."""
    model = type(record)
    with transaction.atomic():
        updated = model._default_manager.filter(
            pk=record.pk, version=expected_version, deleted_at__isnull=True
        ).update(deleted_at=timezone.now(), version=F("version") + 1)
        if not updated:
            raise StaleVersion(model._default_manager.get(pk=record.pk))
        audit_record(
            user=user,
            person_id=person_id_of(record),
            action=Action.DELETED,
            record_type=record_type_of(model),
            record_id=record.pk,
        )
