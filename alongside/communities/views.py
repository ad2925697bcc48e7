"""Community building's pages for an area: its profile (what people love about it, what they
do together, what they would like to see, who would like to get involved), its community
conversations, its partners and its projects. Pages about one person are in
``views_people``."""

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from alongside.accounts.access import SignedInRequest, works_with_people
from alongside.accounts.models import Area
from alongside.connections.queries import gaps_by_area_and_theme
from alongside.connections.queries import opportunities as opportunities_of
from alongside.people.record_pages import once_redirect, posted_version, with_once
from alongside.people.views import page_of
from alongside.records import StaleVersion
from alongside.validation import record_id

from . import forms, queries, services
from .models import CommunityConversation, Partner, ProfileEntry, Project


def _area(request: SignedInRequest, area_id: int) -> Area:
    area = queries.area_get(request.user, area_id)
    if area is None:
        raise Http404("No such area")
    return area


@works_with_people
def home(request: SignedInRequest) -> HttpResponse:
    """The areas whose community life the user keeps; straight to it when there is one."""
    areas = list(queries.areas_kept(request.user))
    if len(areas) == 1:
        return redirect("communities:area", area_id=areas[0].pk)
    return render(request, "communities/home.html", {"areas": areas})


@works_with_people
def area_profile(request: SignedInRequest, area_id: int) -> HttpResponse:
    area = _area(request, area_id)
    return render(
        request,
        "communities/area.html",
        {
            "area": area,
            "profile": queries.profile_of(area),
            "conversations": queries.conversations_of(area)[:5],
            "involved": services.involvements_read(user=request.user, area=area),
            "interested": queries.partners_of([area]).filter(relationship="interested"),
            "partners": queries.partners_of([area])[:10],
            "projects": queries.projects_of([area])[:10],
        },
    )


@works_with_people
def area_map(request: SignedInRequest, area_id: int) -> HttpResponse:
    """The area's community assets on one map, with the same numbered list beside it, and the
    gaps people met (what they looked for when nothing fitted), by theme."""
    area = _area(request, area_id)
    assets = queries.assets_of(request.user, area)
    markers = [
        {"number": a.number, "name": a.name, "lat": a.lat, "lon": a.lon, "url": a.url}
        for a in assets
        if a.lat is not None and a.lon is not None
    ]
    gaps = [g for g in gaps_by_area_and_theme(user=request.user) if g.area.pk == area.pk]
    return render(
        request,
        "communities/map.html",
        {
            "area": area,
            "assets": assets,
            "gaps": gaps,
            "map": {
                "tiles": {
                    "url": settings.DIRECTORY_TILE_URL,
                    "attribution": settings.DIRECTORY_TILE_ATTRIBUTION,
                },
                "credits": "",
                "markers": markers,
                "centre": None,
            }
            if markers
            else None,
        },
    )


@works_with_people
def conversations(request: SignedInRequest, area_id: int) -> HttpResponse:
    area = _area(request, area_id)
    return render(
        request,
        "communities/conversations.html",
        {"area": area, "page": page_of(request, queries.conversations_of(area))},
    )


def _saved(
    request: SignedInRequest, form, save: Callable[[], Any], then: Callable[[Any], HttpResponse]
) -> HttpResponse | None:
    """Call ``save``; ``then(saved)`` (the page to go to), or None when it was refused (the
    form says why, with what was typed)."""
    try:
        saved = save()
    except StaleVersion as stale:
        form.add_stale_error(stale.current)
    except ValueError as refused:
        form.add_error(None, str(refused))
    else:
        messages.success(request, f"{saved} saved")
        return then(saved)
    return None


def _to_area(area: Area) -> Callable[[Any], HttpResponse]:
    return lambda saved: redirect("communities:area", area_id=area.pk)


def _chosen_area(request: SignedInRequest, areas) -> Area | None:
    """The area a list page's ``?area=`` chose, of the user's own; None for all of them."""
    chosen = record_id(request.GET.get("area"))
    return areas.filter(pk=chosen).first() if chosen else None


