"""What every signed-in response carries: nothing kept by the browser or a proxy (a person's
record must not come back from a shared computer's cache after signing out), and a session
that ends ``SESSION_ABSOLUTE_HOURS`` after signing in, however busy (DSPT: an absolute
session limit, besides the idle one of ``SESSION_IDLE_MINUTES``)."""

import time
from collections.abc import Callable
from urllib.parse import quote

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, resolve_url
from django.utils.cache import add_never_cache_headers, patch_cache_control

SIGNED_IN_AT = "signed_in_at"
SIGNED_OUT_AT_THE_LIMIT = (
    "You have been signed out because you signed in more than {hours} hours ago. Sign in "
    "again to carry on."
)


@receiver(user_logged_in)
def _remember_when(sender, request: HttpRequest | None, user, **kwargs) -> None:
    if request is not None and hasattr(request, "session"):
        request.session[SIGNED_IN_AT] = int(time.time())


class SignedInMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            hours = settings.SESSION_ABSOLUTE_HOURS
            signed_in_at = request.session.get(SIGNED_IN_AT)
            if signed_in_at is None:  # a session from before the limit: it starts now
                request.session[SIGNED_IN_AT] = int(time.time())
            elif time.time() - signed_in_at > hours * 3600:
                logout(request)
                messages.info(request, SIGNED_OUT_AT_THE_LIMIT.format(hours=f"{hours:g}"))
                return redirect(
                    f"{resolve_url(settings.LOGIN_URL)}?next={quote(request.get_full_path())}"
                )
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            add_never_cache_headers(response)
            patch_cache_control(response, no_store=True, private=True)
        return response
