"""Social value for a dashboard's areas and period: what was measured (counted by the
database), valued with the financial proxies an administrator keeps, through ``sroi``.

A value is claimed only for an outcome that lasted: life satisfaction from a baseline to a
follow-up 3 months or more later, connections and contributions still going at 3 months.
Outcomes with no financial proxy are not valued (the dashboard counts them).
"""

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.db.models import Count, F, FloatField, OuterRef, Q, QuerySet, Subquery, Sum
from django.db.models.fields.json import KeyTextTransform, KeyTransform
from django.db.models.functions import Cast

from alongside.connections.models import Connection, Contribution
from alongside.outcomes.models import MeasureResponse
from alongside.people.models import Person

from . import sroi
from .costs import pounds
from .figures import Scope, live
from .models import DiscountRate, FinancialProxy, PriceIndex, ProgrammeCost, Valued
from .suppression import HIDDEN_IN_TABLES, SUPPRESS_BELOW

LASTED = timedelta(days=91)  # 3 months
HUNDRED = Decimal(100)


@dataclass(frozen=True)
class Measured:
    quantity: Decimal  # what is valued: points, connections, contributions
    people: int  # how many people (or connections) are behind it, for small numbers


def life_satisfaction_measured(scope: Scope, *, with_days: bool = False) -> QuerySet[Person]:
    """The people with a first complete ONS4 (the baseline) and a later one in the period at
    least 3 months after it, each with ``base_on``, ``base`` and ``latest`` (and, with
    ``with_days``, ``latest_on``)."""
    complete = MeasureResponse.objects.filter(
        person=OuterRef("pk"), measure="ons4", complete=True, deleted_at__isnull=True
    )
    score = Cast(KeyTextTransform("value", KeyTransform("0", "scores")), FloatField())
    first = complete.order_by("taken_on", "id")
    later = complete.filter(taken_on__gte=scope.start, taken_on__lte=scope.end)
    follow_up = later.filter(taken_on__gte=OuterRef("base_on") + LASTED).order_by(
        "-taken_on", "-id"
    )
    in_period = MeasureResponse.objects.filter(
        measure="ons4",
        complete=True,
        deleted_at__isnull=True,
        taken_on__gte=scope.start,
        taken_on__lte=scope.end,
    )
    measured = (
        Person.objects.live()
        .filter(scope.in_areas())
        # Only people measured in the period: the subqueries below run for them alone.
        .filter(pk__in=in_period.values("person"))
        .annotate(
            base_on=Subquery(first.values("taken_on")[:1]),
            base=Subquery(first.annotate(v=score).values("v")[:1]),
        )
        .annotate(latest=Subquery(follow_up.annotate(v=score).values("v")[:1]))
        .filter(base__isnull=False, latest__isnull=False)
    )
    if with_days:
        measured = measured.annotate(latest_on=Subquery(follow_up.values("taken_on")[:1]))
    return measured


def life_satisfaction(scope: Scope) -> Measured:
    """Points of life satisfaction (ONS4's first question, 0 to 10) gained, in all, by the
    people with a first complete ONS4 (the baseline) and a later one in the period at least
    3 months after it: their latest minus their baseline, added up (falls included), not
    below nothing."""
    people: QuerySet = life_satisfaction_measured(scope)
    measured = (  # distinct(): counted over a subquery, each person's responses found once
        people.order_by()
        .values("pk", "base", "latest")
        .distinct()
        .aggregate(n=Count("pk"), gained=Sum(F("latest") - F("base")))
    )
    gained = Decimal(str(measured["gained"] or 0)).quantize(Decimal("0.01"))
    return Measured(max(gained, Decimal(0)), measured["n"])


def connections_sustained_measured(scope: Scope) -> QuerySet[Connection]:
    """Connections that reached 3 months, still going, in the period."""
    return live(Connection.objects.filter(scope.dated("sustained_on")), scope)


