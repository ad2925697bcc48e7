"""The impact dashboard: figures for managers (their teams) and commissioners (the whole
programme, small numbers hidden), and the reports made from it in the background."""

import uuid

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from alongside.accounts.access import SignedInRequest, sees_figures
from alongside.spreadsheets import csv_lines

from . import figures, queries, report, services, tasks
from .forms import DashboardForm
from .models import Format
from .periods import financial_year, last_12_months
from .workings import workings_of


def _chosen(request: SignedInRequest, data=None) -> tuple[DashboardForm, figures.Scope]:
    """The form and what it chose."""
    user = request.user
    form = DashboardForm(data or request.GET or None, user=user, today=timezone.localdate())
    return form, form.scope()


@sees_figures
def dashboard(request: SignedInRequest) -> HttpResponse:
    today = timezone.localdate()
    form, scope = _chosen(request)
    presets = [
        ("The last 12 months", *last_12_months(today)),
        ("This financial year", *financial_year(today)),
        ("Last financial year", *financial_year(today, back=1)),
    ]
    user = request.user
    return render(
        request,
        "impact/dashboard.html",
        {
            "form": form,
            "presets": presets,
            "reports": queries.reports_kept(user)[:10],
            "asks_extract": services.may_ask(user, Format.EXTRACT),
            "kept_hours": settings.ALONGSIDE_REPORTS_KEPT_HOURS,
            **report.report_of(scope),
        },
    )


@sees_figures
def figure_csv(request: SignedInRequest, key: str) -> HttpResponse:
    """One figure's table as CSV, as the user sees it."""
    _, scope = _chosen(request)
    found = next((f for f in report.tables_of(scope).all() if f.key == key), None)
    if found is None:
        raise Http404("No such figure")
    services.figure_downloaded(user=request.user, what=found.title, format=Format.CSV, scope=scope)
    response = HttpResponse(
        "".join(csv_lines(found.spreadsheet_rows())), content_type="text/csv; charset=utf-8"
    )
    name = services.file_name(scope, key)
    response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
    return response


@sees_figures
def workings(request: SignedInRequest, key: str) -> HttpResponse:
    """How a number was worked out, step by step; for a manager, the events behind it."""
    form, scope = _chosen(request)
    found = workings_of(scope, request.user, key, request.GET.get("page", "1"))
    if found is None:
        raise Http404("No such figure")
    return render(request, "impact/workings.html", {"form": form, "scope": scope, "w": found})


@sees_figures
@require_POST
def report_ask(request: SignedInRequest) -> HttpResponse:
    """Ask for a report of what the dashboard shows (the PDF, the workbook, the evaluator's
    extract), made in the background; its page shows how far it has got."""
    user = request.user
    format = request.POST.get("format", "")
    if not services.may_ask(user, format):
        raise Http404("No such report")
    form, scope = _chosen(request, request.POST)
    back = reverse("impact:dashboard")
    if not form.is_valid():
        messages.error(request, "Correct what is chosen below, then ask for the report again.")
        query = request.POST.copy()
        for name in ("csrfmiddlewaretoken", "format"):
            query.pop(name, None)
        return redirect(f"{back}?{query.urlencode()}")
    data = form.cleaned_data
    choices = {
        "team": data["team"].pk if data.get("team") else "",
        "area": data["area"].pk if data.get("area") else "",
        "start": scope.start.isoformat(),  # the period settled now, not when it is made
        "end": scope.end.isoformat(),
        "prices": data.get("prices") or "",
    }
    made = services.report_ask(user=user, format=format, choices=choices)
    tasks.make_report.enqueue(str(made.pk))
    return redirect("impact:report", report_id=made.pk)


@sees_figures
def report_page(request: SignedInRequest, report_id: uuid.UUID) -> HttpResponse:
    """A report someone asked for: its progress while it is made (an htmx poll gets the
    progress alone), then the link to download it."""
    made = queries.report_get(request.user, report_id)
    if made is None:
        raise Http404("No such report")
    if request.htmx:
        if made.finished:
            return HttpResponse(headers={"HX-Refresh": "true"})  # show the outcome
        return render(request, "impact/report.html#progress", {"made": made})
    return render(request, "impact/report.html", {"made": made})


@sees_figures
def report_download(request: SignedInRequest, report_id: uuid.UUID) -> HttpResponse:
    user = request.user
    made = queries.report_get(user, report_id, with_content=True)
    if made is None or made.content is None:
        raise Http404("No such report, or it is not ready")
    services.report_downloaded(user=user, made=made)
    response = HttpResponse(bytes(made.content), content_type=services.content_type(made))
    response["Content-Disposition"] = f'attachment; filename="{made.file_name}"'
    response["Cache-Control"] = "no-store"
    return response


@sees_figures
def figures_moved(request: SignedInRequest) -> HttpResponse:
    """The figures page was here: it is part of the dashboard now."""
    return redirect("impact:dashboard", permanent=True)
