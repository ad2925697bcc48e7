"""Connections and contributions: a person linked with their community and with chances to
give, each connection followed through to whether it lasted."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from alongside.audit.models import AuditEntry
from alongside.connections import queries, services, services_records
from alongside.connections.models import (
    Connection,
    Contribution,
    FollowUp,
    Opportunity,
    Stage,
)
from alongside.directory.models import Organization, Service
from alongside.people.models import Person
from tests.conftest import client_for
from tests.people.test_forms_bad_input import assert_problem

TODAY = timezone.localdate


@pytest.fixture
def walk(db) -> Service:
    hub = Organization.objects.create(name="Hillside Hub", description="A community hub")
    return Service.objects.create(
        organization=hub, name="Tuesday Walk", description="A gentle walk round the park"
    )


@pytest.fixture
def opportunity(area, owner) -> Opportunity:
    return services.opportunity_save(
        user=owner,
        opportunity=None,
        values={"area": area, "title": "Lead the Tuesday walk", "kind": "leading"},
        gifts_needed=[],
    )


def _connect(owner, person, walk, **extra) -> Connection:
    return services.connection_add(
        user=owner, person=person, kind="resource", service=walk, **extra
    )


def _add_page(client, person, **query):
    """The add page with its one-time token, as a browser gets it."""
    response = client.get(reverse("connections:add", args=[person.pk]), query)
    assert response.status_code == 302
    return response.url


# Recording a connection ---------------------------------------------------------------------


def test_a_coordinator_finds_a_resource_and_records_a_connection(owner_client, person, walk):
    url = _add_page(owner_client, person)
    page = owner_client.get(url + "&q=walk").content.decode()
    assert "Tuesday Walk" in page
    chosen = f"{url}&service={walk.pk}"
    page = owner_client.get(chosen).content.decode()
    assert "With <strong>Tuesday Walk</strong>" in page
    response = owner_client.post(
        chosen,
        {
            "kind": "resource",
            "service": str(walk.pk),
            "why": "She misses being outdoors",
            "hopes": "Meet people on her street",
            "introduced_by": "Priya introduces Ann to Jo who leads it",
            "going_along": "on",
            "stage": "suggested",
            "form_token": url.split("once=")[1],
        },
    )
    assert response.status_code == 302
    connection = Connection.objects.get()
    assert connection.name == "Tuesday Walk" and connection.stage == "suggested"
    assert list(connection.stages.values_list("stage", flat=True)) == ["suggested"]
    assert AuditEntry.objects.filter(record_type="connection", action="created").exists()
    page = owner_client.get(reverse("connections:person", args=[person.pk])).content.decode()
    assert "Tuesday Walk" in page and "Suggested" in page


def test_the_same_connection_sent_twice_is_recorded_once(owner, person, walk):
    import uuid

    token = uuid.uuid4()
    _connect(owner, person, walk, form_token=token)
    _connect(owner, person, walk, form_token=token)
    assert Connection.objects.count() == 1
    assert Connection.objects.get().stages.count() == 1


def test_a_connection_to_a_withdrawn_resource_is_refused_with_its_name(owner, person, walk):
    walk.status = "inactive"
    walk.save()
    with pytest.raises(ValueError, match="Tuesday Walk is no longer listed"):
        _connect(owner, person, walk)


def test_a_resource_withdrawn_later_keeps_the_connection_and_says_it_is_no_longer_listed(
    owner_client, owner, person, walk
):
    connection = _connect(owner, person, walk)
    walk.status = "defunct"
    walk.save()
    page = owner_client.get(
        reverse("connections:detail", args=[person.pk, connection.pk])
    ).content.decode()
    assert "no longer listed in the directory" in page
    assert "Suggested" in page


def test_connecting_two_people_needs_both_to_have_agreed(owner_client, owner, person, area):
    other = Person.objects.create(full_name="Bea Neighbour", area=area)
    url = _add_page(owner_client, person)
    data = {
        "kind": "person",
        "other_person": other.pk,
        "why": "Both love gardening",
        "stage": "suggested",
    }
    response = owner_client.post(url, data)
    assert_problem(response, "Both people must have agreed", kept={"why": "Both love gardening"})
    assert not Connection.objects.exists()
    response = owner_client.post(url, {**data, "both_agreed": "on"})
    assert response.status_code == 302
    connection = Connection.objects.get()
    assert connection.other_person == other and connection.name == "Bea"


def test_a_person_in_another_area_cannot_be_chosen(owner_client, person, other_area):
    stranger = Person.objects.create(full_name="Cy Faraway", area=other_area)
    url = _add_page(owner_client, person)
    response = owner_client.post(
        url,
        {"kind": "person", "other_person": stranger.pk, "both_agreed": "on", "stage": "suggested"},
    )
    assert_problem(response, "Select a valid choice")
    with pytest.raises(ValueError, match="one of the people you work with"):
        services.connection_add(
            user=person.coordinator or person.created_by,
            person=person,
            kind="person",
            other_person=stranger,
            both_agreed=True,
        )


def test_a_group_not_in_the_directory_needs_its_name(owner_client, person):
    url = _add_page(owner_client, person)
    response = owner_client.post(
        url, {"kind": "group", "why": "Likes singing", "stage": "suggested"}
    )
    assert_problem(response, "Enter the name of the group", kept={"why": "Likes singing"})


def test_a_connection_dated_in_the_future_is_refused(owner_client, person):
    url = _add_page(owner_client, person)
    tomorrow = TODAY() + timedelta(days=1)
    response = owner_client.post(
        url, {"kind": "group", "name": "Choir", "stage": "went_along", "on": tomorrow.isoformat()}
    )
    assert_problem(response, "The date cannot be in the future")


# Stages and follow-ups ----------------------------------------------------------------------


def test_going_along_sets_follow_ups_at_four_weeks_and_three_months(owner, person, walk):
    connection = _connect(owner, person, walk, on=TODAY() - timedelta(days=5))
    went = TODAY() - timedelta(days=2)
    services.connection_move(
        user=owner, connection=connection, stage="went_along", on=went, expected_version=1
    )
    due = list(FollowUp.objects.values_list("label", "due_on", "last"))
    assert due == [
        ("4 weeks", went + timedelta(days=28), False),
        ("3 months", went + timedelta(days=91), True),
    ]
    assert list(connection.stages.values_list("stage", flat=True)) == ["suggested", "went_along"]


def test_a_follow_up_falls_due_on_my_day_and_still_connected_at_three_months_is_sustained(
    owner, owner_client, person, walk
):
    person.coordinator = owner
    person.status = "active"
    person.save()
    went = TODAY() - timedelta(days=30)
    connection = _connect(owner, person, walk, stage="went_along", on=went)
    page = owner_client.get(reverse("people:my_day")).content.decode()
    assert "Connections to follow up" in page and "Ann Example: Tuesday Walk" in page
    services.connection_move(
        user=owner, connection=connection, stage="still_connected", on=TODAY(), expected_version=1
    )
    four_weeks, three_months = FollowUp.objects.order_by("due_on")
    assert four_weeks.done_on == TODAY() and three_months.done_on is None
    page = owner_client.get(reverse("people:my_day")).content.decode()
    assert "Ann Example: Tuesday Walk" not in page
    connection.refresh_from_db()
    assert connection.sustained_on is None
    later = TODAY()
    Connection.objects.filter(pk=connection.pk).update(went_along_on=later - timedelta(days=95))
    FollowUp.objects.filter(pk=three_months.pk).update(due_on=later - timedelta(days=4))
    services.connection_move(
        user=owner,
        connection=connection,
        stage="still_connected",
        on=later,
        expected_version=connection.version,
    )
    connection.refresh_from_db()
    assert connection.sustained_on == later
    assert connection.stages.filter(stage="still_connected").count() == 2


def test_stages_may_be_skipped_forward_but_never_back(owner, person, walk):
    connection = _connect(owner, person, walk)
    services.connection_move(
        user=owner, connection=connection, stage="still_connected", on=TODAY(), expected_version=1
    )
    assert connection.went_along_on == TODAY()  # skipping "went along" still sets follow-ups
    assert FollowUp.objects.count() == 2
    with pytest.raises(ValueError, match="stages only move forward"):
        services.connection_move(
            user=owner,
            connection=connection,
            stage="introduced",
            on=TODAY(),
            expected_version=connection.version,
        )


def test_ending_without_a_reason_is_refused_and_keeps_the_note(owner_client, owner, person, walk):
    connection = _connect(owner, person, walk)
    url = reverse("connections:detail", args=[person.pk, connection.pk])
    response = owner_client.post(
        url, {"stage": "ended", "note": "She stopped after a month", "version": 1}
    )
    assert_problem(
        response, "Select why the connection ended", kept={"note": "She stopped after a month"}
    )
    response = owner_client.post(
        url,
        {"stage": "ended", "ended_reason": "not_for_them", "note": "Too fast", "version": 1},
    )
    assert response.status_code == 302
    connection.refresh_from_db()
    assert connection.stage == Stage.ENDED and connection.ended_reason == "not_for_them"


def test_ending_answers_every_follow_up(owner, person, walk):
    connection = _connect(owner, person, walk, stage="went_along", on=TODAY())
    services.connection_move(
        user=owner,
        connection=connection,
        stage="ended",
        on=TODAY(),
        ended_reason="circumstances",
        expected_version=1,
    )
    assert not FollowUp.objects.filter(done_on__isnull=True).exists()
    assert not queries.follow_ups_due(user=owner, today=TODAY() + timedelta(days=200)).exists()


def test_a_stale_move_is_refused(owner_client, owner, person, walk):
    connection = _connect(owner, person, walk)
    services.connection_move(
        user=owner, connection=connection, stage="introduced", on=TODAY(), expected_version=1
    )
    response = owner_client.post(
        reverse("connections:detail", args=[person.pk, connection.pk]),
        {"stage": "went_along", "note": "Went with her", "version": 1},
    )
    assert_problem(response, "Someone else", kept={"note": "Went with her"})


def test_a_follow_up_cannot_be_moved_into_the_past(owner_client, owner, person, walk):
    connection = _connect(owner, person, walk, stage="went_along", on=TODAY())
    follow_up = FollowUp.objects.order_by("due_on").first()
    url = reverse("connections:reschedule", args=[person.pk, connection.pk, follow_up.pk])
    yesterday = TODAY() - timedelta(days=1)
    response = owner_client.post(url, {f"f{follow_up.pk}-due_on": yesterday.isoformat()})
    assert_problem(response, "cannot fall due in the past")
    soon = TODAY() + timedelta(days=3)
    response = owner_client.post(url, {f"f{follow_up.pk}-due_on": soon.isoformat()})
    assert response.status_code == 302
    follow_up.refresh_from_db()
    assert follow_up.due_on == soon


# Contributions, opportunities, formal services, gaps -------------------------------------------


def test_a_contribution_shows_first_on_the_connections_page(
    owner_client, owner, person, opportunity
):
    services_records.contribution_add(
        user=owner,
        person=person,
        what="Leads the Tuesday walk",
        opportunity=opportunity,
        how_often="Every Tuesday",
    )
    page = owner_client.get(reverse("connections:person", args=[person.pk])).content.decode()
    assert (
        page.index("What Ann gives")
        < page.index("Leads the Tuesday walk")
        < page.index("Connections</h2>")
    )


def test_a_contribution_to_an_opportunity_in_another_area_is_refused(
    owner, owner_client, person, other_area, outsider
):
    elsewhere = services.opportunity_save(
        user=outsider,
        opportunity=None,
        values={"area": other_area, "title": "Riverside litter pick", "kind": "volunteering"},
        gifts_needed=[],
    )
    with pytest.raises(ValueError, match="in your areas"):
        services_records.contribution_add(
            user=owner, person=person, what="Litter", opportunity=elsewhere
        )
    add = owner_client.get(reverse("connections:record_add", args=[person.pk, "contribution"]))
    response = owner_client.post(
        add.url,
        {"what": "Litter picking", "opportunity": elsewhere.pk, "since": TODAY().isoformat()},
    )
    assert_problem(response, "Select a valid choice", kept={"what": "Litter picking"})
    assert not Contribution.objects.exists()


def test_an_opportunity_in_another_area_is_404_and_cannot_be_added_there(
    owner_client, other_area, outsider
):
    elsewhere = services.opportunity_save(
        user=outsider,
        opportunity=None,
        values={"area": other_area, "title": "Riverside litter pick", "kind": "volunteering"},
        gifts_needed=[],
    )
    assert (
        owner_client.get(reverse("connections:opportunity_edit", args=[elsewhere.pk])).status_code
        == 404
    )
    listing = owner_client.get(reverse("connections:opportunities")).content.decode()
    assert "Riverside litter pick" not in listing
    add = owner_client.get(reverse("connections:opportunity_add"))
    response = owner_client.post(
        add.url, {"area": other_area.pk, "title": "Sneaky", "kind": "volunteering"}
    )
    assert_problem(response, "Select a valid choice", kept={"title": "Sneaky"})


def test_a_formal_service_decided_before_it_was_asked_for_is_refused(owner_client, person):
    add = owner_client.get(reverse("connections:record_add", args=[person.pk, "formal_service"]))
    response = owner_client.post(
        add.url,
        {
            "need": "social_care",
            "what": "A care and support assessment",
            "who_applied": "with_coordinator",
            "applied_on": TODAY().isoformat(),
            "outcome": "agreed",
            "decided_on": (TODAY() - timedelta(days=3)).isoformat(),
            "control": "direct_payment",
        },
    )
    assert_problem(
        response,
        "on or after the date it was asked for",
        kept={"what": "A care and support assessment"},
    )


def test_gaps_are_counted_by_area_and_theme_without_names(owner, owner_client, person, outsider):
    services_records.gap_add(
        user=owner, person=person, theme="friendship", looked_for="A men's group"
    )
    services_records.gap_add(
        user=owner, person=person, theme="friendship", looked_for="Daytime company"
    )
    page = owner_client.get(reverse("connections:gaps")).content.decode()
    assert "Friendship and company" in page and ">2<" in page
    assert "Ann" not in page and "men&#x27;s group" not in page
    other = client_for(outsider).get(reverse("connections:gaps")).content.decode()
    assert "Friendship and company" not in other


# From a resource's page ---------------------------------------------------------------------


def test_a_resource_page_hides_fewer_than_five_and_offers_to_connect_someone(
    owner, owner_client, person, walk, area
):
    person.coordinator, person.status = owner, "active"
    person.save()
    url = reverse("directory:service", args=[walk.pk])
    page = owner_client.get(url).content.decode()
    assert "Nobody has been connected with it through a coordinator yet" in page
    _connect(owner, person, walk)
    page = owner_client.get(url).content.decode()
    assert "<strong>fewer than 5</strong>" in page and "still went" not in page
    for n in range(5):
        other = Person.objects.create(full_name=f"Walker {n}", area=area)
        _connect(owner, other, walk)
    page = owner_client.get(url).content.decode()
    assert "<strong>6</strong>" in page
    assert "of whom <strong>0</strong> still went after 3 months" in page
    assert f'<option value="{person.pk}">Ann Example</option>' in page
    response = owner_client.get(
        reverse("connections:connect"), {"person": person.pk, "service": walk.pk}
    )
    assert response.status_code == 302 and f"service={walk.pk}" in response.url
    assert response.url.startswith(reverse("connections:add", args=[person.pk]))


def test_connecting_someone_from_another_area_from_a_resource_page_is_404(person, walk, outsider):
    response = client_for(outsider).get(
        reverse("connections:connect"), {"person": person.pk, "service": walk.pk}
    )
    assert response.status_code == 404
    response = client_for(outsider).get(
        reverse("connections:connect"), {"person": "abc", "service": "nonsense"}
    )
    assert response.status_code == 404


# What suits them, and their shortlist -------------------------------------------------------


def test_what_suits_is_saved_and_shown(owner_client, person):
    url = reverse("connections:what_suits", args=[person.pk])
    response = owner_client.post(
        url, {"days": ["TU", "TH"], "times": ["morning"], "travel_km": "150"}
    )
    assert_problem(response, "Enter a distance from 0.1 to 100 km")
    response = owner_client.post(
        url, {"days": ["TU", "TH"], "times": ["morning"], "free_only": "on", "travel_km": "2.5"}
    )
    assert response.status_code == 302
    page = owner_client.get(reverse("connections:person", args=[person.pk])).content.decode()
    assert "Tuesday, Thursday, morning" in page
    assert "It needs to be free" in page and "Up to 2.5 km away" in page
    response = owner_client.post(url, {"days": ["SA"], "version": 1})
    assert response.status_code == 302
    assert person.what_suits.days == "SA" and person.what_suits.version == 2


def test_a_shortlist_says_where_when_cost_and_whom_to_ask_and_prints_as_a_pdf(
    owner, owner_client, person, walk, opportunity
):
    walk.email = "walks@hillside.example"
    walk.save()
    person.coordinator = owner
    person.save()
    add = reverse("connections:shortlist_add", args=[person.pk])
    assert (
        owner_client.post(add, {"service": str(walk.pk), "note": "Gentle, and near"}).status_code
        == 302
    )
    owner_client.post(add, {"service": str(walk.pk)})  # twice: once on the list
    owner_client.post(add, {"opportunity": opportunity.pk})
    page = owner_client.get(reverse("connections:shortlist", args=[person.pk])).content.decode()
    assert page.count('<h2 class="govuk-heading-m">Tuesday Walk</h2>') == 1
    assert "Gentle, and near" in page and "Hillside Hub, walks@hillside.example" in page
    assert "Lead the Tuesday walk" in page
    response = owner_client.get(reverse("connections:shortlist_pdf", args=[person.pk]))
    assert response.status_code == 200 and response.content.startswith(b"%PDF-")
    assert response["Content-Disposition"] == 'attachment; filename="shortlist-ann.pdf"'
    assert "no-store" in response["Cache-Control"]
    # each of the three adds, the page and the PDF opened the record: five reads
    assert AuditEntry.objects.filter(record_type="shortlist", action="viewed").count() == 5


def test_a_withdrawn_resource_cannot_be_shortlisted(owner_client, person, walk):
    walk.status = "inactive"
    walk.save()
    response = owner_client.post(
        reverse("connections:shortlist_add", args=[person.pk]),
        {"service": str(walk.pk)},
        follow=True,
    )
    assert "Tuesday Walk is no longer listed" in response.content.decode()
    assert not person.shortlist.exists()


# The team's connections --------------------------------------------------------------------


def test_the_team_page_filters_by_stage_and_counts_what_lasted(
    owner, owner_client, manager, person, walk, area
):
    _connect(owner, person, walk)
    other = Person.objects.create(full_name="Bea Neighbour", area=area)
    services.connection_add(user=owner, person=other, kind="group", name="Allotment society")
    page = client_for(manager).get(reverse("connections:team")).content.decode()
    assert "Ann Example" in page and "Bea Neighbour" in page
    assert "2 connections" in page
    page = owner_client.get(reverse("connections:team"), {"text": "allot"}).content.decode()
    assert "Bea Neighbour" in page and "Ann Example" not in page
    page = owner_client.get(
        reverse("connections:team"), {"since": "2026-12-05", "until": "2026-12-01"}
    ).content.decode()
    assert "Enter a date on or after the first date" in page


def test_the_team_page_shows_nobody_from_another_area(person, owner, walk, outsider):
    _connect(owner, person, walk)
    page = client_for(outsider).get(reverse("connections:team")).content.decode()
    assert "Ann Example" not in page and "No connections recorded" in page


def test_the_services_refuse_what_the_forms_refuse(owner, person):
    from django.core.exceptions import ValidationError

    tomorrow = TODAY() + timedelta(days=1)
    with pytest.raises(ValidationError, match="cannot be in the future"):
        services_records.contribution_add(user=owner, person=person, what="Bakes", since=tomorrow)
    with pytest.raises(ValidationError, match="cannot be in the future"):
        services_records.gap_add(
            user=owner, person=person, theme="food", looked_for="X", on=tomorrow
        )
    with pytest.raises(ValidationError, match="on or after the date it was asked for"):
        services_records.formal_service_add(
            user=owner,
            person=person,
            need="benefits",
            what="PIP",
            who_applied="person",
            applied_on=TODAY(),
            decided_on=TODAY() - timedelta(days=2),
        )


def test_a_person_who_stepped_back_has_no_follow_ups_on_my_day(owner, person, walk):
    _connect(owner, person, walk, stage="went_along", on=TODAY() - timedelta(days=30))
    assert queries.follow_ups_due(user=owner, today=TODAY()).count() == 1
    Person.objects.filter(pk=person.pk).update(status="stepped_back")
    assert queries.follow_ups_due(user=owner, today=TODAY()).count() == 0


# A resource withdrawn from the directory: its connections are told ---------------------------


def test_a_temporarily_closed_resource_is_still_listed(owner, person, walk):
    connection = _connect(owner, person, walk)
    walk.status = "temporarily closed"
    walk.save()
    assert not Connection.objects.get(pk=connection.pk).no_longer_listed


def test_my_day_tells_the_coordinator_of_connections_whose_resource_was_withdrawn(
    owner_client, owner, colleague, outsider, person, walk
):
    Person.objects.filter(pk=person.pk).update(coordinator=owner)  # walking alongside Ann
    connection = _connect(owner, person, walk)
    page = owner_client.get("/my-day/").content.decode()
    assert "Every resource people are connected with is still listed" in page
    Service.objects.filter(pk=walk.pk).update(status="inactive")  # as an import withdraws it
    page = owner_client.get("/my-day/").content.decode()
    assert "Resources no longer listed" in page
    assert reverse("connections:detail", args=[person.pk, connection.pk]) in page
    due = queries.connections_no_longer_listed(user=owner)
    assert list(due) == [connection]
    # Others in the area see it too; nobody outside it does (the scoping function).
    assert queries.connections_no_longer_listed(user=colleague).count() == 1
    assert queries.connections_no_longer_listed(user=outsider).count() == 0
    services.connection_move(
        user=owner,
        connection=connection,
        stage="ended",
        on=timezone.localdate(),
        ended_reason="stopped_running",
        expected_version=connection.version,
    )  # dealt with
    assert not queries.connections_no_longer_listed(user=owner).exists()
