"""The access sweep: every URL in the project, tried by everyone who must not see a person.

The list of person-level URLs is not written by hand alone: the resolver is walked, and the
sweep fails when a URL pattern with a person-level argument (``pk``, ``record_id``, ``kind``)
exists that the sweep does not know how to build. So a new page cannot skip these checks.

Skipped patterns, and why:

* ``admin/…`` — the Django admin site is for administrators (users, areas, teams and the gift
  vocabulary). It has its own staff-only login and holds no person data: see
  ``test_no_person_data_is_registered_in_the_admin_site``, which fails if that changes.
* ``directory/import/…`` — importing a directory from another council's feed or from files,
  the record of each import, and the feed checks (``directory/import/checks/…``):
  administrators only (403 for everyone else, sign-in first for the signed out), and no
  person data (directory records, feeds' findings, and who started an import or a check).
  ``tests/directory/test_import.py`` and ``tests/directory/test_checker.py`` check who may
  open them.
* ``login``, ``logout`` and the four ``accounts:password_reset*`` pages — they are the way in
  (and out) and hold no person data; they must be reachable without signing in. They are
  checked in ``test_public_pages_open_without_signing_in`` and in ``tests/accounts/test_login.py``.
* ``oruk:…`` (``/oruk/``) — the open Open Referral UK API of the community directory: by the
  standard it needs no sign-in, and it holds no person data (organizations, services,
  locations, taxonomies; ids are directory UUIDs). Checked in ``tests/directory/test_api.py``.
* ``find:…`` (``/find/``) — the public pages of the community directory: anyone may browse
  them, and they hold no person data (nor the names of the staff who checked a listing).
  Checked in ``tests/directory/test_pages.py``.

The coordinators' directory pages (``directory:…``) need signing in like every other page,
but their ids are directory records' UUIDs (``service_id``), not people: they are listed in
``DIRECTORY_RECORD_URLS``. Searching near a person (``/directory/?person=<id>``) goes through
``person_open`` (scoped, 404 otherwise, audited): see ``tests/directory/test_pages.py``.
"""

import uuid
from dataclasses import dataclass
from datetime import timedelta

import pytest
from django.contrib import admin
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from alongside.audit.models import Action, AuditEntry
from alongside.connections import services as connection_services
from alongside.connections import services_records as connection_records
from alongside.connections.views import RECORD_KINDS as CONNECTION_KINDS
from alongside.directory.models import Organization, Service
from alongside.networks.services import network_member_add
from alongside.outcomes.views import RECORD_KINDS as OUTCOME_KINDS
from alongside.people import services
from alongside.people.models import (
    How,
    IntroducerKind,
    Level,
    Person,
    StepBackReason,
    StepStatus,
    VoiceKind,
)
from alongside.people.views import RECORD_KINDS as PEOPLE_KINDS
from tests.conftest import client_for, make_user

pytestmark = pytest.mark.usefixtures("fast_password_hashing")

PERSON_KWARGS = {"pk", "record_id", "kind", "measure", "other_pk", "follow_up_id"}

SKIPPED_PREFIXES = {
    "admin/": "administrators' site; no person data is registered there",
    "directory/import/": "administrators only (403 for anyone else); directory imports and "
    "feed checks hold no person data: tests/directory/test_import.py and test_checker.py "
    "check who may open them",
}
PUBLIC = {
    "login": "the sign-in page",
    "logout": "signing out",
    "accounts:password_reset": "asking for a password reset link",
    "accounts:password_reset_done": "'check your email' after asking for a link",
    "accounts:password_reset_confirm": "the link in the email (uidb64 and token, no person)",
    "accounts:password_reset_complete": "'your password has been changed'",
    **{
        f"oruk:{name}": "open ORUK API: directory data, no person"
        for name in [
            "api_details",
            "openapi",
            "services",
            "service",
            "taxonomies",
            "taxonomy",
            "taxonomy_terms",
            "taxonomy_term",
            "organizations",
            "organization",
            "service_at_locations",
            "service_at_location",
            "not_found",
        ]
    },
    "find:search": "the public community directory: no person, no staff names",
    "find:service": "a community resource's public page (a directory UUID, no person)",
    "home": "the public home page (staff signed in are sent on to their work)",
    "public:find_coordinator": "finding your coordinator by postcode: areas and staff names",
    "public:area": "an area's public page (an area id): its coordinators' names, no person",
    "public:introduce": "introducing yourself or someone else: writes, never reads, a person",
    "public:introduce_partner": "a partner organisation introducing someone: writes only",
    "public:suggest": "suggesting a community resource for the directory: no person",
    "public:correct": "suggesting a correction to a directory listing (a directory UUID)",
    "public:suggested": "the thank-you page after a suggestion",
    "public:introduced": "the thank-you page after an introduction (an area id, no person)",
    "public:feedback": "an introducer's two anonymous questions (a signed area and kind)",
    "public:feedback_given": "the thank-you page after the two questions",
    "public:accessibility": "the accessibility statement",
    "public:photo": "a coordinator's photo, as on their area's page (a user id, no person)",
}
# Public pages whose URL takes an argument (a token, a directory record's id): not persons.
PUBLIC_WITH_ARGUMENTS = {
    "accounts:password_reset_confirm",
    "oruk:service",
    "oruk:taxonomy",
    "oruk:taxonomy_term",
    "oruk:organization",
    "oruk:service_at_location",
    "find:service",
    "public:area",
    "public:correct",
    "public:feedback",
    "public:photo",
}
# Pages that need signing in and take the id of a directory record (a UUID), not a person's.
DIRECTORY_RECORD_URLS = {
    "directory:service",
    "directory:edit",
    "directory:mark_checked",
}

