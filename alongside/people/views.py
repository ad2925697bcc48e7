"""Pages for introductions and the person's record. Thin: parse, call a service or query, render.

Every view that touches a person starts with ``services.person_open``, which checks scope
(404 for anyone else) and writes the audit entry for the read.
"""

from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from alongside.accounts.access import require_works_with_people
from alongside.accounts.models import Area, User
from alongside.accounts.scoping import areas_for, scoped
from alongside.audit.queries import audit_for_person
from alongside.networks.queries import network_change_by_area

from . import forms, queries, services
from .models import (
    Conversation,
    FamilyMember,
    Gift,
    GiftKind,
    Level,
    PlanReview,
    PlanStep,
    Status,
    StepStatus,
    VoiceEntry,
)


def _page(request, queryset):
    return Paginator(queryset, settings.ALONGSIDE_PAGE_SIZE).get_page(request.GET.get("page"))


# People ----------------------------------------------------------------------------------


def people_list(request):
    require_works_with_people(request)
    user = request.user
    areas = areas_for(user)
    area = areas.filter(pk=request.GET.get("area") or None).first()
    status = request.GET.get("status", "")
    level = request.GET.get("level", "")
    mine = request.GET.get("mine") == "1"
    q = request.GET.get("q", "").strip()[:100]
    coordinator_id = request.GET.get("coordinator", "")
    coordinator = (
        User.objects.filter(pk=coordinator_id).first() if coordinator_id.isdigit() else None
    )
    people = queries.people_search(
        user=user,
        text=q,
        status=status if status in Status.values else "",
        level=level if level in Level.values else "",
        area=area,
        coordinator=user if mine else coordinator,
    )
    return render(
        request,
        "people/people_list.html",
        {
            "page": _page(request, people),
            "areas": areas,
            "area": area,
            "q": q,
            "status": status,
            "level": level,
            "mine": mine,
            "statuses": Status.choices,
            "levels": Level.choices,
        },
    )


def person_summary(request, pk):
    require_works_with_people(request)
    person = services.person_open(user=request.user, person_id=pk, section="summary")
    return render(
        request,
        "people/person_summary.html",
        {
            "person": person,
            "tab": "summary",
            "family": scoped(request.user, FamilyMember.objects.filter(person=person)),
            "timeline": queries.person_timeline(user=request.user, person=person)[:5],
            "open_steps": queries.plan_steps(user=request.user, person=person).filter(
                status=StepStatus.OPEN
            )[:5],
            "gifts": queries.gifts(user=request.user, person=person)[:8],
        },
    )


def person_edit(request, pk):
    require_works_with_people(request)
    person = services.person_open(user=request.user, person_id=pk, section="details")
    form = forms.PersonForm(request.POST or None, instance=person, user=request.user)
    if _save_changes(request, form, person, services.person_update):
        return redirect("people:summary", person.pk)
    return _render_form(request, person, form, "Change details", "summary")


def person_timeline(request, pk):
    require_works_with_people(request)
    person = services.person_open(user=request.user, person_id=pk, section="conversations")
    return render(
        request,
        "people/person_timeline.html",
        {
            "person": person,
            "tab": "conversations",
            "timeline": queries.person_timeline(user=request.user, person=person),
        },
    )


def person_vision(request, pk):
    require_works_with_people(request)
    person = services.person_open(user=request.user, person_id=pk, section="vision")
    form = forms.VisionForm(request.POST or None, instance=person)
    if _save_changes(request, form, person, services.person_update):
        return redirect("people:vision", person.pk)
    editing = request.method == "POST" or request.GET.get("edit") == "1"
    return render(
        request,
        "people/person_vision.html",
        {"person": person, "tab": "vision", "form": form, "editing": editing},
    )


def person_gifts(request, pk):
    require_works_with_people(request)
    person = services.person_open(user=request.user, person_id=pk, section="gifts")
    gifts = queries.gifts(user=request.user, person=person)
    groups = [(label, [g for g in gifts if g.kind == kind]) for kind, label in GiftKind.choices]
    return render(
        request,
        "people/person_gifts.html",
        {
            "person": person,
            "tab": "gifts",
            "groups": groups,
            "empty": not gifts,
            "form": forms.GiftForm(person=person),
        },
    )


def person_plan(request, pk):
    require_works_with_people(request)
    person = services.person_open(user=request.user, person_id=pk, section="plan")
    return render(
        request,
        "people/person_plan.html",
        {
            "person": person,
            "tab": "plan",
            "steps": queries.plan_steps(user=request.user, person=person),
            "reviews": queries.plan_reviews(user=request.user, person=person),
            "form": forms.PlanStepForm(),
        },
    )


