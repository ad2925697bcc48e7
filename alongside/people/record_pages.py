"""One add / change / remove page for every kind of a person's record.

Each app declares its kinds in plain sight, in its own ``views.py`` (a ``RecordKind`` naming
the model, the forms and the app's own named write functions), and mounts the pages with
``record_urls(KINDS)`` in its own ``urls.py``: nothing is registered from elsewhere. The pages
check access (``works_with_people``), fetch the person and the record through the scoping
function (404 outside the user's areas), and call the kind's write function; they never save
anything themselves.
"""

import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.db.models import Model
from django.forms import BaseForm
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import URLPattern, re_path, reverse
from django.views.decorators.http import require_POST

from alongside.accounts.access import SignedInRequest, works_with_people
from alongside.audit.models import RecordType
from alongside.forms import VersionedModelForm
from alongside.records import StaleVersion, record_type_of

from . import queries, services
from .models import Person

NOT_REMOVED = "Someone else changed this just now, so it was not removed."


@dataclass(frozen=True)
class RecordKind:
    """How one kind of a person's record is added, changed and removed, and where it lives.

    ``add`` is called as ``add(user=, person=, form_token=, **form.changes())``; ``change`` as
    ``change(user=, <param>=record, changes=, expected_version=)``; ``remove`` as
    ``remove(user=, <param>=record, expected_version=)``.
    """

    model: type[Model]
    add_form: type[VersionedModelForm]
    change_form: type[VersionedModelForm]
    add: Callable[..., Model]
    change: Callable[..., list[str]]
    remove: Callable[..., None]
    param: str  # the write functions' name for the record, e.g. "plan_step"
    tab: str  # the part of the person's record it belongs to, for the sub-navigation
    back: str  # the URL name of that part
    noun: str
    form_needs_person: bool = False

    @property
    def record_type(self) -> RecordType:
        return record_type_of(self.model)

    def form_kwargs(self, person: Person, user: Any) -> dict[str, Any]:
        return {"person": person, "user": user} if self.form_needs_person else {}


def record_urls(kinds: Mapping[str, RecordKind]) -> list[URLPattern]:
    """The add, change and remove pages of ``kinds``, at ``people/<pk>/<kind>/add/``,
    ``people/<pk>/<kind>/<record_id>/`` and ``…/remove/`` (names ``record_add``,
    ``record_edit``, ``record_remove`` in the including app's namespace)."""
    names = "|".join(kinds)
    prefix = rf"^people/(?P<pk>[0-9]+)/(?P<kind>{names})/"
    extra = {"kinds": kinds}
    return [
        re_path(prefix + r"add/$", record_add, extra, name="record_add"),
        re_path(prefix + r"(?P<record_id>[0-9]+)/$", record_edit, extra, name="record_edit"),
        re_path(
            prefix + r"(?P<record_id>[0-9]+)/remove/$", record_remove, extra, name="record_remove"
        ),
    ]


def render_record_form(
    request: HttpRequest,
    person: Person,
    form: BaseForm,
    title: str,
    tab: str,
    back: str = "people:summary",
    **extra: Any,
) -> HttpResponse:
    """The page of one form about the person, inside their record's navigation."""
    return render(
        request,
        "people/record_form.html",
        {
            "person": person,
            "form": form,
            "title": title,
            "tab": tab,
            "back_url": reverse(back, args=[person.pk]),
            **extra,
        },
    )


def save_changes(
    request: HttpRequest, form: Any, save: Callable[[dict[str, Any], int], list[str]]
) -> bool:
    """For a posted, valid versioned form: ``save(changes, expected_version)``. True when
    saved; on a colleague's save in between, the form keeps the typing and explains."""
    if request.method != "POST" or not form.is_valid():
        return False
    try:
        changed = save(form.changes(), form.cleaned_data["version"])
    except StaleVersion as stale:
        form.add_stale_error(stale.current)
        return False
    if changed:
        messages.success(request, "Changes saved")
    return True


ONCE = "once"


def once_redirect(request: HttpRequest) -> HttpResponse | None:
    """An add page opened without a one-time token in its address goes to the same address
    with one. The form sends that token, so the same form sent twice — a double click, or
    Back (which returns to this very address) and Save again — makes one record."""
    if request.method != "GET" or once_token(request) is not None:
        return None
    query = request.GET.copy()
    query[ONCE] = str(uuid.uuid4())
    return HttpResponseRedirect(f"{request.path}?{query.urlencode()}")