# Pages of an area's community life, by the ids they take (none is a person's).
COMMUNITY_URLS = {
    "communities:area": {"area_id"},
    "communities:map": {"area_id"},
    "communities:conversations": {"area_id"},
    "communities:conversation_add": {"area_id"},
    "communities:conversation_edit": {"area_id", "conversation_id"},
    "communities:entry_add": {"area_id"},
    "communities:entry_edit": {"area_id", "entry_id"},
    "communities:entry_remove": {"area_id", "entry_id"},
    "communities:partner_add": {"area_id"},
    "communities:partner": {"partner_id"},
    "communities:partner_edit": {"partner_id"},
    "communities:partner_add_to": {"partner_id", "what"},
    "communities:project_add": {"area_id"},
    "communities:project": {"project_id"},
    "communities:project_edit": {"project_id"},
}

# Views decorated with require_POST: a GET is 405 for everyone, before any lookup, so the
# status tells nobody whether the person exists.
POST_ONLY = {
    "introductions:close",
    "connections:remove",
    "connections:reschedule",
    "connections:shortlist_add",
    "connections:shortlist_remove",
    "connections:suggestion_take",
    "connections:suggestion_dismiss",
    "people:record_remove",
    "outcomes:record_remove",
    "connections:record_remove",
    "people:restore",
    "people:step_status",
    "networks:member_move",
    "networks:member_remove",
    "networks:snapshot",
    "outcomes:story_withdraw",
    "directory:mark_checked",
    "communities:person_remove",
    "communities:entry_remove",
}
# Pages only managers may open; a coordinator gets 404 as if the person did not exist.
MANAGERS_ONLY = {"audit:person", "audit:person_export", "people:restore"}
# Pages whose read is audited as an export rather than a look.
EXPORTS = {"audit:person_export"}
# Pages answered with a PDF to download: the person's name is not in the bytes (the text is
# drawn in embedded fonts), so the sweep checks the file's name instead.
PDFS = {
    "people:about_me_pdf": "about-me-ann.pdf",
    "connections:shortlist_pdf": "shortlist-ann.pdf",
}


@dataclass(frozen=True)
class Route:
    name: str | None
    route: str
    kwargs: frozenset


def _walk(patterns, prefix="", namespace=None):
    for p in patterns:
        if isinstance(p, URLResolver):
            ns = p.namespace
            full_ns = f"{namespace}:{ns}" if namespace and ns else (ns or namespace)
            yield from _walk(p.url_patterns, prefix + str(p.pattern), full_ns)
        elif isinstance(p, URLPattern):
            name = f"{namespace}:{p.name}" if namespace and p.name else p.name
            kwargs = frozenset(p.pattern.regex.groupindex) - set(p.default_args)
            yield Route(name, prefix + str(p.pattern), kwargs)


def all_routes() -> list[Route]:
    return list(_walk(get_resolver().url_patterns))


def swept_routes() -> list[Route]:
    """Every route except the admin site."""
    return [r for r in all_routes() if not any(r.route.startswith(p) for p in SKIPPED_PREFIXES)]


# Building a real URL and plausible POST data for every person-level pattern ----------------


@dataclass
class Ctx:
    person: Person
    records: dict
    intro: object
    area: object
    member: object
    story: object
    twin: Person  # Ann recorded a second time, for the merge page
    connection: object
    service: object  # a community resource in the directory
    shortlisted: object  # on Ann's shortlist
    involvement: object  # Ann would like to get involved


def today() -> str:
    return timezone.localdate().isoformat()


def record_post(kind: str) -> dict:
    """Valid data for the add or edit form of each kind of record."""
    return {
        "conversation": {
            "on": today(),
            "how": How.PHONE,
            "notes": "Posted notes",
            "duration_minutes": "30",
        },
        "gift": {"kind": "gift", "term": "", "description": "Posted gift", "family_member": ""},
        "step": {"what": "Posted step", "who": "Ann", "by_when": "", "status": StepStatus.OPEN},
        "review": {"on": today(), "note": "Posted review"},
        "voice": {
            "on": today(),
            "kind": VoiceKind.SELF,
            "about": "Posted about",
            "with_whom": "Posted GP",
            "what_happened": "",
        },
        "family": {"name": "Posted name", "relationship": "daughter", "notes": ""},
        "contribution": {"what": "Posted contribution", "since": today(), "opportunity": ""},
        "formal_service": {
            "need": "housing",
            "what": "Posted service",
            "who_applied": "person",
            "applied_on": today(),
            "outcome": "waiting",
        },
        "gap": {"theme": "food", "looked_for": "Posted gap", "on": today()},
        "crisis": {"on": today(), "event_type": _cost("gp_consultation"), "quantity": "1"},
        "avoided": {
            "on": today(),
            "likely_event": _cost("eviction"),
            "quantity": "1",
            "why_likely": "Posted why",
            "instead": "Posted instead",
            "confidence": "high",
            "confirmed_by": "",
        },
    }[kind]


def _cost(code: str) -> int:
    from alongside.outcomes.models import UnitCost

    return UnitCost.objects.get(code=code).pk


