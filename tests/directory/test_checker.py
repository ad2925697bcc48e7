"""The feed checker: Alongside's own /oruk, imported feeds and records held from files,
checked in the ORUK validator's terms (Level 1, Level 2, record quality and a score); its
pages, its command and its schedule.

Feeds are served by a real HTTP server on 127.0.0.1 (the ``feed`` fixture of
``test_import``), so the importer's HTTP client is what reads them; our own /oruk is read
through Django's request handling, so what is checked is what the API really answers.
"""

import copy
import io
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from alongside.directory import tasks
from alongside.directory.checking import feed_check, quality
from alongside.directory.importing import import_run_start
from alongside.directory.importing.writer import OrukWriter
from alongside.directory.models import FeedCheck, Organization, Postcode, Service
from alongside.directory.models.checks import CheckStatus
from alongside.directory.models.imports import ImportStatus
from alongside.directory.tasks import (
    feed_check_schedule,
    feed_check_schedule_all,
    scheduled_check_run,
)
from tests.conftest import client_for
from tests.directory.test_import import service_number

CHECKS = reverse("directory_import:checks")
START = reverse("directory_import:check_start")
SOURCE = "leeds-community"


def results(tests: list[dict]) -> dict:
    return {t["name"]: t["passed"] for t in tests}


def messages(tests: list[dict]) -> dict:
    return {t["name"]: t["message"] for t in tests}


def failed_checks(check: FeedCheck, name: str) -> dict:
    """The record checks the record called ``name`` failed, with their messages."""
    record = next(r for r in check.records if r["name"] == name)
    return {f["name"]: f["message"] for f in record["failed"]}


# A demo-like directory of our own ---------------------------------------------------------


def resource(n: int, **changes) -> dict:
    """A community resource as the demo saves it: categorised, with a place on the map at a
    postcode the directory knows, opening times, ages, a phone and a date last checked."""
    sid = f"demo-{n}"
    data = {
        "id": sid,
        "name": f"Hillside Group {n}",
        "description": "A friendly group that meets every week.",
        "status": "active",
        "email": f"hello{n}@hillside.example",
        "assured_date": "2026-01-10",
        "minimum_age": 18,
        "maximum_age": 99,
        "organization": {"id": "demo-org", "name": "Hillside Hub", "description": "A hub."},
        "attributes": [
            {
                "id": f"{sid}-category",
                "taxonomy_term": {"id": "demo-term", "name": "Walking", "description": "Walks."},
            }
        ],
        "phones": [{"id": f"{sid}-phone", "number": f"0113 496 0{n:03d}"}],
        "schedules": [
            {"id": f"{sid}-week", "freq": "WEEKLY", "byday": "MO", "opens_at": "10:00"}
            | {"closes_at": "12:00"}
        ],
        "service_at_locations": [
            {
                "id": f"{sid}-here",
                "location": {
                    "id": f"{sid}-place",
                    "location_type": "physical",
                    "name": "Hillside Library",
                    "latitude": "53.8200",
                    "longitude": "-1.5700",
                    "addresses": [
                        {
                            "id": f"{sid}-address",
                            "address_1": "1 Cardigan Road",
                            "city": "Leeds",
                            "state_province": "West Yorkshire",
                            "postal_code": "LS6 1AB",
                            "country": "GB",
                            "address_type": "physical",
                        }
                    ],
                },
            }
        ],
    }
    return data | changes


@pytest.fixture
def demo(db):
    """Three resources, imported as the demo imports its directory."""
    Postcode.objects.create(postcode="LS6 1AB", latitude="53.8200", longitude="-1.5700")
    import_run_start(source=SOURCE, kind="hsds_json", location="demo.json")
    with OrukWriter(SOURCE) as writer:
        writer.save(
            "taxonomy",
            {
                "id": "demo-categories",
                "name": "Community resources",
                "description": "The categories of the demo directory.",
                "taxonomy_terms": [{"id": "demo-term", "name": "Walking", "description": "Walks."}],
            },
        )
        for n in (1, 2, 3):
            writer.save("service", resource(n))
    return Service.objects.order_by("name")


