"""Every write of community building, one named function for each action:
``community_conversation_save``, ``profile_entry_save``, ``involvement_add``,
``partner_save``, ``partner_contact_add``, ``partner_event_add``,
``partner_contribution_add``, ``project_save``, ``project_update_add``,
``project_person_add`` and their removals.

The area's own records (conversations, profile entries, partners, projects) may be written by
anyone who works in the area. The two that name a person (who would like to get involved, and
a person's part in a project) go through ``alongside.records``: scoped, versioned, audited in
the same transaction, and refused without the person's agreement to be named. Refusals are
``ValueError`` with words a page can show as they are.
"""

import uuid
from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone

from alongside import records
from alongside.accounts.models import Area, User
from alongside.accounts.scoping import areas_for, scoped
from alongside.audit.models import Action, RecordType
from alongside.audit.services import audit_many
from alongside.directory import postcodes
from alongside.people.models import Person
from alongside.records import StaleVersion
from alongside.validation import normalise_phone

from .models import (
    CommunityConversation,
    Involvement,
    Partner,
    PartnerContact,
    PartnerContribution,
    PartnerEvent,
    ProfileEntry,
    Project,
    ProjectPerson,
    ProjectUpdate,
)

Values = Mapping[str, Any]
A = TypeVar("A", CommunityConversation, ProfileEntry, Partner, Project)

AREA_NOT_YOURS = "Choose one of your areas"
NOT_AGREED = "Record that the person agreed to be named before adding them"
IN_FUTURE = "Enter a date that is today or before"


def _messages(invalid: ValidationError) -> str:
    return " ".join(invalid.messages)


def _checked_area(user: User, area: Any) -> Area:
    if not isinstance(area, Area) or not areas_for(user).filter(pk=area.pk).exists():
        raise ValueError(AREA_NOT_YOURS)
    return area


def _area_save(
    *,
    user: User,
    model: type[A],
    record: A | None,
    values: Values,
    expected_version: int | None,
    form_token: uuid.UUID | None,
) -> A:
    """Add (``record`` None) or change one of an area's own records. The same add form sent
    twice adds one; a change names the version it was loaded with."""
    _checked_area(user, values.get("area", getattr(record, "area", None)))
    with transaction.atomic():
        if record is None:
            if form_token and (found := model.objects.filter(form_token=form_token).first()):
                return found
            current = model(created_by=user, form_token=form_token, **values)
        else:
            current = model.objects.select_for_update().get(pk=record.pk)
            if current.version != expected_version or current.deleted_at is not None:
                raise StaleVersion(current)
            for name, value in values.items():
                setattr(current, name, value)
            current.version += 1
        try:
            current.full_clean(exclude=["created_by", "form_token"])
        except ValidationError as invalid:
            raise ValueError(_messages(invalid)) from invalid
        current.save()
    return current


def _area_remove(*, record: models.Model, expected_version: int) -> None:
    model = type(record)
    updated = model._default_manager.filter(
        pk=record.pk, version=expected_version, deleted_at__isnull=True
    ).update(deleted_at=timezone.now(), version=models.F("version") + 1)
    if not updated:
        raise StaleVersion(model._default_manager.get(pk=record.pk))


# Community conversations and the area's profile --------------------------------------------


def community_conversation_save(
    *,
    user: User,
    conversation: CommunityConversation | None,
    values: Values,
    said: Iterable[tuple[str, str]] = (),
    expected_version: int | None = None,
    form_token: uuid.UUID | None = None,
) -> CommunityConversation:
    """Add or change a community conversation; with ``said`` (kind, words), what people said
    there, added to the area's profile in the same transaction."""
    if values.get("on") and values["on"] > timezone.localdate():
        raise ValueError(IN_FUTURE)
    with transaction.atomic():
        saved = _area_save(
            user=user,
            model=CommunityConversation,
            record=conversation,
            values=values,
            expected_version=expected_version,
            form_token=form_token,
        )
        if saved.entries.exists() and conversation is None:
            return saved  # sent twice: the first made its entries
        for kind, words in said:
            if words.strip():
                profile_entry_save(
                    user=user,
                    entry=None,
                    values={
                        "area": saved.area,
                        "kind": kind,
                        "words": words.strip(),
                        "conversation": saved,
                        "on": saved.on,
                    },
                )
    return saved