READ_ONLY_PAGES = [
    "outcomes:outcomes",
    "networks:compare",
    "people:summary",
    "people:timeline",
    "people:gifts",
    "people:plan",
    "people:voice",
    "people:about_me",
    "people:about_me_pdf",
    "audit:person",
    "audit:person_export",
    "people:merge_choose",
    "people:merge",
    "connections:person",
    "connections:shortlist",
    "connections:shortlist_pdf",
    "connections:suggestions",
]
# Each app mounts the shared add / change / remove pages for its own kinds of record.
RECORD_KINDS = {**PEOPLE_KINDS, **OUTCOME_KINDS, **CONNECTION_KINDS}
KIND_APP = {
    **dict.fromkeys(PEOPLE_KINDS, "people"),
    **dict.fromkeys(OUTCOME_KINDS, "outcomes"),
    **dict.fromkeys(CONNECTION_KINDS, "connections"),
}
KINDED = [
    f"{app}:record_{verb}"
    for app in ("people", "outcomes", "connections")
    for verb in ("add", "edit", "remove")
]


def kinded(verb: str, kind: str) -> str:
    """The URL name of the shared page ``verb`` for a record of ``kind``."""
    return f"{KIND_APP[kind]}:record_{verb}"


def build(ctx: Ctx, name: str, kind: str | None) -> tuple[str, dict]:
    """The URL of ``name`` for Ann (and her record of ``kind``), and data a real form posts."""
    person, version = ctx.person, ctx.person.version
    if name == "people:merge":  # Ann and her duplicate, side by side
        return reverse(name, args=[person.pk, ctx.twin.pk]), {"reason": ""}
    if name in READ_ONLY_PAGES:
        return reverse(name, args=[person.pk]), {"full_name": "Posted", "note": "Posted"}
    if name == "people:remove":
        return reverse(name, args=[person.pk]), {"reason": "Posted twice", "version": version}
    if name == "people:restore":
        return reverse(name, args=[person.pk]), {}
    if name == "people:edit":
        return reverse(name, args=[person.pk]), {
            "full_name": "Ann Posted",
            "phone": "07700 900123",
            "email": "ann@example.org",
            "postcode": "LS6 1AB",
            "area": ctx.area.pk,
            "coordinator": "",
            "version": version,
        }
    if name == "people:vision":
        return reverse(name, args=[person.pk]), {
            "what_matters": "Posted matters",
            "vision": "Posted vision",
            "version": version,
        }
    if name == "people:step_back":
        return reverse(name, args=[person.pk]), {
            "reason": StepBackReason.CHOSE,
            "on": "",
            "note": "",
            "version": version,
        }
    if name == "people:hand_over":
        return reverse(name, args=[person.pk]), {
            "to_area": ctx.area.pk,  # its own area: refused, so Ann stays in the sweep
            "reason": "Posted reason",
            "version": version,
        }
    if name == "people:level":
        return reverse(name, args=[person.pk]), {
            "level": Level.CONNECTION,
            "note": "",
            "version": version,
        }
    if name.endswith(":record_add"):
        once = uuid.uuid4()  # the add page's address carries its one-time token
        data = {**record_post(kind), "form_token": str(once)}
        return f"{reverse(name, args=[person.pk, kind])}?once={once}", data
    record = ctx.records[kind] if kind else ctx.records["step"]
    if name.endswith(":record_edit"):
        data = {**record_post(kind), "version": record.version}
        return reverse(name, args=[person.pk, kind, record.pk]), data
    if name.endswith(":record_remove"):
        return reverse(name, args=[person.pk, kind, record.pk]), {"version": record.version}
    if name == "people:step_status":
        return reverse(name, args=[person.pk, record.pk]), {
            "status": StepStatus.DONE,
            "version": record.version,
        }
    member = ctx.member
    if name == "networks:network":
        return reverse(name, args=[person.pk]), {
            "label": "Posted neighbour",
            "kind": "neighbour",
            "ring": "3",
            "form_token": str(uuid.uuid4()),
        }
    if name == "networks:snapshot":
        return reverse(name, args=[person.pk]), {"taken_on": today(), "note": "Posted"}
    if name == "networks:member_edit":
        return reverse(name, args=[person.pk, member.pk]), {
            "label": "Posted friend",
            "kind": "friend",
            "ring": "2",
            "version": member.version,
        }
    if name == "networks:member_move":
        return reverse(name, args=[person.pk, member.pk]), {
            "direction": "closer",
            "version": member.version,
        }
    if name == "networks:member_remove":
        return reverse(name, args=[person.pk, member.pk]), {"version": member.version}
    if name == "outcomes:measure":
        answers = {"life_satisfaction": "7", "worthwhile": "8", "happiness": "6", "anxiety": "2"}
        return reverse(name, args=[person.pk, "ons4"]), {
            "taken_on": today(),
            "occasion": "review",
            **answers,
            "form_token": str(uuid.uuid4()),
        }
    if name == "outcomes:ratings":
        from alongside.outcomes.models import OutcomeDomain

        first = OutcomeDomain.objects.order_by("order").first()
        return reverse(name, args=[person.pk]), {"on": today(), f"domain_{first.pk}": "4"}
    story_data = {
        "title": "Posted story",
        "persons_words": "Posted words",
        "consent_given_by": "Ann herself",
        "consent_given_on": today(),
        "consent_use": "council",
    }
    if name == "outcomes:story_add":
        return reverse(name, args=[person.pk]), {**story_data, "form_token": str(uuid.uuid4())}
    if name == "outcomes:story_edit":
        return reverse(name, args=[person.pk, ctx.story.pk]), {
            **story_data,
            "version": ctx.story.version,
        }
    if name == "outcomes:story_withdraw":
        return reverse(name, args=[person.pk, ctx.story.pk]), {"version": ctx.story.version}
    if name == "introductions:detail":
        return reverse(name, args=[ctx.intro.pk]), {
            "decision": Level.WALKING_ALONGSIDE,
            "coordinator": "",
            "not_now_reason": "",
            "note": "Posted decision",
            "version": ctx.intro.version,
        }
    connection = ctx.connection
    if name == "connections:add":
        once = uuid.uuid4()
        return f"{reverse(name, args=[person.pk])}?once={once}", {
            "kind": "group",
            "name": "Posted group",
            "stage": "suggested",
            "form_token": str(once),
        }
    if name == "connections:detail":
        return reverse(name, args=[person.pk, connection.pk]), {
            "stage": "still_connected",
            "note": "Posted move",
            "version": connection.version,
        }
    if name == "connections:edit":
        return reverse(name, args=[person.pk, connection.pk]), {
            "name": "Posted walk",
            "why": "Posted why",
            "version": connection.version,
        }
    if name == "connections:remove":
        return reverse(name, args=[person.pk, connection.pk]), {"version": connection.version}
    if name == "connections:what_suits":
        return reverse(name, args=[person.pk]), {
            "days": ["TU", "TH"],
            "times": ["morning"],
            "travel_km": "2",
        }
    if name == "connections:shortlist_add":
        return reverse(name, args=[person.pk]), {"service": str(ctx.service.pk)}
    if name == "connections:suggestion_take":
        return reverse(name, args=[person.pk]), {
            "service": str(ctx.service.pk),
            "why": "Posted why",
            "to": "connection",
        }
    if name == "connections:suggestion_dismiss":
        return reverse(name, args=[person.pk]), {"service": str(ctx.service.pk), "because": "tried"}
    if name == "connections:shortlist_remove":
        item = ctx.shortlisted
        return reverse(name, args=[person.pk, item.pk]), {"version": item.version}
    if name == "connections:reschedule":
        follow_up = connection.follow_ups.first()
        return reverse(name, args=[person.pk, connection.pk, follow_up.pk]), {
            f"f{follow_up.pk}-due_on": (timezone.localdate() + timedelta(days=9)).isoformat()
        }
    if name == "communities:person":
        return reverse(name, args=[person.pk]), {
            "what_form": "involvement",
            "involved-what": "Posted: help at the lunch club",
            "involved-agreed": "on",
            "involved-agreed_on": today(),
            "involved-how_agreed": "In person",
            "involved-form_token": str(uuid.uuid4()),
        }
    if name == "communities:person_remove":
        involvement = ctx.involvement
        return reverse(name, args=[person.pk, "involvement", involvement.pk]), {
            "version": involvement.version
        }
    if name == "introductions:close":
        return reverse(name, args=[ctx.intro.pk]), {
            "reason": "twice",
            "close_note": "Posted close",
            "version": ctx.intro.version,
        }
    raise AssertionError(f"The sweep does not know how to build {name}")


