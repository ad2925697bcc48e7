"""The demo command: realistic people at every stage, the same every time, never twice."""

from io import StringIO
from string import Formatter

import pytest
from django.core.management import call_command
from django.db.models import Count

from alongside.accounts.models import Area, Role, Team, User
from alongside.demo import stories
from alongside.people.models import Level, Person, Status
from alongside.public.queries import area_for_postcode


@pytest.fixture(autouse=True)
def quick_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def run_demo(**options) -> str:
    out = StringIO()
    call_command("demo", people=30, stdout=out, **options)
    return out.getvalue()


def names() -> list[str]:
    return list(Person.objects.order_by("pk").values_list("full_name", flat=True))


@pytest.mark.django_db
def test_it_makes_two_teams_four_areas_and_the_staff():
    out = run_demo()

    assert Team.objects.count() == 2
    assert Area.objects.count() == 4
    assert User.objects.filter(role=Role.COORDINATOR).count() == 6
    manager = User.objects.get(role=Role.MANAGER)
    assert manager.teams.count() == 2
    assert User.objects.filter(role=Role.COMMISSIONER).count() == 1
    admin = User.objects.get(role=Role.ADMINISTRATOR)
    assert admin.is_staff and admin.is_superuser
    assert all(area.postcode_prefixes() for area in Area.objects.all())
    assert manager.check_password("walk-alongside")
    assert "Demo logins" in out and manager.email in out
    # The public finds each area's coordinators by postcode, and how to reach them.
    found = area_for_postcode("LS6 1AB").area
    assert found.name == "Headingley & Hyde Park" and found.coverage.phone


@pytest.mark.django_db
def test_it_makes_people_at_every_status_and_every_level():
    run_demo()

    assert Person.objects.count() == 30
    assert set(Person.objects.values_list("status", flat=True)) == set(Status.values)
    levels = Person.objects.exclude(level="").values_list("level", flat=True)
    assert set(levels) == set(Level.values)


@pytest.mark.django_db
def test_everyone_walked_alongside_has_at_least_one_conversation():
    run_demo()

    walked = Person.objects.filter(level=Level.WALKING_ALONGSIDE)
    assert walked.exists()
    assert not walked.annotate(n=Count("conversations")).filter(n=0).exists()


@pytest.mark.django_db
def test_running_it_twice_does_not_duplicate_anything():
    run_demo()
    first = names()

    out = run_demo()

    assert "already there" in out
    assert names() == first
    assert User.objects.count() == 9


@pytest.mark.django_db
def test_reset_makes_the_same_people_again():
    run_demo(reset=True, interactive=False)
    first = names()

    run_demo(reset=True, interactive=False)

    assert names() == first
    assert len(first) == 30
    assert User.objects.count() == 9


@pytest.mark.parametrize("story", stories.STORIES + stories.LIGHTS, ids=lambda story: story.key)
def test_every_story_fills_in_from_what_the_demo_knows_about_the_person(story):
    known = {"name", "full", "sub", "obj", "pos", "refl", "Sub", "Pos", "coord", "area"}
    known |= {"surgery", "school", "centre", "library", "late", "late_name"}
    known |= {"doctor", "worker", "neighbour", "relative"}
    for i in range(len(getattr(story, "family", ()))):
        known |= {f"f{i}", f"f{i}rel"}
    texts = [story.going_on, story.matters, *story.gifts]
    texts += [getattr(story, field, "") for field in ("intro_matters", "vision", "urgent")]
    texts += [getattr(story, "decision_note", "")]
    texts += [part for talk in story.talks for part in (talk.where, talk.who, talk.notes)]
    texts += [part for step in story.steps for part in (step.what, step.who, step.done)]
    texts += [step.not_done for step in story.steps]
    for kin in getattr(story, "family", ()):
        texts.append(kin.notes)
    for voice in getattr(story, "voice", ()):
        texts += [voice.about, voice.with_whom, voice.what_happened]
    texts += [*getattr(story, "reviews", ()), *getattr(story, "own_words", ())]
    texts += [*story.family_gift] if getattr(story, "family_gift", None) else []
    texts += [name for _, name, org, _ in story.introducers for name in (name, org)]

    used = {field for text in texts for _, field, _, _ in Formatter().parse(text) if field}

    assert used <= known


