"""Who may open which pages, by role: one place for the checks every app's views make.
(Which people a user may see is ``scoping.py``'s business, not this.)"""

from django.core.exceptions import PermissionDenied


def require_works_with_people(request) -> None:
    """Coordinators and managers only: anyone else gets 403."""
    if not request.user.works_with_people:
        raise PermissionDenied


def require_administrator(request) -> None:
    """Administrators only (staff): anyone else gets 403."""
    if not request.user.is_staff:
        raise PermissionDenied