PERSON_URL_NAMES = {
    *READ_ONLY_PAGES,
    "people:edit",
    "people:vision",
    "people:step_back",
    "people:level",
    "people:hand_over",
    "people:remove",
    "people:restore",
    *KINDED,
    "people:step_status",
    "introductions:detail",
    "introductions:close",
    "connections:add",
    "connections:detail",
    "connections:edit",
    "connections:remove",
    "connections:reschedule",
    "connections:what_suits",
    "connections:shortlist_add",
    "connections:shortlist_remove",
    "connections:suggestion_take",
    "connections:suggestion_dismiss",
    "networks:network",
    "networks:snapshot",
    "networks:member_edit",
    "networks:member_move",
    "networks:member_remove",
    "outcomes:measure",
    "outcomes:ratings",
    "outcomes:story_add",
    "outcomes:story_edit",
    "outcomes:story_withdraw",
    "communities:person",
    "communities:person_remove",
}
TARGETS = [
    *[(name, None) for name in sorted(PERSON_URL_NAMES - set(KINDED))],
    *[
        (name, kind)
        for name in KINDED
        for kind in sorted(RECORD_KINDS)
        if name.startswith(f"{KIND_APP[kind]}:")
    ],
]
TARGET_IDS = [f"{name}[{kind}]" if kind else name for name, kind in TARGETS]

# What a successful POST by the owner must leave in the audit trail.
WRITES = {
    "people:edit": (Action.CHANGED, "person"),
    "people:vision": (Action.CHANGED, "person"),
    "people:step_back": (Action.CHANGED, "person"),
    "people:level": (Action.CHANGED, "person"),
    "people:step_status": (Action.CHANGED, "plan_step"),
    "people:remove": (Action.DELETED, "person"),
    "introductions:detail": (Action.CHANGED, "introduction"),
    "connections:add": (Action.CREATED, "connection"),
    "connections:detail": (Action.CHANGED, "connection"),
    "connections:edit": (Action.CHANGED, "connection"),
    "connections:remove": (Action.DELETED, "connection"),
    "connections:reschedule": (Action.CHANGED, "connection"),
    "connections:what_suits": (Action.CREATED, "connection"),
    "connections:shortlist_add": (Action.CREATED, "shortlist"),
    "connections:shortlist_remove": (Action.DELETED, "shortlist"),
    "connections:suggestion_take": (Action.CREATED, "connection"),
    "connections:suggestion_dismiss": (Action.CREATED, "connection"),
    "connections:record_add": Action.CREATED,
    "connections:record_edit": Action.CHANGED,
    "connections:record_remove": Action.DELETED,
    "people:record_add": Action.CREATED,
    "people:record_edit": Action.CHANGED,
    "people:record_remove": Action.DELETED,
    "outcomes:record_add": Action.CREATED,
    "outcomes:record_edit": Action.CHANGED,
    "outcomes:record_remove": Action.DELETED,
    "networks:network": (Action.CREATED, "network_member"),
    "networks:snapshot": (Action.CREATED, "network_snapshot"),
    "networks:member_edit": (Action.CHANGED, "network_member"),
    "networks:member_move": (Action.CHANGED, "network_member"),
    "networks:member_remove": (Action.DELETED, "network_member"),
    "outcomes:measure": (Action.CREATED, "measure"),
    "outcomes:ratings": (Action.CREATED, "outcome_rating"),
    "outcomes:story_add": (Action.CREATED, "story"),
    "outcomes:story_edit": (Action.CHANGED, "story"),
    "outcomes:story_withdraw": (Action.CHANGED, "story"),
    "communities:person": (Action.CREATED, "involvement"),
    "communities:person_remove": (Action.DELETED, "involvement"),
}
WRITE_TARGETS = [t for t in TARGETS if t[0] in WRITES]
WRITE_IDS = [f"{name}[{kind}]" if kind else name for name, kind in WRITE_TARGETS]