@pytest.mark.django_db
def test_most_people_walked_alongside_have_a_network_that_grew_over_reviews():
    from alongside.networks.metrics import figures
    from alongside.networks.models import NetworkSnapshot

    run_demo()
    walked = Person.objects.filter(level=Level.WALKING_ALONGSIDE)
    with_reviews = [p for p in walked if NetworkSnapshot.objects.filter(person=p).count() >= 2]
    assert len(with_reviews) >= 0.6 * walked.count()
    grew = 0
    for p in with_reviews:
        snaps = list(NetworkSnapshot.objects.filter(person=p).order_by("taken_on", "id"))
        assert 2 <= len(snaps) <= 4
        first, last = figures(snaps[0].as_ties()), figures(snaps[-1].as_ties())
        grew += last.unpaid > first.unpaid
    assert grew >= 0.8 * len(with_reviews)


@pytest.mark.django_db
def test_most_people_walked_alongside_have_a_baseline_and_a_review_measure():
    from alongside.outcomes.models import MeasureResponse, Occasion

    run_demo()
    walked = Person.objects.filter(level=Level.WALKING_ALONGSIDE)
    measured = [
        p
        for p in walked
        if MeasureResponse.objects.filter(person=p, occasion=Occasion.BASELINE).exists()
        and MeasureResponse.objects.filter(person=p, occasion=Occasion.REVIEW).exists()
    ]
    assert walked.exists()
    assert len(measured) >= 0.6 * walked.count()


@pytest.mark.django_db
def test_swemwbs_is_used_and_most_people_measured_twice_improved():
    from alongside.outcomes.models import MeasureResponse, OrganisationSettings

    run_demo()
    assert OrganisationSettings.current().warwick_registration
    responses = MeasureResponse.objects.filter(measure="swemwbs")
    assert responses.exists()
    pairs = []
    for person_id in responses.values_list("person", flat=True).distinct():
        complete = list(
            responses.filter(person_id=person_id, complete=True).order_by("taken_on", "id")
        )
        if len(complete) >= 2:
            pairs.append((complete[0].scores[0]["value"], complete[-1].scores[0]["value"]))
    assert pairs
    assert sum(last > first for first, last in pairs) > 0.5 * len(pairs)


@pytest.mark.django_db
def test_crises_avoided_say_why_they_were_likely_and_what_happened_instead():
    from alongside.outcomes.models import CrisisAvoided, CrisisEvent

    run_demo()
    avoided = CrisisAvoided.objects.all()
    assert avoided.exists()
    assert CrisisEvent.objects.exists()
    for crisis in avoided:
        assert crisis.why_likely.strip() and crisis.instead.strip()
        assert "{" not in crisis.why_likely + crisis.instead + crisis.confirmed_by


@pytest.mark.django_db
def test_a_story_with_withdrawn_consent_is_left_out_of_reports():
    from alongside.outcomes.models import Story
    from alongside.outcomes.queries import stories_for

    run_demo()
    withdrawn = Story.objects.filter(consent_withdrawn_on__isnull=False)
    assert withdrawn.exists()
    for story in withdrawn:
        assert story.consent_given_on <= story.consent_withdrawn_on
    manager = User.objects.get(role=Role.MANAGER)  # sees everyone in both teams
    for use in ("internal", "council"):
        reported = stories_for(user=manager, areas=Area.objects.all(), use=use)
        assert not reported.filter(pk__in=withdrawn.values("pk")).exists()


@pytest.mark.django_db
def test_every_demo_score_is_computed_from_its_answers():
    from dataclasses import asdict

    from alongside.outcomes.measures import score
    from alongside.outcomes.models import MeasureResponse

    run_demo()
    responses = MeasureResponse.objects.all()
    assert responses.filter(complete=True).exists()
    assert responses.filter(complete=False).exists()  # a few kept without a score
    for response in responses:
        result = score(response.measure, response.answers)
        assert response.scores == [asdict(s) for s in result.scores]
        assert (response.complete, response.reason) == (result.complete, result.reason)


