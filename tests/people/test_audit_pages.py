"""The manager's audit trail: the team's page, one person's page, their filters and their CSV."""

import csv
import html
import io
from datetime import datetime

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from alongside import spreadsheets
from alongside.audit import forms as audit_forms
from alongside.audit import services as audit_services
from alongside.audit.models import Action, AuditEntry, RecordType
from alongside.audit.services import audit_record
from alongside.people.matching import keys_for
from alongside.people.models import Person
from tests.conftest import client_for

pytestmark = pytest.mark.usefixtures("fast_password_hashing")

TRAIL = reverse("audit:trail")
EXPORT = reverse("audit:export")


def entry(user, person, action, record_type, *, at=None, **extra) -> AuditEntry:
    with transaction.atomic():
        made = audit_record(
            user=user, person_id=person.pk, action=action, record_type=record_type, **extra
        )
    if at is not None:
        AuditEntry.objects.filter(pk=made.pk).update(at=at)
    return made


def local(*args) -> datetime:
    return timezone.make_aware(datetime(*args))


def text(response) -> str:
    """The page as a reader sees it: entities decoded."""
    assert response.status_code == 200, response.status_code
    return html.unescape(response.content.decode())


def csv_rows(response) -> list[list[str]]:
    assert response.status_code == 200, response.status_code
    assert response["Content-Type"].startswith("text/csv")
    body = response.content.decode("utf-8-sig")
    return list(csv.reader(io.StringIO(body)))


@pytest.fixture
def bob(area) -> Person:
    return Person.objects.create(
        full_name="Bob Other", area=area, **keys_for({"full_name": "Bob Other"})
    )


@pytest.fixture
def stranger(other_area) -> Person:
    """Someone in another team's area."""
    return Person.objects.create(
        full_name="Stan Stranger", area=other_area, **keys_for({"full_name": "Stan Stranger"})
    )


@pytest.fixture
def trail(person, bob, stranger, owner, colleague, outsider) -> dict:
    """A known trail: what setting up the people wrote is cleared first."""
    AuditEntry.objects.all().delete()
    return {
        "added": entry(
            owner,
            person,
            Action.CREATED,
            RecordType.CONVERSATION,
            record_id=7,
            at=local(2025, 6, 2, 10, 0),
        ),
        "changed": entry(
            colleague,
            person,
            Action.CHANGED,
            RecordType.PERSON,
            record_id=person.pk,
            fields=["status", "what_matters"],
            values={"status": ["New introduction", "Supported"]},
            at=local(2025, 6, 10, 23, 30),  # 22:30 UTC: still 10 June in London
        ),
        "looked": entry(
            colleague, bob, Action.VIEWED, RecordType.GIFT, at=local(2025, 6, 11, 9, 0)
        ),
        "theirs": entry(
            outsider, stranger, Action.VIEWED, RecordType.PERSON, at=local(2025, 6, 11, 9, 5)
        ),
    }


@pytest.fixture
def manager_client(manager):
    return client_for(manager)


# The team's page -----------------------------------------------------------------------------


def test_the_team_trail_tells_each_entry_in_plain_words_newest_first(trail, manager_client):
    page = text(manager_client.get(TRAIL))

    looked = page.index("Colleague looked at a gift")
    changed = page.index("Colleague changed the person's details")
    added = page.index("Owner added a conversation")
    assert looked < changed < added
    assert "Changed: status, what matters" in page
    assert "status: New introduction → Supported" in page
    assert "10 Jun 2025" in page and "23:30" in page
    assert "3 entries" in page


def test_each_row_names_the_person_and_links_to_their_record(trail, manager_client, person, bob):
    page = text(manager_client.get(TRAIL))
    assert f'href="{reverse("people:summary", args=[person.pk])}">Ann Example</a>' in page
    assert f'href="{reverse("people:summary", args=[bob.pk])}">Bob Other</a>' in page


def test_the_team_trail_leaves_out_other_teams_people(trail, manager_client):
    page = text(manager_client.get(TRAIL))
    assert "Stan Stranger" not in page
    assert "Outsider" not in page  # not even in the "who" list


def test_a_manager_of_another_team_sees_none_of_these_entries(trail, other_manager):
    page = text(client_for(other_manager).get(TRAIL))
    assert "Stan Stranger" in page
    for name in ("Ann Example", "Bob Other", "Owner", "Colleague"):
        assert name not in page


def test_the_header_offers_the_audit_trail_to_managers_only(trail, manager_client, owner_client):
    assert f'href="{TRAIL}"' in text(manager_client.get(reverse("people:team")))
    assert f'href="{TRAIL}"' not in text(owner_client.get(reverse("people:list")))


