"""Every write of a person's record, one named function for each action: ``person_change``,
``introduction_record``, ``conversation_add``, ``plan_step_change``, ``gift_remove``, …

Each is one transaction that saves only what changed and writes the audit trail alongside the
change (the shared machinery is ``alongside.records``). A change a user makes from a form names
the version the form was loaded with and is refused with ``StaleVersion`` if a colleague saved
in between; a change that follows from another action (a decision, a new introduction of
someone known) locks the person's row, builds on what is there now and bumps the version, so
that any form still open on it is refused in turn. Callers have already fetched the person
through the scoping function (``person_open``).
"""

import uuid
from collections.abc import Iterable, Mapping
from datetime import date, timedelta
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import F
from django.http import Http404
from django.utils import timezone

from alongside import records
from alongside.accounts.models import Area, User
from alongside.accounts.scoping import areas_for, scoped
from alongside.audit.models import Action, RecordType
from alongside.audit.services import audit_many, audit_record
from alongside.records import StaleVersion

from . import matching, tasks
from .feedback import Invitation, feedback_link
from .message_words import DEFAULTS, FEEDBACK_INVITATION, NO_EMAIL_ADDRESS, render
from .models import (
    CLOSED,
    ClosedReason,
    Conversation,
    Easy,
    FamilyMember,
    Gift,
    GiftKind,
    GiftTerm,
    Handover,
    Helped,
    IntroducerFeedback,
    IntroducerKind,
    IntroducerMessage,
    Introduction,
    Level,
    MessageKind,
    MessageTemplate,
    NotNowReason,
    Person,
    PlanReview,
    PlanStep,
    Status,
    StepStatus,
    SupportChange,
    SupportChangeKind,
    VoiceEntry,
)

__all__ = ["StaleVersion"]  # re-exported: views catch it from here

Changes = Mapping[str, Any]


# Opening a record (a read, audited) ------------------------------------------------------


def person_open(
    *, user: User, person_id: int, record_type: RecordType = RecordType.PERSON
) -> Person:
    """Fetch a person the user may see, and record that they looked at ``record_type`` of
    them. 404 for anyone else."""
    with transaction.atomic():
        person = (
            scoped(user, Person.objects.select_related("area", "coordinator"))
            .filter(pk=person_id)
            .first()
        )
        if person is None:
            raise Http404("No such person")
        audit_record(user=user, person_id=person.pk, action=Action.VIEWED, record_type=record_type)
    return person


def introduction_open(*, user: User, introduction_id: int) -> Introduction:
    """Fetch an introduction the user may see, and record that they read it. 404 otherwise."""
    with transaction.atomic():
        intro = (
            scoped(user, Introduction.objects.filter(pk=introduction_id))
            .select_related("person", "area", "created_by", "decided_by", "handed_over_from")
            .first()
        )
        if intro is None:
            raise Http404("No such introduction")
        audit_record(
            user=user,
            person_id=intro.person_id,
            action=Action.VIEWED,
            record_type=RecordType.INTRODUCTION,
            record_id=intro.pk,
        )
    return intro


def introductions_shown(*, user: User, introductions: Iterable[Introduction]) -> None:
    """The inbox showed these introductions with an excerpt of "what's going on": one audit
    entry for each (see DESIGN.md, "Audit")."""
    with transaction.atomic():
        audit_many(
            user=user,
            action=Action.VIEWED,
            record_type=RecordType.INTRODUCTION,
            records=[(intro.person_id, intro.pk) for intro in introductions],
            fields=["whats_going_on"],
        )


def my_day_opened(*, user: User, shown: Iterable[tuple[RecordType, int, int, list[str]]]) -> None:
    """The user opened My day: audit the personal free text it showed (one entry for each
    record), and remember when, for "changed since you last looked"."""
    by_type: dict[tuple[RecordType, tuple[str, ...]], list[tuple[int, int | None]]] = {}
    for record_type, person_id, record_id, fields in shown:
        by_type.setdefault((record_type, tuple(fields)), []).append((person_id, record_id))
    with transaction.atomic():
        for (record_type, names), rows in by_type.items():
            audit_many(
                user=user,
                action=Action.VIEWED,
                record_type=record_type,
                records=rows,
                fields=names,
            )
        User.objects.filter(pk=user.pk).update(my_day_seen_at=timezone.now())


