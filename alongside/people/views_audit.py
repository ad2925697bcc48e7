"""The audit trail, for managers: the whole team's, and one person's, with the same filters,
and both as CSV. Thin: a visible access decorator, read the filters, call a query, render.

Every queryset of people goes through ``scoped()``; the audit app below only narrows entries
to the ids it is given. Opening one person's trail is itself audited (``person_open``);
every export leaves one "exported the audit trail" entry for each person in the file.
"""

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Page, Paginator
from django.db.models import OuterRef, Q, QuerySet, Subquery
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from alongside.accounts.access import SignedInRequest, managers_only, managers_only_else_404
from alongside.accounts.scoping import scoped
from alongside.audit.forms import AuditFilterForm
from alongside.audit.models import AuditEntry, RecordType
from alongside.audit.queries import PersonIds, audit_entries, audit_users
from alongside.audit.services import TooManyToExport, audit_export
from alongside.spreadsheets import csv_lines

from . import services
from .models import Person


def _read_filters(
    request: HttpRequest, *, person_ids: PersonIds, people: QuerySet[Person] | None = None
) -> tuple[AuditFilterForm, QuerySet[AuditEntry] | None]:
    """The filter form and the entries it picks, or ``None`` if the filters need correcting.
    ``people`` (the team page) lets the typed name narrow the people."""
    form = AuditFilterForm(
        request.GET or None,
        users=audit_users(person_ids=person_ids),
        with_person=people is not None,
    )
    if not form.is_bound:
        return form, audit_entries(person_ids=person_ids)
    if not form.is_valid():
        return form, None
    data = form.cleaned_data
    if people is not None and (name := data["person"].strip()):
        person_ids = people.filter(
            Q(full_name__icontains=name) | Q(preferred_name__icontains=name)
        ).values("pk")
    return form, audit_entries(
        person_ids=person_ids,
        user_id=data["user"].pk if data["user"] else None,
        action=data["action"] or None,
        record_type=data["record_type"] or None,
        since=data["since"],
        until=data["until"],
    )


def _with_names(user, entries: QuerySet[AuditEntry]) -> QuerySet[AuditEntry]:
    """Each entry's person's name, in the same query (``person_name``)."""
    names = scoped(user, Person.objects.filter(pk=OuterRef("person_id"))).values("full_name")
    return entries.annotate(person_name=Subquery(names[:1]))


def _page(request: HttpRequest, entries: QuerySet[AuditEntry] | None) -> Page | None:
    if entries is None:
        return None
    return Paginator(entries, settings.ALONGSIDE_PAGE_SIZE).get_page(request.GET.get("page"))


def _same_filters(request: HttpRequest, url: str) -> str:
    """``url`` with the filters of this request (not its page number)."""
    query = request.GET.copy()
    query.pop("page", None)
    return f"{url}?{query.urlencode()}" if query else url


def _csv(
    request: HttpRequest,
    *,
    entries: QuerySet[AuditEntry] | None,
    page_url: str,
    filename: str,
    person_ids=(),
) -> HttpResponse:
    if entries is None:  # the page shows what to correct, with what was typed
        return redirect(_same_filters(request, page_url))
    try:
        rows = audit_export(
            user=request.user, entries=_with_names(request.user, entries), person_ids=person_ids
        )
    except TooManyToExport as too_many:
        messages.error(request, str(too_many))
        return redirect(_same_filters(request, page_url))
    # Not streamed: the rows are read inside the export's transaction (at most EXPORT_LIMIT).
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response.writelines(csv_lines(rows))
    day = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="{filename}-{day}.csv"'
    response["Cache-Control"] = "no-store"
    return response


# The team's trail ------------------------------------------------------------------------


@managers_only
def trail(request: SignedInRequest) -> HttpResponse:
    people = scoped(request.user, Person.objects.all())
    form, entries = _read_filters(request, person_ids=people.values("pk"), people=people)
    page = _page(request, None if entries is None else _with_names(request.user, entries))
    return render(
        request,
        "people/audit_trail.html",
        {
            "form": form,
            "page": page,
            "export_url": _same_filters(request, reverse("audit:export")),
            "clear_url": reverse("audit:trail"),
        },
    )


@managers_only
def trail_export(request: SignedInRequest) -> HttpResponse:
    people = scoped(request.user, Person.objects.all())
    _, entries = _read_filters(request, person_ids=people.values("pk"), people=people)
    return _csv(request, entries=entries, page_url=reverse("audit:trail"), filename="audit-trail")


# One person's trail ----------------------------------------------------------------------


@managers_only_else_404
def person_trail(request: SignedInRequest, pk: int) -> HttpResponse:
    person = services.person_open(
        user=request.user, person_id=pk, record_type=RecordType.AUDIT_TRAIL
    )
    form, entries = _read_filters(request, person_ids=[person.pk])
    return render(
        request,
        "people/person_audit_trail.html",
        {
            "person": person,
            "tab": "audit",
            "form": form,
            "page": _page(request, entries),
            "export_url": _same_filters(request, reverse("audit:person_export", args=[pk])),
            "clear_url": reverse("audit:person", args=[pk]),
        },
    )


@managers_only_else_404
def person_trail_export(request: SignedInRequest, pk: int) -> HttpResponse:
    """The export is audited as such ("exported the audit trail"), not as a look."""
    person = scoped(request.user, Person.objects.filter(pk=pk)).only("pk", "full_name").first()
    if person is None:
        raise Http404("No such person")
    _, entries = _read_filters(request, person_ids=[person.pk])
    return _csv(
        request,
        entries=entries,
        page_url=reverse("audit:person", args=[pk]),
        filename=f"audit-trail-person-{person.pk}",
        person_ids=[person.pk],
    )
