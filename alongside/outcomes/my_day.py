"""The outcomes part of My day (named in ``settings.ALONGSIDE_MY_DAY``)."""

from datetime import date

from django.urls import reverse

from alongside.accounts.models import User
from alongside.people.my_day import SHOWN, Section

from . import queries


def reviews_due(user: User, today: date) -> Section:
    """The user's people due a wellbeing measure: a first one, or a review."""
    rows = queries.due(user=user, today=today, coordinator=user if user.is_coordinator else None)
    return Section(
        key="reviews",
        title="Wellbeing measures due",
        template="outcomes/my_day/_reviews.html",
        items=rows[:SHOWN],
        total=len(rows),
        empty="Nobody you support is due a wellbeing measure.",
        more_url=reverse("outcomes:due"),
    )