def once_token(request: HttpRequest) -> uuid.UUID | None:
    """The one-time token in the page's address, if it has a well-formed one."""
    try:
        return uuid.UUID(request.GET.get(ONCE, ""))
    except ValueError:
        return None


def with_once(form: Any, request: HttpRequest) -> Any:
    """An unbound add form carries the token of its page's address."""
    if not form.is_bound and (token := once_token(request)) is not None:
        form.initial["form_token"] = token
    return form


def posted_version(request: HttpRequest) -> int:
    """The version a remove or move button was shown with (-1 when missing: always stale)."""
    try:
        return int(request.POST.get("version", ""))
    except ValueError:
        return -1


def _open(request: SignedInRequest, pk: str, kind: RecordKind) -> Person:
    return services.person_open(user=request.user, person_id=int(pk), record_type=kind.record_type)


def _record(request: SignedInRequest, kind: RecordKind, person: Person, record_id: str) -> Model:
    return queries.person_record_get(
        user=request.user, model=kind.model, person=person, pk=int(record_id)
    )


def _namespace(request: HttpRequest) -> str:
    """The URL namespace of the app that mounted the page (people, outcomes…)."""
    assert request.resolver_match is not None  # a view is always reached through a URL
    return request.resolver_match.namespace


def _kind(kinds: Mapping[str, RecordKind], name: str) -> RecordKind:
    if name not in kinds:
        raise Http404("No such kind of record")
    return kinds[name]


@works_with_people
def record_add(
    request: SignedInRequest, pk: str, kind: str, kinds: Mapping[str, RecordKind]
) -> HttpResponse:
    spec = _kind(kinds, kind)
    if once_token(request) is None:  # the page's address gets a one-time token first
        if not queries.person_visible(user=request.user, person_id=int(pk)):
            raise Http404("No such person")
        if again := once_redirect(request):
            return again
    person = _open(request, pk, spec)
    form = with_once(
        spec.add_form(request.POST or None, **spec.form_kwargs(person, request.user)), request
    )
    if request.method == "POST" and form.is_valid():
        spec.add(
            user=request.user,
            person=person,
            form_token=form.cleaned_data.get("form_token"),
            **form.changes(),
        )
        messages.success(request, f"{spec.noun.capitalize()} added")
        return redirect(spec.back, person.pk)
    return render_record_form(request, person, form, f"Add a {spec.noun}", spec.tab, spec.back)


@works_with_people
def record_edit(
    request: SignedInRequest, pk: str, kind: str, record_id: str, kinds: Mapping[str, RecordKind]
) -> HttpResponse:
    spec = _kind(kinds, kind)
    person = _open(request, pk, spec)
    record = _record(request, spec, person, record_id)
    form: Any = spec.change_form(
        request.POST or None, instance=record, **spec.form_kwargs(person, request.user)
    )

    def save(changes: dict[str, Any], version: int) -> list[str]:
        return spec.change(
            user=request.user, changes=changes, expected_version=version, **{spec.param: record}
        )

    if save_changes(request, form, save):
        messages.success(request, f"{spec.noun.capitalize()} saved")
        return redirect(spec.back, person.pk)
    return render_record_form(
        request,
        person,
        form,
        f"Change {spec.noun}",
        spec.tab,
        spec.back,
        record=record,
        remove_url=reverse(
            f"{_namespace(request)}:record_remove", args=[person.pk, kind, record.pk]
        ),
    )


@require_POST
@works_with_people
def record_remove(
    request: SignedInRequest, pk: str, kind: str, record_id: str, kinds: Mapping[str, RecordKind]
) -> HttpResponse:
    spec = _kind(kinds, kind)
    person = _open(request, pk, spec)
    record = _record(request, spec, person, record_id)
    try:
        spec.remove(
            user=request.user, expected_version=posted_version(request), **{spec.param: record}
        )
    except StaleVersion:
        messages.error(request, NOT_REMOVED)
    else:
        messages.success(request, f"{spec.noun.capitalize()} removed")
    return redirect(spec.back, person.pk)
