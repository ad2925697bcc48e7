"""No introduction lost, nobody recorded twice: matching, Back and Save, urgency, search."""

from datetime import date

import pytest
from django.urls import reverse

from alongside.people import matching, queries, services
from alongside.people.models import Introduction, Person
from tests.people.test_forms_bad_input import page_form, quick

QUICK = reverse("introductions:quick")
FULL = reverse("introductions:new")


# Keys -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "key"),
    [
        ("Helen Smith", "helen smith"),
        ("  Mrs  Helen   SMITH ", "helen smith"),
        ("Dr. Helen Smith", "helen smith"),
        ("Łukasz Wójcik", "lukasz wojcik"),
        ("Zoë O'Brien-Hart", "zoe o brien hart"),
        ("Mr", "mr"),  # a name that is only a title stays a name
    ],
)
def test_a_name_is_keyed_without_case_accents_spacing_or_titles(typed, key):
    assert matching.name_key(typed) == key


@pytest.mark.parametrize(
    ("a", "b"),
    [("Bob Smith", "Robert Smith"), ("Mrs Liz Jones", "Elizabeth Jones"), ("Ann Lee", "ann  lee")],
)
def test_short_forms_of_first_names_match_the_full_form(a, b):
    assert matching.match_name(a) == matching.match_name(b)


@pytest.mark.parametrize(
    ("typed", "key"),
    [
        ("07700 900123", "07700900123"),
        ("+44 7700 900123", "07700900123"),
        ("0113 496 0000", "01134960000"),
        ("", ""),
    ],
)
def test_a_phone_number_is_keyed_by_its_digits_as_dialled_in_the_uk(typed, key):
    assert matching.phone_key(typed) == key


# Problem 1: duplicates on the quick and full forms --------------------------------------------


def test_the_quick_form_takes_a_date_of_birth(owner_client, area):
    page = owner_client.get(QUICK, follow=True).content.decode()
    assert 'name="date_of_birth"' in page


def test_the_same_name_at_the_same_postcode_twice_asks_before_making_a_second_person(
    owner_client, area
):
    first = quick(full_name="Helen Smith", phone="", email="", postcode="LS6 2PF")
    assert owner_client.post(QUICK, first).status_code == 302
    second = quick(full_name="helen  SMITH", phone="", email="", postcode="ls62pf")
    response = owner_client.post(QUICK, second)
    assert response.status_code == 200
    assert "We may know this person already" in response.content.decode()
    assert Person.objects.count() == 1


def test_a_title_and_the_same_date_of_birth_match_on_the_full_form(owner_client, owner, area):
    services.introduction_record(
        user=owner,
        person_data={"full_name": "Helen Smith", "date_of_birth": date(1950, 3, 4), "area": area},
        introduction_data={"introducer_kind": "self", "agreement": "agrees"},
    )
    data = {
        **quick(full_name="Mrs Helen Smith", phone="", email="", postcode=""),
        "date_of_birth": "1950-03-04",
        "area": area.pk,
        "channel": "phone",
    }
    response = owner_client.post(FULL, data)
    assert response.status_code == 200, response.content.decode()[:500]
    assert "We may know this person already" in response.content.decode()
    assert Person.objects.count() == 1


def test_a_match_elsewhere_names_the_area_and_whom_to_ask_but_nothing_of_the_person(
    owner, outsider, other_area
):
    services.introduction_record(
        user=outsider,
        person_data={"full_name": "Helen Smith", "phone": "07700 900896", "area": other_area},
        introduction_data={"introducer_kind": "self", "agreement": "agrees"},
    )
    found = queries.matches_elsewhere(
        user=owner, full_name="Someone Else", date_of_birth=None, phone="07700900896", email=""
    )
    assert [(m.area.name, [c.email for c in m.contacts]) for m in found] == [
        ("Riverside", [outsider.email])
    ]
    assert (
        queries.matches_elsewhere(
            user=outsider,
            full_name="Helen Smith",
            date_of_birth=None,
            phone="07700900896",
            email="",
        )
        == []
    )  # their own area is not "elsewhere"


# Problem 3: Back and Save ----------------------------------------------------------------------