# The person ------------------------------------------------------------------------------


def person_change(
    *, user: User, person: Person, changes: Changes, expected_version: int
) -> list[str]:
    """Change the person's details, what matters to them or their vision. A new vision is
    dated, so the record can say when it was last written; new details get new matching keys."""
    if "vision" in changes and changes["vision"] != person.vision:
        changes = {**changes, "vision_updated_at": timezone.now()}
    changes = {**changes, **matching.keys_for(changes)}
    return records.change(
        user=user, record=person, changes=changes, expected_version=expected_version
    )


def _person_locked(person: Person) -> Person:
    """The person's row as it is now, locked until the transaction ends."""
    return Person.objects.select_for_update().get(pk=person.pk)


def _person_set(*, user: User | None, person: Person, changes: dict[str, Any], now: Any) -> None:
    """Write ``changes`` to a person locked by ``_person_locked``, bump the version and audit
    it, with the old and new values the audit keeps."""
    before = records.words(person, changes)
    for name, value in changes.items():
        setattr(person, name, value)
    Person.objects.filter(pk=person.pk).update(**changes, version=F("version") + 1, updated_at=now)
    audit_record(
        user=user,
        person_id=person.pk,
        action=Action.CHANGED,
        record_type=RecordType.PERSON,
        record_id=person.pk,
        fields=changes.keys(),
        values=records.values_kept(before, person),
    )


PUBLIC_NEW_ONLY = "The public pages introduce new people only, never one already known"


def introduction_record(
    *,
    user: User | None,
    person_data: Mapping[str, Any],
    introduction_data: Mapping[str, Any],
    person: Person | None = None,
    form_token: uuid.UUID | None = None,
    hand_over_reason: str = "",
    acknowledge: bool = False,
) -> Introduction:
    """Record an introduction: of a new person (``person`` None, made from ``person_data``),
    or a new introduction of someone already known, whose record opens again as a new
    introduction if support had ended. The same form sent twice records it once. Anything
    written about what is urgent makes the introduction urgent. With ``hand_over_reason``, a
    new person is recorded straight into an area the user does not work in (``person_data``
    names it) and handed over there. With ``acknowledge``, whoever introduced them is emailed
    that it has arrived. ``user`` None: made on the public pages, where whether the person
    is known already is never looked up (a coordinator sees a possible duplicate on the
    introduction's page, and merges the two)."""
    if user is None and (person is not None or form_token is not None or hand_over_reason):
        raise ValueError(PUBLIC_NEW_ONLY)
    if form_token is not None and (
        existing := scoped(user, Introduction.objects.filter(form_token=form_token)).first()
    ):
        return existing
    if str(introduction_data.get("urgent_detail") or "").strip():
        introduction_data = {**introduction_data, "urgent": True}
    with transaction.atomic():
        if person is None:
            person = Person(
                created_by=user,
                status=Status.NEW,
                **person_data,
                **matching.keys_for(dict(person_data)),
            )
            person.full_clean(exclude=["created_by", "coordinator"])
            person.save()
            audit_record(
                user=user,
                person_id=person.pk,
                action=Action.CREATED,
                record_type=RecordType.PERSON,
                record_id=person.pk,
                fields=person_data.keys(),
            )
        else:
            person = _person_locked(person)
            if person.status in (Status.STEPPED_BACK, Status.NOT_NOW):
                _person_set(
                    user=user, person=person, changes={"status": Status.NEW}, now=timezone.now()
                )
        intro = Introduction(
            person=person,
            area=person.area,
            created_by=user,
            form_token=form_token,
            **introduction_data,
        )
        if hand_over_reason:
            intro.handed_over_from = areas_for(user).order_by("name").first()
        intro.full_clean(exclude=["person", "created_by", "area"])
        intro.save()
        audit_record(
            user=user,
            person_id=person.pk,
            action=Action.CREATED,
            record_type=RecordType.INTRODUCTION,
            record_id=intro.pk,
            fields=introduction_data.keys(),
        )
        if hand_over_reason:
            _handover_add(
                user=user,
                person=person,
                from_area=intro.handed_over_from,
                reason=hand_over_reason,
            )
        if acknowledge:
            introducer_message_send(user=user, introduction=intro, kind=MessageKind.RECEIVED)
    return intro


