"""The evaluator's extract: every event behind the dashboard, one row each, with no names,
contact details or free text, people known only by pseudonyms.

A pseudonym is a keyed hash of the person's id with a key made for that one extract and
never kept: the same person has the same pseudonym in every file of an extract, and a
different one in the next, so two extracts cannot be joined. Dates stay (the figures count
by them); ages, postcodes and anything typed do not. ``DICTIONARY`` says what each column
is; from the files an evaluator can count every dashboard figure again.

Whoever downloads it must be able to see the people in it (a manager, for their teams):
pseudonymised records are still personal data.
"""

import csv
import hashlib
import hmac
import io
import secrets
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import QuerySet

from alongside.accounts.models import User
from alongside.accounts.scoping import areas_for, scoped
from alongside.audit.models import Action, RecordType
from alongside.audit.services import audit_many
from alongside.communities import queries as communities
from alongside.communities.models import Project
from alongside.connections.models import (
    Connection,
    Contribution,
    FormalService,
    Gap,
)
from alongside.networks.models import NetworkSnapshot
from alongside.outcomes.models import (
    CrisisAvoided,
    CrisisEvent,
    MeasureResponse,
    OutcomeRating,
)
from alongside.people.models import (
    Conversation,
    IntroducerFeedback,
    Introduction,
    Person,
    SupportChange,
)
from alongside.spreadsheets import safe_cell

from .figures import Scope, live, made_on, with_first_conversation
from .report import Progress, quiet


@dataclass(frozen=True)
class File:
    name: str
    about: str
    columns: list[tuple[str, str]]  # name, meaning
    rows: Callable[[Scope, User], Iterable[tuple]]  # the first value is a person's id
    personal: bool = True  # False: the area's own records, with no person in them


def mine(user: User, queryset: QuerySet, scope: Scope, *, area: str = "person__area") -> QuerySet:
    """The scope's live records that ``user`` may see: through the scoping function, as every
    read of personal data is."""
    return scoped(user, live(queryset, scope, area=area))


def _people(scope: Scope, user: User) -> QuerySet:
    return (
        scoped(user, Person.objects.filter(scope.in_areas()))
        .order_by("pk")
        .values_list("pk", "area__name", "status", "level")
    )


def _introductions(scope: Scope, user: User) -> Iterable[tuple]:
    received = mine(
        user, Introduction.objects.filter(scope.dated("received_on")), scope, area="area"
    )
    return (
        with_first_conversation(received)
        .order_by("pk")
        .values_list(
            "person", "area__name", "received_on", "introducer_kind", "channel", "decision", "first"
        )
    )


def _dated(model, field: str, *columns: str, area: str = "person__area") -> Callable:
    def rows(scope: Scope, user: User) -> Iterable[tuple]:
        return (
            mine(user, model.objects.filter(scope.dated(field)), scope, area=area)
            .order_by("pk")
            .values_list("person", *columns)
        )

    return rows


def _connections(scope: Scope, user: User) -> Iterable[tuple]:
    return (
        mine(user, Connection.objects.all(), scope)
        .annotate(made=made_on())
        .order_by("pk")
        .values_list("person", "kind", "stage", "made", "went_along_on", "sustained_on")
    )


def _contributions(scope: Scope, user: User) -> Iterable[tuple]:
    return (
        mine(user, Contribution.objects.all(), scope)
        .order_by("pk")
        .values_list("person", "since", "ended_on")
    )


def _measures(scope: Scope, user: User) -> Iterable[tuple]:
    rows = (
        mine(user, MeasureResponse.objects.filter(complete=True, taken_on__lte=scope.end), scope)
        .order_by("pk")
        .values_list("person", "measure", "taken_on", "scores")
    )
    for person, measure, on, scores in rows:
        for i, score in enumerate(scores or []):
            yield person, measure, i, score.get("label", ""), on, score.get("value")


