"""The network part of a person's record: the map, the people in it, snapshots and change."""

from functools import lru_cache

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_POST

from alongside.accounts.access import works_with_people
from alongside.audit.models import RecordType
from alongside.people import queries as people_queries
from alongside.people import services as people_services
from alongside.people.record_pages import posted_version
from alongside.records import StaleVersion

from . import queries, services
from .forms import MemberForm, SnapshotForm
from .metrics import compare, figures
from .models import NetworkMember
from .svg import render_map
from .ties import Ring


@lru_cache(maxsize=512)
def _drawn(ties: tuple, centre_label: str, title: str) -> str:
    """The same network always draws the same, so a drawing is kept for when it is asked for
    again (a snapshot never changes; a live network only when someone edits it)."""
    return render_map(ties, centre_label=centre_label, title=title)


def _map(ties, person, title) -> str:
    return mark_safe(_drawn(tuple(ties), person.known_as, title))  # noqa: S308


@works_with_people
def network(request, pk):
    """The map and table of who is in the person's life; quick add (htmx on the same page)."""
    user = request.user
    person = people_services.person_open(
        user=user, person_id=pk, record_type=RecordType.NETWORK_MEMBER
    )
    form = MemberForm(request.POST or None, person=person, user=user, quick=True)
    if request.method == "POST" and form.is_valid():
        services.network_member_add(
            user=user,
            person=person,
            form_token=form.cleaned_data.get("form_token"),
            **form.changes(),
        )
        if not request.htmx:
            messages.success(request, f"{form.cleaned_data['label']} added to the network")
            return redirect("networks:network", person.pk)
        form = MemberForm(person=person, user=user, quick=True)
    return _render_network(request, person, form)


def _render_network(request, person, form):
    """The network page, or on an htmx request just its body: map, table, figures, form."""
    user = request.user
    members = list(queries.members(user=user, person=person))
    ties = [m.as_tie() for m in members]
    context = {
        "person": person,
        "tab": "network",
        "form": form,
        "members": members,
        "map": _map(ties, person, f"{person.known_as}'s network"),
        "figures": figures(ties),
        "snapshots": queries.snapshots(user=user, person=person),
        "snapshot_form": SnapshotForm(),
        "rings": Ring,
    }
    template = "networks/network.html#network-body" if request.htmx else "networks/network.html"
    return render(request, template, context)


@works_with_people
def member_edit(request, pk, record_id):
    user = request.user
    person = people_services.person_open(
        user=user, person_id=pk, record_type=RecordType.NETWORK_MEMBER
    )
    member = people_queries.person_record_get(
        user=user, model=NetworkMember, person=person, pk=record_id
    )
    form = MemberForm(request.POST or None, instance=member, person=person, user=user)
    if request.method == "POST" and form.is_valid():
        try:
            services.network_member_change(
                user=user,
                network_member=member,
                changes=form.changes(),
                expected_version=form.cleaned_data["version"],
            )
        except StaleVersion as stale:
            form.add_stale_error(stale.current)
        else:
            messages.success(request, f"{member.label} saved")
            return redirect("networks:network", person.pk)
    return render(
        request,
        "networks/member_form.html",
        {"person": person, "tab": "network", "form": form, "member": member},
    )


@require_POST
@works_with_people
def member_remove(request, pk, record_id):
    user = request.user
    person = people_services.person_open(
        user=user, person_id=pk, record_type=RecordType.NETWORK_MEMBER
    )
    member = people_queries.person_record_get(
        user=user, model=NetworkMember, person=person, pk=record_id
    )
    try:
        services.network_member_remove(
            user=user, network_member=member, expected_version=posted_version(request)
        )
    except StaleVersion:
        messages.error(request, "Someone else changed this just now, so it was not removed.")
    else:
        messages.success(request, f"{member.label} removed from the network")
    return redirect("networks:network", person.pk)


@require_POST
@works_with_people
def member_move(request, pk, record_id):
    """One ring closer or further out: a button in the table, in place with htmx."""
    user = request.user
    person = people_services.person_open(
        user=user, person_id=pk, record_type=RecordType.NETWORK_MEMBER
    )
    member = people_queries.person_record_get(
        user=user, model=NetworkMember, person=person, pk=record_id
    )
    try:
        services.network_member_move(
            user=user,
            network_member=member,
            closer=request.POST.get("direction") == "closer",
            expected_version=posted_version(request),
        )
    except StaleVersion:
        messages.error(request, f"Someone else changed {member.label} just now. Try again.")
    if request.htmx:
        return _render_network(request, person, MemberForm(person=person, user=user, quick=True))
    return redirect("networks:network", person.pk)


@require_POST
@works_with_people
def snapshot_take(request, pk):
    user = request.user
    person = people_services.person_open(
        user=user, person_id=pk, record_type=RecordType.NETWORK_MEMBER
    )
    form = SnapshotForm(request.POST)
    if form.is_valid():
        services.network_snapshot_take(
            user=user,
            person=person,
            taken_on=form.cleaned_data["taken_on"],
            note=form.cleaned_data["note"],
            form_token=form.cleaned_data.get("form_token"),
        )
        messages.success(request, "The network as it is today has been kept for comparing later")
        return redirect("networks:network", person.pk)
    return render(
        request,
        "networks/snapshot_form.html",
        {"person": person, "tab": "network", "form": form},
    )


@works_with_people
def network_compare(request, pk):
    """Two moments side by side ("now" or a snapshot), what changed, and figures over time."""
    user = request.user
    person = people_services.person_open(
        user=user, person_id=pk, record_type=RecordType.NETWORK_MEMBER
    )
    snapshots = list(queries.snapshots(user=user, person=person).order_by("taken_on", "id"))
    moments = {str(s.pk): (f"{s.taken_on:%-d %B %Y}", s.as_ties()) for s in snapshots}
    moments["now"] = ("Now", queries.ties(user=user, person=person))
    first = str(snapshots[0].pk) if snapshots else "now"
    a = request.GET.get("a") if request.GET.get("a") in moments else first
    b = request.GET.get("b") if request.GET.get("b") in moments else "now"
    (a_label, a_ties), (b_label, b_ties) = moments[a], moments[b]
    return render(
        request,
        "networks/compare.html",
        {
            "person": person,
            "tab": "network",
            "snapshots": snapshots,
            "moments": [(key, label) for key, (label, _) in moments.items()],
            "choosers": [("a", "From", a), ("b", "To", b)],
            "a_label": a_label,
            "b_label": b_label,
            "a_map": _map(a_ties, person, f"{person.known_as}'s network: {a_label}"),
            "b_map": _map(b_ties, person, f"{person.known_as}'s network: {b_label}"),
            "change": compare(a_ties, b_ties),
            "over_time": [(label, figures(ties)) for label, ties in moments.values()],
        },
    )
