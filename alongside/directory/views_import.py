"""Importing a directory in the browser, for administrators only (anyone else gets 403).

The form starts a run and hands it to the background worker (``services.import_run_queue``,
then ``tasks.run_import`` through django-tasks: ``manage.py db_worker``), so that a feed of
thousands of services, fetched one by one, never meets a web server's time limit. The run's
page polls its progress, with htmx, from ``/directory/import/<run id>/`` until the results are
there. The form carries the id the run will have, made when the form was shown, so a form
sent twice starts one run. Saving happens in one transaction, which other requests cannot see
into: while it lasts, the progress says "Saving", and the results follow when it is done.
"""

import uuid
from typing import Any

from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from alongside.accounts.access import SignedInRequest, administrators_only

from . import queries, services
from .forms_import import ImportForm


@administrators_only
def import_start(request: SignedInRequest) -> HttpResponse:
    if request.method == "POST":
        data = request.POST.copy()
        if not _is_uuid(data.get("run_id")):  # the page's progress needs the run's id
            data["run_id"] = str(uuid.uuid4())
        form = ImportForm(data, request.FILES)
        if form.is_valid():
            cleaned: dict[str, Any] = form.cleaned_data
            run = services.import_run_queue(
                user=request.user,
                run_id=cleaned["run_id"],
                source=cleaned["source"],
                kind=cleaned["kind"],
                url=cleaned["url"],
                file=cleaned["file"],
                dry_run=cleaned["dry_run"],
            )
            return redirect("directory_import:run", run.pk)
    else:
        form = ImportForm(initial={"run_id": uuid.uuid4()})
    runs = queries.import_runs_recent()
    return render(request, "directory/import.html", {"form": form, "runs": runs})


def _is_uuid(value) -> bool:
    try:
        uuid.UUID(str(value))
    except ValueError:
        return False
    return True


@administrators_only
def import_run(request: SignedInRequest, run_id: uuid.UUID) -> HttpResponse:
    """A run's results; its progress while it runs. An htmx poll gets the progress alone."""
    run = queries.import_run_get(run_id)
    if request.htmx:
        here = reverse("directory_import:run", args=[run_id])
        if run is not None and not run.is_running and request.htmx.current_url_abs_path == here:
            return HttpResponse(headers={"HX-Refresh": "true"})  # show the results
        context = {"run": run, "run_id": run_id}
        return render(request, "directory/import_run.html#progress", context)
    if run is None:
        raise Http404
    return render(request, "directory/import_run.html", {"run": run, "run_id": run_id})
