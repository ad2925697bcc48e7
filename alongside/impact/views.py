"""Figures for managers and commissioners: counts only, small numbers hidden."""

from datetime import timedelta

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from alongside.accounts.access import sees_figures
from alongside.accounts.models import Area
from alongside.people.models import Status

from . import queries


@sees_figures
def figures(request: HttpRequest) -> HttpResponse:
    end = timezone.localdate()
    start = end - timedelta(days=365)
    return render(
        request,
        "impact/figures.html",
        {
            "rows": queries.people_by_area(),
            "statuses": Status.choices,
            "network_rows": queries.network_change_by_area(
                areas=Area.objects.all(), start=start, end=end
            ),
            "start": start,
            "end": end,
        },
    )
