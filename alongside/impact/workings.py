"""How a number on the dashboard was worked out: each step of the arithmetic behind cost
avoidance and each outcome's social value, and, for a manager, the events behind it,
anonymised (numbered, with no name, pseudonym, contact details or free text).

The events are read through the scoping function, and each person behind them is written
to the audit trail in the same transaction; someone who may not see the people (small
numbers hidden) sees the arithmetic only.
"""

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from decimal import Decimal

from django.core.paginator import Page, Paginator
from django.db import transaction
from django.db.models import QuerySet

from alongside.accounts.models import User
from alongside.accounts.scoping import scoped
from alongside.audit.models import Action, RecordType
from alongside.audit.services import audit_many
from alongside.connections.models import ConnectionKind
from alongside.outcomes.models import Confidence, CrisisAvoided

from . import costs, social_value
from .figures import Scope, live, made_on
from .models import Valued

KEYS = ["cost_avoidance", *Valued.values]
PAGE = 100  # events shown at a time
WITHHELD = (
    "The events behind it are listed for managers, who can see the people, and are in the "
    "evaluator's extract."
)


@dataclass(frozen=True)
class Events:
    columns: list[str]
    rows: list[list[str]]
    adds_up: str  # what all the rows add up to, in words
    people: list[int] = field(default_factory=list, repr=False)  # each row's person
    page: Page | None = None  # the rows shown, a page at a time


@dataclass(frozen=True)
class Workings:
    key: str
    title: str
    how: str
    hidden: bool  # fewer than 5 behind it, for someone who may not see them
    steps: list[tuple[str, str]] = field(default_factory=list)  # what, how much
    years: list[tuple[int, str, str, str]] = field(default_factory=list)
    events: Events | None = None
    withheld: str = ""  # why the events are not shown


def _change(points: float) -> str:
    return f"{points:+g}" if points else "0"


def _day(on) -> str:
    return f"{on:%-d %b %Y}" if on else ""


def _audited(user: User, people: set[int]) -> None:
    audit_many(
        user=user,
        action=Action.VIEWED,
        record_type=RecordType.PERSON,
        records=((person, None) for person in sorted(people)),
        fields=["impact: the events behind a figure"],
    )


def _listed(user: User, queryset: QuerySet, *columns: str) -> tuple[list[tuple], list[int]]:
    rows = list(scoped(user, queryset).values_list("person", "person__area__name", *columns))
    return [row[1:] for row in rows], [row[0] for row in rows]


def _cost_events(scope: Scope, user: User, found: costs.CostAvoidance) -> Events:
    unit = {row.code: row.unit_cost for row in found.rows}
    confidence = dict(Confidence.choices)
    rows, people = _listed(
        user,
        live(CrisisAvoided.objects.filter(scope.dated("on")), scope).order_by("on", "pk"),
        "on",
        "likely_event__code",
        "likely_event__description",
        "quantity",
        "confidence",
        "confirmed_by",
    )
    listed, total = [], Decimal(0)
    for area, on, code, kind, quantity, level, confirmed_by in rows:
        cost = None if unit.get(code) is None else unit[code] * quantity
        total += cost or 0
        listed.append(
            [
                area,
                _day(on),
                kind,
                f"{quantity:,}",
                confidence.get(level, level),
                "Yes" if confirmed_by else "No",
                "no unit cost" if cost is None else f"£{cost:,}",
            ]
        )
    return Events(
        ["Area", "On", "What was likely", "How many", "Confidence", "Confirmed by a service"]
        + ["Would have cost"],
        listed,
        f"{len(listed):,} crises avoided, which would have cost £{total:,} in all (the "
        "dashboard rounds each level of confidence to whole pounds).",
        people,
    )


def cost_workings(scope: Scope, user: User, page: str = "1") -> Workings:
    found = costs.cost_avoidance(scope)
    steps = [
        (
            f"{row.kind} ({row.unit})",
            "no sourced unit cost: counted, never costed"
            if row.unit_cost is None
            else f"£{row.unit_cost:,} at {row.price_year} prices. Source: {row.source}",
        )
        for row in found.rows
    ]
    steps += [
        (f"Cost avoided, {level.lower()} confidence", costs.pounds(amount))
        for level, amount in zip(found.levels, found.by_level, strict=True)
    ]
    steps += [
        ("Cost avoided, in all", found.total_shown),
        ("Of which confirmed by a service", found.confirmed_shown),
    ]
    return _with_events(
        Workings(
            key="cost_avoidance",
            title=found.title,
            how=found.how,
            hidden=False,  # each amount is shown or hidden as on the dashboard
            steps=steps,
        ),
        scope,
        user,
        lambda: _cost_events(scope, user, found),
        page,
    )


def _life_satisfaction_events(scope: Scope, user: User) -> Events:
    measured: QuerySet = social_value.life_satisfaction_measured(scope, with_days=True)
    rows = list(
        scoped(user, measured)
        .order_by("base_on", "pk")
        .values_list("pk", "area__name", "base_on", "base", "latest_on", "latest")
    )
    gained = sum((Decimal(str(r[5])) - Decimal(str(r[3])) for r in rows), Decimal(0))
    return Events(
        ["Area", "Baseline on", "Baseline", "Follow-up on", "Follow-up", "Change"],
        [
            [area, _day(base_on), f"{base:g}", _day(on), f"{latest:g}", _change(latest - base)]
            for _, area, base_on, base, on, latest in rows
        ],
        f"{len(rows):,} people, whose changes add up to {gained.normalize():,f} points (a "
        "quantity below nothing is claimed as nothing).",
        [row[0] for row in rows],
    )


