"""The directory's pages. Thin: parse, call a query or a service, render.

Coordinators and managers (signed in) find community resources, near a postcode or near a
person they support, open one, add or correct one, and keep the directory fresh (the "needs
checking" list). Anyone, signed in or not, browses the public pages under /find/, which show
the same listings without the names of the staff who checked them.
"""

import contextlib
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from types import SimpleNamespace
from typing import Any, cast

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from alongside.accounts.access import SignedInRequest, works_with_people
from alongside.accounts.models import User
from alongside.audit.models import RecordType
from alongside.people import queries as people_queries
from alongside.people import services as people_services
from alongside.people.models import Person
from alongside.records import StaleVersion
from alongside.validation import record_id

from . import describe, forms, postcodes, queries, services
from .models import Service, Suggestion, SuggestionStatus
from .panels import resource_panels

PAGE_SIZE = 20
POSTCODE_DATA = "Postcode positions: Contains OS data © Crown copyright and database right"
NO_POSTCODE_FOR_PERSON = (
    "{name} has no postcode on their record: add one to it, or search near a postcode."
)


# Finding ----------------------------------------------------------------------------------


@dataclass
class Near:
    point: tuple[float, float]
    label: str  # what the page says the search is near


def _near(form: forms.SearchForm, person: Person | None) -> Near | None:
    """Where to measure from: the postcode typed, or the person's postcode. Adds the
    problem to the form when it cannot be found."""
    if form.cleaned_data.get("postcode"):
        postcode = form.cleaned_data["postcode"]
        try:
            return Near(postcodes.locate(postcode), postcode)
        except ValidationError as error:
            form.add_error("postcode", error)
            return None
    if person is not None:
        if not person.postcode:
            form.add_error("person", NO_POSTCODE_FOR_PERSON.format(name=person.full_name))
            return None
        try:
            point = postcodes.locate(person.postcode)
        except ValidationError as error:
            form.add_error("person", error)
            return None
        return Near(point, f"{person.full_name} ({person.postcode})")
    return None


def _results(
    request: HttpRequest, form: forms.SearchForm, *, person: Person | None, public: bool
) -> dict[str, Any]:
    """The search's results page, list and map, as template context."""
    near = _near(form, person) if form.is_valid() else None
    if form.errors:
        return {"form": form, "page": None, "listings": [], "near": None}
    data: dict[str, Any] = form.cleaned_data
    age = data.get("age")
    found = queries.services_search(
        text=data.get("q"),
        taxonomy_term_id=data["category"].pk if data.get("category") else None,
        minimum_age=age,
        maximum_age=age,
        free=data.get("free") or False,
        day=data.get("day") or None,
        time_of_day=data.get("time") or None,
        near=near.point if near else None,
        within_km=form.within_km if near else None,
        open_only=True,
    )
    found = queries.one_per_thing(found)
    if public:
        found = queries.shown_to_public(found, today=timezone.localdate())
    # The page's rows with their distances, without the search's filters again.
    rows = queries.listings(queries.services_search(near=near.point if near else None))
    page = queries.page_of(found, request.GET.get("page"), PAGE_SIZE, rows=rows)
    listings = describe.listings(
        page.object_list, today=timezone.localdate(), near=near.point if near else None
    )
    detail = "find:service" if public else "directory:service"
    return {
        "form": form,
        "page": page,
        "listings": listings,
        "near": near,
        "map": _map(listings, near, lambda s: reverse(detail, args=[s.pk])),
        "anything": queries.services_exist(),
    }


def _map(
    listings: list[describe.Listing], near: Near | None, url: Callable[[Service], str]
) -> dict[str, Any] | None:
    """What ``static/directory/map.js`` draws, or None when nothing has a place."""
    markers = describe.markers(listings, url)
    if not markers:
        return None
    return {
        "tiles": {
            "url": settings.DIRECTORY_TILE_URL,
            "attribution": settings.DIRECTORY_TILE_ATTRIBUTION,
        },
        "credits": POSTCODE_DATA if near else "",
        "markers": markers,
        "centre": {"lat": near.point[0], "lon": near.point[1], "label": f"Near {near.label}"}
        if near
        else None,
    }


