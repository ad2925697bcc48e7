"""Cost avoidance: crises avoided, each kind at its unit cost, put into one year's prices.

For each kind of crisis avoided in the period: how many at each level of confidence, its
unit cost with its source and price year, and what they would have cost, at the report's
price year where the price index has both years (``PriceIndex``; otherwise at the unit
cost's own prices, and the report says which years are missing). The sum over crises a
service confirmed is given on its own: the figure to lead with.

Small numbers: a cost is counts times a known unit cost, so it gives its counts away. For
someone who may not see the people behind the figures, a cost is shown only when none of
the counts behind it is hidden (``suppression.table`` decides which counts are).
"""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Sum
from django.db.models.functions import Coalesce

from alongside.outcomes.models import Confidence, CrisisAvoided, UnitCost

from .figures import Scope, live
from .models import PriceIndex
from .suppression import HIDDEN_IN_TABLES, Table, table

PENNY = Decimal("0.01")


@dataclass(frozen=True)
class CostRow:
    code: str
    kind: str
    unit: str
    unit_cost: Decimal | None  # at the report's prices (or its own, when not indexed)
    price_year: str
    source: str
    counts: list[str]  # as shown, one for each confidence level, then confirmed
    cost: str  # what they would have cost, as shown


@dataclass(frozen=True)
class CostAvoidance:
    price_year: str
    indexed: bool
    missing_years: list[str]
    levels: list[str]
    rows: list[CostRow]
    by_level: list[Decimal | None]  # cost avoided at each level of confidence (None: hidden)
    total: Decimal | None
    confirmed: Decimal | None  # cost avoided over crises a service confirmed
    no_cost: list[str]  # kinds with no sourced unit cost: counted, never costed
    table: Table

    key = "cost_avoidance"
    title = "Cost avoidance: what the crises avoided would have cost"

    @property
    def how(self) -> str:
        prices = (
            f"at {self.price_year} prices (each unit cost put into them with the price index)"
            if self.indexed
            else "at each unit cost's own prices: the price index has no "
            + " or ".join(self.missing_years)
            + ", so they are not put into one year's prices"
        )
        return (
            "Each crisis avoided in the period (likely without support, and it did not "
            "happen), counting its quantity, times the unit cost of that kind of crisis, "
            f"{prices}. By the coordinator's confidence that it would otherwise have happened; "
            "and, on its own, over the crises a service confirmed. Kinds with no sourced unit "
            "cost are counted, never costed."
        )

    @property
    def empty(self) -> bool:
        return not self.rows

    def spreadsheet_rows(self) -> list[list]:
        rows: list[list] = [
            [
                "Kind of crisis",
                "Unit",
                "Unit cost (£)",
                "Price year",
                "Source",
                *self.levels,
                "Confirmed by a service",
                "Cost avoided",
            ]
        ]
        for r in self.rows:
            rows.append([r.kind, r.unit, r.unit_cost, r.price_year, r.source, *r.counts, r.cost])
        rows.append(
            [
                "Cost avoided",
                "",
                "",
                "",
                "",
                *self.by_level_shown,
                self.confirmed_shown,
                self.total_shown,
            ]
        )
        return rows

    @property
    def by_level_shown(self) -> list[str]:
        return [pounds(v) for v in self.by_level]

    @property
    def total_shown(self) -> str:
        return pounds(self.total)

    @property
    def confirmed_shown(self) -> str:
        return pounds(self.confirmed)


def pounds(value: Decimal | None) -> str:
    return HIDDEN_IN_TABLES if value is None else f"£{value:,}"


def cost_avoidance(scope: Scope) -> CostAvoidance:
    year = scope.prices
    avoided = live(CrisisAvoided.objects.filter(scope.dated("on")), scope)
    levels = list(Confidence.choices)
    quantity = Coalesce(Sum("quantity"), 0)
    found: dict[int, dict[str, int]] = {}
    for row in avoided.order_by().values("likely_event", "confidence").annotate(n=quantity):
        found.setdefault(row["likely_event"], {})[row["confidence"]] = row["n"]
    confirmed = dict(
        avoided.exclude(confirmed_by="")
        .order_by()
        .values("likely_event")
        .annotate(n=quantity)
        .values_list("likely_event", "n")
    )
    kinds = list(UnitCost.objects.filter(pk__in=list(found)).order_by("description"))
    # Counts: one column a level of confidence; and, apart, confirmed or not.
    counts = table(
        [[found[k.pk].get(level, 0) for level, _ in levels] for k in kinds],
        suppress=scope.suppress,
        columns=len(levels),
    )
    confirmed_table = table(
        [
            [confirmed.get(k.pk, 0), sum(found[k.pk].values()) - confirmed.get(k.pk, 0)]
            for k in kinds
        ],
        suppress=scope.suppress,
        columns=2,
    )
    indices = dict(PriceIndex.objects.values_list("year", "index"))
    years = {k.price_year for k in kinds if k.cost_gbp is not None}
    missing = sorted(y for y in years | {year} if y not in indices)
    indexed = not missing

    def at_report_prices(kind: UnitCost) -> Decimal | None:
        if kind.cost_gbp is None:
            return None
        if not indexed:
            return kind.cost_gbp
        return (kind.cost_gbp * indices[year] / indices[kind.price_year]).quantize(PENNY)

    unit = {k.pk: at_report_prices(k) for k in kinds}

    def amount(cells: list[tuple[int, int]], t: Table) -> Decimal | None:
        """The cost of the counts at ``cells`` (row, column) of ``t``: None when any of
        them is hidden."""
        if any(t.hidden[r][c] for r, c in cells):
            return None
        total = Decimal(0)
        for r, c in cells:
            total += t.cells[r][c] * (unit[kinds[r].pk] or Decimal(0))
        return total.quantize(Decimal(1), ROUND_HALF_UP)

    costed = [r for r, k in enumerate(kinds) if unit[k.pk] is not None]
    rows = []
    for r, kind in enumerate(kinds):
        shown = [
            HIDDEN_IN_TABLES if counts.hidden[r][c] else f"{counts.cells[r][c]:,}"
            for c in range(len(levels))
        ]
        shown.append(
            HIDDEN_IN_TABLES if confirmed_table.hidden[r][0] else f"{confirmed_table.cells[r][0]:,}"
        )
        rows.append(
            CostRow(
                code=kind.code,
                kind=kind.description,
                unit=kind.unit,
                unit_cost=unit[kind.pk],
                price_year=year if indexed and kind.cost_gbp is not None else kind.price_year,
                source=kind.source,
                counts=shown,
                cost=(
                    pounds(amount([(r, c) for c in range(len(levels))], counts))
                    if unit[kind.pk] is not None
                    else "no unit cost"
                ),
            )
        )
    return CostAvoidance(
        price_year=year,
        indexed=indexed,
        missing_years=missing,
        levels=[label for _, label in levels],
        rows=rows,
        by_level=[amount([(r, c) for r in costed], counts) for c in range(len(levels))],
        total=amount([(r, c) for r in costed for c in range(len(levels))], counts),
        confirmed=amount([(r, 0) for r in costed], confirmed_table),
        no_cost=[k.description for k in kinds if k.cost_gbp is None],
        table=counts,
    )