@works_with_people
def conversation_edit(
    request: SignedInRequest, area_id: int, conversation_id: int | None = None
) -> HttpResponse:
    """Record a community conversation and what people said there (or change one)."""
    area = _area(request, area_id)
    conversation = None
    if conversation_id is not None:
        conversation = queries.conversation_get(request.user, conversation_id)
        if conversation is None or conversation.area_id != area.pk:
            raise Http404("No such conversation")
    elif again := once_redirect(request):
        return again
    instance = conversation or CommunityConversation(area=area)
    form = forms.ConversationForm(request.POST or None, instance=instance, new=conversation is None)
    if conversation is None:
        with_once(form, request)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        done = _saved(
            request,
            form,
            lambda: services.community_conversation_save(
                user=request.user,
                conversation=conversation,
                values={**form.changes(), "area": area},
                said=form.said(),
                expected_version=data.get("version"),
                form_token=data.get("form_token"),
            ),
            _to_area(area),
        )
        if done:
            return done
    return render(
        request,
        "communities/conversation_form.html",
        {"form": form, "area": area, "conversation": conversation},
    )


@works_with_people
def entry_edit(request: SignedInRequest, area_id: int, entry_id: int | None = None) -> HttpResponse:
    area = _area(request, area_id)
    entry = None
    if entry_id is not None:
        entry = queries.entry_get(request.user, entry_id)
        if entry is None or entry.area_id != area.pk:
            raise Http404("No such entry")
    elif again := once_redirect(request):
        return again
    form = forms.EntryForm(
        request.POST or None,
        instance=entry or ProfileEntry(area=area),
        initial={"kind": request.GET.get("kind")} if entry is None else None,
    )
    if entry is None:
        with_once(form, request)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        done = _saved(
            request,
            form,
            lambda: services.profile_entry_save(
                user=request.user,
                entry=entry,
                values={**form.changes(), "area": area},
                expected_version=data.get("version"),
                form_token=data.get("form_token"),
            ),
            _to_area(area),
        )
        if done:
            return done
    return render(
        request, "communities/entry_form.html", {"form": form, "area": area, "entry": entry}
    )


@require_POST
@works_with_people
def entry_remove(request: SignedInRequest, area_id: int, entry_id: int) -> HttpResponse:
    area = _area(request, area_id)
    entry = queries.entry_get(request.user, entry_id)
    if entry is None or entry.area_id != area.pk:
        raise Http404("No such entry")
    try:
        services.profile_entry_remove(
            user=request.user, entry=entry, expected_version=posted_version(request)
        )
    except StaleVersion:
        messages.error(request, "It changed since the page was loaded: look again, then remove it")
    else:
        messages.success(request, "Removed from the area's profile")
    return redirect("communities:area", area_id=area.pk)


# Partners ------------------------------------------------------------------------------------


@works_with_people
def partners(request: SignedInRequest) -> HttpResponse:
    areas = queries.areas_kept(request.user)
    area = _chosen_area(request, areas)
    search = request.GET.get("q", "")[:100]
    found = queries.partners_of([area] if area else areas, search=search)
    return render(
        request,
        "communities/partners.html",
        {"page": page_of(request, found), "areas": areas, "area": area, "q": search},
    )


def _partner(request: SignedInRequest, partner_id: int) -> Partner:
    partner = queries.partner_get(request.user, partner_id)
    if partner is None:
        raise Http404("No such partner")
    return partner


@works_with_people
def partner_edit(
    request: SignedInRequest, area_id: int | None = None, partner_id: int | None = None
) -> HttpResponse:
    partner = _partner(request, partner_id) if partner_id is not None else None
    area = partner.area if partner else _area(request, area_id or 0)
    if partner is None and (again := once_redirect(request)):
        return again
    form = forms.PartnerForm(request.POST or None, instance=partner or Partner(area=area))
    if partner is None:
        with_once(form, request)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        done = _saved(
            request,
            form,
            lambda: services.partner_save(
                user=request.user,
                partner=partner,
                values={**form.changes(), "area": area},
                expected_version=data.get("version"),
                form_token=data.get("form_token"),
            ),
            lambda saved: redirect("communities:partner", partner_id=saved.pk),
        )
        if done:
            return done
    return render(
        request,
        "communities/partner_form.html",
        {"form": form, "area": area, "partner": partner},
    )


