"""The dashboard's figures: each one counted by the database for a chosen set of areas and a
period, and put through ``suppression`` before anyone sees it.

Every figure is a ``Figure``: a title, a note in plain words of how it is counted, and a
table of counts (rows and columns, with their totals) from which the page draws its chart.
The counts are of records (introductions, conversations, connections), each in one row and
one column, so that rows and columns add up to their totals: the equations suppression
protects. Where columns are separate counts of the same rows ("made", "went along", "still
connected at 3 months") the table says so (``across=False``) and only columns add up.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.db.models import Case, Count, F, OuterRef, Q, QuerySet, Subquery, Sum, Value, When
from django.db.models.functions import Coalesce

from alongside.accounts.models import Area
from alongside.communities import queries as communities
from alongside.communities.models import Relationship
from alongside.connections.models import (
    Connection,
    ConnectionKind,
    ConnectionStage,
    Contribution,
    FormalService,
    Gap,
    Need,
    Outcome,
    Theme,
)
from alongside.outcomes.models import (
    Confidence,
    CrisisAvoided,
    CrisisEvent,
    OutcomeDomain,
    OutcomeRating,
    Rating,
    Story,
    StoryUse,
)
from alongside.people.models import (
    CLOSED,
    Channel,
    Conversation,
    Easy,
    Helped,
    How,
    IntroducerFeedback,
    IntroducerKind,
    Introduction,
    Level,
    Person,
    Status,
    StepBackReason,
    SupportChange,
    SupportChangeKind,
)

from .periods import financial_year_label
from .suppression import HIDDEN_IN_TABLES, Table, table

WAITING = ("", "Not decided yet")
DECISIONS = [*Level.choices, ("not_now", "Not now"), (CLOSED, "Closed without a decision"), WAITING]
WAITS: list[
    tuple[str, str, int | None, int | None]
] = [  # days from an introduction to the first conversation after it
    ("week", "Within a week", 0, 7),
    ("fortnight", "8 to 14 days", 8, 14),
    ("month", "15 to 28 days", 15, 28),
    ("longer", "More than 28 days", 29, None),
    ("none", "No conversation yet", None, None),
]


@dataclass(frozen=True)
class Scope:
    """What a dashboard counts: people of these areas, things dated in this period."""

    areas: QuerySet[Area]
    start: date
    end: date
    suppress: bool  # for someone who may not see the people behind the figures
    # Every area there is (a commissioner's whole programme): nothing to narrow by area, so
    # the database is not asked to (it is much quicker without).
    every_area: bool = False
    # The prices costs and values are put into ("2024/25"); blank for the financial year the
    # period ends in.
    price_year: str = ""

    @property
    def prices(self) -> str:
        """The year whose prices the report's money is in."""
        return self.price_year or financial_year_label(self.end)

    @property
    def area_ids(self) -> QuerySet:
        return self.areas.values("pk")

    def in_areas(self, field: str = "area") -> Q:
        """Rows whose ``field`` (an area) is one of the scope's areas."""
        return Q() if self.every_area else Q(**{f"{field}__in": self.area_ids})

    def dated(self, field: str) -> Q:
        return Q(**{f"{field}__gte": self.start, f"{field}__lte": self.end})


@dataclass(frozen=True)
class Figure:
    key: str
    title: str
    how: str  # how it is counted, in plain words
    row_heading: str
    rows: list[str]
    columns: list[str]
    table: Table
    unit: str = "introductions"  # what the counts count, for the chart's words

    def rows_shown(self) -> list["RowShown"]:
        t = self.table
        with_totals = t.across and len(self.columns) > 1
        return [
            RowShown(
                label,
                [_words(t.shown(r, c)) for c in range(len(self.columns))],
                _words(t.shown_row_total(r)) if with_totals else None,
            )
            for r, label in enumerate(self.rows)
        ]

    def totals_shown(self) -> "RowShown":
        t = self.table
        with_totals = t.across and len(self.columns) > 1
        return RowShown(
            "All",
            [_words(t.shown_column_total(c)) for c in range(len(self.columns))],
            _words(t.shown_total()) if with_totals else None,
        )

    def spreadsheet_rows(self) -> list[list[Any]]:
        """The table as a spreadsheet has it: numbers as numbers, hidden ones as words."""
        t = self.table
        totals = self.has_row_totals

        def n(value: int | None) -> int | str:
            return HIDDEN_IN_TABLES if value is None else value

        rows: list[list[Any]] = [[self.row_heading, *self.columns, *(["All"] if totals else [])]]
        for r, label in enumerate(self.rows):
            rows.append(
                [
                    label,
                    *(n(t.shown(r, c)) for c in range(len(self.columns))),
                    *([n(t.shown_row_total(r))] if totals else []),
                ]
            )
        rows.append(
            [
                "All",
                *(n(t.shown_column_total(c)) for c in range(len(self.columns))),
                *([n(t.shown_total())] if totals else []),
            ]
        )
        return rows

    @property
    def has_row_totals(self) -> bool:
        return self.table.across and len(self.columns) > 1

    @property
    def empty(self) -> bool:
        return not any(any(row) for row in self.table.cells)


