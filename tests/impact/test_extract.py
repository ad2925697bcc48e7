"""An evaluator can reproduce every dashboard figure from the pseudonymised extract: each
count figure is counted again here from the extract's CSV files alone, and must match."""

import csv
import io
import zipfile
from collections import Counter
from datetime import date, timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from alongside.accounts.models import Area, Role, User
from alongside.communities.models import Relationship
from alongside.connections.models import ConnectionKind, Need, Outcome, Theme
from alongside.impact import figures
from alongside.impact.extract import extract_zip
from alongside.impact.models import Download
from alongside.outcomes.models import Confidence, OutcomeDomain, Rating, UnitCost
from alongside.people.models import (
    Channel,
    Easy,
    Helped,
    How,
    IntroducerKind,
    Level,
    Person,
    StepBackReason,
)
from tests.conftest import client_for


@pytest.fixture
def demo(db):
    call_command("demo", people=30, stdout=StringIO())
    today = timezone.localdate()
    return figures.Scope(
        areas=Area.objects.all(), start=today - timedelta(days=365), end=today, suppress=False
    )


def manager_of(scope):
    """The demo's manager, who may see every person in its areas."""
    return User.objects.get(role=Role.MANAGER)


def read(archive: bytes) -> dict[str, list[dict]]:
    files = zipfile.ZipFile(io.BytesIO(archive))
    return {
        name: list(csv.DictReader(io.StringIO(files.read(name).decode())))
        for name in files.namelist()
        if name.endswith(".csv")
    }


def within(scope, day: str) -> bool:
    return bool(day) and scope.start <= date.fromisoformat(day) <= scope.end


def grid(rows, keys, column_keys=None, *, count=lambda row: 1):
    found = Counter()
    for row, key, column in rows:
        found[(key, column)] += count(row)
    return [[found[(r, c)] for c in (column_keys or [None])] for r in keys]


def test_every_figure_can_be_counted_again_from_the_extract(demo):
    scope = demo
    data = read(extract_zip(user=manager_of(scope), scope=scope))
    shown = {f.key: f.table.cells for _, found in figures.dashboard(scope) for f in found}
    areas = list(scope.areas.order_by("name").values_list("name", flat=True))
    statuses = ["new", "active", "not_now", "stepped_back"]
    people = data["people.csv"]
    assert shown["people"] == grid([(p, p["area"], p["status"]) for p in people], areas, statuses)

    intros = data["introductions.csv"]
    decisions = [key for key, _ in figures.DECISIONS]
    assert shown["introductions"] == grid(
        [(i, i["introducer_kind"], i["decision"]) for i in intros], IntroducerKind.values, decisions
    )
    assert shown["channels"] == grid([(i, i["channel"], None) for i in intros], Channel.values)

    def wait(i):
        if not i["first_conversation_on"]:
            return "none"
        days = (
            date.fromisoformat(i["first_conversation_on"]) - date.fromisoformat(i["received_on"])
        ).days
        return next(
            key
            for key, _, low, high in figures.WAITS
            if low is not None and days >= low and (high is None or days <= high)
        )

    assert shown["waits"] == grid(
        [(i, wait(i), None) for i in intros], [k for k, *_ in figures.WAITS]
    )

    changes = data["support_changes.csv"]
    assert shown["support"] == grid(
        [(c, c["level"], None) for c in changes if c["kind"] == "decided"], Level.values
    )
    assert shown["stepped_back"] == grid(
        [(c, c["reason"], None) for c in changes if c["kind"] == "stepped_back"],
        StepBackReason.values,
    )
    assert shown["conversations"] == grid(
        [(c, c["how"], None) for c in data["conversations.csv"]], How.values
    )
    connections = data["connections.csv"]
    columns = [
        grid(
            [(c, c["kind"], None) for c in connections if within(scope, c[field])],
            ConnectionKind.values,
        )
        for field in ("made_on", "went_along_on", "sustained_on")
    ]
    assert shown["connections"] == [
        [col[r][0] for col in columns] for r in range(len(ConnectionKind.values))
    ]
    contributions = data["contributions.csv"]
    started = sum(within(scope, c["since"]) for c in contributions)
    going = sum(
        date.fromisoformat(c["since"]) <= scope.end
        and (not c["ended_on"] or date.fromisoformat(c["ended_on"]) >= scope.start)
        for c in contributions
    )
    assert shown["contributions"] == [[started], [going]]
    assert shown["formal_services"] == grid(
        [(f, f["need"], f["outcome"]) for f in data["formal_services.csv"]],
        Need.values,
        Outcome.values,
    )
    assert shown["gaps"] == grid([(g, g["theme"], None) for g in data["gaps.csv"]], Theme.values)

    crises, avoided = data["crises.csv"], data["crises_avoided.csv"]
    kinds = dict(UnitCost.objects.values_list("code", "description"))
    codes = sorted({c["kind"] for c in crises + avoided}, key=lambda code: kinds[code])
    quantity = lambda row: int(row["quantity"])  # noqa: E731
    assert shown["crises"] == grid([(c, c["kind"], None) for c in crises], codes, count=quantity)
    assert shown["crises_avoided"] == grid(
        [(c, c["kind"], c["confidence"]) for c in avoided], codes, Confidence.values, count=quantity
    )
    domains = list(OutcomeDomain.objects.order_by("order", "name").values_list("name", flat=True))
    assert shown["ratings"] == grid(
        [(r, r["domain"], int(r["rating"])) for r in data["ratings.csv"]], domains, Rating.values
    )
    held = data["community_conversations.csv"]
    assert shown["community_conversations"] == [
        [
            sum(1 for c in held if c["area"] == a),
            sum(int(c["people_there"]) for c in held if c["area"] == a),
        ]
        for a in areas
    ]
    assert shown["partners"] == grid(
        [(p, p["area"], p["relationship"]) for p in data["partners.csv"]],
        areas,
        Relationship.values,
    )
    projects = {p["project"]: p for p in data["projects.csv"]}
    parts = data["project_people.csv"]
    going = [p for p in projects.values() if p["status"] in ("starting", "running")]
    assert shown["projects"] == [
        [
            sum(1 for p in projects.values() if p["area"] == a and within(scope, p["started_on"])),
            sum(1 for p in going if p["area"] == a),
            sum(1 for part in parts if projects[part["project"]]["area"] == a),
            sum(
                1
                for part in parts
                if projects[part["project"]]["area"] == a
                and (part["role"] in ("contributes", "leads") or part["has_contribution"] == "yes")
            ),
        ]
        for a in areas
    ]
    assert shown["involved"] == grid(
        [(i, i["area"], None) for i in data["involvements.csv"]], areas
    )
    answers = data["introducer_feedback.csv"]
    who = lambda row: "people" if row["introducer_kind"] in ("family", "friend") else "services"  # noqa: E731
    whom = ["people", "services"]
    assert shown["feedback_easy"] == grid(
        [(a, a["easy"], who(a)) for a in answers], Easy.values, whom
    )
    assert shown["feedback_helped"] == grid(
        [(a, a["helped"], who(a)) for a in answers], Helped.values, whom
    )
    assert "self" not in {a["introducer_kind"] for a in answers}
    # Every figure is counted again here, and something of each: not passing on empty tables.
    checked = {
        "people",
        "introductions",
        "channels",
        "waits",
        "support",
        "stepped_back",
        "conversations",
        "connections",
        "contributions",
        "formal_services",
        "gaps",
        "crises",
        "crises_avoided",
        "ratings",
        "community_conversations",
        "partners",
        "projects",
        "involved",
        "feedback_easy",
        "feedback_helped",
    }
    assert set(shown) - checked <= {"stories"}, set(shown) - checked
    for key in (
        "introductions",
        "conversations",
        "connections",
        "crises_avoided",
        "ratings",
        "community_conversations",
        "partners",
        "projects",
        "involved",
        "feedback_easy",
    ):
        assert sum(map(sum, shown[key])) > 0, key


