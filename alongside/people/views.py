"""Pages for the person's record, and the team page. Thin: a visible access
decorator, parse, call a service or query, render.

Every view that touches a person starts with ``services.person_open``, which checks scope
(404 for anyone else) and writes the audit entry for the read. The kinds of record a person
has (conversations, gifts, plan steps…) are declared at the bottom, for the shared add,
change and remove pages in ``record_pages.py``.
"""

from datetime import timedelta

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from alongside.accounts.access import managers_only, managers_only_else_404, works_with_people
from alongside.accounts.models import User
from alongside.accounts.scoping import areas_for
from alongside.audit.models import RecordType
from alongside.records import StaleVersion
from alongside.validation import record_id

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
from .my_day import sections as my_day_sections
from .record_pages import RecordKind, posted_version, render_record_form, save_changes

STALE_MERGE = (
    "Someone changed one of these records while you were comparing them: nothing was merged. "
    "Check the values below, then merge again."
)


def page_of(request, queryset):
    """The page of ``queryset`` that ``?page=`` asks for (the last one when past the end)."""
    return Paginator(queryset, settings.ALONGSIDE_PAGE_SIZE).get_page(request.GET.get("page"))


# My day ---------------------------------------------------------------------------------


@works_with_people
def my_day(request):
    """Where coordinators and managers land: what today needs (see my_day.py)."""
    today = timezone.localdate()
    parts = my_day_sections(user=request.user, today=today)
    services.my_day_opened(user=request.user, shown=[row for part in parts for row in part.shown])
    return render(request, "people/my_day.html", {"sections": parts, "today": today})


# People ----------------------------------------------------------------------------------


@works_with_people
def people_list(request):
    user = request.user
    areas = areas_for(user)
    area = areas.filter(pk=record_id(request.GET.get("area"))).first()
    status = request.GET.get("status", "")
    level = request.GET.get("level", "")
    mine = request.GET.get("mine") == "1"
    q = request.GET.get("q", "").strip()[:100]
    sort = request.GET.get("sort", "")
    coordinator_id = record_id(request.GET.get("coordinator"))
    coordinator = User.objects.filter(pk=coordinator_id).first() if coordinator_id else None
    people = queries.people_search(
        user=user,
        text=q,
        status=status if status in Status.values else "",
        level=level if level in Level.values else "",
        area=area,
        coordinator=user if mine else coordinator,
        longest_out_of_touch_first=sort == "out_of_touch",
    )
    return render(
        request,
        "people/people_list.html",
        {
            "page": page_of(request, people),
            "areas": areas,
            "area": area,
            "q": q,
            "status": status,
            "level": level,
            "mine": mine,
            "sort": sort,
            "coordinator": coordinator,
            "out_of_touch_since": timezone.localdate()
            - timedelta(weeks=settings.ALONGSIDE_OUT_OF_TOUCH_WEEKS),
            "statuses": Status.choices,
            "levels": Level.choices,
        },
    )


@works_with_people
def person_summary(request, pk):
    try:
        person = services.person_open(
            user=request.user, person_id=pk, record_type=RecordType.PERSON
        )
    except Http404:
        if kept := queries.merged_into(user=request.user, person_id=pk):
            return redirect("people:summary", kept)  # a duplicate merged into another record
        raise
    services.handover_received(user=request.user, person=person)
    return render(
        request,
        "people/person_summary.html",
        {
            "person": person,
            "tab": "summary",
            "family": queries.family_members(user=request.user, person=person),
            "timeline": queries.person_timeline(user=request.user, person=person)[:5],
            "open_steps": queries.plan_steps(user=request.user, person=person).filter(
                status=StepStatus.OPEN
            )[:5],
            "gifts": queries.gifts(user=request.user, person=person)[:8],
            "waiting": list(queries.waiting_introductions(user=request.user, person=person)),
        },
    )


@works_with_people
def person_edit(request, pk):
    person = services.person_open(user=request.user, person_id=pk, record_type=RecordType.PERSON)
    form = forms.PersonForm(request.POST or None, instance=person, user=request.user)
    if save_changes(request, form, _person_saver(request, person)):
        return redirect("people:summary", person.pk)
    return render_record_form(request, person, form, "Change details", "summary")


def _person_saver(request, person):
    def save(changes, version):
        return services.person_change(
            user=request.user, person=person, changes=changes, expected_version=version
        )

    return save


@works_with_people
def person_timeline(request, pk):
    person = services.person_open(
        user=request.user, person_id=pk, record_type=RecordType.CONVERSATION
    )
    return render(
        request,
        "people/person_timeline.html",
        {
            "person": person,
            "tab": "conversations",
            "timeline": queries.person_timeline(user=request.user, person=person),
        },
    )