@dataclass(frozen=True)
class RowShown:
    label: str
    cells: list[str]
    total: str | None


def _words(n: int | None) -> str:
    return HIDDEN_IN_TABLES if n is None else f"{n:,}"


def live(queryset: QuerySet, scope: Scope, *, area: str = "person__area") -> QuerySet:
    """Records of people in the scope's areas, neither the record nor the person removed."""
    return queryset.filter(
        scope.in_areas(area),
        person__deleted_at__isnull=True,
        deleted_at__isnull=True,
    )


def _grid(
    queryset: QuerySet,
    rows: Iterable[tuple[Any, str]],
    row_field: str,
    columns: Iterable[tuple[Any, str]] | None = None,
    column_field: str | None = None,
    *,
    measure=None,
) -> list[list[int]]:
    """Counts (or ``measure``, such as a sum of quantities) of ``queryset`` by the value of
    ``row_field`` and ``column_field``, in the order of ``rows`` and ``columns``, grouped by
    the database."""
    row_keys = [key for key, _ in rows]
    column_keys: list[Any] = [key for key, _ in columns] if columns is not None else [None]
    fields = [row_field, *([column_field] if column_field else [])]
    found = {}
    for row in queryset.order_by().values(*fields).annotate(n=measure or Count("pk")):
        found[(row[row_field], row[column_field] if column_field else None)] = row["n"] or 0
    return [[found.get((r, c), 0) for c in column_keys] for r in row_keys]


def _figure(scope: Scope, key, title, how, row_heading, rows, columns, cells, **extra) -> Figure:
    across = extra.pop("across", True)
    return Figure(
        key=key,
        title=title,
        how=how,
        row_heading=row_heading,
        rows=[label for _, label in rows],
        columns=[label for _, label in columns],
        table=table(cells, suppress=scope.suppress, across=across, columns=len(columns)),
        **extra,
    )


def introductions(scope: Scope) -> list[Figure]:
    received = live(Introduction.objects.filter(scope.dated("received_on")), scope, area="area")
    return [
        _figure(
            scope,
            "introductions",
            "Introductions, by who introduced the person and what was decided",
            "Each introduction received in the period in these areas, by who made it and what "
            "the coordinator and the person decided (as it stands now). Someone introduced "
            "twice counts twice.",
            "Who introduced them",
            IntroducerKind.choices,
            DECISIONS,
            _grid(received, IntroducerKind.choices, "introducer_kind", DECISIONS, "decision"),
        ),
        _figure(
            scope,
            "channels",
            "Introductions, by how they arrived",
            "Each introduction received in the period in these areas, by how it reached the "
            "coordinator.",
            "How it arrived",
            Channel.choices,
            [("n", "Introductions")],
            _grid(received, Channel.choices, "channel"),
        ),
        _waits(scope, received),
    ]


def with_first_conversation(introductions: QuerySet) -> QuerySet:
    """``introductions`` each with ``first``: the day of the first conversation with the
    person on or after it was received, read from the (person, day) index."""
    first = Conversation.objects.filter(
        person=OuterRef("person"), on__gte=OuterRef("received_on"), deleted_at__isnull=True
    ).order_by("on")
    return introductions.annotate(first=Subquery(first.values("on")[:1]))


def made_on() -> Subquery:
    """A connection's first stage's day: when it was made."""
    stages = ConnectionStage.objects.filter(connection=OuterRef("pk")).order_by("on", "pk")
    return Subquery(stages.values("on")[:1])


