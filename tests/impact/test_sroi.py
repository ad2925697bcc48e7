"""SROI arithmetic against an example worked by hand, step by step."""

from decimal import Decimal

import pytest

from alongside.impact.sroi import (
    GREEN_BOOK,
    Outcome,
    pounds,
    present_value,
    rate_for,
    report,
    sensitivity,
)

D = Decimal


def test_a_hand_worked_example():
    # The programme cost £100,000 in the year.
    # Outcome A: life satisfaction rose by 20 points in all (ONS4, people with a baseline and
    # a follow-up), valued at the WELLBY, £13,000 a point a year: 20 x 13,000 = £260,000.
    # Deadweight 25%, attribution 20%, no displacement: 260,000 x 0.75 x 0.8 = £156,000.
    # It lasts 2 years, dropping off by half: year 1 £156,000, year 2 £78,000.
    # Discounted at 3.5%: 156,000 / 1.035 = 150,724.64; 78,000 / 1.035^2 = 72,813.83.
    wellby = Outcome(
        "Life satisfaction",
        D(20),
        D(13000),
        deadweight=D("0.25"),
        attribution=D("0.20"),
        drop_off=D("0.5"),
        duration_years=2,
    )
    # Outcome B: 10 people, £1,000 each, deadweight 50%, one year: 5,000 / 1.035 = 4,830.92.
    connections = Outcome("Connected", D(10), D(1000), deadweight=D("0.5"))
    a = present_value(wellby)
    assert a.first_year_value == D(260000) and a.impact == D(156000)
    assert [y.value for y in a.years] == [D(156000), D(78000)]
    assert [pounds(y.present) for y in a.years] == [D("150724.64"), D("72813.83")]
    result = report(D(100000), [wellby, connections])
    assert pounds(result.present_value) == D("228369.39")  # 150,724.64 + 72,813.83 + 4,830.92
    assert pounds(result.net_present_value) == D("128369.39")
    assert result.ratio.quantize(D("0.01")) == D("2.28")  # £2.28 for every £1


def test_the_green_book_rate_falls_after_thirty_years():
    assert rate_for(30, GREEN_BOOK) == D("0.035") and rate_for(31, GREEN_BOOK) == D("0.030")
    long = present_value(Outcome("Long", D(1), D(1000), duration_years=31))
    expected = D(1000) / (D("1.035") ** 30 * D("1.03"))
    assert abs(long.years[-1].present - expected) < D("0.000001")
    with pytest.raises(ValueError, match="No discount rate for year 76"):
        present_value(Outcome("Too long", D(1), D(1), duration_years=76))


def test_nothing_invested_has_no_ratio():
    assert report(D(0), [Outcome("A", D(1), D(1))]).ratio is None


def test_sensitivity_moves_one_assumption_at_a_time():
    base = [
        Outcome(
            "A",
            D(10),
            D(1000),
            deadweight=D("0.2"),
            attribution=D("0.1"),
            drop_off=D("0.3"),
            duration_years=3,
        )
    ]
    ratio = report(D(5000), base).ratio
    found = {s.assumption: s for s in sensitivity(D(5000), base)}
    assert found["Deadweight"].ratio_low > ratio > found["Deadweight"].ratio_high
    assert found["Duration"].ratio_low < ratio < found["Duration"].ratio_high
    assert found["Financial proxies"].ratio_low == ratio * D("0.5")
    assert found["Discount rate"].ratio_low > found["Discount rate"].ratio_high
    # Deadweight at 0.2 - 0.1 = 0.1: 10 x 1,000 x 0.9 x 0.9 = 8,100 in year 1.
    low = report(
        D(5000),
        [
            Outcome(
                "A",
                D(10),
                D(1000),
                deadweight=D("0.1"),
                attribution=D("0.1"),
                drop_off=D("0.3"),
                duration_years=3,
            )
        ],
    ).ratio
    assert found["Deadweight"].ratio_low == low
