"""The audit trail, for managers: the whole team's, and one person's, with the same filters,
and both as CSV. Thin: a visible access decorator, read the filters, call a query, render.

Every queryset of people goes through ``scoped()``; the audit app below only narrows entries
to the ids it is given. Opening one person's trail is itself audited (``person_open``);
every export leaves one "exported the audit trail" entry for each person in the file.
"""

from django.contrib import messages
from django.core.paginator import Page
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from alongside.accounts.access import SignedInRequest, managers_only, managers_only_else_404
from alongside.audit.forms import AuditFilterForm
from alongside.audit.models import AuditEntry, RecordType
from alongside.audit.queries import PersonIds, audit_entries, audit_users
from alongside.audit.services import TooManyToExport, audit_export
from alongside.spreadsheets import csv_lines

from . import queries, services
from .views import page_of


def _read_filters(
    request: SignedInRequest, *, person_ids: PersonIds, by_name: bool = False
) -> tuple[AuditFilterForm, QuerySet[AuditEntry] | None]:
    """The filter form and the entries it picks, or ``None`` if the filters need correcting.
    With ``by_name`` (the team page) a typed name narrows the people, as the people search
    finds them."""
    form = AuditFilterForm(
        request.GET or None,
        users=audit_users(person_ids=person_ids),
        with_person=by_name,
    )
    if not form.is_bound:
        return form, audit_entries(person_ids=person_ids)
    if not form.is_valid():
        return form, None
    data = form.cleaned_data
    if by_name and (name := data["person"].strip()):
        person_ids = queries.people_search(user=request.user, text=name).values("pk")
    return form, audit_entries(
        person_ids=person_ids,
        user_id=data["user"].pk if data["user"] else None,
        action=data["action"] or None,
        record_type=data["record_type"] or None,
        since=data["since"],
        until=data["until"],
    )


def _page(request: HttpRequest, entries: QuerySet[AuditEntry] | None) -> Page | None:
    return None if entries is None else page_of(request, entries)


def _same_filters(request: HttpRequest, url: str) -> str:
    """``url`` with the filters of this request (not its page number)."""
    query = request.GET.copy()
    query.pop("page", None)
    return f"{url}?{query.urlencode()}" if query else url


def _csv(
    request: SignedInRequest,
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
            user=request.user,
            entries=queries.audit_entries_named(user=request.user, entries=entries),
            person_ids=person_ids,
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
    people = queries.people_search(user=request.user)
    form, entries = _read_filters(request, person_ids=people.values("pk"), by_name=True)
    page = _page(
        request,
        None
        if entries is None
        else queries.audit_entries_named(user=request.user, entries=entries),
    )
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
    people = queries.people_search(user=request.user)
    _, entries = _read_filters(request, person_ids=people.values("pk"), by_name=True)
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
    if not queries.person_visible(user=request.user, person_id=pk):
        raise Http404("No such person")
    _, entries = _read_filters(request, person_ids=[pk])
    return _csv(
        request,
        entries=entries,
        page_url=reverse("audit:person", args=[pk]),
        filename=f"audit-trail-person-{pk}",
        person_ids=[pk],
    )
