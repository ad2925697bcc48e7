"""Writes of the impact app: the record of a download."""

from alongside.accounts.models import User

from .figures import Scope
from .models import Download


def download_record(*, user: User, what: str, format: str, scope: Scope) -> Download:
    """Keep that ``user`` downloaded ``what`` for ``scope``."""
    return Download.objects.create(
        user=user,
        user_name=user.get_full_name() or user.email,
        what=what[:200],
        format=format,
        areas=", ".join(scope.areas.order_by("name").values_list("name", flat=True)),
        start=scope.start,
        end=scope.end,
        small_numbers_hidden=scope.suppress,
    )