def _partner_page(request: SignedInRequest, partner: Partner, **forms_shown) -> HttpResponse:
    opportunities = opportunities_of(user=request.user, area=partner.area, open_only=False)
    context = {
        "partner": partner,
        "contact_form": forms.ContactForm(prefix="contact"),
        "event_form": forms.PartnerEventForm(prefix="event"),
        "contribution_form": forms.PartnerContributionForm(
            prefix="give", opportunities=opportunities
        ),
        "projects": queries.projects_of([partner.area]).filter(partners=partner),
        **forms_shown,
    }
    return render(request, "communities/partner.html", context)


@works_with_people
def partner_page(request: SignedInRequest, partner_id: int) -> HttpResponse:
    return _partner_page(request, _partner(request, partner_id))


@require_POST
@works_with_people
def partner_add_to(request: SignedInRequest, partner_id: int, what: str) -> HttpResponse:
    """Add a contact, a dated piece of the partnership's history, or something they give."""
    partner = _partner(request, partner_id)
    user = request.user
    form: forms.GovukForm
    save: Callable[[], object]
    if what == "contact":
        form = forms.ContactForm(request.POST, prefix="contact")
        save = lambda: services.partner_contact_add(  # noqa: E731
            user=user, partner=partner, values=form.cleaned_data
        )
    elif what == "event":
        form = forms.PartnerEventForm(request.POST, prefix="event")
        save = lambda: services.partner_event_add(  # noqa: E731
            user=user, partner=partner, **form.cleaned_data
        )
    elif what == "give":
        opportunities = opportunities_of(user=user, area=partner.area, open_only=False)
        form = forms.PartnerContributionForm(
            request.POST, prefix="give", opportunities=opportunities
        )
        save = lambda: services.partner_contribution_add(  # noqa: E731
            user=user, partner=partner, values=form.cleaned_data
        )
    else:
        raise Http404("Nothing of that kind")
    if form.is_valid():
        try:
            save()
        except ValueError as refused:
            form.add_error(None, str(refused))
        else:
            messages.success(request, "Saved")
            return redirect("communities:partner", partner_id=partner.pk)
    names = {"contact": "contact_form", "event": "event_form", "give": "contribution_form"}
    return _partner_page(request, partner, **{names[what]: form, "open": what})


# Projects ------------------------------------------------------------------------------------


@works_with_people
def projects(request: SignedInRequest) -> HttpResponse:
    areas = queries.areas_kept(request.user)
    area = _chosen_area(request, areas)
    found = queries.projects_of([area] if area else areas)
    return render(
        request,
        "communities/projects.html",
        {"page": page_of(request, found), "areas": areas, "area": area},
    )


def _project(request: SignedInRequest, project_id: int) -> Project:
    project = queries.project_get(request.user, project_id)
    if project is None:
        raise Http404("No such project")
    return project


@works_with_people
def project_edit(
    request: SignedInRequest, area_id: int | None = None, project_id: int | None = None
) -> HttpResponse:
    project = _project(request, project_id) if project_id is not None else None
    area = project.area if project else _area(request, area_id or 0)
    if project is None and (again := once_redirect(request)):
        return again
    form = forms.ProjectForm(
        request.POST or None,
        instance=project or Project(area=area),
        partners=queries.partners_of([area]),
    )
    if project is None:
        with_once(form, request)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        done = _saved(
            request,
            form,
            lambda: services.project_save(
                user=request.user,
                project=project,
                values={**form.changes(), "area": area},
                partners=data["partners"],
                expected_version=data.get("version"),
                form_token=data.get("form_token"),
            ),
            lambda saved: redirect("communities:project", project_id=saved.pk),
        )
        if done:
            return done
    return render(
        request,
        "communities/project_form.html",
        {"form": form, "area": area, "project": project},
    )


@works_with_people
def project_page(request: SignedInRequest, project_id: int) -> HttpResponse:
    project = _project(request, project_id)
    form = forms.ProjectUpdateForm(request.POST or None, prefix="update")
    if request.method == "POST" and form.is_valid():
        try:
            services.project_update_add(user=request.user, project=project, **form.cleaned_data)
        except ValueError as refused:
            form.add_error(None, str(refused))
        else:
            messages.success(request, "Update saved")
            return redirect("communities:project", project_id=project.pk)
    return render(
        request,
        "communities/project.html",
        {
            "project": project,
            "update_form": form,
            "people": services.project_people_read(user=request.user, project=project),
        },
    )