def test_our_own_oruk_passes_level_1_and_level_2_with_demo_like_data(demo):
    check = feed_check()
    assert check.status == CheckStatus.FINISHED, check.error
    assert (check.source, check.url, check.is_own) == ("", "/oruk", True)
    assert results(check.level_1) == {
        "API meta info - API & schema validation": True,
        "Services list - API & schema validation": True,
        "Services list - pagination": True,
        "Service by id - API & schema validation": True,
    }
    assert check.level_1_passed is True
    assert set(results(check.level_2).values()) == {True}, [
        t for t in check.level_2 if not t["passed"]
    ]
    assert {
        "Taxonomies list - API & schema validation",
        "Service at location by id - API & schema validation",
        "Text Test",
        "Search Test",
        "Taxonomy Test",
        "Postcode Search",
        "Time Search Test",
        "Age Test",
        "Paging (page, per_page)",
    } <= set(results(check.level_2))
    assert (
        "start_time=10%3A00&end_time=12%3A00&day=MO" in messages(check.level_2)["Time Search Test"]
    )
    assert (check.records_checked, check.score, check.records) == (3, 100, [])
    assert {line["name"]: line["passed"] for line in check.record_summary} == dict.fromkeys(
        quality.CHECKS, 3
    )


def test_our_own_records_missing_what_a_reader_needs_are_scored_down(demo):
    bare = Organization.objects.create(name="Corner Café", description="")
    Service.objects.create(organization=bare, name="The Corner Café", description="")
    check = feed_check()
    assert check.level_1_passed is True
    assert check.records_checked == 4
    failed = failed_checks(check, "The Corner Café")
    assert set(failed) == {
        quality.FILLED,
        quality.CONTACT,
        quality.PLACE,
        quality.CHECKED,
        quality.DESCRIBED,
    }
    assert failed[quality.FILLED] == "Empty: organization.description."
    assert "no location" in failed[quality.PLACE]
    assert "assured_date" in failed[quality.CHECKED]
    assert check.records[0]["score"] == 38  # 3 of 8
    assert check.score == round((3 * 100 + 38) / 4)


# Feeds of other directories -----------------------------------------------------------------


@pytest.fixture
def good_feed(feed, db):
    """Three services (the ORUK example, renumbered) on two pages, and the API's details."""
    feed.serve([service_number(n) for n in (1, 2, 3)])
    openapi = "https://example.org/openapi.json"
    feed.raw["/api/"] = (
        200,
        {"version": "HSDS-UK-3.0", "profile": "https://example.org/", "openapi_url": openapi},
    )
    return feed


def test_a_feed_that_keeps_to_the_standard_passes_level_1(good_feed):
    check = feed_check(url=good_feed.url)
    assert check.level_1_passed is True, messages(check.level_1)
    assert messages(check.level_1)["Services list - pagination"] == (
        "3 services on 2 pages: the pages add up (2 pages read)."
    )
    assert check.records_checked == 3
    # The feed has no optional endpoints: Level 2 says so, and Level 1 still passes.
    level_2 = results(check.level_2)
    assert level_2["Taxonomies list - API & schema validation"] is False
    assert level_2["Taxonomy by id - API & schema validation"] is None
    assert "answered 404" in messages(check.level_2)["Organizations list - API & schema validation"]


def test_a_feed_without_the_api_details_endpoint_fails_level_1(feed, db):
    feed.serve([service_number(1)])
    check = feed_check(url=feed.url)
    assert check.level_1_passed is False
    assert results(check.level_1)["API meta info - API & schema validation"] is False
    assert messages(check.level_1)["API meta info - API & schema validation"] == (
        f"{feed.url}/ answered 404."
    )
    assert results(check.level_1)["Service by id - API & schema validation"] is True


def test_a_feed_whose_pages_do_not_add_up_fails_level_1(good_feed):
    for page in good_feed.pages:
        page["total_pages"] = 5
    check = feed_check(url=good_feed.url)
    assert check.level_1_passed is False
    message = messages(check.level_1)["Services list - pagination"]
    assert "3 services with 2 on page 1 make 2 pages, not the 5 it says" in message
    assert "page 3: " in message and "answered 404" in message


def test_a_feed_answering_the_wrong_page_fails_level_1(good_feed):
    good_feed.pages[1]["page_number"] = 1
    check = feed_check(url=good_feed.url)
    assert (
        "Asked for page 2, it says page 1." in messages(check.level_1)["Services list - pagination"]
    )


