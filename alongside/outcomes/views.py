"""The outcomes part of a person's record, recording measures and ratings, stories with
consent, and the list of people due a review measure."""

from decimal import Decimal

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_POST

from alongside.accounts.access import require_works_with_people
from alongside.people import services as people_services
from alongside.people.views import _render_form, _save_changes

from . import forms, queries, services
from .charts import line_chart
from .measures import MEASURES, Result, Score, meaningful_change
from .models import OrganisationSettings, Story

RANGES = {"swemwbs": (7, 35), "ons4": (0, 10), "ucla3": (3, 9), "ons_lonely": (1, 5)}
SHORT_NAMES = {"swemwbs": "SWEMWBS", "ons4": "ONS4", "ucla3": "UCLA", "ons_lonely": "ONS"}


def _result(response) -> Result:
    return Result(
        measure=response.measure,
        complete=response.complete,
        scores=tuple(Score(**s) for s in response.scores),
        reason=response.reason,
    )


def outcomes(request, pk):
    require_works_with_people(request)
    user = request.user
    person = people_services.person_open(user=user, person_id=pk, section="outcomes")
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


def measure_add(request, pk, measure):
    require_works_with_people(request)
    if measure not in MEASURES:
        raise Http404("No such measure")
    user = request.user
    person = people_services.person_open(user=user, person_id=pk, section="outcomes")
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


def ratings_add(request, pk):
    require_works_with_people(request)
    user = request.user
    person = people_services.person_open(user=user, person_id=pk, section="outcomes")
    form = forms.RatingsForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.ratings_record(
            user=user, person=person, on=form.cleaned_data["on"], ratings=form.ratings()
        )
        messages.success(request, "Outcomes rated")
        return redirect("outcomes:outcomes", person.pk)
    return _render_form(
        request, person, form, "Rate outcomes together", "outcomes", "outcomes:outcomes"
    )


def story_add(request, pk):
    require_works_with_people(request)
    user = request.user
    person = people_services.person_open(user=user, person_id=pk, section="stories")
    form = forms.StoryForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.story_add(
            user=user,
            person=person,
            data=form.changes(),
            domains=form.cleaned_data["domains"],
            form_token=form.cleaned_data.get("form_token"),
        )
        messages.success(request, "Story saved")
        return redirect("outcomes:outcomes", person.pk)
    return _render_form(request, person, form, "Add a story", "outcomes", "outcomes:outcomes")


def story_edit(request, pk, record_id):
    require_works_with_people(request)
    user = request.user
    person = people_services.person_open(user=user, person_id=pk, section="stories")
    story = people_services.record_get(user=user, model=Story, pk=record_id, person=person)
    form = forms.StoryForm(request.POST or None, instance=story)

    def save(*, user, record, data, expected_version):
        return services.story_update(
            user=user,
            story=record,
            data=data,
            domains=form.cleaned_data["domains"],
            expected_version=expected_version,
        )

    if _save_changes(request, form, story, save):
        return redirect("outcomes:outcomes", person.pk)
    return _render_form(request, person, form, "Change the story", "outcomes", "outcomes:outcomes")


@require_POST
def story_withdraw(request, pk, record_id):
    """The person withdrew consent: the story leaves every report at once."""
    require_works_with_people(request)
    user = request.user
    person = people_services.person_open(user=user, person_id=pk, section="stories")
    story = people_services.record_get(user=user, model=Story, pk=record_id, person=person)
    try:
        version = int(request.POST.get("version", ""))
    except ValueError:
        version = -1
    try:
        services.story_withdraw_consent(
            user=user, story=story, on=timezone.localdate(), expected_version=version
        )
    except people_services.StaleVersion:
        messages.error(request, "Someone else changed this story just now. Try again.")
    else:
        messages.success(request, f"Consent withdrawn: “{story.title}” is no longer used anywhere")
    return redirect("outcomes:outcomes", person.pk)


def due(request):
    require_works_with_people(request)
    return render(
        request,
        "outcomes/due.html",
        {
            "rows": queries.due(user=request.user),
            "interval": OrganisationSettings.current().review_interval_months,
        },
    )