@pytest.mark.django_db
def test_every_outcome_text_fills_in_and_names_a_seeded_unit_cost():
    from alongside.demo import outcomes
    from alongside.outcomes.models import OutcomeDomain, UnitCost

    by_key = {story.key: story for story in stories.STORIES}
    codes = set(UnitCost.objects.values_list("code", flat=True))
    domains = set(OutcomeDomain.objects.values_list("name", flat=True))
    known = {"name", "full", "sub", "obj", "pos", "refl", "Sub", "Pos", "coord", "area"}
    known |= {"surgery", "school", "centre", "library", "late", "late_name"}
    known |= {"doctor", "worker", "neighbour", "relative"}
    tables = (outcomes.CRISES, outcomes.AVOIDED, outcomes.TOLD, outcomes.RELEVANT)
    for key in {key for table in tables for key in table}:
        story = by_key[key]
        fields = known | {f for i in range(len(story.family)) for f in (f"f{i}", f"f{i}rel")}
        texts = [c.what for c in outcomes.CRISES.get(key, ())]
        texts += [t for a in outcomes.AVOIDED.get(key, ()) for t in (a.why, a.instead)]
        told = outcomes.TOLD.get(key)
        if told:
            texts += [told.title, told.persons_words, told.coordinators_words, told.consent_by]
            assert set(told.domains) <= domains
        confirmers = [c for a in outcomes.AVOIDED.get(key, ()) for c in a.confirmers]
        used = {f for text in texts for _, f, _, _ in Formatter().parse(text) if f}
        assert used <= fields, key
        used = {f for text in confirmers for _, f, _, _ in Formatter().parse(text) if f}
        assert used <= fields | {"init", "surname"}, key
        assert {c.code for c in outcomes.CRISES.get(key, ())} <= codes
        assert {a.code for a in outcomes.AVOIDED.get(key, ())} <= codes


@pytest.mark.django_db
def test_it_makes_a_directory_near_the_demo_areas_with_some_listings_to_check():
    from django.utils import timezone

    from alongside.demo.directory import OWN, RESOURCES
    from alongside.directory import queries
    from alongside.directory.models import Service

    run_demo()
    assert Service.objects.count() == len(RESOURCES) + len(OWN)
    # Coordinators added some themselves, and checked them today.
    own = Service.objects.filter(source="")
    assert own.count() == len(OWN)
    assert all(s.last_checked_by and s.last_checked_on == timezone.localdate() for s in own)
    assert 3 <= queries.services_needing_check(today=timezone.localdate()).count() <= 10
    # Every resource is somewhere in the demo areas: a search near one of them finds it.
    from alongside.directory.models import Postcode

    headingley = Postcode.objects.filter(postcode__startswith="LS6 1").first()
    near = queries.services_search(near=(headingley.latitude, headingley.longitude), within_km=20)
    assert near.count() == Service.objects.count()


@pytest.mark.django_db
def test_reset_makes_the_same_directory_again_and_no_more():
    from alongside.directory.models import Location, Organization, Service

    run_demo(reset=True, interactive=False)
    first = sorted(Service.objects.values_list("name", flat=True))
    counts = (Organization.objects.count(), Location.objects.count())

    run_demo(reset=True, interactive=False)

    assert sorted(Service.objects.values_list("name", flat=True)) == first
    assert (Organization.objects.count(), Location.objects.count()) == counts


def test_nothing_imports_the_demo_and_it_is_the_last_app():
    """The demo is the top floor (DESIGN.md): it may import every app, and no app imports it."""
    import ast
    from pathlib import Path

    from django.conf import settings

    import alongside

    root = Path(alongside.__file__).parent
    importers = []
    for path in root.rglob("*.py"):
        if (root / "demo") in path.parents:
            continue
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module] + [f"{node.module}.{alias.name}" for alias in node.names]
            if any(
                name == "alongside.demo" or name.startswith("alongside.demo.") for name in names
            ):
                importers.append(str(path.relative_to(root)))
    assert importers == []
    assert settings.INSTALLED_APPS[-1] == "alongside.demo"