def person_voice(request, pk):
    require_works_with_people(request)
    person = services.person_open(user=request.user, person_id=pk, section="voice")
    return render(
        request,
        "people/person_voice.html",
        {
            "person": person,
            "tab": "voice",
            "entries": queries.voice_entries(user=request.user, person=person),
        },
    )


def person_audit(request, pk):
    if not request.user.is_manager:
        raise Http404("Only managers can read the audit trail")
    person = services.person_open(user=request.user, person_id=pk, section="audit")
    return render(
        request,
        "people/person_audit.html",
        {
            "person": person,
            "tab": "audit",
            "page": _page(request, audit_for_person(person_id=person.pk)),
        },
    )


def person_step_back(request, pk):
    require_works_with_people(request)
    person = services.person_open(user=request.user, person_id=pk, section="step back")
    form = forms.StepBackForm(request.POST or None, version=person.version)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.person_step_back(
                user=request.user,
                person=person,
                reason=data["reason"],
                note=data["note"],
                on=data["on"],
                expected_version=data["version"],
            )
        except services.StaleVersion as stale:
            form.add_stale_error(stale.current)
        else:
            messages.success(request, f"You have stepped back from walking alongside {person}")
            return redirect("people:summary", person.pk)
    return _render_form(request, person, form, "Step back", "summary")


def person_level(request, pk):
    """Re-open support for someone who has come back, or change the level of support."""
    require_works_with_people(request)
    person = services.person_open(user=request.user, person_id=pk, section="support")
    form = forms.LevelForm(
        request.POST or None, version=person.version, initial={"level": person.level}
    )
    reopening = person.status != Status.ACTIVE
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        change = services.person_reopen if reopening else services.person_change_level
        try:
            change(
                user=request.user,
                person=person,
                level=data["level"],
                note=data["note"],
                expected_version=data["version"],
            )
        except services.StaleVersion as stale:
            form.add_stale_error(stale.current)
        else:
            messages.success(request, "Support re-opened" if reopening else "Support changed")
            return redirect("people:summary", person.pk)
    title = "Re-open support" if reopening else "Change how you support them"
    return _render_form(request, person, form, title, "summary")


# Records of a person: one add/edit/remove flow for every kind ------------------------------


@dataclass(frozen=True)
class RecordKind:
    """How one kind of a person's record is added, changed and removed, and where it lives."""

    model: type
    form: type
    add_form: type
    tab: str  # the part of the record it belongs to, for the sub-navigation
    back: str  # the URL name of that part
    noun: str
    form_needs_person: bool = False


RECORD_KINDS: dict[str, RecordKind] = {
    "conversation": RecordKind(
        Conversation,
        forms.ConversationForm,
        forms.ConversationForm,
        "conversations",
        "people:timeline",
        "conversation",
    ),
    "gift": RecordKind(Gift, forms.GiftForm, forms.GiftForm, "gifts", "people:gifts", "gift", True),
    "step": RecordKind(
        PlanStep, forms.PlanStepUpdateForm, forms.PlanStepForm, "plan", "people:plan", "plan step"
    ),
    "review": RecordKind(
        PlanReview,
        forms.PlanReviewForm,
        forms.PlanReviewForm,
        "plan",
        "people:plan",
        "plan review",
    ),
    "voice": RecordKind(
        VoiceEntry, forms.VoiceForm, forms.VoiceForm, "voice", "people:voice", "voice entry"
    ),
    "family": RecordKind(
        FamilyMember,
        forms.FamilyMemberForm,
        forms.FamilyMemberForm,
        "summary",
        "people:summary",
        "family member",
    ),
}


def register_record_kind(name: str, kind: RecordKind) -> None:
    """Let another app's records use the same add, change and remove pages (and so the same
    checks, audit and access sweep). Called from that app's ``AppConfig.ready``."""
    if name in RECORD_KINDS and RECORD_KINDS[name] != kind:
        raise ValueError(f"A record kind called {name!r} already exists")
    RECORD_KINDS[name] = kind


def _kind(name) -> RecordKind:
    if name not in RECORD_KINDS:
        raise Http404("No such kind of record")
    return RECORD_KINDS[name]


def _form_kwargs(kind: RecordKind, person) -> dict:
    return {"person": person} if kind.form_needs_person else {}