def test_a_service_that_breaks_the_schema_fails_level_1_and_its_record_check(good_feed):
    broken = copy.deepcopy(service_number(2))
    broken["status"] = "open-ish"
    del broken["name"]
    good_feed.details[broken["id"]] = broken
    check = feed_check(url=good_feed.url)
    assert check.level_1_passed is False
    message = messages(check.level_1)["Service by id - API & schema validation"]
    assert message.startswith(f"1 of 3 services fail: {broken['id']}: ")
    assert "'name' is a required property" in message and "'open-ish'" in message
    record = next(r for r in check.records if r["id"] == broken["id"])
    failed = {f["name"]: f["message"] for f in record["failed"]}
    assert "status: 'open-ish' is not one of" in failed[quality.SCHEMA]


def test_a_record_without_a_contact_or_coordinates_is_reported(good_feed):
    lonely = copy.deepcopy(service_number(3))
    lonely.pop("email", None)
    lonely["organization"].pop("email", None)
    lonely["contacts"], lonely["phones"] = [], []
    for at in lonely["service_at_locations"]:
        at["location"].pop("latitude")
        at["location"]["phones"] = []
    good_feed.details[lonely["id"]] = lonely
    check = feed_check(url=good_feed.url)
    failed = failed_checks(check, "Community Counselling 3")
    assert failed[quality.CONTACT] == "No phone number or email address."
    assert failed[quality.PLACE] == "No location with an address has a latitude and longitude."
    assert check.records[0]["id"] == lonely["id"]  # the worst first


def test_a_feed_that_cannot_be_reached_fails_level_1_with_the_reason(db):
    check = feed_check(url="http://127.0.0.1:9/api")
    assert check.status == CheckStatus.FINISHED
    assert check.level_1_passed is False
    assert (
        "could not be reached" in messages(check.level_1)["API meta info - API & schema validation"]
    )
    assert (check.records_checked, check.score) == (0, None)


def test_an_imported_feed_is_checked_at_the_address_it_was_imported_from(good_feed):
    run = import_run_start(source="elsewhere", kind="oruk3", location=good_feed.url)
    run.status = ImportStatus.SUCCEEDED
    run.save()
    check = feed_check(source="elsewhere")
    assert (check.source, check.url, check.reads_feed) == ("elsewhere", good_feed.url, True)
    assert check.level_1_passed is True


def test_a_source_imported_from_files_gets_record_quality_of_the_records_held(demo):
    check = feed_check(source=SOURCE)
    assert (check.url, check.reads_feed) == ("", False)
    assert (check.level_1, check.level_2, check.level_1_passed) == ([], [], None)
    assert (check.records_checked, check.score) == (3, 100)


def test_record_checks_find_bad_web_and_email_addresses_and_ids():
    data = resource(1, id="demo-1", url="not a web address", email="nobody@")
    data["organization"]["website"] = "ftp://example.org"
    found = {f.name: f for f in quality.record_check(data).findings}
    assert found[quality.VALID_ID].message == "'demo-1' is not a UUID."
    assert found[quality.ADDRESSES].message == (
        "Not valid: email 'nobody@', url 'not a web address', "
        "organization.website 'ftp://example.org'."
    )
    assert not found[quality.SCHEMA].passed


# The pages --------------------------------------------------------------------------------


def test_only_administrators_may_check_feeds(
    administrator, owner, manager, commissioner, client, demo
):
    check = feed_check()
    page = reverse("directory_import:check", args=[check.pk])
    assert client_for(administrator).get(CHECKS).status_code == 200
    assert client_for(administrator).get(page).status_code == 200
    for other in (owner, manager, commissioner):
        signed_in = client_for(other)
        assert signed_in.get(CHECKS).status_code == 403
        assert signed_in.get(page).status_code == 403
        assert signed_in.post(START, {"source": ""}).status_code == 403
    for url in (CHECKS, page):
        response = client.get(url)
        assert response.status_code == 302 and response.url.startswith(reverse("login"))
    assert client.post(START, {"source": ""}).status_code == 302
    assert FeedCheck.objects.count() == 1  # nobody else started one


def test_the_page_lists_our_own_api_and_every_imported_source(administrator, good_feed, demo):
    feed_run = import_run_start(source="elsewhere", kind="oruk3", location=good_feed.url)
    feed_run.status = ImportStatus.SUCCEEDED
    feed_run.save()
    feed_check(source="elsewhere")
    page = client_for(administrator).get(CHECKS).content.decode()
    assert "Alongside (/oruk)" in page and "Not checked yet" in page
    assert f"Feed: {good_feed.url}" in page
    assert SOURCE in page and "Imported from files: records held" in page
    assert "record quality only, without Level 1 or Level 2" in page
    assert page.count("Check now") == 3
    assert (
        reverse("directory_import:checks")
        in client_for(administrator).get(reverse("directory_import:start")).content.decode()
    )