def community_conversation_remove(
    *, user: User, conversation: CommunityConversation, expected_version: int
) -> None:
    _checked_area(user, conversation.area)
    _area_remove(record=conversation, expected_version=expected_version)


def profile_entry_save(
    *,
    user: User,
    entry: ProfileEntry | None,
    values: Values,
    expected_version: int | None = None,
    form_token: uuid.UUID | None = None,
) -> ProfileEntry:
    if values.get("on") and values["on"] > timezone.localdate():
        raise ValueError(IN_FUTURE)
    return _area_save(
        user=user,
        model=ProfileEntry,
        record=entry,
        values=values,
        expected_version=expected_version,
        form_token=form_token,
    )


def profile_entry_remove(*, user: User, entry: ProfileEntry, expected_version: int) -> None:
    _checked_area(user, entry.area)
    _area_remove(record=entry, expected_version=expected_version)


def _agreed(values: Values) -> None:
    agreed_on, how = values.get("agreed_on"), str(values.get("how_agreed") or "").strip()
    if not agreed_on or not how:
        raise ValueError(NOT_AGREED)
    if agreed_on > timezone.localdate():
        raise ValueError(IN_FUTURE)


def involvement_add(
    *, user: User, person: Person, values: Values, form_token: uuid.UUID | None = None
) -> Involvement:
    """Keep that ``person`` (one the user may see) would like to get involved, with how they
    agreed to be named. Audited."""
    _agreed(values)
    conversation = values.get("conversation")
    if conversation is not None and conversation.area_id != person.area_id:
        raise ValueError("Choose a community conversation in the person's area")
    return records.add(
        user=user, person=person, model=Involvement, values=values, form_token=form_token
    )


def involvements_read(*, user: User, area: Area) -> list[Involvement]:
    """Who in ``area`` would like to get involved, of the people ``user`` may see: each
    shown written to the audit trail."""
    with transaction.atomic():
        found = list(
            scoped(user, Involvement.objects.filter(person__area=area))
            .select_related("person", "conversation")
            .order_by("-agreed_on", "-id")
        )
        audit_many(
            user=user,
            action=Action.VIEWED,
            record_type=RecordType.INVOLVEMENT,
            records=[(i.person_id, i.pk) for i in found],
        )
    return found


def involvement_remove(*, user: User, involvement: Involvement, expected_version: int) -> None:
    records.remove(user=user, record=involvement, expected_version=expected_version)


# Partners ------------------------------------------------------------------------------------


def partner_save(
    *,
    user: User,
    partner: Partner | None,
    values: Values,
    expected_version: int | None = None,
    form_token: uuid.UUID | None = None,
) -> Partner:
    """Add or change a partner; its postcode placed on the map where it is known."""
    located = postcodes.located(str(values.get("postcode") or ""))
    return _area_save(
        user=user,
        model=Partner,
        record=partner,
        values={**values, **located},
        expected_version=expected_version,
        form_token=form_token,
    )


def partner_remove(*, user: User, partner: Partner, expected_version: int) -> None:
    _checked_area(user, partner.area)
    _area_remove(record=partner, expected_version=expected_version)


def _partner_child(user: User, partner: Partner, record: models.Model) -> Any:
    _checked_area(user, partner.area)
    try:
        record.full_clean()
    except ValidationError as invalid:
        raise ValueError(_messages(invalid)) from invalid
    record.save()
    return record


def partner_contact_add(*, user: User, partner: Partner, values: Values) -> PartnerContact:
    """A contact at the partner: a name, a role and the organisation's email and phone."""
    phone = str(values.get("phone") or "").strip()
    if phone:
        try:
            phone = normalise_phone(phone)
        except ValidationError as invalid:
            raise ValueError(_messages(invalid)) from invalid
    return _partner_child(
        user, partner, PartnerContact(partner=partner, **{**values, "phone": phone})
    )


def partner_contact_remove(*, user: User, contact: PartnerContact) -> None:
    _checked_area(user, contact.partner.area)
    contact.delete()