def test_saving_again_after_back_records_the_introduction_once(owner_client, area):
    page = owner_client.get(QUICK, follow=True)
    url = page.redirect_chain[-1][0]
    assert "once=" in url
    typed = quick(full_name="Dee Back")
    first = owner_client.post(url, {**typed, "form_token": page_form(page)["form_token"]})
    # Back: the browser returns to the same address and restores what was typed; Save again.
    back = page_form(owner_client.get(url))
    again = owner_client.post(url, {**typed, "form_token": back["form_token"]})
    assert first.status_code == again.status_code == 302
    assert first.url == again.url
    assert Person.objects.filter(full_name="Dee Back").count() == 1
    assert Introduction.objects.count() == 1


def test_saving_a_record_again_after_back_adds_it_once(owner_client, person):
    add = reverse("people:record_add", args=[person.pk, "conversation"])
    page = owner_client.get(add, follow=True)
    url = page.redirect_chain[-1][0]
    data = {**page_form(page), "on": "2026-01-05", "how": "phone", "notes": "Once only"}
    owner_client.post(url, data)
    owner_client.post(url, {**page_form(owner_client.get(url)), **data})
    assert person.conversations.filter(notes="Once only").count() == 1


def test_an_outsider_gets_404_not_a_token_for_someone_elses_add_page(person, outsider):
    from tests.conftest import client_for

    add = reverse("people:record_add", args=[person.pk, "conversation"])
    assert client_for(outsider).get(add).status_code == 404


# Problem 5: urgency ---------------------------------------------------------------------------


def test_writing_what_is_urgent_without_ticking_makes_the_introduction_urgent(owner_client, area):
    response = owner_client.post(
        QUICK, quick(full_name="Uma Urgent", urgent_detail="No heating since Friday")
    )
    assert response.status_code == 302
    intro = Introduction.objects.get(person__full_name="Uma Urgent")
    assert intro.urgent and intro.urgent_detail == "No heating since Friday"
    detail = owner_client.get(reverse("introductions:detail", args=[intro.pk])).content.decode()
    assert "No heating since Friday" in detail


# Problem 8: search that forgives typing --------------------------------------------------------


@pytest.fixture
def searchable(owner, area):
    def add(name, **details):
        return services.introduction_record(
            user=owner,
            person_data={"full_name": name, "area": area, **details},
            introduction_data={"introducer_kind": "self", "agreement": "agrees"},
        ).person

    add("Pat Phone", phone="07700 900123")
    add("Pam Postcode", postcode="LS6 1AA")
    for first in ("Anna", "Jan", "Ewa", "Piotr", "Marek"):
        add(f"{first} Wójcik")
    add("Olga Wojcik")


@pytest.mark.parametrize(
    ("typed", "names"),
    [
        ("07700900123", {"Pat Phone"}),
        ("07700 900123", {"Pat Phone"}),
        ("ls61aa", {"Pam Postcode"}),
        ("LS6 1AA", {"Pam Postcode"}),
    ],
)
def test_phone_numbers_and_postcodes_are_found_with_or_without_spaces(
    searchable, owner, typed, names
):
    found = {p.full_name for p in queries.people_search(user=owner, text=typed)}
    assert found == names


@pytest.mark.parametrize("typed", ["Wojcik", "wójcik", "WOJCIK"])
def test_names_are_found_with_or_without_accents(searchable, owner, typed):
    found = queries.people_search(user=owner, text=typed)
    assert found.count() == 6


def test_search_keeps_to_the_users_areas(searchable, outsider):
    assert not queries.people_search(user=outsider, text="Wojcik").exists()


# Problem 6: every introduction ends ------------------------------------------------------------


def test_deciding_a_second_introduction_ends_the_first_one_too(person, owner, owner_client, area):
    first = person.introductions.get()
    services.introduction_record(
        user=owner,
        person_data={},
        introduction_data={"introducer_kind": "health", "agreement": "agrees", "urgent": True},
        person=person,
    )
    second = person.introductions.exclude(pk=first.pk).get()
    summary = owner_client.get(reverse("people:summary", args=[person.pk])).content.decode()
    for intro in (first, second):
        assert reverse("introductions:detail", args=[intro.pk]) in summary
    services.introduction_decide(
        user=owner, introduction=second, decision="walking_alongside", expected_version=1
    )
    first.refresh_from_db()
    assert first.decided_at is not None and first.decision == "walking_alongside"
    assert "Decided with the introduction of" in first.decision_note
    assert not queries.inbox(user=owner).exists()
    summary = owner_client.get(reverse("people:summary", args=[person.pk])).content.decode()
    assert 'id="waiting"' not in summary