def test_the_page_takes_the_same_queries_however_many_sources(administrator, demo):
    client = client_for(administrator)
    feed_check(source=SOURCE)

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(CHECKS).status_code == 200
        return len(queries)

    few = count()
    for n in range(5):
        import_run_start(source=f"more-{n}", kind="hsds_json", location="x.json")
        feed_check(source=f"more-{n}")
    assert count() == few


def test_an_administrator_checks_our_own_api_now_and_sees_the_report(administrator, demo):
    client = client_for(administrator)
    form_id = "3f7b145d-84af-42d7-8fae-eaca714b02b2"
    response = client.post(START, {"source": "", "check_id": form_id})
    check = FeedCheck.objects.get()
    assert str(check.pk) == form_id and check.started_by == administrator
    assert response.url == reverse("directory_import:check", args=[check.pk])
    page = client.get(response.url).content.decode()
    for words in [
        "Level 1 Compliance",
        "API meta info - API &amp; schema validation",
        "Level 2 Compliance",
        "Time Search Test",
        "Record quality",
        "<strong>100</strong> out of 100",
        "Every record passed every check.",
        f"by {administrator.full_name}",
    ]:
        assert words in page, words
    assert "hx-trigger" not in page  # finished: nothing to poll
    again = client.post(START, {"source": "", "check_id": form_id})
    assert again.url == response.url and FeedCheck.objects.count() == 1  # sent twice: once