def _waits(scope: Scope, received: QuerySet) -> Figure:
    waits = with_first_conversation(received).annotate(wait=F("first") - F("received_on"))
    counts = {}
    for key, _, low, high in WAITS:
        if key == "none":
            counts[key] = Count("pk", filter=Q(first__isnull=True))
        else:
            within = Q(wait__gte=timedelta(days=low or 0))
            if high is not None:
                within &= Q(wait__lte=timedelta(days=high))
            counts[key] = Count("pk", filter=within & Q(first__isnull=False))
    # Counted over a subquery (values, distinct), so that each first conversation is found
    # once, not again for each count.
    found = waits.values("pk", "first", "wait").distinct().aggregate(**counts)
    rows = [(key, label) for key, label, *_ in WAITS]
    return _figure(
        scope,
        "waits",
        "Time from introduction to the first conversation",
        "For each introduction received in the period, the days from the day it was received "
        "to the first conversation with the person on or after it (a conversation may be on "
        "the same day).",
        "Days",
        rows,
        [("n", "Introductions")],
        [[found[key]] for key, _ in rows],
    )


def support(scope: Scope) -> list[Figure]:
    changes = live(SupportChange.objects.filter(scope.dated("on")), scope)
    return [
        _figure(
            scope,
            "support",
            "Support decided, by level",
            "Each decision in the period to support someone, by the level of support decided "
            "with them: information, a connection, short-term support or walking alongside.",
            "Level of support",
            Level.choices,
            [("n", "Decisions")],
            _grid(changes.filter(kind=SupportChangeKind.DECIDED), Level.choices, "level"),
            unit="decisions",
        ),
        _figure(
            scope,
            "stepped_back",
            "Stepping back, by reason",
            "Each time in the period a coordinator stepped back from walking alongside someone, "
            "by the reason recorded.",
            "Why",
            StepBackReason.choices,
            [("n", "Times")],
            _grid(
                changes.filter(kind=SupportChangeKind.STEPPED_BACK),
                StepBackReason.choices,
                "reason",
            ),
            unit="times",
        ),
        _figure(
            scope,
            "conversations",
            "Conversations, by how they happened",
            "Each conversation with a person recorded in the period, by how it happened.",
            "How",
            How.choices,
            [("n", "Conversations")],
            _grid(live(Conversation.objects.filter(scope.dated("on")), scope), How.choices, "how"),
            unit="conversations",
        ),
    ]


CONNECTION_COLUMNS = [
    ("made", "Made"),
    ("went_along", "Went along"),
    ("sustained", "Still connected at 3 months"),
]


def connections(scope: Scope) -> list[Figure]:
    people = live(Connection.objects.all(), scope)
    made = people.annotate(first=made_on()).filter(first__gte=scope.start, first__lte=scope.end)
    columns = [
        _grid(made, ConnectionKind.choices, "kind"),
        _grid(people.filter(scope.dated("went_along_on")), ConnectionKind.choices, "kind"),
        _grid(people.filter(scope.dated("sustained_on")), ConnectionKind.choices, "kind"),
    ]
    cells = [[column[r][0] for column in columns] for r in range(len(ConnectionKind.choices))]
    contributions = live(Contribution.objects.all(), scope)
    going = Q(since__lte=scope.end) & (Q(ended_on__isnull=True) | Q(ended_on__gte=scope.start))
    contribution_rows = [("started", "Started in the period"), ("going", "Going on in the period")]
    return [
        _figure(
            scope,
            "connections",
            "Connections with community resources, chances to contribute and other people",
            "Each connection, by what the person was connected with: made (first recorded) in "
            "the period; went along in the period; and still connected 3 months after going "
            "along, reached in the period. The columns count the same connections at "
            "different steps, so they do not add up across.",
            "Connected with",
            ConnectionKind.choices,
            CONNECTION_COLUMNS,
            cells,
            across=False,
            unit="connections",
        ),
        _figure(
            scope,
            "contributions",
            "Contributions people make",
            "Each contribution a person makes (giving their time, gifts or skills): those that "
            "started in the period, and those going on at some point in it (started ones "
            "included).",
            "Contributions",
            contribution_rows,
            [("n", "Contributions")],
            [
                [contributions.filter(scope.dated("since")).count()],
                [contributions.filter(going).count()],
            ],
            across=False,
            unit="contributions",
        ),
        _figure(
            scope,
            "formal_services",
            "Formal services asked for, and what was decided",
            "Each formal service asked for in the period (adult social care, benefits, housing, "
            "health and others), by what was decided so far.",
            "Kind of service",
            Need.choices,
            Outcome.choices,
            _grid(
                live(FormalService.objects.filter(scope.dated("applied_on")), scope),
                Need.choices,
                "need",
                Outcome.choices,
                "outcome",
            ),
            unit="services asked for",
        ),
        _figure(
            scope,
            "gaps",
            "Gaps: what people looked for and did not find",
            "Each unmet need a coordinator recorded in the period in these areas, by theme.",
            "Theme",
            Theme.choices,
            [("n", "Gaps")],
            _grid(
                live(Gap.objects.filter(scope.dated("on")), scope, area="area"),
                Theme.choices,
                "theme",
            ),
            unit="gaps",
        ),
    ]