def _crises_avoided(scope: Scope, user: User) -> Iterable[tuple]:
    rows = (
        mine(user, CrisisAvoided.objects.filter(scope.dated("on")), scope)
        .order_by("pk")
        .values_list("person", "on", "likely_event__code", "quantity", "confidence", "confirmed_by")
    )
    for person, on, code, quantity, confidence, confirmed_by in rows:
        yield person, on, code, quantity, confidence, "yes" if confirmed_by else "no"


def _snapshots(scope: Scope, user: User) -> Iterable[tuple]:
    return (
        mine(user, NetworkSnapshot.objects.filter(scope.dated("taken_on")), scope)
        .order_by("pk")
        .values_list("person", "taken_on", "size", "unpaid")
    )


def _yours(user: User, queryset: QuerySet, scope: Scope, area: str = "area") -> QuerySet:
    """An area's own records (no person in them) in the scope's areas the user may see."""
    return queryset.filter(scope.in_areas(area), **{f"{area}__in": areas_for(user).values("pk")})


def _community_conversations(scope: Scope, user: User) -> Iterable[tuple]:
    held = communities.conversations_held(scope.start, scope.end)
    return (
        _yours(user, held, scope)
        .order_by("on", "pk")
        .values_list("area__name", "on", "people_there")
    )


def _partners(scope: Scope, user: User) -> Iterable[tuple]:
    known = communities.partners_known()
    return (
        _yours(user, known, scope).order_by("pk").values_list("area__name", "kind", "relationship")
    )


def _projects(scope: Scope, user: User) -> Iterable[tuple]:
    return (
        _yours(user, Project.objects.live(), scope)
        .order_by("pk")
        .values_list("pk", "area__name", "started_on", "status")
    )


def _project_people(scope: Scope, user: User) -> Iterable[tuple]:
    parts = scoped(user, communities.people_in_projects().filter(scope.in_areas("project__area")))
    for person, project, role, contribution in parts.order_by("pk").values_list(
        "person", "project", "role", "contribution"
    ):
        yield person, project, role, "yes" if contribution else "no"


def _involvements(scope: Scope, user: User) -> Iterable[tuple]:
    recorded = communities.involvements_recorded(scope.start, scope.end).filter(
        scope.in_areas("person__area")
    )
    return (
        scoped(user, recorded)
        .order_by("pk")
        .values_list("person", "person__area__name", "agreed_on")
    )


def _introducer_feedback(scope: Scope, user: User) -> Iterable[tuple]:
    answers = IntroducerFeedback.objects.filter(
        month__gte=scope.start.replace(day=1), month__lte=scope.end
    )
    return (
        _yours(user, answers, scope)
        .order_by("pk")
        .values_list("area__name", "month", "introducer_kind", "easy", "helped")
    )