def test_the_extract_holds_no_names_its_pseudonyms_change_and_only_managers_have_it(demo):
    first = extract_zip(user=manager_of(demo), scope=demo)
    second = extract_zip(user=manager_of(demo), scope=demo)
    names = list(Person.objects.values_list("full_name", flat=True))
    text = first.decode("latin-1")
    people = [row["person"] for row in read(first)["people.csv"]]
    assert len(set(people)) == len(people) == Person.objects.live().count()
    assert not any(name in text for name in names)
    again = {row["person"] for row in read(second)["people.csv"]}
    assert not again & set(people)  # a new key each time: two extracts cannot be joined
    dictionary = read(first)["data_dictionary.csv"]
    assert {
        "file": "people.csv",
        "column": "person",
        "meaning": "The person's pseudonym in this extract",
    } in dictionary


def test_only_a_manager_downloads_the_extract_and_it_is_kept(demo):
    manager = User.objects.filter(role=Role.MANAGER).first()
    client = client_for(manager)
    page = client.post(reverse("impact:report_ask"), {"format": "zip"})["Location"]
    response = client.get(page.rstrip("/") + "/download")
    assert response.status_code == 200 and response["Content-Type"] == "application/zip"
    assert Download.objects.get().format == "zip"
    from alongside.audit.models import AuditEntry

    exported = AuditEntry.objects.filter(action="exported", user=manager)
    assert exported.count() == Person.objects.live().count()  # each person in it, audited
    commissioner = User.objects.filter(role=Role.COMMISSIONER).first()
    asked = client_for(commissioner).post(reverse("impact:report_ask"), {"format": "zip"})
    assert asked.status_code in (403, 404)


def test_every_area_counts_the_same_as_naming_each_area(demo):
    from dataclasses import replace

    def tables(scope):
        return {f.key: f.table.cells for _, found in figures.dashboard(scope) for f in found}

    assert tables(replace(demo, every_area=True)) == tables(demo)
    # ... and a person of a removed area would not be; nor is anyone removed.
    assert sum(map(sum, tables(replace(demo, every_area=True))["people"])) == (
        Person.objects.live().count()
    )


def test_text_a_spreadsheet_would_run_is_written_as_text():
    from alongside.impact.extract import _text

    assert _text("=HYPERLINK(1)") == "'=HYPERLINK(1)"
    assert _text("Hillside") == "Hillside" and _text(None) == "" and _text(-3) == -3