def _initials(full_name: str) -> str:
    return "".join(f"{word[0].upper()}." for word in matching.name_key(full_name).split()[:3])


def _handover_add(
    *, user: User | None, person: Person, from_area: Area | None, reason: str
) -> Handover:
    handover = Handover.objects.create(
        person=person,
        from_area=from_area,
        to_area=person.area,
        reason=reason,
        initials=_initials(person.full_name),
        created_by=user,
    )
    audit_record(
        user=user,
        person_id=person.pk,
        action=Action.CREATED,
        record_type=RecordType.HANDOVER,
        record_id=handover.pk,
        fields=["to_area", "reason"],
        values={"area": [str(from_area or ""), str(person.area)]},
    )
    return handover


def person_hand_over(
    *, user: User, person: Person, to_area: Area, reason: str, expected_version: int
) -> Handover:
    """Pass the person, and their introductions still waiting, to another area, with a
    reason. Their coordinator stays only if they work in that area too; the introductions
    arrive in its inbox marked as handed over."""
    if not reason.strip():
        raise ValueError("A handover needs a reason")
    with transaction.atomic():
        current = records.lock(Person, person.pk, expected_version)
        if current.area_id == to_area.pk:
            raise ValueError("The person is in that area already")
        from_area = current.area
        changes: dict[str, Any] = {"area": to_area}
        if (
            current.coordinator is not None
            and not current.coordinator.areas.filter(pk=to_area.pk).exists()
        ):
            changes["coordinator"] = None
        now = timezone.now()
        _person_set(user=user, person=current, changes=changes, now=now)
        Introduction.objects.filter(
            person=current, decided_at__isnull=True, deleted_at__isnull=True
        ).update(area=to_area, handed_over_from=from_area, version=F("version") + 1, updated_at=now)
        handover = _handover_add(user=user, person=current, from_area=from_area, reason=reason)
    person.refresh_from_db()
    return handover


def handover_received(*, user: User, person: Person) -> None:
    """Someone in the area a person was handed over to opened their record: the sender sees
    that it has arrived."""
    Handover.objects.filter(
        person=person, to_area_id=person.area_id, received_at__isnull=True
    ).update(received_at=timezone.now(), received_by=user)


def introduction_decide(
    *,
    user: User,
    introduction: Introduction,
    decision: str,
    coordinator: User | None = None,
    not_now_reason: str = "",
    note: str = "",
    tell_introducer: bool = False,
    expected_version: int,
) -> Introduction:
    """Decide the depth of support after a first conversation, or "not now" with a reason.
    The person becomes supported at that level (by ``coordinator``, or whoever supports them
    already, or ``user``), or "not now"; a dated support change records the decision. With
    ``tell_introducer``, whoever introduced them is emailed that the coordinator has been in
    touch (and nothing of the decision)."""
    if decision not in (*Level.values, "not_now"):
        raise ValueError(f"Unknown decision {decision!r}")
    if decision == "not_now" and not_now_reason not in NotNowReason.values:
        raise ValueError("'Not now' needs one of the reasons in NotNowReason")
    with transaction.atomic():
        fresh = records.lock(Introduction, introduction.pk, expected_version)
        if fresh.decided_at is not None:
            raise StaleVersion(fresh)
        now = timezone.now()
        _introduction_set_decided(
            user=user, introduction=fresh, decision=decision, reason=not_now_reason, note=note
        )
        _decide_the_others(user=user, decided=fresh, decision=decision, reason=not_now_reason)
        person = _person_locked(introduction.person)
        if decision == "not_now":
            changes: dict[str, Any] = {"status": Status.NOT_NOW}
        else:
            changes = {
                "status": Status.ACTIVE,
                "level": decision,
                "coordinator": coordinator or person.coordinator or user,
            }
        _person_set(user=user, person=person, changes=changes, now=now)
        _support_change_add(
            user=user,
            person=person,
            kind=SupportChangeKind.DECIDED,
            level=decision if decision != "not_now" else "",
            reason=not_now_reason if decision == "not_now" else "",
            note=note,
        )
        if tell_introducer:
            if decision == "not_now" and not_now_reason == NotNowReason.NO_CONTACT:
                raise ValueError("Nobody has been in touch: there is nothing to tell")
            introducer_message_send(user=user, introduction=fresh, kind=MessageKind.IN_TOUCH)
    introduction.refresh_from_db()
    return introduction