PERSON = ("person", "The person's pseudonym in this extract")
FILES = [
    File(
        "people.csv",
        "Everyone introduced in the areas and not removed, as things stand on the day of the "
        "extract.",
        [
            PERSON,
            ("area", "Their area"),
            ("status", "new, active (supported), not_now or stepped_back"),
            (
                "level",
                "information, connection, short_term or walking_alongside (blank: not decided)",
            ),
        ],
        _people,
    ),
    File(
        "introductions.csv",
        "Each introduction received in the period.",
        [
            PERSON,
            ("area", "The area it came to"),
            ("received_on", "The day it was received"),
            ("introducer_kind", "Who made it"),
            ("channel", "How it arrived"),
            ("decision", "What was decided (blank: not yet; closed: closed without a decision)"),
            (
                "first_conversation_on",
                "The first conversation with the person on or after received_on",
            ),
        ],
        _introductions,
    ),
    File(
        "support_changes.csv",
        "Each change in support in the period.",
        [
            PERSON,
            ("kind", "decided, stepped_back, reopened or level_changed"),
            ("on", "The day"),
            ("level", "The level decided"),
            ("reason", "Why stepped back (a code)"),
        ],
        _dated(SupportChange, "on", "kind", "on", "level", "reason"),
    ),
    File(
        "conversations.csv",
        "Each conversation in the period.",
        [PERSON, ("on", "The day"), ("how", "in_person, phone, video, message or group")],
        _dated(Conversation, "on", "on", "how"),
    ),
    File(
        "connections.csv",
        "Every connection of the people in the areas (whatever its dates: filter by them).",
        [
            PERSON,
            ("kind", "resource, group, opportunity or person"),
            ("stage", "Where it stands"),
            ("made_on", "Its first stage's day"),
            ("went_along_on", "The day they went along"),
            ("sustained_on", "The day it was still going 3 months after going along"),
        ],
        _connections,
    ),
    File(
        "contributions.csv",
        "Every contribution the people make.",
        [PERSON, ("since", "Since when"), ("ended_on", "When it stopped (blank: going on)")],
        _contributions,
    ),
    File(
        "formal_services.csv",
        "Each formal service asked for in the period.",
        [
            PERSON,
            ("need", "The kind of service"),
            ("outcome", "What was decided"),
            ("applied_on", "The day it was asked for"),
        ],
        _dated(FormalService, "applied_on", "need", "outcome", "applied_on"),
    ),
    File(
        "gaps.csv",
        "Each gap (unmet need) recorded in the period in the areas.",
        [PERSON, ("theme", "The theme"), ("on", "The day")],
        _dated(Gap, "on", "theme", "on", area="area"),
    ),
    File(
        "crises.csv",
        "Each crisis recorded in the period.",
        [PERSON, ("on", "The day"), ("kind", "The unit cost's code"), ("quantity", "How many")],
        _dated(CrisisEvent, "on", "on", "event_type__code", "quantity"),
    ),
    File(
        "crises_avoided.csv",
        "Each crisis avoided recorded in the period.",
        [
            PERSON,
            ("on", "The day"),
            ("kind", "The unit cost's code of what was likely"),
            ("quantity", "How many"),
            ("confidence", "low, medium or high"),
            ("confirmed", "yes when a service confirmed it"),
        ],
        _crises_avoided,
    ),
    File(
        "ratings.csv",
        "Each outcome rating given in the period.",
        [
            PERSON,
            ("domain", "The part of life"),
            ("on", "The day"),
            ("rating", "1 (not at all) to 5 (completely)"),
        ],
        _dated(OutcomeRating, "on", "domain__name", "on", "rating"),
    ),
    File(
        "measures.csv",
        "Every score of every complete wellbeing measure up to the end of the period (baselines "
        "may be before it).",
        [
            PERSON,
            ("measure", "The measure's code"),
            ("score", "Which score of it (0 first)"),
            ("label", "The score's name"),
            ("taken_on", "The day"),
            ("value", "The score"),
        ],
        _measures,
    ),
    File(
        "network_snapshots.csv",
        "Each network review (snapshot) in the period.",
        [
            PERSON,
            ("taken_on", "The day"),
            ("size", "People and groups in the network"),
            ("unpaid", "Relationships that are not paid"),
        ],
        _snapshots,
    ),
]
FILES += [
    File(
        "community_conversations.csv",
        "Each community conversation in the period (the area's, no person in it).",
        [
            ("area", "The area"),
            ("on", "The day"),
            ("people_there", "How many people took part, as the coordinator counted"),
        ],
        _community_conversations,
        personal=False,
    ),
    File(
        "partners.csv",
        "Every partner of the areas, as things stand (no person in it).",
        [
            ("area", "The area"),
            ("kind", "business, community, voluntary, faith, education, health, housing…"),
            ("relationship", "interested, getting_to_know, working_together, paused or ended"),
        ],
        _partners,
        personal=False,
    ),
    File(
        "projects.csv",
        "Every community project of the areas (no person in it).",
        [
            ("project", "A number for the project, as in project_people.csv"),
            ("area", "The area"),
            ("started_on", "The day it started"),
            ("status", "idea, starting, running, paused or ended"),
        ],
        _projects,
        personal=False,
    ),
    File(
        "project_people.csv",
        "Each person's part in a community project, as things stand.",
        [
            PERSON,
            ("project", "The project's number in projects.csv"),
            ("role", "takes_part, contributes or leads"),
            ("has_contribution", "yes if linked to one of the person's contributions"),
        ],
        _project_people,
    ),
    File(
        "involvements.csv",
        "Each person who said in the period they would like to get involved in their area.",
        [PERSON, ("area", "Their area"), ("agreed_on", "When they agreed to be named")],
        _involvements,
    ),
    File(
        "introducer_feedback.csv",
        "Each answer to the two questions sent to whoever introduced someone, once a "
        "coordinator had been in touch, in the months of the period (anonymous: no person in "
        "it).",
        [
            ("area", "The area"),
            ("month", "The first day of the month it was given"),
            ("introducer_kind", "family, friend, health, council, housing… (never self)"),
            ("easy", "Was it easy to make the introduction: yes, mostly or no"),
            ("helped", "Has it helped: yes, a_little, no or too_soon"),
        ],
        _introducer_feedback,
        personal=False,
    ),
]
DICTIONARY = [(f.name, column, meaning) for f in FILES for column, meaning in f.columns]