def crises(scope: Scope) -> list[Figure]:
    events = live(CrisisEvent.objects.filter(scope.dated("on")), scope)
    avoided = live(CrisisAvoided.objects.filter(scope.dated("on")), scope)
    kinds = sorted(
        {
            *events.values_list("event_type__code", "event_type__description"),
            *avoided.values_list("likely_event__code", "likely_event__description"),
        },
        key=lambda kind: kind[1],
    )
    quantity = Coalesce(Sum("quantity"), 0)
    return [
        _figure(
            scope,
            "crises",
            "Crises people went through",
            "Each crisis recorded in the period (an emergency admission, an eviction, a police "
            "call-out…), counting its quantity (two nights in hospital count two).",
            "Kind of crisis",
            kinds,
            [("n", "Crises")],
            _grid(events, kinds, "event_type__code", measure=quantity),
            unit="crises",
        ),
        _figure(
            scope,
            "crises_avoided",
            "Crises avoided, by how sure we are",
            "Each crisis that was likely without support and did not happen, recorded in the "
            "period, counting its quantity, by the coordinator's confidence that it would "
            "otherwise have happened.",
            "Kind of crisis",
            kinds,
            Confidence.choices,
            _grid(
                avoided,
                kinds,
                "likely_event__code",
                Confidence.choices,
                "confidence",
                measure=quantity,
            ),
            unit="crises avoided",
        ),
    ]


def ratings_and_stories(scope: Scope) -> list[Figure]:
    domains = [(d.pk, d.name) for d in OutcomeDomain.objects.order_by("order", "name")]
    ratings = live(OutcomeRating.objects.filter(scope.dated("on")), scope)
    stories = live(Story.objects.filter(consent_withdrawn_on__isnull=True), scope).filter(
        scope.dated("consent_given_on")
    )
    uses = [
        (StoryUse.COUNCIL.value, StoryUse.COUNCIL.label),
        (StoryUse.PUBLIC.value, StoryUse.PUBLIC.label),
    ]
    return [
        _figure(
            scope,
            "ratings",
            "How people rated their life, by domain",
            "Each rating a person gave in the period of how things are for them in a part of "
            "their life, from 1 (not at all) to 5 (completely).",
            "Part of life",
            domains,
            Rating.choices,
            _grid(ratings, domains, "domain", Rating.choices, "rating"),
            unit="ratings",
        ),
        _figure(
            scope,
            "stories",
            "Stories people agreed can be used in reports",
            "Each story whose consent was given in the period and not withdrawn since, by the "
            "widest use the person agreed to.",
            "May be used",
            uses,
            [("n", "Stories")],
            _grid(stories.filter(consent_use__in=[u for u, _ in uses]), uses, "consent_use"),
            unit="stories",
        ),
    ]


def people(scope: Scope) -> list[Figure]:
    areas = [(a.pk, a.name) for a in scope.areas.order_by("name")]
    everyone = Person.objects.live().filter(scope.in_areas())
    return [
        _figure(
            scope,
            "people",
            "People, by area and where things stand",
            "Everyone introduced in these areas and not removed, as things stand today (not "
            "only in the period): a new introduction not yet decided, supported, not now, or "
            "stepped back.",
            "Area",
            areas,
            Status.choices,
            _grid(everyone, areas, "area", Status.choices, "status"),
            unit="people",
        )
    ]