def introduction_close(
    *, user: User, introduction: Introduction, reason: str, note: str = "", expected_version: int
) -> Introduction:
    """End an introduction without deciding support: it was recorded twice or by mistake,
    was withdrawn, or its person is supported already. Refused (``ValueError``) for the last
    introduction waiting of someone not yet supported, who would then be waiting nowhere:
    decide that one ("not now" has its reasons), or remove a person recorded by mistake."""
    if reason not in ClosedReason.values:
        raise ValueError(f"Unknown reason {reason!r}")
    with transaction.atomic():
        fresh = records.lock(Introduction, introduction.pk, expected_version)
        if fresh.decided_at is not None:
            raise StaleVersion(fresh)
        person = _person_locked(fresh.person)
        others_waiting = (
            Introduction.objects.live()
            .filter(person=person, decided_at__isnull=True)
            .exclude(pk=fresh.pk)
            .exists()
        )
        if person.status == Status.NEW and not others_waiting:
            raise ValueError(CLOSE_LAST_REFUSED.format(name=person.known_as))
        _introduction_set_decided(
            user=user, introduction=fresh, decision=CLOSED, reason=reason, note=note
        )
    introduction.refresh_from_db()
    return introduction


CLOSE_LAST_REFUSED = (
    "This is the only introduction of {name} still waiting, and nobody supports them yet: "
    "decide it instead (choose \u201cNot now\u201d, with a reason), or, if {name} was recorded "
    "by mistake, remove their record"
)


# Emails to introducers -------------------------------------------------------------------


def introducer_message_send(
    *, user: User | None, introduction: Introduction, kind: MessageKind
) -> IntroducerMessage:
    """Email whoever made the introduction (``Introduction.introducer_email``), in the words
    of the administrators' template for ``kind``, once: asked again, it is the same message.
    The email goes after the transaction commits, from the background worker; the message
    records when it went, or why it could not. ``ValueError`` when there is no address."""
    if kind == MessageKind.IN_TOUCH and introduction.introducer_kind == IntroducerKind.SELF:
        raise ValueError("They introduced themself: they know you have been in touch")
    to = introduction.introducer_email
    if not to:
        raise ValueError(NO_EMAIL_ADDRESS)
    if existing := IntroducerMessage.objects.filter(introduction=introduction, kind=kind).first():
        return existing
    template = MessageTemplate.objects.filter(kind=kind).first()
    subject, body = (template.subject, template.body) if template else DEFAULTS[kind]
    values = _message_values(user=user, introduction=introduction)
    words = render(body, values)
    if kind == MessageKind.IN_TOUCH:
        words += "\n\n" + FEEDBACK_INVITATION.format(link=feedback_link(introduction))
    with transaction.atomic():
        message = IntroducerMessage.objects.create(
            introduction=introduction,
            kind=kind,
            to=to,
            subject=render(subject, values).replace("\n", " ")[:200],
            body=words,
            created_by=user,
        )
        audit_record(
            user=user,
            person_id=introduction.person_id,
            action=Action.CREATED,
            record_type=RecordType.INTRODUCTION,
            record_id=introduction.pk,
            fields=[f"email to introducer: {kind.label.lower()}"],
        )
        transaction.on_commit(lambda: _message_queue(message.pk))
    return message


FEEDBACK_GIVEN = "Thank you: your answers from this link have already reached us"


