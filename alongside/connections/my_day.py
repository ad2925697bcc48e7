"""The connections part of My day (named in ``settings.ALONGSIDE_MY_DAY``)."""

from datetime import date

from alongside.accounts.models import User
from alongside.audit.models import RecordType
from alongside.people.my_day import SHOWN, Section

from . import queries


def follow_ups_due(user: User, today: date) -> Section:
    """Connections to follow up: is the person still going, how is it?"""
    due = queries.follow_ups_due(
        user=user, today=today, coordinator=user if user.is_coordinator else None
    )
    first = list(due[:SHOWN])
    return Section(
        key="follow_ups",
        title="Connections to follow up",
        template="connections/my_day/_follow_ups.html",
        items=first,
        total=due.count(),
        empty="No connection is due a follow-up.",
        shown=[
            (RecordType.CONNECTION, f.connection.person_id, f.connection_id, ["follow_up"])
            for f in first
        ],
    )


def no_longer_listed(user: User, today: date) -> Section:
    """Connections with a resource the directory no longer lists: tell the person, find
    another (or end the connection)."""
    found = queries.connections_no_longer_listed(
        user=user, coordinator=user if user.is_coordinator else None
    )
    first = list(found[:SHOWN])
    return Section(
        key="no_longer_listed",
        title="Resources no longer listed",
        template="connections/my_day/_no_longer_listed.html",
        items=first,
        total=found.count() if len(first) == SHOWN else len(first),
        empty="Every resource people are connected with is still listed.",
        shown=[(RecordType.CONNECTION, c.person_id, c.pk, ["service"]) for c in first],
    )
