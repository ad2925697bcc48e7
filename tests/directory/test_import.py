"""Importing another directory: ORUK 3.0 and 1.0 feeds, HSDS JSON and CSV files; the command
and the browser pages.

Feeds are served by a real HTTP server on 127.0.0.1 in a thread of the test (``feed``), so the
importer's own HTTP client, timeouts included, is what is tested; nothing goes to the network.
"""

import copy
import io
import json
import shutil
import threading
import uuid
import zipfile
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, unquote

import pytest
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from alongside.directory import serializers
from alongside.directory.forms_import import (
    FILE_NEEDED,
    KIND_NEEDED,
    SOURCE_FORMAT,
    SOURCE_NEEDED,
    URL_NEEDED,
)
from alongside.directory.importing import (
    checks,
    hsds_csv,
    hsds_json,
    import_run_execute,
    import_run_start,
    oruk1,
)
from alongside.directory.importing import feed as feeds
from alongside.directory.models import (
    Address,
    Attribute,
    Contact,
    Location,
    Organization,
    Record,
    Schedule,
    Service,
    ServiceAtLocation,
    Taxonomy,
    TaxonomyTerm,
)
from alongside.directory.models.imports import ImportRun, ImportStatus
from tests.conftest import client_for
from tests.directory.test_api import example

FIXTURES = Path(__file__).parent.parent / "fixtures" / "directory"
SOURCE = "elsewhere"
IDS = uuid.UUID("6f1c2b8e-0d4c-4f3a-9a57-3b1f0c1e2d4f")


def directory_state() -> dict:
    """Every row of every directory record (not the record of the imports themselves)."""
    return {
        model._meta.label: list(model.objects.order_by("pk").values())
        for model in apps.get_app_config("directory").get_models()
        if issubclass(model, Record)
    }


def counts() -> dict:
    return {label: len(rows) for label, rows in directory_state().items()}


def service_number(n: int, **changes) -> dict:
    """The ORUK example service as the n-th of a feed: its own ids for itself and all it
    owns (derived from n, so the same at every call), its own name; the organization is
    shared by every service."""

    def renumbered(value):
        if isinstance(value, list):
            return [renumbered(v) for v in value]
        if not isinstance(value, dict):
            return value
        result = {k: v if k == "organization" else renumbered(v) for k, v in value.items()}
        if "id" in result:
            result["id"] = str(uuid.uuid5(IDS, f"{n}:{value['id']}"))
        return result

    data = renumbered(example("service_full"))
    data["name"] = f"Community Counselling {n}"
    return data | changes


# A feed on 127.0.0.1 ----------------------------------------------------------------------


class Feed:
    """What the test server answers. ``raw`` and ``slow`` are keyed by path, with
    ``?page=N`` for a page of /services."""

    def __init__(self, url: str):
        self.url = url
        self.pages: list = []
        self.details: dict = {}
        self.raw: dict = {}
        self.slow: set = set()  # paths not answered until the test ends
        self.released = threading.Event()
        self.requests: list = []
        # The other lists a feed may have (taxonomies, taxonomy_terms, organizations): pages
        # of them by path; none, and the path answers 404, as a feed without it does.
        self.lists: dict[str, list] = {}
        self.organizations: dict = {}  # /organizations/{id}

    def serve_list(self, path: str, items: list[dict], per_page: int = 2) -> None:
        """``/{path}``: ``items``, ``per_page`` on a page (organizations also in full)."""
        chunks = [items[i : i + per_page] for i in range(0, len(items), per_page)]
        self.lists[path] = [
            serializers.page(chunk, total=len(items), page_number=number, per_page=per_page)
            for number, chunk in enumerate(chunks or [[]], 1)
        ]
        if path == "organizations":
            self.organizations |= {item["id"]: item for item in items}

    def serve(self, services: list[dict], per_page: int = 2) -> None:
        """An ORUK 3.0 feed of ``services``, ``per_page`` on a page."""
        chunks = [services[i : i + per_page] for i in range(0, len(services), per_page)]
        self.pages = [
            serializers.page(
                [{k: v for k, v in s.items() if not isinstance(v, list)} for s in chunk],
                total=len(services),
                page_number=number,
                per_page=per_page,
            )
            for number, chunk in enumerate(chunks or [[]], 1)
        ]
        self.details = {s["id"]: s for s in services}

    def answer(self, path: str, query: str) -> tuple[int, object]:
        key = path
        listed = path.removeprefix("/api/")
        if path == "/api/services" or listed in ("taxonomies", "taxonomy_terms", "organizations"):
            page = int(parse_qs(query).get("page", ["1"])[0])
            key = f"{path}?page={page}"
        self.requests.append(key)
        if key in self.slow:
            self.released.wait()  # no race with the importer's timeout: it always runs out
        if key in self.raw:
            return self.raw[key]
        if path == "/api/services":
            found = 1 <= page <= len(self.pages)
            return (200, self.pages[page - 1]) if found else (404, {"message": "no such page"})
        if listed in self.lists:
            pages = self.lists[listed]
            found = 1 <= page <= len(pages)
            return (200, pages[page - 1]) if found else (404, {"message": "no such page"})
        organization_id = unquote(path.removeprefix("/api/organizations/"))
        if path.startswith("/api/organizations/") and organization_id in self.organizations:
            return 200, self.organizations[organization_id]
        service_id = unquote(path.removeprefix("/api/services/"))
        if path.startswith("/api/services/") and service_id in self.details:
            return 200, self.details[service_id]
        return 404, {"message": "not found"}