def introducer_feedback_add(
    *, invitation: Invitation, easy: str, helped: str
) -> IntroducerFeedback:
    """Keep what an introducer answered, once a link (``ValueError`` with
    ``FEEDBACK_GIVEN`` the second time). Counted in the month it was given."""
    if easy not in Easy.values or helped not in Helped.values:
        raise ValueError("Choose one answer to each question")
    try:
        with transaction.atomic():
            return IntroducerFeedback.objects.create(
                area=invitation.area,
                month=timezone.localdate().replace(day=1),
                introducer_kind=invitation.introducer_kind,
                easy=easy,
                helped=helped,
                token=invitation.token,
            )
    except IntegrityError:
        raise ValueError(FEEDBACK_GIVEN) from None


def _message_values(*, user: User | None, introduction: Introduction) -> dict[str, str]:
    """The placeholders' words: only what whoever made the introduction told us, and who we
    are."""
    person = introduction.person
    self_introduced = introduction.introducer_kind == IntroducerKind.SELF
    first_name = (person.full_name.split() or [""])[0]
    return {
        "introducer_name": (
            first_name if self_introduced else introduction.introducer_name or "there"
        ),
        "first_name": "yourself" if self_introduced else first_name,
        "received_on": f"{introduction.received_on:%-d %B %Y}",
        "area": introduction.area.name,
        "coordinator": (
            (user.get_full_name() or user.email) if user else "the Local Area Coordination team"
        ),
    }


def _message_queue(message_id: int) -> None:
    tasks.send_introducer_message.enqueue(message_id)


def _decide_the_others(*, user: User, decided: Introduction, decision: str, reason: str) -> None:
    """Every introduction ends: the person's other introductions still waiting are decided
    with this one, so none waits after the person has been supported (or said not now)."""
    waiting = list(
        Introduction.objects.select_for_update()
        .filter(person_id=decided.person_id, decided_at__isnull=True, deleted_at__isnull=True)
        .exclude(pk=decided.pk)
    )
    for other in waiting:
        _introduction_set_decided(
            user=user,
            introduction=other,
            decision=decision,
            reason=reason,
            note=f"Decided with the introduction of {decided.received_on:%-d %B %Y}",
        )


def _introduction_set_decided(
    *, user: User, introduction: Introduction, decision: str, reason: str, note: str
) -> None:
    now = timezone.now()
    Introduction.objects.filter(pk=introduction.pk).update(
        decision=decision,
        not_now_reason=reason if decision == "not_now" else "",
        closed_reason=reason if decision == CLOSED else "",
        decision_note=note,
        decided_at=now,
        decided_by=user,
        version=F("version") + 1,
        updated_at=now,
    )
    audit_record(
        user=user,
        person_id=introduction.person_id,
        action=Action.CHANGED,
        record_type=RecordType.INTRODUCTION,
        record_id=introduction.pk,
        fields=["decision", "decided_at", "decision_note", "not_now_reason", "closed_reason"]
        if decision == CLOSED
        else ["decision", "decided_at", "decision_note", "not_now_reason"],
    )


def _support_change_add(
    *,
    user: User,
    person: Person,
    kind: str,
    level: str = "",
    reason: str = "",
    note: str = "",
    on: date | None = None,
) -> SupportChange:
    change = SupportChange.objects.create(
        person=person,
        kind=kind,
        level=level,
        reason=reason,
        note=note,
        on=on or timezone.localdate(),
        created_by=user,
    )
    audit_record(
        user=user,
        person_id=person.pk,
        action=Action.CREATED,
        record_type=RecordType.SUPPORT_CHANGE,
        record_id=change.pk,
    )
    return change


def _change_support(
    *,
    user: User,
    person: Person,
    kind: str,
    changes: dict[str, Any],
    reason: str = "",
    note: str = "",
    on: date | None = None,
    expected_version: int,
) -> Person:
    with transaction.atomic():
        current = records.lock(Person, person.pk, expected_version)
        _person_set(user=user, person=current, changes=changes, now=timezone.now())
        _support_change_add(
            user=user,
            person=current,
            kind=kind,
            level=changes.get("level", ""),
            reason=reason,
            note=note,
            on=on,
        )
    person.refresh_from_db()
    return person


