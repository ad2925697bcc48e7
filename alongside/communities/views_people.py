"""A person's part in their community's life: what they would like to get involved in, and
the projects they take part in, contribute to or lead. Every page is of a person the user
may see (404 otherwise), read and written with the audit trail."""

from django.contrib import messages
from django.db.models import QuerySet
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from alongside.accounts.access import SignedInRequest, works_with_people
from alongside.accounts.scoping import scoped
from alongside.audit.models import RecordType
from alongside.connections.models import Contribution
from alongside.people import services as people_services
from alongside.people.models import Person
from alongside.people.record_pages import posted_version, with_once
from alongside.records import StaleVersion

from . import forms, queries, services
from .models import Involvement, ProjectPerson


def _person(request: SignedInRequest, pk: int) -> Person:
    return people_services.person_open(
        user=request.user, person_id=pk, record_type=RecordType.INVOLVEMENT
    )


def _forms(request: SignedInRequest, person: Person, data=None):
    involvement = forms.InvolvementForm(
        data if data and data.get("what_form") == "involvement" else None,
        instance=Involvement(person=person),
        conversations=queries.conversations_of(person.area),
        prefix="involved",
    )
    part = forms.ProjectPersonForm(
        data if data and data.get("what_form") == "project" else None,
        instance=ProjectPerson(person=person),
        projects=queries.projects_of([person.area]),
        contributions=scoped(request.user, Contribution.objects.filter(person=person)),
        prefix="project",
    )
    return with_once(involvement, request), with_once(part, request)


@works_with_people
def person_community(request: SignedInRequest, pk: int) -> HttpResponse:
    person = _person(request, pk)
    involvement_form, project_form = _forms(request, person, request.POST or None)
    if request.method == "POST":
        which = request.POST.get("what_form")
        form = involvement_form if which == "involvement" else project_form
        if which in ("involvement", "project") and form.is_valid():
            values = {k: v for k, v in form.changes().items() if k != "project"}
            token = form.cleaned_data.get("form_token")
            try:
                if which == "involvement":
                    services.involvement_add(
                        user=request.user, person=person, values=values, form_token=token
                    )
                else:
                    services.project_person_add(
                        user=request.user,
                        project=form.cleaned_data["project"],
                        person=person,
                        values=values,
                        form_token=token,
                    )
            except ValueError as refused:
                form.add_error(None, str(refused))
            else:
                messages.success(request, "Saved")
                return redirect("communities:person", pk=person.pk)
    return render(
        request,
        "communities/person.html",
        {
            "person": person,
            "tab": "community",
            "involvements": scoped(request.user, Involvement.objects.filter(person=person))
            .select_related("conversation")
            .order_by("-agreed_on"),
            "parts": scoped(request.user, ProjectPerson.objects.filter(person=person))
            .select_related("project", "contribution")
            .order_by("project__title"),
            "involvement_form": involvement_form,
            "project_form": project_form,
            "open": request.POST.get("what_form", ""),
        },
    )


@require_POST
@works_with_people
def person_community_remove(
    request: SignedInRequest, pk: int, kind: str, record_id: int
) -> HttpResponse:
    person = _person(request, pk)
    found: QuerySet
    if kind == "involvement":
        found = Involvement.objects.filter(person=person, pk=record_id)
    elif kind == "project":
        found = ProjectPerson.objects.filter(person=person, pk=record_id)
    else:
        raise Http404("Nothing of that kind")
    record = scoped(request.user, found).first()
    if record is None:
        raise Http404("No such record")
    try:
        if isinstance(record, Involvement):
            services.involvement_remove(
                user=request.user, involvement=record, expected_version=posted_version(request)
            )
        else:
            services.project_person_remove(
                user=request.user, part=record, expected_version=posted_version(request)
            )
    except StaleVersion:
        messages.error(request, "It changed since the page was loaded: look again, then remove it")
    else:
        messages.success(request, "Removed")
    return redirect("communities:person", pk=person.pk)