def contributions_sustained_measured(scope: Scope) -> QuerySet[Contribution]:
    """Contributions that reached 3 months in the period and had not stopped by then."""
    return live(
        Contribution.objects.filter(since__gte=scope.start - LASTED, since__lte=scope.end - LASTED),
        scope,
    ).filter(Q(ended_on__isnull=True) | Q(ended_on__gte=F("since") + LASTED))


def connections_sustained(scope: Scope) -> Measured:
    n = connections_sustained_measured(scope).count()
    return Measured(Decimal(n), n)


def contributions_sustained(scope: Scope) -> Measured:
    n = contributions_sustained_measured(scope).count()
    return Measured(Decimal(n), n)


MEASURED = {
    Valued.LIFE_SATISFACTION: life_satisfaction,
    Valued.CONNECTION_SUSTAINED: connections_sustained,
    Valued.CONTRIBUTION_SUSTAINED: contributions_sustained,
}


def investment(start: date, end: date) -> Decimal:
    """The programme's costs, each by its share of days inside ``start`` to ``end``."""
    total = Decimal(0)
    for cost in ProgrammeCost.objects.filter(start__lte=end, end__gte=start):
        days = (cost.end - cost.start).days + 1
        inside = (min(cost.end, end) - max(cost.start, start)).days + 1
        total += cost.amount_gbp * inside / days
    return total.quantize(sroi.PENNY)


def discount_rates() -> list[sroi.Rate]:
    rows = DiscountRate.objects.filter(active=True).order_by("first_year")
    found = [sroi.Rate(r.first_year, r.last_year, r.rate_percent / HUNDRED) for r in rows]
    return found or list(sroi.GREEN_BOOK)


@dataclass(frozen=True)
class Line:
    name: str
    quantity: str
    proxy: FinancialProxy
    value: Decimal  # the proxy at the report's prices (or its own)
    price_year: str
    first_year: str
    impact: str
    present_value: str
    present: Decimal | None  # the present value, for the chart (None: hidden)
    hidden: bool
    worked: sroi.OutcomeValue  # each step of the arithmetic (show only if not hidden)
    index_words: str  # how the proxy was put into the report's prices, if it was


@dataclass(frozen=True)
class SocialValue:
    price_year: str
    investment: Decimal
    lines: list[Line]
    present_value: str
    net_present_value: str
    ratio: str
    sensitivity: list[tuple[str, str, str, str, str]]  # assumption, low, high, ratio low, high
    notes: list[str]

    key = "social_value"
    title = "Social value"
    how = (
        "Each outcome that lasted, times its financial proxy, less deadweight, displacement "
        "and attribution, over the years it lasts (dropping off each year), discounted at the "
        "Green Book's rates; then the present value of them all against what the programme "
        "cost in the period."
    )

    @property
    def empty(self) -> bool:
        return not self.lines

    def spreadsheet_rows(self) -> list[list]:
        rows: list[list] = [
            [
                "Outcome",
                "Quantity",
                "Proxy (£ a unit a year)",
                "Price year",
                "Source",
                "Licence",
                "Deadweight %",
                "Displacement %",
                "Attribution %",
                "Drop-off %",
                "Years",
                "Value in the first year",
                "Impact in the first year",
                "Present value",
            ]
        ]
        for line in self.lines:
            p = line.proxy
            rows.append(
                [
                    line.name,
                    line.quantity,
                    line.value,
                    line.price_year,
                    p.source,
                    p.licence,
                    p.deadweight_percent,
                    p.displacement_percent,
                    p.attribution_percent,
                    p.drop_off_percent,
                    p.duration_years,
                    line.first_year,
                    line.impact,
                    line.present_value,
                ]
            )
        rows += [
            ["Investment", self.investment],
            ["Present value", self.present_value],
            ["Net present value", self.net_present_value],
            ["Social value for every £1", self.ratio],
            *(["Note", note] for note in self.notes),
        ]
        return rows


def money(value: Decimal) -> str:
    """Pounds and pence, as ``costs.pounds`` writes them."""
    return pounds(sroi.pounds(value))


def _ratio(value: Decimal | None) -> str:
    return "no investment recorded" if value is None else f"£{value.quantize(sroi.PENNY)}"