def person_step_back(
    *,
    user: User,
    person: Person,
    reason: str,
    note: str = "",
    on: date | None = None,
    expected_version: int,
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
    *, user: User, person: Person, level: str, note: str = "", expected_version: int
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
    *, user: User, person: Person, level: str, note: str = "", expected_version: int
) -> Person:
    """Support the person at another level (information, a connection, short-term, walking
    alongside)."""
    return _change_support(
        user=user,
        person=person,
        kind=SupportChangeKind.LEVEL_CHANGED,
        changes={"level": level},
        note=note,
        expected_version=expected_version,
    )


# Duplicates: merging and removing --------------------------------------------------------

RESTORE_DAYS = 30
MERGEABLE = (
    "full_name",
    "preferred_name",
    "pronouns",
    "date_of_birth",
    "phone",
    "email",
    "address",
    "postcode",
    "coordinator",
    "what_matters",
    "vision",
)


def _move_records(*, merge: Person, keep: Person) -> int:
    """Every record that belongs to ``merge`` (in any app: introductions, conversations, the
    network, measures…) moves to ``keep``. A record that cannot move because ``keep`` has the
    same one already (a network member of the same name) is removed instead. Returns how
    many were removed so."""
    clashes = 0
    now = timezone.now()
    for model, name in Person.records_of_a_person():
        soft = {f.name for f in model._meta.get_fields()} >= {"deleted_at", "form_token"}
        rows = model._base_manager.filter(**{name: merge})
        try:
            with transaction.atomic():
                rows.update(**{name: keep})
        except IntegrityError:
            for row in rows:
                try:
                    with transaction.atomic():
                        model._base_manager.filter(pk=row.pk).update(**{name: keep})
                except IntegrityError:
                    if not soft:
                        raise
                    model._base_manager.filter(pk=row.pk).update(
                        **{name: keep}, deleted_at=now, form_token=None
                    )
                    clashes += 1
    return clashes


def person_merge(
    *,
    user: User,
    keep: Person,
    merge: Person,
    values: Mapping[str, Any],
    reason: str,
    expected_versions: tuple[int, int],
) -> Person:
    """Merge the duplicate ``merge`` into ``keep``: ``keep`` takes the chosen ``values`` (of
    ``MERGEABLE``), every record of ``merge`` moves to ``keep``, and ``merge`` is removed,
    its address leading to ``keep``. Both people's audit trails show the merge."""
    if keep.pk == merge.pk:
        raise ValueError("A person cannot be merged with themself")
    unknown = set(values) - set(MERGEABLE)
    if unknown:
        raise ValueError(f"These cannot be chosen in a merge: {sorted(unknown)}")
    with transaction.atomic():
        first, second = sorted([keep.pk, merge.pk])  # lock in one order: no deadlock
        versions = dict(zip((keep.pk, merge.pk), expected_versions, strict=True))
        locked = {pk: records.lock(Person, pk, versions[pk]) for pk in (first, second)}
        kept, merged = locked[keep.pk], locked[merge.pk]
        now = timezone.now()
        changes = {n: v for n, v in values.items() if getattr(kept, n) != v}
        changes = {**changes, **matching.keys_for(changes)}
        if changes:
            _person_set(user=user, person=kept, changes=changes, now=now)
        clashes = _move_records(merge=merged, keep=kept)
        Person.objects.filter(pk=merged.pk).update(
            deleted_at=now,
            merged_into=kept,
            removed_reason=reason,
            form_token=None,
            version=F("version") + 1,
            updated_at=now,
        )
        for person_id in (kept.pk, merged.pk):
            audit_record(
                user=user,
                person_id=person_id,
                action=Action.MERGED,
                record_type=RecordType.PERSON,
                record_id=kept.pk,
                fields=sorted(changes),
                values={
                    "merged": [f"{merged.full_name} ({merged.pk})", f"{kept.full_name} ({kept.pk})"]
                },
            )
        if clashes:
            audit_record(
                user=user,
                person_id=kept.pk,
                action=Action.DELETED,
                record_type=RecordType.NETWORK_MEMBER,
                fields=[f"{clashes} duplicate(s) of what {kept.full_name} had already"],
            )
    keep.refresh_from_db()
    return keep