def _people_to_choose(user: User, person: Person | None) -> list[tuple[str, str]] | None:
    """People this user supports, with a postcode, to search near; and ``person``. None when
    there is nobody to choose."""
    supported = people_queries.people_supported_with_postcode(user=user)
    choices = [(str(p.pk), f"{p.full_name} ({p.postcode})") for p in supported]
    if person is not None and str(person.pk) not in {value for value, _ in choices}:
        choices.insert(0, (str(person.pk), f"{person.full_name} ({person.postcode or '-'})"))
    return choices or None


def _search_data(request: HttpRequest) -> QueryDict:
    """The query, with the default distance when it does not say one (a first visit, or a
    link such as "resources near this person")."""
    data = request.GET.copy()
    data.setdefault("within", forms.DEFAULT_WITHIN)
    return data


@works_with_people
def search(request: SignedInRequest) -> HttpResponse:
    person = None
    if request.GET.get("person", "").strip():
        person_id = record_id(request.GET["person"])
        if person_id is None:
            raise Http404("No such person")
        # 404 for a person this user may not see; the read is audited.
        person = people_services.person_open(
            user=request.user, person_id=person_id, record_type=RecordType.PERSON
        )
    form = forms.SearchForm(request.GET or None, people=_people_to_choose(request.user, person))
    if not form.is_bound:
        form = forms.SearchForm(
            {"within": forms.DEFAULT_WITHIN}, people=_people_to_choose(request.user, None)
        )
    context = _results(request, form, person=person, public=False)
    return render(request, "directory/search.html", {**context, "person": person})


@works_with_people
def service(request: SignedInRequest, service_id: uuid.UUID) -> HttpResponse:
    return _service_page(request, service_id, public=False)


def _service_page(request: HttpRequest, service_id: uuid.UUID, *, public: bool) -> HttpResponse:
    found = queries.service_full_get(service_id)
    if found is None or (public and found.status not in queries.OPEN_STATUSES):
        raise Http404("No such community resource")
    if public and found.same_as_id:  # shown as another directory's listing of it
        return redirect("find:service", found.same_as_id)
    item = describe.listings([found], today=timezone.localdate())[0]
    if public and item.checked.hidden:
        raise Http404("No such community resource")
    item.number = 0  # one place on the map, and no list to match: no number
    url = reverse("find:service" if public else "directory:service", args=[found.pk])
    template = "directory/find_service.html" if public else "directory/service.html"
    panels = [] if public else resource_panels(user=cast(User, request.user), service=found)
    return render(
        request,
        template,
        {
            "service": found,
            "item": item,
            "map": _map([item], None, lambda s: url),
            "phones": [
                *found.phones.all(),
                *[p for at in found.service_at_locations.all() for p in at.location.phones.all()],
            ],
            "accessibility": [
                a
                for at in found.service_at_locations.all()
                for a in at.location.accessibility.all()
            ],
            "panels": panels,
            "also_listed": queries.also_listed(found),
        },
    )


@works_with_people
def needs_checking(request: SignedInRequest) -> HttpResponse:
    today = timezone.localdate()
    found = queries.services_needing_check(today=today)
    page = queries.page_of(found, request.GET.get("page"), PAGE_SIZE)
    rows = [(s, describe.checked(s, today)) for s in page.object_list]
    return render(
        request,
        "directory/needs_checking.html",
        {
            "page": page,
            "rows": rows,
            "today": today,
            "months": queries.check_every_months(),
            "hides": queries.hides_unchecked(),
        },
    )


@require_POST
@works_with_people
def mark_checked(request: SignedInRequest, service_id: uuid.UUID) -> HttpResponse:
    found = queries.service_get(service_id)
    if found is None:
        raise Http404("No such community resource")
    services.resource_mark_checked(user=request.user, service=found)
    messages.success(request, f"{found.name} is marked as checked today")
    if request.POST.get("next") == "needs_checking":
        return redirect("directory:needs_checking")
    return redirect("directory:service", found.pk)


# Adding and correcting ----------------------------------------------------------------------


def _suggestion(request: HttpRequest, *, correction: bool) -> Suggestion | None:
    """The suggestion (waiting, of the right kind) a form was opened or sent from."""
    chosen = record_id(request.POST.get("suggestion") or request.GET.get("suggestion"))
    found = queries.suggestion_get(chosen) if chosen else None
    if found is None or found.status != SuggestionStatus.WAITING:
        return None
    return found if found.is_correction == correction else None