def pseudonymiser() -> Callable[[int], str]:
    """A pseudonym for each person id, from a key made now and never kept."""
    key = secrets.token_bytes(32)

    def pseudonym(person_id: int) -> str:
        digest = hmac.new(key, str(person_id).encode(), hashlib.sha256).hexdigest()
        return f"P-{digest[:12]}"

    return pseudonym


def _text(value: Any) -> Any:
    return "" if value is None else safe_cell(value)


def _file_rows(file: File, scope: Scope, user: User, exported: set[int]) -> list[tuple]:
    """One file's rows, each person in it not yet in the extract written to the audit trail
    as exported, in the transaction that reads them."""
    with transaction.atomic():
        rows = list(file.rows(scope, user))
        new = sorted({person for person, *_ in rows} - exported)
        audit_many(
            user=user,
            action=Action.EXPORTED,
            record_type=RecordType.PERSON,
            records=((person, None) for person in new),
            fields=["pseudonymised extract for an evaluator"],
        )
    exported.update(new)
    return rows


def extract_zip(*, user: User, scope: Scope, progress: Progress = quiet) -> bytes:
    """The extract for ``scope``, as a ZIP of CSV files with a data dictionary: only what
    ``user`` may see, each person in it written to the audit trail as exported."""
    pseudonym = pseudonymiser()
    out = io.BytesIO()
    exported: set[int] = set()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for file in FILES:
            progress(f"Writing {file.name}")
            buffer = io.StringIO()
            writer = csv.writer(buffer)
            writer.writerow([name for name, _ in file.columns])
            if not file.personal:
                writer.writerows([_text(v) for v in row] for row in file.rows(scope, user))
            else:
                for person, *rest in _file_rows(file, scope, user, exported):
                    writer.writerow([pseudonym(person), *(_text(v) for v in rest)])
            archive.writestr(file.name, buffer.getvalue())
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(["file", "column", "meaning"])
        writer.writerows(DICTIONARY)
        writer.writerow(
            ["(all)", "(period)", f"{scope.start.isoformat()} to {scope.end.isoformat()}"]
        )
        archive.writestr("data_dictionary.csv", buffer.getvalue())
        archive.writestr(
            "README.txt",
            "Alongside: the events behind the impact dashboard, pseudonymised.\n"
            f"Areas: {', '.join(scope.areas.order_by('name').values_list('name', flat=True))}\n"
            f"Period: {scope.start.isoformat()} to {scope.end.isoformat()}\n"
            "People are known only by pseudonyms, the same in every file of this extract and "
            "different in any other. No names, contact details or free text. Small numbers are "
            "not hidden: this is personal data, to keep under your data sharing agreement.\n",
        )
    return out.getvalue()