def person_remove(*, user: User, person: Person, reason: str, expected_version: int) -> None:
    """Remove a person recorded by mistake: they disappear from every page, and a manager
    can restore them for ``RESTORE_DAYS`` days."""
    if not reason.strip():
        raise ValueError("Removing a person needs a reason")
    with transaction.atomic():
        records.lock(Person, person.pk, expected_version)
        Person.objects.filter(pk=person.pk).update(
            deleted_at=timezone.now(),
            removed_reason=reason,
            version=F("version") + 1,
            updated_at=timezone.now(),
        )
        audit_record(
            user=user,
            person_id=person.pk,
            action=Action.DELETED,
            record_type=RecordType.PERSON,
            record_id=person.pk,
            fields=["removed_reason"],
        )


def person_restore(*, user: User, person: Person) -> Person:
    """Bring back a person removed in the last ``RESTORE_DAYS`` days (not one merged into
    another: their records have moved)."""
    if person.merged_into_id is not None:
        raise ValueError("A merged person cannot be restored: their records are with the other")
    with transaction.atomic():
        updated = Person.objects.filter(
            pk=person.pk,
            deleted_at__gte=timezone.now() - timedelta(days=RESTORE_DAYS),
        ).update(deleted_at=None, removed_reason="", version=F("version") + 1)
        if not updated:
            raise ValueError("Only a person removed in the last 30 days can be restored")
        audit_record(
            user=user,
            person_id=person.pk,
            action=Action.RESTORED,
            record_type=RecordType.PERSON,
            record_id=person.pk,
        )
    person.refresh_from_db()
    return person


# Conversations ---------------------------------------------------------------------------


def conversation_add(
    *,
    user: User,
    person: Person,
    notes: str,
    on: date | None = None,
    how: str = "in_person",
    where: str = "",
    who_was_there: str = "",
    duration_minutes: int | None = None,
    form_token: uuid.UUID | None = None,
) -> Conversation:
    """Note a conversation with the person: when, how, where, who else was there, and what
    you talked about."""
    return records.add(
        user=user,
        person=person,
        model=Conversation,
        values={
            "on": on or timezone.localdate(),
            "how": how,
            "where": where,
            "who_was_there": who_was_there,
            "duration_minutes": duration_minutes,
            "notes": notes,
        },
        form_token=form_token,
    )


def conversation_change(
    *, user: User, conversation: Conversation, changes: Changes, expected_version: int
) -> list[str]:
    return records.change(
        user=user, record=conversation, changes=changes, expected_version=expected_version
    )


def conversation_remove(*, user: User, conversation: Conversation, expected_version: int) -> None:
    records.remove(user=user, record=conversation, expected_version=expected_version)


# Family and household --------------------------------------------------------------------


def family_member_add(
    *,
    user: User,
    person: Person,
    name: str,
    relationship: str,
    lives_with_person: bool = False,
    notes: str = "",
    form_token: uuid.UUID | None = None,
) -> FamilyMember:
    """Someone in the person's household or family."""
    return records.add(
        user=user,
        person=person,
        model=FamilyMember,
        values={
            "name": name,
            "relationship": relationship,
            "lives_with_person": lives_with_person,
            "notes": notes,
        },
        form_token=form_token,
    )


def family_member_change(
    *, user: User, family_member: FamilyMember, changes: Changes, expected_version: int
) -> list[str]:
    return records.change(
        user=user, record=family_member, changes=changes, expected_version=expected_version
    )


def family_member_remove(*, user: User, family_member: FamilyMember, expected_version: int) -> None:
    records.remove(user=user, record=family_member, expected_version=expected_version)


# Gifts, strengths, skills and interests --------------------------------------------------


def _gift_kind(term: GiftTerm | None, kind: str) -> str:
    """A gift chosen from the shared list is of that term's kind."""
    return term.kind if term is not None else kind