# Problem 9: the team page --------------------------------------------------------------------


def test_the_team_page_counts_introductions_waiting_without_a_coordinator(owner, manager, area):
    from tests.conftest import client_for

    for i in range(3):
        services.introduction_record(
            user=owner,
            person_data={"full_name": f"Waiting {i}", "area": area},
            introduction_data={
                "introducer_kind": "self",
                "agreement": "agrees",
                "urgent": i == 0,
                "received_on": date(2026, 11, 2 + i),
            },
        )
    rows = queries.introductions_waiting_by_area(user=manager)
    assert [(r.area, r.waiting, r.urgent, r.unassigned, r.oldest) for r in rows] == [
        (area, 3, 1, 3, date(2026, 11, 2))
    ]
    loads = {c.coordinator.email: c for c in queries.coordinator_loads(user=manager)}
    assert loads[owner.email].introductions_waiting == 3
    page = client_for(manager).get(reverse("people:team")).content.decode()
    assert "Introductions waiting for a first conversation" in page and "Longest wait" in page


def test_people_with_no_conversation_lately_count_as_not_in_touch(person, owner, manager):
    from datetime import timedelta

    from django.utils import timezone

    services.introduction_decide(
        user=owner,
        introduction=person.introductions.get(),
        decision="walking_alongside",
        expected_version=1,
    )
    assert queries.out_of_touch_by_coordinator(user=manager) == {owner.pk: 1}
    services.conversation_add(user=owner, person=person, notes="Hello", on=timezone.localdate())
    assert queries.out_of_touch_by_coordinator(user=manager) == {}
    old = timezone.localdate() - timedelta(weeks=7)
    person.conversations.update(on=old)
    assert queries.out_of_touch_by_coordinator(user=manager) == {owner.pk: 1}


def test_a_manager_sees_each_coordinators_people_by_their_last_conversation(
    person, owner, manager, area
):
    from datetime import timedelta

    from django.utils import timezone

    from tests.conftest import client_for

    today = timezone.localdate()
    people = {}
    for name, weeks in (("Bea Recent", 1), ("Cy Longago", 9), ("Di Never", None)):
        intro = services.introduction_record(
            user=owner,
            person_data={"full_name": name, "area": area},
            introduction_data={"introducer_kind": "self", "agreement": "agrees"},
        )
        services.introduction_decide(
            user=owner, introduction=intro, decision="walking_alongside", expected_version=1
        )
        if weeks is not None:
            services.conversation_add(
                user=owner, person=intro.person, notes="Tea", on=today - timedelta(weeks=weeks)
            )
        people[name] = intro.person
    client = client_for(manager)
    team = client.get(reverse("people:team")).content.decode()
    link = f"?status=active&amp;coordinator={owner.pk}&amp;sort=out_of_touch"
    assert link in team
    page = client.get(reverse("people:list") + link.replace("&amp;", "&")).content.decode()
    order = [page.index(name) for name in ("Di Never", "Cy Longago", "Bea Recent")]
    assert order == sorted(order)
    assert "None yet" in page and "Not in touch lately" in page
    assert f"People {owner.full_name} supports" in page
    assert f'name="coordinator" value="{owner.pk}"' in page  # kept when the filters change


@pytest.mark.parametrize(
    ("start", "end", "days"),
    [
        (date(2026, 11, 27), date(2026, 11, 30), 1),  # Friday to Monday
        (date(2026, 11, 23), date(2026, 12, 7), 10),  # two weeks
        (date(2026, 11, 23), date(2026, 11, 23), 0),
    ],
)
def test_working_days_skip_weekends(start, end, days):
    assert queries.working_days(start, end) == days


