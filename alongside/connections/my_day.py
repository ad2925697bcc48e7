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
