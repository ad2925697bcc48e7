"""Importing a directory in the browser, for administrators only (anyone else gets 403).

The form starts a run and hands it to the background worker (``tasks.run_import``, through
django-tasks: ``manage.py db_worker``), so that a feed of thousands of services, fetched one
by one, never meets a web server's time limit. The run's page polls its progress, with htmx,
from ``/directory/import/<run id>/`` until the results are there. The form carries the id the
run will have, made when the form was shown, so a form sent twice starts one run. Saving
happens in one transaction, which other requests cannot see into: while it lasts, the
progress says "Saving", and the results follow when it is done.
"""

import uuid

from django import forms
from django.core.validators import validate_slug
from django.db import IntegrityError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from alongside.accounts.access import require_administrator
from alongside.forms import GovukForm

from .importing import import_run_start
from .models.imports import ImportKind, ImportRun
from .tasks import run_import

FEEDS = {ImportKind.ORUK3, ImportKind.ORUK1}
MAX_UPLOAD_MB = 50
SOURCE_NEEDED = "Enter a short name for the directory you are importing from, such as leeds-fis"
SOURCE_FORMAT = (
    "The short name can only have letters, digits, hyphens and underscores, such as leeds-fis"
)
KIND_NEEDED = "Choose what you are importing"
URL_NEEDED = "Enter the address of the feed, such as https://api.example.org/oruk"
URL_INVALID = "Enter the address of the feed as a web address, such as https://api.example.org/oruk"
FILE_NEEDED = "Choose the file to import"
FILE_AGAIN = "Choose the file again: a page shown again cannot keep a chosen file"
FILE_TOO_BIG = f"The file must be smaller than {MAX_UPLOAD_MB} MB"


class ImportForm(GovukForm):
    source = forms.CharField(
        label="Short name of the directory",
        max_length=50,
        validators=[validate_slug],
        error_messages={"required": SOURCE_NEEDED, "invalid": SOURCE_FORMAT},
        help_text="Every record keeps it, so that importing the same directory again updates "
        "its records instead of adding them twice. For example, leeds-fis.",
    )
    kind = forms.ChoiceField(
        label="What are you importing?",
        choices=ImportKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": KIND_NEEDED},
    )
    url = forms.URLField(
        label="Address of the feed",
        required=False,
        max_length=500,
        assume_scheme="https",
        error_messages={"invalid": URL_INVALID},
        help_text="For a feed: its address before /services, such as https://api.example.org/oruk",
    )
    file = forms.FileField(
        label="File",
        required=False,
        widget=forms.FileInput(attrs={"class": "govuk-file-upload"}),
        help_text="For HSDS JSON: a .json file of services. For an HSDS CSV data package: a "
        ".zip of its CSV files (with its datapackage.json, if it has one).",
    )
    dry_run = forms.BooleanField(
        label="Check only: show what an import would change, but save nothing",
        required=False,
    )
    run_id = forms.UUIDField(widget=forms.HiddenInput, required=False)
    widths = {"source": "govuk-input--width-20"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("url", "file"):  # one of them is needed, as the kind says
            self.fields[name].hide_optional = True

    def clean(self):
        data = super().clean()
        kind = data.get("kind")
        if kind in FEEDS and not data.get("url") and "url" not in self.errors:
            self.add_error("url", URL_NEEDED)
        if kind and kind not in FEEDS:
            upload = data.get("file")
            if upload is None:
                self.add_error("file", FILE_NEEDED)
            elif upload.size > MAX_UPLOAD_MB * 2**20:
                self.add_error("file", FILE_TOO_BIG)
        if self.errors and data.get("file") and "file" not in self.errors:
            self.add_error("file", FILE_AGAIN)
        return data


def import_start(request):
    require_administrator(request)
    if request.method == "POST":
        data = request.POST.copy()
        if not _is_uuid(data.get("run_id")):  # the page's progress needs the run's id
            data["run_id"] = str(uuid.uuid4())
        form = ImportForm(data, request.FILES)
        if form.is_valid():
            return _import(request, form.cleaned_data)
    else:
        form = ImportForm(initial={"run_id": uuid.uuid4()})
    runs = ImportRun.objects.select_related("started_by")[:10]
    return render(request, "directory/import.html", {"form": form, "runs": runs})


def _is_uuid(value) -> bool:
    try:
        uuid.UUID(str(value))
    except ValueError:
        return False
    return True


def _import(request, data: dict):
    run_id = data["run_id"]
    if ImportRun.objects.filter(pk=run_id).exists():  # the same form sent twice
        return redirect("directory_import:run", run_id)
    upload = data["file"] if data["kind"] not in FEEDS else None
    try:
        run = import_run_start(
            source=data["source"],
            kind=data["kind"],
            location=upload.name if upload else data["url"],
            dry_run=data["dry_run"],
            user=request.user,
            run_id=run_id,
            upload=upload.read() if upload else None,
        )
    except IntegrityError:  # sent twice at once: the other request starts it
        return redirect("directory_import:run", run_id)
    run_import.enqueue(str(run.pk), data["url"] if upload is None else None)
    return redirect("directory_import:run", run.pk)


def import_run(request, run_id):
    """A run's results; its progress while it runs. An htmx poll gets the progress alone."""
    require_administrator(request)
    run = ImportRun.objects.select_related("started_by").filter(pk=run_id).first()
    if request.htmx:
        here = reverse("directory_import:run", args=[run_id])
        if run is not None and not run.is_running and request.htmx.current_url_abs_path == here:
            return HttpResponse(headers={"HX-Refresh": "true"})  # show the results
        context = {"run": run, "run_id": run_id}
        return render(request, "directory/import_run.html#progress", context)
    if run is None:
        raise Http404
    return render(request, "directory/import_run.html", {"run": run, "run_id": run_id})