@works_with_people
def person_vision(request, pk):
    person = services.person_open(user=request.user, person_id=pk, record_type=RecordType.PERSON)
    form = forms.VisionForm(request.POST or None, instance=person)
    if save_changes(request, form, _person_saver(request, person)):
        return redirect("people:vision", person.pk)
    editing = request.method == "POST" or request.GET.get("edit") == "1"
    return render(
        request,
        "people/person_vision.html",
        {"person": person, "tab": "vision", "form": form, "editing": editing},
    )


@works_with_people
def person_gifts(request, pk):
    person = services.person_open(user=request.user, person_id=pk, record_type=RecordType.GIFT)
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
            "form": forms.GiftForm(person=person, user=request.user),
        },
    )


@works_with_people
def person_plan(request, pk):
    person = services.person_open(user=request.user, person_id=pk, record_type=RecordType.PLAN_STEP)
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


@works_with_people
def person_voice(request, pk):
    person = services.person_open(
        user=request.user, person_id=pk, record_type=RecordType.VOICE_ENTRY
    )
    return render(
        request,
        "people/person_voice.html",
        {
            "person": person,
            "tab": "voice",
            "entries": queries.voice_entries(user=request.user, person=person),
        },
    )


@works_with_people
def person_hand_over(request, pk):
    """Pass someone to another area: they leave this user's list if the user does not work
    there."""
    person = services.person_open(user=request.user, person_id=pk, record_type=RecordType.PERSON)
    form = forms.HandOverForm(request.POST or None, person=person)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            handover = services.person_hand_over(
                user=request.user,
                person=person,
                to_area=data["to_area"],
                reason=data["reason"],
                expected_version=data["version"],
            )
        except StaleVersion as stale:
            form.add_stale_error(stale.current)
        else:
            messages.success(request, f"{person.full_name} handed over to {handover.to_area}")
            if queries.person_visible(user=request.user, person_id=person.pk):
                return redirect("people:summary", person.pk)
            return redirect("introductions:handovers")
    return render_record_form(request, person, form, "Hand over to another area", "summary")


@works_with_people
def person_merge_choose(request, pk):
    """Find the duplicate to merge into this person: possible matches, or a search."""
    person = services.person_open(user=request.user, person_id=pk, record_type=RecordType.PERSON)
    q = request.GET.get("q", "").strip()[:100]
    return render(
        request,
        "people/merge_choose.html",
        {
            "person": person,
            "tab": "summary",
            "q": q,
            "candidates": queries.merge_candidates(user=request.user, person=person, text=q),
        },
    )


@works_with_people
def person_merge(request, pk, other_pk):
    """Two records of one person side by side: choose what to keep, then merge."""
    if int(pk) == int(other_pk):
        raise Http404("A person cannot be merged with themself")
    keep = services.person_open(user=request.user, person_id=pk, record_type=RecordType.PERSON)
    merge = services.person_open(
        user=request.user, person_id=other_pk, record_type=RecordType.PERSON
    )
    form = forms.MergeForm(request.POST or None, keep=keep, merge=merge, fields=services.MERGEABLE)
    posted = (request.POST.get("version"), request.POST.get("merge_version"))
    stale = request.method == "POST" and posted != (str(keep.version), str(merge.version))
    if request.method == "POST" and form.is_valid() and stale:
        form.add_error(None, STALE_MERGE)  # the page is built from the records as they are now
    elif request.method == "POST" and form.is_valid():
        try:
            services.person_merge(
                user=request.user,
                keep=keep,
                merge=merge,
                values=form.values(),
                reason=form.cleaned_data["reason"],
                expected_versions=(
                    form.cleaned_data["version"],
                    form.cleaned_data["merge_version"],
                ),
            )
        except StaleVersion:
            form.add_error(None, STALE_MERGE)
        else:
            messages.success(request, f"{merge.full_name}'s record is merged into this one")
            return redirect("people:summary", keep.pk)
    return render(
        request,
        "people/merge.html",
        {"person": keep, "other": merge, "tab": "summary", "form": form},
    )


@works_with_people
def person_remove(request, pk):
    """Remove a person recorded by mistake (a manager can restore them for 30 days)."""
    person = services.person_open(user=request.user, person_id=pk, record_type=RecordType.PERSON)
    form = forms.RemoveForm(request.POST or None, version=person.version)
    if request.method == "POST" and form.is_valid():
        try:
            services.person_remove(
                user=request.user,
                person=person,
                reason=form.cleaned_data["reason"],
                expected_version=form.cleaned_data["version"],
            )
        except StaleVersion as stale:
            form.add_stale_error(stale.current)
        else:
            messages.success(
                request,
                f"{person.full_name}'s record is removed. A manager can restore it for "
                f"{services.RESTORE_DAYS} days.",
            )
            return redirect("people:list")
    return render_record_form(request, person, form, "Remove this record", "summary")