@pytest.mark.parametrize("role", ["owner", "commissioner", "administrator"])
@pytest.mark.parametrize("url", [TRAIL, EXPORT])
def test_only_managers_open_the_team_trail(request, trail, role, url):
    before = AuditEntry.objects.count()
    assert client_for(request.getfixturevalue(role)).get(url).status_code == 403
    assert AuditEntry.objects.count() == before


def test_signing_in_comes_first(trail, client):
    response = client.get(TRAIL)
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


# Filters ---------------------------------------------------------------------------------------


def test_it_filters_by_part_of_a_persons_name_in_any_case(trail, manager_client):
    page = text(manager_client.get(TRAIL, {"person": "bob oth"}))
    assert "Colleague looked at a gift" in page
    assert "Ann Example" not in page


def test_the_name_filter_never_reaches_another_teams_people(trail, manager_client):
    page = text(manager_client.get(TRAIL, {"person": "Stan"}))
    assert "Nothing matches these filters" in page
    assert "Stan Stranger" not in page


def test_it_filters_by_who(trail, manager_client, owner):
    page = text(manager_client.get(TRAIL, {"user": owner.pk}))
    assert "Owner added a conversation" in page
    assert "Colleague" not in page.split("newest first")[1]


def test_who_can_be_chosen_among_the_users_in_the_entries(trail, manager_client, manager):
    page = text(manager_client.get(TRAIL))
    form = page.split('id="id_user"')[1].split("</select>")[0]
    assert ">Owner<" in form and ">Colleague<" in form
    assert ">Outsider<" not in form and ">Manager<" not in form


def test_it_filters_by_action(trail, manager_client):
    page = text(manager_client.get(TRAIL, {"action": Action.CHANGED}))
    assert "Colleague changed the person's details" in page
    assert "added a conversation" not in page and "looked at a gift" not in page
    assert "1 entry" in page


def test_it_filters_by_what_it_was_about(trail, manager_client):
    page = text(manager_client.get(TRAIL, {"record_type": RecordType.CONVERSATION}))
    assert "Owner added a conversation" in page
    assert "1 entry" in page


def test_it_filters_by_days_in_local_time_both_included(trail, manager_client):
    page = text(manager_client.get(TRAIL, {"since": "2025-06-03", "until": "2025-06-10"}))
    assert "Colleague changed the person's details" in page  # 23:30 on the 10th, London
    assert "1 entry" in page
    later = text(manager_client.get(TRAIL, {"since": "2025-06-11"}))
    assert "Colleague looked at a gift" in later and "1 entry" in later


def test_filters_combine_and_the_pages_keep_them(trail, manager_client, colleague, settings):
    settings.ALONGSIDE_PAGE_SIZE = 1
    response = manager_client.get(TRAIL, {"user": colleague.pk, "since": "2025-06-01"})
    assert "2 entries" in text(response)
    assert f"user={colleague.pk}&amp;since=2025-06-01&amp;page=2" in response.content.decode()


def test_nothing_matching_says_so(trail, manager_client):
    page = text(manager_client.get(TRAIL, {"person": "Nobody by this name"}))
    assert "Nothing matches these filters" in page
    assert "Download as CSV" not in page


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"since": "2025-02-30"}, audit_forms.SINCE_INVALID),
        ({"until": "yesterday"}, audit_forms.UNTIL_INVALID),
        ({"since": "2025-06-11", "until": "2025-06-01"}, audit_forms.DATES_BACKWARDS),
        ({"action": "nonsense"}, audit_forms.ACTION_INVALID),
        ({"record_type": "client"}, audit_forms.RECORD_TYPE_INVALID),
        ({"user": "abc"}, audit_forms.USER_INVALID),
        ({"user": "999999"}, audit_forms.USER_INVALID),
        ({"person": "x" * 101}, audit_forms.PERSON_TOO_LONG),
    ],
)
def test_bad_filters_get_a_clear_message_and_keep_what_was_typed(
    trail, manager_client, query, message
):
    response = manager_client.get(TRAIL, query)
    page = text(response)
    assert "There is a problem" in page
    assert page.count(message) == 2  # the error summary and the field
    assert "Correct the filters above to see the entries" in page
    for name in {"person", "since", "until"} & set(query):
        assert f'name="{name}" value="{query[name]}"' in page


def test_a_bad_date_is_shown_again_as_typed(trail, manager_client):
    page = text(manager_client.get(TRAIL, {"since": "2025-02-30", "person": "Ann"}))
    assert 'value="2025-02-30"' in page
    assert 'value="Ann"' in page


