"""Changing a person's network. Adding, changing and removing members goes through the
people app's versioned, audited record services; a snapshot freezes the network as it is."""

from datetime import date

from alongside.people.models import Person
from alongside.people.services import record_add, record_update

from . import queries
from .models import NetworkMember, NetworkSnapshot
from .ties import Ring


def member_move(*, user, member: NetworkMember, closer: bool, expected_version: int) -> int:
    """Move someone one ring closer or further out; returns the new ring."""
    ring = max(Ring.INNER, member.ring - 1) if closer else min(Ring.FORMAL, member.ring + 1)
    record_update(user=user, record=member, data={"ring": ring}, expected_version=expected_version)
    return ring


def snapshot_take(
    *, user, person: Person, taken_on: date, note: str = "", form_token=None
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
    return record_add(
        user=user,
        person=person,
        model=NetworkSnapshot,
        data={"taken_on": taken_on, "note": note, "ties": ties},
        form_token=form_token,
    )