def test_an_introduction_waiting_over_ten_working_days_is_flagged_in_the_inbox(
    owner, owner_client, area
):
    from datetime import timedelta

    from django.utils import timezone

    for name, days_ago in (("Long Wait", 15), ("Just In", 1)):
        services.introduction_record(
            user=owner,
            person_data={"full_name": name, "area": area},
            introduction_data={
                "introducer_kind": "self",
                "agreement": "agrees",
                "received_on": timezone.localdate() - timedelta(days=days_ago),
            },
        )
    page = owner_client.get(reverse("introductions:inbox")).content.decode()
    assert page.count("Waiting too long") == 1


# Problem 7: handing over ---------------------------------------------------------------------


def test_a_postcode_in_another_teams_area_offers_to_hand_the_introduction_over(
    owner_client, owner, outsider, other_area, area
):
    from alongside.people import forms_introductions
    from tests.conftest import client_for

    data = quick(full_name="Hana Over", phone="", email="", postcode="LS11 5AA")
    response = owner_client.post(QUICK, data)
    page = response.content.decode()
    assert response.status_code == 200
    assert forms_introductions.AREA_ELSEWHERE.format(postcode="LS11 5AA", area="Riverside") in (
        __import__("html").unescape(page)
    )
    assert "Hand it over to Riverside" in page and outsider.full_name in page
    assert not Person.objects.exists()

    response = owner_client.post(QUICK, {**data, "hand_over": "on"})
    assert response.status_code == 302
    assert response.url == reverse("introductions:handovers")
    intro = Introduction.objects.get()
    assert intro.person.area == other_area and intro.area == other_area
    assert intro.handed_over_from == area
    assert not queries.inbox(user=owner).exists()  # the owner cannot see it now

    sent = owner_client.get(reverse("introductions:handovers")).content.decode()
    assert "H.O." in sent and "Riverside" in sent and "Not opened yet" in sent
    assert "Hana Over" not in sent

    theirs = client_for(outsider)
    inbox = theirs.get(reverse("introductions:inbox")).content.decode()
    assert "Hana Over" in inbox and f"Handed over from {area.name}" in inbox
    theirs.get(reverse("introductions:detail", args=[intro.pk]))
    sent = owner_client.get(reverse("introductions:handovers")).content.decode()
    assert "Arrived" in sent and outsider.full_name in sent

    again = owner_client.post(QUICK, {**data, "hand_over": "on"})  # sent twice
    assert again.url == reverse("introductions:handovers")
    assert Introduction.objects.count() == 1


def test_someone_supported_is_handed_over_with_their_waiting_introductions(
    person, owner, owner_client, other_area, outsider
):
    from alongside.audit.models import AuditEntry

    url = reverse("people:hand_over", args=[person.pk])
    response = owner_client.post(url, {"to_area": "", "reason": " ", "version": person.version})
    page = response.content.decode()
    assert "Choose the area to hand them over to" in page
    assert "Say why you are handing them over" in page
    response = owner_client.post(
        url, {"to_area": 999999, "reason": "Moved", "version": person.version}
    )
    assert "Choose the area to hand them over to" in response.content.decode()

    response = owner_client.post(
        url,
        {"to_area": other_area.pk, "reason": "Moved to Riverside", "version": person.version},
    )
    assert response.status_code == 302
    assert response.url == reverse("introductions:handovers")
    person.refresh_from_db()
    assert person.area == other_area
    intro = person.introductions.get()
    assert intro.area == other_area and intro.handed_over_from is not None
    assert owner_client.get(reverse("people:summary", args=[person.pk])).status_code == 404
    entry = AuditEntry.objects.get(record_type="handover")
    assert entry.values == {"area": ["Hillside", "Riverside"]}
    assert queries.inbox(user=outsider).filter(pk=intro.pk).exists()


def test_a_stale_handover_is_refused_and_keeps_what_was_typed(person, owner_client, other_area):
    services.person_change(
        user=person.created_by,
        person=person,
        changes={"pronouns": "she/her"},
        expected_version=person.version,
    )
    response = owner_client.post(
        reverse("people:hand_over", args=[person.pk]),
        {"to_area": other_area.pk, "reason": "Moved to Riverside", "version": 1},
    )
    page = response.content.decode()
    assert response.status_code == 200 and "Moved to Riverside" in page
    person.refresh_from_db()
    assert person.area != other_area