def test_a_page_number_that_is_not_one_shows_the_first_page(trail, manager_client):
    assert "Owner added a conversation" in text(manager_client.get(TRAIL, {"page": "abc"}))


# One person's page -----------------------------------------------------------------------------


def person_url(person, name="audit:person"):
    return reverse(name, args=[person.pk])


def test_a_persons_trail_uses_the_same_plain_words(trail, manager_client, person):
    page = text(manager_client.get(person_url(person)))
    assert "Owner added a conversation" in page
    assert "status: New introduction → Supported" in page
    assert "Bob Other" not in page and "looked at a gift" not in page
    assert 'id="id_person"' not in page  # no person filter on one person's page


def test_opening_a_persons_trail_is_itself_audited(trail, manager, manager_client, person):
    page = text(manager_client.get(person_url(person)))
    opened = AuditEntry.objects.get(user=manager)
    assert (opened.person_id, opened.action, opened.record_type) == (
        person.pk,
        Action.VIEWED,
        RecordType.AUDIT_TRAIL,
    )
    assert "Manager looked at the audit trail" in page


def test_a_persons_trail_has_the_same_filters(trail, manager_client, person, owner):
    page = text(manager_client.get(person_url(person), {"user": owner.pk}))
    assert "Owner added a conversation" in page and "1 entry" in page
    page = text(manager_client.get(person_url(person), {"action": "changed"}))
    assert "Colleague changed the person's details" in page and "1 entry" in page
    page = text(manager_client.get(person_url(person), {"until": "2025-06-05"}))
    assert "Owner added a conversation" in page and "1 entry" in page
    page = text(manager_client.get(person_url(person), {"record_type": "gift"}))
    assert "Nothing matches these filters" in page
    page = text(manager_client.get(person_url(person), {"since": "2025-13-01"}))
    assert audit_forms.SINCE_INVALID in page


@pytest.mark.parametrize("role", ["owner", "colleague", "commissioner", "administrator"])
@pytest.mark.parametrize("name", ["audit:person", "audit:person_export"])
def test_nobody_but_managers_finds_a_persons_trail(request, trail, person, role, name):
    before = AuditEntry.objects.count()
    response = client_for(request.getfixturevalue(role)).get(person_url(person, name))
    assert response.status_code == 404
    assert AuditEntry.objects.count() == before


@pytest.mark.parametrize("name", ["audit:person", "audit:person_export"])
def test_a_manager_of_another_team_gets_404_for_the_persons_trail(
    trail, other_manager, person, name, db_state
):
    client = client_for(other_manager)  # signing in sets last_login
    before = db_state()
    response = client.get(person_url(person, name))
    assert response.status_code == 404
    assert b"Ann Example" not in response.content
    assert db_state() == before


# CSV --------------------------------------------------------------------------------------------


def test_the_team_csv_has_every_entry_with_its_words(trail, manager_client, person, bob):
    rows = csv_rows(manager_client.get(EXPORT))
    assert rows[0] == audit_services.COLUMNS
    assert len(rows) == 4
    by_person = {(row[5], row[2]): row for row in rows[1:]}
    changed = by_person[("Ann Example", "changed")]
    assert changed == [
        "2025-06-10 23:30:00",
        "Colleague",
        "changed",
        "the person's details",
        str(person.pk),
        "Ann Example",
        str(person.pk),
        "status; what matters to them",
        "status: New introduction → Supported",
    ]
    assert by_person[("Bob Other", "looked at")][3] == "a gift"
    assert all("Stan Stranger" not in row for row in rows)


def test_the_csv_leaves_one_exported_entry_for_each_person_in_it(
    trail, manager, manager_client, person, bob
):
    csv_rows(manager_client.get(EXPORT))
    exported = AuditEntry.objects.filter(user=manager)
    assert sorted(exported.values_list("person_id", "action", "record_type")) == sorted(
        [
            (person.pk, Action.EXPORTED, RecordType.AUDIT_TRAIL),
            (bob.pk, Action.EXPORTED, RecordType.AUDIT_TRAIL),
        ]
    )


def test_the_csv_uses_the_same_filters(trail, manager, manager_client, person):
    rows = csv_rows(manager_client.get(EXPORT, {"person": "ann", "action": "created"}))
    assert [row[1:3] for row in rows[1:]] == [["Owner", "added"]]
    exported = AuditEntry.objects.filter(user=manager)
    assert list(exported.values_list("person_id", flat=True)) == [person.pk]