@pytest.mark.django_db
def test_it_connects_people_at_every_stage_with_follow_ups_due_and_contributions():
    from django.utils import timezone

    from alongside.connections import queries
    from alongside.connections.models import (
        Connection,
        ConnectionKind,
        ConnectionStage,
        Contribution,
        FormalService,
        Gap,
        Opportunity,
        Stage,
        WhatSuits,
    )

    run_demo()
    today = timezone.localdate()
    connections = Connection.objects.all()
    assert set(connections.values_list("stage", flat=True)) == set(Stage.values)
    kinds = set(connections.values_list("kind", flat=True))
    assert {ConnectionKind.RESOURCE, ConnectionKind.GROUP, ConnectionKind.OPPORTUNITY} <= kinds
    assert connections.filter(kind=ConnectionKind.RESOURCE, service__isnull=False).exists()
    # Still connected at the last follow-up: sustained. Every ending says why.
    sustained = connections.filter(sustained_on__isnull=False)
    assert sustained.exists()
    assert all(c.stage in (Stage.STILL_CONNECTED, Stage.ENDED) for c in sustained)
    assert not connections.filter(stage=Stage.ENDED, ended_reason="").exists()
    # Dated in the past, in order, and never before the person was introduced.
    assert not ConnectionStage.objects.filter(on__gt=today).exists()
    for connection in connections.prefetch_related("stages"):
        days = [s.on for s in connection.stages.all()]
        assert days == sorted(days) and days[-1] == connection.stage_on
        introduced = connection.person.introductions.order_by("received_on").first()
        assert days[0] >= introduced.received_on
    # My day shows the demo coordinator connections to follow up.
    priya = User.objects.get(email="priya.shah@alongside.example")
    due = queries.follow_ups_due(user=priya, today=today, coordinator=priya)
    assert due.exists()
    assert all(f.due_on <= today and f.connection.person.coordinator == priya for f in due)

    assert Contribution.objects.exists()
    assert Contribution.objects.filter(opportunity__isnull=False).exists()
    assert FormalService.objects.filter(control="direct_payment").exists()
    assert FormalService.objects.count() >= 3
    assert 6 <= Gap.objects.count() <= 10
    assert Gap.objects.values("theme").distinct().count() >= 4
    assert WhatSuits.objects.exists()
    for area in Area.objects.all():
        assert 4 <= Opportunity.objects.filter(area=area).count() <= 6, area
        assert Gap.objects.filter(area=area).exists(), area
    for opportunity in Opportunity.objects.all():
        assert opportunity.postcode.startswith(tuple(opportunity.area.postcode_prefixes()))
        assert opportunity.latitude is not None and opportunity.gifts_needed.exists()
        assert opportunity.contact and "{" not in opportunity.contact


@pytest.mark.django_db
def test_reset_makes_the_same_connections_again():
    from alongside.connections.models import Connection, Contribution

    def made():
        rows = Connection.objects.order_by("pk").values_list("person__full_name", "name", "stage")
        given = Contribution.objects.order_by("pk").values_list("person__full_name", "what")
        return list(rows), list(given)

    run_demo(reset=True, interactive=False)
    first = made()

    run_demo(reset=True, interactive=False)

    assert made() == first
    assert first[0] and first[1]


def test_every_connection_text_fills_in_and_names_what_the_demo_has():
    import importlib

    from alongside.demo import connections
    from alongside.demo.directory import OWN, RESOURCES

    by_key = {story.key: story for story in stories.STORIES + stories.LIGHTS}
    known = {"name", "full", "sub", "obj", "pos", "refl", "Sub", "Pos", "coord", "area"}
    known |= {"surgery", "school", "centre", "library", "late", "late_name"}
    known |= {"doctor", "worker", "neighbour", "relative"}
    resources = {name for name, *_ in RESOURCES} | {name for name, *_ in OWN}
    chances = {chance.key for area in connections.CHANCES.values() for chance in area}

    def fields(*texts: str) -> set[str]:
        return {f for text in texts for _, f, _, _ in Formatter().parse(text) if f}

    tables = [connections.OFFERS, connections.GIVES, connections.SUITS]
    for key in {key for table in tables for key in table}:
        story = by_key[key]  # every situation is a demo story's
        family = {
            f for i in range(len(getattr(story, "family", ()))) for f in (f"f{i}", f"f{i}rel")
        }
        offers = connections.OFFERED.get(key, ())
        assert fields(*[t for o in offers for t in (o.name, o.why, o.hopes)]) <= known | family
        assert fields(*connections.GIVING.get(key, [""])) <= known | family
        for offer in offers:
            assert offer.kind != "resource" or offer.name in resources, offer.name
            assert offer.kind != "opportunity" or offer.name in chances, offer.name
    for situation, (*_, chance) in connections.GIVING.items():
        assert not chance or chance in chances, situation
    # Texts filled in for anyone: no family names.
    notes = [n for notes in connections.NOTES.values() for n in notes]
    notes += [*connections.ENDED_NOTES.values(), *(f.note for f in connections.FORMAL)]
    notes += [connections.TOGETHER, connections.MEET]
    assert fields(*notes) <= known
    for missing in connections.GAPS:
        assert not fields(missing.looked_for, missing.why)
    # Every gift a chance to contribute needs is in the shared vocabulary.
    vocabulary = importlib.import_module("alongside.people.migrations.0002_gift_vocabulary")
    terms = {name for names in vocabulary.TERMS.values() for name in names}
    for area in connections.CHANCES.values():
        for chance in area:
            assert set(chance.gifts) <= terms, chance.title
            assert not chance.service or chance.service in resources, chance.service
            assert set(chance.days.split(",")) <= {"", "MO", "TU", "WE", "TH", "FR", "SA", "SU"}
            assert set(chance.times.split(",")) <= {"", "morning", "afternoon", "evening"}
