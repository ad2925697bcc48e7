"""The team's pages: connections and contributions across the user's areas, chances to
contribute, and gaps."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render

from alongside.accounts.access import works_with_people
from alongside.accounts.scoping import areas_for
from alongside.people.record_pages import (
    once_redirect,
    with_once,
)
from alongside.people.views import page_of
from alongside.records import StaleVersion
from alongside.validation import record_id

from . import forms, queries, services
from .models import Stage


@works_with_people
def opportunities(request):
    user = request.user
    areas = areas_for(user)
    chosen = record_id(request.GET.get("area"))
    area = areas.filter(pk=chosen).first() if chosen else None
    closed = request.GET.get("closed") == "1"
    rows = queries.opportunities(user=user, area=area, open_only=not closed)
    return render(
        request,
        "connections/opportunities.html",
        {"page": page_of(request, rows), "areas": areas, "area": area, "closed": closed},
    )


@works_with_people
def opportunity_edit(request, opportunity_id=None):
    user = request.user
    opportunity = None
    if opportunity_id is not None:
        opportunity = queries.opportunity_get(user=user, pk=opportunity_id)
        if opportunity is None:
            raise Http404("No such opportunity")
    elif again := once_redirect(request):
        return again
    form = forms.OpportunityForm(request.POST or None, instance=opportunity, user=user)
    if opportunity is None:
        with_once(form, request)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        values = form.values()
        try:
            saved = services.opportunity_save(
                user=user,
                opportunity=opportunity,
                values=values,
                gifts_needed=data["gifts_needed"],
                expected_version=data.get("version"),
                form_token=data.get("form_token"),
            )
        except StaleVersion as stale:
            form.add_stale_error(stale.current)
        except ValueError as refused:
            form.add_error(None, str(refused))
        else:
            messages.success(request, f"{saved.title} saved")
            return redirect("connections:opportunities")
    return render(
        request,
        "connections/opportunity_form.html",
        {"form": form, "opportunity": opportunity},
    )


@works_with_people
def gaps(request):
    """What people looked for when nothing fitted, by area and theme (no names)."""
    return render(
        request,
        "connections/gaps.html",
        {"rows": queries.gaps_by_area_and_theme(user=request.user)},
    )


@works_with_people
def team(request):
    """Connections and contributions across the user's areas, filtered."""
    user = request.user
    form = forms.TeamFilterForm(request.GET or None, user=user)
    filters = form.filters() if form.is_valid() else queries.ConnectionFilters()
    summary = queries.team_summary(user=user, filters=filters)
    figures = [
        *[(label, summary[value]) for value, label in Stage.choices],
        ("Still going at 3 months", summary["sustained"]),
        ("Contributions their people make", summary["contributions"]),
    ]
    return render(
        request,
        "connections/team.html",
        {
            "form": form,
            "page": page_of(request, queries.team_connections(user=user, filters=filters)),
            "figures": figures,
        },
    )