def record_add(request, pk, kind):
    require_works_with_people(request)
    spec = _kind(kind)
    person = services.person_open(user=request.user, person_id=pk, section=spec.tab)
    form = spec.add_form(request.POST or None, **_form_kwargs(spec, person))
    if request.method == "POST" and form.is_valid():
        services.record_add(
            user=request.user,
            person=person,
            model=spec.model,
            data=form.changes(),
            form_token=form.cleaned_data.get("form_token"),
        )
        messages.success(request, f"{spec.noun.capitalize()} added")
        return redirect(spec.back, person.pk)
    return _render_form(request, person, form, f"Add a {spec.noun}", spec.tab, spec.back)


def record_edit(request, pk, kind, record_id):
    require_works_with_people(request)
    spec = _kind(kind)
    person = services.person_open(user=request.user, person_id=pk, section=spec.tab)
    record = services.record_get(user=request.user, model=spec.model, pk=record_id, person=person)
    form = spec.form(request.POST or None, instance=record, **_form_kwargs(spec, person))
    if _save_changes(request, form, record, services.record_update):
        messages.success(request, f"{spec.noun.capitalize()} saved")
        return redirect(spec.back, person.pk)
    return _render_form(
        request,
        person,
        form,
        f"Change {spec.noun}",
        spec.tab,
        spec.back,
        record=record,
        kind=kind,
    )


@require_POST
def record_remove(request, pk, kind, record_id):
    require_works_with_people(request)
    spec = _kind(kind)
    person = services.person_open(user=request.user, person_id=pk, section=spec.tab)
    record = services.record_get(user=request.user, model=spec.model, pk=record_id, person=person)
    try:
        version = int(request.POST.get("version", ""))
    except ValueError:
        version = -1
    try:
        services.record_remove(user=request.user, record=record, expected_version=version)
    except services.StaleVersion:
        messages.error(request, "Someone else changed this just now, so it was not removed.")
    else:
        messages.success(request, f"{spec.noun.capitalize()} removed")
    return redirect(spec.back, person.pk)


@require_POST
def step_status(request, pk, record_id):
    """Mark a plan step done, not done or to do, in place (htmx) or with a page load."""
    require_works_with_people(request)
    person = services.person_open(user=request.user, person_id=pk, section="plan")
    step = services.record_get(user=request.user, model=PlanStep, pk=record_id, person=person)
    status = request.POST.get("status", "")
    if status not in StepStatus.values:
        raise Http404("No such status")
    form = forms.PlanStepUpdateForm(
        {
            **{f: getattr(step, f) for f in ("what", "who")},
            "by_when": step.by_when,
            "status": status,
            "outcome": step.outcome,
            "version": request.POST.get("version"),
        },
        instance=step,
    )
    conflict = False
    if form.is_valid():
        try:
            services.record_update(
                user=request.user,
                record=step,
                data=form.changes(),
                expected_version=form.cleaned_data["version"],
            )
        except services.StaleVersion:
            conflict = True
            step.refresh_from_db()
    if request.htmx:
        return render(
            request,
            "people/person_plan.html#step-row",
            {"person": person, "step": step, "conflict": conflict},
        )
    if conflict:
        messages.error(request, "Someone else changed this step just now. Check it and try again.")
    return redirect("people:plan", person.pk)


def _save_changes(request, form, record, save) -> bool:
    """Run a versioned save for a bound form; on a conflict keep the typing and explain."""
    if request.method != "POST" or not form.is_valid():
        return False
    try:
        changed = save(
            user=request.user,
            **({"person": record} if save is services.person_update else {"record": record}),
            data=form.changes(),
            expected_version=form.cleaned_data["version"],
        )
    except services.StaleVersion as stale:
        form.add_stale_error(stale.current)
        return False
    if changed:
        messages.success(request, "Changes saved")
    return True


def _render_form(request, person, form, title, tab, back="people:summary", **extra):
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


# Managers and commissioners --------------------------------------------------------------


def team(request):
    if not request.user.is_manager:
        raise PermissionDenied
    return render(
        request, "people/team.html", {"coordinators": queries.coordinator_loads(user=request.user)}
    )


def figures(request):
    if request.user.role not in ("commissioner", "manager"):
        raise PermissionDenied
    end = timezone.localdate()
    start = end - timedelta(days=365)
    return render(
        request,
        "people/figures.html",
        {
            "rows": queries.area_figures(),
            "statuses": Status.choices,
            "network_rows": network_change_by_area(areas=Area.objects.all(), start=start, end=end),
            "start": start,
            "end": end,
        },
    )
