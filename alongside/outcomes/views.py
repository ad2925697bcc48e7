"""The outcomes part of a person's record, recording measures and ratings, stories with
consent, and the list of people due a review measure."""

from decimal import Decimal

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_POST

from alongside.accounts.access import works_with_people
from alongside.audit.models import RecordType
from alongside.people import queries as people_queries
from alongside.people import services as people_services
from alongside.people.record_pages import (
    RecordKind,
    posted_version,
    render_record_form,
    save_changes,
)
from alongside.records import StaleVersion

from . import forms, queries, services
from .charts import line_chart
from .measures import MEASURES, Result, Score, meaningful_change
from .models import CrisisAvoided, CrisisEvent, OrganisationSettings, Story

RANGES = {"swemwbs": (7, 35), "ons4": (0, 10), "ucla3": (3, 9), "ons_lonely": (1, 5)}
SHORT_NAMES = {"swemwbs": "SWEMWBS", "ons4": "ONS4", "ucla3": "UCLA", "ons_lonely": "ONS"}


def _result(response) -> Result:
    return Result(
        measure=response.measure,
        complete=response.complete,
        scores=tuple(Score(**s) for s in response.scores),
        reason=response.reason,
    )


@works_with_people
def outcomes(request, pk):
    user = request.user
    person = people_services.person_open(user=user, person_id=pk, record_type=RecordType.MEASURE)
    responses = list(queries.measure_responses(user=user, person=person))
    for response in responses:
        response.measure_name = MEASURES[response.measure].name
    charts = []
    for line in queries.series(responses):
        low, high = RANGES[line.measure]
        short = SHORT_NAMES[line.measure]
        title = line.label if line.label.startswith(short) else f"{short}: {line.label}"
        charts.append(
            {
                "title": title,
                "svg": mark_safe(line_chart(line.points, low=low, high=high, title=title)),  # noqa: S308
                "points": line.points,
            }
        )
    swemwbs = [r for r in reversed(responses) if r.measure == "swemwbs" and r.complete]
    change = (
        meaningful_change(_result(swemwbs[0]), _result(swemwbs[-1])) if len(swemwbs) > 1 else None
    )
    avoided = list(queries.crises_avoided(user=user, person=person))
    costs = [a.cost_avoided for a in avoided if a.cost_avoided is not None]
    latest_ratings = {}
    for rating in queries.ratings(user=user, person=person):
        latest_ratings.setdefault(rating.domain_id, rating)
    return render(
        request,
        "outcomes/person_outcomes.html",
        {
            "person": person,
            "tab": "outcomes",
            "measure_buttons": [
                (code, m, services.measure_available(code)) for code, m in MEASURES.items()
            ],
            "swemwbs_available": services.measure_available("swemwbs"),
            "responses": responses,
            "charts": charts,
            "swemwbs_change": change,
            "swemwbs_first": swemwbs[0] if swemwbs else None,
            "swemwbs_last": swemwbs[-1] if swemwbs else None,
            "ratings": sorted(latest_ratings.values(), key=lambda r: r.domain.order),
            "events": queries.crisis_events(user=user, person=person),
            "avoided": avoided,
            "cost_avoided": sum(costs, Decimal(0)),
            "uncosted": len(avoided) - len(costs),
            "stories": queries.stories(user=user, person=person),
        },
    )


@works_with_people
def measure_add(request, pk, measure):
    if measure not in MEASURES:
        raise Http404("No such measure")
    user = request.user
    person = people_services.person_open(user=user, person_id=pk, record_type=RecordType.MEASURE)
    definition = MEASURES[measure]
    if not services.measure_available(measure):
        return render(
            request,
            "outcomes/measure_unavailable.html",
            {
                "person": person,
                "tab": "outcomes",
                "measure": definition,
                "reason": services.NOT_REGISTERED,
            },
        )
    form = forms.MeasureForm(request.POST or None, measure=definition)
    if request.method == "POST" and form.is_valid():
        response = services.measure_record(
            user=user,
            person=person,
            measure=measure,
            taken_on=form.cleaned_data["taken_on"],
            occasion=form.cleaned_data["occasion"],
            answers=form.answers(),
            form_token=form.cleaned_data.get("form_token"),
        )
        summary = "; ".join(
            f"{s['label']}: {s['value']:g}" + (f" ({s['band']})" if s["band"] else "")
            for s in response.scores
        )
        messages.success(request, f"{definition.name} saved. {summary or response.reason}".strip())
        return redirect("outcomes:outcomes", person.pk)
    return render(
        request,
        "outcomes/measure_form.html",
        {"person": person, "tab": "outcomes", "form": form, "measure": definition},
    )