@pytest.fixture
def ctx(person, records, area, owner) -> Ctx:
    person.refresh_from_db()
    member = network_member_add(
        user=owner,
        person=person,
        label="Jo next door",
        kind="neighbour",
        ring=3,
    )
    from alongside.outcomes.services import story_add

    story = story_add(
        user=owner,
        person=person,
        title="Ann's allotment",
        persons_words="I grow tomatoes for the street now",
        consent_given_by="Ann",
        consent_given_on=timezone.localdate(),
        consent_use="council",
    )
    twin = services.introduction_record(
        user=owner,
        person_data={"full_name": "Ann Example", "area": area},
        introduction_data={"introducer_kind": "family", "agreement": "agrees"},
    ).person
    connection = connection_services.connection_add(
        user=owner,
        person=person,
        kind="group",
        name="Allotment society",
        stage="went_along",
        on=timezone.localdate() - timedelta(days=3),
    )
    hub = Organization.objects.create(name="Hillside Hub")
    walk = Service.objects.create(organization=hub, name="Tuesday Walk")
    cafe = Service.objects.create(organization=hub, name="Repair Cafe")
    shortlisted = connection_records.shortlist_add(user=owner, person=person, service=cafe)
    from alongside.communities.services import involvement_add

    involvement = involvement_add(
        user=owner,
        person=person,
        values={
            "what": "Start a walking group",
            "agreed_on": timezone.localdate(),
            "how_agreed": "In person",
        },
    )
    return Ctx(
        involvement=involvement,
        service=walk,
        shortlisted=shortlisted,
        connection=connection,
        person=person,
        records=records,
        intro=person.introductions.get(),
        area=area,
        member=member,
        story=story,
        twin=twin,
    )


def is_login_redirect(response, path) -> bool:
    return response.status_code == 302 and response.url.startswith(f"{reverse('login')}?next=")


# The sweep knows every person-level URL -----------------------------------------------------


def test_every_url_with_a_person_in_it_is_in_the_sweep():
    with_kwargs = {r.name: r for r in swept_routes() if r.kwargs and r.name not in PUBLIC}
    assert all(r.name for r in with_kwargs.values()), "every URL pattern needs a name"
    for name in DIRECTORY_RECORD_URLS:
        assert with_kwargs.pop(name).kwargs == {"service_id"}, name
    # A chance to contribute is its area's team knowledge, not a person's record: another
    # area's is 404 (tests/connections/test_connections.py).
    assert with_kwargs.pop("connections:opportunity_edit").kwargs == {"opportunity_id"}
    # A figure of the areas a user may choose, named by its key: no person in it
    # (tests/impact/test_figures.py: another team's manager never sees an area not theirs).
    assert with_kwargs.pop("impact:figure_csv").kwargs == {"key"}
    # How a number was worked out: the events in it are of the user's own areas only
    # (tests/impact/test_workings.py).
    assert with_kwargs.pop("impact:workings").kwargs == {"key"}
    # An area's community life (no person in it: people are named on their own pages, in
    # the sweep): another area's is 404 (tests/communities/test_pages.py).
    for name, kwargs in COMMUNITY_URLS.items():
        assert with_kwargs.pop(name).kwargs == kwargs, name
    # A report is its owner's alone: anyone else's is 404 (tests/impact/test_reports.py).
    for name in ("impact:report", "impact:download"):
        assert with_kwargs.pop(name).kwargs == {"report_id"}
    # A suggestion from the public, by its number: no person in it (a member of the public's
    # optional email, to coordinators and managers of any area, as the directory is shared).
    assert with_kwargs.pop("directory:suggestion").kwargs == {"suggestion_id"}
    assert set(with_kwargs) == PERSON_URL_NAMES
    for route in with_kwargs.values():
        assert route.kwargs <= PERSON_KWARGS, (
            f"{route.name} takes {set(route.kwargs)}: teach the sweep what they mean"
        )


def test_every_kind_of_record_is_in_the_sweep(records):
    assert set(records) == set(RECORD_KINDS)
    swept = {kind for _, kind in TARGETS if kind}
    assert swept == set(RECORD_KINDS)


def test_every_page_without_arguments_is_known():
    """A new top-level page must be added to the unauthenticated check knowingly."""
    names = {r.name for r in swept_routes() if not r.kwargs}
    assert names == {
        "home",
        "people:my_day",
        "introductions:inbox",
        "introductions:quick",
        "introductions:new",
        "introductions:handovers",
        "people:removed",
        "people:list",
        "people:team",
        "impact:figures",
        "impact:dashboard",
        "impact:report_ask",
        "communities:home",
        "communities:partners",
        "communities:projects",
        "audit:trail",
        "accounts:public_profile",
        "audit:export",
        "outcomes:due",
        "directory:search",
        "directory:add",
        "directory:needs_checking",
        "directory:suggestions",
        "connections:opportunities",
        "connections:opportunity_add",
        "connections:gaps",
        "connections:connect",
        "connections:team",
    } | (set(PUBLIC) - PUBLIC_WITH_ARGUMENTS)


