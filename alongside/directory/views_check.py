"""The feed checker's pages, for administrators only (anyone else gets 403): every directory
there is to check (Alongside's own ``/oruk`` and each imported source) with its latest check
and score, a button to check one now (run by the background worker, ``tasks.run_feed_check``),
and each check's Level 1, Level 2 and record quality. A running check's page polls, with
htmx, until it has finished."""

import uuid

from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from alongside.accounts.access import SignedInRequest, administrators_only

from . import checking, tasks
from .checking.listing import check_sources, feed_check_get
from .checking.run import every_hours

RECORDS_PER_PAGE = 20
UNKNOWN_SOURCE = "There is no imported directory called {source!r} to check"


def _sources_page(request: SignedInRequest, error: str = "", status: int = 200) -> HttpResponse:
    context = {"sources": check_sources(), "every_hours": every_hours(), "error": error}
    return render(request, "directory/checks.html", context, status=status)


@administrators_only
def checks(request: SignedInRequest) -> HttpResponse:
    return _sources_page(request)


@require_POST
@administrators_only
def check_start(request: SignedInRequest) -> HttpResponse:
    source = request.POST.get("source", "").strip()
    try:
        check_id = uuid.UUID(request.POST.get("check_id", ""))
    except ValueError:
        check_id = uuid.uuid4()
    try:
        check = tasks.feed_check_queue(user=request.user, check_id=check_id, source=source)
    except checking.UnknownSource:
        return _sources_page(request, UNKNOWN_SOURCE.format(source=source), status=400)
    return redirect("directory_import:check", check.pk)


@administrators_only
def check(request: SignedInRequest, check_id: uuid.UUID) -> HttpResponse:
    """A check's findings; while it runs, a note that polls. An htmx poll gets the note."""
    found = feed_check_get(check_id)
    if request.htmx:
        here = reverse("directory_import:check", args=[check_id])
        if found is not None and not found.is_running and request.htmx.current_url_abs_path == here:
            return HttpResponse(headers={"HX-Refresh": "true"})
        context = {"check": found, "check_id": check_id}
        return render(request, "directory/check.html#progress", context)
    if found is None:
        raise Http404
    records = Paginator(found.records, RECORDS_PER_PAGE).get_page(request.GET.get("page"))
    page = {"check": found, "check_id": check_id, "records": records}
    return render(request, "directory/check.html", page)
