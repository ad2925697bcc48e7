"""The impact dashboard: figures for managers (their teams) and commissioners (the whole
programme, small numbers hidden)."""

from typing import cast

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.safestring import mark_safe

from alongside.accounts.access import sees_figures
from alongside.accounts.models import Role, User

from . import charts, figures, statistics
from .forms import DashboardForm, financial_year, last_12_months
from .suppression import HOW_HIDDEN


@sees_figures
def dashboard(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    user = cast(User, request.user)
    form = DashboardForm(request.GET or None, user=user, today=today)
    areas, start, end = form.chosen()
    scope = figures.Scope(areas=areas, start=start, end=end, suppress=user.role != Role.MANAGER)
    sections = [
        (title, [(f, mark_safe(charts.bars(f)), charts.bars_measure(f)) for f in found])  # noqa: S308 - built with escape()
        for title, found in figures.dashboard(scope)
    ]
    presets = [
        ("The last 12 months", *last_12_months(today)),
        ("This financial year", *financial_year(today)),
        ("Last financial year", *financial_year(today, back=1)),
    ]
    return render(
        request,
        "impact/dashboard.html",
        {
            "form": form,
            "scope": scope,
            "area_names": [a.name for a in areas.order_by("name")],
            "sections": sections,
            "presets": presets,
            "how_hidden": HOW_HIDDEN if scope.suppress else "",
            "statistics": [
                (s, mark_safe(charts.pairs(s)))  # noqa: S308 - built with escape()
                for s in (statistics.networks(scope), statistics.wellbeing(scope))
            ],
        },
    )


@sees_figures
def figures_moved(request: HttpRequest) -> HttpResponse:
    """The figures page was here: it is part of the dashboard now."""
    return redirect("impact:dashboard", permanent=True)
