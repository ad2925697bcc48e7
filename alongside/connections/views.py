"""Pages of connections and contributions: the Connections part of a person's record, a
connection's history and follow-ups, chances to contribute, and the team's gaps."""

import uuid

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from alongside.accounts.access import works_with_people
from alongside.audit.models import RecordType
from alongside.directory import queries as directory_queries
from alongside.people import queries as people_queries
from alongside.people import services as people_services
from alongside.people.record_pages import (
    RecordKind,
    once_redirect,
    posted_version,
    render_record_form,
    save_changes,
    with_once,
)
from alongside.records import StaleVersion
from alongside.validation import record_id

from . import forms, queries, services, services_records
from .models import (
    Connection,
    Contribution,
    FollowUp,
    FormalService,
    Gap,
)


def person_open(request, pk):
    """The person, if the user works with them (404 otherwise), their connections' read
    audited."""
    return people_services.person_open(
        user=request.user, person_id=pk, record_type=RecordType.CONNECTION
    )


@works_with_people
def person_connections(request, pk):
    user = request.user
    person = person_open(request, pk)
    connections = queries.person_connections(user=user, person=person)
    return render(
        request,
        "connections/person_connections.html",
        {
            "person": person,
            "tab": "connections",
            "open": [c for c in connections if c.is_open],
            "ended": [c for c in connections if not c.is_open],
            "connected_with": queries.connected_with(user=user, person=person),
            "contributions": queries.contributions(user=user, person=person),
            "formal_services": queries.formal_services(user=user, person=person),
            "gaps": queries.gaps(user=user, person=person),
            "what_suits": queries.what_suits(user=user, person=person),
            "shortlisted": queries.shortlist_size(user=user, person=person),
            "today": timezone.localdate(),
        },
    )