def test_no_person_data_is_registered_in_the_admin_site():
    """Why the sweep may skip admin/: no model holding person data is in the admin site."""
    for model in admin.site._registry:
        fields = {f.name for f in model._meta.get_fields()}
        assert model is not Person and "person" not in fields and "person_id" not in fields, (
            f"{model._meta.label} holds person data: add the admin site to the access sweep"
        )


# Outsiders: 404 for everything, nothing changes ----------------------------------------------


@pytest.mark.parametrize("stranger", ["outsider", "other_manager"])
@pytest.mark.parametrize(("name", "kind"), TARGETS, ids=TARGET_IDS)
def test_someone_from_another_team_gets_404_and_changes_nothing(
    request, ctx, db_state, stranger, name, kind
):
    client = client_for(request.getfixturevalue(stranger))
    url, data = build(ctx, name, kind)
    before = db_state()

    got = client.get(url)
    posted = client.post(url, data)

    assert got.status_code == (405 if name in POST_ONLY else 404)
    assert posted.status_code == 404
    for response in (got, posted):
        assert b"Ann Example" not in response.content
    assert db_state() == before


@pytest.mark.parametrize("role", ["commissioner", "administrator"])
@pytest.mark.parametrize(("name", "kind"), TARGETS, ids=TARGET_IDS)
def test_commissioners_and_administrators_never_open_a_person_url(
    request, ctx, db_state, role, name, kind
):
    client = client_for(request.getfixturevalue(role))
    url, data = build(ctx, name, kind)
    before = db_state()

    got = client.get(url)
    posted = client.post(url, data)

    assert got.status_code in ((405,) if name in POST_ONLY else (403, 404))
    assert posted.status_code in (403, 404)
    for response in (got, posted):
        assert b"Ann Example" not in response.content
    assert db_state() == before


def test_the_outsider_gets_404_for_the_introduction_of_the_person(ctx, outsider, db_state):
    client = client_for(outsider)
    url = reverse("introductions:detail", args=[ctx.intro.pk])
    before = db_state()
    assert client.get(url).status_code == 404
    assert client.post(url, {"decision": "not_now", "not_now_reason": "declined"}).status_code == (
        404
    )
    assert db_state() == before
    ctx.intro.refresh_from_db()
    assert ctx.intro.decided_at is None


# People who work with the person: 200, and every read is audited once ------------------------


@pytest.mark.parametrize("reader", ["owner", "colleague", "manager"])
@pytest.mark.parametrize(("name", "kind"), TARGETS, ids=TARGET_IDS)
def test_people_of_the_persons_area_open_every_person_url_and_each_read_is_audited(
    request, ctx, reader, name, kind
):
    user = request.getfixturevalue(reader)
    client = client_for(user)
    url, _ = build(ctx, name, kind)
    last = AuditEntry.objects.order_by("-pk").values_list("pk", flat=True).first() or 0

    response = client.get(url)

    new_entries = list(AuditEntry.objects.filter(pk__gt=last))
    if name in POST_ONLY:
        assert response.status_code == 405
        assert new_entries == []
    elif name in MANAGERS_ONLY and reader != "manager":
        assert response.status_code == 404
        assert new_entries == []
    else:
        assert response.status_code == 200
        if name in PDFS:
            assert response.content.startswith(b"%PDF-")
            assert PDFS[name] in response["Content-Disposition"]
        else:
            assert b"Ann Example" in response.content
        action = Action.EXPORTED if name in EXPORTS else Action.VIEWED
        expected = [(action, ctx.person.pk, user.pk)]
        if name == "people:merge":  # both records are read
            expected.append((Action.VIEWED, ctx.twin.pk, user.pk))
        assert sorted((e.action, e.person_id, e.user_id) for e in new_entries) == sorted(expected)


@pytest.mark.parametrize(("name", "kind"), WRITE_TARGETS, ids=WRITE_IDS)
def test_every_successful_write_by_the_owner_is_audited(ctx, owner_client, owner, name, kind):
    url, data = build(ctx, name, kind)
    last = AuditEntry.objects.order_by("-pk").values_list("pk", flat=True).first()

    response = owner_client.post(url, data)

    assert response.status_code == 302, response.content.decode()[:2000]
    new = AuditEntry.objects.filter(pk__gt=last, person_id=ctx.person.pk, user=owner)
    writes = new.exclude(action=Action.VIEWED)
    expected = WRITES[name]
    if isinstance(expected, tuple):
        action, record_type = expected
    else:
        action, record_type = expected, RECORD_KINDS[kind].record_type
    assert writes.filter(action=action, record_type=record_type).exists(), list(
        writes.values_list("action", "record_type")
    )
    if name.endswith((":record_edit", ":record_remove")):
        assert writes.get(record_type=record_type).record_id == ctx.records[kind].pk
    assert set(writes.values_list("action", flat=True)) <= {
        Action.CREATED,
        Action.CHANGED,
        Action.DELETED,
    }