def partner_event_add(*, user: User, partner: Partner, on: date, what: str) -> PartnerEvent:
    """Something done together with the partner, for its history."""
    if on > timezone.localdate():
        raise ValueError(IN_FUTURE)
    return _partner_child(
        user, partner, PartnerEvent(partner=partner, on=on, what=what, created_by=user)
    )


def partner_contribution_add(
    *, user: User, partner: Partner, values: Values
) -> PartnerContribution:
    """Something the partner gives; a chance to contribute it offers must be in its area."""
    opportunity = values.get("opportunity")
    if opportunity is not None and opportunity.area_id != partner.area_id:
        raise ValueError("Choose a chance to contribute in the partner's area")
    return _partner_child(user, partner, PartnerContribution(partner=partner, **values))


def partner_contribution_remove(*, user: User, contribution: PartnerContribution) -> None:
    _checked_area(user, contribution.partner.area)
    contribution.delete()


# Projects ------------------------------------------------------------------------------------


def project_save(
    *,
    user: User,
    project: Project | None,
    values: Values,
    partners: Iterable[Partner] = (),
    expected_version: int | None = None,
    form_token: uuid.UUID | None = None,
) -> Project:
    """Add or change a project, with the partners in it (all of its area)."""
    partners = list(partners)
    area = values.get("area", getattr(project, "area", None))
    if any(p.area_id != getattr(area, "pk", None) for p in partners):
        raise ValueError("Choose partners in the project's area")
    if project is not None and values.get("started_on"):
        first = project.updates.order_by("on").first()
        if first and first.on < values["started_on"]:
            raise ValueError(f"Enter a start on or before its first update ({first.on:%-d %B %Y})")
    located = postcodes.located(str(values.get("postcode") or ""))
    with transaction.atomic():
        saved = _area_save(
            user=user,
            model=Project,
            record=project,
            values={**values, **located},
            expected_version=expected_version,
            form_token=form_token,
        )
        saved.partners.set(partners)
    return saved


def project_remove(*, user: User, project: Project, expected_version: int) -> None:
    _checked_area(user, project.area)
    _area_remove(record=project, expected_version=expected_version)


def project_update_add(*, user: User, project: Project, on: date, what: str) -> ProjectUpdate:
    """How the project is going, on a day on or after it started and not after today."""
    _checked_area(user, project.area)
    if on > timezone.localdate():
        raise ValueError(IN_FUTURE)
    update = ProjectUpdate(project=project, on=on, what=what, created_by=user)
    try:
        update.full_clean()
    except ValidationError as invalid:
        raise ValueError(_messages(invalid)) from invalid
    update.save()
    return update


def project_person_add(
    *,
    user: User,
    project: Project,
    person: Person,
    values: Values,
    form_token: uuid.UUID | None = None,
) -> ProjectPerson:
    """A person (one the user may see) takes part in, contributes to or leads ``project``,
    with how they agreed to be named. Audited."""
    _agreed(values)
    _checked_area(user, project.area)
    contribution = values.get("contribution")
    if contribution is not None and contribution.person_id != person.pk:
        raise ValueError("Choose one of the person's own contributions")
    if ProjectPerson.objects.live().filter(project=project, person=person).exists():
        raise ValueError("They are already part of this project")
    return records.add(
        user=user,
        person=person,
        model=ProjectPerson,
        values={**values, "project": project},
        form_token=form_token,
    )


def project_people_read(*, user: User, project: Project) -> list[ProjectPerson]:
    """The people in ``project`` ``user`` may see, each shown written to the audit trail."""
    with transaction.atomic():
        found = list(
            scoped(user, ProjectPerson.objects.filter(project=project))
            .select_related("person", "contribution")
            .order_by("role", "person__full_name")
        )
        audit_many(
            user=user,
            action=Action.VIEWED,
            record_type=RecordType.PROJECT_PERSON,
            records=[(part.person_id, part.pk) for part in found],
        )
    return found


def project_person_remove(*, user: User, part: ProjectPerson, expected_version: int) -> None:
    records.remove(user=user, record=part, expected_version=expected_version)