@works_with_people
def ratings_add(request, pk):
    user = request.user
    person = people_services.person_open(user=user, person_id=pk, record_type=RecordType.MEASURE)
    form = forms.RatingsForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.ratings_record(
            user=user, person=person, on=form.cleaned_data["on"], ratings=form.ratings()
        )
        messages.success(request, "Outcomes rated")
        return redirect("outcomes:outcomes", person.pk)
    return render_record_form(
        request, person, form, "Rate outcomes together", "outcomes", "outcomes:outcomes"
    )


@works_with_people
def story_add(request, pk):
    user = request.user
    person = people_services.person_open(user=user, person_id=pk, record_type=RecordType.STORY)
    form = forms.StoryForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.story_add(
            user=user,
            person=person,
            domains=form.cleaned_data["domains"],
            form_token=form.cleaned_data.get("form_token"),
            **form.changes(),
        )
        messages.success(request, "Story saved")
        return redirect("outcomes:outcomes", person.pk)
    return render_record_form(request, person, form, "Add a story", "outcomes", "outcomes:outcomes")


@works_with_people
def story_edit(request, pk, record_id):
    user = request.user
    person = people_services.person_open(user=user, person_id=pk, record_type=RecordType.STORY)
    story = people_queries.person_record_get(user=user, model=Story, person=person, pk=record_id)
    form = forms.StoryForm(request.POST or None, instance=story)

    def save(changes, version):
        return services.story_change(
            user=user,
            story=story,
            changes=changes,
            domains=form.cleaned_data["domains"],
            expected_version=version,
        )

    if save_changes(request, form, save):
        return redirect("outcomes:outcomes", person.pk)
    return render_record_form(
        request, person, form, "Change the story", "outcomes", "outcomes:outcomes"
    )


@require_POST
@works_with_people
def story_withdraw(request, pk, record_id):
    """The person withdrew consent: the story leaves every report at once."""
    user = request.user
    person = people_services.person_open(user=user, person_id=pk, record_type=RecordType.STORY)
    story = people_queries.person_record_get(user=user, model=Story, person=person, pk=record_id)
    try:
        services.story_withdraw_consent(
            user=user,
            story=story,
            on=timezone.localdate(),
            expected_version=posted_version(request),
        )
    except StaleVersion:
        messages.error(request, "Someone else changed this story just now. Try again.")
    else:
        messages.success(request, f"Consent withdrawn: “{story.title}” is no longer used anywhere")
    return redirect("outcomes:outcomes", person.pk)


@works_with_people
def due(request):
    return render(
        request,
        "outcomes/due.html",
        {
            "rows": queries.due(user=request.user),
            "interval": OrganisationSettings.current().review_interval_months,
        },
    )


# The kinds of outcome record, for the shared add / change / remove pages -----------------

RECORD_KINDS: dict[str, RecordKind] = {
    "crisis": RecordKind(
        model=CrisisEvent,
        add_form=forms.CrisisEventForm,
        change_form=forms.CrisisEventForm,
        add=services.crisis_add,
        change=services.crisis_change,
        remove=services.crisis_remove,
        param="crisis",
        tab="outcomes",
        back="outcomes:outcomes",
        noun="crisis or event",
    ),
    "avoided": RecordKind(
        model=CrisisAvoided,
        add_form=forms.CrisisAvoidedForm,
        change_form=forms.CrisisAvoidedForm,
        add=services.crisis_avoided_add,
        change=services.crisis_avoided_change,
        remove=services.crisis_avoided_remove,
        param="crisis_avoided",
        tab="outcomes",
        back="outcomes:outcomes",
        noun="crisis avoided",
    ),
}
