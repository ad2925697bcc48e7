"""Who may open which pages, by role: decorators every reader sees at the top of a view.

Which *people* a user may see is ``scoping.py``'s business, not this: these only say which
kinds of user a page is for. A user of the wrong kind gets 403 (a page that exists but is not
theirs), except where a decorator says otherwise.
"""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django_htmx.middleware import HtmxDetails

from .models import User

View = Callable[..., HttpResponse]


class SignedInRequest(HttpRequest):
    """What a view behind these decorators receives: a signed-in user (the login middleware
    sends everyone else to sign in) and, from django-htmx, whether htmx asked. For type
    hints: ``def inbox(request: SignedInRequest) -> HttpResponse``."""

    user: User
    htmx: HtmxDetails


def _only(allowed: Callable[[Any], bool], refuse: type[Exception] = PermissionDenied):
    def decorator(view: View) -> View:
        @wraps(view)
        def checked(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if not allowed(request.user):
                raise refuse
            return view(request, *args, **kwargs)

        return checked

    return decorator


works_with_people = _only(lambda user: user.works_with_people)
works_with_people.__doc__ = "Coordinators and managers: the people who see person records."

managers_only = _only(lambda user: user.is_manager)
managers_only.__doc__ = "Managers only."

managers_only_else_404 = _only(lambda user: user.is_manager, Http404)
managers_only_else_404.__doc__ = (
    "Managers only, and 404 for anyone else: for pages about one person (the audit trail), "
    "whose existence a coordinator need not learn from the answer."
)

sees_figures = _only(lambda user: user.sees_figures)
sees_figures.__doc__ = "Commissioners and managers: aggregate figures, small numbers hidden."

administrators_only = _only(lambda user: user.is_staff)
administrators_only.__doc__ = "Administrators only (staff)."