def social_value(scope: Scope) -> SocialValue:
    year = scope.prices
    indices = dict(PriceIndex.objects.values_list("year", "index"))
    spent = investment(scope.start, scope.end)
    rates = discount_rates()
    notes, outcomes, lines_in = [], [], []
    any_hidden = False
    for proxy in FinancialProxy.objects.filter(active=True).order_by("outcome"):
        measured = MEASURED[Valued(proxy.outcome)](scope)
        value, price_year, index_words = proxy.value_gbp, proxy.price_year, ""
        if proxy.price_year in indices and year in indices:
            value = (value * indices[year] / indices[proxy.price_year]).quantize(sroi.PENNY)
            price_year = year
            index_words = (
                f"£{proxy.value_gbp:,} at {proxy.price_year} prices × {indices[year]} "
                f"({year}'s price index) ÷ {indices[proxy.price_year]} ({proxy.price_year}'s) "
                f"= £{value:,} at {year} prices"
            )
        else:
            notes.append(
                f"{proxy.get_outcome_display()}: valued at {proxy.price_year} prices (the price "
                f"index has no {' or '.join(_missing(indices, proxy.price_year, year))})."
            )
        outcome = sroi.Outcome(
            name=proxy.get_outcome_display(),
            quantity=measured.quantity,
            proxy=value,
            deadweight=proxy.deadweight_percent / HUNDRED,
            displacement=proxy.displacement_percent / HUNDRED,
            attribution=proxy.attribution_percent / HUNDRED,
            drop_off=proxy.drop_off_percent / HUNDRED,
            duration_years=proxy.duration_years,
        )
        hidden = scope.suppress and 0 < measured.people < SUPPRESS_BELOW
        any_hidden |= hidden
        if not (
            proxy.deadweight_percent or proxy.attribution_percent or proxy.displacement_percent
        ):
            notes.append(
                f"{outcome.name}: deadweight, displacement and attribution are all 0, so all of "
                "it is claimed. Set them in the administration pages from your evaluation."
            )
        outcomes.append(outcome)
        lines_in.append((proxy, outcome, value, price_year, hidden, index_words))
    result = sroi.report(spent, outcomes, rates)
    lines = []
    for (proxy, outcome, value, price_year, hidden, index_words), valued in zip(
        lines_in, result.outcomes, strict=True
    ):
        shown = _hider(hidden)
        lines.append(
            Line(
                name=outcome.name,
                quantity=shown(f"{outcome.quantity:,}"),
                proxy=proxy,
                value=value,
                price_year=price_year,
                first_year=shown(money(valued.first_year_value)),
                impact=shown(money(valued.impact)),
                present_value=shown(money(valued.present_value)),
                present=None if hidden else valued.present_value,
                hidden=hidden,
                worked=valued,
                index_words=index_words,
            )
        )
    if not spent:
        notes.append(
            "No programme cost is recorded for this period: add it in the administration pages."
        )
    if any_hidden:
        notes.append(
            "An outcome with fewer than 5 people behind it is hidden, and so are the totals "
            "that include it."
        )
    totals = _hider(any_hidden)
    return SocialValue(
        price_year=year,
        investment=spent,
        lines=lines,
        present_value=totals(money(result.present_value)),
        net_present_value=totals(money(result.net_present_value)),
        ratio=totals(_ratio(result.ratio)),
        sensitivity=[
            (s.assumption, s.low, s.high, totals(_ratio(s.ratio_low)), totals(_ratio(s.ratio_high)))
            for s in (sroi.sensitivity(spent, outcomes, rates) if outcomes and spent else [])
        ],
        notes=notes,
    )


def _missing(indices: dict, *years: str) -> list[str]:
    return [y for y in dict.fromkeys(years) if y not in indices]


def _hider(hidden: bool):
    """What shows a number: the number, or ``HIDDEN_IN_TABLES``."""

    def shown(words: str) -> str:
        return HIDDEN_IN_TABLES if hidden else words

    return shown