@pytest.mark.parametrize("name", ["introductions:quick", "introductions:new"])
def test_recording_an_introduction_audits_the_new_person_and_introduction(
    owner_client, owner, area, name
):
    response = owner_client.post(
        reverse(name),
        {
            "full_name": "Cara New",
            "phone": "0113 496 0001",
            "area": area.pk,
            "introducer_kind": IntroducerKind.SELF,
            "agreement": "agrees",
            "channel": "phone",
        },
    )
    assert response.status_code == 302
    person = Person.objects.get(full_name="Cara New")
    entries = AuditEntry.objects.filter(person_id=person.pk, user=owner)
    assert sorted(entries.values_list("action", "record_type")) == [
        (Action.CREATED, "introduction"),
        (Action.CREATED, "person"),
    ]


def test_a_post_to_a_read_only_page_writes_nothing_but_the_read(ctx, owner_client, db_state):
    url, data = build(ctx, "people:summary", None)
    before = db_state()
    assert owner_client.post(url, data).status_code in (200, 405)
    after = db_state()
    assert {k: v for k, v in after.items() if k != "audit.AuditEntry"} == {
        k: v for k, v in before.items() if k != "audit.AuditEntry"
    }


# Lists, inbox and search do not leak -------------------------------------------------------


def test_the_outsider_does_not_find_the_person_in_the_inbox_list_or_search(
    ctx, outsider, other_area
):
    services.introduction_record(
        user=outsider,
        person_data={"full_name": "Bob Other", "phone": "07700 900777", "area": other_area},
        introduction_data={"introducer_kind": IntroducerKind.SELF, "agreement": "agrees"},
    )
    client = client_for(outsider)
    pages = [
        "/introductions/",
        "/people/",
        "/people/?q=Ann",
        "/people/?q=07700+900123",
        "/people/?q=ann%40example.org",
        "/people/?q=LS6",
    ]
    for page in pages:
        response = client.get(page)
        assert response.status_code == 200, page
        assert b"Ann Example" not in response.content, page
        assert f'href="/people/{ctx.person.pk}/"'.encode() not in response.content, page
    assert b"Bob Other" in client.get("/introductions/").content
    assert b"Bob Other" in client.get("/people/").content


@pytest.mark.parametrize("reader", ["owner", "manager"])
def test_the_persons_coordinators_and_manager_find_them_in_the_inbox_and_search(
    request, ctx, reader
):
    client = client_for(request.getfixturevalue(reader))
    for page in ["/introductions/", "/people/", "/people/?q=Ann"]:
        assert b"Ann Example" in client.get(page).content, page


def test_a_manager_of_another_team_does_not_find_the_person(ctx, other_manager):
    client = client_for(other_manager)
    for page in ["/introductions/", "/people/", "/people/?q=Ann"]:
        response = client.get(page)
        assert response.status_code == 200
        assert b"Ann Example" not in response.content, page


# Records cannot be reached through someone else's URL --------------------------------------


@pytest.mark.parametrize("kind", sorted(RECORD_KINDS))
def test_a_record_of_another_person_cannot_be_reached_through_the_owners_person(
    ctx, owner, owner_client, area, db_state, kind
):
    """The owner may see both people, but a record only opens under its own person."""
    other = services.introduction_record(
        user=owner,
        person_data={"full_name": "Cara Neighbour", "area": area},
        introduction_data={"introducer_kind": IntroducerKind.SELF, "agreement": "agrees"},
    ).person
    record = ctx.records[kind]
    before = db_state()
    edit = reverse(kinded("edit", kind), args=[other.pk, kind, record.pk])
    remove = reverse(kinded("remove", kind), args=[other.pk, kind, record.pk])
    assert owner_client.get(edit).status_code == 404
    assert owner_client.post(
        edit, {**record_post(kind), "version": record.version}
    ).status_code == (404)
    assert owner_client.post(remove, {"version": record.version}).status_code == 404
    changed = {k for k in before if db_state()[k] != before[k]}
    assert changed <= {"audit.AuditEntry"}  # only the reads of Cara's record


def test_a_record_in_another_teams_area_cannot_be_reached_by_the_owner(
    ctx, owner_client, outsider, other_area, db_state
):
    bob = services.introduction_record(
        user=outsider,
        person_data={"full_name": "Bob Other", "area": other_area},
        introduction_data={"introducer_kind": IntroducerKind.SELF, "agreement": "agrees"},
    ).person
    talk = services.conversation_add(user=outsider, person=bob, notes="Bob's private notes")
    before = db_state()
    for url in [
        reverse("people:record_edit", args=[bob.pk, "conversation", talk.pk]),
        reverse("people:record_edit", args=[ctx.person.pk, "conversation", talk.pk]),
    ]:
        response = owner_client.get(url)
        assert response.status_code == 404
        assert b"Bob's private notes" not in response.content
        assert owner_client.post(
            url, {**record_post("conversation"), "version": 1}
        ).status_code == (404)
    assert db_state()["people.Conversation"] == before["people.Conversation"]


def test_an_unknown_kind_of_record_is_404(ctx, owner_client):
    assert owner_client.get(f"/people/{ctx.person.pk}/banana/add/").status_code == 404
    assert owner_client.get(f"/people/{ctx.person.pk}/step/999999/").status_code == 404
    assert owner_client.get("/people/999999/conversation/add/").status_code == 404


def test_the_owner_cannot_put_a_person_into_another_teams_area(
    ctx, owner_client, other_area, db_state
):
    before = db_state()
    url, data = build(ctx, "people:edit", None)
    response = owner_client.post(url, {**data, "area": other_area.pk})
    assert response.status_code == 200
    assert "There is a problem" in response.content.decode()
    response = owner_client.post(
        reverse("introductions:quick"),
        {
            "full_name": "Cara New",
            "area": other_area.pk,
            "introducer_kind": IntroducerKind.SELF,
            "agreement": "agrees",
        },
    )
    assert response.status_code == 200
    after = db_state()
    assert {k: v for k, v in after.items() if k != "audit.AuditEntry"} == {
        k: v for k, v in before.items() if k != "audit.AuditEntry"
    }