@managers_only
def people_removed(request):
    """Records removed from the manager's areas in the last 30 days, to restore."""
    return render(
        request, "people/removed.html", {"people": queries.people_removed(user=request.user)}
    )


@require_POST
@managers_only_else_404
def person_restore(request, pk):
    person = queries.people_removed(user=request.user).filter(pk=pk).first()
    if person is None:
        raise Http404("No such removed person")
    services.person_restore(user=request.user, person=person)
    messages.success(request, f"{person.full_name}'s record is back")
    return redirect("people:summary", person.pk)


@works_with_people
def person_step_back(request, pk):
    person = services.person_open(user=request.user, person_id=pk, record_type=RecordType.PERSON)
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
        except StaleVersion as stale:
            form.add_stale_error(stale.current)
        else:
            messages.success(request, f"You have stepped back from walking alongside {person}")
            return redirect("people:summary", person.pk)
    return render_record_form(request, person, form, "Step back", "summary")


@works_with_people
def person_level(request, pk):
    """Re-open support for someone who has come back, or change the level of support."""
    person = services.person_open(user=request.user, person_id=pk, record_type=RecordType.PERSON)
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
        except StaleVersion as stale:
            form.add_stale_error(stale.current)
        else:
            messages.success(request, "Support re-opened" if reopening else "Support changed")
            return redirect("people:summary", person.pk)
    title = "Re-open support" if reopening else "Change how you support them"
    return render_record_form(request, person, form, title, "summary")


@require_POST
@works_with_people
def step_status(request, pk, record_id):
    """Mark a plan step done, not done or to do, in place (htmx) or with a page load."""
    person = services.person_open(user=request.user, person_id=pk, record_type=RecordType.PLAN_STEP)
    step = queries.person_record_get(user=request.user, model=PlanStep, person=person, pk=record_id)
    status = request.POST.get("status", "")
    if status not in StepStatus.values:
        raise Http404("No such status")
    conflict = False
    try:
        services.plan_step_change(
            user=request.user,
            plan_step=step,
            changes={"status": status},
            expected_version=posted_version(request),
        )
    except StaleVersion:
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


# Managers and commissioners --------------------------------------------------------------


@managers_only
def team(request):
    return render(
        request,
        "people/team.html",
        {
            "coordinators": queries.coordinator_loads(user=request.user),
            "waiting": queries.introductions_waiting_by_area(user=request.user),
            "out_of_touch_weeks": settings.ALONGSIDE_OUT_OF_TOUCH_WEEKS,
        },
    )


# The kinds of a person's record, for the shared add / change / remove pages ---------------

RECORD_KINDS: dict[str, RecordKind] = {
    "conversation": RecordKind(
        model=Conversation,
        add_form=forms.ConversationForm,
        change_form=forms.ConversationForm,
        add=services.conversation_add,
        change=services.conversation_change,
        remove=services.conversation_remove,
        param="conversation",
        tab="conversations",
        back="people:timeline",
        noun="conversation",
    ),
    "gift": RecordKind(
        model=Gift,
        add_form=forms.GiftForm,
        change_form=forms.GiftForm,
        add=services.gift_add,
        change=services.gift_change,
        remove=services.gift_remove,
        param="gift",
        tab="gifts",
        back="people:gifts",
        noun="gift",
        form_needs_person=True,
    ),
    "step": RecordKind(
        model=PlanStep,
        add_form=forms.PlanStepForm,
        change_form=forms.PlanStepUpdateForm,
        add=services.plan_step_add,
        change=services.plan_step_change,
        remove=services.plan_step_remove,
        param="plan_step",
        tab="plan",
        back="people:plan",
        noun="plan step",
    ),
    "review": RecordKind(
        model=PlanReview,
        add_form=forms.PlanReviewForm,
        change_form=forms.PlanReviewForm,
        add=services.plan_review_add,
        change=services.plan_review_change,
        remove=services.plan_review_remove,
        param="plan_review",
        tab="plan",
        back="people:plan",
        noun="plan review",
    ),
    "voice": RecordKind(
        model=VoiceEntry,
        add_form=forms.VoiceForm,
        change_form=forms.VoiceForm,
        add=services.voice_entry_add,
        change=services.voice_entry_change,
        remove=services.voice_entry_remove,
        param="voice_entry",
        tab="voice",
        back="people:voice",
        noun="voice entry",
    ),
    "family": RecordKind(
        model=FamilyMember,
        add_form=forms.FamilyMemberForm,
        change_form=forms.FamilyMemberForm,
        add=services.family_member_add,
        change=services.family_member_change,
        remove=services.family_member_remove,
        param="family_member",
        tab="summary",
        back="people:summary",
        noun="family member",
    ),
}
