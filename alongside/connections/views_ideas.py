"""Pages of what suits a person, their shortlist (on screen and as a PDF) and the ideas
suggested for them."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from alongside.accounts.access import works_with_people
from alongside.audit.models import RecordType
from alongside.pdf import pdf_document, pdf_filename, pdf_response
from alongside.people import queries as people_queries
from alongside.people import services as people_services
from alongside.people.record_pages import (
    posted_version,
    render_record_form,
)
from alongside.records import StaleVersion
from alongside.validation import record_id

from . import forms, queries, services_records
from .models import DismissedBecause, ShortlistItem
from .suggestions import suggest
from .views import chosen_service, person_open, refusal_words


def _shortlistperson_open(request, pk):
    return people_services.person_open(
        user=request.user, person_id=pk, record_type=RecordType.SHORTLIST
    )


@works_with_people
def what_suits(request, pk):
    user = request.user
    person = person_open(request, pk)
    current = queries.what_suits(user=user, person=person)
    form = forms.WhatSuitsForm(request.POST or None, what_suits=current)
    if request.method == "POST" and form.is_valid():
        try:
            services_records.what_suits_save(
                user=user,
                person=person,
                expected_version=form.cleaned_data["version"],
                **form.values(),
            )
        except StaleVersion as stale:
            form.add_stale_error(stale.current)
        else:
            messages.success(request, f"What suits {person.known_as} saved")
            return redirect("connections:person", person.pk)
    return render_record_form(
        request, person, form, f"What suits {person.known_as}", "connections", "connections:person"
    )


@works_with_people
def shortlist(request, pk):
    user = request.user
    person = _shortlistperson_open(request, pk)
    q = request.GET.get("q", "").strip()[:100]
    return render(
        request,
        "connections/shortlist.html",
        {
            "person": person,
            "tab": "connections",
            "entries": queries.shortlist(user=user, person=person, today=timezone.localdate()),
            "q": q,
            "found": queries.services_to_choose(text=q) if q else [],
            "opportunities": queries.opportunities_to_shortlist(user=user, person=person),
            "filename": pdf_filename("shortlist", person.known_as),
        },
    )


@require_POST
@works_with_people
def shortlist_add(request, pk):
    user = request.user
    person = _shortlistperson_open(request, pk)
    service = chosen_service(request.POST.get("service"))
    opportunity_id = record_id(request.POST.get("opportunity"))
    opportunity = queries.opportunity_get(user=user, pk=opportunity_id) if opportunity_id else None
    try:
        item = services_records.shortlist_add(
            user=user,
            person=person,
            service=service,
            opportunity=opportunity,
            note=request.POST.get("note", "")[:300],
        )
    except ValueError as refused:
        messages.error(request, str(refused))
    else:
        messages.success(request, f"{item.name} is on {person.known_as}'s shortlist")
    return redirect("connections:shortlist", person.pk)


@require_POST
@works_with_people
def shortlist_remove(request, pk, record_id):
    user = request.user
    person = _shortlistperson_open(request, pk)
    item = people_queries.person_record_get(
        user=user, model=ShortlistItem, person=person, pk=record_id
    )
    try:
        services_records.shortlist_remove(
            user=user, item=item, expected_version=posted_version(request)
        )
    except StaleVersion:
        messages.error(request, "Someone else changed this just now, so it was not removed.")
    else:
        messages.success(request, f"{item.name} taken off the shortlist")
    return redirect("connections:shortlist", person.pk)


@works_with_people
def shortlist_pdf(request, pk):
    user = request.user
    person = _shortlistperson_open(request, pk)
    today = timezone.localdate()
    document = pdf_document(
        "connections/shortlist_pdf.html",
        {
            "person": person,
            "entries": queries.shortlist(user=user, person=person, today=today),
            "today": today,
            "coordinator": person.coordinator,
        },
    )
    return pdf_response(document, pdf_filename("shortlist", person.known_as))


# Suggestions ------------------------------------------------------------------------------


@works_with_people
def suggestions(request, pk):
    user = request.user
    person = person_open(request, pk)
    found = suggest(user=user, person=person, today=timezone.localdate())
    return render(
        request,
        "connections/suggestions.html",
        {
            "person": person,
            "tab": "connections",
            "suggestions": found,
            "reasons": DismissedBecause.choices,
            "what_suits": queries.what_suits(user=user, person=person),
        },
    )


def _suggested(request):
    """The resource, chance to contribute or person a suggestion's button names (a person
    only if the user works with them)."""
    service = chosen_service(request.POST.get("service"))
    opportunity_id = record_id(request.POST.get("opportunity"))
    opportunity = (
        queries.opportunity_get(user=request.user, pk=opportunity_id) if opportunity_id else None
    )
    person_id = record_id(request.POST.get("other_person"))
    other = (
        queries.people_to_connect(user=request.user, person=None).filter(pk=person_id).first()
        if person_id
        else None
    )
    return service, opportunity, other


@require_POST
@works_with_people
def suggestion_take(request, pk):
    """Suggest it to them (a connection at "suggested"), or put it on their shortlist."""
    user = request.user
    person = person_open(request, pk)
    service, opportunity, other = _suggested(request)
    why = request.POST.get("why", "")[:2000]
    try:
        if request.POST.get("to") == "shortlist" and other is None:
            item = services_records.shortlist_add(
                user=user, person=person, service=service, opportunity=opportunity, note=why[:300]
            )
            messages.success(request, f"{item.name} is on {person.known_as}'s shortlist")
        else:
            connection = services_records.suggestion_accept(
                user=user,
                person=person,
                service=service,
                opportunity=opportunity,
                other_person=other,
                why=why,
            )
            messages.success(request, f"{connection.name} suggested to {person.known_as}")
    except (ValueError, ValidationError) as refused:
        messages.error(request, refusal_words(refused))
    return redirect("connections:suggestions", person.pk)


@require_POST
@works_with_people
def suggestion_dismiss(request, pk):
    user = request.user
    person = person_open(request, pk)
    service, opportunity, other = _suggested(request)
    try:
        services_records.suggestion_dismiss(
            user=user,
            person=person,
            because=request.POST.get("because", ""),
            service=service,
            opportunity=opportunity,
            other_person=other,
        )
    except ValueError as refused:
        messages.error(request, str(refused))
    else:
        messages.success(request, "Not suggested again")
    return redirect("connections:suggestions", person.pk)