def test_a_coordinator_cannot_be_assigned_from_another_team(ctx, owner_client, outsider):
    url, data = build(ctx, "people:edit", None)
    response = owner_client.post(url, {**data, "coordinator": outsider.pk})
    assert response.status_code == 200
    ctx.person.refresh_from_db()
    assert ctx.person.coordinator is None


def test_an_inactive_coordinator_loses_access(ctx, owner, db_state):
    client = client_for(owner)
    owner.is_active = False
    owner.save()
    response = client.get(reverse("people:summary", args=[ctx.person.pk]))
    assert response.status_code in (302, 404)
    assert b"Ann Example" not in response.content


def test_a_coordinator_moved_to_another_area_loses_access(ctx, owner, other_area):
    client = client_for(owner)
    owner.areas.set([other_area])
    assert client.get(reverse("people:summary", args=[ctx.person.pk])).status_code == 404


def test_a_soft_removed_record_is_404_for_the_owner(ctx, owner, owner_client):
    talk = ctx.records["conversation"]
    services.conversation_remove(user=owner, conversation=talk, expected_version=talk.version)
    url = reverse("people:record_edit", args=[ctx.person.pk, "conversation", talk.pk])
    assert owner_client.get(url).status_code == 404


# Without signing in --------------------------------------------------------------------------


def _url_for(route: Route, ctx: Ctx) -> tuple[str, dict]:
    if route.name in PERSON_URL_NAMES:
        if "kind" in route.kwargs:
            app = route.name.split(":")[0]
            kind = {"people": "conversation", "connections": "gap"}.get(app, "crisis")
            return build(ctx, route.name, kind)
        return build(ctx, route.name, None)
    if route.name in DIRECTORY_RECORD_URLS:
        return reverse(route.name, kwargs={"service_id": uuid.uuid4()}), {"name": "Anon"}
    if route.name == "directory:suggestion":
        return reverse(route.name, kwargs={"suggestion_id": 1}), {"reason": "Anon"}
    if route.name == "connections:opportunity_edit":
        return reverse(route.name, kwargs={"opportunity_id": 1}), {"title": "Anon"}
    if route.name == "impact:figure_csv":
        return reverse(route.name, kwargs={"key": "people"}), {}
    if route.name == "impact:workings":
        return reverse(route.name, kwargs={"key": "cost_avoidance"}), {}
    if route.name in COMMUNITY_URLS:
        return reverse(
            route.name,
            kwargs=dict.fromkeys(route.kwargs, 1)
            | ({"what": "contact"} if "what" in route.kwargs else {}),
        ), {"name": "Anon"}
    if route.name in ("impact:report", "impact:download"):
        return reverse(route.name, kwargs={"report_id": uuid.uuid4()}), {}
    return reverse(route.name), {"full_name": "Anon", "area": ctx.area.pk}


def test_unauthenticated_users_are_sent_to_login_from_every_non_public_url(ctx, client, db_state):
    before = db_state()
    checked = []
    for route in swept_routes():
        if route.name in PUBLIC:
            continue
        url, data = _url_for(route, ctx)
        got, posted = client.get(url), client.post(url, data)
        assert is_login_redirect(got, url) or (
            route.name in POST_ONLY and got.status_code == 405
        ), (route.name, got.status_code)
        assert is_login_redirect(posted, url), (route.name, posted.status_code)
        for response in (got, posted):
            assert b"Ann Example" not in response.content
        checked.append(route.name)
    assert set(checked) >= PERSON_URL_NAMES
    assert db_state() == before


def test_public_pages_open_without_signing_in(client, db):
    for name in ["login", "accounts:password_reset", "accounts:password_reset_done"]:
        assert client.get(reverse(name)).status_code == 200, name
    confirm = reverse("accounts:password_reset_confirm", args=["MQ", "not-a-token"])
    response = client.get(confirm)
    assert response.status_code == 200
    assert "This link has expired or been used" in response.content.decode()
    response = client.post(reverse("logout"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))  # see test_login.py for where it leads
    assert client.get(reverse("find:search")).status_code == 200
    assert client.get(reverse("find:service", args=[uuid.uuid4()])).status_code == 404


def test_the_login_redirect_keeps_where_the_user_was_going(ctx, client):
    url = reverse("people:summary", args=[ctx.person.pk])
    response = client.get(url)
    assert response.url == f"{reverse('login')}?next={url}"


def test_an_administrator_without_people_gets_no_person_data_from_home(administrator):
    client = client_for(administrator)
    response = client.get("/")
    assert response.status_code == 302
    assert response.url == reverse("admin:index")


def test_a_user_with_no_role_for_people_is_refused_the_lists(commissioner):
    client = client_for(commissioner)
    for page in ["/introductions/", "/introductions/new/", "/people/", "/team/"]:
        assert client.get(page).status_code == 403, page


def test_a_coordinator_is_refused_the_team_page(owner_client):
    assert owner_client.get("/team/").status_code == 403


def test_a_new_user_with_no_area_sees_nobody(ctx, db):
    nobody = make_user("new.starter@example.org")
    client = client_for(nobody)
    assert b"Ann Example" not in client.get("/people/?q=Ann").content
    assert client.get(reverse("people:summary", args=[ctx.person.pk])).status_code == 404