def gift_add(
    *,
    user: User,
    person: Person,
    kind: str = GiftKind.GIFT,
    term: GiftTerm | None = None,
    description: str = "",
    family_member: FamilyMember | None = None,
    form_token: uuid.UUID | None = None,
) -> Gift:
    """A gift, strength, skill or interest of the person (or of ``family_member``), from the
    shared list (``term``) or in their words (``description``)."""
    return records.add(
        user=user,
        person=person,
        model=Gift,
        values={
            "kind": _gift_kind(term, kind),
            "term": term,
            "description": description,
            "family_member": family_member,
        },
        form_token=form_token,
    )


def gift_change(*, user: User, gift: Gift, changes: Changes, expected_version: int) -> list[str]:
    if "term" in changes or "kind" in changes:
        term = changes.get("term", gift.term)
        changes = {**changes, "kind": _gift_kind(term, changes.get("kind", gift.kind))}
    return records.change(
        user=user, record=gift, changes=changes, expected_version=expected_version
    )


def gift_remove(*, user: User, gift: Gift, expected_version: int) -> None:
    records.remove(user=user, record=gift, expected_version=expected_version)


# The plan --------------------------------------------------------------------------------


def plan_step_add(
    *,
    user: User,
    person: Person,
    what: str,
    who: str,
    by_when: date | None = None,
    form_token: uuid.UUID | None = None,
) -> PlanStep:
    """A practical step in the person's plan: who does what, by when."""
    return records.add(
        user=user,
        person=person,
        model=PlanStep,
        values={"what": what, "who": who, "by_when": by_when},
        form_token=form_token,
    )


def plan_step_change(
    *, user: User, plan_step: PlanStep, changes: Changes, expected_version: int
) -> list[str]:
    """Change a step; a step marked done or not done is dated, and a step opened again is
    not."""
    if "status" in changes:
        if changes["status"] == StepStatus.OPEN:
            changes = {**changes, "completed_on": None}
        elif not plan_step.completed_on:
            changes = {**changes, "completed_on": timezone.localdate()}
    return records.change(
        user=user, record=plan_step, changes=changes, expected_version=expected_version
    )


def plan_step_remove(*, user: User, plan_step: PlanStep, expected_version: int) -> None:
    records.remove(user=user, record=plan_step, expected_version=expected_version)


def plan_review_add(
    *,
    user: User,
    person: Person,
    note: str,
    on: date | None = None,
    form_token: uuid.UUID | None = None,
) -> PlanReview:
    """The person and coordinator looked at the plan together: what they agreed."""
    return records.add(
        user=user,
        person=person,
        model=PlanReview,
        values={"on": on or timezone.localdate(), "note": note},
        form_token=form_token,
    )


def plan_review_change(
    *, user: User, plan_review: PlanReview, changes: Changes, expected_version: int
) -> list[str]:
    return records.change(
        user=user, record=plan_review, changes=changes, expected_version=expected_version
    )


def plan_review_remove(*, user: User, plan_review: PlanReview, expected_version: int) -> None:
    records.remove(user=user, record=plan_review, expected_version=expected_version)


# Voice -----------------------------------------------------------------------------------


def voice_entry_add(
    *,
    user: User,
    person: Person,
    kind: str,
    about: str,
    with_whom: str,
    what_happened: str = "",
    on: date | None = None,
    form_token: uuid.UUID | None = None,
) -> VoiceEntry:
    """Supporting the person's voice: whose voice, what about, with whom, what happened."""
    return records.add(
        user=user,
        person=person,
        model=VoiceEntry,
        values={
            "on": on or timezone.localdate(),
            "kind": kind,
            "about": about,
            "with_whom": with_whom,
            "what_happened": what_happened,
        },
        form_token=form_token,
    )


def voice_entry_change(
    *, user: User, voice_entry: VoiceEntry, changes: Changes, expected_version: int
) -> list[str]:
    return records.change(
        user=user, record=voice_entry, changes=changes, expected_version=expected_version
    )


def voice_entry_remove(*, user: User, voice_entry: VoiceEntry, expected_version: int) -> None:
    records.remove(user=user, record=voice_entry, expected_version=expected_version)
