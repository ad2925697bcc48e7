"""Every write of a person's network, one named function for each action: adding, changing,
moving and removing someone in it, and taking a snapshot at a review. The shared machinery
(version check, double submit, soft removal, audit) is ``alongside.records``."""

import uuid
from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

from django.utils import timezone

from alongside import records
from alongside.accounts.models import User
from alongside.people.models import Person

from . import queries
from .models import NetworkMember, NetworkSnapshot
from .ties import Ring


def _link_agreed_on(
    linked_person: Person | None, link_agreed: bool, before: date | None = None
) -> date | None:
    """Two people are linked only once both have agreed: the date they agreed is kept for as
    long as the link stays."""
    if linked_person is None or not link_agreed:
        return None
    return before or timezone.localdate()


def network_member_add(
    *,
    user: User,
    person: Person,
    label: str,
    kind: str,
    ring: int,
    gives: Iterable[str] = (),
    receives: Iterable[str] = (),
    frequency: str = "",
    linked_person: Person | None = None,
    link_agreed: bool = False,
    notes: str = "",
    form_token: uuid.UUID | None = None,
) -> NetworkMember:
    """Someone (or a group) in the person's life, described the way the person chooses."""
    return records.add(
        user=user,
        person=person,
        model=NetworkMember,
        values={
            "label": label,
            "kind": kind,
            "ring": ring,
            "gives": sorted(gives),
            "receives": sorted(receives),
            "frequency": frequency,
            "linked_person": linked_person if link_agreed else None,
            "link_agreed_on": _link_agreed_on(linked_person, link_agreed),
            "notes": notes,
        },
        form_token=form_token,
    )


def network_member_change(
    *,
    user: User,
    network_member: NetworkMember,
    changes: Mapping[str, Any],
    expected_version: int,
) -> list[str]:
    """Change someone in the network. ``changes`` may say ``link_agreed`` (both people agree
    to be linked) rather than the date they agreed."""
    changes = dict(changes)
    for name in ("gives", "receives"):
        if name in changes:
            changes[name] = sorted(changes[name])
    if "linked_person" in changes or "link_agreed" in changes:
        linked = changes.get("linked_person", network_member.linked_person)
        agreed = changes.pop("link_agreed", bool(network_member.link_agreed_on))
        changes["link_agreed_on"] = _link_agreed_on(linked, agreed, network_member.link_agreed_on)
        changes["linked_person"] = linked if changes["link_agreed_on"] else None
    return records.change(
        user=user, record=network_member, changes=changes, expected_version=expected_version
    )


def network_member_move(
    *, user: User, network_member: NetworkMember, closer: bool, expected_version: int
) -> int:
    """Move someone one ring closer or further out; returns the new ring."""
    current = network_member.ring
    ring = max(Ring.INNER, current - 1) if closer else min(Ring.FORMAL, current + 1)
    records.change(
        user=user,
        record=network_member,
        changes={"ring": ring},
        expected_version=expected_version,
    )
    return ring


def network_member_remove(
    *, user: User, network_member: NetworkMember, expected_version: int
) -> None:
    records.remove(user=user, record=network_member, expected_version=expected_version)


def network_snapshot_take(
    *,
    user: User,
    person: Person,
    taken_on: date | None = None,
    note: str = "",
    form_token: uuid.UUID | None = None,
) -> NetworkSnapshot:
    """Keep the network as it is today, for comparing at later reviews."""
    ties = [
        {
            "key": tie.key,
            "label": tie.label,
            "kind": tie.kind,
            "ring": tie.ring,
            "gives": sorted(tie.gives),
            "receives": sorted(tie.receives),
            "frequency": tie.frequency,
        }
        for tie in queries.ties(user=user, person=person)
    ]
    return records.add(
        user=user,
        person=person,
        model=NetworkSnapshot,
        values={"taken_on": taken_on or timezone.localdate(), "note": note, "ties": ties},
        form_token=form_token,
    )
