"""Pages for introductions: the inbox of new introductions, recording one (quick or full,
with possible duplicates shown first), and deciding how to support the person."""

import uuid

from django.contrib import messages
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from alongside.accounts.access import works_with_people
from alongside.accounts.scoping import areas_for
from alongside.records import StaleVersion
from alongside.validation import record_id

from . import forms_introductions, queries, services
from .record_pages import once_redirect, with_once
from .views import page_of


@works_with_people
def inbox(request):
    areas = areas_for(request.user)
    area = areas.filter(pk=record_id(request.GET.get("area"))).first()
    page = page_of(request, queries.inbox(user=request.user, area=area))
    services.introductions_shown(user=request.user, introductions=page)
    for intro in page:
        intro.waiting_days = queries.waiting_days(intro)
        intro.waiting_too_long = queries.waiting_too_long(intro)
    return render(request, "people/inbox.html", {"page": page, "areas": areas, "area": area})


@works_with_people
def introduction_new(request, quick=False):
    if again := once_redirect(request):
        return again
    user = request.user
    form = with_once(
        forms_introductions.IntroductionForm(request.POST or None, user=user, quick=quick),
        request,
    )
    duplicates, elsewhere = [], []
    if request.method == "POST" and form.is_valid():
        token = form.cleaned_data.get("form_token")
        if repeat := queries.introduction_for_token(user=user, form_token=token):
            messages.info(request, "This introduction was already recorded: here it is")
            return redirect("introductions:detail", repeat.pk)  # sent twice
        if queries.introduction_token_used(user=user, form_token=token):  # twice, handed over
            return redirect("introductions:handovers")
        if queries.introduction_token_taken(form_token=token):
            token = uuid.uuid4()  # someone else's form's: nothing about theirs is told
        if reason := form.hand_over_reason():
            services.introduction_record(
                user=user,
                person_data=form.person_data(),
                introduction_data=form.introduction_data(),
                form_token=token,
                hand_over_reason=reason,
                acknowledge=form.cleaned_data.get("acknowledge", False),
            )
            messages.success(
                request, f"Introduction handed over to {form.handing_over_to}: it is in their inbox"
            )
            return redirect("introductions:handovers")
        person_data = form.person_data()
        choice = request.POST.get("same_as", "")
        details = form.matching_details()
        duplicates = list(queries.possible_duplicates(user=user, **details))
        elsewhere = queries.matches_elsewhere(user=user, **details)
        known = {str(p.pk): p for p in duplicates}
        if not (duplicates or elsewhere) or choice == "new" or choice in known:
            intro = services.introduction_record(
                user=user,
                person_data=person_data,
                introduction_data=form.introduction_data(),
                person=known.get(choice),
                form_token=token,
                acknowledge=form.cleaned_data.get("acknowledge", False),
            )
            messages.success(request, f"Introduction of {intro.person.full_name} recorded")
            return redirect("introductions:detail", intro.pk)
        if choice:
            form.add_error(None, "Choose one of the people below, or say this is someone new")
    elif form.is_bound and form.elsewhere is not None:
        # The postcode is in another area: say whether that area may know the person already.
        elsewhere = queries.matches_elsewhere(user=user, **form.matching_details())
    return render(
        request,
        "people/introduction_form.html",
        {"form": form, "quick": quick, "duplicates": duplicates, "elsewhere": elsewhere},
    )


@works_with_people
def introduction_detail(request, pk):
    intro = services.introduction_open(user=request.user, introduction_id=pk)
    services.handover_received(user=request.user, person=intro.person)
    form = forms_introductions.DecideForm(
        request.POST or None, user=request.user, introduction=intro
    )
    if request.method == "POST" and not intro.is_new:
        if form.is_valid():  # a colleague decided first: say so, keep what was typed
            form.add_stale_error(intro)
    elif request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.introduction_decide(
                user=request.user,
                introduction=intro,
                decision=data["decision"],
                coordinator=data["coordinator"],
                not_now_reason=data["not_now_reason"],
                note=data["note"],
                tell_introducer=data.get("tell_introducer", False),
                expected_version=data["version"],
            )
        except StaleVersion as stale:
            form.add_stale_error(stale.current)
        else:
            messages.success(request, "Decision saved")
            return redirect("people:summary", intro.person_id)
    close = forms_introductions.CloseForm(version=intro.version)
    return _detail_page(request, intro, form, close)


@require_POST
@works_with_people
def introduction_close(request, pk):
    """End an introduction without a decision about support, with a reason."""
    intro = services.introduction_open(user=request.user, introduction_id=pk)
    close = forms_introductions.CloseForm(request.POST, version=intro.version)
    if close.is_valid() and not intro.is_new:
        close.add_stale_error(intro)
    elif close.is_valid():
        try:
            services.introduction_close(
                user=request.user,
                introduction=intro,
                reason=close.cleaned_data["reason"],
                note=close.cleaned_data["close_note"],
                expected_version=close.cleaned_data["version"],
            )
        except StaleVersion as stale:
            close.add_stale_error(stale.current)
        except ValueError as refused:
            close.add_error(None, str(refused))
        else:
            messages.success(request, "Introduction closed")
            return redirect("people:summary", intro.person_id)
    form = forms_introductions.DecideForm(user=request.user, introduction=intro)
    return _detail_page(request, intro, form, close)


def _detail_page(request, intro, form, close):
    return render(
        request,
        "people/introduction_detail.html",
        {
            "intro": intro,
            "form": form,
            "close": close,
            "introducer_messages": queries.introducer_messages(introduction=intro),
        },
    )


@works_with_people
def handovers(request):
    """Handovers the user made, and whether they have arrived (someone there opened them)."""
    page = page_of(request, queries.handovers_sent(user=request.user))
    return render(request, "people/handovers.html", {"page": page})