class _Handler(BaseHTTPRequestHandler):
    def do_GET(self):
        path, _, query = self.path.partition("?")
        status, body = self.server.feed.answer(path, query)
        content = body if isinstance(body, bytes) else json.dumps(body).encode()
        try:
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(content)))
            self.end_headers()
            self.wfile.write(content)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the importer gave up waiting

    def log_message(self, *args):
        pass


@contextmanager
def feed_server():
    """A feed at http://127.0.0.1:<free port>/api, for as long as the block lasts."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    server.daemon_threads = True
    server.feed = Feed(f"http://127.0.0.1:{server.server_port}/api")
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield server.feed
    finally:
        server.feed.released.set()
        server.shutdown()
        server.server_close()


def run_import(kind="oruk3", *, url=None, file=None, source=SOURCE, dry_run=False, **options):
    """An import as the command and the page run it, recorded as an ``ImportRun``."""
    location = url or str(file)
    run = import_run_start(source=source, kind=kind, location=location, dry_run=dry_run)
    return import_run_execute(run, url=url, file=file, **options)


def reasons(run: ImportRun) -> dict:
    return {r["id"]: r["reason"] for r in run.rejections}


def assert_imported(run: ImportRun, created=0, updated=0, unchanged=0, rejected=0) -> None:
    assert run.status == ImportStatus.SUCCEEDED, run.error
    got = (run.created, run.updated, run.unchanged, run.rejected)
    assert got == (created, updated, unchanged, rejected), run.rejections


@pytest.fixture
def five(feed, db):
    """A feed of five services on three pages, imported once."""
    services = [service_number(n) for n in range(1, 6)]
    feed.serve(services)
    assert_imported(run_import(url=feed.url), created=5)
    return services


# ORUK 3.0 feeds -----------------------------------------------------------------------------


def test_a_feed_of_several_pages_imports_every_service_each_fetched_in_full(feed, db):
    feed.serve([service_number(n) for n in range(1, 6)])
    run = run_import(url=feed.url + "/services/")  # as pasted from a browser
    assert_imported(run, created=5)
    assert [r for r in feed.requests if r.startswith("/api/services?page=")] == [
        f"/api/services?page={n}" for n in (1, 2, 3)
    ]
    assert len([r for r in feed.requests if r.startswith("/api/services/")]) == 5
    assert Service.objects.filter(source=SOURCE).count() == 5
    assert Organization.objects.count() == 1  # shared by all five
    assert Contact.objects.count() == 5
    assert (run.progress_done, run.progress_total) == (5, 5)


def test_records_keep_their_source_and_the_id_they_had_there(five):
    service = Service.objects.get(name="Community Counselling 3")
    assert (service.source, service.source_id) == (SOURCE, five[2]["id"])
    assert service.id != uuid.UUID(five[2]["id"])
    contact = service.contacts.get()
    assert contact.source_id == five[2]["contacts"][0]["id"]


def test_re_importing_the_same_feed_updates_in_place_and_never_duplicates(feed, five):
    before = directory_state()
    assert_imported(run_import(url=feed.url), unchanged=5)
    assert directory_state() == before

    feed.details[five[1]["id"]] = five[1] | {"name": "Counselling on Tuesdays"}
    feed.details[five[3]["id"]] = five[3] | {"contacts": []}
    assert_imported(run_import(url=feed.url), updated=2, unchanged=3)
    assert counts()["directory.Service"] == 5
    assert counts()["directory.Contact"] == 4
    renamed = Service.objects.get(source_id=five[1]["id"])
    assert renamed.name == "Counselling on Tuesdays"
    assert renamed.pk == next(
        r["id"] for r in before["directory.Service"] if r["source_id"] == five[1]["id"]
    )


def test_a_check_only_run_reports_what_would_change_and_saves_nothing(feed, db):
    feed.serve([service_number(n) for n in range(1, 4)])
    run = run_import(url=feed.url, dry_run=True)
    assert_imported(run, created=3)
    assert not any(counts().values())


def test_an_empty_feed_imports_nothing(feed, db):
    feed.serve([])
    assert feed.pages[0]["total_pages"] == 0
    assert_imported(run_import(url=feed.url))
    feed.pages[0]["total_pages"] = 1  # as many feeds say of an empty list
    assert_imported(run_import(url=feed.url))


# Records that are wrong: rejected with the reason, the rest imported ------------------------


BAD_RECORDS = [
    (
        "missing name",
        lambda s: s.update(name=""),
        [checks.NO_NAME.format(what="This service")],
    ),
    (
        "bad email",
        lambda s: s.update(email="not-an-email"),
        ["email address 'not-an-email', which is not an email address"],
    ),
    (
        "bad contact email",
        lambda s: s["contacts"][0].update(email="reception@"),
        ["The contact at contacts[0] has the email address 'reception@'"],
    ),
    (
        "bad web address",
        lambda s: s.update(url="www example org"),
        ["has the url 'www example org', which is not a web address"],
    ),
    (
        "nested record without an id",
        lambda s: s["schedules"][0].pop("id"),
        [checks.NO_ID.format(what="The schedule at schedules[0]")],
    ),
    (
        "id that is not an id",
        lambda s: s["contacts"][0].update(id="two words"),
        ["has the id 'two words', which is not an id"],
    ),
    (
        "contacts not a list",
        lambda s: s.update(contacts={"name": "Ann"}),
        ["This service has a 'contacts' that is not a list of records."],
    ),
    (
        "a status the standard does not have",
        lambda s: s.update(status="open"),
        ["Service", "status", "not a valid choice"],
    ),
    (
        "a date that is not one",
        lambda s: s["schedules"][0].update(valid_from="soon"),
        ["Schedule", "valid_from"],
    ),
]


@pytest.mark.parametrize(
    ("change", "words"), [b[1:] for b in BAD_RECORDS], ids=[b[0] for b in BAD_RECORDS]
)
def test_a_wrong_record_is_rejected_with_the_reason_and_nothing_of_it_changes(
    feed, five, change, words
):
    """The third service comes back wrong: it is rejected and stays as it was; the others,
    unchanged, stay too. The database is exactly as before."""
    before = directory_state()
    broken = copy.deepcopy(five[2]) | {"description": "A change that must not be saved"}
    change(broken)
    feed.details[five[2]["id"]] = broken
    run = run_import(url=feed.url)
    assert_imported(run, unchanged=4, rejected=1)
    reason = reasons(run)[five[2]["id"]]
    for word in words:
        assert word in reason
    assert directory_state() == before


def test_a_wrong_new_record_is_rejected_and_the_others_are_imported(feed, db):
    services = [service_number(1), service_number(2, name=" "), service_number(3)]
    feed.serve(services)
    run = run_import(url=feed.url)
    assert_imported(run, created=2, rejected=1)
    assert run.rejections == [
        {"id": services[1]["id"], "name": " ", "reason": "This service has no name."}
    ]
    assert sorted(Service.objects.values_list("name", flat=True)) == [
        "Community Counselling 1",
        "Community Counselling 3",
    ]


def test_duplicated_ids_in_a_feed_reject_every_record_with_that_id_in_one_line(feed, db):
    twin = service_number(2)
    feed.serve([service_number(1), twin, service_number(3), twin | {"name": "The twin"}])
    run = run_import(url=feed.url)
    assert_imported(run, created=2, rejected=1)
    expected = feeds.DUPLICATE_ID.format(id=twin["id"], count=2)
    assert [r["reason"] for r in run.rejections] == [expected]
    assert not Service.objects.filter(source_id=twin["id"]).exists()
    assert f"/api/services/{twin['id']}" not in feed.requests  # not even fetched


def test_two_different_records_with_one_id_in_different_services_are_refused(feed, db):
    first, second = service_number(1), service_number(2)
    second["contacts"][0] = first["contacts"][0] | {"name": "Someone else"}
    feed.serve([first, second])
    run = run_import(url=feed.url)
    assert_imported(run, created=1, rejected=1)
    reason = reasons(run)[second["id"]]
    assert (
        f"which the source also uses for a different contact (contacts[0] of service {first['id']})"
        in reason
    )
    assert Contact.objects.get().name == first["contacts"][0]["name"]


def test_a_service_the_feed_lists_but_cannot_give_is_rejected(feed, db):
    services = [service_number(1), service_number(2)]
    feed.serve(services)
    del feed.details[services[1]["id"]]
    run = run_import(url=feed.url)
    assert_imported(run, created=1, rejected=1)
    url = f"{feed.url}/services/{services[1]['id']}"
    assert reasons(run)[services[1]["id"]] == feeds.DETAIL_MISSING.format(url=url, status=404)


# Feeds that are wrong as a whole: nothing changes ------------------------------------------


def _page(feed, number: int) -> dict:
    return feed.pages[number - 1]


BAD_FEEDS = [
    (
        "broken JSON",
        lambda f: f.raw.update({"/api/services?page=2": (200, b'{"total_items": 5, "cont')}),
        ["/api/services?page=2&per_page=100 did not send valid JSON"],
    ),
    (
        "broken JSON in a service",
        lambda f: f.raw.update({f"/api/services/{next(iter(f.details))}": (200, b"<html>")}),
        ["did not send valid JSON"],
    ),
    (
        "wrong page count",
        lambda f: _page(f, 1).update(total_pages=2),
        ["it says 5 services on 2 pages, but with 2 on its first page that makes 3 pages"],
    ),
    (
        "more services than the pages hold",
        lambda f: [_page(f, n).update(total_items=6) for n in (1, 2, 3)],
        ["The feed says it has 6 services, but its 3 pages held 5"],
    ),
    (
        "totals changing between pages",
        lambda f: _page(f, 3).update(total_items=6),
        ["totals changed while it was being read"],
    ),
    (
        "the wrong page",
        lambda f: _page(f, 2).update(page_number=1),
        ["Asked for page 2", "answered with page 1"],
    ),
    (
        "an empty page",
        lambda f: _page(f, 2).update(contents=[]),
        ["Page 2 of 3 of the feed is empty"],
    ),
    (
        "not a feed at all",
        lambda f: f.raw.update({"/api/services?page=1": (200, {"services": []})}),
        ["is not a page of an ORUK 3.0 feed: it has no 'contents' list"],
    ),
    (
        "a server error",
        lambda f: f.raw.update({"/api/services?page=2": (500, {"error": "oops"})}),
        ["answered 500"],
    ),
    (
        "a server that times out",
        lambda f: f.slow.add("/api/services?page=2"),
        ["did not answer within 0.2 seconds"],
    ),
]


@pytest.mark.parametrize(
    ("change", "words"), [b[1:] for b in BAD_FEEDS], ids=[b[0] for b in BAD_FEEDS]
)
def test_a_feed_that_is_wrong_as_a_whole_changes_nothing_and_says_why(feed, five, change, words):
    for service in five:  # changes that would be saved, if anything were
        feed.details[service["id"]] = service | {"description": "Changed"}
    change(feed)
    before = directory_state()
    # A short timeout only where the feed never answers: everywhere else, a slow machine
    # (tests run in parallel) must not turn the problem looked for into a timeout.
    run = run_import(url=feed.url, timeout=0.2 if feed.slow else None)
    assert run.status == ImportStatus.FAILED
    for word in words:
        assert word in run.error
    assert "Nothing was imported." in run.error
    assert (run.created, run.updated, run.rejected) == (0, 0, 0)
    assert directory_state() == before


def test_the_progress_says_checking_then_saving_then_writing(db, tmp_path):
    from alongside.directory.importing import directory_import

    file = tmp_path / "services.json"
    file.write_text(json.dumps([service_number(1), service_number(2)]))
    said = []
    directory_import(
        source=SOURCE,
        kind="hsds_json",
        file=file,
        progress=lambda done, total, message: said.append((done, total, message)),
    )
    assert said == [
        (0, 2, "Checking 2 records"),
        (0, 2, "Saving 2 records"),
        (1, 2, "Saving 1 of 2 records"),
        (2, 2, "Saving 2 of 2 records"),
        (2, 2, "Writing 2 records to the database"),
    ]


def test_a_server_that_cannot_be_reached_changes_nothing(db):
    run = run_import(url="http://127.0.0.1:9/api", timeout=1)
    assert run.status == ImportStatus.FAILED
    assert run.error.startswith(
        "http://127.0.0.1:9/api/services?page=1&per_page=100 could not be reached"
    )
    assert not any(counts().values())


def test_only_web_addresses_are_fetched(db):
    run = run_import(url="file:///etc/passwd")
    assert run.error == feeds.NOT_HTTP.format(url="file:///etc/passwd")


def test_a_feed_with_more_pages_than_the_limit_is_not_read(feed, db):
    feed.serve([service_number(n) for n in range(1, 6)])
    run = run_import(url=feed.url, max_pages=2)
    assert run.error == feeds.TOO_MANY_PAGES.format(pages=3, limit=2)
    assert feed.requests == ["/api/services?page=1"]


def test_an_unexpected_error_while_saving_undoes_everything(feed, five, monkeypatch):
    for service in five:
        feed.details[service["id"]] = service | {"description": "Changed"}
    from alongside.directory.importing import run as runner

    write = runner.OrukWriter.flush

    def failing(writer):
        write(writer)  # the changes reach the database, and then it fails
        assert Service.objects.filter(description="Changed").count() == 5
        raise RuntimeError("disk full")

    monkeypatch.setattr(runner.OrukWriter, "flush", failing)
    before = directory_state()
    run = run_import(url=feed.url)
    assert run.status == ImportStatus.FAILED
    assert run.error == runner.UNEXPECTED.format(error="RuntimeError: disk full")
    assert directory_state() == before


# ORUK 1.0 feeds ------------------------------------------------------------------------------


@pytest.fixture
def oruk1_feed(feed, db):
    fixture = json.loads((FIXTURES / "oruk1-feed.json").read_text())
    feed.pages, feed.details = fixture["pages"], fixture["services"]
    return feed


def test_an_oruk_1_feed_is_turned_into_3_and_imported(oruk1_feed):
    run = run_import("oruk1", url=oruk1_feed.url)
    assert_imported(run, created=3)
    lunch = Service.objects.get(source_id="svc-101")
    assert (lunch.name, lunch.email, lunch.minimum_age, lunch.maximum_age) == (
        "Hillside Lunch Club",
        "lunch@hillside.example.org",
        60,
        None,
    )
    assert lunch.organization.website == "https://hillside.example.org"
    assert Organization.objects.count() == 2
    schedule = lunch.schedules.get()
    assert (schedule.freq, schedule.byday, schedule.opens_at) == ("WEEKLY", "TU", "12:00")
    assert Schedule.objects.get(source_id="sch-2").byday == "FR"  # from weekday: Friday
    phone = lunch.contacts.get().phones.get()
    assert phone.languages.get().name == "English"
    assert lunch.languages.get().name == "English"
    assert lunch.service_areas.get().name == "Hillside ward"
    assert lunch.funding.get().funded_by == "Hillside ward budget"
    assert lunch.cost_options.get().amount == 3.5
    address = Address.objects.get()  # one location, shared by two services
    assert (address.postal_code, address.country) == ("LS6 1AB", "GB")
    assert Location.objects.get().accessibility.get().description.startswith("Step-free")
    assert ServiceAtLocation.objects.count() == 2
    term = TaxonomyTerm.objects.get()  # one term, used by two services
    assert (term.name, term.term, term.taxonomy_name) == ("Lunch clubs", "1234", "esdServiceTypes")
    assert Attribute.objects.count() == 2
    advice = Service.objects.get(source_id="svc-103")
    assert (advice.minimum_age, advice.maximum_age) == (18, 99)
    assert (
        oruk1.LEFT_OUT.format(field="'attending_type'", count=2, services="services")
        in run.left_out
    )
    assert any("eligibility words" in note for note in run.left_out)


def test_re_importing_an_oruk_1_feed_changes_nothing(oruk1_feed):
    run_import("oruk1", url=oruk1_feed.url)
    before = directory_state()
    assert_imported(run_import("oruk1", url=oruk1_feed.url), unchanged=3)
    assert directory_state() == before


def test_an_oruk_3_feed_read_as_1_is_refused_for_what_it_is(feed, db):
    feed.serve([service_number(1)])
    run = run_import("oruk1", url=feed.url)
    assert "is not a page of an ORUK 1.0 feed: it has no 'content' list" in run.error


def test_a_wrong_oruk_1_record_is_rejected_with_the_reason(oruk1_feed):
    oruk1_feed.details["svc-102"]["regular_schedules"] = "Fridays"
    oruk1_feed.details["svc-103"]["email"] = "advice at riverside"
    run = run_import("oruk1", url=oruk1_feed.url)
    assert_imported(run, created=1, rejected=2)
    assert reasons(run) == {
        "svc-102": oruk1.NOT_A_LIST.format(key="regular_schedules"),
        "svc-103": checks.BAD_EMAIL.format(what="This service", value="advice at riverside"),
    }


# HSDS JSON files ------------------------------------------------------------------------------


def test_an_hsds_json_service_imports_and_its_repeated_records_once(db):
    run = run_import("hsds_json", file=FIXTURES / "hsds-service-full.json")
    assert_imported(run, created=1)
    assert checks.COPIES_SKIPPED.format(count=4, copies="copies", were="were") in run.left_out
    service = Service.objects.get()
    assert service.name == "Community Counselling"
    assert service.contacts.get().phones.get().number == '"+44 1234 234567"'
    term = TaxonomyTerm.objects.get()
    assert term.term == "code"  # HSDS's code is ORUK's term
    assert_imported(run_import("hsds_json", file=FIXTURES / "hsds-service-full.json"), unchanged=1)


def test_hsds_json_that_is_not_json_changes_nothing(db, tmp_path):
    broken = tmp_path / "services.json"
    broken.write_text('[{"id": "1", "name": "Half')
    run = run_import("hsds_json", file=broken)
    assert run.status == ImportStatus.FAILED
    assert run.error.startswith(f"{broken} is not valid JSON")
    assert not any(counts().values())


def test_hsds_json_may_be_a_list_or_a_page_of_services(db, tmp_path):
    services = [service_number(1), service_number(2)]
    listed = tmp_path / "list.json"
    listed.write_text(json.dumps(services))
    assert_imported(run_import("hsds_json", file=listed), created=2)
    page = tmp_path / "page.json"
    page.write_text(json.dumps({"contents": services + [service_number(3)]}))
    assert_imported(run_import("hsds_json", file=page), created=1, unchanged=2)
    nothing = tmp_path / "nothing.json"
    nothing.write_text("42")
    assert run_import("hsds_json", file=nothing).error == hsds_json.NOT_SERVICES.format(
        name=nothing
    )


# HSDS CSV data packages ----------------------------------------------------------------------


def test_the_hsds_example_csv_package_imports(db):
    run = run_import("hsds_csv", file=FIXTURES / "hsds-csv")
    assert_imported(run, created=3)  # the taxonomy, a term of no taxonomy, the service
    service = Service.objects.get()
    assert (service.name, service.organization.name) == (
        "Community Counselling",
        "Example Organization Inc.",
    )
    assert service.service_at_locations.get().location.addresses.get().postal_code == "ABC 1234"
    assert service.contacts.get().phones.count() == 1  # the phone names its contact first
    assert service.schedules.count() == 0  # the schedule names its service at a location
    assert service.service_at_locations.get().schedules.count() == 1
    assert Taxonomy.objects.get().name == "name"
    assert service.organization.parent_source_id == "cd09a387-91f4-4555-94ec-e799c35344cd"
    notes = " ".join(run.left_out)
    assert "1 programs.csv row left out" in notes
    assert "services.alternate_name" in notes and "phones.extension" in notes
    assert "1 attributes.csv row left out: they link to no service" in notes
    # The term of no taxonomy in the package that no attribute uses is a record of its own.
    assert TaxonomyTerm.objects.filter(taxonomy__isnull=True, attributes__isnull=True).count() == 1


def test_a_zip_of_the_package_imports_the_same(db, tmp_path):
    zipped = tmp_path / "package.zip"
    with zipfile.ZipFile(zipped, "w") as archive:
        for file in (FIXTURES / "hsds-csv").iterdir():
            archive.write(file, f"package/{file.name}")  # a zip of the folder
    assert_imported(run_import("hsds_csv", file=zipped), created=3)
    assert_imported(
        run_import("hsds_csv", file=FIXTURES / "hsds-csv" / "datapackage.json"), unchanged=3
    )


@pytest.fixture
def package(tmp_path) -> Path:
    folder = tmp_path / "package"
    shutil.copytree(FIXTURES / "hsds-csv", folder)
    return folder


def test_a_package_without_services_csv_changes_nothing(db, package):
    (package / "services.csv").unlink()
    run = run_import("hsds_csv", file=package)
    assert run.error == hsds_csv.NO_SERVICES_TABLE.format(name=package)


def test_a_broken_csv_file_changes_nothing(db, package):
    with open(package / "services.csv", "a") as file:
        file.write('ac1,d9d5,,"An unfinished quote\n')
    run = run_import("hsds_csv", file=package)
    assert run.status == ImportStatus.FAILED
    assert run.error.startswith("services.csv is not a CSV file that can be read")
    assert not any(counts().values())


def test_a_csv_service_without_a_name_or_organization_is_rejected(db, package):
    with open(package / "services.csv", "a") as file:
        file.write("a0000000-0000-4000-8000-000000000001,d9d5e0f5-d3ce-4f73-9a2f-4dd0ecc6c610,,,\n")
        file.write("a0000000-0000-4000-8000-000000000002,nowhere,,Lonely service,\n")
    run = run_import("hsds_csv", file=package)
    assert_imported(run, created=3, rejected=2)
    assert reasons(run)["a0000000-0000-4000-8000-000000000001"] == "This service has no name."
    assert (
        "names organization nowhere, which is not in elsewhere"
        in reasons(run)["a0000000-0000-4000-8000-000000000002"]
    )


# The command ---------------------------------------------------------------------------------


def test_the_command_shows_progress_and_reports_counts_and_each_rejected_record(feed, db):
    services = [service_number(1), service_number(2, email="nobody"), service_number(3)]
    feed.serve(services)
    out, err = io.StringIO(), io.StringIO()
    call_command("directory_import", "leeds-fis", "--oruk-url", feed.url, stdout=out, stderr=err)
    assert "[" + "#" * 30 + "] 3/3" in err.getvalue()
    assert "\rFetching service 2 of 3" in err.getvalue()
    report = out.getvalue()
    assert f"Imported leeds-fis from {feed.url}" in report
    assert "Created:   2" in report and "Rejected:  1" in report
    assert (
        f"  - {services[1]['id']} (Community Counselling 2): This service has the email" in report
    )
    run = ImportRun.objects.get()
    assert (run.source, run.started_by, run.created) == ("leeds-fis", None, 2)


def test_the_command_checks_only_when_asked(feed, db):
    feed.serve([service_number(1)])
    out = io.StringIO()
    call_command(
        "directory_import",
        "leeds",
        "--oruk-url",
        feed.url,
        "--dry-run",
        stdout=out,
        stderr=io.StringIO(),
    )
    assert "Checked only: nothing was saved" in out.getvalue()
    assert "create 1 record" in out.getvalue()
    assert not Service.objects.exists()


def test_the_command_fails_with_exit_code_1_and_the_reason(feed, db, capsys):
    feed.raw["/api/services?page=1"] = (200, b"not json")
    with pytest.raises(CommandError, match="did not send valid JSON"):
        call_command("directory_import", "leeds", "--oruk-url", feed.url, stderr=io.StringIO())
    from django.core.management import ManagementUtility

    with pytest.raises(SystemExit) as exit:
        ManagementUtility(
            ["manage.py", "directory_import", "leeds", "--oruk-url", feed.url, "-v", "0"]
        ).execute()
    assert exit.value.code == 1
    assert "did not send valid JSON" in capsys.readouterr().err


def test_the_command_imports_files_and_refuses_a_bad_source_name(db):
    out = io.StringIO()
    call_command(
        "directory_import",
        "hsds",
        "--hsds-csv",
        str(FIXTURES / "hsds-csv"),
        stdout=out,
        stderr=io.StringIO(),
    )
    assert "Created:   3" in out.getvalue()
    call_command(
        "directory_import",
        "hsds-json",
        "--hsds-json",
        str(FIXTURES / "hsds-service-full.json"),
        stdout=out,
        stderr=io.StringIO(),
    )
    assert Service.objects.count() == 2
    with pytest.raises(CommandError, match="short name"):
        call_command("directory_import", "Leeds FIS", "--hsds-csv", str(FIXTURES / "hsds-csv"))


# The pages ------------------------------------------------------------------------------------


START = "/directory/import/"


def hsds_upload(name="services.json", content=None) -> SimpleUploadedFile:
    content = content or (FIXTURES / "hsds-service-full.json").read_bytes()
    return SimpleUploadedFile(name, content, content_type="application/json")


def test_only_administrators_may_import(administrator, owner_client, commissioner, client, db):
    assert client_for(administrator).get(START).status_code == 200
    for other in (owner_client, client_for(commissioner)):
        assert other.get(START).status_code == 403
        posted = other.post(START, {"source": "x", "kind": "hsds_json", "file": hsds_upload()})
        assert posted.status_code == 403
    run = import_run_start(source="x", kind="hsds_json", location="x.json")
    assert owner_client.get(reverse("directory_import:run", args=[run.pk])).status_code == 403
    for url in (START, reverse("directory_import:run", args=[run.pk])):
        response = client.get(url)
        assert response.status_code == 302 and response.url.startswith(reverse("login"))
    assert not Service.objects.exists()


def test_an_administrator_imports_a_file_and_sees_the_report(administrator):
    client = client_for(administrator)
    form = client.get(START).content.decode()
    run_id = form.split('name="run_id" value="')[1].split('"')[0]
    broken = json.loads((FIXTURES / "hsds-service-full.json").read_text())
    second = broken | {"id": "second", "name": "Second service", "email": "nobody at all"}
    upload = hsds_upload(content=json.dumps([broken, second]).encode())
    response = client.post(
        START, {"source": "hsds-example", "kind": "hsds_json", "file": upload, "run_id": run_id}
    )
    assert response.status_code == 302
    assert response.url == reverse("directory_import:run", args=[run_id])
    run = ImportRun.objects.get()
    assert (run.started_by, run.location, run.created, run.rejected) == (
        administrator,
        "services.json",
        1,
        1,
    )
    page = client.get(response.url).content.decode()
    assert "Import of hsds-example" in page
    assert "Rejected records" in page and "Second service" in page
    assert "which is not an email address" in page
    assert "hx-trigger" not in page  # finished: nothing to poll
    assert client.get(START).content.decode().count(response.url) == 1  # in recent imports
    again = client.post(
        START,
        {"source": "hsds-example", "kind": "hsds_json", "file": hsds_upload(), "run_id": run_id},
    )
    assert again.url == response.url  # the same form sent twice runs once
    assert ImportRun.objects.count() == 1


@pytest.mark.django_db(transaction=True)  # the worker takes its own transactions
def test_an_import_started_in_the_browser_waits_for_the_worker_and_then_runs(
    administrator, settings
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    client = client_for(administrator)
    data = {"source": "hsds-example", "kind": "hsds_json", "file": hsds_upload()}
    response = client.post(START, data)
    run = ImportRun.objects.get()
    assert response.url == reverse("directory_import:run", args=[run.pk])
    # Queued: the page shows it waiting, and polls.
    assert (run.status, run.upload is not None) == (ImportStatus.RUNNING, True)
    page = client.get(response.url).content.decode()
    assert "hx-trigger" in page and "Waiting for the source to answer" in page
    assert not Service.objects.exists()

    call_command("db_worker", batch=True, no_startup_delay=True, verbosity=0)

    run.refresh_from_db()
    assert_imported(run, created=1)
    assert run.upload is None  # the file is not kept once read
    assert "hx-trigger" not in client.get(response.url).content.decode()


def test_an_administrator_imports_a_zipped_csv_package(administrator):
    zipped = io.BytesIO()
    with zipfile.ZipFile(zipped, "w") as archive:
        for file in (FIXTURES / "hsds-csv").iterdir():
            archive.write(file, file.name)
    upload = SimpleUploadedFile("package.zip", zipped.getvalue(), "application/zip")
    data = {"source": "hsds", "kind": "hsds_csv", "file": upload}
    response = client_for(administrator).post(START, data, follow=True)
    assert "Import of hsds" in response.content.decode()
    assert_imported(ImportRun.objects.get(), created=3)
    assert Service.objects.get().source == "hsds"


def test_an_administrator_imports_a_feed_and_a_failure_is_shown(administrator, feed):
    client = client_for(administrator)
    feed.serve([service_number(1)])
    response = client.post(START, {"source": "leeds", "kind": "oruk3", "url": feed.url})
    assert Service.objects.count() == 1
    feed.raw["/api/services?page=1"] = (200, b"{")
    response = client.post(
        START, {"source": "leeds", "kind": "oruk3", "url": feed.url}, follow=True
    )
    page = response.content.decode()
    assert "The import failed" in page and "did not send valid JSON" in page


@pytest.mark.parametrize(
    ("data", "messages", "kept"),
    [
        (
            {"source": "", "kind": "oruk3", "url": "https://example.org/oruk"},
            [SOURCE_NEEDED],
            {"url": "https://example.org/oruk", "kind": "oruk3"},
        ),
        (
            {"source": "leeds", "kind": "oruk3", "url": ""},
            [URL_NEEDED],
            {"source": "leeds", "kind": "oruk3"},
        ),
        (
            {"source": "leeds fis", "kind": "hsds_json"},
            [SOURCE_FORMAT, FILE_NEEDED],
            {"source": "leeds fis", "kind": "hsds_json"},
        ),
        ({"source": "leeds"}, [KIND_NEEDED], {"source": "leeds"}),
    ],
)
def test_bad_form_input_shows_the_error_summary_and_keeps_what_was_typed(
    administrator, data, messages, kept
):
    from tests.people.test_forms_bad_input import assert_problem

    response = client_for(administrator).post(START, data | {"dry_run": "on"})
    assert_problem(response, *messages, kept=kept | {"dry_run": "on"})
    assert not ImportRun.objects.exists()


def test_the_progress_is_polled_until_the_run_has_finished(administrator):
    client = client_for(administrator)
    run_id = uuid.uuid4()
    url = reverse("directory_import:run", args=[run_id])
    waiting = client.get(
        url, headers={"HX-Request": "true", "HX-Current-URL": "http://testserver" + START}
    )
    assert waiting.status_code == 200
    assert 'hx-trigger="every 1s"' in waiting.content.decode()
    assert "Starting the import" in waiting.content.decode()
    assert client.get(url).status_code == 404  # no page for a run that does not exist

    run = import_run_start(source="leeds", kind="oruk3", location="https://x", run_id=run_id)
    ImportRun.objects.filter(pk=run.pk).update(
        progress_done=120, progress_total=400, progress_message="Fetching service 120 of 400"
    )
    running = client.get(url, headers={"HX-Request": "true"}).content.decode()
    assert '<progress class="govuk-!-width-full" max="400" value="120"' in running
    assert "120 of 400" in running and 'hx-trigger="every 1s"' in running
    assert 'hx-trigger="every 1s"' in client.get(url).content.decode()  # the run page polls too

    ImportRun.objects.filter(pk=run.pk).update(status=ImportStatus.SUCCEEDED)
    from_form = client.get(
        url, headers={"HX-Request": "true", "HX-Current-URL": "http://testserver" + START}
    )
    assert "hx-trigger" not in from_form.content.decode()
    assert "See what happened" in from_form.content.decode()
    from_run_page = client.get(
        url, headers={"HX-Request": "true", "HX-Current-URL": "http://testserver" + url}
    )
    assert from_run_page["HX-Refresh"] == "true"


def test_an_import_refreshes_the_statistics_the_search_is_planned_with(feed, five):
    from django.db import connection

    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT DISTINCT tbl FROM sqlite_stat1")
            analysed = {row[0] for row in cursor.fetchall()}
            assert {"directory_service", "directory_attribute", "directory_location"} <= analysed
        else:
            cursor.execute("SELECT relname FROM pg_stat_user_tables WHERE last_analyze IS NOT NULL")
            analysed = {row[0] for row in cursor.fetchall()}
            assert {"directory_attribute", "directory_location"} <= analysed
