"""The impact dashboard: figures for managers (their teams) and commissioners (the whole
programme, small numbers hidden)."""

from dataclasses import replace
from typing import cast

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from alongside.accounts.access import managers_only, sees_figures
from alongside.accounts.models import Role, User
from alongside.pdf import pdf_response
from alongside.spreadsheets import csv_lines, xlsx_bytes

from . import extract, figures, report, services
from .forms import DashboardForm
from .models import Format
from .periods import financial_year, last_12_months
from .suppression import HOW_HIDDEN


def _chosen(request: HttpRequest) -> tuple[DashboardForm, figures.Scope]:
    """The form and what it chose: small numbers hidden for anyone but a manager (who may see
    every person in the areas they can choose)."""
    user = cast(User, request.user)
    form = DashboardForm(request.GET or None, user=user, today=timezone.localdate())
    areas, start, end = form.chosen()
    return form, figures.Scope(
        areas=areas,
        start=start,
        end=end,
        suppress=user.role != Role.MANAGER,
        every_area=form.every_area(),
    )


@sees_figures
def dashboard(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    form, scope = _chosen(request)
    presets = [
        ("The last 12 months", *last_12_months(today)),
        ("This financial year", *financial_year(today)),
        ("Last financial year", *financial_year(today, back=1)),
    ]
    return render(
        request,
        "impact/dashboard.html",
        {"form": form, "presets": presets, **report.report_of(scope)},
    )


@sees_figures
def report_pdf(request: HttpRequest) -> HttpResponse:
    """The dashboard as a PDF report for a council committee: small numbers always hidden,
    whoever downloads it, because its readers may not see the people behind it."""
    _, chosen = _chosen(request)
    scope = replace(chosen, suppress=True)
    services.download_record(
        user=cast(User, request.user), what="PDF report", format=Format.PDF, scope=scope
    )
    return pdf_response(report.pdf_of(scope), f"{_file_name(scope, 'report')}.pdf")


@sees_figures
def figure_csv(request: HttpRequest, key: str) -> HttpResponse:
    """One figure's table as CSV, as the user sees it."""
    _, scope = _chosen(request)
    found = next((f for f in report.tables_of(scope).all() if f.key == key), None)
    if found is None:
        raise Http404("No such figure")
    services.download_record(
        user=cast(User, request.user), what=found.title, format=Format.CSV, scope=scope
    )
    response = HttpResponse(
        "".join(csv_lines(found.spreadsheet_rows())), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{_file_name(scope, key)}.csv"'
    return response


@sees_figures
def workbook(request: HttpRequest) -> HttpResponse:
    """Every figure, a sheet each, as the user sees them."""
    _, scope = _chosen(request)
    found = report.tables_of(scope).all()
    services.download_record(
        user=cast(User, request.user), what="Every figure", format=Format.XLSX, scope=scope
    )
    about = [
        ["Alongside: impact figures"],
        ["Areas", ", ".join(scope.areas.order_by("name").values_list("name", flat=True))],
        ["From", scope.start.isoformat()],
        ["To", scope.end.isoformat()],
        ["Small numbers", HOW_HIDDEN if scope.suppress else "Not hidden: for a manager only."],
        *([f.title, f.how] for f in found),
    ]
    response = HttpResponse(
        xlsx_bytes(
            [("About these figures", about), *((f.title, f.spreadsheet_rows()) for f in found)]
        ),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="{_file_name(scope, "figures")}.xlsx"'
    return response


def _file_name(scope: figures.Scope, what: str) -> str:
    return f"alongside-{what}-{scope.start:%Y-%m-%d}-to-{scope.end:%Y-%m-%d}"


@managers_only
def evaluator_extract(request: HttpRequest) -> HttpResponse:
    """Every event behind the figures, pseudonymised, for an evaluator: only for managers,
    of the areas they may see (pseudonymised records are still personal data)."""
    _, scope = _chosen(request)
    services.download_record(
        user=cast(User, request.user),
        what="Evaluator's extract",
        format=Format.EXTRACT,
        scope=scope,
    )
    response = HttpResponse(
        extract.extract_zip(user=cast(User, request.user), scope=scope),
        content_type="application/zip",
    )
    response["Content-Disposition"] = f'attachment; filename="{_file_name(scope, "extract")}.zip"'
    response["Cache-Control"] = "no-store"
    return response


@sees_figures
def figures_moved(request: HttpRequest) -> HttpResponse:
    """The figures page was here: it is part of the dashboard now."""
    return redirect("impact:dashboard", permanent=True)