def _connection_events(scope: Scope, user: User) -> Events:
    kinds = dict(ConnectionKind.choices)
    rows, people = _listed(
        user,
        social_value.connections_sustained_measured(scope)
        .annotate(made=made_on())
        .order_by("sustained_on", "pk"),
        "kind",
        "made",
        "sustained_on",
    )
    return Events(
        ["Area", "Kind", "Made on", "Still going on"],
        [[area, kinds.get(k, k), _day(made), _day(on)] for area, k, made, on in rows],
        f"{len(rows):,} connections still going at 3 months.",
        people,
    )


def _contribution_events(scope: Scope, user: User) -> Events:
    rows, people = _listed(
        user,
        social_value.contributions_sustained_measured(scope).order_by("since", "pk"),
        "since",
        "ended_on",
    )
    return Events(
        ["Area", "Since", "Ended on"],
        [[area, _day(since), _day(ended) or "Still going"] for area, since, ended in rows],
        f"{len(rows):,} contributions still going at 3 months.",
        people,
    )


EVENTS = {
    Valued.LIFE_SATISFACTION: _life_satisfaction_events,
    Valued.CONNECTION_SUSTAINED: _connection_events,
    Valued.CONTRIBUTION_SUSTAINED: _contribution_events,
}


def value_workings(scope: Scope, user: User, outcome: Valued, page: str = "1") -> Workings | None:
    """The arithmetic of one outcome's social value; None when it has no financial proxy."""
    found = social_value.social_value(scope)
    line = next((li for li in found.lines if li.proxy.outcome == outcome), None)
    if line is None:
        return None
    proxy, worked = line.proxy, line.worked
    title = f"Social value: {line.name[0].lower()}{line.name[1:]}"
    if line.hidden:
        return Workings(outcome.value, title, social_value.SocialValue.how, hidden=True)

    def share(percent: Decimal) -> str:
        return f"{percent.normalize():f}%"

    steps = [
        ("Quantity", f"{line.quantity}: {MEASURED_HOW[outcome]}"),
        (
            "Financial proxy",
            f"£{proxy.value_gbp:,} a year at {proxy.price_year} prices. Source: {proxy.source} "
            f"({proxy.licence})",
        ),
    ]
    if line.index_words:
        steps.append((f"At {line.price_year} prices", line.index_words))
    steps += [
        ("Value in the first year", f"{line.quantity} × £{line.value:,} = {line.first_year}"),
        (
            "Less what would have happened anyway, what was only moved, and what others did",
            f"{line.first_year} × (1 − {share(proxy.deadweight_percent)} deadweight) × (1 − "
            f"{share(proxy.displacement_percent)} displacement) × (1 − "
            f"{share(proxy.attribution_percent)} attribution) = {line.impact}",
        ),
        (
            "Over the years it lasts",
            f"{proxy.duration_years} year{'s' if proxy.duration_years != 1 else ''}, each "
            f"keeping {share(100 - proxy.drop_off_percent)} of the year before, each "
            "discounted at the Green Book's rates (below)",
        ),
        ("Present value", line.present_value),
    ]
    years = [
        (
            y.year,
            social_value.money(y.value),
            f"{y.factor.quantize(Decimal('0.0001'))}",
            social_value.money(y.present),
        )
        for y in worked.years
    ]
    return _with_events(
        Workings(outcome.value, title, social_value.SocialValue.how, False, steps, years),
        scope,
        user,
        lambda: EVENTS[outcome](scope, user),
        page,
    )


MEASURED_HOW = {
    Valued.LIFE_SATISFACTION: "points of life satisfaction gained (ONS4's first question, 0 "
    "to 10): each person's latest score in the period, 3 months or more after their first "
    "(their baseline), minus that baseline, added up",
    Valued.CONNECTION_SUSTAINED: "connections still going at 3 months, reached in the period",
    Valued.CONTRIBUTION_SUSTAINED: "contributions that reached 3 months in the period and "
    "had not stopped by then",
}


def _with_events(
    workings: Workings, scope: Scope, user: User, events: Callable[[], Events], number: str
) -> Workings:
    """The workings, with the events behind them for someone who may see the people."""
    if scope.suppress:
        return replace(workings, withheld=WITHHELD)
    with transaction.atomic():
        found = events()
        page = Paginator(list(zip(found.people, found.rows, strict=True)), PAGE).get_page(number)
        _audited(user, {person for person, _ in page})  # the people on the page shown
        shown = [row for _, row in page]
        return replace(workings, events=replace(found, rows=shown, people=[], page=page))


def workings_of(scope: Scope, user: User, key: str, page: str = "1") -> Workings | None:
    """How the number ``key`` was worked out; page ``page`` of the events behind it."""
    if key == "cost_avoidance":
        return cost_workings(scope, user, page)
    if key in Valued.values:
        return value_workings(scope, user, Valued(key), page)
    return None