@works_with_people
def connection_add(request, pk):
    user = request.user
    if again := once_redirect(request):
        if not people_queries.person_visible(user=user, person_id=pk):
            raise Http404("No such person")
        return again
    person = person_open(request, pk)
    service = chosen_service(request.POST.get("service") or request.GET.get("service"))
    form = with_once(
        forms.ConnectionForm(request.POST or None, user=user, person=person, service=service),
        request,
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            connection = services.connection_add(
                user=user,
                person=person,
                kind=data["kind"],
                service=service,
                opportunity=data.get("opportunity"),
                other_person=data.get("other_person"),
                name=data.get("name", ""),
                both_agreed=data.get("both_agreed", False),
                why=data["why"],
                hopes=data["hopes"],
                introduced_by=data["introduced_by"],
                going_along=data["going_along"],
                stage=data["stage"],
                on=data.get("on") or timezone.localdate(),
                form_token=data.get("form_token"),
            )
        except (ValueError, ValidationError) as refused:
            form.add_error(None, refusal_words(refused))
        else:
            messages.success(request, f"Connection with {connection.name} recorded")
            return redirect("connections:person", person.pk)
    q = request.GET.get("q", "").strip()[:100]
    return render(
        request,
        "connections/connection_add.html",
        {
            "person": person,
            "tab": "connections",
            "form": form,
            "service": service,
            "q": q,
            "found": queries.services_to_choose(text=q) if q and service is None else [],
            "once": request.GET.get("once", ""),
        },
    )


@works_with_people
def connect(request):
    """From a resource's page: the person chosen there, on to recording their connection
    with it (404 for someone the user does not work with)."""
    person_id = record_id(request.GET.get("person"))
    if not person_id or not people_queries.person_visible(user=request.user, person_id=person_id):
        raise Http404("No such person")
    service = chosen_service(request.GET.get("service"))
    if service is None:
        raise Http404("No such community resource")
    url = reverse("connections:add", args=[person_id])
    return redirect(f"{url}?once={uuid.uuid4()}&service={service.pk}")


def chosen_service(value):
    """The directory resource a page's ``service`` parameter names, or None."""
    try:
        return directory_queries.service_get(uuid.UUID(str(value))) if value else None
    except ValueError:
        return None


def refusal_words(refused) -> str:
    """What a refused write says, in words a page can show."""
    if isinstance(refused, ValidationError):
        return " ".join(refused.messages)
    return str(refused)


@works_with_people
def connection_detail(request, pk, record_id):
    user = request.user
    person = person_open(request, pk)
    connection = people_queries.person_record_get(
        user=user, model=Connection, person=person, pk=record_id
    )
    form = forms.MoveForm(request.POST or None, connection=connection)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.connection_move(
                user=user,
                connection=connection,
                stage=data["stage"],
                on=data["on"],
                note=data["note"],
                ended_reason=data["ended_reason"],
                expected_version=data["version"],
            )
        except StaleVersion as stale:
            form.add_stale_error(stale.current)
        except ValueError as refused:
            form.add_error(None, str(refused))
        else:
            messages.success(request, "Connection moved on")
            return redirect("connections:detail", person.pk, connection.pk)
    return _detail_page(request, person, connection, form)


def _detail_page(request, person, connection, form, reschedule=None):
    return render(
        request,
        "connections/connection_detail.html",
        {
            "person": person,
            "tab": "connections",
            "connection": connection,
            "stages": connection.stages.select_related("created_by"),
            "follow_ups": connection.follow_ups.all(),
            "form": form,
            "reschedule": reschedule,
            "today": timezone.localdate(),
        },
    )


@works_with_people
def connection_edit(request, pk, record_id):
    user = request.user
    person = person_open(request, pk)
    connection = people_queries.person_record_get(
        user=user, model=Connection, person=person, pk=record_id
    )
    form = forms.ConnectionChangeForm(request.POST or None, instance=connection)

    def save(changes, version):
        return services.connection_change(
            user=user, connection=connection, changes=changes, expected_version=version
        )

    if save_changes(request, form, save):
        return redirect("connections:detail", person.pk, connection.pk)
    return render_record_form(
        request,
        person,
        form,
        f"Change the connection with {connection.name}",
        "connections",
        "connections:person",
        record=connection,
        remove_url=reverse("connections:remove", args=[person.pk, connection.pk]),
    )


@require_POST
@works_with_people
def connection_remove(request, pk, record_id):
    user = request.user
    person = person_open(request, pk)
    connection = people_queries.person_record_get(
        user=user, model=Connection, person=person, pk=record_id
    )
    try:
        services.connection_remove(
            user=user, connection=connection, expected_version=posted_version(request)
        )
    except StaleVersion:
        messages.error(request, "Someone else changed this just now, so it was not removed.")
        return redirect("connections:detail", person.pk, connection.pk)
    messages.success(request, "Connection removed")
    return redirect("connections:person", person.pk)


@require_POST
@works_with_people
def follow_up_reschedule(request, pk, record_id, follow_up_id):
    user = request.user
    person = person_open(request, pk)
    connection = people_queries.person_record_get(
        user=user, model=Connection, person=person, pk=record_id
    )
    follow_up = FollowUp.objects.filter(pk=follow_up_id, connection=connection).first()
    if follow_up is None:
        raise Http404("No such follow-up")
    reschedule = forms.RescheduleForm(request.POST, prefix=f"f{follow_up.pk}")
    if reschedule.is_valid():
        try:
            services.follow_up_reschedule(
                user=user, follow_up=follow_up, due_on=reschedule.cleaned_data["due_on"]
            )
        except ValueError as refused:
            reschedule.add_error("due_on", str(refused))
        else:
            messages.success(request, f"Follow-up moved to {follow_up.due_on:%-d %B %Y}")
            return redirect("connections:detail", person.pk, connection.pk)
    reschedule.follow_up_id = follow_up.pk
    form = forms.MoveForm(connection=connection)
    return _detail_page(request, person, connection, form, reschedule)


# The kinds of a person's record, for the shared add / change / remove pages ---------------

RECORD_KINDS: dict[str, RecordKind] = {
    "contribution": RecordKind(
        model=Contribution,
        add_form=forms.ContributionForm,
        change_form=forms.ContributionForm,
        add=services_records.contribution_add,
        change=services_records.contribution_change,
        remove=services_records.contribution_remove,
        param="contribution",
        tab="connections",
        back="connections:person",
        noun="contribution",
        form_needs_person=True,
    ),
    "formal_service": RecordKind(
        model=FormalService,
        add_form=forms.FormalServiceForm,
        change_form=forms.FormalServiceForm,
        add=services_records.formal_service_add,
        change=services_records.formal_service_change,
        remove=services_records.formal_service_remove,
        param="formal_service",
        tab="connections",
        back="connections:person",
        noun="formal service",
    ),
    "gap": RecordKind(
        model=Gap,
        add_form=forms.GapForm,
        change_form=forms.GapForm,
        add=services_records.gap_add,
        change=services_records.gap_change,
        remove=services_records.gap_remove,
        param="gap",
        tab="connections",
        back="connections:person",
        noun="gap",
    ),
}