def _accept(user: User, suggestion: Suggestion | None) -> None:
    if suggestion is not None:
        with contextlib.suppress(ValueError):  # a colleague accepted it at the same time
            services.suggestion_decide(user=user, suggestion=suggestion, accepted=True)


@works_with_people
def add(request: SignedInRequest) -> HttpResponse:
    suggestion = _suggestion(request, correction=False)
    context = {"service": None, "suggestion": suggestion}
    if request.method != "POST":
        initial = {"new_id": uuid.uuid4(), **services.suggestion_initial(suggestion)}
        form = forms.ResourceForm(initial=initial)
        return render(request, "directory/resource_form.html", {**context, "form": form})
    form = forms.ResourceForm(request.POST)
    if form.is_valid():
        new_id = form.cleaned_data.get("new_id")
        if new_id and queries.service_get(new_id) is not None:  # the same form sent again
            return redirect("directory:service", new_id)
        try:
            saved = services.resource_save(user=request.user, data=form.cleaned_data)
        except IntegrityError:
            if not new_id:
                raise
            return redirect("directory:service", new_id)  # sent twice at once: added once
        _accept(request.user, suggestion)
        return _saved(request, saved, "added")
    return render(request, "directory/resource_form.html", {**context, "form": form})


@works_with_people
def edit(request: SignedInRequest, service_id: uuid.UUID) -> HttpResponse:
    found = queries.service_full_get(service_id)
    if found is None:
        raise Http404("No such community resource")
    suggestion = _suggestion(request, correction=True)
    if suggestion is not None and suggestion.service_id != found.pk:
        suggestion = None
    if request.method == "POST":
        form = forms.ResourceForm(request.POST)
        if form.is_valid():
            try:
                saved = services.resource_save(
                    user=request.user,
                    data=form.cleaned_data,
                    service=found,
                    expected_version=form.cleaned_data["version"],
                )
            except StaleVersion:
                # A colleague or an import saved first: keep what was typed, show theirs.
                found = queries.service_full_get(service_id)
                if found is None:  # removed since
                    raise Http404("No such community resource") from None
                form.add_stale_error(
                    SimpleNamespace(**services.resource_initial(found), version=found.version)
                )
            else:
                _accept(request.user, suggestion)
                return _saved(request, saved, "saved")
    else:
        initial = services.resource_initial(found)
        if suggestion is not None:
            initial["suggestion"] = suggestion.pk
        form = forms.ResourceForm(initial=initial, version=found.version)
    return render(
        request,
        "directory/resource_form.html",
        {"form": form, "service": found, "suggestion": suggestion},
    )


# Suggestions from the public ----------------------------------------------------------------


@works_with_people
def suggestions(request: SignedInRequest) -> HttpResponse:
    page = queries.page_of(queries.suggestions_waiting(), request.GET.get("page"), PAGE_SIZE)
    return render(request, "directory/suggestions.html", {"page": page})


@works_with_people
def suggestion(request: SignedInRequest, suggestion_id: int) -> HttpResponse:
    found = queries.suggestion_get(suggestion_id)
    if found is None:
        raise Http404("No such suggestion")
    error = ""
    if request.method == "POST":
        reason = str(request.POST.get("reason", ""))
        try:
            services.suggestion_decide(
                user=request.user, suggestion=found, accepted=False, reason=reason
            )
        except ValueError as refused:
            error = str(refused)
        else:
            messages.success(request, "The suggestion is turned down, with your reason")
            return redirect("directory:suggestions")
    return render(
        request,
        "directory/suggestion.html",
        {"suggestion": found, "error": error, "reason": request.POST.get("reason", "")},
    )


def _saved(request: HttpRequest, saved: services.Saved, verb: str) -> HttpResponse:
    messages.success(request, f"{saved.service.name} {verb}, and marked as checked today")
    if not saved.located:
        messages.warning(
            request,
            "It is not on the map: we do not know where its postcode is. Check the postcode.",
        )
    return redirect("directory:service", saved.service.pk)


# Public pages ---------------------------------------------------------------------------------


@login_not_required
def find(request: HttpRequest) -> HttpResponse:
    form = forms.SearchForm(_search_data(request))
    context = _results(request, form, person=None, public=True)
    return render(request, "directory/find.html", context)


@login_not_required
def find_service(request: HttpRequest, service_id: uuid.UUID) -> HttpResponse:
    return _service_page(request, service_id, public=True)