def community(scope: Scope) -> list[Figure]:
    """Community building in the areas: conversations, partners, projects, who would like
    to get involved (``communities.queries`` counts them)."""
    areas = [(a.pk, a.name) for a in scope.areas.order_by("name")]
    held = communities.conversations_held(scope.start, scope.end).filter(scope.in_areas())
    talked = _grid(held, areas, "area")
    there = _grid(held, areas, "area", measure=Coalesce(Sum("people_there"), 0))
    started = communities.projects_started(scope.start, scope.end).filter(scope.in_areas())
    going = communities.projects_going().filter(scope.in_areas())
    parts = communities.people_in_projects().filter(scope.in_areas("project__area"))
    contributing = parts.filter(
        Q(role__in=["contributes", "leads"]) | Q(contribution__isnull=False)
    )
    involved = communities.involvements_recorded(scope.start, scope.end).filter(
        scope.in_areas("person__area")
    )
    columns = [
        _grid(started, areas, "area"),
        _grid(going, areas, "area"),
        _grid(parts, areas, "project__area"),
        _grid(contributing, areas, "project__area"),
    ]
    project_cells = [[column[r][0] for column in columns] for r in range(len(areas))]
    return [
        _figure(
            scope,
            "community_conversations",
            "Community conversations, by area",
            "Each community conversation held in the period (a coffee morning, a stall, a "
            "residents' meeting), and how many people took part in them, as the coordinator "
            "counted.",
            "Area",
            areas,
            [("held", "Conversations held"), ("there", "People who took part")],
            [[t[0], p[0]] for t, p in zip(talked, there, strict=True)],
            across=False,
            unit="conversations",
        ),
        _figure(
            scope,
            "partners",
            "Partners, by how the relationship is",
            "Every partner recorded in these areas (local businesses, groups, organisations and "
            "services), as the relationship stands today.",
            "Area",
            areas,
            Relationship.choices,
            _grid(
                communities.partners_known().filter(scope.in_areas()),
                areas,
                "area",
                Relationship.choices,
                "relationship",
            ),
            unit="partners",
        ),
        _figure(
            scope,
            "projects",
            "Community projects",
            "Projects started in the period; projects getting started or running today; and, "
            "in those, the people taking part and the people contributing (giving time, skills "
            "or things, or leading it) who agreed to be named (someone in two projects counts "
            "twice).",
            "Area",
            areas,
            [
                ("started", "Started in the period"),
                ("going", "Going today"),
                ("people", "People taking part"),
                ("contributing", "People contributing"),
            ],
            project_cells,
            across=False,
            unit="projects",
        ),
        _figure(
            scope,
            "involved",
            "People who would like to get involved",
            "People who said in the period that they would like to get involved in their "
            "area's community life, and agreed to be named for it.",
            "Area",
            areas,
            [("n", "People")],
            _grid(involved, areas, "person__area"),
            unit="people",
        ),
    ]


def feedback(scope: Scope) -> list[Figure]:
    """What introducers answered to the two questions under the "we have been in touch"
    email, in the months of the period (answers are kept by month, nothing finer)."""
    answers = IntroducerFeedback.objects.filter(
        scope.in_areas(), month__gte=scope.start.replace(day=1), month__lte=scope.end
    )
    kinds = [("people", "Family, friends or neighbours"), ("services", "Services and others")]
    answers = answers.annotate(
        who=Case(
            When(
                introducer_kind__in=[IntroducerKind.FAMILY, IntroducerKind.FRIEND],
                then=Value("people"),
            ),
            default=Value("services"),
        )
    )
    how = (
        "Each answer given in the months of the period by someone who made an introduction in "
        "these areas, from the link in the email telling them a coordinator has been in touch "
        "with the person (people who introduce themselves are not sent it). Answers are "
        "anonymous, so someone who answered twice, from two emails, counts twice."
    )
    return [
        _figure(
            scope,
            "feedback_easy",
            "Was it easy to make the introduction?",
            how,
            "Answer",
            Easy.choices,
            kinds,
            _grid(answers, Easy.choices, "easy", kinds, "who"),
            unit="answers",
        ),
        _figure(
            scope,
            "feedback_helped",
            "Has Local Area Coordination helped?",
            how,
            "Answer",
            Helped.choices,
            kinds,
            _grid(answers, Helped.choices, "helped", kinds, "who"),
            unit="answers",
        ),
    ]


SECTIONS = [
    ("People", people),
    ("Introductions", introductions),
    ("What introducers said", feedback),
    ("Support and conversations", support),
    ("Connections and contributions", connections),
    ("Crises", crises),
    ("Outcomes and stories", ratings_and_stories),
    ("Community", community),
]


def dashboard(scope: Scope) -> list[tuple[str, list[Figure]]]:
    """Every figure for ``scope``, in sections."""
    return [(title, build(scope)) for title, build in SECTIONS]
