"""Standing users for every test: an owner (coordinator of the person's area), a colleague
(another coordinator in the same area), a manager of the team, and an outsider (a coordinator
of an area in another team), plus a commissioner and an administrator."""

import pytest
from django.test import Client

from alongside.accounts.models import Area, Role, Team, User
from alongside.people.models import Agreement, IntroducerKind, Person
from alongside.people.services import introduction_record

PASSWORD = "a-long-test-password-1"


def make_user(email, role=Role.COORDINATOR, areas=(), teams=(), **extra):
    user = User.objects.create_user(
        email, PASSWORD, full_name=email.split("@")[0].title(), role=role, **extra
    )
    user.areas.set(areas)
    user.teams.set(teams)
    return user


@pytest.fixture
def team(db):
    return Team.objects.create(name="North")


@pytest.fixture
def other_team(db):
    return Team.objects.create(name="South")


@pytest.fixture
def area(team):
    return Area.objects.create(name="Hillside", team=team, postcode_districts="LS6 1, LS6 2")


@pytest.fixture
def other_area(other_team):
    return Area.objects.create(name="Riverside", team=other_team, postcode_districts="LS11")


@pytest.fixture
def owner(area):
    return make_user("owner@example.org", areas=[area])


@pytest.fixture
def colleague(area):
    return make_user("colleague@example.org", areas=[area])


@pytest.fixture
def manager(team):
    return make_user("manager@example.org", role=Role.MANAGER, teams=[team])


@pytest.fixture
def outsider(other_area):
    return make_user("outsider@example.org", areas=[other_area])


@pytest.fixture
def commissioner(db):
    return make_user("commissioner@example.org", role=Role.COMMISSIONER)


@pytest.fixture
def administrator(db):
    return make_user("admin@example.org", role=Role.ADMINISTRATOR, is_staff=True)


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def owner_client(owner):
    return client_for(owner)


@pytest.fixture
def person(owner, area) -> Person:
    """Ann, introduced by her GP, in the owner's area, not yet decided."""
    intro = introduction_record(
        user=owner,
        person_data={
            "full_name": "Ann Example",
            "phone": "07700 900123",
            "email": "ann@example.org",
            "postcode": "LS6 1AB",
            "area": area,
        },
        introduction_data={
            "introducer_kind": IntroducerKind.HEALTH,
            "agreement": Agreement.AGREES,
            "whats_going_on": "Lonely since her husband died",
        },
    )
    return intro.person


@pytest.fixture
def other_manager(other_team):
    """A manager of another team: sees none of the owner's people."""
    return make_user("other.manager@example.org", role=Role.MANAGER, teams=[other_team])


@pytest.fixture
def records(person, owner) -> dict:
    """One record of every kind for Ann, keyed by the kind's name in the URLs, each added
    through its named write function."""
    from alongside.connections import services_records as connection_records
    from alongside.outcomes import services as outcomes
    from alongside.outcomes.models import Confidence, UnitCost
    from alongside.people import services as people
    from alongside.people.models import VoiceKind

    who = {"user": owner, "person": person}
    ae = UnitCost.objects.get(code="ae_attendance")
    return {
        "crisis": outcomes.crisis_add(**who, event_type=ae, what_happened="Fell at home"),
        "avoided": outcomes.crisis_avoided_add(
            **who,
            likely_event=ae,
            why_likely="Two falls last month",
            instead="Grab rails fitted by her son",
            confidence=Confidence.MEDIUM,
        ),
        "family": people.family_member_add(**who, name="Bill Example", relationship="son"),
        "conversation": people.conversation_add(
            **who, notes="Talked about the allotment", where="Cafe"
        ),
        "gift": people.gift_add(**who, description="Grows tomatoes"),
        "step": people.plan_step_add(**who, what="Visit the allotment society", who="Ann"),
        "review": people.plan_review_add(**who, note="Allotment going well"),
        "voice": people.voice_entry_add(
            **who, kind=VoiceKind.ALONGSIDE, about="Repairs", with_whom="Housing officer"
        ),
        "contribution": connection_records.contribution_add(
            **who, what="Waters the community garden"
        ),
        "formal_service": connection_records.formal_service_add(
            **who, need="benefits", what="Attendance Allowance", who_applied="with_coordinator"
        ),
        "gap": connection_records.gap_add(
            **who, theme="friendship", looked_for="A daytime lunch club"
        ),
    }


@pytest.fixture
def db_state(db):
    """A function returning every row of every model that holds people, their records, the
    audit trail and the users, so that a test can say "nothing changed" and mean it."""
    from django.apps import apps

    def state() -> dict:
        models = [
            *apps.get_app_config("people").get_models(),
            *apps.get_app_config("networks").get_models(),
            *apps.get_app_config("outcomes").get_models(),
            *apps.get_app_config("audit").get_models(),
            *apps.get_app_config("accounts").get_models(),
        ]
        return {m._meta.label: list(m._base_manager.order_by("pk").values()) for m in models}

    return state


@pytest.fixture
def fast_password_hashing(settings):
    """For tests that create many users but never test passwords: hash with MD5, not Argon2."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def tasks_run_at_once(settings):
    """Background tasks run in the request that starts them, as if the worker were instant
    (``tests/directory/test_import.py`` also runs them through the database queue)."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture(autouse=True)
def feeds_on_this_machine(settings):
    """The tests' directory feeds are served on 127.0.0.1, which imports refuse unless
    allowed (tests/directory/test_feed_addresses.py turns this off)."""
    settings.DIRECTORY_IMPORT_PRIVATE = True