def test_the_page_offers_the_csv_with_its_filters(trail, manager_client):
    page = text(manager_client.get(TRAIL, {"action": "viewed", "page": "1"}))
    assert f'href="{EXPORT}?action=viewed">Download as CSV' in page


def test_the_csv_cannot_run_a_formula_in_a_spreadsheet(trail, manager_client, area, owner):
    evil = Person.objects.create(full_name='=HYPERLINK("http://x.example","Click")', area=area)
    owner.full_name = "+Owner"
    owner.save()
    entry(owner, evil, Action.CHANGED, RecordType.PERSON, fields=["phone"])
    rows = csv_rows(manager_client.get(EXPORT, {"record_type": "person", "action": "changed"}))
    row = next(row for row in rows if row[4] == str(evil.pk))
    assert row[5] == '\'=HYPERLINK("http://x.example","Click")'
    assert row[1] == "'+Owner"


@pytest.mark.parametrize("value", ["=1+2", "+1", "-1", "@SUM(A1)", "\tx", "\rx"])
def test_every_formula_start_is_escaped(value):
    assert spreadsheets.safe_cell(value) == "'" + value
    assert spreadsheets.safe_cell("Ann") == "Ann"
    assert spreadsheets.safe_cell(12) == 12


def test_bad_filters_on_the_csv_go_back_to_the_page_and_export_nothing(trail, manager_client):
    before = AuditEntry.objects.count()
    response = manager_client.get(EXPORT, {"since": "2025-02-30"})
    assert response.status_code == 302
    assert response.url == f"{TRAIL}?since=2025-02-30"
    assert AuditEntry.objects.count() == before


def test_an_export_too_big_for_one_file_is_refused_not_cut_short(
    trail, manager_client, monkeypatch
):
    monkeypatch.setattr(audit_services, "EXPORT_LIMIT", 2)
    before = AuditEntry.objects.count()
    response = manager_client.get(EXPORT, follow=True)
    page = text(response)
    assert "There are 3 entries to export, more than 2 at once" in page
    assert AuditEntry.objects.count() == before


def test_a_persons_csv_has_only_their_entries_and_is_audited(
    trail, manager, manager_client, person
):
    rows = csv_rows(manager_client.get(person_url(person, "audit:person_export")))
    assert {row[5] for row in rows[1:]} == {"Ann Example"}
    assert len(rows) == 3
    exported = AuditEntry.objects.get(user=manager)
    assert (exported.person_id, exported.action, exported.record_type) == (
        person.pk,
        Action.EXPORTED,
        RecordType.AUDIT_TRAIL,
    )


def test_a_persons_csv_is_audited_even_when_no_entry_matches(
    trail, manager, manager_client, person
):
    url = person_url(person, "audit:person_export")
    rows = csv_rows(manager_client.get(url, {"record_type": "gift"}))
    assert rows == [audit_services.COLUMNS]
    assert AuditEntry.objects.filter(user=manager, action=Action.EXPORTED).count() == 1


def test_a_persons_page_offers_their_csv(trail, manager_client, person):
    page = text(manager_client.get(person_url(person), {"user": ""}))
    assert f'href="{person_url(person, "audit:person_export")}?user=">Download as CSV' in page


# Queries ----------------------------------------------------------------------------------------


def _queries_for_team_page(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(TRAIL).status_code == 200
    return len(queries)


def test_the_team_page_makes_the_same_number_of_queries_for_3_or_30_entries(
    manager_client, area, owner, colleague, django_assert_max_num_queries
):
    def add(n):
        for i in range(n):
            someone = Person.objects.create(full_name=f"Person {i}", area=area)
            entry(
                [owner, colleague][i % 2],
                someone,
                Action.CHANGED,
                RecordType.PERSON,
                fields=["status"],
                values={"status": ["New introduction", "Supported"]},
            )

    add(3)
    few = _queries_for_team_page(manager_client)
    add(27)
    many = _queries_for_team_page(manager_client)
    assert many == few, (few, many)
    # The session and the user; how many entries; who may be chosen; the page of entries with
    # their people's names; the session saved again (savepoint, update, release).
    with django_assert_max_num_queries(8):
        manager_client.get(TRAIL)


def test_fields_read_as_their_forms_call_them(person, owner, manager):
    from alongside.people import services

    services.person_change(
        user=owner,
        person=person,
        changes={"preferred_name": "Annie", "what_matters": "The allotment"},
        expected_version=person.version,
    )
    page = text(client_for(manager).get(reverse("audit:person", args=[person.pk])))
    assert "Changed: what they like to be called, what matters to them" in page