def test_a_check_waiting_for_the_worker_polls_until_it_is_done(administrator, demo, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    client = client_for(administrator)
    response = client.post(START, {"source": SOURCE})
    check = FeedCheck.objects.get()
    page = client.get(response.url).content.decode()
    assert "hx-trigger" in page and "this page updates by itself" in page
    # Asked again while it waits: the same check.
    assert client.post(START, {"source": SOURCE}).url == response.url
    tasks.run_feed_check.call(str(check.pk))
    here = "http://testserver" + response.url
    poll = client.get(response.url, headers={"HX-Request": "true", "HX-Current-URL": here})
    assert poll["HX-Refresh"] == "true"


def test_records_with_findings_are_paged(administrator, demo):
    hub = Organization.objects.create(name="Empty Hub", description="")
    Service.objects.bulk_create(
        Service(organization=hub, name=f"Bare {n:02}") for n in range(1, 26)
    )
    check = feed_check()
    client = client_for(administrator)
    url = reverse("directory_import:check", args=[check.pk])
    first = client.get(url).content.decode()
    assert "Bare 01<br>" in first and "Bare 21<br>" not in first
    assert 'href="?page=2"' in first
    second = client.get(url + "?page=2").content.decode()
    assert "Bare 21<br>" in second and "Bare 01<br>" not in second
    assert client.get(url + "?page=nonsense").status_code == 200


def test_asking_to_check_a_source_never_imported_says_so(administrator, db):
    response = client_for(administrator).post(START, {"source": "nowhere"})
    assert response.status_code == 400
    assert "There is no imported directory called &#x27;nowhere&#x27; to check" in (
        response.content.decode()
    )
    assert not FeedCheck.objects.exists()


# The command ------------------------------------------------------------------------------


def command(*args) -> str:
    out = io.StringIO()
    call_command("directory_check", *args, stdout=out)
    return out.getvalue()


def test_the_command_prints_the_report_of_our_own_api(demo):
    out = command("--own")
    assert out.startswith("Check of Alongside (/oruk)\n")
    assert "Level 1 Compliance - Basic checks" in out
    assert "[    pass] Services list - pagination: 3 services on 1 page" in out
    assert "Level 1: passed" in out and "Level 2: 15 of 15 passed" in out
    assert "Record quality: 3 records checked" in out and "Score: 100 of 100" in out
    assert FeedCheck.objects.get().started_by is None


def test_the_command_fails_when_level_1_fails(feed, db):
    feed.serve([service_number(1)])
    with pytest.raises(CommandError, match="Level 1 failed"):
        command("--url", feed.url)
    with pytest.raises(CommandError, match="must start with http"):
        command("--url", "ftp://example.org")
    with pytest.raises(CommandError, match="No directory has been imported as 'nowhere'"):
        command("--source", "nowhere")


def test_the_command_checks_the_records_held_of_a_file_import(demo):
    out = command("--source", SOURCE)
    assert "No feed to read (imported from files): record quality only." in out
    assert "Level 1" not in out and "Score: 100 of 100" in out


# The schedule -----------------------------------------------------------------------------


@pytest.fixture
def queued(settings):
    """Tasks go to the database queue, as in production, and the worker is the test."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def scheduled() -> list[tuple[str, str]]:
    return list(
        FeedCheck.objects.filter(status=CheckStatus.SCHEDULED)
        .order_by("source")
        .values_list("source", "status")
    )


def test_starting_the_schedule_queues_one_check_per_source_and_never_two(queued, demo):
    out = command("--schedule")
    assert out.splitlines() == [
        "Alongside (/oruk): Scheduled now.",
        f"{SOURCE}: Scheduled now.",
    ]
    assert scheduled() == [("", "scheduled"), (SOURCE, "scheduled")]
    assert DBTaskResult.objects.count() == 2
    again = feed_check_schedule_all()
    assert [s.message.startswith("Already scheduled") for _, s in again] == [True, True]
    assert DBTaskResult.objects.count() == 2


def test_a_scheduled_check_runs_and_schedules_the_next_one_later(queued, demo, settings):
    settings.DIRECTORY_CHECK_EVERY_HOURS = 12
    first = feed_check_schedule(source="").check
    before = timezone.now()
    done = scheduled_check_run(str(first.pk))
    assert done.pk == first.pk and done.status == CheckStatus.FINISHED and done.scheduled
    assert done.level_1_passed is True
    following = FeedCheck.objects.get(status=CheckStatus.SCHEDULED)
    assert following.source == "" and following.pk != first.pk
    expected = before + timedelta(hours=12)
    assert abs(following.due_at - expected) < timedelta(minutes=1)
    task = DBTaskResult.objects.get(args_kwargs__args=[str(following.pk)])
    assert task.run_after == following.due_at
    # The same task run twice (a retry) does nothing the second time.
    assert scheduled_check_run(str(first.pk)) is None
    assert FeedCheck.objects.filter(status=CheckStatus.SCHEDULED).count() == 1
    # A scheduled check cannot be put in the schedule twice, even asked for directly.
    later = feed_check_schedule(source="", due_at=timezone.now() + timedelta(hours=1))
    assert later.check == following and not later.new


def test_a_schedule_of_0_hours_schedules_nothing_and_ends_the_chain(queued, demo, settings):
    settings.DIRECTORY_CHECK_EVERY_HOURS = 0
    assert "0: checks are not scheduled" in command("--schedule")
    assert scheduled() == []
    first = feed_check_schedule(source=SOURCE).check
    scheduled_check_run(str(first.pk))
    assert scheduled() == []


def test_with_tasks_run_at_once_the_schedule_runs_now_and_says_it_cannot_run_later(demo):
    out = command("--schedule")
    assert out.count("Scheduled now.") == 2
    checks = FeedCheck.objects.order_by("source")
    assert [(c.source, c.status) for c in checks] == [
        ("", CheckStatus.FINISHED),
        (SOURCE, CheckStatus.FINISHED),
    ]
    later = feed_check_schedule(source="", due_at=timezone.now() + timedelta(hours=1))
    assert later.check is None and "cannot run a task later" in later.message


def test_a_scheduled_check_lost_from_the_queue_is_replaced(queued, demo):
    lost = feed_check_schedule(source="").check
    FeedCheck.objects.filter(pk=lost.pk).update(due_at=timezone.now() - timedelta(days=1))
    fresh = feed_check_schedule(source="")
    assert fresh.new and fresh.check.pk != lost.pk
    assert not FeedCheck.objects.filter(pk=lost.pk).exists()


def test_records_held_from_a_source_with_no_import_recorded_can_be_checked(administrator, db):
    with OrukWriter("held-only") as writer:
        writer.save("service", resource(7))
    page = client_for(administrator).get(CHECKS).content.decode()
    assert "held-only" in page and page.count("Check now") == 2
    response = client_for(administrator).post(START, {"source": "held-only"})
    check = FeedCheck.objects.get()
    assert response.url == reverse("directory_import:check", args=[check.pk])
    assert (check.source, check.reads_feed, check.records_checked) == ("held-only", False, 1)
    scheduled_now = feed_check_schedule_all()
    assert [s for s, _ in scheduled_now] == ["", "held-only"], scheduled_now
