"""Social return on investment, as arithmetic an evaluator can check by hand.

Pure functions over plain numbers (no database): ``Outcome`` is what was measured and how
it is valued; ``present_value`` follows each outcome over the years it lasts; ``report``
puts them against what the programme cost. The steps, for each outcome:

1. Value in the first year = quantity × financial proxy.
2. Impact = value × (1 − deadweight) × (1 − displacement) × (1 − attribution): what would
   have happened anyway, what was only moved from elsewhere, and what others brought about,
   taken away.
3. Each later year keeps (1 − drop-off) of the year before, for ``duration_years`` years.
4. Year t (from 1) is discounted by the product of 1 / (1 + rate) over years 1 to t, the
   rate for each year from the discount rates (the Green Book's: 3.5% for years 1 to 30,
   3.0% for 31 to 75).

Present value is the sum over outcomes and years; net present value is present value minus
the investment; the ratio is present value over investment ("£x of social value for every
£1"). ``sensitivity`` gives the ratio with each assumption at the low and high end of a
range, the others as set.
"""

from collections.abc import Sequence
from dataclasses import dataclass, replace
from decimal import ROUND_HALF_UP, Decimal

ONE = Decimal(1)
PENNY = Decimal("0.01")


@dataclass(frozen=True)
class Rate:
    """A discount rate for years ``first`` to ``last`` (from 1), inclusive."""

    first: int
    last: int
    rate: Decimal


GREEN_BOOK = (Rate(1, 30, Decimal("0.035")), Rate(31, 75, Decimal("0.030")))


@dataclass(frozen=True)
class Outcome:
    name: str
    quantity: Decimal  # how much of the outcome: people, points of life satisfaction…
    proxy: Decimal  # £ per unit of quantity per year
    deadweight: Decimal = Decimal(0)  # fractions, 0 to 1
    displacement: Decimal = Decimal(0)
    attribution: Decimal = Decimal(0)
    drop_off: Decimal = Decimal(0)
    duration_years: int = 1


@dataclass(frozen=True)
class Year:
    year: int
    value: Decimal  # impact in that year, before discounting
    factor: Decimal  # the discount factor
    present: Decimal  # value × factor


@dataclass(frozen=True)
class OutcomeValue:
    outcome: Outcome
    first_year_value: Decimal  # quantity × proxy
    impact: Decimal  # after deadweight, displacement and attribution
    years: list[Year]

    @property
    def present_value(self) -> Decimal:
        return sum((y.present for y in self.years), Decimal(0))


@dataclass(frozen=True)
class Report:
    investment: Decimal
    outcomes: list[OutcomeValue]
    present_value: Decimal
    net_present_value: Decimal
    ratio: Decimal | None  # None when nothing was invested


def rate_for(year: int, rates: Sequence[Rate]) -> Decimal:
    for r in rates:
        if r.first <= year <= r.last:
            return r.rate
    raise ValueError(f"No discount rate for year {year}: the rates cover {_covered(rates)}")


def _covered(rates: Sequence[Rate]) -> str:
    return ", ".join(f"{r.first} to {r.last}" for r in rates) or "no years"


def present_value(outcome: Outcome, rates: Sequence[Rate] = GREEN_BOOK) -> OutcomeValue:
    first = outcome.quantity * outcome.proxy
    impact = (
        first
        * (ONE - outcome.deadweight)
        * (ONE - outcome.displacement)
        * (ONE - outcome.attribution)
    )
    years, value, factor = [], impact, ONE
    for year in range(1, outcome.duration_years + 1):
        if year > 1:
            value *= ONE - outcome.drop_off
        factor /= ONE + rate_for(year, rates)
        years.append(Year(year, value, factor, value * factor))
    return OutcomeValue(outcome, first, impact, years)


def report(
    investment: Decimal, outcomes: Sequence[Outcome], rates: Sequence[Rate] = GREEN_BOOK
) -> Report:
    valued = [present_value(o, rates) for o in outcomes]
    total = sum((v.present_value for v in valued), Decimal(0))
    return Report(
        investment=investment,
        outcomes=valued,
        present_value=total,
        net_present_value=total - investment,
        ratio=(total / investment) if investment > 0 else None,
    )


def pounds(value: Decimal) -> Decimal:
    return value.quantize(PENNY, ROUND_HALF_UP)


# Sensitivity: each assumption over a range ---------------------------------------------

SHARE_STEP = Decimal("0.10")  # deadweight, displacement, attribution, drop-off: ± 10 points
PROXY_RANGE = (Decimal("0.5"), Decimal("1.5"))  # the financial proxy: half to one and a half
RATE_RANGE = (Decimal("0.015"), Decimal("0.050"))  # one discount rate for every year


@dataclass(frozen=True)
class Sensitivity:
    assumption: str
    low: str  # the assumption at the low end, in words
    high: str
    ratio_low: Decimal | None
    ratio_high: Decimal | None


def sensitivity(
    investment: Decimal, outcomes: Sequence[Outcome], rates: Sequence[Rate] = GREEN_BOOK
) -> list[Sensitivity]:
    """The ratio with one assumption moved to each end of its range, for every outcome at
    once, the rest as set."""

    def ratio(changed: Sequence[Outcome], with_rates: Sequence[Rate] = rates) -> Decimal | None:
        return report(investment, changed, with_rates).ratio

    def share(name: str, field: str) -> Sensitivity:
        def moved(step: Decimal) -> list[Outcome]:
            return [
                replace(o, **{field: min(ONE, max(Decimal(0), getattr(o, field) + step))})
                for o in outcomes
            ]

        return Sensitivity(
            name,
            f"{SHARE_STEP * 100:.0f} points less",
            f"{SHARE_STEP * 100:.0f} points more",
            ratio(moved(-SHARE_STEP)),
            ratio(moved(SHARE_STEP)),
        )

    low, high = PROXY_RANGE
    longest = max((o.duration_years for o in outcomes), default=1)
    return [
        share("Deadweight", "deadweight"),
        share("Displacement", "displacement"),
        share("Attribution", "attribution"),
        share("Drop-off", "drop_off"),
        Sensitivity(
            "Duration",
            "one year shorter (at least 1)",
            "one year longer",
            ratio([replace(o, duration_years=max(1, o.duration_years - 1)) for o in outcomes]),
            ratio([replace(o, duration_years=o.duration_years + 1) for o in outcomes]),
        ),
        Sensitivity(
            "Financial proxies",
            f"× {low}",
            f"× {high}",
            ratio([replace(o, proxy=o.proxy * low) for o in outcomes]),
            ratio([replace(o, proxy=o.proxy * high) for o in outcomes]),
        ),
        Sensitivity(
            "Discount rate",
            f"{RATE_RANGE[0] * 100:.1f}% every year",
            f"{RATE_RANGE[1] * 100:.1f}% every year",
            ratio(outcomes, [Rate(1, longest + 1, RATE_RANGE[0])]),
            ratio(outcomes, [Rate(1, longest + 1, RATE_RANGE[1])]),
        ),
    ]
